/**
 * A careful token scan of Python source: strings (with prefixes, triple quotes, f-strings) and
 * comments are recognised, so brackets and names inside them are never mistaken for code. It is not
 * a parser; it is what the single-key-call rule and the Python fixes need (no Python grammar ships
 * with the analyzer yet; see docs/rules/single-key-call.md).
 */
export interface PyString {
  /** The whole token, prefix and quotes included. */
  start: number;
  end: number;
  /** Lower-cased prefix letters, e.g. `f`, `rb`. */
  prefix: string;
  quote: string;
  contentStart: number;
  contentEnd: number;
}

export interface PyScan {
  strings: PyString[];
  /** [start, end) of comments. */
  comments: Array<[number, number]>;
}

export function scanPython(text: string): PyScan {
  const strings: PyString[] = [];
  const comments: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#') {
      const end = text.indexOf('\n', i);
      comments.push([i, end < 0 ? text.length : end]);
      i = end < 0 ? text.length : end;
      continue;
    }
    const prefix = /^(?:[rRbBuUfF]{1,2})?(?='|")/.exec(text.slice(i, i + 3));
    if (prefix && (i === 0 || !/[\w]/.test(text[i - 1]!))) {
      const start = i;
      i += prefix[0].length;
      const q = text[i]!;
      const quote = text.startsWith(q.repeat(3), i) ? q.repeat(3) : q;
      i += quote.length;
      const contentStart = i;
      while (i < text.length && !text.startsWith(quote, i)) {
        if (text[i] === '\\') i++;
        else if (quote.length === 1 && text[i] === '\n') break;
        i++;
      }
      const contentEnd = Math.min(i, text.length);
      i = Math.min(i + quote.length, text.length);
      strings.push({ start, end: i, prefix: prefix[0].toLowerCase(), quote, contentStart, contentEnd });
      continue;
    }
    i++;
  }
  return { strings, comments };
}

/** The string token that contains [offset, end), if any. */
export function stringAt(scan: PyScan, offset: number, end = offset): PyString | undefined {
  return scan.strings.find((s) => s.contentStart <= offset && end <= s.contentEnd);
}

/** Whether an offset is inside a string or a comment. */
export function inStringOrComment(scan: PyScan, offset: number): boolean {
  return scan.strings.some((s) => s.start <= offset && offset < s.end) || scan.comments.some(([s, e]) => s <= offset && offset < e);
}

/** Offset of the bracket closing the one at `open` (skipping strings and comments), or -1. */
export function matchingBracket(text: string, scan: PyScan, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  const skip = new Map<number, number>();
  for (const s of scan.strings) skip.set(s.start, s.end);
  for (const [s, e] of scan.comments) skip.set(s, e);
  for (let i = open; i < text.length; i++) {
    const jump = skip.get(i);
    if (jump !== undefined) {
      i = jump - 1;
      continue;
    }
    const c = text[i]!;
    if (pairs[c]) stack.push(pairs[c]!);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}
