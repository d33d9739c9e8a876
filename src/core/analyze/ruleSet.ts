/** The rules, compiled once and indexed the ways the analysis looks them up. */
import { rules as allRules } from '../rules/index';
import { compileRule } from './compile';
import { ENCODED_JSON_KEYWORDS } from './decoded';
import { QUERY_KEYWORDS } from './inline';
import { KeywordSet } from './keywords';

const compiled = allRules.map(compileRule);
export const scanRules = compiled.filter((c) => c.scan);
/** Keyword (lower-case) → indexes into scanRules of the rules it selects. */
export const scanRulesByKeyword = new Map<string, number[]>();
scanRules.forEach((c, i) => {
  for (const k of new Set(c.rule.keywords.map((w) => w.toLowerCase()))) scanRulesByKeyword.set(k, [...(scanRulesByKeyword.get(k) ?? []), i]);
});
/** Indexes into scanRules of the rules that run in every file, keyword or not (Rule.everywhere). */
export const everywhereRules: readonly number[] = scanRules.flatMap((c, i) => (c.rule.everywhere ? [i] : []));
export const boundRules = compiled.filter((c) => c.whole && !c.rule.heuristic);
/** The heuristics (Rule.heuristic), the generic one first: they come after every provider rule. */
export const heuristicRules = compiled.filter((c) => c.whole && c.rule.heuristic);
/** Keywords whose presence makes parsing worthwhile (name-bound rules and the heuristics). */
export const parseKeywords = [...new Set([...boundRules, ...heuristicRules].flatMap((c) => c.rule.keywords.map((k) => k.toLowerCase())))];
export const keywordSet = new KeywordSet([...compiled.flatMap((c) => c.rule.keywords), ...QUERY_KEYWORDS, ...ENCODED_JSON_KEYWORDS]);
export const nameKeywords: ReadonlySet<string> = new Set(parseKeywords);
/** Keywords whose end offsets locate provider matches (CompiledRule.starts). */
export const startKeywords: readonly string[] = [...new Set(scanRules.flatMap((c) => c.starts ?? []))];
/**
 * Keywords whose end offsets the analysis asks the keyword pass for: startKeywords, the credential query parameters and
 * the start of base64-encoded JSON.
 */
export const locatedKeywords: readonly string[] = [...startKeywords, ...QUERY_KEYWORDS, ...ENCODED_JSON_KEYWORDS];
/** The name-bound rules in matchBound's order, the heuristics last: bit i of a value's mask is rule i. */
export const valueRules = [...boundRules, ...heuristicRules];
/** matchBound's own floor: no rule takes a shorter value. */
export const MIN_VALUE_LENGTH = 8;
// A value's mask is a 32-bit integer (bitwise operators): one bit per rule, and ALL_RULES needs the sign bit free.
if (valueRules.length > 31) throw new Error(`${valueRules.length} name-bound and heuristic rules: a value's rule mask holds 31; widen the mask (binding.ts, index.ts) before adding one`);
/** Every name-bound rule's bit, and the heuristics' (the last ones). */
export const ALL_RULES = (1 << valueRules.length) - 1;
export const HEURISTIC_BITS = ALL_RULES & ~((1 << boundRules.length) - 1);
