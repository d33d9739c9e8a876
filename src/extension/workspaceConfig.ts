import * as vscode from 'vscode';
import { ConfigError, loadConfig, LoadedConfig } from '../core/config/index';
import { log } from './log';

export const CONFIG_FILE = '.rotation-ready.json';

/**
 * A project's `.rotation-ready.json` (src/extension/projects.ts), loaded and kept current. Config errors appear in the
 * Problems panel at the offending JSON path, and the services that did load keep working.
 */
export class WorkspaceConfig implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LoadedConfig | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('rotation-ready-config');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private current: LoadedConfig | undefined;

  /** @param root the project's folder: its config is `<root>/.rotation-ready.json`. */
  constructor(readonly root: vscode.Uri) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, CONFIG_FILE));
    const reload = () => void this.reload();
    watcher.onDidCreate(reload);
    watcher.onDidChange(reload);
    watcher.onDidDelete(reload);
    this.disposables.push(watcher);
  }

  get value(): LoadedConfig | undefined {
    return this.current;
  }

  uri(): vscode.Uri {
    return vscode.Uri.joinPath(this.root, CONFIG_FILE);
  }

  async reload(): Promise<LoadedConfig | undefined> {
    const uri = this.uri();
    // The previous value stays visible until the new one is read: readers never see a transient "no config".
    let next: LoadedConfig | undefined;
    if (uri) {
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        next = loadConfig(Buffer.from(bytes).toString('utf8'), vscode.workspace.asRelativePath(uri));
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
          log().error(`${CONFIG_FILE}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    this.current = next;
    this.publishErrors(uri, this.current?.errors ?? []);
    this.changed.fire(this.current);
    return this.current;
  }

  private publishErrors(uri: vscode.Uri | undefined, errors: ConfigError[]): void {
    this.diagnostics.clear();
    if (!uri || errors.length === 0) return;
    this.diagnostics.set(
      uri,
      errors.map((e) => {
        const position = new vscode.Position(Math.max(0, e.line - 1), Math.max(0, e.column - 1));
        const where = e.path ? `${e.path}: ` : '';
        const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), `${where}${e.message}`, e.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'Rotation Ready';
        return diagnostic;
      }),
    );
    for (const e of errors) log().warn(`${e.file}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
