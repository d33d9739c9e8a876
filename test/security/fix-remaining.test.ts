import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/command';
import { createFixCommand } from '../../src/cli/commands/fix';
import { main } from '../../src/cli/main';
import { MemoryKeychain } from '../../src/core/keychain/memory';
import { makeSecret, tempDir } from '../unit/fix/support';

/** Issue 13, item 10: `fix` exited 0 while a key remained (the same key three times: one occurrence fixed per run). */
async function cli(cwd: string, command: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env: { ROTATION_READY_SALT: 'fix-remaining' }, signal: new AbortController().signal };
  const code = command === 'fix' ? await createFixCommand({ keychain: () => new MemoryKeychain() }).run(args, io) : await main([command, ...args], io);
  return { code, out, err };
}

describe('security: fix leaves no key behind, or says so (issue 13.10)', function () {
  this.timeout(120_000);
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
    execFileSync('git', ['init', '-q'], { cwd: temp.dir });
    mkdirSync(join(temp.dir, 'src'));
  });
  afterEach(() => temp.cleanup());

  for (const [file, line] of [
    ['src/billing.ts', (k: string, i: number) => `export const stripe${i} = '${k}';`],
    ['src/billing.py', (k: string, i: number) => `STRIPE_${i} = "${k}"`],
  ] as const) {
    it(`the same key three times in ${file}: every occurrence is fixed in one run, and a scan finds nothing`, async () => {
      const key = makeSecret('stripe');
      writeFileSync(join(temp.dir, file), [0, 1, 2].map((i) => line(key, i)).join('\n') + '\n');
      const fixed = await cli(temp.dir, 'fix', []);
      assert.equal(fixed.code, 0, fixed.err);
      assert.ok(!readFileSync(join(temp.dir, file), 'utf8').includes(key), 'the key is still in the file');
      const dotenv = readFileSync(join(temp.dir, '.env'), 'utf8');
      assert.equal(dotenv.split(key).length - 1, 1, 'the value is stored once, under one name');
      const scan = await cli(temp.dir, 'scan', ['--format', 'json']);
      assert.deepEqual(JSON.parse(scan.out).findings, [], 'scan after fix');
      assert.equal(scan.code, 0);
    });
  }

  it('exit 1, with the file named, when findings remain after fixing (more than one run fixes)', async () => {
    // More secrets than one file's fixing takes in a run (100 steps).
    const keys = Array.from({ length: 103 }, () => makeSecret('stripe'));
    writeFileSync(join(temp.dir, 'src/many.py'), keys.map((k, i) => `KEY_${i} = "${k}"`).join('\n') + '\n');
    const dry = await cli(temp.dir, 'fix', ['--dry-run']);
    assert.equal(dry.code, 1, dry.err);
    const r = await cli(temp.dir, 'fix', []);
    assert.equal(r.code, 1, r.err);
    // The count is what the file still holds (about 3: the cap is per run, in steps), read from the disk, not assumed.
    const afterRun = readFileSync(join(temp.dir, 'src/many.py'), 'utf8');
    const left = keys.filter((k) => afterRun.includes(k)).length;
    assert.ok(left > 0, 'a run fixes at most 100 of the 103');
    assert.match(r.err, new RegExp(`^src/many\\.py: not fixed: ${left} finding\\(s\\) still in the file after fixing$`, 'm'));
    for (const out of [dry.out, dry.err, r.out, r.err]) for (const k of keys) assert.ok(!out.includes(k), 'fix output holds a key');
    const again = await cli(temp.dir, 'fix', []);
    assert.equal(again.code, 0, again.err);
    const text = readFileSync(join(temp.dir, 'src/many.py'), 'utf8');
    assert.ok(keys.every((k) => !text.includes(k)));
  });
});
