import * as assert from 'node:assert/strict';
import type { ServiceConfig } from '../../../src/core/config/types';
import { DryRunEvent, DryRunReport, memoryApprovals, renderMarkdown, renderText, reportToJson, runDryRun } from '../../../src/core/probe/index';
import { SimService, Simulator, startSimulator } from '../../../src/simulator/index';
import { assertNoKeys, mapKeySource, serviceConfig, sleep, testKey, waitFor } from './helpers';

const SALT = 'test-salt';

describe('dry-run against the provider simulator', () => {
  let sim: Simulator;
  const keys: string[] = [];
  const key = (label: string) => {
    const k = testKey(label);
    keys.push(k);
    return k;
  };

  afterEach(async () => {
    await sim?.close();
  });

  /** Starts a simulator with these services and returns matching configs, approvals and key source. */
  async function setup(services: Array<{ sim: Omit<SimService, 'auth'> & { auth?: SimService['auth'] }; primary?: string; fallback?: string; path?: string }>) {
    sim = await startSimulator({ services: services.map((s) => ({ auth: { type: 'bearer' }, ...s.sim })) });
    const host = new URL(sim.url).host;
    const configs: ServiceConfig[] = services.map((s) => serviceConfig(s.sim.name, `${sim.url}${s.path ?? `/${s.sim.name}/v1/me`}`, s.sim.auth ?? { type: 'bearer' }));
    const source: Record<string, string> = {};
    for (const s of services) {
      if (s.primary) source[`${s.sim.name}/primary`] = s.primary;
      if (s.fallback) source[`${s.sim.name}/fallback`] = s.fallback;
    }
    return { configs, keys: mapKeySource(source), approvals: memoryApprovals(services.map((s) => ({ service: s.sim.name, host }))) };
  }

  const only = (report: DryRunReport) => {
    assert.equal(report.targets.length, 1);
    return report.targets[0]!;
  };
  const classes = (report: DryRunReport) => only(report).slots.map((s) => s.classification);

  it('safe-to-promote: primary and fallback valid in every round', async () => {
    const p = key('p');
    const f = key('f');
    const s = await setup([{ sim: { name: 'billing', keys: [p, f] }, primary: p, fallback: f }]);
    const report = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT });
    assert.equal(only(report).verdict, 'safe-to-promote');
    assert.deepEqual(classes(report), ['valid', 'valid']);
    assert.equal(only(report).slots[0]!.rounds.length, 3);
    assert.equal(report.summary.safe, 1);
    assert.equal(sim.requestLog.length, 6);
  });

  it('a propagating key is reported as wait (401 401 200), then safe once it propagates', async () => {
    const p = key('p');
    const f = key('f');
    const s = await setup([{ sim: { name: 'maps', auth: { type: 'header', name: 'x-api-key' }, keys: [p, { value: f, propagation: { requests: 2 } }] }, primary: p, fallback: f }]);
    const first = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT });
    assert.equal(only(first).verdict, 'wait-for-propagation');
    assert.deepEqual(classes(first), ['valid', 'not-yet-valid']);
    assert.match(only(first).reason, /fallback: 401 401 200/);
    const second = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT });
    assert.equal(only(second).verdict, 'safe-to-promote');
  });

  it('a propagation delay in seconds: wait, then safe', async () => {
    const p = key('p');
    const f = key('f');
    const s = await setup([{ sim: { name: 'maps', keys: [p, { value: f, propagation: { seconds: 0.25 } }] }, primary: p, fallback: f }]);
    const first = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, rounds: 4, intervalMs: 100 });
    assert.equal(only(first).verdict, 'wait-for-propagation');
    await sleep(100);
    assert.equal(only(await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, rounds: 2 })).verdict, 'safe-to-promote');
  });

  it('intermittent fallback (200 401 200 401) → wait-for-propagation; a flapping primary → incident', async () => {
    const p = key('p');
    const f = key('f');
    // concurrency 1 serialises the requests P1 F1 P2 F2 …; the flap (3 up, 1 down) hits F2 and F4 only.
    const s = await setup([{ sim: { name: 'flappy', keys: [p, f], behaviour: { flap: { up: 3, down: 1, status: 401 } } }, primary: p, fallback: f }]);
    const report = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, rounds: 4, settings: { concurrency: 1 } });
    assert.deepEqual(classes(report), ['valid', 'intermittent']);
    assert.equal(only(report).verdict, 'wait-for-propagation');
    assert.match(only(report).reason, /fallback: 200 401 200 401/);
    sim.admin.reset();
    // 2 up, 2 down: P1 F1 up, P2 F2 down, P3 F3 up, P4 F4 down — the primary itself is failing half the time
    sim.admin.setBehaviour('flappy', { flap: { up: 2, down: 2, status: 401 } });
    const flapping = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, rounds: 4, settings: { concurrency: 1 } });
    assert.deepEqual(classes(flapping), ['intermittent', 'intermittent']);
    assert.equal(only(flapping).verdict, 'incident');
    assert.match(only(flapping).reason, /rejected in 2 of 4 rounds/);
  });

  it('do-not-remove-old-key: the fallback is rejected, or there is none', async () => {
    const p = key('p');
    const f = key('f');
    const s = await setup([
      { sim: { name: 'weather', auth: { type: 'query', name: 'appid' }, keys: [p, { value: f, revoked: true }] }, primary: p, fallback: f },
      { sim: { name: 'lonely', keys: [p] }, primary: p },
    ]);
    const report = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT });
    assert.deepEqual(report.targets.map((t) => t.verdict), ['do-not-remove-old-key', 'do-not-remove-old-key']);
    assert.deepEqual(report.targets[0]!.slots.map((x) => x.classification), ['valid', 'rejected']);
    assert.deepEqual(report.targets[1]!.slots.map((x) => x.classification), ['valid', 'missing']);
    assert.match(report.targets[1]!.reason, /no fallback key/);
  });

  it('incident: the primary is rejected (revoked)', async () => {
    const p = key('p');
    const f = key('f');
    const s = await setup([{ sim: { name: 'billing', keys: [{ value: p, revoked: true }, f] }, primary: p, fallback: f }]);
    const t = only(await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT }));
    assert.equal(t.verdict, 'incident');
    assert.match(t.reason, /rejected in 3 of 3 rounds.*the fallback works/);
  });

  it('unknown outcomes are retried within the budget (500, 500, 200 → valid)', async () => {
    const p = key('p');
    const s = await setup([{ sim: { name: 'billing', keys: [p], behaviour: { failNext: { count: 2, status: 500 } } }, primary: p }]);
    const t = only(await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, retryDelayMs: 5, rounds: 2 }));
    assert.equal(t.slots[0]!.classification, 'valid');
    assert.deepEqual(t.slots[0]!.rounds.map((r) => r.attempts), [3, 1]);
  });

  it('unknown after the retry budget is spent → inconclusive, never a failure', async () => {
    const p = key('p');
    const f = key('f');
    const s = await setup([{ sim: { name: 'billing', keys: [p, f], behaviour: { failNext: { count: 1000, status: 502 } } }, primary: p, fallback: f }]);
    const report = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, retryDelayMs: 1, settings: { retryBudget: 1 } });
    assert.deepEqual(classes(report), ['unknown', 'unknown']);
    assert.equal(only(report).verdict, 'inconclusive');
    assert.equal(sim.requestLog.length, 8, '3 rounds + 1 retry, per slot');
  });

  it('rate limits honour Retry-After and are never a failure', async () => {
    const p = key('p');
    const f = key('f');
    const s = await setup([{ sim: { name: 'billing', keys: [p, f], behaviour: { rateLimit: { next: 1, retryAfterSeconds: 0 } } }, primary: p, fallback: f }]);
    const report = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, rounds: 1 });
    assert.equal(only(report).verdict, 'safe-to-promote');
    assert.deepEqual(only(report).slots.map((x) => x.rounds[0]!.attempts).sort(), [1, 2]);
    sim.admin.setBehaviour('billing', { rateLimit: { limit: 0, retryAfterSeconds: 60 } });
    const limited = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, rounds: 2, settings: { maxRetryAfterMs: 1000 } });
    assert.deepEqual(classes(limited), ['rate-limited', 'rate-limited']);
    assert.equal(only(limited).verdict, 'inconclusive');
    assert.equal(only(limited).slots[0]!.rounds[0]!.retryAfterMs, 60_000);
  });

  it('misconfigured probe (404) → inconclusive with the reason', async () => {
    const p = key('p');
    const s = await setup([{ sim: { name: 'billing', keys: [p] }, primary: p, path: '/wrong/path' }]);
    const t = only(await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, rounds: 1 }));
    assert.equal(t.slots[0]!.classification, 'misconfigured');
    assert.equal(t.verdict, 'inconclusive');
    assert.match(t.reason, /misconfigured.*404/);
  });

  it('an unapproved service gets no request at all (the simulator log proves it)', async () => {
    const p = key('p');
    const s = await setup([
      { sim: { name: 'approved', keys: [p] }, primary: p, fallback: p },
      { sim: { name: 'stranger', keys: [p] }, primary: p, fallback: p },
    ]);
    const approvals = memoryApprovals([{ service: 'approved', host: new URL(sim.url).host }]);
    const report = await runDryRun({ services: s.configs, keys: s.keys, approvals, salt: SALT, rounds: 1 });
    assert.deepEqual(report.targets.map((t) => t.verdict), ['safe-to-promote', 'needs-approval']);
    assert.deepEqual([...new Set(sim.requestLog.map((e) => e.service))], ['approved']);
    const none = await runDryRun({ services: s.configs, keys: s.keys, approvals: memoryApprovals(), salt: SALT });
    assert.deepEqual(none.targets.map((t) => t.verdict), ['needs-approval', 'needs-approval']);
    assert.equal(sim.requestLog.length, 2, 'no new request');
  });

  it('an approval revoked during the run stops further requests (needs-approval)', async () => {
    const p = key('p');
    const s = await setup([{ sim: { name: 'billing', keys: [p] }, primary: p, fallback: p }]);
    let checks = 0;
    const approvals = { isApproved: () => ++checks <= 3 }; // the run's own check, then the first round's two probes
    const t = only(await runDryRun({ services: s.configs, keys: s.keys, approvals, salt: SALT }));
    assert.equal(t.verdict, 'needs-approval');
    assert.equal(sim.requestLog.length, 2, 'only the first round went out');
  });

  it('a hanging endpoint times out without delaying the others', async () => {
    const p = key('p');
    const services = [{ sim: { name: 'stuck', keys: [p], behaviour: { hang: true } }, primary: p, fallback: p }];
    for (let i = 0; i < 10; i++) services.push({ sim: { name: `fast${i}`, keys: [p], behaviour: { hang: false } }, primary: p, fallback: p });
    const s = await setup(services);
    // Generous, so a loaded machine still finishes the fast services first; only the order is asserted, not a duration.
    s.configs[0]!.probe.timeoutMs = 3000;
    const order: string[] = [];
    const report = await runDryRun({
      services: s.configs,
      keys: s.keys,
      approvals: s.approvals,
      salt: SALT,
      rounds: 1,
      settings: { concurrency: 4, retryBudget: 0 },
      onProgress: (e: DryRunEvent) => void order.push(e.type === 'target' ? `done ${e.target.service}` : `round ${e.service} ${e.result.errorClass ?? e.result.outcome}`),
    });
    const stuck = report.targets.find((t) => t.service === 'stuck')!;
    assert.deepEqual(stuck.slots.map((x) => x.classification), ['unknown', 'unknown']);
    assert.equal(stuck.slots[0]!.rounds[0]!.errorClass, 'timeout');
    // The stuck service holds two of the four probe slots while it hangs; the fast ones share the other two.
    const firstTimeout = order.indexOf('round stuck timeout');
    assert.ok(firstTimeout >= 0, order.join(', '));
    for (let i = 0; i < 10; i++) {
      const done = order.indexOf(`done fast${i}`);
      assert.ok(done >= 0 && done < firstTimeout, `fast${i} finished before the hanging probe timed out: ${order.join(', ')}`);
    }
    assert.equal(report.summary.safe, 10);
  });

  it('100 services are probed concurrently, never more at once than the limit', async () => {
    const p = key('p');
    const f = key('f');
    // A little latency keeps each request open long enough for the overlap to show at the server.
    const s = await setup(Array.from({ length: 100 }, (_, i) => ({ sim: { name: `svc${i}`, keys: [p, f], behaviour: { latencyMs: 20 } }, primary: p, fallback: f })));
    let maxInFlight = 0;
    const poll = setInterval(() => (maxInFlight = Math.max(maxInFlight, sim.inFlight())), 2);
    try {
      const report = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, settings: { concurrency: 16 } });
      assert.equal(report.summary.safe, 100);
    } finally {
      clearInterval(poll);
    }
    assert.equal(sim.requestLog.length, 600);
    assert.ok(maxInFlight <= 16, `at most 16 requests in flight (${maxInFlight})`);
    // One service at a time would give at most 2 (its primary and fallback); the speed figure itself is left to bench/.
    assert.ok(maxInFlight >= 8, `requests ran concurrently across services (${maxInFlight} at once)`);
  });

  it('cancellation stops every request, wait and retry', async () => {
    const p = key('p');
    // Answers come long after the cancellation: a run that waited for its in-flight requests would log them.
    const s = await setup(Array.from({ length: 20 }, (_, i) => ({ sim: { name: `slow${i}`, keys: [p], behaviour: { latencyMs: 10_000 } }, primary: p, fallback: p })));
    // Nor may the probes' own timeout close them: only the cancellation can.
    for (const c of s.configs) c.probe.timeoutMs = 60_000;
    const controller = new AbortController();
    const running = runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, signal: controller.signal, settings: { concurrency: 8 } });
    await waitFor(() => sim.inFlight() === 8, 10_000, '8 requests in flight');
    controller.abort();
    const report = await running;
    assert.equal(sim.requestLog.length, 0, 'returned before any in-flight request was answered');
    assert.equal(report.cancelled, true);
    assert.ok(report.targets.every((t) => t.verdict === 'inconclusive'));
    await waitFor(() => sim.inFlight() === 0, 10_000, 'in-flight requests to close');
    await sleep(200);
    // A slow request is logged only when answered; one sent after the cancellation would show as in flight.
    assert.equal(sim.inFlight(), 0, 'no request after cancellation');
    assert.equal(sim.requestLog.length, 0, 'no request after cancellation');
  });

  it('environments: only those asked for; keys read per environment', async () => {
    const p = key('p');
    const s = await setup([{ sim: { name: 'billing', keys: [p] }, primary: p, fallback: p }]);
    s.configs[0]!.environments = [{ name: 'dev' }, { name: 'prod', url: `${sim.url}/billing/prod` }];
    const both = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, rounds: 1 });
    assert.deepEqual(both.targets.map((t) => `${t.environment}:${t.url.replace(sim.url, '')}`), ['dev:/billing/v1/me', 'prod:/billing/prod']);
    const prod = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, rounds: 1, environments: ['prod'] });
    assert.deepEqual(prod.targets.map((t) => t.environment), ['prod']);
  });

  it('no output of any kind contains a key: report, JSON, Markdown, text, progress events, simulator log', async () => {
    const p = key('p');
    const f = key('f');
    const q = key('q');
    const s = await setup([
      { sim: { name: 'billing', keys: [p, { value: f, propagation: { requests: 1 } }] }, primary: p, fallback: f },
      { sim: { name: 'weather', auth: { type: 'query', name: 'appid' }, keys: [{ value: q, revoked: true }] }, primary: q, fallback: f },
      { sim: { name: 'broken', keys: [p], behaviour: { failNext: { count: 100 } } }, primary: p, fallback: f },
    ]);
    const events: DryRunEvent[] = [];
    const report = await runDryRun({ services: s.configs, keys: s.keys, approvals: s.approvals, salt: SALT, retryDelayMs: 1, onProgress: (e) => void events.push(e) });
    assertNoKeys(report, keys, 'report');
    assertNoKeys(reportToJson(report), keys, 'JSON export');
    assertNoKeys(renderMarkdown(report), keys, 'Markdown');
    assertNoKeys(renderText(report), keys, 'text table');
    assertNoKeys(events, keys, 'progress events');
    assertNoKeys(sim.requestLog, keys, 'simulator log');
    assert.match(report.targets[0]!.slots[0]!.keyFingerprint!, /^rk1:[0-9a-f]{16}$/);
    assert.match(report.targets[0]!.slots[0]!.keyRedacted!, /^billing…/);
  });
});
