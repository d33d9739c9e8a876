import type { Outcome } from '../vocabulary/outcome';
import type { Slot } from '../vocabulary/slot';

/** Why an outcome is unknown or misconfigured; value-free by construction. */
export type ErrorClass =
  | 'http-status'
  | 'timeout'
  | 'dns'
  | 'connection-refused'
  | 'connection-reset'
  | 'tls'
  | 'network'
  | 'redirect'
  | 'not-found'
  | 'insecure-url';

/** One probe's result. Never holds the key: not in a field, not in a message. */
export interface ProbeResult {
  outcome: Outcome;
  status?: number;
  latencyMs: number;
  /** From a 429's Retry-After, in milliseconds. */
  retryAfterMs?: number;
  errorClass?: ErrorClass;
  /** Short, value-free explanation, e.g. `HTTP 503`, `ECONNREFUSED`, `redirect (302)`. */
  detail?: string;
  /** ISO time the probe started. */
  at: string;
}

/** One round of a dry-run for one slot: the final probe after retries and Retry-After waits. */
export interface RoundResult extends ProbeResult {
  round: number;
  /** Requests this round took (1 + retries + rate-limit re-tries). */
  attempts: number;
}

/**
 * A key's classification across rounds: an outcome when every conclusive round agrees, or
 * `not-yet-valid` (rejected, then valid: propagation under way) / `intermittent` (mixed otherwise).
 * `missing` means the key source has no key for the slot; `not-probed` that nothing was sent (approval, cancel).
 */
export type KeyClass = Outcome | 'not-yet-valid' | 'intermittent' | 'missing' | 'not-probed';

export interface SlotReport {
  slot: Slot;
  classification: KeyClass;
  /** Salted fingerprint and redacted form of the key probed; never the value. */
  keyFingerprint?: string;
  keyRedacted?: string;
  rounds: RoundResult[];
}

/** What the outcomes mean for the next rotation step. Only `safe-to-promote` counts as safe. */
export type Verdict =
  /** Primary works and the fallback (the new key) works in every round: promote it. */
  | 'safe-to-promote'
  /** The fallback is not yet valid everywhere (mixed rounds): wait and run again. */
  | 'wait-for-propagation'
  /** The fallback is rejected or missing: the old key is the only one that works. */
  | 'do-not-remove-old-key'
  /** The primary key is rejected in production: alert now. */
  | 'incident'
  /** Nothing conclusive (5xx, timeouts, misconfigured probe, rate limits, missing primary, cancelled). */
  | 'inconclusive'
  /** The service→host binding is not approved: nothing was sent. */
  | 'needs-approval';

export const VERDICTS: readonly Verdict[] = ['safe-to-promote', 'wait-for-propagation', 'do-not-remove-old-key', 'incident', 'inconclusive', 'needs-approval'];

export interface TargetReport {
  service: string;
  environment: string;
  /** Probe URL without its query string. */
  url: string;
  host: string;
  verdict: Verdict;
  /** One sentence: why this verdict, with what was seen. */
  reason: string;
  slots: SlotReport[];
  durationMs: number;
}

export interface DryRunReport {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  cancelled: boolean;
  targets: TargetReport[];
  /** Services the configuration lists but left out (an error in their entry), so none is mistaken for one that passed. */
  skipped?: Array<{ service: string; reason: string }>;
  summary: { targets: number; safe: number; notSafe: number; byVerdict: Record<Verdict, number> };
}
