import { posix } from 'node:path';
import { ts } from 'ts-morph';
import type { Finding } from '../findings';
import { envBindingName, envReadName, pythonEnvDefaultOpen } from '../calls/envRead';
import { scanPython, stringAt, type PyScan, type PyString } from '../calls/pythonScan';
import { configPlaceholder } from './configPlaceholders';
import { checkEnvName, ENV_NAME, suggestEnvNames, untakenNames } from '../vocabulary/envName';
import { isUrlName, urlAround, urlSecretNames } from '../vocabulary/urlNames';
import { sha256 } from './hash';
import { minimalEdits } from './minimalEdits';
import { helperFileName, importSpecifier, isJsPath, isTsPath, moduleStyleOf, ProjectInfo } from './moduleStyle';
import { pythonImportEdit, pythonImportOsEdit } from './pythonEdit';
import { requireEnvHelper } from './templates/requireEnv';
import { applyChangesChecked, codeStyleOf, importEdit, openSourceFile, quoted } from './tsSource';
import { BOM, matchLineEndings } from './sourceBytes';
import { NewFile, SecretToSecure, secretValue, TextEdit, UnsupportedFixError } from './types';

export interface EnvFixInput {
  /** Path of the file, on the caller's base (workspace-relative or absolute), forward slashes. */
  path: string;
  text: string;
  /** A hardcoded-secret finding in `text`: `offset`/`length` cover the value. */
  finding: Pick<Finding, 'offset' | 'length' | 'provider' | 'suggestedEnvName' | 'ruleId'>;
  /** The name the user chose; validated. Default: the first suggestion. */
  envName?: string;
  /** Names already used in the project for other values (from `.env`, `.env.example`, code); never reused. */
  existingEnvNames?: Iterable<string>;
  /**
   * Names that already hold this very value (in `.env`, or from an earlier fix of the same run): a URL's
   * password is read from one of them rather than stored a second time under another name.
   */
  sameValueNames?: readonly string[];
  project?: ProjectInfo;
}

export interface EnvFixPlan {
  kind: 'env';
  path: string;
  envName: string;
  /** Other good names, best first, none taken (for the input box). */
  suggestedNames: string[];
  /** The whole new text of the file. */
  newText: string;
  /** Minimal edits from the original text to `newText`. */
  edits: TextEdit[];
  /** The `requireEnv` helper module, when the file is TS/JS and the project does not have it yet. */
  helperFile?: NewFile;
  /** The value leaving the file; `applyEnvFix` stores and verifies it before returning the edits. */
  secret: SecretToSecure;
}

interface Change {
  start: number;
  end: number;
  text: string;
}

interface Rewrite {
  changes: Change[];
  /** Names the code binds the value to, nearest first (for the name suggestion). */
  contextNames: string[];
  /** When the literal was only a default of an env read (`process.env.X ?? '…'`), the variable it defaults. */
  envDefaultOf?: string;
  /** When the value is split over adjacent literals: the pieces' ranges (SecretToSecure.pieces). */
  pieces?: Array<[number, number]>;
  helperFile?: NewFile;
  /** The new text when a parser produced it (ts-morph); otherwise the changes are applied as text. */
  newText?: string;
}

/**
 * Plans "Move secret to environment variable" (pure: no I/O). The literal becomes a runtime read in
 * the file's language: `requireEnv("NAME")` in TS/JS (a generated helper that names a missing variable),
 * `os.environ["NAME"]` in Python (`import os` added once), a `${NAME}`-style placeholder in config files
 * whose reading tool interpolates. `.env` files are the secret's home and are never rewritten.
 * Throws UnsupportedFixError when the finding cannot be moved here, with the reason.
 */
