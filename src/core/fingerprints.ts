import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { readMetadata } from './keychain/metadata';
import { workspaceIdFor } from './keychain/workspaceId';
import { defaultApprovalsFile } from './probe/approval';
import { keyFingerprint } from './redact';

/**
 * The one salt policy for key fingerprints (`rk1:…`) of a workspace, used by every front end (Keys
 * sidebar, hover, dry-run report and its exports, alerts, audit log, monitor, CLI), so one key shows
 * one fingerprint everywhere and a report line or an alert can be matched to a key in the sidebar.
 *
 * The salt is random per workspace and kept per user, outside the workspace (a cloned repository never
 * chooses it): `<config dir>/fingerprint-salts/<workspace id>`, beside the host approvals. The key
 * metadata of the extension's Keys sidebar records fingerprints made with its own salt; when that file
 * exists, its salt wins (its fingerprints cannot be recomputed without reading every key) and is copied
 * to the salt file, so the CLI then agrees with the sidebar.
 */
export interface FingerprintContext {
  workspaceId: string;
  salt: string;
  /** The `rk1:` fingerprint of a key in this workspace. */
  of(value: string): string;
}

export interface FingerprintOptions {
  env?: NodeJS.ProcessEnv;
  /** The Keys sidebar's metadata file of this workspace, when the caller has one (the extension). */
  metadataPath?: string;
}

/** Where the salt of a workspace is kept: per user, never in the workspace. */
export function fingerprintSaltFile(workspaceId: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(defaultApprovalsFile(env)), 'fingerprint-salts', workspaceId);
}

const SALT = /^[0-9a-f]{32}$/;

function readSalt(file: string): string | undefined {
  try {
    const salt = readFileSync(file, 'utf8').trim();
    return SALT.test(salt) ? salt : undefined;
  } catch {
    return undefined;
  }
}

function writeSalt(file: string, salt: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, `${salt}\n`, 0o600);
}

/** The fingerprint context of the workspace at `root` (made once, then stable). */
export function workspaceFingerprints(root: string, options: FingerprintOptions = {}): FingerprintContext {
  const workspaceId = workspaceIdFor(root);
  const file = fingerprintSaltFile(workspaceId, options.env);
  const stored = readSalt(file);
  let salt = stored;
  if (options.metadataPath && existsSync(options.metadataPath)) {
    try {
      salt = readMetadata(options.metadataPath, workspaceId).salt;
    } catch {
      // A broken metadata file is reported by the Keys sidebar; the salt file stays as it is.
    }
  }
  salt ??= randomBytes(16).toString('hex');
  if (salt !== stored) writeSalt(file, salt);
  return { workspaceId, salt, of: (value) => keyFingerprint(value, salt) };
}
