import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Where a path really is. A cloned repository chooses file names, symlinks and (through a dotenv
 * file) environment variables, so "inside the workspace" is never decided on the spelling of a path:
 * `/proc/self/cwd/.rr`, `../ws/.rr`, a symlinked folder and a bind mount of the workspace all name a
 * place inside it. These helpers resolve symlinks (through the deepest part of the path that exists)
 * and compare folders by device and inode as well, which also catches a bind mount.
 */

/** `path` with every symlink resolved; the part that does not exist yet is appended as spelled. */
export function realPath(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      const real = realpathSync.native(current);
      return missing.length ? join(real, ...missing.reverse()) : real;
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(basename(current));
      current = parent;
    }
  }
}

function lexicallyInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function identity(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/** Whether `path` lies in `root` as spelled (after `..` is resolved) or as it really is. */
export function isInsideAnyway(path: string, root: string): boolean {
  return lexicallyInside(resolve(path), resolve(root)) || isReallyInside(path, root);
}

/**
 * Whether `path` lies in `root` (or is it), judged on resolved real paths and on the device and inode
 * of each existing folder above `path`, so symlinks, `/proc/self/cwd` and bind mounts cannot disguise it.
 */
export function isReallyInside(path: string, root: string): boolean {
  const realRoot = realPath(root);
  const real = realPath(path);
  if (lexicallyInside(real, realRoot)) return true;
  const rootId = identity(realRoot);
  if (!rootId) return false;
  for (let current = real; ; current = dirname(current)) {
    if (identity(current) === rootId) return true;
    if (dirname(current) === current) return false;
  }
}

export class ConfinementError extends Error {}

/**
 * `rel` resolved against `root` for writing, or a ConfinementError saying why not: it leaves the
 * workspace (an absolute path, `../`, or a symlinked folder on the way that points outside), or
 * the file itself is a symlink (writing would go through it to wherever it points).
 * `what` names the file in the message, e.g. `audit-log sink path`.
 */
export function confinedPath(root: string, rel: string, what: string): string {
  const target = resolve(root, rel);
  if (!isReallyInside(target, root)) {
    throw new ConfinementError(`${what} '${rel}' resolves outside the workspace ${root}; it must stay inside it (symlinks are followed)`);
  }
  refuseSymlink(target, what);
  return target;
}

/** Throws a ConfinementError when `path` exists and is a symlink: it is neither read nor written through. */
export function refuseSymlink(path: string, what: string): void {
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    return;
  }
  if (link) throw new ConfinementError(`${what} ${path} is a symbolic link; Rotation Ready does not read or write through it (replace it with a regular file)`);
}

/** A regular file's text, or undefined when it does not exist or is a symlink (whose target a repository chooses). */
export function readUnlessSymlink(path: string): string | undefined {
  try {
    if (lstatSync(path).isSymbolicLink()) return undefined;
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
