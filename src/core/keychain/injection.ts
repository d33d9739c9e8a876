import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvVarNames } from '../config/types';
import { writeFileAtomic } from '../atomicWrite';
import { parseDotenv, readDotenvFile, setDotenvValues } from '../envfile/dotenv';
import { ensureGitIgnored } from '../envfile/gitignore';

/** The keys of one service to inject (values; they go only into a process's environment or a git-ignored .env). */
export interface InjectedKeys {
  primary?: string;
  fallback?: string;
}

/**
 * The environment variables for a service's keys: `<NAME>_PRIMARY`, `<NAME>_FALLBACK`, and the
 * plain `<NAME>` (= primary) for code that reads a single key. Names come from the config
 * (`envVarsFor`) or `deriveEnvVarNames(service)`.
 */
export function injectedEnv(names: EnvVarNames, keys: InjectedKeys): Record<string, string> {
  const env: Record<string, string> = {};
  if (keys.primary !== undefined) {
    env[names.primary] = keys.primary;
    env[names.plain] = keys.primary;
  }
  if (keys.fallback !== undefined) env[names.fallback] = keys.fallback;
  return env;
}

export interface DotEnvResult {
  path: string;
  /** True when `.env` was added to `.gitignore` first. */
  gitignoreUpdated: boolean;
  /** Variable names written (never values). */
  written: string[];
}

/**
 * "Write to .env", the explicit alternative to injection: first makes sure the file is git-ignored and not
 * tracked (ensureGitIgnored), then sets the given variables (setDotenvValues: their own assignments are
 * rewritten, every other entry and comment kept) and reads them back; on any failure both files are restored.
 */
export async function writeDotEnv(root: string, vars: Record<string, string>, fileName = '.env'): Promise<DotEnvResult> {
  const path = join(root, fileName);
  const before = readDotenvFile(path, { label: fileName });
  const text = setDotenvValues(before ?? '', vars);
  const ignored = ensureGitIgnored(root, path);
  try {
    writeFileAtomic(path, text);
    const readBack = parseDotenv(readDotenvFile(path, { label: fileName }) ?? '');
    const wrong = Object.keys(vars).filter((name) => readBack.get(name) !== vars[name]);
    if (wrong.length) throw new Error(`${fileName} did not read back the value just written for ${wrong.join(', ')} (is a quote left open above?); it was restored.`);
  } catch (error) {
    if (before === undefined) rmSync(path, { force: true });
    else writeFileAtomic(path, before);
    ignored.undo();
    throw error;
  }
  return { path, gitignoreUpdated: ignored.updated, written: Object.keys(vars) };
}
