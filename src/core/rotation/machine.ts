import { EnvironmentInfo, KeyStore, KeyStoreError, ServiceRef } from '../keychain/keyStore';
import type { ValidationResult } from '../keychain/metadata';
import type { Slot } from '../vocabulary/slot';
import { RotationRecord, Stage, STAGES } from '../vocabulary/rotationRecord';
import { ProviderInfo, rotationSteps, StepText } from './steps';

/** Checks one slot's key against its service (the probe engine implements it). Returns no value. */
export interface Validator {
  validate(service: string, environment: string, slot: Slot): Promise<ValidationResult>;
}

export type RotationErrorReason = 'wrong-stage' | 'precondition' | 'validation-failed';

/** A refused rotation step: the stage and the keys are unchanged. Never contains a value. */
export class RotationError extends Error {
  constructor(
    message: string,
    readonly reason: RotationErrorReason,
    readonly validation?: ValidationResult,
  ) {
    super(message);
    this.name = 'RotationError';
  }
}

export interface StepView extends StepText {
  state: 'done' | 'next' | 'todo';
}

export interface RotationStatus {
  service: string;
  environment: string;
  stage: Stage;
  /** The five steps with their state; exactly one is `next` unless the rotation is complete. */
  steps: StepView[];
  /** The next step to do, if any. */
  next?: StepText;
  /** The stage a rollback would return to (undefined at idle). */
  rollbackTo?: Stage;
  record?: RotationRecord;
  slots: EnvironmentInfo['slots'];
}

export interface RotationOptions {
  now?: () => Date;
  /** Names the provider in step 1; defaults to the service name. */
  provider?: (ref: ServiceRef) => ProviderInfo;
}

/**
 * The zero-downtime rotation of one service's key in one environment, as a state machine:
 * idle → new-key → added-as-fallback → deployed → promoted → old-key-removed. One step at a time,
 * persisted with the key metadata (so it resumes after a restart), each step's key moves done by
 * the KeyStore in the same metadata write as the stage change. Every step can be rolled back one
 * at a time; no step or rollback leaves the service without a primary key, and the old key is not
 * marked removed until a validation of the new primary succeeded (AWS Secrets Manager's
 * create → set → test → finish, with primary/fallback/previous for pending/current/previous).
 */
export class RotationMachine {
  private readonly now: () => Date;
  private readonly provider: (ref: ServiceRef) => ProviderInfo;

  constructor(
    private readonly store: KeyStore,
    options: RotationOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.provider = options.provider ?? ((ref) => ({ name: ref.service }));
  }

  async status(ref: ServiceRef): Promise<RotationStatus> {
    const info = await this.store.info(ref);
    const stage = info.rotation?.stage ?? 'idle';
    const index = STAGES.indexOf(stage);
    const steps = rotationSteps(this.provider(ref), ref.environment).map((step): StepView => ({
      ...step,
      state: step.number <= index ? 'done' : step.number === index + 1 ? 'next' : 'todo',
    }));
    const next = steps.find((s) => s.state === 'next');
    return {
      service: ref.service,
      environment: ref.environment,
      stage,
      steps,
      ...(next ? { next: stripState(next) } : {}),
      ...(index > 0 ? { rollbackTo: STAGES[index - 1] } : {}),
      ...(info.rotation ? { record: info.rotation } : {}),
      slots: info.slots,
    };
  }

  /** Step 1: begins a rotation (the user is getting a new key from the provider). */
  async start(ref: ServiceRef): Promise<RotationStatus> {
    const info = await this.store.info(ref);
    const stage = info.rotation?.stage ?? 'idle';
    if (stage !== 'idle' && stage !== 'old-key-removed') throw wrongStage(ref, stage, 'start a rotation');
    if (!info.slots.primary) throw new RotationError(`${label(ref)} has no primary key to rotate; add one first.`, 'precondition');
    if (info.slots.fallback) {
      throw new RotationError(`${label(ref)} already has a fallback key (${info.slots.fallback.fingerprint}); promote or delete it before rotating.`, 'precondition');
    }
    if (info.slots.previous) {
      throw new RotationError(
        `${label(ref)} still keeps an earlier key in previous (${info.slots.previous.fingerprint}); purge it before rotating, so the rotation can keep the current key there.`,
        'precondition',
      );
    }
    const at = this.at();
    const record: RotationRecord = { stage: 'new-key', startedAt: at, updatedAt: at, oldFingerprint: info.slots.primary.fingerprint, history: [{ at, from: stage, to: 'new-key', kind: 'advance' }] };
    await this.store.updateMeta(ref, (entry) => {
      entry.rotation = record;
    });
    return this.status(ref);
  }

