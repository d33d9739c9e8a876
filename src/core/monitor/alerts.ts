import type { Alert } from '../alerts/types';
import type { SpikeThresholds } from '../config/types';
import type { Slot } from '../vocabulary/slot';
import type { HistoryEntry, Signal } from './types';

/**
 * Alerts one monitor run calls for. The `error` texts are stable (no counts, no times), so the
 * dispatcher's de-duplication sees a persisting problem as the same alert.
 * - The primary key rejected (401/403) in this run: calls are failing now.
 * - The fallback rejected in each of its last `spike.rejections` probes: the new key does not work.
 *   A fallback rejected only briefly is usually still propagating and raises nothing on its own.
 * - Every active signal.
 */
/** What each signal means, in the alert (the signal's own detail has counts, which would defeat de-duplication). */
const SIGNAL_ALERT: Record<Signal['kind'], string> = {
  spike: 'signal spike (key revoked or expired?)',
  intermittent: 'signal intermittent (key still propagating?)',
  increase: 'signal gradual increase (rate limit or misuse?)',
};

export function monitorAlerts(
  where: { service: string; environment: string },
  probed: ReadonlyArray<{ slot: Slot; entry: HistoryEntry }>,
  history: (slot: Slot) => readonly HistoryEntry[],
  signals: readonly Signal[],
  spike: SpikeThresholds,
  now: Date,
): Alert[] {
  const alerts: Alert[] = [];
  const base = { ...where, timestamp: now.toISOString(), source: 'monitor' as const };
  for (const { slot, entry } of probed) {
    if (entry.outcome !== 'rejected') continue;
    if (slot !== 'primary') {
      const recent = history(slot).filter((e) => e.fingerprint === entry.fingerprint && (e.outcome === 'valid' || e.outcome === 'rejected')).slice(-spike.rejections);
      if (recent.length < spike.rejections || recent.some((e) => e.outcome !== 'rejected')) continue;
    }
    alerts.push({
      ...base,
      error: `${slot} key rejected (HTTP ${entry.status ?? '401/403'})`,
      fingerprint: entry.fingerprint,
      slot,
      ...(entry.status !== undefined ? { status: entry.status } : {}),
    });
  }
  for (const signal of signals) {
    alerts.push({
      ...base,
      error: `${SIGNAL_ALERT[signal.kind]}: ${signal.summary}`,
      fingerprint: signal.fingerprint ?? 'none',
      signal: signal.kind,
      ...(signal.slot ? { slot: signal.slot } : {}),
    });
  }
  return alerts;
}