export function planEnvFix(input: EnvFixInput): EnvFixPlan {
  const { path, text, finding } = input;
  if (text.startsWith(BOM)) {
    // A byte-order mark stays first: plan on the text after it, then put it back.
    const inner = planEnvFix({ ...input, text: text.slice(1), finding: { ...finding, offset: finding.offset - 1 } });
    const newText = BOM + inner.newText;
    return { ...inner, newText, edits: minimalEdits(text, newText), secret: { ...inner.secret, offset: inner.secret.offset + 1 } };
  }
  const value = text.slice(finding.offset, finding.offset + finding.length);
  if (!value || finding.offset + finding.length > text.length) throw new UnsupportedFixError('The finding does not point at a value in this text (the document changed since it was analyzed).');
  // The password of a URL: the whole URL moves under a URL name, the password alone (URL-encoded back) under another.
  const url = urlAround(text, finding.offset, finding.offset + finding.length);
  const spanOf = (name: string): { start: number; end: number; encode: boolean } =>
    url && isUrlName(name) ? { start: url.start, end: url.end, encode: false } : { start: finding.offset, end: finding.offset + finding.length, encode: url !== undefined };
  const build = (name: string): Rewrite => {
    const span = spanOf(name);
    return rewriteFor(path, text, span.start, span.end, name, input.project, span.encode);
  };
  // First pass with a placeholder name: finds the context names (and rejects unsupported places early).
  const probe = build(url ? 'RR_PLACEHOLDER_URL' : 'RR_PLACEHOLDER_NAME');
  const existing = [...(input.existingEnvNames ?? [])];
  const contextNames = probe.envDefaultOf ? [probe.envDefaultOf, ...probe.contextNames] : probe.contextNames;
  let suggestedNames: string[];
  if (url) {
    const names = urlSecretNames(url.scheme, contextNames);
    const reused = (input.sameValueNames ?? []).filter((n) => ENV_NAME.test(n) && !isUrlName(n));
    suggestedNames = untakenNames([...reused, names.url, names.password], existing.filter((n) => n !== probe.envDefaultOf && !reused.includes(n)));
  } else {
    suggestedNames = suggestEnvNames(finding, contextNames, existing.filter((n) => n !== probe.envDefaultOf));
  }
  const envName = input.envName ?? probe.envDefaultOf ?? suggestedNames[0] ?? 'API_KEY';
  if (input.envName !== undefined || !probe.envDefaultOf) {
    const problem = checkEnvName(envName, input.envName !== undefined ? existing.filter((n) => !(input.sameValueNames ?? []).includes(n)) : []);
    if (problem) throw new UnsupportedFixError(problem);
  }
  const rewrite = build(envName);
  const newText = matchLineEndings(text, rewrite.newText ?? applyChanges(text, rewrite.changes));
  const span = spanOf(envName);
  const located = { offset: span.start, length: span.end - span.start, ...(rewrite.pieces ? { pieces: rewrite.pieces } : {}) };
  const secret: SecretToSecure = { envName, ...located, sha256: sha256(secretValue(text, located)) };
  const plan: EnvFixPlan = {
    kind: 'env',
    path,
    envName,
    suggestedNames: suggestedNames.filter((n) => n !== envName),
    newText,
    edits: minimalEdits(text, newText),
    secret,
  };
  if (rewrite.helperFile) plan.helperFile = rewrite.helperFile;
  return plan;
}

/** Whether the move-to-env fix can be offered for a file (cheap: by path only). */
export function envFixApplies(path: string): boolean {
  return isTsPath(path) || isJsPath(path) || /\.pyw?$/i.test(path) || configPlaceholder(path) !== undefined;
}

export { sha256 };

