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
      if (randomEnough(p[0], minEntropy)) {
        out.push(m.index);
        break;
      }
    }
  }
  return out;
}

/**
 * The verdict on a piece, remembered: re-analysis after a keystroke sees the same strings again (all but the edited
 * one), and the placeholder, words and entropy checks per piece were a sixth of a 5,000-line file's re-analysis. Pure
 * functions of the piece and the floor, so the result is the same; the memo is dropped when it grows large.
 */
const verdicts = new Map<string, boolean>();
let verdictFloor = NaN;
function randomEnough(piece: string, minEntropy: number): boolean {
  if (minEntropy !== verdictFloor || verdicts.size > 50_000) {
    verdicts.clear();
    verdictFloor = minEntropy;
  }
  let v = verdicts.get(piece);
  if (v === undefined) {
    v = !isPlaceholder(piece) && !looksLikeWords(piece) && shannonEntropy(piece) >= minEntropy;
    verdicts.set(piece, v);
  }
  return v;
}
