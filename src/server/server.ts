// The language server: documents → analyze (debounced, superseded runs cancelled) → diagnostics.
// It imports only src/core, never `vscode`.
import { createConnection, Diagnostic, DiagnosticSeverity, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../core/analyze/index';
import type { Finding, Severity } from '../core/findings';
import { DIAGNOSTIC_SOURCE, ServerInitializationOptions } from '../shared/protocol';
import { hoverFor } from './hover';
import { analysisPath } from './paths';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: ServerInitializationOptions = { salt: '', docsBase: '', maxFileBytes: 2 * 1024 * 1024 };

const DEBOUNCE_MS = 150;
const pending = new Map<string, { timer: NodeJS.Timeout; controller: AbortController }>();
/** The latest findings per open document, for hovers and code actions. */
const latestFindings = new Map<string, Finding[]>();

connection.onInitialize((params) => {
  settings = { ...settings, ...(params.initializationOptions as ServerInitializationOptions) };
  return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true } };
});

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
    codeDescription: settings.docsBase ? { href: `${settings.docsBase}/${finding.ruleId}.md` } : undefined,
    data: { fingerprint: finding.fingerprint, redacted: finding.redacted, kind: finding.kind, suggestedEnvName: finding.suggestedEnvName },
  };
}

function analyze(document: TextDocument, signal: AbortSignal): void {
  const path = analysisPath(document.uri, document.languageId, settings.workspaceRoot);
  try {
    const result = analyzeText(path, document.getText(), { salt: settings.salt, maxFileBytes: settings.maxFileBytes, signal });
    if (signal.aborted) return;
    latestFindings.set(document.uri, result.findings);
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: result.findings.map(toDiagnostic) });
    for (const note of result.notes) connection.console.info(`${path}: ${note}`);
  } catch (error) {
    // One bad document must not take the server down; say where and why.
    connection.console.error(`${path}: analysis failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function schedule(document: TextDocument): void {
  const previous = pending.get(document.uri);
  if (previous) {
    clearTimeout(previous.timer);
    previous.controller.abort();
  }
  const controller = new AbortController();
  const timer = setTimeout(() => {
    pending.delete(document.uri);
    analyze(document, controller.signal);
  }, DEBOUNCE_MS);
  pending.set(document.uri, { timer, controller });
}

documents.onDidOpen(({ document }) => schedule(document));
documents.onDidChangeContent(({ document }) => schedule(document));
documents.onDidClose(({ document }) => {
  const previous = pending.get(document.uri);
  if (previous) {
    clearTimeout(previous.timer);
    previous.controller.abort();
    pending.delete(document.uri);
  }
  latestFindings.delete(document.uri);
  void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.onHover(({ textDocument, position }) => hoverFor(latestFindings.get(textDocument.uri) ?? [], position, settings.docsBase));

documents.listen(connection);
connection.listen();
