// Start-up milestones of the language server, in ms since its process started (performance.now()), logged when the
// first documents' diagnostics are published: where the time to the first squiggle went (issue 16).
import { typeScriptLoadedAt, typeScriptLoadMs } from '../core/analyze/typescriptLoader';
import { flushCompileCache } from '../shared/compileCache';
import type { ServerBoot } from './serverBoot';

/** What dist/server.js did with the V8 compile cache (src/server/serverBoot.ts); absent when run from source. */
const compileCache = (globalThis as ServerBoot).__rrCompileCache ?? 'off (not started through dist/server.js)';
/** Whether the extension said at fork time that an open document needs the compiler (serverBoot.ts). */
export const preloadTypeScriptAtBoot = (globalThis as ServerBoot).__rrPreloadTypeScript === true;

const loaded = performance.now();
let initialized: number | undefined;
let firstOpen: number | undefined;
/** Documents whose first diagnostics were logged; only the first few are (the workbench opens settings files too). */
const reported = new Set<string>();
const REPORTED_DOCUMENTS = 5;
let scanReported = false;

export const startupMilestones = {
  initialized(): void {
    initialized ??= performance.now();
  },
  opened(): void {
    firstOpen ??= performance.now();
  },
  /** The line to log when the first workspace scan starts (undefined after the first time). */
  scanStarting(): string | undefined {
    if (scanReported) return undefined;
    scanReported = true;
    return `start-up: the first workspace scan started at ${Math.round(performance.now())} ms since the server process started`;
  },
  /** The line to log for a document's first published diagnostics, for the first few documents (else undefined). */
  published(path: string, analysisStarted: number, delayMs: number): string | undefined {
    if (reported.size >= REPORTED_DOCUMENTS || reported.has(path)) return undefined;
    reported.add(path);
    // What the first analysis compiled (the server's code, the compiler) reaches the cache now, not only at exit:
    // off the path of this document's squiggle, which is sent before this runs.
    if (reported.size === 1) setTimeout(flushCompileCache, 0);
    const now = performance.now();
    const at = (ms: number | undefined) => (ms === undefined ? '?' : `${Math.round(ms)} ms`);
    const typescript = typeScriptLoadMs();
    return (
      `start-up: server process started at ${new Date(performance.timeOrigin).toISOString()}; code loaded at ${at(loaded)}, initialized at ${at(initialized)}, first document opened at ${at(firstOpen)}; ` +
      `${path}'s diagnostics published at ${at(now)} (scheduled ${delayMs} ms after its last change, its analysis ${at(now - analysisStarted)}${typescript === undefined ? '' : `; the TypeScript compiler loaded in ${at(typescript)}, by ${at(typeScriptLoadedAt())}`}), times since the server process started; V8 compile cache ${compileCache}`
    );
  },
};
