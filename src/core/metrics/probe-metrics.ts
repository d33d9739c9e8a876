import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Alert } from '../alerts/types';
import type { Slot } from '../vocabulary/slot';
import type { TargetReport } from '../probe/types';
import { severityOf, signalOf } from '../alerts/channels/severity';
import { OUTCOME_LABEL, ProbeObservation, SIGNAL_LABELS, SignalState } from './types';

const SLOT_LABELS = ['service', 'environment', 'slot'] as const;
type SlotLabels = (typeof SLOT_LABELS)[number];

/** Latency buckets in seconds: probes are cheap requests, a timeout is 5 s by default. */
export const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The monitor's probe results as Prometheus metrics (issue 7), in a registry of their own (never
 * prom-client's global one, so nothing else in the process leaks in). Each metric is registered in
 * two registries, one per exposition format, so the endpoint can answer Prometheus text or
 * OpenMetrics as the scraper's Accept header asks.
 *
 * - `rotation_ready_probes_total{service,environment,slot,outcome}` counter
 * - `rotation_ready_probe_latency_seconds{service,environment,slot}` histogram
 * - `rotation_ready_key_age_seconds{service,environment,slot}` gauge (computed at scrape time)
 * - `rotation_ready_key_last_validation_timestamp_seconds{service,environment,slot}` gauge
 * - `rotation_ready_signal_active{service,environment,signal}` gauge, 1 while the monitor sees the signal
 * - `rotation_ready_alerts_total{service,environment,severity,signal}` counter of alerts sent
 */
export class ProbeMetrics {
  readonly registry = new Registry();
  readonly openMetricsRegistry = new Registry<typeof Registry.OPENMETRICS_CONTENT_TYPE>();
  private readonly probes: Counter<SlotLabels | 'outcome'>;
  private readonly latency: Histogram<SlotLabels>;
  private readonly lastValidation: Gauge<SlotLabels>;
  private readonly signalActive: Gauge<'service' | 'environment' | 'signal'>;
  private readonly alerts: Counter<'service' | 'environment' | 'severity' | 'signal'>;
  private readonly validatedAt = new Map<string, number>();
  private readonly keyAddedAt = new Map<string, { labels: Record<SlotLabels, string>; addedAt: number }>();

  constructor(private readonly now: () => number = Date.now) {
    this.openMetricsRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const registers = [this.registry, this.openMetricsRegistry as unknown as Registry];
    this.probes = new Counter({
      name: 'rotation_ready_probes_total',
      help: 'Probes sent by Rotation Ready, by outcome (valid, rejected, rate_limited, unknown, misconfigured).',
      labelNames: [...SLOT_LABELS, 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'rotation_ready_probe_latency_seconds',
      help: 'Probe latency in seconds.',
      labelNames: [...SLOT_LABELS],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const ages = this.keyAddedAt;
    const nowFn = this.now;
    new Gauge({
      name: 'rotation_ready_key_age_seconds',
      help: 'Seconds since the key in this slot was added to the keychain.',
      labelNames: [...SLOT_LABELS],
      registers,
      collect() {
        for (const { labels, addedAt } of ages.values()) this.set(labels, Math.max(0, (nowFn() - addedAt) / 1000));
      },
    });
    this.lastValidation = new Gauge({
      name: 'rotation_ready_key_last_validation_timestamp_seconds',
      help: 'Unix time the key in this slot last validated (a probe answered as valid).',
      labelNames: [...SLOT_LABELS],
      registers,
    });
    this.signalActive = new Gauge({
      name: 'rotation_ready_signal_active',
      help: '1 while the health monitor sees the signal (spike, intermittent, increase) for the service environment, else 0.',
      labelNames: ['service', 'environment', 'signal'],
      registers,
    });
    this.alerts = new Counter({
      name: 'rotation_ready_alerts_total',
      help: 'Alerts sent, by severity and signal (none when no signal raised it).',
      labelNames: ['service', 'environment', 'severity', 'signal'],
      registers,
    });
  }

  observe(o: ProbeObservation): void {
    const labels = { service: o.service, environment: o.environment, slot: o.slot };
    this.probes.inc({ ...labels, outcome: OUTCOME_LABEL[o.outcome] });
    this.latency.observe(labels, Math.max(0, o.latencyMs) / 1000);
    const validated = o.outcome === 'valid' ? Date.parse(o.at) : o.lastValidatedAt ? Date.parse(o.lastValidatedAt) : NaN;
    if (Number.isFinite(validated)) {
      const id = JSON.stringify(labels);
      if (validated > (this.validatedAt.get(id) ?? -Infinity)) {
        this.validatedAt.set(id, validated);
        this.lastValidation.set(labels, validated / 1000);
      }
    }
    const added = o.keyAddedAt ? Date.parse(o.keyAddedAt) : NaN;
    if (Number.isFinite(added)) this.keyAddedAt.set(JSON.stringify(labels), { labels, addedAt: added });
  }

  /**
   * One health-monitor run (its `onRun` event) or a dry-run report: every round of every probed slot,
   * and the signals of each target's health when given. `keyMeta` adds key age and last validation
   * from the keychain metadata (non-secret).
   */
  observeRun(
    run: { targets: readonly TargetReport[]; health?: readonly SignalState[] },
    keyMeta?: (service: string, environment: string, slot: Slot) => { addedAt?: string; lastValidatedAt?: string } | undefined,
  ): void {
    for (const t of run.targets) {
      for (const s of t.slots) {
        const meta = keyMeta?.(t.service, t.environment, s.slot);
        for (const r of s.rounds) {
          this.observe({
            service: t.service,
            environment: t.environment,
            slot: s.slot,
            outcome: r.outcome,
            latencyMs: r.latencyMs,
            at: r.at,
            ...(meta?.addedAt ? { keyAddedAt: meta.addedAt } : {}),
            ...(meta?.lastValidatedAt ? { lastValidatedAt: meta.lastValidatedAt } : {}),
          });
        }
      }
    }
    for (const h of run.health ?? []) this.observeSignals(h);
  }

  /** The monitor's current signals for a service environment: listed ones 1, the others 0. */
  observeSignals(state: SignalState): void {
    const active = new Set(state.signals.map((s) => s.kind));
    for (const signal of SIGNAL_LABELS) this.signalActive.set({ service: state.service, environment: state.environment, signal }, active.has(signal) ? 1 : 0);
  }

  /** Counts an alert that went out (the `metricsSink` calls this through the dispatcher). */
  countAlert(alert: Alert): void {
    if (alert.action === 'resolve') return;
    this.alerts.inc({ service: alert.service, environment: alert.environment, severity: severityOf(alert), signal: signalOf(alert) ?? 'none' });
  }

  /** Prometheus text (0.0.4) or OpenMetrics (1.0.0) exposition. */
  async exposition(format: 'prometheus' | 'openmetrics' = 'prometheus'): Promise<{ contentType: string; body: string }> {
    const r = format === 'openmetrics' ? this.openMetricsRegistry : this.registry;
    return { contentType: r.contentType, body: await r.metrics() };
  }
}
