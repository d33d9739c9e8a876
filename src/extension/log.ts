import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The extension's one log. Callers must never pass key material: use redact()/fingerprints. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Rotation Ready', { log: true });
  return channel;
}