  /**
   * Steps 1 and 2 at once, for a user who already added the new key as the fallback (the README's
   * "add primary and fallback keys" before "Rotate Key…"): the fallback is taken as the new key and
   * the rotation continues at step 3. Nothing moves in the keychain; a rollback parks the fallback in
   * previous as for a key added through step 2.
   */
  async adoptFallback(ref: ServiceRef): Promise<RotationStatus> {
    const info = await this.store.info(ref);
    const stage = info.rotation?.stage ?? 'idle';
    if (stage !== 'idle' && stage !== 'old-key-removed') throw wrongStage(ref, stage, 'take the fallback as the new key');
    if (!info.slots.primary) throw new RotationError(`${label(ref)} has no primary key to rotate; add one first.`, 'precondition');
    if (!info.slots.fallback) throw new RotationError(`${label(ref)} has no fallback key to take as the new key.`, 'precondition');
    if (info.slots.fallback.fingerprint === info.slots.primary.fingerprint) {
      throw new RotationError(`The fallback key of ${label(ref)} is the same key as its primary; replace the fallback with a new key from the provider.`, 'precondition');
    }
    if (info.slots.previous) {
      throw new RotationError(
        `${label(ref)} still keeps an earlier key in previous (${info.slots.previous.fingerprint}); purge it before rotating, so the rotation can keep the current key there.`,
        'precondition',
      );
    }
    const at = this.at();
    const record: RotationRecord = {
      stage: 'added-as-fallback',
      startedAt: at,
      updatedAt: at,
      oldFingerprint: info.slots.primary.fingerprint,
      newFingerprint: info.slots.fallback.fingerprint,
      history: [
        { at, from: stage, to: 'new-key', kind: 'advance' },
        { at, from: 'new-key', to: 'added-as-fallback', kind: 'advance' },
      ],
    };
    await this.store.updateMeta(ref, (entry) => {
      entry.rotation = record;
    });
    return this.status(ref);
  }

  /** Step 2: stores the new key as fallback. */
  async addNewKey(ref: ServiceRef, value: string): Promise<RotationStatus> {
    const info = await this.require(ref, 'new-key', 'add the new key');
    const fingerprint = await this.store.fingerprintOf(value);
    if (fingerprint === info.slots.primary?.fingerprint) {
      throw new RotationError(`That is the current primary key of ${label(ref)}; get a new key from the provider.`, 'precondition');
    }
    if (info.slots.previous && info.slots.previous.fingerprint !== fingerprint) {
      throw new RotationError(
        `${label(ref)} keeps the key a rollback took out in previous (${info.slots.previous.fingerprint}); add that same key again, or purge it first.`,
        'precondition',
      );
    }
    await this.guard(ref, () =>
      this.store.addFallback(ref, value, (record) => {
        const { parkedFingerprint: _parked, ...rest } = this.advance(record!, 'added-as-fallback');
        return { ...rest, newFingerprint: fingerprint };
      }),
    );
    return this.status(ref);
  }

  /** Step 3: the user confirms the environment now has both keys. */
  async markDeployed(ref: ServiceRef): Promise<RotationStatus> {
    const info = await this.require(ref, 'added-as-fallback', 'mark the new key deployed');
    this.expect(ref, info, 'fallback', info.rotation!.newFingerprint);
    await this.store.updateMeta(ref, (entry) => {
      entry.rotation = this.advance(entry.rotation!, 'deployed');
    });
    return this.status(ref);
  }

  /**
   * Step 4: the new key becomes primary, the old one moves to previous. With a validator, the new
   * key is probed first and a failure refuses the step (recommended: promoting a key the service
   * rejects breaks every caller that reads only the primary).
   */
  async promote(ref: ServiceRef, validator?: Validator): Promise<RotationStatus> {
    const info = await this.require(ref, 'deployed', 'promote the new key');
    this.expect(ref, info, 'fallback', info.rotation!.newFingerprint);
    this.expect(ref, info, 'primary', info.rotation!.oldFingerprint);
    if (validator) await this.validate(ref, validator, 'fallback', 'promote it');
    await this.guard(ref, () => this.store.promote(ref, (record) => this.advance(record!, 'promoted')));
    return this.status(ref);
  }

  /**
   * Step 5: only after a validation of the new primary succeeded. Marks the old key retired (the
   * user revokes it at the provider); it stays in previous until purged, so this can be undone.
   */
  async removeOldKey(ref: ServiceRef, validator: Validator): Promise<RotationStatus> {
    const info = await this.require(ref, 'promoted', 'remove the old key');
    this.expect(ref, info, 'primary', info.rotation!.newFingerprint);
    const result = await this.validate(ref, validator, 'primary', 'remove the old key');
    const at = this.at();
    await this.store.updateMeta(ref, (entry) => {
      if (entry.slots.previous) entry.slots.previous.retiredAt = at;
      entry.rotation = { ...this.advance(entry.rotation!, 'old-key-removed'), validation: { at, ...result } };
    });
    return this.status(ref);
  }

