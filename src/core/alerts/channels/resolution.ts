import type { TargetReport } from '../../probe/types';
import { SEVERITIES } from '../types';
import type { Alert } from '../types';
import { severityOf } from './severity';

/**
 * Remembers which service/environment has an open (triggered) alert, so that the first healthy
 * result afterwards produces exactly one `resolve` alert. The resolve keeps the trigger's severity,
 * so severity routing sends it to the same channels (PagerDuty closes the incident it opened).
 */
export class IncidentTracker {
  private readonly open = new Map<string, Alert>();

  /**
   * Call with every trigger alert that went out. The most severe one stays open (a later warning,
   * e.g. an intermittent signal, does not lower it), so the resolve reaches the channels it paged.
   */
  triggered(alert: Alert): void {
    if (alert.action === 'resolve') return;
    const k = key(alert.service, alert.environment);
    const open = this.open.get(k);
    if (open && SEVERITIES.indexOf(severityOf(open)) > SEVERITIES.indexOf(severityOf(alert))) return;
    this.open.set(k, alert);
  }

  isOpen(service: string, environment: string): boolean {
    return this.open.has(key(service, environment));
  }

  /** The service/environment is healthy again: the resolve alert to send, once, or undefined. */
  healthy(service: string, environment: string, now: Date = new Date()): Alert | undefined {
    const k = key(service, environment);
    const trigger = this.open.get(k);
    if (!trigger) return undefined;
    this.open.delete(k);
    return {
      service,
      environment,
      error: `${trigger.slot ?? 'the'} key validates again`,
      timestamp: now.toISOString(),
      fingerprint: trigger.fingerprint,
      ...(trigger.slot ? { slot: trigger.slot } : {}),
      ...(trigger.source ? { source: trigger.source } : {}),
      ...(trigger.signal ? { signal: trigger.signal } : {}),
      severity: severityOf(trigger),
      action: 'resolve',
    };
  }
}

const key = (service: string, environment: string) => JSON.stringify([service, environment]);

/**
 * Resolves for a dry-run report (or a monitor run's targets): a target with an open incident whose primary is valid
 * in every round and whose fallback is not rejected is healthy again.
 */
export function resolutionsFromReport(report: { targets: readonly TargetReport[] }, tracker: IncidentTracker, now: Date = new Date()): Alert[] {
  const out: Alert[] = [];
  for (const t of report.targets) {
    const primary = t.slots.find((s) => s.slot === 'primary');
    const fallback = t.slots.find((s) => s.slot === 'fallback');
    const healthy = primary?.classification === 'valid' && fallback?.classification !== 'rejected';
    if (!healthy) continue;
    const resolve = tracker.healthy(t.service, t.environment, now);
    if (resolve) out.push(resolve);
  }
  return out;
}
