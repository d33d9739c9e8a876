import * as assert from 'node:assert/strict';
import { anchorOf, compileRule, literalStarts, startKeywords } from '../../../src/core/analyze/compile';
import { KeywordSet } from '../../../src/core/analyze/keywords';
import { analyzeText, type Hit, scanPattern } from '../../../src/core/analyze/index';
import { rules } from '../../../src/core/rules/index';
import { ruleSamples } from '../../../src/core/rules/samples';
import { sampleGen } from '../../../src/core/rules/sampleGen';

describe('anchorOf', () => {
  it('finds the literal after a prefix of character classes, with the prefix length range', () => {
    assert.deepEqual(anchorOf(String.raw`[a-f0-9]{32}-us\d{1,2}`), { literal: '-us', minBefore: 32, maxBefore: 32 });
    assert.deepEqual(anchorOf(String.raw`\d{8,10}:AA[A-Za-z0-9_-]{33}`), { literal: ':AA', minBefore: 8, maxBefore: 10 });
    assert.deepEqual(anchorOf(String.raw`[A-Z]{3}\.atlasv1\.x`), { literal: '.atlasv1.x', minBefore: 3, maxBefore: 3 });
    // A leading lookbehind takes no characters; `=` is a literal character (Tableau's `…[AQgw]==:…`).
    assert.deepEqual(anchorOf(String.raw`(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{21}[AQgw]==:[A-Za-z0-9]{32}`), { literal: '==:', minBefore: 22, maxBefore: 22 });
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
    for (const id of ['mailchimp-api-key', 'tableau-personal-access-token']) assert.ok(anchored.some((c) => c.rule.id === id), `${id}: ${anchored.map((c) => c.rule.id).join()}`);
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
        const junk = ['0123456789', g.hex(40), ' ', '\n', c.anchor!.literal, '"', 'x', g.alnum(12), g.base64(22), '/'];
        let text = '';
        const parts = 1 + Math.floor(random() * 8);
        for (let i = 0; i < parts; i++) text += random() < 0.4 ? positives[Math.floor(random() * positives.length)]! : junk[Math.floor(random() * junk.length)]!;
        assert.deepEqual(run(c, text), run(plain, text), `${c.rule.id}: ${text}`);
      }
    }
  });
});

