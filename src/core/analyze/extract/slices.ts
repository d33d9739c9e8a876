import { JsLexer, Kind } from './jsLexer';

/** What to keep of a file for a partial parse: text ranges, and commas that become `;` (a declarator cut loose). */
export interface Slices {
  /** Sorted, not touching. */
  ranges: Array<[number, number]>;
  /** Offsets of commas outside every range, to be written as `;`. */
  semicolons: number[];
}

export interface SliceOptions {
  /** The file may hold JSX (.js, .jsx, .tsx): a `<` that starts an expression gives up, its text is not tokens. */
  jsx: boolean;
  /**
   * Cut `var`/`let`/`const` lists at their commas (JavaScript only, where a comma at statement level is never inside a
   * type such as `Map<string, number>`): a bundle's single `var` of 2,000 declarators becomes the one declarator needed.
   */
  declarators: boolean;
}

/**
 * The statements that hold some of the given offsets, so a large file can be parsed in part: a bundle of 500 KB with
 * two candidate strings needs the two statements around them, not a syntax tree of the whole file (the parse was most
 * of a workspace scan's time, nearly all of it on such files). Every way a string is bound to a name (declaration,
 * property, argument, assignment, comparison, fallback) lies within one statement, or one declarator of it.
 *
 * One pass of a small lexer (jsLexer.ts, much cheaper than the parse) keeps a stack of open brackets. A `{`
 * after `)`, `=>`, `else`, `try`, `finally`, `do`, `static`, `namespace N`, `module "m"` or `global` opens a statement
 * list (a body or a block), as does the file itself; a `;` directly in a list ends a statement there, as does the body
 * of a function, class, interface, enum or namespace declaration. Each offset gets the statement of the innermost list
 * around it, from the list's last `;` before it to its next `;` (or the list's end); with `declarators`, in a `var`,
 * `let` or `const` statement, the declarator between its commas, kept with the keyword.
 *
 * Undefined whenever the structure is in doubt, and the caller parses the whole file: a lexer error, a bracket that
 * closes the wrong kind, brackets left open, or JSX, read up to where the last slice ends (the rest of the file is not
 * read: it cannot change them).
 */
