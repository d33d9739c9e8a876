import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Loads a CommonJS file as `require` does, but compiled from the V8 code cache beside it (`<file>.cache`, written by
 * scripts/code-cache.mjs at build time) when there is one: the TypeScript compiler took ~115 ms to load and compile at
 * the first parse of a scan, ~35 ms from the cache; the CLI and the scan's worker load the same way (bin.ts,
 * scanWorkerBoot.ts). A cache from another Node.js version or for other source is
 * rejected by V8, and the file compiles as usual. The module goes into `require.cache` under its own path, so a later
 * `require` of the same file (ts-morph's bundle requires the compiler too) shares this instance.
 */
export function requireWithCodeCache(file: string): unknown {
  const loaded = require.cache[file];
  if (loaded) return loaded.exports;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // no cache: compile as usual
  }
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
  return module.exports;
}
