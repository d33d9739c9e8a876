import * as assert from 'node:assert/strict';
import { AlertDispatcher } from '../../../../src/core/alerts/index';
import { datadogSink } from '../../../../src/core/alerts/channels/index';
import { DatadogSeriesExporter } from '../../../../src/core/metrics/index';
import { assertNoKeys, testKey } from '../../probe/helpers';
import { alert, fastRetry, intake, mapSecrets, Received } from './helpers';

const DD_API_KEY = 'ddtestapikey0123456789abcdef0123';
const isTag = (t: unknown) => typeof t === 'string' && /^[a-z][\w\-:./]*$/i.test(t) && t.length <= 200;

/** Datadog Events API v1 (POST /api/v1/events) as its intake validates it. */
function eventProblem(r: Received): string | undefined {
  if (r.path !== '/api/v1/events') return `path ${r.path}`;
  if (r.headers['dd-api-key'] !== DD_API_KEY) return 'DD-API-KEY';
  const e = r.json;
  if (!e || typeof e.title !== 'string' || !e.title || e.title.length > 100) return 'title';
  if (typeof e.text !== 'string' || !e.text || e.text.length > 4000) return 'text';
  if (!Number.isInteger(e.date_happened)) return 'date_happened must be a POSIX timestamp';
  if (e.priority !== undefined && !['normal', 'low'].includes(e.priority)) return 'priority';
  if (!['error', 'warning', 'info', 'success', 'user_update', 'recommendation', 'snapshot'].includes(e.alert_type)) return 'alert_type';
  if (e.aggregation_key !== undefined && (typeof e.aggregation_key !== 'string' || e.aggregation_key.length > 100)) return 'aggregation_key';
  if (!Array.isArray(e.tags) || !e.tags.every(isTag)) return 'tags';
  return undefined;
}

/** Datadog metrics v2 (POST /api/v2/series). */
function seriesProblem(r: Received): string | undefined {
  if (r.path !== '/api/v2/series') return `path ${r.path}`;
  if (r.headers['dd-api-key'] !== DD_API_KEY) return 'DD-API-KEY';
  if (!Array.isArray(r.json?.series) || r.json.series.length === 0) return 'series';
  for (const s of r.json.series) {
    if (typeof s.metric !== 'string' || !/^[a-z][a-z0-9_.]*$/.test(s.metric)) return 'metric';
    if (![0, 1, 2, 3].includes(s.type)) return 'type';
    if (!Array.isArray(s.points) || !s.points.every((p: any) => Number.isInteger(p.timestamp) && typeof p.value === 'number')) return 'points';
    if (!Array.isArray(s.tags) || !s.tags.every(isTag)) return 'tags';
  }
  return undefined;
}

describe('channels: Datadog intake (events and series)', () => {
  const secrets = mapSecrets({ 'datadog-api': DD_API_KEY });

  it('sends an event per alert with service/env/slot tags, and a success event on resolve, aggregated per service environment', async () => {
    const dd = await intake({ validate: eventProblem });
    const probed = [testKey('primary')];
    const d = new AlertDispatcher({ sinks: [datadogSink({ apiKeySecret: 'datadog-api', secrets, url: dd.base, tags: ['team:payments'] })], dedupWindowMs: 1, maxPerServicePerWindow: 10, secrets: () => probed, retry: fastRetry });
    try {
      assert.equal((await d.dispatch(alert({ signal: 'spike' }))).status, 'sent');
      assert.equal((await d.dispatch(alert({ action: 'resolve', error: 'primary key validates again', severity: 'critical' }))).status, 'sent');
      assert.deepEqual(dd.rejected, []);
      const [t, r] = dd.accepted.map((x) => x.json);
      assert.equal(t.alert_type, 'error');
      assert.equal(r.alert_type, 'success');
      assert.equal(t.aggregation_key, r.aggregation_key);
      assert.deepEqual(t.tags, ['source:rotation-ready', 'service:billing-api', 'env:prod', 'slot:primary', 'signal:spike', 'severity:critical', 'team:payments']);
      assert.match(t.text, /^%%%\n/);
      assert.match(t.text, /Key fingerprint: rk1:0123456789abcdef/);
      for (const x of dd.requests) assertNoKeys(x.body, probed, 'Datadog event');
      assert.ok(dd.requests.every((x) => !x.body.includes(DD_API_KEY)), 'the API key travels in the header only');
    } finally {
      await dd.close();
    }
  });

  it('pushes probe series (count by outcome, latency gauges) and keeps them when a push fails', async () => {
    const dd = await intake({ validate: seriesProblem, statuses: [503] });
    const errors: string[] = [];
    const exporter = new DatadogSeriesExporter({ apiKeySecret: 'datadog-api', secrets, url: dd.base, intervalMs: 60_000, now: () => 1_700_000_000_500, onError: (m) => errors.push(m) });
    try {
      const at = new Date().toISOString();
      exporter.observe({ service: 'maps-api', environment: 'dev', slot: 'primary', outcome: 'valid', latencyMs: 10, at });
      exporter.observe({ service: 'maps-api', environment: 'dev', slot: 'primary', outcome: 'valid', latencyMs: 30, at });
      exporter.observe({ service: 'maps-api', environment: 'dev', slot: 'fallback', outcome: 'rate-limited', latencyMs: 5, at });
      await assert.rejects(exporter.flush(), /datadog: HTTP 503/);
      assert.equal(await exporter.flush(), 3, 'the failed batch goes out with the next flush');
      assert.equal(await exporter.flush(), 0);
      assert.deepEqual(dd.rejected, []);
      const series = dd.accepted[0]!.json.series as any[];
      const count = (slot: string, outcome: string) => series.find((s) => s.metric === 'rotation_ready.probes' && s.tags.includes(`slot:${slot}`) && s.tags.includes(`outcome:${outcome}`));
      assert.equal(count('primary', 'valid').points[0].value, 2);
      assert.equal(count('primary', 'valid').type, 1);
      assert.equal(count('primary', 'valid').interval, 60);
      assert.equal(count('fallback', 'rate_limited').points[0].value, 1);
      assert.equal(count('primary', 'valid').points[0].timestamp, 1_700_000_000);
      const avg = series.find((s) => s.metric === 'rotation_ready.probe.latency_ms.avg' && s.tags.includes('slot:primary'));
      assert.equal(avg.points[0].value, 20);
      assert.equal(avg.type, 3);
    } finally {
      await exporter.stop();
      await dd.close();
    }
  });
});
