import * as vscode from 'vscode';

export const RESTRICTED_NOTE =
  'Restricted Mode: reading, injecting and rotating keys are disabled, because this workspace’s configuration decides where keys are sent. Trust the workspace to use them.';

/** Key commands run only in a trusted workspace; otherwise they say why and how to trust it. */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`Rotation Ready: cannot ${action} in Restricted Mode. ${RESTRICTED_NOTE}`, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
