import { isLoopbackHost } from '../net/loopback';
import { PROVIDER_PRESETS, ProviderPreset, presetUrl, providerPreset } from './presets';
import { ConfigError, JsoncReader, Located } from './jsonc-reader';
import {
  DEFAULT_ENVIRONMENT,
  DEFAULT_PROBE,
  PROBE_ROUNDS,
  DEFAULT_SETTINGS,
  EnvVarNames,
  EnvironmentConfig,
  HTTP_METHODS,
  HttpMethod,
  ProbeAuth,
  ProbeConfig,
  ServiceConfig,
  ServiceMonitorConfig,
  MetricsSettings,
  Settings,
  SinkConfig,
  SinkSeverity,
  deriveEnvVarNames,
} from './types';

/** Property names the loader understands; test/unit/config checks that the JSON Schema lists the same ones. */
export const KNOWN_PROPERTIES = {
  root: ['version', 'services', 'dryRun', 'alerts', 'monitor', 'metrics'],
  service: ['name', 'provider', 'baseUrl', 'environments', 'envVars', 'probe', 'alerts', 'monitor'],
  environment: ['name', 'url', 'envVars'],
  envVars: ['primary', 'fallback', 'plain'],
  probe: ['url', 'method', 'auth', 'successStatus', 'successField', 'headers', 'body', 'timeoutMs', 'rounds', 'intervalMs'],
  auth: ['type', 'name', 'username'],
  dryRun: ['concurrency', 'retryBudget', 'maxRetryAfterMs'],
  alerts: ['sinks', 'dedupWindowMs', 'maxPerServicePerWindow'],
  serviceAlerts: ['sinks'],
  sink: ['type', 'url', 'urlEnv', 'headers', 'path', 'minSeverity', 'routingKeySecret', 'host', 'port', 'security', 'username', 'passwordSecret', 'from', 'to', 'apiKeySecret', 'tags'],
  metrics: ['prometheus', 'datadog'],
  prometheus: ['port', 'host'],
  datadogMetrics: ['apiKeySecret', 'url', 'intervalSeconds', 'tags'],
  monitor: ['intervalSeconds', 'jitter', 'history', 'signals'],
  serviceMonitor: ['enabled', 'intervalSeconds'],
  history: ['maxEntriesPerKey', 'maxAgeHours'],
  signals: ['spike', 'intermittent', 'increase'],
  spike: ['rejections', 'windowSeconds', 'healthyProbes'],
  intermittent: ['flips', 'windowSeconds'],
  increase: ['windows', 'windowSeconds', 'minProbes', 'minRate'],
} as const;

/** Bounds shared by the loader and the schema (the schema test checks they agree). */
const INTERVAL = { min: 1, max: 86_400 };

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

