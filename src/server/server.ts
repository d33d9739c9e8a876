// The language server: documents → analyze (debounced, superseded runs cancelled) → diagnostics;
// the workspace scan; hovers. It imports only src/core, never `vscode`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
  HistoryIndexNotification,
  HistoryIndexParams,
  LiveCheckNotification,
  LiveCheckParams,
  PlanFileFixesParams,
  PlanFileFixesRequest,
  PlanFixParams,
  PlanFixRequest,
  PlanFixResult,
  ProjectInfo,
  ProjectsNotification,
  ProjectsParams,
  ScanProgressNotification,
  ScanWorkspaceParams,
  ScanWorkspaceRequest,
  ScanWorkspaceResult,
  ServerInitializationOptions,
} from '../shared/protocol';
import { readBaseline } from './baseline';
import { codeActions, FIX_ALL_KIND, FixContext, planFileFixes, planFix } from './fixes';
import { hoverFor, type HistoryContext, type LiveCheck } from './hover';
import type { HistoryKeyIndex } from '../core/history/keyIndex';
import { analysisPath, documentPath } from './paths';
import { nearestProjectRoot, nestedProjectRoots } from '../core/projectRoots';
import { loadTypeScript } from '../core/analyze/typescriptLoader';
import { preloadTypeScriptAtBoot, startupMilestones } from './startup';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let init: ServerInitializationOptions = { projects: [], salt: '', docsBase: '' };
let analyzer: AnalyzerSettings = { enable: true, maxFileSizeKB: 2048, ruleSeverity: {}, lowerSeverityInTestPaths: true, showPublishableKeys: false };

/** A project as the server sees it: its root, its salt and its own baseline (each project as if opened alone). */
interface Project extends ProjectInfo {
  baseline: Baseline | undefined;
}
let projects: Project[] = [];
/** Documents in no project (untitled ones, files outside every folder): no baseline, the window's salt. */
const outside = (): Project => ({ root: '', salt: init.salt, baseline: undefined });

/** Sets the projects; false when they are the ones the server already has (same roots and salts, in order). */
function setProjects(list: readonly ProjectInfo[]): boolean {
  if (list.length === projects.length && list.every((p, i) => p.root === projects[i]!.root && p.salt === projects[i]!.salt)) return false;
  const previous = new Map(projects.map((p) => [p.root, p]));
  projects = list.map((p) => ({ ...p, baseline: previous.get(p.root)?.salt === p.salt ? previous.get(p.root)!.baseline : readBaseline(p.root, (m) => connection.console.error(m)) }));
  return true;
}

/** The project of a document: the deepest project root above its file. */
function projectOf(uri: string): Project {
  if (!uri.startsWith('file:')) return outside();
  const root = nearestProjectRoot(fileURLToPath(uri), projects.map((p) => p.root));
  return projects.find((p) => p.root === root) ?? outside();
}

/** The path of a document in its project (what findings, fingerprints and baselines use). */
const pathIn = (project: Project, uri: string, languageId: string) => analysisPath(uri, languageId, project.root || undefined);

/** Edits are analyzed once typing pauses this long; an opened document at once. */
const DEBOUNCE_MS = 150;
/**
 * A document's own analysis time before it is given up as too slow (its work only: time yielded to other documents
 * does not count). Linear-time rules analyze the largest allowed file well within it; it guards against what they miss.
 */
const ANALYSIS_BUDGET_MS = 5_000;
/**
 * The analysis of a document, waiting for its debounce or running: a newer edit or closing the document aborts it.
 * `settled` resolves when it has published, failed or been aborted (a workspace scan waits for it: openDocumentsFirst).
 */
const pending = new Map<string, { timer: NodeJS.Timeout; controller: AbortController; settled: Promise<void>; settle: () => void; version: number }>();
/** The latest findings per open document, for hovers and code actions. */
const latestFindings = new Map<string, Finding[]>();
/** Findings of the last workspace scan per file URI: shown for files that are not open. */
const scanFindings = new Map<string, Finding[]>();
/** Excludes of the last workspace scan: a watched-file change outside them is re-analyzed. */
let scanExcludes: ReturnType<typeof ignore> | undefined;

