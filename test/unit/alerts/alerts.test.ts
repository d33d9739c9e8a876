import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Alert,
  AlertDispatcher,
  AlertEvent,
  alertsFromReport,
  auditLogSink,
  createSinks,
  slackSink,
  webhookSink,
} from '../../../src/core/alerts/index';
import { containsSecret } from '../../../src/core/guard';
import { memoryApprovals, runDryRun } from '../../../src/core/probe/index';
import { startSimulator } from '../../../src/simulator/index';
import { assertNoKeys, mapKeySource, serviceConfig, testKey } from '../probe/helpers';
import { alert } from './channels/helpers';

/** A real webhook receiver on 127.0.0.1 that answers the given statuses in turn (then 200). */
async function receiver(statuses: number[] = []) {
  const bodies: string[] = [];
  const accepted: string[] = [];
  const headers: Array<Record<string, unknown>> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      headers.push(req.headers);
      const status = statuses.shift() ?? 200;
      if (status < 300) accepted.push(body);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/T000/B000/secretpath`;
  return { url, bodies, accepted, headers, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}


describe('alerts', () => {
  const fast = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

  it('reach a real local webhook exactly once per de-duplication window, with the exact payload', async () => {
    const hook = await receiver();
    let now = 1_000_000;
    const d = new AlertDispatcher({ sinks: [webhookSink(hook.url, { 'x-team': 'payments' })], dedupWindowMs: 60_000, maxPerServicePerWindow: 10, secrets: () => [], now: () => now, retry: fast });
    assert.equal((await d.dispatch(alert())).status, 'sent');
    assert.equal((await d.dispatch(alert())).status, 'deduplicated');
    now += 59_999;
    assert.equal((await d.dispatch(alert({ timestamp: '2026-01-02T03:05:05.000Z' }))).status, 'deduplicated', 'a new timestamp is the same alert');
    assert.equal(hook.bodies.length, 1);
    assert.equal(
      hook.bodies[0],
      '{"service":"billing-api","environment":"prod","error":"primary key rejected (HTTP 401) in 3 of 3 rounds","timestamp":"2026-01-02T03:04:05.000Z","fingerprint":"rk1:0123456789abcdef","slot":"primary","status":401,"source":"dry-run"}',
    );
    assert.equal(hook.headers[0]!['content-type'], 'application/json');
    assert.equal(hook.headers[0]!['x-team'], 'payments');
    now += 2;
    assert.equal((await d.dispatch(alert())).status, 'sent', 'a new window sends again');
    assert.equal(hook.bodies.length, 2);
    await hook.close();
  });

  it('Slack gets an incoming-webhook payload: { text }', async () => {
    const hook = await receiver();
    const d = new AlertDispatcher({ sinks: [slackSink(hook.url)], dedupWindowMs: 1000, maxPerServicePerWindow: 10, secrets: () => [], retry: fast });
    await d.dispatch(alert());
    assert.deepEqual(JSON.parse(hook.bodies[0]!), {
      text: ':rotating_light: Rotation Ready: billing-api (prod): primary key rejected (HTTP 401) in 3 of 3 rounds — key rk1:0123456789abcdef at 2026-01-02T03:04:05.000Z',
    });
    await hook.close();
  });

  it('retries a failing sink with back-off (500, 503, then 200) and delivers once', async () => {
    const hook = await receiver([500, 503]);
    const events: AlertEvent[] = [];
    const d = new AlertDispatcher({ sinks: [webhookSink(hook.url)], dedupWindowMs: 1000, maxPerServicePerWindow: 10, secrets: () => [], retry: fast, onEvent: (e) => void events.push(e) });
    const result = await d.dispatch(alert());
    assert.deepEqual(result, { status: 'sent', deliveries: [{ sink: 'webhook', ok: true, attempts: 3 }] });
    assert.equal(hook.bodies.length, 3);
    assert.equal(hook.accepted.length, 1);
    assert.deepEqual(events.map((e) => e.type), ['retry', 'retry', 'delivered']);
    assertNoKeys(events, [hook.url, '/hook/T000/B000/secretpath'], 'events (the webhook URL is a secret too)');
    await hook.close();
  });

  it('gives up on a non-retryable 4xx at once, and after the budget on 5xx; other sinks still deliver', async () => {
    const bad = await receiver([400]);
    const down = await receiver([500, 500, 500, 500]);
    const good = await receiver();
    const d = new AlertDispatcher({ sinks: [webhookSink(bad.url), slackSink(down.url), webhookSink(good.url)], dedupWindowMs: 1000, maxPerServicePerWindow: 10, secrets: () => [], retry: fast });
    const result = await d.dispatch(alert());
    assert.equal(result.status, 'partial');
    assert.deepEqual(result.deliveries.map((x) => [x.sink, x.ok, x.attempts, x.error]), [
      ['webhook', false, 1, 'webhook: HTTP 400'],
      ['slack', false, 4, 'slack: HTTP 500'],
      ['webhook', true, 1, undefined],
    ]);
    assertNoKeys(result, [bad.url, down.url], 'result');
    await Promise.all([bad.close(), down.close(), good.close()]);
  });

  it('rate-limits per service within the window', async () => {
    const hook = await receiver();
    const d = new AlertDispatcher({ sinks: [webhookSink(hook.url)], dedupWindowMs: 60_000, maxPerServicePerWindow: 2, secrets: () => [], retry: fast });
    const statuses = [];
    for (const error of ['a', 'b', 'c']) statuses.push((await d.dispatch(alert({ error }))).status);
    statuses.push((await d.dispatch(alert({ service: 'maps-api', error: 'a' }))).status);
    assert.deepEqual(statuses, ['sent', 'sent', 'rate-limited', 'sent']);
    assert.equal(hook.bodies.length, 3);
    await hook.close();
  });

  it('the redaction guard refuses any payload holding a known key (raw, JSON-escaped, URL-encoded, base64)', async () => {
    const hook = await receiver();
    const key = `${testKey('leak')}"/+`;
    const d = new AlertDispatcher({ sinks: [webhookSink(hook.url), slackSink(hook.url)], dedupWindowMs: 0, maxPerServicePerWindow: 100, secrets: () => [key], retry: fast });
    for (const form of [key, encodeURIComponent(key), Buffer.from(key).toString('base64')]) {
      const result = await d.dispatch(alert({ error: `rejected: ${form}` }));
      assert.equal(result.status, 'refused');
      assertNoKeys(result, [key]);
    }
    assert.equal(hook.bodies.length, 0, 'nothing left the process');
    assert.equal(containsSecret(JSON.stringify({ e: key }), [key]), true, 'JSON-escaped');
    assert.equal((await d.dispatch(alert())).status, 'sent');
    await hook.close();
  });

  it('appends JSON lines to an audit log (mode 0600)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-audit-'));
    const file = join(dir, 'logs/audit.jsonl');
    const d = new AlertDispatcher({ sinks: [auditLogSink(file)], dedupWindowMs: 1000, maxPerServicePerWindow: 10, secrets: () => [], retry: fast });
    await d.dispatch(alert());
    await d.dispatch(alert({ service: 'maps-api' }));
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Alert);
    assert.deepEqual(lines, [alert(), alert({ service: 'maps-api' })]);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('builds sinks from config: urlEnv, relative audit paths, notification callback; value-free errors', () => {
    const notes: string[] = [];
    const { sinks, errors } = createSinks(
      [
        { type: 'slack', urlEnv: 'SLACK_URL' },
        { type: 'webhook', urlEnv: 'MISSING_URL' },
        { type: 'webhook', url: 'http://hooks.example.com/secret-token' },
        { type: 'audit-log', path: 'audit.jsonl' },
        { type: 'notification' },
      ],
      { baseDir: '/ws', env: { SLACK_URL: 'https://hooks.slack.example/services/x' }, notify: (t) => void notes.push(t), approvals: memoryApprovals([{ service: 'alerts:slack', host: 'hooks.slack.example' }]) },
    );
    assert.deepEqual(sinks.map((s) => s.name), ['slack', 'audit-log:/ws/audit.jsonl', 'notification']);
    assert.equal(errors.length, 2);
    assert.match(errors[0]!, /MISSING_URL is not set/);
    assert.match(errors[1]!, /plain http to hooks.example.com/);
    assertNoKeys(errors, ['secret-token', 'services/x'], 'sink errors');
  });

  it('a dry-run incident raises alerts that reach the receiver once, holding a fingerprint and no key', async () => {
    const primary = testKey('p');
    const fallback = testKey('f');
    const sim = await startSimulator({ services: [{ name: 'billing-api', auth: { type: 'bearer' }, keys: [{ value: primary, revoked: true }, { value: fallback, propagation: { requests: 1 } }] }] });
    const hook = await receiver();
    const report = await runDryRun({
      services: [serviceConfig('billing-api', sim.serviceUrl('billing-api', '/v1/me'))],
      keys: mapKeySource({ 'billing-api/primary': primary, 'billing-api/fallback': fallback }),
      approvals: memoryApprovals([{ service: 'billing-api', host: new URL(sim.url).host }]),
      salt: 'salt',
    });
    const alerts = alertsFromReport(report, new Date('2026-01-02T03:04:05.000Z'));
    assert.deepEqual(
      alerts.map((a) => [a.slot, a.error]),
      [['primary', 'primary key rejected (HTTP 401) in 3 of 3 rounds']],
      'a propagating fallback raises nothing',
    );
    const d = new AlertDispatcher({ sinks: [webhookSink(hook.url)], dedupWindowMs: 60_000, maxPerServicePerWindow: 5, secrets: () => [primary, fallback], retry: fast });
    for (const a of [...alerts, ...alerts]) await d.dispatch(a);
    assert.equal(hook.bodies.length, 1);
    assert.deepEqual(JSON.parse(hook.bodies[0]!), { ...alerts[0], fingerprint: report.targets[0]!.slots[0]!.keyFingerprint });
    assertNoKeys(hook.bodies, [primary, fallback], 'webhook payloads');
    await Promise.all([hook.close(), sim.close()]);
  });
});
