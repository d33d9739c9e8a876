import * as assert from 'node:assert/strict';
import { AlertDispatcher } from '../../../src/core/alerts/index';
import { metricsSink, observationsFromReport, ProbeMetrics } from '../../../src/core/metrics/index';
import { memoryApprovals, runDryRun } from '../../../src/core/probe/index';
import { startSimulator } from '../../../src/simulator/index';
import { assertNoKeys, mapKeySource, serviceConfig, testKey } from '../probe/helpers';
import { alert } from '../alerts/channels/helpers';

const line = (body: string, prefix: string) => body.split('\n').find((l) => l.startsWith(prefix));

describe('metrics: ProbeMetrics', () => {
  it('counts probes by outcome with Prometheus label values, and keeps the latest validation time', async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    const m = new ProbeMetrics(() => now);
    const base = { service: 'maps-api', environment: 'prod', slot: 'primary' as const, latencyMs: 120 };
    m.observe({ ...base, outcome: 'valid', at: '2026-03-01T00:00:00Z', keyAddedAt: '2026-02-01T00:00:00Z' });
    m.observe({ ...base, outcome: 'rate-limited', at: '2026-03-01T00:01:00Z' });
    m.observe({ ...base, outcome: 'misconfigured', at: '2026-03-01T00:02:00Z' });
    m.observe({ ...base, outcome: 'rejected', at: '2026-03-01T00:03:00Z', lastValidatedAt: '2026-02-27T00:00:00Z' });
    now += 86_400_000;
    const { body, contentType } = await m.exposition();
    assert.match(contentType, /^text\/plain; version=0\.0\.4/);
    const l = '{service="maps-api",environment="prod",slot="primary"';
    assert.equal(line(body, `rotation_ready_probes_total${l},outcome="valid"}`)?.split(' ')[1], '1');
    assert.equal(line(body, `rotation_ready_probes_total${l},outcome="rate_limited"}`)?.split(' ')[1], '1');
    assert.equal(line(body, `rotation_ready_probes_total${l},outcome="misconfigured"}`)?.split(' ')[1], '1');
    assert.equal(line(body, `rotation_ready_probes_total${l},outcome="rejected"}`)?.split(' ')[1], '1');
    assert.match(body, /^rotation_ready_probe_latency_seconds_bucket\{le="0\.25",service="maps-api",environment="prod",slot="primary"\} 4$/m);
    assert.match(body, /^rotation_ready_probe_latency_seconds_bucket\{le="0\.1",service="maps-api",environment="prod",slot="primary"\} 0$/m);
    assert.equal(line(body, `rotation_ready_key_last_validation_timestamp_seconds${l}}`)?.split(' ')[1], String(Date.parse('2026-03-01T00:00:00Z') / 1000), 'an older lastValidatedAt does not move it back');
    assert.equal(line(body, `rotation_ready_key_age_seconds${l}}`)?.split(' ')[1], String(29 * 86_400), 'age is computed at scrape time');
  });

  it('exposes signals as 0/1 gauges and counts alerts through metricsSink (resolves are not counted)', async () => {
    const m = new ProbeMetrics();
    m.observeSignals({ service: 'a', environment: 'dev', signals: [{ kind: 'intermittent' }] });
    const d = new AlertDispatcher({ sinks: [metricsSink(m)], dedupWindowMs: 1, maxPerServicePerWindow: 100, secrets: () => [] });
    await d.dispatch(alert({ service: 'a', environment: 'dev', error: 'signal spike (key revoked or expired?): spike of 401s', slot: 'primary' }));
    await d.dispatch(alert({ service: 'a', environment: 'dev', action: 'resolve', error: 'primary key validates again' }));
    const { body } = await m.exposition('openmetrics');
    assert.match(body, /^rotation_ready_signal_active\{service="a",environment="dev",signal="intermittent"\} 1$/m);
    assert.match(body, /^rotation_ready_signal_active\{service="a",environment="dev",signal="spike"\} 0$/m);
    assert.match(body, /^rotation_ready_alerts_total\{service="a",environment="dev",severity="critical",signal="spike"\} 1$/m);
    assert.match(body, /# EOF\n?$/);
  });

  it('takes a dry-run report against the simulator: every round, no key material', async () => {
    const keys = { primary: testKey('p'), fallback: testKey('f') };
    const sim = await startSimulator({ services: [{ name: 'billing-api', auth: { type: 'bearer' }, keys: [{ label: 'primary', value: keys.primary }, { label: 'fallback', value: keys.fallback, revoked: true }] }] });
    try {
      const report = await runDryRun({
        services: [serviceConfig('billing-api', sim.serviceUrl('billing-api', '/v1/me'))],
        keys: mapKeySource({ 'billing-api/primary': keys.primary, 'billing-api/fallback': keys.fallback }),
        approvals: memoryApprovals([{ service: 'billing-api', host: `127.0.0.1:${sim.port}` }]),
        salt: 's',
      });
      const obs = observationsFromReport(report);
      assert.deepEqual(obs.map((o) => `${o.slot}:${o.outcome}`), ['primary:valid', 'primary:valid', 'primary:valid', 'fallback:rejected', 'fallback:rejected', 'fallback:rejected']);
      const m = new ProbeMetrics();
      m.observeRun(report);
      const { body } = await m.exposition();
      assert.match(body, /rotation_ready_probes_total\{service="billing-api",environment="dev",slot="fallback",outcome="rejected"\} 3/);
      assertNoKeys(body, [keys.primary, keys.fallback], 'metrics');
    } finally {
      await sim.close();
    }
  });
});