const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Loads `.rotation-ready.json` (JSON with comments). Never throws on bad input. */
export function loadConfig(text: string, file: string): LoadedConfig {
  const r = new JsoncReader(text, file);
  const settings: Settings = structuredClone(DEFAULT_SETTINGS);
  const services: ServiceConfig[] = [];
  const skipped: SkippedService[] = [];
  const root = r.root;
  if (!r.expectObject(root)) return { services, errors: r.errors, skipped, settings };
  r.checkKnown(root, KNOWN_PROPERTIES.root);
  const version = r.prop(root, 'version');
  if (version && r.number(version, { integer: true }) !== undefined && r.value(version) !== 1) r.error(version, 'only version 1 is supported');

  const dryRun = r.prop(root, 'dryRun');
  if (r.expectObject(dryRun)) {
    r.checkKnown(dryRun, KNOWN_PROPERTIES.dryRun);
    settings.dryRun.concurrency = r.number(r.prop(dryRun, 'concurrency'), { integer: true, min: 1, max: 256 }) ?? settings.dryRun.concurrency;
    settings.dryRun.retryBudget = r.number(r.prop(dryRun, 'retryBudget'), { integer: true, min: 0, max: 10 }) ?? settings.dryRun.retryBudget;
    settings.dryRun.maxRetryAfterMs = r.number(r.prop(dryRun, 'maxRetryAfterMs'), { min: 0, max: 600_000 }) ?? settings.dryRun.maxRetryAfterMs;
  }
  const alerts = r.prop(root, 'alerts');
  if (r.expectObject(alerts)) {
    r.checkKnown(alerts, KNOWN_PROPERTIES.alerts);
    settings.alerts.sinks = readSinks(r, r.prop(alerts, 'sinks'));
    settings.alerts.dedupWindowMs = r.number(r.prop(alerts, 'dedupWindowMs'), { min: 0 }) ?? settings.alerts.dedupWindowMs;
    settings.alerts.maxPerServicePerWindow =
      r.number(r.prop(alerts, 'maxPerServicePerWindow'), { integer: true, min: 1 }) ?? settings.alerts.maxPerServicePerWindow;
  }

  readMonitorSettings(r, r.prop(root, 'monitor'), settings);
  readMetricsSettings(r, r.prop(root, 'metrics'), settings);

  const list = r.prop(root, 'services');
  if (!list) r.errorAt(root.node.offset, 'services', "missing 'services': list the APIs you call with a key");
  else if (r.expectArray(list)) {
    const names = new Set<string>();
    for (const at of r.items(list)) {
      const before = r.errors.length;
      const service = readService(r, at);
      // A duplicate name is looked up in a set (linear in the number of services, test/security/config.test.ts).
      if (service && names.has(service.name)) r.error(r.prop(at, 'name') ?? at, `duplicate service name '${service.name}'`);
      const firstError = r.errors.slice(before).find((e) => e.severity === 'error');
      if (!service || firstError) {
        const written = r.prop(at, 'name')?.node.value;
        if (firstError) skipped.push({ name: typeof written === 'string' && written ? written : at.path, error: firstError });
        continue;
      }
      names.add(service.name);
      services.push(service);
    }
  }
  return { services, errors: r.errors, skipped, settings };
}

function readService(r: JsoncReader, at: Located): ServiceConfig | undefined {
  if (!r.expectObject(at)) return undefined;
  r.checkKnown(at, KNOWN_PROPERTIES.service);
  const nameAt = r.prop(at, 'name');
  if (!nameAt) {
    r.error(at, "missing 'name'");
    return undefined;
  }
  const name = r.string(nameAt, { pattern: SERVICE_NAME, patternHint: 'must start with a letter or digit and use only letters, digits, dot, dash, underscore' });
  if (name === undefined) return undefined;

  const envVars = readEnvVars(r, r.prop(at, 'envVars'), deriveEnvVarNames(name));
  const environments: EnvironmentConfig[] = [];
  const envsAt = r.prop(at, 'environments');
  if (r.expectArray(envsAt)) {
    const envNames = new Set<string>();
    for (const e of r.items(envsAt)) {
      const env = readEnvironment(r, e);
      if (!env) continue;
      if (envNames.has(env.name)) r.error(e, `duplicate environment '${env.name}'`);
      else {
        envNames.add(env.name);
        environments.push(env);
      }
    }
    if (environments.length === 0 && r.items(envsAt).length === 0) r.error(envsAt, 'list at least one environment, or leave the property out');
  }
  if (!envsAt) environments.push({ name: DEFAULT_ENVIRONMENT });

  const providerAt = r.prop(at, 'provider');
  const providerId = r.string(providerAt, { oneOf: PROVIDER_IDS });
  if (providerAt && providerId === undefined) return undefined;
  const preset = providerId === undefined ? undefined : providerPreset(providerId);
  const baseUrlAt = r.prop(at, 'baseUrl');
  const baseUrl = readUrl(r, baseUrlAt);
  if (baseUrlAt && !preset) r.error(baseUrlAt, "'baseUrl' replaces a provider preset's origin: set 'provider' too, or give the full 'probe.url'");
  const probeAt = r.prop(at, 'probe');
  if (!probeAt && !preset) {
    r.error(at, "missing 'probe' (the endpoint a dry-run calls with each key) or 'provider' (a built-in one, see docs/providers.md)");
    return undefined;
  }
  const probe = preset ? readPresetProbe(r, at, probeAt, preset, baseUrl) : readProbe(r, probeAt!);
  let sinks: SinkConfig[] = [];
  const alertsAt = r.prop(at, 'alerts');
  if (r.expectObject(alertsAt)) {
    r.checkKnown(alertsAt, KNOWN_PROPERTIES.serviceAlerts);
    sinks = readSinks(r, r.prop(alertsAt, 'sinks'));
  }
  if (!probe) return undefined;
  const service: ServiceConfig = { name, ...(preset ? { provider: preset.id } : {}), environments, envVars, probe, alerts: { sinks } };
  const monitorAt = r.prop(at, 'monitor');
  if (r.expectObject(monitorAt)) {
    r.checkKnown(monitorAt, KNOWN_PROPERTIES.serviceMonitor);
    const monitor: ServiceMonitorConfig = { enabled: r.boolean(r.prop(monitorAt, 'enabled')) ?? true };
    const interval = r.number(r.prop(monitorAt, 'intervalSeconds'), INTERVAL);
    if (interval !== undefined) monitor.intervalSeconds = interval;
    service.monitor = monitor;
  }
  return service;
}

