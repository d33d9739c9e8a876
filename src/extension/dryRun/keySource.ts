import type { ServiceConfig } from '../../core/config/index';
import type { KeychainPort } from '../../core/keychain/port';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import { chainKeySources, confirmedEnvKeySource, keychainKeySource } from '../../core/probe/index';
import type { EnvVarConfirmations, KeySource } from '../../core/probe/index';

/**
 * Where a dry-run (or the health monitor) finds keys: the project's entries (at `root`) in the keychain the Keys
 * sidebar uses (the OS keychain, or SecretStorage where keytar cannot load), then the environment VS Code
 * runs in, under the variable names the user confirmed in the approval prompt only.
 */
export function dryRunKeySource(keychain: KeychainPort, root: string, services: readonly ServiceConfig[], confirmations: () => EnvVarConfirmations): KeySource {
  return chainKeySources(
    keychainKeySource(keychain, workspaceIdFor(root)),
    // Read fresh on every get, so a confirmation given in a prompt counts at once.
    confirmedEnvKeySource(process.env, services, { confirmedEnvVars: (service, host) => confirmations().confirmedEnvVars(service, host) }),
  );
}
