import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { createExecCommand } from '../../../src/cli/commands/exec';
import { deriveEnvVarNames } from '../../../src/core/config';
import { injectedEnv, writeDotEnv } from '../../../src/core/keychain/injection';
import { MemoryKeychain } from '../../../src/core/keychain/memory';
import { workspaceIdFor } from '../../../src/core/keychain/workspaceId';
import { randomKey } from './helpers';

const sha = (v: string): string => createHash('sha256').update(v).digest('hex');

describe('injection', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rr-inject-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('computes <NAME>_PRIMARY, <NAME>_FALLBACK and the plain name (= primary)', () => {
    const [a, b] = [randomKey(), randomKey()];
    assert.deepEqual(injectedEnv(deriveEnvVarNames('billing-api'), { primary: a, fallback: b }), { BILLING_API_KEY_PRIMARY: a, BILLING_API_KEY: a, BILLING_API_KEY_FALLBACK: b });
    assert.deepEqual(injectedEnv(deriveEnvVarNames('billing-api'), { fallback: b }), { BILLING_API_KEY_FALLBACK: b });
  });

  it('writes .env only after git-ignoring it, keeping other entries', async () => {
    execFileSync('git', ['init', '-q', dir]);
    writeFileSync(join(dir, '.gitignore'), 'node_modules/');
    writeFileSync(join(dir, '.env'), '# mine\nOTHER=1\nexport BILLING_API_KEY=old\n');
    const a = randomKey();
    const result = await writeDotEnv(dir, { BILLING_API_KEY: a, BILLING_API_KEY_PRIMARY: `${a} "quoted"` });
    assert.equal(result.gitignoreUpdated, true);
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), 'node_modules/\n# Local keys written by Rotation Ready\n/.env\n');
    // Single quotes: Node.js's util.parseEnv and dotenv take no \" escape, so "…\"…" read back a cut value.
    assert.equal(readFileSync(join(dir, '.env'), 'utf8'), `# mine\nOTHER=1\nexport BILLING_API_KEY=${a}\nBILLING_API_KEY_PRIMARY='${a} "quoted"'\n`);
    assert.deepEqual(parseEnv(readFileSync(join(dir, '.env'), 'utf8')), { OTHER: '1', BILLING_API_KEY: a, BILLING_API_KEY_PRIMARY: `${a} "quoted"` });
    assert.equal(statSync(join(dir, '.env')).mode & 0o077, 0);
    execFileSync('git', ['-C', dir, 'check-ignore', '-q', '.env']);
    assert.equal((await writeDotEnv(dir, { X: '1' })).gitignoreUpdated, false);
    assert.ok(!result.written.some((n) => n.includes(a)));
  });

  it('overrides a rule that re-includes .env, and refuses when .env is tracked by git', async () => {
    execFileSync('git', ['init', '-q', dir]);
    writeFileSync(join(dir, '.gitignore'), '/.env\n!/.env\n');
    await writeDotEnv(dir, { A: randomKey() });
    execFileSync('git', ['-C', dir, 'check-ignore', '-q', '.env']);
    execFileSync('git', ['-C', dir, 'add', '-f', '.env']);
    const secret = randomKey();
    await assert.rejects(writeDotEnv(dir, { A: secret }), (e: Error) => /tracked/.test(e.message) && !e.message.includes(secret));
    assert.ok(!readFileSync(join(dir, '.env'), 'utf8').includes(secret));
  });

  it('the workspace id is stable and path-derived', () => {
    assert.equal(workspaceIdFor(dir), workspaceIdFor(join(dir, '.')));
    assert.match(workspaceIdFor(dir), /^ws-[0-9a-f]{16}$/);
    assert.notEqual(workspaceIdFor(dir), workspaceIdFor(tmpdir()));
  });

  it('rotation-ready exec runs the command with keys injected, never printing or writing them', async () => {
    const keychain = new MemoryKeychain();
    const ws = workspaceIdFor(dir);
    const [a, b] = [randomKey(), randomKey()];
    await keychain.set({ workspaceId: ws, service: 'billing-api', environment: 'dev', slot: 'primary' }, a);
    await keychain.set({ workspaceId: ws, service: 'billing-api', environment: 'dev', slot: 'fallback' }, b);
    await keychain.set({ workspaceId: ws, service: 'search', environment: 'prod', slot: 'primary' }, randomKey());
    const out: string[] = [];
    const script = "const c=require('crypto');const h=v=>v&&c.createHash('sha256').update(v).digest('hex');require('fs').writeFileSync(process.argv[1],JSON.stringify({p:h(process.env.BILLING_API_KEY_PRIMARY),f:h(process.env.BILLING_API_KEY_FALLBACK),plain:h(process.env.BILLING_API_KEY),s:process.env.SEARCH_KEY??null}))";
    const report = join(dir, 'report.json');
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), cwd: dir, env: { ...process.env, ROTATION_READY_CONFIG_DIR: join(dir, 'user-config') }, signal: new AbortController().signal };
    const code = await createExecCommand({ keychain: () => keychain }).run(['--', process.execPath, '-e', script, report], io);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(readFileSync(report, 'utf8')), { p: sha(a), f: sha(b), plain: sha(a), s: null });
    const printed = out.join('');
    assert.match(printed, /billing-api: BILLING_API_KEY_PRIMARY, BILLING_API_KEY, BILLING_API_KEY_FALLBACK/);
    assert.ok(!printed.includes(a) && !printed.includes(b));
    assert.equal(await createExecCommand({ keychain: () => keychain }).run(['--', process.execPath, '-e', 'process.exit(3)'], io), 3);
  });
});
