import type { SinkConfig } from '../../config/types';
import { checkTransport } from '../../net/transport';
import type { AlertSink } from '../types';
import { datadogSink } from './datadog';
import { emailSink } from './email';
import { pagerDutySink } from './pagerduty';
import { approvedChannelSecrets, type ChannelSecrets } from './secrets';
import type { HostApprovals } from '../../probe/approval';
import { PAGERDUTY_EVENTS_URL } from './pagerduty';
import { DATADOG_API_URL } from './datadog';

type ChannelConfig = Extract<SinkConfig, { type: 'pagerduty' | 'email' | 'datadog' }>;

/** Where a channel sends its credential: the host (and port) of its endpoint. */
export function channelCredentialHost(c: ChannelConfig): string {
  if (c.type === 'email') return `${c.host}:${c.port}`.toLowerCase();
  return new URL(c.url ?? (c.type === 'pagerduty' ? PAGERDUTY_EVENTS_URL : DATADOG_API_URL)).host.toLowerCase();
}

/**
 * Builds a PagerDuty, email or Datadog sink from config, or says (value-free) why it cannot. Its
 * credential is handed out only for the endpoint host the user approved for it (`approvals`).
 */
export function channelSink(c: ChannelConfig, keychainSecrets: ChannelSecrets | undefined, approvals?: HostApprovals): AlertSink | string {
  if (!keychainSecrets) return `${c.type} sink: its credential lives in the keychain, which is not available here`;
  if ((c.type === 'pagerduty' || c.type === 'datadog') && c.url) {
    const transport = checkTransport(c.url);
    if (!transport.ok) return `${c.type} sink: ${transport.reason}`;
  }
  const secrets = approvedChannelSecrets(keychainSecrets, approvals, channelCredentialHost(c));
  switch (c.type) {
    case 'pagerduty':
      return pagerDutySink({ routingKeySecret: c.routingKeySecret, secrets, ...(c.url ? { url: c.url } : {}) });
    case 'datadog':
      return datadogSink({ apiKeySecret: c.apiKeySecret, secrets, ...(c.url ? { url: c.url } : {}), ...(c.tags ? { tags: c.tags } : {}) });
    case 'email':
      return emailSink({ host: c.host, port: c.port, security: c.security, username: c.username, passwordSecret: c.passwordSecret, secrets, from: c.from, to: c.to });
  }
}
