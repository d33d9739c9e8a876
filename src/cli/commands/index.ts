import type { CliCommand } from '../command';
import { alertSecretCommand } from './alert-secret';
import { dryRunCommand } from './dry-run';
import { execCommand } from './exec';
import { fixCommand } from './fix';
import { scanCommand } from './scan';
import { simulateCommand } from './simulate';

/** Every CLI sub-command, alphabetical. Adding one: a file in this folder and a line here. */
export const commands: CliCommand[] = [
  alertSecretCommand,
  dryRunCommand,
  execCommand,
  fixCommand,
  scanCommand,
  simulateCommand,
];
