import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStore } from '../../src/core/keychain/keyStore';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { RotationMachine } from '../../src/core/rotation';
import { inProcess, randomKey, uniqueWorkspace } from './keyring';

const ref = { service: 'billing-api', environment: 'dev' };

describe('KeyStore on the real keychain', () => {
  let dir: string;
  let ws: string;
  const seen: string[] = [];
  const key = (): string => {
    const v = randomKey();
    seen.push(v);
    return v;
  };
  const store = (): KeyStore => new KeyStore({ keychain: new KeytarKeychain(), workspaceId: ws, metadataPath: join(dir, 'keys.json') });
  beforeEach(() => {
    inProcess();
    dir = mkdtempSync(join(tmpdir(), 'rr-kc-'));
    ws = uniqueWorkspace();
  });
  afterEach(() => {
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.ok(!seen.some((v) => text.includes(v)), 'a key value was persisted in metadata');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('add, replace, promote, delete, purge — each visible to a fresh store', async () => {
    const [a, b, c] = [key(), key(), key()];
    await store().add(ref, 'primary', a);
    await store().add(ref, 'fallback', b);
    assert.deepEqual(await store().readForInjection(ref), { primary: a, fallback: b });
    await store().replace(ref, 'fallback', c);
    assert.equal(await store().read(ref, 'previous'), b);
    await store().purge(ref);
    await store().promote(ref);
    assert.deepEqual(await store().readForInjection(ref), { primary: c });
    assert.equal(await store().read(ref, 'previous'), a);
    await store().purge(ref);
    await store().delete(ref, 'primary');
    assert.deepEqual(await store().readForInjection(ref), {});
    assert.equal(await store().read(ref, 'previous'), c);
    await store().restore(ref, 'primary');
    assert.equal(await store().read(ref, 'primary'), c);
    assert.deepEqual((await new KeytarKeychain().list(ws)).map((x) => x.slot), ['primary']);
    assert.ok((await store().check(ref)).every((s) => s.state === 'ok' || s.state === 'empty'));
  });

  it('a whole rotation on the real keychain, resumed by a new machine at every step', async () => {
    const [a, b] = [key(), key()];
    await store().add(ref, 'primary', a);
    const ok = { validate: async () => ({ ok: true, outcome: 'valid' }) };
    await new RotationMachine(store()).start(ref);
    await new RotationMachine(store()).addNewKey(ref, b);
    await new RotationMachine(store()).markDeployed(ref);
    await new RotationMachine(store()).promote(ref, ok);
    const done = await new RotationMachine(store()).removeOldKey(ref, ok);
    assert.equal(done.stage, 'old-key-removed');
    assert.deepEqual(await store().readForInjection(ref), { primary: b });
    assert.equal(await store().read(ref, 'previous'), a);
  });
});