connection.onInitialize((params) => {
  startupMilestones.initialized();
  init = { ...init, ...(params.initializationOptions as ServerInitializationOptions) };
  setProjects(init.projects ?? []);
  // The client's settings as of now: the first documents are analyzed without waiting for a configuration round trip.
  analyzer = { ...analyzer, ...init.settings };
  // The compiler loads while the client finishes starting and sends the open documents, not at their first parse.
  if (init.preloadTypeScript) setImmediate(() => loadTypeScript());
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
  const next = { ...analyzer, ...(value ?? {}) };
  // Unchanged settings (the first pull, which the initialization options already gave) restart no analysis.
  if (JSON.stringify(next) === JSON.stringify(analyzer)) return;
  analyzer = next;
  reanalyzeOpenDocuments();
}

connection.onDidChangeConfiguration(() => void refreshSettings());
connection.onNotification(ProjectsNotification, (params: ProjectsParams) => {
  if (setProjects(params.projects)) reanalyzeOpenDocuments();
});

/** The salt every fingerprint of a project uses: its baseline's when there is one, so its entries match. */
const saltOf = (project: Project) => project.baseline?.salt ?? project.salt;

function analyzeOptions(project: Project, signal?: AbortSignal): AnalyzeOptions {
  const severityOverrides: Record<string, Severity> = {};
  const ruleIds: string[] = [];
  for (const [id, level] of Object.entries(analyzer.ruleSeverity ?? {})) {
    if (level === 'off') ruleIds.push(id);
    else severityOverrides[id] = level;
  }
  return { salt: saltOf(project), keySalt: project.salt, maxFileBytes: analyzer.maxFileSizeKB * 1024, severityOverrides, lowerSeverityInTestPaths: analyzer.lowerSeverityInTestPaths, showPublishable: analyzer.showPublishableKeys === true, singleKeyCalls: true, signal };
}

/** Findings the user switched off (`"off"` in rotationReady.ruleSeverity) or accepted in the baseline are not shown. */
function visible(findings: readonly Finding[], project: Project): Finding[] {
  const off = new Set(Object.entries(analyzer.ruleSeverity ?? {}).filter(([, level]) => level === 'off').map(([id]) => id));
  return applyBaseline(findings.filter((f) => !off.has(f.ruleId)), project.baseline).fresh;
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
async function analyze(document: TextDocument, signal: AbortSignal, delayMs: number): Promise<void> {
  const project = projectOf(document.uri);
  const path = pathIn(project, document.uri, document.languageId);
  const started = performance.now();
  try {
    const result = analyzer.enable ? await analyzeTextCooperatively(path, document.getText(), { ...analyzeOptions(project, signal), budgetMs: ANALYSIS_BUDGET_MS }) : { findings: [], notes: [] };
    if (signal.aborted) return;
    const findings = visible(result.findings, project);
    latestFindings.set(document.uri, findings);
    const diagnostics = findings.map(toDiagnostic);
    if (result.skipped?.reason === TOO_SLOW) diagnostics.push(tooSlowDiagnostic());
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    const startup = startupMilestones.published(path, started, delayMs);
    if (startup) connection.console.info(startup);
    for (const note of result.notes) connection.console.info(`${path}: ${note}`);
  } catch (error) {
    // One bad document must not take the server down; say where and why.
    connection.console.error(`${path}: analysis failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function schedule(document: TextDocument, delayMs = DEBOUNCE_MS): void {
  cancelPending(document.uri);
  const controller = new AbortController();
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const entry = {
    controller,
    settled,
    settle,
    version: document.version,
    timer: setTimeout(() => {
      // Stays pending while it runs, so that a newer edit or closing the document aborts it.
      void analyze(document, controller.signal, delayMs).finally(() => {
        if (pending.get(document.uri) === entry) pending.delete(document.uri);
        settle();
      });
    }, delayMs),
  };
  pending.set(document.uri, entry);
}

function cancelPending(uri: string): void {
  const previous = pending.get(uri);
  if (previous) {
    clearTimeout(previous.timer);
    previous.controller.abort();
    pending.delete(uri);
    previous.settle();
  }
}

/**
 * Waits for the open documents' analyses that are pending (a few rounds at most, so that typing cannot hold a scan
 * back): what the user looks at is published before a workspace scan takes the thread (issue 16.6).
 */
async function openDocumentsFirst(signal: AbortSignal): Promise<void> {
  for (let round = 0; round < 3 && pending.size > 0 && !signal.aborted; round++) await Promise.all([...pending.values()].map((p) => p.settled));
}

function reanalyzeOpenDocuments(): void {
  for (const document of documents.all()) schedule(document);
}

documents.onDidOpen(({ document }) => {
  startupMilestones.opened();
  schedule(document, 0);
});
// TextDocuments reports an opened document as changed too, at once: that same version is already scheduled without
// delay, and rescheduling it would hold the first squiggle back by the typing debounce (issue 16.6).
documents.onDidChangeContent(({ document }) => {
  if (pending.get(document.uri)?.version !== document.version) schedule(document);
});
documents.onDidClose(({ document }) => {
  cancelPending(document.uri);
  latestFindings.delete(document.uri);
  forgetDocument(pathIn(projectOf(document.uri), document.uri, document.languageId));
  // A closed file shows what the last workspace scan found in it, as the Problems panel did before it opened.
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: (scanFindings.get(document.uri) ?? []).map(toDiagnostic) });
});

/** The last history scan of each scanned folder (absolute path), for hovers. */
const historyIndexes = new Map<string, HistoryKeyIndex>();
connection.onNotification(HistoryIndexNotification, ({ root, index }: HistoryIndexParams) => {
  if (index) historyIndexes.set(root, index);
  else historyIndexes.delete(root);
});

/** A document's history: the scan of the deepest scanned folder holding it; a document in no project has none. */
function historyOf(uri: string): HistoryContext | undefined {
  const project = projectOf(uri);
  if (!project.root) return undefined;
  const scanned = nearestProjectRoot(fileURLToPath(uri), [...historyIndexes.keys()]);
  return { index: scanned === undefined ? undefined : historyIndexes.get(scanned), scanLink: `command:rotationReady.scanHistory?${encodeURIComponent(JSON.stringify([project.root]))}` };
}

/** The last live check of each key, by its rk1 fingerprint (value-free). */
const liveChecks = new Map<string, LiveCheck>();
connection.onNotification(LiveCheckNotification, ({ keyFingerprint, ...check }: LiveCheckParams) => void liveChecks.set(keyFingerprint, check));

connection.onHover(({ textDocument, position }) => hoverFor(latestFindings.get(textDocument.uri) ?? [], position, init.docsBase, historyOf(textDocument.uri), liveChecks));

const fixContext: FixContext = {
  root: (uri) => projectOf(uri).root || undefined,
  salt: (uri) => saltOf(projectOf(uri)),
  path: (document) => pathIn(projectOf(document.uri), document.uri, document.languageId),
  findings: (uri) => latestFindings.get(uri) ?? scanFindings.get(uri) ?? [],
  document: (uri) => documents.get(uri),
};
connection.onCodeAction((params) => codeActions(params, fixContext));
connection.onRequest(PlanFixRequest, (params: PlanFixParams): PlanFixResult => planFix(params, fixContext));
connection.onRequest(PlanFileFixesRequest, (params: PlanFileFixesParams) => planFileFixes(params, fixContext));

const uriOf = (project: Project, relativePath: string) => pathToFileURL(join(project.root, relativePath)).toString();

/** Publishes the scanned projects' findings; files of those projects without findings now are cleared. */
function publishScanResults(scanned: ReadonlyMap<Project, readonly Finding[]>): void {
  const byUri = new Map<string, Finding[]>();
  for (const [project, findings] of scanned) {
    for (const finding of findings) {
      const uri = uriOf(project, finding.path);
      byUri.set(uri, [...(byUri.get(uri) ?? []), finding]);
    }
  }
  const rescanned = [...scanned.keys()];
  for (const uri of [...scanFindings.keys()]) {
    if (byUri.has(uri) || !rescanned.includes(projectOf(uri))) continue;
    scanFindings.delete(uri);
    if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
  for (const [uri, list] of byUri) {
    scanFindings.set(uri, list);
    // Open documents keep their live analysis, which may be newer than the file on disk.
    if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: list.map(toDiagnostic) });
  }
}

connection.onRequest(ScanWorkspaceRequest, async (params: ScanWorkspaceParams, token): Promise<ScanWorkspaceResult> => {
  const asked = new Map(params.projects?.map((p) => [p.root, p.exclude]));
  const chosen = params.projects ? projects.filter((p) => asked.has(p.root)) : projects;
  if (chosen.length === 0) throw new Error('Open a folder to scan: the workspace scan walks the workspace folders.');
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  await openDocumentsFirst(controller.signal);
  const scanning = startupMilestones.scanStarting();
  if (scanning) connection.console.info(scanning);
  const allRoots = projects.map((p) => p.root);
  const total: ScanWorkspaceResult = { files: 0, findings: 0, baselined: 0, skipped: [], notes: 0, cancelled: false, baselinesWritten: [] };
  const shownByProject = new Map<Project, Finding[]>();
  // One progress over every project: files done so far in all of them, of all the files found so far.
  let doneBefore = 0;
  let doneHere = 0;
  for (const project of chosen) {
    if (controller.signal.aborted) break;
    const root = project.root;
    if (params.writeBaseline && !project.baseline) project.baseline = { version: 1, salt: newBaselineSalt(), entries: [] };
    // Each project is scanned as if opened alone: the packages nested in it are projects of their own.
    const nested = nestedProjectRoots(root, allRoots).map((rel) => `/${rel}/`);
    const result = await scanWorkspace({
      ...analyzeOptions(project, controller.signal),
      roots: [root],
      base: root,
      cwd: root,
      exclude: [...(asked.get(root) ?? params.exclude), ...nested],
      signal: controller.signal,
      onProgress: ({ done, total: files }) => {
        doneHere = done;
        void connection.sendNotification(ScanProgressNotification, { done: doneBefore + done, total: doneBefore + files });
      },
    });
    doneBefore += doneHere;
    doneHere = 0;
    if (params.writeBaseline && !result.cancelled) {
      project.baseline = createBaseline(result.findings, saltOf(project));
      const file = join(root, BASELINE_FILE);
      writeFileSync(file, serializeBaseline(project.baseline));
      total.baselinesWritten!.push(file);
    }
    const shown = visible(result.findings, project);
    if (!result.cancelled) shownByProject.set(project, shown);
    for (const skip of result.skipped) connection.console.info(`scan: skipped ${join(root, skip.path)}: ${skip.reason}`);
    for (const note of result.notes) connection.console.info(`scan: ${join(root, note.path)}: ${note.note}`);
    total.files += result.files;
    total.findings += shown.length;
    total.baselined += result.findings.length - shown.length;
    total.skipped.push(...result.skipped.map((skip) => ({ ...skip, path: chosen.length > 1 ? join(root, skip.path) : skip.path })));
    total.notes += result.notes.length;
    total.cancelled ||= result.cancelled;
  }
  if (params.writeBaseline && total.baselinesWritten!.length) reanalyzeOpenDocuments();
  if (!total.cancelled) {
    publishScanResults(shownByProject);
    scanExcludes = ignore().add([...DEFAULT_EXCLUDES, ...params.exclude, ...[...asked.values()].flat()]);
  }
  return total;
});

// Saved and changed files re-scan once a workspace scan has run; the baseline reloads when it changes.
connection.onDidChangeWatchedFiles(async ({ changes }) => {
  for (const change of changes) {
    const project = projectOf(change.uri);
    if (!project.root) continue;
    const path = documentPath(change.uri, project.root);
    if (path === BASELINE_FILE) {
      project.baseline = readBaseline(project.root, (m) => connection.console.error(m));
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
      const result = await analyzeFile(join(project.root, path), path, analyzeOptions(project));
      const findings = visible(result.findings, project);
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
// The extension forked this process before it started its client, and said an open document needs the compiler: it
// loads now, while the extension host finishes starting the client, which took 0.1-1.1 s of a loaded machine's
// start-up (issue 16.6); `initialize` waits for it less than the open document would have after it.
if (preloadTypeScriptAtBoot) setImmediate(() => loadTypeScript());
