/**
 * Before parsing or tokenizing a script, find the quoted strings that could become a name-bound finding at all: the
 * string starts near a secret-like name keyword (where a name that binds it can sit), and one of its whitespace-free
 * pieces passes the value side of some rule (`couldBind`: pattern, entropy, not a placeholder). Most files of real
 * code, and most edits, have none, and then the file is neither parsed nor tokenized.
 *
 * The quote pairing is per line (backticks may span lines, and Python's triple quotes), so a stray quote cannot hide
 * a literal on another line; comments are skipped whole, so an apostrophe in one pairs with nothing. Strings are enumerated by one regular expression (fast: V8 runs it
 * in generated code); only the long ones near a name are cut into pieces and checked.
 */
const SCRIPT_STRINGS = /\/\/[^\n]*|\/\*[^]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[^])*`/g;
const PYTHON_STRINGS = /#[^\n]*|"""[^]*?"""|'''[^]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;
/** Template substitutions split a backtick string into the literal parts the parser reports one by one. */
const SUBSTITUTION = /\$\{[^}]*\}/g;
/** `X-Api-Key:abc…` in one string: the value after the header name is what a rule sees. */
const HEADER_PREFIX = /^[A-Za-z][A-Za-z0-9-]{1,30}:/;

export type StringDialect = 'script' | 'python';

/** How far from a string's opening quote a name that binds it can sit (declaration, property, call, comparison). */
export const NAME_WINDOW_BEFORE = 512;
export const NAME_WINDOW_AFTER = 640;

/**
 * Offsets (of the opening quote, ascending) of the strings that start within the name window of one of
 * `namePositions` (ascending) and have a piece of at least `minLength` non-space characters that `couldBind` accepts.
 */
export function boundStringOffsets(text: string, namePositions: readonly number[], dialect: StringDialect, minLength: number, couldBind: (piece: string) => boolean): number[] {
  const out: number[] = [];
  if (namePositions.length === 0) return out;
  const strings = dialect === 'python' ? PYTHON_STRINGS : SCRIPT_STRINGS;
  const piece = new RegExp(`\\S{${minLength},}`, 'g');
  strings.lastIndex = 0;
  let h = 0;
  let m: RegExpExecArray | null;
  while ((m = strings.exec(text))) {
    const quoted = m[0];
    // Comments are matched only to be skipped: an apostrophe in one (`don't`) would pair with a quote after it.
    if (quoted.length < minLength + 2 || quoted[0] === '/' || quoted[0] === '#') continue;
    const o = m.index;
    while (h < namePositions.length && namePositions[h]! < o - NAME_WINDOW_BEFORE) h++;
    if (h === namePositions.length) break; // no name after this point: no later string is near one
    if (namePositions[h]! > o + NAME_WINDOW_AFTER) continue;
    const q = quoted.startsWith('"""') || quoted.startsWith("'''") ? 3 : 1;
    let content = quoted.slice(q, quoted.length - q);
    if (quoted[0] === '`' && content.includes('${')) content = content.replace(SUBSTITUTION, ' ');
    piece.lastIndex = 0;
    let p: RegExpExecArray | null;
    while ((p = piece.exec(content))) {
      const value = p[0];
      const header = HEADER_PREFIX.exec(value);
      if (couldBind(value) || (header && value.length - header[0].length >= minLength && couldBind(value.slice(header[0].length)))) {
        out.push(o);
        break;
      }
    }
  }
  return out;
}
