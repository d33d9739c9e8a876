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
  /**
   * Set when every match starts with one of these keywords (lower-case; see startKeywords): the keyword automaton's
   * hits are then the only places to try the pattern, and the whole-text regex never runs.
   */
  starts?: string[];
  /** With `anchor` or `starts`: the pattern, sticky, tried at one offset at a time. */
  sticky?: RegExp;
  /** With `starts`: the start literal and the class of the unbounded run after it (see literalRunOf). */
  run?: LiteralRun;
}

/** A pattern that starts with `literal` then an unbounded run of one character class (`member`, by char code). */
export interface LiteralRun {
  literal: string;
  member: (code: number) => boolean;
}

/**
 * `[a-f0-9]{32}-us\d{1,2}` (Mailchimp), `\d{8,10}:AA…` (Telegram), `[a-f0-9]{36}NRAL` (New Relic): V8 cannot skip
 * ahead to a literal that is not at the start, so such a pattern is tried at every character of a file (slow: see
 * bench/NOTES.md). These are matched from their literal instead: find it with indexOf, then try the pattern, sticky,
 * at each start the prefix's length allows.
 */
export interface Anchor {
  literal: string;
  minBefore: number;
  maxBefore: number;
}

export function compileRule(rule: Rule): CompiledRule {
  const src = rule.pattern.source;
  const hasSecretGroup = src.includes('(?<secret>');
  if (rule.nameHint) return { rule, whole: new RegExp(`^(?:${src})$`), hasSecretGroup };
  // Keys are delimited by non-alphanumerics; without the boundaries `ghp_…` would match inside longer junk.
  // The left boundary is checked by the caller (isLeftBoundary): a leading lookbehind would stop V8 from
  // skipping ahead to the pattern's first literal character (bench/NOTES.md).
  const body = `(?:${src})(?![A-Za-z0-9])`;
  const flags = hasSecretGroup ? 'd' : '';
  const anchor = anchorOf(src);
  const starts = startKeywords(src, rule.keywords);
  const sticky = anchor || starts ? new RegExp(body, `${flags}y`) : undefined;
  const run = starts ? literalRunOf(src) : undefined;
  // A pattern that opens with a group of alternatives (`(?:secret_…|ntn_…)`) is bounded too when every one of them
  // starts with a letter or digit: `xntn_…` is not a Notion token.
  const leftBoundary = /^[A-Za-z0-9]/.test(src) || (literalStarts(src)?.every((s) => /^[A-Za-z0-9]/.test(s)) ?? false);
  return { rule, scan: new RegExp(body, `${flags}g`), hasSecretGroup, leftBoundary, anchor, starts, sticky, run };
}

/**
 * For a pattern `L[C]{n,}…` whose literal start L is made of characters of C (`eyJ[A-Za-z0-9_-]{10,}\.…`): a start
 * inside the C-run that follows a failed start cannot match either (every way it could continue, the earlier start
 * could too), so those starts are skipped once the literal itself matched there. Without this, `eyJ-eyJ-eyJ-…` re-read the rest of the run from each start:
 * quadratic. Undefined for any other shape.
 */
export function literalRunOf(src: string): LiteralRun | undefined {
  const m = /^((?:\\[^A-Za-z0-9]|[A-Za-z0-9_~:-])+)(\[(?:\\.|[^\]\\])+\])(?:\+|\*|\{\d+,\})/.exec(src);
  if (!m) return undefined;
  const literal = m[1]!.replace(/\\(.)/g, '$1');
  const re = new RegExp(`^${m[2]}$`);
  const ascii = new Uint8Array(128);
  for (let i = 0; i < 128; i++) ascii[i] = re.test(String.fromCharCode(i)) ? 1 : 0;
  const member = (code: number): boolean => (code < 128 ? ascii[code] === 1 : re.test(String.fromCharCode(code)));
  for (let i = 0; i < literal.length; i++) if (!member(literal.charCodeAt(i))) return undefined;
  return { literal, member };
}

/**
 * Keywords of the rule, one per literal start of the pattern, such that every match begins with one of them (case
 * aside): `ghp_…` → `ghp_`, `(?:AKIA|ASIA)…` → `akia`, `asia`, `do[por]_v1_…` → `dop_v1_`, `doo_v1_`, `dor_v1_`.
 * Undefined when some start has no keyword that is a prefix of it, or the pattern does not start with a literal.
 */
export function startKeywords(src: string, keywords: readonly string[]): string[] | undefined {
  const starts = literalStarts(src);
  if (!starts) return undefined;
  const lower = keywords.map((k) => k.toLowerCase());
  const chosen = new Set<string>();
  for (const start of starts) {
    const s = start.toLowerCase();
    // The longest keyword the start begins with: its hits are the fewest.
    const k = lower.filter((k) => s.startsWith(k)).sort((a, b) => b.length - a.length)[0];
    if (k === undefined) return undefined;
    chosen.add(k);
  }
  return [...chosen];
}

/** Cross products of literal starts are cut off beyond this many strings. */
const MAX_STARTS = 64;

/**
 * The strings every match of `src` starts with (one of them, at least one character each), read through literal
 * characters, escaped punctuation, small classes without ranges (`[por]`), groups of alternatives and such items made
 * optional (`[ \t]?`); undefined when a match can start otherwise (a class with a range, `\d`, `.`, a lookaround).
 */
export function literalStarts(src: string): string[] | undefined {
  try {
    const [top, end] = alternatives(src, 0);
    if (end !== src.length || top.strings.length === 0 || top.strings.some((s) => s.length === 0)) return undefined;
    return [...new Set(top.strings)];
  } catch {
    return undefined;
  }
}

