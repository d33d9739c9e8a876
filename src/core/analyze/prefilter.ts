import { shannonEntropy } from './entropy';
import { isPlaceholder, looksLikeWords } from './quiet';

/**
 * Before parsing a script, find the quoted strings that could hold a key at all: a piece of at least 8
 * non-space characters, random-looking enough for the loosest name-bound rule, not a placeholder and not
 * made of words. Most edits of most files have none, and then the file is never parsed.
 * The quote pairing is per line (backticks may span lines), so a stray apostrophe in a comment cannot hide
 * a literal on another line. Returns the offsets of the strings' opening quotes, ascending.
 */
const QUOTED = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[^])*`/g;
const PIECE = /[^\s"'`]{8,}/g;

export function interestingStrings(text: string, minEntropy: number): number[] {
  const out: number[] = [];
  QUOTED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTED.exec(text))) {
    if (m[0].length < 10) continue;
    PIECE.lastIndex = 0;
    let p: RegExpExecArray | null;
    while ((p = PIECE.exec(m[0]))) {
      const piece = p[0];
      if (!isPlaceholder(piece) && !looksLikeWords(piece) && shannonEntropy(piece) >= minEntropy) {
        out.push(m.index);
        break;
      }
    }
  }
  return out;
}
