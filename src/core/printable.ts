/**
 * Text from a repository (file names, config names and values, notes) made safe to print on a terminal: control
 * characters and bidirectional formatting characters become `\uXXXX`. An ESC starts a terminal escape sequence (a
 * retitled window, a rewritten line, a hyperlink), CR and LF forge lines (`fake.py:1:1 error`), and the bidi overrides
 * reorder what is shown (Trojan Source). `\uXXXX` is also JSON's own escape, so JSON output keeps its meaning.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, keeping line feeds: for whole messages, whose lines are ours (the values in them were escaped already). */
const UNSAFE_BUT_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One value (a path, a name, a message) on one line: every control and bidi character escaped, LF and CR too. */
export function printable(value: string): string {
  return value.replace(UNSAFE, escape);
}

/** A whole output text whose line feeds are meant: everything else `printable` escapes. */
export function printableLines(text: string): string {
  return text.replace(UNSAFE_BUT_LF, escape);
}
