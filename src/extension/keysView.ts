import * as vscode from 'vscode';
import { envVarsFor, probeUrlFor, ServiceConfig } from '../core/config/index';
import { WorkspaceConfig } from './workspaceConfig';

type Node =
  | { kind: 'service'; service: ServiceConfig }
  | { kind: 'environment'; service: ServiceConfig; environment: string };

/** The Keys sidebar: services from `.rotation-ready.json` → their environments. */
export class KeysTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly config: WorkspaceConfig) {
    this.subscription = config.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return (this.config.value?.services ?? []).map((service) => ({ kind: 'service', service }));
    if (node.kind === 'service') return node.service.environments.map((e) => ({ kind: 'environment', service: node.service, environment: e.name }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'service') {
      const item = new vscode.TreeItem(node.service.name, vscode.TreeItemCollapsibleState.Expanded);
      const host = hostOf(node.service.probe.url);
      item.description = host;
      item.tooltip = new vscode.MarkdownString(`**${node.service.name}**\n\nProbe: \`${node.service.probe.method} ${node.service.probe.url}\`\n\nEnvironments: ${node.service.environments.map((e) => e.name).join(', ')}`);
      item.iconPath = new vscode.ThemeIcon('key');
      item.contextValue = 'service';
      item.id = `service:${node.service.name}`;
      return item;
    }
    const vars = envVarsFor(node.service, node.environment);
    const item = new vscode.TreeItem(node.environment, vscode.TreeItemCollapsibleState.None);
    item.description = `${vars.primary} · ${vars.fallback}`;
    item.tooltip = new vscode.MarkdownString(`Environment **${node.environment}** of **${node.service.name}**\n\nProbe: \`${probeUrlFor(node.service, node.environment)}\`\n\nFeeds \`${vars.primary}\`, \`${vars.fallback}\` and \`${vars.plain}\``);
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.contextValue = 'environment';
    item.id = `environment:${node.service.name}/${node.environment}`;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
