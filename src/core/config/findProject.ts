import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_FILE = '.rotation-ready.json';

export interface FoundProject {
  /** The project's folder: the config file's folder, else the folder the search started in. */
  root: string;
  /** The nearest `.rotation-ready.json` at or above the start folder, if any. */
  configFile?: string;
  /** True when the config file lies above the start folder (callers say which file they use). */
  above: boolean;
  /** A config file the search passed over and why (owned by another user). */
  ignored?: { file: string; reason: string };
}

export interface FindProjectOptions {
  /** Not searched above (default: none); the user's home folder for the CLI. */
  home?: string;
  /** The user who may own a config found above the start folder (default: this process's; none on Windows). */
  uid?: number;
}

/**
 * The project a folder belongs to, found the way git finds its repository: the nearest folder at or above `start`
 * that holds a `.rotation-ready.json`. The search stops after the first folder that holds `.git` (a repository's
 * top: a config above a repository is not the repository's), after `home`, and at the filesystem root. A config
 * above the start folder that another user owns (a shared `/tmp`, a parent folder someone else controls) is not
 * used, as git refuses a repository another user owns: the search ends there and reports it.
 */
export function findProject(start: string, options: FindProjectOptions = {}): FoundProject {
  const from = resolve(start);
  const home = options.home === undefined ? undefined : resolve(options.home);
  const uid = options.uid ?? process.getuid?.();
  for (let dir = from; ; ) {
    const file = join(dir, CONFIG_FILE);
    const stat = statIfFile(file);
    if (stat) {
      if (dir !== from && uid !== undefined && stat.uid !== uid) return { root: from, above: false, ignored: { file, reason: `owned by another user (uid ${stat.uid})` } };
      return { root: dir, configFile: file, above: dir !== from };
    }
    const parent = dirname(dir);
    if (parent === dir || dir === home || existsSync(join(dir, '.git'))) return { root: from, above: false };
    dir = parent;
  }
}

function statIfFile(file: string): { uid: number } | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}
