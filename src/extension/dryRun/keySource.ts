import * as vscode from 'vscode';
import type { ServiceConfig } from '../../core/config/index';
import { KeytarKeychain } from '../../core/keychain/keytar';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import { chainKeySources, envKeySource, keychainKeySource } from '../../core/probe/index';
import type { KeySource } from '../../core/probe/index';
import { log } from '../log';

/** Where a dry-run finds keys: the OS keychain entries of this workspace, then the environment VS Code runs in. */
export function dryRunKeySource(services: readonly ServiceConfig[]): KeySource {
  const sources: KeySource[] = [];
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (folder) {
    const keychain = new KeytarKeychain();
    try {
      keychain.ensureLoaded();
      sources.push(keychainKeySource(keychain, workspaceIdFor(folder.uri.fsPath)));
    } catch (error) {
      log().warn(`Dry-run: the OS keychain is not available here (${error instanceof Error ? error.message : String(error)}); using environment variables only.`);
    }
  }
  sources.push(envKeySource(process.env, services));
  return chainKeySources(...sources);
}
