import { basename, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { nearestProjectRoot, PROJECT_CONFIG_FILE } from '../core/projectRoots';
import { ApprovalStore } from '../core/probe/index';
import type { ProjectInfo } from '../shared/protocol';
import { approvalStore } from './dryRun/approvals';
import { chooseKeychain, KeychainChoice, Keys } from './keys/keys';
import { Prompts, vscodePrompts } from './keys/prompts';
import { log } from './log';
import { fingerprintsFor } from './salt';
import { WorkspaceConfig } from './workspaceConfig';

/**
 * A project: a workspace folder on disk, or a folder below one holding a `.rotation-ready.json` (a
 * package of a monorepo). Each has its own config, baseline, fingerprint salt, keychain namespace and host
 * approvals, exactly as if it were opened alone.
 */
export interface Project {
  /** Absolute path of the project's folder. */
  readonly root: string;
  readonly uri: vscode.Uri;
  /** What the user sees: the workspace folder's name, followed by the package's path inside it. */
  readonly name: string;
  readonly config: WorkspaceConfig;
  readonly keys: Keys;
  /** The project's fingerprint salt (the one policy of every front end, src/core/fingerprints.ts). */
  readonly salt: string;
  approvals(): ApprovalStore;
}

/** Shared by the projects' key features: the integration tests script the questions once for all. */
export interface SharedPrompts {
  prompts: Prompts;
}

/** Nested projects beyond this many are not opened (a hostile repository could hold thousands of configs). */
const MAX_PROJECTS = 64;
/** Where nested `.rotation-ready.json` files are never looked for. */
const NOT_SEARCHED = '**/{node_modules,.git,dist,out,vendor,.venv}/**';

/**
 * Every project of the window, kept current as folders are added and `.rotation-ready.json` files appear
 * or go. "The project of this URI", "every project", "ask which project" live here; nothing else reads
 * `workspaceFolders` to decide where a document, a key or a baseline belongs.
 */
export class Projects implements vscode.Disposable {
  private list: Project[] = [];
  private readonly changed = new vscode.EventEmitter<readonly Project[]>();
  readonly onDidChange = this.changed.event;
  readonly keychain: KeychainChoice;
  readonly shared: SharedPrompts = { prompts: vscodePrompts };
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private discovering: Promise<void> | undefined;
  private again = false;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.keychain = chooseKeychain(context.secrets);
    log().info(`Keys are stored in ${this.keychain.port.label}${this.keychain.fallbackReason ? ` (the OS keychain is not usable here: ${this.keychain.fallbackReason})` : ''}.`);
    this.setRoots(workspaceFolderRoots());
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${PROJECT_CONFIG_FILE}`, false, true, false);
    const rediscover = () => void this.discover();
    watcher.onDidCreate(rediscover);
    watcher.onDidDelete(rediscover);
    this.disposables.push(watcher, vscode.workspace.onDidChangeWorkspaceFolders(rediscover));
  }

  /** Calls `listener` with a project whenever its `.rotation-ready.json` changes, for every project, as projects come and go. */
  onDidChangeConfig(listener: (project: Project) => void): vscode.Disposable {
    let listeners: vscode.Disposable[] = [];
    const follow = () => {
      for (const d of listeners) d.dispose();
      listeners = this.list.map((project) => project.config.onDidChange(() => listener(project)));
    };
    follow();
    const onProjects = this.onDidChange(follow);
    return { dispose: () => [onProjects, ...listeners].forEach((d) => d.dispose()) };
  }

  /** Every project: workspace folders in their order, each followed by its packages. */
  all(): readonly Project[] {
    return this.list;
  }

  /** The project a file belongs to: the deepest project root above it. */
  of(uri: vscode.Uri): Project | undefined {
    if (uri.scheme !== 'file') return undefined;
    const root = nearestProjectRoot(uri.fsPath, this.list.map((p) => p.root));
    return this.list.find((p) => p.root === root);
  }

  byRoot(root: string | undefined): Project | undefined {
    return root === undefined ? undefined : this.list.find((p) => p.root === root);
  }

  /** The project of the active editor, else the only project; undefined when that does not decide it. */
  current(): Project | undefined {
    const editor = vscode.window.activeTextEditor;
    const fromEditor = editor && this.of(editor.document.uri);
    return fromEditor ?? (this.list.length === 1 ? this.list[0] : undefined);
  }

  /** The project a command acts on: the active editor's, the only one, or the one the user picks. */
  async pick(title: string): Promise<Project | undefined> {
    const current = this.current();
    if (current || this.list.length === 0) return current;
    const picked = await vscode.window.showQuickPick(
      this.list.map((project) => ({ label: project.name, description: vscode.workspace.asRelativePath(project.uri, true), project })),
      { title, placeHolder: 'Which project? (a workspace folder, or a package with its own .rotation-ready.json)' },
    );
    return picked?.project;
  }

  /** Roots and salts for the language server. */
  info(): ProjectInfo[] {
    return this.list.map((p) => ({ root: p.root, salt: p.salt }));
  }

  /** Finds the packages (folders with a `.rotation-ready.json`) below the workspace folders; runs again if asked meanwhile. */
  discover(): Promise<void> {
    if (this.discovering) {
      this.again = true;
      return this.discovering;
    }
    this.discovering = (async () => {
      do {
        this.again = false;
        const configs = await vscode.workspace.findFiles(`**/${PROJECT_CONFIG_FILE}`, NOT_SEARCHED, MAX_PROJECTS + 1);
        if (configs.length > MAX_PROJECTS) log().warn(`More than ${MAX_PROJECTS} ${PROJECT_CONFIG_FILE} files in this workspace: only the first ${MAX_PROJECTS} packages are projects.`);
        const nested = configs.filter((uri) => uri.scheme === 'file').slice(0, MAX_PROJECTS).map((uri) => vscode.Uri.joinPath(uri, '..').fsPath);
        this.setRoots([...workspaceFolderRoots(), ...nested]);
      } while (this.again);
    })().finally(() => (this.discovering = undefined));
    return this.discovering;
  }

  private setRoots(roots: readonly string[]): void {
    const folders = workspaceFolderRoots();
    const unique = [...new Set(roots)].sort((a, b) => order(folders, a) - order(folders, b) || (a < b ? -1 : a > b ? 1 : 0));
    if (unique.length === this.list.length && unique.every((root, i) => this.list[i]!.root === root)) return;
    const kept = new Map(this.list.map((p) => [p.root, p]));
    const next = unique.map((root) => kept.get(root) ?? this.create(root, folders));
    for (const project of this.list) if (!unique.includes(project.root)) disposeProject(project);
    this.list = next;
    log().info(`Projects: ${next.map((p) => p.name).join(', ') || 'none (no folder on disk is open)'}.`);
    this.changed.fire(next);
  }

  private create(root: string, folders: readonly string[]): Project {
    const uri = vscode.Uri.file(root);
    const folder = nearestProjectRoot(root, folders);
    const inside = folder && folder !== root ? relative(folder, root).split(sep).join('/') : '';
    const name = folder ? `${basename(folder)}${inside ? `/${inside}` : ''}` : basename(root);
    const config = new WorkspaceConfig(uri);
    const salt = fingerprintsFor(this.context, root).salt;
    const approvals = () => approvalStore(this.context, root, workspaceFolderRoots());
    const keys = new Keys(this.context, config, { root, keychain: this.keychain, shared: this.shared, approvals });
    void config.reload();
    void keys.refresh();
    return { root, uri, name, config, keys, salt, approvals };
  }

  dispose(): void {
    for (const project of this.list) disposeProject(project);
    this.list = [];
    for (const d of this.disposables) d.dispose();
  }
}

function disposeProject(project: Project): void {
  project.keys.dispose();
  project.config.dispose();
}

/** The one place that reads the workspace folders: those on disk, in their order. */
function workspaceFolderRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** Projects of the first workspace folder come first, then those of the second, and so on. */
function order(folders: readonly string[], root: string): number {
  const folder = nearestProjectRoot(root, folders);
  return folder === undefined ? folders.length : folders.indexOf(folder);
}
