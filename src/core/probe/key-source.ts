import { KeychainPort } from '../keychain/port';
import { Slot } from '../vocabulary/slot';
import { EnvVarNames, ServiceConfig, envVarsFor, probeUrlFor } from '../config/types';
import { checkTransport } from '../net/transport';

/** Where a dry-run gets a slot's key. Values stay in memory only for the probe request. */
export interface KeySource {
  /** Shown in reports, e.g. "environment variables" or "OS keychain (libsecret)". */
  readonly label: string;
  get(service: string, environment: string, slot: Slot): Promise<string | undefined>;
}

/** Keys from the keychain port, under `<workspaceId>/<service>/<environment>/<slot>`. */
export function keychainKeySource(port: KeychainPort, workspaceId: string): KeySource {
  return {
    label: port.label,
    get: (service, environment, slot) => port.get({ workspaceId, service, environment, slot }),
  };
}

/**
 * Keys from environment variables, the CLI's default: `<NAME>_PRIMARY` (else the plain `<NAME>`)
 * and `<NAME>_FALLBACK`, with names from the config (per environment when it overrides them).
 * There is no env var for `previous`: that slot only exists in the keychain.
 */
export function envKeySource(env: NodeJS.ProcessEnv, services: readonly ServiceConfig[], allowed?: (service: ServiceConfig, environment: string, name: string) => boolean): KeySource {
  return {
    label: 'environment variables',
    get: async (service, environment, slot) => {
      const config = services.find((s) => s.name === service);
      if (!config) return undefined;
      return envValue(env, envVarsFor(config, environment), slot, allowed && ((name) => allowed(config, environment, name)));
    },
  };
}

/** Which environment variable names the user confirmed for a service→host binding (an ApprovalStore). */
export interface EnvVarConfirmations {
  confirmedEnvVars(service: string, host: string): readonly string[];
}

/**
 * Keys from the process environment, read only under names the user confirmed for the service's
 * approved probe host in this workspace: the config chooses the names (`envVars`), so without this a
 * repository could name, say, the user's cloud credentials and send them to a host approved for it.
 */
export function confirmedEnvKeySource(env: NodeJS.ProcessEnv, services: readonly ServiceConfig[], confirmations: EnvVarConfirmations): KeySource {
  return envKeySource(env, services, (service, environment, name) => {
    const transport = checkTransport(probeUrlFor(service, environment));
    return transport.ok && confirmations.confirmedEnvVars(service.name, transport.host).includes(name);
  });
}

export function envValue(env: NodeJS.ProcessEnv, names: EnvVarNames, slot: Slot, allowed: (name: string) => boolean = () => true): string | undefined {
  const read = (name: string) => {
    if (!allowed(name)) return undefined;
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  if (slot === 'primary') return read(names.primary) ?? read(names.plain);
  if (slot === 'fallback') return read(names.fallback);
  return undefined;
}

/** The first source that has a key wins (e.g. keychain, then environment). */
export function chainKeySources(...sources: KeySource[]): KeySource {
  return {
    label: sources.map((s) => s.label).join(', then '),
    get: async (service, environment, slot) => {
      for (const s of sources) {
        const v = await s.get(service, environment, slot);
        if (v) return v;
      }
      return undefined;
    },
  };
}