function readMonitorSettings(r: JsoncReader, at: Located | undefined, settings: Settings): void {
  if (!r.expectObject(at)) return;
  const m = settings.monitor;
  r.checkKnown(at, KNOWN_PROPERTIES.monitor);
  m.intervalSeconds = r.number(r.prop(at, 'intervalSeconds'), INTERVAL) ?? m.intervalSeconds;
  m.jitter = r.number(r.prop(at, 'jitter'), { min: 0, max: 0.5 }) ?? m.jitter;
  const history = r.prop(at, 'history');
  if (r.expectObject(history)) {
    r.checkKnown(history, KNOWN_PROPERTIES.history);
    m.history.maxEntriesPerKey = r.number(r.prop(history, 'maxEntriesPerKey'), { integer: true, min: 10, max: 100_000 }) ?? m.history.maxEntriesPerKey;
    m.history.maxAgeHours = r.number(r.prop(history, 'maxAgeHours'), { min: 1, max: 24 * 366 }) ?? m.history.maxAgeHours;
  }
  const signals = r.prop(at, 'signals');
  if (!r.expectObject(signals)) return;
  r.checkKnown(signals, KNOWN_PROPERTIES.signals);
  const window = { min: 1, max: 7 * 86_400 };
  const spike = r.prop(signals, 'spike');
  if (r.expectObject(spike)) {
    r.checkKnown(spike, KNOWN_PROPERTIES.spike);
    const s = m.signals.spike;
    s.rejections = r.number(r.prop(spike, 'rejections'), { integer: true, min: 1, max: 1000 }) ?? s.rejections;
    s.windowSeconds = r.number(r.prop(spike, 'windowSeconds'), window) ?? s.windowSeconds;
    s.healthyProbes = r.number(r.prop(spike, 'healthyProbes'), { integer: true, min: 1, max: 1000 }) ?? s.healthyProbes;
  }
  const intermittent = r.prop(signals, 'intermittent');
  if (r.expectObject(intermittent)) {
    r.checkKnown(intermittent, KNOWN_PROPERTIES.intermittent);
    const s = m.signals.intermittent;
    s.flips = r.number(r.prop(intermittent, 'flips'), { integer: true, min: 2, max: 1000 }) ?? s.flips;
    s.windowSeconds = r.number(r.prop(intermittent, 'windowSeconds'), window) ?? s.windowSeconds;
  }
  const increase = r.prop(signals, 'increase');
  if (r.expectObject(increase)) {
    r.checkKnown(increase, KNOWN_PROPERTIES.increase);
    const s = m.signals.increase;
    s.windows = r.number(r.prop(increase, 'windows'), { integer: true, min: 2, max: 100 }) ?? s.windows;
    s.windowSeconds = r.number(r.prop(increase, 'windowSeconds'), window) ?? s.windowSeconds;
    s.minProbes = r.number(r.prop(increase, 'minProbes'), { integer: true, min: 1, max: 10_000 }) ?? s.minProbes;
    s.minRate = r.number(r.prop(increase, 'minRate'), { min: 0, max: 1 }) ?? s.minRate;
  }
}

