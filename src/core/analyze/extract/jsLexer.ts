import * as chars from './chars';

// Read once into constants: unbundled (the unit tests), each use of an imported binding is a property read.
const { charTable, BACKSLASH, BACKTICK, BANG, CLOSE_BRACE, CLOSE_BRACKET, CLOSE_PAREN, COMMA, CR, DIGIT_0, DIGIT_9, DOLLAR, DOT, DOUBLE, EQUALS, GREATER, HASH, LESS, LF, LOWER_A, LOWER_Z, MINUS, OPEN_BRACE, OPEN_BRACKET, OPEN_PAREN, PLUS, SEMICOLON, SINGLE, SLASH, SPACE, STAR } = chars;

/**
 * Just enough of a JavaScript/TypeScript lexer for statementSlices: brackets, `;` and `,`, the few keywords that
 * shape statements, and the tokens that must be skipped whole (strings, templates, comments, regular expressions).
 * Everything else is an operand or "other punctuation". It reads char codes and allocates nothing per token but the
 * text of short lower-case words (to recognize keywords), faster than the compiler's scanner (bench/NOTES.md). Its
 * API follows the compiler's scanner (`scan`, `reScanSlashToken`,
 * `reScanTemplateToken`), and like it, it reports what it cannot read (an unterminated string, comment, template or
 * regular expression) through `onError`, after which the caller gives up on slicing.
 */
export const Kind = {
  Unknown: 0,
  EndOfFileToken: 1,
  Identifier: 2,
  StringLiteral: 3,
  NumericLiteral: 4,
  RegularExpressionLiteral: 5,
  NoSubstitutionTemplateLiteral: 6,
  TemplateHead: 7,
  TemplateMiddle: 8,
  TemplateTail: 9,
  // Punctuation, FirstPunctuation to LastPunctuation.
  OpenBraceToken: 10,
  CloseBraceToken: 11,
  OpenParenToken: 12,
  CloseParenToken: 13,
  OpenBracketToken: 14,
  CloseBracketToken: 15,
  SemicolonToken: 16,
  CommaToken: 17,
  EqualsGreaterThanToken: 18,
  ExclamationToken: 19,
  PlusPlusToken: 20,
  MinusMinusToken: 21,
  LessThanToken: 22,
  SlashToken: 23,
  SlashEqualsToken: 24,
  OtherPunctuation: 25,
  FirstPunctuation: 10,
  LastPunctuation: 25,
  // Keywords (contextual ones too, as the compiler's scanner reports them).
  AbstractKeyword: 30,
  AsyncKeyword: 31,
  AwaitKeyword: 32,
  CaseKeyword: 33,
  ClassKeyword: 34,
  ConstKeyword: 35,
  DeclareKeyword: 36,
  DefaultKeyword: 37,
  DeleteKeyword: 38,
  DoKeyword: 39,
  ElseKeyword: 40,
  EnumKeyword: 41,
  ExportKeyword: 42,
  FinallyKeyword: 43,
  FunctionKeyword: 44,
  GlobalKeyword: 45,
  InKeyword: 46,
  InstanceOfKeyword: 47,
  InterfaceKeyword: 48,
  LetKeyword: 49,
  ModuleKeyword: 50,
  NamespaceKeyword: 51,
  NewKeyword: 52,
  OfKeyword: 53,
  ReturnKeyword: 54,
  StaticKeyword: 55,
  SwitchKeyword: 56,
  ThisKeyword: 57,
  ThrowKeyword: 58,
  TryKeyword: 59,
  TypeOfKeyword: 60,
  VarKeyword: 61,
  VoidKeyword: 62,
  YieldKeyword: 63,
} as const;

/**
 * Keywords by first letter and length (`(first - 'a') * 11 + length`): a word is compared in place with the one or two
 * of its bucket, not sliced out and looked up (no string per identifier).
 */
const KEYWORD_BUCKETS: Array<Array<{ word: string; kind: number }> | undefined> = [];
for (const [name, kind] of Object.entries(Kind)) {
  if (!name.endsWith('Keyword')) continue;
  const word = name.slice(0, -'Keyword'.length).toLowerCase();
  (KEYWORD_BUCKETS[(word.charCodeAt(0) - LOWER_A) * 11 + word.length] ??= []).push({ word, kind });
}

/** Identifier characters by char code below 128 (above: any non-space character counts, as in Unicode identifiers). */
const IDENTIFIER = charTable(String.raw`A-Za-z0-9_$\\`);
const isIdentifierPart = (c: number) => (c < 128 ? IDENTIFIER[c] === 1 : !isSpace(c));
const isSpace = (c: number) => c <= SPACE || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
const isLineBreak = (c: number) => c === LF || c === CR || c === 0x2028 || c === 0x2029;
const isDigit = (c: number) => c >= DIGIT_0 && c <= DIGIT_9;

export class JsLexer {
  private pos = 0;
  private tokenStart = 0;

  constructor(
    private readonly text: string,
    private readonly onError: () => void,
  ) {}

  getTokenStart(): number {
    return this.tokenStart;
  }

  getTokenEnd(): number {
    return this.pos;
  }

