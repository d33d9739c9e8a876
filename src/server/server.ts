// The language server: documents → analyze (debounced, superseded runs cancelled) → diagnostics;
// the workspace scan; hovers. It imports only src/core, never `vscode`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeTextCooperatively, AnalyzeOptions, forgetDocument, TOO_SLOW } from '../core/analyze/index';
import ignore from 'ignore';
import { analyzeFile, DEFAULT_EXCLUDES, scanWorkspace } from '../core/analyze/scan';
import { applyBaseline, Baseline, BASELINE_FILE, createBaseline, newBaselineSalt, serializeBaseline } from '../core/baseline/index';
import type { Finding, Severity } from '../core/findings';
import {
  AnalyzerSettings,
  DIAGNOSTIC_SOURCE,
  PlanFileFixesParams,
  PlanFileFixesRequest,
  PlanFixParams,
  PlanFixRequest,
  PlanFixResult,
  ScanProgressNotification,
  ScanWorkspaceParams,
  ScanWorkspaceRequest,
  ScanWorkspaceResult,
  ServerInitializationOptions,
} from '../shared/protocol';
import { readBaseline } from './baseline';
import { codeActions, FIX_ALL_KIND, FixContext, planFileFixes, planFix } from './fixes';
import { hoverFor } from './hover';
import { analysisPath, documentPath } from './paths';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let init: ServerInitializationOptions = { salt: '', docsBase: '' };
let analyzer: AnalyzerSettings = { enable: true, maxFileSizeKB: 2048, ruleSeverity: {}, lowerSeverityInTestPaths: true, showPublishableKeys: false };
let baseline: Baseline | undefined;

const DEBOUNCE_MS = 150;
/**
 * A document's own analysis time before it is given up as too slow (its work only: time yielded to other documents
 * does not count). Linear-time rules analyze the largest allowed file well within it; it guards against what they miss.
 */
const ANALYSIS_BUDGET_MS = 5_000;
/** The analysis of a document, waiting for its debounce or running: a newer edit or closing the document aborts it. */
const pending = new Map<string, { timer: NodeJS.Timeout; controller: AbortController }>();
/** The latest findings per open document, for hovers and code actions. */
const latestFindings = new Map<string, Finding[]>();
/** Findings of the last workspace scan per file URI: shown for files that are not open. */
const scanFindings = new Map<string, Finding[]>();
/** Excludes of the last workspace scan: a watched-file change outside them is re-analyzed. */
let scanExcludes: ReturnType<typeof ignore> | undefined;

connection.onInitialize((params) => {
  init = { ...init, ...(params.initializationOptions as ServerInitializationOptions) };
  baseline = readBaseline(init.workspaceRoot, (m) => connection.console.error(m));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: false },
    },
  };
});

connection.onInitialized(async () => {
  void connection.client.register(DidChangeConfigurationNotification.type, { section: 'rotationReady' });
  await refreshSettings();
});

async function refreshSettings(): Promise<void> {
  const value = (await connection.workspace.getConfiguration('rotationReady')) as Partial<AnalyzerSettings> | null;
  analyzer = { ...analyzer, ...(value ?? {}) };
  reanalyzeOpenDocuments();
}

connection.onDidChangeConfiguration(() => void refreshSettings());

/** The salt every fingerprint uses: the baseline's when there is one, so its entries match. */
const salt = () => baseline?.salt ?? init.salt;

function analyzeOptions(signal?: AbortSignal): AnalyzeOptions {
  const severityOverrides: Record<string, Severity> = {};
  const ruleIds: string[] = [];
  for (const [id, level] of Object.entries(analyzer.ruleSeverity ?? {})) {
    if (level === 'off') ruleIds.push(id);
    else severityOverrides[id] = level;
  }
  return { salt: salt(), keySalt: init.salt, maxFileBytes: analyzer.maxFileSizeKB * 1024, severityOverrides, lowerSeverityInTestPaths: analyzer.lowerSeverityInTestPaths, showPublishable: analyzer.showPublishableKeys === true, singleKeyCalls: true, signal };
}

