import * as vscode from 'vscode';

/**
 * The preview of a fix before anything is stored or edited: the proposed files in a (multi-file)
 * diff editor, and an Apply / Discard choice. VS Code's Refactor Preview is not used because an
 * extension can only open it by marking edits `needsConfirmation`, which opens it with every box
 * unticked, so its Apply applied nothing.
 */
const SCHEME = 'rotation-ready-preview';

export interface ProposedChange {
  uri: vscode.Uri;
  /** The file's text after the fix. */
  proposed: string;
  /** True when the fix creates the file (a generated helper). */
  created?: boolean;
}

const contents = new Map<string, string>();
let sequence = 0;

export function registerFixPreview(): vscode.Disposable {
  const emitter = new vscode.EventEmitter<vscode.Uri>();
  const provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    onDidChange: emitter.event,
    provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
  });
  return vscode.Disposable.from(provider, emitter);
}

function previewUri(of: vscode.Uri, run: number, side: 'before' | 'after', text: string): vscode.Uri {
  // The path keeps the file name (and so its language and icon); the query keeps runs apart.
  const uri = vscode.Uri.from({ scheme: SCHEME, path: of.path, query: `run=${run}&side=${side}` });
  contents.set(uri.toString(), text);
  return uri;
}

/** Shows the change and asks; resolves true only when the user chose Apply. */
export async function confirmPreview(title: string, changes: readonly ProposedChange[], action = 'Apply'): Promise<boolean> {
  const run = ++sequence;
  const label = `${title} (preview)`;
  const made: vscode.Uri[] = [];
  const resources = changes.map((change) => {
    const before = change.created ? previewUri(change.uri, run, 'before', '') : change.uri;
    const after = previewUri(change.uri, run, 'after', change.proposed);
    made.push(after, ...(change.created ? [before] : []));
    return [change.uri, before, after] as const;
  });
  try {
    await vscode.commands.executeCommand('vscode.changes', label, resources);
    const files = changes.length === 1 ? vscode.workspace.asRelativePath(changes[0]!.uri) : `${changes.length} files`;
    const choice = await vscode.window.showInformationMessage(`Rotation Ready: ${title} — review the change to ${files} in the preview, then apply it.`, action, 'Discard');
    return choice === action;
  } finally {
    await closePreviewTabs(label);
    for (const uri of made) contents.delete(uri.toString());
  }
}

/**
 * Closes the preview's editor: found by its title (the multi-file diff's tab input has no public type), to which
 * the workbench adds the number of files ("… (preview) (2 files)").
 */
async function closePreviewTabs(label: string): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === label || tab.label.startsWith(`${label} (`));
  if (tabs.length) await vscode.window.tabGroups.close(tabs).then(undefined, () => undefined);
}
