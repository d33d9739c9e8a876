import type { CliCommand } from '../command';
import { execCommand } from './exec';
import { simulateCommand } from './simulate';

/** Every CLI sub-command, alphabetical. Adding one: a file in this folder and a line here. */
export const commands: CliCommand[] = [
  execCommand,
  simulateCommand,
];
