// The language server (dist/server.js, a real process over stdio) at start-up: the document the user opened gets its
// diagnostics before a workspace scan asked at the same time starts (issue 16.6: the first squiggle waited for the
// first-open scan). Needs the build (`node esbuild.mjs`), as the unit stage has it.
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ScanProgressNotification, ScanWorkspaceRequest, type ServerInitializationOptions } from '../../src/shared/protocol';

const SERVER = resolve(__dirname, '../../dist/server.js');

describe('language server start-up (dist/server.js)', function () {
  this.timeout(60_000);
  let root: string;
  let server: ChildProcess | undefined;
  let connection: MessageConnection | undefined;

  before(function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node esbuild.mjs\` first`);
    root = mkdtempSync(join(tmpdir(), 'rr-server-startup-'));
    mkdirSync(join(root, 'src'));
    // A key assembled at test time (never a literal in the repository), bound to a secret-like name.
    const key = () => `sk_${'live'}_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
    for (let i = 0; i < 12; i++) writeFileSync(join(root, 'src', `module${i}.ts`), `export const STRIPE_SECRET_KEY_${i} = '${key()}';\n`);
    writeFileSync(join(root, 'src', 'config.ts'), `export const STRIPE_SECRET_KEY = process.env.STRIPE_SECRET_KEY ?? '${key()}';\n`);
  });

  after(async () => {
    connection?.dispose();
    server?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes the open document before the workspace scan asked with it starts', async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    const events: string[] = [];
    const open = pathToFileURL(join(root, 'src', 'config.ts')).toString();
    let published!: () => void;
    const openPublished = new Promise<void>((done) => (published = done));
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
      if (params.uri !== open) return;
      events.push(`published ${params.diagnostics.length}`);
      published();
    });
    connection.onNotification(ScanProgressNotification, () => {
      if (events.at(-1) !== 'scan progress') events.push('scan progress');
    });
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();

    const initializationOptions: ServerInitializationOptions = { projects: [{ root, salt: 'test-salt' }], salt: 'test-salt', docsBase: '', settings: {}, preloadTypeScript: true };
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions });
    await connection.sendNotification('initialized', {});
    // As the client does at start: the open editors, then (the extension's first-open scan) the workspace scan.
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: open, languageId: 'typescript', version: 1, text: readFileSync(join(root, 'src', 'config.ts'), 'utf8') } });
    const scan = connection.sendRequest(ScanWorkspaceRequest, { exclude: [], projects: [{ root, exclude: [] }] }) as Promise<{ files: number; findings: number }>;
    const result = await scan;
    await openPublished;

    assert.equal(result.files, 13, 'the scan still covers every file');
    assert.equal(events[0], 'published 1', `the open document's finding comes first: ${events.join(', ')}`);
    assert.ok(events.includes('scan progress'), `the scan reported progress: ${events.join(', ')}`);
  });
});
