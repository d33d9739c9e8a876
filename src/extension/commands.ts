import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { KeychainPort } from '../core/keychain/port';
import { DryRunArgs, runDryRunCommand } from './dryRun/command';
import { approvalStore } from './dryRun/approvals';
import { dryRunKeySource } from './dryRun/keySource';
import { ReportPanel } from './dryRun/reportPanel';
import { type Prompts, vscodePrompts } from './keys/prompts';
import { log } from './log';
import type { DryRunHooks } from './monitor/index';
import { createBaseline, scanWorkspace } from './scan';
import { workspaceSalt } from './salt';
import { CONFIG_FILE, WorkspaceConfig } from './workspaceConfig';

export function registerCommands(
  context: vscode.ExtensionContext,
  config: WorkspaceConfig,
  client: () => LanguageClient | undefined,
  keychain: () => KeychainPort,
  dryRunHooks?: DryRunHooks,
  prompts: () => Prompts = () => vscodePrompts,
): void {
  const dryRunDependencies = {
    config,
    keySource: async () => {
      const source = dryRunKeySource(keychain(), config.value?.services ?? [], () => approvalStore(context));
      return dryRunHooks ? dryRunHooks.wrapKeys(source) : source;
    },
    salt: () => workspaceSalt(context),
    confirm: (message: string, detail: string, action: string) => prompts().confirm(message, detail, action),
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('rotationReady.exportReport', exportReport),
    vscode.commands.registerCommand('rotationReady.scanWorkspace', () => scanWorkspace(client())),
    vscode.commands.registerCommand('rotationReady.createBaseline', (confirm?: boolean) => createBaseline(client(), confirm !== false)),
    vscode.commands.registerCommand('rotationReady.runDryRun', async (args?: DryRunArgs) => {
      const report = await runDryRunCommand(context, dryRunDependencies, isDryRunArgs(args) ? args : {});
      if (report) dryRunHooks?.onReport(report);
      return report;
    }),
    vscode.commands.registerCommand('rotationReady.showOutput', () => log().show(true)),
    vscode.commands.registerCommand('rotationReady.openConfig', openConfig),
    vscode.commands.registerCommand('rotationReady.refreshServices', () => config.reload()),
  );
}

/** Opens the workspace's `.rotation-ready.json`, offering to create a commented starter when there is none. */
async function openConfig(): Promise<vscode.TextEditor | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Rotation Ready: open a folder first; its configuration lives at the folder root.');
    return undefined;
  }
  const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    const create = await vscode.window.showInformationMessage(`No ${CONFIG_FILE} in ${folder.name}. Create a starter configuration?`, 'Create', 'Cancel');
    if (create !== 'Create') return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(starterConfig(), 'utf8'));
  }
  return vscode.window.showTextDocument(uri);
}

function starterConfig(): string {
  return `{
  // Services this workspace calls with a key. Rotation Ready probes them during a dry-run.
  // Keys are never written here: they live in your OS keychain or your environment.
  "services": []
}
`;
}

/** Menus pass a tree node as the first argument; only a plain options object is taken as DryRunArgs. */
function isDryRunArgs(value: unknown): value is DryRunArgs {
  return typeof value === 'object' && value !== null && !('kind' in value) && Object.keys(value).every((k) => ['services', 'environments', 'rounds', 'showReport', 'askApproval'].includes(k));
}

/** Exports the open dry-run report as JSON or Markdown (asks which, and where, when not given). */
async function exportReport(format?: 'json' | 'markdown', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const panel = ReportPanel.open;
  if (!panel) {
    void vscode.window.showInformationMessage('Rotation Ready: run a dry-run first; its report is what gets exported.');
    return undefined;
  }
  const chosen = format ?? ((await vscode.window.showQuickPick(['json', 'markdown'], { title: 'Export the dry-run report as' })) as 'json' | 'markdown' | undefined);
  return chosen ? panel.export(chosen, target) : undefined;
}