function readEnvironment(r: JsoncReader, at: Located): EnvironmentConfig | undefined {
  if (at.node.type === 'string') {
    const name = r.string(at, { pattern: SERVICE_NAME, patternHint: 'an environment name such as dev, staging or prod' });
    return name === undefined ? undefined : { name };
  }
  if (!r.expectObject(at)) return undefined;
  r.checkKnown(at, KNOWN_PROPERTIES.environment);
  const nameAt = r.prop(at, 'name');
  if (!nameAt) {
    r.error(at, "missing 'name'");
    return undefined;
  }
  const name = r.string(nameAt, { pattern: SERVICE_NAME, patternHint: 'an environment name such as dev, staging or prod' });
  if (name === undefined) return undefined;
  const env: EnvironmentConfig = { name };
  const urlAt = r.prop(at, 'url');
  const url = readUrl(r, urlAt);
  if (url !== undefined) env.url = url;
  const varsAt = r.prop(at, 'envVars');
  if (varsAt) {
    const partial = readEnvVars(r, varsAt, undefined);
    if (partial) env.envVars = partial;
  }
  return env;
}

function readEnvVars(r: JsoncReader, at: Located | undefined, defaults: EnvVarNames): EnvVarNames;
function readEnvVars(r: JsoncReader, at: Located | undefined, defaults: undefined): Partial<EnvVarNames> | undefined;
function readEnvVars(r: JsoncReader, at: Located | undefined, defaults: EnvVarNames | undefined): Partial<EnvVarNames> | undefined {
  const out: Partial<EnvVarNames> = { ...(defaults ?? {}) };
  if (!r.expectObject(at)) return defaults ? out : undefined;
  r.checkKnown(at, KNOWN_PROPERTIES.envVars);
  for (const slot of KNOWN_PROPERTIES.envVars) {
    const v = r.string(r.prop(at, slot), { pattern: ENV_VAR, patternHint: 'an environment variable name: letters, digits and underscores' });
    if (v !== undefined) out[slot] = v;
  }
  return out;
}

function readUrl(r: JsoncReader, at: Located | undefined): string | undefined {
  const text = r.string(at, { nonEmpty: true });
  if (text === undefined || !at) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    r.error(at, `'${text}' is not an absolute URL`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    r.error(at, `only https URLs are allowed (found ${url.protocol})`);
    return undefined;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    r.error(at, `plain http is only allowed to loopback hosts (127.0.0.1, ::1, localhost); use https for ${url.hostname}`);
    return undefined;
  }
  if (url.username || url.password) {
    r.error(at, 'a URL must not contain credentials; the key is sent as configured in probe.auth');
    return undefined;
  }
  return text;
}

const PROVIDER_IDS = PROVIDER_PRESETS.map((p) => p.id);

/** The preset's probe, with `baseUrl` for its origin and whatever `probe` sets on top (url, auth, headers, timings…). */
function readPresetProbe(r: JsoncReader, service: Located, probeAt: Located | undefined, preset: ProviderPreset, baseUrl: string | undefined): ProbeConfig | undefined {
  const base: ProbeConfig = {
    url: presetUrl(preset, baseUrl),
    method: preset.method,
    auth: preset.auth,
    headers: { ...(preset.headers ?? {}) },
    ...(preset.body !== undefined ? { body: preset.body } : {}),
    ...(preset.successStatus ? { successStatus: preset.successStatus } : {}),
    ...(preset.successField !== undefined ? { successField: preset.successField } : {}),
    timeoutMs: DEFAULT_PROBE.timeoutMs,
    rounds: DEFAULT_PROBE.rounds,
    intervalMs: DEFAULT_PROBE.intervalMs,
  };
  const before = r.errorCount();
  const probe = probeAt ? readProbe(r, probeAt, base) : base;
  if (!probe || r.errorCount() !== before) return undefined;
  if (preset.needs?.baseUrl && baseUrl === undefined && !(probeAt && r.prop(probeAt, 'url'))) {
    r.error(service, `provider '${preset.id}' needs 'baseUrl': ${preset.needs.baseUrl}`);
    return undefined;
  }
  if (preset.needs?.username && !(probe.auth.type === 'basic' && probe.auth.username)) {
    r.error(probeAt ?? service, `provider '${preset.id}' needs the basic-auth user name in probe.auth: { "type": "basic", "username": "…" }, ${preset.needs.username}`);
    return undefined;
  }
  return probe;
}

