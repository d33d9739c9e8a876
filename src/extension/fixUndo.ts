import * as vscode from 'vscode';
import { addExampleNames, removeExampleNames, type ExampleNames } from '../core/fix/applyFix';
import { log } from './log';

/**
 * What a fix wrote beside the document (`NAME=` lines in `.env.example`) follows the document's Undo and
 * Redo: when Undo brings a fixed file back to its text before the fix, the lines go; Redo brings them back.
 * The stored secret is not touched (it stays secured: the undo policy of the fixes).
 */
interface Tracked {
  uri: string;
  before: string;
  after: string;
  examples: ExampleNames[];
  undone: boolean;
}

const tracked = new Set<Tracked>();
let listening: vscode.Disposable | undefined;

/** Follows `document`'s Undo/Redo for a fix that turned `before` into `after` and added `examples`. */
export function followUndo(document: vscode.TextDocument, before: string, after: string, examples: readonly (ExampleNames | undefined)[]): void {
  const present = examples.filter((e): e is ExampleNames => e !== undefined);
  if (present.length === 0) return;
  tracked.add({ uri: document.uri.toString(), before, after, examples: present, undone: false });
  listening ??= vscode.Disposable.from(
    vscode.workspace.onDidChangeTextDocument(onChange),
    vscode.workspace.onDidCloseTextDocument((closed) => {
      for (const t of tracked) if (t.uri === closed.uri.toString()) tracked.delete(t);
    }),
  );
}

function onChange(event: vscode.TextDocumentChangeEvent): void {
  // Saving (or any change of the dirty state) fires an event with no content change: not an edit of the text.
  if (event.contentChanges.length === 0) return;
  if (event.reason === undefined) {
    // A typed edit after an Undo makes the fix's Redo impossible: stop following it.
    if (tracked.size > 0) for (const t of tracked) if (t.undone && t.uri === event.document.uri.toString()) tracked.delete(t);
    return;
  }
  const uri = event.document.uri.toString();
  const mine = [...tracked].filter((t) => t.uri === uri);
  if (mine.length === 0) return;
  const text = event.document.getText();
  for (const t of mine) {
    if (event.reason === vscode.TextDocumentChangeReason.Undo && !t.undone && text === t.before) {
      t.undone = true;
      for (const e of t.examples) {
        // A name another live fix still reads stays listed.
        const names = e.names.filter((n) => !stillUsed(e.path, n, t));
        const removed = guarded(() => removeExampleNames(e.path, names, { removeEmptyFile: e.created }), e.path) ?? [];
        if (removed.length) log().info(`Undo: took ${removed.join(', ')} out of ${vscode.workspace.asRelativePath(e.path)} again.`);
      }
    } else if (event.reason === vscode.TextDocumentChangeReason.Redo && t.undone && text === t.after) {
      t.undone = false;
      for (const e of t.examples) guarded(() => addExampleNames(e.path, e.names), e.path);
    }
  }
}

function stillUsed(path: string, name: string, except: Tracked): boolean {
  return [...tracked].some((t) => t !== except && !t.undone && t.examples.some((e) => e.path === path && e.names.includes(name)));
}

function guarded<T>(run: () => T, path: string): T | undefined {
  try {
    return run();
  } catch (error) {
    log().warn(`Undo: ${vscode.workspace.asRelativePath(path)} was left as it is: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
