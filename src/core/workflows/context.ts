import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { envVarsFor, loadConfig, type EnvVarNames, type LoadedConfig } from '../config/index';
import { envVarNamesForService, envVarNamesOf, plainEnvName, serviceForEnvName } from '../vocabulary/serviceNames';
import { fingerprintSaltFile, workspaceFingerprints, type FingerprintContext } from '../fingerprints';
import { KeyStore, type ServiceRef } from '../keychain/keyStore';
import type { KeychainPort } from '../keychain/port';
import { workspaceIdFor } from '../keychain/workspaceId';

/**
 * One project root as every user action sees it, whichever front end (CLI command, extension command, MCP
 * tool) runs it: the workspace id of its keychain entries, its one fingerprint salt, its configuration, its
 * key store and its one env-name ↔ service policy. A plain object made per project root; nothing in it reads
 * `process.cwd()` or an editor's folders.
 */
export interface ProjectContext {
  readonly root: string;
  readonly workspaceId: string;
  /** The real process environment: where per-user files (salts, key metadata) live. Never a repository's .env. */
  readonly env: NodeJS.ProcessEnv;
  /** The configuration as loaded now (the extension's changes as the file is edited); undefined without one. */
  readonly config: LoadedConfig | undefined;
  readonly keychain: KeychainPort;
  /** The key metadata file: per user, outside the workspace, shared by the CLI and the Keys sidebar. */
  readonly metadataPath: string;
  /** Made on first use (it may write the salt file). */
  readonly fingerprints: FingerprintContext;
  /** Made on first use. */
  readonly keyStore: KeyStore;
  readonly names: EnvNamePolicy;
}

/** Env-variable names ↔ services: the configuration first, then names recorded with a stored key, then derived. */
export interface EnvNamePolicy {
  /** The service a secret moved to `envName` is stored under (in `environment`, default dev). */
  serviceFor(envName: string, environment?: string): string;
  /** The names a service's keys are injected under and the code reads. */
  envVarsFor(ref: ServiceRef): Promise<EnvVarNames>;
  /** The names recorded with a key moved to `envName`. */
  recordedFor(envName: string): EnvVarNames;
}

export interface ProjectContextOptions {
  root: string;
  /** The keychain, or how to open it when first needed (a run that stores nothing there never loads it). */
  keychain: KeychainPort | (() => KeychainPort);
  /** The real process environment (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** The loaded configuration, or a function returning the current one (the extension re-reads it as it changes). */
  config?: LoadedConfig | (() => LoadedConfig | undefined);
  /** Where key metadata was kept before it moved beside the salts (the extension's global storage): copied once. */
  legacyMetadataPath?: string;
}

/** Where a workspace's key metadata lives: per user, beside its fingerprint salt and the host approvals. */
export function keyMetadataFile(workspaceId: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(dirname(fingerprintSaltFile(workspaceId, env))), 'keys', `${workspaceId}.json`);
}

/**
 * The Keys sidebar kept its metadata in the extension's storage, where the CLI could not see it: the first
 * context made after the move copies it (the old file stays as it was), so no key's facts, nor its salt, are lost.
 */
export function adoptLegacyMetadata(legacyPath: string, metadataPath: string): void {
  if (!existsSync(legacyPath) || existsSync(metadataPath)) return;
  mkdirSync(dirname(metadataPath), { recursive: true, mode: 0o700 });
  copyFileSync(legacyPath, metadataPath);
}

export function createProjectContext(options: ProjectContextOptions): ProjectContext {
  const env = options.env ?? process.env;
  const workspaceId = workspaceIdFor(options.root);
  const metadataPath = keyMetadataFile(workspaceId, env);
  if (options.legacyMetadataPath) adoptLegacyMetadata(options.legacyMetadataPath, metadataPath);
  const configOf = typeof options.config === 'function' ? options.config : () => options.config as LoadedConfig | undefined;
  const openKeychain = typeof options.keychain === 'function' ? options.keychain : () => options.keychain as KeychainPort;
  let keychain: KeychainPort | undefined;
  let fingerprints: FingerprintContext | undefined;
  let keyStore: KeyStore | undefined;
  const context: ProjectContext = {
    root: options.root,
    workspaceId,
    env,
    get config() {
      return configOf();
    },
    get keychain() {
      return (keychain ??= openKeychain());
    },
    metadataPath,
    get fingerprints() {
      return (fingerprints ??= workspaceFingerprints(options.root, { env, metadataPath }));
    },
    get keyStore() {
      return (keyStore ??= new KeyStore({ keychain: context.keychain, workspaceId, metadataPath, salt: context.fingerprints.salt }));
    },
    names: {
      serviceFor(envName, environment = 'dev') {
        const plain = plainEnvName(envName);
        const configured = configOf()?.services.find((s) => {
          const names = envVarsFor(s, environment);
          return [names.plain, names.primary, names.fallback].includes(envName) || names.plain === plain;
        });
        return configured?.name ?? serviceForEnvName(envName);
      },
      async envVarsFor(ref) {
        const config = configOf();
        const configured = config?.services.some((s) => s.name === ref.service);
        return resolveEnvVars(config, ref, configured ? undefined : (await context.keyStore.info(ref)).envVars);
      },
      recordedFor: (envName) => envVarNamesOf(plainEnvName(envName)),
    },
  };
  return context;
}

/** The names of a service's keys: from the configuration, else as recorded when the key was stored, else derived. */
export function resolveEnvVars(config: LoadedConfig | undefined, ref: ServiceRef, recorded: EnvVarNames | undefined): EnvVarNames {
  const configured = config?.services.find((s) => s.name === ref.service);
  if (configured) return envVarsFor(configured, ref.environment);
  return recorded ?? envVarNamesForService(ref.service);
}

/** The project's `.rotation-ready.json`, loaded (its errors inside), or undefined when there is none. */
export function loadProjectConfig(root: string): LoadedConfig | undefined {
  const file = join(root, '.rotation-ready.json');
  return existsSync(file) ? loadConfig(readFileSync(file, 'utf8'), file) : undefined;
}
