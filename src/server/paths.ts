import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Workspace-relative path with forward slashes (what findings and fingerprints use), or the URI's path. */
export function documentPath(uri: string, workspaceRoot: string | undefined): string {
  if (!uri.startsWith('file:')) return uri.replace(/^[a-z-]+:/, '');
  const absolute = fileURLToPath(uri);
  const rel = workspaceRoot ? relative(workspaceRoot, absolute) : absolute;
  const chosen = rel.startsWith('..') ? absolute : rel;
  return chosen.split(sep).join('/');
}
