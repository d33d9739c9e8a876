/** The rules, compiled once and indexed the ways the analysis looks them up. */
import { rules as allRules } from '../rules/index';
import { compileRule } from './compile';
import { KeywordSet } from './keywords';

const compiled = allRules.map(compileRule);
export const scanRules = compiled.filter((c) => c.scan);
/** Keyword (lower-case) → indexes into scanRules of the rules it selects. */
export const scanRulesByKeyword = new Map<string, number[]>();
scanRules.forEach((c, i) => {
  for (const k of new Set(c.rule.keywords.map((w) => w.toLowerCase()))) scanRulesByKeyword.set(k, [...(scanRulesByKeyword.get(k) ?? []), i]);
});
export const boundRules = compiled.filter((c) => c.whole && c.rule.id !== 'generic-secret');
export const genericRule = compiled.find((c) => c.rule.id === 'generic-secret')!;
/** Keywords whose presence makes parsing worthwhile (name-bound rules and the generic heuristic). */
export const parseKeywords = [...new Set([...boundRules, genericRule].flatMap((c) => c.rule.keywords.map((k) => k.toLowerCase())))];
export const keywordSet = new KeywordSet(compiled.flatMap((c) => c.rule.keywords));
export const nameKeywords: ReadonlySet<string> = new Set(parseKeywords);
/** Keywords whose end offsets locate provider matches (CompiledRule.starts). */
export const startKeywords: readonly string[] = [...new Set(scanRules.flatMap((c) => c.starts ?? []))];
/** The name-bound rules in matchBound's order, the generic heuristic last: bit i of a value's mask is rule i. */
export const valueRules = [...boundRules, genericRule];
/** matchBound's own floor: no rule takes a shorter value. */
export const MIN_VALUE_LENGTH = 8;
/** Every name-bound rule's bit, and the generic heuristic's (the last). */
export const ALL_RULES = (1 << valueRules.length) - 1;
export const GENERIC_BIT = 1 << (valueRules.length - 1);
