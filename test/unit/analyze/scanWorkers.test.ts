import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileClaims, PUBLISHED, scanWorkspace, WALKED, type ScanProgress, type ScanWorkers } from '../../../src/core/analyze/scan';
import { DEFAULT_MIN_POOL_FILES, onlyFewFiles, startScanWorkers } from '../../../src/core/analyze/poolWorkers';
import { namesFewFiles } from '../../../src/cli/earlyScanWorkers';
import { frag } from './tester';

/** The TypeScript worker entry, run through tsx as mocha runs the tests (the CLI runs the bundled dist/scanWorker.js). */
const workers = (extra: Partial<ScanWorkers> = {}): ScanWorkers => ({ script: join(__dirname, '../../../src/core/analyze/scanWorker.ts'), execArgv: ['--require', 'tsx/cjs'], threads: 2, minFiles: 0, ...extra });

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'rr-scanw-'));
  const files: Record<string, string | Buffer> = {
    'bin/blob.dat': Buffer.from([0, 1, 2, 3]),
    'big.txt': 'x'.repeat(6000),
    'notes.md': 'nothing here\n',
  };
  for (let i = 0; i < 80; i++) {
    const d = String(i).padStart(2, '0');
    files[`src/m${d}/a.ts`] = i % 3 === 0 ? `export const stripeKey = '${frag.stripe}';\nconst apiKey = "Zq8Xv2Lm9Rt4Wy7Bn3Kc6Hd1Pf5Gs0Ja";\n` : `export const n${i} = ${i};\n`;
    files[`src/m${d}/b.py`] = i % 4 === 0 ? `token = '${frag.ghp}'\n` : `x = ${i}\n`;
    files[`src/m${d}/c.env`] = i % 5 === 0 ? `API_SECRET=Zq8Xv2Lm9Rt4Wy7Bn3Kc6Hd1Pf5Gs0J${i}\n` : 'EMPTY=\n';
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('scanWorkspace in worker threads', function () {
  // Starting workers that compile the analyzer through tsx takes a few seconds on a loaded machine.
  this.timeout(120_000);
  let root: string;
  before(() => (root = workspace()));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('gives the same findings, skips, notes and counts, in the same order, as the in-process scan, with progress for every file', async () => {
    const base = { roots: ['.'], cwd: root, salt: 's', maxFileBytes: 4096 };
    const inProcess = await scanWorkspace(base);
    const progress: ScanProgress[] = [];
    const pooled = await scanWorkspace({ ...base, workers: workers(), onProgress: (p) => progress.push(p) });
    assert.ok(inProcess.findings.length > 20);
    assert.deepEqual(pooled, inProcess);
    assert.equal(progress.length, 1 + 243);
    assert.deepEqual(progress.map((p) => p.done), progress.map((_, i) => i));
    assert.ok(progress.every((p) => p.total === 243));
  });

  it('analyzes in-process what a worker could not (a worker entry that fails to load)', async () => {
    const base = { roots: ['.'], cwd: root, salt: 's' };
    const inProcess = await scanWorkspace(base);
    const broken = await scanWorkspace({ ...base, workers: workers({ script: join(root, 'missing-worker.js'), execArgv: [] }) });
    assert.deepEqual(broken, inProcess);
  });

  it('adopts workers started before the scan (as the CLI starts them), ends the ones it does not need, and re-does what one that ended could not', async () => {
    const base = { roots: ['.'], cwd: root, salt: 's', maxFileBytes: 4096 };
    const inProcess = await scanWorkspace(base);
    const { script, execArgv } = workers();
    const started = startScanWorkers(script, 3, execArgv);
    const [first, second, third] = started.members;
    const ended = [first, second, third].map((m) => new Promise((resolve) => m!.worker.once('exit', resolve)));
    const pooled = await scanWorkspace({ ...base, workers: workers({ started }) });
    assert.deepEqual(pooled, inProcess);
    assert.equal(started.members.length, 0, 'adopted once');
    // The pool ended all three: the third unused, the others when done (the test would time out otherwise).
    await Promise.all(ended);
    // Started early, ended before its scan (its entry failed to load): the pool does not wait for it.
    const failed = startScanWorkers(join(root, 'missing-worker.js'), 1, []);
    await new Promise((resolve) => failed.members[0]!.worker.once('exit', resolve));
    const alone = await scanWorkspace({ ...base, workers: workers({ script: join(root, 'missing-worker.js'), execArgv: [], started: failed }) });
    assert.deepEqual(alone, inProcess);
  });

  it('starts no worker for a scan of a few named files (it would stay in-process), and does for a folder', async () => {
    const { script } = workers();
    // Workers started early (as the CLI starts them) with an entry that never loads: a pool would adopt and end them.
    const early = () => startScanWorkers(script, 1, ['--require', join(root, 'missing-hook.js')]);
    const files = early();
    const named = await scanWorkspace({ roots: ['src/m00/a.ts', 'notes.md'], cwd: root, salt: 's', workers: workers({ started: files, minFiles: DEFAULT_MIN_POOL_FILES }) });
    assert.equal(named.files, 2);
    assert.equal(files.members.length, 1, 'no pool for two named files');
    files.members.forEach(({ worker }) => void worker.terminate());
    const folder = early();
    const small = await scanWorkspace({ roots: ['src/m00'], cwd: root, salt: 's', workers: workers({ started: folder, minFiles: DEFAULT_MIN_POOL_FILES }) });
    assert.equal(small.files, 3);
    assert.equal(folder.members.length, 0, 'a folder may hold enough files: its pool starts before the walk');
  });

  it('tells a few named files from folders, missing paths and long lists, in roots and in the scan command\'s arguments', () => {
    assert.equal(onlyFewFiles(['src/m00/a.ts'], root), true);
    assert.equal(onlyFewFiles(['src/m00/a.ts', join(root, 'notes.md')], root), true);
    assert.equal(onlyFewFiles([], root), false, 'no root: the current folder');
    assert.equal(onlyFewFiles(['src/m00'], root), false);
    assert.equal(onlyFewFiles(['src/m00/a.ts', 'src/m01'], root), false);
    assert.equal(onlyFewFiles(['src/m00/missing.ts'], root), false);
    assert.equal(onlyFewFiles(['notes.md/below-a-file'], root), false, 'ENOTDIR: left to the walk to report');
    const many = Array.from({ length: 80 }, (_, i) => `src/m${String(i).padStart(2, '0')}/a.ts`);
    assert.equal(onlyFewFiles(many, root), true);
    assert.equal(onlyFewFiles(many, root, 80), false, 'as many files as the pool\'s minimum');
    // Option values are not targets; an unknown option is read as a flag.
    assert.equal(namesFewFiles(['src/m00/a.ts', '--format', 'json', '-o', 'out.json'], root), true);
    assert.equal(namesFewFiles(['-f', 'sarif', '--exclude=src/m01/**', 'notes.md'], root), true);
    assert.equal(namesFewFiles(['--output', 'notes.md'], root), false, 'the output file is no target: the current folder is');
    assert.equal(namesFewFiles(['--format', 'json'], root), false);
    assert.equal(namesFewFiles(['src'], root), false);
  });

  it('stays in-process below minFiles, and stops with cancelled when aborted', async () => {
    const small = await scanWorkspace({ roots: ['src/m00'], cwd: root, salt: 's', workers: workers({ script: join(root, 'missing-worker.js'), minFiles: 256 }) });
    assert.equal(small.files, 3);
    const controller = new AbortController();
    const cancelled = await scanWorkspace({ roots: ['.'], cwd: root, salt: 's', workers: workers(), signal: controller.signal, onProgress: (p) => p.done === 5 && controller.abort() });
    assert.equal(cancelled.cancelled, true);
    assert.ok(cancelled.files < 243);
  });
});

describe('FileClaims', () => {
  it('gives every file to exactly one thread, in runs of neighbours that shrink as the list ends', () => {
    for (const total of [0, 1, 63, 64, 1000, 15_079]) {
      const shared = new Int32Array(new SharedArrayBuffer(12));
      shared[PUBLISHED] = total;
      shared[WALKED] = 1;
      const threads = [new FileClaims(shared), new FileClaims(shared), new FileClaims(shared)];
      const taken: number[][] = threads.map(() => []);
      // Threads take files in turns of different lengths, as threads of different speeds would.
      for (let round = 0, active = threads.length; active > 0; round++) {
        active = 0;
        threads.forEach((claims, t) => {
          for (let k = 0; k < 1 + ((round + t) % 5); k++) {
            const index = claims.take();
            if (index === undefined) return;
            taken[t]!.push(index);
          }
          active++;
        });
      }
      assert.deepEqual(taken.flat().sort((a, b) => a - b), [...Array(total).keys()], `total ${total}`);
      // Runs: a thread's files are mostly consecutive.
      if (total >= 1000) {
        const breaks = taken.map((list) => list.filter((index, i) => i > 0 && index !== list[i - 1]! + 1).length);
        assert.ok(breaks.every((b) => b < total / 8), `breaks ${breaks} of ${total}`);
      }
    }
  });

  it('while the walk goes on, takes indexes ahead of it, and none past the end once it is done', () => {
    const shared = new Int32Array(new SharedArrayBuffer(12));
    const a = new FileClaims(shared);
    const b = new FileClaims(shared);
    shared[PUBLISHED] = 10;
    // Ahead of the 10 published files: a run of 32 each, to be waited for.
    assert.equal(a.take(), 0);
    assert.equal(b.take(), 32);
    for (let i = 1; i < 32; i++) assert.equal(a.take(), i);
    shared[PUBLISHED] = 40;
    shared[WALKED] = 1;
    const rest: number[] = [];
    for (let index = b.take(); index !== undefined; index = b.take()) rest.push(index);
    for (let index = a.take(); index !== undefined; index = a.take()) rest.push(index);
    assert.deepEqual(rest.sort((x, y) => x - y), [33, 34, 35, 36, 37, 38, 39]);
  });
});


describe('the CLI (dist/cli.js) starts its scan workers before it loads', function () {
  this.timeout(120_000);
  let root: string;
  before(() => (root = workspace()));
  after(() => rmSync(root, { recursive: true, force: true }));
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(__dirname, '../../../dist/cli.js'), 'scan', ...args, '--format', 'json'], { cwd: root, encoding: 'utf8', env: { ...process.env, ROTATION_READY_SALT: 'early' } });

  it('reports what the in-process scan reports, with the workers adopted (243 files), left unused (3 files) or not started (2 named files)', () => {
    for (const paths of [['.'], ['src/m00'], ['src/m00/a.ts', 'src/m00/b.py']]) {
      const early = cli(...paths);
      const inProcess = cli(...paths, '--jobs', '1');
      assert.equal(early.status, 1, early.stderr);
      assert.equal(early.stdout, inProcess.stdout);
      assert.ok(JSON.parse(early.stdout).findings.length > 0);
    }
  });
});
