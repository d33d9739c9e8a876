import { join } from 'node:path';
import * as vscode from 'vscode';
import { DocumentSelector, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { COMPILE_CACHE_ARG } from '../shared/compileCache';
import { AnalyzerSettings, SERVER_ID, ServerInitializationOptions } from '../shared/protocol';
import { markFixesNeedingTrust } from './fixes';
import { log } from './log';

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

/** Languages the analyzer parses with the TypeScript compiler. */
export const JS_LANGUAGES: ReadonlySet<string> = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

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

/** The analyzer's start: `ready` once it has answered `initialize`, `spawned` once its process exists (or the start failed). */
export interface StartingClient {
  ready: Promise<LanguageClient>;
  spawned: Promise<void>;
}

/**
 * The analyzer runs in its own Node process so typing never waits on ts-morph. vscode-languageclient forks that process
 * only after an asynchronous check of its working folder, so whatever the extension host runs synchronously meanwhile
 * delays the fork (about 1 s of activate()'s wiring on a quiet 2-core machine, issue 16.6): callers await `spawned`
 * before wiring the rest.
 */
export function startLanguageClient(context: vscode.ExtensionContext, initializationOptions: ServerInitializationOptions): StartingClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The server's compiled code is cached in our own global storage (never a folder a workspace could choose).
  const args = context.globalStorageUri.scheme === 'file' ? [`${COMPILE_CACHE_ARG}${join(context.globalStorageUri.fsPath, 'v8-compile-cache')}`] : [];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args },
    debug: { module: serverModule, transport: TransportKind.ipc, args, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: analyzedSelector,
    initializationOptions,
    outputChannel: log(),
    // The hover links to our own commands only (scan the git history); nothing else in its Markdown can run.
    markdown: { isTrusted: { enabledCommands: ['rotationReady.scanHistory'] } },
    middleware: {
      provideCodeActions: async (document, range, context, token, next) => markFixesNeedingTrust(withoutUntrustedOnly(await next(document, range, context, token))),
    },
    // The server pulls `rotationReady` settings; file events re-scan changed files and reload the baseline.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*') },
  };
  const client = new LanguageClient(SERVER_ID, 'Rotation Ready', serverOptions, clientOptions);
  const ready = client.start().then(() => client);
  let settled = false;
  ready.then(
    () => (settled = true),
    () => (settled = true),
  );
  const spawned = (async () => {
    // The client sets `serverProcess` as it forks; no event says so. A timer, not setImmediate: no busy loop meanwhile.
    while (!client.serverProcess && !settled) await new Promise((tick) => setTimeout(tick, 1));
  })();
  return { ready, spawned };
}
