import { keyFingerprint } from '../redact';
import type { RotationRecord } from '../vocabulary/rotationRecord';
import { EnvironmentMeta, entryKey, MetadataFile, readMetadata, SlotMeta, ValidationResult, writeMetadata } from './metadata';
import { KeychainError, KeychainPort, SlotAddress } from './port';
import { SLOTS, type Slot } from '../vocabulary/slot';

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

/** What a slot will hold after an operation: a slot's current key, a new value, or nothing. */
type Source = { from: Slot } | { value: string } | null;
type Plan = Partial<Record<Slot, Source>>;

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

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Keys of a workspace's services: values in the keychain port, facts about them in a metadata file.
 * Every operation that would overwrite or remove a key first secures it in another slot (delete and
 * replace move the old key to `previous`; only `purge` drops it, and only from `previous`), is
 * verified by reading back, and is undone if a later keychain call fails. It refuses rather than
 * overwrite a key in `previous`.
 */
export class KeyStore {
  readonly workspaceId: string;
  readonly keychain: KeychainPort;
  private readonly metadataPath: string;
  private readonly salt: string | undefined;
  private readonly now: () => Date;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: KeyStoreOptions) {
    this.keychain = options.keychain;
    this.workspaceId = options.workspaceId;
    this.metadataPath = options.metadataPath;
    this.salt = options.salt;
    this.now = options.now ?? (() => new Date());
  }

  /** Every service/environment with metadata (never values), sorted. */
  async list(): Promise<EnvironmentInfo[]> {
    const data = this.load();
    return Object.values(data.entries).sort((a, b) => entryKey(a.service, a.environment).localeCompare(entryKey(b.service, b.environment)));
  }

  /** Metadata of one service/environment (empty slots if unknown). */
  async info(ref: ServiceRef): Promise<EnvironmentInfo> {
    const data = this.load();
    return data.entries[entryKey(ref.service, ref.environment)] ?? { service: ref.service, environment: ref.environment, slots: {} };
  }

  /** The fingerprint a value would have here (to compare a candidate key without storing it). */
  async fingerprintOf(value: string): Promise<string> {
    return keyFingerprint(value, this.load().salt);
  }

  /** Stores a new key in an empty slot. */
  add(ref: ServiceRef, slot: LiveSlot, value: string, options: { envVars?: EnvironmentMeta['envVars'] } = {}): Promise<SlotMeta> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (entry.slots[slot]) throw new KeyStoreError(`${describe(ref)} already has a ${slot} key (${entry.slots[slot]!.fingerprint}); use replace.`, 'occupied');
      const after = await this.apply(ref, { [slot]: { value } }, (e) => {
        if (options.envVars) e.envVars = options.envVars;
      });
      return after.slots[slot]!;
    });
  }

  /** Replaces a slot's key; the old key moves to `previous` (undo with `swapWithPrevious`). */
  replace(ref: ServiceRef, slot: LiveSlot, value: string): Promise<SlotMeta> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots[slot]) throw new KeyStoreError(`${describe(ref)} has no ${slot} key to replace; use add.`, 'empty');
      this.requirePreviousFree(ref, entry);
      const after = await this.apply(ref, { [slot]: { value }, previous: { from: slot } });
      return after.slots[slot]!;
    });
  }

  /** Removes a slot's key from use: it moves to `previous` (undo with `restore`; `purge` drops it). */
  delete(ref: ServiceRef, slot: LiveSlot, rotation?: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots[slot]) throw new KeyStoreError(`${describe(ref)} has no ${slot} key.`, 'empty');
      this.requirePreviousFree(ref, entry);
      return this.apply(ref, { [slot]: null, previous: { from: slot } }, withRotation(rotation));
    });
  }

  /**
   * Permanently removes the key in `previous`. The only operation that drops a key. Refused while a
   * rotation is at `promoted`: previous then holds the old key its rollback needs.
   */
  purge(ref: ServiceRef): Promise<void> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.previous) throw new KeyStoreError(`${describe(ref)} has no previous key to purge.`, 'empty');
      if (entry.rotation?.stage === 'promoted') {
        throw new KeyStoreError(`${describe(ref)} is mid-rotation: previous holds the old key until the new primary validated (step 5) or the rotation is rolled back.`, 'rotation-in-progress');
      }
      await this.apply(ref, { previous: null });
    });
  }

  /** Fallback becomes primary; the old primary moves to `previous`. Undo with `demote`. */
  promote(ref: ServiceRef, rotation?: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.fallback) throw new KeyStoreError(`${describe(ref)} has no fallback key to promote.`, 'empty');
      if (entry.slots.primary) this.requirePreviousFree(ref, entry);
      return this.apply(ref, { primary: { from: 'fallback' }, fallback: null, ...(entry.slots.primary ? { previous: { from: 'primary' } } : {}) }, withRotation(rotation));
    });
  }

  /** The inverse of `promote`: primary goes back to fallback, `previous` back to primary. */
  demote(ref: ServiceRef, rotation?: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.previous || !entry.slots.primary) throw new KeyStoreError(`${describe(ref)} needs a primary and a previous key to undo a promotion.`, 'empty');
      if (entry.slots.fallback) throw new KeyStoreError(`${describe(ref)} already has a fallback key; cannot undo the promotion without overwriting it.`, 'occupied');
      return this.apply(ref, { fallback: { from: 'primary' }, primary: { from: 'previous' }, previous: null }, withRotation(rotation));
    });
  }

  /** Moves the key in `previous` back into an empty slot (undo of `delete`). */
  restore(ref: ServiceRef, slot: LiveSlot, rotation?: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.previous) throw new KeyStoreError(`${describe(ref)} has no previous key to restore.`, 'empty');
      if (entry.slots[slot]) throw new KeyStoreError(`${describe(ref)} already has a ${slot} key; use swapWithPrevious.`, 'occupied');
      return this.apply(ref, { [slot]: { from: 'previous' }, previous: null }, withRotation(rotation));
    });
  }

  /** Swaps a slot's key with the one in `previous` (undo of `replace`). */
  swapWithPrevious(ref: ServiceRef, slot: LiveSlot): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.previous || !entry.slots[slot]) throw new KeyStoreError(`${describe(ref)} needs a ${slot} and a previous key to swap.`, 'empty');
      return this.apply(ref, { [slot]: { from: 'previous' }, previous: { from: slot } });
    });
  }

  /** Adds a new key as fallback, or moves it back from `previous` if that is where a rollback parked it. */
  addFallback(ref: ServiceRef, value: string, rotation: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const data = this.load();
      const entry = this.entryOf(data, ref);
      if (entry.slots.fallback) throw new KeyStoreError(`${describe(ref)} already has a fallback key (${entry.slots.fallback.fingerprint}).`, 'occupied');
      const fingerprint = keyFingerprint(value, data.salt);
      const fromPrevious = entry.slots.previous?.fingerprint === fingerprint;
      return this.apply(ref, fromPrevious ? { fallback: { from: 'previous' }, previous: null } : { fallback: { value } }, withRotation(rotation));
    });
  }

  /** Changes only metadata (e.g. rotation stage, retired marks), in one atomic write. */
  updateMeta(ref: ServiceRef, change: (entry: EnvironmentMeta) => void): Promise<EnvironmentInfo> {
    return this.exclusive(async () => this.apply(ref, {}, change));
  }

  /** Records a validation result for a slot (from the probe engine). */
  recordValidation(ref: ServiceRef, slot: Slot, result: ValidationResult): Promise<void> {
    return this.exclusive(async () => {
      await this.apply(ref, {}, (e) => {
        const meta = e.slots[slot];
        if (!meta) throw new KeyStoreError(`${describe(ref)} has no ${slot} key to record a validation for.`, 'empty');
        meta.lastValidatedAt = this.now().toISOString();
        meta.lastValidation = { ok: result.ok, outcome: result.outcome, ...(result.detail !== undefined ? { detail: result.detail } : {}) };
      });
    });
  }

  setEnvVars(ref: ServiceRef, envVars: NonNullable<EnvironmentMeta['envVars']>): Promise<void> {
    return this.exclusive(async () => {
      await this.apply(ref, {}, (e) => (e.envVars = envVars));
    });
  }

  /**
   * A key's value, for injection or a probe. Metadata decides which slots are in use (a keychain
   * entry it does not list is a leftover, see `check`/`repair`); throws if metadata lists a key the
   * keychain lost.
   */
  async read(ref: ServiceRef, slot: Slot): Promise<string | undefined> {
    const entry = this.entryOf(this.load(), ref);
    if (!entry.slots[slot]) return undefined;
    const value = await this.keychain.get(this.address(ref, slot));
    if (value === undefined && entry.slots[slot]) {
      throw new KeyStoreError(`The ${slot} key of ${describe(ref)} (${entry.slots[slot]!.fingerprint}) is missing from ${this.keychain.label}.`, 'missing-in-keychain');
    }
    return value;
  }

  /** Primary and fallback values for injection into a process (never written anywhere). */
  async readForInjection(ref: ServiceRef): Promise<{ primary?: string; fallback?: string }> {
    const primary = await this.read(ref, 'primary');
    const fallback = await this.read(ref, 'fallback');
    return { ...(primary !== undefined ? { primary } : {}), ...(fallback !== undefined ? { fallback } : {}) };
  }

  /** Compares the keychain with the metadata, slot by slot (after a crash or an outside change). */
  check(ref: ServiceRef): Promise<SlotCheck[]> {
    return this.checkNow(ref);
  }

  private async checkNow(ref: ServiceRef): Promise<SlotCheck[]> {
    const data = this.load();
    const entry = this.entryOf(data, ref);
    const out: SlotCheck[] = [];
    for (const slot of SLOTS) {
      const value = await this.keychain.get(this.address(ref, slot));
      const meta = entry.slots[slot];
      const state: SlotCheck['state'] =
        value === undefined ? (meta ? 'missing-in-keychain' : 'empty') : !meta ? 'not-in-metadata' : keyFingerprint(value, data.salt) === meta.fingerprint ? 'ok' : 'different-key';
      out.push({ slot, state });
    }
    return out;
  }

  /**
   * Resolves keychain entries that metadata does not list (left by a failed operation whose undo
   * also failed, or a crash between the keychain and the metadata write): an entry that duplicates
   * a listed key is deleted; any other is adopted into metadata. Never deletes a unique key.
   */
  repair(ref: ServiceRef): Promise<SlotCheck[]> {
    return this.exclusive(async () => {
      const data = this.load();
      const entry = this.entryOf(data, ref);
      const values = new Map<Slot, string>();
      for (const slot of SLOTS) {
        const value = await this.keychain.get(this.address(ref, slot));
        if (value !== undefined) values.set(slot, value);
      }
      const adopted: Slot[] = [];
      for (const [slot, value] of values) {
        if (entry.slots[slot]) continue;
        const duplicate = [...values].some(([other, v]) => other !== slot && entry.slots[other] && v === value);
        if (duplicate) await this.keychain.delete(this.address(ref, slot));
        else adopted.push(slot);
      }
      if (adopted.length > 0) {
        const now = this.now().toISOString();
        const stored = structuredClone(entry);
        for (const slot of adopted) stored.slots[slot] = { fingerprint: keyFingerprint(values.get(slot)!, data.salt), addedAt: now };
        data.entries[entryKey(ref.service, ref.environment)] = stored;
        writeMetadata(this.metadataPath, data, [...values.values()]);
      }
      return this.checkNow(ref);
    });
  }

  private requirePreviousFree(ref: ServiceRef, entry: EnvironmentMeta): void {
    if (entry.slots.previous) {
      throw new KeyStoreError(
        `${describe(ref)} still keeps an earlier key in previous (${entry.slots.previous.fingerprint}); purge it first so no key is overwritten.`,
        'previous-occupied',
      );
    }
  }

  /**
   * Carries out a plan: reads every key it moves, writes targets (each verified by the port), then
   * deletes emptied slots, then writes metadata once. A target is written only after its current
   * key has been copied to where it goes, so at every moment each key is in at least one slot.
   * On a failure, completed keychain steps are undone in reverse order.
   */
  private async apply(ref: ServiceRef, plan: Plan, change?: (entry: EnvironmentMeta) => void): Promise<EnvironmentInfo> {
    const data = this.load();
    const entry = structuredClone(this.entryOf(data, ref));
    const now = this.now().toISOString();

    // Read the keys that move or get overwritten, checking they are the ones metadata describes.
    const current = new Map<Slot, string>();
    const touched = new Set<Slot>();
    for (const [target, source] of Object.entries(plan) as Array<[Slot, Source]>) {
      touched.add(target);
      if (source && 'from' in source) touched.add(source.from);
    }
    for (const slot of touched) {
      if (!entry.slots[slot]) continue;
      const value = await this.keychain.get(this.address(ref, slot));
      if (value === undefined || keyFingerprint(value, data.salt) !== entry.slots[slot]!.fingerprint) {
        throw new KeyStoreError(
          `The ${slot} key of ${describe(ref)} (${entry.slots[slot]!.fingerprint}) is ${value === undefined ? 'missing from' : 'different in'} ${this.keychain.label}; nothing was changed.`,
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
        undo.push(() => this.ensure(ref, target, before));
        await this.keychain.set(this.address(ref, target), value);
      }
      for (const slot of deletes) {
        const before = current.get(slot)!;
        undo.push(() => this.ensure(ref, slot, before));
        await this.keychain.delete(this.address(ref, slot));
      }
    } catch (error) {
      // A call refused outright (locked, unavailable, denied) changed nothing: do not undo it.
      if (error instanceof KeychainError && ['locked', 'unavailable', 'denied'].includes(error.reason)) undo.pop();
      await this.undo(ref, undo, error);
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
      writeMetadata(this.metadataPath, data, secrets);
    } catch (error) {
      await this.undo(ref, undo, error);
    }
    return entry;
  }

  /** Puts a slot back to `value` (or empty), writing only if it differs: undo does as little as it can. */
  private async ensure(ref: ServiceRef, slot: Slot, value: string | undefined): Promise<void> {
    const address = this.address(ref, slot);
    const now = await this.keychain.get(address);
    if (now === value) return;
    if (value === undefined) await this.keychain.delete(address);
    else await this.keychain.set(address, value);
  }

  private async undo(ref: ServiceRef, steps: Array<() => Promise<unknown>>, cause: unknown): Promise<never> {
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
        `${describe(ref)}: an operation failed (${reason}) and ${failed.length} undo step(s) failed too; run a check: a key may sit in two slots, none is lost.`,
        'rollback-incomplete',
      );
    }
    throw cause;
  }

  private entryOf(data: MetadataFile, ref: ServiceRef): EnvironmentMeta {
    for (const name of [ref.service, ref.environment]) {
      if (!NAME.test(name)) throw new KeyStoreError(`'${name}' is not a valid service or environment name (letters, digits, '.', '_', '-').`, 'invalid-name');
    }
    return data.entries[entryKey(ref.service, ref.environment)] ?? { service: ref.service, environment: ref.environment, slots: {} };
  }

  private address(ref: ServiceRef, slot: Slot): SlotAddress {
    return { workspaceId: this.workspaceId, service: ref.service, environment: ref.environment, slot };
  }

  private load(): MetadataFile {
    return readMetadata(this.metadataPath, this.workspaceId, this.salt);
  }

  /** One operation at a time per store, so two commands cannot interleave their slot moves. */
  private exclusive<T>(action: () => Promise<T>): Promise<T> {
    const run = this.queue.then(action, action);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** How a key-store operation changes the rotation record, in the same metadata write as its slot moves. */
export type RotationChange = (record: RotationRecord | undefined) => RotationRecord | undefined;

function withRotation(change: RotationChange | undefined): ((entry: EnvironmentMeta) => void) | undefined {
  return change
    ? (entry) => {
        const next = change(entry.rotation);
        if (next) entry.rotation = next;
        else delete entry.rotation;
      }
    : undefined;
}

function describe(ref: ServiceRef): string {
  return `${ref.service} (${ref.environment})`;
}
