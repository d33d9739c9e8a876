import * as vscode from 'vscode';
import type { ServiceConfig } from '../../core/config/index';
import type { KeychainPort } from '../../core/keychain/port';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import { chainKeySources, envKeySource, keychainKeySource } from '../../core/probe/index';
import type { KeySource } from '../../core/probe/index';

/**
 * Where a dry-run finds keys: this workspace's entries in the keychain the Keys sidebar uses (the OS
 * keychain, or SecretStorage where keytar cannot load), then the environment VS Code runs in.
 */
export function dryRunKeySource(keychain: KeychainPort, services: readonly ServiceConfig[]): KeySource {
  const sources: KeySource[] = [];
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (folder) sources.push(keychainKeySource(keychain, workspaceIdFor(folder.uri.fsPath)));
  sources.push(envKeySource(process.env, services));
  return chainKeySources(...sources);
}
