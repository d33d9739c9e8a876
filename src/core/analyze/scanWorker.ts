/**
 * Worker-thread entry of the workspace scan (bundled as dist/scanWorker-main.js, which dist/scanWorker.js loads from its
 * code cache, src/cli/scanWorkerBoot.ts). The port for replies and the pool's shared counters come as workerData (the
 * worker may start before its scan, poolWorkers.ts), the analysis options as the first message, then the files in
 * batches as the walk finds them (pool.ts, ScanPool). The worker takes files
 * until none are left, waiting for the walk when it is ahead of it, and replies every few milliseconds, and at once
 * when it hands a file back for the main thread's parser. A history scan's worker is told so by its second message
 * (blob.ts BLOB_MODE) and then analyzes the blobs it is sent (src/core/history/blobPool.ts).
 */
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { AnalyzeOptions } from './index';
import { FileClaims, PUBLISHED, WALKED, type WorkerFiles, type WorkerReply } from './pool';
import { analyzeFileOrSkip } from './read';
import { analyzeBlobOrDefer, type BLOB_MODE, PARSE_DEFERRED_BLOB, type WorkerBlob, type WorkerBlobReply } from './blob';

const { replies, shared } = workerData as { replies: MessagePort; shared: Int32Array };
/**
 * How long replies may wait: the pool's progress and its end wait for them, not the results themselves. (`Date.now`:
 * `performance.now` per file was a visible cost, and milliseconds are fine enough here.)
 */
const REPLY_EVERY_MS = 10;

const port = parentPort!;
const abs: string[] = [];
const rel: string[] = [];
const add = ({ abs: a, rel: r }: WorkerFiles) => {
  for (let i = 0; i < a.length; i++) {
    abs.push(a[i]!);
    rel.push(r[i]!);
  }
};

/** Whether file `index` exists, once the walk has handed it over (waiting for it if need be). */
function available(index: number): boolean {
  for (;;) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) add(m.message as WorkerFiles);
    if (index < abs.length) return true;
    const published = Atomics.load(shared, PUBLISHED);
    if (index < published) continue; // its batch is in the port already
    if (Atomics.load(shared, WALKED) === 1) return false;
    Atomics.wait(shared, PUBLISHED, published, 100);
  }
}

// The files of a workspace scan, or the blobs of a history scan (src/core/history/blobPool.ts), by the first batch's kind.
port.once('message', ({ options }: { options: AnalyzeOptions }) => port.once('message', (first: WorkerFiles | typeof BLOB_MODE) => ('blobs' in first ? analyzeBlobs(options) : void analyzeFiles(options, first))));

/**
 * Each blob as it arrives, and those queued behind it; answered every few milliseconds and when the queue is empty (the
 * pool counts blobs done by the answers, and hands over more as they come).
 */
function analyzeBlobs(options: AnalyzeOptions): void {
  const answer = (message: WorkerBlob) => {
    let blobs: WorkerBlobReply['blobs'] = [];
    let handedBack: ArrayBuffer[] = [];
    let lastReply = Date.now();
    const send = () => {
      replies.postMessage({ blobs } satisfies WorkerBlobReply, handedBack);
      blobs = [];
      handedBack = [];
      lastReply = Date.now();
    };
    for (let m: { message: unknown } | undefined = { message }; m; m = receiveMessageOnPort(port)) {
      const { seq, path, bytes } = (m.message as WorkerBlob).blob;
      const outcome = analyzeBlobOrDefer(path, bytes, options);
      if (outcome === PARSE_DEFERRED_BLOB) {
        // Back to the pool's thread at once, which parses it (its bytes are the blob's own buffer: BlobPool.submit).
        blobs.push({ seq, parse: bytes });
        handedBack.push(bytes.buffer as ArrayBuffer);
        send();
        continue;
      }
      blobs.push(outcome ? { seq, outcome } : { seq });
      if (Date.now() - lastReply > REPLY_EVERY_MS) send();
    }
    if (blobs.length > 0) send();
  };
  port.on('message', answer);
  // Ready: the pool hands blobs only to a worker that has answered.
  replies.postMessage({ blobs: [] } satisfies WorkerBlobReply);
}

async function analyzeFiles(options: AnalyzeOptions, first: WorkerFiles): Promise<void> {
  add(first);
  let reply: WorkerReply = { empty: [], outcomes: [], finished: false };
  let lastReply = Date.now();
  const send = (finished: boolean) => {
    replies.postMessage({ ...reply, finished });
    reply = { empty: [], outcomes: [], finished: false };
    lastReply = Date.now();
  };
  const claims = new FileClaims(shared);
  for (let index = claims.take(); index !== undefined && available(index); index = claims.take()) {
    const outcome = await analyzeFileOrSkip(abs[index]!, rel[index]!, options);
    if (outcome.findings.length === 0 && outcome.notes.length === 0 && outcome.skipped === undefined && !outcome.deferred) reply.empty.push(index);
    else reply.outcomes.push({ index, ...outcome });
    if (outcome.deferred || Date.now() - lastReply > REPLY_EVERY_MS) send(false);
  }
  send(true);
}
