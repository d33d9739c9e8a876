/**
 * Worker-thread entry of the workspace scan (bundled as dist/scanWorker-main.js, which dist/scanWorker.js loads from its
 * code cache, src/cli/scanWorkerBoot.ts): analyzes the batches of files the pool in
 * scan.ts sends and replies once per batch with every file's outcome. The analysis options come once, as workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeOptions } from './index';
import { analyzeFileOrSkip, type WorkerBatch, type WorkerReply } from './scan';

const options = (workerData as { options: AnalyzeOptions }).options;
const port = parentPort!;

port.on('message', async (batch: WorkerBatch) => {
  const reply: WorkerReply = [];
  for (const file of batch) {
    reply.push({ index: file.index, ...(await analyzeFileOrSkip(file.abs, file.rel, options)) });
  }
  port.postMessage(reply);
});
