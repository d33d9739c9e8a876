import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';
import type { HistoryKeyIndex } from '../../../src/core/history/keyIndex';
import { hoverFor } from '../../../src/server/hover';

const finding: Finding = {
  ruleId: 'stripe-secret-key',
  kind: 'hardcoded-secret',
  provider: 'Stripe',
  message: 'A Stripe secret key is hardcoded.',
  severity: 'error',
  path: 'src/config.ts',
  range: { start: { line: 3, character: 10 }, end: { line: 3, character: 42 } },
  offset: 0,
  length: 32,
  redacted: 'Stripe…abcd',
  fingerprint: 'rr1:0011',
  keyFingerprint: 'rk1:aabb',
};
const at = { line: 3, character: 12 };
const scanLink = 'command:rotationReady.scanHistory?%5B%22%2Fw%22%5D';
const text = (index: HistoryKeyIndex | undefined) => {
  const hover = hoverFor([finding], at, '', { index, scanLink });
  return (hover?.contents as { value: string }).value;
};

describe('hover: is the key of a current finding also in git history', () => {
  it('says so, with commit, date and path, and that deleting the line does not revoke it', () => {
    const value = text({ scannedAt: '2026-03-02T00:00:00.000Z', commits: 3, keys: { 'rk1:aabb': { commit: 'abc1234def', authorDate: '2026-03-01T09:00:00.000Z', path: 'old/pay.ts', inHead: false } } });
    assert.match(value, /This key is also in git history\*\* \(commit `abc1234`, 2026-03-01, `old\/pay\.ts`\): rotate it — deleting the line does not revoke it/);
  });

  it('says when the history was never scanned, with a link that scans it', () => {
    assert.match(text(undefined), /Git history not scanned yet.*\[Scan the git history\]\(command:rotationReady\.scanHistory\?%5B%22%2Fw%22%5D\)/);
  });

  it('says when the last scan did not see the key', () => {
    assert.match(text({ scannedAt: '2026-03-02T00:00:00.000Z', commits: 3, keys: {} }), /Not in the git history as of the last history scan \(2026-03-02/);
  });

  it('a path from the repository cannot add a link to the hover', () => {
    const value = text({ scannedAt: '2026-03-02T00:00:00.000Z', commits: 1, keys: { 'rk1:aabb': { commit: 'abc1234', authorDate: '2026-03-01T00:00:00.000Z', path: 'x`](command:rotationReady.scanHistory)`', inHead: true } } });
    assert.ok(value.includes('`` x`](command:rotationReady.scanHistory)` ``'), value);
  });

  it('a single-key call says nothing of history (it holds no key)', () => {
    const hover = hoverFor([{ ...finding, kind: 'single-key-call', keyFingerprint: undefined }], at, '', { index: undefined, scanLink });
    assert.doesNotMatch((hover?.contents as { value: string }).value, /history/);
  });
});

describe('hover: the last live check of the key', () => {
  it('says live / revoked with the value-free detail; a host from the configuration cannot add a link', () => {
    const checks = new Map([['rk1:aabb', { liveness: 'revoked' as const, detail: 'HTTP 401 from [x](command:evil) in 3 ms', checkedAt: '2026-03-01T10:20:00.000Z' }]]);
    const value = (hoverFor([finding], at, '', undefined, checks)?.contents as { value: string }).value;
    assert.ok(value.includes('Live check (2026-03-01 10:20 UTC): **revoked** — the provider refuses it (`HTTP 401 from [x](command:evil) in 3 ms`).'), value);
    assert.doesNotMatch((hoverFor([{ ...finding, keyFingerprint: 'rk1:other' }], at, '', undefined, checks)?.contents as { value: string }).value, /Live check/);
  });
});

describe('hover: where to rotate', () => {
  it("links the rule's page, or the provider's page a generic finding was named for", () => {
    const plain = (hoverFor([finding], at, '')?.contents as { value: string }).value;
    assert.match(plain, /\[Rotate at Stripe\]\(https:\/\/dashboard\.stripe\.com/);
    const named: Finding = { ...finding, ruleId: 'api-key-uuid', provider: 'Postmark', rotationUrl: 'https://postmarkapp.com/support/article/1008-what-are-the-account-and-server-api-tokens' };
    const value = (hoverFor([named], at, '')?.contents as { value: string }).value;
    assert.match(value, /\[Rotate at Postmark\]\(https:\/\/postmarkapp\.com\/support/);
  });
});
