// Import Keys from .env…: values move from a git-ignored .env into the OS keychain, each read back
// before its line leaves the file; other lines stay as they were.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { KeyStore } from '../../src/core/keychain/keyStore';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { activeExtension } from './helpers';

describe('Import Keys from .env…', function () {
  this.timeout(60_000);

  it('moves the keys of configured services from .env into the keychain, then removes only their lines', async () => {
    const { exports: api } = await activeExtension();
    const root = api.keys.workspaceRoot!;
    const file = join(root, '.env');
    const original = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const primary = `rrimport_${randomBytes(12).toString('hex')}`;
    const fallback = `rrimport_${randomBytes(12).toString('hex')}`;
    writeFileSync(file, `# local settings\nSIMULATOR_URL=http://127.0.0.1:7311\nMAPS_API_KEY_PRIMARY=${primary}\nexport MAPS_API_KEY_FALLBACK="${fallback}"\n`);
    const store = new KeyStore({ keychain: new KeytarKeychain(), workspaceId: workspaceIdFor(root), metadataPath: api.keys.metadataPath! });
    const ref = { service: 'maps-api', environment: 'dev' };
    const prompts = api.keys.prompts;
    const offered: string[] = [];
    api.keys.prompts = {
      ...prompts,
      pickMany: async <T extends vscode.QuickPickItem>(items: readonly T[]) => {
        offered.push(...items.map((i) => `${i.label} ${i.description}`));
        return items;
      },
    };
    try {
      const result = await vscode.commands.executeCommand<{ imported: string[] }>('rotationReady.importDotEnv');
      assert.deepEqual(offered, ['MAPS_API_KEY_PRIMARY → maps-api (dev) primary', 'MAPS_API_KEY_FALLBACK → maps-api (dev) fallback']);
      assert.deepEqual(result.imported, ['MAPS_API_KEY_PRIMARY', 'MAPS_API_KEY_FALLBACK']);
      assert.equal(await store.read(ref, 'primary'), primary);
      assert.equal(await store.read(ref, 'fallback'), fallback);
      assert.equal(readFileSync(file, 'utf8'), '# local settings\nSIMULATOR_URL=http://127.0.0.1:7311\n', 'only the imported lines left .env');
      for (const f of [api.keys.metadataPath!]) {
        const text = readFileSync(f, 'utf8');
        assert.equal(text.includes(primary) || text.includes(fallback), false, 'no value in the metadata');
      }
    } finally {
      api.keys.prompts = prompts;
      if (original === undefined) rmSync(file, { force: true });
      else writeFileSync(file, original);
      for (const slot of ['fallback', 'primary'] as const) {
        if ((await store.info(ref)).slots.previous) await store.purge(ref);
        if ((await store.info(ref)).slots[slot]) await store.delete(ref, slot);
      }
      if ((await store.info(ref)).slots.previous) await store.purge(ref);
      await api.keys.refresh();
    }
  });
});
