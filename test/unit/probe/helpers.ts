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

/** Polls until `check` holds. The limit only ends a wait that would never end: it is generous, so a loaded machine passes. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

import type { ProbeAuth, ProbeConfig, ServiceConfig } from '../../../src/core/config/types';
import { deriveEnvVarNames } from '../../../src/core/config/types';
import type { KeySource } from '../../../src/core/probe/key-source';

/** A service config probing `url`, with short timings for tests. */
export function serviceConfig(name: string, url: string, auth: ProbeAuth = { type: 'bearer' }, probe: Partial<ProbeConfig> = {}): ServiceConfig {
  return {
    name,
    environments: [{ name: 'dev' }],
    envVars: deriveEnvVarNames(name),
    probe: { url, method: 'GET', auth, headers: {}, timeoutMs: 1000, rounds: 3, intervalMs: 0, ...probe },
    alerts: { sinks: [] },
  };
}

/** Keys by `service/slot` (environment ignored). */
export function mapKeySource(keys: Record<string, string>): KeySource & { reads: number } {
  const source = {
    label: 'test keys',
    reads: 0,
    get: async (service: string, _env: string, slot: string) => {
      source.reads++;
      return keys[`${service}/${slot}`];
    },
  };
  return source;
}
