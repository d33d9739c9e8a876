import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FingerprintContext, workspaceFingerprints } from '../core/fingerprints';
import { workspaceIdFor } from '../core/keychain/workspaceId';
import { adoptLegacyMetadata, keyMetadataFile } from '../core/workflows/context';

const SALT_KEY = 'rotationReady.fingerprintSalt';

/** Where the Keys sidebar kept the metadata of the workspace at `root` before it moved beside the salts (read once, to copy). */
export function legacyKeyMetadataPath(context: vscode.ExtensionContext, root: string): string {
  return join(context.globalStorageUri.fsPath, 'keys', `${workspaceIdFor(root)}.json`);
}

/** The workspace's fingerprint policy (src/core/fingerprints.ts), for a folder on disk: the one the CLI uses. */
export function fingerprintsFor(context: vscode.ExtensionContext, root: string): FingerprintContext {
  const metadataPath = keyMetadataFile(workspaceIdFor(root), process.env);
  adoptLegacyMetadata(legacyKeyMetadataPath(context, root), metadataPath);
  return workspaceFingerprints(root, { env: process.env, metadataPath });
}

/**
 * Fingerprint salt of documents in no project (untitled ones, a virtual workspace: no keys, no CLI): a random
 * salt kept in workspace state. A project's salt is its own (`fingerprintsFor`, the one policy of every front end).
 */
export function saltOutsideProjects(context: vscode.ExtensionContext): string {
  let salt = context.workspaceState.get<string>(SALT_KEY);
  if (!salt) {
    salt = randomBytes(16).toString('hex');
    // Not awaited: the state holds the value at once, and the analyzer's start must not wait for the write (issue
    // 16.6: a round trip to the browser's storage, seconds on a busy start). A failed write only means a new salt next time.
    context.workspaceState.update(SALT_KEY, salt).then(undefined, () => undefined);
  }
  return salt;
}
