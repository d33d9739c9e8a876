/**
 * Just enough of a JavaScript/TypeScript lexer for statementSlices: brackets, `;` and `,`, the few keywords that
 * shape statements, and the tokens that must be skipped whole (strings, templates, comments, regular expressions).
 * Everything else is an operand or "other punctuation". It reads char codes and allocates nothing per token but the
 * text of short lower-case words (to recognize keywords): four times the speed of the compiler's scanner, which was
 * a third of a workspace scan's parsing time. Its API follows the compiler's scanner (`scan`, `reScanSlashToken`,
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

const KEYWORDS = new Map<string, number>(
  Object.entries(Kind)
    .filter(([name]) => name.endsWith('Keyword'))
    .map(([name, kind]) => [name.slice(0, -'Keyword'.length).toLowerCase(), kind]),
);

/** Identifier characters by char code below 128 (above: any non-space character counts, as in Unicode identifiers). */
const IDENTIFIER = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[A-Za-z0-9_$\\]/.test(String.fromCharCode(c))) IDENTIFIER[c] = 1;
const isIdentifierPart = (c: number) => (c < 128 ? IDENTIFIER[c] === 1 : !isSpace(c));
const isSpace = (c: number) => c <= 32 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

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
      else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) i = this.lineEnd(i + 2);
      else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) {
          this.onError();
          i = n;
        } else i = close + 2;
      } else if (c === 35 /* # */ && i === 0 && text.charCodeAt(1) === 33 /* ! */) i = this.lineEnd(2);
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
      case 123:
        return Kind.OpenBraceToken;
      case 125:
        return Kind.CloseBraceToken;
      case 40:
        return Kind.OpenParenToken;
      case 41:
        return Kind.CloseParenToken;
      case 91:
        return Kind.OpenBracketToken;
      case 93:
        return Kind.CloseBracketToken;
      case 59:
        return Kind.SemicolonToken;
      case 44:
        return Kind.CommaToken;
      case 34:
      case 39:
        return this.string(i, c);
      case 96:
        return this.template(i + 1, Kind.NoSubstitutionTemplateLiteral, Kind.TemplateHead);
      case 61 /* = */:
        if (next === 62) {
          this.pos = i + 2;
          return Kind.EqualsGreaterThanToken;
        }
        return Kind.OtherPunctuation;
      case 33 /* ! */:
        return next === 61 ? Kind.OtherPunctuation : Kind.ExclamationToken;
      case 43 /* + */:
        if (next === 43) {
          this.pos = i + 2;
          return Kind.PlusPlusToken;
        }
        return Kind.OtherPunctuation;
      case 45 /* - */:
        if (next === 45) {
          this.pos = i + 2;
          return Kind.MinusMinusToken;
        }
        return Kind.OtherPunctuation;
      case 60 /* < */:
        // `<<`, `<=`, `<<=` are operators; only a lone `<` may open a type argument list or a JSX element.
        if (next === 60 || next === 61) {
          this.pos = next === 60 && text.charCodeAt(i + 2) === 61 ? i + 3 : i + 2;
          return Kind.OtherPunctuation;
        }
        return Kind.LessThanToken;
      case 47 /* / */:
        if (next === 61) {
          this.pos = i + 2;
          return Kind.SlashEqualsToken;
        }
        return Kind.SlashToken;
      case 35 /* # */:
        // A private name: an operand like any identifier.
        return this.word(i + 1, false);
    }
    if ((c >= 48 && c <= 57) || (c === 46 /* . */ && next >= 48 && next <= 57)) {
      let j = i + 1;
      while (j < n && isIdentifierPart(text.charCodeAt(j))) j++;
      // `1.5`, `.5e3`: dots inside the number (`1..toString()` leaves the second dot as punctuation).
      while (j < n && text.charCodeAt(j) === 46 && text.charCodeAt(j + 1) >= 48 && text.charCodeAt(j + 1) <= 57) for (j++; j < n && isIdentifierPart(text.charCodeAt(j)); ) j++;
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
      if (c === 92 /* \ */) i++;
      else if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) break;
    }
    for (i++; i < n && isIdentifierPart(text.charCodeAt(i)); ) i++;
    this.pos = i;
    return Kind.RegularExpressionLiteral;
  }

  /** After the `}` that closes a substitution: the rest of the template, up to the next substitution or its end. */
  reScanTemplateToken(): number {
    return this.template(this.tokenStart + 1, Kind.TemplateTail, Kind.TemplateMiddle);
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
      if (c === 92) {
        // An escape, or a line continuation (`\` + CR LF counts as one break).
        if (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10) i++;
        i++;
      } else if (c === 10 || c === 13) break;
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
      if (c === 96) {
        this.pos = i + 1;
        return ends;
      }
      if (c === 92) i++;
      else if (c === 36 && text.charCodeAt(i + 1) === 123) {
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
    if (keyword && j - start >= 2 && j - start <= 10 && first >= 97 && first <= 122) return KEYWORDS.get(text.slice(start, j)) ?? Kind.Identifier;
    return Kind.Identifier;
  }
}
