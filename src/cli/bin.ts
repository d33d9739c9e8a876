/**
 * The `rotation-ready` command (dist/cli.js): loads the CLI itself (dist/cli-main.js, src/cli/main.ts) from its V8
 * code cache and runs it. Compiling the CLI and the analyzer's functions as a scan first calls them cost each scan
 * ~0.2 s of CPU; the cache is written at build time after a scan (scripts/code-cache.mjs).
 *
 * A workspace scan's worker threads start first, before the CLI loads: each takes ~0.1 s to start (a thread, Node.js's
 * internals, the analyzer), which then overlaps this thread's loading instead of following it (bench/NOTES.md).
 */
import { join } from 'node:path';
import { applyCliV8Flags, requireWithCodeCache } from './codeCache';
import { earlyScanWorkers } from './earlyScanWorkers';

// Before any code is loaded from a cache or compiled: the caches were written under the same flags.
applyCliV8Flags();
const scanWorkers = earlyScanWorkers(process.argv.slice(2), __dirname, process.cwd());
(requireWithCodeCache(join(__dirname, 'cli-main.js')) as typeof import('./main')).runCommandLine(scanWorkers);

