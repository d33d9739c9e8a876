import type { SlotMeta } from '../../core/keychain/metadata';
import { STAGES, type Stage } from '../../core/vocabulary/rotationRecord';

/** `3 min`, `5 h`, `12 d`: how long ago an ISO time was (compact, for tree descriptions). */
export function age(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '?';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/** `rk1:3f2a9c1b…`: enough of a fingerprint to tell keys apart at a glance. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.length > 12 ? `${fingerprint.slice(0, 12)}…` : fingerprint;
}

/** `valid 5 min ago`, `rejected 2 d ago`, `not validated`. */
export function validationSummary(meta: SlotMeta, now = Date.now()): string {
  if (!meta.lastValidation) return 'not validated';
  return `${meta.lastValidation.outcome} ${age(meta.lastValidatedAt, now)} ago`;
}

/** `step 3 of 5` for the stage a rotation has reached (the next step's number). */
export function stageProgress(stage: Stage): string {
  const index = STAGES.indexOf(stage);
  if (stage === 'old-key-removed') return 'rotated';
  return `step ${index + 1} of 5`;
}
