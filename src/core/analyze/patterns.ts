/** Provider patterns (self-identifying keys: `sk_live_…`, `ghp_…`) over the raw text, and where their hits lie. */
import type { Rule } from '../rules/types';
import { type CompiledRule, isLeftBoundary } from './compile';
import { shannonEntropy } from './entropy';
import { isPlaceholder } from './quiet';

export interface Hit {
  rule: Rule;
  offset: number;
  length: number;
  /** Set when findings are made: the rule is publishable, or this value is (Rule.publishableWhen). */
  publishable?: boolean;
  /** The value, when it is not the text at the range (Candidate.value: literals joined). */
  value?: string;
}

/** A rule's matches in `text`; `ends` (the keyword automaton's, by keyword) locates the rules that start with one. */
export function scanPattern(c: CompiledRule, text: string, out: Hit[], ends?: ReadonlyMap<string, readonly number[]>): void {
  if (c.starts && ends) return scanStarts(c, text, out, ends);
  if (c.anchor) return scanAnchored(c, text, out);
  const re = c.scan!;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (c.leftBoundary && !isLeftBoundary(text, m.index)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    report(c, text, m, out);
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** The same matches as the global scan, leftmost first and not overlapping, found from the pattern's literal. */
function scanAnchored(c: CompiledRule, text: string, out: Hit[]): void {
  const { literal, minBefore, maxBefore } = c.anchor!;
  let end = 0;
  for (let at = text.indexOf(literal, minBefore); at >= 0; at = text.indexOf(literal, at + 1)) {
    for (let start = Math.max(end, at - maxBefore); start <= at - minBefore; start++) {
      const next = matchAt(c, text, start, out);
      if (next >= 0) {
        end = next;
        break;
      }
    }
  }
}

/**
 * The same matches as the global scan, found where the rule's start keywords end: every match begins with one, so the
 * pattern is tried (sticky) only there, leftmost first and not overlapping: the regular expression over the whole text
 * was slow for keywords such as `sk`, `pat` and `re_` that occur in most large files (bench/NOTES.md).
 */
function scanStarts(c: CompiledRule, text: string, out: Hit[], ends: ReadonlyMap<string, readonly number[]>): void {
  const keywords = c.starts!;
  let starts: number[] = [];
  for (const k of keywords) for (const end of ends.get(k) ?? []) starts.push(end - k.length);
  if (keywords.length > 1) starts = starts.sort((a, b) => a - b);
  let end = 0;
  const run = c.run;
  const split = new SplitLiterals(text);
  for (const start of starts) {
    if (start < end) continue;
    const next = matchAt(c, text, start, out);
    if (next >= 0) end = next;
    else if ((!c.leftBoundary || isLeftBoundary(text, start)) && (end = Math.max(end, matchSplit(c, text, start, split, out))) > start) continue;
    else if (run && (!c.leftBoundary || isLeftBoundary(text, start)) && text.startsWith(run.literal, start)) {
      // The literal matched and the rest failed: no later start inside this run of the class can match (literalRunOf).
      let stop = start;
      while (stop < text.length && run.member(text.charCodeAt(stop))) stop++;
      end = stop;
    }
  }
}

/** After a literal's closing quote: what joins it to the next literal (`' + '`, `"\n    "`, a Python prefix) and its opening quote. */
const JOIN_NEXT = /[ \t\r\n\\]{0,64}(?:\+[ \t\r\n\\]{0,64})?[rRbBfFuU]{0,2}(["'`])/y;
/** A literal's content up to its closing quote (no escape, no line break: a key's piece has neither). */
const LITERAL_REST = /[^"'`\\\r\n]{0,512}/y;
/** How far a key's first piece may run from its start keyword to the literal's end. */
const FIRST_PIECE_MAX = 256;

/**
 * The literals that continue the one a start keyword is in (`'rk_live_ab' + 'cd…'`, `"AAAA…" "…"`): the next quote after
 * an offset and, per quote, the content ranges of the literals joined after it, each found once per text however many
 * keyword hits ask (the hits ascend, so the next quote moves forward only).
 */
class SplitLiterals {
  private quoteAt = -1;
  private readonly joined = new Map<number, Array<[number, number]>>();
  constructor(private readonly text: string) {}

  /** The piece from `start` to its literal's end, then the joined literals; fewer than two: not split. */
  pieces(start: number): Array<[number, number]> {
    const { text } = this;
    if (this.quoteAt < start) {
      // The next quote, line break or backslash: only a quote closes a piece.
      LITERAL_REST.lastIndex = start;
      LITERAL_REST.test(text);
      this.quoteAt = LITERAL_REST.lastIndex;
    }
    const close = this.quoteAt;
    const c = text.charCodeAt(close);
    if (close - start > FIRST_PIECE_MAX || (c !== 34 && c !== 39 && c !== 96)) return [];
    let rest = this.joined.get(close);
    if (!rest) {
      rest = [];
      for (let at = close; rest.length < 16; ) {
        JOIN_NEXT.lastIndex = at + 1;
        const m = JOIN_NEXT.exec(text);
        if (!m) break;
        LITERAL_REST.lastIndex = JOIN_NEXT.lastIndex;
        LITERAL_REST.test(text);
        at = LITERAL_REST.lastIndex;
        if (text[at] !== m[1]) break;
        rest.push([JOIN_NEXT.lastIndex, at]);
      }
      this.joined.set(close, rest);
    }
    return rest.length ? [[start, close], ...rest] : [];
  }
}

/**
 * The rule's match at `start` when its key was split over adjacent literals: matched on their contents joined, reported
 * over the range from `start` to the key's end in the last piece it reaches, with the joined value; where the next
 * match may start, or -1.
 */
function matchSplit(c: CompiledRule, text: string, start: number, split: SplitLiterals, out: Hit[]): number {
  const pieces = split.pieces(start);
  if (pieces.length < 2) return -1;
  const joined = pieces.map(([s, e]) => text.slice(s, e)).join('');
  const sticky = c.sticky!;
  sticky.lastIndex = 0;
  const m = sticky.exec(joined);
  // Within the first piece, it would have matched in the text.
  if (!m || m[0].length <= pieces[0]![1] - start) return -1;
  let offset = 0;
  let length = m[0].length;
  if (c.hasSecretGroup && m.indices?.groups?.secret) [offset, length] = [m.indices.groups.secret[0], m.indices.groups.secret[1] - m.indices.groups.secret[0]];
  const value = joined.slice(offset, offset + length);
  if (isPlaceholder(value) || (c.rule.minEntropy !== undefined && shannonEntropy(value) < c.rule.minEntropy) || c.rule.validWhen?.(value) === false) return -1;
  const at = (k: number): number => {
    for (const [s, e] of pieces) {
      if (k <= e - s) return s + k;
      k -= e - s;
    }
    return pieces[pieces.length - 1]![1];
  };
  const from = at(offset);
  const to = at(offset + length);
  out.push({ rule: c.rule, offset: from, length: to - from, value });
  return to;
}

/** The rule's match starting at `start` (sticky), reported; where the next match may start, or -1 when none starts here. */
function matchAt(c: CompiledRule, text: string, start: number, out: Hit[]): number {
  if (c.leftBoundary && !isLeftBoundary(text, start)) return -1;
  const sticky = c.sticky!;
  sticky.lastIndex = start;
  const m = sticky.exec(text);
  if (!m) return -1;
  report(c, text, m, out);
  return m.index + Math.max(1, m[0].length);
}

function report(c: CompiledRule, text: string, m: RegExpExecArray, out: Hit[]): void {
  let offset = m.index;
  let length = m[0].length;
  if (c.hasSecretGroup && m.indices?.groups?.secret) {
    const [s, e] = m.indices.groups.secret;
    offset = s;
    length = e - s;
  }
  const value = text.slice(offset, offset + length);
  if (!isPlaceholder(value) && (c.rule.minEntropy === undefined || shannonEntropy(value) >= c.rule.minEntropy) && c.rule.validWhen?.(value) !== false) out.push({ rule: c.rule, offset, length });
}

/** Whether [offset, offset + length) overlaps one of `hits`: binary search over their starts, with the furthest end so far. */
export function overlapIndex(hits: readonly Hit[]): (offset: number, length: number) => boolean {
  const sorted = [...hits].sort((a, b) => a.offset - b.offset);
  const starts = sorted.map((h) => h.offset);
  const maxEnd: number[] = [];
  for (const h of sorted) maxEnd.push(Math.max(maxEnd[maxEnd.length - 1] ?? -1, h.offset + h.length));
  return (offset, length) => {
    // The last hit that starts before the range ends; some hit up to it ends after the range starts?
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < offset + length) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1]! > offset;
  };
}
