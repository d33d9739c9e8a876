import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../../src/cli/command';
import { main } from '../../../../src/cli/main';

/** `rotation-ready mcp` refuses bad options before it starts serving (usage error, exit 2, the reason on stderr). */
describe('CLI: rotation-ready mcp options', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'rr-mcp-args-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(...args: string[]): Promise<{ code: number; err: string }> {
    let err = '';
    const io: CliIo = { stdout: () => undefined, stderr: (t) => void (err += t), cwd: dir, env: {}, signal: new AbortController().signal };
    const code = await main(['mcp', ...args], io);
    return { code, err };
  }

  it('an unknown option, a missing value, an empty value and a missing folder are usage errors', async () => {
    for (const [args, reason] of [
      [['--bogus'], /--bogus/],
      [['--root'], /--root/],
      [['--root='], /--root needs a value/],
      [['--keys-metadata', ''], /--keys-metadata needs a value/],
      [['--root', join(dir, 'missing')], /no such folder/],
      [['stray'], /stray/],
    ] as const) {
      const r = await run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, reason, args.join(' '));
    }
  });
});
