import { Project, SourceFile, ts } from 'ts-morph';
import { scriptKindOf } from '../calls/index';
import type { ModuleStyle } from './moduleStyle';
import { UnsupportedFixError } from './types';

/** One in-memory project per process: files are created with `overwrite` and removed after use. */
let project: Project | undefined;

function inMemoryProject(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipFileDependencyResolution: true,
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve },
  });
  return project;
}

/** A ts-morph source file for a TS/JS text; call `done()` when finished so the project does not grow. */
export function openSourceFile(path: string, text: string): { file: SourceFile; done: () => void } {
  const base = (path.split(/[\\/]/).pop() ?? 'file.ts').replace(/[^\w.-]/g, '_');
  const file = inMemoryProject().createSourceFile(`/rr-fix/${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}/${base}`, text, { overwrite: true });
  return { file, done: () => inMemoryProject().removeSourceFile(file) };
}

export interface CodeStyle {
  quote: "'" | '"';
  semicolon: boolean;
}

/** The quote and semicolon habits of a file, read from its imports (or its strings and lines when it has none). */
export function codeStyleOf(text: string): CodeStyle {
  const spec = /(?:\bfrom\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])/m.exec(text);
  const single = (text.match(/'/g) ?? []).length;
  const double = (text.match(/"/g) ?? []).length;
  const quote = spec ? (spec[1] as "'" | '"') : double > single ? '"' : "'";
  const statementLine = /^\s*(?:import|const|let|var|export|return)\b.*$/gm;
  let withSemi = 0;
  let without = 0;
  for (const match of text.matchAll(statementLine)) {
    if (/;\s*(?:\/\/.*)?$/.test(match[0])) withSemi++;
    else if (/[\w)'"`\]]\s*$/.test(match[0])) without++;
  }
  return { quote, semicolon: withSemi >= without };
}

export function quoted(value: string, quote: "'" | '"'): string {
  return quote + value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
}

/**
 * Where an import of a helper goes: after the last import (or top-level require), else after the
 * prologue (`'use strict'`), else after a detached header comment (license, file doc), else at the
 * top (after a shebang). Returns the insertion text too, with the blank line it needs.
 */
export function importInsertion(source: ts.SourceFile, statement: string): { pos: number; text: string } {
  const text = source.text;
  let anchor: ts.Node | undefined;
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) || ts.isImportEqualsDeclaration(stmt) || isTopLevelRequire(stmt)) anchor = stmt;
    else if (!anchor && ts.isExpressionStatement(stmt) && ts.isStringLiteral(stmt.expression) && stmt === source.statements[0]) anchor = stmt;
    else break;
  }
  if (anchor) {
    const end = lineEnd(text, anchor.end);
    const isPrologue = ts.isExpressionStatement(anchor);
    return { pos: end, text: isPrologue ? `\n${statement}` : `${statement}\n` };
  }
  // No imports: skip a shebang and a header comment that is followed by a blank line.
  let pos = 0;
  const shebang = ts.getShebang(text);
  if (shebang) pos = lineEnd(text, shebang.length);
  const first = source.statements[0];
  const comments = ts.getLeadingCommentRanges(text, pos) ?? [];
  for (const comment of comments) {
    const after = lineEnd(text, comment.end);
    const blank = /^\r?\n/.test(text.slice(after));
    if (blank && (!first || first.getStart(source) >= after)) pos = after;
  }
  const rest = text.slice(pos);
  const atEmptyStart = pos === 0 && rest.length === 0;
  if (pos > 0) return { pos, text: `\n${statement}\n` };
  return { pos: 0, text: atEmptyStart ? `${statement}\n` : `${statement}\n\n` };
}

/** Offset just past the end of the line containing `offset - 1` (after its newline), or the text end. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export function isTopLevelRequire(stmt: ts.Statement): boolean {
  if (!ts.isVariableStatement(stmt)) return false;
  return stmt.declarationList.declarations.some((d) => {
    // `require('x')`, `require('x').default`, `require('x')(options)`
    let init: ts.Expression | undefined = d.initializer;
    while (init && !isRequireCall(init) && (ts.isPropertyAccessExpression(init) || ts.isCallExpression(init))) init = init.expression;
    return !!init && isRequireCall(init);
  });
}

export function isRequireCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!);
}

/**
 * The text edit that imports `names` from `specifier`, or undefined when the file already has them
 * (from that module, or declared locally). ESM/TS: an `import { … }` (merged into an existing import
 * of the same module); CJS: a destructuring `require`.
 */
export function importEdit(source: ts.SourceFile, names: readonly string[], specifier: string, style: ModuleStyle, codeStyle: CodeStyle): { pos: number; length: number; text: string } | undefined {
  const have = new Set<string>();
  let sameModule: ts.ImportDeclaration | undefined;
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const bindings = stmt.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) bindings.elements.forEach((e) => have.add(e.name.text));
      if (stmt.moduleSpecifier.text === specifier && bindings && ts.isNamedImports(bindings) && !stmt.importClause?.isTypeOnly) sameModule = stmt;
    } else if (ts.isFunctionDeclaration(stmt) && stmt.name) {
      have.add(stmt.name.text);
    } else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) have.add(d.name.text);
        else if (ts.isObjectBindingPattern(d.name)) d.name.elements.forEach((e) => ts.isIdentifier(e.name) && have.add(e.name.text));
      }
    }
  }
  const missing = names.filter((n) => !have.has(n));
  if (missing.length === 0) return undefined;
  const semi = codeStyle.semicolon ? ';' : '';
  if (sameModule) {
    const bindings = sameModule.importClause!.namedBindings as ts.NamedImports;
    const last = bindings.elements[bindings.elements.length - 1];
    if (last) return { pos: last.end, length: 0, text: missing.map((n) => `, ${n}`).join('') };
  }
  const q = (s: string): string => quoted(s, codeStyle.quote);
  const statement = style === 'cjs'
    ? `const { ${missing.join(', ')} } = require(${q(specifier)})${semi}`
    : `import { ${missing.join(', ')} } from ${q(specifier)}${semi}`;
  const insertion = importInsertion(source, statement);
  return { pos: insertion.pos, length: 0, text: insertion.text };
}

