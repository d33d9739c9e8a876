import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { applyBaseline, BaselineError, createBaseline, parseBaseline, serializeBaseline } from '../../../src/core/baseline/index';
import { parseIgnoreDirectives } from '../../../src/core/baseline/ignoreComments';
import { frag } from '../analyze/tester';

const salt = 'baseline-salt-1234';

describe('baseline', () => {
  const code = `const a = '${frag.stripe}';\nconst b = '${frag.ghp}';\n`;
  const findings = analyzeText('src/app.ts', code, { salt }).findings;

  it('is sorted, has no timestamps, no line numbers and no values, and round-trips', () => {
    const text = serializeBaseline(createBaseline([...findings].reverse(), salt));
    assert.ok(!text.includes(frag.stripe) && !text.includes(frag.ghp));
    assert.ok(!/"(?:line|range|offset|timestamp|date|created)"/i.test(text));
    const parsed = parseBaseline(text);
    assert.deepEqual(parsed.entries.map((e) => e.ruleId), ['github-classic-token', 'stripe-secret-key']);
    assert.equal(serializeBaseline(parsed), text, 'idempotent');
  });

  it('keeps matching when lines move, and stops matching when the value changes', () => {
    const baseline = createBaseline(findings, salt);
    const moved = analyzeText('src/app.ts', `\n\n// moved\n${code}`, { salt }).findings;
    assert.equal(applyBaseline(moved, baseline).fresh.length, 0);
    const changed = analyzeText('src/app.ts', code.replace(frag.stripe, frag.stripe.slice(0, -4) + 'QQQQ'), { salt }).findings;
    assert.deepEqual(applyBaseline(changed, baseline).fresh.map((f) => f.ruleId), ['stripe-secret-key']);
    const elsewhere = analyzeText('src/other.ts', code, { salt }).findings;
    assert.equal(applyBaseline(elsewhere, baseline).fresh.length, 2, 'the path is part of the identity');
  });

  it('rejects malformed files with a precise message', () => {
    assert.throws(() => parseBaseline('{'), /not valid JSON/);
    assert.throws(() => parseBaseline('{"version":2,"salt":"abcdefgh","findings":[]}'), /unsupported "version" 2/);
    assert.throws(() => parseBaseline('{"version":1,"salt":"abcdefgh","findings":[{"rule":"x"}]}'), (e: unknown) => e instanceof BaselineError && /findings\[0\]/.test(e.message));
  });
});

describe('inline ignore directives', () => {
  it('applies to the next line, for the listed rules or all', () => {
    const d = parseIgnoreDirectives('a\n// rotation-ready-ignore-next-line stripe-secret-key, github-classic-token\nb\n# rotation-ready-ignore-next-line\nc\n/* rotation-ready-ignore-next-line jwt */\nd');
    assert.ok(d.suppresses(2, 'stripe-secret-key') && d.suppresses(2, 'github-classic-token') && !d.suppresses(2, 'jwt'));
    assert.ok(d.suppresses(4, 'anything'));
    assert.ok(d.suppresses(6, 'jwt') && !d.suppresses(6, 'stripe-secret-key'));
    assert.ok(!d.suppresses(1, 'stripe-secret-key'));
  });

  it('is only a directive inside a comment', () => {
    assert.equal(parseIgnoreDirectives(`const s = "rotation-ready-ignore-next-line";\nx`).entries.size, 0);
  });

  it('--no-ignore (inlineIgnores: false) reports suppressed findings', () => {
    const code = `# rotation-ready-ignore-next-line\nTOKEN=${frag.ghp}\n`;
    assert.equal(analyzeText('.env', code, { salt }).findings.length, 0);
    assert.equal(analyzeText('.env', code, { salt, inlineIgnores: false }).findings.length, 1);
  });
});
