/**
 * The language server's entry (dist/server.js): turns on Node's V8 compile cache in the folder the extension names
 * (src/shared/compileCache.ts), then loads the server itself (dist/server-main.js, src/server/server.ts). The cache
 * applies only to code loaded after it is on, so this file stays tiny: from the second start, the server's bundle
 * and the TypeScript compiler compile from the cache (issue 16.6).
 */
import { join } from 'node:path';
import { enableCompileCacheFromArgs } from '../shared/compileCache';

(globalThis as { __rrCompileCache?: string }).__rrCompileCache = enableCompileCacheFromArgs(process.argv);
// A path esbuild leaves alone: the server's code is its own bundle.
require(join(__dirname, 'server-main.js'));
