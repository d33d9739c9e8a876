import * as assert from 'node:assert/strict';
import { KeyStore } from '../../../src/core/keychain/keyStore';
import type { ValidationResult } from '../../../src/core/keychain/metadata';
import type { Slot } from '../../../src/core/vocabulary/slot';
import { RotationError, RotationMachine, Validator } from '../../../src/core/rotation';
import { assertNoValues, Fixture, fixture, randomKey } from '../keychain/helpers';

const ref = { service: 'billing-api', environment: 'dev' };

/** A provider that knows which keys it accepts; the validator probes the key in a slot. */
class FakeProvider {
  readonly valid = new Set<string>();
  constructor(private readonly store: () => KeyStore) {}
  issue(): string {
    const key = randomKey();
    this.valid.add(key);
    return key;
  }
  validator(override?: ValidationResult): Validator {
    return {
      validate: async (service: string, environment: string, slot: Slot) => {
        if (override) return override;
        const value = await this.store().read({ service, environment }, slot);
        return value !== undefined && this.valid.has(value) ? { ok: true, outcome: 'valid' } : { ok: false, outcome: 'rejected', detail: 'HTTP 401' };
      },
    };
  }
}

describe('RotationMachine', () => {
  let f: Fixture;
  let provider: FakeProvider;
  let machine: RotationMachine;
  let oldKey: string;
  const machineNow = () => new RotationMachine(f.store(), { provider: () => ({ name: 'Acme', url: 'https://acme.example/keys' }) });
  beforeEach(async () => {
    f = fixture();
    provider = new FakeProvider(() => f.store());
    oldKey = provider.issue();
    await f.store().add(ref, 'primary', oldKey);
    machine = machineNow();
  });
  afterEach(() => {
    assertNoValues(f.persisted(), [...provider.valid]);
    f.cleanup();
  });

  async function slots(): Promise<{ primary?: string; fallback?: string; previous?: string }> {
    const store = f.store();
    const out: Record<string, string> = {};
    for (const slot of ['primary', 'fallback', 'previous'] as const) {
      const v = await store.read(ref, slot);
      if (v !== undefined) out[slot] = v;
    }
    return out;
  }

  async function runTo(stage: string): Promise<string> {
    const newKey = provider.issue();
    const order = ['new-key', 'added-as-fallback', 'deployed', 'promoted', 'old-key-removed'];
    const actions = [
      () => machine.start(ref),
      () => machine.addNewKey(ref, newKey),
      () => machine.markDeployed(ref),
      () => machine.promote(ref, provider.validator()),
      () => machine.removeOldKey(ref, provider.validator()),
    ];
    for (let i = 0; i <= order.indexOf(stage); i++) await actions[i]!();
    assert.equal((await machine.status(ref)).stage, stage);
    return newKey;
  }

  it('starts idle with five titled steps, the first next', async () => {
    const status = await machine.status(ref);
    assert.equal(status.stage, 'idle');
    assert.deepEqual(status.steps.map((s) => s.title), [
      '1. Get a new key from Acme',
      '2. Add it as the fallback',
      '3. Deploy it to dev',
      '4. Promote the fallback to primary',
      '5. Remove the old key',
    ]);
    assert.match(status.steps[0]!.description, /acme\.example/);
    assert.equal(status.next!.number, 1);
    assert.equal(status.rollbackTo, undefined);
  });

  it('walks every step, with the slots the guide describes', async () => {
    await machine.start(ref);
    assert.deepEqual(await slots(), { primary: oldKey });
    const newKey = provider.issue();
    await machine.addNewKey(ref, newKey);
    assert.deepEqual(await slots(), { primary: oldKey, fallback: newKey });
    await machine.markDeployed(ref);
    assert.deepEqual(await slots(), { primary: oldKey, fallback: newKey });
    await machine.promote(ref, provider.validator());
    assert.deepEqual(await slots(), { primary: newKey, previous: oldKey });
    const done = await machine.removeOldKey(ref, provider.validator());
    assert.equal(done.stage, 'old-key-removed');
    assert.ok(done.slots.previous!.retiredAt);
    assert.equal(done.record!.validation!.outcome, 'valid');
    assert.deepEqual(done.steps.map((s) => s.state), ['done', 'done', 'done', 'done', 'done']);
    assert.deepEqual(done.record!.history.map((h) => h.to), ['new-key', 'added-as-fallback', 'deployed', 'promoted', 'old-key-removed']);
    // The old key stays until purged; then a new rotation may start.
    assert.deepEqual(await slots(), { primary: newKey, previous: oldKey });
    await assert.rejects(machine.start(ref), /purge/);
    await f.store().purge(ref);
    assert.equal((await machine.start(ref)).stage, 'new-key');
  });

  const rollbackCases: Array<[string, string, (newKey: string) => object]> = [
    ['new-key', 'idle', () => ({ primary: oldKey })],
    ['added-as-fallback', 'new-key', (n) => ({ primary: oldKey, previous: n })],
    ['deployed', 'added-as-fallback', (n) => ({ primary: oldKey, fallback: n })],
    ['promoted', 'deployed', (n) => ({ primary: oldKey, fallback: n })],
    ['old-key-removed', 'promoted', (n) => ({ primary: n, previous: oldKey })],
  ];
  for (const [from, to, expected] of rollbackCases) {
    it(`rolls back from ${from} to ${to}, restoring the keys`, async () => {
      const newKey = await runTo(from);
      const status = await machine.rollback(ref);
      assert.equal(status.stage, to);
      assert.deepEqual(await slots(), expected(newKey));
      if (from === 'old-key-removed') assert.equal(status.slots.previous!.retiredAt, undefined);
    });
  }

  it('after rolling back step 2, the same new key can be added again (it comes back from previous)', async () => {
    const newKey = await runTo('added-as-fallback');
    await machine.rollback(ref);
    await assert.rejects(machine.addNewKey(ref, provider.issue()), (e: unknown) => e instanceof RotationError && e.reason === 'precondition');
    await machine.addNewKey(ref, newKey);
    assert.deepEqual(await slots(), { primary: oldKey, fallback: newKey });
  });

  it('takes a fallback added before the rotation as the new key and continues at step 3', async () => {
    const newKey = provider.issue();
    await f.store().add(ref, 'fallback', newKey);
    await assert.rejects(machine.start(ref), /already has a fallback/);
    const status = await machine.adoptFallback(ref);
    assert.equal(status.stage, 'added-as-fallback');
    assert.equal(status.next!.number, 3);
    assert.deepEqual(await slots(), { primary: oldKey, fallback: newKey });
    await machine.markDeployed(ref);
    await machine.promote(ref, provider.validator());
    assert.equal((await machine.removeOldKey(ref, provider.validator())).stage, 'old-key-removed');
    assert.deepEqual(await slots(), { primary: newKey, previous: oldKey });
  });

  it('adopting a fallback is refused mid-rotation, without a fallback, or when it is the primary key', async () => {
    await assert.rejects(machine.adoptFallback(ref), /no fallback/);
    const twice = { service: 'maps-api', environment: 'dev' };
    await f.store().add(twice, 'primary', oldKey);
    await f.store().add(twice, 'fallback', oldKey);
    await assert.rejects(machine.adoptFallback(twice), /same key as its primary/);
    await f.store().add(ref, 'fallback', provider.issue());
    await machine.adoptFallback(ref);
    await assert.rejects(machine.adoptFallback(ref), (e: unknown) => e instanceof RotationError && e.reason === 'wrong-stage');
    // A rollback parks the adopted key in previous, never dropping it.
    assert.equal((await machine.rollback(ref)).stage, 'new-key');
    assert.equal((await slots()).primary, oldKey);
    assert.ok((await slots()).previous);
  });

  it('abort rolls back all the way to the original keys', async () => {
    await runTo('promoted');
    assert.equal((await machine.abort(ref)).stage, 'idle');
    const s = await slots();
    assert.equal(s.primary, oldKey);
  });

  it('resumes after a restart (new store and machine on the same files)', async () => {
    const newKey = await runTo('deployed');
    const resumed = machineNow();
    const status = await resumed.status(ref);
    assert.equal(status.stage, 'deployed');
    assert.equal(status.next!.title, '4. Promote the fallback to primary');
    await resumed.promote(ref);
    assert.deepEqual(await slots(), { primary: newKey, previous: oldKey });
    assert.equal((await machineNow().rollback(ref)).stage, 'deployed');
  });

  it('refuses to remove the old key before a validation of the new primary succeeded', async () => {
    await runTo('promoted');
    for (const outcome of ['rejected', 'rate-limited', 'unknown']) {
      await assert.rejects(machine.removeOldKey(ref, provider.validator({ ok: false, outcome })), (e: unknown) => e instanceof RotationError && e.reason === 'validation-failed' && e.message.includes(outcome));
    }
    const throwing: Validator = { validate: async () => Promise.reject(new Error('network down')) };
    await assert.rejects(machine.removeOldKey(ref, throwing), /network down/);
    const status = await machine.status(ref);
    assert.equal(status.stage, 'promoted');
    assert.equal(status.slots.previous!.retiredAt, undefined);
    assert.equal(status.slots.primary!.lastValidation!.outcome, 'unknown');
  });

  it('refuses to promote a fallback the provider rejects, when given a validator', async () => {
    await machine.start(ref);
    await machine.addNewKey(ref, randomKey()); // never issued: the provider rejects it
    await machine.markDeployed(ref);
    await assert.rejects(machine.promote(ref, provider.validator()), (e: unknown) => e instanceof RotationError && e.reason === 'validation-failed');
    assert.equal((await slots()).primary, oldKey);
  });

  it('refuses steps out of order and steps whose keys were changed outside the rotation', async () => {
    await assert.rejects(machine.promote(ref), (e: unknown) => e instanceof RotationError && e.reason === 'wrong-stage');
    await assert.rejects(machine.rollback(ref), (e: unknown) => e instanceof RotationError && e.reason === 'wrong-stage');
    await runTo('added-as-fallback');
    await assert.rejects(machine.start(ref), (e: unknown) => e instanceof RotationError && e.reason === 'wrong-stage');
    await f.store().replace(ref, 'fallback', provider.issue());
    await assert.rejects(machine.markDeployed(ref), (e: unknown) => e instanceof RotationError && e.reason === 'precondition');
  });

  it('refuses the current primary as the "new" key, and a rotation without a primary', async () => {
    await machine.start(ref);
    await assert.rejects(machine.addNewKey(ref, oldKey), /current primary/);
    await assert.rejects(new RotationMachine(f.store()).start({ service: 'other', environment: 'dev' }), /no primary/);
  });

  it('a keychain failure during a step leaves the stage and keys as they were', async () => {
    await runTo('deployed');
    const before = await slots();
    f.keychain.failOn('set', 2);
    await assert.rejects(machine.promote(ref));
    assert.equal((await machine.status(ref)).stage, 'deployed');
    assert.deepEqual(await slots(), before);
  });
});
