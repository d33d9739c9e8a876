import * as assert from 'node:assert/strict';
import { createBinding, matchBound as productMatchBound } from '../../../src/core/analyze/binding';
import { compileRule } from '../../../src/core/analyze/compile';
import { addRule, emptyMask, firstRules, hasRule, maskWithout, maskWords, type RuleMask } from '../../../src/core/analyze/ruleMask';
import { ALL_RULES, boundRules, heuristicRules, valueRules } from '../../../src/core/analyze/ruleSet';
import type { Rule } from '../../../src/core/rules/types';
import { boundRuleSamples } from './boundRuleSamples';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * The name-bound rules' masks (ruleMask.ts) hold any number of rules: a binding over the product's provider rules, 40
 * made-up ones after them and the heuristics last (71 rules, three words) binds each made-up rule's value under its own
 * name to that rule alone, and the product's own rules as the product does.
 */
const SYNTHETIC = 40;
/** A made-up vendor's tag: two letters, distinct per rule and in no real rule's name or value (`zvab`, `zvac`, …). */
const tagOf = (k: number) => `zv${String.fromCharCode(97 + Math.floor(k / 26), 97 + (k % 26))}`;
const synthetic: Rule[] = Array.from({ length: SYNTHETIC }, (_, k) => ({
  id: `synthetic-${k}`,
  provider: `Synthetic ${k}`,
  title: `Synthetic vendor ${k} key`,
  pattern: new RegExp(`${tagOf(k)}_[A-Za-z0-9]{24}`),
  nameHint: new RegExp(`^${tagOf(k)}_?key$`, 'i'),
  keywords: [tagOf(k)],
  severity: 'error',
  envName: `${tagOf(k).toUpperCase()}_KEY`,
  rotationUrl: 'https://example.com/rotate',
}));
const wideRules = [...boundRules, ...synthetic.map(compileRule), ...heuristicRules];
const firstSynthetic = boundRules.length;
const wideAll = firstRules(wideRules.length);
const wideHeuristics = maskWithout(wideAll, firstRules(boundRules.length + SYNTHETIC));
const wide = createBinding(wideRules, wideAll, wideHeuristics);

const valueOf = (k: number) => `${tagOf(k)}_Q7wErT9yUiOpAsDfGhJkLzXc`.slice(0, tagOf(k).length + 25);
const nameOf = (k: number) => `${tagOf(k)}Key`;
const only = (i: number): RuleMask => {
  const mask = emptyMask(wideAll.length);
  addRule(mask, i);
  return mask;
};

describe('rule masks: more name-bound rules than a 32-bit integer holds', () => {
  it('spans three words for 71 rules, and one for the product as it is', () => {
    assert.equal(wideRules.length, boundRules.length + SYNTHETIC + heuristicRules.length);
    assert.ok(wideRules.length > 64);
    assert.equal(wideAll.length, 3);
    assert.equal(ALL_RULES.length, maskWords(valueRules.length));
    for (let i = 0; i < wideRules.length; i++) assert.ok(hasRule(wideAll, i), `rule ${i}`);
    assert.ok(!hasRule(wideAll, wideRules.length));
  });

  it("binds each made-up rule's value under its name to that rule, not to its neighbours (rules 28 to 67)", () => {
    for (let k = 0; k < SYNTHETIC; k++) {
      const i = firstSynthetic + k;
      const value = valueOf(k);
      // The value side: this rule's bit among the made-up ones, no other's.
      const values = wide.valueMask(value);
      for (let j = firstSynthetic; j < firstSynthetic + SYNTHETIC; j++) assert.equal(hasRule(values, j), j === i, `${value}: rule ${j}`);
      // The name side: this rule's bit, no other made-up one's.
      const names = wide.nameMask(nameOf(k));
      for (let j = firstSynthetic; j < firstSynthetic + SYNTHETIC; j++) assert.equal(hasRule(names, j), j === i, `${nameOf(k)}: rule ${j}`);
      assert.equal(wide.matchBound(value, [nameOf(k)], wideAll)?.id, `synthetic-${k}`);
      // Not bindable here: some other rule or none, never this one.
      assert.notEqual(wide.matchBound(value, [nameOf(k)], maskWithout(wideAll, only(i)))?.id, `synthetic-${k}`);
      // A neighbour's name does not bind it to either.
      for (const n of [k - 1, k + 1]) {
        if (n < 0 || n >= SYNTHETIC) continue;
        const id = wide.matchBound(value, [nameOf(n)], wideAll)?.id;
        assert.ok(id !== `synthetic-${k}` && id !== `synthetic-${n}`, `${nameOf(n)} bound ${id}`);
      }
      assert.equal(wide.namesMayBind([nameOf(k)], only(i)), true);
      assert.equal(wide.namesMayBind([nameOf(k)], only(i + 1)), false);
      // A name keyword's position binds exactly where its word's rules are bindable.
      const text = `const ${nameOf(k)} = "${value}";`;
      const end = text.indexOf(nameOf(k)) + tagOf(k).length;
      const masks: RuleMask[] = [];
      assert.deepEqual(wide.bindingNamePositions(text, [end], only(i), masks), [end]);
      assert.ok(hasRule(masks[0]!, i));
      assert.deepEqual(wide.bindingNamePositions(text, [end], only(i - 1)), []);
    }
  });

  it('keeps the heuristics last, past the 64th rule (rules 68 to 70), and bindable on their own', () => {
    const value = 'Xk8#pQ2!vL9@mN4$';
    const id = wide.matchBound(value, ['db_password'], wideHeuristics)?.id;
    assert.equal(id, productMatchBound(value, ['db_password'], ALL_RULES)?.id);
    assert.ok(id !== undefined && heuristicRules.some((c) => c.rule.id === id));
    assert.equal(wide.matchBound(value, ['db_password'], maskWithout(wideAll, wideHeuristics)), undefined);
  });

  it("binds the product's own rules' samples as the product binding does", () => {
    const g = sampleGen(0x4517);
    const names = ['token', 'api_key', 'DB_PASSWORD', 'client_secret', 'jwt.sign', 'credentials', 'X-Api-Key'];
    const values: string[] = [g.alnum(32), g.hex(40), g.uuid()];
    const samples = boundRuleSamples(g, (n) => [n, `config.${n}`]);
    values.push(...samples.values);
    names.push(...samples.names);
    let bound = 0;
    for (const value of values) {
      for (const name of names) {
        for (const inTests of [false, true]) {
          const product = productMatchBound(value, [name], ALL_RULES, inTests)?.id;
          assert.equal(wide.matchBound(value, [name], wideAll, inTests)?.id, product, `${name} = ${value.length} characters`);
          if (product) bound++;
        }
      }
    }
    assert.ok(bound > 50, `${bound} bindings compared`);
  });
});
