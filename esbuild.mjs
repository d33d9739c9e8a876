// Bundles the three processes (extension host glue, language server, CLI) and the test entry points.
// `vscode` is provided by the host; `keytar` is a native module, loaded at run time from
// node_modules/keytar, which .vscodeignore keeps in the .vsix.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { writeGenerated } from './scripts/config-schema.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** Prints errors as `file:line:col: error: text`, which the $esbuild-watch problem matcher understands. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * The CLI loads the TypeScript compiler (~9 MB of code) from its own file, dist/typescript.js, when a file first needs
 * a parse, and ts-morph from dist/ts-morph.js when `fix` runs: bundled inline, merely compiling that source cost every
 * `scan` ~0.25 s and ~90 MB at start-up even when nothing was parsed. The analyzer requires the compiler alone
 * (src/core/analyze/typescriptLoader.ts); ts-morph's own bundle requires the same file, so one copy ever loads.
 */
const tsMorphApart = {
  name: 'ts-morph-apart',
  setup(build) {
    build.onResolve({ filter: /^ts-morph$/ }, () => ({ path: './ts-morph.js', external: true }));
    // The compiler from dist/typescript.js, through its V8 code cache (src/cli/codeCache.ts, scripts/code-cache.mjs).
    build.onResolve({ filter: /^@ts-morph\/common\/dist\/typescript\.js$/ }, () => ({ path: 'typescript', namespace: 'cached-typescript' }));
    build.onLoad({ filter: /.*/, namespace: 'cached-typescript' }, () => ({
      contents: `module.exports = require(${JSON.stringify(new URL('./src/cli/codeCache.ts', import.meta.url).pathname)}).requireWithCodeCache(require('node:path').join(__dirname, 'typescript.js'));`,
      loader: 'js',
      resolveDir: '.',
    }));
  },
};
/** In dist/ts-morph.js, ts-morph's `require('./typescript')` is dist/typescript.js. */
const typescriptApart = {
  name: 'typescript-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/typescript$/ }, (args) => (/[\\/]@ts-morph[\\/]common[\\/]dist$/.test(args.resolveDir) ? { path: './typescript.js', external: true } : undefined));
  },
};

/** `rotation-ready mcp` and the MCP SDK live in dist/mcp.js, loaded only by that command: a scan does not compile them. */
const mcpApart = {
  name: 'mcp-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/mcp$/ }, (args) => (/[\\/]src[\\/]cli[\\/]commands$/.test(args.resolveDir) ? { path: './mcp.js', external: true } : undefined));
  },
};

/**
 * In the extension host and the language server, the libraries only some commands need load when first used, not
 * at start-up: evaluating ts-morph with the TypeScript compiler (~7 MB of code) took 0.5-3 s of every activation,
 * before any squiggle, although the extension itself never parses and the server needs the compiler alone.
 * An import of one of these packages gets a stand-in module whose exports are getters that require the real
 * package at the first access (esbuild reads a CJS import's members at use, so nothing is read before). The
 * names come from the package itself at build time, so none is missing. ts-morph's `ts` is the compiler alone
 * (the same module ts-morph re-exports, and src/core/analyze/typescriptLoader.ts loads).
 */
