import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { applyBaseline, BASELINE_FILE, parseBaseline, type Baseline } from '../core/baseline/index';
import { GitError, type HistoryFinding, scanHistory } from '../core/history/scan';
import { presetForRule } from '../core/config/presets';
import { historyKeyIndex, type HistoryKeyIndex, parseHistoryKeyIndex } from '../core/history/keyIndex';
import type { LanguageClient } from 'vscode-languageclient/node';
import { HistoryIndexNotification, type HistoryIndexParams } from '../shared/protocol';
import { log } from './log';
import type { Projects } from './projects';

/** What the command returns (value-free; tests and callers read it). */
export interface HistoryScanSummary {
  cancelled: boolean;
  blobs: number;
  commits: number;
  findings: number;
  historyOnly: number;
  baselined: number;
  items: Array<{ label: string; description: string; historyOnly: boolean }>;
}

type Node = { kind: 'group'; historyOnly: boolean; findings: HistoryFinding[] } | { kind: 'finding'; finding: HistoryFinding; root: string };

/** The Secrets in History view: keys found in the git history, the ones no longer in HEAD first (still to rotate). */
class HistoryTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private findings: HistoryFinding[] = [];
  private root = '';

  set(findings: HistoryFinding[], root: string): void {
    this.findings = findings;
    this.root = root;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      return [true, false].map((historyOnly) => ({ kind: 'group' as const, historyOnly, findings: this.findings.filter((f) => f.inHead !== historyOnly) })).filter((g) => g.findings.length > 0);
    }
    return node.kind === 'group' ? node.findings.map((finding) => ({ kind: 'finding' as const, finding, root: this.root })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.historyOnly ? `Only in history — rotate (${node.findings.length})` : `Still in HEAD (${node.findings.length})`, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon(node.historyOnly ? 'history' : 'warning');
      item.tooltip = node.historyOnly ? 'Keys deleted from the code but still in the git history: anyone with a clone has them. Rotate each; deleting the line does not revoke it.' : 'Keys in the current code and in its history.';
      return item;
    }
    const { label, description } = describe(node.finding);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.description = description;
    item.tooltip = new vscode.MarkdownString().appendText(`${node.finding.message}\n\nIntroduced in ${node.finding.commit} (${node.finding.authorDate}).`);
    item.contextValue = 'historyFinding';
    item.iconPath = new vscode.ThemeIcon('key');
    const file = join(node.root, node.finding.path);
    if (node.finding.inHead && existsSync(file)) {
      item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(file)] };
    }
    return item;
  }
}

function describe(f: HistoryFinding): { label: string; description: string } {
  const preset = presetForRule(f.ruleId);
  return { label: `${f.path}:${f.range.start.line + 1}`, description: `${f.ruleId} ${f.redacted} · ${f.commit.slice(0, 8)} ${f.authorDate.slice(0, 10)}${preset ? ` · ${preset.name}` : ''}` };
}

function readBaseline(root: string): Baseline | undefined {
  const file = join(root, BASELINE_FILE);
  return existsSync(file) ? parseBaseline(readFileSync(file, 'utf8'), BASELINE_FILE) : undefined;
}

const INDEX_STATE = 'rotationReady.historyIndexes';

/** The last history scan of each scanned folder of this workspace (value-free: key fingerprints, commits, paths). */
function storedIndexes(state: vscode.Memento): Map<string, HistoryKeyIndex> {
  const stored = state.get<Record<string, unknown>>(INDEX_STATE) ?? {};
  const indexes = new Map<string, HistoryKeyIndex>();
  for (const [root, value] of Object.entries(stored)) {
    const index = parseHistoryKeyIndex(value);
    if (index) indexes.set(root, index);
  }
  return indexes;
}

/** Tells the language server what the last history scans found, so the hover of a current key can say so. */
export async function sendHistoryIndexes(client: LanguageClient, state: vscode.Memento): Promise<void> {
  for (const [root, index] of storedIndexes(state)) await client.sendNotification(HistoryIndexNotification, { root, index } satisfies HistoryIndexParams);
}

