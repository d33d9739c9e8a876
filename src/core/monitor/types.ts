import type { Slot } from '../vocabulary/slot';
import type { ErrorClass, Verdict } from '../probe/types';
import type { Outcome } from '../vocabulary/outcome';

/**
 * One probe in the monitor's history. Value-free by construction: the key appears only as its
 * salted `rk1:` fingerprint, and no free-text detail is kept (only a status and an error class).
 */
export interface HistoryEntry {
  /** ISO time the probe started. */
  at: string;
  outcome: Outcome;
  status?: number;
  latencyMs: number;
  errorClass?: ErrorClass;
  /** Fingerprint of the key probed: signals compare outcomes of the same key only. */
  fingerprint: string;
}

/** Which key slot of which service environment a history series belongs to. */
export interface SeriesId {
  service: string;
  environment: string;
  slot: Slot;
}

export type SignalKind = 'spike' | 'intermittent' | 'increase';

/** A pattern over the history (DESIGN.md: signal); definitions in docs/monitoring.md. */
export interface Signal {
  kind: SignalKind;
  service: string;
  environment: string;
  /** The key slot (spike, intermittent); absent for `increase`, which looks at the whole environment. */
  slot?: Slot;
  fingerprint?: string;
  /** Short, stable and value-free, e.g. `spike of 401s`: the status bar and the alert's error use it. */
  summary: string;
  /** What was seen, e.g. `3 rejected probes (HTTP 401) within 30 min after 4 valid ones`. */
  detail: string;
  /** ISO time of the first probe that makes up the signal. */
  since: string;
}

export type HealthLevel = 'healthy' | 'warning' | 'failing' | 'unknown';

/** The monitor's view of one service environment, for the status bar and the Keys sidebar. */
export interface TargetHealth {
  service: string;
  environment: string;
  level: HealthLevel;
  /** Short, value-free, e.g. `healthy`, `spike of 401s`, `primary key rejected (HTTP 401)`, `needs approval`. */
  summary: string;
  signals: Signal[];
  /** The last outcome of each slot probed. */
  last: Partial<Record<Slot, Outcome>>;
  lastProbeAt?: string;
  /** The last run's dry-run verdict, when there was a run. */
  verdict?: Verdict;
}
