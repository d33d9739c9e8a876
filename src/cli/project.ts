import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONFIG_FILE, findProject, type FoundProject } from '../core/config/findProject';
import type { CliIo } from './command';

/**
 * The project of the folder a command runs in (the nearest `.rotation-ready.json` at or above it, not above a
 * repository's top or the home folder: core/config/findProject.ts). A config found above that folder, or one passed
 * over, is named on standard error, so a parent folder's config is never used silently.
 */
export function cliProject(io: CliIo, command: string, start: string = io.cwd): FoundProject {
  const found = findProject(start, { home: homedir() });
  if (found.ignored) io.stderr(`rotation-ready ${command}: not using ${found.ignored.file}: ${found.ignored.reason}; give it with --config to use it\n`);
  if (found.above) io.stderr(`rotation-ready ${command}: using ${found.configFile} (the nearest .rotation-ready.json above ${start})\n`);
  return found;
}

/** The config file a command uses: `--config FILE` (relative to the current folder) wins, else the project's. */
export function cliConfigFile(io: CliIo, command: string, given: string | undefined): { file: string; searched: boolean } {
  if (given !== undefined) return { file: resolve(io.cwd, given), searched: false };
  return { file: cliProject(io, command).configFile ?? join(io.cwd, CONFIG_FILE), searched: true };
}
