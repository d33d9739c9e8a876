import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { applyFix, AppliedFix, helpersOf } from '../core/fix/applyFix';
import { checkEnvName } from '../core/vocabulary/envName';
import type { SecretDestination } from '../core/fix/secretDestination';
import { secretDestination, type SecretDestinationChoice } from '../core/workflows/secureSecret';
import {
  PlanFileFixesParams,
  PlanFileFixesRequest,
  PlanFixParams,
  PlanFixRequest,
  PlanFixResult,
  PlannedFileFixes,
  PlannedFix,
  WireTextEdit,
} from '../shared/protocol';
import { confirmPreview, ProposedChange, registerFixPreview } from './fixPreview';
import { followUndo } from './fixUndo';
import { requireTrust } from './keys/trust';
import { log } from './log';
import type { Project, Projects } from './projects';

/**
 * The editor half of the fixes: the language server plans them (it has the compiler), the extension
 * asks for a name, secures the secret (git-ignored .env and/or the keychain, read back), and only then
 * applies the edits as one undoable workspace edit. If the edit is refused, the stores are undone.
 */
export interface FixDependencies {
  client: () => LanguageClient | undefined;
  /** A file's project: its root holds the `.env`, its keychain entries and its config name the services. */
  projects: Projects;
}

export interface FixTarget {
  uri: string;
  fingerprint: string;
}

function destination(project: Project): SecretDestination {
  const choice = vscode.workspace.getConfiguration('rotationReady', project.uri).get<SecretDestinationChoice>('fix.secretDestination', 'dotenv');
  // The project's context, as the CLI's fix builds it: one keychain destination, with metadata, read-back and undo.
  return secretDestination(project.keys.project, choice);
}

function toRange(edit: WireTextEdit): vscode.Range {
  return new vscode.Range(edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character);
}

export async function requestPlan(deps: FixDependencies, params: PlanFixParams): Promise<PlannedFix | undefined> {
  const client = deps.client();
  if (!client) {
    void vscode.window.showErrorMessage('Rotation Ready: the analyzer is not running, so fixes cannot be planned. See the log for why.');
    return undefined;
  }
  const result = await client.sendRequest<PlanFixResult>(PlanFixRequest, params);
  if (!result.plan) {
    void vscode.window.showWarningMessage(`Rotation Ready: ${result.error ?? 'this finding cannot be fixed automatically.'}`);
    return undefined;
  }
  return result.plan;
}

async function askName(plan: PlannedFix, purpose: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: purpose,
    value: plan.envName,
    prompt: plan.suggestedNames.length ? `Other good names: ${plan.suggestedNames.slice(0, 4).join(', ')}` : 'The environment variable your code will read',
    validateInput: (name) => checkEnvName(name.trim(), plan.takenNames.filter((n) => n !== plan.envName || name.trim() !== plan.envName)),
  });
}

function helperUri(root: string, helperFile: { path: string }): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(root), helperFile.path);
}

/** What the change proposes, for the preview: the edited file and the generated helper, if any. */
function proposedChanges(uri: vscode.Uri, newText: string, root: string, helpers: ReadonlyArray<{ path: string; text: string }>): ProposedChange[] {
  return [{ uri, proposed: newText }, ...helpers.map((helper) => ({ uri: helperUri(root, helper), proposed: helper.text, created: true }))];
}

/** The message when VS Code refused the edit: says the values were removed again only when some were stored. */
function notAppliedMessage(stored: readonly string[]): string {
  return `Rotation Ready: the change was not applied${stored.length ? `, and the value${stored.length > 1 ? 's' : ''} stored for it (${stored.join(', ')}) ${stored.length > 1 ? 'were' : 'was'} removed again` : ''}.`;
}

/**
 * Shows the preview when asked (nothing is stored or edited before Apply), then secures the plan's
 * secrets and applies its edits (and helper file) as one undoable workspace edit.
 */
