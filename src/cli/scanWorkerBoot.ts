/**
 * A workspace scan's worker thread (dist/scanWorker.js): loads the worker itself (dist/scanWorker-main.js,
 * src/core/analyze/scanWorker.ts) from its V8 code cache, as src/cli/bin.ts does for the CLI.
 */
import { join } from 'node:path';
import { requireWithCodeCache } from './codeCache';

requireWithCodeCache(join(__dirname, 'scanWorker-main.js'));
