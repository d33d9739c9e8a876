import type { AnalyzeOptions } from '../analyze/index';
import { DEFAULT_EXCLUDES } from '../analyze/scan';
import type { ScanSkip } from '../analyze/scan';
import type { Finding } from '../findings';
import ignore from 'ignore';
import { analyzeBlob, type BlobOutcome, BlobPool, type HistoryWorkers } from './blobPool';
import { GitError, forEachIntroducedBlob, gitOutput, printable, readBlobs, treeBlobs } from './git';

export { GitError } from './git';

/** A finding in a blob of the history: where it was introduced, and whether the same key is still in HEAD. */
export interface HistoryFinding extends Finding {
  /** The first commit (oldest) that introduced this key at this path. */
  commit: string;
  /** That commit's author date, ISO 8601. */
  authorDate: string;
  /** The same key (by salted fingerprint of the value, at any path) is in HEAD's tree. */
  inHead: boolean;
  /** Commits (blob versions) at this path that contain it. */
  occurrences: number;
}

export interface HistoryScanOptions extends Pick<AnalyzeOptions, 'salt' | 'keySalt' | 'maxFileBytes' | 'inlineIgnores'> {
  /** Repository folder (any folder inside the work tree). */
  cwd: string;
  /** Refs to walk (branches, tags, commits); default every ref (`--all`). */
  refs?: string[];
  /** Only commits after this revision (`<rev>..`) or, if it is not a revision, this date (`--since`). */
  since?: string;
  /** Only paths under these (repository-relative) prefixes. */
  paths?: string[];
  exclude?: string[];
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Analyze the blobs in worker threads (the CLI); without it everything runs in this thread. Same result either way. */
  workers?: HistoryWorkers;
}

export interface HistoryScanResult {
  findings: HistoryFinding[];
  /** Unique blobs analyzed (each once, whatever the number of commits holding it). */
  blobs: number;
  commits: number;
  skipped: ScanSkip[];
  notes: Array<{ path: string; note: string }>;
}

export const HISTORY_ONLY_MESSAGE = 'Exposed in history — rotate it; deleting the line does not revoke it.';

/** A user-given revision or date must not read as an option (`--output=…`) or carry control characters. */
function checkRevArg(value: string, what: string): void {
  // eslint-disable-next-line no-control-regex
  if (value === '' || value.startsWith('-') || /[\x00-\x1f\x7f]/.test(value)) throw new GitError(`${what} '${printable(value)}' is not a revision`);
}

async function isCommit(cwd: string, rev: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await gitOutput(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], signal);
    return true;
  } catch {
    return false;
  }
}

/** `git log` arguments selecting the history: refs (verified commits) or `--all`, and the lower bound. */
async function revisionArgs(options: HistoryScanOptions): Promise<string[]> {
  const args: string[] = [];
  for (const ref of options.refs ?? []) {
    checkRevArg(ref, '--branch');
    if (!(await isCommit(options.cwd, ref, options.signal))) throw new GitError(`--branch '${printable(ref)}' names no commit in this repository`);
    args.push(ref);
  }
  if (args.length === 0) args.push('--all');
  if (options.since !== undefined) {
    checkRevArg(options.since, '--since');
    if (await isCommit(options.cwd, options.since, options.signal)) args.push(`^${options.since}`);
    else if (/\d/.test(options.since)) args.push(`--since=${options.since}`);
    else throw new GitError(`--since '${printable(options.since)}' is neither a revision nor a date`);
  }
  return args;
}

/** The work tree's top, or for a bare repository (a mirror) the repository itself. */
export async function repositoryFolder(cwd: string, signal?: AbortSignal): Promise<string> {
  const ask = (arg: string) =>
    gitOutput(cwd, ['rev-parse', arg], signal).then(
      (out) => out.toString('utf8').trim(),
      () => {
        throw new GitError(`${printable(cwd)} is not inside a git repository`);
      },
    );
  return (await ask('--is-bare-repository')) === 'true' ? cwd : ask('--show-toplevel');
}

