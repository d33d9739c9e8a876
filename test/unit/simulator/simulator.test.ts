import * as assert from 'node:assert/strict';
import { Simulator, SimulatorConfig, simFingerprint, startSimulator } from '../../../src/simulator/index';
import { assertNoKeys, sleep, testKey, waitFor } from '../probe/helpers';

describe('provider simulator', () => {
  let sim: Simulator;
  const k = {
    bearer: testKey('bearer'),
    header: testKey('header'),
    query: testKey('query'),
    basic: testKey('basic'),
    old: testKey('old'),
  };
  const allKeys = Object.values(k);
  const config = (): SimulatorConfig => ({
    services: [
      { name: 'billing', auth: { type: 'bearer' }, keys: [{ label: 'primary', value: k.bearer }, { label: 'old', value: k.old, revoked: true }] },
      { name: 'maps', auth: { type: 'header', name: 'x-api-key' }, keys: [{ label: 'primary', value: k.header }] },
      { name: 'weather', auth: { type: 'query', name: 'appid' }, keys: [{ label: 'primary', value: k.query }] },
      { name: 'search', basePath: '/v2/search', auth: { type: 'basic' }, keys: [{ label: 'primary', value: k.basic }] },
    ],
  });

  beforeEach(async () => {
    sim = await startSimulator(config());
  });
  afterEach(async () => {
    await sim.close();
  });

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const status = async (url: string, headers: Record<string, string> = {}) => (await fetch(url, { headers })).status;
  const admin = async (path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}/__admin/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('listens on 127.0.0.1 on a free port and answers health', async () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual((await admin('health')).json, { ok: true });
  });

  it('accepts the key as a bearer token, a named header, a query parameter or basic auth', async () => {
    assert.equal(await status(sim.serviceUrl('billing', '/v1/me'), bearer(k.bearer)), 200);
    assert.equal(await status(sim.serviceUrl('maps', '/geo'), { 'x-api-key': k.header }), 200);
    assert.equal(await status(`${sim.serviceUrl('weather', '/now')}?appid=${k.query}`), 200);
    const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });
    assert.equal(await status(sim.serviceUrl('search'), basic(k.basic, '')), 200);
    assert.equal(await status(sim.serviceUrl('search'), basic('api', k.basic)), 200);
  });

  it('answers 401 for a missing, unknown, wrongly placed or revoked key, and 404 outside any service', async () => {
    assert.equal(await status(sim.serviceUrl('billing')), 401);
    assert.equal(await status(sim.serviceUrl('billing'), bearer(testKey())), 401);
    assert.equal(await status(sim.serviceUrl('maps'), bearer(k.header)), 401, 'maps expects x-api-key');
    assert.equal(await status(sim.serviceUrl('billing'), bearer(k.old)), 401);
    assert.equal(await status(`${sim.url}/nowhere`, bearer(k.bearer)), 404);
    assert.deepEqual(
      sim.requestLog.map((e) => e.reason),
      ['missing-key', 'unknown-key', 'missing-key', 'revoked', 'not-found'],
    );
  });

  it('revokes a key through the admin route (401, or 403 when configured)', async () => {
    assert.equal(await status(sim.serviceUrl('billing'), bearer(k.bearer)), 200);
    assert.deepEqual((await admin('services/billing/keys/revoke', { label: 'primary' })).json, { revoked: 1 });
    assert.equal(await status(sim.serviceUrl('billing'), bearer(k.bearer)), 401);
    await admin('services/billing/behaviour', { revokedStatus: 403 });
    assert.equal(await status(sim.serviceUrl('billing'), bearer(k.bearer)), 403);
    await admin('services/billing/reset', {});
    assert.equal(await status(sim.serviceUrl('billing'), bearer(k.bearer)), 200);
  });

  it('accepts a newly added key only after its first N requests', async () => {
    const fresh = testKey('fresh');
    await admin('services/billing/keys', { value: fresh, label: 'fallback', propagation: { requests: 2 } });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await status(sim.serviceUrl('billing'), bearer(fresh)));
    assert.deepEqual(seen, [401, 401, 200, 200]);
    assert.deepEqual(sim.requestLog.map((e) => e.reason), ['propagating', 'propagating', 'ok', 'ok']);
  });

  it('accepts a newly added key only after N seconds', async () => {
    const fresh = testKey('fresh');
    sim.admin.addKey('billing', { value: fresh, propagation: { seconds: 0.15 } });
    assert.equal(await status(sim.serviceUrl('billing'), bearer(fresh)), 401);
    assert.equal(sim.admin.services()[0]!.keys.find((x) => x.fingerprint === simFingerprint(fresh))!.state, 'propagating');
    await sleep(200);
    assert.equal(await status(sim.serviceUrl('billing'), bearer(fresh)), 200);
  });

  it('rate-limits with 429 and Retry-After: the next N requests, or more than `limit` per window', async () => {
    await admin('services/billing/behaviour', { rateLimit: { next: 2, retryAfterSeconds: 7 } });
    const res = await fetch(sim.serviceUrl('billing'), { headers: bearer(k.bearer) });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
    assert.equal(await status(sim.serviceUrl('billing'), bearer(k.bearer)), 429);
    assert.equal(await status(sim.serviceUrl('billing'), bearer(k.bearer)), 200);
    sim.admin.setBehaviour('billing', { rateLimit: { limit: 2, windowMs: 10_000 } });
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(await status(sim.serviceUrl('billing'), bearer(k.bearer)));
    assert.deepEqual(seen, [200, 200, 429]);
  });

  it('fails the next N requests (500, 500, 200), and flaps up/down', async () => {
    sim.admin.setBehaviour('maps', { failNext: { count: 2 } });
    const h = { 'x-api-key': k.header };
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(await status(sim.serviceUrl('maps'), h));
    assert.deepEqual(seen, [500, 500, 200]);
    sim.admin.setBehaviour('maps', { failNext: null, flap: { up: 1, down: 2, status: 401 } });
    const flaps = [];
    for (let i = 0; i < 6; i++) flaps.push(await status(sim.serviceUrl('maps'), h));
    assert.deepEqual(flaps, [200, 401, 401, 200, 401, 401]);
  });

  it('is slow on demand, and hangs without blocking other services or close()', async () => {
    sim.admin.setBehaviour('billing', { latencyMs: 120 });
    const t0 = Date.now();
    assert.equal(await status(sim.serviceUrl('billing'), bearer(k.bearer)), 200);
    assert.ok(Date.now() - t0 >= 100);
    sim.admin.setBehaviour('billing', { latencyMs: null, hang: true });
    const hung = fetch(sim.serviceUrl('billing'), { headers: bearer(k.bearer), signal: AbortSignal.timeout(150) }).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    await waitFor(() => sim.inFlight() === 1, undefined, 'the hanging request');
    assert.equal(await status(sim.serviceUrl('maps'), { 'x-api-key': k.header }), 200, 'other services still answer');
    assert.equal(await hung, 'TimeoutError');
    sim.admin.setBehaviour('billing', { hang: true });
    const orphan = fetch(sim.serviceUrl('billing'), { headers: bearer(k.bearer) }).then(
      () => 'answered',
      () => 'closed',
    );
    await waitFor(() => sim.inFlight() === 1, undefined, 'the hanging request');
    // This request would hang for ever and has no timeout of its own: close() returning at all means it ended it.
    await sim.close();
    assert.equal(await orphan, 'closed', 'close() ends hanging requests');
    await waitFor(() => sim.inFlight() === 0, undefined, 'the closed request to be counted out');
  });

  it('logs method, path, service, label, fingerprint and status, never a key value', async () => {
    await status(sim.serviceUrl('billing', '/v1/me'), bearer(k.bearer));
    await status(`${sim.serviceUrl('weather', '/now')}?appid=${k.query}&city=x`);
    await status(sim.serviceUrl('search'), { authorization: `Basic ${Buffer.from(`${k.basic}:`).toString('base64')}` });
    await status(sim.serviceUrl('billing'), bearer(k.old));
    const [first, second] = sim.requestLog;
    assert.equal(first!.method, 'GET');
    assert.equal(first!.path, '/billing/v1/me');
    assert.equal(first!.service, 'billing');
    assert.equal(first!.keyLabel, 'primary');
    assert.equal(first!.keyFingerprint, simFingerprint(k.bearer));
    assert.equal(first!.status, 200);
    assert.equal(second!.path, '/weather/now', 'the query string (which may carry the key) is not logged');
    const httpLog = await admin('log');
    assert.equal((httpLog.json.entries as unknown[]).length, 4);
    assertNoKeys(sim.requestLog, allKeys, 'request log');
    assertNoKeys(httpLog.json, allKeys, 'GET /__admin/log');
    assertNoKeys((await admin('services')).json, allKeys, 'GET /__admin/services');
    assertNoKeys(sim.admin.services(), allKeys, 'admin.services()');
  });

  it('rejects bad admin requests with a reason', async () => {
    assert.equal((await admin('services/nope/keys', { value: 'x' })).status, 404);
    assert.equal((await admin('services/billing/keys', {})).status, 400);
    assert.equal((await admin('services/billing/keys/revoke', {})).status, 400);
    assert.equal((await admin('nothing-here')).status, 404);
    const bad = await admin('services/billing/behaviour', { latencyMs: 'slow', flap: { up: 1 }, nope: true });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.error), /latencyMs: expected a number; flap: missing 'down'; nope: unknown property/);
    assert.equal((await admin('services/billing/keys', { value: 'x', propagation: { seconds: -1 } })).status, 400);
    assert.equal((await admin('services/billing/behaviour', { latencyMs: null })).status, 200, 'null clears');
  });
});

