/**
 * A workspace scan: the walk (walk.ts), each file read and analyzed (read.ts), in worker threads beside this one when
 * asked (pool.ts). The names other modules use from those parts are exported here too.
 */
import { availableParallelism } from 'node:os';
import type { Finding } from '../findings';
import type { AnalyzeOptions } from './index';
import { ScanPool, type ScanWorkers } from './pool';
import { DEFAULT_MIN_POOL_FILES, onlyFewFiles } from './poolWorkers';
import { analyzeFileOrSkip, type FileOutcome } from './read';
import { listFiles, type ScanSkip, type WalkOptions } from './walk';

export { DEFAULT_EXCLUDES, displayName, fsPath, listFiles, type ScanSkip } from './walk';
export { analyzeBytes, analyzeBytesCooperatively, analyzeFile, analyzeFileOrSkip, type FileOutcome, isBinary } from './read';
export { FileClaims, NEXT_FILE, PUBLISHED, type ScanWorkers, WALKED, type WorkerFiles, type WorkerReply } from './pool';

export interface ScanProgress {
  done: number;
  total: number;
  /** Relative path of the file just analyzed. */
  path?: string;
}

export interface ScanOptions extends Omit<AnalyzeOptions, 'signal'>, WalkOptions {
  /** Files analyzed at once (default 8). */
  concurrency?: number;
  onProgress?: (progress: ScanProgress) => void;
  /** Analyze in worker threads (the CLI); without it, or for few files, everything runs in this thread. */
  workers?: ScanWorkers;
}

export interface ScanResult {
  findings: Finding[];
  /** Files analyzed (not skipped). */
  files: number;
  skipped: ScanSkip[];
  notes: Array<{ path: string; note: string }>;
  cancelled: boolean;
}

/**
 * Walks the roots and analyzes every file: progress after each file (done/total), cancellable between
 * files and inside large ones, never throws for one unreadable file. With `workers`, worker threads analyze files
 * beside this thread (the analysis is CPU-bound and synchronous); the result is the same, in the same order.
 */
export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const outcomes: Array<FileOutcome | undefined> = [];
  let walked: Array<{ abs: string; rel: string }> | undefined;
  let done = 0;
  // Outcomes that came before the walk was done (from the pool): their progress is told once the total is known.
  const early: number[] = [];
  const record = (index: number, outcome: FileOutcome) => {
    if (outcomes[index]) return;
    outcomes[index] = outcome;
    if (!walked) early.push(index);
    else options.onProgress?.({ done: ++done, total: walked.length, path: walked[index]!.rel });
  };
  // Workers start before the walk, so their start-up (loading the analyzer) overlaps it, and take files as it goes.
  // A scan of a few named files never reaches the pool's minimum: no worker is started for it.
  const pooled = options.workers !== undefined && !onlyFewFiles(options.roots, options.cwd ?? process.cwd(), options.workers.minFiles);
  const wanted = pooled ? (options.workers!.threads ?? availableParallelism() - 1) : 0;
  // The analysis options, plain data for the workers; this thread's have the signal too.
  const workerOptions = analysisOptions(options);
  const analyzeOptions: AnalyzeOptions = { ...workerOptions, signal: options.signal };
  const pool = wanted >= 1 ? new ScanPool(workerOptions, options.workers!, wanted, record) : undefined;
  // In walk order when the pool takes files as they come (the report is sorted either way).
  const { files, skipped } = await listFiles(options, pool && pool.size > 0 ? (file) => pool.add(file) : undefined);
  walked = files;
  const result: ScanResult = { findings: [], files: 0, skipped, notes: [], cancelled: false };
  const total = files.length;
  options.onProgress?.({ done, total });
  for (const index of early) options.onProgress?.({ done: ++done, total, path: files[index]!.rel });

  if (pool && pool.size > 0 && total >= (options.workers!.minFiles ?? DEFAULT_MIN_POOL_FILES)) await pool.analyze(analyzeOptions);
  else pool?.close();
  // Every file without an outcome yet: all of them, or those the pool did not finish.
  const inProcess = files.map((_, i) => i).filter((index) => !outcomes[index]);

  let next = 0;
  let lastYield = Date.now();
  const worker = async () => {
    while (next < inProcess.length) {
      if (options.signal?.aborted) return;
      const index = inProcess[next++]!;
      const file = files[index]!;
      const r = await analyzeFileOrSkip(file.abs, file.rel, analyzeOptions, true);
      if (r.skipped === 'cancelled') return;
      record(index, r);
      // Yield so a cancel request (and the editor) get a turn: every ~10 ms of work, not after every file.
      if (Date.now() - lastYield > 10) {
        await new Promise<void>((r) => setImmediate(r));
        lastYield = Date.now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));

  outcomes.forEach((r, index) => {
    if (!r) return;
    const rel = files[index]!.rel;
    if (r.skipped) result.skipped.push({ path: rel, reason: r.skipped });
    else result.files++;
    result.findings.push(...r.findings);
    for (const note of r.notes) result.notes.push({ path: rel, note });
  });
  result.cancelled = options.signal?.aborted ?? false;
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  result.findings.sort((a, b) => byPath(a, b) || a.offset - b.offset);
  result.skipped.sort(byPath);
  result.notes.sort(byPath);
  return result;
}

/** The analysis options of a scan, without what only the scan uses: plain data (a worker gets them as workerData). */
function analysisOptions(options: ScanOptions): AnalyzeOptions {
  const { roots: _r, base: _b, cwd: _c, exclude: _e, gitignore: _g, concurrency: _n, onProgress: _p, signal: _s, workers: _w, ...analyzeOptions } = options;
  return { ...analyzeOptions, retainParse: analyzeOptions.retainParse ?? false };
}
