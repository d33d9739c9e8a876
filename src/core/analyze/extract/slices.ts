import type { ts } from 'ts-morph';

/**
 * The statements that hold some of the given offsets, so a large file can be parsed in part: a bundle of 500 KB with
 * two candidate strings needs the two statements around them, not a syntax tree of the whole file (the parse was most
 * of a workspace scan's time, nearly all of it on such files). Every way a string is bound to a name (declaration,
 * property, argument, assignment, comparison, fallback) lies within one statement, so the statement is enough.
 *
 * One pass of the compiler's scanner (a fifth of the parse's time) keeps a stack of open brackets. A `{` after `)`,
 * `=>`, `else`, `try`, `finally`, `do` or `static` opens a statement list (a body or a block), as does the file itself;
 * a `;` directly in a list ends a statement there. Each offset gets the statement of the innermost list around it,
 * from the list's last `;` before it to its next `;` (or the list's end).
 *
 * Undefined whenever the structure is in doubt, and the caller parses the whole file: a scanner error, a bracket that
 * closes the wrong kind, brackets left open, JSX (its text is not tokens) or slices covering most of the file.
 */
export function statementSlices(T: typeof ts, text: string, offsets: readonly number[], jsx: boolean): Array<[number, number]> | undefined {
  if (offsets.length === 0) return [];
  // The enum is a large object in dictionary mode: its members are read once here, not per token.
  const { ExclamationToken, Identifier, ThisKeyword, AwaitKeyword, CaseKeyword, CloseBraceToken, CloseBracketToken, CloseParenToken, DeleteKeyword, DoKeyword, ElseKeyword, EndOfFileToken, EqualsGreaterThanToken, FinallyKeyword, FirstPunctuation, InKeyword, InstanceOfKeyword, LastPunctuation, LessThanToken, MinusMinusToken, NewKeyword, OfKeyword, OpenBraceToken, OpenBracketToken, OpenParenToken, PlusPlusToken, ReturnKeyword, SemicolonToken, SlashEqualsToken, SlashToken, StaticKeyword, SwitchKeyword, TemplateHead, TemplateMiddle, TemplateTail, ThrowKeyword, TryKeyword, TypeOfKeyword, Unknown, VoidKeyword, YieldKeyword } = T.SyntaxKind;
  let failed = false;
  const scanner = T.createScanner(T.ScriptTarget.Latest, true, T.LanguageVariant.Standard, text, () => (failed = true));
  interface Frame {
    /** The token that opened it (OpenBraceToken, OpenParenToken, OpenBracketToken, TemplateHead/Middle). */
    open: ts.SyntaxKind;
    list: boolean;
    /** Where the statement being read in this list started. */
    statementStart: number;
    /** Slices (indexes) whose statement in this list has not ended yet. */
    waiting: number[];
    /** For `(`: the token before it (`switch (…) {` opens case clauses, not a statement list). */
    before?: ts.SyntaxKind;
  }
  const top: Frame = { open: Unknown, list: true, statementStart: 0, waiting: [] };
  const stack: Frame[] = [top];
  const slices: Array<[number, number]> = [];
  /** Whether a `/` or `<` after this token starts an expression (a regular expression, JSX) rather than dividing. */
  const startsExpression = (prev: ts.SyntaxKind): boolean => {
    if (prev === Unknown) return true;
    if (prev === CloseParenToken || prev === CloseBracketToken || prev === CloseBraceToken || prev === PlusPlusToken || prev === MinusMinusToken) return false;
    if (prev >= FirstPunctuation && prev <= LastPunctuation) return true;
    return prev === ReturnKeyword || prev === TypeOfKeyword || prev === InstanceOfKeyword || prev === InKeyword || prev === OfKeyword || prev === NewKeyword || prev === DeleteKeyword || prev === VoidKeyword || prev === ThrowKeyword || prev === CaseKeyword || prev === DoKeyword || prev === ElseKeyword || prev === YieldKeyword || prev === AwaitKeyword || prev === TemplateHead || prev === TemplateMiddle;
  };
  const end = (frame: Frame, at: number) => {
    for (const i of frame.waiting) slices[i]![1] = at;
    frame.waiting = [];
  };
  let next = 0;
  let prev = Unknown as ts.SyntaxKind;
  let beforePrev = Unknown as ts.SyntaxKind;
  let closedParenBefore: ts.SyntaxKind = Unknown;
  for (let k = scanner.scan(); k !== EndOfFileToken; k = scanner.scan()) {
    if (failed) return undefined;
    // In TypeScript `x! / y` divides: a `!` right after an operand is the non-null assertion, not a negation.
    const nonNull = !jsx && prev === ExclamationToken && (beforePrev === Identifier || beforePrev === CloseParenToken || beforePrev === CloseBracketToken || beforePrev === ThisKeyword);
    if ((k === SlashToken || k === SlashEqualsToken) && !nonNull && startsExpression(prev)) k = scanner.reScanSlashToken();
    if (jsx && k === LessThanToken && startsExpression(prev)) return undefined;
    const tokenEnd = scanner.getTokenEnd();
    // The innermost statement list around each offset this token has reached.
    while (next < offsets.length && offsets[next]! < tokenEnd) {
      let frame = stack[stack.length - 1]!;
      for (let i = stack.length - 1; !frame.list; ) frame = stack[--i]!;
      frame.waiting.push(slices.length);
      slices.push([frame.statementStart, -1]);
      next++;
    }
    const frame = stack[stack.length - 1]!;
    switch (k) {
      case OpenBraceToken: {
        const list = prev === EqualsGreaterThanToken || prev === ElseKeyword || prev === TryKeyword || prev === FinallyKeyword || prev === DoKeyword || prev === StaticKeyword || (prev === CloseParenToken && closedParenBefore !== SwitchKeyword);
        stack.push({ open: k, list, statementStart: tokenEnd, waiting: [] });
        break;
      }
      case OpenParenToken:
      case OpenBracketToken:
        stack.push({ open: k, list: false, statementStart: 0, waiting: [], before: prev });
        break;
      case TemplateHead:
        stack.push({ open: k, list: false, statementStart: 0, waiting: [] });
        break;
      case CloseBraceToken: {
        if (frame.open === TemplateHead) {
          // `}` of a substitution: the template goes on (TemplateMiddle, another substitution) or ends (TemplateTail).
          stack.pop();
          k = scanner.reScanTemplateToken(false);
          if (k === TemplateMiddle) stack.push({ open: TemplateHead, list: false, statementStart: 0, waiting: [] });
          else if (k !== TemplateTail) return undefined;
          break;
        }
        if (frame.open !== OpenBraceToken) return undefined;
        end(frame, scanner.getTokenStart());
        stack.pop();
        break;
      }
      case CloseParenToken:
      case CloseBracketToken:
        if (frame.open !== (k === CloseParenToken ? OpenParenToken : OpenBracketToken)) return undefined;
        if (k === CloseParenToken) closedParenBefore = frame.before ?? Unknown;
        stack.pop();
        break;
      case SemicolonToken:
        if (frame.list) {
          end(frame, tokenEnd);
          frame.statementStart = tokenEnd;
        }
        break;
    }
    beforePrev = prev;
    prev = k;
  }
  if (failed || stack.length !== 1) return undefined;
  // Offsets past the last token (none in a well-formed file) and the file's last statement.
  for (; next < offsets.length; next++) slices.push([top.statementStart, -1]);
  end(top, text.length);
  for (const s of slices) if (s[1] < 0) s[1] = text.length;
  return merge(slices);
}

/** Sorted, with overlapping and touching spans joined. */
function merge(spans: Array<[number, number]>): Array<[number, number]> {
  spans.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of spans) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
