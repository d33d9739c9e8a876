/**
 * Worker-thread entry of the workspace scan (bundled as dist/scanWorker.js): analyzes the batches of files the pool in
 * scan.ts sends, one reply per file, then a batch-done message. The analysis options come once, as workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeOptions } from './index';
import { analyzeFile, type WorkerBatch, type WorkerReply } from './scan';

const options = (workerData as { options: AnalyzeOptions }).options;
const port = parentPort!;

port.on('message', async (batch: WorkerBatch) => {
  for (const file of batch) {
    let reply: WorkerReply;
    try {
      const r = await analyzeFile(file.abs, file.rel, options);
      reply = { index: file.index, findings: r.findings, skipped: r.skipped, notes: r.notes };
    } catch (error) {
      reply = { index: file.index, findings: [], skipped: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, notes: [] };
    }
    port.postMessage(reply);
  }
  port.postMessage({ batchDone: true } satisfies WorkerReply);
});
