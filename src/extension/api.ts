import type * as vscode from 'vscode';
import type { ApprovalStore } from '../core/probe/index';
import type { KeysApi } from './keys/index';
import type { KeysTreeProvider } from './keysView';
import type { McpStdioDefinition } from './mcp';
import type { MonitorApi } from './monitor/index';
import type { Projects } from './projects';
import type { WorkspaceConfig } from './workspaceConfig';

/**
 * What `activate()` returns. The integration tests read the extension's state through it
 * (tree contents, loaded configuration, the report's HTML, the log folder to search for leaks)
 * instead of scraping the UI; nothing here exposes a key.
 */
export interface RotationReadyApi {
  /** The first project's configuration (the only project's in a single-folder workspace). */
  readonly config: WorkspaceConfig;
  /** Every project: workspace folders and packages with their own `.rotation-ready.json`. */
  projects: Projects;
  keysTree: KeysTreeProvider;
  /** The keys feature: scripted prompts, the metadata path and keychain in use (never a value). */
  keys: KeysApi;
  /** Host approvals of the first project, stored outside the workspace. */
  approvals: () => ApprovalStore;
  /** HTML of the open dry-run report webview, if any. */
  reportHtml: () => string | undefined;
  /** Where this extension's log files are written. */
  logDirectory: vscode.Uri;
  /** The health monitor: running state, health, status bar text (never a value). */
  monitor: MonitorApi;
  /** The MCP servers offered to agent mode (one per project; none in Restricted Mode or before VS Code 1.101). */
  mcpServerDefinitions: () => McpStdioDefinition[];
}
