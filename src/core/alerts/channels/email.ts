import { createTransport } from 'nodemailer';
import type { ConnectionOptions } from 'node:tls';
import { AlertSink, SinkError } from '../types';
import { alertMessage, messageHtml, messageText } from './message';
import { requireChannelSecret, type ChannelSecrets } from './secrets';

export interface EmailSinkOptions {
  host: string;
  port: number;
  /** `starttls`: plain connect, then STARTTLS is required (port 587); `tls`: TLS from the first byte (port 465). Never clear text. */
  security: 'starttls' | 'tls';
  username: string;
  /** Keychain entry name holding the SMTP password. */
  passwordSecret: string;
  secrets: ChannelSecrets;
  from: string;
  to: string[];
  /** Extra TLS options (e.g. `ca` for a relay with a private CA; tests pass their self-signed cert). */
  tls?: ConnectionOptions;
  timeoutMs?: number;
}

/**
 * SMTP email with a plain-text and an HTML part that say which service, environment and key slot
 * (fingerprint only), what was seen and the next rotation step. The rendered payload is the whole
 * message (subject, text, HTML), so the redaction guard sees every byte a person will read.
 */
export function emailSink(options: EmailSinkOptions): AlertSink {
  return {
    name: 'email',
    render: (alert) => {
      const m = alertMessage(alert);
      return JSON.stringify({ subject: m.subject, text: messageText(m), html: messageHtml(m) });
    },
    deliver: async (payload, alert, signal) => {
      const password = await requireChannelSecret(options.secrets, options.passwordSecret, 'email', 'SMTP password');
      const { subject, text, html } = JSON.parse(payload) as { subject: string; text: string; html: string };
      const timeout = options.timeoutMs ?? 15_000;
      const transport = createTransport({
        host: options.host,
        port: options.port,
        secure: options.security === 'tls',
        requireTLS: options.security === 'starttls',
        ignoreTLS: false,
        auth: { user: options.username, pass: password },
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
        tls: { minVersion: 'TLSv1.2', ...(options.tls ?? {}) },
      });
      const abort = () => transport.close();
      signal?.addEventListener('abort', abort, { once: true });
      try {
        await transport.sendMail({
          from: options.from,
          to: options.to,
          subject,
          text,
          html,
          headers: { 'X-Rotation-Ready-Service': alert.service, 'X-Rotation-Ready-Environment': alert.environment },
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw smtpError(error);
      } finally {
        signal?.removeEventListener('abort', abort);
        transport.close();
      }
    },
  };
}

/** Value-free reason; permanent SMTP failures (5xx, bad credentials, TLS) are not retried. */
function smtpError(error: unknown): SinkError {
  const e = error as { code?: string; responseCode?: number };
  if (e.code === 'EAUTH') return new SinkError('email: SMTP authentication failed', false);
  if (e.code === 'ETLS' || e.code === 'ESOCKET' && /certificate|self.signed|TLS/i.test(String((error as Error).message)))
    return new SinkError('email: TLS could not be established', false);
  if (typeof e.responseCode === 'number') return new SinkError(`email: SMTP ${e.responseCode}`, e.responseCode < 500);
  return new SinkError(`email: ${e.code ?? 'delivery failed'}`, true);
}
