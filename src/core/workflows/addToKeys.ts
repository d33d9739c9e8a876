import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { writeFileAtomic } from '../atomicWrite';
import { CONFIG_FILE } from '../config/findProject';
import { deriveEnvVarNames } from '../config/index';
import type { ProviderPreset } from '../config/presets';
import type { ServiceRef } from '../keychain/keyStore';
import type { ProjectContext } from './context';
import { storePrimaryKey } from './secureSecret';

/** *Add to Keys and Rotate…*: a hardcoded key becomes the primary key of a new service made from its provider's preset. */
export interface AddToKeysInput {
  preset: ProviderPreset;
  /** The variable the rewritten code reads: the service's `envVars.plain`, so injected keys reach it. */
  envName: string;
  /** The hardcoded value (from the document; never logged). */
  value: string;
  /** What the preset still needs (`needs`): a basic-auth user name, an origin. */
  username?: string;
  baseUrl?: string;
}

export interface AddedToKeys {
  ref: ServiceRef;
  fingerprint: string;
  configFile: string;
  /** Restores the configuration file and drops the stored key (only while the value is still in the code). */
  undo(): Promise<void>;
}

const ENVIRONMENT = 'dev';

/** A service name for the preset not taken in the configuration: `stripe`, else `stripe-2`, `stripe-3`… */
export function newServiceName(preset: ProviderPreset, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? preset.id : `${preset.id}-${n}`;
    if (!taken.includes(name)) return name;
  }
}

/** The configuration's text with one more service appended to `services` (comments and formatting kept; a new file when there is none). */
export function withService(text: string | undefined, service: Record<string, unknown>): string {
  const base = text ?? '{\n  "version": 1,\n  "services": []\n}\n';
  const edits = modify(base, ['services', -1], service, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' }, isArrayInsertion: true });
  return applyEdits(base, edits);
}

/**
 * Writes the service to the project's `.rotation-ready.json`, then secures the value as its primary key (read back).
 * If securing fails the configuration is restored: either both happen or neither.
 */
export async function addToKeys(ctx: ProjectContext, input: AddToKeysInput): Promise<AddedToKeys> {
  const configFile = join(ctx.root, CONFIG_FILE);
  const before = existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined;
  const service = newServiceName(input.preset, ctx.config?.services.map((s) => s.name) ?? []);
  const entry: Record<string, unknown> = {
    name: service,
    provider: input.preset.id,
    ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
    envVars: { plain: input.envName },
    ...(input.username ? { probe: { auth: { type: 'basic', username: input.username } } } : {}),
  };
  const restoreConfig = () => {
    if (before === undefined) rmSync(configFile, { force: true });
    else writeFileAtomic(configFile, before, 0o644);
  };
  writeFileAtomic(configFile, withService(before, entry), 0o644);
  const ref: ServiceRef = { service, environment: ENVIRONMENT };
  try {
    const stored = await storePrimaryKey(ctx, ref, input.value, async () => ({ ...deriveEnvVarNames(service), plain: input.envName }));
    const fingerprint = (await ctx.keyStore.info(ref)).slots.primary?.fingerprint ?? '';
    return {
      ref,
      fingerprint,
      configFile,
      undo: async () => {
        await stored.undo();
        restoreConfig();
      },
    };
  } catch (error) {
    restoreConfig();
    throw error;
  }
}
