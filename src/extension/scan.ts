import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ScanProgressNotification, ScanProgressParams, ScanWorkspaceParams, ScanWorkspaceRequest, ScanWorkspaceResult } from '../shared/protocol';
import { log } from './log';

/**
 * Globs the scan skips beside .gitignore: `files.exclude` (the enabled ones) and `rotationReady.exclude`.
 * `files.exclude` is VS Code's, not a restricted setting: in Restricted Mode only the user's and the
 * default value count, so a repository's own settings cannot hide its files from the scan.
 */
function excludes(): string[] {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const files = vscode.workspace.getConfiguration('files', folder);
  const userExclude = () => {
    const inspected = files.inspect<Record<string, boolean>>('exclude');
    return { ...inspected?.defaultValue, ...inspected?.globalValue };
  };
  const filesExclude = vscode.workspace.isTrusted ? files.get<Record<string, boolean>>('exclude', {}) : userExclude();
  const ours = vscode.workspace.getConfiguration('rotationReady', folder).get<string[]>('exclude', []);
  return [...Object.entries(filesExclude).filter(([, on]) => on === true).map(([glob]) => glob), ...ours];
}

/**
 * Scans the workspace in the language server (never in the extension host), with a cancellable
 * progress notification; findings land in the Problems panel.
 */
export async function scanWorkspace(client: LanguageClient | undefined, options: { writeBaseline?: boolean; quiet?: boolean } = {}): Promise<ScanWorkspaceResult | undefined> {
  if (!client) {
    void vscode.window.showErrorMessage('Rotation Ready: the analyzer is not running, so the workspace cannot be scanned. See the log for why.');
    return undefined;
  }
  if (!vscode.workspace.workspaceFolders?.length) {
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
        const params: ScanWorkspaceParams = { exclude: excludes(), writeBaseline: options.writeBaseline };
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
  if (result.baselineWritten) log().info(`Baseline written to ${result.baselineWritten}`);
  if (!options.quiet) {
    // Not awaited: the command's result must not wait for someone to dismiss a notification.
    void vscode.window.showInformationMessage(`Rotation Ready: ${summary}`, ...(result.findings ? ['Show Problems'] : [])).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return result;
}

/** Accepts every current finding into `.rotation-ready-baseline.json`, after a confirmation. */
export async function createBaseline(client: LanguageClient | undefined, confirm = true): Promise<ScanWorkspaceResult | undefined> {
  if (confirm) {
    const choice = await vscode.window.showWarningMessage(
      'Accept every current finding as known?',
      { modal: true, detail: 'Rotation Ready scans the workspace and writes .rotation-ready-baseline.json: fingerprints (rule, path, salted hash) of the findings that exist now. They stop being reported; a new or changed secret still is. Commit the file so your team shares it.' },
      'Write Baseline',
    );
    if (choice !== 'Write Baseline') return undefined;
  }
  return scanWorkspace(client, { writeBaseline: true, quiet: !confirm });
}
