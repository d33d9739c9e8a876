import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotApprovedError, ProbeRequest, classifyStatus, memoryApprovals, parseRetryAfter, probe } from '../../../src/core/probe/index';
import { Simulator, startSimulator } from '../../../src/simulator/index';
import { assertNoKeys, testKey, waitFor } from './helpers';

describe('probe: one key, one request, one outcome', () => {
  let sim: Simulator;
  const key = testKey('p');
  const fresh = testKey('fresh');
  const host = () => new URL(sim.url).host;
  const approvals = () => memoryApprovals(['svc', 'hdr', 'qry', 'bas'].map((service) => ({ service, host: host() })));
  const req = (over: Partial<ProbeRequest> = {}): ProbeRequest => ({ service: 'svc', url: sim.serviceUrl('svc', '/v1/me'), method: 'GET', auth: { type: 'bearer' }, timeoutMs: 500, ...over });

  beforeEach(async () => {
    sim = await startSimulator({
      services: [
        { name: 'svc', auth: { type: 'bearer' }, keys: [{ label: 'primary', value: key }] },
        { name: 'hdr', auth: { type: 'header', name: 'x-api-key' }, keys: [key] },
        { name: 'qry', auth: { type: 'query', name: 'api_key' }, keys: [key] },
        { name: 'bas', auth: { type: 'basic' }, keys: [key] },
      ],
    });
  });
  afterEach(() => sim.close());

  it('valid: 200 with the key as bearer, header, query parameter or basic auth', async () => {
    const a = approvals();
    assert.equal((await probe(req(), key, { approvals: a })).outcome, 'valid');
    assert.equal((await probe(req({ service: 'hdr', url: sim.serviceUrl('hdr'), auth: { type: 'header', name: 'x-api-key' } }), key, { approvals: a })).outcome, 'valid');
    assert.equal((await probe(req({ service: 'qry', url: `${sim.serviceUrl('qry')}?city=x`, auth: { type: 'query', name: 'api_key' } }), key, { approvals: a })).outcome, 'valid');
    assert.equal((await probe(req({ service: 'bas', url: sim.serviceUrl('bas'), auth: { type: 'basic' } }), key, { approvals: a })).outcome, 'valid');
    assert.equal((await probe(req({ service: 'bas', url: sim.serviceUrl('bas'), auth: { type: 'basic', username: 'api' } }), key, { approvals: a })).outcome, 'valid');
  });

  it('rejected: 401 for an unknown or revoked key, 403 too', async () => {
    const r = await probe(req(), testKey(), { approvals: approvals() });
    assert.equal(r.outcome, 'rejected');
    assert.equal(r.status, 401);
    sim.admin.setBehaviour('svc', { revokedStatus: 403 });
    sim.admin.revokeKey('svc', { label: 'primary' });
    assert.deepEqual([(await probe(req(), key, { approvals: approvals() })).status], [403]);
  });

  it('rejected while a new key propagates, valid after', async () => {
    sim.admin.addKey('svc', { value: fresh, propagation: { requests: 1 } });
    assert.equal((await probe(req(), fresh, { approvals: approvals() })).outcome, 'rejected');
    assert.equal((await probe(req(), fresh, { approvals: approvals() })).outcome, 'valid');
  });

  it('rate-limited: 429 with Retry-After in milliseconds', async () => {
    sim.admin.setBehaviour('svc', { rateLimit: { next: 1, retryAfterSeconds: 3 } });
    const r = await probe(req(), key, { approvals: approvals() });
    assert.equal(r.outcome, 'rate-limited');
    assert.equal(r.retryAfterMs, 3000);
  });

  it('unknown: 5xx, timeout (hang), connection refused', async () => {
    sim.admin.setBehaviour('svc', { failNext: { count: 1, status: 503 } });
    const five = await probe(req(), key, { approvals: approvals() });
    assert.deepEqual([five.outcome, five.status, five.errorClass], ['unknown', 503, 'http-status']);
    sim.admin.setBehaviour('svc', { hang: true });
    const hung = await probe(req({ timeoutMs: 150 }), key, { approvals: approvals() });
    assert.deepEqual([hung.outcome, hung.errorClass], ['unknown', 'timeout']);
    // The simulator never answers a hanging request: the probe itself gave up and closed it.
    await waitFor(() => sim.inFlight() === 0, undefined, 'the timed-out request to close');
    const closed = await startSimulator({ services: [] });
    const url = `${closed.url}/svc`;
    await closed.close();
    const refused = await probe(req({ url }), key, { approvals: memoryApprovals([{ service: 'svc', host: new URL(url).host }]) });
    assert.deepEqual([refused.outcome, refused.errorClass, refused.detail], ['unknown', 'connection-refused', 'ECONNREFUSED']);
  });

  it('misconfigured: 404, and a redirect (never followed) to a login page', async () => {
    const nf = await probe(req({ url: `${sim.url}/no-such-service` }), key, { approvals: approvals() });
    assert.deepEqual([nf.outcome, nf.errorClass], ['misconfigured', 'not-found']);
    const seen: string[] = [];
    const login = createServer((r, res) => {
      seen.push(r.url ?? '');
      res.writeHead(302, { location: `http://127.0.0.1:${(login.address() as AddressInfo).port}/login` }).end();
    });
    await new Promise<void>((ok) => login.listen(0, '127.0.0.1', ok));
    const loginHost = `127.0.0.1:${(login.address() as AddressInfo).port}`;
    const r = await probe(req({ url: `http://${loginHost}/api`, auth: { type: 'query', name: 'k' } }), key, { approvals: memoryApprovals([{ service: 'svc', host: loginHost }]) });
    login.close();
    assert.deepEqual([r.outcome, r.errorClass, r.status], ['misconfigured', 'redirect', 302]);
    assert.equal(seen.length, 1, 'the redirect was not followed');
  });

  it('sends nothing to an unapproved host, or over plain http to a non-loopback host', async () => {
    await assert.rejects(probe(req(), key, { approvals: memoryApprovals() }), NotApprovedError);
    await assert.rejects(probe(req(), key, { approvals: memoryApprovals([{ service: 'other', host: host() }]) }), NotApprovedError);
    const insecure = await probe(req({ url: 'http://api.example.com/v1' }), key, { approvals: memoryApprovals([{ service: 'svc', host: 'api.example.com' }]) });
    assert.deepEqual([insecure.outcome, insecure.errorClass], ['misconfigured', 'insecure-url']);
    assert.equal(sim.requestLog.length, 0);
  });

  it('an aborted signal stops the request and rethrows', async () => {
    sim.admin.setBehaviour('svc', { hang: true });
    const controller = new AbortController();
    const pending = probe(req({ timeoutMs: 5000 }), key, { approvals: approvals(), signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await assert.rejects(pending, /stop/);
  });

  it('results never contain the key', async () => {
    const results = [
      await probe(req(), key, { approvals: approvals() }),
      await probe(req({ service: 'qry', url: sim.serviceUrl('qry'), auth: { type: 'query', name: 'api_key' } }), key, { approvals: approvals() }),
      await probe(req({ url: `${sim.url}/nope` }), key, { approvals: approvals() }),
    ];
    assertNoKeys(results, [key]);
  });

  it('classifies statuses and parses Retry-After', () => {
    assert.equal(classifyStatus(204, undefined).outcome, 'valid');
    assert.equal(classifyStatus(204, [200]).outcome, 'misconfigured');
    assert.equal(classifyStatus(418, undefined).outcome, 'misconfigured');
    assert.equal(classifyStatus(408, undefined).outcome, 'unknown');
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});
