import * as assert from 'node:assert/strict';
import { analyzeText, type AnalyzeOptions, forgetDocument } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { frag } from './tester';

/**
 * Re-analysis of an edited document reuses the previous syntax tree (the compiler's incremental parse) and what the
 * extractor found in the subtrees the edit left alone: after any sequence of edits, the findings must be exactly those
 * of a first analysis of the same text.
 */
describe('analyzeText: re-analysis after edits equals a first analysis', () => {
  const options: AnalyzeOptions = { salt: 'reanalysis', lowerSeverityInTestPaths: false };
  const g = sampleGen(17);
  const { stripe, random32, ghp } = frag;

  /** Statements large enough to be remembered, with values bound in each way the extractor reads. */
  function document(): string {
    const parts: string[] = [];
    for (let i = 0; i < 24; i++) {
      const filler = `  const note${i} = "${g.hex(12)}";\n  const path${i} = "/v1/items/${i}/${g.uuid()}";\n`;
      if (i % 4 === 0) parts.push(`export function handler${i}() {\n${filler}  const apiKey = "${g.alnum(32)}";\n  return fetch("https://api.example.com", { headers: { Authorization: \`Bearer \${apiKey}\` } });\n}\n`);
      else if (i % 4 === 1) parts.push(`export class Client${i} {\n  private token = "${g.alnum(40)}";\n  method() {\n${filler}    return this.token;\n  }\n  get secret() { return "${g.alnum(36)}"; }\n}\n`);
      else if (i % 4 === 2) parts.push(`const config${i} = {\n  stripeKey: process.env.STRIPE_KEY ?? "${stripe}",\n  github: { token: "${ghp}" },\n  other: "${g.alnum(20)}",\n};\n`);
      else parts.push(`if (req.headers["x-api-key"] === "${random32}") {\n${filler}  console.log("ok");\n}\n`);
    }
    return parts.join('\n');
  }

  /** Text to insert that changes how what follows parses, or what is bound: comments, quotes, names, secrets. */
  const snippets = ['/*', '*/', '"', "'", '`', '{', '}', '\n', ' ', '//', 'const password = ', `"${random32}"`, 'apiKey', 'x', ';', `, secret: "${g.alnum(32)}"`, '(', ')', '${'];

  const summary = (path: string, text: string) =>
    analyzeText(path, text, options).findings.map((f) => `${f.ruleId}@${f.offset}+${f.length}`);

  for (let seed = 1; seed <= 12; seed++) {
    it(`random edits, seed ${seed}`, () => {
      let state = seed * 7919;
      const random = (n: number) => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % n;
      };
      const path = `src/edited${seed}.ts`;
      let text = document();
      assert.deepEqual(summary(path, text), summary('src/fresh.ts', text));
      forgetDocument('src/fresh.ts');
      for (let edit = 0; edit < 40; edit++) {
        const at = random(text.length + 1);
        if (random(3) === 0) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + random(40)));
        else text = text.slice(0, at) + snippets[random(snippets.length)]! + text.slice(at);
        const fresh = summary('src/fresh.ts', text);
        forgetDocument('src/fresh.ts');
        assert.deepEqual(summary(path, text), fresh, `after edit ${edit} at ${at}`);
      }
      forgetDocument(path);
    });
  }

  it('a statement left alone whose string an edit beside it brings near a name', () => {
    // The name is more than the prefilter's window before its string, so the string is read only once some other
    // secret-like word sits near it: here one the edit adds after the statement.
    const path = 'src/far.ts';
    // The function is walked (and remembered) for the other string it holds.
    const statement = `function configure() {\n  const secret = "${g.alnum(32)}";\n  const apiKey =\n${'    // padding padding padding padding\n'.repeat(18)}    "${g.alnum(32)}";\n  return undefined;\n}\n`;
    const text = `${statement}\nexport const x = 1;\n`;
    const before = summary(path, text);
    assert.deepEqual(before, summary('src/fresh.ts', text));
    forgetDocument('src/fresh.ts');
    const edited = text.replace('export const x = 1;', 'export const x = 1; // token');
    const fresh = summary('src/fresh.ts', edited);
    forgetDocument('src/fresh.ts');
    assert.equal(fresh.length, before.length + 1, 'the edit makes the string a finding');
    assert.deepEqual(summary(path, edited), fresh);
    forgetDocument(path);
  });

  it('an edit far from a remembered statement, then one inside it', () => {
    const path = 'src/edited.ts';
    const text = document();
    const before = summary(path, text);
    assert.ok(before.length >= 20, `the document has findings to keep (${before.length})`);
    // A line added at the top shifts every remembered statement.
    const shifted = `// header\n${text}`;
    assert.deepEqual(summary(path, shifted), summary('src/fresh.ts', shifted));
    forgetDocument('src/fresh.ts');
    // The secret inside the first function renamed to a name that binds nothing: its finding goes.
    const renamed = shifted.replace('const apiKey = "', 'const apiKez = "');
    const after = summary(path, renamed);
    assert.deepEqual(after, summary('src/fresh.ts', renamed));
    forgetDocument('src/fresh.ts');
    assert.equal(after.length, before.length - 1);
    forgetDocument(path);
  });
});
