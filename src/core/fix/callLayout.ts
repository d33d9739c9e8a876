import { loadTypeScript } from '../analyze/typescriptLoader';

/** How the fixes write a call out: the document's formatting options. */
export interface CallLayout {
  /** One level of indentation: `'  '`, `'    '` or `'\t'`. */
  indent: string;
  /** The longest line wanted. */
  printWidth: number;
  /** Columns a tab counts for when measuring a line. */
  tabSize: number;
}

/**
 * `fn(options, (param) => inner)` on one line while the line it starts on (`before`, the call, `after`) fits the print
 * width; else one argument per line, one level deeper than that line, the inner call's own lines moved in with it when
 * `movable` (no line break inside a string or template, whose value re-indenting would change).
 */
export function arrowCallback(before: string, after: string, fn: string, options: string, param: string, inner: string, layout: CallLayout, movable: boolean): string {
  const oneLine = `${fn}(${options}, (${param}) => ${inner})`;
  // When the call is one line, what follows it on the line (such as `;`) counts too.
  const firstLine = `${before}${oneLine}${after}`.split('\n')[0]!;
  if (widthOf(firstLine, layout) <= layout.printWidth) return oneLine;
  const base = indentationOf(before);
  const deeper = base + layout.indent;
  return `${fn}(\n${deeper}${options},\n${deeper}(${param}) => ${moveIn(inner, layout.indent, movable)},\n${base})`;
}

/**
 * `fn(options, (param) => {` with `body`'s statements, then `})`, the body one level deeper than the line the call
 * starts on; when that first line would pass the print width, one argument per line and the body one level deeper
 * still. A statement's own line breaks move in with it when `movable`.
 */
export function blockCallback(before: string, fn: string, options: string, param: string, body: readonly string[], layout: CallLayout, movable: boolean): string {
  const base = indentationOf(before);
  const firstLine = `${fn}(${options}, (${param}) => {`;
  const statementsAt = (indent: string): string[] => body.map((statement) => indent + moveIn(statement, indent.slice(base.length), movable));
  if (widthOf(before + firstLine, layout) <= layout.printWidth) return [firstLine, ...statementsAt(base + layout.indent), `${base}})`].join('\n');
  const deeper = base + layout.indent;
  return [`${fn}(`, `${deeper}${options},`, `${deeper}(${param}) => {`, ...statementsAt(deeper + layout.indent), `${deeper}},`, `${base})`].join('\n');
}

/** The indentation the file uses most for one level (two spaces when it has none). */
export function indentUnitOf(text: string): string {
  if (/^\t+\S/m.test(text) && !/^ {2,}\S/m.test(text)) return '\t';
  const widths = [...text.matchAll(/^( +)\S/gm)].map((m) => m[1]!.length);
  const smallest = widths.length ? Math.min(...widths) : 2;
  return ' '.repeat(smallest === 4 || smallest === 2 ? smallest : 2);
}

/** Whether every line break of `code` is between tokens (none inside a string, template or comment). */
export function lineBreaksOnlyInCode(path: string, code: string): boolean {
  if (!code.includes('\n')) return true;
  const ts = loadTypeScript();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, /\.[jt]sx$/.test(path) ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, code);
  // A `}` closes a `${…}` of a template (and the template goes on) or a block: which one, the nesting says.
  const open: Array<'template' | 'brace'> = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) open.push('brace');
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (open.pop() === 'template') kind = scanner.reScanTemplateToken(false);
    }
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) open.push('template');
    const multiLineToken = kind !== ts.SyntaxKind.NewLineTrivia && kind !== ts.SyntaxKind.WhitespaceTrivia && scanner.getTokenText().includes('\n');
    if (multiLineToken) return false;
  }
  return true;
}

function indentationOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

function widthOf(line: string, layout: CallLayout): number {
  return line.replace(/\t/g, ' '.repeat(layout.tabSize)).length;
}

/** `code`'s continuation lines, `by` deeper (when they may move). */
function moveIn(code: string, by: string, movable: boolean): string {
  return movable && by ? code.replace(/\n(?=[^\r\n])/g, `\n${by}`) : code;
}
