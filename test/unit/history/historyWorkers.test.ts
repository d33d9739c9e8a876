import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeBlob, type BlobOutcome, BlobPool, type HistoryWorkers } from '../../../src/core/history/blobPool';
import { type HistoryScanOptions, scanHistory } from '../../../src/core/history/scan';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (n: number) => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('');
/** Fresh keys assembled at test time (never committed). */
const stripeKey = () => 'sk_' + 'live_' + alnum(24);
const githubKey = () => 'ghp_' + alnum(36);

const workers = (extra: Partial<HistoryWorkers> = {}): HistoryWorkers => ({ script: join(__dirname, '../../../src/core/analyze/scanWorker.ts'), execArgv: ['--require', 'tsx/cjs'], threads: 2, minBlobs: 0, ...extra });

describe('scan --history in worker threads: the same result as in-process', function () {
  this.timeout(120_000);
  let root: string;
  // Every commit has the same author time unless a test says otherwise: ties are broken by the read order alone.
  let date = Date.UTC(2022, 0, 1) / 1000;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: `${date} +0000`, GIT_COMMITTER_DATE: `${date} +0000` } }).toString().trim();
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', message);
  };
  const base = (): HistoryScanOptions => ({ cwd: root, salt: 'pool-test-salt' });

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'rr-history-pool-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Test');
    git('config', 'commit.gpgsign', 'false');
    // Many files (hundreds of blobs for the workers to share), some with keys; each keyed file is then edited in
    // later commits of the same author time, so which version "introduced" a key is decided by the read order.
    const kept = githubKey();
    const historyOnly = stripeKey();
    for (let i = 0; i < 300; i++) write(`src/plain${i}.js`, `export const value${i} = ${i};\n`.repeat(1 + (i % 7)));
    const keyed = Array.from({ length: 24 }, (_, i) => ({ path: `conf/app${i}.js`, key: i % 2 ? stripeKey() : githubKey() }));
    for (const { path, key } of keyed) write(path, `module.exports = { token: '${key}' };\n`);
    write('keep.py', `TOKEN = "${kept}"\n`);
    write('gone.py', `STRIPE = "${historyOnly}"\n`);
    commit('first');
    for (let round = 1; round <= 3; round++) {
      for (const { path, key } of keyed) write(path, `// round ${round}\n${'\n'.repeat(round)}module.exports = { token: '${key}', round: ${round} };\n`);
      for (let i = 0; i < 300; i += 3) write(`src/plain${i}.js`, `export const value${i} = ${i + round};\n`);
      commit(`round ${round}`);
    }
    // Moved (a new path: a finding of its own), removed (history only), and one author time earlier than the rest.
    mkdirSync(join(root, 'moved'));
    git('mv', 'conf/app0.js', 'moved/app0.js');
    unlinkSync(join(root, 'gone.py'));
    commit('move and remove');
    date -= 86_400;
    write('late-but-older.js', `const k = '${keyed[1]!.key}';\n`);
    commit('older author time');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reports the same findings, notes, skips and counts, in the same order, as the in-process scan', async () => {
    const inProcess = await scanHistory(base());
    assert.ok(inProcess.findings.length >= 27, `${inProcess.findings.length} findings`);
    assert.ok(inProcess.findings.some((f) => f.inHead) && inProcess.findings.some((f) => !f.inHead));
    assert.ok(inProcess.findings.some((f) => f.occurrences > 1));
    for (let run = 0; run < 3; run++) {
      const pooled = await scanHistory({ ...base(), workers: workers() });
      assert.equal(JSON.stringify(pooled), JSON.stringify(inProcess), `run ${run}`);
    }
    // Below minBlobs no worker starts; with threads 0 none either: the same result.
    assert.equal(JSON.stringify(await scanHistory({ ...base(), workers: workers({ minBlobs: 1_000_000 }) })), JSON.stringify(inProcess));
    assert.equal(JSON.stringify(await scanHistory({ ...base(), workers: workers({ threads: 0 }) })), JSON.stringify(inProcess));
  });

  it('hands the blobs that need the TypeScript parser back to this thread, and analyzes the others in the worker', async () => {
    const options = { salt: 'pool-test-salt', retainParse: false };
    const blobs: Array<{ path: string; text: string; parse: boolean }> = [
      // A string under a credential name in a script: only the syntax tree tells what names it.
      { path: 'conf/app.js', text: `module.exports = { token: '${githubKey()}' };\n`, parse: true },
      { path: 'src/client.ts', text: `export const settings = { clientSecret: "${alnum(32)}" };\n`, parse: true },
      // A prefixed key in a script, Python, YAML and a script with no candidate at all: no parse.
      { path: 'src/plain.js', text: 'export const value = 1;\n', parse: false },
      { path: 'keep.py', text: `TOKEN = "${githubKey()}"\n`, parse: false },
      { path: 'ci.yml', text: `env:\n  STRIPE_KEY: ${stripeKey()}\n`, parse: false },
    ];
    const outcomes = new Map<number, BlobOutcome | undefined>();
    const pool = new BlobPool(workers({ threads: 1 }), options, (seq, outcome) => outcomes.set(seq, outcome));
    try {
      await pool.started();
      blobs.forEach(({ path, text }, seq) => assert.ok(pool.submit(seq, `blob${seq}`, path, Buffer.from(text)), `blob ${seq} taken by the worker`));
      await pool.drain();
    } finally {
      pool.close();
    }
    assert.equal(pool.parsedHere, blobs.filter((b) => b.parse).length);
    blobs.forEach(({ path, text }, seq) => assert.deepEqual(outcomes.get(seq), analyzeBlob(path, Buffer.from(text), options), path));
    assert.ok(blobs.every((_, seq) => outcomes.has(seq)));
    assert.ok([...outcomes.values()].filter(Boolean).length >= 4, 'the keys are found');
  });

  it('analyzes in-process what workers cannot (a worker that fails to start), with the same result', async () => {
    const inProcess = await scanHistory(base());
    const broken = await scanHistory({ ...base(), workers: workers({ script: join(root, 'missing-worker.js'), execArgv: [] }) });
    assert.equal(JSON.stringify(broken), JSON.stringify(inProcess));
  });

  it('stops promptly when cancelled mid-scan', async () => {
    const controller = new AbortController();
    const started = Date.now();
    let abortedAt = 0;
    const scan = scanHistory({
      ...base(),
      workers: workers(),
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 256 && !abortedAt) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    await assert.rejects(scan, (e: Error) => e.name === 'AbortError');
    assert.ok(abortedAt > 0, 'cancelled before the end');
    assert.ok(Date.now() - abortedAt < 2_000, `stopped ${Date.now() - abortedAt} ms after the cancel (${abortedAt - started} ms in)`);
  });
});
