import type { ServiceConfig } from '../config/index';
import { chainKeySources, confirmedEnvKeySource, envKeySource, keychainKeySource, type EnvVarConfirmations, type KeySource } from '../probe/index';
import type { ProjectContext } from './context';

export interface DryRunKeyOptions {
  services: readonly ServiceConfig[];
  /** Read this project's keychain entries first (the CLI's `--keychain`; always in the editor). */
  keychain: boolean;
  /** The real process environment: read only under the names the user confirmed for a service and host. */
  processEnv: NodeJS.ProcessEnv;
  /** Read on every get, so a confirmation given in a prompt counts at once. */
  confirmations: EnvVarConfirmations;
  /** A dotenv file the user named (`--dotenv`): read under the names the configuration gives, last. */
  dotenv?: { values: NodeJS.ProcessEnv; label: string };
}

/**
 * Where a dry-run (or the health monitor) finds keys, for both front ends: this project's keychain entries, then
 * the process environment under confirmed names only, then a dotenv file the user named.
 */
export function dryRunKeySource(ctx: ProjectContext | undefined, options: DryRunKeyOptions): KeySource {
  const fromEnv = confirmedEnvKeySource(options.processEnv, options.services, options.confirmations);
  const sources = [
    ...(ctx && options.keychain ? [keychainKeySource(ctx.keychain, ctx.workspaceId)] : []),
    fromEnv,
    ...(options.dotenv ? [{ ...envKeySource(options.dotenv.values, options.services), label: options.dotenv.label }] : []),
  ];
  return sources.length === 1 ? fromEnv : chainKeySources(...sources);
}
