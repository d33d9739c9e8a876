/** The rotation's stages, in order (the guide's five steps after `idle`). */
export const STAGES = ['idle', 'new-key', 'added-as-fallback', 'deployed', 'promoted', 'old-key-removed'] as const;
export type Stage = (typeof STAGES)[number];

/** A rotation in progress (or finished) for one service and environment; persisted, never a value. */
export interface RotationRecord {
  stage: Stage;
  startedAt: string;
  updatedAt: string;
  /** Fingerprint of the key being replaced (the primary when the rotation started). */
  oldFingerprint?: string;
  /** Fingerprint of the new key once added. */
  newFingerprint?: string;
  /** The new key, parked in `previous` by a rollback of step 2 (so it is not lost). */
  parkedFingerprint?: string;
  /** What validated the new primary before step 5. */
  validation?: { at: string; ok: boolean; outcome: string; detail?: string };
  history: Array<{ at: string; from: Stage; to: Stage; kind: 'advance' | 'rollback' }>;
}
