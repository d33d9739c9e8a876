import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { AlertDispatcher, AlertEvent } from '../../../../src/core/alerts/index';
import { IncidentTracker, pagerDutyDedupKey, pagerDutySink, routeBySeverity } from '../../../../src/core/alerts/channels/index';
import { assertNoKeys, testKey } from '../../probe/helpers';
import { alert, fastRetry, intake, mapSecrets, Received } from './helpers';

/**
 * The request shape of PagerDuty Events API v2 (developer.pagerduty.com, "Send an Alert Event"):
 * what the real endpoint answers 400 to.
 */
export function eventsV2Problem(r: Received): string | undefined {
  if (r.path !== '/v2/enqueue') return `path ${r.path}`;
  if (!/^application\/json/.test(String(r.headers['content-type']))) return 'content-type';
  const e = r.json;
  if (!e || typeof e !== 'object') return 'body is not JSON';
  const allowed = ['routing_key', 'event_action', 'dedup_key', 'payload', 'images', 'links', 'client', 'client_url'];
  const extra = Object.keys(e).filter((k) => !allowed.includes(k));
  if (extra.length) return `unknown properties ${extra.join(',')}`;
  if (typeof e.routing_key !== 'string' || e.routing_key.length !== 32) return 'routing_key must be the 32-character integration key';
  if (!['trigger', 'acknowledge', 'resolve'].includes(e.event_action)) return 'event_action';
  if (e.dedup_key !== undefined && (typeof e.dedup_key !== 'string' || e.dedup_key.length > 255)) return 'dedup_key';
  if (e.event_action !== 'trigger') return e.dedup_key ? undefined : 'dedup_key is required to acknowledge or resolve';
  const p = e.payload;
  if (!p || typeof p !== 'object') return 'payload is required for trigger';
  if (typeof p.summary !== 'string' || p.summary.length < 1 || p.summary.length > 1024) return 'payload.summary';
  if (typeof p.source !== 'string' || !p.source) return 'payload.source';
  if (!['critical', 'error', 'warning', 'info'].includes(p.severity)) return 'payload.severity';
  if (p.timestamp !== undefined && Number.isNaN(Date.parse(p.timestamp))) return 'payload.timestamp';
  for (const k of ['component', 'group', 'class']) if (p[k] !== undefined && typeof p[k] !== 'string') return `payload.${k}`;
  if (p.custom_details !== undefined && typeof p.custom_details !== 'object') return 'payload.custom_details';
  return undefined;
}

