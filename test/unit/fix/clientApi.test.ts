import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import axios from 'axios';
import OpenAI from 'openai';
import Stripe from 'stripe';
import { Resend } from 'resend';
import { keyFallbackHelper } from '../../../src/core/fix/templates/keyFallback';
import { startSimulator, Simulator } from '../../../src/simulator';
import { makeSecret, tempDir } from './support';

// Issue 15, item 5: a client wrapped by withFallbackClient keeps its library's API, tried with the real libraries.

interface Helper {
  setAuthFailureHook(hook: ((event: { service: string; error: string }) => void) | undefined): void;
  setAuthFailureLogger(logger: (line: string) => void): void;
  withFallbackClient<T extends object>(options: { service: string; envName: string }, create: (key: string) => T): T;
}

describe('fix: withFallbackClient keeps the client library API (real ky, got, axios, openai, stripe)', () => {
  const primary = makeSecret('generic');
  const fallback = makeSecret('generic');
  const options = { service: 'api', envName: 'YARD_API_KEY' };
  let sim: Simulator;
  let temp: ReturnType<typeof tempDir>;
  let helper: Helper;
  const outputs: string[] = [];
  let ky: typeof import('ky').default;
  let got: typeof import('got').default;

  before(async () => {
    sim = await startSimulator({
      services: [
        { name: 'api', auth: { type: 'bearer' }, keys: [{ value: primary, label: 'primary' }, { value: fallback, label: 'fallback' }] },
        { name: 'stripe', basePath: '/v1', auth: { type: 'bearer' }, keys: [{ value: primary, label: 'primary' }, { value: fallback, label: 'fallback' }] },
      ],
    });
    temp = tempDir();
    mkdirSync(join(temp.dir, 'helper'));
    const js = ts.transpileModule(keyFallbackHelper('ts'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(temp.dir, 'helper', 'keyFallback.js'), js);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    helper = require(join(temp.dir, 'helper', 'keyFallback.js')) as Helper;
    helper.setAuthFailureHook((event) => void outputs.push(JSON.stringify(event)));
    helper.setAuthFailureLogger((line) => void outputs.push(line));
    ky = (await import('ky')).default;
    got = (await import('got')).default;
  });
  after(async () => {
    await sim.close();
    temp.cleanup();
    delete process.env.YARD_API_KEY_PRIMARY;
    delete process.env.YARD_API_KEY_FALLBACK;
  });
  beforeEach(() => {
    sim.admin.reset();
    sim.admin.clearLog();
    outputs.length = 0;
    process.env.YARD_API_KEY_PRIMARY = primary;
    process.env.YARD_API_KEY_FALLBACK = fallback;
  });
  afterEach(() => {
    const seen = outputs.join('\n');
    assert.ok(!seen.includes(primary) && !seen.includes(fallback), 'no key material in events or logs');
  });
  const keysUsed = (): Array<[number, string | undefined]> => sim.admin.log().map((e) => [e.status, e.keyLabel]);

  it('ky: ResponsePromise shortcuts (.json()) survive and are retried with the fallback on 401', async () => {
    const api = helper.withFallbackClient(options, (key) => ky.create({ prefixUrl: sim.serviceUrl('api'), headers: { Authorization: `Bearer ${key}` }, retry: 0 }));
    assert.equal(typeof (await api.post('v1/items', { json: { a: 1 } }).json<Record<string, unknown>>()), 'object');
    sim.admin.revokeKey('api', { label: 'primary' });
    sim.admin.clearLog();
    const body = await api.post('v1/items', { json: { a: 1 } }).json<Record<string, unknown>>();
    assert.equal(typeof body, 'object');
    assert.deepEqual(keysUsed(), [[401, 'primary'], [200, 'fallback']]);
    sim.admin.clearLog();
    assert.equal((await api.get('v1/items')).status, 200);
    assert.deepEqual(keysUsed(), [[401, 'primary'], [200, 'fallback']]);
    sim.admin.clearLog();
    const extended = api.extend({ headers: { 'x-team': 'yard' } });
    assert.equal(typeof (await extended.get('v1/items').text()), 'string');
    assert.deepEqual(keysUsed(), [[401, 'primary'], [200, 'fallback']]);
  });

  it('got: .json() and .text() promise shortcuts survive and are retried; a 500 is not', async () => {
    const api = helper.withFallbackClient(options, (key) => got.extend({ prefixUrl: sim.serviceUrl('api'), headers: { authorization: `Bearer ${key}` }, retry: { limit: 0 } }));
    sim.admin.revokeKey('api', { label: 'primary' });
    assert.equal(typeof (await api.post('v1/items', { json: { a: 1 } }).json<Record<string, unknown>>()), 'object');
    assert.equal(typeof (await api.get('v1/items').text()), 'string');
    assert.deepEqual(keysUsed(), [[401, 'primary'], [200, 'fallback'], [401, 'primary'], [200, 'fallback']]);
    sim.admin.clearLog();
    sim.admin.setBehaviour('api', { failNext: { count: 1, status: 500 } });
    await assert.rejects(api.get('v1/items').json(), (error: { response?: { statusCode?: number } }) => error.response?.statusCode === 500);
    assert.equal(sim.admin.log().length, 1);
  });

  it('axios: interceptors and defaults set on the wrapped instance reach the fallback client too', async () => {
    const api = helper.withFallbackClient(options, (key) => axios.create({ baseURL: sim.serviceUrl('api'), headers: { Authorization: `Bearer ${key}` } }));
    const seen: Array<string | number | undefined> = [];
    api.interceptors.request.use((config) => {
      seen.push(config.timeout);
      return config;
    });
    api.defaults.timeout = 4321;
    assert.equal(api.defaults.timeout, 4321);
    sim.admin.revokeKey('api', { label: 'primary' });
    const res = await api.get('/v1/items');
    assert.equal(res.status, 200);
    assert.deepEqual(keysUsed(), [[401, 'primary'], [200, 'fallback']]);
    assert.deepEqual(seen, [4321, 4321], 'the interceptor ran for both requests, with the default set after creation');
  });

  it('openai: nested sub-clients, APIPromise.withResponse() and async iteration of a page survive the retry', async () => {
    const client = helper.withFallbackClient(options, (key) => new OpenAI({ apiKey: key, baseURL: sim.serviceUrl('api', '/v1'), maxRetries: 0 }));
    sim.admin.revokeKey('api', { label: 'primary' });
    const { response } = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(response.status, 200);
    assert.deepEqual(keysUsed(), [[401, 'primary'], [200, 'fallback']]);
    sim.admin.clearLog();
    const models: unknown[] = [];
    for await (const model of client.models.list()) models.push(model);
    assert.deepEqual(keysUsed(), [[401, 'primary'], [200, 'fallback']]);
    assert.ok(client instanceof OpenAI, 'instanceof still holds');
  });

  it('stripe: resource methods are retried with the fallback, through the resource objects', async () => {
    const url = new URL(sim.url);
    const stripe = helper.withFallbackClient(options, (key) => new Stripe(key, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 }));
    sim.admin.revokeKey('stripe', { label: 'primary' });
    await stripe.customers.create({ email: 'a@example.com' });
    await stripe.customers.list({ limit: 3 });
    assert.deepEqual(keysUsed(), [[401, 'primary'], [200, 'fallback'], [401, 'primary'], [200, 'fallback']]);
  });

  it('resend: an error returned as a value ({ data, error } with statusCode 401) is retried with the fallback', async () => {
    process.env.RESEND_BASE_URL = sim.serviceUrl('api');
    try {
      const resend = helper.withFallbackClient(options, (key) => new Resend(key));
      sim.admin.revokeKey('api', { label: 'primary' });
      const { error } = await resend.emails.send({ from: 'a@example.com', to: 'b@example.com', subject: 's', html: '<p>x</p>' });
      assert.equal(error, null);
      assert.deepEqual(keysUsed(), [[401, 'primary'], [200, 'fallback']]);
    } finally {
      delete process.env.RESEND_BASE_URL;
    }
  });
});
