import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RotationRecord } from '../vocabulary/rotationRecord';
import type { Slot } from '../vocabulary/slot';
import { writeFileAtomic } from '../atomicWrite';

/** What a probe said about one slot's key (never the key). */
export interface ValidationResult {
  ok: boolean;
  /** `valid`, `rejected`, `rate-limited`, `unknown`, `misconfigured` (the probe engine's outcomes). */
  outcome: string;
  detail?: string;
}

/** Non-secret facts about the key in one slot. */
export interface SlotMeta {
  /** `keyFingerprint(value, salt)`: identifies the key without revealing it. */
  fingerprint: string;
  /** ISO time the key was put in the keychain by the user (kept when it moves between slots). */
  addedAt: string;
  /** ISO time the key last moved into this slot. */
  movedAt?: string;
  lastValidatedAt?: string;
  lastValidation?: ValidationResult;
  /** Set when a rotation retired this key (step 5): the user was told to revoke it at the provider. */
  retiredAt?: string;
}

export interface EnvironmentMeta {
  service: string;
  environment: string;
  slots: Partial<Record<Slot, SlotMeta>>;
  /** Env var names the keys feed, as last configured (for the UI; injection reads the config). */
  envVars?: { primary: string; fallback: string; plain: string };
  rotation?: RotationRecord;
}

export interface MetadataFile {
  version: 1;
  workspaceId: string;
  /** Salt for key fingerprints in this workspace; random, not secret. */
  salt: string;
  /** Keyed by `<service>/<environment>`. */
  entries: Record<string, EnvironmentMeta>;
}

export const entryKey = (service: string, environment: string): string => `${service}/${environment}`;

export function emptyMetadata(workspaceId: string, salt: string = randomBytes(16).toString('hex')): MetadataFile {
  return { version: 1, workspaceId, salt, entries: {} };
}

/** Reads the metadata file; a missing file is an empty workspace, a broken one is an error (never silently reset). */
export function readMetadata(path: string, workspaceId: string, newSalt?: string): MetadataFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyMetadata(workspaceId, newSalt);
    throw error;
  }
  const data = JSON.parse(text) as MetadataFile;
  if (data?.version !== 1 || typeof data.salt !== 'string' || typeof data.entries !== 'object') {
    throw new Error(`${path} is not a Rotation Ready key metadata file (version 1)`);
  }
  if (data.workspaceId !== workspaceId) throw new Error(`${path} belongs to another workspace (${data.workspaceId})`);
  return data;
}

/**
 * Writes atomically: a temporary file in the same folder, then rename, so a crash leaves either the
 * old or the new file. `secrets` are values the caller is handling: if any appears in the text,
 * nothing is written (a defence in depth; metadata must never hold a value).
 */
export function writeMetadata(path: string, data: MetadataFile, secrets: readonly string[] = []): void {
  const text = `${JSON.stringify(data, null, 2)}\n`;
  if (secrets.some((secret) => secret.length > 0 && text.includes(secret))) {
    throw new Error('Refusing to write key metadata: it would contain a key value.');
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, text);
}