const LAZY_PACKAGES = {
  'ts-morph': { ts: '@ts-morph/common/dist/typescript.js' },
  nodemailer: {},
  'prom-client': {},
};
const requireHere = createRequire(import.meta.url);
const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const filter = new RegExp(`^(?:${Object.keys(LAZY_PACKAGES).join('|').replace(/[.-]/g, '\\$&')})$`);
    build.onResolve({ filter }, (args) => (args.namespace === 'lazy-package' ? undefined : { path: args.path, namespace: 'lazy-package' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
      const from = LAZY_PACKAGES[args.path];
      const names = Object.keys(requireHere(args.path)).filter((name) => name !== 'default' && name !== '__esModule');
      const getter = (name) => (from[name] ? `require(${JSON.stringify(from[name])})` : `load()[${JSON.stringify(name)}]`);
      return {
        contents: [
          `let real; const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
          'Object.defineProperty(exports, "__esModule", { value: true });',
          ...names.map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => ${getter(name)} });`),
        ].join('\n'),
        loader: 'js',
        resolveDir: process.cwd(),
      };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD build requires its parts dynamically; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  sourcemap: true,
  sourcesContent: false,
  minify: production,
  external: ['vscode', 'keytar'],
  logLevel: 'warning',
  define: { 'process.env.ROTATION_READY_VERSION': JSON.stringify(version) },
  plugins: [problemMatcherPlugin],
};

// The config validator and types come from media/rotation-ready.schema.json: a schema edit is never bundled stale.
for (const file of await writeGenerated()) console.log(`regenerated ${file} from the schema`);

const builds = [
  // The compiler and ts-morph stay in their own files here too (tsMorphApart): the extension host and the server
  // parse and compile their whole bundle at start, and those two were 7 of its 8 MB.
  { ...common, entryPoints: { 'extension-main': 'src/extension/extension.ts', 'server-main': 'src/server/server.ts' }, outdir: 'dist', plugins: [...common.plugins, lazyPackages, tsMorphApart] },
  // The extension's entry forks the language server, then requires dist/extension-main.js: the server starts while the
  // extension host loads the extension's code (src/extension/boot.ts).
  { ...common, entryPoints: { extension: 'src/extension/boot.ts' }, outdir: 'dist' },
  // The server's entry turns Node's V8 compile cache on, then requires dist/server-main.js: the cache covers only
  // code loaded after it is on (src/server/serverBoot.ts).
  { ...common, entryPoints: { server: 'src/server/serverBoot.ts' }, outdir: 'dist' },
  // dist/cli.js and dist/scanWorker.js only load dist/cli-main.js and dist/scanWorker-main.js from their V8 code caches
  // (src/cli/codeCache.ts, scripts/code-cache.mjs).
  // `node --`: Node.js reads `--env-file` anywhere on its command line, even after the script, unless a `--` comes
  // first; without it `rotation-ready … --env-file .env` ran a repository's NODE_OPTIONS (docs/SECURITY.md).
  { ...common, entryPoints: { cli: 'src/cli/bin.ts', scanWorker: 'src/cli/scanWorkerBoot.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env -S node --' } },
  // The loader alone, for scripts/code-cache.mjs, which writes the caches with it.
  { ...common, entryPoints: { codeCache: 'src/cli/codeCache.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { 'cli-main': 'src/cli/main.ts' }, outdir: 'dist', plugins: [...common.plugins, tsMorphApart, mcpApart] },
  { ...common, entryPoints: { mcp: 'src/cli/commands/mcp.ts' }, outdir: 'dist', plugins: [...common.plugins, tsMorphApart] },
  // The CLI's workspace scan runs in worker threads from this entry (src/core/analyze/scan.ts, analyzeInWorkers).
  { ...common, entryPoints: { 'scanWorker-main': 'src/core/analyze/scanWorker.ts' }, outdir: 'dist', plugins: [...common.plugins, tsMorphApart] },
  { ...common, entryPoints: { 'ts-morph': 'node_modules/ts-morph/dist/ts-morph.js' }, outdir: 'dist', plugins: [...common.plugins, typescriptApart] },
  // Minified: a third of the source to compile, ~40 ms less at the first parse of a scan.
  { ...common, entryPoints: { typescript: 'node_modules/@ts-morph/common/dist/typescript.js' }, outdir: 'dist', minify: true },
];
if (!production) {
  // Test entry points run inside the extension host (integration) or launch it (desktop runner).
  builds.push({
    ...common,
    entryPoints: {
      'integration/index': 'test/integration/index.ts',
      'desktop/runTests': 'test/desktop/runTests.ts',
    },
    outdir: 'out/test',
    external: [...common.external, 'mocha', '@vscode/test-electron'],
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  // The package's bin, executable as npm makes it on install: run by its shebang, `node --` (test/security).
  chmodSync('dist/cli.js', 0o755);
  // After the bundles: the code caches of the CLI, its scan worker and the compiler (one from an older build is ignored).
  const cache = spawnSync(process.execPath, ['scripts/code-cache.mjs'], { stdio: 'inherit' });
  if (cache.status !== 0) {
    console.warn('warning: the code caches in dist/ were not written; the CLI compiles its code at each start');
    // The test run's build (scripts/test.mjs) fails instead: a cache that silently stops being written is a slower CLI.
    if (process.argv.includes('--strict')) process.exit(1);
  }
}
