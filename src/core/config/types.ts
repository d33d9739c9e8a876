import { envVarNamesForService } from '../vocabulary/serviceNames';
import type * as File from './generated/file';

/**
 * `.rotation-ready.json`, resolved: every default applied, every value checked (see docs/configuration.md). The file's
 * shape is media/rotation-ready.schema.json, whose types are generated into ./generated/file.ts; the types here take
 * their fields from those and say only what resolving changes (defaults filled in, a body serialised, one variant per
 * auth or sink type, which the schema's if/then expresses and generated types cannot).
 */

export type ProbeAuth =
  | { type: 'bearer' }
  | { type: 'header'; name: string }
  | { type: 'query'; name: string }
  /** Basic auth: with `username` the key is the password, otherwise the key is the user name and the password is empty. */
  | { type: 'basic'; username?: string };

export type HttpMethod = NonNullable<File.Probe['method']>;
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export interface ProbeConfig {
  url: string;
  method: HttpMethod;
  auth: ProbeAuth;
  /** Statuses that mean the key works; absent means any 2xx. */
  successStatus?: number[];
  headers: Record<string, string>;
  /** Request body, already serialised; objects in the file are sent as JSON. */
  body?: string;
  /** For APIs that answer 200 to a bad key (Slack): the key works only if this top-level JSON field of the answer is `true`. */
  successField?: string;
  timeoutMs: number;
  rounds: number;
  intervalMs: number;
}

export type EnvVarNames = Required<File.EnvVars>;

/** An environment written as a name is `{ name }`. */
export type EnvironmentConfig = Exclude<File.Environment, string>;

/** An alert's routing level; a sink with `minSeverity` takes only alerts at least that severe. */
export type SinkSeverity = NonNullable<File.Sink['minSeverity']>;

export type SinkConfig = (
  | { type: 'slack'; url?: string; urlEnv?: string }
  | { type: 'webhook'; url?: string; urlEnv?: string; headers?: Record<string, string> }
  /** JSON lines appended to a file; relative paths are resolved against the config file's folder. */
  | { type: 'audit-log'; path: string }
  /** A VS Code notification (the CLI prints to stderr instead). */
  | { type: 'notification' }
  /** PagerDuty Events API v2; the routing key is the keychain entry named `routingKeySecret` (docs/alerting.md). */
  | { type: 'pagerduty'; routingKeySecret: string; url?: string }
  /** SMTP over STARTTLS or implicit TLS; the password is the keychain entry named `passwordSecret`. */
  | { type: 'email'; host: string; port: number; security: 'starttls' | 'tls'; username: string; passwordSecret: string; from: string; to: string[] }
  /** Datadog Events API; the API key is the keychain entry named `apiKeySecret`. */
  | { type: 'datadog'; apiKeySecret: string; url?: string; tags?: string[] }
) & {
  /** Per-channel routing: only alerts at least this severe (default: every alert; PagerDuty: critical). */
  minSeverity?: SinkSeverity;
};

export interface ServiceConfig {
  name: string;
  /** The provider preset the probe came from (src/core/config/presets.ts), when `provider` is set. */
  provider?: string;
  environments: EnvironmentConfig[];
  envVars: EnvVarNames;
  probe: ProbeConfig;
  alerts: { sinks: SinkConfig[] };
  /** Health monitor for this service; absent means the top-level defaults (monitored when the monitor runs). */
  monitor?: ServiceMonitorConfig;
}

/** `services[].monitor`: whether the health monitor probes this service (default true), and how often. */
export type ServiceMonitorConfig = Required<Pick<File.ServiceMonitor, 'enabled'>> & Pick<File.ServiceMonitor, 'intervalSeconds'>;

export type DryRunSettings = Required<NonNullable<File.RotationReadyFile['dryRun']>>;

export type AlertSettings = { sinks: SinkConfig[] } & Required<Omit<NonNullable<File.RotationReadyFile['alerts']>, 'sinks'>>;

