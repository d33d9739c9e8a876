import { postJson } from '../post-json';
import { Alert, AlertSink, Severity } from '../types';
import { alertMessage } from './message';
import { requireChannelSecret, type ChannelSecrets } from './secrets';
import { severityOf, signalOf } from './severity';

/** PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

/** One incident per service and environment: later triggers update it, a resolve closes it. */
export function pagerDutyDedupKey(alert: Pick<Alert, 'service' | 'environment'>): string {
  return `rotation-ready/${alert.service}/${alert.environment}`;
}

const PD_SEVERITY: Record<Severity, 'critical' | 'warning' | 'info'> = { critical: 'critical', warning: 'warning', info: 'info' };

export interface PagerDutySinkOptions {
  /** Keychain entry name holding the integration's routing key. */
  routingKeySecret: string;
  secrets: ChannelSecrets;
  /** Events endpoint; tests point it at a loopback receiver. */
  url?: string;
}

/**
 * The rendered payload is the event without `routing_key`: that credential is read from the keychain
 * and spliced in only at delivery, so what the redaction guard inspects is everything else we send.
 */
export function pagerDutySink(options: PagerDutySinkOptions): AlertSink {
  const url = options.url ?? PAGERDUTY_EVENTS_URL;
  return {
    name: 'pagerduty',
    render: (alert) => JSON.stringify(pagerDutyEvent(alert)),
    deliver: async (payload, _alert, signal) => {
      const routingKey = await requireChannelSecret(options.secrets, options.routingKeySecret, 'pagerduty', 'routing key');
      const body = `{"routing_key":${JSON.stringify(routingKey)},${payload.slice(1)}`;
      await postJson('pagerduty', url, body, {}, signal);
    },
  };
}

/** The Events v2 body (without `routing_key`). A resolve carries only the dedup key, as the API asks. */
export function pagerDutyEvent(alert: Alert): Record<string, unknown> {
  const dedup_key = pagerDutyDedupKey(alert);
  if (alert.action === 'resolve') return { event_action: 'resolve', dedup_key };
  const m = alertMessage(alert);
  return {
    event_action: 'trigger',
    dedup_key,
    payload: {
      summary: `${alert.service} (${alert.environment}): ${alert.error}`.slice(0, 1024),
      source: `rotation-ready/${alert.service}/${alert.environment}`,
      severity: PD_SEVERITY[severityOf(alert)],
      timestamp: alert.timestamp,
      component: alert.service,
      group: alert.environment,
      class: signalOf(alert) ?? (alert.status !== undefined ? `http-${alert.status}` : 'auth-failure'),
      custom_details: {
        slot: alert.slot ?? null,
        key_fingerprint: alert.fingerprint,
        seen: m.seen,
        next_step: m.nextStep,
        source: alert.source ?? null,
      },
    },
    client: 'Rotation Ready',
  };
}