export interface HistoryDependencies {
  /** Where the last scan of each folder is kept (the workspace's state): the hover reads it after a restart too. */
  state: vscode.Memento;
  client: () => LanguageClient | undefined;
}

/** `saltOf`: the fingerprint salt of a folder on disk (src/extension/salt.ts), for a repository in no project. */
export function registerHistory(projects: Projects, saltOf: (root: string) => string, deps: HistoryDependencies): vscode.Disposable[] {
  const tree = new HistoryTree();
  const remember = async (root: string, index: HistoryKeyIndex) => {
    const all = Object.fromEntries(storedIndexes(deps.state));
    await deps.state.update(INDEX_STATE, { ...all, [root]: index });
    await deps.client()?.sendNotification(HistoryIndexNotification, { root, index } satisfies HistoryIndexParams);
  };
  // A folder from the explorer or a test (a Uri), or a project's root from the hover's command link (a string, taken
  // only when it names a project of this window: a link cannot point the scan elsewhere).
  const run = async (folder?: vscode.Uri | string): Promise<HistoryScanSummary | undefined> => {
    if (typeof folder === 'string') {
      if (!projects.byRoot(folder)) return undefined;
      folder = vscode.Uri.file(folder);
    }
    // Git reads the repository's own configuration: only in a workspace the user trusts.
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Rotation Ready: scanning the git history needs a trusted workspace (it runs git on this repository).');
      return undefined;
    }
    const root = folder?.scheme === 'file' ? folder.fsPath : (await projects.pick('Scan the git history of which project?'))?.root;
    if (!root) {
      void vscode.window.showWarningMessage('Rotation Ready: open a folder that is a git repository to scan its history.');
      return undefined;
    }
    try {
      const baseline = readBaseline(root);
      const keySalt = projects.byRoot(root)?.salt ?? saltOf(root);
      const salt = baseline?.salt ?? keySalt;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Rotation Ready: scanning the git history', cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          try {
            return await scanHistory({ cwd: root, salt, keySalt, signal: controller.signal, onProgress: (done, total) => progress.report({ message: `${done} of ${total} blobs` }) });
          } catch (error) {
            if (controller.signal.aborted) return undefined;
            throw error;
          }
        },
      );
      if (!result) return { cancelled: true, blobs: 0, commits: 0, findings: 0, historyOnly: 0, baselined: 0, items: [] };
      const { fresh, baselined } = applyBaseline(result.findings, baseline);
      tree.set(fresh, root);
      // Every key of the history, baselined or not: a key accepted in history is still exposed where it is in the code.
      await remember(root, historyKeyIndex(result.findings, result.commits, new Date()));
      const historyOnly = fresh.filter((f) => !f.inHead).length;
      log().info(`History scan of ${result.commits} commits (${result.blobs} unique blobs): ${fresh.length} finding(s), ${historyOnly} only in history, ${baselined.length} baselined.`);
      void vscode.commands.executeCommand('rotationReady.history.focus');
      if (historyOnly > 0) void vscode.window.showWarningMessage(`Rotation Ready: ${historyOnly} key(s) are only in the git history. They are still exposed: rotate them; deleting the line does not revoke a key.`);
      return { cancelled: false, blobs: result.blobs, commits: result.commits, findings: fresh.length, historyOnly, baselined: baselined.length, items: fresh.map((f) => ({ ...describe(f), historyOnly: !f.inHead })) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log().error(`History scan failed: ${message}`);
      void vscode.window.showErrorMessage(`Rotation Ready: the history scan failed: ${error instanceof GitError ? message : 'see the log'}`);
      return undefined;
    }
  };
  return [
    vscode.window.createTreeView('rotationReady.history', { treeDataProvider: tree }),
    vscode.commands.registerCommand('rotationReady.scanHistory', run),
    // From a key found in history to its rotation: the rotation flow asks which service and environment it belongs to.
    vscode.commands.registerCommand('rotationReady.rotateFromHistory', () => vscode.commands.executeCommand('rotationReady.rotate')),
  ];
}
