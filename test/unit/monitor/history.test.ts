import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProbeHistory } from '../../../src/core/monitor/index';
import type { HistoryEntry } from '../../../src/core/monitor/index';

const id = { service: 'billing-api', environment: 'dev', slot: 'primary' as const };
const entry = (at: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({ at: new Date(at).toISOString(), outcome: 'valid', status: 200, latencyMs: 12, fingerprint: 'rk1:0123456789abcdef', ...over });

describe('monitor history', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'rr-history-'));

  it('is capped by count per key, keeping the newest', () => {
    const now = Date.now();
    const h = new ProbeHistory(undefined, { maxEntriesPerKey: 10, maxAgeHours: 24 });
    for (let i = 0; i < 25; i++) h.append(id, entry(now - (25 - i) * 1000, { latencyMs: i }));
    h.append({ ...id, slot: 'fallback' }, entry(now));
    assert.equal(h.entries(id).length, 10);
    assert.deepEqual(h.entries(id).map((e) => e.latencyMs), [15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    assert.equal(h.entries({ ...id, slot: 'fallback' }).length, 1, 'per key');
  });

  it('is capped by age, also as time passes without new probes', () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    const h = new ProbeHistory(undefined, { maxEntriesPerKey: 100, maxAgeHours: 1 }, () => now);
    h.append(id, entry(now - 2 * 3600_000));
    h.append(id, entry(now - 30 * 60_000));
    h.append(id, entry(now));
    assert.equal(h.entries(id).length, 2);
    now += 45 * 60_000;
    assert.equal(h.entries(id).length, 1);
  });

  it('survives a restart: saved atomically (mode 0600), loaded back', async () => {
    const file = join(dir(), 'nested', 'history.json');
    const now = Date.now();
    const h = new ProbeHistory(file, { maxEntriesPerKey: 50, maxAgeHours: 24 });
    for (let i = 0; i < 5; i++) h.append(id, entry(now - i * 1000, { outcome: i % 2 ? 'rejected' : 'valid', status: i % 2 ? 401 : 200 }));
    await Promise.all([h.save(), h.save(), h.save()]);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(file, '..')), ['history.json'], 'no temporary file left behind');
    const again = new ProbeHistory(file, { maxEntriesPerKey: 50, maxAgeHours: 24 });
    assert.deepEqual(await again.load(), { loaded: 5 });
    assert.deepEqual(again.entries(id), h.entries(id));
    assert.deepEqual(again.list().map((s) => [s.service, s.environment, s.slot]), [['billing-api', 'dev', 'primary']]);
  });

  it('applies the caps to what it loads, and keeps only value-free fields', async () => {
    const file = join(dir(), 'history.json');
    const now = Date.now();
    const planted = {
      version: 1,
      series: [
        {
          ...id,
          entries: [
            { ...entry(now - 1000), detail: 'Bearer rrtest_planted_value', key: 'rrtest_planted_value' },
            entry(now - 48 * 3600_000),
            { ...entry(now), fingerprint: 'rrtest_planted_value' },
            { ...entry(now), outcome: 'exploded' },
          ],
        },
        { service: 'x', environment: 'dev', slot: 'nonsense', entries: [entry(now)] },
      ],
    };
    writeFileSync(file, JSON.stringify(planted));
    const h = new ProbeHistory(file, { maxEntriesPerKey: 50, maxAgeHours: 24 });
    assert.deepEqual(await h.load(), { loaded: 1 });
    assert.deepEqual(Object.keys(h.entries(id)[0]!).sort(), ['at', 'fingerprint', 'latencyMs', 'outcome', 'status']);
    await h.save();
    assert.equal(readFileSync(file, 'utf8').includes('rrtest_planted_value'), false);
  });

  it('refuses an entry without a proper fingerprint: nothing else may stand in for the key', () => {
    const h = new ProbeHistory(undefined, { maxEntriesPerKey: 10, maxAgeHours: 1 });
    assert.throws(() => h.append(id, entry(Date.now(), { fingerprint: 'rrtest_raw_key_value_123' })));
  });

  it('sets a damaged file aside and starts again', async () => {
    const file = join(dir(), 'history.json');
    writeFileSync(file, '{"series": [');
    const h = new ProbeHistory(file, { maxEntriesPerKey: 10, maxAgeHours: 1 });
    const result = await h.load();
    assert.equal(result.loaded, 0);
    assert.match(result.error ?? '', /damaged/);
    assert.ok(existsSync(`${file}.damaged`));
    assert.deepEqual(await new ProbeHistory(join(dir(), 'missing.json'), { maxEntriesPerKey: 10, maxAgeHours: 1 }).load(), { loaded: 0 });
  });
});
