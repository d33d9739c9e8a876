import type { TargetReport } from '../probe/types';
import type { ProbeObservation } from './types';

/** Every round of every probed slot of a dry-run report, as observations (what the monitor does per run). */
export function observationsFromReport(report: { targets: readonly TargetReport[] }): ProbeObservation[] {
  const out: ProbeObservation[] = [];
  for (const t of report.targets) {
    for (const s of t.slots) {
      for (const r of s.rounds) out.push({ service: t.service, environment: t.environment, slot: s.slot, outcome: r.outcome, latencyMs: r.latencyMs, at: r.at });
    }
  }
  return out;
}
