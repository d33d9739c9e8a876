import { datadogEndpoint } from '../alerts/channels/datadog';
import { requireChannelSecret, type ChannelSecrets } from '../alerts/channels/secrets';
import { postJson } from '../alerts/post-json';
import { OUTCOME_LABEL, ProbeObservation } from './types';

/** Datadog metric intake types (https://docs.datadoghq.com/api/latest/metrics/#submit-metrics, v2). */
const COUNT = 1;
const GAUGE = 3;

/**
 * Probe observations as a Datadog v2 series payload (POST /api/v2/series), aggregated per flush:
 * `rotation_ready.probes` (count, tagged by outcome) and `rotation_ready.probe.latency_ms.avg` /
 * `.max` (gauges), each tagged `service:`, `env:`, `slot:`. Timestamps are whole seconds.
 */
export function datadogSeriesPayload(observations: readonly ProbeObservation[], nowMs: number, intervalSeconds: number, extraTags: string[] = []) {
  const timestamp = Math.floor(nowMs / 1000);
  const counts = new Map<string, { tags: string[]; value: number }>();
  const latency = new Map<string, { tags: string[]; sum: number; n: number; max: number }>();
  for (const o of observations) {
    const base = [`service:${o.service}`, `env:${o.environment}`, `slot:${o.slot}`, ...extraTags];
    const ck = JSON.stringify([o.service, o.environment, o.slot, o.outcome]);
    const c = counts.get(ck) ?? { tags: [...base, `outcome:${OUTCOME_LABEL[o.outcome]}`], value: 0 };
    c.value++;
    counts.set(ck, c);
    const lk = JSON.stringify([o.service, o.environment, o.slot]);
    const l = latency.get(lk) ?? { tags: base, sum: 0, n: 0, max: 0 };
    l.sum += o.latencyMs;
    l.n++;
    l.max = Math.max(l.max, o.latencyMs);
    latency.set(lk, l);
  }
  const series = [
    ...[...counts.values()].map((c) => ({ metric: 'rotation_ready.probes', type: COUNT, interval: intervalSeconds, unit: 'request', points: [{ timestamp, value: c.value }], tags: c.tags })),
    ...[...latency.values()].flatMap((l) => [
      { metric: 'rotation_ready.probe.latency_ms.avg', type: GAUGE, unit: 'millisecond', points: [{ timestamp, value: l.sum / l.n }], tags: l.tags },
      { metric: 'rotation_ready.probe.latency_ms.max', type: GAUGE, unit: 'millisecond', points: [{ timestamp, value: l.max }], tags: l.tags },
    ]),
  ];
  return { series };
}

export interface DatadogSeriesExporterOptions {
  apiKeySecret: string;
  secrets: ChannelSecrets;
  /** API base URL (default Datadog US1); tests use a loopback receiver. */
  url?: string;
  /** Flush period; also the `interval` of the count series (default 60 s). */
  intervalMs?: number;
  tags?: string[];
  now?: () => number;
  /** Value-free report of a failed flush (the observations are kept for the next one). */
  onError?: (message: string) => void;
}

/** Observations are buffered at most this many; the oldest are dropped beyond it. */
const MAX_BUFFER = 10_000;

/** Pushes probe metrics to Datadog's intake every interval; a failed push is retried with the next one. */
export class DatadogSeriesExporter {
  private buffer: ProbeObservation[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: DatadogSeriesExporterOptions) {
    this.intervalMs = options.intervalMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  observe(o: ProbeObservation): void {
    this.buffer.push(o);
    if (this.buffer.length > MAX_BUFFER) this.buffer.splice(0, this.buffer.length - MAX_BUFFER);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush().catch((e: Error) => this.options.onError?.(e.message)), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush().catch((e: Error) => this.options.onError?.(e.message));
  }

  /** Sends what is buffered; returns how many observations went out. */
  async flush(signal?: AbortSignal): Promise<number> {
    if (this.buffer.length === 0) return 0;
    const batch = this.buffer;
    this.buffer = [];
    try {
      const apiKey = await requireChannelSecret(this.options.secrets, this.options.apiKeySecret, 'datadog', 'API key');
      const body = JSON.stringify(datadogSeriesPayload(batch, this.now(), Math.round(this.intervalMs / 1000), this.options.tags));
      await postJson('datadog', datadogEndpoint(this.options.url, '/api/v2/series'), body, { 'dd-api-key': apiKey }, signal);
      return batch.length;
    } catch (error) {
      this.buffer = [...batch, ...this.buffer].slice(-MAX_BUFFER);
      throw error;
    }
  }
}
