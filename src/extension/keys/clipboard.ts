import * as vscode from 'vscode';

/**
 * Copies a key and clears the clipboard after `seconds`, unless the user copied something else
 * meanwhile. Pending clears run at once when the extension is disposed, so a key never outlives
 * the session on the clipboard.
 */
export class ClipboardGuard implements vscode.Disposable {
  private readonly pending = new Map<NodeJS.Timeout, () => Promise<void>>();

  async copy(value: string, seconds: number): Promise<void> {
    await vscode.env.clipboard.writeText(value);
    const clear = async () => {
      let current: string | undefined;
      try {
        current = await vscode.env.clipboard.readText();
      } catch {
        current = value; // cannot tell: clear, erring on the side of the secret
      }
      if (current === value) await vscode.env.clipboard.writeText('');
    };
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      void clear();
    }, seconds * 1000);
    this.pending.set(timer, clear);
  }

  /** Clears now every copy still pending (tests, deactivation). */
  async flush(): Promise<void> {
    const clears = [...this.pending.entries()];
    this.pending.clear();
    for (const [timer, clear] of clears) {
      clearTimeout(timer);
      await clear();
    }
  }

  dispose(): void {
    void this.flush();
  }
}

export function clipboardClearSeconds(): number {
  const value = vscode.workspace.getConfiguration('rotationReady').get<number>('clipboardClearSeconds', 30);
  return Math.min(600, Math.max(5, Number.isFinite(value) ? value : 30));
}