describe('literalStarts and startKeywords', () => {
  it('reads the literal starts through escapes, small classes and groups of alternatives', () => {
    assert.deepEqual(literalStarts(String.raw`ghp_[A-Za-z0-9]{36}`), ['ghp_']);
    assert.deepEqual(literalStarts(String.raw`(?:AKIA|ASIA)[A-Z2-7]{16}`), ['AKIA', 'ASIA']);
    assert.deepEqual(literalStarts(String.raw`do[por]_v1_[a-f0-9]{64}`), ['dop_v1_', 'doo_v1_', 'dor_v1_']);
    assert.deepEqual(literalStarts(String.raw`SG\.[A-Za-z0-9_-]{22}`), ['SG.']);
    assert.deepEqual(literalStarts(String.raw`shp(?:at|ca)_[a-f]{32}`), ['shpat_', 'shpca_']);
    assert.deepEqual(literalStarts(String.raw`(?<secret>xo)x[bp]-\d`), ['xoxb-', 'xoxp-']);
    assert.deepEqual(literalStarts(String.raw`ab+c`), ['ab']);
    // A repeated item ends the literal after its first copy (a shorter start is still a start).
    assert.deepEqual(literalStarts(String.raw`ab{2}c`), ['ab']);
    // An optional item: each start with it and without (`Server[ \t]?=`, spelled with and without a space or a tab).
    assert.deepEqual(literalStarts(String.raw`a?bc`), ['bc', 'abc']);
    assert.deepEqual(literalStarts(String.raw`(?:ab)?cd`), ['cd', 'abcd']);
    assert.deepEqual(literalStarts(String.raw`(?:Host|host)[ \t]?=x`), ['Host=x', 'Host =x', 'Host\t=x', 'host=x', 'host =x', 'host\t=x']);
    assert.deepEqual(literalStarts(String.raw`a[\-.]?b`), ['ab', 'a-b', 'a.b']);
  });

  it('gives none when a match can start otherwise', () => {
    for (const src of [String.raw`[a-f0-9]{32}-us\d`, String.raw`\d{8}:AA`, String.raw`a*bc`, String.raw`[\d]?ab`, String.raw`(?<=[?&])sv=`, String.raw`.abc`, String.raw`[^a]bc`, String.raw`[a-c]x`, String.raw`ab|[0-9]c`, String.raw`(?:a|[0-9])?cd`]) {
      assert.equal(literalStarts(src), undefined, src);
    }
    assert.deepEqual(literalStarts(String.raw`ab*c|d`), ['a', 'd']);
  });

  it('picks, per start, the longest keyword it begins with, and gives none when a start has no keyword', () => {
    assert.deepEqual(startKeywords(String.raw`sk_live_[A-Za-z0-9]{24}`, ['sk', 'sk_live_']), ['sk_live_']);
    assert.deepEqual(startKeywords(String.raw`(?:AKIA|ASIA)[A-Z]{16}`, ['AKIA', 'ASIA']), ['akia', 'asia']);
    assert.equal(startKeywords(String.raw`sk-[A-Za-z0-9]{20}T3BlbkFJ`, ['t3blbkfj']), undefined);
    assert.equal(startKeywords(String.raw`(?:AKIA|ASIA)[A-Z]{16}`, ['akia']), undefined);
  });
});

describe('scan from start keywords', () => {
  const located = rules.filter((r) => !r.nameHint).map(compileRule).filter((c) => c.starts);
  const run = (c: ReturnType<typeof compileRule>, text: string, ends?: ReadonlyMap<string, readonly number[]>) => {
    const out: Hit[] = [];
    scanPattern(c, text, out, ends);
    return out.map((h) => [h.offset, h.length]);
  };

  it('applies to most provider rules', () => {
    assert.ok(located.length >= 60, `${located.length}`);
    assert.ok(located.some((c) => c.rule.id === 'aws-access-key-id'));
  });

  it('finds exactly what the whole-text regular expression finds', () => {
    const g = sampleGen(5);
    let seed = 9;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (const c of located) {
      const set = new KeywordSet(c.rule.keywords);
      const keywords = new Set(c.starts!);
      const positives = ruleSamples[c.rule.id]!.positives.map((p) => p(g)).map((s) => (typeof s === 'string' ? s : s.value));
      for (let n = 0; n < 100; n++) {
        // Keys, keys run together or upper-cased, the keyword alone, near misses.
        const junk = [...c.starts!, c.starts![0]!.toUpperCase(), '0123456789', g.hex(40), ' ', '\n', '"', 'x', g.alnum(12)];
        let text = '';
        const parts = 1 + Math.floor(random() * 8);
        for (let i = 0; i < parts; i++) {
          const positive = positives[Math.floor(random() * positives.length)]!;
          text += random() < 0.4 ? (random() < 0.1 ? positive.slice(0, -3) : positive) : junk[Math.floor(random() * junk.length)]!;
        }
        const { ends } = set.scan(text, new Set(), [...keywords]);
        assert.deepEqual(run(c, text, ends), run(c, text), `${c.rule.id}: ${text}`);
      }
    }
  });

  it('runs a rule wherever a spelling its pattern starts with occurs (a tab-aligned connection string)', () => {
    const password = sampleGen(3).alnum(18);
    const { findings } = analyzeText('conf/db.config', `Server\t=db01;Database=sales;User ID=app;Password\t=${password};\n`, { salt: 'compile' });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.length]), [['database-connection-string-password', password.length]]);
  });
});
