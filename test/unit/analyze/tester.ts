import * as assert from 'node:assert/strict';
import { analyzeText, type AnalyzeOptions } from '../../../src/core/analyze/index';

/**
 * typescript-eslint RuleTester, adapted: `valid` snippets produce no finding; each `invalid` case lists
 * its findings with rule id and exact zero-based line/character range of the value.
 * `⟦` and `⟧` mark nothing: positions are written out, so a shifted range fails loudly.
 */
export interface ExpectedFinding {
  ruleId: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface Cases {
  valid: Array<{ path: string; code: string; name?: string }>;
  invalid: Array<{ path: string; code: string; name?: string; findings: ExpectedFinding[] }>;
}

const options: AnalyzeOptions = { salt: 'tester', lowerSeverityInTestPaths: false };

export function runCases(title: string, cases: Cases): void {
  describe(title, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name ?? `${c.path}: ${c.code.split('\n').find((l) => l.trim())?.trim().slice(0, 60)}`, () => {
          const { findings } = analyzeText(c.path, c.code, options);
          assert.deepEqual(findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`), []);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name ?? `${c.path}: ${c.code.split('\n').find((l) => l.trim())?.trim().slice(0, 60)}`, () => {
          const { findings } = analyzeText(c.path, c.code, options);
          assert.deepEqual(
            findings.map((f) => ({ ruleId: f.ruleId, line: f.range.start.line, character: f.range.start.character, endLine: f.range.end.line, endCharacter: f.range.end.character })),
            c.findings,
          );
        });
      }
    });
  });
}

/** Fragments, so that no literal in this repository looks like a live key. */
export const frag = {
  stripe: 'sk_' + 'live_' + '4eC39HqLyjWDarjtT1zdp7dc',
  ghp: 'ghp_' + 'R2d2C3poBb8Yoda9Luke0Leia1Han2Solo3C',
  akia: 'AKIA' + 'Q3EGRF7VXDIWUMPY',
  random32: 'Zx8Qp2LmN4vR7tY1' + 'wE5uI9oA3sD6fG0h',
  random40: 'wJalrXUtnFEMIK7MDENGbPxRfiCYzQ3' + 'Pq8St1Vw4',
  // Not an alphabet run (`AbCdEf…` reads as a placeholder typed by counting).
  pk: 'pk_' + 'live_' + '51H7xYzQ8mTvK2wRnL6pB3sJd',
};
