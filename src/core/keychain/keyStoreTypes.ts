import type { RotationRecord } from '../vocabulary/rotationRecord';
import type { EnvironmentMeta, SlotMeta } from './metadata';
import type { KeychainPort } from './port';
import type { Slot } from '../vocabulary/slot';

/** The words of the key store (keyStore.ts) and of its slot moves (slotMoves.ts). */

/** One service in one environment: the unit that has slots and a rotation. */
export interface ServiceRef {
  service: string;
  environment: string;
}

/** The slots code reads keys from; `previous` only keeps a key for undo until it is purged. */
export type LiveSlot = 'primary' | 'fallback';

export type KeyStoreErrorReason =
  | 'invalid-name'
  | 'occupied'
  | 'empty'
  | 'previous-occupied'
  | 'missing-in-keychain'
  | 'rotation-in-progress'
  | 'rollback-incomplete';

/** A refused or failed key-store operation. The message never contains a value. */
export class KeyStoreError extends Error {
  constructor(
    message: string,
    readonly reason: KeyStoreErrorReason,
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export interface KeyStoreOptions {
  keychain: KeychainPort;
  workspaceId: string;
  /** JSON file for non-secret metadata; the extension passes a path in its storage folder. */
  metadataPath: string;
  /** The salt a new metadata file gets (the workspace's fingerprint policy, src/core/fingerprints.ts); random when absent. */
  salt?: string;
  now?: () => Date;
}

export interface EnvironmentInfo extends EnvironmentMeta {
  slots: Partial<Record<Slot, SlotMeta>>;
}

export interface SlotCheck {
  slot: Slot;
  state: 'ok' | 'empty' | 'missing-in-keychain' | 'not-in-metadata' | 'different-key';
}

/** How a key-store operation changes the rotation record, in the same metadata write as its slot moves. */
export type RotationChange = (record: RotationRecord | undefined) => RotationRecord | undefined;


/** How a message names one service in one environment. */
export function describeRef(ref: ServiceRef): string {
  return `${ref.service} (${ref.environment})`;
}