/** `encode`: the value is a URL's password, so the code puts the variable back URL-encoded. */
function rewriteFor(path: string, text: string, start: number, end: number, envName: string, project: ProjectInfo | undefined, encode: boolean): Rewrite {
  if (isTsPath(path) || isJsPath(path)) return rewriteTsJs(path, text, start, end, envName, project ?? {}, encode);
  if (/\.pyw?$/i.test(path)) return rewritePython(text, start, end, envName, encode);
  const base = posix.basename(path.replace(/\\/g, '/'));
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) {
    throw new UnsupportedFixError('A .env file is where the secret belongs: keep it there and make sure the file is git-ignored.');
  }
  const placeholder = configPlaceholder(path);
  if (!placeholder) throw new UnsupportedFixError(`No tool known to read ${base} replaces environment placeholders, so the value cannot be moved out safely; load this file's secrets from the environment in the code that reads it.`);
  // A placeholder cannot URL-encode: a password with characters a URL reserves must be stored encoded (or move the whole URL).
  const line = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
  const key = /([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?(?:[^"'\s]*\s+)?$/.exec(line);
  return { changes: [{ start, end, text: placeholder(envName) }], contextNames: key ? [key[1]!] : [] };
}

function applyChanges(text: string, changes: Change[]): string {
  let result = text;
  for (const change of [...changes].sort((a, b) => b.start - a.start || b.end - a.end)) result = result.slice(0, change.start) + change.text + result.slice(change.end);
  return result;
}

// ---------------------------------------------------------------- TS / JS

type LiteralNode = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

function rewriteTsJs(path: string, text: string, start: number, end: number, envName: string, project: ProjectInfo, encode: boolean): Rewrite {
  const { file, done } = openSourceFile(path, text);
  try {
    const source = file.compilerNode;
    const style = moduleStyleOf(path, text, project.packageType);
    const codeStyle = codeStyleOf(text);
    const plainRead = `requireEnv(${quoted(envName, codeStyle.quote)})`;
    const read = encode ? `encodeURIComponent(${plainRead})` : plainRead;
    const value = valueChangeTsJs(source, start, end, read);
    const changes: Change[] = [value.change];
    const helperDir = project.helperDir ?? posix.dirname(path);
    const helperPath = posix.join(helperDir, helperFileName('requireEnv', style, project.packageType));
    const specifier = importSpecifier(path, helperPath, style, text, project.tsImportExtension?.(path));
    const importChange = style === 'python' ? undefined : importEdit(source, ['requireEnv'], specifier, style, codeStyle);
    if (importChange) changes.push({ start: importChange.pos, end: importChange.pos + importChange.length, text: importChange.text });
    const rewrite: Rewrite = { changes, contextNames: value.contextNames, newText: applyChangesChecked(path, text, changes) };
    if (value.envDefaultOf) rewrite.envDefaultOf = value.envDefaultOf;
    if (value.pieces) rewrite.pieces = value.pieces;
    if (style !== 'python' && importChange && !project.exists?.(helperPath)) rewrite.helperFile = { path: helperPath, text: requireEnvHelper(style) };
    return rewrite;
  } finally {
    done();
  }
}

interface ValueChange {
  change: Change;
  contextNames: string[];
  envDefaultOf?: string;
  pieces?: Array<[number, number]>;
}

/** The change that puts `read` where the value [start, end) is: in its literal, or over the literals it is split across. */
function valueChangeTsJs(source: ts.SourceFile, start: number, end: number, read: string): ValueChange {
  const literal = findLiteral(source, start, end);
  if (!literal) {
    const joined = joinedLiterals(source, start, end, read);
    if (!joined) throw new UnsupportedFixError('The value is not inside a string literal (a comment or a regular expression?); move it by hand.');
    return joined;
  }
  const parent = literal.parent;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === literal) throw new UnsupportedFixError('The value is a property name; it cannot be read from the environment.');
  if (ts.isLiteralTypeNode(parent) || ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent) || ts.isEnumMember(parent)) {
    throw new UnsupportedFixError('The value is used where only a constant is allowed (a type, an import path or an enum); move it by hand.');
  }
  const contextNames = contextNamesOf(literal);
  // `process.env.X ?? 'secret'`, `const { X = 'secret' } = Bun.env`: the literal was only a default of that read.
  const fallback = outerEnvDefault(literal);
  const jsx = (t: string): string => (parent && ts.isJsxAttribute(parent) ? `{${t}}` : t);
  if (fallback && isWholeValue(literal, start, end, source)) {
    return { change: { start: fallback.node.getStart(source), end: fallback.node.end, text: jsx(read) }, contextNames, envDefaultOf: fallback.envName };
  }
  return { change: { start: literal.getStart(source), end: literal.end, text: jsx(literalReplacement(literal, source, start, end, read)) }, contextNames };
}

type PlainLiteral = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;

/**
 * A value split over string literals joined with `+` (`'sk_live_' + 'abc…'`): the literals of one `+` chain it
 * covers, replaced as one run by the read (with what the first literal holds before the value, and the last after
 * it, kept as literals). A run inside a longer chain stays a string: `+` is left-associative, so `a + 'x' + 'y' + b`
 * and `a + read + b` join the same text.
 */
function joinedLiterals(source: ts.SourceFile, start: number, end: number, read: string): ValueChange | undefined {
  let chain: ts.BinaryExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (node.end < end || node.getStart(source) > start) return;
    if (isPlusChain(node)) chain = node;
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!chain) return undefined;
  const operands = plusOperands(chain);
  const first = operands.findIndex((o) => o.getStart(source) < start && start < o.end);
  const last = operands.findIndex((o) => o.getStart(source) < end && end < o.end);
  if (first < 0 || last <= first) return undefined;
  const run = operands.slice(first, last + 1);
  if (!run.every((o): o is PlainLiteral => ts.isStringLiteral(o) || ts.isNoSubstitutionTemplateLiteral(o))) {
    throw new UnsupportedFixError('The value is split over literals joined with other expressions; join it into one literal, then apply the fix.');
  }
  const head = run[0]!;
  const tail = run[run.length - 1]!;
  const headStart = head.getStart(source);
  const pieces: Array<[number, number]> = run.map((o, i) => [i === 0 ? start : o.getStart(source) + 1, i === run.length - 1 ? end : o.end - 1]);
  // Escapes would make the texts joined differ from the value the program builds.
  if (pieces.some(([s, e]) => source.text.slice(s, e).includes('\\'))) {
    throw new UnsupportedFixError('The value split over several literals holds escape sequences; join it into one literal, then apply the fix.');
  }
  const quote = (o: PlainLiteral): string => source.text[o.getStart(source)]!;
  const before = source.text.slice(headStart + 1, start);
  const after = source.text.slice(end, tail.end - 1);
  const parts = [...(before ? [`${quote(head)}${before}${quote(head)}`] : []), read, ...(after ? [`${quote(tail)}${after}${quote(tail)}`] : [])];
  return { change: { start: headStart, end: tail.end, text: parts.join(' + ') }, contextNames: contextNamesOf(chain), pieces };
}

