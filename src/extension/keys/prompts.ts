import * as vscode from 'vscode';

/** A quick-pick item that carries what choosing it means, so flows (and tests) act on ids, not labels. */
export interface ActionItem<A extends string = string> extends vscode.QuickPickItem {
  action: A;
}

/**
 * Every question the key commands ask, behind one seam: the real implementation is VS Code's
 * input box, quick pick and modal dialog; the integration tests answer through a scripted one
 * (`RotationReadyApi.keys.prompts`), since the extension host cannot type into the workbench.
 */
export interface Prompts {
  /** Masked input for a key value (`password: true`); trimmed, undefined when cancelled. */
  secret(options: { title: string; prompt: string }): Thenable<string | undefined>;
  text(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<readonly T[] | undefined>;
  /** A modal confirmation: true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Thenable<boolean>;
}

export const vscodePrompts: Prompts = {
  secret: async ({ title, prompt }) => {
    const value = await vscode.window.showInputBox({
      title,
      prompt,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) =>
        v.trim().length === 0
          ? 'Paste the key (it is stored in the keychain, never shown).'
          : /\s/.test(v.trim())
            ? { message: 'This value has a space or line break inside; API keys have none. Check what was pasted (Enter stores it as it is).', severity: vscode.InputBoxValidationSeverity.Warning }
            : undefined,
    });
    return value?.trim() || undefined;
  },
  text: (options) => vscode.window.showInputBox(options),
  pick: (items, options) => vscode.window.showQuickPick([...items], options),
  pickMany: (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: true }),
  confirm: async (message, detail, action) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
};
