import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';

/** Each case: [name, path, text, the values found]. */
export type Case = readonly [string, string, string, string | readonly string[]];

/**
 * The placement suites' table runners, under one salt: `found` is what a person sees squiggled (warnings and errors,
 * not info or hints), `findsEach` expects exactly the listed values, `quietOnEach` expects none.
 */
export function placementCases(salt: string) {
  function found(path: string, text: string): string[] {
    return analyzeText(path, text, { salt })
      .findings.filter((f) => f.severity !== 'info' && f.severity !== 'hint')
      .map((f) => text.slice(f.offset, f.offset + f.length));
  }
  function findsEach(cases: readonly Case[]): void {
    for (const [name, path, text, value] of cases) it(`finds the secret: ${name}`, () => assert.deepEqual(found(path, text), typeof value === 'string' ? [value] : value));
  }
  function quietOnEach(cases: ReadonlyArray<readonly [string, string, string]>): void {
    for (const [name, path, text] of cases) it(`stays quiet: ${name}`, () => assert.deepEqual(found(path, text), []));
  }
  return { found, findsEach, quietOnEach };
}