/** `probe`; with `base` (a provider preset) every property is optional and overrides the preset's. */
function readProbe(r: JsoncReader, at: Located, base?: ProbeConfig): ProbeConfig | undefined {
  if (!r.expectObject(at)) return undefined;
  r.checkKnown(at, KNOWN_PROPERTIES.probe);
  const before = r.errorCount();
  const urlAt = r.prop(at, 'url');
  if (!urlAt && !base) r.error(at, "missing 'url'");
  const url = urlAt ? readUrl(r, urlAt) : base?.url;
  const method = (r.string(r.prop(at, 'method'), { oneOf: HTTP_METHODS }) ?? base?.method ?? DEFAULT_PROBE.method) as HttpMethod;
  const authAt = r.prop(at, 'auth');
  if (!authAt && !base) r.error(at, "missing 'auth': how the key is sent (bearer, header, query or basic)");
  const auth = authAt ? readAuth(r, authAt) : base?.auth;
  const probe: ProbeConfig = {
    url: url ?? '',
    method,
    auth: auth ?? { type: 'bearer' },
    headers: { ...(base?.headers ?? {}) },
    timeoutMs: r.number(r.prop(at, 'timeoutMs'), { min: 1, max: 120_000 }) ?? DEFAULT_PROBE.timeoutMs,
    rounds: r.number(r.prop(at, 'rounds'), { integer: true, ...PROBE_ROUNDS }) ?? DEFAULT_PROBE.rounds,
    intervalMs: r.number(r.prop(at, 'intervalMs'), { min: 0, max: 600_000 }) ?? DEFAULT_PROBE.intervalMs,
  };
  if (base?.successStatus) probe.successStatus = base.successStatus;
  if (base?.body !== undefined) probe.body = base.body;
  const successField = r.string(r.prop(at, 'successField'), { pattern: /^[A-Za-z_$][\w$-]*$/, patternHint: 'a top-level JSON property name, e.g. ok' }) ?? base?.successField;
  if (successField !== undefined) probe.successField = successField;
  const statusAt = r.prop(at, 'successStatus');
  if (r.expectArray(statusAt)) {
    const statuses = r.items(statusAt).map((s) => r.number(s, { integer: true, min: 100, max: 599 })).filter((n): n is number => n !== undefined);
    if (statuses.length === 0) r.error(statusAt, 'list at least one status, or leave the property out for any 2xx');
    else probe.successStatus = statuses;
  }
  const headersAt = r.prop(at, 'headers');
  if (r.expectObject(headersAt)) {
    for (const [k, v] of r.entries(headersAt)) {
      const value = r.string(v);
      if (value === undefined) continue;
      if (/^(authorization|cookie)$/i.test(k)) r.error(v, `set '${k}' through probe.auth, never as a literal header: a config file must not carry credentials`);
      else probe.headers[k] = value;
    }
  }
  const bodyAt = r.prop(at, 'body');
  if (bodyAt) {
    if (bodyAt.node.type === 'string') probe.body = String(bodyAt.node.value);
    else if (bodyAt.node.type === 'object' || bodyAt.node.type === 'array') {
      probe.body = JSON.stringify(r.value(bodyAt));
      if (!Object.keys(probe.headers).some((h) => h.toLowerCase() === 'content-type')) probe.headers['content-type'] = 'application/json';
    } else r.error(bodyAt, 'expected a string, an object or an array');
    if (method === 'GET' || method === 'HEAD') r.error(bodyAt, `a ${method} request cannot have a body`);
  } else if (method === 'GET' || method === 'HEAD') delete probe.body;
  return r.errorCount() === before && url !== undefined && auth ? probe : undefined;
}

function readAuth(r: JsoncReader, at: Located | undefined): ProbeAuth | undefined {
  if (!at) return undefined;
  if (!r.expectObject(at)) return undefined;
  r.checkKnown(at, KNOWN_PROPERTIES.auth);
  const typeAt = r.prop(at, 'type');
  if (!typeAt) {
    r.error(at, "missing 'type' (bearer, header, query or basic)");
    return undefined;
  }
  const type = r.string(typeAt, { oneOf: ['bearer', 'header', 'query', 'basic'] });
  if (type === 'header' || type === 'query') {
    const nameAt = r.prop(at, 'name');
    if (!nameAt) {
      r.error(at, type === 'header' ? "auth type 'header' needs the header's 'name', e.g. x-api-key" : "auth type 'query' needs the parameter's 'name', e.g. api_key");
      return undefined;
    }
    const name = r.string(nameAt, type === 'header' ? { pattern: /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, patternHint: 'must be a valid HTTP header name' } : { nonEmpty: true });
    return name === undefined ? undefined : { type, name };
  }
  if (type === 'basic') {
    const username = r.string(r.prop(at, 'username'));
    return username === undefined ? { type } : { type, username };
  }
  return type === 'bearer' ? { type } : undefined;
}

