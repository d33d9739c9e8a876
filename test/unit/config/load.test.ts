import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_PROPERTIES, deriveEnvVarNames, envVarsFor, formatConfigError, loadConfig, probeUrlFor } from '../../../src/core/config/index';
import { skippedReason } from '../../../src/core/config/load';

const root = join(__dirname, '../../..');

describe('config: .rotation-ready.json loader', () => {
  it('loads the demo config with defaults applied and no errors', () => {
    const file = join(root, 'demo/.rotation-ready.json');
    const { services, errors, settings } = loadConfig(readFileSync(file, 'utf8'), file);
    assert.deepEqual(errors, []);
    assert.deepEqual(services.map((s) => s.name), ['billing-api', 'maps-api', 'weather-api']);
    const billing = services[0]!;
    assert.deepEqual(billing.envVars, { primary: 'BILLING_API_KEY_PRIMARY', fallback: 'BILLING_API_KEY_FALLBACK', plain: 'BILLING_API_KEY' });
    assert.equal(billing.probe.method, 'GET');
    assert.deepEqual(services[1]!.probe.auth, { type: 'header', name: 'x-api-key' });
    assert.deepEqual(services[2]!.probe.auth, { type: 'query', name: 'appid' });
    assert.equal(settings.dryRun.concurrency, 4);
    assert.deepEqual(settings.alerts.sinks, [{ type: 'audit-log', path: '.rotation-ready/audit.jsonl' }, { type: 'notification' }]);
  });

  it('derives env var names from the service name', () => {
    assert.deepEqual(deriveEnvVarNames('billing-api'), { primary: 'BILLING_API_KEY_PRIMARY', fallback: 'BILLING_API_KEY_FALLBACK', plain: 'BILLING_API_KEY' });
    assert.deepEqual(deriveEnvVarNames('maps.v2'), { primary: 'MAPS_V2_KEY_PRIMARY', fallback: 'MAPS_V2_KEY_FALLBACK', plain: 'MAPS_V2_KEY' });
    assert.equal(deriveEnvVarNames('stripe-key').plain, 'STRIPE_KEY');
  });

  it('applies defaults: environment dev, GET, 3 rounds, 5 s timeout, any 2xx', () => {
    const { services, errors } = loadConfig('{"services":[{"name":"a","probe":{"url":"https://api.example.com/me","auth":{"type":"bearer"}}}]}', 'x.json');
    assert.deepEqual(errors, []);
    assert.deepEqual(services[0], {
      name: 'a',
      environments: [{ name: 'dev' }],
      envVars: deriveEnvVarNames('a'),
      probe: { url: 'https://api.example.com/me', method: 'GET', auth: { type: 'bearer' }, headers: {}, timeoutMs: 5000, rounds: 3, intervalMs: 1000 },
      alerts: { sinks: [] },
    });
  });

  it('reads per-environment URLs and env var overrides, bodies as JSON', () => {
    const text = `{
      // comments and trailing commas are fine
      "services": [{
        "name": "billing-api",
        "environments": ["dev", { "name": "prod", "url": "https://prod.example.com/v1/me", "envVars": { "primary": "PROD_BILLING" } }],
        "probe": { "url": "https://dev.example.com/v1/me", "method": "POST", "body": { "q": 1 }, "auth": { "type": "basic", "username": "api" }, "successStatus": [200, 204] },
      }],
    }`;
    const { services, errors } = loadConfig(text, 'x.json');
    assert.deepEqual(errors, []);
    const s = services[0]!;
    assert.equal(probeUrlFor(s, 'dev'), 'https://dev.example.com/v1/me');
    assert.equal(probeUrlFor(s, 'prod'), 'https://prod.example.com/v1/me');
    assert.equal(envVarsFor(s, 'prod').primary, 'PROD_BILLING');
    assert.equal(envVarsFor(s, 'prod').fallback, 'BILLING_API_KEY_FALLBACK');
    assert.equal(s.probe.body, '{"q":1}');
    assert.equal(s.probe.headers['content-type'], 'application/json');
    assert.deepEqual(s.probe.auth, { type: 'basic', username: 'api' });
    assert.deepEqual(s.probe.successStatus, [200, 204]);
  });

  it('reports file, JSON path, line, column and reason, and still loads the other services', () => {
    const text = [
      '{',
      '  "services": [',
      '    { "name": "good", "probe": { "url": "https://a.example.com", "auth": { "type": "bearer" } } },',
      '    { "name": "bad",',
      '      "probe": { "url": "http://evil.example.com/x", "auth": { "type": "bearer" } } },',
      '    { "name": "also-good", "probe": { "url": "http://127.0.0.1:7311/x", "auth": { "type": "header", "name": "x-api-key" } } }',
      '  ]',
      '}',
    ].join('\n');
    const { services, errors } = loadConfig(text, '/ws/.rotation-ready.json');
    assert.deepEqual(services.map((s) => s.name), ['good', 'also-good']);
    assert.equal(errors.length, 1);
    const e = errors[0]!;
    assert.equal(e.file, '/ws/.rotation-ready.json');
    assert.equal(e.path, 'services[1].probe.url');
    assert.equal(e.line, 5);
    assert.equal(e.column, 18);
    assert.equal(e.severity, 'error');
    assert.match(e.message, /plain http is only allowed to loopback/);
    assert.equal(formatConfigError(e), `/ws/.rotation-ready.json:5:18: error: services[1].probe.url: ${e.message}`);
  });

  const cases: Array<[string, string, string, RegExp]> = [
    ['missing probe', '{"name":"a"}', 'services[0]', /missing 'probe'/],
    ['missing auth', '{"name":"a","probe":{"url":"https://x.example"}}', 'services[0].probe', /missing 'auth'/],
    ['header without name', '{"name":"a","probe":{"url":"https://x.example","auth":{"type":"header"}}}', 'services[0].probe.auth', /needs the header's 'name'/],
    ['bad auth type', '{"name":"a","probe":{"url":"https://x.example","auth":{"type":"cookie"}}}', 'services[0].probe.auth.type', /must be one of/],
    ['relative url', '{"name":"a","probe":{"url":"/v1/me","auth":{"type":"bearer"}}}', 'services[0].probe.url', /not an absolute URL/],
    ['ftp url', '{"name":"a","probe":{"url":"ftp://x.example","auth":{"type":"bearer"}}}', 'services[0].probe.url', /only https/],
    ['credentials in url', '{"name":"a","probe":{"url":"https://u:p@x.example","auth":{"type":"bearer"}}}', 'services[0].probe.url', /credentials/],
    ['authorization header', '{"name":"a","probe":{"url":"https://x.example","auth":{"type":"bearer"},"headers":{"Authorization":"x"}}}', 'services[0].probe.headers.Authorization', /through probe.auth/],
    ['rounds zero', '{"name":"a","probe":{"url":"https://x.example","auth":{"type":"bearer"},"rounds":0}}', 'services[0].probe.rounds', /at least 1/],
    ['timeout string', '{"name":"a","probe":{"url":"https://x.example","auth":{"type":"bearer"},"timeoutMs":"5s"}}', 'services[0].probe.timeoutMs', /expected a number/],
    ['GET with body', '{"name":"a","probe":{"url":"https://x.example","auth":{"type":"bearer"},"body":"x"}}', 'services[0].probe.body', /cannot have a body/],
    ['bad env var', '{"name":"a","envVars":{"primary":"1X"},"probe":{"url":"https://x.example","auth":{"type":"bearer"}}}', 'services[0].envVars.primary', /environment variable/],
    ['slack without url', '{"name":"a","probe":{"url":"https://x.example","auth":{"type":"bearer"}},"alerts":{"sinks":[{"type":"slack"}]}}', 'services[0].alerts.sinks[0]', /'url' or 'urlEnv'/],
    ['bad name', '{"name":"-a","probe":{"url":"https://x.example","auth":{"type":"bearer"}}}', 'services[0].name', /must start with/],
  ];
  for (const [what, service, path, message] of cases) {
    it(`rejects ${what} at ${path}`, () => {
      const { services, errors } = loadConfig(`{"services":[${service}]}`, 'c.json');
      assert.deepEqual(services, []);
      const e = errors.find((x) => x.severity === 'error');
      assert.ok(e, 'an error is reported');
      assert.equal(e.path, path);
      assert.match(e.message, message);
    });
  }

  it('lists each service it left out, by its name (or JSON path), with the first error that left it out', () => {
    const good = '{"name":"good","probe":{"url":"https://x.example","auth":{"type":"bearer"}}}';
    const rejectedUrl = '{"name":"maps-api","probe":{"url":"http://maps.example/v1","auth":{"type":"bearer"}}}';
    const unnamed = '{"probe":{"url":"https://x.example","auth":{"type":"bearer"}}}';
    const typo = '{"name":"typo","probe":{"url":"https://x.example","auth":{"type":"bearer"},"timeout":5}}';
    const loaded = loadConfig(`{"services":[${good},${rejectedUrl},${unnamed},${typo},${good}]}`, 'c.json');
    assert.deepEqual(loaded.services.map((s) => s.name), ['good', 'typo'], 'a warning does not leave a service out');
    assert.deepEqual(
      loaded.skipped.map((s) => [s.name, s.error.path]),
      [
        ['maps-api', 'services[1].probe.url'],
        ['services[2]', 'services[2]'],
        ['good', 'services[4].name'],
      ],
    );
    assert.match(skippedReason(loaded.skipped[0]!), /^line 1, services\[1\]\.probe\.url: plain http is only allowed to loopback/);
    assert.match(loaded.skipped[2]!.error.message, /duplicate service name/);
  });

  it('reports duplicate service names on the second one', () => {
    const svc = '{"name":"a","probe":{"url":"https://x.example","auth":{"type":"bearer"}}}';
    const { services, errors } = loadConfig(`{"services":[${svc},${svc}]}`, 'c.json');
    assert.equal(services.length, 1);
    assert.equal(errors[0]!.path, 'services[1].name');
  });

  it('warns about unknown properties (usually typos) without dropping the service', () => {
    const { services, errors } = loadConfig('{"services":[{"name":"a","probe":{"url":"https://x.example","auth":{"type":"bearer"},"timeout":5}}]}', 'c.json');
    assert.equal(services.length, 1);
    assert.equal(errors[0]!.severity, 'warning');
    assert.equal(errors[0]!.path, 'services[0].probe.timeout');
  });

  it('survives syntax errors with a position, and an empty or non-object file', () => {
    const broken = loadConfig('{"services":[{"name":"a","probe":{"url":"https://x.example","auth":{"type":"bearer"}}} ', 'c.json');
    assert.ok(broken.errors.some((e) => /syntax error/.test(e.message) && e.line === 1));
    assert.equal(broken.services.length, 1, 'what parsed still loads');
    assert.match(loadConfig('', 'c.json').errors[0]!.message, /empty/);
    assert.match(loadConfig('[]', 'c.json').errors[0]!.message, /expected an object/);
    assert.equal(loadConfig('{}', 'c.json').errors[0]!.path, 'services');
  });
});

describe('config: JSON Schema (media/rotation-ready.schema.json)', () => {
  const schema = JSON.parse(readFileSync(join(root, 'media/rotation-ready.schema.json'), 'utf8'));
  const props = (o: { properties: Record<string, unknown> }) => Object.keys(o.properties).filter((k) => k !== '$schema').sort();
  const d = schema.definitions;
  const envObject = d.environment.oneOf[1];

  it('lists exactly the properties the loader understands, so completion and loading agree', () => {
    assert.deepEqual(props(schema), [...KNOWN_PROPERTIES.root].sort());
    assert.deepEqual(props(d.service), [...KNOWN_PROPERTIES.service].sort());
    assert.deepEqual(props(envObject), [...KNOWN_PROPERTIES.environment].sort());
    assert.deepEqual(props(d.envVars), [...KNOWN_PROPERTIES.envVars].sort());
    assert.deepEqual(props(d.probe), [...KNOWN_PROPERTIES.probe].sort());
    assert.deepEqual(props(d.auth), [...KNOWN_PROPERTIES.auth].sort());
    assert.deepEqual(props(schema.properties.dryRun), [...KNOWN_PROPERTIES.dryRun].sort());
    assert.deepEqual(props(schema.properties.alerts), [...KNOWN_PROPERTIES.alerts].sort());
    assert.deepEqual(props(d.service.properties.alerts), [...KNOWN_PROPERTIES.serviceAlerts].sort());
    assert.deepEqual(props(d.sink), [...KNOWN_PROPERTIES.sink].sort());
  });

  it('describes every property, so completion explains itself', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.properties && typeof o.properties === 'object' && !Array.isArray(o)) {
        for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
          if (!v.description && !v.$ref) missing.push(`${path}.${k}`);
        }
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'allOf') walk(v, `${path}.${k}`);
    };
    walk(schema, '');
    assert.deepEqual(missing, []);
  });

  it('is contributed through jsonValidation for .rotation-ready.json', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.ok(manifest.contributes.jsonValidation.some((j: { fileMatch: string; url: string }) => j.fileMatch === '.rotation-ready.json' && j.url === './media/rotation-ready.schema.json'));
  });
});
