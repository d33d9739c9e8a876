import * as vscode from 'vscode';
import { log } from './log';
import type { Project, Projects } from './projects';

/** The provider id, as declared under `contributes.mcpServerDefinitionProviders` in package.json. */
export const MCP_PROVIDER_ID = 'rotationReady.mcp';

/**
 * What VS Code starts for one project: a stdio MCP server (our bundled CLI's `mcp` command). The shape of
 * `vscode.McpStdioServerDefinition` (VS Code 1.101), declared here because engines.vscode (^1.95) predates it.
 */
export interface McpStdioDefinition {
  label: string;
  command: string;
  args: string[];
  cwd?: vscode.Uri;
  env: Record<string, string | number | null>;
  version?: string;
}

interface McpApi {
  registerMcpServerDefinitionProvider(id: string, provider: { onDidChangeMcpServerDefinitions?: vscode.Event<void>; provideMcpServerDefinitions(token: vscode.CancellationToken): vscode.ProviderResult<unknown[]>; resolveMcpServerDefinition?(server: unknown, token: vscode.CancellationToken): vscode.ProviderResult<unknown> }): vscode.Disposable;
}
type McpStdioDefinitionClass = new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>, version?: string) => McpStdioDefinition;

/**
 * The definitions for these projects: the extension host's own Node.js (`process.execPath`; under Electron,
 * ELECTRON_RUN_AS_NODE makes it plain Node) runs dist/cli.js `mcp --root <project>`, in the project's folder. `--`
 * comes before the script, so Node reads no option after it (a `--env-file` there would run a repository's
 * NODE_OPTIONS). None in Restricted Mode: the server reads the project's configuration and keys.
 */
export function mcpDefinitions(projects: readonly Project[], cli: string, version: string, trusted: boolean, make: (label: string, command: string, args: string[], env: Record<string, string>, version: string) => McpStdioDefinition): McpStdioDefinition[] {
  if (!trusted) return [];
  return projects.map((project) => {
    const definition = make(`Rotation Ready: ${project.name}`, process.execPath, ['--', cli, 'mcp', '--root', project.root], { ELECTRON_RUN_AS_NODE: '1' }, version);
    definition.cwd = project.uri;
    return definition;
  });
}

/**
 * Offers `rotation-ready mcp` to VS Code's agent mode, one server per project, where the host has the MCP server
 * definition API (VS Code 1.101+); on an older host nothing is registered and the language-model tools remain.
 * Returns the disposables and a way for the tests to read the definitions the provider gives.
 */
export function registerMcpServers(context: vscode.ExtensionContext, projects: Projects): { disposables: vscode.Disposable[]; definitions: () => McpStdioDefinition[] } {
  const lm = vscode.lm as unknown as Partial<McpApi>;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: McpStdioDefinitionClass }).McpStdioServerDefinition;
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  const version = String(context.extension.packageJSON.version ?? '0');
  const definitions = () => (Definition ? mcpDefinitions(projects.all(), cli, version, vscode.workspace.isTrusted, (...a) => new Definition(...a)) : []);
  if (typeof lm.registerMcpServerDefinitionProvider !== 'function' || !Definition) {
    log().info('This VS Code has no MCP server definition API (1.101+): the MCP server is offered through `rotation-ready mcp` only.');
    return { disposables: [], definitions };
  }
  const changed = new vscode.EventEmitter<void>();
  const provider = lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => definitions(),
    // Trust can be withdrawn only by a reload, but a definition asked for is checked again as it starts.
    resolveMcpServerDefinition: (server) => (vscode.workspace.isTrusted ? server : undefined),
  });
  return {
    disposables: [changed, provider, projects.onDidChange(() => changed.fire()), vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire())],
    definitions,
  };
}
