import type { Slot } from '../vocabulary/slot';
import type { Outcome } from '../vocabulary/outcome';

/**
 * One probe result as the metrics see it: the small interface the health monitor (and a dry-run,
 * via `observationsFromReport`) feeds in. Value-free: no key, not even its fingerprint (a metric
 * label would keep it forever in a time-series database).
 */
export interface ProbeObservation {
  service: string;
  environment: string;
  slot: Slot;
  outcome: Outcome;
  latencyMs: number;
  /** ISO time the probe started. */
  at: string;
  /** ISO time the key was added (keychain metadata `addedAt`); the key-age gauge is computed from it at scrape time. */
  keyAddedAt?: string;
  /** ISO time the key last validated, when the caller knows it from before this probe (keychain metadata). */
  lastValidatedAt?: string;
}

/** The signals active for one service environment (the monitor's `TargetHealth` has this shape). */
export interface SignalState {
  service: string;
  environment: string;
  signals: ReadonlyArray<{ kind: string }>;
}

/** Outcome label values: Prometheus convention (snake_case), one per probe outcome. */
export const OUTCOME_LABEL: Record<Outcome, string> = {
  valid: 'valid',
  rejected: 'rejected',
  'rate-limited': 'rate_limited',
  unknown: 'unknown',
  misconfigured: 'misconfigured',
};

/** The signal label values, as the Grafana dashboard and the docs use them. */
export const SIGNAL_LABELS = ['spike', 'intermittent', 'increase'] as const;
