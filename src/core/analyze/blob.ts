/**
 * A blob of the history scan analyzed (src/core/history/blobPool.ts): the same in a worker (scanWorker.ts, in its blob
 * mode) and in-process, and the messages that carry blobs to the workers and outcomes back.
 */
import type { Finding } from '../findings';
import { keyFingerprint } from '../redact';
import type { AnalyzeOptions } from './index';
import { analyzeBytes, decodeText } from './read';

/** A blob's findings with each one's key fingerprint (by index), and its notes. */
export interface BlobOutcome {
  findings: Finding[];
  keys: string[];
  notes: string[];
}

/** Pool → worker: one blob, its bytes transferred; the first message (after the options) is `{ blobs: 'start' }`. */
export interface WorkerBlob {
  blob: { seq: number; path: string; bytes: Uint8Array };
}
export const BLOB_MODE = { blobs: 'start' } as const;
/**
 * Worker → pool: the blobs answered since the last reply (those with nothing to report have no outcome); the first,
 * empty, says it is ready. A blob that needs the TypeScript parser comes back unanalyzed (`parse`: its bytes,
 * transferred) for the pool's thread, which has the parser loaded (the workers analyze with `deferParse`).
 */
export interface WorkerBlobReply {
  blobs: Array<{ seq: number; outcome?: BlobOutcome; parse?: Uint8Array }>;
}

/** One blob analyzed (in a worker or in-process, the same way): findings, their keys by salted fingerprint, notes; undefined without findings. */
export function analyzeBlob(path: string, bytes: Uint8Array, options: AnalyzeOptions): BlobOutcome | undefined {
  const outcome = analyzeBlobOrDefer(path, bytes, options);
  if (outcome === PARSE_DEFERRED_BLOB) throw new Error('analyzeBlob: deferParse is for the workers (analyzeBlobOrDefer)');
  return outcome;
}

/** The answer of analyzeBlobOrDefer for a blob that needs the TypeScript parser, under `deferParse`. */
export const PARSE_DEFERRED_BLOB = 'parse deferred';

/** analyzeBlob in a worker, whose options have `deferParse`: PARSE_DEFERRED_BLOB when the blob needs a parse. */
export function analyzeBlobOrDefer(path: string, bytes: Uint8Array, options: AnalyzeOptions): BlobOutcome | undefined | typeof PARSE_DEFERRED_BLOB {
  const r = analyzeBytes(path, bytes, options);
  if (r.deferred) return PARSE_DEFERRED_BLOB;
  // A blob's notes are reported only with its findings (as the history scan always has: notes of every version of a
  // file would repeat each other).
  if (r.findings.length === 0) return undefined;
  let text: string | undefined;
  // With a key salt the finding carries the key's fingerprint as the editor shows it (the hover matches on it).
  const keys = r.findings.map((f) => f.keyFingerprint ?? keyFingerprint((text ??= decodeText(bytes).text).slice(f.offset, f.offset + f.length), options.salt));
  return { findings: r.findings, keys, notes: r.notes };
}

