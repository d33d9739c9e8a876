import type { ChannelSecrets } from '../../core/alerts/index';
import type { MetricsSettings } from '../../core/config/index';
import type { Slot } from '../../core/vocabulary/slot';
import { DatadogSeriesExporter, metricsSink, observationsFromReport, ProbeMetrics, startMetricsServer } from '../../core/metrics/index';
import type { MetricsServer, SignalState } from '../../core/metrics/index';
import type { AlertSink } from '../../core/alerts/index';
import type { TargetReport } from '../../core/probe/index';
import { log } from '../log';
import type { HostApprovals } from '../../core/probe/index';
import { approvedChannelSecrets } from '../../core/alerts/channels/secrets';
import { DATADOG_API_URL } from '../../core/alerts/channels/datadog';

/** Non-secret key facts for the key-age and last-validation gauges (the Keys sidebar's metadata). */
export type KeyMeta = (service: string, environment: string, slot: Slot) => { addedAt?: string; lastValidatedAt?: string } | undefined;

/**
 * The monitor's opt-in metrics exports (issue 7): the Prometheus/OpenMetrics endpoint on a loopback
 * port (`settings.metrics.prometheus`) and the Datadog series push (`settings.metrics.datadog`).
 * Both are off unless `.rotation-ready.json` asks for them, run only while the health monitor runs,
 * and follow config edits. Value-free: observations carry outcomes and latencies, never a key.
 */
export class ExtensionMetrics {
  /**
   * One registry for the session, so counters survive a config reload or a monitor restart. Made when an export first
   * needs it: creating it loads prom-client, ~70 ms of the extension host's start-up for a feature that is off unless
   * the config asks for it (issue 16.6).
   */
  private probeMetricsMade: ProbeMetrics | undefined;
  private get probeMetrics(): ProbeMetrics {
    return (this.probeMetricsMade ??= new ProbeMetrics());
  }
  private server: MetricsServer | undefined;
  private serverConfig = '';
  private exporter: DatadogSeriesExporter | undefined;
  private exporterConfig = '';
  /** Serialises apply/stop, so a quick start-stop-start never leaves two listeners. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { channelSecrets: () => ChannelSecrets | undefined; approvals: HostApprovals; keyMeta?: KeyMeta },
  ) {}

  /** Whether any export is on: only then are runs observed. */
  get active(): boolean {
    return this.server !== undefined || this.exporter !== undefined;
  }

  /** `http://127.0.0.1:<port>/metrics` while the endpoint is up. */
  get url(): string | undefined {
    return this.server?.url;
  }

  /** Starts, restarts or stops each export to match the settings. */
  apply(settings: MetricsSettings | undefined): Promise<void> {
    return (this.queue = this.queue.then(() => this.applyNow(settings)).catch((error: unknown) => log().error(`Metrics: ${message(error)}`)));
  }

  stop(): Promise<void> {
    return this.apply(undefined);
  }

  /** A monitor run (its `onRun` event) or a dry-run report. */
  observe(run: { targets: readonly TargetReport[]; health?: readonly SignalState[] }): void {
    if (this.server) this.probeMetrics.observeRun(run, this.deps.keyMeta);
    if (this.exporter) for (const o of observationsFromReport(run)) this.exporter.observe(o);
  }

  /** Counts alerts in `rotation_ready_alerts_total` while the endpoint is up. */
  sinks(): AlertSink[] {
    return this.server ? [metricsSink(this.probeMetrics)] : [];
  }

  private async applyNow(settings: MetricsSettings | undefined): Promise<void> {
    const prometheus = settings?.prometheus ? JSON.stringify(settings.prometheus) : '';
    if (prometheus !== this.serverConfig) {
      const old = this.server;
      this.server = undefined;
      this.serverConfig = '';
      if (old) {
        await old.close();
        log().info('Metrics endpoint stopped');
      }
      if (settings?.prometheus) {
        try {
          this.server = await startMetricsServer({ metrics: this.probeMetrics, port: settings.prometheus.port, host: settings.prometheus.host });
          this.serverConfig = prometheus;
          log().info(`Metrics endpoint: ${this.server.url} (Prometheus/OpenMetrics)`);
        } catch (error) {
          log().error(`Metrics endpoint did not start on ${settings.prometheus.host}:${settings.prometheus.port}: ${message(error)}`);
        }
      }
    }
    const datadog = settings?.datadog ? JSON.stringify(settings.datadog) : '';
    if (datadog !== this.exporterConfig) {
      const old = this.exporter;
      this.exporter = undefined;
      this.exporterConfig = '';
      if (old) {
        await old.stop();
        log().info('Datadog metrics push stopped');
      }
      const secrets = this.deps.channelSecrets();
      if (settings?.datadog && !secrets) log().warn('Datadog metrics: open a folder on disk; the API key is a keychain entry of the workspace.');
      else if (settings?.datadog && secrets) {
        const dd = settings.datadog;
        this.exporter = new DatadogSeriesExporter({
          apiKeySecret: dd.apiKeySecret,
          // The API key goes only to the host the user approved for it.
          secrets: approvedChannelSecrets(secrets, this.deps.approvals, new URL(dd.url ?? DATADOG_API_URL).host.toLowerCase()),
          ...(dd.url ? { url: dd.url } : {}),
          intervalMs: dd.intervalSeconds * 1000,
          ...(dd.tags ? { tags: dd.tags } : {}),
          onError: (text) => log().warn(`Datadog metrics push failed (kept for the next one): ${text}`),
        });
        this.exporter.start();
        this.exporterConfig = datadog;
        log().info(`Datadog metrics push every ${dd.intervalSeconds} s`);
      }
    }
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
