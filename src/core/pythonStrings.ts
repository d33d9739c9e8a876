/**
 * The one reader of Python string literals, shared by the single-key-call scan (calls/pythonScan.ts), the secret
 * extractor's token pass (analyze/extract/tokens.ts) and the parse prefilter (analyze/prefilter.ts), so they agree on
 * where every string starts and ends: prefixes (r, b, f, u, t and the pairs Python accepts), triple quotes, escapes
 * (a backslash before the quote keeps it in the string, raw strings included), and f-strings whose replacement fields
 * hold strings with the same quote (`f"{d["k"]}"`, Python 3.12, PEP 701), comments and format specs.
 *
 * A single-quoted string that reaches a line break (LF or a lone CR, as Python reads lines) ends there unterminated,
 * replacement fields included (PEP 701 would let a field run on): a string left open while typing spoils one line,
 * not the rest of the file. An unterminated triple-quoted string runs to the end of the text. Every character is read
 * once (no backtracking, no recursion: hostile nesting costs memory in proportion to its length, never stack).
 */

const LF = 10;
const CR = 13;
const DOUBLE = 34;
const HASH = 35;
const SINGLE = 39;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COLON = 58;
const UPPER_N = 78;

/** A string literal: [start, end) with prefix and quotes; its content is [contentStart, contentEnd). */
export interface PythonString {
  start: number;
  /** Lower-cased prefix letters, e.g. `f`, `rb`. */
  prefix: string;
  /** `"`, `'`, `"""` or `'''`. */
  quote: string;
  contentStart: number;
  contentEnd: number;
  end: number;
  /** False when the text or the line ran out before the closing quote. */
  closed: boolean;
}

/** A comment: `#` to the end of its line (the line break excluded). */
export interface PythonComment {
  comment: true;
  start: number;
  end: number;
}

/** `r`, `b`, `f`, `u`, `t`, either case. */
function prefixLetter(c: number): number {
  const lower = c | 0x20;
  return lower === 0x72 || lower === 0x62 || lower === 0x66 || lower === 0x75 || lower === 0x74 ? lower : 0;
}

/** A character of a name (ASCII letters, digits, `_`, or any non-ASCII character, as identifiers may hold them). */
function nameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

const isQuote = (c: number): boolean => c === DOUBLE || c === SINGLE;

/** The two-letter prefixes Python accepts: rb, br, rf, fr, rt, tr (any case). */
function prefixPair(a: number, b: number): boolean {
  const r = 0x72;
  return (a === r && (b === 0x62 || b === 0x66 || b === 0x74)) || (b === r && (a === 0x62 || a === 0x66 || a === 0x74));
}

/**
 * When a string literal starts at `i`, the length of its prefix (0, 1 or 2: the quote is at `i + length`), else -1.
 * Prefix letters right after a name character belong to that name (`buffer"…"` is a name, then a plain string).
 */
export function pythonStringPrefix(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isQuote(c)) return 0;
  const a = prefixLetter(c);
  if (a === 0 || (i > 0 && nameChar(text.charCodeAt(i - 1)))) return -1;
  const c2 = text.charCodeAt(i + 1);
  if (isQuote(c2)) return 1;
  return isQuote(text.charCodeAt(i + 2)) && prefixPair(a, prefixLetter(c2)) ? 2 : -1;
}

/** 3 when the quote at `q` opens a triple-quoted string, else 1. */
export function pythonQuoteLength(text: string, q: number): number {
  const c = text.charCodeAt(q);
  return text.charCodeAt(q + 1) === c && text.charCodeAt(q + 2) === c ? 3 : 1;
}

/** Whether the prefix letters in [start, q) hold `letter` (lower case), e.g. `f` of `Rf`. */
function prefixHas(text: string, start: number, q: number, letter: number): boolean {
  for (let i = start; i < q; i++) if ((text.charCodeAt(i) | 0x20) === letter) return true;
  return false;
}

/**
 * Where the content of the string literal starting at `start` with a prefix of `prefixLength` letters ends: at its
 * closing quote, else (unterminated) at the line break of a single-quoted string or at the end of the text.
 */
export function pythonStringContentEnd(text: string, start: number, prefixLength: number): number {
  const q = start + prefixLength;
  const formatted = prefixHas(text, start, q, 0x66) || prefixHas(text, start, q, 0x74);
  return formatted ? formattedEnd(text, q, prefixHas(text, start, q, 0x72)) : plainEnd(text, q);
}

/** Where a string ends: its content end plus the closing quotes when it has them. */
export function pythonStringEnd(text: string, q: number, contentEnd: number): number {
  const length = pythonQuoteLength(text, q);
  return contentEnd < text.length && text.charCodeAt(contentEnd) === text.charCodeAt(q) ? contentEnd + length : contentEnd;
}

/** Past a backslash at `j`: the escaped character, or a line continuation (`\` then CR LF is one line break). */
function pastEscape(text: string, j: number): number {
  return text.charCodeAt(j + 1) === CR && text.charCodeAt(j + 2) === LF ? j + 3 : j + 2;
}

