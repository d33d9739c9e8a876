import { posix } from 'node:path';
import type { Finding } from '../findings';
import { singleKeyCallsInText } from '../calls/index';
import type { KeySource, SingleKeyCall } from '../calls/model';
import { scanPython } from '../calls/pythonScan';
import { sha256 } from './envFix';
import { checkEnvName } from '../vocabulary/envName';
import { minimalEdits } from './minimalEdits';
import { helperFileName, importSpecifier, moduleStyleOf, ProjectInfo } from './moduleStyle';
import { pythonImportEdit } from './pythonEdit';
import { arrowCallback, blockCallback, CallLayout, indentUnitOf, lineBreaksOnlyInCode } from './callLayout';
import { sharedClientChanges } from './sharedClientFix';
import { keyFallbackHelper } from './templates/keyFallback';
import { keyFallbackPython } from './templates/keyFallbackPython';
import { applyChangesChecked, codeStyleOf, dropUnusedImport, importEdit, openSourceFile, quoted } from './tsSource';
import { BOM, matchLineEndings } from './sourceBytes';
import { NewFile, SecretToSecure, TextEdit, UnsupportedFixError } from './types';

export interface WrapperFixInput {
  path: string;
  text: string;
  /** A `single-key-call` finding (its offset is the callee's start). */
  finding: Pick<Finding, 'offset'>;
  /** Base variable name; default: where the key came from (`BILLING_API_KEY`), else the SDK's or host's name. */
  envName?: string;
  /** Service name in auth-failure events; default from the variable name (`billing-api`). */
  service?: string;
  project?: ProjectInfo;
  /** How the editor lays out this document; default: the file's own indentation, lines up to 100 characters. */
  layout?: CodeLayout;
}

/** The document's formatting options as the wrapper's call is written out. */
export interface CodeLayout {
  /** One level of indentation: `'  '`, `'    '` or `'\t'`. */
  indent?: string;
  /** The longest line wanted (the project's Prettier printWidth, or the editor's first ruler). */
  printWidth?: number;
  /** Columns a tab counts for when measuring a line. */
  tabSize?: number;
}

export interface WrapperFixPlan {
  kind: 'wrapper';
  path: string;
  envName: string;
  service: string;
  newText: string;
  edits: TextEdit[];
  /** The helper module, when the project does not have it yet. */
  helperFile?: NewFile;
  /** Hardcoded keys the rewrite removes: stored (as `<NAME>`, the helper's primary) before the edits apply. */
  secrets: SecretToSecure[];
  /** What `.env.example` lists for it: the names the helper reads, `<NAME>_PRIMARY` and `<NAME>_FALLBACK`. */
  exampleNames: string[];
  /** One line for the refactoring preview, e.g. "fetch → withKeyFallback (BILLING_API_KEY_PRIMARY / _FALLBACK)". */
  title: string;
}

interface Change {
  start: number;
  end: number;
  text: string;
}

/**
 * Plans "Add primary/fallback key rotation" for a single-key call (pure: no I/O). Analyze, then
 * manipulate: the call is found and every change is computed from the tree first, then applied in one
 * pass (ts-morph for TS/JS, which rejects a change that breaks the syntax), then diffed into minimal edits.
 * Behaviour changes (a retry), so this is offered as a refactoring with a preview, not a quick-fix.
 */
