import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config/index';
import type { SignalThresholds } from '../../../src/core/config/index';
import { detectIncrease, detectIntermittent, detectSignals, detectSpike, healthSummary, targetHealth } from '../../../src/core/monitor/index';
import type { HistoryEntry } from '../../../src/core/monitor/index';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const KEY_A = 'rk1:aaaaaaaaaaaaaaaa';
const KEY_B = 'rk1:bbbbbbbbbbbbbbbb';
const T: SignalThresholds = DEFAULT_SETTINGS.monitor.signals; // spike 3 in 30 min after 2 valid; 2 flips in 30 min; 3 rising windows of 30 min
const where = { service: 'billing-api', environment: 'prod', slot: 'primary' as const };

/**
 * A synthetic history from a picture: one character per probe, one probe every `everyS` seconds,
 * the last one at `NOW`. V valid, R rejected (401), F forbidden (403), L rate-limited (429),
 * U unknown (503), M misconfigured (404).
 */
function history(picture: string, everyS = 60, key = KEY_A, endAt = NOW): HistoryEntry[] {
  const chars = [...picture.replace(/\s/g, '')];
  return chars.map((c, i) => {
    const at = new Date(endAt - (chars.length - 1 - i) * everyS * 1000).toISOString();
    const [outcome, status] = ({ V: ['valid', 200], R: ['rejected', 401], F: ['rejected', 403], L: ['rate-limited', 429], U: ['unknown', 503], M: ['misconfigured', 404] } as const)[c as 'V']!;
    return { at, outcome, status, latencyMs: 20, fingerprint: key };
  });
}

describe('monitor signals: spike (key expired or revoked)', () => {
  it('fires on 3 rejections in a row after a healthy period', () => {
    const s = detectSpike(history('VVVVV RRR'), T.spike, NOW, where);
    assert.ok(s);
    assert.equal(s.kind, 'spike');
    assert.equal(s.summary, 'spike of 401s');
    assert.equal(s.fingerprint, KEY_A);
    assert.equal(s.since, history('VVVVV RRR')[5]!.at);
    assert.match(s.detail, /valid in 5 probe\(s\), then rejected \(HTTP 401\) in 3 in a row/);
  });

  it('keeps firing while the rejections go on, and names the slot and mixed statuses', () => {
    const s = detectSpike(history('VV RFRRRR'), T.spike, NOW, { ...where, slot: 'fallback' });
    assert.equal(s?.summary, 'fallback: spike of 401/403s');
  });

  it('ignores unknown, rate-limited and misconfigured probes between the rejections', () => {
    assert.ok(detectSpike(history('VV R U R L R'), T.spike, NOW, where));
  });

  const quiet: Array<[string, HistoryEntry[]]> = [
    ['a healthy key', history('VVVVVVVVVV')],
    ['two rejections (below the threshold)', history('VVVVV RR')],
    ['a key that never worked (no healthy period)', history('RRRRR')],
    ['only one valid probe before (healthy period too short)', history('V RRR')],
    ['rejections that ended with a valid probe', history('VVV RRR V')],
    ['alternating outcomes (that is intermittent)', history('VVRVRVR')],
    ['rejections older than the window', history('VVVRRR', 60, KEY_A, NOW - 3600_000)],
    ['rejections spread wider than the window', history('VV RRR', 20 * 60)],
    ['only 5xx and 429 answers', history('VV UUU LLL')],
  ];
  for (const [what, entries] of quiet) it(`stays quiet for ${what}`, () => assert.equal(detectSpike(entries, T.spike, NOW, where), undefined));

  it('stays quiet when a new key is rejected: the healthy probes were of the old key', () => {
    const entries = [...history('VVVVV', 60, KEY_A, NOW - 4 * 60_000), ...history('RRR', 60, KEY_B)];
    assert.equal(detectSpike(entries, T.spike, NOW, where), undefined);
  });

  it('follows its thresholds', () => {
    assert.ok(detectSpike(history('V R'), { rejections: 1, windowSeconds: 60, healthyProbes: 1 }, NOW, where));
    assert.equal(detectSpike(history('VV RRR'), { ...T.spike, rejections: 4 }, NOW, where), undefined);
    assert.equal(detectSpike(history('VV RRR'), { ...T.spike, healthyProbes: 3 }, NOW, where), undefined);
  });
});

describe('monitor signals: intermittent (propagation)', () => {
  it('fires when one key flips between valid and rejected twice within the window', () => {
    const s = detectIntermittent(history('VRV'), T.intermittent, NOW, where);
    assert.ok(s);
    assert.equal(s.summary, 'intermittent 401s');
    assert.match(s.detail, /200 401 200 \(2 changes within 30 min\)/);
    assert.ok(detectIntermittent(history('RVRVV'), T.intermittent, NOW, { ...where, slot: 'fallback' }));
  });

  const quiet: Array<[string, HistoryEntry[]]> = [
    ['a healthy key', history('VVVVVV')],
    ['a key that finished propagating (rejected, then valid)', history('RRRVVV')],
    ['a revoked key (valid, then rejected)', history('VVVRRR')],
    ['flips older than the window', history('VRVRV VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV', 60)],
    ['unknown answers between valid ones', history('VUVUVLV')],
  ];
  for (const [what, entries] of quiet) it(`stays quiet for ${what}`, () => assert.equal(detectIntermittent(entries, T.intermittent, NOW, where), undefined));

  it('does not mix keys: the old key valid, the new one rejected, is no flip', () => {
    const entries = [...history('V', 60, KEY_A, NOW - 2 * 60_000), ...history('R', 60, KEY_B, NOW - 60_000), ...history('V', 60, KEY_A)];
    // The last probe was of KEY_A: only its probes count (V … V), so no flip.
    assert.equal(detectIntermittent(entries, T.intermittent, NOW, where), undefined);
  });

  it('follows its thresholds', () => {
    assert.equal(detectIntermittent(history('VRV'), { flips: 3, windowSeconds: 1800 }, NOW, where), undefined);
    assert.ok(detectIntermittent(history('VRVR'), { flips: 3, windowSeconds: 1800 }, NOW, where));
  });
});

