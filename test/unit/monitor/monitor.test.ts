import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertDispatcher, AlertEvent, webhookSink } from '../../../src/core/alerts/index';
import { DEFAULT_SETTINGS } from '../../../src/core/config/index';
import type { ServiceConfig, Settings } from '../../../src/core/config/index';
import { HealthMonitor, historyReport, ProbeHistory } from '../../../src/core/monitor/index';
import type { MonitorRunEvent } from '../../../src/core/monitor/index';
import { memoryApprovals } from '../../../src/core/probe/index';
import { startSimulator, type Simulator } from '../../../src/simulator/index';
import { assertNoKeys, mapKeySource, serviceConfig, sleep, testKey, waitFor } from '../probe/helpers';
import { webhookReceiver } from './helpers';

const SALT = 'monitor-test-salt';

describe('health monitor against the provider simulator', function () {
  this.timeout(20_000);
  let simulator: Simulator;
  const keys = { primary: testKey('mon_p'), fallback: testKey('mon_f') };
  const allKeys = [keys.primary, keys.fallback];
  let service: ServiceConfig;
  let host: string;
  const settings = (over: Partial<Settings['monitor']> = {}): Settings => ({ ...structuredClone(DEFAULT_SETTINGS), monitor: { ...structuredClone(DEFAULT_SETTINGS.monitor), jitter: 0, ...over } });

  beforeEach(async () => {
    simulator = await startSimulator({
      services: [{ name: 'billing-api', auth: { type: 'bearer' }, keys: [{ label: 'primary', value: keys.primary }, { label: 'fallback', value: keys.fallback }] }],
    });
    service = serviceConfig('billing-api', simulator.serviceUrl('billing-api', '/v1/account'), { type: 'bearer' }, { timeoutMs: 2000 });
    host = `127.0.0.1:${simulator.port}`;
  });
  afterEach(async () => simulator.close());

  function monitor(over: Partial<ConstructorParameters<typeof HealthMonitor>[0]> = {}) {
    const events: MonitorRunEvent[] = [];
    const m = new HealthMonitor({
      keys: mapKeySource({ 'billing-api/primary': keys.primary, 'billing-api/fallback': keys.fallback }),
      approvals: memoryApprovals([{ service: 'billing-api', host }]),
      salt: SALT,
      history: new ProbeHistory(undefined, DEFAULT_SETTINGS.monitor.history),
      services: [service],
      settings: settings(),
      onRun: (e) => void events.push(e),
      ...over,
    });
    return { m, events };
  }

  it('stays quiet while the keys are healthy: history grows, no signal, no alert', async () => {
    const hook = await webhookReceiver();
    const dispatcher = new AlertDispatcher({ sinks: [webhookSink(hook.url)], dedupWindowMs: 60_000, maxPerServicePerWindow: 10, secrets: () => allKeys });
    const { m, events } = monitor({ dispatch: (a) => dispatcher.dispatch(a) });
    for (let i = 0; i < 6; i++) await m.runNow();
    const h = m.healthOf('billing-api', 'dev')!;
    assert.equal(h.level, 'healthy');
    assert.deepEqual(h.last, { primary: 'valid', fallback: 'valid' });
    assert.deepEqual(m.signals(), []);
    assert.equal(events.length, 6);
    assert.deepEqual(events.flatMap((e) => e.alerts), []);
    assert.equal(simulator.requestLog.length, 12, 'one probe per key per run');
    assert.deepEqual(hook.bodies, []);
    await hook.close();
  });

  it('fires a spike when the simulator revokes the primary mid-run; the webhook gets each alert exactly once per de-dup window', async () => {
    const hook = await webhookReceiver();
    const dispatched: AlertEvent[] = [];
    const dispatcher = new AlertDispatcher({ sinks: [webhookSink(hook.url)], dedupWindowMs: 60_000, maxPerServicePerWindow: 10, secrets: () => allKeys, onEvent: (e) => void dispatched.push(e) });
    const { m, events } = monitor({ dispatch: (a) => dispatcher.dispatch(a) });
    for (let i = 0; i < 3; i++) await m.runNow();
    assert.equal(m.healthOf('billing-api', 'dev')!.level, 'healthy');

    assert.equal(simulator.admin.revokeKey('billing-api', { label: 'primary' }), 1);
    await m.runNow();
    let h = m.healthOf('billing-api', 'dev')!;
    assert.deepEqual([h.level, h.summary], ['failing', 'primary key rejected (HTTP 401)'], 'the first 401 fails the environment at once');
    assert.deepEqual(m.signals(), [], 'one rejection is not yet a spike');
    await m.runNow();
    await m.runNow();
    h = m.healthOf('billing-api', 'dev')!;
    assert.deepEqual([h.level, h.summary], ['failing', 'spike of 401s']);
    assert.deepEqual(h.signals.map((s) => [s.kind, s.slot]), [['spike', 'primary']]);
    for (let i = 0; i < 3; i++) await m.runNow();

    const received = hook.alerts();
    assert.deepEqual(
      received.map((a) => a.error),
      ['primary key rejected (HTTP 401)', 'signal spike (key revoked or expired?): spike of 401s'],
      'each alert once, however many runs saw it',
    );
    for (const a of received) {
      assert.deepEqual(Object.keys(a).sort(), ['environment', 'error', 'fingerprint', 'service', 'slot', 'source', 'timestamp', ...(a.status ? ['status'] : []), ...(a.signal ? ['signal'] : [])].sort());
      assert.equal(a.signal, a.status ? undefined : 'spike');
      assert.equal(a.service, 'billing-api');
      assert.equal(a.environment, 'dev');
      assert.equal(a.source, 'monitor');
      assert.match(String(a.fingerprint), /^rk1:[0-9a-f]{16}$/);
      assert.ok(!Number.isNaN(Date.parse(String(a.timestamp))));
    }
    assert.ok(dispatched.filter((e) => e.type === 'suppressed').length >= 4, 'later runs were de-duplicated');
    assertNoKeys({ received, events, history: historyReport(m['options'].history, [service]), dispatched }, allKeys, 'alerts, events and the timeline');
    await hook.close();
  });

  it('sees intermittent acceptance of a propagating fallback, and raises no alert for it until it persists', async () => {
    const hook = await webhookReceiver();
    const dispatcher = new AlertDispatcher({ sinks: [webhookSink(hook.url)], dedupWindowMs: 60_000, maxPerServicePerWindow: 10, secrets: () => allKeys });
    const { m } = monitor({ dispatch: (a) => dispatcher.dispatch(a) });
    await m.runNow();
    // The fallback is rejected once, then valid, then rejected: flaky propagation.
    simulator.admin.revokeKey('billing-api', { label: 'fallback' });
    await m.runNow();
    simulator.admin.reset('billing-api');
    await m.runNow();
    simulator.admin.revokeKey('billing-api', { label: 'fallback' });
    await m.runNow();
    const h = m.healthOf('billing-api', 'dev')!;
    assert.equal(h.level, 'warning');
    assert.deepEqual(h.signals.map((s) => [s.kind, s.slot]), [['intermittent', 'fallback']]);
    assert.deepEqual(hook.alerts().map((a) => a.error), ['signal intermittent (key still propagating?): fallback: intermittent 401s']);
    await hook.close();
  });

  it('sends nothing to an unapproved host and says so', async () => {
    const { m, events } = monitor({ approvals: memoryApprovals() });
    await m.runNow();
    assert.deepEqual(simulator.requestLog, []);
    assert.equal(events[0]!.targets[0]!.verdict, 'needs-approval');
    const h = m.healthOf('billing-api', 'dev')!;
    assert.equal(h.level, 'unknown');
    assert.match(h.summary, /approval/);
  });

  it('never sends a key over plain http to a public host, whatever is approved', async () => {
    const insecure = serviceConfig('billing-api', 'http://api.example.com/v1/account');
    const { m, events } = monitor({ services: [insecure], approvals: memoryApprovals([{ service: 'billing-api', host: 'api.example.com' }]) });
    await m.runNow();
    assert.equal(events[0]!.targets[0]!.verdict, 'inconclusive');
    assert.match(events[0]!.targets[0]!.reason, /plain http/);
  });

  it('skips services that opt out', async () => {
    const { m } = monitor({ services: [{ ...service, monitor: { enabled: false } }] });
    m.start();
    await m.runNow();
    await m.stop();
    assert.deepEqual(simulator.requestLog, []);
    assert.deepEqual(m.health(), []);
  });

  it('runs on its schedule, never overlapping two runs of one service, and stops cleanly', async () => {
    simulator.admin.setBehaviour('billing-api', { latencyMs: 120 });
    const { m, events } = monitor({ secondMs: 10, services: [{ ...service, monitor: { enabled: true, intervalSeconds: 1 } }] });
    let maxInFlight = 0;
    const poll = setInterval(() => (maxInFlight = Math.max(maxInFlight, simulator.inFlight())), 5);
    m.start();
    assert.equal(m.running, true);
    await waitFor(() => events.length >= 3, 10_000, 'three runs');
    await m.stop();
    clearInterval(poll);
    const after = simulator.requestLog.length;
    await sleep(300);
    assert.equal(simulator.requestLog.length, after, 'nothing is sent after stop()');
    assert.equal(maxInFlight, 2, 'one run (primary + fallback) at a time, although the interval is shorter than a run');
    assert.equal(m.running, false);
  });

  it('stop() cancels a run that hangs, without waiting for the timeout', async () => {
    simulator.admin.setBehaviour('billing-api', { hang: true });
    const { m, events } = monitor({ services: [{ ...service, probe: { ...service.probe, timeoutMs: 30_000 } }] });
    m.start();
    await waitFor(() => simulator.inFlight() === 2, 10_000, 'hanging probes');
    // The simulator never answers and the probes' timeout (30 s) outlasts the test's: only stop() can end them.
    await m.stop();
    await waitFor(() => simulator.inFlight() === 0, 10_000, 'the hanging probes to be closed');
    assert.deepEqual(events, [], 'a cancelled run records nothing');
  });

  it('spreads the runs with jitter', async () => {
    const delays: number[] = [];
    const original = global.setTimeout;
    const randoms = [0.5, 0, 1];
    const { m } = monitor({ settings: settings({ intervalSeconds: 100, jitter: 0.2 }), random: () => randoms.shift() ?? 0.5 });
    global.setTimeout = ((_fn: () => void, ms: number) => {
      delays.push(ms);
      return original(() => undefined, 0);
    }) as typeof setTimeout;
    try {
      m.start();
      m['schedule'](service, false);
      m['schedule'](service, false);
    } finally {
      global.setTimeout = original;
    }
    await m.stop();
    // First run: half of the jitter (0.5 × 0.2 × 100 s); then the interval shortened and stretched by 20 %.
    assert.deepEqual(delays, [10_000, 80_000, 120_000]);
  });

  it('persists its history so a restarted monitor continues the same timeline, with no key in the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rr-monitor-')), 'history.json');
    const first = monitor({ history: new ProbeHistory(file, { maxEntriesPerKey: 10, maxAgeHours: 24 }) });
    for (let i = 0; i < 2; i++) await first.m.runNow();
    simulator.admin.revokeKey('billing-api', { label: 'primary' });
    for (let i = 0; i < 12; i++) await first.m.runNow();
    const text = readFileSync(file, 'utf8');
    assertNoKeys(text, allKeys, 'the history file');

    const restarted = monitor({ history: new ProbeHistory(file, { maxEntriesPerKey: 10, maxAgeHours: 24 }) });
    assert.deepEqual(await restarted.m['options'].history.load(), { loaded: 20 }, '10 per key: capped');
    const h = restarted.m.healthOf('billing-api', 'dev')!;
    assert.equal(h.level, 'failing');
    const report = historyReport(restarted.m['options'].history, [service]);
    assert.equal(report.targets[0]!.slots[0]!.rounds.length, 10);
    assert.equal(report.targets[0]!.verdict, 'incident');
    assertNoKeys(report, allKeys, 'the timeline report');
  });
});