  /**
   * Undoes the last step, restoring the keys as they were before it. Undoing the promotion puts the
   * old key back in primary: with a validator, that key is probed first and a failure (e.g. it was
   * already revoked at the provider) refuses the rollback.
   */
  async rollback(ref: ServiceRef, validator?: Validator): Promise<RotationStatus> {
    const info = await this.store.info(ref);
    const record = info.rotation;
    const stage = record?.stage ?? 'idle';
    switch (stage) {
      case 'idle':
        throw new RotationError(`${label(ref)} has no rotation in progress.`, 'wrong-stage');
      case 'new-key':
        await this.store.updateMeta(ref, (entry) => {
          delete entry.rotation;
        });
        break;
      case 'added-as-fallback':
        this.expect(ref, info, 'fallback', record!.newFingerprint);
        // The new key is taken out of use but kept (in previous), never dropped.
        await this.guard(ref, () => this.store.delete(ref, 'fallback', (r) => ({ ...this.back(r!, 'new-key'), parkedFingerprint: r!.newFingerprint! })));
        break;
      case 'deployed':
        await this.store.updateMeta(ref, (entry) => {
          entry.rotation = this.back(entry.rotation!, 'added-as-fallback');
        });
        break;
      case 'promoted':
        this.expect(ref, info, 'previous', record!.oldFingerprint);
        if (validator) await this.validate(ref, validator, 'previous', 'put the old key back in primary');
        await this.guard(ref, () => this.store.demote(ref, (r) => this.back(r!, 'deployed')));
        break;
      case 'old-key-removed':
        await this.store.updateMeta(ref, (entry) => {
          if (entry.slots.previous) delete entry.slots.previous.retiredAt;
          entry.rotation = this.back(entry.rotation!, 'promoted');
        });
        break;
    }
    return this.status(ref);
  }

  /** Rolls back step by step to idle (abandons the rotation, restoring the original keys). */
  async abort(ref: ServiceRef, validator?: Validator): Promise<RotationStatus> {
    let status = await this.status(ref);
    while (status.stage !== 'idle') status = await this.rollback(ref, validator);
    return status;
  }

  private async validate(ref: ServiceRef, validator: Validator, slot: Slot, purpose: string): Promise<ValidationResult> {
    let result: ValidationResult;
    try {
      result = await validator.validate(ref.service, ref.environment, slot);
    } catch (error) {
      result = { ok: false, outcome: 'unknown', detail: error instanceof Error ? error.message : String(error) };
    }
    await this.store.recordValidation(ref, slot, result);
    if (!result.ok) {
      throw new RotationError(
        `The ${slot} key of ${label(ref)} did not validate (${result.outcome}${result.detail ? `: ${result.detail}` : ''}); refusing to ${purpose}.`,
        'validation-failed',
        result,
      );
    }
    return result;
  }

  private async require(ref: ServiceRef, stage: Stage, action: string): Promise<EnvironmentInfo> {
    const info = await this.store.info(ref);
    const current = info.rotation?.stage ?? 'idle';
    if (current !== stage) throw wrongStage(ref, current, action);
    return info;
  }

  /** Refuses a step when the slots no longer hold what the rotation put there (changed outside it). */
  private expect(ref: ServiceRef, info: EnvironmentInfo, slot: Slot, fingerprint: string | undefined): void {
    if (!fingerprint || info.slots[slot]?.fingerprint !== fingerprint) {
      throw new RotationError(
        `The ${slot} key of ${label(ref)} is not the one this rotation expects (${fingerprint ?? 'none'}, found ${info.slots[slot]?.fingerprint ?? 'none'}); it was changed outside the rotation. Roll back or abort the rotation.`,
        'precondition',
      );
    }
  }

  private async guard<T>(ref: ServiceRef, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof KeyStoreError && error.reason !== 'rollback-incomplete' && error.reason !== 'missing-in-keychain') {
        throw new RotationError(`${label(ref)}: ${error.message}`, 'precondition');
      }
      throw error;
    }
  }

  private advance(record: RotationRecord, to: Stage): RotationRecord {
    const at = this.at();
    return { ...record, stage: to, updatedAt: at, history: [...record.history, { at, from: record.stage, to, kind: 'advance' }] };
  }

  private back(record: RotationRecord, to: Stage): RotationRecord {
    const at = this.at();
    return { ...record, stage: to, updatedAt: at, history: [...record.history, { at, from: record.stage, to, kind: 'rollback' }] };
  }

  private at(): string {
    return this.now().toISOString();
  }
}

function stripState(step: StepView): StepText {
  const { state: _state, ...text } = step;
  return text;
}

function wrongStage(ref: ServiceRef, stage: Stage, action: string): RotationError {
  return new RotationError(`Cannot ${action} for ${label(ref)}: the rotation is at '${stage}'.`, 'wrong-stage');
}

function label(ref: ServiceRef): string {
  return `${ref.service} (${ref.environment})`;
}
