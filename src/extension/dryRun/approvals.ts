import { join } from 'node:path';
import * as vscode from 'vscode';
import { ApprovalStore, checkTransport } from '../../core/probe/index';
import type { ServiceConfig } from '../../core/config/index';
import { probeUrlFor } from '../../core/config/index';

/**
 * Host approvals live in the extension's global storage, outside every workspace, so a cloned
 * repository's config can never pre-approve a host. Asking is the only way in.
 */
export function approvalStore(context: vscode.ExtensionContext): ApprovalStore {
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  return new ApprovalStore(join(context.globalStorageUri.fsPath, 'host-approvals.json'), { workspaceRoots: roots });
}

/** Asks, once per service→host binding, whether the service's keys may go to that host. Returns the bindings still unapproved. */
export async function askForApprovals(store: ApprovalStore, services: readonly ServiceConfig[], environments?: readonly string[]): Promise<string[]> {
  const unapproved: string[] = [];
  for (const service of services) {
    const hosts = new Set<string>();
    for (const environment of service.environments) {
      if (environments && !environments.includes(environment.name)) continue;
      const transport = checkTransport(probeUrlFor(service, environment.name));
      if (transport.ok) hosts.add(transport.host);
    }
    for (const host of hosts) {
      if (store.isApproved(service.name, host)) continue;
      const choice = await vscode.window.showWarningMessage(
        `Send the keys of "${service.name}" to ${host}?`,
        {
          modal: true,
          detail: `The workspace's .rotation-ready.json points the probe of "${service.name}" at ${host}. Rotation Ready sends a key only to hosts you approve; approvals are stored outside the workspace and asked again if the host changes.`,
        },
        'Allow',
      );
      if (choice === 'Allow') store.approve(service.name, host);
      else unapproved.push(`${service.name} → ${host}`);
    }
  }
  return unapproved;
}
