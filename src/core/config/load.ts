import { ProviderPreset, presetUrl, providerPreset } from './presets';
import type * as File from './generated/file';
import { ConfigError, JsoncReader } from './jsonc-reader';
import { Segment, schemaProblems, schemaProperties } from './schemaErrors';
import {
  DEFAULT_ENVIRONMENT,
  DEFAULT_PROBE,
  DEFAULT_SETTINGS,
  EnvironmentConfig,
  ProbeAuth,
  ProbeConfig,
  ServiceConfig,
  Settings,
  SinkConfig,
  deriveEnvVarNames,
} from './types';

/** Property names the loader understands, read from the schema (media/rotation-ready.schema.json). */
export const KNOWN_PROPERTIES = {
  root: schemaProperties('#'),
  service: schemaProperties('#/definitions/service'),
  environment: schemaProperties('#/definitions/environment/oneOf/1'),
  envVars: schemaProperties('#/definitions/envVars'),
  probe: schemaProperties('#/definitions/probe'),
  auth: schemaProperties('#/definitions/auth'),
  dryRun: schemaProperties('#/properties/dryRun'),
  alerts: schemaProperties('#/properties/alerts'),
  serviceAlerts: schemaProperties('#/definitions/service/properties/alerts'),
  sink: schemaProperties('#/definitions/sink'),
  metrics: schemaProperties('#/definitions/metrics'),
  prometheus: schemaProperties('#/definitions/metrics/properties/prometheus'),
  datadogMetrics: schemaProperties('#/definitions/metrics/properties/datadog'),
  monitor: schemaProperties('#/definitions/monitorSettings'),
  serviceMonitor: schemaProperties('#/definitions/serviceMonitor'),
  history: schemaProperties('#/definitions/monitorSettings/properties/history'),
  signals: schemaProperties('#/definitions/monitorSettings/properties/signals'),
  spike: schemaProperties('#/definitions/monitorSettings/properties/signals/properties/spike'),
  intermittent: schemaProperties('#/definitions/monitorSettings/properties/signals/properties/intermittent'),
  increase: schemaProperties('#/definitions/monitorSettings/properties/signals/properties/increase'),
} as const;

export interface LoadedConfig {
  /** Services that loaded without errors; a broken service is left out, the others still run. */
  services: ServiceConfig[];
  /** Errors and warnings, each with file, JSON path, line and column. */
  errors: ConfigError[];
  /** Services the file lists but that were left out, each with its first error (so no screen says "no probe configured" instead). */
  skipped: SkippedService[];
  settings: Settings;
}

export interface SkippedService {
  /** Its `name` as written, or `services[i]` when it has none. */
  name: string;
  /** The first error that left it out, with its JSON path and line. */
  error: ConfigError;
}

/** Why a service was left out, with where: `line 28, services[1].probe.url: only https URLs are allowed`. */
export function skippedReason(skipped: SkippedService): string {
  return `line ${skipped.error.line}${skipped.error.path ? `, ${skipped.error.path}` : ''}: ${skipped.error.message}`;
}

/**
 * Loads `.rotation-ready.json` (JSON with comments). Never throws on bad input. The shape is checked by the validator
 * generated from the JSON Schema; what one part of the file cannot say about another (unique names, a body on a GET,
 * what a provider preset still needs) is checked here. A broken service, sink or metrics export is left out and the
 * rest loads; a broken setting falls back to its default.
 */
