// Issue 14: `rotation-ready fix --keychain` then `rotation-ready exec` (no config) injects exactly the names
// the rewritten code reads: the move-to-env fix's plain name and the wrapper's <NAME>_PRIMARY / <NAME>_FALLBACK.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../../../src/cli/command';
import { createExecCommand } from '../../../src/cli/commands/exec';
import { createFixCommand } from '../../../src/cli/commands/fix';
import { MemoryKeychain } from '../../../src/core/keychain/memory';
import { parseAccountName } from '../../../src/core/keychain/port';
import { createProjectContext } from '../../../src/core/workflows/context';
import { makeSecret, tempDir } from '../fix/support';

/** The env names a rewritten file reads: `requireEnv('X')` reads X; the wrapper's `envName: 'X'` reads X_PRIMARY (else X) and X_FALLBACK. */
function namesReadBy(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/requireEnv\(['"]([A-Z0-9_]+)['"]\)/g)) names.add(m[1]!);
  for (const m of text.matchAll(/envName: ['"]([A-Z0-9_]+)['"]/g)) for (const n of [m[1]!, `${m[1]}_PRIMARY`, `${m[1]}_FALLBACK`]) names.add(n);
  return names;
}

describe('workflows: env-name ↔ service policy round-trips through the CLI', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
    execFileSync('git', ['init', '-q'], { cwd: temp.dir });
  });
  afterEach(() => {
    temp.cleanup();
    rmSync(`${temp.dir}.user-config`, { recursive: true, force: true });
  });

  for (const envName of ['OPENAI_TOKEN', 'BILLING_API_KEY', 'STRIPE_SECRET_KEY', 'PAYMENTS_PASSWORD', 'SEARCH_API']) {
    it(`fix --keychain storing ${envName}, then exec injects exactly the names the rewritten code reads`, async () => {
      const root = temp.dir;
      mkdirSync(join(root, 'src'));
      const secret = makeSecret('openai');
      writeFileSync(
        join(root, 'src', 'client.ts'),
        `const ${envName} = '${secret}';\n\nexport async function models(): Promise<Response> {\n  return fetch('https://api.openai.com/v1/models', { headers: { Authorization: \`Bearer \${${envName}}\` } });\n}\n`,
      );
      const env = { PATH: process.env.PATH, ROTATION_READY_CONFIG_DIR: `${root}.user-config` };
      let printed = '';
      const io: CliIo = { stdout: (t) => void (printed += t), stderr: (t) => void (printed += t), cwd: root, env, signal: new AbortController().signal };
      const keychain = new MemoryKeychain();

      assert.equal(await createFixCommand({ keychain: () => keychain }).run(['--keychain'], io), 0, printed);
      const rewritten = readFileSync(join(root, 'src', 'client.ts'), 'utf8');
      assert.ok(!rewritten.includes(secret), 'the secret left the file');
      const read = namesReadBy(rewritten);
      assert.ok(read.has(envName), `the rewritten code reads ${envName}: ${rewritten}`);

      const injected = async (): Promise<string[]> => {
        const out = join(root, 'names.json');
        const script = `require('fs').writeFileSync(process.argv[1], JSON.stringify(Object.keys(process.env).filter((n) => !(n in ${JSON.stringify(env)}))))`;
        assert.equal(await createExecCommand({ keychain: () => keychain }).run(['--', process.execPath, '-e', script, out], io), 0, printed);
        return (JSON.parse(readFileSync(out, 'utf8')) as string[]).filter((n) => !['PWD', 'SHLVL', '_'].includes(n)).sort();
      };
      // Only the primary key is stored: every name the code reads but the fallback.
      assert.deepEqual(await injected(), [...read].filter((n) => !n.endsWith('_FALLBACK')).sort());

      // A fallback key added to the same entry (as step 2 of a rotation does): now exactly every name the code reads.
      const accounts = [...keychain.entries.keys()].map(parseAccountName);
      assert.equal(accounts.length, 1, 'fix stored one key');
      const fallback = makeSecret('openai');
      const ctx = createProjectContext({ root, keychain, env });
      await ctx.keyStore.addFallback({ service: accounts[0]!.service, environment: accounts[0]!.environment }, fallback, (r) => r);
      assert.deepEqual(await injected(), [...read].sort());
      assert.ok(!printed.includes(fallback), 'no command printed the fallback key');
      assert.ok(!printed.includes(secret), 'no command printed the key');
    });
  }
});