async function secureAndApply(deps: FixDependencies, uri: vscode.Uri, plan: PlannedFix, preview: boolean): Promise<boolean> {
  const project = deps.projects.of(uri);
  if (!project) {
    void vscode.window.showWarningMessage('Rotation Ready: open the folder this file belongs to: the secret is stored relative to it (.env or the keychain entry of that workspace).');
    return false;
  }
  const root = project.root;
  const helpers = helpersOf(plan);
  if (preview && !(await confirmPreview(plan.title, proposedChanges(uri, plan.newText, root, helpers)))) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.version !== plan.version) {
    void vscode.window.showWarningMessage('Rotation Ready: the document changed while the fix was being prepared; nothing was changed. Try again.');
    return false;
  }
  const original = document.getText();
  let applied: AppliedFix;
  try {
    applied = await applyFix({ path: document.uri.fsPath, newText: plan.newText, edits: plan.edits, helperFiles: helpers, secrets: plan.secrets, ...(plan.exampleNames ? { exampleNames: plan.exampleNames } : {}) }, document.getText(), destination(project), { root });
  } catch (error) {
    void vscode.window.showErrorMessage(`Rotation Ready: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: false, label: plan.title };
  for (const helper of helpers) edit.createFile(helperUri(root, helper), { ignoreIfExists: true, contents: Buffer.from(helper.text, 'utf8') }, metadata);
  for (const e of plan.edits) edit.replace(uri, toRange(e), e.newText, metadata);
  const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: preview });
  if (!ok) {
    await applied.undo();
    void vscode.window.showWarningMessage(notAppliedMessage(applied.stored));
    return false;
  }
  followUndo(document, original, document.getText(), [applied.exampleNames]);
  const where = applied.stored.join(', ');
  log().info(`${vscode.workspace.asRelativePath(uri)}: ${plan.title}${where ? `; stored ${where}` : ''}`);
  void vscode.window.showInformationMessage(`Rotation Ready: ${plan.title}.${where ? ` The value is stored: ${where}.` : ''} Undo (Ctrl+Z) restores the file${where ? '; the stored value stays safe' : ''}.`);
  return true;
}

export async function moveSecretToEnv(deps: FixDependencies, target: FixTarget, envName?: string): Promise<boolean> {
  let plan = await requestPlan(deps, { uri: target.uri, fingerprint: target.fingerprint, fix: 'env' });
  if (!plan) return false;
  const chosen = (envName ?? (await askName(plan, 'Move secret to environment variable')))?.trim();
  if (!chosen) return false;
  if (chosen !== plan.envName) {
    plan = await requestPlan(deps, { uri: target.uri, fingerprint: target.fingerprint, fix: 'env', envName: chosen });
    if (!plan) return false;
  }
  return secureAndApply(deps, vscode.Uri.parse(target.uri), plan, false);
}

/**
 * Make Rotation Ready: the secret moves to the environment (stored and read back first) and the calls that read
 * it get the primary/fallback wrapper, in one workspace edit (one Ctrl+Z). The retry changes behaviour, so the
 * change is previewed first unless `preview: false`.
 */
export async function makeRotationReady(deps: FixDependencies, target: FixTarget, envName?: string, options: { preview?: boolean } = {}): Promise<boolean> {
  const uri = vscode.Uri.parse(target.uri);
  const layout = layoutOf(uri, deps.projects.of(uri)?.root);
  let plan = await requestPlan(deps, { uri: target.uri, fingerprint: target.fingerprint, fix: 'rotation-ready', layout, ...(envName ? { envName } : {}) });
  if (!plan) return false;
  const chosen = (envName ?? (await askName(plan, 'Make Rotation Ready')))?.trim();
  if (!chosen) return false;
  if (chosen !== plan.envName) {
    plan = await requestPlan(deps, { uri: target.uri, fingerprint: target.fingerprint, fix: 'rotation-ready', envName: chosen, layout });
    if (!plan) return false;
  }
  return secureAndApply(deps, uri, plan, options.preview !== false);
}

export async function addKeyFallback(deps: FixDependencies, target: FixTarget, envName?: string, options: { preview?: boolean } = {}): Promise<boolean> {
  const uri = vscode.Uri.parse(target.uri);
  const plan = await requestPlan(deps, { uri: target.uri, fingerprint: target.fingerprint, fix: 'wrapper', envName, layout: layoutOf(uri, deps.projects.of(uri)?.root) });
  if (!plan) return false;
  // Behaviour changes (a retry with another key), so the edit goes through the refactoring preview.
  return secureAndApply(deps, uri, plan, options.preview !== false);
}

/**
 * How the document is formatted, for the wrapper's call: the editor's indentation for it, and the longest line the
 * project wants (Prettier's printWidth in the project's .prettierrc(.json) or package.json, else the editor's first
 * ruler). A config that cannot be read is passed over: the file's own indentation and 100 columns are the default.
 */
function layoutOf(uri: vscode.Uri, root: string | undefined): PlanFixParams['layout'] {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const settings = vscode.workspace.getConfiguration('editor', editor?.document ?? uri);
  const tabSize = typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : settings.get<number>('tabSize', 4);
  const insertSpaces = typeof editor?.options.insertSpaces === 'boolean' ? editor.options.insertSpaces : settings.get<boolean>('insertSpaces', true);
  const ruler = settings.get<Array<number | { column: number }>>('rulers', [])[0];
  const printWidth = (root ? prettierPrintWidth(root) : undefined) ?? (typeof ruler === 'number' ? ruler : ruler?.column);
  const layout: NonNullable<PlanFixParams['layout']> = { indent: insertSpaces ? ' '.repeat(tabSize) : '\t', tabSize };
  if (printWidth !== undefined && printWidth > 0) layout.printWidth = printWidth;
  return layout;
}

function prettierPrintWidth(root: string): number | undefined {
  for (const [file, pick] of [
    ['.prettierrc', (t: string) => Number(/^\s*"?printWidth"?\s*[:=]\s*(\d+)/m.exec(t)?.[1])],
    ['.prettierrc.json', (t: string) => (JSON.parse(t) as { printWidth?: unknown }).printWidth],
    ['package.json', (t: string) => (JSON.parse(t) as { prettier?: { printWidth?: unknown } }).prettier?.printWidth],
  ] as const) {
    try {
      const path = join(root, file);
      // A repository's file: only a small regular file is read (a FIFO would block the read).
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > 1_000_000) continue;
      const width = pick(readFileSync(path, 'utf8'));
      if (typeof width === 'number' && Number.isInteger(width) && width > 0 && width < 1000) return width;
    } catch {
      // absent or not readable as such: the next source
    }
  }
  return undefined;
}

/**
 * Make Rotation Ready for every secret of the given files (moved; the calls that read it get the wrapper): planned,
 * previewed, then secured and applied as one edit. `preview` undefined: previewed when a wrapper changes behaviour.
 * `wrap: false`: the secrets move and no call gets the wrapper (on save).
 */
export async function fixAll(deps: FixDependencies, uris: readonly vscode.Uri[], preview: boolean | undefined, wrap = true): Promise<number> {
  const client = deps.client();
  if (!client || deps.projects.all().length === 0) {
    void vscode.window.showWarningMessage('Rotation Ready: fixing needs the analyzer and an open folder.');
    return 0;
  }
  const planned: Array<{ uri: vscode.Uri; project: Project; plan: PlannedFileFixes; original: string }> = [];
  const unfixed: string[] = [];
  try {
    for (const uri of uris) {
      // Each file's secrets go to its own project's .env or keychain entries.
      const project = deps.projects.of(uri);
      if (!project) {
        unfixed.push(`${vscode.workspace.asRelativePath(uri)}: not in a project folder`);
        continue;
      }
      const plan = await client.sendRequest<PlannedFileFixes>(PlanFileFixesRequest, { uri: uri.toString(), ...(wrap ? {} : { wrap: false }) } satisfies PlanFileFixesParams);
      unfixed.push(...plan.unfixed.map((u) => `${vscode.workspace.asRelativePath(uri)}: ${u}`));
      if (plan.steps.length === 0) continue;
      const document = await vscode.workspace.openTextDocument(uri);
      if (plan.version !== null && document.version !== plan.version) throw new Error(`${vscode.workspace.asRelativePath(uri)} changed while fixes were being prepared`);
      planned.push({ uri, project, plan, original: document.getText() });
    }
  } catch (error) {
    void vscode.window.showErrorMessage(`Rotation Ready: nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
  for (const line of unfixed) log().warn(`not fixed: ${line}`);
  const count = planned.reduce((n, p) => n + p.plan.steps.reduce((m, step) => m + step.secrets.length, 0), 0);
  if (count === 0) {
    void vscode.window.showInformationMessage(`Rotation Ready: nothing to fix${unfixed.length ? ` automatically (${unfixed.length} finding(s) need a manual change: see the log)` : ''}.`);
    return 0;
  }
  const wrapped = planned.reduce((n, p) => n + p.plan.wrapped, 0);
  const title = `Move ${count} hardcoded secret(s) to environment variables${wrapped ? ` and route ${wrapped} call(s) that read them through the primary/fallback helper` : ''}`;
  // A wrapper retries with another key (a behaviour change): previewed unless the caller said otherwise.
  const showPreview = preview ?? wrapped > 0;
  if (showPreview) {
    const helpers = new Map<string, ProposedChange>();
    const changes: ProposedChange[] = [];
    for (const { uri, project, plan } of planned) {
      changes.push({ uri, proposed: plan.steps[plan.steps.length - 1]!.newText });
      for (const step of plan.steps) if (step.helperFile) helpers.set(helperUri(project.root, step.helperFile).toString(), { uri: helperUri(project.root, step.helperFile), proposed: step.helperFile.text, created: true });
    }
    if (!(await confirmPreview(title, [...changes, ...helpers.values()]))) return 0;
  }
  const edit = new vscode.WorkspaceEdit();
  const applied: AppliedFix[] = [];
  const appliedPerFile = new Map<vscode.Uri, AppliedFix[]>();
  const stores = new Map<string, SecretDestination>();
  const storeOf = (project: Project) => stores.get(project.root) ?? stores.set(project.root, destination(project)).get(project.root)!;
  try {
    for (const { uri, project, plan, original } of planned) {
      const root = project.root;
      const store = storeOf(project);
      const document = await vscode.workspace.openTextDocument(uri);
      if (document.getText() !== original) throw new Error(`${vscode.workspace.asRelativePath(uri)} changed while the preview was open`);
      let input = original;
      const ofFile: AppliedFix[] = [];
      appliedPerFile.set(uri, ofFile);
      for (const step of plan.steps) {
        const done = await applyFix({ path: uri.fsPath, newText: step.newText, edits: [], helperFile: step.helperFile, secrets: step.secrets, ...(step.exampleNames ? { exampleNames: step.exampleNames } : {}) }, input, store, { root });
        applied.push(done);
        ofFile.push(done);
        if (step.helperFile) edit.createFile(helperUri(root, step.helperFile), { ignoreIfExists: true, contents: Buffer.from(step.helperFile.text, 'utf8') });
        input = step.newText;
      }
      const label = `Move hardcoded secrets in ${vscode.workspace.asRelativePath(uri)} to environment variables`;
      for (const e of plan.edits) edit.replace(uri, toRange(e), e.newText, { needsConfirmation: false, label });
    }
  } catch (error) {
    for (const a of applied.reverse()) await a.undo().catch(() => undefined);
    void vscode.window.showErrorMessage(`Rotation Ready: nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
  const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: showPreview });
  if (!ok) {
    for (const a of applied.reverse()) await a.undo().catch(() => undefined);
    void vscode.window.showWarningMessage(notAppliedMessage(applied.flatMap((a) => a.stored)));
    return 0;
  }
  for (const { uri, original } of planned) {
    const document = await vscode.workspace.openTextDocument(uri);
    followUndo(document, original, document.getText(), (appliedPerFile.get(uri) ?? []).map((a) => a.exampleNames));
  }
  void vscode.window.showInformationMessage(`Rotation Ready: moved ${count} secret(s) to environment variables${wrapped ? ` (${wrapped} call(s) now fall back to <NAME>_FALLBACK on 401/403)` : ''}; values stored in ${[...new Set([...stores.values()].map((s) => s.label))].join(', ')}.`);
  return count;
}

/** Files with hardcoded-secret findings in the Problems panel (run a workspace scan first to see them all). */
export function filesWithSecrets(): vscode.Uri[] {
  return vscode.languages
    .getDiagnostics()
    .filter(([uri, diagnostics]) => uri.scheme === 'file' && diagnostics.some((d) => d.source === 'Rotation Ready' && d.code !== undefined && (typeof d.code === 'object' ? d.code.value : d.code) !== 'single-key-call' && d.severity !== vscode.DiagnosticSeverity.Information))
    .map(([uri]) => uri);
}

/**
 * The fixes that write a secret (to .env or the keychain, where the workspace's configuration chose) or a
 * helper file: trusted workspaces only, since an untrusted repository's config must not decide where a value goes.
 */
const FIX_COMMANDS_NEEDING_TRUST = new Set<string>();

/**
 * In Restricted Mode the light bulb still lists those fixes, titled as needing trust and never preferred:
 * choosing one explains why and offers Manage Workspace Trust (the command refuses). VS Code hides
 * disabled code actions from Ctrl+., which would leave the user with no reason. The ignore comment stays.
 */
export function markFixesNeedingTrust<T extends vscode.Command | vscode.CodeAction>(actions: T[] | null | undefined): T[] | null | undefined {
  if (vscode.workspace.isTrusted || !actions) return actions;
  for (const action of actions) {
    if (action instanceof vscode.CodeAction && action.command && FIX_COMMANDS_NEEDING_TRUST.has(action.command.command)) {
      action.title = `${action.title.replace(/…$/, '')} (needs a trusted workspace)`;
      action.isPreferred = false;
    }
  }
  return actions;
}

export function registerFixCommands(deps: FixDependencies): vscode.Disposable[] {
  const trusted = <A extends unknown[], R>(id: string, refused: R, run: (...args: A) => R | Promise<R>) => {
    FIX_COMMANDS_NEEDING_TRUST.add(id);
    return vscode.commands.registerCommand(id, (...args: A) => (requireTrust('move a secret out of a file') ? run(...args) : refused));
  };
  return [
    registerFixPreview(),
    trusted('rotationReady.moveSecretToEnv', false, (target: FixTarget, envName?: string) => moveSecretToEnv(deps, target, envName)),
    trusted('rotationReady.makeRotationReady', false, (target: FixTarget, envName?: string, options?: { preview?: boolean }) => makeRotationReady(deps, target, envName, options)),
    trusted('rotationReady.addKeyFallback', false, (target: FixTarget, envName?: string, options?: { preview?: boolean }) => addKeyFallback(deps, target, envName, options)),
    trusted('rotationReady.fixAllInFile', 0, (uri?: string | vscode.Uri, options?: { preview?: boolean; onSave?: boolean }) => {
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? vscode.window.activeTextEditor?.document.uri);
      // On save (editor.codeActionsOnSave) nothing pops up: the secrets move, the wrapper stays a quick fix.
      if (options?.onSave) return target ? fixAll(deps, [target], false, false) : 0;
      return target ? fixAll(deps, [target], options?.preview) : 0;
    }),
    trusted('rotationReady.fixAllInWorkspace', 0, async (options?: { preview?: boolean }) => {
      const files = filesWithSecrets();
      if (files.length === 0) {
        void vscode.window.showInformationMessage('Rotation Ready: no hardcoded secrets in the Problems panel. Run "Scan Workspace for Hardcoded Secrets" first to find them all.');
        return 0;
      }
      return fixAll(deps, files, options?.preview !== false);
    }),
  ];
}