export function loadConfig(text: string, file: string): LoadedConfig {
  const r = new JsoncReader(text, file);
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  if (!r.root) return { services: [], errors: r.errors, skipped: [], settings };
  const data = r.value(r.root) as Record<string, unknown>;
  const report = (at: Segment[], message: string, severity: 'error' | 'warning' = 'error'): ConfigError => r.error(r.locate(at)!, message, severity);
  const broken: Array<{ at: Segment[]; error: ConfigError }> = [];
  for (const p of schemaProblems(data)) {
    const error = report(p.at, p.message, p.severity);
    if (p.severity === 'error') broken.push({ at: p.at, error });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { services: [], errors: r.errors, skipped: [], settings };

  // Each error leaves out the smallest part it breaks: a service, a sink, a metrics export, else the value itself.
  const firstError = new Map<number, ConfigError>();
  const brokenSinks = new Set<unknown>();
  for (const { at, error } of broken) {
    if (at[0] === 'services' && typeof at[1] === 'number') {
      const seen = firstError.get(at[1]);
      if (!seen || before(error, seen)) firstError.set(at[1], error);
    } else if (at[0] === 'alerts' && at[1] === 'sinks' && typeof at[2] === 'number') brokenSinks.add(valueAt(data, at.slice(0, 3)));
    else if (at[0] === 'metrics' && at.length >= 2) removeAt(data, at.slice(0, 2));
    else if (at.length > 0) removeAt(data, at);
  }
  const file_ = data as unknown as File.RotationReadyFile;
  readSettings(file_, settings, brokenSinks);

  const services: ServiceConfig[] = [];
  const skipped: SkippedService[] = [];
  const list = Array.isArray(file_.services) ? file_.services : [];
  const names = new Set<string>();
  list.forEach((raw, i) => {
    let error = firstError.get(i);
    if (!error) {
      const read = readService(raw, (at, message) => report(['services', i, ...at], message));
      // A duplicate name is looked up in a set (linear in the number of services, test/security/config.test.ts).
      if ('error' in read) error = read.error;
      else if (names.has(read.service.name)) error = report(['services', i, 'name'], `duplicate service name '${read.service.name}'`);
      else {
        names.add(read.service.name);
        services.push(read.service);
        return;
      }
    }
    const written = raw && typeof raw === 'object' ? (raw as { name?: unknown }).name : undefined;
    skipped.push({ name: typeof written === 'string' && written ? written : `services[${i}]`, error });
  });
  // Document order, as a reader meets them (the schema's order is not the file's).
  const errors = [...r.errors].sort((a, b) => a.line - b.line || a.column - b.column);
  return { services, errors, skipped, settings };
}

/** Reports an error at a place inside the service being read. */
type Report = (at: Segment[], message: string) => ConfigError;

/** A schema-valid service, resolved: defaults applied, a provider preset under what `probe` sets; or the first cross-field error. */
function readService(s: File.Service, report: Report): { service: ServiceConfig } | { error: ConfigError } {
  const envVars = { ...deriveEnvVarNames(s.name), ...s.envVars };
  const environments: EnvironmentConfig[] = [];
  const envNames = new Set<string>();
  const list = s.environments ?? [DEFAULT_ENVIRONMENT];
  for (const [j, e] of list.entries()) {
    const env: EnvironmentConfig = typeof e === 'string' ? { name: e } : { name: e.name, ...(e.url !== undefined ? { url: e.url } : {}), ...(e.envVars ? { envVars: e.envVars } : {}) };
    if (envNames.has(env.name)) return { error: report(['environments', j], `duplicate environment '${env.name}'`) };
    envNames.add(env.name);
    environments.push(env);
  }
  const preset = s.provider === undefined ? undefined : providerPreset(s.provider);
  const probe = readProbe(s, preset, report);
  if ('error' in probe) return probe;
  const service: ServiceConfig = {
    name: s.name,
    ...(preset ? { provider: preset.id } : {}),
    environments,
    envVars,
    probe: probe.probe,
    alerts: { sinks: (s.alerts?.sinks ?? []).map(readSink) },
    ...(s.monitor ? { monitor: { enabled: s.monitor.enabled ?? true, ...(s.monitor.intervalSeconds !== undefined ? { intervalSeconds: s.monitor.intervalSeconds } : {}) } } : {}),
  };
  return { service };
}

/** `probe`, on top of the provider preset's when there is one (then every property is optional). */
function readProbe(s: File.Service, preset: ProviderPreset | undefined, report: Report): { probe: ProbeConfig } | { error: ConfigError } {
  const p: File.Probe = s.probe ?? {};
  const method = p.method ?? preset?.method ?? DEFAULT_PROBE.method;
  const headers: Record<string, string> = { ...(preset?.headers ?? {}) };
  for (const [name, value] of Object.entries(p.headers ?? {})) if (value !== undefined) headers[name] = value;
  const probe: ProbeConfig = {
    url: p.url ?? (preset ? presetUrl(preset, s.baseUrl) : ''),
    method,
    auth: p.auth ? readAuth(p.auth) : (preset?.auth ?? { type: 'bearer' }),
    headers,
    timeoutMs: p.timeoutMs ?? DEFAULT_PROBE.timeoutMs,
    rounds: p.rounds ?? DEFAULT_PROBE.rounds,
    intervalMs: p.intervalMs ?? DEFAULT_PROBE.intervalMs,
  };
  const successStatus = p.successStatus ?? preset?.successStatus;
  if (successStatus) probe.successStatus = [...successStatus];
  const successField = p.successField ?? preset?.successField;
  if (successField !== undefined) probe.successField = successField;
  if (p.body !== undefined) {
    probe.body = typeof p.body === 'string' ? p.body : JSON.stringify(p.body);
    if (typeof p.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  } else if (preset?.body !== undefined && method !== 'GET' && method !== 'HEAD') probe.body = preset.body;
  if (p.body !== undefined && (method === 'GET' || method === 'HEAD')) return { error: report(['probe', 'body'], `a ${method} request cannot have a body`) };
  if (preset?.needs?.baseUrl && s.baseUrl === undefined && p.url === undefined) {
    return { error: report([], `provider '${preset.id}' needs 'baseUrl': ${preset.needs.baseUrl}`) };
  }
  if (preset?.needs?.username && !(probe.auth.type === 'basic' && probe.auth.username)) {
    const where = s.probe ? ['probe'] : [];
    return { error: report(where, `provider '${preset.id}' needs the basic-auth user name in probe.auth: { "type": "basic", "username": "…" }, ${preset.needs.username}`) };
  }
  return { probe };
}

/** Only what the auth type uses (a `username` beside a bearer token means nothing). */
function readAuth(a: File.Auth): ProbeAuth {
  if (a.type === 'header' || a.type === 'query') return { type: a.type, name: a.name! };
  if (a.type === 'basic') return a.username === undefined ? { type: a.type } : { type: a.type, username: a.username };
  return { type: a.type };
}

/** A schema-valid sink with its defaults (an email sink's port follows its security). */
function readSink(s: File.Sink): SinkConfig {
  const { minSeverity, ...rest } = s;
  const sink = (s.type === 'email' ? { ...rest, security: s.security ?? 'starttls', port: s.port ?? (s.security === 'tls' ? 465 : 587) } : rest) as SinkConfig;
  if (s.type === 'email') {
    const { type, host, port, security, username, passwordSecret, from, to } = sink as Extract<SinkConfig, { type: 'email' }>;
    return { type, host, port, security, username, passwordSecret, from, to, ...(minSeverity ? { minSeverity } : {}) };
  }
  return { ...sink, ...(minSeverity ? { minSeverity } : {}) };
}

function readSettings(f: File.RotationReadyFile, settings: Settings, brokenSinks: Set<unknown>): void {
  Object.assign(settings.dryRun, f.dryRun);
  const { sinks, ...alerts } = f.alerts ?? {};
  Object.assign(settings.alerts, alerts);
  settings.alerts.sinks = (sinks ?? []).filter((s) => !brokenSinks.has(s)).map(readSink);
  const m = f.monitor;
  if (m) {
    const { history, signals, ...top } = m;
    Object.assign(settings.monitor, top);
    Object.assign(settings.monitor.history, history);
    Object.assign(settings.monitor.signals.spike, signals?.spike);
    Object.assign(settings.monitor.signals.intermittent, signals?.intermittent);
    Object.assign(settings.monitor.signals.increase, signals?.increase);
  }
  const { prometheus, datadog } = f.metrics ?? {};
  if (!prometheus && !datadog) return;
  settings.metrics = {
    ...(prometheus ? { prometheus: { port: prometheus.port, host: prometheus.host ?? '127.0.0.1' } } : {}),
    ...(datadog ? { datadog: { apiKeySecret: datadog.apiKeySecret, intervalSeconds: datadog.intervalSeconds ?? 60, ...(datadog.url !== undefined ? { url: datadog.url } : {}), ...(datadog.tags ? { tags: datadog.tags } : {}) } } : {}),
  };
}

function before(a: ConfigError, b: ConfigError): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

function valueAt(data: unknown, at: Segment[]): unknown {
  let here = data;
  for (const s of at) here = here !== null && typeof here === 'object' ? (here as Record<Segment, unknown>)[s] : undefined;
  return here;
}

/** Drops the value at `at` (a broken setting then takes its default). */
function removeAt(data: unknown, at: Segment[]): void {
  const parent = valueAt(data, at.slice(0, -1));
  if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) delete (parent as Record<Segment, unknown>)[at[at.length - 1]!];
}
