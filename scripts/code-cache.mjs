// Writes the V8 code caches that src/cli/codeCache.ts loads beside their files in dist/: the TypeScript compiler
// (typescript.js.cache), the CLI (cli-main.js.cache) and the scan's worker (scanWorker-main.js.cache). Each is made
// after the code has run on real input (three parses; a scan of the demo workspace and of this project's analyzer;
// the files of a job in a worker thread), so the functions a scan calls are in it, not only the top level. Run by
// esbuild.mjs after a build. A cache from an older build of its file, or from another Node.js, is not used.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

// The loader the CLI uses (src/cli/codeCache.ts, bundled): the caches are made from what it compiles and read back by it.
const { applyCliV8Flags, CLI_V8_FLAGS, codeCacheBytes, loadModule } = createRequire(import.meta.url)(join(dist, 'codeCache.js'));
// Under the CLI's V8 flags (src/cli/bin.ts sets them before it loads anything): V8 rejects a cache made under others.
applyCliV8Flags();

// 1. The compiler: parses of TypeScript, JavaScript and TSX, as a scan makes them.
{
  const file = join(dist, 'typescript.js');
  const { exports: T, script } = loadModule(file);
  const samples = [
    ['scan.ts', readFileSync(join(root, 'src/core/analyze/scan.ts'), 'utf8'), T.ScriptKind.TS],
    ['esbuild.mjs', readFileSync(join(root, 'esbuild.mjs'), 'utf8'), T.ScriptKind.JS],
    ['view.tsx', readFileSync(join(root, 'src/core/analyze/extract/slices.ts'), 'utf8'), T.ScriptKind.TSX],
  ];
  for (const [name, text, kind] of samples) {
    T.createSourceFile(name, text, { languageVersion: T.ScriptTarget.Latest, jsDocParsingMode: T.JSDocParsingMode.ParseNone }, false, kind);
  }
  writeFileSync(`${file}.cache`, codeCacheBytes(file, script.createCachedData()));
}

// The demo workspace and the analyzer's own sources: every kind of file a scan reads.
const warmRoots = [join(root, 'demo'), join(root, 'src/core/analyze')];

// 2. The CLI, after an in-process scan (the compiler it loads is the one just cached: the same instance).
{
  const file = join(dist, 'cli-main.js');
  const { exports: cli, script } = loadModule(file);
  const io = { stdout: () => true, stderr: () => true, cwd: root, env: process.env, signal: new AbortController().signal };
  await cli.main(['scan', ...warmRoots.map((r) => relative(root, r)), '--jobs', '1', '--format', 'json'], io);
  writeFileSync(`${file}.cache`, codeCacheBytes(file, script.createCachedData()));
}

// 3. The worker, in a worker thread, after it has analyzed a batch of files as in a scan (scan.ts, ScanPool).
{
  const file = join(dist, 'scanWorker-main.js');
  const abs = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else abs.push(path);
    }
  };
  warmRoots.forEach(walk);
  const control = new MessageChannel();
  const replies = new MessageChannel();
  // The pool's shared counters (scan.ts): every file published, the walk done.
  const shared = new Int32Array(new SharedArrayBuffer(12));
  shared[1] = abs.length;
  shared[2] = 1;
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { writeFileSync } = require('node:fs');
     const { codeCacheBytes, loadModule } = require(workerData.loader);
     const { script } = loadModule(workerData.file);
     workerData.control.once('message', () => {
       writeFileSync(workerData.file + '.cache', codeCacheBytes(workerData.file, script.createCachedData()));
       workerData.control.postMessage('written');
     });`,
    { eval: true, workerData: { file, loader: join(dist, 'codeCache.js'), control: control.port2, replies: replies.port2, shared }, transferList: [control.port2, replies.port2] },
  );
  await new Promise((resolve, reject) => {
    worker.once('error', reject);
    replies.port1.on('message', (reply) => reply.finished && control.port1.postMessage('write'));
    control.port1.once('message', resolve);
    // The options first, then the files (pool.ts, ScanPool).
    worker.postMessage({ options: { salt: 'code-cache', deferParse: true, retainParse: false } });
    worker.postMessage({ abs, rel: abs.map((path) => relative(root, path)) });
  });
  replies.port1.close();
  control.port1.close();
  await worker.terminate();
}

// Each cache must be one that a CLI process accepts: read back in a fresh process under the CLI's flags (V8 compiles a
// rejected cache's file from scratch, silently: ~0.2 s of every scan for the compiler alone).
{
  const files = ['typescript.js', 'cli-main.js', 'scanWorker-main.js'].map((name) => join(dist, name));
  const check = spawnSync(
    process.execPath,
    [
      '-e',
      `const { readFileSync } = require('node:fs');
       const Module = require('node:module');
       const { Script } = require('node:vm');
       const { applyCliV8Flags, CACHE_HEADER } = require(process.argv[1]);
       applyCliV8Flags();
       for (const file of process.argv.slice(2)) {
         const cachedData = readFileSync(file + '.cache').subarray(CACHE_HEADER);
         const script = new Script(Module.wrap(readFileSync(file, 'utf8').replace(/^#!.*/, '')), { filename: file, cachedData });
         if (script.cachedDataRejected) {
           console.error('V8 rejects ' + file + '.cache under the CLI flags (' + ${JSON.stringify(CLI_V8_FLAGS.join(' '))} + ')');
           process.exitCode = 1;
         }
       }`,
      join(dist, 'codeCache.js'),
      ...files,
    ],
    { stdio: 'inherit' },
  );
  if (check.status !== 0) process.exit(1);
}
