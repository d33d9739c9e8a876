import type { ts } from 'ts-morph';

let loaded: typeof ts | undefined;

/**
 * The TypeScript compiler (the copy ts-morph bundles, so both share one), loaded at the first parse rather than at
 * start-up: a CLI scan of files without a candidate string near a secret-like name, or of non-JS files, never parses.
 * The analyzer needs only the compiler, not ts-morph's wrappers: the CLI bundle keeps the compiler in its own file
 * (dist/typescript.js, see esbuild.mjs), which loads in half the time of ts-morph's whole bundle (bench/NOTES.md).
 * esbuild bundles the `require` and evaluates the module only when this runs.
 */
export function loadTypeScript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('@ts-morph/common/dist/typescript.js') as typeof ts);
}
