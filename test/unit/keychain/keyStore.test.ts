import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyStoreError } from '../../../src/core/keychain/keyStore';
import { KeychainError } from '../../../src/core/keychain/port';
import { assertNoValues, Fixture, fixture, randomKey } from './helpers';

const ref = { service: 'billing-api', environment: 'dev' };

describe('KeyStore', () => {
  let f: Fixture;
  const values: string[] = [];
  const key = (): string => {
    const v = randomKey();
    values.push(v);
    return v;
  };
  beforeEach(() => {
    f = fixture();
    values.length = 0;
  });
  afterEach(() => {
    assertNoValues(f.persisted(), values);
    f.cleanup();
  });

  it('adds a key: value in the keychain, fingerprint and time in metadata', async () => {
    const store = f.store();
    const a = key();
    const meta = await store.add(ref, 'primary', a, { envVars: { primary: 'B_PRIMARY', fallback: 'B_FALLBACK', plain: 'B' } });
    assert.match(meta.fingerprint, /^rk1:/);
    assert.equal(await store.read(ref, 'primary'), a);
    const [entry] = await f.store().list();
    assert.equal(entry!.slots.primary!.fingerprint, meta.fingerprint);
    assert.equal(entry!.envVars!.plain, 'B');
    await assert.rejects(store.add(ref, 'primary', key()), (e: unknown) => e instanceof KeyStoreError && e.reason === 'occupied');
  });

  it('replace moves the old key to previous, and swapWithPrevious undoes it', async () => {
    const store = f.store();
    const [a, b] = [key(), key()];
    await store.add(ref, 'primary', a);
    await store.replace(ref, 'primary', b);
    assert.equal(await store.read(ref, 'primary'), b);
    assert.equal(await store.read(ref, 'previous'), a);
    await assert.rejects(store.replace(ref, 'primary', key()), (e: unknown) => e instanceof KeyStoreError && e.reason === 'previous-occupied');
    await store.swapWithPrevious(ref, 'primary');
    assert.equal(await store.read(ref, 'primary'), a);
    assert.equal(await store.read(ref, 'previous'), b);
  });

  it('delete moves to previous, restore brings it back, purge is the only drop', async () => {
    const store = f.store();
    const a = key();
    await store.add(ref, 'fallback', a);
    await store.delete(ref, 'fallback');
    assert.equal(await store.read(ref, 'fallback'), undefined);
    assert.equal(await store.read(ref, 'previous'), a);
    await store.restore(ref, 'fallback');
    assert.equal(await store.read(ref, 'fallback'), a);
    await store.delete(ref, 'fallback');
    await store.purge(ref);
    assert.equal(f.keychain.entries.size, 0);
    assert.deepEqual((await store.info(ref)).slots, {});
  });

  it('promote: fallback → primary, old primary → previous; demote restores both', async () => {
    const store = f.store();
    const [a, b] = [key(), key()];
    await store.add(ref, 'primary', a);
    await store.add(ref, 'fallback', b);
    const before = await store.info(ref);
    await store.promote(ref);
    assert.deepEqual(await store.readForInjection(ref), { primary: b });
    assert.equal(await store.read(ref, 'previous'), a);
    const after = await store.info(ref);
    assert.equal(after.slots.primary!.fingerprint, before.slots.fallback!.fingerprint);
    assert.equal(after.slots.previous!.addedAt, before.slots.primary!.addedAt);
    await store.demote(ref);
    assert.deepEqual(await store.readForInjection(ref), { primary: a, fallback: b });
  });

  it('writes values before removing anything, so every key is always in some slot', async () => {
    const store = f.store();
    const [a, b] = [key(), key()];
    await store.add(ref, 'primary', a);
    await store.add(ref, 'fallback', b);
    f.keychain.calls.length = 0;
    await store.promote(ref);
    const mutations = f.keychain.calls.filter((c) => !c.startsWith('get'));
    assert.deepEqual(mutations, ['set ws-test/billing-api/dev/previous', 'set ws-test/billing-api/dev/primary', 'delete ws-test/billing-api/dev/fallback']);
  });

  for (const nth of [1, 2]) {
    it(`a keychain failure at write ${nth} of a promotion undoes the earlier writes`, async () => {
      const store = f.store();
      const [a, b] = [key(), key()];
      await store.add(ref, 'primary', a);
      await store.add(ref, 'fallback', b);
      const metaBefore = await store.info(ref);
      f.keychain.failOn('set', nth);
      await assert.rejects(store.promote(ref), KeychainError);
      assert.deepEqual(await store.readForInjection(ref), { primary: a, fallback: b });
      assert.equal(await store.read(ref, 'previous'), undefined);
      assert.deepEqual(await store.info(ref), metaBefore);
    });
  }

  it('a failing delete in a promotion undoes the writes too', async () => {
    const store = f.store();
    const [a, b] = [key(), key()];
    await store.add(ref, 'primary', a);
    await store.add(ref, 'fallback', b);
    f.keychain.failOn('delete', 1);
    await assert.rejects(store.promote(ref), KeychainError);
    assert.deepEqual(await store.readForInjection(ref), { primary: a, fallback: b });
    assert.equal(await store.read(ref, 'previous'), undefined);
  });

  it('a locked keychain refuses with a KeychainError and loses nothing', async () => {
    const store = f.store();
    const a = key();
    await store.add(ref, 'primary', a);
    f.keychain.fail = 'locked';
    for (const op of [() => store.replace(ref, 'primary', key()), () => store.delete(ref, 'primary'), () => store.read(ref, 'primary'), () => store.add(ref, 'fallback', key())]) {
      await assert.rejects(op, (e: unknown) => e instanceof KeychainError && e.reason === 'locked' && !values.some((v) => e.message.includes(v)));
    }
    f.keychain.fail = undefined;
    assert.equal(await store.read(ref, 'primary'), a);
    assert.deepEqual(Object.keys((await store.info(ref)).slots), ['primary']);
  });

  it('a failed verification leaves metadata unchanged and the slot undone', async () => {
    const store = f.store();
    const a = key();
    await store.add(ref, 'primary', a);
    f.keychain.failOn('set', 1, 'verify-fails');
    await assert.rejects(store.replace(ref, 'primary', key()), (e: unknown) => e instanceof KeychainError && e.reason === 'verify-failed');
    assert.equal(await store.read(ref, 'primary'), a);
    assert.equal(await store.read(ref, 'previous'), undefined);
  });

  it('notices a key missing from the keychain instead of treating it as empty', async () => {
    const store = f.store();
    await store.add(ref, 'primary', key());
    f.keychain.entries.clear();
    await assert.rejects(store.read(ref, 'primary'), (e: unknown) => e instanceof KeyStoreError && e.reason === 'missing-in-keychain');
    await assert.rejects(store.delete(ref, 'primary'), (e: unknown) => e instanceof KeyStoreError && e.reason === 'missing-in-keychain');
    assert.deepEqual((await store.check(ref)).map((c) => c.state), ['missing-in-keychain', 'empty', 'empty']);
  });

  it('records validations; metadata is written atomically (no temp file left) and holds no value', async () => {
    const store = f.store();
    const a = key();
    await store.add(ref, 'primary', a);
    await store.recordValidation(ref, 'primary', { ok: false, outcome: 'rejected', detail: 'HTTP 401' });
    const meta = (await store.info(ref)).slots.primary!;
    assert.equal(meta.lastValidation!.outcome, 'rejected');
    assert.ok(meta.lastValidatedAt);
    assert.deepEqual(readdirSync(dirname(f.metadataPath)), ['keys.json']);
  });

  it('rejects names that would break the account format', async () => {
    await assert.rejects(f.store().add({ service: 'a/b', environment: 'dev' }, 'primary', key()), (e: unknown) => e instanceof KeyStoreError && e.reason === 'invalid-name');
  });

  it('serializes concurrent operations', async () => {
    const store = f.store();
    const [a, b] = [key(), key()];
    await Promise.all([store.add(ref, 'primary', a), store.add(ref, 'fallback', b)]);
    assert.deepEqual(await store.readForInjection(ref), { primary: a, fallback: b });
  });
});
