import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ScanProgressNotification, ScanProgressParams, ScanWorkspaceParams, ScanWorkspaceRequest, ScanWorkspaceResult } from '../shared/protocol';
import { log } from './log';
import type { Project, Projects } from './projects';

/**
 * Globs the scan skips beside .gitignore: `files.exclude` (the enabled ones) and `rotationReady.exclude`.
 * `files.exclude` is VS Code's, not a restricted setting: in Restricted Mode only the user's and the
 * default value count, so a repository's own settings cannot hide its files from the scan.
 */
function excludes(scope: vscode.Uri | undefined): string[] {
  const files = vscode.workspace.getConfiguration('files', scope);
  const userExclude = () => {
    const inspected = files.inspect<Record<string, boolean>>('exclude');
    return { ...inspected?.defaultValue, ...inspected?.globalValue };
  };
  const filesExclude = vscode.workspace.isTrusted ? files.get<Record<string, boolean>>('exclude', {}) : userExclude();
  const ours = vscode.workspace.getConfiguration('rotationReady', scope).get<string[]>('exclude', []);
  return [...Object.entries(filesExclude).filter(([, on]) => on === true).map(([glob]) => glob), ...ours];
}

/**
 * Scans every project of the workspace (or the given ones) in the language server (never in the extension
 * host), each with its own baseline and salt, with one cancellable progress notification; findings land in
 * the Problems panel.
 */
export async function scanWorkspace(client: LanguageClient | undefined, projects: Projects, options: { writeBaseline?: boolean; quiet?: boolean; only?: readonly Project[] } = {}): Promise<ScanWorkspaceResult | undefined> {
  if (!client) {
    void vscode.window.showErrorMessage('Rotation Ready: the analyzer is not running, so the workspace cannot be scanned. See the log for why.');
    return undefined;
  }
  const chosen = options.only ?? projects.all();
  if (chosen.length === 0) {
    void vscode.window.showWarningMessage('Rotation Ready: open a folder to scan.');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: options.writeBaseline ? 'Rotation Ready: writing the baseline' : 'Rotation Ready: scanning for hardcoded secrets', cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const listener = client.onNotification(ScanProgressNotification, ({ done, total }: ScanProgressParams) => {
        const percent = total ? (done / total) * 100 : 100;
        progress.report({ message: `${done} / ${total} files`, increment: percent - reported });
        reported = percent;
      });
      try {
        // Each project with the settings of its own folder (a .code-workspace's settings apply to every folder).
        const params: ScanWorkspaceParams = { exclude: excludes(undefined), writeBaseline: options.writeBaseline, projects: chosen.map((p) => ({ root: p.root, exclude: excludes(p.uri) })) };
        return await client.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest, params, token);
      } finally {
        listener.dispose();
      }
    },
  );
  const accepted = result.baselined ? ` (${result.baselined} more accepted by the baseline)` : '';
  const skipped = result.skipped.length ? `, ${result.skipped.length} skipped (see the log)` : '';
  const summary = `${result.cancelled ? 'Scan cancelled' : 'Scanned'} ${result.files} files: ${result.findings} finding(s)${accepted}${skipped}.`;
  log().info(summary);
  for (const skip of result.skipped) log().info(`  skipped ${skip.path}: ${skip.reason}`);
  for (const file of result.baselinesWritten ?? []) log().info(`Baseline written to ${file}`);
  if (!options.quiet) {
    // Not awaited: the command's result must not wait for someone to dismiss a notification.
    void vscode.window.showInformationMessage(`Rotation Ready: ${summary}`, ...(result.findings ? ['Show Problems'] : [])).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return result;
}

/** Accepts every current finding of a project into its `.rotation-ready-baseline.json`, after a confirmation. */
export async function createBaseline(client: LanguageClient | undefined, projects: Projects, confirm = true, root?: string): Promise<ScanWorkspaceResult | undefined> {
  const project = root !== undefined ? projects.byRoot(root) : await projects.pick('Accept the current findings of which project?');
  if (!project) return undefined;
  if (confirm) {
    const choice = await vscode.window.showWarningMessage(
      `Accept every current finding of ${project.name} as known?`,
      { modal: true, detail: 'Rotation Ready scans the project and writes its .rotation-ready-baseline.json: fingerprints (rule, path, salted hash) of the findings that exist now. They stop being reported; a new or changed secret still is. Commit the file so your team shares it.' },
      'Write Baseline',
    );
    if (choice !== 'Write Baseline') return undefined;
  }
  return scanWorkspace(client, projects, { writeBaseline: true, quiet: !confirm, only: [project] });
}

const FIRST_SCAN_KEY = 'rotationReady.firstScanDone';

/**
 * The first time a workspace with a project configured for Rotation Ready (a `.rotation-ready.json` in a
 * project folder) is opened, its findings are drawn at once: every project is scanned in the language
 * server, without a summary to dismiss. Later openings rely on the files being re-checked as they open and change.
 */
export async function scanOnFirstOpen(context: vscode.ExtensionContext, client: LanguageClient | undefined, projects: Projects): Promise<void> {
  if (!client || context.workspaceState.get<boolean>(FIRST_SCAN_KEY)) return;
  const configured = await Promise.all(projects.all().map((p) => vscode.workspace.fs.stat(p.config.uri()).then(() => true, () => false)));
  if (!configured.includes(true)) return;
  log().info('First opening of this folder: scanning it for hardcoded secrets.');
  const result = await scanWorkspace(client, projects, { quiet: true }).catch((error: unknown) => {
    log().warn(`The first scan of this folder did not finish: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  if (result && !result.cancelled) await context.workspaceState.update(FIRST_SCAN_KEY, true);
}