export function planWrapperFix(input: WrapperFixInput): WrapperFixPlan {
  const { path, text } = input;
  if (text.startsWith(BOM)) {
    // A byte-order mark stays first: plan on the text after it, then put it back.
    const inner = planWrapperFix({ ...input, text: text.slice(1), finding: { offset: input.finding.offset - 1 } });
    const newText = BOM + inner.newText;
    return { ...inner, newText, edits: minimalEdits(text, newText), secrets: inner.secrets.map((s) => ({ ...s, offset: s.offset + 1 })) };
  }
  const project = input.project ?? {};
  const calls = singleKeyCallsInText(path, text);
  const call = calls.find((c) => c.calleeStart === input.finding.offset) ?? calls.find((c) => c.start <= input.finding.offset && input.finding.offset < c.end);
  if (!call) throw new UnsupportedFixError('No single-key call at this position (the document changed since it was analyzed, or the call already has a fallback).');
  if (call.shape === 'interceptor' || call.shape === 'defaults') {
    if (/\.pyw?$/i.test(path)) {
      throw new UnsupportedFixError(`${call.callee} sets the key once on a client that every later request reuses, so a retry cannot swap it. By hand: take the key out of the client's headers and pass it per request through the helper, e.g. with_key_fallback("${call.service}", "${call.envName}", lambda key: client.get(url, headers={"Authorization": f"Bearer {key}"})).`);
    }
    throw new UnsupportedFixError(`${call.callee} sets the key once for every request; wrap the client it configures instead (e.g. withFallbackClient around axios.create), or read the key per request.`);
  }
  if (input.envName === undefined && call.key.kind === 'parameter' && call.envName === 'API_KEY' && call.provider === 'HTTP') {
    // A generic request function (`postJson(url, key, body)`): its callers choose the key, and the API.
    throw new UnsupportedFixError(`The key arrives as the parameter \`${call.key.name}\`, and nothing here says whose key it is: its callers choose, so the wrapper cannot read one variable for all of them. Wrap each call that passes the key instead, e.g. withKeyFallback({ service: 'billing-api', envName: 'BILLING_API_KEY' }, (key) => postJson(url, key, body)).`);
  }
  if (call.key.kind === 'expression' && /^this\./.test(call.key.text)) {
    throw new UnsupportedFixError(`The key comes from \`${call.key.text}\`, which the object was given when it was built: the wrapper would read an environment variable instead and ignore that value. Wrap where the object is built (withFallbackClient({ service, envName }, (key) => new Client(key))), or have the class read its key per request.`);
  }
  const held = call.held;
  if (held?.otherUse !== undefined) {
    const line = text.slice(0, held.otherUse).split('\n').length;
    throw new UnsupportedFixError(`The key reaches ${call.callee} through \`${held.name}\`, which is also used at line ${line}: taking the key out of it would change that use too. Give ${call.callee} its own headers (or set the header inside the call), then fix again.`);
  }
  if (call.keyUses.some((u) => u.start < call.start || u.end > call.end)) {
    throw new UnsupportedFixError(`The key reaches ${call.callee} through a value built outside the call (a headers object defined earlier); build the header inside the call first.`);
  }
  const envName = input.envName ?? call.envName;
  const problem = checkEnvName(envName);
  if (problem) throw new UnsupportedFixError(problem);
  const service = input.service ?? call.service;
  const style = moduleStyleOf(path, text, project.packageType);
  const helperDir = project.helperDir ?? posix.dirname(path);
  const helperPath = posix.join(helperDir, helperFileName('keyFallback', style, project.packageType));
  const changes: Change[] = [];
  const secrets: SecretToSecure[] = [];

  const callText = text.slice(call.start, call.end);
  const param = ['key', 'apiKey', 'rotatedKey'].find((name) => !new RegExp(`\\b${name}\\b`).test(callText)) ?? 'rotatedKey';
  let inner = callText;
  for (const use of [...call.keyUses].sort((a, b) => b.start - a.start)) {
    inner = inner.slice(0, use.start - call.start) + use.replacement.split('$KEY').join(param) + inner.slice(use.end - call.start);
  }
  const literal = literalOf(call.key);
  if (call.key.kind === 'literal') secrets.push(secret(text, envName, call.key.start, call.key.end));
  // The header set before the call is set per attempt now: its entry (or `.set(…)` statement) goes.
  for (const range of held?.removals ?? []) changes.push({ ...range, text: '' });
  const removal = removableDeclaration(call, text);
  if (removal) {
    changes.push(removal);
    if (literal && call.key.kind === 'constant') secrets.push(secret(text, envName, literal.start, literal.end));
  }

  let fn: string;
  let newCall: string | undefined;
  if (call.shape === 'setter') {
    // `sgMail.setApiKey(key)`: the module's name becomes a client per key where its key was set.
    fn = 'withFallbackClient';
    const codeStyle = codeStyleOf(text);
    const options = `{ service: ${quoted(service, codeStyle.quote)}, envName: ${quoted(envName, codeStyle.quote)} }`;
    changes.push(...sharedClientChanges(path, text, call, { options, param, semicolon: codeStyle.semicolon, layout: fullLayout(text, input.layout) }));
  } else if (style === 'python') {
    fn = 'with_key_fallback';
    const q = /^\s*\w+\.\w+\(\s*f?(["'])/.exec(callText)?.[1] ?? '"';
    const body = call.body ? `, body=${text.slice(call.body.start, call.body.end)}` : '';
    newCall = `${fn}(${q}${service}${q}, ${q}${envName}${q}, lambda ${param}: ${inner}${body})`;
  } else {
    const codeStyle = codeStyleOf(text);
    fn = call.shape === 'client' ? 'withFallbackClient' : 'withKeyFallback';
    const body = call.body ? `, body: ${text.slice(call.body.start, call.body.end)}` : '';
    const options = `{ service: ${quoted(service, codeStyle.quote)}, envName: ${quoted(envName, codeStyle.quote)}${body} }`;
    // A Headers object gets the header set on it before each attempt (fetch copies it when called).
    const statement = held?.kind === 'Headers' ? `${held.name}.set(${held.header}, ${held.value.split('$KEY').join(param)});` : undefined;
    newCall = layOutCall(path, text, call.start, call.end, fn, options, param, inner, input.layout, statement);
  }
  if (newCall !== undefined) changes.push({ start: call.start, end: call.end, text: newCall });

  let newText: string;
  let helperFile: NewFile | undefined;
  if (style === 'python') {
    const isPackage = project.exists?.(posix.join(posix.dirname(path), '__init__.py')) ?? false;
    const from = posix.dirname(path) === helperDir ? (isPackage ? '.key_fallback' : 'key_fallback') : pythonModulePath(path, helperPath);
    const edit = pythonImportEdit(text, scanPython(text), `from ${from} import with_key_fallback`, /^from\s+[.\w]*key_fallback\s+import\b.*\bwith_key_fallback\b/m, 'last');
    if (edit) changes.push(edit);
    newText = applyChanges(text, changes);
    if (!project.exists?.(helperPath)) helperFile = { path: helperPath, text: keyFallbackPython };
  } else {
    const { file, done } = openSourceFile(path, text);
    try {
      const edit = importEdit(file.compilerNode, [fn], importSpecifier(path, helperPath, style, text, project.tsImportExtension?.(path)), style, codeStyleOf(text));
      if (edit) changes.push({ start: edit.pos, end: edit.pos + edit.length, text: edit.text });
      // The wrapper reads the key itself now: a `requireEnv` import the move-to-env fix added may be left unused.
      newText = dropUnusedImport(path, applyChangesChecked(path, text, changes), 'requireEnv', 'requireEnv');
    } finally {
      done();
    }
    if (!project.exists?.(helperPath)) helperFile = { path: helperPath, text: keyFallbackHelper(style) };
  }
  newText = matchLineEndings(text, newText);
  const plan: WrapperFixPlan = {
    kind: 'wrapper',
    path,
    envName,
    service,
    newText,
    edits: minimalEdits(text, newText),
    secrets,
    exampleNames: [`${envName}_PRIMARY`, `${envName}_FALLBACK`],
    title: `${call.callee} → ${fn} (${envName}_PRIMARY, falling back to ${envName}_FALLBACK on 401/403)`,
  };
  if (helperFile) plan.helperFile = helperFile;
  return plan;
}

function secret(text: string, envName: string, start: number, end: number): SecretToSecure {
  return { envName, offset: start, length: end - start, sha256: sha256(text.slice(start, end)) };
}

function literalOf(key: KeySource): { start: number; end: number } | undefined {
  if (key.kind === 'literal') return key;
  if (key.kind === 'constant') return literalOf(key.inner);
  return undefined;
}

/**
 * A module-level `const apiKey = …;` that only fed this call is removed with it (the helper reads the
 * environment now); kept when anything else still uses the name.
 */
function removableDeclaration(call: SingleKeyCall, text: string): Change | undefined {
  const key = call.key;
  if (key.kind !== 'constant' || !key.declaration) return undefined;
  const { start, end } = key.declaration;
  const uses = [...text.matchAll(new RegExp(`(?<![\\w$.])${key.name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'))].map((m) => m.index!);
  const inside = (at: number, ranges: ReadonlyArray<{ start: number; end: number }>): boolean => ranges.some((r) => at >= r.start && at < r.end);
  const others = uses.filter((at) => !(at >= start && at < end) && !inside(at, call.keyUses) && !inside(at, call.held?.removals ?? []));
  if (others.length > 0) return undefined;
  let lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  lineEnd = lineEnd < 0 ? text.length : lineEnd + 1;
  if (text.slice(lineStart, start).trim() !== '' || text.slice(end, lineEnd).trim().replace(/^;/, '') !== '') return { start, end, text: '' };
  // Leave one blank line where two would meet.
  const prevBlank = lineStart >= 2 && text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart).trim() === '';
  const nextLineEnd = text.indexOf('\n', lineEnd);
  const nextBlank = text.slice(lineEnd, nextLineEnd < 0 ? text.length : nextLineEnd).trim() === '';
  if ((prevBlank || lineStart === 0) && nextBlank && nextLineEnd >= 0) lineEnd = nextLineEnd + 1;
  return { start: lineStart, end: lineEnd, text: '' };
}

function pythonModulePath(fromPath: string, helperPath: string): string {
  const rel = posix.relative(posix.dirname(fromPath), helperPath).replace(/\.py$/, '');
  return rel.startsWith('..') ? 'key_fallback' : rel.split('/').join('.');
}

/** Last first; at one offset a removal before an insertion, so the insertion survives. */
function sortForApply(changes: Change[]): Change[] {
  return [...changes].sort((a, b) => b.start - a.start || b.end - a.end);
}

function applyChanges(text: string, changes: Change[]): string {
  let result = text;
  for (const change of sortForApply(changes)) result = result.slice(0, change.start) + change.text + result.slice(change.end);
  return result;
}

/**
 * `fn(options, (key) => inner)` on one line while it fits the print width; else one argument per line, indented
 * one level deeper than the line the call starts on, the inner call's own lines moved in with it (unless a line
 * break sits inside a string or template, whose value re-indenting would change). With a statement to run first,
 * `fn(options, (key) => {` then the statement and `return <call>;`.
 */
/** The document's layout, with the file's own indentation and common defaults for what it does not say. */
function fullLayout(text: string, layout: CodeLayout = {}): CallLayout {
  return { indent: layout.indent ?? indentUnitOf(text), printWidth: layout.printWidth ?? 100, tabSize: layout.tabSize ?? 4 };
}

function layOutCall(path: string, text: string, start: number, end: number, fn: string, options: string, param: string, inner: string, layout: CodeLayout = {}, statement?: string): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const full = fullLayout(text, layout);
  const movable = lineBreaksOnlyInCode(path, inner);
  if (statement !== undefined) return blockCallback(before, fn, options, param, [statement, `return ${inner};`], full, movable);
  return arrowCallback(before, text.slice(end).split('\n')[0]!, fn, options, param, inner, full, movable);
}
