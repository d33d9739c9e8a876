/** Char codes the lexers compare with (tokens.ts, jsLexer.ts), by name: they read char codes, not one-character strings. */
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33;
export const DOUBLE = 34;
export const HASH = 35;
export const DOLLAR = 36;
export const SINGLE = 39;
export const OPEN_PAREN = 40;
export const CLOSE_PAREN = 41;
export const STAR = 42;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const SLASH = 47;
export const DIGIT_0 = 48;
export const DIGIT_9 = 57;
export const SEMICOLON = 59;
export const LESS = 60;
export const EQUALS = 61;
export const GREATER = 62;
export const OPEN_BRACKET = 91;
export const BACKSLASH = 92;
export const CLOSE_BRACKET = 93;
export const BACKTICK = 96;
export const LOWER_A = 97;
export const LOWER_Z = 122;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;

/**
 * A table of the characters a regular-expression class body matches (`A-Za-z0-9_$`), by char code below 128: a lexer
 * looks a char code up instead of testing a one-character string with a regular expression.
 */
export function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  const re = new RegExp(`[${chars}]`);
  for (let c = 0; c < 128; c++) if (re.test(String.fromCharCode(c))) table[c] = 1;
  return table;
}
