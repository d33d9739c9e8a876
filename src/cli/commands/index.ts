import type { CliCommand } from '../command';

/** Every CLI sub-command, alphabetical. Adding one: a file in this folder and a line here. */
export const commands: CliCommand[] = [];