function readSinks(r: JsoncReader, at: Located | undefined): SinkConfig[] {
  const sinks: SinkConfig[] = [];
  if (!r.expectArray(at)) return sinks;
  for (const s of r.items(at)) {
    if (!r.expectObject(s)) continue;
    r.checkKnown(s, KNOWN_PROPERTIES.sink);
    const typeAt = r.prop(s, 'type');
    if (!typeAt) {
      r.error(s, `missing 'type' (${SINK_TYPES.join(', ')})`);
      continue;
    }
    const type = r.string(typeAt, { oneOf: SINK_TYPES });
    const before = sinks.length;
    if (type === 'pagerduty' || type === 'email' || type === 'datadog') {
      const sink = readChannelSink(r, s, type);
      if (sink) sinks.push(sink);
    } else if (type === 'slack' || type === 'webhook') {
      const url = readUrl(r, r.prop(s, 'url'));
      const urlEnv = r.string(r.prop(s, 'urlEnv'), { pattern: ENV_VAR, patternHint: 'an environment variable name' });
      if (url === undefined && urlEnv === undefined) {
        if (!r.prop(s, 'url') && !r.prop(s, 'urlEnv')) r.error(s, `a ${type} sink needs 'url' or 'urlEnv' (the variable holding the URL, so a secret webhook stays out of the file)`);
        continue;
      }
      const sink: SinkConfig = { type, ...(url !== undefined ? { url } : {}), ...(urlEnv !== undefined ? { urlEnv } : {}) };
      const headersAt = r.prop(s, 'headers');
      if (type === 'webhook' && r.expectObject(headersAt)) {
        const headers: Record<string, string> = {};
        for (const [k, v] of r.entries(headersAt)) {
          const value = r.string(v);
          if (value !== undefined) headers[k] = value;
        }
        (sink as { headers?: Record<string, string> }).headers = headers;
      }
      sinks.push(sink);
    } else if (type === 'audit-log') {
      const pathAt = r.prop(s, 'path');
      if (!pathAt) {
        r.error(s, "an audit-log sink needs a 'path' (JSON lines are appended to it)");
        continue;
      }
      const path = r.string(pathAt, { nonEmpty: true });
      if (path !== undefined) sinks.push({ type, path });
    } else if (type === 'notification') sinks.push({ type });
    const minSeverity = r.string(r.prop(s, 'minSeverity'), { oneOf: SEVERITIES });
    if (minSeverity !== undefined && sinks.length > before) sinks[sinks.length - 1]!.minSeverity = minSeverity as SinkSeverity;
  }
  return sinks;
}

const SINK_TYPES = ['slack', 'webhook', 'audit-log', 'notification', 'pagerduty', 'email', 'datadog'] as const;
const SEVERITIES = ['info', 'warning', 'critical'] as const;
/** A keychain entry name (one segment of the keychain account, see src/core/alerts/channels/secrets.ts). */
const SECRET_NAME = { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, patternHint: 'the name of a keychain entry: letters, digits, dot, dash, underscore' };
const MAILBOX = { pattern: /^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/, patternHint: 'an email address, e.g. alerts@example.com or "Rotation Ready <alerts@example.com>"' };

/** A required keychain entry name; the credential itself never belongs in the file. */
function readSecretName(r: JsoncReader, s: Located, prop: string, what: string): string | undefined {
  const at = r.prop(s, prop);
  if (!at) {
    r.error(s, `missing '${prop}': the name of the keychain entry holding ${what} (never the value itself)`);
    return undefined;
  }
  return r.string(at, SECRET_NAME);
}

function readTags(r: JsoncReader, at: Located | undefined): string[] | undefined {
  if (!r.expectArray(at)) return undefined;
  return r.items(at).map((t) => r.string(t, { pattern: /^[A-Za-z][\w\-:./]*$/, patternHint: 'a Datadog tag such as team:payments' })).filter((t): t is string => t !== undefined);
}

