import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { writeFileAtomic } from '../atomicWrite';
import { realPath, refuseSymlink } from '../confine';
import { SAFE_ENV, SAFE_GLOBALS } from '../history/git';
import { lineBreakOf } from './dotenv';

/**
 * The one guard for files that hold secrets (`.env`): before a value is written, the file must be ignored
 * by the repository's committed `.gitignore` files and not tracked by git. "Ignored" is judged with the
 * `ignore` package over every `.gitignore` from the repository's top (or the project root without git) down
 * to the file's folder, as git does (a deeper file overrides, `!` re-includes, nothing re-includes a file of
 * an excluded folder); the user's own excludes (`core.excludesFile`, `.git/info/exclude`) do not count,
 * since they protect no other clone. In a repository git confirms the result (`check-ignore`).
 */

/** A `.gitignore` larger than this is not read (nor judged): a real one is a few kilobytes. */
const GITIGNORE_MAX_BYTES = 4 * 1024 * 1024;
const HEADER = '# Local keys written by Rotation Ready';

export interface GitIgnoreOptions {
  /** Whether to ask git (top level, tracked, check-ignore); default true. Without git only `.gitignore` files are judged. */
  useGit?: boolean;
}

export interface IgnoredFile {
  /** True when the `.gitignore` at the root got the file's line. */
  updated: boolean;
  /** Restores the `.gitignore` byte for byte, unless it changed again since (then it is left alone: it still ignores the file). */
  undo(): void;
}

/**
 * Makes `file` (inside `root`) git-ignored before anything is written to it: nothing to do when it already
 * is; otherwise `/<path>` is appended to `root/.gitignore` (in that file's own line-break style). Throws,
 * changing nothing, when git tracks the file (a value written to it would be committed) or when a rule
 * would still re-include it.
 */
export function ensureGitIgnored(root: string, file: string, options: GitIgnoreOptions = {}): IgnoredFile {
  const rel = posix(relative(root, file));
  if (rel === '' || rel.startsWith('../') || rel === '..' || isAbsolute(rel)) throw new Error(`${file} is not inside ${root}; Rotation Ready writes secrets only to files of the project.`);
  const top = options.useGit === false ? undefined : gitTopLevel(root);
  const fromTop = top === undefined ? rel : posix(relative(top, realPath(file)));
  if (top !== undefined && isTrackedByGit(top, fromTop)) {
    throw new Error(`${rel} is tracked by git, so a value written to it would be committed; untrack it first (git rm --cached ${rel}) and commit that.`);
  }
  const base = top ?? root;
  const nothing: IgnoredFile = { updated: false, undo: () => undefined };
  if (isIgnoredByGitignore(base, fromTop) && (top === undefined || gitCheckIgnore(top, fromTop))) return nothing;

  const gitignore = join(root, '.gitignore');
  refuseSymlink(gitignore, '.gitignore');
  const before = readOptional(gitignore);
  const beforeText = before?.toString('utf8') ?? '';
  const eol = lineBreakOf(beforeText);
  const separator = beforeText.length === 0 || /[\r\n]$/.test(beforeText) ? '' : eol;
  const after = Buffer.concat([before ?? Buffer.alloc(0), Buffer.from(`${separator}${HEADER}${eol}/${rel}${eol}`)]);
  const overrides = new Map([[top === undefined ? '' : posix(relative(top, realPath(root))), after.toString('utf8')]]);
  if (!isIgnoredByGitignore(base, fromTop, overrides)) {
    throw new Error(`Could not make ${rel} git-ignored: a .gitignore in a folder below it re-includes it (e.g. !${rel.split('/').pop()}); fix the ignore rules first.`);
  }
  const mode = before === undefined ? 0o644 : statSync(gitignore).mode & 0o7777;
  writeKeepingMode(gitignore, after, mode);
  const undo = (): void => {
    const now = readOptional(gitignore);
    if (now === undefined || !now.equals(after)) return;
    if (before === undefined) rmSync(gitignore, { force: true });
    else writeKeepingMode(gitignore, before, mode);
  };
  if (top !== undefined && !gitCheckIgnore(top, fromTop)) {
    undo();
    throw new Error(`Could not make ${rel} git-ignored (git still does not ignore it after adding /${rel} to .gitignore); fix the ignore rules first.`);
  }
  return { updated: true, undo };
}

/**
 * Whether the `.gitignore` files under `base` ignore `rel` (a path relative to `base`, `/`-separated), as git
 * reads them. `overrides` maps a folder (relative to `base`, '' for base itself) to the text its `.gitignore`
 * would have, to judge an edit before making it.
 */
export function isIgnoredByGitignore(base: string, rel: string, overrides: ReadonlyMap<string, string> = new Map()): boolean {
  const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
  const levels: Array<{ dir: string; rules: Ignore }> = [];
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join('/');
    const text = overrides.get(dir) ?? readGitignore(join(base, ...parts.slice(0, depth), '.gitignore'));
    if (text !== undefined) levels.push({ dir, rules: ignore().add(text) });
    const isDir = depth < parts.length - 1;
    const path = parts.slice(0, depth + 1).join('/');
    let ignored = false;
    for (const level of levels) {
      const result = level.rules.test(`${level.dir ? path.slice(level.dir.length + 1) : path}${isDir ? '/' : ''}`);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    // Git does not look into an excluded folder, so nothing below it is re-included.
    if (ignored || !isDir) return ignored;
  }
  return false;
}

/** Whether git tracks `rel` (relative to the repository top `top`). */
export function isTrackedByGit(top: string, rel: string): boolean {
  return git(top, ['ls-files', '--error-unmatch', '--', rel]) === 0;
}

/** The repository's top folder, or undefined without git or a repository. */
export function gitTopLevel(dir: string): string | undefined {
  try {
    const out = execFileSync('git', [...SAFE_GLOBALS, 'rev-parse', '--show-toplevel'], { cwd: dir, env: { ...process.env, ...SAFE_ENV }, stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, encoding: 'utf8' });
    return out.replace(/\r?\n$/, '') || undefined;
  } catch {
    return undefined;
  }
}

function gitCheckIgnore(top: string, rel: string): boolean {
  return git(top, ['check-ignore', '-q', '--', rel]) === 0;
}

/** Git's exit status (128 when it could not run), with settings that could run a program off. */
function git(cwd: string, args: string[]): number {
  try {
    execFileSync('git', [...SAFE_GLOBALS, ...args], { cwd, env: { ...process.env, ...SAFE_ENV }, stdio: 'ignore', timeout: 10_000 });
    return 0;
  } catch (error) {
    const status = (error as { status?: number | null }).status;
    return typeof status === 'number' ? status : 128;
  }
}

/** A `.gitignore`'s text; undefined when missing or a symlink (git does not follow those either). */
function readGitignore(path: string): string | undefined {
  try {
    const stat = lstatSync(path);
    if (!stat.isFile()) return undefined;
    if (stat.size > GITIGNORE_MAX_BYTES) throw new Error(`${path} is ${stat.size} bytes, too large to judge what it ignores; Rotation Ready does not write secrets beside it.`);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** An atomic write that keeps the file's mode exactly (the umask would narrow it on a new inode). */
function writeKeepingMode(path: string, bytes: Uint8Array, mode: number): void {
  writeFileAtomic(path, bytes, mode);
  chmodSync(path, mode);
}

function readOptional(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function posix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
