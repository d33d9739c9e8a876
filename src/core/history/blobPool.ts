/**
 * The history scan's blobs analyzed in worker threads (the workspace scan's workers, scanWorker.ts, in their blob mode):
 * this thread keeps reading git and hands each blob's bytes over (transferred, not cloned), and results come back
 * by the blob's place in the read order, so the scan merges them in that order whatever order the workers finish in.
 */
import { receiveMessageOnPort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { analyzeBlob, BLOB_MODE, type BlobOutcome, type WorkerBlob, type WorkerBlobReply } from '../analyze/blob';
import type { AnalyzeOptions } from '../analyze/index';
import { type PoolWorker, startScanWorkers } from '../analyze/poolWorkers';

export { analyzeBlob, type BlobOutcome } from '../analyze/blob';

export interface HistoryWorkers {
  /** The worker entry: the bundled dist/scanWorker.js (or src/cli/scanWorkerBoot.ts's source under tsx in tests). */
  script: string;
  /** Worker threads beside this one, which reads git and analyzes too. Default one per core but this one; 0: none. */
  threads?: number;
  /**
   * A history with fewer blobs is analyzed in-process (default 64): starting workers would cost more than it saves.
   * 0: the workers start before the first blob is read, and it waits for them (tests: every run uses them).
   */
  minBlobs?: number;
  execArgv?: string[];
}

/**
 * Blobs waiting in a worker, at most: past that this thread analyzes the next blob itself rather than queue it, so
 * memory stays bounded whatever the history, and both threads keep busy. Enough for the worker not to run dry while
 * this thread analyzes one large blob.
 */
const MAX_QUEUED_BYTES = 1 << 20;
const MAX_QUEUED_BLOBS = 64;

interface Member extends PoolWorker {
  /** Blobs handed over and not answered: place in the read order → blob id (re-read if the worker ends first). */
  inFlight: Map<number, { blob: string; path: string; size: number }>;
  bytes: number;
  /** It has loaded and answered: blobs handed to a worker still starting would wait for it (seconds on a busy machine). */
  ready: boolean;
}

export class BlobPool {
  private readonly members: Member[];
  private inFlightBlobs = 0;
  /** Blobs a worker handed back because they need the TypeScript parser, analyzed in this thread. */
  parsedHere = 0;
  /** Blobs a worker took and ended without answering (it ran out of memory, or failed to start). */
  readonly orphans: Array<{ seq: number; blob: string }> = [];
  private wake: (() => void) | undefined;

  constructor(
    config: HistoryWorkers,
    /** This thread's options (no `deferParse`): blobs handed back by a worker are analyzed with them. */
    private readonly analyzeOptions: AnalyzeOptions,
    private readonly record: (seq: number, outcome: BlobOutcome | undefined) => void,
    private readonly signal?: AbortSignal,
  ) {
    const threads = config.threads ?? availableParallelism() - 1;
    this.members = startScanWorkers(config.script, threads, config.execArgv).members.map((m) => Object.assign(m, { inFlight: new Map(), bytes: 0, ready: false }));
    for (const member of this.members) {
      member.worker.ref();
      member.replies.ref();
      // Blobs that need the TypeScript parser come back to this thread (receive): the compiler loads and warms up in
      // one thread, not in each (in a worker it cost the history scan 11-15 % more CPU: bench/NOTES.md, hist22).
      member.worker.postMessage({ options: { ...analyzeOptions, deferParse: true } });
      member.worker.postMessage(BLOB_MODE);
      member.replies.on('message', (reply: WorkerBlobReply) => this.receive(member, reply));
      member.worker.once('exit', () => this.ended(member));
    }
    signal?.addEventListener('abort', this.close, { once: true });
  }

  /** Workers still running. */
  get size(): number {
    return this.members.filter((m) => !m.exited).length;
  }

  /**
   * Hands a blob to the least busy worker; false when every worker has its fill or none runs (the caller analyzes it).
   * `bytes` is transferred: a view of a larger buffer (the pipe's chunk) is copied once first.
   */
  submit(seq: number, blob: string, path: string, bytes: Buffer): boolean {
    let member: Member | undefined;
    // Answers that came while this thread analyzed, read now (not at the event loop's next turn): room they made counts.
    for (const m of this.members) this.readReplies(m);
    for (const m of this.members) if (m.ready && !m.exited && (!member || m.bytes < member.bytes)) member = m;
    if (!member || member.bytes + bytes.length > MAX_QUEUED_BYTES || member.inFlight.size >= MAX_QUEUED_BLOBS) return false;
    const whole = bytes.byteOffset === 0 && bytes.buffer.byteLength - bytes.length <= 1 && bytes.buffer instanceof ArrayBuffer;
    const owned = whole ? new Uint8Array(bytes.buffer, 0, bytes.length) : new Uint8Array(bytes);
    const size = owned.length;
    member.inFlight.set(seq, { blob, path, size });
    member.bytes += size;
    this.inFlightBlobs++;
    member.worker.postMessage({ blob: { seq, path, bytes: owned } } satisfies WorkerBlob, [owned.buffer]);
    return true;
  }

  /** Waits until every worker has started (or failed to). */
  async started(): Promise<void> {
    while (!this.signal?.aborted && this.members.some((m) => !m.ready && !m.exited)) await this.sleep();
  }

  /** Waits for every blob handed over (answered, or orphaned by its worker's end), then stops the workers. */
  async drain(): Promise<void> {
    while (!this.signal?.aborted && this.inFlightBlobs > 0) await this.sleep();
    this.close();
  }

  readonly close = (): void => {
    this.signal?.removeEventListener('abort', this.close);
    for (const { worker, replies } of this.members) {
      replies.close();
      void worker.terminate();
    }
    this.nudge();
  };

  private sleep(): Promise<void> {
    return new Promise((r) => (this.wake = r));
  }

  private nudge(): void {
    this.wake?.();
    this.wake = undefined;
  }

  private receive(member: Member, reply: WorkerBlobReply): void {
    member.ready = true;
    for (const { seq, outcome, parse } of reply.blobs) {
      const sent = member.inFlight.get(seq);
      if (!sent) continue;
      member.inFlight.delete(seq);
      member.bytes -= sent.size;
      this.inFlightBlobs--;
      if (parse) this.parsedHere++;
      this.record(seq, parse ? analyzeBlob(sent.path, parse, this.analyzeOptions) : outcome);
    }
    this.nudge();
  }

  private readReplies(member: Member): void {
    for (let m = receiveMessageOnPort(member.replies); m; m = receiveMessageOnPort(member.replies)) this.receive(member, m.message as WorkerBlobReply);
  }

  private ended(member: Member): void {
    // Its last replies may still be in the port.
    this.readReplies(member);
    member.exited = true;
    for (const [seq, { blob }] of member.inFlight) {
      this.orphans.push({ seq, blob });
      this.inFlightBlobs--;
    }
    member.inFlight.clear();
    member.bytes = 0;
    this.nudge();
  }
}
