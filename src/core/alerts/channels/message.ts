import type { Alert } from '../types';
import { severityOf, signalOf } from './severity';

/** What a person reads in an email or an incident: facts first, then the one next step. */
export interface AlertMessage {
  subject: string;
  /** What was seen, one sentence. */
  seen: string;
  /** The next rotation step (DESIGN.md: the five steps, rollback, or "wait"). */
  nextStep: string;
  /** Label → value rows: service, environment, slot, key fingerprint, severity, signal, time, source. */
  facts: Array<[string, string]>;
}

const SIGNAL_SEEN: Record<NonNullable<Alert['signal']>, string> = {
  spike: 'a spike of rejected probes after a healthy period (key expired or revoked)',
  intermittent: 'outcomes alternating between valid and rejected (propagation still under way)',
  'increase': 'a rising share of 401/429 answers over several windows (rate limit or misuse)',
};

/** The rotation step that answers what was seen. */
export function nextStep(alert: Alert): string {
  const signal = signalOf(alert);
  if (alert.action === 'resolve') return 'Nothing to do: the key validates again. Check the timeline in the dry-run report if you want to know why it failed.';
  if (signal === 'intermittent') return 'Wait for propagation: do not promote the fallback or remove the old key yet. Run the dry-run again; promote only when it says "safe to promote".';
  if (signal === 'increase')
    return 'Check the provider dashboard for rate limits and unexpected callers of this key. If the key may have leaked, start a rotation: add a new key as fallback, deploy, promote, then remove the old key.';
  if (alert.slot === 'primary')
    return 'Incident: calls with the primary key fail now. If the fallback validates, promote it (Rotation Ready: Promote Fallback Key to Primary); otherwise restore the previous key or add a new key. Then replace the rejected key.';
  if (alert.slot === 'fallback') return 'Do not remove the old key: the new (fallback) key is rejected. Check its scope and environment at the provider, replace the fallback, and run the dry-run again.';
  if (alert.slot === 'previous') return 'The previous key is rejected: purge it once nothing uses it any more.';
  return 'Run a rotation dry-run for this service to see which key fails and what the next step is.';
}

export function alertMessage(alert: Alert): AlertMessage {
  const severity = severityOf(alert);
  const resolved = alert.action === 'resolve';
  const slot = alert.slot ? `${alert.slot} key` : 'key';
  const subject = resolved
    ? `[Rotation Ready] RESOLVED: ${alert.service} (${alert.environment}) ${slot} is healthy again`
    : `[Rotation Ready] ${severity.toUpperCase()}: ${alert.service} (${alert.environment}) ${alert.error}`;
  const signal = signalOf(alert);
  const seen = resolved ? alert.error : signal ? `${alert.error}; pattern: ${SIGNAL_SEEN[signal]}` : alert.error;
  const facts: Array<[string, string]> = [
    ['Service', alert.service],
    ['Environment', alert.environment],
    ['Key slot', alert.slot ?? 'n/a'],
    ['Key fingerprint', alert.fingerprint],
    ['Severity', severity],
  ];
  if (signal) facts.push(['Signal', signal]);
  if (alert.status !== undefined) facts.push(['HTTP status', String(alert.status)]);
  facts.push(['Seen at', alert.timestamp]);
  if (alert.source) facts.push(['Source', alert.source]);
  return { subject, seen, nextStep: nextStep(alert), facts };
}

export function messageText(m: AlertMessage): string {
  const width = Math.max(...m.facts.map(([k]) => k.length));
  return [
    m.subject,
    '',
    `What was seen: ${m.seen}`,
    '',
    ...m.facts.map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${v}`),
    '',
    `Next step: ${m.nextStep}`,
    '',
    'Keys are identified by fingerprint only; no key material is ever included in an alert.',
    '',
  ].join('\n');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function messageHtml(m: AlertMessage): string {
  const rows = m.facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td><code>${escapeHtml(v)}</code></td></tr>`).join('');
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(m.subject)}</h2>`,
    `<p><strong>What was seen:</strong> ${escapeHtml(m.seen)}</p>`,
    `<table cellpadding="4">${rows}</table>`,
    `<p><strong>Next step:</strong> ${escapeHtml(m.nextStep)}</p>`,
    '<p style="color:#666">Keys are identified by fingerprint only; no key material is ever included in an alert.</p>',
    '</body></html>',
  ].join('\n');
}
