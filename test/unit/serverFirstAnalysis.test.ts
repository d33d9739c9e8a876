// The language server's own share of the first squiggle (issue 16.6), on the real dist/server.js in a real process:
// an opened document is analyzed at once (not after the typing debounce), and from its second start the server's code
// and the TypeScript compiler compile from Node's V8 compile cache in the folder the extension passes. Needs the build.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { COMPILE_CACHE_ARG, COMPILE_CACHE_FROM_PARENT_ARG, type CompileCacheMessage } from '../../src/shared/compileCache';
import type { ServerInitializationOptions } from '../../src/shared/protocol';

const ROOT = resolve(__dirname, '../..');
const SERVER = join(ROOT, 'dist/server.js');
/** Node 24, as code-server's extension host runs the server (Node 20 has no compile cache). */
const NODE_24 = join(ROOT, 'test/harness/node24/node_modules/.bin/node');

interface FirstRun {
  /** The server's start-up line (src/server/startup.ts). */
  startup: string;
  /** What Node.js said about its compile cache (NODE_DEBUG_NATIVE=COMPILE_CACHE). */
  cacheLog: string;
}

/**
 * How the extension's entry starts it (src/extension/boot.ts): forked before the extension context names the cache
 * folder, which comes in the first IPC message; the client's `initialize` comes `initializeAfterMs` later (a busy
 * extension host).
 */
interface FromParent {
  message: CompileCacheMessage;
  initializeAfterMs: number;
}

/** Starts the server as the extension does (its arguments), opens one file as the editor does, and ends it cleanly. */
async function firstAnalysis(node: string, file: string, args: string[], fromParent?: FromParent): Promise<FirstRun> {
  const server = spawn(node, [SERVER, '--stdio', ...args, ...(fromParent ? [COMPILE_CACHE_FROM_PARENT_ARG] : [])], {
    stdio: ['pipe', 'pipe', 'pipe', ...(fromParent ? (['ipc'] as const) : [])],
    env: { ...process.env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
  });
  if (fromParent) {
    server.send(fromParent.message);
    await new Promise((done) => setTimeout(done, fromParent.initializeAfterMs));
  }
  let cacheLog = '';
  server.stderr!.on('data', (chunk: Buffer) => (cacheLog += chunk.toString()));
  const exited = new Promise<void>((done) => server.on('exit', () => done()));
  const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  try {
    const startup = new Promise<string>((done) => connection.onNotification('window/logMessage', ({ message }: { message: string }) => void (message.startsWith('start-up: server process') && done(message))));
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    const initializationOptions: ServerInitializationOptions = { projects: [], salt: 'test-salt', docsBase: '', settings: {}, preloadTypeScript: true };
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions });
    await connection.sendNotification('initialized', {});
    const text = `export const STRIPE_SECRET_KEY = '${`sk_${'live'}_${randomBytes(18).toString('hex')}`}';\n`;
    writeFileSync(file, text);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(file).toString(), languageId: 'typescript', version: 1, text } });
    const line = await startup;
    // A clean exit writes the rest of the cache, as the client's shutdown does.
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
    return { startup: line, cacheLog };
  } finally {
    connection.dispose();
    server.kill();
  }
}

describe('the language server’s first analysis (dist/server.js)', function () {
  this.timeout(60_000);
  let dir: string;
  before(function () {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node esbuild.mjs\` first`);
    dir = mkdtempSync(join(tmpdir(), 'rr-server-first-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('analyzes an opened document at once, not after the typing debounce', async () => {
    const { startup } = await firstAnalysis(process.execPath, join(dir, 'config.ts'), []);
    // TextDocuments reports an open as a change too; rescheduling it waited 150 ms before the first squiggle.
    assert.match(startup, /scheduled 0 ms after its last change/, startup);
  });

  it('compiles its code and the TypeScript compiler from the V8 compile cache from the second start (Node 24)', async function () {
    if (!existsSync(NODE_24)) throw new Error(`${NODE_24} is missing: run scripts/setup.sh (it installs Node 24 for code-server)`);
    const cache = join(dir, 'compile-cache');
    const first = await firstAnalysis(NODE_24, join(dir, 'first.ts'), [`${COMPILE_CACHE_ARG}${cache}`]);
    assert.match(first.startup, /V8 compile cache on \(enabled\)/, first.startup);
    assert.ok(readdirSync(cache).length > 0, 'the first start wrote the cache');
    const second = await firstAnalysis(NODE_24, join(dir, 'second.ts'), [`${COMPILE_CACHE_ARG}${cache}`]);
    for (const file of ['server-main.js', 'typescript.js']) {
      assert.match(second.cacheLog, new RegExp(`V8 code cache for CommonJS \\S*dist/${file.replace('.', '\\.')} was accepted`), `${file} from the cache:\n${second.cacheLog}`);
    }
  });

  it('keeps the cache off for a folder that is not an absolute path, and on Node.js without one, and still analyzes', async () => {
    const relative = await firstAnalysis(NODE_24, join(dir, 'relative.ts'), [`${COMPILE_CACHE_ARG}cache-here`]);
    assert.match(relative.startup, /V8 compile cache off \(the folder given is not an absolute path\)/, relative.startup);
    assert.equal(existsSync(join(process.cwd(), 'cache-here')), false);
    const node20 = await firstAnalysis(process.execPath, join(dir, 'node20.ts'), [`${COMPILE_CACHE_ARG}${join(dir, 'unused')}`]);
    if (Number(process.versions.node.split('.')[0]) < 22) assert.match(node20.startup, /V8 compile cache off \(Node\.js \S+ has none\)/, node20.startup);
    assert.match(node20.startup, /diagnostics published/, node20.startup);
  });

  it('started before the extension knows its cache folder, takes it from its first message and loads the compiler before `initialize` when told to (Node 24)', async function () {
    if (!existsSync(NODE_24)) throw new Error(`${NODE_24} is missing: run scripts/setup.sh (it installs Node 24 for code-server)`);
    const cache = join(dir, 'from-parent-cache');
    const message = { rotationReadyCompileCache: cache, preloadTypeScript: true };
    const first = await firstAnalysis(NODE_24, join(dir, 'parent-first.ts'), [], { message, initializeAfterMs: 3_000 });
    assert.match(first.startup, /V8 compile cache on \(enabled\)/, first.startup);
    // The compiler loaded while the client was still starting: before the server answered `initialize`.
    const [, initialized, loadedBy] = /initialized at (\d+) ms.*TypeScript compiler loaded in \d+ ms, by (\d+) ms/.exec(first.startup) ?? [];
    assert.ok(Number(loadedBy) < Number(initialized), first.startup);
    const second = await firstAnalysis(NODE_24, join(dir, 'parent-second.ts'), [], { message, initializeAfterMs: 0 });
    assert.match(second.cacheLog, /V8 code cache for CommonJS \S*dist\/typescript\.js was accepted/, second.cacheLog);
    // A folder the message does not give as an absolute path is not used.
    const relative = await firstAnalysis(NODE_24, join(dir, 'parent-relative.ts'), [], { message: { rotationReadyCompileCache: 'cache-here', preloadTypeScript: false }, initializeAfterMs: 0 });
    assert.match(relative.startup, /V8 compile cache off \(the folder given is not an absolute path\)/, relative.startup);
  });
});
