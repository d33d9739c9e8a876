import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The workspace id in keychain accounts: a stable hash of the workspace root path, so the CLI
 * (`rotation-ready exec` in that folder) and the extension find the same entries. Symlinks are
 * resolved and, on case-insensitive platforms, case is folded, so two spellings of one folder agree.
 */
export function workspaceIdFor(root: string): string {
  let path = resolve(root);
  try {
    path = realpathSync.native(path);
  } catch {
    // a folder that does not exist (yet): its resolved spelling is the best identity there is
  }
  if (process.platform === 'win32' || process.platform === 'darwin') path = path.toLowerCase();
  return `ws-${createHash('sha256').update('rotation-ready/workspace\0').update(path).digest('hex').slice(0, 16)}`;
}
