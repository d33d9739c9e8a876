import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../../src/core/analyze';
import { applyFix } from '../../../src/core/fix/applyFix';
import { planEnvFix } from '../../../src/core/fix/envFix';
import { DotenvDestination } from '../../../src/core/fix/secretDestination';
import { secretValue, UnsupportedFixError } from '../../../src/core/fix/types';
import { makeSecret, runFixCommand, syntaxErrors, tempDir } from './support';

/**
 * A key split over adjacent literals (`'sk_live_' + '…'`, Python's `("…" "…")`) is found as one value (issue 17 §2);
 * its move to the environment replaces the run of literals with one read and stores the pieces joined, the value
 * the program builds. Before, the fix refused it as "not inside a string literal".
 */
const salt = 'split-value-test';

function only(path: string, text: string) {
  const findings = analyzeText(path, text, { salt }).findings.filter((f) => f.kind === 'hardcoded-secret');
  assert.equal(findings.length, 1, `one finding in ${path}:\n${text}`);
  return findings[0]!;
}

/** Splits `value` at the given offsets. */
function cut(value: string, ...at: number[]): string[] {
  const bounds = [0, ...at, value.length];
  return bounds.slice(1).map((end, i) => value.slice(bounds[i], end));
}

describe('fix: a value split over adjacent literals moves as one', () => {
  const cases: Array<{ name: string; path: string; pieces?: 3; text: (pieces: string[]) => string; expect: RegExp }> = [
    { name: 'TS, two literals joined with +', path: 'src/a.ts', text: ([a, b]) => `const stripeKey = "${a}" + "${b}";\nexport default stripeKey;\n`, expect: /const stripeKey = requireEnv\("STRIPE_KEY"\);/ },
    { name: 'TS, three literals over lines in a call', path: 'src/b.ts', pieces: 3, text: ([a, b, c]) => `declare const Stripe: new (key: string) => object;\nexport const client = new Stripe('${a}' +\n  '${b}' + '${c}');\n`, expect: /new Stripe\(requireEnv\('STRIPE_SECRET_KEY'\)\)/ },
    { name: 'JS, template pieces', path: 'src/c.js', text: ([a, b]) => `module.exports.key = \`${a}\` + \`${b}\`;\n`, expect: /module\.exports\.key = requireEnv\('(?:STRIPE_SECRET_KEY|KEY)'\);/ },
    { name: 'TS, a prefix kept as a literal', path: 'src/d.ts', text: ([a, b]) => `export const authorization = 'Bearer ${a}' + '${b}';\n`, expect: /authorization = 'Bearer ' \+ requireEnv\('\w+'\);/ },
    { name: 'Python, juxtaposed strings in parentheses', path: 'app/e.py', text: ([a, b]) => `STRIPE_KEY = ("${a}"\n              "${b}")\n`, expect: /STRIPE_KEY = \(os\.environ\["STRIPE_KEY"\]\)/ },
    { name: 'Python, strings joined with +', path: 'app/f.py', text: ([a, b]) => `stripe_key = '${a}' + '${b}'\n`, expect: /stripe_key = os\.environ\['STRIPE_KEY'\]/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const key = makeSecret('stripe');
      // Cut after the prefix so no piece is a key on its own.
      const parts = cut(key, ...(c.pieces === 3 ? [11, 21] : [11]));
      const text = c.text(parts);
      const finding = only(c.path, text);
      const plan = planEnvFix({ path: c.path, text, finding });
      assert.match(plan.newText, c.expect);
      assert.equal(secretValue(text, plan.secret), key, 'the value stored is the key the program builds');
      for (const part of parts) assert.ok(!plan.newText.includes(part), 'no piece of the key is left');
      if (/\.[jt]s$/.test(c.path)) assert.deepEqual(syntaxErrors(c.path, plan.newText), []);
      assert.deepEqual(analyzeText(c.path, plan.newText, { salt }).findings.filter((f) => f.kind === 'hardcoded-secret'), []);
    });
  }

  it('secures the joined value in .env before the edit (applyFix reads the pieces)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      const key = makeSecret('stripe');
      const [a, b] = cut(key, 12);
      const text = `const stripeKey = '${a}' + '${b}';\nexport default stripeKey;\n`;
      const plan = planEnvFix({ path: 'src/pay.ts', text, finding: only('src/pay.ts', text) });
      await applyFix({ path: plan.path, newText: plan.newText, edits: plan.edits, secrets: [plan.secret] }, text, new DotenvDestination({ root: dir }), { root: dir });
      assert.equal(readFileSync(join(dir, '.env'), 'utf8'), `${plan.envName}=${key}\n`);
    } finally {
      cleanup();
    }
  });

  it('`rotation-ready fix` moves a split key in TS and Python and prints no piece of it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      const tsKey = makeSecret('stripe');
      const pyKey = makeSecret('stripe');
      writeFileSync(join(dir, 'pay.ts'), `export const stripeKey = '${tsKey.slice(0, 12)}' + '${tsKey.slice(12)}';\n`);
      writeFileSync(join(dir, 'pay.py'), `STRIPE_KEY = (\n    "${pyKey.slice(0, 12)}"\n    "${pyKey.slice(12)}"\n)\n`);
      const run = await runFixCommand(dir);
      assert.equal(run.code, 0, run.err);
      const env = readFileSync(join(dir, '.env'), 'utf8');
      assert.ok(env.includes(`=${tsKey}\n`) && env.includes(`=${pyKey}\n`), 'both keys stored whole');
      for (const key of [tsKey, pyKey]) {
        for (const part of [key, key.slice(0, 12), key.slice(12)]) assert.ok(!(run.out + run.err).includes(part), 'no key material in the output');
      }
      assert.ok(!readFileSync(join(dir, 'pay.ts'), 'utf8').includes(tsKey.slice(12)));
      assert.ok(!readFileSync(join(dir, 'pay.py'), 'utf8').includes(pyKey.slice(12)));
    } finally {
      cleanup();
    }
  });

  describe('refuses, with the reason, what it cannot join safely', () => {
    const refused: Array<{ name: string; path: string; text: (a: string, b: string) => string; reason: RegExp }> = [
      { name: 'a longer run of juxtaposed Python strings', path: 'x.py', text: (a, b) => `STRIPE_KEY = ("${a}" "${b}" "-suffix-not-part")\n`, reason: /juxtaposed|not inside/ },
    ];
    for (const c of refused) {
      it(c.name, () => {
        const key = makeSecret('stripe');
        const text = c.text(key.slice(0, 12), key.slice(12));
        const findings = analyzeText(c.path, text, { salt }).findings.filter((f) => f.kind === 'hardcoded-secret');
        assert.ok(findings.length > 0, 'the split key is found');
        for (const finding of findings) {
          assert.throws(() => planEnvFix({ path: c.path, text, finding }), (e: unknown) => e instanceof UnsupportedFixError && c.reason.test(e.message) && !e.message.includes(key.slice(12)));
        }
      });
    }
    it('an escape sequence in a piece (the texts joined are not the value the program builds)', () => {
      const key = makeSecret('stripe');
      const text = `const stripeKey = '${key.slice(0, 12)}' + '\\x41${key.slice(12)}';\n`;
      const offset = text.indexOf(key.slice(0, 12));
      const finding = { offset, length: text.indexOf("';\n") - offset, provider: 'Stripe', ruleId: 'stripe-secret-key' };
      assert.throws(() => planEnvFix({ path: 'x.ts', text, finding }), /escape sequences/);
    });
  });
});
