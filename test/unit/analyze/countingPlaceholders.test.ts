import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { isPlaceholder } from '../../../src/core/analyze/quiet';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Values typed by counting (`a1b2c3…`, `A1B2…F6A1B2…`, `0123…cdef`) are placeholders for every rule, a provider's
 * prefix or not; random keys of the same alphabets are not. Built here, none is a peer's sample.
 */
const counted = (letters: string, digits: string, n: number) => Array.from({ length: n }, (_, i) => letters[i % letters.length]! + digits[i % digits.length]!).join('');

describe('counting placeholders', () => {
  it('keeps counted values quiet, with or without a provider prefix', () => {
    const values = ['shpat_' + counted('abcdef', '1234567890', 16), 'sk_test_' + counted('abcdefghijklmnopqrstuvwxyz', '0123456789', 14), counted('ABCDEF', '123456', 30), '0123456789abcdef'.repeat(2)];
    for (const v of values) assert.ok(isPlaceholder(v), v);
    const text = values.map((v, i) => `const clientSecret${i} = "${v}";\n`).join('');
    assert.deepEqual(analyzeText('src/config.ts', text, { salt: 't' }).findings.map((f) => f.ruleId), []);
  });

  it('takes eight digits in a row that count up or down for one, anywhere in a value of any length (one check with the whole-value count)', () => {
    const g = sampleGen(0xc0d3);
    for (const run of ['12345678', '23456789', '98765432', '76543210']) {
      for (const v of [g.alnum(3) + run, g.alnum(12) + run + g.alnum(20), run + '-' + g.alnum(4) + '-' + g.alnum(20)]) assert.ok(isPlaceholder(v), v);
    }
    for (const v of ['k' + '1234567' + 'x9' + g.alnum(10), 'Q' + '12345670' + 'b' + g.alnum(10), '7654321' + '9' + 'Zp' + g.alnum(12)]) assert.ok(!isPlaceholder(v), v);
  });

  it('never takes a random key for one (2,000 hex and alphanumeric draws)', () => {
    const g = sampleGen(0xc0de);
    for (let i = 0; i < 1000; i++) {
      const hex = g.hex(32);
      const alnum = g.alnum(24);
      assert.ok(!isPlaceholder(hex) && !isPlaceholder(alnum), `${hex} ${alnum}`);
    }
  });
});
