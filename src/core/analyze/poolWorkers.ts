/**
 * Starting a workspace scan's worker threads, apart from the pool (pool.ts, which loads the analyzer): the CLI's entry
 * starts them before it loads anything else (src/cli/bin.ts), so that their own start-up (~0.1 s: a thread, Node.js's
 * internals, the analyzer) overlaps the main thread's instead of following it.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';

/**
 * The bundled scan worker (dist/scanWorker.js) in `dir`, the CLI's folder (esbuild.mjs), with V8 set up for the workers
 * started after this; undefined run from source (tests), where the scan stays in-process.
 */
export function bundledScanWorker(dir: string): string | undefined {
  const script = join(dir, 'scanWorker.js');
  if (!existsSync(script)) return undefined;
  // The workers compile their hot functions on their own thread, not on V8's background threads: with every core
  // analyzing, a background compile waited for a core while the function kept running unoptimized (bench/NOTES.md:
  // ~5% of a workspace scan). The flag is read as an isolate starts, so it changes only the workers started after it.
  setFlagsFromString('--no-concurrent-recompilation');
  return script;
}

/** A workspace scan of fewer files stays in-process (ScanWorkers.minFiles): starting workers would cost more than it saves. */
export const DEFAULT_MIN_POOL_FILES = 256;

/**
 * Whether a scan's roots are all files, fewer than `minFiles`: such a scan stays in-process, so no worker is started
 * for it (a pre-commit hook's `scan a.ts b.ts` started one that cost another core ~0.2 s of CPU). A folder, no root (the
 * current folder) or a path that is not there: false, as the scan may need its workers.
 */
export function onlyFewFiles(roots: readonly string[], cwd: string, minFiles = DEFAULT_MIN_POOL_FILES): boolean {
  const isFile = (root: string) => {
    try {
      return statSync(resolve(cwd, root), { throwIfNoEntry: false })?.isFile() === true;
    } catch {
      // ENOTDIR, EACCES…: the walk reports it; here it only means "not known to be a file"
      return false;
    }
  };
  return roots.length > 0 && roots.length < minFiles && roots.every(isFile);
}

export interface PoolWorker {
  worker: Worker;
  /** Where the worker's replies arrive: read synchronously between files (`receiveMessageOnPort`), or as events. */
  replies: MessagePort;
  /** It has ended (failed to start, ran out of memory, or was terminated): a pool that adopts it counts it out. */
  exited: boolean;
}

/** Workers started before their scan; ScanPool adopts them (ScanWorkers.started) and tells them the options then. */
export interface StartedWorkers {
  script: string;
  /** The pool's shared counters (pool.ts, NEXT_FILE…), which the workers were given. */
  shared: Int32Array;
  members: PoolWorker[];
}

/**
 * `threads` workers running `script`, waiting for their first message (the analysis options, ScanPool's); a worker
 * that cannot start is left out. They do not keep the process alive until a pool adopts them.
 */
export function startScanWorkers(script: string, threads: number, execArgv?: string[], maxOldGenerationSizeMb = 128, shared: Int32Array = new Int32Array(new SharedArrayBuffer(12))): StartedWorkers {
  const members: PoolWorker[] = [];
  for (let t = 0; t < threads; t++) {
    const { port1, port2 } = new MessageChannel();
    try {
      const worker = new Worker(script, { workerData: { replies: port2, shared }, transferList: [port2], execArgv, resourceLimits: { maxOldGenerationSizeMb } });
      const member: PoolWorker = { worker, replies: port1, exited: false };
      worker.once('exit', () => (member.exited = true));
      // Reported by 'exit' (the pool re-does in-process what it took and did not finish).
      worker.on('error', () => undefined);
      worker.unref();
      port1.unref();
      members.push(member);
    } catch {
      // analyzed in the main thread instead
      port1.close();
    }
  }
  return { script, shared, members };
}
