import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Finding } from '../findings';
import { type AnalyzeOptions, analyzeText, DEFAULT_MAX_FILE_BYTES } from './index';

/** Always skipped: version-control internals and dependency trees are not the project's code. */
export const DEFAULT_EXCLUDES: readonly string[] = ['.git/', '.hg/', '.svn/', 'node_modules/'];

export interface ScanProgress {
  done: number;
  total: number;
  /** Relative path of the file just analyzed. */
  path?: string;
}

export interface ScanOptions extends Omit<AnalyzeOptions, 'signal'> {
  /** Directories or files to scan (absolute, or relative to `cwd`). */
  roots: string[];
  /** Base for finding paths (forward slashes); default `cwd`. */
  base?: string;
  cwd?: string;
  /** gitignore-style patterns, matched against paths relative to `base`. */
  exclude?: readonly string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Files analyzed at once (default 8). */
  concurrency?: number;
  onProgress?: (progress: ScanProgress) => void;
  signal?: AbortSignal;
  /** Analyze in worker threads (the CLI); without it, or for few files, everything runs in this thread. */
  workers?: ScanWorkers;
}

export interface ScanWorkers {
  /** The worker entry: the bundled dist/scanWorker.js (src/cli/scanWorkerBoot.ts, which loads src/core/analyze/scanWorker.ts). */
  script: string;
  /**
   * Worker threads beside this one, which analyzes files too (and parses those that need the TypeScript parser).
   * Default `os.availableParallelism() - 1`; 0 keeps the scan in-process.
   */
  threads?: number;
  /** Fewer files than this are analyzed in-process (default 256): starting workers would cost more than it saves. */
  minFiles?: number;
  /** For the worker (e.g. `['--require', 'tsx/cjs']` to run the TypeScript entry in tests). */
  execArgv?: string[];
  /**
   * Old-generation heap of each worker, MB (default 128). V8 sizes a heap's growth by its limit: with the default
   * limit two workers let garbage pile up to ~490 MB of RSS on the real-world corpus, over the 400 MB budget; 128 MB
   * kept it at 390 MB at the same speed. A worker that runs out anyway exits, and its files are re-done in-process.
   */
  maxOldGenerationSizeMb?: number;
}

/**
 * A path whose bytes are not UTF-8 (a file name made on another system, or on purpose to hide a file) cannot be held
 * in a string: Node.js encodes string paths as UTF-8, and the name read as a string (with U+FFFD) names no file. The
 * walk carries such a path as NUL + its bytes in base64 (NUL never occurs in a path), `fsPath` gives the bytes back,
 * and its relative path shows each byte that is not UTF-8 as `\xNN` (displayName).
 */
const BYTES = '\0';

/** What to open for a walked file's `abs`: the string itself, or the bytes of a path that is not UTF-8. */
export function fsPath(abs: string): string | Buffer {
  return abs.startsWith(BYTES) ? Buffer.from(abs.slice(1), 'base64') : abs;
}

function bytesLocator(path: Buffer): string {
  return BYTES + path.toString('base64');
}

