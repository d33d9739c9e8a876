import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprintSaltFile, workspaceFingerprints } from '../../src/core/fingerprints';
import { KeyStore } from '../../src/core/keychain/keyStore';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { runDryRun } from '../../src/core/probe/index';
import { MemoryKeychain } from '../../src/core/keychain/memory';
import { randomKey } from './keychain/helpers';

describe('key fingerprints: one salt policy per workspace', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let root: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rr-fp-'));
    env = { ROTATION_READY_CONFIG_DIR: join(dir, 'user-config') };
    root = join(dir, 'project');
    mkdirSync(root);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once per workspace, kept per user outside the workspace, and stable', () => {
    const first = workspaceFingerprints(root, { env });
    const file = fingerprintSaltFile(workspaceIdFor(root), env);
    assert.ok(file.startsWith(join(dir, 'user-config')), 'the salt lives in the user config dir');
    assert.equal(existsSync(join(root, 'fingerprint-salts')), false);
    assert.equal(statSync(file).mode & 0o077, 0, 'only the user can read it');
    const key = randomKey();
    assert.equal(workspaceFingerprints(root, { env }).of(key), first.of(key));
    const other = join(dir, 'other');
    mkdirSync(other);
    assert.notEqual(workspaceFingerprints(other, { env }).of(key), first.of(key), 'another workspace fingerprints differently');
  });

  it("the Keys sidebar's metadata salt wins and is shared with the CLI; a new store takes the policy's salt", async () => {
    const metadataPath = join(dir, 'storage', 'keys.json');
    const workspaceId = workspaceIdFor(root);
    const key = randomKey();
    // A store made before the policy existed: its own random salt.
    const before = workspaceFingerprints(root, { env });
    const legacy = new KeyStore({ keychain: new MemoryKeychain(), workspaceId, metadataPath });
    const stored = await legacy.add({ service: 's', environment: 'dev' }, 'primary', key);
    assert.notEqual(stored.fingerprint, before.of(key));
    assert.equal(workspaceFingerprints(root, { env, metadataPath }).of(key), stored.fingerprint);
    assert.equal(workspaceFingerprints(root, { env }).of(key), stored.fingerprint, 'the CLI (no metadata path) now agrees');

    rmSync(metadataPath);
    const policy = workspaceFingerprints(root, { env });
    const fresh = new KeyStore({ keychain: new MemoryKeychain(), workspaceId, metadataPath, salt: policy.salt });
    assert.equal((await fresh.add({ service: 's', environment: 'dev' }, 'primary', key)).fingerprint, policy.of(key));
  });

  it('a dry-run report made with the policy names the key as the store does', async () => {
    const metadataPath = join(dir, 'storage', 'keys.json');
    const policy = workspaceFingerprints(root, { env, metadataPath });
    const store = new KeyStore({ keychain: new MemoryKeychain(), workspaceId: policy.workspaceId, metadataPath, salt: policy.salt });
    const key = randomKey();
    const meta = await store.add({ service: 'billing-api', environment: 'dev' }, 'primary', key);
    const report = await runDryRun({
      services: [{ name: 'billing-api', environments: ['dev'], envVars: { plain: 'B', primary: 'B_PRIMARY', fallback: 'B_FALLBACK' }, probe: { url: 'http://127.0.0.1:9/x', auth: { type: 'bearer' }, successStatus: [200], timeoutMs: 200, rounds: 1, intervalMs: 0, method: 'GET', headers: {} } }] as never,
      keys: { label: 'test', get: async (_s: string, _e: string, slot: string) => (slot === 'primary' ? key : undefined) },
      approvals: { isApproved: () => true },
      salt: policy.salt,
    } as never);
    assert.equal(report.targets[0]!.slots.find((s) => s.slot === 'primary')?.keyFingerprint, meta.fingerprint);
  });

  it('a broken salt file is replaced, never trusted', () => {
    const file = fingerprintSaltFile(workspaceIdFor(root), env);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, 'not a salt');
    const salt = workspaceFingerprints(root, { env }).salt;
    assert.match(salt, /^[0-9a-f]{32}$/);
    assert.equal(readFileSync(file, 'utf8').trim(), salt);
  });
});
