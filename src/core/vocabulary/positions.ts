import type { Position } from '../findings';

/**
 * Offsets ↔ lines, with the line breaks VS Code and the LSP count: `\r\n`, `\n` and a lone `\r` each end a
 * line. The one place that decides it, so a squiggle, an ignore directive, a fix's message and a config
 * error all name the same line of a file saved with any line endings (a CR-only file included).
 */

const LF = 10;
const CR = 13;

/**
 * Offsets where each line starts (the first is 0). Bytes of an ASCII-compatible encoding (UTF-8, Latin-1) go in
 * decoded as Latin-1: one character per byte, so the offsets are byte offsets.
 */
export function lineStarts(text: string): number[] {
  // Line breaks found by indexOf (native, fast), each once: a character loop over every analyzed file cost a tenth
  // of a workspace scan. A text without a \r looks for one once.
  const starts = [0];
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      // `\r\n` is one break; a lone `\r` is one too.
      const end = text.charCodeAt(cr + 1) === LF ? cr + 1 : cr;
      starts.push(end + 1);
      if (end !== cr) lf = text.indexOf('\n', end + 1);
      cr = text.indexOf('\r', end + 1);
    } else {
      starts.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return starts;
}

/** Offset → zero-based line/character (UTF-16 units), the line starts computed once, when first asked. */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  position(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text));
    const line = lastAtOrBefore(starts, offset);
    return { line, character: offset - starts[line]! };
  }

  /** Zero-based line of an offset. */
  lineOf(offset: number): number {
    return this.position(offset).line;
  }

  /** Where the line holding an offset starts. */
  lineStart(offset: number): number {
    const starts = (this.starts ??= lineStarts(this.text));
    return starts[lastAtOrBefore(starts, offset)]!;
  }
}

/**
 * Where the line holding an offset starts, asked for ascending offsets (a pass over keyword hits): no table of every
 * line (a pass over a file's few hits paid for all its lines, a fiftieth of a workspace scan), and linear time overall:
 * each forward search for the next break, and each backward one for the last break before an offset, covers text no
 * other one does. An offset is assumed not to sit on the `\n` of a `\r\n` (the callers ask at a word).
 */
export class LineStartCursor {
  private scanned = 0;
  private start = 0;
  private nextLf: number;
  private nextCr: number;
  constructor(private readonly text: string) {
    this.nextLf = text.indexOf('\n');
    this.nextCr = text.indexOf('\r');
  }

  lineStart(offset: number): number {
    if (offset < this.scanned) return new LineIndex(this.text).lineStart(offset);
    const { text, nextLf, nextCr } = this;
    const lf = nextLf >= 0 && nextLf < offset ? text.lastIndexOf('\n', offset - 1) : -1;
    const cr = nextCr >= 0 && nextCr < offset ? text.lastIndexOf('\r', offset - 1) : -1;
    if (lf >= 0 || cr >= 0) {
      this.start = Math.max(lf, cr) + 1;
      if (lf >= 0) this.nextLf = text.indexOf('\n', offset);
      if (cr >= 0) this.nextCr = text.indexOf('\r', offset);
    }
    this.scanned = offset;
    return this.start;
  }
}

/**
 * The word around each keyword hit, asked for ascending hit ends (a pass over keyword hits): a word that holds several
 * hits (`apiKeyToken`, or a long base64 run with a hit every few bytes) is read once, where looking back to its start
 * from every hit was quadratic on a long run. `isWordChar` says what a word is made of.
 */
export class WordCursor {
  /** The current word: [start, stop). */
  start = -1;
  stop = -1;
  /** Hits ending up to here lie in the current word (-1: none can, its hit ended in another character). */
  private sharedUntil = -1;
  constructor(
    private readonly text: string,
    private readonly isWordChar: (c: number) => boolean,
  ) {}

  /** Moves to the word of the hit ending at `end`; false when that is the current word. */
  next(end: number): boolean {
    const { text, isWordChar } = this;
    // The ends ascend, so a hit whose last character lies inside the current word is in that word.
    if (end > this.start && end <= this.sharedUntil && isWordChar(text.charCodeAt(end - 1))) return false;
    let start = end - 1;
    while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
    if (start === this.start) return false;
    let stop = end;
    while (stop < text.length && isWordChar(text.charCodeAt(stop))) stop++;
    this.start = start;
    this.stop = stop;
    // A keyword ending in another character (none does today) leaves no word that later hits could share.
    this.sharedUntil = isWordChar(text.charCodeAt(end - 1)) ? stop : -1;
    return true;
  }
}

/** Zero-based line/character of one offset (for a single position; a LineIndex for many). */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** One-based line of an offset, as messages for people name it (`at line 3`). */
export function lineNumberAt(text: string, offset: number): number {
  return positionAt(text, offset).line + 1;
}

/** The index of the last of `sorted` (ascending, not empty) that is at most `value`; 0 when none is. */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
