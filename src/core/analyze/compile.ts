import type { Rule } from '../rules/types';

/** A rule with its regular expressions built once. */
export interface CompiledRule {
  rule: Rule;
  /** For self-identifying rules: global, with word boundaries, run over the whole text. */
  scan?: RegExp;
  /** For name-bound rules: anchored, tested against one candidate value. */
  whole?: RegExp;
  hasSecretGroup: boolean;
  /** The match must not continue an alphanumeric run to its left (false when the pattern starts with punctuation). */
  leftBoundary?: boolean;
}

export function compileRule(rule: Rule): CompiledRule {
  const src = rule.pattern.source;
  const hasSecretGroup = src.includes('(?<secret>');
  if (rule.nameHint) return { rule, whole: new RegExp(`^(?:${src})$`), hasSecretGroup };
  // Keys are delimited by non-alphanumerics; without the boundaries `ghp_…` would match inside longer junk.
  // The left boundary is checked by the caller (isLeftBoundary): a leading lookbehind would stop V8 from
  // skipping ahead to the pattern's first literal character, which made one rule cost 10 ms on a 250 KB file.
  return { rule, scan: new RegExp(`(?:${src})(?![A-Za-z0-9])`, hasSecretGroup ? 'gd' : 'g'), hasSecretGroup, leftBoundary: /^[A-Za-z0-9]/.test(src) };
}

export function isLeftBoundary(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const c = text.charCodeAt(offset - 1);
  return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
}