/** Findings the user switched off (`"off"` in rotationReady.ruleSeverity) or accepted in the baseline are not shown. */
function visible(findings: readonly Finding[]): Finding[] {
  const off = new Set(Object.entries(analyzer.ruleSeverity ?? {}).filter(([, level]) => level === 'off').map(([id]) => id));
  return applyBaseline(findings.filter((f) => !off.has(f.ruleId)), baseline).fresh;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: severities[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    code: finding.ruleId,
    codeDescription: init.docsBase ? { href: `${init.docsBase}/${finding.ruleId}.md` } : undefined,
    data: { fingerprint: finding.fingerprint, redacted: finding.redacted, kind: finding.kind, suggestedEnvName: finding.suggestedEnvName },
  };
}

/** Said instead of silence when a document was too slow to analyze: its keys are not known to be absent. */
function tooSlowDiagnostic(): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: 'analysis-too-slow',
    message: `Rotation Ready stopped analyzing this file after ${ANALYSIS_BUDGET_MS / 1000} s of work, so it was not fully checked for hardcoded secrets. Run \`rotation-ready scan\` on it, or exclude it (rotationReady.exclude) if it is generated.`,
  };
}

/** Analyzes in slices (analyzeTextCooperatively): other documents, hovers and newer edits get in between. */
async function analyze(document: TextDocument, signal: AbortSignal): Promise<void> {
  const path = analysisPath(document.uri, document.languageId, init.workspaceRoot);
  try {
    const result = analyzer.enable ? await analyzeTextCooperatively(path, document.getText(), { ...analyzeOptions(signal), budgetMs: ANALYSIS_BUDGET_MS }) : { findings: [], notes: [] };
    if (signal.aborted) return;
    const findings = visible(result.findings);
    latestFindings.set(document.uri, findings);
    const diagnostics = findings.map(toDiagnostic);
    if (result.skipped?.reason === TOO_SLOW) diagnostics.push(tooSlowDiagnostic());
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    for (const note of result.notes) connection.console.info(`${path}: ${note}`);
  } catch (error) {
    // One bad document must not take the server down; say where and why.
    connection.console.error(`${path}: analysis failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function schedule(document: TextDocument): void {
  cancelPending(document.uri);
  const controller = new AbortController();
  const entry = {
    controller,
    timer: setTimeout(() => {
      // Stays pending while it runs, so that a newer edit or closing the document aborts it.
      void analyze(document, controller.signal).finally(() => {
        if (pending.get(document.uri) === entry) pending.delete(document.uri);
      });
    }, DEBOUNCE_MS),
  };
  pending.set(document.uri, entry);
}

function cancelPending(uri: string): void {
  const previous = pending.get(uri);
  if (previous) {
    clearTimeout(previous.timer);
    previous.controller.abort();
    pending.delete(uri);
  }
}

function reanalyzeOpenDocuments(): void {
  for (const document of documents.all()) schedule(document);
}

documents.onDidOpen(({ document }) => schedule(document));
documents.onDidChangeContent(({ document }) => schedule(document));
documents.onDidClose(({ document }) => {
  cancelPending(document.uri);
  latestFindings.delete(document.uri);
  forgetDocument(analysisPath(document.uri, document.languageId, init.workspaceRoot));
  // A closed file shows what the last workspace scan found in it, as the Problems panel did before it opened.
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: (scanFindings.get(document.uri) ?? []).map(toDiagnostic) });
});

connection.onHover(({ textDocument, position }) => hoverFor(latestFindings.get(textDocument.uri) ?? [], position, init.docsBase));

const fixContext: FixContext = {
  get root() {
    return init.workspaceRoot;
  },
  salt,
  path: (document) => analysisPath(document.uri, document.languageId, init.workspaceRoot),
  findings: (uri) => latestFindings.get(uri) ?? scanFindings.get(uri) ?? [],
  document: (uri) => documents.get(uri),
};
connection.onCodeAction((params) => codeActions(params, fixContext));
connection.onRequest(PlanFixRequest, (params: PlanFixParams): PlanFixResult => planFix(params, fixContext));
connection.onRequest(PlanFileFixesRequest, (params: PlanFileFixesParams) => planFileFixes(params, fixContext));

const uriOf = (relativePath: string) => pathToFileURL(join(init.workspaceRoot ?? '', relativePath)).toString();

function publishScanResults(findings: readonly Finding[], previousUris: Iterable<string>): void {
  const byUri = new Map<string, Finding[]>();
  for (const finding of findings) {
    const uri = uriOf(finding.path);
    byUri.set(uri, [...(byUri.get(uri) ?? []), finding]);
  }
  for (const uri of previousUris) if (!byUri.has(uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  scanFindings.clear();
  for (const [uri, list] of byUri) {
    scanFindings.set(uri, list);
    // Open documents keep their live analysis, which may be newer than the file on disk.
    if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: list.map(toDiagnostic) });
  }
}

connection.onRequest(ScanWorkspaceRequest, async (params: ScanWorkspaceParams, token): Promise<ScanWorkspaceResult> => {
  const root = init.workspaceRoot;
  if (!root) throw new Error('Open a folder to scan: the workspace scan walks the first workspace folder.');
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  if (params.writeBaseline && !baseline) baseline = { version: 1, salt: newBaselineSalt(), entries: [] };
  const result = await scanWorkspace({
    ...analyzeOptions(controller.signal),
    roots: [root],
    base: root,
    cwd: root,
    exclude: params.exclude,
    signal: controller.signal,
    onProgress: ({ done, total }) => void connection.sendNotification(ScanProgressNotification, { done, total }),
  });
  let baselineWritten: string | undefined;
  if (params.writeBaseline && !result.cancelled) {
    baseline = createBaseline(result.findings, salt());
    baselineWritten = join(root, BASELINE_FILE);
    writeFileSync(baselineWritten, serializeBaseline(baseline));
    reanalyzeOpenDocuments();
  }
  const shown = visible(result.findings);
  if (!result.cancelled) {
    publishScanResults(shown, [...scanFindings.keys()]);
    scanExcludes = ignore().add([...DEFAULT_EXCLUDES, ...params.exclude]);
  }
  for (const skip of result.skipped) connection.console.info(`scan: skipped ${skip.path}: ${skip.reason}`);
  for (const note of result.notes) connection.console.info(`scan: ${note.path}: ${note.note}`);
  return {
    files: result.files,
    findings: shown.length,
    baselined: result.findings.length - shown.length,
    skipped: result.skipped,
    notes: result.notes.length,
    cancelled: result.cancelled,
    baselineWritten,
  };
});

// Saved and changed files re-scan once a workspace scan has run; the baseline reloads when it changes.
connection.onDidChangeWatchedFiles(async ({ changes }) => {
  for (const change of changes) {
    const path = documentPath(change.uri, init.workspaceRoot);
    if (path === BASELINE_FILE) {
      baseline = readBaseline(init.workspaceRoot, (m) => connection.console.error(m));
      reanalyzeOpenDocuments();
      continue;
    }
    if (!scanExcludes || !change.uri.startsWith('file:') || path.startsWith('/') || path.startsWith('..') || scanExcludes.ignores(path)) continue;
    if (change.type === FileChangeType.Deleted) {
      scanFindings.delete(change.uri);
      if (!documents.get(change.uri)) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
      continue;
    }
    try {
      const result = await analyzeFile(join(init.workspaceRoot!, path), path, analyzeOptions());
      const findings = visible(result.findings);
      if (findings.length) scanFindings.set(change.uri, findings);
      else scanFindings.delete(change.uri);
      if (!documents.get(change.uri)) void connection.sendDiagnostics({ uri: change.uri, diagnostics: findings.map(toDiagnostic) });
    } catch {
      // A file that vanished or cannot be read between the event and now: the next event says more.
    }
  }
});

documents.listen(connection);
connection.listen();
