/**
 * The language server's entry (dist/server.js): turns on Node's V8 compile cache in the folder the extension names
 * (src/shared/compileCache.ts), then loads the server itself (dist/server-main.js, src/server/server.ts). The cache
 * applies only to code loaded after it is on, so this file stays tiny: from the second start, the server's code
 * and the TypeScript compiler compile from the cache (issue 16.6).
 *
 * The folder comes on the command line, or, when the extension forked the server before it knew the folder
 * (COMPILE_CACHE_FROM_PARENT_ARG, src/extension/boot.ts), in the extension's first IPC message: Node.js starts
 * meanwhile, and the server's code loads once the folder is known.
 */
import { join } from 'node:path';
import { COMPILE_CACHE_FROM_PARENT_ARG, enableCompileCacheFromArgs, enableCompileCacheIn, isCompileCacheMessage } from '../shared/compileCache';

/** What server-main reads of its start (src/server/startup.ts). */
export interface ServerBoot {
  /** What happened to the compile cache, for the start-up log. */
  __rrCompileCache?: string;
  /** Load the TypeScript compiler as soon as the server's code is loaded, not at `initialize`. */
  __rrPreloadTypeScript?: boolean;
}

function loadServer(compileCache: string, preloadTypeScript = false): void {
  Object.assign(globalThis, { __rrCompileCache: compileCache, __rrPreloadTypeScript: preloadTypeScript } satisfies ServerBoot);
  // A path esbuild leaves alone: the server's code is its own bundle.
  require(join(__dirname, 'server-main.js'));
}

if (process.argv.includes(COMPILE_CACHE_FROM_PARENT_ARG) && process.send) {
  // An extension that never sends it (its activation failed) leaves nothing running: the channel closes with it.
  const orphaned = () => process.exit(0);
  process.once('disconnect', orphaned);
  // The first message is ours: the language client's own come after it, once the server's code has loaded and listens.
  process.once('message', (message: unknown) => {
    process.off('disconnect', orphaned);
    if (isCompileCacheMessage(message)) loadServer(enableCompileCacheIn(message.rotationReadyCompileCache), message.preloadTypeScript);
    else loadServer('off (the extension did not name its folder)');
  });
} else {
  loadServer(enableCompileCacheFromArgs(process.argv));
}