type Signals = NonNullable<File.MonitorSettings['signals']>;
/** A spike: `rejections` consecutive rejected probes of one key within `windowSeconds`, after `healthyProbes` valid ones (docs/monitoring.md). */
export type SpikeThresholds = Required<NonNullable<Signals['spike']>>;
/** Intermittent: one key's outcome flips between valid and rejected at least `flips` times within `windowSeconds`. */
export type IntermittentThresholds = Required<NonNullable<Signals['intermittent']>>;
/** Gradual increase: the share of 401/403/429 probes rises in each of `windows` consecutive windows, ending at `minRate` or more. */
export type IncreaseThresholds = Required<NonNullable<Signals['increase']>>;

export interface SignalThresholds {
  spike: SpikeThresholds;
  intermittent: IntermittentThresholds;
  increase: IncreaseThresholds;
}

export type MonitorSettings = Required<Omit<File.MonitorSettings, 'history' | 'signals'>> & {
  /** The local probe history is capped per key: by count and by age. */
  history: Required<NonNullable<File.MonitorSettings['history']>>;
  signals: SignalThresholds;
};

type FileMetrics = File.Metrics;
/** `metrics`: opt-in exports of the monitor's probe results (docs/alerting.md). */
export interface MetricsSettings {
  /** A Prometheus/OpenMetrics scrape endpoint at `http://<host>:<port>/metrics`; loopback only. */
  prometheus?: Required<NonNullable<FileMetrics['prometheus']>>;
  /** Pushes probe series to Datadog's intake every `intervalSeconds`; the API key is a keychain entry. */
  datadog?: NonNullable<FileMetrics['datadog']> & { intervalSeconds: number };
}

export interface Settings {
  dryRun: DryRunSettings;
  alerts: AlertSettings;
  monitor: MonitorSettings;
  /** Absent unless `.rotation-ready.json` opts in. */
  metrics?: MetricsSettings;
}

export const DEFAULT_PROBE = { method: 'GET', timeoutMs: 5000, rounds: 3, intervalMs: 1000 } as const;
/** Probe rounds per key: what a config's `probe.rounds` may say, and the most a dry-run request may ask for. */
export const PROBE_ROUNDS = { min: 1, max: 50 } as const;
export const DEFAULT_ENVIRONMENT = 'dev';
export const DEFAULT_SETTINGS: Settings = {
  dryRun: { concurrency: 8, retryBudget: 2, maxRetryAfterMs: 30_000 },
  alerts: { sinks: [], dedupWindowMs: 10 * 60_000, maxPerServicePerWindow: 5 },
  monitor: {
    intervalSeconds: 300,
    jitter: 0.1,
    history: { maxEntriesPerKey: 500, maxAgeHours: 7 * 24 },
    signals: {
      spike: { rejections: 3, windowSeconds: 30 * 60, healthyProbes: 2 },
      intermittent: { flips: 2, windowSeconds: 30 * 60 },
      increase: { windows: 3, windowSeconds: 30 * 60, minProbes: 2, minRate: 0.25 },
    },
  },
};

/** `billing-api` → `BILLING_API_KEY`, `BILLING_API_KEY_PRIMARY`, `BILLING_API_KEY_FALLBACK` (the one policy: src/core/vocabulary/serviceNames.ts). */
export function deriveEnvVarNames(service: string): EnvVarNames {
  return envVarNamesForService(service);
}

/** The environment's env var names, falling back to the service's. */
export function envVarsFor(service: ServiceConfig, environment: string): EnvVarNames {
  const env = service.environments.find((e) => e.name === environment);
  return { ...service.envVars, ...(env?.envVars ?? {}) };
}

/** The environment's probe URL, falling back to the service's. */
export function probeUrlFor(service: ServiceConfig, environment: string): string {
  return service.environments.find((e) => e.name === environment)?.url ?? service.probe.url;
}
