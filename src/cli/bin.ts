/**
 * The `rotation-ready` command (dist/cli.js): loads the CLI itself (dist/cli-main.js, src/cli/main.ts) from its V8
 * code cache and runs it. Compiling the CLI and the analyzer's functions as a scan first calls them cost each scan
 * ~0.2 s of CPU; the cache is written at build time after a scan (scripts/code-cache.mjs).
 *
 * A workspace scan's worker threads start first, before the CLI loads: each takes ~0.1 s to start (a thread, Node.js's
 * internals, the analyzer), which then overlaps this thread's loading instead of following it (bench/NOTES.md).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { bundledScanWorker, type StartedWorkers, startScanWorkers } from '../core/analyze/poolWorkers';
import { applyCliV8Flags, requireWithCodeCache } from './codeCache';

// Before any code is loaded from a cache or compiled: the caches were written under the same flags.
applyCliV8Flags();
const scanWorkers = earlyScanWorkers(process.argv.slice(2));
(requireWithCodeCache(join(__dirname, 'cli-main.js')) as typeof import('./main')).runCommandLine(scanWorkers);

/**
 * The default workers of `scan` (one per core but this one), unless its arguments may ask for none or another
 * number (`--jobs`), or for no workspace scan (`--staged`, `--history`, help): the scan command adopts them
 * (src/cli/commands/scan.ts, scanWorkers); anything else leaves them, and they end with the process.
 */
function earlyScanWorkers(args: string[]): StartedWorkers | undefined {
  if (args[0] !== 'scan' || args.some((a) => /^(?:-j|--jobs|--staged|--history|-h$|--help$)/.test(a))) return undefined;
  const script = bundledScanWorker(__dirname);
  return script ? startScanWorkers(script, availableParallelism() - 1) : undefined;
}
