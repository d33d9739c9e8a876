import { Alert, AlertSink, SEVERITIES, Severity, SignalKind } from '../types';

/**
 * How urgent an alert is, when its producer did not say (issue 7): a rejected primary is an
 * incident (calls fail now), a spike of 401s on any slot is critical, a propagating or
 * intermittent key and a gradual rise of 401/429 are warnings, anything else is a warning too.
 */
export function severityOf(alert: Alert): Severity {
  if (alert.severity) return alert.severity;
  const signal = signalOf(alert);
  if (signal === 'intermittent' || signal === 'increase') return 'warning';
  if (signal === 'spike') return 'critical';
  if (alert.slot === 'primary' && (alert.status === 401 || alert.status === 403 || /\brejected\b/.test(alert.error))) return 'critical';
  return 'warning';
}

/** Whether `severity` is at least `min`. */
export function atLeast(severity: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(min);
}

/** Per-channel routing: the sink only takes alerts of at least `min` severity (e.g. PagerDuty: critical). */
export function routeBySeverity(sink: AlertSink, min: Severity): AlertSink {
  if (min === 'info') return sink;
  return {
    name: sink.name,
    render: (alert) => sink.render(alert),
    deliver: (payload, alert, signal) => sink.deliver(payload, alert, signal),
    accepts: (alert) => atLeast(severityOf(alert), min) && (sink.accepts ? sink.accepts(alert) : true),
  };
}

/**
 * The alert's signal: its `signal` field, or else read from the monitor's stable error text
 * (`signal spike …`, `signal intermittent …`, `signal gradual increase …`, src/core/monitor/alerts.ts).
 */
export function signalOf(alert: Alert): SignalKind | undefined {
  if (alert.signal) return alert.signal;
  const m = /^signal (spike|intermittent|gradual increase)\b/.exec(alert.error);
  if (!m) return undefined;
  return m[1] === 'gradual increase' ? 'increase' : (m[1] as SignalKind);
}