/** What a piece of pattern can match, as far as it is literal: `complete` when it matches exactly these strings. */
interface Literal {
  strings: string[];
  complete: boolean;
}

function alternatives(src: string, i: number): [Literal, number] {
  const strings: string[] = [];
  let complete = true;
  for (;;) {
    const [seq, end] = sequence(src, i);
    strings.push(...seq.strings);
    complete &&= seq.complete;
    i = end;
    if (src[i] !== '|') return [{ strings, complete }, i];
    i++;
  }
}

function sequence(src: string, i: number): [Literal, number] {
  let strings = [''];
  let complete = true;
  while (i < src.length && src[i] !== '|' && src[i] !== ')') {
    const [item, afterItem] = atom(src, i);
    const [min, max, end] = quantifier(src, afterItem);
    i = end;
    if (!complete) continue;
    if (item && item.complete && min === 0 && max === 1 && strings.length * (item.strings.length + 1) <= MAX_STARTS) {
      // `[ \t]?`: each string with one of the item's and without.
      strings = strings.flatMap((s) => [s, ...item.strings.map((t) => s + t)]);
      continue;
    }
    if (!item || min === 0 || strings.length * item.strings.length > MAX_STARTS) {
      complete = false;
      continue;
    }
    strings = strings.flatMap((s) => item.strings.map((t) => s + t));
    if (!item.complete || min !== 1 || max !== 1) complete = false;
  }
  return [{ strings, complete }, i];
}

/** One item at `i` and where it ends; undefined when it is not literal. */
function atom(src: string, i: number): [Literal | undefined, number] {
  const c = src[i]!;
  if (c === '\\') {
    const e = src[i + 1]!;
    return [/[A-Za-z0-9]/.test(e) ? undefined : { strings: [e], complete: true }, i + 2];
  }
  if (c === '[') {
    let j = i + 1;
    if (src[j] === ']') j++;
    while (src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
    return [classMembers(src.slice(i + 1, j)), j + 1];
  }
  if (c === '(') {
    let j = i + 1;
    let lookaround = false;
    if (src[j] === '?') {
      if (src[j + 1] === ':') j += 2;
      else if (src[j + 1] === '<' && src[j + 2] !== '=' && src[j + 2] !== '!') j = src.indexOf('>', j) + 1;
      else lookaround = true;
    }
    if (lookaround) return [undefined, skipGroup(src, i)];
    const [inner, end] = alternatives(src, j);
    if (src[end] !== ')') throw new Error('unbalanced');
    return [inner, end + 1];
  }
  if ('.^$*+?{'.includes(c)) return [undefined, i + 1];
  return [{ strings: [c], complete: true }, i + 1];
}

/** A class without ranges or negation (`[por]`, `[ \t]`) as its characters; undefined for any other. */
function classMembers(body: string): Literal | undefined {
  const members: string[] = [];
  for (let k = 0; k < body.length; k++) {
    const c = body[k]!;
    if (c === '^' || c === '-') return undefined;
    if (c !== '\\') members.push(c);
    else {
      const e = body[++k]!;
      const control = CONTROL_ESCAPES[e];
      if (control === undefined && /[A-Za-z0-9]/.test(e)) return undefined;
      members.push(control ?? e);
    }
  }
  return members.length > 0 ? { strings: members, complete: true } : undefined;
}
const CONTROL_ESCAPES: Record<string, string | undefined> = { t: '\t', n: '\n', r: '\r' };

function skipGroup(src: string, i: number): number {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') {
      for (j++; src[j] !== ']'; j++) if (src[j] === '\\') j++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  throw new Error('unbalanced');
}

/** The quantifier at `i` (min, max, end); `1, 1` when there is none. Lazy markers are skipped. */
function quantifier(src: string, i: number): [number, number, number] {
  const c = src[i];
  let result: [number, number, number];
  if (c === '?') result = [0, 1, i + 1];
  else if (c === '*') result = [0, Infinity, i + 1];
  else if (c === '+') result = [1, Infinity, i + 1];
  else if (c === '{') {
    const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(i));
    if (!m) return [1, 1, i];
    const min = Number(m[1]);
    result = [min, m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]), i + m[0].length];
  } else return [1, 1, i];
  if (src[result[2]] === '?') result[2]++;
  return result;
}

/** One character class or escape with its count, at the start of `s`: `[a-f0-9]{32}`, `\d{8,10}`, `[A-Z]`. */
const PREFIX_ITEM = /^(?:\[(?:\\.|[^\]\\])+\]|\\[dws])(?:\{(\d+)(?:,(\d+))?\})?/;
/** A literal of at least two characters (letters, digits, `_~:=-`, escaped `.`, `/`, `+`, `-`). */
const LITERAL = /^(?:[A-Za-z0-9_~:=-]|\\[./+-]){2,}/;
/**
 * A leading negative lookbehind over one class (`(?<![A-Za-z0-9+/])`): it takes no characters, and the sticky
 * expression tried at each start checks it there as the whole-text one does.
 */
const LEADING_LOOKBEHIND = /^\(\?<!\[(?:\\.|[^\]\\])+\]\)/;

/** The literal a pattern can be matched from, and how far before it the match starts; undefined when it starts with one. */
export function anchorOf(src: string): Anchor | undefined {
  let rest = src.slice(LEADING_LOOKBEHIND.exec(src)?.[0].length ?? 0);
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