/** A replacement of `[start, end)` in a text by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping changes as text, last first (at one offset a removal before an insertion), then
 * checks the result parses no worse than the original did: a change that would break the syntax is
 * refused with a reason instead of being written. (Plain text plus a parse, not ts-morph's tree
 * manipulation, which throws on valid changes that remove whole statements.)
 */
export function applyChangesChecked(path: string, text: string, changes: readonly TextChange[]): string {
  let result = text;
  for (const change of [...changes].sort((a, b) => b.start - a.start || b.end - a.end)) result = result.slice(0, change.start) + change.text + result.slice(change.end);
  if (syntaxErrorCount(path, result) > syntaxErrorCount(path, text)) {
    throw new UnsupportedFixError('The rewrite would not parse here (an unusual construct around the value); change this line by hand.');
  }
  return result;
}

function syntaxErrorCount(path: string, text: string): number {
  const kind = /\.tsx$/i.test(path) ? ts.ScriptKind.TSX : /\.jsx$/i.test(path) ? ts.ScriptKind.JSX : /\.[cm]?js$/i.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path.replace(/^.*[\\/]/, '') || 'file.ts', text, ts.ScriptTarget.Latest, false, kind);
  return (source as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics?.length ?? 0;
}

/**
 * Removes the import (ESM named import or CJS destructuring require) of `name` from a module whose
 * specifier ends in `module` when the text no longer uses `name` anywhere else: a fix that replaced the
 * last call of our own helper must not leave an unused import behind (`noUnusedLocals`).
 */
export function dropUnusedImport(path: string, text: string, name: string, module: string): string {
  const source = ts.createSourceFile('file', text, ts.ScriptTarget.Latest, true, scriptKindOf(path) ?? ts.ScriptKind.TS);
  const fromModule = (spec: ts.Expression | undefined): boolean => !!spec && ts.isStringLiteral(spec) && new RegExp(`(?:^|/)${module}(?:\\.[cm]?[jt]sx?)?$`).test(spec.text);
  let binding: ts.Node | undefined;
  let statement: ts.Statement | undefined;
  let siblings = 0;
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && fromModule(stmt.moduleSpecifier) && stmt.importClause?.namedBindings && ts.isNamedImports(stmt.importClause.namedBindings)) {
      const elements = stmt.importClause.namedBindings.elements;
      const found = elements.find((e) => e.name.text === name);
      if (found) [binding, statement, siblings] = [found, stmt, elements.length - 1 + (stmt.importClause.name ? 1 : 0)];
    } else if (ts.isVariableStatement(stmt) && stmt.declarationList.declarations.length === 1) {
      const decl = stmt.declarationList.declarations[0]!;
      if (decl.initializer && isRequireCall(decl.initializer) && fromModule(decl.initializer.arguments[0]) && ts.isObjectBindingPattern(decl.name)) {
        const found = decl.name.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === name);
        if (found) [binding, statement, siblings] = [found, stmt, decl.name.elements.length - 1];
      }
    }
  }
  if (!binding || !statement) return text;
  let uses = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && !(node.pos >= statement!.pos && node.end <= statement!.end)) uses++;
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (uses > 0) return text;
  if (siblings > 0) {
    // `{ a, requireEnv }` / `{ requireEnv, b }`: the element and one comma.
    const start = binding.getStart(source);
    const after = /^\s*,\s*/.exec(text.slice(binding.end));
    if (after) return text.slice(0, start) + text.slice(binding.end + after[0].length);
    const before = /,\s*$/.exec(text.slice(0, start));
    return text.slice(0, start - (before?.[0].length ?? 0)) + text.slice(binding.end);
  }
  const lines = wholeLines(text, statement.getStart(source), statement.end);
  return text.slice(0, lines.start) + text.slice(lines.end);
}

/** `[start, end)` widened to its whole lines, the last one's line break included. */
export function wholeLines(text: string, start: number, end: number): { start: number; end: number } {
  const nl = text.indexOf('\n', end);
  return { start: text.lastIndexOf('\n', start - 1) + 1, end: nl < 0 ? text.length : nl + 1 };
}