/**
 * The plain text of a string up to the next character that may end it or escape one, by quote kind: `"`, `"""`, `'`,
 * `'''`. Sticky expressions without a nested quantifier: V8 runs them in generated code, in constant stack.
 */
const PLAIN_RUNS = [/[^"\\\n\r]*/y, /[^"\\]*/y, /[^'\\\n\r]*/y, /[^'\\]*/y];

function plainEnd(text: string, q: number): number {
  const n = text.length;
  const quote = text.charCodeAt(q);
  const triple = pythonQuoteLength(text, q) === 3;
  const run = PLAIN_RUNS[(quote === SINGLE ? 2 : 0) + (triple ? 1 : 0)]!;
  let j = q + (triple ? 3 : 1);
  while (j < n) {
    run.lastIndex = j;
    run.test(text);
    j = run.lastIndex;
    if (j >= n) break;
    const d = text.charCodeAt(j);
    if (d === BACKSLASH) j = pastEscape(text, j);
    else if (d !== quote || !triple || (text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote)) return j;
    else j++;
  }
  return n;
}

/** What the f-string reader is inside: a string's text, a replacement field's expression, or a field's format spec. */
const STRING = 0;
const FIELD = 1;
const SPEC = 2;

/**
 * The content end of an f-string (or t-string) whose quote is at `q`: replacement fields are read as code, with the
 * strings, comments and brackets in them, and format specs with their nested fields. Frames on an explicit stack.
 */
function formattedEnd(text: string, q: number, raw: boolean): number {
  const n = text.length;
  // Per frame: kind, and for strings: quote char, triple, formatted, raw; for fields: bracket depth.
  const kinds = [STRING];
  const quotes = [text.charCodeAt(q)];
  const triples = [pythonQuoteLength(text, q) === 3];
  const formatted = [true];
  const raws = [raw];
  const depths = [0];
  const push = (kind: number, quote = 0, triple = false, f = false, r = false): void => {
    kinds.push(kind);
    quotes.push(quote);
    triples.push(triple);
    formatted.push(f);
    raws.push(r);
    depths.push(0);
  };
  const truncate = (length: number): void => {
    kinds.length = quotes.length = triples.length = formatted.length = raws.length = depths.length = length;
  };
  /** The innermost string frame at or below `top`. */
  const stringBelow = (top: number): number => {
    let s = top;
    while (kinds[s] !== STRING) s--;
    return s;
  };
  const closes = (s: number, j: number): boolean => {
    const quote = quotes[s]!;
    return text.charCodeAt(j) === quote && (!triples[s] || (text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote));
  };

  let j = q + (triples[0] ? 3 : 1);
  while (j < n) {
    const top = kinds.length - 1;
    const kind = kinds[top];
    const d = text.charCodeAt(j);
    if (d === LF || d === CR) {
      const s = stringBelow(top);
      if (triples[s]) {
        j++;
        continue;
      }
      // The line break ends the single-quoted string (and whatever it holds) unterminated; its holder reads on.
      if (s === 0) return j;
      truncate(s);
      continue;
    }
    if (kind === STRING) {
      const next = text.charCodeAt(j + 1);
      if (d === BACKSLASH) {
        // `\{` is a backslash, then a field; `\N{NAME}` (not raw) is one escape, its braces no field.
        if (formatted[top] && (next === OPEN_BRACE || next === CLOSE_BRACE)) j++;
        else if (formatted[top] && !raws[top] && next === UPPER_N && text.charCodeAt(j + 2) === OPEN_BRACE) j = namedEscapeEnd(text, j + 3);
        else j = pastEscape(text, j);
      } else if (closes(top, j)) {
        if (top === 0) return j;
        j += triples[top] ? 3 : 1;
        truncate(top);
      } else if (formatted[top] && d === OPEN_BRACE) {
        if (next === OPEN_BRACE) j += 2;
        else {
          push(FIELD);
          j++;
        }
      } else if (formatted[top] && d === CLOSE_BRACE && next === CLOSE_BRACE) j += 2;
      else j++;
      continue;
    }
    if (kind === FIELD) {
      const prefix = pythonStringPrefix(text, j);
      if (prefix >= 0) {
        const quoteAt = j + prefix;
        push(STRING, text.charCodeAt(quoteAt), pythonQuoteLength(text, quoteAt) === 3, prefixHas(text, j, quoteAt, 0x66) || prefixHas(text, j, quoteAt, 0x74), prefixHas(text, j, quoteAt, 0x72));
        j = quoteAt + (triples[top + 1] ? 3 : 1);
      } else if (d === HASH) {
        j = pythonCommentEnd(text, j);
      } else if (d === 40 || d === 91 || d === OPEN_BRACE) {
        depths[top] = depths[top]! + 1;
        j++;
      } else if (d === 41 || d === 93 || d === CLOSE_BRACE) {
        if (d === CLOSE_BRACE && depths[top] === 0) truncate(top);
        else if (depths[top]! > 0) depths[top] = depths[top]! - 1;
        j++;
      } else {
        if (d === COLON && depths[top] === 0) kinds[top] = SPEC;
        j++;
      }
      continue;
    }
    // A format spec: text up to the field's `}`, with nested fields; the string's own closing quote ends it too.
    const s = stringBelow(top);
    if (closes(s, j)) truncate(s + 1);
    else if (d === OPEN_BRACE) {
      push(FIELD);
      j++;
    } else if (d === CLOSE_BRACE) {
      truncate(top);
      j++;
    } else if (d === BACKSLASH) j = pastEscape(text, j);
    else j++;
  }
  return n;
}