export function statementSlices(text: string, offsets: readonly number[], options: SliceOptions): Slices | undefined {
  const none: Slices = { ranges: [], semicolons: [] };
  if (offsets.length === 0) return none;
  const { EnumKeyword, GlobalKeyword, InterfaceKeyword, ModuleKeyword, NamespaceKeyword, StringLiteral, AbstractKeyword, AsyncKeyword, ClassKeyword, DeclareKeyword, DefaultKeyword, ExportKeyword, FunctionKeyword, AwaitKeyword, CaseKeyword, CloseBraceToken, CloseBracketToken, CloseParenToken, CommaToken, ConstKeyword, DeleteKeyword, DoKeyword, ElseKeyword, EndOfFileToken, EqualsGreaterThanToken, ExclamationToken, FinallyKeyword, FirstPunctuation, Identifier, InKeyword, InstanceOfKeyword, LastPunctuation, LessThanToken, LetKeyword, MinusMinusToken, NewKeyword, OfKeyword, OpenBraceToken, OpenBracketToken, OpenParenToken, PlusPlusToken, ReturnKeyword, SemicolonToken, SlashEqualsToken, SlashToken, StaticKeyword, SwitchKeyword, TemplateHead, TemplateMiddle, TemplateTail, ThisKeyword, ThrowKeyword, TryKeyword, TypeOfKeyword, Unknown, VarKeyword, VoidKeyword, YieldKeyword } = Kind;
  let failed = false;
  const lexer = new JsLexer(text, () => (failed = true));
  interface Frame {
    /** The token that opened it (OpenBraceToken, OpenParenToken, OpenBracketToken, TemplateHead/Middle). */
    open: number;
    list: boolean;
    /** Where the statement being read in this list started. */
    statementStart: number;
    /** The statement's first token (Unknown before it), and where that token ends. */
    first: number;
    firstEnd: number;
    /** Offset of the last comma directly in the statement (-1: none yet). */
    lastComma: number;
    /** The statement declares a function, class, interface, enum or namespace (UNDECIDED until past the modifiers). */
    declares: number;
    /** For a `{` read directly in a list: the body of what the statement declares, which ends the statement. */
    endsStatement: boolean;
    /** Slices (indexes) whose statement or declarator in this list has not ended yet. */
    waiting: number[];
    /** For `(`: the token before it (`switch (…) {` opens case clauses, not a statement list). */
    before: number;
  }
  // Every field set here, in one order: frames share one shape, and the loop's reads of them stay fast.
  const frame = (open: number, list: boolean, statementStart: number, before: number = Unknown): Frame => ({ open, list, statementStart, first: Unknown, firstEnd: 0, lastComma: -1, declares: UNDECIDED, endsStatement: false, waiting: [], before });
  /** The next statement of a list starts at `at`. */
  const restart = (f: Frame, at: number) => {
    end(f, at);
    f.statementStart = at;
    f.first = Unknown;
    f.lastComma = -1;
    f.declares = UNDECIDED;
  };
  const top = frame(Unknown, true, 0);
  const stack: Frame[] = [top];
  const slices: Array<{ start: number; end: number; keyword?: [number, number] }> = [];
  const semicolons: number[] = [];
  /** Whether a `/` or `<` after this token starts an expression (a regular expression, JSX) rather than dividing. */
  const startsExpression = (prev: number): boolean => {
    if (prev === Unknown) return true;
    if (prev === CloseParenToken || prev === CloseBracketToken || prev === CloseBraceToken || prev === PlusPlusToken || prev === MinusMinusToken) return false;
    if (prev >= FirstPunctuation && prev <= LastPunctuation) return true;
    return prev === ReturnKeyword || prev === TypeOfKeyword || prev === InstanceOfKeyword || prev === InKeyword || prev === OfKeyword || prev === NewKeyword || prev === DeleteKeyword || prev === VoidKeyword || prev === ThrowKeyword || prev === CaseKeyword || prev === DoKeyword || prev === ElseKeyword || prev === YieldKeyword || prev === AwaitKeyword || prev === TemplateHead || prev === TemplateMiddle;
  };
  /** Slices whose statement has not ended yet, in any list. */
  let pending = 0;
  const end = (f: Frame, at: number) => {
    if (f.waiting.length === 0) return;
    for (const i of f.waiting) slices[i]!.end = at;
    pending -= f.waiting.length;
    f.waiting = [];
  };
  const declaring = (f: Frame) => options.declarators && (f.first === VarKeyword || f.first === LetKeyword || f.first === ConstKeyword);
  let next = 0;
  let prev = Unknown as number;
  let beforePrev = Unknown as number;
  let closedParenBefore = Unknown as number;
  for (let k = lexer.scan(); k !== EndOfFileToken; k = lexer.scan()) {
    if (failed) return undefined;
    if ((k === SlashToken || k === SlashEqualsToken) && startsExpression(prev)) {
      // In TypeScript `x! / y` divides: a `!` right after an operand is the non-null assertion, not a negation.
      const nonNull = !options.jsx && prev === ExclamationToken && (beforePrev === Identifier || beforePrev === CloseParenToken || beforePrev === CloseBracketToken || beforePrev === ThisKeyword);
      if (!nonNull) k = lexer.reScanSlashToken();
    }
    if (options.jsx && k === LessThanToken && startsExpression(prev)) return undefined;
    const tokenEnd = lexer.getTokenEnd();
    const current = stack[stack.length - 1]!;
    if (current.list) {
      if (current.first === Unknown) {
        current.first = k;
        current.firstEnd = tokenEnd;
      }
      // `function f() {…}`, `class C {…}` and the like (with `export`, `default`, `async`, `declare`, `abstract` before
      // them) end with their body's `}`: no `;` follows, and a bundle's next 500 declarations would join the statement.
      if (current.declares === UNDECIDED && !(k === ExportKeyword || k === DefaultKeyword || k === AsyncKeyword || k === DeclareKeyword || k === AbstractKeyword)) current.declares = k === FunctionKeyword || k === ClassKeyword || k === InterfaceKeyword || k === EnumKeyword || k === NamespaceKeyword || k === ModuleKeyword || k === GlobalKeyword ? DECLARES : OTHER;
    }
    // The innermost statement list around each offset this token has reached, and the statement (or declarator) in it.
    while (next < offsets.length && offsets[next]! < tokenEnd) {
      let f = current;
      for (let i = stack.length - 1; !f.list; ) f = stack[--i]!;
      f.waiting.push(slices.length);
      pending++;
      if (declaring(f) && f.lastComma >= 0) slices.push({ start: f.lastComma + 1, end: -1, keyword: [f.statementStart, f.firstEnd] });
      else slices.push({ start: f.statementStart, end: -1 });
      next++;
    }
    switch (k) {
      case OpenBraceToken: {
        // TypeScript's `namespace N {`, `module "m" {` and `declare global {` hold statements too.
        const namespace = (prev === Identifier || prev === StringLiteral) && (beforePrev === NamespaceKeyword || beforePrev === ModuleKeyword);
        const list = namespace || prev === GlobalKeyword || prev === EqualsGreaterThanToken || prev === ElseKeyword || prev === TryKeyword || prev === FinallyKeyword || prev === DoKeyword || prev === StaticKeyword || (prev === CloseParenToken && closedParenBefore !== SwitchKeyword);
        const body = frame(k, list, tokenEnd);
        if (current.list && current.declares === DECLARES) {
          body.endsStatement = true;
          current.declares = OTHER;
        }
        stack.push(body);
        break;
      }
      case OpenParenToken:
      case OpenBracketToken:
        stack.push(frame(k, false, 0, prev));
        break;
      case TemplateHead:
        stack.push(frame(k, false, 0));
        break;
      case CloseBraceToken: {
        if (current.open === TemplateHead) {
          // `}` of a substitution: the template goes on (TemplateMiddle, another substitution) or ends (TemplateTail).
          stack.pop();
          k = lexer.reScanTemplateToken();
          if (k === TemplateMiddle) stack.push(frame(TemplateHead, false, 0));
          else if (k !== TemplateTail) return undefined;
          break;
        }
        if (current.open !== OpenBraceToken) return undefined;
        end(current, lexer.getTokenStart());
        stack.pop();
        if (current.endsStatement) restart(stack[stack.length - 1]!, tokenEnd);
        break;
      }
      case CloseParenToken:
      case CloseBracketToken:
        if (current.open !== (k === CloseParenToken ? OpenParenToken : OpenBracketToken)) return undefined;
        if (k === CloseParenToken) closedParenBefore = current.before;
        stack.pop();
        break;
      case CommaToken:
        if (current.list && declaring(current)) {
          // The declarators before this comma end here; the comma is written as `;` if nothing else keeps it.
          if (current.waiting.length > 0) semicolons.push(lexer.getTokenStart());
          end(current, lexer.getTokenStart());
          current.lastComma = lexer.getTokenStart();
        }
        break;
      case SemicolonToken:
        if (current.list) restart(current, tokenEnd);
        break;
    }
    beforePrev = prev;
    prev = k;
    // Every slice has ended: the tokens after it cannot move them (the lexer reads left to right), so the rest of the
    // file is not read. Its brackets are not checked either: a slice cut in the wrong place by a misread token before
    // it still fails its own parse (parseStatements), and then the whole file is parsed. Half the bytes this pass read
    // in a workspace scan lay after the last candidate, most of them before V8 had optimized the loop.
    if (next === offsets.length && pending === 0) return failed ? undefined : finish(slices, semicolons, text.length);
  }
  if (failed || stack.length !== 1) return undefined;
  // Offsets past the last token (none in a well-formed file) and the file's last statement.
  for (; next < offsets.length; next++) slices.push({ start: top.statementStart, end: -1 });
  end(top, text.length);
  return finish(slices, semicolons, text.length);
}

/** The kept ranges of ended slices, and the commas outside them. */
function finish(slices: Array<{ start: number; end: number; keyword?: [number, number] }>, semicolons: number[], length: number): Slices {
  const ranges = merge(slices.flatMap((s) => [[s.start, s.end < 0 ? length : s.end] as [number, number], ...(s.keyword ? [s.keyword] : [])]));
  // A comma inside a kept range stays a comma: a slice around it needs the whole statement.
  let r = 0;
  const outside = semicolons.filter((at) => {
    while (r < ranges.length && ranges[r]![1] <= at) r++;
    return r === ranges.length || ranges[r]![0] > at;
  });
  return { ranges, semicolons: outside };
}

const UNDECIDED = 0;
const DECLARES = 1;
const OTHER = 2;

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