describe('channels: PagerDuty Events API v2', () => {
  const routingKey = randomBytes(16).toString('hex');
  const secrets = mapSecrets({ 'pagerduty-routing': routingKey });

  it('triggers with a stable dedup key per service and environment, then resolves the same incident', async () => {
    const pd = await intake({ validate: eventsV2Problem });
    const probed = [testKey('primary'), testKey('fallback')];
    let now = 1_000_000;
    const tracker = new IncidentTracker();
    const sink = pagerDutySink({ routingKeySecret: 'pagerduty-routing', secrets, url: `${pd.base}/v2/enqueue` });
    const dispatcher = new AlertDispatcher({ sinks: [sink], dedupWindowMs: 60_000, maxPerServicePerWindow: 10, secrets: () => probed, now: () => now, retry: fastRetry });
    try {
      const first = alert();
      assert.equal((await dispatcher.dispatch(first)).status, 'sent');
      tracker.triggered(first);
      now += 61_000;
      // Later run, different wording: still the same incident.
      const second = alert({ error: 'signal spike (key revoked or expired?): spike of 401s', source: 'monitor' });
      assert.equal((await dispatcher.dispatch(second)).status, 'sent');
      tracker.triggered(second);
      assert.equal(tracker.healthy('billing-api', 'staging'), undefined, 'no incident in staging: nothing to resolve');
      const resolve = tracker.healthy('billing-api', 'prod', new Date(now));
      assert.ok(resolve);
      assert.equal(tracker.healthy('billing-api', 'prod'), undefined, 'resolved once');
      assert.equal((await dispatcher.dispatch(resolve)).status, 'sent');

      assert.deepEqual(pd.rejected, []);
      assert.equal(pd.accepted.length, 3);
      const [t1, t2, r] = pd.accepted.map((x) => x.json);
      assert.equal(t1.event_action, 'trigger');
      assert.equal(t2.event_action, 'trigger');
      assert.equal(r.event_action, 'resolve');
      assert.equal(t1.dedup_key, 'rotation-ready/billing-api/prod');
      assert.equal(t2.dedup_key, t1.dedup_key);
      assert.equal(r.dedup_key, t1.dedup_key);
      assert.equal(t1.routing_key, routingKey);
      assert.equal(t1.payload.severity, 'critical', 'primary rejected: an incident');
      assert.equal(t1.payload.component, 'billing-api');
      assert.equal(t1.payload.group, 'prod');
      assert.equal(t1.payload.custom_details.key_fingerprint, 'rk1:0123456789abcdef');
      assert.match(t1.payload.custom_details.next_step, /promote/i);
      assert.equal(t2.payload.class, 'spike');
      assert.deepEqual(Object.keys(r).sort(), ['dedup_key', 'event_action', 'routing_key']);
      for (const x of pd.requests) assertNoKeys(x.body, probed, 'PagerDuty event');
    } finally {
      await pd.close();
    }
  });

  it('maps severity: critical for a failing primary or a spike, warning for propagation', async () => {
    const pd = await intake({ validate: eventsV2Problem });
    const sink = pagerDutySink({ routingKeySecret: 'pagerduty-routing', secrets, url: `${pd.base}/v2/enqueue` });
    const dispatcher = new AlertDispatcher({ sinks: [sink], dedupWindowMs: 60_000, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry });
    try {
      await dispatcher.dispatch(alert({ service: 'a' }));
      await dispatcher.dispatch(alert({ service: 'b', slot: 'fallback', error: 'signal intermittent (key still propagating?): fallback: valid/rejected', status: undefined as never }));
      await dispatcher.dispatch(alert({ service: 'c', slot: 'fallback', signal: 'spike' }));
      await dispatcher.dispatch(alert({ service: 'd', slot: 'fallback', error: 'fallback key rejected (HTTP 401) in 3 of 3 rounds' }));
      const bySvc = Object.fromEntries(pd.accepted.map((x) => [x.json.payload.component, x.json.payload.severity]));
      assert.deepEqual(bySvc, { a: 'critical', b: 'warning', c: 'critical', d: 'warning' });
    } finally {
      await pd.close();
    }
  });

  it('routes by severity: with minSeverity critical, propagation warnings never page', async () => {
    const pd = await intake({ validate: eventsV2Problem });
    const sink = routeBySeverity(pagerDutySink({ routingKeySecret: 'pagerduty-routing', secrets, url: `${pd.base}/v2/enqueue` }), 'critical');
    const dispatcher = new AlertDispatcher({ sinks: [sink], dedupWindowMs: 60_000, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry });
    try {
      const warn = await dispatcher.dispatch(alert({ slot: 'fallback', signal: 'intermittent', error: 'intermittent' }));
      assert.deepEqual(warn.deliveries, []);
      await dispatcher.dispatch(alert());
      assert.equal(pd.requests.length, 1);
      assert.equal(pd.requests[0]!.json.payload.severity, 'critical');
    } finally {
      await pd.close();
    }
  });

  it('retries 5xx and 429 with back-off, gives up on 400 at once', async () => {
    const pd = await intake({ statuses: [500, 429] });
    const events: AlertEvent[] = [];
    const sink = pagerDutySink({ routingKeySecret: 'pagerduty-routing', secrets, url: `${pd.base}/v2/enqueue` });
    const dispatcher = new AlertDispatcher({ sinks: [sink], dedupWindowMs: 60_000, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry, onEvent: (e) => events.push(e) });
    try {
      const res = await dispatcher.dispatch(alert());
      assert.equal(res.status, 'sent');
      assert.equal(res.deliveries[0]!.attempts, 3);
      const gaps = pd.requests.slice(1).map((r, i) => r.at - pd.requests[i]!.at);
      assert.ok(gaps[0]! >= 15 && gaps[1]! >= 35, `back-off doubles: ${gaps.join(', ')} ms`);
      assert.deepEqual(events.filter((e) => e.type === 'retry').map((e) => (e as { error: string }).error), ['pagerduty: HTTP 500', 'pagerduty: HTTP 429']);
    } finally {
      await pd.close();
    }
    const bad = await intake({ statuses: [400] });
    try {
      const d = new AlertDispatcher({ sinks: [pagerDutySink({ routingKeySecret: 'pagerduty-routing', secrets, url: `${bad.base}/v2/enqueue` })], dedupWindowMs: 1, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry });
      const res = await d.dispatch(alert());
      assert.equal(res.status, 'failed');
      assert.equal(res.deliveries[0]!.attempts, 1);
    } finally {
      await bad.close();
    }
  });

  it('reads the routing key from the keychain at delivery; a missing entry fails once with where to put it, sending nothing', async () => {
    const pd = await intake();
    const empty = mapSecrets({});
    const sink = pagerDutySink({ routingKeySecret: 'pagerduty-routing', secrets: empty, url: `${pd.base}/v2/enqueue` });
    const d = new AlertDispatcher({ sinks: [sink], dedupWindowMs: 1, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry });
    try {
      const res = await d.dispatch(alert());
      assert.equal(res.status, 'failed');
      assert.equal(res.deliveries[0]!.attempts, 1);
      assert.match(res.deliveries[0]!.error!, /no routing key in the keychain \(keychain entry 'pagerduty-routing'\)/);
      assert.equal(pd.requests.length, 0);
      assert.deepEqual(empty.reads, ['pagerduty-routing']);
      // The rendered payload (what the guard inspects) never holds the routing key.
      assert.ok(!sink.render(alert()).includes('routing_key'));
    } finally {
      await pd.close();
    }
  });

  it('dedup keys are stable and distinct per service and environment', () => {
    assert.equal(pagerDutyDedupKey({ service: 'a', environment: 'prod' }), pagerDutyDedupKey(alert({ service: 'a', environment: 'prod', error: 'other' })));
    assert.notEqual(pagerDutyDedupKey({ service: 'a', environment: 'prod' }), pagerDutyDedupKey({ service: 'a', environment: 'dev' }));
  });
});
