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

describe('percent-encoded placeholders', () => {
  it('reads a URL password decoded: words and "not real" in a URL library\'s docstrings are examples', () => {
    for (const v of ['a%20secret', 'not-re%40l', 'the%20password', 'not%20a%20real%20password', 'not-real', 'notreal']) assert.ok(isPlaceholder(v), v);
    const text = ['"""', 'Usage:', '    url = URL("https://jo%40email.com:a%20secret@example.org:1234/path")', "    'https://sigmavirus24:not-re%40l@github.com/sigmavirus24/rfc3986'", '"""', ''].join('\n');
    assert.deepEqual(analyzeText('httpx/_urls.py', text, { salt: 't' }).findings.map((f) => f.ruleId), []);
  });

  it('still reports a random password that holds an escape, and one that is not valid percent-encoding', () => {
    const g = sampleGen(0x9e7);
    for (let i = 0; i < 200; i++) {
      const v = g.alnum(10) + '%40' + g.alnum(8);
      assert.ok(!isPlaceholder(v), v);
    }
    assert.ok(!isPlaceholder('Zq8%E0%A4%A' + 'x7Kp2w'));
    const text = `const url = "postgres://app:${'Tq9' + 'vR2%40' + 'mWx7Lp4s'}@db.internal:5432/app";\n`;
    assert.deepEqual(analyzeText('src/db.ts', text, { salt: 't' }).findings.map((f) => f.ruleId), ['connection-string-password']);
  });
});