/** A file name's bytes as text: UTF-8 characters as they are, any other byte as `\xNN`. */
export function displayName(name: Buffer): string {
  let out = '';
  for (let i = 0; i < name.length; ) {
    // A valid character is never a prefix of another one, so the shortest valid slice is the character.
    let n = 1;
    while (n <= 4 && i + n <= name.length && !isUtf8(name.subarray(i, i + n))) n++;
    if (n <= 4 && i + n <= name.length) {
      out += name.toString('utf8', i, i + n);
      i += n;
    } else out += `\\x${name[i++]!.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** Pool → worker, as the walk goes: the next files of the scan, in order (a file's index is its place in all of them). */
export interface WorkerFiles {
  abs: string[];
  rel: string[];
}
/**
 * Worker → pool, every few milliseconds and whenever a file is handed back: the files with nothing to report (most),
 * by index, and the outcomes of the others. `finished`: the worker has taken its last file.
 */
export interface WorkerReply {
  empty: number[];
  outcomes: Array<{ index: number } & FileOutcome>;
  finished: boolean;
}

export type FileOutcome = { findings: Finding[]; skipped?: string; notes: string[]; deferred?: boolean };

export interface ScanSkip {
  path: string;
  reason: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Files analyzed (not skipped). */
  files: number;
  skipped: ScanSkip[];
  notes: Array<{ path: string; note: string }>;
  cancelled: boolean;
}

/** A directory entry as a folder or a file, through a symbolic link; undefined for anything else or a dangling link. */
function kindOf(entry: import('node:fs').Dirent<string> | import('node:fs').Dirent<Buffer>, path: string | Buffer): 'dir' | 'file' | undefined {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : undefined;
  try {
    const target = statSync(path);
    return target.isDirectory() ? 'dir' : target.isFile() ? 'file' : undefined;
  } catch {
    return undefined; // dangling link
  }
}

/**
 * Files under the roots, after excludes, .gitignore, symlink loops and duplicates; sorted, relative to `base`. With
 * `onFile`, which sees each file as the walk finds it, they stay in that order.
 * The file-system calls are synchronous (a promise per directory entry left a workspace scan's thread idle a tenth of
 * the time), with a turn for the event loop every few directories so a language server stays responsive. Paths are
 * built by appending names, and only a root or a symbolic link costs a `realpath` (a directory reached by its name is
 * its parent's real path plus that name): path arithmetic and one realpath per directory were half of the walk.
 */
export async function listFiles(options: ScanOptions, onFile?: (file: { abs: string; rel: string }) => void): Promise<{ files: Array<{ abs: string; rel: string }>; skipped: ScanSkip[] }> {
  const cwd = options.cwd ?? process.cwd();
  const base = resolve(cwd, options.base ?? cwd);
  const excludes = ignore().add([...DEFAULT_EXCLUDES, ...(options.exclude ?? [])]);
  // Without excludes of the user's, what is excluded is four directory names at any depth: a set lookup per entry
  // rather than a match of its path (a twentieth of the main thread's time in a pooled workspace scan).
  const defaultsOnly = !options.exclude?.length;
  const excludedDirs = new Set(DEFAULT_EXCLUDES.map((pattern) => pattern.slice(0, -1)));
  const useGitignore = options.gitignore !== false;
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const files: Array<{ abs: string; rel: string }> = [];
  const skipped: ScanSkip[] = [];
  const toSlashes = sep === '/' ? (p: string) => p : (p: string) => p.split(sep).join('/');
  /** Where a directory sits: its path relative to `base` (forward slashes, '' for base itself) and its real path. */
  interface Place {
    abs: string;
    rel: string;
    /** Outside `base` (`../`, another drive): `ignore` rejects such paths, so they are matched by name only. */
    outside: boolean;
    real: string;
  }
  const placeOf = (abs: string, real: string): Place => {
    const rel = toSlashes(relative(base, abs));
    return { abs, rel, outside: rel.startsWith('..') || isAbsolute(rel), real };
  };
  const fileRel = (rel: string, abs: string) => (rel === '' ? basename(abs) : rel);
  // `join` normalizes the whole path each time; a directory's path is normalized already and a name has no separator.
  const child = (dir: string, name: string) => (dir.endsWith(sep) ? dir + name : dir + sep + name);

  let dirsRead = 0;
  const walk = async (dir: Place, rules: Array<{ root: string; ig: Ignore }>): Promise<void> => {
    if (options.signal?.aborted) return;
    if (++dirsRead % 64 === 0) await new Promise<void>((r) => setImmediate(r));
    if (seenDirs.has(dir.real)) return; // symlink loop or a directory reached twice
    seenDirs.add(dir.real);
    if (dir.abs.startsWith(BYTES)) return walkBytes(dir, rules);
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch {
      skipped.push({ path: fileRel(dir.rel, dir.abs), reason: 'unreadable directory' });
      return;
    }
    // A name that is not UTF-8 comes back with U+FFFD in it and names no file: such entries are walked by their bytes.
    if (entries.some((e) => e.name.includes('\ufffd'))) {
      entries = entries.filter((e) => !e.name.includes('\ufffd'));
      await walkBytes(dir, rules, (name) => name.toString('utf8').includes('\ufffd'));
    }
    let scoped = rules;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        scoped = [...rules, { root: dir.abs, ig: ignore().add(readFileSync(join(dir.abs, '.gitignore'), 'utf8')) }];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = child(dir.abs, entry.name);
      const link = entry.isSymbolicLink();
      const kind = kindOf(entry, abs);
      if (kind === undefined) continue;
      const isDir = kind === 'dir';
      const rel = dir.rel === '' ? entry.name : `${dir.rel}/${entry.name}`;
      const slash = isDir ? '/' : '';
      if (defaultsOnly ? isDir && excludedDirs.has(entry.name) : excludes.ignores((dir.outside ? entry.name : rel) + slash)) continue;
      if (scoped.some(({ root, ig }) => ig.ignores(toSlashes(abs.slice(root.length + 1)) + slash))) continue;
      if (isDir) {
        let real = child(dir.real, entry.name);
        if (link) {
          try {
            real = realpathSync.native(abs);
          } catch {
            continue;
          }
        }
        await walk({ abs, rel, outside: dir.outside, real }, scoped);
      } else addFile(abs, rel, link ? undefined : child(dir.real, entry.name));
    }
  };

  /**
   * `walk` for a directory whose path is not UTF-8 (`dir.abs` and `dir.real` are byte locators), or, with `only`, for
   * the entries of an ordinary directory whose names are not: by their bytes, with the same excludes, .gitignore
   * rules (matched on the displayed path), symbolic links and loop checks.
   */
  /** Where the .gitignore files read by walkBytes are, relative to `base` (their `root` is a byte locator). */
  const ruleRels = new Map<string, string>();
  const walkBytes = async (dir: Place, rules: Array<{ root: string; ig: Ignore }>, only?: (name: Buffer) => boolean): Promise<void> => {
    const bytesOf = (path: string) => (path.startsWith(BYTES) ? (fsPath(path) as Buffer) : Buffer.from(path));
    const dirBytes = bytesOf(dir.abs);
    const realBytes = bytesOf(dir.real);
    const separator = Buffer.from(sep);
    let entries: Array<import('node:fs').Dirent<Buffer>>;
    try {
      entries = readdirSync(dirBytes, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      skipped.push({ path: fileRel(dir.rel, dir.abs), reason: 'unreadable directory' });
      return;
    }
    let scoped = rules;
    if (!only && useGitignore && entries.some((e) => e.name.toString() === '.gitignore' && e.isFile())) {
      try {
        scoped = [...rules, { root: dir.abs, ig: ignore().add(readFileSync(Buffer.concat([dirBytes, separator, Buffer.from('.gitignore')]), 'utf8')) }];
        ruleRels.set(dir.abs, dir.rel);
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    for (const entry of entries) {
      if (only && !only(entry.name)) continue;
      const path = Buffer.concat([dirBytes, separator, entry.name]);
      const link = entry.isSymbolicLink();
      const kind = kindOf(entry, path);
      if (kind === undefined) continue;
      const isDir = kind === 'dir';
      const name = displayName(entry.name);
      const rel = dir.rel === '' ? name : `${dir.rel}/${name}`;
      const slash = isDir ? '/' : '';
      if (excludes.ignores((dir.outside ? name : rel) + slash)) continue;
      // A .gitignore matches the path from its own folder, as in `walk`.
      if (
        scoped.some(({ root, ig }) => {
          const from = ruleRels.get(root) ?? toSlashes(relative(base, root));
          return from === '' ? ig.ignores(rel + slash) : rel.startsWith(`${from}/`) && ig.ignores(rel.slice(from.length + 1) + slash);
        })
      )
        continue;
      let real = Buffer.concat([realBytes, separator, entry.name]);
      if (link) {
        try {
          real = realpathSync.native(path, { encoding: 'buffer' });
        } catch {
          continue;
        }
      }
      if (isDir) await walk({ abs: bytesLocator(path), rel, outside: dir.outside, real: bytesLocator(real) }, scoped);
      else addFile(bytesLocator(path), rel, bytesLocator(real));
    }
  };

  const addFile = (abs: string, rel: string, knownReal?: string) => {
    let real = knownReal ?? abs;
    if (knownReal === undefined) {
      try {
        real = realpathSync.native(abs);
      } catch {
        // keep abs
      }
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    const file = { abs, rel: fileRel(rel, abs) };
    files.push(file);
    onFile?.(file);
  };

  for (const root of options.roots.length ? options.roots : ['.']) {
    const abs = resolve(cwd, root);
    let info;
    let real;
    try {
      const link = lstatSync(abs);
      info = link.isSymbolicLink() ? statSync(abs) : link;
      real = realpathSync.native(abs);
    } catch {
      skipped.push({ path: root, reason: 'not found' });
      continue;
    }
    const place = placeOf(abs, real);
    if (info.isDirectory()) await walk(place, []);
    else if (info.isFile()) addFile(abs, place.rel);
  }
  // With `onFile`, the files stay in the order it saw them: their indexes.
  if (!onFile) files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, skipped };
}

/**
 * Reads and analyzes one file from disk: size limit before reading, binary and encoding checks after. The read is
 * synchronous (open, fstat, read, close): the analysis that follows is synchronous anyway, and four promise round
 * trips through the thread pool per file cost a workspace scan more than reading the bytes.
 */
export async function analyzeFile(abs: string, rel: string, options: AnalyzeOptions): Promise<FileOutcome> {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const bytes = readUpTo(fsPath(abs), max);
  if (bytes === undefined) return { findings: [], skipped: `larger than ${Math.round(max / 1024)} KiB`, notes: [] };
  return analyzeBytes(rel, bytes, options);
}

/** analyzeFile for a workspace scan: a file that cannot be opened or read is skipped (`unreadable (EACCES)`), not thrown. */
export async function analyzeFileOrSkip(abs: string, rel: string, options: AnalyzeOptions): Promise<FileOutcome> {
  try {
    return await analyzeFile(abs, rel, options);
  } catch (error) {
    return { findings: [], skipped: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, notes: [] };
  }
}

/** Shared by the file and the `--staged` paths (blobs from git). */
export function analyzeBytes(rel: string, bytes: Uint8Array, options: AnalyzeOptions): FileOutcome {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > max) return { findings: [], skipped: `larger than ${Math.round(max / 1024)} KiB`, notes: [] };
  if (isBinary(bytes)) return { findings: [], skipped: 'binary', notes: [] };
  const notes: string[] = [];
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  // The text's UTF-8 bytes for the keyword pass, when they are exactly the text's encoding.
  let utf8: Uint8Array | undefined = buffer;
  if (isAscii(buffer)) {
    // Most source files: Latin-1 is the identity on ASCII and makes a one-byte string without a UTF-8 decode.
    text = buffer.toString('latin1');
  } else if (isUtf8(buffer)) {
    text = buffer.toString('utf8');
    // As the editor reads it (and TextDecoder did): a byte-order mark is not part of the text, offsets start after it.
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      utf8 = buffer.subarray(3);
    }
  } else {
    // Latin-1 and friends: keys are ASCII, so a lossy decode still finds them; say so.
    text = buffer.toString('utf8');
    utf8 = undefined;
    notes.push('Not valid UTF-8: invalid bytes were replaced before analysis; offsets after them may be off.');
  }
  // Each file is read once: no parse tree is kept for a next edit (the editor's own analyses keep theirs). A scan's
  // options say so already: a copy of them per file cost a workspace scan a twentieth of its time.
  const result = analyzeText(rel, text, options.retainParse === undefined ? { ...options, retainParse: false } : options, utf8);
  if (result.deferred) return { findings: [], notes: [], deferred: true };
  return { findings: result.findings, skipped: result.skipped?.reason, notes: [...notes, ...result.notes] };
}

/**
 * The file's bytes, or undefined when it is larger than `max` (checked on the open file, before reading). The bytes
 * are read into one buffer that this thread reuses, valid until the next call: analyzeBytes copies them into a string,
 * and a fresh allocation per file (15,000 in a large workspace) kept the garbage collector busy.
 */
let readBuffer = Buffer.allocUnsafe(0);
function readUpTo(abs: string | Buffer, max: number): Buffer | undefined {
  const fd = openSync(abs, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > max) return undefined;
    // A rare very large file gets its own buffer rather than keeping the shared one that large.
    if (readBuffer.length < size && size <= 4 << 20) readBuffer = Buffer.allocUnsafe(Math.max(size, 1 << 20));
    const buffer = size <= readBuffer.length ? readBuffer : Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** NUL bytes in the first 8 KiB, as git decides it (a native search: a loop here read ~75 MB per workspace scan). */
export function isBinary(bytes: Uint8Array): boolean {
  const head = bytes.length > 8192 ? bytes.subarray(0, 8192) : bytes;
  return head.indexOf(0) !== -1;
}

/**
 * Walks the roots and analyzes every file: progress after each file (done/total), cancellable between
 * files and inside large ones, never throws for one unreadable file. With `workers`, worker threads analyze files
 * beside this thread (the analysis is CPU-bound and synchronous); the result is the same, in the same order.
 */
export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const outcomes: Array<FileOutcome | undefined> = [];
  let walked: Array<{ abs: string; rel: string }> | undefined;
  let done = 0;
  // Outcomes that came before the walk was done (from the pool): their progress is told once the total is known.
  const early: number[] = [];
  const record = (index: number, outcome: FileOutcome) => {
    if (outcomes[index]) return;
    outcomes[index] = outcome;
    if (!walked) early.push(index);
    else options.onProgress?.({ done: ++done, total: walked.length, path: walked[index]!.rel });
  };
  // Workers start before the walk, so their start-up (loading the analyzer) overlaps it, and take files as it goes.
  const wanted = options.workers ? (options.workers.threads ?? availableParallelism() - 1) : 0;
  // The analysis options, plain data for the workers; this thread's have the signal too.
  const workerOptions = analysisOptions(options);
  const analyzeOptions: AnalyzeOptions = { ...workerOptions, signal: options.signal };
  const pool = wanted >= 1 ? new ScanPool(options, workerOptions, options.workers!, wanted, record) : undefined;
  // In walk order when the pool takes files as they come (the report is sorted either way).
  const { files, skipped } = await listFiles(options, pool && pool.size > 0 ? (file) => pool.add(file) : undefined);
  walked = files;
  const result: ScanResult = { findings: [], files: 0, skipped, notes: [], cancelled: false };
  const total = files.length;
  options.onProgress?.({ done, total });
  for (const index of early) options.onProgress?.({ done: ++done, total, path: files[index]!.rel });

  if (pool && pool.size > 0 && total >= (options.workers!.minFiles ?? 256)) await pool.analyze(analyzeOptions);
  else pool?.close();
  // Every file without an outcome yet: all of them, or those the pool did not finish.
  const inProcess = files.map((_, i) => i).filter((index) => !outcomes[index]);

  let next = 0;
  let lastYield = Date.now();
  const worker = async () => {
    while (next < inProcess.length) {
      if (options.signal?.aborted) return;
      const index = inProcess[next++]!;
      const file = files[index]!;
      const r = await analyzeFileOrSkip(file.abs, file.rel, analyzeOptions);
      if (r.skipped === 'cancelled') return;
      record(index, r);
      // Yield so a cancel request (and the editor) get a turn: every ~10 ms of work, not after every file.
      if (Date.now() - lastYield > 10) {
        await new Promise<void>((r) => setImmediate(r));
        lastYield = Date.now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));

  outcomes.forEach((r, index) => {
    if (!r) return;
    const rel = files[index]!.rel;
    if (r.skipped) result.skipped.push({ path: rel, reason: r.skipped });
    else result.files++;
    result.findings.push(...r.findings);
    for (const note of r.notes) result.notes.push({ path: rel, note });
  });
  result.cancelled = options.signal?.aborted ?? false;
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  result.findings.sort((a, b) => byPath(a, b) || a.offset - b.offset);
  result.skipped.sort(byPath);
  result.notes.sort(byPath);
  return result;
}

/** The analysis options of a scan, without what only the scan uses: plain data (a worker gets them as workerData). */
function analysisOptions(options: ScanOptions): AnalyzeOptions {
  const { roots: _r, base: _b, cwd: _c, exclude: _e, gitignore: _g, concurrency: _n, onProgress: _p, signal: _s, workers: _w, ...analyzeOptions } = options;
  return { ...analyzeOptions, retainParse: analyzeOptions.retainParse ?? false };
}

/** Slots of the pool's shared counters (an Int32Array over a SharedArrayBuffer). */
export const NEXT_FILE = 0;
/** How many files the walk has handed to the workers so far. */
export const PUBLISHED = 1;
/** 1 once the walk is done: PUBLISHED is then the number of files. */
export const WALKED = 2;

/**
 * A thread's share of the scan's files, taken from the counter all threads share a run of neighbours at a time: a
 * package's files (its builds, its typings) share names and values, which each thread's memos remember, and taking
 * files one by one in turns cost both threads more. Runs shrink as the list ends, so the threads finish together.
 * While the walk goes on, an index can be ahead of the files published; the caller waits for them (scanWorker.ts).
 */
export class FileClaims {
  private at = 0;
  private end = 0;
  constructor(private readonly shared: Int32Array) {}

  /** The next file's index, or undefined when every file is taken. */
  take(): number | undefined {
    const walked = Atomics.load(this.shared, WALKED) === 1;
    const published = Atomics.load(this.shared, PUBLISHED);
    if (this.at >= this.end) {
      const run = walked ? Math.max(1, Math.min(32, (published - Atomics.load(this.shared, NEXT_FILE)) >> 6)) : 32;
      this.at = Atomics.add(this.shared, NEXT_FILE, run);
      this.end = this.at + run;
    }
    if (walked && this.at >= published) {
      this.at = this.end;
      return undefined;
    }
    return this.at++;
  }
}

interface PoolWorker {
  worker: Worker;
  /** Where the worker's replies arrive: read synchronously between files (`receiveMessageOnPort`), or as events. */
  replies: MessagePort;
}

/** Worker threads that analyze files with `deferParse`; a worker that cannot start is left out. */
function startWorkers(analyzeOptions: AnalyzeOptions, config: ScanWorkers, threads: number, shared: Int32Array): PoolWorker[] {
  const pool: PoolWorker[] = [];
  for (let t = 0; t < threads; t++) {
    const { port1, port2 } = new MessageChannel();
    try {
      const worker = new Worker(config.script, { workerData: { options: { ...analyzeOptions, deferParse: true }, replies: port2, shared }, transferList: [port2], execArgv: config.execArgv, resourceLimits: { maxOldGenerationSizeMb: config.maxOldGenerationSizeMb ?? 128 } });
      pool.push({ worker, replies: port1 });
    } catch {
      // analyzed here instead
      port1.close();
    }
  }
  return pool;
}

/**
 * The scan's worker threads and this thread, analyzing together. The workers start before the walk and take files as
 * the walk hands them over (`add`, in batches), so they work while this thread walks; then every thread takes its next
 * file from one shared counter (`analyze`). Workers hand back the files that need the TypeScript parser (`deferred`),
 * which this thread parses, so the compiler loads and warms up once (in each worker it doubled the parse time). Between
 * files this thread reads the workers' replies without yielding to the event loop (a yield every 2 ms to let them in
 * cost a twentieth of its time), and when it runs out of files it waits for them. Cancellation terminates the workers.
 */
class ScanPool {
  private readonly shared = new Int32Array(new SharedArrayBuffer(12));
  private readonly members: PoolWorker[];
  private readonly files: Array<{ abs: string; rel: string }> = [];
  private batch: WorkerFiles = { abs: [], rel: [] };
  private readonly deferred: number[] = [];
  private working: number;
  /** Wakes this thread when it waits for the workers (a reply arrived, or a worker ended). */
  private wake: (() => void) | undefined;
  private readonly readers: Array<() => void>;

  constructor(
    private readonly options: ScanOptions,
    analyzeOptions: AnalyzeOptions,
    config: ScanWorkers,
    threads: number,
    /** Where outcomes go, by index in the order files were added. */
    private readonly record: (index: number, outcome: FileOutcome) => void,
  ) {
    this.members = startWorkers(analyzeOptions, config, threads, this.shared);
    this.working = this.members.length;
    this.readers = this.members.map((member) => this.listen(member));
  }

  get size(): number {
    return this.members.length;
  }

  /** A file from the walk; the workers get them in batches once there are `minFiles` (below that, no pool is used). */
  add(file: { abs: string; rel: string }): void {
    this.files.push(file);
    this.batch.abs.push(file.abs);
    this.batch.rel.push(file.rel);
    if (this.batch.abs.length >= 64 && this.files.length >= (this.options.workers!.minFiles ?? 256)) this.publish();
  }

  /**
   * The walk is done (`files` is what it added): analyzes the rest with the workers, this thread with `analyzeOptions`
   * (no `deferParse`: it does the parsing). A file a worker took and did not finish (it failed to start, or ran out of
   * memory) has no outcome recorded, and the caller analyzes it in-process.
   */
  async analyze(analyzeOptions: AnalyzeOptions): Promise<void> {
    this.publish();
    Atomics.store(this.shared, WALKED, 1);
    Atomics.notify(this.shared, PUBLISHED);
    const { signal } = analyzeOptions;
    const onAbort = () => this.members.forEach(({ worker }) => void worker.terminate());
    signal?.addEventListener('abort', onAbort, { once: true });
    const claims = new FileClaims(this.shared);
    let lastYield = Date.now();
    while (!signal?.aborted) {
      this.readers.forEach((read) => read());
      const index = this.deferred.shift() ?? claims.take();
      if (index === undefined) {
        if (this.working === 0) break;
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      const file = this.files[index]!;
      const outcome = await analyzeFileOrSkip(file.abs, file.rel, analyzeOptions);
      if (outcome.skipped === 'cancelled') break;
      this.record(index, outcome);
      // Let a cancel request in now and then.
      if (Date.now() - lastYield > 50) {
        await new Promise<void>((r) => setImmediate(r));
        lastYield = Date.now();
      }
    }
    signal?.removeEventListener('abort', onAbort);
    this.close();
  }

  /** Stops the workers (also when the walk found too few files to use them). */
  close(): void {
    for (const { worker, replies } of this.members) {
      replies.close();
      void worker.terminate();
    }
  }

  private publish(): void {
    if (this.batch.abs.length === 0) return;
    for (const { worker } of this.members) worker.postMessage(this.batch);
    this.batch = { abs: [], rel: [] };
    // After the message: a worker that sees the count finds the files in its port.
    Atomics.store(this.shared, PUBLISHED, this.files.length);
    Atomics.notify(this.shared, PUBLISHED);
  }

  private nudge(): void {
    this.wake?.();
    this.wake = undefined;
  }

  private receive(reply: WorkerReply): void {
    for (const index of reply.empty) this.record(index, { findings: [], notes: [] });
    for (const { index, ...outcome } of reply.outcomes) {
      if (outcome.deferred) this.deferred.push(index);
      else this.record(index, outcome);
    }
  }

  /** A worker's replies, read either way; `finished` (or its exit) counts it out. Returns the synchronous reader. */
  private listen(member: PoolWorker): () => void {
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.working--;
      member.replies.close();
      this.nudge();
    };
    const handle = (reply: WorkerReply) => {
      this.receive(reply);
      if (reply.finished) end();
    };
    const read = () => {
      let message: { message: WorkerReply } | undefined;
      while (!ended && (message = receiveMessageOnPort(member.replies) as { message: WorkerReply } | undefined)) handle(message.message);
    };
    member.replies.on('message', (reply: WorkerReply) => {
      handle(reply);
      this.nudge();
    });
    member.worker.on('error', () => {
      // reported by 'exit'; what it took and did not finish is re-done in-process
    });
    member.worker.on('exit', () => {
      // Its last replies may still be in the port.
      read();
      end();
    });
    return read;
  }
}
