import * as vscode from 'vscode';
import type { ServiceConfig } from '../../core/config/index';
import type { KeychainPort } from '../../core/keychain/port';
import type { EnvVarConfirmations, KeySource } from '../../core/probe/index';
import { createProjectContext } from '../../core/workflows/context';
import { dryRunKeySource as projectKeySource } from '../../core/workflows/dryRunKeys';

/**
 * Where a dry-run (or the health monitor) finds keys: the core workflow the CLI's dry-run calls, over this
 * workspace's entries in the keychain the Keys sidebar uses (the OS keychain, or SecretStorage where keytar cannot
 * load), then the environment VS Code runs in, under the variable names the user confirmed in the approval prompt only.
 */
export function dryRunKeySource(keychain: KeychainPort, services: readonly ServiceConfig[], confirmations: () => EnvVarConfirmations): KeySource {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  const project = folder ? createProjectContext({ root: folder.uri.fsPath, keychain }) : undefined;
  return projectKeySource(project, {
    services,
    keychain: true,
    processEnv: process.env,
    confirmations: { confirmedEnvVars: (service, host) => confirmations().confirmedEnvVars(service, host) },
  });
}
