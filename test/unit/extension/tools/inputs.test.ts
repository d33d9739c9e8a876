import * as assert from 'node:assert/strict';
import { clampedInteger, knownId, knownNames, listed, quoted } from '../../../../src/extension/tools/inputs';

// The language-model tools' input checks (src/extension/tools/inputs.ts): what a prompt-injected model sends.
describe('language-model tool inputs', () => {
  const ids = new Set(['stripe-secret-key', 'single-key-call']);

  it('takes a rule id only when it is one the registry knows, exactly', () => {
    assert.equal(knownId('stripe-secret-key', ids), 'stripe-secret-key');
    assert.equal(knownId('  single-key-call\n', ids), 'single-key-call');
    for (const hostile of ['../../README', 'stripe-secret-key/../../x', 'README', 'Stripe-Secret-Key', 'stripe-secret-key\0', '', 42, null, undefined, ['stripe-secret-key'], { ruleId: 'stripe-secret-key' }]) {
      assert.equal(knownId(hostile, ids), undefined, JSON.stringify(hostile));
    }
  });

  it('takes names only from the configured ones, and says which are not', () => {
    const known = ['billing-api', 'maps-api'];
    assert.deepEqual(knownNames(undefined, known, 'service'), { ok: true, value: undefined });
    assert.deepEqual(knownNames([], known, 'service'), { ok: true, value: undefined });
    assert.deepEqual(knownNames(['maps-api', 'maps-api'], known, 'service'), { ok: true, value: ['maps-api'] });
    const unknown = knownNames(['billing-api', '../billing-api', 'x'.repeat(1000)], known, 'service');
    assert.equal(unknown.ok, false);
    if (!unknown.ok) {
      assert.match(unknown.problem, /not configured.*"\.\.\/billing-api"/);
      assert.match(unknown.problem, /configured: billing-api, maps-api/);
      assert.ok(unknown.problem.length < 300, 'a long name is not echoed back whole');
    }
    for (const hostile of ['billing-api', [1], [null], { 0: 'billing-api' }]) assert.equal(knownNames(hostile, known, 'service').ok, false, JSON.stringify(hostile));
  });

  it('clamps whole numbers and refuses what is not a finite number', () => {
    assert.deepEqual(clampedInteger(undefined, 1, 20, 'rounds'), { ok: true, value: undefined });
    assert.deepEqual(clampedInteger(-5, 1, 20, 'rounds'), { ok: true, value: 1 });
    assert.deepEqual(clampedInteger(1e12, 1, 20, 'rounds'), { ok: true, value: 20 });
    assert.deepEqual(clampedInteger(3.9, 1, 20, 'rounds'), { ok: true, value: 3 });
    for (const hostile of ['3', Number.NaN, Number.POSITIVE_INFINITY, [3], true]) assert.equal(clampedInteger(hostile, 1, 20, 'rounds').ok, false, String(hostile));
  });

  it('quotes and shortens what it echoes; lists at most a few dozen names', () => {
    assert.equal(quoted('a"b'), '"a\\"b"');
    assert.ok(quoted('y'.repeat(500)).length <= 61);
    assert.equal(quoted(undefined), 'undefined');
    assert.match(listed(Array.from({ length: 40 }, (_, i) => `s${i}`)), /s29 and 10 more$/);
    assert.equal(listed([]), 'none');
  });

});