function isPlusChain(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

/** The operands of a left-associative `+` chain, in order (`a + b + c` is `(a + b) + c`). */
function plusOperands(chain: ts.BinaryExpression): ts.Expression[] {
  const operands: ts.Expression[] = [];
  let node: ts.Expression = chain;
  while (isPlusChain(node)) {
    operands.push(node.right);
    node = node.left;
  }
  operands.push(node);
  return operands.reverse();
}

function findLiteral(source: ts.SourceFile, start: number, end: number): LiteralNode | undefined {
  let found: LiteralNode | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end < end || node.pos > start) return;
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && node.getStart(source) < start && end < node.end) {
      found = node;
      // A template's spans may hold a nested literal that is the real home of the value.
      if (ts.isTemplateExpression(node)) {
        for (const span of node.templateSpans) {
          if (span.expression.pos <= start && end <= span.expression.end) {
            found = undefined;
            ts.forEachChild(span.expression, visit);
            return;
          }
        }
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isWholeValue(literal: LiteralNode, start: number, end: number, source: ts.SourceFile): boolean {
  return !ts.isTemplateExpression(literal) && literal.getStart(source) + 1 === start && literal.end - 1 === end;
}

/** The new text of the literal: the read itself, or a template with the read where the value was. */
function literalReplacement(literal: LiteralNode, source: ts.SourceFile, start: number, end: number, read: string): string {
  const litStart = literal.getStart(source);
  if (isWholeValue(literal, start, end, source)) return read;
  const raw = source.text.slice(litStart, literal.end);
  const before = raw.slice(1, start - litStart);
  const after = raw.slice(end - litStart, raw.length - 1);
  if (ts.isStringLiteral(literal)) return `\`${toTemplateRaw(before)}\${${read}}${toTemplateRaw(after)}\``;
  return `${raw.slice(0, start - litStart)}\${${read}}${raw.slice(end - litStart)}`;
}

/** Raw string-literal text as raw template text: backticks and `${` escaped, existing escapes kept. */
function toTemplateRaw(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      out += c + (raw[i + 1] ?? '');
      i++;
    } else if (c === '`') out += '\\`';
    else if (c === '$' && raw[i + 1] === '{') out += '\\$';
    else out += c;
  }
  return out;
}

