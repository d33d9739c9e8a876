import * as assert from 'node:assert/strict';
import { loadConfig } from '../../../src/core/config/index';
import { memoryApprovals, runDryRun } from '../../../src/core/probe/index';
import { PROVIDER_PRESETS, ProviderPreset, presetForRule, providerPreset } from '../../../src/core/config/presets';
import { rules as RULES } from '../../../src/core/rules/index';
import { Simulator, presetSimAuth, startSimulator } from '../../../src/simulator/index';
import { assertNoKeys, mapKeySource, testKey } from '../probe/helpers';

/** A `.rotation-ready.json` service using the preset, pointed at the simulator through `baseUrl`. */
function presetConfig(preset: ProviderPreset, baseUrl: string, extra: Record<string, unknown> = {}): string {
  const probe: Record<string, unknown> = { rounds: 2, intervalMs: 0, timeoutMs: 2000 };
  if (preset.needs?.username) probe.auth = { type: 'basic', username: 'ACtestaccount' };
  return JSON.stringify({ services: [{ name: preset.id, provider: preset.id, baseUrl, probe, ...extra }] });
}

describe('provider presets', () => {
  it('has at least 25 presets, each citing its docs and naming only rules the analyzer has', () => {
    assert.ok(PROVIDER_PRESETS.length >= 25, `${PROVIDER_PRESETS.length} presets`);
    const ruleIds = new Set(RULES.map((r) => r.id));
    const ids = new Set<string>();
    for (const p of PROVIDER_PRESETS) {
      assert.ok(!ids.has(p.id), `duplicate preset ${p.id}`);
      ids.add(p.id);
      assert.match(p.docs, /^https:\/\//, `${p.id} cites its docs`);
      assert.match(p.keyPage, /^https:\/\//, `${p.id} links its key page`);
      assert.match(p.origin, /^https:\/\/[^/]+$/, `${p.id} origin is https and has no path`);
      assert.match(p.path, /^\//);
      for (const rule of p.rules) assert.ok(ruleIds.has(rule), `${p.id}: unknown rule ${rule}`);
      if (p.body !== undefined) assert.notEqual(p.method, 'GET');
    }
    for (const required of ['stripe', 'github', 'gitlab', 'openai', 'anthropic', 'slack', 'sendgrid', 'twilio', 'mailgun', 'datadog', 'sentry', 'linear', 'notion', 'airtable', 'hubspot', 'shopify', 'cloudflare', 'digitalocean', 'vercel', 'npm', 'resend', 'postmark', 'groq', 'mistral', 'huggingface']) {
      assert.ok(providerPreset(required), `preset ${required}`);
    }
    assert.equal(presetForRule('stripe-secret-key')?.id, 'stripe');
    assert.equal(presetForRule('generic-secret'), undefined);
  });

  it('docs/providers.md lists every preset with its endpoint and documentation link', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const doc = readFileSync(join(__dirname, '../../../docs/providers.md'), 'utf8');
    for (const p of PROVIDER_PRESETS) {
      assert.ok(doc.includes(`\`${p.id}\``), `${p.id} listed`);
      assert.ok(doc.includes(p.docs), `${p.id} docs cited`);
      assert.ok(doc.includes(`${p.method} ${p.origin}${p.path}`), `${p.id} endpoint shown`);
      assert.ok(doc.includes(`[key page](${p.keyPage})`), `${p.id} key page linked (rotation step 1)`);
    }
  });

  describe('config: provider and baseUrl', () => {
    it('fills the probe from the preset, baseUrl replacing the origin and probe properties on top', () => {
      const text = JSON.stringify({
        services: [
          { name: 'ai', provider: 'anthropic' },
          { name: 'pay', provider: 'stripe', baseUrl: 'http://127.0.0.1:7311/stripe/', probe: { timeoutMs: 100, headers: { 'x-extra': '1' } }, environments: ['dev', { name: 'prod', url: 'https://proxy.example.com/v1/balance' }] },
        ],
      });
      const { services, errors } = loadConfig(text, 'x.json');
      assert.deepEqual(errors, []);
      const [ai, pay] = services;
      assert.equal(ai!.provider, 'anthropic');
      assert.equal(ai!.probe.url, 'https://api.anthropic.com/v1/models');
      assert.deepEqual(ai!.probe.auth, { type: 'header', name: 'x-api-key' });
      assert.equal(ai!.probe.headers['anthropic-version'], '2023-06-01');
      assert.equal(pay!.probe.url, 'http://127.0.0.1:7311/stripe/v1/balance');
      assert.equal(pay!.probe.timeoutMs, 100);
      assert.deepEqual(pay!.probe.headers, { 'x-extra': '1' });
      assert.equal(pay!.environments[1]!.url, 'https://proxy.example.com/v1/balance');
      const linear = loadConfig('{"services":[{"name":"l","provider":"linear"}]}', 'x.json').services[0]!;
      assert.equal(linear.probe.method, 'POST');
      assert.match(linear.probe.body ?? '', /viewer/);
      assert.equal(loadConfig('{"services":[{"name":"s","provider":"slack"}]}', 'x.json').services[0]!.probe.successField, 'ok');
    });

    const bad: Array<[string, string, string, RegExp]> = [
      ['unknown provider', '{"name":"a","provider":"stripee"}', 'services[0].provider', /must be one of/],
      ['baseUrl without provider', '{"name":"a","baseUrl":"https://x.example","probe":{"url":"https://x.example","auth":{"type":"bearer"}}}', 'services[0].baseUrl', /set 'provider' too/],
      ['plain http baseUrl to a public host', '{"name":"a","provider":"openai","baseUrl":"http://evil.example.com"}', 'services[0].baseUrl', /plain http/],
      ['twilio without the account SID', '{"name":"a","provider":"twilio"}', 'services[0]', /needs the basic-auth user name/],
      ['shopify without the shop', '{"name":"a","provider":"shopify"}', 'services[0]', /needs 'baseUrl'/],
      ['neither probe nor provider', '{"name":"a"}', 'services[0]', /missing 'probe'.*'provider'/],
    ];
    for (const [what, service, path, message] of bad) {
      it(`reports ${what} with its path, and loads the other services`, () => {
        const { services, errors } = loadConfig(`{"services":[${service},{"name":"ok","provider":"github"}]}`, 'x.json');
        assert.deepEqual(services.map((s) => s.name), ['ok']);
        const e = errors.find((x) => x.path === path);
        assert.ok(e, `an error at ${path}: ${JSON.stringify(errors)}`);
        assert.match(e.message, message);
      });
    }
  });

  describe('every preset end to end against the simulator speaking its auth style', function () {
    this.timeout(120_000);
    let sim: Simulator;
    const primary = testKey('primary');
    const fallback = testKey('fallback');
    before(async () => {
      sim = await startSimulator({
        services: PROVIDER_PRESETS.map((p) => ({ name: p.id, provider: p.id, auth: presetSimAuth(p.id), keys: [{ value: primary, label: 'primary' }, { value: fallback, label: 'fallback' }] })),
      });
    });
    after(async () => sim?.close());
    afterEach(() => {
      sim.admin.reset();
      sim.admin.clearLog();
    });

    const run = async (preset: ProviderPreset) => {
      const { services, errors } = loadConfig(presetConfig(preset, sim.serviceUrl(preset.id)), 'x.json');
      assert.deepEqual(errors, []);
      const keys = mapKeySource({ [`${preset.id}/primary`]: primary, [`${preset.id}/fallback`]: fallback });
      const approvals = memoryApprovals([{ service: preset.id, host: new URL(sim.url).host }]);
      const report = await runDryRun({ services, keys, approvals, salt: 'salt', settings: { maxRetryAfterMs: 0 }, retryDelayMs: 1 });
      assertNoKeys(report, [primary, fallback], 'report');
      assertNoKeys(sim.requestLog, [primary, fallback], 'simulator log');
      return report.targets[0]!;
    };

    for (const preset of PROVIDER_PRESETS) {
      it(`${preset.id}: valid, revoked, rate-limited, propagating`, async () => {
        const valid = await run(preset);
        assert.equal(valid.verdict, 'safe-to-promote', valid.reason);
        assert.ok(sim.requestLog.every((e) => e.method === preset.method && e.path === `/${preset.id}${preset.path.split('?')[0]}`), 'the preset endpoint was called');

        sim.admin.revokeKey(preset.id, { label: 'primary' });
        const revoked = await run(preset);
        assert.equal(revoked.slots[0]!.classification, 'rejected', revoked.reason);
        assert.equal(revoked.verdict, 'incident');
        sim.admin.reset(preset.id);

        sim.admin.setBehaviour(preset.id, { rateLimit: { next: 1000, retryAfterSeconds: 1 } });
        const limited = await run(preset);
        assert.deepEqual(limited.slots.map((s) => s.classification), ['rate-limited', 'rate-limited']);
        sim.admin.reset(preset.id);

        sim.admin.revokeKey(preset.id, { label: 'fallback' });
        sim.admin.addKey(preset.id, { value: fallback, label: 'new-fallback', propagation: { requests: 1 } });
        const propagating = await run(preset);
        assert.equal(propagating.slots[1]!.classification, 'not-yet-valid', propagating.reason);
        assert.equal(propagating.verdict, 'wait-for-propagation');
      });
    }

    it('a probe in another auth style, or without the preset headers, is not a valid key', async () => {
      const anthropic = providerPreset('anthropic')!;
      const url = `${sim.serviceUrl('anthropic')}${anthropic.path}`;
      const wrongAuth = await fetch(url, { headers: { authorization: `Bearer ${primary}`, 'anthropic-version': '2023-06-01' } });
      assert.equal(wrongAuth.status, 401);
      const noVersion = await fetch(url, { headers: { 'x-api-key': primary } });
      assert.equal(noVersion.status, 400);
      const slack = await fetch(`${sim.serviceUrl('slack')}/api/auth.test`, { method: 'POST', headers: { authorization: `Bearer ${testKey('nope')}` } });
      assert.equal(slack.status, 200);
      assert.equal(((await slack.json()) as { ok: boolean }).ok, false);
    });
  });
});

describe('provider presets: JSON Schema agrees with the loader', () => {
  it('accepts a provider-only service and rejects what the loader rejects', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const Ajv = (await import('ajv')).default;
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../media/rotation-ready.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
    const ok = ['{"name":"a","provider":"stripe"}', '{"name":"a","provider":"openai","baseUrl":"http://127.0.0.1:1/openai","probe":{"timeoutMs":10}}'];
    for (const s of ok) {
      const text = `{"services":[${s}]}`;
      assert.equal(validate(JSON.parse(text)), true, `${s}: ${JSON.stringify(validate.errors)}`);
      assert.deepEqual(loadConfig(text, 'x.json').errors, []);
    }
    const bad = ['{"name":"a","provider":"nope"}', '{"name":"a"}', '{"name":"a","baseUrl":"https://x.example","probe":{"url":"https://x.example","auth":{"type":"bearer"}}}', '{"name":"a","probe":{"timeoutMs":10}}'];
    for (const s of bad) {
      const text = `{"services":[${s}]}`;
      assert.equal(validate(JSON.parse(text)), false, `schema rejects ${s}`);
      assert.ok(loadConfig(text, 'x.json').errors.length > 0, `loader rejects ${s}`);
    }
    assert.deepEqual(schema.definitions.service.properties.provider.enum, PROVIDER_PRESETS.map((p) => p.id));
  });
});
