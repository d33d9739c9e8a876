/** The worker threads of a workspace scan and the main thread, taking files from one shared counter (scanWorker.ts). */
import { receiveMessageOnPort } from 'node:worker_threads';
import type { AnalyzeOptions } from './index';
import { DEFAULT_MIN_POOL_FILES, type PoolWorker, type StartedWorkers, startScanWorkers } from './poolWorkers';
import { analyzeFileOrSkip, type FileOutcome } from './read';

export interface ScanWorkers {
  /** The worker entry: the bundled dist/scanWorker.js (src/cli/scanWorkerBoot.ts, which loads src/core/analyze/scanWorker.ts). */
  script: string;
  /**
   * Worker threads beside this one, which analyzes files too (and parses those that need the TypeScript parser).
   * Default `os.availableParallelism() - 1`; 0 keeps the scan in-process.
   */
  threads?: number;
  /** Fewer files than this are analyzed in-process (default DEFAULT_MIN_POOL_FILES). */
  minFiles?: number;
  /** For the worker (e.g. `['--require', 'tsx/cjs']` to run the TypeScript entry in tests). */
  execArgv?: string[];
  /**
   * Old-generation heap of each worker, MB (default 128). V8 sizes a heap's growth by its limit: with the default
   * limit, workers' garbage took a scan over the 400 MB budget (bench/NOTES.md). A worker that runs out anyway exits,
   * and its files are re-done in-process.
   */
  maxOldGenerationSizeMb?: number;
  /**
   * Workers of `script` started earlier (poolWorkers.ts, by the CLI before it loaded the analyzer), with the default
   * execArgv and heap limit: the pool adopts up to `threads` of them (once) and starts any others it needs.
   */
  started?: StartedWorkers;
}

/** Pool → worker, as the walk goes: the next files of the scan, in order (a file's index is its place in all of them). */
export interface WorkerFiles {
  abs: string[];
  rel: string[];
}
/**
 * Worker → pool, every few milliseconds and whenever a file is handed back: the files with nothing to report (most),
 * by index, and the outcomes of the others. `finished`: the worker has taken its last file.
 */
export interface WorkerReply {
  empty: number[];
  outcomes: Array<{ index: number } & FileOutcome>;
  finished: boolean;
}

/** Slots of the pool's shared counters (an Int32Array over a SharedArrayBuffer). */
export const NEXT_FILE = 0;
/** How many files the walk has handed to the workers so far. */
export const PUBLISHED = 1;
/** 1 once the walk is done: PUBLISHED is then the number of files. */
export const WALKED = 2;

/**
 * A thread's share of the scan's files, taken from the counter all threads share a run of neighbours at a time: a
 * package's files (its builds, its typings) share names and values, which each thread's memos remember, and taking
 * files one by one in turns cost both threads more. Runs shrink as the list ends, so the threads finish together.
 * While the walk goes on, an index can be ahead of the files published; the caller waits for them (scanWorker.ts).
 */
export class FileClaims {
  private at = 0;
  private end = 0;
  constructor(private readonly shared: Int32Array) {}

  /** The next file's index, or undefined when every file is taken. */
  take(): number | undefined {
    const walked = Atomics.load(this.shared, WALKED) === 1;
    const published = Atomics.load(this.shared, PUBLISHED);
    if (this.at >= this.end) {
      const run = walked ? Math.max(1, Math.min(32, (published - Atomics.load(this.shared, NEXT_FILE)) >> 6)) : 32;
      this.at = Atomics.add(this.shared, NEXT_FILE, run);
      this.end = this.at + run;
    }
    if (walked && this.at >= published) {
      this.at = this.end;
      return undefined;
    }
    return this.at++;
  }
}

/** Worker threads that analyze files with `deferParse`: those started earlier first, then new ones. */
function startWorkers(analyzeOptions: AnalyzeOptions, config: ScanWorkers, threads: number): { members: PoolWorker[]; shared: Int32Array } {
  const early = config.started?.members.splice(0) ?? [];
  const started = config.started?.script === config.script ? early.splice(0, threads) : [];
  for (const { worker, replies } of early) {
    replies.close();
    void worker.terminate();
  }
  const shared = started.length > 0 ? config.started!.shared : new Int32Array(new SharedArrayBuffer(12));
  const members = [...started, ...startScanWorkers(config.script, threads - started.length, config.execArgv, config.maxOldGenerationSizeMb, shared).members];
  for (const { worker, replies } of members) {
    worker.ref();
    replies.ref();
    // The first message: how to analyze (a worker started early was given no options).
    worker.postMessage({ options: { ...analyzeOptions, deferParse: true } });
  }
  return { members, shared };
}

/**
 * The scan's worker threads and this thread, analyzing together. The workers start before the walk and take files as
 * the walk hands them over (`add`, in batches), so they work while this thread walks; then every thread takes its next
 * file from one shared counter (`analyze`). Workers hand back the files that need the TypeScript parser (`deferred`),
 * which this thread parses, so the compiler loads and warms up once (in each worker it doubled the parse time). Between
 * files this thread reads the workers' replies without yielding to the event loop (yielding to let them in cost
 * more), and when it runs out of files it waits for them. Cancellation terminates the workers.
 */
