import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SinkConfig } from '../config/types';
import { ConfinementError, confinedPath } from '../confine';
import type { HostApprovals } from '../probe/approval';
import { checkTransport } from '../net/transport';
import { channelSink } from './channels/create';
import type { ChannelSecrets } from './channels/secrets';
import { routeBySeverity } from './channels/severity';
import { postJson } from './post-json';
import { Alert, AlertSink, SinkError } from './types';

export { postJson };

/** The one-line human text shared by Slack and notifications. */
export function alertText(alert: Alert): string {
  return `Rotation Ready: ${alert.service} (${alert.environment}): ${alert.error} — key ${alert.fingerprint} at ${alert.timestamp}`;
}

/** Slack incoming webhook: `{ "text": … }` (https://api.slack.com/messaging/webhooks). */
export function slackSink(url: string): AlertSink {
  return {
    name: 'slack',
    render: (alert) => JSON.stringify({ text: `:rotating_light: ${alertText(alert)}` }),
    deliver: (payload, _alert, signal) => postJson('slack', url, payload, {}, signal),
  };
}

/** Generic JSON webhook: the alert object itself. */
export function webhookSink(url: string, headers: Record<string, string> = {}): AlertSink {
  return {
    name: 'webhook',
    render: (alert) => JSON.stringify(alert),
    deliver: (payload, _alert, signal) => postJson('webhook', url, payload, headers, signal),
  };
}

/** JSONL audit log: one alert per line, appended (file mode 0600), never through a symlink put there later. */
export function auditLogSink(file: string): AlertSink {
  return {
    name: `audit-log:${file}`,
    render: (alert) => `${JSON.stringify(alert)}\n`,
    deliver: async (payload) => {
      try {
        await mkdir(dirname(file), { recursive: true });
        const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
        try {
          await handle.appendFile(payload);
        } finally {
          await handle.close();
        }
      } catch (error) {
        throw new SinkError(`audit-log: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`, true);
      }
    },
  };
}

/** Hands the alert's text to a callback: a VS Code notification in the extension, stderr in the CLI. */
export function callbackSink(name: string, notify: (text: string, alert: Alert) => void | Promise<void>): AlertSink {
  return {
    name,
    render: (alert) => alertText(alert),
    deliver: async (payload, alert) => {
      await notify(payload, alert);
    },
  };
}

export interface SinkContext {
  /** Folder of the config file; relative audit-log paths resolve against it. */
  baseDir: string;
  /** Environment for `urlEnv`. */
  env: NodeJS.ProcessEnv;
  /** For `notification` sinks; without it they are skipped. */
  notify?: (text: string, alert: Alert) => void | Promise<void>;
  /** Channel credentials by keychain entry name (pagerduty, email, datadog); see channels/secrets.ts. */
  secrets?: ChannelSecrets;
  /** Which credential or alert may go to which host (stored outside the workspace); none approved when absent. */
  approvals?: HostApprovals;
}

/** The approval subject for sending alerts of a Slack or webhook sink to a host: keyed like a service. */
export function alertEndpointSubject(type: 'slack' | 'webhook'): string {
  return `alerts:${type}`;
}

export interface AlertEndpoint {
  /** `alerts:slack` or `alerts:webhook`, as approvals store it. */
  subject: string;
  type: 'slack' | 'webhook';
  host: string;
  loopback: boolean;
}

/**
 * The hosts the Slack and webhook sinks of a configuration post to (with a usable URL), once each:
 * what a UI asks the user to approve before an alert goes there. Never the URL (a Slack webhook URL is itself a secret).
 */
export function alertEndpoints(configs: readonly SinkConfig[], env: NodeJS.ProcessEnv): AlertEndpoint[] {
  const out = new Map<string, AlertEndpoint>();
  for (const c of configs) {
    if (c.type !== 'slack' && c.type !== 'webhook') continue;
    const url = c.url ?? (c.urlEnv ? env[c.urlEnv] : undefined);
    const transport = url ? checkTransport(url) : undefined;
    if (!transport?.ok) continue;
    const subject = alertEndpointSubject(c.type);
    out.set(`${subject}\0${transport.host}`, { subject, type: c.type, host: transport.host, loopback: transport.loopback });
  }
  return [...out.values()];
}

/** Builds sinks from config. Problems come back as value-free messages (never a webhook URL). */
export function createSinks(configs: readonly SinkConfig[], ctx: SinkContext): { sinks: AlertSink[]; errors: string[] } {
  const sinks: AlertSink[] = [];
  const errors: string[] = [];
  for (const c of configs) {
    const count = sinks.length;
    switch (c.type) {
      case 'pagerduty':
      case 'email':
      case 'datadog': {
        const built = channelSink(c, ctx.secrets, ctx.approvals);
        if (typeof built === 'string') errors.push(built);
        else sinks.push(built);
        break;
      }
      case 'slack':
      case 'webhook': {
        const url = c.url ?? (c.urlEnv ? ctx.env[c.urlEnv] : undefined);
        if (!url) {
          errors.push(`${c.type} sink: environment variable ${c.urlEnv ?? '(none)'} is not set`);
          break;
        }
        const transport = checkTransport(url);
        if (!transport.ok) {
          errors.push(`${c.type} sink: ${transport.reason}`);
          break;
        }
        // The endpoint comes from the workspace's config: alerts (service names, fingerprints, timings) go only to a host the user approved.
        if (!ctx.approvals?.isApproved(alertEndpointSubject(c.type), transport.host)) {
          errors.push(`${c.type} sink: sending alerts to ${transport.host} is not approved; nothing is sent there until you approve it (the dry-run's host approval)`);
          break;
        }
        sinks.push(c.type === 'slack' ? slackSink(url) : webhookSink(url, c.headers ?? {}));
        break;
      }
      case 'audit-log':
        try {
          sinks.push(auditLogSink(confinedPath(ctx.baseDir, c.path, 'audit-log sink path')));
        } catch (error) {
          if (!(error instanceof ConfinementError)) throw error;
          errors.push(error.message);
        }
        break;
      case 'notification':
        if (ctx.notify) sinks.push(callbackSink('notification', ctx.notify));
        break;
    }
    // Per-channel routing (issue 7): PagerDuty pages only for critical unless configured otherwise.
    const min = c.minSeverity ?? (c.type === 'pagerduty' ? 'critical' : 'info');
    if (sinks.length > count) sinks[count] = routeBySeverity(sinks[count]!, min);
  }
  return { sinks, errors };
}
