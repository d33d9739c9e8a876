import type { CliCommand } from '../command';
import { alertSecretCommand } from './alert-secret';
import { dryRunCommand } from './dry-run';
import { execCommand } from './exec';
import { scanCommand } from './scan';
import { simulateCommand } from './simulate';

/**
 * A command whose module loads when it is used (its summary, usage or run). `fix` edits sources with ts-morph, whose
 * compiler takes ~0.4 s and ~100 MB to load: importing it eagerly made every `scan` pay that at start-up.
 */
function lazyCommand(name: string, load: () => CliCommand): CliCommand {
  let command: CliCommand | undefined;
  const get = () => (command ??= load());
  return {
    name,
    get summary() {
      return get().summary;
    },
    get usage() {
      return get().usage;
    },
    run: (args, io) => get().run(args, io),
  };
}

/** Every CLI sub-command, alphabetical. Adding one: a file in this folder and a line here. */
export const commands: CliCommand[] = [
  alertSecretCommand,
  dryRunCommand,
  execCommand,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lazyCommand('fix', () => (require('./fix') as typeof import('./fix')).fixCommand),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lazyCommand('mcp', () => (require('./mcp') as typeof import('./mcp')).mcpCommand),
  scanCommand,
  simulateCommand,
];
