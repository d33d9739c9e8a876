import type { ts } from 'ts-morph';

let loaded: typeof ts | undefined;

/**
 * The TypeScript compiler (ts-morph's bundled copy), loaded at the first parse rather than at start-up: loading it
 * costs ~0.4 s and ~100 MB, and a CLI scan of files without a candidate string near a secret-like name, or of
 * non-JS files, never parses. esbuild bundles the `require` and evaluates the module only when this runs.
 */
export function loadTypeScript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= (require('ts-morph') as typeof import('ts-morph')).ts);
}
