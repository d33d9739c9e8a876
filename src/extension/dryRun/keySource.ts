import type { ServiceConfig } from '../../core/config/index';
import type { KeychainPort } from '../../core/keychain/port';
import type { EnvVarConfirmations, KeySource } from '../../core/probe/index';
import { createProjectContext } from '../../core/workflows/context';
import { dryRunKeySource as projectKeySource } from '../../core/workflows/dryRunKeys';

/**
 * Where a dry-run (or the health monitor) finds keys: the core workflow the CLI's dry-run calls, over the project's
 * entries (at `root`) in the keychain the Keys sidebar uses (the OS keychain, or SecretStorage where keytar cannot
 * load), then the environment VS Code runs in, under the variable names the user confirmed in the approval prompt only.
 */
export function dryRunKeySource(keychain: KeychainPort, root: string, services: readonly ServiceConfig[], confirmations: () => EnvVarConfirmations): KeySource {
  return projectKeySource(createProjectContext({ root, keychain }), {
    services,
    keychain: true,
    processEnv: process.env,
    // Read fresh on every get, so a confirmation given in a prompt counts at once.
    confirmations: { confirmedEnvVars: (service, host) => confirmations().confirmedEnvVars(service, host) },
  });
}
