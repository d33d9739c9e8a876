import * as assert from 'node:assert/strict';
import { KeyClass, RoundResult, SlotReport, classifyRounds, verdictFor } from '../../../src/core/probe/index';
import { Outcome } from '../../../src/core/vocabulary/outcome';

const STATUS: Record<Outcome, number | undefined> = { valid: 200, rejected: 401, 'rate-limited': 429, unknown: 503, misconfigured: 404 };
const rounds = (...outcomes: Outcome[]): RoundResult[] =>
  outcomes.map((outcome, i) => ({ outcome, status: STATUS[outcome]!, latencyMs: 1, at: '', round: i + 1, attempts: 1 }));
const slot = (name: 'primary' | 'fallback', classification: KeyClass, r: RoundResult[] = []): SlotReport => ({ slot: name, classification, rounds: r });

describe('classification across rounds', () => {
  const cases: Array<[Outcome[], KeyClass]> = [
    [['valid', 'valid', 'valid'], 'valid'],
    [['rejected', 'rejected'], 'rejected'],
    [['rejected', 'rejected', 'valid'], 'not-yet-valid'],
    [['rejected', 'valid', 'valid'], 'not-yet-valid'],
    [['valid', 'rejected', 'valid'], 'intermittent'],
    [['valid', 'rejected'], 'intermittent'],
    [['rate-limited', 'valid'], 'valid'],
    [['rate-limited', 'rate-limited'], 'rate-limited'],
    [['unknown', 'rate-limited'], 'rate-limited'],
    [['unknown', 'unknown'], 'unknown'],
    [['unknown', 'valid', 'valid'], 'valid'],
    [['rejected', 'unknown', 'valid'], 'not-yet-valid'],
    [['valid', 'misconfigured'], 'misconfigured'],
    [[], 'not-probed'],
  ];
  for (const [seen, expected] of cases) {
    it(`${seen.join(', ') || '(no rounds)'} → ${expected}`, () => assert.equal(classifyRounds(rounds(...seen)), expected));
  }
});

describe('verdicts', () => {
  const v = (p: KeyClass, f: KeyClass) => verdictFor(slot('primary', p, rounds('valid')), slot('fallback', f, rounds('valid'))).verdict;
  it('primary working: the fallback decides', () => {
    assert.equal(v('valid', 'valid'), 'safe-to-promote');
    assert.equal(v('rate-limited', 'valid'), 'safe-to-promote', 'a rate limit is never a failure');
    assert.equal(v('valid', 'not-yet-valid'), 'wait-for-propagation');
    assert.equal(v('valid', 'intermittent'), 'wait-for-propagation');
    assert.equal(v('valid', 'rejected'), 'do-not-remove-old-key');
    assert.equal(v('valid', 'missing'), 'do-not-remove-old-key');
    assert.equal(v('valid', 'unknown'), 'inconclusive');
    assert.equal(v('valid', 'rate-limited'), 'inconclusive');
    assert.equal(v('valid', 'misconfigured'), 'inconclusive');
  });
  it('primary failing is an incident whatever the fallback', () => {
    for (const p of ['rejected', 'intermittent', 'not-yet-valid'] as const) {
      for (const f of ['valid', 'rejected', 'missing'] as const) assert.equal(v(p, f), 'incident', `${p}/${f}`);
    }
  });
  it('primary unknown, misconfigured or missing: inconclusive', () => {
    for (const p of ['unknown', 'misconfigured', 'missing'] as const) assert.equal(v(p, 'valid'), 'inconclusive', p);
  });
});