/**
 * The env read a literal is only the default of: `process.env.X ?? '…'` / `|| '…'` (the whole expression is
 * replaced by the read), or `const { X = '…' } = process.env` (the default is).
 */
function outerEnvDefault(literal: LiteralNode): { node: ts.Expression; envName: string } | undefined {
  let node: ts.Node = literal;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  let name: string | undefined;
  let replaced: ts.Expression = literal;
  if (ts.isBindingElement(parent) && parent.initializer === node) name = envBindingName(parent);
  else if (ts.isBinaryExpression(parent) && parent.right === node) {
    const op = parent.operatorToken.kind;
    if (op !== ts.SyntaxKind.QuestionQuestionToken && op !== ts.SyntaxKind.BarBarToken) return undefined;
    name = envReadName(parent.left);
    replaced = parent;
  }
  return name && ENV_NAME.test(name) ? { node: replaced, envName: name } : undefined;
}

function contextNamesOf(value: ts.Node): string[] {
  const names: string[] = [];
  let node: ts.Node = value;
  for (let depth = 0; depth < 6 && node.parent; depth++) {
    const parent: ts.Node = node.parent;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) names.push(parent.name.text);
    else if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) names.push(parent.name.text);
    else if (ts.isJsxAttribute(parent)) names.push(parent.name.getText());
    else if (ts.isParameter(parent) && ts.isIdentifier(parent.name)) names.push(parent.name.text);
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = parent.left;
      if (ts.isIdentifier(left)) names.push(left.text);
      else if (ts.isPropertyAccessExpression(left)) names.push(left.name.text);
    }
    if (ts.isStatement(parent) || ts.isFunctionLike(parent)) break;
    node = parent;
  }
  return names;
}

// ---------------------------------------------------------------- Python

function rewritePython(text: string, start: number, end: number, envName: string, encode: boolean): Rewrite {
  const scan = scanPython(text);
  const str = stringAt(scan, start, end);
  if (!str) {
    const joined = joinedPythonStrings(text, scan, start, end, envName);
    if (!joined) throw new UnsupportedFixError('The value is not inside a Python string; move it by hand.');
    const importOs = pythonImportOsEdit(text, scan);
    return { changes: importOs ? [joined.change, importOs] : [joined.change], contextNames: joined.contextNames, pieces: joined.pieces };
  }
  if (str.prefix.includes('b')) throw new UnsupportedFixError('The value is a bytes literal; read it with os.environb or encode os.environ[…] by hand.');
  const contextNames = pythonNameBefore(text, str.start);
  const whole = str.contentStart === start && str.contentEnd === end;
  const q = str.quote[0]!;
  const other = q === '"' ? "'" : '"';
  const changes: Change[] = [];
  // os.getenv("X", "secret") / os.environ.get("X", "secret"): the literal was a default; the read replaces the call.
  const defaultCall = pythonEnvDefaultOpen(text.slice(Math.max(0, str.start - 200), str.start));
  const closing = /^\s*\)/.exec(text.slice(str.end));
  let envDefaultOf: string | undefined;
  if (whole && defaultCall && closing) {
    envDefaultOf = defaultCall.name;
    const callStart = str.start - defaultCall.length;
    changes.push({ start: callStart, end: str.end + closing[0].length, text: `os.environ[${q}${envName}${q}]` });
  } else if (whole && !str.prefix.includes('f')) {
    changes.push({ start: str.start, end: str.end, text: `os.environ[${q}${envName}${q}]` });
  } else {
    // Part of a string: an f-string with the read where the value was (the inner quotes differ, as Python < 3.12 needs).
    const inner = str.quote.length === 3 ? q : other;
    const environ = `os.environ[${inner}${envName}${inner}]`;
    const read = encode ? `{quote(${environ}, safe=${inner}${inner})}` : `{${environ}}`;
    if (str.prefix.includes('f')) {
      changes.push({ start, end, text: read });
    } else {
      const escape = (s: string): string => s.replace(/[{}]/g, (b) => b + b);
      const head = text.slice(str.contentStart, start);
      const tail = text.slice(end, str.contentEnd);
      changes.push({ start: str.start, end: str.end, text: `f${str.prefix}${str.quote}${escape(head)}${read}${escape(tail)}${str.quote}` });
    }
  }
  const importOs = pythonImportOsEdit(text, scan);
  if (importOs) changes.push(importOs);
  const importQuote = encode ? pythonImportEdit(text, scan, 'from urllib.parse import quote', /^from\s+urllib\.parse\s+import\s+(?:[\w\s,]*\b)?quote\b(?!_)/m) : undefined;
  if (importQuote) {
    // Both before the first import: one insertion, `import os` first.
    const same = importOs && importOs.start === importQuote.start ? importOs : undefined;
    if (same) same.text += importQuote.text;
    else changes.push(importQuote);
  }
  const rewrite: Rewrite = { changes, contextNames };
  if (envDefaultOf) rewrite.envDefaultOf = envDefaultOf;
  return rewrite;
}

