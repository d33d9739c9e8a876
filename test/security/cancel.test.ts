import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeBytes } from '../../src/core/analyze/scan';
import { sampleGen } from '../../src/core/rules/sampleGen';

/**
 * Issue 13.3: SIGINT/SIGTERM during a scan stop it promptly. The thread that hears the signal analyzes in steps and
 * yields between them (analyzeBytesCooperatively); before, it ran each file in one piece, so the signal was heard only
 * between files.
 */
const root = join(__dirname, '../..');

/** A generated module of names and random values (many findings): tens of milliseconds of analysis each. */
function generatedFile(seed: number): string {
  const g = sampleGen(seed);
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 64 * 1024; i++) {
    const line = `const token${i} = "${g.alnum(32)}"; // secret key ${i}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

describe('security: a scan stops promptly on SIGINT and SIGTERM (issue 13.3)', function () {
  this.timeout(120_000);
  let dir: string;
  /** Time to analyze one of the files here and now: the bound scales with the machine's load, not a fixed figure. */
  let perFileMs = 0;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rr-cancel-'));
    // Tens of seconds of scanning in all: the scan is busy inside files when the signal comes.
    const text = generatedFile(1);
    const bytes = Buffer.from(text);
    analyzeBytes('warm-up.py', bytes, { salt: 'cancel' });
    const runs = [0, 1, 2].map(() => {
      const t = performance.now();
      analyzeBytes('baseline.py', bytes, { salt: 'cancel' });
      return performance.now() - t;
    });
    perFileMs = runs.sort((a, b) => a - b)[1]!;
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `generated${i}.py`), text.replace(/const /g, `v${i}_`));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: the process exits within a few hundred ms, saying it was cancelled`, async () => {
      const child = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), '--', join(root, 'src/cli/main.ts'), 'scan', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Drained: a report larger than the pipe's buffer would otherwise block the child in a write, deaf to signals.
      child.stdout.resume();
      const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: performance.now() })));
      // Loading TypeScript through tsx takes a moment; then it is analyzing the first files.
      await new Promise((r) => setTimeout(r, 4_000));
      assert.equal(child.exitCode, null, `the scan ended before the signal: ${stderr}`);
      const sentAt = performance.now();
      child.kill(signal);
      const { code, at } = await exited;
      const ms = at - sentAt;
      assert.equal(code, 2, stderr);
      assert.match(stderr, /cancelled/);
      // A few hundred ms on an idle machine (issue 13.3), a few files' worth at most: far from the tens of seconds left.
      const bound = Math.max(500, 10 * perFileMs);
      assert.ok(ms < bound, `exited ${ms.toFixed(0)} ms after ${signal} (bound ${bound.toFixed(0)} ms: one file takes ${perFileMs.toFixed(0)} ms)`);
    });
  }
});
