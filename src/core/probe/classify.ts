import type { KeyClass, RoundResult, SlotReport, Verdict } from './types';

/**
 * A key's class across rounds. Conclusive rounds (valid, rejected) decide; rejected-then-valid is
 * propagation (`not-yet-valid`), any other mix is `intermittent`. Rate-limited and unknown rounds are
 * never counted as failures; a misconfigured round means the probe itself must be fixed first.
 */
export function classifyRounds(rounds: readonly RoundResult[]): KeyClass {
  if (rounds.length === 0) return 'not-probed';
  if (rounds.some((r) => r.outcome === 'misconfigured')) return 'misconfigured';
  const conclusive = rounds.filter((r) => r.outcome === 'valid' || r.outcome === 'rejected');
  if (conclusive.length === 0) return rounds.some((r) => r.outcome === 'rate-limited') ? 'rate-limited' : 'unknown';
  const valid = conclusive.filter((r) => r.outcome === 'valid').length;
  if (valid === conclusive.length) return 'valid';
  if (valid === 0) return 'rejected';
  const firstValid = conclusive.findIndex((r) => r.outcome === 'valid');
  const monotonic = conclusive.slice(firstValid).every((r) => r.outcome === 'valid');
  return monotonic ? 'not-yet-valid' : 'intermittent';
}

/** `401 401 200` — what was seen, round by round, for a reason text. */
export function roundsPicture(rounds: readonly RoundResult[]): string {
  return rounds
    .map((r) => (r.status !== undefined ? String(r.status) : r.errorClass === 'timeout' ? 'timeout' : (r.errorClass ?? r.outcome)))
    .join(' ');
}

/** The verdict for the next rotation step, from the primary's and the fallback's classification. */
export function verdictFor(primary: SlotReport, fallback: SlotReport): { verdict: Verdict; reason: string } {
  const p = primary.classification;
  const f = fallback.classification;
  const seen = (s: SlotReport) => `${s.slot}: ${roundsPicture(s.rounds)}`;
  if (p === 'rejected' || p === 'intermittent' || p === 'not-yet-valid') {
    const bad = primary.rounds.filter((r) => r.outcome === 'rejected').length;
    return {
      verdict: 'incident',
      reason: `the primary key is rejected in ${bad} of ${primary.rounds.length} rounds (${seen(primary)}): calls using it are failing now${f === 'valid' ? '; the fallback works, so promote it' : ''}`,
    };
  }
  if (p === 'missing') return { verdict: 'inconclusive', reason: 'no primary key found in the key source' };
  if (p === 'misconfigured') return { verdict: 'inconclusive', reason: `the probe is misconfigured (${detailOf(primary)}); fix the probe in .rotation-ready.json` };
  if (p === 'unknown') return { verdict: 'inconclusive', reason: `the primary could not be checked (${seen(primary)}): ${detailOf(primary)}` };
  if (p === 'not-probed' || f === 'not-probed') return { verdict: 'inconclusive', reason: 'not probed (cancelled)' };
  // The primary works (or is only rate-limited, which is never a failure).
  switch (f) {
    case 'valid':
      return { verdict: 'safe-to-promote', reason: `the fallback key is valid in every round (${seen(fallback)})` };
    case 'not-yet-valid':
      return { verdict: 'wait-for-propagation', reason: `the fallback key is not yet valid everywhere (${seen(fallback)}): propagation is under way; run again before promoting` };
    case 'intermittent':
      return { verdict: 'wait-for-propagation', reason: `the fallback key is accepted only sometimes (${seen(fallback)}): propagation is under way; run again before promoting` };
    case 'rejected':
      return { verdict: 'do-not-remove-old-key', reason: `the fallback key is rejected in every round (${seen(fallback)}): keep the old key; if the new key was added just now it may still be propagating` };
    case 'missing':
      return { verdict: 'do-not-remove-old-key', reason: 'there is no fallback key yet: add the new key as the fallback before anything else' };
    case 'rate-limited':
      return { verdict: 'inconclusive', reason: `the fallback key was rate-limited in every round (${seen(fallback)}); try again later` };
    case 'misconfigured':
      return { verdict: 'inconclusive', reason: `the probe is misconfigured for the fallback (${detailOf(fallback)})` };
    case 'unknown':
      return { verdict: 'inconclusive', reason: `the fallback could not be checked (${seen(fallback)}): ${detailOf(fallback)}` };
  }
}

function detailOf(s: SlotReport): string {
  const r = [...s.rounds].reverse().find((x) => x.detail);
  return r?.detail ?? s.classification;
}
