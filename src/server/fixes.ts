import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver/node';
import { CodeActionKind, CodeActionTriggerKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IGNORE_DIRECTIVE } from '../core/baseline/index';
import { presetForRule } from '../core/config/presets';
import { envFixApplies, planEnvFix } from '../core/fix/envFix';
import { dotenvNames, namesForValue, planFileAll, projectInfo, unplannedReason } from '../core/fix/filePlan';
import { feedsCall, neededHelpers, planRotationReady } from '../core/fix/rotationReady';
import { callsDetectable, singleKeyCallsInText } from '../core/calls/index';
import type { SingleKeyCall } from '../core/calls/model';
import { minimalEdits } from '../core/fix/minimalEdits';
import { decodeSource } from '../core/fix/sourceBytes';
import { verifyFilePlans } from '../core/fix/verifyPlans';
import type { NewFile } from '../core/fix/types';
import { planWrapperFix } from '../core/fix/wrapperFix';
import type { Finding } from '../core/findings';
import { languageOfPath } from '../core/analyze/index';
import { DIAGNOSTIC_SOURCE, PlanFileFixesParams, PlanFixParams, PlannedFileFixes, PlanFixResult } from '../shared/protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.rotationReady`;

/** Comment syntax for an ignore directive, by the analyzer's language; JSON has none. */
function commentPrefix(path: string): string | undefined {
  switch (languageOfPath(path)) {
    case 'typescript':
    case 'javascript':
    case 'jsonc':
      return '//';
    case 'json':
      return undefined;
    case 'ini':
      return ';';
    default:
      return '#';
  }
}

export interface FixContext {
  /** The root of the project a document belongs to (its own `.env`, `tsconfig.json`, helper files). */
  root: (uri: string) => string | undefined;
  salt: (uri: string) => string;
  path: (document: TextDocument) => string;
  findings: (uri: string) => readonly Finding[];
  document: (uri: string) => TextDocument | undefined;
}

/**
 * Code actions on our diagnostics: "Move secret to environment variable" (preferred quick-fix),
 * "Add primary/fallback key rotation" (a refactoring, previewed), "Ignore on this line", and a
 * fix-all source action. Fixes that move a secret need I/O and a name from the user, so they are
 * commands the extension runs; the ignore comment is a plain edit.
 */
