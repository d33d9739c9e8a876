import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/command';
import { createFixCommand } from '../../src/cli/commands/fix';
import { main } from '../../src/cli/main';
import { MemoryKeychain } from '../../src/core/keychain/memory';
import { makeSecret } from '../unit/fix/support';

/**
 * Issue 13, item 5: a file whose name is not valid UTF-8 hid its key (`skipped (unreadable (ENOENT))`, exit 0), and a
 * file that could not be read at all let the scan pass.
 */
const ROOT = join(__dirname, '../..');

async function scan(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env: { ROTATION_READY_SALT: 'file-names' }, signal: new AbortController().signal };
  const code = await main(['scan', ...args], io);
  return { code, out, err };
}

/** Path bytes: a directory and file names with bytes that are not UTF-8 (Latin-1 `é`, a lone 0xff). */
const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('security: file names that are not UTF-8, and files that cannot be read (issue 13.5)', function () {
  this.timeout(120_000);
  let dir: string;
  let keys: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rr-names-'));
    keys = [makeSecret('stripe'), makeSecret('stripe'), makeSecret('github')];
    writeFileSync(bytes(dir, '/caf', [0xe9], '.ts'), `export const stripe = '${keys[0]}';\n`);
    mkdirSync(bytes(dir, '/conf', [0xff]));
    writeFileSync(bytes(dir, '/conf', [0xff], '/settings.py'), `STRIPE_KEY = "${keys[1]}"\n`);
    mkdirSync(bytes(dir, '/conf', [0xff], '/deep', [0xfe, 0x41]));
    writeFileSync(bytes(dir, '/conf', [0xff], '/deep', [0xfe, 0x41], '/token.js'), `const token = '${keys[2]}';\n`);
    // A .gitignore inside a directory whose name is not UTF-8 is honoured.
    writeFileSync(bytes(dir, '/conf', [0xff], '/.gitignore'), 'ignored.ts\n');
    writeFileSync(bytes(dir, '/conf', [0xff], '/ignored.ts'), `export const stripe = '${makeSecret('stripe')}';\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads them by their bytes and reports them, each byte that is not UTF-8 shown as \\xNN', async () => {
    const r = await scan(dir, '--format', 'json');
    assert.equal(r.code, 1, r.err);
    const report = JSON.parse(r.out) as { findings: Array<{ path: string; ruleId: string }>; skipped: unknown[] };
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.findings.map((f) => [f.path, f.ruleId]), [
      ['caf\\xe9.ts', 'stripe-secret-key'],
      ['conf\\xff/deep\\xfeA/token.js', 'github-classic-token'],
      ['conf\\xff/settings.py', 'stripe-secret-key'],
    ]);
    for (const key of keys) assert.ok(!r.out.includes(key));
  });

  it('the bundled CLI reads them in its worker threads too', () => {
    for (let i = 0; i < 300; i++) writeFileSync(join(dir, `filler-${i}.ts`), `export const n${i} = ${i};\n`);
    const r = spawnSync(join(ROOT, 'dist/cli.js'), ['scan', '--jobs', '2', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ROTATION_READY_SALT: 'file-names' } });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: Array<{ path: string }>; skipped: unknown[] };
    assert.deepEqual(report.findings.map((f) => f.path), ['caf\\xe9.ts', 'conf\\xff/deep\\xfeA/token.js', 'conf\\xff/settings.py']);
    assert.deepEqual(report.skipped, []);
  });

  it('a path that cannot be read makes the scan exit 2, never 0, and names it', async () => {
    writeFileSync(join(dir, 'clean.ts'), 'export const x = 1;\n');
    const missing = await scan(dir, 'clean.ts', 'gone.ts');
    assert.equal(missing.code, 2, missing.err);
    assert.match(missing.err, /could not be read \(gone\.ts: not found\)/);
    if (process.getuid?.() !== 0) {
      // Not as root, which reads whatever the mode says.
      chmodSync(join(dir, 'clean.ts'), 0);
      const unreadable = await scan(dir, 'clean.ts');
      assert.equal(unreadable.code, 2);
      assert.match(unreadable.err, /clean\.ts: unreadable \(EACCES\)/);
    }
  });

  it('fix leaves such a file alone, says why, and exits 1', async () => {
    let err = '';
    const io: CliIo = { stdout: () => undefined, stderr: (t) => void (err += t), cwd: dir, env: { ROTATION_READY_SALT: 'file-names' }, signal: new AbortController().signal };
    const code = await createFixCommand({ keychain: () => new MemoryKeychain() }).run(['--dry-run'], io);
    assert.equal(code, 1);
    assert.match(err, /^caf\\xe9\.ts: not fixed: stripe-secret-key at line 1: the file name is not valid UTF-8/m);
  });
});
