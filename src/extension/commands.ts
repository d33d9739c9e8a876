import * as vscode from 'vscode';
import { log } from './log';
import { CONFIG_FILE, WorkspaceConfig } from './workspaceConfig';

export function registerCommands(context: vscode.ExtensionContext, config: WorkspaceConfig): void {
  context.subscriptions.push(
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
