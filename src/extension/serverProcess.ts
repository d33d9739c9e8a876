// Forking the analyzer's process, kept apart from the client library and the rest of the extension: dist/extension.js
// (src/extension/boot.ts) forks it with this module alone, as soon as it is loaded (issue 16.6).
import { ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMPILE_CACHE_ARG } from '../shared/compileCache';

/** Languages the analyzer parses with the TypeScript compiler. */
export const JS_LANGUAGES: ReadonlySet<string> = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

/** Whether a document the analyzer will parse with the compiler is open: the server then loads it at once. */
export const javaScriptDocumentOpen = () => vscode.workspace.textDocuments.some((d) => JS_LANGUAGES.has(d.languageId));

/** vscode-languageclient's own test for its debug options: the extension host itself runs under a debugger. */
const underDebugger = () => process.execArgv.some((arg) => /^--(inspect|debug)(-brk)?(=|$)/.test(arg));

/**
 * Forks the language server (dist/server.js, beside this bundle) as vscode-languageclient would fork an IPC `module`,
 * but at once. `args`: how it finds its compile cache (compileCacheArgs, or the folder sent later, boot.ts).
 */
export function forkServer(args: readonly string[]): ChildProcess {
  // As the client library does: the first workspace folder on disk is the working folder.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const cwd = folder?.scheme === 'file' && existsSync(folder.fsPath) ? folder.fsPath : undefined;
  return fork(join(__dirname, 'server.js'), [...args, '--node-ipc', `--clientProcessId=${process.pid}`], {
    cwd,
    // Under Electron (desktop VS Code) its binary runs as plain Node.js.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' },
    execArgv: underDebugger() ? ['--nolazy', '--inspect=6019'] : [],
    silent: true,
  });
}

/** The server's compiled code is cached in our own global storage (never a folder a workspace could choose). */
export function compileCacheDirectory(context: vscode.ExtensionContext): string | null {
  return context.globalStorageUri.scheme === 'file' ? join(context.globalStorageUri.fsPath, 'v8-compile-cache') : null;
}

/** The command-line form, for a server forked once the context is known (a restart after a crash). */
export function compileCacheArgs(context: vscode.ExtensionContext): string[] {
  const directory = compileCacheDirectory(context);
  return directory ? [`${COMPILE_CACHE_ARG}${directory}`] : [];
}
