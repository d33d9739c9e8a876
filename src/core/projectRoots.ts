import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * A project is a folder that Rotation Ready treats as if it were opened alone: a workspace folder, or a
 * folder below one holding a `.rotation-ready.json` (a package of a monorepo). Each has its own config,
 * baseline, fingerprint salt, keychain namespace and host approvals.
 */
export const PROJECT_CONFIG_FILE = '.rotation-ready.json';

/** Whether `path` is `root` or lies below it (both absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The project a file belongs to: the deepest of `roots` that contains it, like git and ESLint find theirs. */
export function nearestProjectRoot(path: string, roots: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const root of roots) if (isInside(root, path) && (best === undefined || resolve(root).length > resolve(best).length)) best = root;
  return best;
}

/** The roots strictly below `root` (nested packages), as paths relative to it with forward slashes, for a scan to skip. */
export function nestedProjectRoots(root: string, roots: readonly string[]): string[] {
  return roots.filter((other) => resolve(other) !== resolve(root) && isInside(root, other)).map((other) => relative(root, other).split(sep).join('/'));
}
