import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/core/config/index';
import { providerPreset } from '../../../src/core/config/presets';
import { MemoryKeychain } from '../../../src/core/keychain/memory';
import { addToKeys, newServiceName, withService } from '../../../src/core/workflows/addToKeys';
import { createProjectContext } from '../../../src/core/workflows/context';

describe('Add to Keys: a hardcoded key becomes the primary of a new service from its preset', () => {
  let dir: string;
  let root: string;
  let keychain: MemoryKeychain;
  const env = () => ({ ROTATION_READY_CONFIG_DIR: join(dir, 'user-config') });
  const key = () => 'sk_' + 'live_' + randomBytes(12).toString('hex');
  const context = () => {
    const file = join(root, '.rotation-ready.json');
    const config = existsSync(file) ? loadConfig(readFileSync(file, 'utf8'), '.rotation-ready.json') : undefined;
    return createProjectContext({ root, keychain, env: env(), ...(config ? { config } : {}) });
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rr-add-to-keys-'));
    root = join(dir, 'project');
    mkdirSync(root);
    keychain = new MemoryKeychain();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a config the loader accepts (comments kept), stores the primary and reads it back', async () => {
    writeFileSync(join(root, '.rotation-ready.json'), '{\n  // ours\n  "version": 1,\n  "services": [{ "name": "stripe", "provider": "stripe" }]\n}\n');
    const value = key();
    const added = await addToKeys(context(), { preset: providerPreset('stripe')!, envName: 'STRIPE_SECRET_KEY', value });
    assert.deepEqual(added.ref, { service: 'stripe-2', environment: 'dev' });
    const text = readFileSync(added.configFile, 'utf8');
    assert.match(text, /\/\/ ours/);
    assert.ok(!text.includes(value), 'the key is never written to the configuration');
    const loaded = loadConfig(text, '.rotation-ready.json');
    assert.deepEqual(loaded.errors, []);
    const service = loaded.services.find((s) => s.name === 'stripe-2')!;
    assert.equal(service.provider, 'stripe');
    assert.equal(service.envVars.plain, 'STRIPE_SECRET_KEY');
    assert.equal(await context().keyStore.read(added.ref, 'primary'), value);
    assert.match(added.fingerprint, /^rk1:/);
  });

  it('when the key cannot be secured, the configuration is restored (a new file removed) and nothing is stored', async () => {
    const ctx = context();
    await ctx.keyStore.add({ service: 'stripe', environment: 'dev' }, 'primary', key());
    await assert.rejects(addToKeys(ctx, { preset: providerPreset('stripe')!, envName: 'STRIPE_SECRET_KEY', value: key() }), /already has a different primary key/);
    assert.equal(existsSync(join(root, '.rotation-ready.json')), false);
  });

  it('undo drops the stored key and restores the file byte for byte', async () => {
    const original = '{ "version": 1, "services": [] }\n';
    writeFileSync(join(root, '.rotation-ready.json'), original);
    const added = await addToKeys(context(), { preset: providerPreset('twilio')!, envName: 'TWILIO_AUTH_TOKEN', value: key(), username: 'AC123' });
    assert.match(readFileSync(added.configFile, 'utf8'), /"username": "AC123"/);
    await added.undo();
    assert.equal(readFileSync(added.configFile, 'utf8'), original);
    assert.equal(await context().keyStore.read(added.ref, 'primary'), undefined);
  });

  it('names: the preset id, then the next free number', () => {
    assert.equal(newServiceName(providerPreset('openai')!, []), 'openai');
    assert.equal(newServiceName(providerPreset('openai')!, ['openai', 'openai-2']), 'openai-3');
    assert.match(withService(undefined, { name: 'x', provider: 'stripe' }), /"services": \[\s*\{\s*"name": "x",\s*"provider": "stripe"\s*\}\s*\]/);
  });
});
