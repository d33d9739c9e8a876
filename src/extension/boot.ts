// The extension's entry (dist/extension.js): forks the analyzer's process as soon as VS Code loads this file, then, at
// activation, loads the extension itself (dist/extension-main.js, src/extension/extension.ts). VS Code loads an
// extension's code and then, once it has read the extension's stored state, calls activate(): the server's Node.js
// starts meanwhile, and it loads its code and the TypeScript compiler while the extension host loads and runs ours,
// not after (issue 16.6). This file stays tiny for that reason; it imports only serverProcess.ts.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { COMPILE_CACHE_FROM_PARENT_ARG, type CompileCacheMessage } from '../shared/compileCache';
import { compileCacheDirectory, forkServer, javaScriptDocumentOpen } from './serverProcess';

/** What dist/extension-main.js exports (src/extension/extension.ts). */
interface ExtensionMain {
  activate(context: vscode.ExtensionContext, early?: EarlyServer): Promise<unknown>;
  deactivate(): Promise<void>;
}

/** The analyzer's process forked by the entry (if that worked), and when our code began to load and forked it (performance.now()). */
export interface EarlyServer {
  process?: ChildProcess;
  bootStarted: number;
  forkedAt: number;
}

/** When our code began to load, for the start-up log line (the harness reads it: test/ui/startup.ui.ts). */
const bootStarted = performance.now();

/** The server waits for its compile-cache folder, which only the extension context names (activate sends it). */
function forkEarly(): ChildProcess | undefined {
  try {
    const child = forkServer([COMPILE_CACHE_FROM_PARENT_ARG]);
    // A process that failed to start is not connected, and the client forks another (languageClient.ts), which
    // reports its own failure: no unhandled 'error' event meanwhile.
    child.on('error', () => undefined);
    return child;
  } catch {
    // The client forks it again when it starts, and reports a failure where the user looks (extension.ts).
    return undefined;
  }
}
const child = forkEarly();
const forkedAt = performance.now();

let main: ExtensionMain | undefined;

export function activate(context: vscode.ExtensionContext): Promise<unknown> {
  try {
    // A failure to send leaves the process waiting, not connected: the client then forks another.
    if (child?.connected) child.send({ rotationReadyCompileCache: compileCacheDirectory(context), preloadTypeScript: javaScriptDocumentOpen() } satisfies CompileCacheMessage, () => undefined);
    // A path esbuild leaves alone: the extension's code is its own bundle.
    main = require(join(__dirname, 'extension-main.js')) as ExtensionMain;
    return main.activate(context, { process: child, bootStarted, forkedAt }).catch((error: unknown) => {
      // A failed activation is never deactivated: its analyzer would outlive it.
      child?.kill();
      throw error;
    });
  } catch (error) {
    child?.kill();
    throw error;
  }
}

export function deactivate(): Promise<void> | undefined {
  return main?.deactivate();
}