describe('provider simulator: a provider API route answers as the real API (SendGrid mail send)', () => {
  let sim: Simulator;
  const primary = testKey('primary');
  const revoked = testKey('revoked');
  before(async () => {
    sim = await startSimulator({ services: [{ name: 'sendgrid', basePath: '/sg', provider: 'sendgrid', auth: { type: 'bearer' }, keys: [{ label: 'primary', value: primary }, { label: 'old', value: revoked, revoked: true }] }] });
  });
  after(() => sim.close());
  const message = { personalizations: [{ to: [{ email: 'to@example.com' }] }], from: { email: 'from@example.com' }, subject: 'Hello', content: [{ type: 'text/plain', value: 'Hi' }] };
  const send = (key: string, body: unknown, method = 'POST') =>
    fetch(`${sim.url}/sg/v3/mail/send`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(method === 'POST' ? { body: JSON.stringify(body) } : {}) });

  it('a valid message with a valid key: 202 Accepted, an empty body and an X-Message-Id', async () => {
    const res = await send(primary, message);
    assert.equal(res.status, 202);
    assert.equal(await res.text(), '');
    assert.match(res.headers.get('x-message-id') ?? '', /^[\w-]{22}$/);
    assert.deepEqual(sim.admin.log().at(-1)?.status, 202);
  });

  it('a revoked key: 401 with SendGrid\'s error body; no body is checked before the key', async () => {
    const res = await send(revoked, {});
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null }] });
  });

  it('a message without a sender, recipients, subject or content: 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...message, from: undefined }, 'from.email'],
      [{ ...message, personalizations: [] }, 'personalizations'],
      [{ ...message, subject: undefined }, 'subject'],
      [{ ...message, content: [] }, 'content'],
      ['not json', ''],
    ];
    for (const [body, field] of cases) {
      const res = await fetch(`${sim.url}/sg/v3/mail/send`, { method: 'POST', headers: { authorization: `Bearer ${primary}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      assert.equal(res.status, 400, field);
      const json = (await res.json()) as { errors: Array<{ field: string }> };
      assert.equal(json.errors[0]?.field, field);
    }
    // A template with its own subject needs neither subject nor content.
    assert.equal((await send(primary, { ...message, subject: undefined, content: undefined, template_id: 'd-123' })).status, 202);
    assert.equal(sim.admin.log().at(-1)?.reason, 'ok');
  });

  it('the route takes its own method; the probe endpoint keeps the preset\'s', async () => {
    assert.equal((await send(primary, undefined, 'GET')).status, 405);
    assert.equal((await fetch(`${sim.url}/sg/v3/scopes`, { headers: { authorization: `Bearer ${primary}` } })).status, 200);
    const wrong = await fetch(`${sim.url}/sg/v3/scopes`, { method: 'POST', headers: { authorization: `Bearer ${primary}` } });
    assert.equal(wrong.status, 405);
    assert.deepEqual(await wrong.json(), { errors: [{ message: 'method not allowed', field: null, help: null }] });
  });
});
