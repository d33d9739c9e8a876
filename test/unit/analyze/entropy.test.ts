import * as assert from 'node:assert/strict';
import { shannonEntropy } from '../../../src/core/analyze/entropy';

/** The definition, by code point in first-seen order: what the fast count must equal to the last bit. */
function reference(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

describe('shannonEntropy', () => {
  it('gives bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaaaaaa'), 0);
    assert.equal(shannonEntropy('abababab'), 1);
    assert.equal(shannonEntropy('abcdabcd'), 2);
  });

  it('equals the definition exactly, for ASCII, other characters, surrogate pairs and lone surrogates, call after call', () => {
    let seed = 17;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabets = ['abcdef0123', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-', 'éü€漢字', '\u{1F511}\u{1F510}ab', '\uD800x\uDC00y'];
    for (let n = 0; n < 2000; n++) {
      const alphabet = [...alphabets[n % alphabets.length]!];
      let value = '';
      const length = Math.floor(random() * 64);
      for (let i = 0; i < length; i++) value += alphabet[Math.floor(random() * alphabet.length)];
      assert.equal(shannonEntropy(value), reference(value), JSON.stringify(value));
    }
  });
});