describe('monitor signals: gradual increase (rate limit or misuse)', () => {
  const env = { service: 'billing-api', environment: 'prod' };
  // Three windows of 30 min ending at NOW; 6 probes per window, one every 5 minutes, the last a minute ago.
  const windows = (picture: string, key = KEY_A) => history(picture, 5 * 60, key, NOW - 60_000);
  const rising = windows('VVVVVL VVVVLL VVLLLR');

  it('fires when the share of 401/403/429 rises in every window, from above zero to the minimum rate', () => {
    const s = detectIncrease([rising], T.increase, NOW, env);
    assert.ok(s);
    assert.equal(s.summary, 'rising 401/429 rate');
    assert.match(s.detail, /17% → 33% → 67%/);
    assert.equal(s.since, rising[5]!.at);
  });

  it('counts every slot of the environment together', () => {
    const primary = windows('VVVVVV VVVVVV VVVVVV');
    const fallback = windows('VVVVVL VVVVLL VVLLLL', KEY_B);
    assert.ok(detectIncrease([primary, fallback], T.increase, NOW, env));
  });

  const quiet: Array<[string, HistoryEntry[], Partial<SignalThresholds['increase']>?]> = [
    ['a healthy environment', windows('VVVVVV VVVVVV VVVVVV')],
    ['a sudden revocation (0% → 100%: a spike, not a gradual increase)', windows('VVVVVV VVVRRR RRRRRR')],
    ['a steady failure rate', windows('VVVVLL VVVVLL VVVVLL')],
    ['a falling rate', windows('VVLLLL VVVVLL VVVVVL')],
    ['a rise that stays below the minimum rate', windows('VVVVVL VVVVLL VVVLLL'), { minRate: 0.6 }],
    ['too few probes in a window', windows('VVVVVL VVVVLL VVLLLR').slice(1), { minProbes: 6 }],
    ['5xx answers rising (those are the provider, not the key)', windows('VVVVVU VVVVUU VVUUUU')],
    ['a rise that is not in every window', windows('VVVVVL VVVVVL VVLLLL')],
  ];
  for (const [what, entries, t] of quiet) it(`stays quiet for ${what}`, () => assert.equal(detectIncrease([entries], { ...T.increase, ...t }, NOW, env), undefined));
});

describe('monitor health', () => {
  const series = (p: string, f = 'VVV') => [
    { slot: 'primary' as const, entries: history(p) },
    { slot: 'fallback' as const, entries: history(f, 60, KEY_B) },
  ];
  const health = (p: string, f?: string) => {
    const s = series(p, f);
    return targetHealth({ service: 'billing-api', environment: 'prod' }, s, detectSignals(s, T, NOW, { service: 'billing-api', environment: 'prod' }));
  };

  it('is healthy when both keys answer valid, with no signal', () => {
    const h = health('VVVV');
    assert.equal(h.level, 'healthy');
    assert.deepEqual(h.signals, []);
    assert.deepEqual(healthSummary([h, { ...h, service: 'maps-api' }, { ...h, service: 'weather-api' }]), { level: 'healthy', icon: 'pass', text: '3 healthy' });
  });

  it('is failing with the spike named when the primary is revoked after a healthy period', () => {
    const h = health('VVVV RRR');
    assert.equal(h.level, 'failing');
    assert.equal(h.summary, 'spike of 401s');
    assert.deepEqual(healthSummary([h, { ...health('VVV'), service: 'maps-api' }]), { level: 'failing', icon: 'error', text: 'billing-api: spike of 401s' });
  });

  it('is failing on the first rejection, before a spike is established', () => {
    assert.deepEqual([health('VVVV R').level, health('VVVV R').summary], ['failing', 'primary key rejected (HTTP 401)']);
  });

  it('warns on a propagating or broken fallback', () => {
    assert.deepEqual([health('VVVV', 'VRV').level, health('VVVV', 'VRV').summary], ['warning', 'fallback: intermittent 401s']);
    assert.deepEqual([health('VVVV', 'RRR').level, health('VVVV', 'RRR').summary], ['warning', 'fallback key rejected (HTTP 401)']);
  });

  it('is unknown before any probe, and when the host is not approved', () => {
    const none = targetHealth({ service: 'a', environment: 'dev' }, [], []);
    assert.deepEqual([none.level, none.summary], ['unknown', 'not probed yet']);
    const unapproved = targetHealth({ service: 'a', environment: 'dev' }, [], [], { verdict: 'needs-approval', reason: 'x' });
    assert.equal(unapproved.level, 'unknown');
    assert.match(unapproved.summary, /approval/);
  });
});
