import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

/** A fresh random test key. Shaped like nothing real: `rrtest_<label>_<hex>`. Never committed. */
export function testKey(label = 'k'): string {
  return `rrtest_${label}_${randomBytes(12).toString('hex')}`;
}

/** Fails if any output contains any key, raw, URL-encoded or base64-encoded. */
export function assertNoKeys(output: unknown, keys: readonly string[], what = 'output'): void {
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  for (const key of keys) {
    for (const form of [key, encodeURIComponent(key), Buffer.from(key).toString('base64')]) {
      assert.ok(!text.includes(form), `${what} contains key material`);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor(check: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
