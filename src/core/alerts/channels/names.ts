import type { ServiceConfig, Settings, SinkConfig } from '../../config/types';
import { channelCredentialHost } from './create';
import { DATADOG_API_URL } from './datadog';

/** A keychain entry the configuration names for a channel credential (never its value). */
export interface ChannelCredentialRef {
  /** The entry name, e.g. `pagerduty-routing`. */
  name: string;
  /** What it is, for a person: `PagerDuty routing key`, `SMTP password for alerts@example.com at smtp.example.com`. */
  what: string;
  /** The config property that names it. */
  property: 'routingKeySecret' | 'passwordSecret' | 'apiKeySecret';
  /** Where in the config: `alerts.sinks`, `services.billing-api.alerts.sinks`, `metrics.datadog`. */
  where: string[];
  /** The hosts the configuration sends it to; each needs the user's approval (stored outside the workspace). */
  hosts: string[];
}

/**
 * Every channel credential `.rotation-ready.json` references (`routingKeySecret`, `passwordSecret`,
 * `apiKeySecret`: the top-level sinks, each service's sinks, the Datadog metrics push), one entry per
 * name, in config order. What the "Set Alert Channel Credential" command and `alert-secret` offer.
 */
export function channelCredentialRefs(config: { settings: Settings; services: readonly ServiceConfig[] } | undefined): ChannelCredentialRef[] {
  const out = new Map<string, ChannelCredentialRef>();
  const add = (name: string, what: string, property: ChannelCredentialRef['property'], where: string, host: string) => {
    const ref = out.get(name);
    if (ref) {
      if (!ref.where.includes(where)) ref.where.push(where);
      if (!ref.hosts.includes(host)) ref.hosts.push(host);
    } else out.set(name, { name, what, property, where: [where], hosts: [host] });
  };
  const fromSinks = (sinks: readonly SinkConfig[], where: string) => {
    for (const s of sinks) {
      if (s.type === 'pagerduty') add(s.routingKeySecret, 'PagerDuty routing key', 'routingKeySecret', where, channelCredentialHost(s));
      else if (s.type === 'email') add(s.passwordSecret, `SMTP password for ${s.username} at ${s.host}`, 'passwordSecret', where, channelCredentialHost(s));
      else if (s.type === 'datadog') add(s.apiKeySecret, 'Datadog API key', 'apiKeySecret', where, channelCredentialHost(s));
    }
  };
  if (!config) return [];
  fromSinks(config.settings.alerts.sinks, 'alerts.sinks');
  for (const service of config.services) fromSinks(service.alerts.sinks, `services.${service.name}.alerts.sinks`);
  const dd = config.settings.metrics?.datadog;
  if (dd) add(dd.apiKeySecret, 'Datadog API key', 'apiKeySecret', 'metrics.datadog', new URL(dd.url ?? DATADOG_API_URL).host.toLowerCase());
  return [...out.values()];
}
