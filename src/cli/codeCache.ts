import { readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/**
 * V8 flags of every CLI process, set before it loads code. A scan's code is recompiled each time a new kind of input
 * deoptimizes it; without inlining a recompilation is one function, not the function and all it calls: whole CLI scans
 * took 7-15 % less CPU (bench/NOTES.md, speed19). V8 checks a code cache against the flags it was made under, so
 * scripts/code-cache.mjs writes the caches under these.
 */
export const CLI_V8_FLAGS: readonly string[] = ['--no-turbo-inlining'];

/** Sets CLI_V8_FLAGS in this process (and so in the worker threads it starts after this). */
export function applyCliV8Flags(): void {
  for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
}

/**
 * Loads a CommonJS file as `require` does, but compiled from the V8 code cache beside it (`<file>.cache`, written by
 * scripts/code-cache.mjs at build time) when there is one: the TypeScript compiler took ~115 ms to load and compile at
 * the first parse of a scan, ~35 ms from the cache; the CLI and the scan's worker load the same way (bin.ts,
 * scanWorkerBoot.ts). The module goes into `require.cache` under its own path, so a later `require` of the same file
 * (ts-morph's bundle requires the compiler too) shares this instance.
 *
 * A cache is used only for the very file it was made from: V8 rejects one from another Node.js version, but it checks
 * the source by its length alone, and a rebuild that changed a character (`--watch`) would run the old code. So the
 * cache starts with the size and modification time of its file (CACHE_HEADER bytes, see codeCacheBytes), and any
 * difference, or no cache at all, compiles the file as usual.
 */
export function requireWithCodeCache(file: string): unknown {
  const loaded = require.cache[file];
  if (loaded) return loaded.exports;
  // Where Node's own compile cache is on (the language server, src/server/serverBoot.ts), `require` compiles through
  // it: it checks the source's content and the V8 version, and stays valid where a cache beside the file, built by
  // another Node.js, is rejected (V8 then compiles the compiler from scratch at every start).
  if ((Module as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.()) return createRequire(file)(file);
  let cachedData: Buffer | undefined;
  try {
    const cache = readFileSync(`${file}.cache`);
    const { size, mtimeMs } = statSync(file);
    if (cache.length > CACHE_HEADER && cache.readDoubleLE(0) === size && cache.readDoubleLE(8) === mtimeMs) cachedData = cache.subarray(CACHE_HEADER);
  } catch {
    // no cache: compile as usual
  }
  return loadModule(file, cachedData).exports;
}

/**
 * Compiles (from `cachedData` if given) and runs a CommonJS file, registered in `require.cache` as `require` would;
 * `script` can make the file's code cache once the code has run (scripts/code-cache.mjs).
 */
export function loadModule(file: string, cachedData?: Buffer): { exports: unknown; script: Script } {
  // A `#!` line is not JavaScript (require drops it too); an empty line keeps the line numbers.
  const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file, undefined);
  module.filename = file;
  module.paths = [];
  require.cache[file] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  return { exports: module.exports, script };
}

/** Bytes before the V8 data in a cache file: the source file's size and modification time, as two doubles. */
export const CACHE_HEADER = 16;

/** The cache file for `file`, header first, from V8's data (`script.createCachedData()`). */
export function codeCacheBytes(file: string, data: Buffer): Buffer {
  const { size, mtimeMs } = statSync(file);
  const header = Buffer.alloc(CACHE_HEADER);
  header.writeDoubleLE(size, 0);
  header.writeDoubleLE(mtimeMs, 8);
  return Buffer.concat([header, data]);
}