export class ScanPool {
  private readonly shared: Int32Array;
  private readonly members: PoolWorker[];
  private readonly files: Array<{ abs: string; rel: string }> = [];
  private batch: WorkerFiles = { abs: [], rel: [] };
  private readonly deferred: number[] = [];
  private working: number;
  /** Wakes this thread when it waits for the workers (a reply arrived, or a worker ended). */
  private wake: (() => void) | undefined;
  private readonly readers: Array<() => void>;

  constructor(
    analyzeOptions: AnalyzeOptions,
    private readonly config: ScanWorkers,
    threads: number,
    /** Where outcomes go, by index in the order files were added. */
    private readonly record: (index: number, outcome: FileOutcome) => void,
  ) {
    ({ members: this.members, shared: this.shared } = startWorkers(analyzeOptions, config, threads));
    this.working = this.members.length;
    this.readers = this.members.map((member) => this.listen(member));
  }

  get size(): number {
    return this.members.length;
  }

  /** A file from the walk; the workers get them in batches once there are `minFiles` (below that, no pool is used). */
  add(file: { abs: string; rel: string }): void {
    this.files.push(file);
    this.batch.abs.push(file.abs);
    this.batch.rel.push(file.rel);
    if (this.batch.abs.length >= 64 && this.files.length >= (this.config.minFiles ?? DEFAULT_MIN_POOL_FILES)) this.publish();
  }

  /**
   * The walk is done (`files` is what it added): analyzes the rest with the workers, this thread with `analyzeOptions`
   * (no `deferParse`: it does the parsing). A file a worker took and did not finish (it failed to start, or ran out of
   * memory) has no outcome recorded, and the caller analyzes it in-process.
   */
  async analyze(analyzeOptions: AnalyzeOptions): Promise<void> {
    this.publish();
    Atomics.store(this.shared, WALKED, 1);
    Atomics.notify(this.shared, PUBLISHED);
    const { signal } = analyzeOptions;
    const onAbort = () => this.members.forEach(({ worker }) => void worker.terminate());
    signal?.addEventListener('abort', onAbort, { once: true });
    const claims = new FileClaims(this.shared);
    let lastYield = Date.now();
    while (!signal?.aborted) {
      this.readers.forEach((read) => read());
      const index = this.deferred.shift() ?? claims.take();
      if (index === undefined) {
        if (this.working === 0) break;
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      const file = this.files[index]!;
      const outcome = await analyzeFileOrSkip(file.abs, file.rel, analyzeOptions, true);
      if (outcome.skipped === 'cancelled') break;
      this.record(index, outcome);
      // Let a cancel request in now and then.
      if (Date.now() - lastYield > 50) {
        await new Promise<void>((r) => setImmediate(r));
        lastYield = Date.now();
      }
    }
    signal?.removeEventListener('abort', onAbort);
    this.close();
  }

  /** Stops the workers (also when the walk found too few files to use them). */
  close(): void {
    for (const { worker, replies } of this.members) {
      replies.close();
      void worker.terminate();
    }
  }

  private publish(): void {
    if (this.batch.abs.length === 0) return;
    for (const { worker } of this.members) worker.postMessage(this.batch);
    this.batch = { abs: [], rel: [] };
    // After the message: a worker that sees the count finds the files in its port.
    Atomics.store(this.shared, PUBLISHED, this.files.length);
    Atomics.notify(this.shared, PUBLISHED);
  }

  private nudge(): void {
    this.wake?.();
    this.wake = undefined;
  }

  private receive(reply: WorkerReply): void {
    for (const index of reply.empty) this.record(index, { findings: [], notes: [] });
    for (const { index, ...outcome } of reply.outcomes) {
      if (outcome.deferred) this.deferred.push(index);
      else this.record(index, outcome);
    }
  }

  /** A worker's replies, read either way; `finished` (or its exit) counts it out. Returns the synchronous reader. */
  private listen(member: PoolWorker): () => void {
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.working--;
      member.replies.close();
      this.nudge();
    };
    const handle = (reply: WorkerReply) => {
      this.receive(reply);
      if (reply.finished) end();
    };
    const read = () => {
      let message: { message: WorkerReply } | undefined;
      while (!ended && (message = receiveMessageOnPort(member.replies) as { message: WorkerReply } | undefined)) handle(message.message);
    };
    member.replies.on('message', (reply: WorkerReply) => {
      handle(reply);
      this.nudge();
    });
    const exit = () => {
      // Its last replies may still be in the port.
      read();
      end();
    };
    // An early-started worker may have ended before the pool adopted it (errors are reported by 'exit', poolWorkers.ts).
    if (member.exited) exit();
    else member.worker.on('exit', exit);
    return read;
  }
}