function readChannelSink(r: JsoncReader, s: Located, type: 'pagerduty' | 'email' | 'datadog'): SinkConfig | undefined {
  const errors = r.errorCount();
  if (type === 'pagerduty') {
    const routingKeySecret = readSecretName(r, s, 'routingKeySecret', 'the PagerDuty routing (integration) key');
    const url = readUrl(r, r.prop(s, 'url'));
    if (routingKeySecret === undefined || r.errorCount() !== errors) return undefined;
    return { type, routingKeySecret, ...(url !== undefined ? { url } : {}) };
  }
  if (type === 'datadog') {
    const apiKeySecret = readSecretName(r, s, 'apiKeySecret', 'the Datadog API key');
    const url = readUrl(r, r.prop(s, 'url'));
    const tags = readTags(r, r.prop(s, 'tags'));
    if (apiKeySecret === undefined || r.errorCount() !== errors) return undefined;
    return { type, apiKeySecret, ...(url !== undefined ? { url } : {}), ...(tags ? { tags } : {}) };
  }
  const required = (prop: string, hint: string) => {
    const at = r.prop(s, prop);
    if (!at) r.error(s, `an email sink needs '${prop}' (${hint})`);
    return at;
  };
  const host = r.string(required('host', 'the SMTP server, e.g. smtp.example.com'), { pattern: /^[A-Za-z0-9.:\[\]-]+$/, patternHint: 'a host name or IP address' });
  const security = (r.string(r.prop(s, 'security'), { oneOf: ['starttls', 'tls'] }) ?? 'starttls') as 'starttls' | 'tls';
  const port = r.number(r.prop(s, 'port'), { integer: true, min: 1, max: 65535 }) ?? (security === 'tls' ? 465 : 587);
  const username = r.string(required('username', 'the SMTP user name; the password comes from the keychain'), { nonEmpty: true });
  const passwordSecret = readSecretName(r, s, 'passwordSecret', 'the SMTP password');
  const from = r.string(required('from', 'the sender address'), MAILBOX);
  const toAt = required('to', 'a list of recipient addresses');
  let to: string[] | undefined;
  if (toAt && r.expectArray(toAt)) {
    to = r.items(toAt).map((t) => r.string(t, MAILBOX)).filter((t): t is string => t !== undefined);
    if (r.items(toAt).length === 0) r.error(toAt, 'list at least one recipient');
  }
  if (r.errorCount() !== errors || host === undefined || username === undefined || passwordSecret === undefined || from === undefined || !to) return undefined;
  return { type, host, port, security, username, passwordSecret, from, to };
}

function readMetricsSettings(r: JsoncReader, at: Located | undefined, settings: Settings): void {
  if (!r.expectObject(at)) return;
  r.checkKnown(at, KNOWN_PROPERTIES.metrics);
  const metrics: MetricsSettings = {};
  const promAt = r.prop(at, 'prometheus');
  if (r.expectObject(promAt)) {
    r.checkKnown(promAt, KNOWN_PROPERTIES.prometheus);
    const portAt = r.prop(promAt, 'port');
    if (!portAt) r.error(promAt, "missing 'port': the loopback port the /metrics endpoint listens on, e.g. 9464");
    const port = r.number(portAt, { integer: true, min: 1, max: 65535 });
    const hostAt = r.prop(promAt, 'host');
    const host = r.string(hostAt, { oneOf: ['127.0.0.1', '::1', 'localhost'] }) ?? '127.0.0.1';
    if (port !== undefined) metrics.prometheus = { port, host };
  }
  const ddAt = r.prop(at, 'datadog');
  if (r.expectObject(ddAt)) {
    r.checkKnown(ddAt, KNOWN_PROPERTIES.datadogMetrics);
    const errors = r.errorCount();
    const apiKeySecret = readSecretName(r, ddAt, 'apiKeySecret', 'the Datadog API key');
    const url = readUrl(r, r.prop(ddAt, 'url'));
    const intervalSeconds = r.number(r.prop(ddAt, 'intervalSeconds'), { min: 10, max: 3600 }) ?? 60;
    const tags = readTags(r, r.prop(ddAt, 'tags'));
    if (apiKeySecret !== undefined && r.errorCount() === errors) metrics.datadog = { apiKeySecret, intervalSeconds, ...(url !== undefined ? { url } : {}), ...(tags ? { tags } : {}) };
  }
  if (metrics.prometheus || metrics.datadog) settings.metrics = metrics;
}
