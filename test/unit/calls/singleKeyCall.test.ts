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