export function codeActions(params: CodeActionParams, ctx: FixContext): CodeAction[] {
  const document = ctx.document(params.textDocument.uri);
  if (!document) return [];
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
  const path = ctx.path(document);
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  let calls: SingleKeyCall[] | undefined;
  for (const diagnostic of ours) {
    const data = diagnostic.data as { fingerprint?: string; kind?: string } | undefined;
    const fingerprint = data?.fingerprint;
    // A key file (a `.p12`) has no value to move and no line for an ignore comment: its page says what to do.
    if (!fingerprint || data?.kind === 'key-file') continue;
    const args = [{ uri: document.uri, fingerprint }];
    // Make Rotation Ready, where a hardcoded key feeds an HTTP call: the preferred action on the key and on the call.
    const feeding = wants(CodeActionKind.QuickFix) ? rotationReadyTarget(document, path, diagnostic, fingerprint, ctx, () => (calls ??= singleKeyCallsInText(path, document.getText()))) : undefined;
    if (feeding) {
      actions.push({ title: 'Make Rotation Ready…', kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [diagnostic], command: { title: 'Make Rotation Ready', command: 'rotationReady.makeRotationReady', arguments: [{ uri: document.uri, fingerprint: feeding }] } });
    }
    if (diagnostic.code === 'single-key-call') {
      // A quick fix, preferred: it is what the diagnostic asks for, so it comes first in Ctrl+. (before Ignore).
      if (wants(CodeActionKind.QuickFix)) {
        actions.push({ title: 'Add primary/fallback key rotation…', kind: CodeActionKind.QuickFix, isPreferred: !feeding, diagnostics: [diagnostic], command: { title: 'Add primary/fallback key rotation', command: 'rotationReady.addKeyFallback', arguments: args } });
      }
    } else if (envFixApplies(path) && wants(CodeActionKind.QuickFix)) {
      actions.push({ title: 'Move secret to environment variable…', kind: CodeActionKind.QuickFix, isPreferred: !feeding, diagnostics: [diagnostic], command: { title: 'Move secret to environment variable', command: 'rotationReady.moveSecretToEnv', arguments: args } });
      // The bridge to the Keys sidebar: the service from the key's provider preset, the key as its primary, the rotation.
      actions.push({ title: 'Add to Keys and Rotate…', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Add to Keys and Rotate', command: 'rotationReady.addToKeysAndRotate', arguments: [{ ...args[0], ruleId: diagnostic.code }] } });
    }
    if (diagnostic.code !== 'single-key-call' && presetForRule(diagnostic.code as string) && wants(CodeActionKind.QuickFix)) {
      // A read-only probe of the found key through its provider's preset, to an approved host only (the extension asks).
      actions.push({ title: 'Check if This Key Is Live…', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Check if This Key Is Live', command: 'rotationReady.checkKeyLive', arguments: [{ ...args[0], ruleId: diagnostic.code, range: diagnostic.range }] } });
    }
    const ignore = ignoreAction(document, path, diagnostic);
    if (ignore && wants(CodeActionKind.QuickFix)) actions.push(ignore);
  }
  if (wants(FIX_ALL_KIND) && envFixApplies(path) && ctx.findings(document.uri).some((f) => f.kind === 'hardcoded-secret' && f.severity !== 'info')) {
    // Asked automatically (editor.codeActionsOnSave): only the secrets move, applied with no preview; a call that
    // reads one keeps its single-key-call diagnostic and quick fix (the wrapper changes behaviour: previewed there).
    const onSave = params.context.triggerKind === CodeActionTriggerKind.Automatic;
    actions.push({ title: 'Move every hardcoded secret in this file to environment variables', kind: FIX_ALL_KIND, command: { title: 'Fix all', command: 'rotationReady.fixAllInFile', arguments: onSave ? [document.uri, { onSave: true }] : [document.uri] } });
  }
  return actions;
}

/**
 * The hardcoded-secret finding Make Rotation Ready moves, when this diagnostic's key (or, on a single-key
 * call, the key it sends) is hardcoded and feeds a call the wrapper can rewrite; else undefined.
 */
function rotationReadyTarget(document: TextDocument, path: string, diagnostic: Diagnostic, fingerprint: string, ctx: FixContext, calls: () => SingleKeyCall[]): string | undefined {
  if (!callsDetectable(path)) return undefined;
  const findings = ctx.findings(document.uri);
  const secrets = findings.filter((f) => f.kind === 'hardcoded-secret' && f.severity !== 'info');
  if (secrets.length === 0) return undefined;
  if (diagnostic.code === 'single-key-call') {
    const finding = findings.find((f) => f.fingerprint === fingerprint);
    const call = finding && calls().find((c) => c.calleeStart === finding.offset);
    return call ? secrets.find((s) => feedsCall([call], s.offset))?.fingerprint : undefined;
  }
  const secret = secrets.find((f) => f.fingerprint === fingerprint);
  return secret && feedsCall(calls(), secret.offset) ? secret.fingerprint : undefined;
}

function ignoreAction(document: TextDocument, path: string, diagnostic: Diagnostic): CodeAction | undefined {
  const prefix = commentPrefix(path);
  if (!prefix) return undefined;
  const line = diagnostic.range.start.line;
  const lineText = document.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } });
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  return {
    title: `Ignore ${diagnostic.code} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${prefix} ${IGNORE_DIRECTIVE} ${diagnostic.code}\n` }] } },
  };
}

