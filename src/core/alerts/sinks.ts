import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { SinkConfig } from '../config/types';
import { checkTransport, type HostApprovals } from '../probe/approval';
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

/** JSONL audit log: one alert per line, appended (file mode 0600). */
export function auditLogSink(file: string): AlertSink {
  return {
    name: `audit-log:${file}`,
    render: (alert) => `${JSON.stringify(alert)}\n`,
    deliver: async (payload) => {
      try {
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, payload, { mode: 0o600 });
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
  /** Which credential may go to which host (stored outside the workspace); none approved when absent. */
  approvals?: HostApprovals;
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
        sinks.push(c.type === 'slack' ? slackSink(url) : webhookSink(url, c.headers ?? {}));
        break;
      }
      case 'audit-log':
        sinks.push(auditLogSink(isAbsolute(c.path) ? c.path : resolve(ctx.baseDir, c.path)));
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
