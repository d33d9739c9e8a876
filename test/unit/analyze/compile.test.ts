import * as assert from 'node:assert/strict';
import { anchorOf, compileRule } from '../../../src/core/analyze/compile';
import { type Hit, scanPattern } from '../../../src/core/analyze/index';
import { rules } from '../../../src/core/rules/index';
import { ruleSamples } from '../../../src/core/rules/samples';
import { sampleGen } from '../../../src/core/rules/sampleGen';

describe('anchorOf', () => {
  it('finds the literal after a prefix of character classes, with the prefix length range', () => {
    assert.deepEqual(anchorOf(String.raw`[a-f0-9]{32}-us\d{1,2}`), { literal: '-us', minBefore: 32, maxBefore: 32 });
    assert.deepEqual(anchorOf(String.raw`\d{8,10}:AA[A-Za-z0-9_-]{33}`), { literal: ':AA', minBefore: 8, maxBefore: 10 });
    assert.deepEqual(anchorOf(String.raw`[A-Z]{3}\.atlasv1\.x`), { literal: '.atlasv1.x', minBefore: 3, maxBefore: 3 });
  });

  it('gives none for patterns that start with a literal, alternate at the top, or quantify the literal away', () => {
    assert.equal(anchorOf(String.raw`ghp_[A-Za-z0-9]{36}`), undefined);
    assert.equal(anchorOf(String.raw`[a-f]{3}ab|cd`), undefined);
    assert.equal(anchorOf(String.raw`[a-f]{3}a?b`), undefined);
    assert.equal(anchorOf(String.raw`[a-f]{3}(?:ab)`), undefined);
    assert.equal(anchorOf(String.raw`[a-f]{100}ab`), undefined);
  });
});

describe('anchored scan', () => {
  const anchored = rules.filter((r) => !r.nameHint).map(compileRule).filter((c) => c.anchor);
  const run = (c: ReturnType<typeof compileRule>, text: string) => {
    const out: Hit[] = [];
    scanPattern(c, text, out);
    return out.map((h) => [h.offset, h.length]);
  };

  it('applies to the rules whose literal is not at the start', () => {
    assert.ok(anchored.some((c) => c.rule.id === 'mailchimp-api-key'), anchored.map((c) => c.rule.id).join());
  });

  it('finds exactly what the whole-text regular expression finds', () => {
    const g = sampleGen(11);
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (const c of anchored) {
      const plain = { ...c, anchor: undefined };
      const positives = ruleSamples[c.rule.id]!.positives.map((p) => p(g)).map((s) => (typeof s === "string" ? s : s.value));
      for (let n = 0; n < 200; n++) {
        // Keys, keys run together, hex and digit runs that nearly match, the literal alone.
        const junk = ['0123456789', g.hex(40), ' ', '\n', c.anchor!.literal, '"', 'x', g.alnum(12)];
        let text = '';
        const parts = 1 + Math.floor(random() * 8);
        for (let i = 0; i < parts; i++) text += random() < 0.4 ? positives[Math.floor(random() * positives.length)]! : junk[Math.floor(random() * junk.length)]!;
        assert.deepEqual(run(c, text), run(plain, text), `${c.rule.id}: ${text}`);
      }
    }
  });
});
