import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DryRunArgs, runDryRunCommand } from './dryRun/command';
import { dryRunKeySource } from './dryRun/keySource';
import { ReportPanel } from './dryRun/reportPanel';
import { log } from './log';
import type { DryRunHooks } from './monitor/index';
import { createBaseline, scanWorkspace } from './scan';
import type { Project, Projects } from './projects';
import { CONFIG_FILE } from './workspaceConfig';

export function registerCommands(
  context: vscode.ExtensionContext,
  projects: Projects,
  client: () => LanguageClient | undefined,
  dryRunHooks?: DryRunHooks,
): void {
  const dryRunDependencies = {
    projects,
    keySource: async (project: Project) => {
      const source = dryRunKeySource(projects.keychain.port, project.root, project.config.value?.services ?? [], () => project.approvals());
      return dryRunHooks ? dryRunHooks.wrapKeys(source) : source;
    },
    confirm: (message: string, detail: string, action: string) => projects.shared.prompts.confirm(message, detail, action),
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('rotationReady.exportReport', exportReport),
    vscode.commands.registerCommand('rotationReady.scanWorkspace', () => scanWorkspace(client(), projects)),
    vscode.commands.registerCommand('rotationReady.createBaseline', (confirm?: boolean, root?: string) => createBaseline(client(), projects, confirm !== false, root)),
    vscode.commands.registerCommand('rotationReady.runDryRun', async (args?: DryRunArgs) => {
      const done = await runDryRunCommand(dryRunDependencies, isDryRunArgs(args) ? args : {});
      if (done) dryRunHooks?.onReport(done.report, done.project);
      return done?.report;
    }),
    vscode.commands.registerCommand('rotationReady.showOutput', () => log().show(true)),
    vscode.commands.registerCommand('rotationReady.openConfig', () => openConfig(projects)),
    vscode.commands.registerCommand('rotationReady.refreshServices', () => Promise.all(projects.all().map((p) => p.config.reload()))),
  );
}

/** Opens a project's `.rotation-ready.json`, offering to create a commented starter when there is none. */
async function openConfig(projects: Projects): Promise<vscode.TextEditor | undefined> {
  if (projects.all().length === 0) {
    void vscode.window.showWarningMessage('Rotation Ready: open a folder first; its configuration lives at the folder root.');
    return undefined;
  }
  const project = await projects.pick('Open the configuration of which project?');
  if (!project) return undefined;
  const uri = project.config.uri();
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    const create = await vscode.window.showInformationMessage(`No ${CONFIG_FILE} in ${project.name}. Create a starter configuration?`, 'Create', 'Cancel');
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
  return typeof value === 'object' && value !== null && !('kind' in value) && Object.keys(value).every((k) => ['project', 'services', 'environments', 'rounds', 'showReport', 'askApproval'].includes(k));
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