  scan(): number {
    const { text } = this;
    const n = text.length;
    let i = this.pos;
    // Trivia: white space, comments, a `#!` line at the very start.
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= n) break;
      if (isSpace(c)) i++;
      else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) i = this.lineEnd(i + 2);
      else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) {
          this.onError();
          i = n;
        } else i = close + 2;
      } else if (c === HASH && i === 0 && text.charCodeAt(1) === BANG) i = this.lineEnd(2);
      else break;
    }
    this.tokenStart = i;
    if (i >= n) {
      this.pos = n;
      return Kind.EndOfFileToken;
    }
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    this.pos = i + 1;
    switch (c) {
      case OPEN_BRACE:
        return Kind.OpenBraceToken;
      case CLOSE_BRACE:
        return Kind.CloseBraceToken;
      case OPEN_PAREN:
        return Kind.OpenParenToken;
      case CLOSE_PAREN:
        return Kind.CloseParenToken;
      case OPEN_BRACKET:
        return Kind.OpenBracketToken;
      case CLOSE_BRACKET:
        return Kind.CloseBracketToken;
      case SEMICOLON:
        return Kind.SemicolonToken;
      case COMMA:
        return Kind.CommaToken;
      case DOUBLE:
      case SINGLE:
        return this.string(i, c);
      case BACKTICK:
        return this.template(i + 1, Kind.NoSubstitutionTemplateLiteral, Kind.TemplateHead);
      case EQUALS:
        return this.pair(i, GREATER, Kind.EqualsGreaterThanToken, Kind.OtherPunctuation);
      case BANG:
        return next === EQUALS ? Kind.OtherPunctuation : Kind.ExclamationToken;
      case PLUS:
        return this.pair(i, PLUS, Kind.PlusPlusToken, Kind.OtherPunctuation);
      case MINUS:
        return this.pair(i, MINUS, Kind.MinusMinusToken, Kind.OtherPunctuation);
      case LESS:
        // `<<`, `<=`, `<<=` are operators; only a lone `<` may open a type argument list or a JSX element.
        if (next === LESS || next === EQUALS) {
          this.pos = next === LESS && text.charCodeAt(i + 2) === EQUALS ? i + 3 : i + 2;
          return Kind.OtherPunctuation;
        }
        return Kind.LessThanToken;
      case SLASH:
        return this.pair(i, EQUALS, Kind.SlashEqualsToken, Kind.SlashToken);
      case HASH:
        // A private name: an operand like any identifier.
        return this.word(i + 1, false);
    }
    if (isDigit(c) || (c === DOT && isDigit(next))) {
      let j = i + 1;
      while (j < n && isIdentifierPart(text.charCodeAt(j))) j++;
      // `1.5`, `.5e3`: dots inside the number (`1..toString()` leaves the second dot as punctuation).
      while (j < n && text.charCodeAt(j) === DOT && isDigit(text.charCodeAt(j + 1))) for (j++; j < n && isIdentifierPart(text.charCodeAt(j)); ) j++;
      this.pos = j;
      return Kind.NumericLiteral;
    }
    if (isIdentifierPart(c)) return this.word(i, true);
    return Kind.OtherPunctuation;
  }

  /** After a `/` or `/=` token that starts an expression: the regular expression literal it begins. */
  reScanSlashToken(): number {
    const { text } = this;
    const n = text.length;
    let i = this.tokenStart + 1;
    let inClass = false;
    for (;; i++) {
      if (i >= n || isLineBreak(text.charCodeAt(i))) {
        this.onError();
        this.pos = n;
        return Kind.RegularExpressionLiteral;
      }
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i++;
      else if (c === OPEN_BRACKET) inClass = true;
      else if (c === CLOSE_BRACKET) inClass = false;
      else if (c === SLASH && !inClass) break;
    }
    for (i++; i < n && isIdentifierPart(text.charCodeAt(i)); ) i++;
    this.pos = i;
    return Kind.RegularExpressionLiteral;
  }

  /** After the `}` that closes a substitution: the rest of the template, up to the next substitution or its end. */
  reScanTemplateToken(): number {
    return this.template(this.tokenStart + 1, Kind.TemplateTail, Kind.TemplateMiddle);
  }

  /** The two-character token `both` when `second` follows the character at `at`, else that character alone (`one`). */
  private pair(at: number, second: number, both: number, one: number): number {
    if (this.text.charCodeAt(at + 1) !== second) return one;
    this.pos = at + 2;
    return both;
  }

  private lineEnd(from: number): number {
    const { text } = this;
    let i = from;
    while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
    return i;
  }

  private string(start: number, quote: number): number {
    const { text } = this;
    const n = text.length;
    for (let i = start + 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === quote) {
        this.pos = i + 1;
        return Kind.StringLiteral;
      }
      if (c === BACKSLASH) {
        // An escape, or a line continuation (`\` + CR LF counts as one break).
        if (text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF) i++;
        i++;
      } else if (c === LF || c === CR) break;
    }
    this.onError();
    this.pos = n;
    return Kind.StringLiteral;
  }

  private template(from: number, ends: number, opens: number): number {
    const { text } = this;
    const n = text.length;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKTICK) {
        this.pos = i + 1;
        return ends;
      }
      if (c === BACKSLASH) i++;
      else if (c === DOLLAR && text.charCodeAt(i + 1) === OPEN_BRACE) {
        this.pos = i + 2;
        return opens;
      }
    }
    this.onError();
    this.pos = n;
    return ends;
  }

  private word(start: number, keyword: boolean): number {
    const { text } = this;
    let j = start;
    while (j < text.length && isIdentifierPart(text.charCodeAt(j))) j++;
    this.pos = j;
    const first = text.charCodeAt(start);
    // Keywords are 2–10 lower-case letters: only such words are looked up.
    if (keyword && j - start >= 2 && j - start <= 10 && first >= LOWER_A && first <= LOWER_Z) {
      const bucket = KEYWORD_BUCKETS[(first - LOWER_A) * 11 + j - start];
      if (bucket) for (const { word, kind } of bucket) if (text.startsWith(word, start)) return kind;
    }
    return Kind.Identifier;
  }
}