/** Plans one fix on the open document (pure: no I/O beyond reading the project's .env names). */
export function planFix(params: PlanFixParams, ctx: FixContext): PlanFixResult {
  const document = ctx.document(params.uri);
  if (!document) return { error: 'The document is not open any more.' };
  const finding = ctx.findings(params.uri).find((f) => f.fingerprint === params.fingerprint);
  if (!finding) return { error: 'That finding is gone: the document changed since it was reported. Try again on the new squiggle.' };
  const path = ctx.path(document);
  const text = document.getText();
  const root = ctx.root(params.uri);
  const project = root ? projectInfo(root, new Map<string, NewFile>()) : {};
  try {
    const names = root ? dotenvNames(root) : new Map<string, string>();
    if (params.fix === 'wrapper') {
      const plan = planWrapperFix({ path, text, finding, envName: params.envName, project, layout: params.layout });
      return { plan: { kind: 'wrapper', version: document.version, envName: plan.envName, suggestedNames: [], title: plan.title, edits: plan.edits, newText: plan.newText, helperFile: plan.helperFile, secrets: plan.secrets, exampleNames: plan.exampleNames, takenNames: [...names.keys()] } };
    }
    // A name that holds this very value already (a URL's password stored before) is read, not stored again.
    const forValue = namesForValue(names, text, finding);
    const taken = forValue.existingEnvNames;
    if (params.fix === 'rotation-ready') {
      const plan = planRotationReady({ path, text, finding, envName: params.envName, ...forValue, project, layout: params.layout });
      return { plan: { kind: 'rotation-ready', version: document.version, envName: plan.envName, suggestedNames: plan.suggestedNames, title: plan.title, edits: plan.edits, newText: plan.newText, helperFiles: plan.helperFiles, secrets: [...plan.secrets], exampleNames: [...(plan.exampleNames ?? [])], takenNames: taken } };
    }
    const plan = planEnvFix({ path, text, finding, envName: params.envName, ...forValue, project });
    return { plan: { kind: 'env', version: document.version, envName: plan.envName, suggestedNames: plan.suggestedNames, title: `Move the ${finding.provider} secret to ${plan.envName}`, edits: plan.edits, newText: plan.newText, helperFile: plan.helperFile, secrets: [plan.secret], takenNames: taken } };
  } catch (error) {
    return { error: unplannedReason(error, [text.slice(finding.offset, finding.offset + finding.length)]) };
  }
}

/** Plans every env fix in one file (open document or file on disk), composed into one set of edits. */
export function planFileFixes(params: PlanFileFixesParams, ctx: FixContext): PlannedFileFixes {
  const document = ctx.document(params.uri);
  const path = document ? ctx.path(document) : ctx.path({ uri: params.uri, languageId: '' } as TextDocument);
  let text: string;
  if (document) text = document.getText();
  else {
    // A closed file is opened by the editor to apply the edits: only UTF-8 (with or without a BOM, which
    // the editor hides as this does) comes back byte for byte.
    const decoded = decodeSource(path, readFileSync(fileURLToPath(params.uri)));
    const reason = !decoded.ok ? decoded.reason : decoded.source.encoding !== 'utf8' ? `the file is ${decoded.source.encoding}; open it and fix it there, or use \`rotation-ready fix\`` : undefined;
    if (reason || !decoded.ok) return { uri: params.uri, version: null, steps: [], edits: [], unfixed: [reason ?? ''], wrapped: 0 };
    text = decoded.source.text;
  }
  const root = ctx.root(params.uri);
  const project = root ? projectInfo(root, new Map<string, NewFile>()) : {};
  const version = document ? document.version : null;
  // Make Rotation Ready for each secret: moved, then the calls that read it get the wrapper (as `rotation-ready fix`).
  const planned = planFileAll(path, text, { salt: ctx.salt(params.uri), project, names: root ? dotenvNames(root) : new Map(), onlyMovedSecrets: true, ...(params.wrap === false ? { wrap: false } : {}) });
  const plan = planned.plan;
  if (root && params.uri.startsWith('file:') && plan.steps.length > 0) {
    // Type-checked in the project's own configuration before the editor applies anything, as `rotation-ready fix` does.
    const created = new Map<string, NewFile>();
    for (const step of [...plan.steps, ...(planned.envOnly?.steps ?? [])]) if (step.plan.helperFile) created.set(step.plan.helperFile.path, step.plan.helperFile);
    verifyFilePlans(root, [{ abs: fileURLToPath(params.uri), plan, ...(planned.envOnly ? { envOnly: planned.envOnly } : {}) }], created);
    if (plan.steps.length === 0) return { uri: params.uri, version, steps: [], edits: [], unfixed: plan.unfixed, wrapped: 0 };
  }
  const helpers = new Set(neededHelpers(plan.steps.map((s) => s.plan), plan.final).map((h) => h.path));
  return {
    uri: params.uri,
    version,
    steps: plan.steps.map((s) => ({
      newText: s.plan.newText,
      secrets: [...s.plan.secrets],
      // A helper the final text no longer imports (requireEnv, replaced by the wrapper) is not created.
      helperFile: s.plan.helperFile && helpers.has(s.plan.helperFile.path) ? s.plan.helperFile : undefined,
      ...(s.plan.exampleNames ? { exampleNames: [...s.plan.exampleNames] } : {}),
    })),
    edits: minimalEdits(text, plan.final),
    unfixed: plan.unfixed,
    wrapped: plan.steps.filter((s) => s.kind === 'wrapper').length,
  };
}
