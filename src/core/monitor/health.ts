import type { Slot } from '../vocabulary/slot';
import type { Verdict } from '../probe/types';
import type { Outcome } from '../vocabulary/outcome';
import type { HistoryEntry, HealthLevel, Signal, TargetHealth } from './types';

const describe = (slot: Slot, e: HistoryEntry): string => {
  const code = e.status !== undefined ? ` (HTTP ${e.status})` : e.errorClass ? ` (${e.errorClass})` : '';
  return `${slot} key ${e.outcome}${code}`;
};

/**
 * One service environment's health from the last probe of each slot, the active signals and the
 * last run's verdict. Failing: the primary key is rejected now (a spike on it says so first).
 * Warning: any signal, a rejected fallback, or a primary that could not be checked. Unknown: not
 * probed yet, or the host is not approved. Healthy otherwise.
 */
export function targetHealth(
  where: { service: string; environment: string },
  series: ReadonlyArray<{ slot: Slot; entries: readonly HistoryEntry[] }>,
  signals: readonly Signal[],
  lastRun?: { verdict: Verdict; reason: string },
): TargetHealth {
  const last: Partial<Record<Slot, Outcome>> = {};
  const latest: Partial<Record<Slot, HistoryEntry>> = {};
  let lastProbeAt: string | undefined;
  for (const s of series) {
    const e = s.entries[s.entries.length - 1];
    if (!e) continue;
    last[s.slot] = e.outcome;
    latest[s.slot] = e;
    if (!lastProbeAt || e.at > lastProbeAt) lastProbeAt = e.at;
  }
  const base = { ...where, signals: [...signals], last, ...(lastProbeAt ? { lastProbeAt } : {}), ...(lastRun ? { verdict: lastRun.verdict } : {}) };
  const result = (level: HealthLevel, summary: string): TargetHealth => ({ ...base, level, summary });

  if (lastRun?.verdict === 'needs-approval') return result('unknown', 'needs host approval (run a dry-run to approve)');
  const primary = latest.primary;
  const primarySignal = signals.find((s) => s.slot === 'primary' && s.kind === 'spike');
  if (primary?.outcome === 'rejected') return result('failing', primarySignal?.summary ?? describe('primary', primary));
  const first = signals.find((s) => s.slot === 'primary') ?? signals[0];
  if (first) return result('warning', first.summary);
  if (latest.fallback?.outcome === 'rejected') return result('warning', describe('fallback', latest.fallback));
  if (primary && primary.outcome !== 'valid') return result('warning', describe('primary', primary));
  if (!primary) {
    if (lastRun?.verdict === 'inconclusive') return result('unknown', lastRun.reason);
    return result('unknown', 'not probed yet');
  }
  return result('healthy', 'healthy');
}

/** The status bar's text: the worst target first, else how many are healthy. */
export function healthSummary(health: readonly TargetHealth[]): { level: HealthLevel; text: string; icon: string } {
  const name = (h: TargetHealth, all: readonly TargetHealth[]) => (all.filter((x) => x.service === h.service).length > 1 ? `${h.service} (${h.environment})` : h.service);
  const failing = health.filter((h) => h.level === 'failing');
  const warning = health.filter((h) => h.level === 'warning');
  const healthy = health.filter((h) => h.level === 'healthy');
  const more = (n: number) => (n > 1 ? ` (+${n - 1} more)` : '');
  if (failing.length) return { level: 'failing', icon: 'error', text: `${name(failing[0]!, health)}: ${failing[0]!.summary}${more(failing.length + warning.length)}` };
  if (warning.length) return { level: 'warning', icon: 'warning', text: `${name(warning[0]!, health)}: ${warning[0]!.summary}${more(warning.length)}` };
  if (healthy.length) return { level: 'healthy', icon: 'pass', text: `${healthy.length} healthy${health.length > healthy.length ? `, ${health.length - healthy.length} not checked` : ''}` };
  return { level: 'unknown', icon: 'circle-large-outline', text: health.length ? `${health.length} not checked yet` : 'nothing to monitor' };
}