/**
 * Every blob reachable from the selected refs, each unique blob analyzed once, findings reported per key and path
 * with the commit that introduced them, and whether the key is still in HEAD (or only in history: still to rotate).
 */
export async function scanHistory(options: HistoryScanOptions): Promise<HistoryScanResult> {
  const { cwd, signal } = options;
  const top = await repositoryFolder(cwd, signal);
  const revArgs = await revisionArgs(options);
  const excludes = ignore().add([...DEFAULT_EXCLUDES, ...(options.exclude ?? [])]);
  const prefixes = (options.paths ?? []).map((p) => p.replace(/^\.\/+/, '').replace(/\/+$/, '')).filter((p) => p && p !== '.');
  const wanted = (path: string) => {
    try {
      if (excludes.ignores(path)) return false;
    } catch {
      return false; // a path `ignore` cannot test (absolute, `..`) is not part of the tree anyway
    }
    return prefixes.length === 0 || prefixes.some((p) => path === p || path.startsWith(`${p}/`));
  };

  // The keys in HEAD, by salted value fingerprint: HEAD's blobs are analyzed too (once, with the rest).
  const head = await treeBlobs(top, 'HEAD', signal);
  const headBlobs = new Set(head.map((h) => h.blob));
  const headPath = new Map(head.map((h) => [h.blob, h.path]));
  const introduced = new Map<string, { commit: string; authorTime: number; path: string }>();
  const commits = new Set<string>();
  // Blobs in the order they are read: each as the history walk introduces it, then HEAD's that it did not.
  const toRead: string[] = [];
  const listBlobs = async (read: (blob: string) => void) => {
    await forEachIntroducedBlob(
      top,
      revArgs,
      (b) => {
        commits.add(b.commit);
        introduced.set(b.blob, b);
        toRead.push(b.blob);
        read(b.blob);
      },
      { accept: wanted, ...(signal ? { signal } : {}) },
    );
    for (const h of head) {
      if (introduced.has(h.blob) || !wanted(h.path)) continue;
      toRead.push(h.blob);
      read(h.blob);
    }
  };

  const headKeys = new Set<string>();
  const found: Array<{ finding: Finding; key: string; blob: string }> = [];
  const skipped: ScanSkip[] = [];
  const notes: Array<{ path: string; note: string }> = [];
  // No parse tree is kept (each blob is read once); said here, not copied into the options for each blob.
  const analyze: AnalyzeOptions = { salt: options.salt, retainParse: false, ...(options.keySalt !== undefined ? { keySalt: options.keySalt } : {}), ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}), ...(options.inlineIgnores !== undefined ? { inlineIgnores: options.inlineIgnores } : {}) };
  const maxBytes = options.maxFileBytes ?? 2 * 1024 * 1024;
  // Outcomes by place in the read order (blobs with something to report): merged in that order once all are in, so
  // the result is the same whichever thread analyzed a blob and whenever it finished.
  const outcomes = new Map<number, { blob: string; path: string; outcome: BlobOutcome }>();
  // Each blob's path, worked out once when it is read: the pool, the reports and orphans' re-reads use it.
  const blobAt: string[] = [];
  const pathAt: string[] = [];
  const pathOf = (blob: string) => printable(introduced.get(blob)?.path ?? headPath.get(blob) ?? blob);
  const record = (seq: number, outcome: BlobOutcome | undefined) => {
    if (outcome) outcomes.set(seq, { blob: blobAt[seq]!, path: pathAt[seq]!, outcome });
  };
  let pool: BlobPool | undefined;
  let done = 0;
  // Reading and analysis start with the first blob listed, while the walk goes on; past the first few blobs (a tiny
  // history is cheaper without workers) the workers take blobs as they have room, and this thread analyzes the rest.
  const onBlob = (blob: string, bytes: Buffer | undefined, size: number): void => {
    const seq = done++;
    const path = pathOf(blob);
    blobAt.push(blob);
    pathAt.push(path);
    if (done % 256 === 0) options.onProgress?.(done, toRead.length);
    const at = introduced.get(blob);
    if (!bytes) {
      if (at) skipped.push({ path: `${path}@${at.commit.slice(0, 12)}`, reason: `larger than ${Math.round(maxBytes / 1024)} KiB (${size} bytes)` });
      return;
    }
    if (!pool && options.workers && options.workers.threads !== 0 && seq >= (options.workers.minBlobs ?? 64)) pool = new BlobPool(options.workers, analyze, record, signal);
    if (!pool?.submit(seq, blob, path, bytes)) record(seq, analyzeBlob(path, bytes, analyze));
  };
  try {
    if (options.workers?.minBlobs === 0 && options.workers.threads !== 0) {
      pool = new BlobPool(options.workers, analyze, record, signal);
      await pool.started();
    }
    await readBlobs(top, listBlobs, maxBytes, onBlob, signal);
    await pool?.drain();
    // Blobs a worker took and did not answer (it ran out of memory): read again and analyzed here.
    const orphans = pool?.orphans ?? [];
    if (orphans.length > 0 && !signal?.aborted) {
      const seqs = new Map<string, number[]>();
      for (const { seq, blob } of orphans) {
        const held = seqs.get(blob);
        if (held) held.push(seq);
        else seqs.set(blob, [seq]);
      }
      await readBlobs(top, async (read) => seqs.forEach((_, blob) => read(blob)), maxBytes, (blob, bytes) => {
        const held = seqs.get(blob) ?? [];
        const outcome = bytes && held.length > 0 ? analyzeBlob(pathAt[held[0]!]!, bytes, analyze) : undefined;
        for (const seq of held) record(seq, outcome);
      }, signal);
    }
  } finally {
    pool?.close();
  }
  signal?.throwIfAborted();
  for (const seq of [...outcomes.keys()].sort((a, b) => a - b)) {
    const { blob, path, outcome } = outcomes.get(seq)!;
    const at = introduced.get(blob);
    outcome.findings.forEach((f, i) => {
      const key = outcome.keys[i]!;
      if (headBlobs.has(blob)) headKeys.add(key);
      if (at) found.push({ finding: f, key, blob });
    });
    if (at) notes.push(...outcome.notes.map((note) => ({ path, note })));
  }
  options.onProgress?.(toRead.length, toRead.length);

  // One finding per key and path (its fingerprint): the oldest commit that introduced it, and how many versions held it.
  const byFingerprint = new Map<string, HistoryFinding>();
  for (const { finding, key, blob } of found) {
    const at = introduced.get(blob)!;
    const existing = byFingerprint.get(finding.fingerprint);
    if (existing) {
      existing.occurrences++;
      if (at.authorTime * 1000 < Date.parse(existing.authorDate)) Object.assign(existing, { commit: at.commit, authorDate: new Date(at.authorTime * 1000).toISOString(), range: finding.range, offset: finding.offset });
      continue;
    }
    byFingerprint.set(finding.fingerprint, { ...finding, commit: at.commit, authorDate: new Date(at.authorTime * 1000).toISOString(), inHead: headKeys.has(key), occurrences: 1 });
  }
  // Worded once every version is in: an older commit read later (a cherry-pick keeps its author date) moves the finding.
  for (const f of byFingerprint.values()) f.message = f.inHead ? `${f.message} Also in history since commit ${f.commit.slice(0, 12)}.` : `${HISTORY_ONLY_MESSAGE} ${f.message}`;
  const findings = [...byFingerprint.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.authorDate.localeCompare(b.authorDate)));
  return { findings, blobs: toRead.length, commits: commits.size, skipped, notes };
}
