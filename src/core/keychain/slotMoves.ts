import { keyFingerprint } from '../redact';
import type { Slot } from '../vocabulary/slot';
import { type EnvironmentMeta, entryKey, type MetadataFile, type SlotMeta, writeMetadata } from './metadata';
import { KeychainError, type KeychainPort, type SlotAddress } from './port';
import { describeRef, type EnvironmentInfo, KeyStoreError, type ServiceRef } from './keyStoreTypes';

/**
 * Slot moves of the key store as one transaction: every key read and checked against its metadata first, targets
 * written (each verified by the port) in an order that keeps each key in at least one slot, emptied slots deleted,
 * metadata written once; on a failure, the keychain steps done so far are undone in reverse order.
 */

/** What a slot will hold after an operation: a slot's current key, a new value, or nothing. */
export type Source = { from: Slot } | { value: string } | null;
export type Plan = Partial<Record<Slot, Source>>;

/** What a transaction needs of its store: the keychain, the metadata, and the clock. */
export interface SlotAccess {
  readonly keychain: KeychainPort;
  readonly metadataPath: string;
  now(): Date;
  load(): MetadataFile;
  entryOf(data: MetadataFile, ref: ServiceRef): EnvironmentMeta;
  address(ref: ServiceRef, slot: Slot): SlotAddress;
}

/**
 * Carries out a plan: reads every key it moves, writes targets (each verified by the port), then
 * deletes emptied slots, then writes metadata once. A target is written only after its current
 * key has been copied to where it goes, so at every moment each key is in at least one slot.
 * On a failure, completed keychain steps are undone in reverse order.
 */
export async function applyPlan(store: SlotAccess, ref: ServiceRef, plan: Plan, change?: (entry: EnvironmentMeta) => void): Promise<EnvironmentInfo> {
  const data = store.load();
  const entry = structuredClone(store.entryOf(data, ref));
  const now = store.now().toISOString();

  // Read the keys that move or get overwritten, checking they are the ones metadata describes.
  const current = new Map<Slot, string>();
  const touched = new Set<Slot>();
  for (const [target, source] of Object.entries(plan) as Array<[Slot, Source]>) {
    touched.add(target);
    if (source && 'from' in source) touched.add(source.from);
  }
  for (const slot of touched) {
    if (!entry.slots[slot]) continue;
    const value = await store.keychain.get(store.address(ref, slot));
    if (value === undefined || keyFingerprint(value, data.salt) !== entry.slots[slot]!.fingerprint) {
      throw new KeyStoreError(
        `The ${slot} key of ${describeRef(ref)} (${entry.slots[slot]!.fingerprint}) is ${value === undefined ? 'missing from' : 'different in'} ${store.keychain.label}; nothing was changed.`,
        'missing-in-keychain',
      );
    }
    current.set(slot, value);
  }
  const secrets = [...current.values(), ...Object.values(plan).flatMap((s) => (s && 'value' in s ? [s.value] : []))];
  for (const secret of secrets) if (secret.length === 0) throw new KeyStoreError('A key cannot be empty.', 'invalid-name');

  // Order the writes: a slot whose key still has to be copied elsewhere is written last.
  const writes = (Object.entries(plan) as Array<[Slot, Source]>).filter(([, source]) => source !== null);
  const pendingCopies = (slot: Slot, done: Set<Slot>): boolean =>
    writes.some(([target, source]) => !done.has(target) && target !== slot && source && 'from' in source && source.from === slot);
  const ordered: Array<[Slot, Source]> = [];
  const done = new Set<Slot>();
  while (ordered.length < writes.length) {
    const next = writes.find(([target]) => !done.has(target) && !pendingCopies(target, done)) ?? writes.find(([target]) => !done.has(target))!;
    ordered.push(next);
    done.add(next[0]);
  }
  const deletes = (Object.entries(plan) as Array<[Slot, Source]>).filter(([slot, source]) => source === null && current.has(slot)).map(([slot]) => slot);

  const undo: Array<() => Promise<unknown>> = [];
  try {
    for (const [target, source] of ordered) {
      const value = source && 'value' in source ? source.value : current.get((source as { from: Slot }).from);
      if (value === undefined) continue;
      const before = current.get(target);
      // Registered before the call: a failed write (e.g. verification) may still have changed the slot.
      undo.push(() => ensure(store, ref, target, before));
      await store.keychain.set(store.address(ref, target), value);
    }
    for (const slot of deletes) {
      const before = current.get(slot)!;
      undo.push(() => ensure(store, ref, slot, before));
      await store.keychain.delete(store.address(ref, slot));
    }
  } catch (error) {
    // A call refused outright (locked, unavailable, denied) changed nothing: do not undo it.
    if (error instanceof KeychainError && ['locked', 'unavailable', 'denied'].includes(error.reason)) undo.pop();
    await undoSteps(ref, undo, error);
  }

  // New metadata: moved keys keep their facts; new keys get a fingerprint and a time.
  const previousSlots = entry.slots;
  const slots: Partial<Record<Slot, SlotMeta>> = { ...previousSlots };
  for (const [target, source] of Object.entries(plan) as Array<[Slot, Source]>) {
    if (source === null) delete slots[target];
    else if ('value' in source) slots[target] = { fingerprint: keyFingerprint(source.value, data.salt), addedAt: now };
    else if (previousSlots[source.from]) slots[target] = { ...previousSlots[source.from]!, movedAt: now };
    else delete slots[target];
  }
  entry.slots = slots;
  try {
    change?.(entry);
    data.entries[entryKey(ref.service, ref.environment)] = entry;
    writeMetadata(store.metadataPath, data, secrets);
  } catch (error) {
    await undoSteps(ref, undo, error);
  }
  return entry;
}

/** Puts a slot back to `value` (or empty), writing only if it differs: undo does as little as it can. */
async function ensure(store: SlotAccess, ref: ServiceRef, slot: Slot, value: string | undefined): Promise<void> {
  const address = store.address(ref, slot);
  const now = await store.keychain.get(address);
  if (now === value) return;
  if (value === undefined) await store.keychain.delete(address);
  else await store.keychain.set(address, value);
}

async function undoSteps(ref: ServiceRef, steps: Array<() => Promise<unknown>>, cause: unknown): Promise<never> {
  const failed: unknown[] = [];
  for (const step of steps.reverse()) {
    try {
      await step();
    } catch (error) {
      failed.push(error);
    }
  }
  if (failed.length > 0) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new KeyStoreError(
      `${describeRef(ref)}: an operation failed (${reason}) and ${failed.length} undo step(s) failed too; run a check: a key may sit in two slots, none is lost.`,
      'rollback-incomplete',
    );
  }
  throw cause;
}
