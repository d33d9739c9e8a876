// Writes the V8 code caches that src/cli/codeCache.ts loads beside their files in dist/: the TypeScript compiler
// (typescript.js.cache), the CLI (cli-main.js.cache) and the scan's worker (scanWorker-main.js.cache). Each is made
// after the code has run on real input (three parses; a scan of the demo workspace and of this project's analyzer;
// a batch of files in a worker thread), so the functions a scan calls are in it, not only the top level. Run by
// esbuild.mjs after a build. V8 rejects a stale cache or one from another Node.js, and the file compiles as usual.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { MessageChannel, Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/**
 * A cache file as codeCache.ts reads it: the source file's size and modification time (two doubles), then V8's data.
 * V8 checks a cache's source by length only; the header ties it to this very build of the file.
 */
function cacheBytes(file, data) {
  const { size, mtimeMs } = statSync(file);
  const header = Buffer.alloc(16);
  header.writeDoubleLE(size, 0);
  header.writeDoubleLE(mtimeMs, 8);
  return Buffer.concat([header, data]);
}

/** Compiles and runs a CommonJS file as codeCache.ts does; `script` makes its cache once it has been used. */
function load(file) {
  const script = new Script(Module.wrap(readFileSync(file, 'utf8').replace(/^#!.*/, '')), { filename: file });
  const module = new Module(file, undefined);
  module.filename = file;
  createRequire(file).cache[file] = module;
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return { exports: module.exports, script };
}

// 1. The compiler: parses of TypeScript, JavaScript and TSX, as a scan makes them.
{
  const file = join(dist, 'typescript.js');
  const { exports: T, script } = load(file);
  const samples = [
    ['scan.ts', readFileSync(join(root, 'src/core/analyze/scan.ts'), 'utf8'), T.ScriptKind.TS],
    ['esbuild.mjs', readFileSync(join(root, 'esbuild.mjs'), 'utf8'), T.ScriptKind.JS],
    ['view.tsx', readFileSync(join(root, 'src/core/analyze/extract/slices.ts'), 'utf8'), T.ScriptKind.TSX],
  ];
  for (const [name, text, kind] of samples) {
    T.createSourceFile(name, text, { languageVersion: T.ScriptTarget.Latest, jsDocParsingMode: T.JSDocParsingMode.ParseNone }, false, kind);
  }
  writeFileSync(`${file}.cache`, cacheBytes(file, script.createCachedData()));
}

// The demo workspace and the analyzer's own sources: every kind of file a scan reads.
const warmRoots = [join(root, 'demo'), join(root, 'src/core/analyze')];

// 2. The CLI, after an in-process scan (the compiler it loads is the one just cached: the same instance).
{
  const file = join(dist, 'cli-main.js');
  const { exports: cli, script } = load(file);
  const io = { stdout: () => true, stderr: () => true, cwd: root, env: process.env, signal: new AbortController().signal };
  await cli.main(['scan', ...warmRoots.map((r) => relative(root, r)), '--jobs', '1', '--format', 'json'], io);
  writeFileSync(`${file}.cache`, cacheBytes(file, script.createCachedData()));
}

// 3. The worker, in a worker thread (it answers its parent's batches), after one batch.
{
  const file = join(dist, 'scanWorker-main.js');
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else files.push({ index: files.length, abs, rel: relative(root, abs) });
    }
  };
  warmRoots.forEach(walk);
  const control = new MessageChannel();
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { readFileSync, statSync, writeFileSync } = require('node:fs');
     const Module = require('node:module');
     const { dirname } = require('node:path');
     const { Script } = require('node:vm');
     const file = workerData.file;
     const script = new Script(Module.wrap(readFileSync(file, 'utf8').replace(/^#!.*/, '')), { filename: file });
     const module = { exports: {} };
     script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
     workerData.control.once('message', () => {
       const { size, mtimeMs } = statSync(file);
       const header = Buffer.alloc(16);
       header.writeDoubleLE(size, 0);
       header.writeDoubleLE(mtimeMs, 8);
       writeFileSync(file + '.cache', Buffer.concat([header, script.createCachedData()]));
       workerData.control.postMessage('written');
     });`,
    { eval: true, workerData: { file, control: control.port2, options: { salt: 'code-cache', deferParse: true } }, transferList: [control.port2] },
  );
  await new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => control.port1.postMessage('write'));
    control.port1.once('message', resolve);
    worker.postMessage(files);
  });
  control.port1.close();
  await worker.terminate();
}
