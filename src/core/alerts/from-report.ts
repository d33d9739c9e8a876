import type { DryRunReport } from '../probe/types';
import type { Alert } from './types';

/**
 * Alerts a dry-run's outcomes call for: a primary rejected in any round (an incident: calls are
 * failing now), and a fallback rejected in every round (the new key does not work). A fallback that
 * is still propagating is expected during a rotation and raises nothing.
 */
export function alertsFromReport(report: DryRunReport, now: Date = new Date()): Alert[] {
  const alerts: Alert[] = [];
  for (const t of report.targets) {
    for (const s of t.slots) {
      const rejected = s.rounds.filter((r) => r.outcome === 'rejected');
      const alertable = s.slot === 'primary' ? rejected.length > 0 : s.classification === 'rejected';
      if (!alertable) continue;
      const statuses = [...new Set(rejected.map((r) => r.status))].map((x) => `HTTP ${x}`).join('/');
      alerts.push({
        service: t.service,
        environment: t.environment,
        error: `${s.slot} key rejected (${statuses}) in ${rejected.length} of ${s.rounds.length} rounds`,
        timestamp: now.toISOString(),
        fingerprint: s.keyFingerprint ?? 'none',
        slot: s.slot,
        ...(rejected[0]?.status !== undefined ? { status: rejected[0].status } : {}),
        source: 'dry-run',
      });
    }
  }
  return alerts;
}
