import type { Slot } from '../vocabulary/slot';

/**
 * An alert on an auth failure (issue 6): `{ service, error, timestamp, environment }` plus the
 * fingerprint of the key that failed. Never the key, never its redacted tail.
 */
export interface Alert {
  service: string;
  environment: string;
  /** Value-free description, e.g. `primary key rejected (HTTP 401) in 3 of 3 rounds`. */
  error: string;
  /** ISO 8601. */
  timestamp: string;
  /** `rk1:` fingerprint of the key (salted), or `none` when no key was involved. */
  fingerprint: string;
  slot?: Slot;
  status?: number;
  source?: 'dry-run' | 'monitor' | 'wrapper';
  /** How urgent (issue 7): set by the producer, otherwise derived by `severityOf` in channels/severity.ts. */
  severity?: Severity;
  /** The history pattern that raised it (issue 7), when the monitor detected one. */
  signal?: SignalKind;
  /** `resolve` says the key is healthy again (PagerDuty resolves the incident); absent means `trigger`. */
  action?: 'trigger' | 'resolve';
}

/** Routing level of an alert: PagerDuty, by default, only pages for `critical`. */
export type Severity = 'info' | 'warning' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

/** The three patterns the guide names (DESIGN.md: signal); the same names as the monitor's `Signal.kind`. */
export type SignalKind = 'spike' | 'intermittent' | 'increase';

/**
 * Where alerts go. A sink renders the exact payload first, so the dispatcher's redaction guard
 * can inspect every byte before `deliver` sends it.
 */
export interface AlertSink {
  /** Value-free name for logs: `slack`, `webhook`, `audit-log:<file>`, `notification`. Never a URL. */
  readonly name: string;
  render(alert: Alert): string;
  deliver(payload: string, alert: Alert, signal?: AbortSignal): Promise<void>;
  /** Per-channel routing (e.g. by severity); absent means every alert. Checked before rendering. */
  accepts?(alert: Alert): boolean;
}

export class SinkError extends Error {
  constructor(
    message: string,
    /** false for failures a retry cannot fix (e.g. 4xx, insecure URL). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SinkError';
  }
}
