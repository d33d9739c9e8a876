import type { SampleGen } from '../../../src/core/rules/types';
import { valueRules } from '../../../src/core/analyze/ruleSet';
import { ruleSamples } from '../../../src/core/rules/samples';

/**
 * Every name-bound rule's own positive samples, drawn from `g`: their values, and their names as `spell` writes each
 * (as is, upper-cased, under an owner...), for tests that cross every value with every name.
 */
export function boundRuleSamples(g: SampleGen, spell: (name: string) => string[]): { values: string[]; names: string[] } {
  const values: string[] = [];
  const names: string[] = [];
  for (const c of valueRules) {
    for (const positive of ruleSamples[c.rule.id]?.positives ?? []) {
      const sample = positive(g);
      if (typeof sample === 'string') values.push(sample);
      else {
        values.push(sample.value);
        if (sample.name) names.push(...spell(sample.name));
      }
    }
  }
  return { values, names };
}
