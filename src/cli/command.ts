import type { StartedWorkers } from '../core/analyze/poolWorkers';

/** One CLI sub-command. Each lives in its own file under `commands/` and is listed in `commands/index.ts`. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM so long-running commands (simulate, dry-run) stop cleanly. */
  signal: AbortSignal;
  /** A workspace scan's worker threads, started before the CLI loaded (src/cli/bin.ts): `scan` adopts them. */
  scanWorkers?: StartedWorkers;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Exit code: 0 success/clean, 1 findings or not safe, 2 usage or runtime error. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad arguments; the runner prints the message and the usage, and exits 2. */
export class UsageError extends Error {}
