/** One file of a workspace scan, from disk (or a blob from git) to its outcome: read, decode, analyze. */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Finding } from '../findings';
import { type AnalysisResult, type AnalyzeOptions, analyzeText, analyzeTextCooperatively, DEFAULT_MAX_FILE_BYTES } from './index';
import { keyFileFinding } from './keyFile';
import { fsPath } from './walk';

export type FileOutcome = { findings: Finding[]; skipped?: string; notes: string[]; deferred?: boolean };

/**
 * Reads and analyzes one file from disk: size limit before reading, binary and encoding checks after. The read is
 * synchronous (open, fstat, read, close): the analysis that follows is synchronous anyway, and four promise round
 * trips through the thread pool per file cost a workspace scan more than reading the bytes.
 */
export async function analyzeFile(abs: string, rel: string, options: AnalyzeOptions, cooperative = false): Promise<FileOutcome> {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const bytes = readUpTo(fsPath(abs), max);
  if (bytes === undefined) return { findings: [], skipped: `larger than ${Math.round(max / 1024)} KiB`, notes: [] };
  return cooperative ? analyzeBytesCooperatively(rel, bytes, options) : analyzeBytes(rel, bytes, options);
}

/**
 * analyzeFile for a workspace scan: a file that cannot be opened or read is skipped (`unreadable (EACCES)`), not thrown.
 * `cooperative` (the thread that also listens for a cancel): the analysis yields to the event loop as it goes.
 */
export async function analyzeFileOrSkip(abs: string, rel: string, options: AnalyzeOptions, cooperative = false): Promise<FileOutcome> {
  try {
    return await analyzeFile(abs, rel, options, cooperative);
  } catch (error) {
    return { findings: [], skipped: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, notes: [] };
  }
}

/** Shared by the file and the `--staged` paths (blobs from git). */
export function analyzeBytes(rel: string, bytes: Uint8Array, options: AnalyzeOptions): FileOutcome {
  const input = decodeForAnalysis(rel, bytes, options);
  if (!('text' in input)) return input;
  return outcomeOf(analyzeText(rel, input.text, fileOptions(options), input.utf8), input.notes);
}

/**
 * analyzeBytes yielding to the event loop every few milliseconds (analyzeTextCooperatively, no budget): a scan's main
 * thread sees SIGINT/SIGTERM within one step of the analysis, not after the whole file.
 */
export async function analyzeBytesCooperatively(rel: string, bytes: Uint8Array, options: AnalyzeOptions): Promise<FileOutcome> {
  const input = decodeForAnalysis(rel, bytes, options);
  if (!('text' in input)) return input;
  // `utf8` may be the shared read buffer: the keyword pass reads it before the analysis first yields, so the next
  // file's read cannot overwrite it while it is used.
  return outcomeOf(await analyzeTextCooperatively(rel, input.text, { ...fileOptions(options), budgetMs: Infinity }, input.utf8), input.notes);
}

// Each file is read once: no parse tree is kept for a next edit (the editor's own analyses keep theirs). A scan's
// options say so already: a copy of them per file was a measurable cost (bench/NOTES.md).
function fileOptions(options: AnalyzeOptions): AnalyzeOptions {
  return options.retainParse === undefined ? { ...options, retainParse: false } : options;
}

function outcomeOf(result: AnalysisResult, notes: string[]): FileOutcome {
  if (result.deferred) return { findings: [], notes: [], deferred: true };
  return { findings: result.findings, skipped: result.skipped?.reason, notes: [...notes, ...result.notes] };
}

/**
 * The text of a file's bytes (and its UTF-8 when exact), or the outcome of a file that is not analyzed as text: too
 * large, binary, or a key file (a container such as a `.p12` that is a key itself: keyFile.ts).
 */
function decodeForAnalysis(rel: string, bytes: Uint8Array, options: AnalyzeOptions): { text: string; utf8: Uint8Array | undefined; notes: string[] } | FileOutcome {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > max) return { findings: [], skipped: `larger than ${Math.round(max / 1024)} KiB`, notes: [] };
  const keyFile = keyFileFinding(rel, bytes, options);
  if (keyFile) return { findings: [keyFile], notes: [] };
  if (isBinary(bytes)) return { findings: [], skipped: 'binary', notes: [] };
  const { text, utf8 } = decodeText(bytes);
  // Latin-1 and friends: keys are ASCII, so a lossy decode still finds them; say so.
  const notes = utf8 ? [] : ['Not valid UTF-8: invalid bytes were replaced before analysis; offsets after them may be off.'];
  return { text, utf8, notes };
}

/**
 * The text analyzeBytes analyzes, which a finding's offsets count in, and its UTF-8 bytes when they are exactly the
 * text's encoding (undefined when the bytes are not valid UTF-8 and invalid bytes were replaced).
 */
export function decodeText(bytes: Uint8Array): { text: string; utf8: Uint8Array | undefined } {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Most source files: Latin-1 is the identity on ASCII and makes a one-byte string without a UTF-8 decode.
  if (isAscii(buffer)) return { text: buffer.toString('latin1'), utf8: buffer };
  if (!isUtf8(buffer)) return { text: buffer.toString('utf8'), utf8: undefined };
  const text = buffer.toString('utf8');
  // As the editor reads it (and TextDecoder did): a byte-order mark is not part of the text, offsets start after it.
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), utf8: buffer.subarray(3) } : { text, utf8: buffer };
}

/**
 * The file's bytes, or undefined when it is larger than `max`. The bytes are read into one buffer that this thread
 * reuses, valid until the next call: analyzeBytes copies them into a string, and a fresh allocation per file (15,000 in
 * a large workspace) kept the garbage collector busy. A file is read until a read returns nothing, at most `max` + 1
 * bytes, so most files (those that fit the buffer) need no fstat: it was a tenth of a scan's reading, its Stats object
 * (dates and all) made for one number.
 */
let readBuffer = Buffer.allocUnsafe(0);
function readUpTo(abs: string | Buffer, max: number): Buffer | undefined {
  const fd = openSync(abs, 'r');
  try {
    if (readBuffer.length === 0) readBuffer = Buffer.allocUnsafe(1 << 20);
    const limit = Math.min(readBuffer.length, max + 1);
    const read = readInto(fd, readBuffer, limit);
    if (read < limit) return readBuffer.subarray(0, read);
    if (limit === max + 1) return undefined;
    // It fills the buffer: its size decides (checked before reading the rest).
    const size = fstatSync(fd).size;
    if (size > max) return undefined;
    // A rare very large file gets its own buffer rather than keeping the shared one that large.
    if (readBuffer.length < size && size <= 4 << 20) readBuffer = Buffer.allocUnsafe(size);
    const buffer = size <= readBuffer.length ? readBuffer : Buffer.allocUnsafe(size);
    // It may have grown since: what was read is read again into the buffer that fits it, up to one byte over the limit.
    const all = readInto(fd, buffer, Math.min(buffer.length, max + 1));
    return all > max ? undefined : buffer.subarray(0, all);
  } finally {
    closeSync(fd);
  }
}

/** Reads from the start of `fd` into `buffer` until `limit` bytes or the end of the file; returns how many it read. */
function readInto(fd: number, buffer: Buffer, limit: number): number {
  let read = 0;
  while (read < limit) {
    const n = readSync(fd, buffer, read, limit - read, read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

/** NUL bytes in the first 8 KiB, as git decides it (a native search: it runs on every file of a scan). */
export function isBinary(bytes: Uint8Array): boolean {
  const head = bytes.length > 8192 ? bytes.subarray(0, 8192) : bytes;
  return head.indexOf(0) !== -1;
}
