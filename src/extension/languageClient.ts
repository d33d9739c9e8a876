import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as vscode from 'vscode';
import { DocumentSelector, IPCMessageReader, IPCMessageWriter, LanguageClient, LanguageClientOptions, MessageTransports, ServerOptions } from 'vscode-languageclient/node';
import { AnalyzerSettings, SERVER_ID, ServerInitializationOptions } from '../shared/protocol';
import { markFixesNeedingTrust } from './fixes';
import { log } from './log';
import { compileCacheArgs, forkServer } from './serverProcess';

/** Languages and file names the server analyzes as you type. */
export const analyzedSelector: DocumentSelector = [
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'python' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'file', language: 'dotenv' },
  { scheme: 'file', language: 'properties' },
  { scheme: 'file', language: 'ini' },
  { scheme: 'file', language: 'shellscript' },
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'xml' },
  { scheme: 'file', language: 'makefile' },
  { scheme: 'file', pattern: '**/.env*' },
  { scheme: 'untitled' },
];

/** The `rotationReady` settings as the server pulls them (vscode-languageclient's configuration feature reads them this way). */
export function analyzerSettings(): Partial<AnalyzerSettings> {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration().get('rotationReady') ?? {})) as Partial<AnalyzerSettings>;
}

/** Actions that write the configuration and the keychain, or send a found key out, are not offered at all in Restricted Mode. */
const TRUSTED_ONLY = new Set(['rotationReady.addToKeysAndRotate', 'rotationReady.checkKeyLive']);
function withoutUntrustedOnly<T extends vscode.Command | vscode.CodeAction>(actions: T[] | null | undefined): T[] | null | undefined {
  if (vscode.workspace.isTrusted || !actions) return actions;
  return actions.filter((a) => !(a instanceof vscode.CodeAction && a.command && TRUSTED_ONLY.has(a.command.command)));
}

/** The analyzer's process (the client reaches it through IPC). */
let serverProcess: ChildProcess | undefined;
function transportsOf(child: ChildProcess): MessageTransports {
  serverProcess = child;
  // What the process prints outside the protocol goes to our log, as the client library does.
  for (const [stream, level] of [[child.stdout, 'info'], [child.stderr, 'error']] as const) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => log()[level](line));
  }
  return { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child), detached: false };
}

/** Resolves the promise whenFirstDiagnostics() returns, once. */
let firstDiagnosticsShown: (() => void) | undefined;
const firstDiagnostics = new Promise<void>((resolve) => (firstDiagnosticsShown = resolve));

/** Resolves when the client has handed the server's first diagnostics to VS Code (for a later start: at once). */
export function whenFirstDiagnostics(): Promise<void> {
  return firstDiagnostics;
}

/**
 * The analyzer runs in its own Node process so typing never waits on ts-morph. Given a `module`, vscode-languageclient
 * forks it only after an asynchronous check of its working folder, so whatever the extension host ran meanwhile
 * (the rest of activate(), other extensions activating on the same event) delayed the fork: 0.6-1 s on a 2-core
 * machine (issue 16.6). The extension's entry forks it as soon as VS Code loads the extension (`early`, src/extension/boot.ts);
 * a restart after a crash forks it here (serverProcess.ts).
 */
export function startLanguageClient(context: vscode.ExtensionContext, initializationOptions: ServerInitializationOptions, early?: ChildProcess): Promise<LanguageClient> {
  let forked = early;
  // A function: called again if the client restarts a crashed server, which gets a process of its own.
  const serverOptions: ServerOptions = async () => {
    const child = forked?.connected && forked.exitCode === null ? forked : forkServer(compileCacheArgs(context));
    forked = undefined;
    return transportsOf(child);
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: analyzedSelector,
    initializationOptions,
    outputChannel: log(),
    // The hover links to our own commands only (scan the git history); nothing else in its Markdown can run.
    markdown: { isTrusted: { enabledCommands: ['rotationReady.scanHistory'] } },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => {
        next(uri, diagnostics);
        firstDiagnosticsShown?.();
      },
      provideCodeActions: async (document, range, context, token, next) => markFixesNeedingTrust(withoutUntrustedOnly(await next(document, range, context, token))),
    },
    // The server pulls `rotationReady` settings; file events re-scan changed files and reload the baseline.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*') },
  };
  const client = new LanguageClient(SERVER_ID, 'Rotation Ready', serverOptions, clientOptions);
  return client.start().then(() => client);
}

/** Stops the analyzer; a process that outlives its `exit` notification by 2 s is ended (the client library did that). */
export async function stopLanguageClient(client: LanguageClient | undefined): Promise<void> {
  const child = serverProcess;
  await client?.stop();
  if (child && child.exitCode === null && child.signalCode === null) setTimeout(() => child.exitCode === null && child.kill(), 2_000).unref();
}
