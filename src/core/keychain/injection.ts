import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvVarNames } from '../config/types';
import { writeFileAtomic } from '../atomicWrite';

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
 * "Write to .env", the explicit alternative to injection: first makes sure the file is git-ignored
 * (adding it to `.gitignore` if needed, and refusing if git still would not ignore it), then sets
 * the given variables, replacing only their own lines and keeping every other entry and comment.
 */
export async function writeDotEnv(root: string, vars: Record<string, string>, fileName = '.env'): Promise<DotEnvResult> {
  const gitignoreUpdated = await ensureGitIgnored(root, fileName);
  const path = join(root, fileName);
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split(/\r?\n/) : [];
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const pending = new Map(Object.entries(vars));
  const out = lines.map((line) => {
    const match = /^\s*(export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    const name = match?.[2];
    if (name === undefined || !pending.has(name)) return line;
    const value = pending.get(name)!;
    pending.delete(name);
    return `${match![1] ?? ''}${name}=${quote(value)}`;
  });
  for (const [name, value] of pending) out.push(`${name}=${quote(value)}`);
  writeFileAtomic(path, `${out.join('\n')}\n`);
  return { path, gitignoreUpdated, written: Object.keys(vars) };
}

/** Ensures `fileName` at the workspace root is git-ignored. Returns whether `.gitignore` changed. */
export async function ensureGitIgnored(root: string, fileName = '.env'): Promise<boolean> {
  if ((await gitIgnores(root, fileName)) === true) return false;
  const gitignore = join(root, '.gitignore');
  const text = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
  let changed = false;
  if (!gitignoreLists(text, fileName)) {
    writeFileAtomic(gitignore, `${text}${text.length === 0 || text.endsWith('\n') ? '' : '\n'}# Local keys written by Rotation Ready\n/${fileName}\n`);
    changed = true;
  }
  if ((await gitIgnores(root, fileName)) === false) {
    throw new Error(`${fileName} is still not ignored by git (is it tracked? run git rm --cached on it first); refusing to write keys to it.`);
  }
  return changed;
}

/** Asks git (undefined when git or a repository is not there). */
function gitIgnores(root: string, fileName: string): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', root, 'check-ignore', '-q', '--', fileName], { timeout: 5000 }, (error) => {
      if (!error) return resolve(true);
      resolve((error as { code?: unknown }).code === 1 ? false : undefined);
    });
  });
}

/** Without git: does `.gitignore` have a line that ignores the file at the root? */
function gitignoreLists(text: string, fileName: string): boolean {
  const patterns = text.split(/\r?\n/).map((l) => l.trim());
  if (patterns.some((p) => p === `!${fileName}` || p === `!/${fileName}`)) return false;
  return patterns.some((p) => p === fileName || p === `/${fileName}` || p === `${fileName}*` || p === '*.env' || p === '.env*' || p === '/.env*');
}

function quote(value: string): string {
  if (/^[A-Za-z0-9_\-.:/+=@,]*$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}


