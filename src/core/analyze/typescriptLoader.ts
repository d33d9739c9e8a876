import type { ts } from 'ts-morph';

let loaded: typeof ts | undefined;
let loadMs: number | undefined;
let loadedAt: number | undefined;

/**
 * The TypeScript compiler (the copy ts-morph bundles, so both share one), loaded at the first parse rather than at
 * start-up: a CLI scan of files without a candidate string near a secret-like name, or of non-JS files, never parses.
 * The analyzer needs only the compiler, not ts-morph's wrappers: the CLI bundle keeps the compiler in its own file
 * (dist/typescript.js, see esbuild.mjs), which loads in half the time of ts-morph's whole bundle (bench/NOTES.md).
 * esbuild bundles the `require` and evaluates the module only when this runs.
 */
export function loadTypeScript(): typeof ts {
  if (loaded) return loaded;
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded = require('@ts-morph/common/dist/typescript.js') as typeof ts;
  loadedAt = performance.now();
  loadMs = loadedAt - started;
  return loaded;
}

/** How long loading the compiler took (ms), once it is loaded: the language server logs it with its start-up times. */
export function typeScriptLoadMs(): number | undefined {
  return loadMs;
}

/** When the compiler finished loading (performance.now()), once it has. */
export function typeScriptLoadedAt(): number | undefined {
  return loadedAt;
}
