/** Thrown inside an analysis when its AbortSignal fires; analyzeText turns it into a `cancelled` result. */
export class AnalysisAborted extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AnalysisAborted();
}
