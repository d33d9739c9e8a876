/** Thrown inside an analysis when its AbortSignal fires; analyzeText turns it into a `cancelled` result. */
export class AnalysisAborted extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AnalysisAborted();
}

/**
 * Drives a stepwise computation (a generator that yields where a cooperative caller may pause) straight to its result:
 * the synchronous path of the same code.
 */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
