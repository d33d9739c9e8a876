/** The rules, compiled once and indexed the ways the analysis looks them up. */
import { rules as allRules } from '../rules/index';
import { CLIENT_MAKER_KEYWORDS, CREDENTIAL_MAP_KEYWORDS, KEY_ARGUMENT_CALLEES, SECRET_CLASS_KEYWORDS } from './candidate';
import { compileRule } from './compile';
import { COMMAND_LINE_KEYWORDS, ORACLE_TOOL_KEYWORDS } from './extract/commandLine';
import { ENCODED_JSON_KEYWORDS } from './decoded';
import { SERVER_DIRECTIVE_KEYWORDS } from './extract/serverConfigs';
import { SQL_STATEMENT_KEYWORDS } from './extract/sql';
import { QUERY_KEYWORDS } from './inline';
import { KeywordSet } from './keywords';
import { addRule, emptyMask, firstRules, maskWithout, maskWords, type RuleMask } from './ruleMask';

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
/**
 * Keywords whose presence makes parsing worthwhile (name-bound rules and the heuristics), and the callees whose argument
 * is a credential though nothing names it (candidate.ts: `bcrypt.hash('…')` has no secret-like name; `new Cryptr('…')`), and the commands
 * whose options are credentials though they do not say so (extract/commandLine.ts: `redis-cli -a …`).
 */
export const parseKeywords = [...new Set([...[...boundRules, ...heuristicRules].flatMap((c) => c.rule.keywords), ...KEY_ARGUMENT_CALLEES, ...COMMAND_LINE_KEYWORDS, ...CREDENTIAL_MAP_KEYWORDS, ...SECRET_CLASS_KEYWORDS, ...CLIENT_MAKER_KEYWORDS].map((k) => k.toLowerCase()))];
export const keywordSet = new KeywordSet([...compiled.flatMap((c) => c.rule.keywords), ...KEY_ARGUMENT_CALLEES, ...COMMAND_LINE_KEYWORDS, ...CREDENTIAL_MAP_KEYWORDS, ...SECRET_CLASS_KEYWORDS, ...CLIENT_MAKER_KEYWORDS, ...QUERY_KEYWORDS, ...ENCODED_JSON_KEYWORDS, ...SQL_STATEMENT_KEYWORDS, ...SERVER_DIRECTIVE_KEYWORDS]);
export const nameKeywords: ReadonlySet<string> = new Set(parseKeywords);
/**
 * Keyword (as a rule writes it) → the bits of the name-bound rules and heuristics (valueRules, below) that list it: the
 * rules a text's keywords make bindable, OR-ed over the few keywords found rather than each rule's list looked up in the
 * set found (that was most of the fixed cost of a file with nothing to report).
 */
export const valueRuleBitsByKeyword = new Map<string, RuleMask>();
/** Keywords whose end offsets locate provider matches (CompiledRule.starts). */
export const startKeywords: readonly string[] = [...new Set(scanRules.flatMap((c) => c.starts ?? []))];
/**
 * Keywords whose end offsets the analysis asks the keyword pass for: startKeywords, the credential query parameters and
 * the start of base64-encoded JSON and SQL statements' keywords.
 */
export const locatedKeywords: readonly string[] = [...startKeywords, ...QUERY_KEYWORDS, ...ENCODED_JSON_KEYWORDS, ...SQL_STATEMENT_KEYWORDS, ...ORACLE_TOOL_KEYWORDS];
/** The name-bound rules in matchBound's order, the heuristics last: bit i of a value's mask is rule i. */
export const valueRules = [...boundRules, ...heuristicRules];
/** The words of a rule mask (ruleMask.ts) over valueRules. */
export const RULE_MASK_WORDS = maskWords(valueRules.length);
valueRules.forEach((c, i) => {
  for (const k of c.rule.keywords) {
    let bits = valueRuleBitsByKeyword.get(k);
    if (!bits) valueRuleBitsByKeyword.set(k, (bits = emptyMask(RULE_MASK_WORDS)));
    addRule(bits, i);
  }
});
/** matchBound's own floor: no rule takes a shorter value. */
export const MIN_VALUE_LENGTH = 8;
/** Every name-bound rule's bit, and the heuristics' (the last ones). */
export const ALL_RULES = firstRules(valueRules.length, RULE_MASK_WORDS);
export const HEURISTIC_BITS = maskWithout(ALL_RULES, firstRules(boundRules.length, RULE_MASK_WORDS));
