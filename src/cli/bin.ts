/**
 * The `rotation-ready` command (dist/cli.js): loads the CLI itself (dist/cli-main.js, src/cli/main.ts) from its V8
 * code cache and runs it. Compiling the CLI and the analyzer's functions as a scan first calls them cost each scan
 * ~0.2 s of CPU; the cache is written at build time after a scan (scripts/code-cache.mjs).
 */
import { join } from 'node:path';
import { requireWithCodeCache } from './codeCache';

(requireWithCodeCache(join(__dirname, 'cli-main.js')) as typeof import('./main')).runCommandLine();
