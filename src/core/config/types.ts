/** `.rotation-ready.json`, resolved: every default applied, every value checked (see docs/configuration.md). */

export type ProbeAuth =
  | { type: 'bearer' }
  | { type: 'header'; name: string }
  | { type: 'query'; name: string }
  /** Basic auth: with `username` the key is the password, otherwise the key is the user name and the password is empty. */
  | { type: 'basic'; username?: string };

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
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

export interface EnvVarNames {
  primary: string;
  fallback: string;
  /** The single-key variable a codebase without fallback uses; read when the primary variable is unset. */
  plain: string;
}

export interface EnvironmentConfig {
  name: string;
  /** Probe URL for this environment when it differs from the service's. */
  url?: string;
  envVars?: Partial<EnvVarNames>;
}

/** An alert's routing level; a sink with `minSeverity` takes only alerts at least that severe. */
export type SinkSeverity = 'info' | 'warning' | 'critical';

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

/** `services[].monitor`: whether the health monitor probes this service, and how often. */
export interface ServiceMonitorConfig {
  /** Default true: when the monitor runs, every configured service is watched unless it opts out. */
  enabled: boolean;
  /** Overrides `monitor.intervalSeconds` for this service. */
  intervalSeconds?: number;
}

export interface DryRunSettings {
  /** Requests in flight at once, across all services. */
  concurrency: number;
  /** Extra attempts per slot for `unknown` outcomes (5xx, network, timeout) before one is reported. */
  retryBudget: number;
  /** A 429's Retry-After is waited out up to this long; longer means the round is reported rate-limited. */
  maxRetryAfterMs: number;
}

export interface AlertSettings {
  sinks: SinkConfig[];
  /** The same alert (service, environment, error, key) is sent at most once per window. */
  dedupWindowMs: number;
  /** At most this many alerts per service per window, whatever their error. */
  maxPerServicePerWindow: number;
}

/** A spike: `rejections` consecutive rejected probes of one key within `windowSeconds`, after `healthyProbes` valid ones (docs/monitoring.md). */
export interface SpikeThresholds {
  rejections: number;
  windowSeconds: number;
  healthyProbes: number;
}

/** Intermittent: one key's outcome flips between valid and rejected at least `flips` times within `windowSeconds`. */
export interface IntermittentThresholds {
  flips: number;
  windowSeconds: number;
}

/** Gradual increase: the share of 401/403/429 probes rises in each of `windows` consecutive windows, ending at `minRate` or more. */
export interface IncreaseThresholds {
  windows: number;
  windowSeconds: number;
  /** A window with fewer probes says nothing. */
  minProbes: number;
  minRate: number;
}

export interface SignalThresholds {
  spike: SpikeThresholds;
  intermittent: IntermittentThresholds;
  increase: IncreaseThresholds;
}

export interface MonitorSettings {
  /** Seconds between two probe runs of a service (per service: `services[].monitor.intervalSeconds`). */
  intervalSeconds: number;
  /** Each delay is randomly stretched or shortened by up to this fraction, so services do not probe in lock-step. */
  jitter: number;
  /** The local probe history is capped per key: by count and by age. */
  history: { maxEntriesPerKey: number; maxAgeHours: number };
  signals: SignalThresholds;
}

/** `metrics`: opt-in exports of the monitor's probe results (docs/alerting.md). */
export interface MetricsSettings {
  /** A Prometheus/OpenMetrics scrape endpoint at `http://<host>:<port>/metrics`; loopback only. */
  prometheus?: { port: number; host: string };
  /** Pushes probe series to Datadog's intake every `intervalSeconds`; the API key is a keychain entry. */
  datadog?: { apiKeySecret: string; url?: string; intervalSeconds: number; tags?: string[] };
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

/** `billing-api` → `BILLING_API_KEY`, `BILLING_API_KEY_PRIMARY`, `BILLING_API_KEY_FALLBACK`. */
export function deriveEnvVarNames(service: string): EnvVarNames {
  const base = service.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const plain = /(^|_)KEY$/.test(base) ? base : `${base}_KEY`;
  return { primary: `${plain}_PRIMARY`, fallback: `${plain}_FALLBACK`, plain };
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
