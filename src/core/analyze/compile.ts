import type { Rule } from '../rules/types';

/** A rule with its regular expressions built once. */
export interface CompiledRule {
  rule: Rule;
  /** For self-identifying rules: global, with word boundaries, run over the whole text. */
  scan?: RegExp;
  /** For name-bound rules: anchored, tested against one candidate value. */
  whole?: RegExp;
  hasSecretGroup: boolean;
}

export function compileRule(rule: Rule): CompiledRule {
  const src = rule.pattern.source;
  const hasSecretGroup = src.includes('(?<secret>');
  if (rule.nameHint) return { rule, whole: new RegExp(`^(?:${src})$`), hasSecretGroup };
  // Keys are delimited by non-alphanumerics; without the boundaries `ghp_…` would match inside longer junk.
  return { rule, scan: new RegExp(`(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])`, hasSecretGroup ? 'gd' : 'g'), hasSecretGroup };
}
