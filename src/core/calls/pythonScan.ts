import { nextPythonLiteral, type PythonString } from '../pythonStrings';

/**
 * A careful token scan of Python source: strings (with prefixes, triple quotes, f-strings) and
 * comments are recognised, so brackets and names inside them are never mistaken for code. It is not
 * a parser; it is what the single-key-call rule and the Python fixes need (no Python grammar ships
 * with the analyzer yet; see docs/rules/single-key-call.md). Strings are read by core/pythonStrings.ts,
 * as the secret extractor reads them.
 */
export type PyString = PythonString;

export interface PyScan {
  strings: PyString[];
  /** [start, end) of comments. */
  comments: Array<[number, number]>;
}

export function scanPython(text: string): PyScan {
  const strings: PyString[] = [];
  const comments: Array<[number, number]> = [];
  for (let at = 0, literal = nextPythonLiteral(text, 0); literal; literal = nextPythonLiteral(text, at)) {
    if ('comment' in literal) comments.push([literal.start, literal.end]);
    else strings.push(literal);
    at = literal.end;
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
