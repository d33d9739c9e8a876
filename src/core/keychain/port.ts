/**
 * The keychain port: where key values live. Two adapters implement it: keytar (the OS keychain,
 * the default) and VS Code SecretStorage (only when keytar cannot load). Non-secret metadata
 * (ages, validation results, rotation state) never goes through this port.
 */
import { SLOTS, type Slot } from '../vocabulary/slot';

/** Identifies one stored key. The adapter account is `<workspaceId>/<service>/<environment>/<slot>`. */
export interface SlotAddress {
  workspaceId: string;
  service: string;
  environment: string;
  slot: Slot;
}

export function accountName(address: SlotAddress): string {
  return `${address.workspaceId}/${address.service}/${address.environment}/${address.slot}`;
}

/** The keychain service name under which every entry is stored. */
export const KEYCHAIN_SERVICE = 'rotation-ready';

export interface KeychainPort {
  /** Human name shown in the UI, e.g. "OS keychain (libsecret)" or "VS Code SecretStorage". */
  readonly label: string;
  get(address: SlotAddress): Promise<string | undefined>;
  set(address: SlotAddress, value: string): Promise<void>;
  /** Returns whether an entry was deleted. */
  delete(address: SlotAddress): Promise<boolean>;
  /** Accounts stored for a workspace (never values). */
  list(workspaceId: string): Promise<SlotAddress[]>;
}

/** A keychain failure with a clear, value-free reason (locked, unavailable, denied). */
export class KeychainError extends Error {
  constructor(
    message: string,
    readonly reason: 'locked' | 'unavailable' | 'denied' | 'verify-failed' | 'unknown',
  ) {
    super(message);
    this.name = 'KeychainError';
  }
}

/** The inverse of `accountName`; undefined for accounts that are not ours or not well formed. */
export function parseAccountName(account: string): SlotAddress | undefined {
  const parts = account.split('/');
  if (parts.length !== 4 || parts.some((part) => part.length === 0)) return undefined;
  const [workspaceId, service, environment, slot] = parts as [string, string, string, string];
  if (!(SLOTS as readonly string[]).includes(slot)) return undefined;
  return { workspaceId, service, environment, slot: slot as Slot };
}
