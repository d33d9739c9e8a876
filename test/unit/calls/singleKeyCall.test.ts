import * as assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { detectSingleKeyCalls, detectSingleKeyCallsInText, singleKeyCallsInText } from '../../../src/core/calls/index';
import { makeSecret } from '../fix/support';

const salt = 'test-salt';
const callees = (path: string, text: string): string[] => singleKeyCallsInText(path, text).map((c) => `${c.callee}:${c.shape}:${c.key.kind}:${c.envName}`);

describe('rule: single-key-call', () => {
  describe('valid (quiet)', () => {
    const valid: Array<[string, string]> = [
      ['no key', "fetch('https://example.com/health');"],
      ['non-auth header', "fetch(u, { headers: { 'Content-Type': 'application/json' } });"],
      ['inside the generated helper', "withKeyFallback({ service: 's', envName: 'K' }, (key) => fetch(u, { headers: { Authorization: `Bearer ${key}` } }));"],
      ['primary/fallback names', "fetch(u, { headers: { 'X-Api-Key': process.env.BILLING_API_KEY_PRIMARY! } });"],
      ['hand-written retry on 401 with another key', "async function get(u: string) {\n  let res = await fetch(u, { headers: { 'X-Api-Key': process.env.K! } });\n  if (res.status === 401) res = await fetch(u, { headers: { 'X-Api-Key': process.env.K_FALLBACK! } });\n  return res;\n}"],
      ['a local class, not an SDK', "import { Client } from './client';\nnew Client({ apiKey: process.env.K });"],
      ['axios instance call without a key', "import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://x.example.com' });\napi.get('/a');"],
      ['a method that is not a request', "import axios from 'axios';\naxios.isCancel({ headers: { Authorization: process.env.K } });"],
      ['short non-key literal', "fetch(u, { headers: { Authorization: 'none' } });"],
    ];
    for (const [name, code] of valid) it(name, () => assert.deepEqual(callees('a.ts', code), []));

    // Issue 15.6: already-correct code whose request function takes the key, and whose caller reads the
    // primary and fallback at call time and retries once on 401/403, is not flagged.
    const retryingCallers: Array<[string, string, string]> = [
      ['TS: a request function called again with the fallback on 401/403', 'a.ts', "function request(path: string, key: string): Promise<Response> {\n  return fetch('https://api.example.com' + path, { headers: { Authorization: `Bearer ${key}` } });\n}\nexport async function getThing(): Promise<Response> {\n  const res = await request('/thing', process.env.EX_KEY_PRIMARY ?? '');\n  if (res.status !== 401 && res.status !== 403) return res;\n  const second = process.env.EX_KEY_FALLBACK;\n  return second ? request('/thing', second) : res;\n}\n"],
      ['TS: an axios arrow function retried in a catch with the next key', 'a.ts', "import axios from 'axios';\nconst send = (key: string) => axios.get('https://api.example.com/x', { headers: { 'x-api-key': key } });\nexport async function get(first: string, other?: string) {\n  try {\n    return await send(first);\n  } catch (e: any) {\n    if (other && (e.response?.status === 401 || e.response?.status === 403)) return send(other);\n    throw e;\n  }\n}\n"],
      ['Python: a request def called again on 401/403', 'a.py', 'import os\nimport requests\n\ndef _get(path, key):\n    return requests.get("https://api.example.com" + path, headers={"Authorization": f"Bearer {key}"})\n\ndef get(path):\n    res = _get(path, os.environ["EX_KEY_PRIMARY"])\n    if res.status_code in (401, 403) and os.environ.get("EX_KEY_FALLBACK"):\n        res = _get(path, os.environ["EX_KEY_FALLBACK"])\n    return res\n'],
    ];
    for (const [name, path, code] of retryingCallers) it(name, () => assert.deepEqual(callees(path, code), []));
    it('a request function whose caller does not retry is still reported', () => {
      assert.deepEqual(callees('a.ts', "function request(key: string) {\n  return fetch('https://api.example.com/x', { headers: { 'x-api-key': key } });\n}\nexport const get = async () => {\n  const res = await request(process.env.EX_KEY!);\n  if (res.status === 401) throw new Error('unauthorized');\n  return res;\n};\n").map((c) => c.replace(/:[^:]*$/, '')), ['fetch:request:parameter']);
      assert.deepEqual(callees('a.py', 'import requests\n\ndef _get(key):\n    return requests.get("https://api.example.com/x", headers={"X-Api-Key": key})\n\ndef get():\n    return _get(os.environ["EX_KEY"])\n').map((c) => c.replace(/:[^:]*$/, '')), ['requests.get:request:parameter']);
    });
  });

  describe('invalid (reported)', () => {
    const invalid: Array<[string, string, string, string[]]> = [
      ['fetch headers object, env key', 'a.ts', 'fetch(`https://billing.example.com/v1`, { headers: { Authorization: `Bearer ${process.env.BILLING_API_KEY}` } });', ['fetch:request:env:BILLING_API_KEY']],
      ['new Headers', 'a.ts', "fetch('https://x.example.com', { headers: new Headers({ 'X-Api-Key': process.env.X_KEY! }) });", ['fetch:request:env:X_KEY']],
      ['Headers from pairs', 'a.ts', "fetch(u, { headers: new Headers([['Authorization', 'Bearer ' + process.env.T!]]) });", ['fetch:request:env:T']],
      ['new Request', 'a.ts', "fetch(new Request('https://x.example.com', { headers: { Authorization: process.env.TOKEN! } }));", ['fetch:request:env:TOKEN']],
      ['options held in a const', 'a.ts', "const options = { headers: { 'x-api-key': process.env.MAPS_KEY! } };\nfetch('https://maps.example.com', options);", ['fetch:request:env:MAPS_KEY']],
      ['parameter', 'a.ts', "function f(searchApiKey: string) { return fetch(u, { headers: { 'X-Api-Key': searchApiKey } }); }", ['fetch:request:parameter:SEARCH_API_KEY']],
      ['module constant', 'a.ts', "const billingKey = process.env.BILLING_KEY!;\nfetch(u, { headers: { 'X-Api-Key': billingKey } });", ['fetch:request:constant:BILLING_KEY']],
      ['axios call (CJS)', 'a.js', "const axios = require('axios');\naxios.post(u, data, { headers: { 'X-Auth-Token': process.env.HOOKS_TOKEN } });", ['axios.post:request:env:HOOKS_TOKEN']],
      ['axios.create defaults', 'a.ts', "import axios from 'axios';\nexport const api = axios.create({ headers: { Authorization: `Bearer ${process.env.CRM_TOKEN}` } });", ['axios.create:client:env:CRM_TOKEN']],
      ['axios interceptor', 'a.ts', "import axios from 'axios';\naxios.interceptors.request.use((config) => { config.headers.Authorization = `Bearer ${process.env.CRM_TOKEN}`; return config; });", ['axios.interceptors.request.use:interceptor:env:CRM_TOKEN']],
      ['axios defaults assignment', 'a.ts', "import axios from 'axios';\naxios.defaults.headers.common['Authorization'] = process.env.CRM_TOKEN!;", ["axios.defaults.headers.common['Authorization']:defaults:env:CRM_TOKEN"]],
      ['got.extend', 'a.ts', "import got from 'got';\ngot.extend({ headers: { 'x-api-key': process.env.SEARCH_API_KEY! } });", ['got.extend:client:env:SEARCH_API_KEY']],
      ['ky', 'a.ts', "import ky from 'ky';\nky.get(u, { headers: { Authorization: `Bearer ${process.env.USERS_TOKEN}` } });", ['ky.get:request:env:USERS_TOKEN']],
      ['undici request', 'a.ts', "import { request } from 'undici';\nrequest(u, { headers: { 'x-api-key': process.env.INV_KEY! } });", ['request:request:env:INV_KEY']],
      ['node-fetch', 'a.js', "const fetch = require('node-fetch');\nfetch(u, { headers: { Authorization: process.env.EV_KEY } });", ['fetch:request:env:EV_KEY']],
      ['new Stripe(key)', 'a.ts', "import Stripe from 'stripe';\nnew Stripe(process.env.STRIPE_SECRET_KEY!);", ['new Stripe:client:env:STRIPE_SECRET_KEY']],
      ['new OpenAI({ apiKey })', 'a.ts', "import OpenAI from 'openai';\nconst apiKey = process.env.OPENAI_API_KEY;\nnew OpenAI({ apiKey });", ['new OpenAI:client:constant:OPENAI_API_KEY']],
      ['unknown SDK with an apiKey option', 'a.ts', "import { Weather } from 'weather-sdk';\nnew Weather({ apiKey: process.env.WEATHER_KEY });", ['new Weather:client:env:WEATHER_KEY']],
      ['key in the query string', 'a.ts', 'fetch(`https://maps.example.com/geo?key=${process.env.MAPS_API_KEY}`);', ['fetch:request:env:MAPS_API_KEY']],
      ['literal key', 'a.ts', `fetch('https://api.stripe.com/v1/charges', { headers: { Authorization: 'Bearer ${'sk_' + 'live_' + 'x'.repeat(4)}abcdefghijklmnopqrst' } });`, ['fetch:request:literal:STRIPE_SECRET_KEY']],
      ['Python requests', 'a.py', 'import requests\nrequests.get("https://reports.example.com/v1", headers={"Authorization": f"Bearer {os.environ[\'REPORTS_KEY\']}"})\n', ['requests.get:request:env:REPORTS_KEY']],
      ['Python httpx, constant', 'a.py', 'import os\nimport httpx\nKEY = os.getenv("INGEST_KEY")\nhttpx.post(u, headers={"X-Api-Key": KEY})\n', ['httpx.post:request:constant:INGEST_KEY']],
    ];
    for (const [name, path, code, expected] of invalid) it(name, () => assert.deepEqual(callees(path, code), expected));
  });

  it('findings pin the callee, name what to do and never carry a value', () => {
    const secret = makeSecret('stripe');
    const text = `import Stripe from 'stripe';\n\nconst stripe = new Stripe('${secret}');\n`;
    const [finding, ...rest] = detectSingleKeyCallsInText('src/a.ts', text, { salt });
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.equal(finding.ruleId, 'single-key-call');
    assert.equal(finding.kind, 'single-key-call');
    assert.deepEqual(finding.range, { start: { line: 2, character: 15 }, end: { line: 2, character: 25 } });
    assert.equal(text.slice(finding.offset, finding.offset + finding.length), 'new Stripe');
    assert.match(finding.message, /^new Stripe builds a client with one key \(a hardcoded key\) and no fallback: .* route it through the primary\/fallback helper \(STRIPE_SECRET_KEY_PRIMARY, STRIPE_SECRET_KEY_FALLBACK\)\.$/);
    assert.equal(finding.redacted, `Stripe…${secret.slice(-4)}`);
    assert.ok(!JSON.stringify(finding).includes(secret));
    const again = detectSingleKeyCallsInText('src/a.ts', `// moved\n${text}`, { salt })[0]!;
    assert.equal(again.fingerprint, finding.fingerprint, 'fingerprints do not depend on lines');
  });

  it('detectSingleKeyCalls works on a compiler SourceFile', () => {
    const text = "fetch(u, { headers: { 'X-Api-Key': process.env.K_KEY! } });";
    const source = ts.createSourceFile('a.ts', text, ts.ScriptTarget.Latest, true);
    assert.deepEqual(detectSingleKeyCalls(source, 'a.ts', { salt }).map((f) => f.suggestedEnvName), ['K_KEY']);
  });
});