/** Past the `}` of a `\N{NAME}` escape whose name starts at `from` (names are letters, digits, spaces and hyphens). */
function namedEscapeEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length && /[A-Za-z0-9 \-]/.test(text[j]!)) j++;
  return text.charCodeAt(j) === CLOSE_BRACE ? j + 1 : from;
}

/** The end of the comment at `from`: the line break ending its line (LF or CR), or the text's length. */
export function pythonCommentEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === LF || c === CR) return j;
    j++;
  }
  return j;
}

/** Code without a string or a comment in it (what starts one: a quote, `#`); prefix letters are found by looking back. */
const CODE = /[^"'#]*/y;

/**
 * Where a string literal or a comment is, as nextPythonLiteral reads it, without the object: the parse prefilter reads
 * every literal and comment of a file, and an object for each was most of its time in Python files.
 */
export interface PythonLiteralBounds {
  comment: boolean;
  start: number;
  /** The opening quote (a comment's `#`). */
  quoteAt: number;
  /** The content [contentStart, contentEnd) (a comment's text after `#`). */
  contentStart: number;
  contentEnd: number;
  end: number;
}

/** nextPythonLiteral, written into `into`: false when there is no literal or comment at or after `from`. */
export function nextPythonLiteralBounds(text: string, from: number, into: PythonLiteralBounds, wordChar: (c: number) => boolean = nameChar): boolean {
  CODE.lastIndex = from;
  CODE.test(text);
  const at = CODE.lastIndex;
  if (at >= text.length) return false;
  if (text.charCodeAt(at) === HASH) {
    const end = pythonCommentEnd(text, at);
    into.comment = true;
    into.start = into.quoteAt = at;
    into.contentStart = at + 1;
    into.contentEnd = into.end = end;
    return true;
  }
  const start = prefixStart(text, from, at, wordChar);
  const contentEnd = pythonStringContentEnd(text, start, at - start);
  into.comment = false;
  into.start = start;
  into.quoteAt = at;
  into.contentStart = Math.min(at + pythonQuoteLength(text, at), text.length);
  into.contentEnd = contentEnd;
  into.end = pythonStringEnd(text, at, contentEnd);
  return true;
}

/**
 * The first string literal or comment at or after `from`, which must be a token boundary of code (0, or the end of a
 * string or comment), or undefined when there is none. `nameChar` says which characters before prefix letters make
 * them part of a name (default: Python's).
 */
export function nextPythonLiteral(text: string, from: number, wordChar: (c: number) => boolean = nameChar): PythonString | PythonComment | undefined {
  const b: PythonLiteralBounds = { comment: false, start: 0, quoteAt: 0, contentStart: 0, contentEnd: 0, end: 0 };
  if (!nextPythonLiteralBounds(text, from, b, wordChar)) return undefined;
  if (b.comment) return { comment: true, start: b.start, end: b.end };
  return readPythonString(text, b.start, b.quoteAt - b.start);
}

/** Where the string whose quote is at `quoteAt` starts: its prefix letters, when they are one (not the end of a name). */
export function prefixStart(text: string, from: number, quoteAt: number, wordChar: (c: number) => boolean = nameChar): number {
  // Two letters first (`rb"…"`), then one; unrolled: this runs for every quote of a file.
  let s = quoteAt - 2;
  if (s >= from && pythonStringPrefix(text, s) === 2 && (s === 0 || !wordChar(text.charCodeAt(s - 1)))) return s;
  s = quoteAt - 1;
  if (s >= from && pythonStringPrefix(text, s) === 1 && (s === 0 || !wordChar(text.charCodeAt(s - 1)))) return s;
  return quoteAt;
}

const QUOTES = ['"', '"""', "'", "'''"];

/** The string literal at `start` whose quote follows `prefixLength` prefix letters. */
export function readPythonString(text: string, start: number, prefixLength: number): PythonString {
  const q = start + prefixLength;
  const quoteLength = pythonQuoteLength(text, q);
  const contentEnd = pythonStringContentEnd(text, start, prefixLength);
  const end = pythonStringEnd(text, q, contentEnd);
  return {
    start,
    prefix: q === start ? '' : text.slice(start, q).toLowerCase(),
    quote: QUOTES[(text.charCodeAt(q) === SINGLE ? 2 : 0) + (quoteLength === 3 ? 1 : 0)]!,
    contentStart: Math.min(q + quoteLength, text.length),
    contentEnd,
    end,
    closed: end > contentEnd,
  };
}
