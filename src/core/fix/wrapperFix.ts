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
    throw new UnsupportedFixError(`${call.callee} sets the key once for every request; wrap the client it configures instead (e.g. withFallbackClient around axios.create), or read the key per request.`);
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
  const removal = removableDeclaration(call, text);
  if (removal) {
    changes.push(removal);
    if (literal && call.key.kind === 'constant') secrets.push(secret(text, envName, literal.start, literal.end));
  }

  let fn: string;
  let newCall: string;
  if (style === 'python') {
    fn = 'with_key_fallback';
    const q = /^\s*\w+\.\w+\(\s*f?(["'])/.exec(callText)?.[1] ?? '"';
    const body = call.body ? `, body=${text.slice(call.body.start, call.body.end)}` : '';
    newCall = `${fn}(${q}${service}${q}, ${q}${envName}${q}, lambda ${param}: ${inner}${body})`;
  } else {
    const codeStyle = codeStyleOf(text);
    fn = call.shape === 'client' ? 'withFallbackClient' : 'withKeyFallback';
    const body = call.body ? `, body: ${text.slice(call.body.start, call.body.end)}` : '';
    newCall = `${fn}({ service: ${quoted(service, codeStyle.quote)}, envName: ${quoted(envName, codeStyle.quote)}${body} }, (${param}) => ${inner})`;
  }
  changes.push({ start: call.start, end: call.end, text: newCall });

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
  const others = uses.filter((at) => !(at >= start && at < end) && !call.keyUses.some((u) => at >= u.start && at < u.end));
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
