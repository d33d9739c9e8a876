import type { IncreaseThresholds, IntermittentThresholds, SignalThresholds, SpikeThresholds } from '../config/types';
import type { Slot } from '../vocabulary/slot';
import type { HistoryEntry, Signal } from './types';

/**
 * The three signals of the guide's alerting table, computed from one service environment's history.
 * Each is a pure function of the entries, the thresholds and `now`; docs/monitoring.md defines them
 * in words and test/unit/monitor/signals.test.ts pins them, including the histories that must stay quiet.
 */

const isConclusive = (e: HistoryEntry) => e.outcome === 'valid' || e.outcome === 'rejected';
const time = (e: HistoryEntry) => Date.parse(e.at);

/** The conclusive probes of the key probed last; a new key starts a new story. */
function currentKey(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const last = entries[entries.length - 1];
  if (!last) return [];
  return entries.filter((e) => e.fingerprint === last.fingerprint && isConclusive(e));
}

function statuses(entries: readonly HistoryEntry[]): string {
  const set = [...new Set(entries.map((e) => e.status).filter((s): s is number => s !== undefined))].sort();
  return set.length ? set.join('/') : 'rejected';
}

function minutes(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/**
 * Spike (key expired or revoked): the key's last `rejections` conclusive probes are all rejected and
 * all fall within `windowSeconds` of now, and the run of rejections came right after at least
 * `healthyProbes` valid probes of the same key. A key that never worked is not a spike (its 401s
 * alert on their own); alternating outcomes are `intermittent`, not a spike.
 */
export function detectSpike(entries: readonly HistoryEntry[], t: SpikeThresholds, now: number, where: { service: string; environment: string; slot: Slot }): Signal | undefined {
  const probes = currentKey(entries);
  let run = 0;
  while (run < probes.length && probes[probes.length - 1 - run]!.outcome === 'rejected') run++;
  if (run < t.rejections) return undefined;
  const recent = probes.slice(probes.length - t.rejections);
  if (time(recent[0]!) < now - t.windowSeconds * 1000) return undefined;
  const before = probes.slice(0, probes.length - run);
  let healthy = 0;
  while (healthy < before.length && before[before.length - 1 - healthy]!.outcome === 'valid') healthy++;
  if (healthy < t.healthyProbes) return undefined;
  const rejected = probes.slice(probes.length - run);
  const codes = statuses(rejected);
  return {
    kind: 'spike',
    ...where,
    fingerprint: probes[probes.length - 1]!.fingerprint,
    summary: `${where.slot === 'primary' ? '' : `${where.slot}: `}spike of ${codes === 'rejected' ? 'rejections' : `${codes}s`}`,
    detail: `the ${where.slot} key was valid in ${healthy} probe(s), then rejected (HTTP ${codes}) in ${run} in a row (threshold ${t.rejections} within ${minutes(t.windowSeconds)}): the key was probably revoked or expired`,
    since: rejected[0]!.at,
  };
}

/**
 * Intermittent (propagation under way): within `windowSeconds` of now, the same key's conclusive
 * outcomes change between valid and rejected at least `flips` times (valid, rejected, valid is two).
 * A single change (rejected then valid: the key finished propagating; valid then rejected: a spike)
 * is not intermittent.
 */
export function detectIntermittent(entries: readonly HistoryEntry[], t: IntermittentThresholds, now: number, where: { service: string; environment: string; slot: Slot }): Signal | undefined {
  const probes = currentKey(entries).filter((e) => time(e) >= now - t.windowSeconds * 1000);
  let flips = 0;
  let firstFlip: HistoryEntry | undefined;
  for (let i = 1; i < probes.length; i++) {
    if (probes[i]!.outcome !== probes[i - 1]!.outcome) {
      flips++;
      firstFlip ??= probes[i - 1];
    }
  }
  if (flips < t.flips) return undefined;
  return {
    kind: 'intermittent',
    ...where,
    fingerprint: probes[probes.length - 1]!.fingerprint,
    summary: `${where.slot === 'primary' ? '' : `${where.slot}: `}intermittent ${statuses(probes.filter((p) => p.outcome === 'rejected'))}s`,
    detail: `the ${where.slot} key was accepted only sometimes: ${probes.map((p) => p.status ?? p.outcome).join(' ')} (${flips} changes within ${minutes(t.windowSeconds)}): the key is probably still propagating`,
    since: firstFlip!.at,
  };
}

/**
 * Gradual increase (rate limit or misuse): split the last `windows × windowSeconds` into `windows`
 * consecutive windows ending now. Over every key of the environment, the share of 401/403/429 among
 * the probes the provider answered (valid, rejected, rate-limited) must rise strictly from each
 * window to the next, start above zero, and reach `minRate` in the last window; every window needs
 * `minProbes` answered probes. A sudden revocation (0 → all) does not start above zero: it is a spike.
 */
export function detectIncrease(all: ReadonlyArray<readonly HistoryEntry[]>, t: IncreaseThresholds, now: number, where: { service: string; environment: string }): Signal | undefined {
  const width = t.windowSeconds * 1000;
  const start = now - t.windows * width;
  const counts = Array.from({ length: t.windows }, () => ({ answered: 0, failing: 0, codes: new Set<number>() }));
  let first: string | undefined;
  for (const entries of all) {
    for (const e of entries) {
      if (e.outcome !== 'valid' && e.outcome !== 'rejected' && e.outcome !== 'rate-limited') continue;
      const at = time(e);
      if (at < start || at > now) continue;
      const w = counts[Math.min(t.windows - 1, Math.floor((at - start) / width))]!;
      w.answered++;
      if (e.outcome !== 'valid') {
        w.failing++;
        if (e.status !== undefined) w.codes.add(e.status);
        if (!first || at < Date.parse(first)) first = e.at;
      }
    }
  }
  if (counts.some((c) => c.answered < t.minProbes)) return undefined;
  const rates = counts.map((c) => c.failing / c.answered);
  if (rates[0]! <= 0 || rates[rates.length - 1]! < t.minRate) return undefined;
  for (let i = 1; i < rates.length; i++) if (rates[i]! <= rates[i - 1]!) return undefined;
  const codes = [...new Set(counts.flatMap((c) => [...c.codes]))].sort().join('/');
  const pct = (r: number) => `${Math.round(r * 100)}%`;
  return {
    kind: 'increase',
    ...where,
    summary: `rising ${codes || 'failure'} rate`,
    detail: `the share of ${codes || '401/403/429'} answers rose over ${t.windows} windows of ${minutes(t.windowSeconds)}: ${rates.map(pct).join(' → ')}: a rate limit is near, or the key is being misused`,
    since: first!,
  };
}

/** Every signal of one service environment, from its slots' histories. */
export function detectSignals(
  series: ReadonlyArray<{ slot: Slot; entries: readonly HistoryEntry[] }>,
  thresholds: SignalThresholds,
  now: number,
  where: { service: string; environment: string },
): Signal[] {
  const signals: Signal[] = [];
  for (const s of series) {
    const at = { ...where, slot: s.slot };
    const spike = detectSpike(s.entries, thresholds.spike, now, at);
    if (spike) signals.push(spike);
    const intermittent = detectIntermittent(s.entries, thresholds.intermittent, now, at);
    if (intermittent) signals.push(intermittent);
  }
  const increase = detectIncrease(series.map((s) => s.entries), thresholds.increase, now, where);
  if (increase) signals.push(increase);
  return signals;
}
