import type { ServiceConfig } from '../config/types';
import { probeUrlFor } from '../config/types';
import type { Slot } from '../vocabulary/slot';
import { classifyRounds, verdictFor } from '../probe/classify';
import type { DryRunReport, RoundResult, SlotReport, TargetReport, Verdict } from '../probe/types';
import { VERDICTS } from '../probe/types';
import type { ProbeHistory } from './history';

/**
 * The monitor's history as a dry-run report, so the report webview draws each key's timeline
 * (outcome as colour, latency as height) from the last `last` probes of every slot. Verdicts are
 * computed as a dry-run would over those probes.
 */
export function historyReport(history: ProbeHistory, services: readonly ServiceConfig[], options: { last?: number; now?: number } = {}): DryRunReport {
  const last = options.last ?? 30;
  const targets: TargetReport[] = [];
  let earliest = options.now ?? Date.now();
  for (const service of services) {
    for (const env of service.environments) {
      const slots: SlotReport[] = (['primary', 'fallback'] as Slot[]).map((slot) => {
        const entries = history.entries({ service: service.name, environment: env.name, slot }).slice(-last);
        const rounds: RoundResult[] = entries.map((e, i) => ({
          round: i + 1,
          attempts: 1,
          outcome: e.outcome,
          latencyMs: e.latencyMs,
          at: e.at,
          ...(e.status !== undefined ? { status: e.status } : {}),
          ...(e.errorClass ? { errorClass: e.errorClass } : {}),
        }));
        if (entries[0]) earliest = Math.min(earliest, Date.parse(entries[0].at));
        const fingerprint = entries[entries.length - 1]?.fingerprint;
        return { slot, classification: rounds.length ? classifyRounds(rounds) : 'not-probed', rounds, ...(fingerprint ? { keyFingerprint: fingerprint } : {}) };
      });
      const url = probeUrlFor(service, env.name);
      const u = URL.canParse(url) ? new URL(url) : undefined;
      const probed = slots.some((s) => s.rounds.length > 0);
      const { verdict, reason } = probed ? verdictFor(slots[0]!, slots[1]!) : { verdict: 'inconclusive' as Verdict, reason: 'the health monitor has not probed this environment yet' };
      targets.push({
        service: service.name,
        environment: env.name,
        url: u ? `${u.origin}${u.pathname}` : '(invalid URL)',
        host: u?.host ?? '',
        verdict,
        reason: probed ? `health monitor, last ${Math.max(...slots.map((s) => s.rounds.length))} probes: ${reason}` : reason,
        slots,
        durationMs: 0,
      });
    }
  }
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const t of targets) byVerdict[t.verdict]++;
  const now = options.now ?? Date.now();
  return {
    startedAt: new Date(earliest).toISOString(),
    finishedAt: new Date(now).toISOString(),
    durationMs: now - earliest,
    cancelled: false,
    targets,
    summary: { targets: targets.length, safe: byVerdict['safe-to-promote'], notSafe: targets.length - byVerdict['safe-to-promote'], byVerdict },
  };
}
