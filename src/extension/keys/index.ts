import * as vscode from 'vscode';
import { skippedReason, type SkippedService } from '../../core/config/load';
import { KeysTreeProvider } from '../keysView';
import type { Projects } from '../projects';
import { registerKeyCommands } from './commands';
import type { Prompts } from './prompts';
import { RESTRICTED_NOTE } from './trust';

/** What the integration tests see of the keys feature (RotationReadyApi.keys). Never a value. */
export interface KeysApi {
  /** The questions the key commands ask, in every project; tests replace it with scripted answers. */
  prompts: Prompts;
  /** Human name of the keychain in use, e.g. "OS keychain (libsecret)" or "VS Code SecretStorage". */
  readonly keychainLabel: string;
  /** The key metadata file of the first project (in global storage, outside the workspace); undefined without a folder. */
  readonly metadataPath: string | undefined;
  /** The first project's root (the only one in a single-folder workspace). */
  readonly workspaceRoot: string | undefined;
  /** Re-reads every project's metadata into the tree. */
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

export function activateKeys(context: vscode.ExtensionContext, projects: Projects): { tree: KeysTreeProvider; api: KeysApi } {
  const tree = new KeysTreeProvider(projects);
  const view = vscode.window.createTreeView('rotationReady.keys', { treeDataProvider: tree, showCollapseAll: true });
  const keychain = projects.keychain;
  const updateNote = () => {
    view.description = keychain.port.label;
    const notes: string[] = [];
    if (!vscode.workspace.isTrusted) notes.push(RESTRICTED_NOTE);
    if (keychain.fallbackReason) notes.push(`Keys are stored in VS Code SecretStorage: the OS keychain module (keytar) could not load on this host.`);
    const all = projects.all();
    if (all.length === 0) notes.push('Open a folder to store keys: they belong to a workspace folder.');
    for (const project of all) {
      const config = project.config.value;
      // With several projects each note says whose configuration it is about.
      const where = all.length > 1 ? `${project.name}: ` : '';
      const skipped = config?.skipped ?? [];
      if (skipped.length) notes.push(`${where}Left out of .rotation-ready.json (not validated, rotated or dry-run until fixed): ${skipped.map(skippedText).join('; ')}.`);
      const otherErrors = (config?.errors ?? []).filter((e) => e.severity === 'error' && !skipped.some((k) => k.error === e));
      if (otherErrors.length) notes.push(`${where}.rotation-ready.json has ${otherErrors.length === 1 ? 'an error' : `${otherErrors.length} errors`} (first on line ${otherErrors[0]!.line}: ${otherErrors[0]!.message}); what could be read is used. See the Problems panel.`);
    }
    view.message = notes.length ? notes.join(' ') : undefined;
  };
  const refreshAll = async () => {
    await Promise.all(projects.all().map((p) => p.keys.refresh()));
  };
  updateNote();
  // Ages and "validated … ago" in the tree go stale; re-read once a minute while the view is visible.
  const ticker = setInterval(() => view.visible && void refreshAll(), 60_000);
  context.subscriptions.push(
    { dispose: () => clearInterval(ticker) },
    tree,
    view,
    projects.onDidChange(updateNote),
    projects.onDidChangeConfig((project) => {
      updateNote();
      void project.keys.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      updateNote();
      void refreshAll();
    }),
    ...registerKeyCommands(projects),
  );
  const first = () => projects.all()[0]?.keys;
  const api: KeysApi = {
    get prompts() {
      return projects.shared.prompts;
    },
    set prompts(value: Prompts) {
      projects.shared.prompts = value;
    },
    keychainLabel: keychain.port.label,
    get metadataPath() {
      return first()?.metadataPath;
    },
    get workspaceRoot() {
      return first()?.root;
    },
    refresh: refreshAll,
    flushClipboard: async () => {
      await Promise.all(projects.all().map((p) => p.keys.clipboard.flush()));
    },
    viewNote: () => ({ description: view.description, message: view.message }),
  };
  return { tree, api };
}
