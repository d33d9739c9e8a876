/** Thrown inside an analysis when its AbortSignal fires; analyzeText turns it into a `cancelled` result. */
export class AnalysisAborted extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AnalysisAborted();
}

/** What a piece of stepwise work returns when there is more to do: a cooperative caller may pause here. */
export const MORE: unique symbol = Symbol('more');

/**
 * Work done a piece at a time: each call does the next piece (a few milliseconds at most) and returns the result, or
 * MORE. Plain calls rather than generators: the synchronous path (a CLI scan's worker threads) paid for resuming
 * generators at each pause point (bench/NOTES.md).
 */
export type Steps<T> = () => T | typeof MORE;

/** Drives steps straight to their result (the synchronous path), checking `signal` between pieces. */
export function runSteps<T>(steps: Steps<T>, signal?: AbortSignal): T {
  for (;;) {
    const result = steps();
    if (result !== MORE) return result;
    checkAbort(signal);
  }
}

/** Steps that do `first`, then the steps `then` makes of its result. */
export function andThen<A, B>(first: Steps<A>, then: (a: A) => Steps<B>): Steps<B> {
  let second: Steps<B> | undefined;
  return () => {
    if (second) return second();
    const a = first();
    if (a === MORE) return MORE;
    second = then(a);
    return MORE;
  };
}

/** Returned by a stage of `inStages` when it is done and the next one should run. */
export const NEXT: unique symbol = Symbol('next');

/** Steps that run `stages` in turn: each returns MORE (call it again), NEXT (the next stage's turn) or the result. */
export function inStages<T>(...stages: Array<() => T | typeof MORE | typeof NEXT>): Steps<T> {
  let at = 0;
  return () => {
    const result = stages[at]!();
    if (result !== NEXT) return result;
    at++;
    return MORE;
  };
}

/** `steps`, but should a piece throw, the steps `recover` makes of the error take over (it may rethrow). */
export function recovering<T>(steps: Steps<T>, recover: (error: unknown) => Steps<T>): Steps<T> {
  let current = steps;
  let recovered = false;
  return () => {
    if (recovered) return current();
    try {
      return current();
    } catch (error) {
      current = recover(error);
      recovered = true;
      return MORE;
    }
  };
}
