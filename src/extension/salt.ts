import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

const SALT_KEY = 'rotationReady.fingerprintSalt';

/**
 * Fingerprint salt for this workspace: random, made once, kept in workspace state (not in the
 * repository), so fingerprints cannot be matched across projects.
 */
export async function workspaceSalt(context: vscode.ExtensionContext): Promise<string> {
  let salt = context.workspaceState.get<string>(SALT_KEY);
  if (!salt) {
    salt = randomBytes(16).toString('hex');
    await context.workspaceState.update(SALT_KEY, salt);
  }
  return salt;
}
