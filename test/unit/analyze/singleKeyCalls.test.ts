import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';

const call = [
  'export async function account(): Promise<Response> {',
  "  return fetch('https://billing.example.com/v1/account', { headers: { Authorization: `Bearer ${process.env.BILLING_API_KEY}` } });",
  '}',
  '',
].join('\n');

describe('analyzeText with singleKeyCalls', () => {
  it('reports a single-key fetch only when asked, at the callee', () => {
    assert.deepEqual(analyzeText('src/billing.ts', call, { salt: 's' }).findings, []);
    const { findings } = analyzeText('src/billing.ts', call, { salt: 's', singleKeyCalls: true });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.kind, f.range.start.line, call.slice(f.offset, f.offset + f.length)]), [['single-key-call', 'single-key-call', 1, 'fetch']]);
  });

  it('honours an ignore comment and a severity override', () => {
    const ignored = call.replace('  return fetch', '  // rotation-ready-ignore-next-line single-key-call\n  return fetch');
    assert.deepEqual(analyzeText('src/billing.ts', ignored, { salt: 's', singleKeyCalls: true }).findings, []);
    const [finding] = analyzeText('src/billing.ts', call, { salt: 's', singleKeyCalls: true, severityOverrides: { 'single-key-call': 'info' } }).findings;
    assert.equal(finding?.severity, 'info');
  });

  it('leaves it out when ruleIds does not select it', () => {
    assert.deepEqual(analyzeText('src/billing.ts', call, { salt: 's', singleKeyCalls: true, ruleIds: ['stripe-secret-key'] }).findings, []);
  });
});