/**
 * A value split over Python strings joined by juxtaposition (`("sk_live_" "abc…")`) or `+`: the run of strings it
 * covers becomes one read (with what the first holds before the value, and the last after it, kept as strings). The
 * run must be a whole implicit group: an expression cannot sit between juxtaposed strings.
 */
function joinedPythonStrings(text: string, scan: PyScan, start: number, end: number, envName: string): ValueChange | undefined {
  const strings = scan.strings;
  const first = strings.findIndex((s) => s.contentStart <= start && start < s.contentEnd);
  const last = strings.findIndex((s) => s.contentStart < end && end <= s.contentEnd);
  if (first < 0 || last <= first) return undefined;
  const glue = (a: PyString, b: PyString): string | undefined => {
    const between = text.slice(a.end, b.start);
    return /^(?:[ \t\r\n+]|\\\r?\n)*$/.test(between) ? between : undefined;
  };
  const run = strings.slice(first, last + 1);
  if (run.some((s, i) => i > 0 && glue(run[i - 1]!, s) === undefined)) return undefined;
  if (run.some((s) => /[bf]/i.test(s.prefix))) throw new UnsupportedFixError('The value is split over bytes or f-strings; join it into one string, then apply the fix.');
  const joinedImplicitly = (between: string | undefined): boolean => between !== undefined && !between.includes('+');
  if (joinedImplicitly(first > 0 ? glue(strings[first - 1]!, run[0]!) : undefined) || joinedImplicitly(last + 1 < strings.length ? glue(run[run.length - 1]!, strings[last + 1]!) : undefined)) {
    throw new UnsupportedFixError('The value is part of a longer run of juxtaposed strings; join it into one string, then apply the fix.');
  }
  const pieces: Array<[number, number]> = run.map((s, i) => [i === 0 ? start : s.contentStart, i === run.length - 1 ? end : s.contentEnd]);
  // Escapes would make the texts joined differ from the value the program builds.
  if (pieces.some(([s, e]) => text.slice(s, e).includes('\\'))) throw new UnsupportedFixError('The value split over several strings holds escape sequences; join it into one string, then apply the fix.');
  const head = run[0]!;
  const tail = run[run.length - 1]!;
  const before = text.slice(head.contentStart, start);
  const after = text.slice(end, tail.contentEnd);
  const read = `os.environ[${head.quote[0]}${envName}${head.quote[0]}]`;
  const parts = [...(before ? [`${head.prefix}${head.quote}${before}${head.quote}`] : []), read, ...(after ? [`${tail.prefix}${tail.quote}${after}${tail.quote}`] : [])];
  const replacement = parts.length > 1 ? `(${parts.join(' + ')})` : read;
  return { change: { start: head.start, end: tail.end, text: replacement }, contextNames: pythonNameBefore(text, head.start, true), pieces };
}

/**
 * The name a Python string at `at` is bound to on its line (`name = "…"`, `name: str = "…"`, `"name": "…"`), if any;
 * `afterParen`: also after the parenthesis that opens a run of joined strings (`name = ("…"`).
 */
function pythonNameBefore(text: string, at: number, afterParen = false): string[] {
  let before = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  if (afterParen) before = before.replace(/\(\s*$/, '');
  const named = /(?:(\w+)\s*(?::\s*[\w\[\]., ]+)?\s*=|["'](\w+)["']\s*:)\s*$/.exec(before);
  return named ? [named[1] ?? named[2]!] : [];
}
