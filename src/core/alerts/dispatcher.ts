import { containsSecret } from '../guard';
import { Alert, AlertSink, SinkError } from './types';

export interface RetryPolicy {
  /** Total attempts per sink, including the first (default 4). */
  attempts: number;
  /** First back-off delay; doubles per attempt up to `maxDelayMs` (defaults 500 ms, 10 s). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface AlertDispatcherOptions {
  /** Sinks for an alert: a fixed list, or chosen per alert (the service's sinks plus the global ones). */
  sinks: readonly AlertSink[] | ((alert: Alert) => readonly AlertSink[]);
  /** The same alert (service, environment, error, fingerprint) goes out at most once per window. */
  dedupWindowMs: number;
  /** At most this many alerts per service per window. */
  maxPerServicePerWindow: number;
  retry?: Partial<RetryPolicy>;
  /** Every key value that must never leave (e.g. the keys the dry-run just probed). */
  secrets: () => Iterable<string>;
  now?: () => number;
  /** Value-free log of what happened, for an output channel. */
  onEvent?: (event: AlertEvent) => void;
}

export type DispatchStatus = 'sent' | 'partial' | 'failed' | 'deduplicated' | 'rate-limited' | 'refused';

export interface Delivery {
  sink: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

export interface DispatchResult {
  status: DispatchStatus;
  deliveries: Delivery[];
}

export type AlertEvent =
  | { type: 'suppressed'; alert: Alert; reason: 'deduplicated' | 'rate-limited' }
  | { type: 'refused'; alert: Alert; sink: string }
  | { type: 'retry'; alert: Alert; sink: string; attempt: number; error: string }
  | { type: 'delivered'; alert: Alert; sink: string; attempts: number }
  | { type: 'failed'; alert: Alert; sink: string; attempts: number; error: string };

/** De-duplicates, rate-limits, guards and delivers alerts, retrying each failing sink with back-off. */
export class AlertDispatcher {
  private readonly lastSent = new Map<string, number>();
  /** Which `lastSent` keys are resolves. */
  private readonly resolves = new Set<string>();
  private readonly perService = new Map<string, number[]>();
  private readonly retry: RetryPolicy;
  private readonly now: () => number;

  constructor(private readonly options: AlertDispatcherOptions) {
    this.retry = { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000, ...(options.retry ?? {}) };
    this.now = options.now ?? Date.now;
  }

  async dispatch(alert: Alert, signal?: AbortSignal): Promise<DispatchResult> {
    const t = this.now();
    const window = this.options.dedupWindowMs;
    const key = JSON.stringify([alert.service, alert.environment, alert.error, alert.fingerprint]);
    const last = this.lastSent.get(key);
    if (last !== undefined && t - last < window) {
      this.options.onEvent?.({ type: 'suppressed', alert, reason: 'deduplicated' });
      return { status: 'deduplicated', deliveries: [] };
    }
    const recent = (this.perService.get(alert.service) ?? []).filter((at) => t - at < window);
    if (recent.length >= this.options.maxPerServicePerWindow) {
      this.perService.set(alert.service, recent);
      this.options.onEvent?.({ type: 'suppressed', alert, reason: 'rate-limited' });
      return { status: 'rate-limited', deliveries: [] };
    }
    // Recorded before sending, so concurrent duplicates are suppressed too.
    this.lastSent.set(key, t);
    recent.push(t);
    this.perService.set(alert.service, recent);

    const all = typeof this.options.sinks === 'function' ? this.options.sinks(alert) : this.options.sinks;
    const sinks = all.filter((sink) => sink.accepts?.(alert) ?? true);
    const payloads = sinks.map((sink) => ({ sink, payload: sink.render(alert) }));
    const secrets = [...this.options.secrets()];
    const leaking = payloads.filter((p) => containsSecret(p.payload, secrets));
    if (leaking.length > 0) {
      for (const p of leaking) this.options.onEvent?.({ type: 'refused', alert, sink: p.sink.name });
      return { status: 'refused', deliveries: leaking.map((p) => ({ sink: p.sink.name, ok: false, attempts: 0, error: 'refused: the payload contains key material' })) };
    }
    const deliveries = await Promise.all(payloads.map((p) => this.deliver(p.sink, p.payload, alert, signal)));
    const ok = deliveries.filter((d) => d.ok).length;
    if (ok > 0) this.forgetOpposite(alert);
    return { status: ok === deliveries.length ? 'sent' : ok === 0 ? 'failed' : 'partial', deliveries };
  }

  /**
   * A resolve that went out ends the incident: the same trigger afterwards is a new incident and must
   * page again, even within the de-duplication window (and a new trigger lets the next resolve out).
   */
  private forgetOpposite(alert: Alert): void {
    const prefix = JSON.stringify([alert.service, alert.environment]).slice(0, -1) + ',';
    const resolving = alert.action === 'resolve';
    for (const k of this.lastSent.keys()) {
      if (k.startsWith(prefix) && this.resolves.has(k) !== resolving) {
        this.lastSent.delete(k);
        this.resolves.delete(k);
      }
    }
    const key = JSON.stringify([alert.service, alert.environment, alert.error, alert.fingerprint]);
    if (resolving) this.resolves.add(key);
  }

  private async deliver(sink: AlertSink, payload: string, alert: Alert, signal?: AbortSignal): Promise<Delivery> {
    let error = '';
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      try {
        await sink.deliver(payload, alert, signal);
        this.options.onEvent?.({ type: 'delivered', alert, sink: sink.name, attempts: attempt });
        return { sink: sink.name, ok: true, attempts: attempt };
      } catch (e) {
        if (signal?.aborted) return { sink: sink.name, ok: false, attempts: attempt, error: 'cancelled' };
        error = e instanceof SinkError ? e.message : `${sink.name}: delivery failed`;
        const retryable = !(e instanceof SinkError) || e.retryable;
        if (!retryable || attempt === this.retry.attempts) {
          this.options.onEvent?.({ type: 'failed', alert, sink: sink.name, attempts: attempt, error });
          return { sink: sink.name, ok: false, attempts: attempt, error };
        }
        this.options.onEvent?.({ type: 'retry', alert, sink: sink.name, attempt, error });
        const delay = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    return { sink: sink.name, ok: false, attempts: this.retry.attempts, error };
  }
}
