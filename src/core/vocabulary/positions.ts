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
