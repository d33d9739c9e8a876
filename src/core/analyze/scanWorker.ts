/**
 * Worker-thread entry of the workspace scan (bundled as dist/scanWorker-main.js, which dist/scanWorker.js loads from its
 * code cache, src/cli/scanWorkerBoot.ts). The analysis options and the port for replies come as workerData; the job
 * (every file of the scan and the shared counter of the next one to take) comes once, when the walk is done. The
 * worker takes files until none are left, and replies every few milliseconds, and at once when it hands a file back
 * for this thread's parser (scan.ts, analyzeInWorkers).
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeOptions } from './index';
import { analyzeFileOrSkip, FileClaims, type WorkerJob, type WorkerReply } from './scan';

const { options, replies } = workerData as { options: AnalyzeOptions; replies: MessagePort };
/** How long replies may wait: the pool's progress and its end wait for them, not the results themselves. */
const REPLY_EVERY_MS = 10;

parentPort!.once('message', async ({ abs, rel, next }: WorkerJob) => {
  let reply: WorkerReply = { empty: [], outcomes: [], finished: false };
  let lastReply = performance.now();
  const send = (finished: boolean) => {
    replies.postMessage({ ...reply, finished });
    reply = { empty: [], outcomes: [], finished: false };
    lastReply = performance.now();
  };
  const claims = new FileClaims(next, abs.length);
  for (let index = claims.take(); index !== undefined; index = claims.take()) {
    const outcome = await analyzeFileOrSkip(abs[index]!, rel[index]!, options);
    if (outcome.findings.length === 0 && outcome.notes.length === 0 && outcome.skipped === undefined && !outcome.deferred) reply.empty.push(index);
    else reply.outcomes.push({ index, ...outcome });
    if (outcome.deferred || performance.now() - lastReply > REPLY_EVERY_MS) send(false);
  }
  send(true);
});
