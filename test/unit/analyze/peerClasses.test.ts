import { sampleGen } from '../../../src/core/rules/sampleGen';
import { runCases } from './tester';

/**
 * Classes found by scoring the analyzer on other scanners' test data (bench/peers.ts, issue 17 §1), each written as
 * our own case with generated or hand-made values: nothing here is a peer's sample.
 */
const g = sampleGen(0x1701);
const counting = 'dapi' + '1234567890' + 'abcdef' + '1234567890' + 'abcdef';
const countingDown = 'Sk' + g.alnum(10) + '98765432' + g.alnum(12);

runCases('analyzeText: classes from peers\' test data', {
  valid: [
    { path: '.env', code: `DATABRICKS_TOKEN=${counting}\n`, name: 'a key that counts up (1234567890…) is a placeholder' },
    { path: 'src/config.ts', code: `export const apiSecret = "${countingDown}";\n`, name: 'a secret with a run that counts down (98765432) is a placeholder' },
  ],
  invalid: [],
});
