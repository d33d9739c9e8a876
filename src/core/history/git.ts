import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * Git as a data source for the history scan. Every command is a single long-running process whose output is
 * streamed; paths and ref names from the repository are data (read NUL-separated, never passed back as
 * arguments). Settings that could run a program (fsmonitor, signature checks, pagers, replace refs) are off.
 */
export const SAFE_GLOBALS = ['--no-pager', '--no-replace-objects', '-c', 'core.fsmonitor=false', '-c', 'log.showSignature=false', '-c', 'core.quotePath=false'];
export const SAFE_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

export class GitError extends Error {}

export function spawnGit(cwd: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...SAFE_GLOBALS, ...args], { cwd, env: { ...process.env, ...SAFE_ENV }, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs git to completion and returns its standard output as bytes; a failure says which command and why (stderr's first line). */
export async function gitOutput(cwd: string, args: string[], signal?: AbortSignal): Promise<Buffer> {
  const child = spawnGit(cwd, args);
  child.stdin.end();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const abort = () => child.kill();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const code = await exitCode(child);
    if (code !== 0) throw new GitError(`git ${args[0]} failed: ${firstLine(Buffer.concat(err))}`);
    return Buffer.concat(out);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

export function exitCode(child: ChildProcessWithoutNullStreams): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new GitError(`could not run git: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
    child.once('close', (code) => resolve(code ?? 1));
  });
}

function firstLine(bytes: Buffer): string {
  return printable(bytes.toString('utf8').split('\n').find((l) => l.trim()) ?? 'no message');
}

/** Control characters (terminal escapes, newlines) in a repository's path or message shown as `\xNN`. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export interface BlobIntroduction {
  blob: string;
  commit: string;
  /** Author time, seconds since the epoch. */
  authorTime: number;
  /** Path (decoded as UTF-8; invalid bytes replaced). */
  path: string;
}

const ZERO = /^0+$/;

/**
 * Streams `git log --raw` over the selected history, oldest first, and calls `onBlob` once per blob id, with the
 * first commit (and path, among those `accept` takes) that introduced it. Merges are diffed against their first parent, so content that
 * appears only in a merge (a conflict resolution) is seen too. Submodule links and symlinks are not content.
 */
export async function forEachIntroducedBlob(
  cwd: string,
  revArgs: string[],
  onBlob: (b: BlobIntroduction) => void,
  options: { signal?: AbortSignal; accept?: (path: string) => boolean } = {},
): Promise<void> {
  const { signal, accept } = options;
  const child = spawnGit(cwd, ['log', '--reverse', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-merges=first-parent', '--no-textconv', '--no-ext-diff', '--no-color', '--no-mailmap', '--format=%x01%H %at', ...revArgs, '--']);
  child.stdin.end();
  const err: Buffer[] = [];
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const abort = () => child.kill();
  signal?.addEventListener('abort', abort, { once: true });
  const seen = new Set<string>();
  let commit = '';
  let authorTime = 0;
  // Raw entries: `:<mode> <mode> <old> <new> <status>\0<path>\0`; a commit header `\x01<sha> <time>` ends with \0 too
  // (followed by a newline before the first raw entry). Fields are split on NUL across chunk boundaries.
  let pending: Buffer | undefined;
  let meta: string | undefined;
  const field = (bytes: Buffer): void => {
    if (meta !== undefined) {
      const mode = meta.slice(8, 14);
      const parts = meta.split(' ');
      const blob = parts[3] ?? '';
      meta = undefined;
      if (mode === '160000' || mode === '120000' || ZERO.test(blob) || seen.has(blob)) return;
      const path = bytes.toString('utf8');
      if (accept && !accept(path)) return;
      seen.add(blob);
      onBlob({ blob, commit, authorTime, path });
      return;
    }
    let text = bytes.toString('latin1');
    if (text.startsWith('\n')) text = text.slice(1);
    if (text.startsWith('\x01')) {
      const [sha, time] = text.slice(1).split(' ');
      commit = sha ?? '';
      authorTime = Number(time) || 0;
    } else if (text.startsWith(':')) meta = text;
  };
  child.stdout.on('data', (chunk: Buffer) => {
    let data = pending ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let nul = data.indexOf(0, start); nul >= 0; nul = data.indexOf(0, start)) {
      field(data.subarray(start, nul));
      start = nul + 1;
    }
    pending = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
    data = Buffer.alloc(0);
  });
  try {
    const code = await exitCode(child);
    signal?.throwIfAborted();
    if (code !== 0) throw new GitError(`git log failed: ${firstLine(Buffer.concat(err))}`);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

/** Blob ids and paths of the tree at `rev` (`git ls-tree -r -z`), or none when the repository has no commit yet. */
export async function treeBlobs(cwd: string, rev: string, signal?: AbortSignal): Promise<Array<{ blob: string; path: string }>> {
  let out: Buffer;
  try {
    out = await gitOutput(cwd, ['ls-tree', '-r', '-z', '--full-tree', rev], signal);
  } catch (error) {
    if (error instanceof GitError && /Not a valid object name|not a tree object/i.test(error.message)) return [];
    throw error;
  }
  const entries: Array<{ blob: string; path: string }> = [];
  let start = 0;
  for (let nul = out.indexOf(0); nul >= 0; nul = out.indexOf(0, start)) {
    const entry = out.subarray(start, nul);
    start = nul + 1;
    const tab = entry.indexOf(9);
    const [mode, type, blob] = entry.subarray(0, tab).toString('latin1').split(' ');
    if (type === 'blob' && mode !== '120000' && blob) entries.push({ blob, path: entry.subarray(tab + 1).toString('utf8') });
  }
  return entries;
}

/**
 * Blob bytes read ahead of the analysis, at most: git keeps writing while a blob is analyzed (reading only between
 * analyses, it blocked on the full pipe and then waited for each read, most of all for a blob larger than the pipe).
 */
const READ_AHEAD_BYTES = 8 << 20;

/**
 * Reads blobs through one `git cat-file --batch` process, as `feed` names them (it may still be listing them: reading
 * and analysis start with the first), and hands each to `onBlob` in that order, one at a time, between reads: the
 * bytes, or undefined for a blob over `maxBytes` (its content is passed over as it streams, never held). Contents are
 * read ahead while a blob is analyzed; reading pauses while READ_AHEAD_BYTES wait, so memory is that much plus the
 * largest blob read, whatever the history.
 */
export async function readBlobs(
  cwd: string,
  feed: (write: (blob: string) => void) => Promise<void>,
  maxBytes: number,
  onBlob: (blob: string, bytes: Buffer | undefined, size: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const child = spawnGit(cwd, ['cat-file', '--batch=%(objectname) %(objecttype) %(objectsize)']);
  const err: Buffer[] = [];
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.on('error', () => undefined); // git gone (cancelled, failed): said by its exit
  const abort = () => child.kill();
  signal?.addEventListener('abort', abort, { once: true });
  const done = exitCode(child);
  // Ids are written as they are listed (41 bytes each; git answers as fast as it reads them).
  const writer = feed((blob) => void child.stdin.write(`${blob}\n`)).then(
    () => void child.stdin.end(),
    (error: unknown) => {
      child.kill();
      throw error;
    },
  );

  const queue: Array<{ blob: string; bytes: Buffer | undefined; size: number }> = [];
  let queued = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  const nudge = () => {
    wake?.();
    wake = undefined;
  };
  const deliver = (blob: string, bytes: Buffer | undefined, size: number) => {
    queue.push({ blob, bytes, size });
    queued += bytes?.length ?? 0;
    if (queued > READ_AHEAD_BYTES) child.stdout.pause();
    nudge();
  };
  // A partial header, and the content being read: a blob that arrives whole in one chunk is a view of it (no copy);
  // one spread over chunks is copied once into a buffer of its size; one over `maxBytes` is only counted past.
  let rest: Buffer | undefined;
  let content: { blob: string; size: number; bytes: Buffer | undefined; filled: number; skip: boolean } | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    rest = undefined;
    let at = 0;
    while (at < data.length) {
      if (content) {
        const want = content.size + 1; // the content and its newline
        if (!content.skip && content.bytes === undefined && data.length - at >= want) {
          deliver(content.blob, data.subarray(at, at + content.size), content.size);
          at += want;
          content = undefined;
          continue;
        }
        const n = Math.min(want - content.filled, data.length - at);
        // A buffer of its own (not a slice of Node's shared pool), so the worker pool can transfer it without a copy.
        if (!content.skip) data.copy((content.bytes ??= Buffer.from(new ArrayBuffer(want))), content.filled, at, at + n);
        content.filled += n;
        at += n;
        if (content.filled === want) {
          deliver(content.blob, content.skip ? undefined : content.bytes!.subarray(0, content.size), content.size);
          content = undefined;
        }
        continue;
      }
      const nl = data.indexOf(10, at);
      if (nl < 0) {
        rest = Buffer.from(data.subarray(at));
        break;
      }
      const [sha, type, size] = data.toString('latin1', at, nl).split(' ');
      at = nl + 1;
      // `<id> missing` has no content; a listed id is always a blob.
      if (sha && type && type !== 'missing' && size !== undefined) content = { blob: sha, size: Number(size), bytes: undefined, filled: 0, skip: type !== 'blob' || Number(size) > maxBytes };
    }
  });
  child.stdout.once('close', () => {
    ended = true;
    nudge();
  });
  // The analysis, from the queue; between two blobs the event loop reads what git wrote meanwhile.
  const consumer = (async () => {
    for (;;) {
      if (signal?.aborted) return;
      const next = queue.shift();
      if (!next) {
        if (ended) return;
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      queued -= next.bytes?.length ?? 0;
      if (child.stdout.isPaused() && queued <= READ_AHEAD_BYTES / 2) child.stdout.resume();
      onBlob(next.blob, next.bytes, next.size);
      await new Promise<void>((r) => setImmediate(r));
    }
  })().catch((error: unknown) => {
    // git must not wait on a paused stream for a reader that has stopped.
    child.kill();
    throw error;
  });
  try {
    const [code] = await Promise.all([done, writer, consumer]);
    signal?.throwIfAborted();
    if (code !== 0) throw new GitError(`git cat-file failed: ${firstLine(Buffer.concat(err))}`);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}
