import { keyFingerprint } from '../redact';
import { EnvironmentMeta, entryKey, MetadataFile, readMetadata, SlotMeta, ValidationResult, writeMetadata } from './metadata';
import { KeychainPort, SlotAddress } from './port';
import { SLOTS, type Slot } from '../vocabulary/slot';
import { describeRef, type EnvironmentInfo, KeyStoreError, type KeyStoreOptions, type LiveSlot, type RotationChange, type ServiceRef, type SlotCheck } from './keyStoreTypes';
import { applyPlan, type SlotAccess } from './slotMoves';

export { KeyStoreError } from './keyStoreTypes';
export type { EnvironmentInfo, KeyStoreErrorReason, KeyStoreOptions, LiveSlot, RotationChange, ServiceRef, SlotCheck } from './keyStoreTypes';

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
  /** What the slot moves (slotMoves.ts) read and write through. */
  private readonly slotAccess: SlotAccess;

  constructor(options: KeyStoreOptions) {
    this.keychain = options.keychain;
    this.workspaceId = options.workspaceId;
    this.metadataPath = options.metadataPath;
    this.salt = options.salt;
    this.now = options.now ?? (() => new Date());
    this.slotAccess = {
      keychain: this.keychain,
      metadataPath: this.metadataPath,
      now: () => this.now(),
      load: () => this.load(),
      entryOf: (data, ref) => this.entryOf(data, ref),
      address: (ref, slot) => this.address(ref, slot),
    };
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
      if (entry.slots[slot]) throw new KeyStoreError(`${describeRef(ref)} already has a ${slot} key (${entry.slots[slot]!.fingerprint}); use replace.`, 'occupied');
      const after = await applyPlan(this.slotAccess, ref, { [slot]: { value } }, (e) => {
        if (options.envVars) e.envVars = options.envVars;
      });
      return after.slots[slot]!;
    });
  }

  /** Replaces a slot's key; the old key moves to `previous` (undo with `swapWithPrevious`). */
  replace(ref: ServiceRef, slot: LiveSlot, value: string): Promise<SlotMeta> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots[slot]) throw new KeyStoreError(`${describeRef(ref)} has no ${slot} key to replace; use add.`, 'empty');
      this.requirePreviousFree(ref, entry);
      const after = await applyPlan(this.slotAccess, ref, { [slot]: { value }, previous: { from: slot } });
      return after.slots[slot]!;
    });
  }

  /** Removes a slot's key from use: it moves to `previous` (undo with `restore`; `purge` drops it). */
  delete(ref: ServiceRef, slot: LiveSlot, rotation?: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots[slot]) throw new KeyStoreError(`${describeRef(ref)} has no ${slot} key.`, 'empty');
      this.requirePreviousFree(ref, entry);
      return applyPlan(this.slotAccess, ref, { [slot]: null, previous: { from: slot } }, withRotation(rotation));
    });
  }

  /**
   * Permanently removes the key in `previous`. The only operation that drops a key. Refused while a
   * rotation is at `promoted`: previous then holds the old key its rollback needs.
   */
  purge(ref: ServiceRef): Promise<void> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.previous) throw new KeyStoreError(`${describeRef(ref)} has no previous key to purge.`, 'empty');
      if (entry.rotation?.stage === 'promoted') {
        throw new KeyStoreError(`${describeRef(ref)} is mid-rotation: previous holds the old key until the new primary validated (step 5) or the rotation is rolled back.`, 'rotation-in-progress');
      }
      await applyPlan(this.slotAccess, ref, { previous: null });
    });
  }

  /** Fallback becomes primary; the old primary moves to `previous`. Undo with `demote`. */
  promote(ref: ServiceRef, rotation?: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.fallback) throw new KeyStoreError(`${describeRef(ref)} has no fallback key to promote.`, 'empty');
      if (entry.slots.primary) this.requirePreviousFree(ref, entry);
      return applyPlan(this.slotAccess, ref, { primary: { from: 'fallback' }, fallback: null, ...(entry.slots.primary ? { previous: { from: 'primary' } } : {}) }, withRotation(rotation));
    });
  }

  /** The inverse of `promote`: primary goes back to fallback, `previous` back to primary. */
  demote(ref: ServiceRef, rotation?: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.previous || !entry.slots.primary) throw new KeyStoreError(`${describeRef(ref)} needs a primary and a previous key to undo a promotion.`, 'empty');
      if (entry.slots.fallback) throw new KeyStoreError(`${describeRef(ref)} already has a fallback key; cannot undo the promotion without overwriting it.`, 'occupied');
      return applyPlan(this.slotAccess, ref, { fallback: { from: 'primary' }, primary: { from: 'previous' }, previous: null }, withRotation(rotation));
    });
  }

  /** Moves the key in `previous` back into an empty slot (undo of `delete`). */
  restore(ref: ServiceRef, slot: LiveSlot, rotation?: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.previous) throw new KeyStoreError(`${describeRef(ref)} has no previous key to restore.`, 'empty');
      if (entry.slots[slot]) throw new KeyStoreError(`${describeRef(ref)} already has a ${slot} key; use swapWithPrevious.`, 'occupied');
      return applyPlan(this.slotAccess, ref, { [slot]: { from: 'previous' }, previous: null }, withRotation(rotation));
    });
  }

  /** Swaps a slot's key with the one in `previous` (undo of `replace`). */
  swapWithPrevious(ref: ServiceRef, slot: LiveSlot): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const entry = this.entryOf(this.load(), ref);
      if (!entry.slots.previous || !entry.slots[slot]) throw new KeyStoreError(`${describeRef(ref)} needs a ${slot} and a previous key to swap.`, 'empty');
      return applyPlan(this.slotAccess, ref, { [slot]: { from: 'previous' }, previous: { from: slot } });
    });
  }

  /** Adds a new key as fallback, or moves it back from `previous` if that is where a rollback parked it. */
  addFallback(ref: ServiceRef, value: string, rotation: RotationChange): Promise<EnvironmentInfo> {
    return this.exclusive(async () => {
      const data = this.load();
      const entry = this.entryOf(data, ref);
      if (entry.slots.fallback) throw new KeyStoreError(`${describeRef(ref)} already has a fallback key (${entry.slots.fallback.fingerprint}).`, 'occupied');
      const fingerprint = keyFingerprint(value, data.salt);
      const fromPrevious = entry.slots.previous?.fingerprint === fingerprint;
      return applyPlan(this.slotAccess, ref, fromPrevious ? { fallback: { from: 'previous' }, previous: null } : { fallback: { value } }, withRotation(rotation));
    });
  }

  /** Changes only metadata (e.g. rotation stage, retired marks), in one atomic write. */
  updateMeta(ref: ServiceRef, change: (entry: EnvironmentMeta) => void): Promise<EnvironmentInfo> {
    return this.exclusive(async () => applyPlan(this.slotAccess, ref, {}, change));
  }

  /** Records a validation result for a slot (from the probe engine). */
  recordValidation(ref: ServiceRef, slot: Slot, result: ValidationResult): Promise<void> {
    return this.exclusive(async () => {
      await applyPlan(this.slotAccess, ref, {}, (e) => {
        const meta = e.slots[slot];
        if (!meta) throw new KeyStoreError(`${describeRef(ref)} has no ${slot} key to record a validation for.`, 'empty');
        meta.lastValidatedAt = this.now().toISOString();
        meta.lastValidation = { ok: result.ok, outcome: result.outcome, ...(result.detail !== undefined ? { detail: result.detail } : {}) };
      });
    });
  }

  setEnvVars(ref: ServiceRef, envVars: NonNullable<EnvironmentMeta['envVars']>): Promise<void> {
    return this.exclusive(async () => {
      await applyPlan(this.slotAccess, ref, {}, (e) => (e.envVars = envVars));
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
      throw new KeyStoreError(`The ${slot} key of ${describeRef(ref)} (${entry.slots[slot]!.fingerprint}) is missing from ${this.keychain.label}.`, 'missing-in-keychain');
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
        `${describeRef(ref)} still keeps an earlier key in previous (${entry.slots.previous.fingerprint}); purge it first so no key is overwritten.`,
        'previous-occupied',
      );
    }
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

function withRotation(change: RotationChange | undefined): ((entry: EnvironmentMeta) => void) | undefined {
  return change
    ? (entry) => {
        const next = change(entry.rotation);
        if (next) entry.rotation = next;
        else delete entry.rotation;
      }
    : undefined;
}

