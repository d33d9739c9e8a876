import type { SinkConfig } from '../../config/types';
import { checkTransport } from '../../probe/approval';
import type { AlertSink } from '../types';
import { datadogSink } from './datadog';
import { emailSink } from './email';
import { pagerDutySink } from './pagerduty';
import type { ChannelSecrets } from './secrets';

type ChannelConfig = Extract<SinkConfig, { type: 'pagerduty' | 'email' | 'datadog' }>;

/** Builds a PagerDuty, email or Datadog sink from config, or says (value-free) why it cannot. */
export function channelSink(c: ChannelConfig, secrets: ChannelSecrets | undefined): AlertSink | string {
  if (!secrets) return `${c.type} sink: its credential lives in the keychain, which is not available here`;
  if ((c.type === 'pagerduty' || c.type === 'datadog') && c.url) {
    const transport = checkTransport(c.url);
    if (!transport.ok) return `${c.type} sink: ${transport.reason}`;
  }
  switch (c.type) {
    case 'pagerduty':
      return pagerDutySink({ routingKeySecret: c.routingKeySecret, secrets, ...(c.url ? { url: c.url } : {}) });
    case 'datadog':
      return datadogSink({ apiKeySecret: c.apiKeySecret, secrets, ...(c.url ? { url: c.url } : {}), ...(c.tags ? { tags: c.tags } : {}) });
    case 'email':
      return emailSink({ host: c.host, port: c.port, security: c.security, username: c.username, passwordSecret: c.passwordSecret, secrets, from: c.from, to: c.to });
  }
}
