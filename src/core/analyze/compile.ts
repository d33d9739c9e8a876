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
  /** Set when the pattern's first literal comes after a short prefix of character classes (see anchorOf). */
  anchor?: Anchor;
}

/**
 * `[a-f0-9]{32}-us\d{1,2}` (Mailchimp), `\d{8,10}:AA…` (Telegram), `[a-f0-9]{36}NRAL` (New Relic): V8 cannot skip
 * ahead to a literal that is not at the start, so such a pattern is tried at every character of a file (a tenth of a
 * workspace scan for Mailchimp alone). These are matched from their literal instead: find it with indexOf, then try
 * the pattern, sticky, at each start the prefix's length allows.
 */
export interface Anchor {
  literal: string;
  minBefore: number;
  maxBefore: number;
  sticky: RegExp;
}

export function compileRule(rule: Rule): CompiledRule {
  const src = rule.pattern.source;
  const hasSecretGroup = src.includes('(?<secret>');
  if (rule.nameHint) return { rule, whole: new RegExp(`^(?:${src})$`), hasSecretGroup };
  // Keys are delimited by non-alphanumerics; without the boundaries `ghp_…` would match inside longer junk.
  // The left boundary is checked by the caller (isLeftBoundary): a leading lookbehind would stop V8 from
  // skipping ahead to the pattern's first literal character, which made one rule cost 10 ms on a 250 KB file.
  const body = `(?:${src})(?![A-Za-z0-9])`;
  const flags = hasSecretGroup ? 'd' : '';
  const prefix = anchorOf(src);
  const anchor = prefix && { ...prefix, sticky: new RegExp(body, `${flags}y`) };
  return { rule, scan: new RegExp(body, `${flags}g`), hasSecretGroup, leftBoundary: /^[A-Za-z0-9]/.test(src), anchor };
}

/** One character class or escape with its count, at the start of `s`: `[a-f0-9]{32}`, `\d{8,10}`, `[A-Z]`. */
const PREFIX_ITEM = /^(?:\[(?:\\.|[^\]\\])+\]|\\[dws])(?:\{(\d+)(?:,(\d+))?\})?/;
/** A literal of at least two characters (letters, digits, `_~:-`, escaped punctuation). */
const LITERAL = /^(?:[A-Za-z0-9_~:-]|\\[./-]){2,}/;

/** The literal a pattern can be matched from, and how far before it the match starts; undefined when it starts with one. */
export function anchorOf(src: string): Omit<Anchor, 'sticky'> | undefined {
  let rest = src;
  let minBefore = 0;
  let maxBefore = 0;
  for (let m = PREFIX_ITEM.exec(rest); m; m = PREFIX_ITEM.exec(rest)) {
    const min = m[1] === undefined ? 1 : Number(m[1]);
    minBefore += min;
    maxBefore += m[2] === undefined ? min : Number(m[2]);
    rest = rest.slice(m[0].length);
  }
  let literal = LITERAL.exec(rest)?.[0] ?? '';
  // `ab?`: a quantifier takes the literal's last character with it.
  const after = rest[literal.length];
  if (after !== undefined && '?*+{'.includes(after)) literal = literal.slice(0, literal.endsWith('\\', literal.length - 1) ? -2 : -1);
  if (maxBefore === 0 || maxBefore > 64 || literal.replace(/\\/g, '').length < 2 || hasTopLevelAlternation(src)) return undefined;
  return { literal: literal.replace(/\\(.)/g, '$1'), minBefore, maxBefore };
}

function hasTopLevelAlternation(src: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

export function isLeftBoundary(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const c = text.charCodeAt(offset - 1);
  return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
}
