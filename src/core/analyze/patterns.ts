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
  for (const start of starts) {
    if (start < end) continue;
    const next = matchAt(c, text, start, out);
    if (next >= 0) end = next;
    else if (run && (!c.leftBoundary || isLeftBoundary(text, start)) && text.startsWith(run.literal, start)) {
      // The literal matched and the rest failed: no later start inside this run of the class can match (literalRunOf).
      let stop = start;
      while (stop < text.length && run.member(text.charCodeAt(stop))) stop++;
      end = stop;
    }
  }
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
