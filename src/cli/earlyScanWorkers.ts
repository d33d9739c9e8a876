/**
 * Which `scan` command lines start their worker threads before the CLI loads (bin.ts): those whose workspace scan will
 * use them. Read from the arguments alone, leniently (the scan command parses them strictly later and reports errors).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { bundledScanWorker, onlyFewFiles, type StartedWorkers, startScanWorkers } from '../core/analyze/poolWorkers';
import { SCAN_OPTIONS } from './scanOptions';

/**
 * The default workers of `scan` (one per core but this one), unless its arguments may ask for none or another
 * number (`--jobs`), for no workspace scan (`--staged`, `--history`, help), or name only a few files: the scan
 * command adopts them (src/cli/commands/scan.ts, scanWorkers); anything else leaves them, and they end with the process.
 */
export function earlyScanWorkers(args: string[], dir: string, cwd: string): StartedWorkers | undefined {
  if (args[0] !== 'scan' || args.some((a) => /^(?:-j|--jobs|--staged|--history|-h$|--help$)/.test(a))) return undefined;
  if (namesFewFiles(args.slice(1), cwd)) return undefined;
  const script = bundledScanWorker(dir);
  return script ? startScanWorkers(script, availableParallelism() - 1) : undefined;
}

/** Whether the scan's targets (its arguments that are not options) are a few files (onlyFewFiles): it will use no worker. */
export function namesFewFiles(args: string[], cwd: string): boolean {
  let targets: string[];
  try {
    targets = parseArgs({ args, options: SCAN_OPTIONS, strict: false, allowPositionals: true }).positionals;
  } catch {
    return false;
  }
  return onlyFewFiles(targets, cwd);
}
