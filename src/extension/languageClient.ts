import * as vscode from 'vscode';
import { DocumentSelector, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
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

/** The analyzer runs in its own Node process so typing never waits on ts-morph. */
export async function startLanguageClient(context: vscode.ExtensionContext, initializationOptions: ServerInitializationOptions): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
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
  await client.start();
  return client;
}
