import * as vscode from 'vscode';
import { skippedReason, type SkippedService } from '../../core/config/load';
import { KeysTreeProvider } from '../keysView';
import type { WorkspaceConfig } from '../workspaceConfig';
import { registerKeyCommands } from './commands';
import { Keys } from './keys';
import type { Prompts } from './prompts';
import { RESTRICTED_NOTE } from './trust';

/** What the integration tests see of the keys feature (RotationReadyApi.keys). Never a value. */
export interface KeysApi {
  /** The questions the key commands ask; tests replace it with scripted answers. */
  prompts: Prompts;
  /** Human name of the keychain in use, e.g. "OS keychain (libsecret)" or "VS Code SecretStorage". */
  readonly keychainLabel: string;
  /** The key metadata file (in global storage, outside the workspace); undefined without a folder. */
  readonly metadataPath: string | undefined;
  readonly workspaceRoot: string | undefined;
  /** Re-reads the metadata into the tree. */
  refresh(): Promise<void>;
  /** Clears the clipboard now if it still holds a copied key. */
  flushClipboard(): Promise<void>;
  /** The tree view's description and message (the keychain note, Restricted Mode). */
  viewNote(): { description: string | undefined; message: string | undefined };
}

/**
 * Wires the Keys sidebar: the key store on the chosen keychain, the tree view with its note on
 * which keychain is in use and on Restricted Mode, and the key commands.
 */
/** A service the configuration left out, and why, where: `maps-api (line 28, services[1].probe.url: only https URLs are allowed)`. */
export function skippedText(skipped: SkippedService): string {
  return `${skipped.name} (${skippedReason(skipped)})`;
}

export function activateKeys(context: vscode.ExtensionContext, config: WorkspaceConfig): { tree: KeysTreeProvider; api: KeysApi; keys: Keys } {
  const keys = new Keys(context, config);
  const tree = new KeysTreeProvider(config, keys);
  const view = vscode.window.createTreeView('rotationReady.keys', { treeDataProvider: tree, showCollapseAll: true });
  const updateNote = () => {
    view.description = keys.keychain.port.label;
    const notes: string[] = [];
    if (!vscode.workspace.isTrusted) notes.push(RESTRICTED_NOTE);
    if (keys.keychain.fallbackReason) notes.push(`Keys are stored in VS Code SecretStorage: the OS keychain module (keytar) could not load on this host.`);
    if (!keys.root) notes.push('Open a folder to store keys: they belong to a workspace folder.');
    const skipped = config.value?.skipped ?? [];
    if (skipped.length) notes.push(`Left out of .rotation-ready.json (not validated, rotated or dry-run until fixed): ${skipped.map(skippedText).join('; ')}.`);
    const otherErrors = (config.value?.errors ?? []).filter((e) => e.severity === 'error' && !skipped.some((k) => k.error === e));
    if (otherErrors.length) notes.push(`.rotation-ready.json has ${otherErrors.length === 1 ? 'an error' : `${otherErrors.length} errors`} (first on line ${otherErrors[0]!.line}: ${otherErrors[0]!.message}); what could be read is used. See the Problems panel.`);
    view.message = notes.length ? notes.join(' ') : undefined;
  };
  updateNote();
  // Ages and "validated … ago" in the tree go stale; re-read once a minute while the view is visible.
  const ticker = setInterval(() => view.visible && void keys.refresh(), 60_000);
  context.subscriptions.push(
    { dispose: () => clearInterval(ticker) },
    keys,
    tree,
    view,
    config.onDidChange(() => {
      updateNote();
      void keys.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      updateNote();
      void keys.refresh();
    }),
    ...registerKeyCommands(keys),
  );
  void keys.refresh();
  const api: KeysApi = {
    get prompts() {
      return keys.prompts;
    },
    set prompts(value: Prompts) {
      keys.prompts = value;
    },
    keychainLabel: keys.keychain.port.label,
    metadataPath: keys.metadataPath,
    workspaceRoot: keys.root,
    refresh: () => keys.refresh(),
    flushClipboard: () => keys.clipboard.flush(),
    viewNote: () => ({ description: view.description, message: view.message }),
  };
  return { tree, api, keys };
}
