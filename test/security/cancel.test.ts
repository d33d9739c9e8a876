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
    // Tens of seconds of scanning in all (workers and this thread): the scan is busy inside files when the signal comes.
    const text = generatedFile(1);
    const bytes = Buffer.from(text);
    analyzeBytes('warm-up.py', bytes, { salt: 'cancel' });
    const runs = [0, 1, 2].map(() => {
      const t = performance.now();
      analyzeBytes('baseline.py', bytes, { salt: 'cancel' });
      return performance.now() - t;
    });
    perFileMs = runs.sort((a, b) => a - b)[1]!;
    for (let i = 0; i < 1200; i++) writeFileSync(join(dir, `generated${i}.py`), text.replace(/const /g, `v${i}_`));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: the process exits within a few hundred ms, saying it was cancelled`, async () => {
      // A few hundred ms on an idle machine (issue 13.3), a few files' worth at most: far from the tens of seconds left.
      const bound = Math.max(500, 10 * perFileMs);
      const ms = await fastestExit(dir, signal, bound);
      assert.ok(ms < bound, `exited ${ms.toFixed(0)} ms after ${signal} (bound ${bound.toFixed(0)} ms: one file takes ${perFileMs.toFixed(0)} ms)`);
    });
  }
});

/**
 * scanAndSignal, again (up to three times) while over `bound`: the best exit. Wall time, so a process descheduled on a
 * loaded machine reads late once (510 ms against 500 once, under load); one deaf to its signal is late every time.
 */
async function fastestExit(dir: string, signal: NodeJS.Signals, bound: number): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 3 && best >= bound; run++) best = Math.min(best, await scanAndSignal(dir, signal));
  return best;
}

/** Starts `scan .` in `dir`, sends `signal` once it is busy analyzing, checks it exits 2 saying `cancelled`: ms after the signal. */
async function scanAndSignal(dir: string, signal: NodeJS.Signals): Promise<number> {
  // The report is not read: a scan blocked writing it to a full pipe would be deaf to the signal.
  const child = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), '--', join(root, 'src/cli/main.ts'), 'scan', '.'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: performance.now() })));
  // Loading TypeScript through tsx takes a moment; then it is analyzing the first files.
  await new Promise((r) => setTimeout(r, 4_000));
  assert.equal(child.exitCode, null, `the scan ended before the signal: ${stderr}`);
  const sentAt = performance.now();
  child.kill(signal);
  const { code, at } = await exited;
  assert.equal(code, 2, stderr);
  assert.match(stderr, /cancelled/);
  return at - sentAt;
}

/**
 * A generated file of ~1.9 MB whose token pass is long: each string's look-back crosses up to four unclosed brackets of
 * ~60 tokens. Most of a second in one piece before the pass was made of steps, so a signal waited for it.
 */
function longTokenPass(seed: number): string {
  const g = sampleGen(seed);
  const row = '[' + Array.from({ length: 30 }, () => `"${g.alnum(10)}", `).join('') + '\n';
  return `api_key = "${g.alnum(32)}"\nitems = ` + row.repeat(Math.floor(1.9e6 / row.length)) + '\n';
}

describe('security: a scan stops promptly even inside one large file (issue 13.3)', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rr-cancel-large-'));
    // Fewer files than a worker pool takes: this thread, the one that hears the signal, analyzes them all (~15 s).
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, `generated${i}.txt`), longTokenPass(i));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} during the token pass of a 1.9 MB file: the process exits within 500 ms`, async () => {
      const ms = await fastestExit(dir, signal, 500);
      // Claimed: under 100 ms of analysis after the signal; the rest is process exit (and CI noise).
      assert.ok(ms < 500, `exited ${ms.toFixed(0)} ms after ${signal}`);
      console.log(`      ${signal}: exited ${ms.toFixed(0)} ms after the signal`);
    });
  }
});
