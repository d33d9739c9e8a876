import { postJson } from '../post-json';
import { Alert, AlertSink } from '../types';
import { pagerDutyDedupKey } from './pagerduty';
import { alertMessage } from './message';
import { requireChannelSecret, type ChannelSecrets } from './secrets';
import { severityOf, signalOf } from './severity';

/** Datadog's US1 API; other sites (datadoghq.eu, us3…) or a local receiver go in `url`. */
export const DATADOG_API_URL = 'https://api.datadoghq.com';

export interface DatadogSinkOptions {
  /** Keychain entry name holding the Datadog API key (sent as `DD-API-KEY`). */
  apiKeySecret: string;
  secrets: ChannelSecrets;
  /** API base URL, without a path. */
  url?: string;
  /** Extra tags, e.g. `team:payments`. */
  tags?: string[];
}

/** Joins a base URL and an API path, keeping any path prefix the base has (a proxy, a test receiver). */
export function datadogEndpoint(base: string | undefined, path: string): string {
  return `${(base ?? DATADOG_API_URL).replace(/\/+$/, '')}${path}`;
}

/** Tags Datadog facets on: service, env, slot, signal, severity. */
export function datadogTags(alert: Alert, extra: string[] = []): string[] {
  const signal = signalOf(alert);
  return [
    'source:rotation-ready',
    `service:${alert.service}`,
    `env:${alert.environment}`,
    ...(alert.slot ? [`slot:${alert.slot}`] : []),
    ...(signal ? [`signal:${signal}`] : []),
    ...extra,
  ];
}

/** Events API v1 (POST /api/v1/events): one event per alert, aggregated per service and environment. */
export function datadogEvent(alert: Alert, extraTags: string[] = []): Record<string, unknown> {
  const m = alertMessage(alert);
  const severity = severityOf(alert);
  const lines = [m.seen, '', ...m.facts.map(([k, v]) => `- ${k}: ${v}`), '', `Next step: ${m.nextStep}`];
  return {
    title: m.subject.slice(0, 100),
    text: `%%%\n${lines.join('\n')}\n%%%`.slice(0, 4000),
    date_happened: Math.floor(Date.parse(alert.timestamp) / 1000) || Math.floor(Date.now() / 1000),
    priority: severity === 'critical' ? 'normal' : 'low',
    alert_type: alert.action === 'resolve' ? 'success' : severity === 'critical' ? 'error' : severity === 'warning' ? 'warning' : 'info',
    aggregation_key: pagerDutyDedupKey(alert).slice(0, 100),
    source_type_name: 'rotation-ready',
    tags: datadogTags(alert, [`severity:${severity}`, ...extraTags]),
  };
}

export function datadogSink(options: DatadogSinkOptions): AlertSink {
  const url = datadogEndpoint(options.url, '/api/v1/events');
  return {
    name: 'datadog',
    render: (alert) => JSON.stringify(datadogEvent(alert, options.tags)),
    deliver: async (payload, _alert, signal) => {
      const apiKey = await requireChannelSecret(options.secrets, options.apiKeySecret, 'datadog', 'API key');
      await postJson('datadog', url, payload, { 'dd-api-key': apiKey }, signal);
    },
  };
}
