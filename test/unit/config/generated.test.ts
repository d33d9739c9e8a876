import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PROBE, DEFAULT_SETTINGS, HTTP_METHODS, PROBE_ROUNDS, loadConfig } from '../../../src/core/config/index';
import type { EnvironmentConfig, MetricsSettings, ProbeConfig, ServiceConfig, Settings, SinkConfig } from '../../../src/core/config/index';
import type * as File from '../../../src/core/config/generated/file';
import { compiledSchema } from '../../../src/core/config/generated/validate';

const root = join(__dirname, '../../..');

/** The schema is the one source: the validator and the types in src/core/config/generated/ are what it gives today. */
describe('config: validator and types generated from the JSON Schema', function () {
  this.timeout(60_000);

  it('the committed validator and types are what scripts/config-schema.mjs makes of the schema now', async () => {
    const { generated } = (await import(join(root, 'scripts/config-schema.mjs'))) as { generated: () => Promise<Array<[string, string]>> };
    for (const [file, text] of await generated()) {
      assert.equal(readFileSync(file, 'utf8'), text, `${file} is stale: run node scripts/config-schema.mjs`);
    }
  });

  it('the resolved types are a file the schema accepts: what the loader hands on fits the generated types (checked by tsc)', () => {
    // Compile-time: a field renamed, retyped or dropped in the schema breaks this line, not a user at run time.
    const fits = (s: SinkConfig, p: ProbeConfig, e: EnvironmentConfig, c: Omit<ServiceConfig, 'provider'>, m: MetricsSettings, set: Omit<Settings, 'metrics'>): [File.Sink, File.Probe, File.Environment, Omit<File.Service, 'provider'>, File.Metrics, Omit<File.RotationReadyFile, 'services' | 'metrics'>] => [s, p, e, c, m, set];
    const { services, settings } = loadConfig(readFileSync(join(root, 'demo/.rotation-ready.json'), 'utf8'), 'demo.json');
    const service = services[0]!;
    assert.equal(fits(settings.alerts.sinks[0]!, service.probe, service.environments[0]!, service, {}, settings).length, 6);
  });

  it('the defaults the loader fills in are the schema\'s', () => {
    const d = (compiledSchema as unknown as { definitions: Record<string, Node>; properties: Record<string, Node> });
    const defaults = (node: Node) => Object.fromEntries(Object.entries(node.properties ?? {}).filter(([, v]) => v.default !== undefined).map(([k, v]) => [k, v.default]));
    const probe = d.definitions.probe!.properties!;
    assert.deepEqual({ method: probe.method!.default, timeoutMs: probe.timeoutMs!.default, rounds: probe.rounds!.default, intervalMs: probe.intervalMs!.default }, { ...DEFAULT_PROBE });
    assert.deepEqual({ min: probe.rounds!.minimum, max: probe.rounds!.maximum }, { ...PROBE_ROUNDS });
    assert.deepEqual(probe.method!.enum, [...HTTP_METHODS]);
    assert.deepEqual(defaults(d.properties.dryRun!), DEFAULT_SETTINGS.dryRun);
    const { sinks, ...alerts } = DEFAULT_SETTINGS.alerts;
    assert.deepEqual({ ...defaults(d.properties.alerts!), sinks }, { ...alerts, sinks });
    const m = d.definitions.monitorSettings!.properties!;
    assert.deepEqual({ intervalSeconds: m.intervalSeconds!.default, jitter: m.jitter!.default }, { intervalSeconds: DEFAULT_SETTINGS.monitor.intervalSeconds, jitter: DEFAULT_SETTINGS.monitor.jitter });
    assert.deepEqual(defaults(m.history!), DEFAULT_SETTINGS.monitor.history);
    for (const kind of ['spike', 'intermittent', 'increase'] as const) assert.deepEqual(defaults(m.signals!.properties![kind]!), DEFAULT_SETTINGS.monitor.signals[kind], kind);
  });

  it('the validator was compiled from this schema (its own copy, references inlined, equals the file)', async () => {
    const { dereference } = (await import(join(root, 'scripts/config-schema.mjs'))) as { dereference: (s: unknown) => Record<string, unknown> };
    const schema = JSON.parse(readFileSync(join(root, 'media/rotation-ready.schema.json'), 'utf8'));
    const properties = (node: unknown): unknown => (node && typeof node === 'object' ? Object.keys((node as { properties?: object }).properties ?? {}) : []);
    const d = dereference(schema) as { definitions: Record<string, unknown> };
    const c = compiledSchema as unknown as { definitions: Record<string, unknown> };
    for (const name of Object.keys(schema.definitions)) assert.deepEqual(properties(c.definitions[name]), properties(d.definitions[name]), name);
  });
});

type Node = Record<string, unknown> & { properties?: Record<string, Node>; items?: Node; oneOf?: Node[]; type?: string | string[] };
type Segment = string | number;

/**
 * A document holding one object of every kind the schema describes, valid as it is. Each property of each of those
 * objects gets a valid and an invalid value made from its schema (type, bounds, enum, pattern, format); the loader
 * must accept the first and report the second at the property's JSON path.
 */
const BASE = {
  $schema: './schema.json',
  version: 1,
  dryRun: { concurrency: 4, retryBudget: 1, maxRetryAfterMs: 1000 },
  alerts: {
    dedupWindowMs: 1000,
    maxPerServicePerWindow: 2,
    sinks: [
      { type: 'webhook', url: 'https://hooks.example.com/a', urlEnv: 'HOOK_URL', headers: { 'x-team': 'payments' }, minSeverity: 'warning' },
      { type: 'audit-log', path: 'audit.jsonl' },
      { type: 'pagerduty', routingKeySecret: 'pd-routing', url: 'https://events.example.com/v2/enqueue' },
      { type: 'email', host: 'smtp.example.com', port: 587, security: 'starttls', username: 'u', passwordSecret: 'smtp', from: 'a@example.com', to: ['b@example.com'] },
      { type: 'datadog', apiKeySecret: 'dd', tags: ['team:payments'] },
    ],
  },
  monitor: {
    intervalSeconds: 60,
    jitter: 0.1,
    history: { maxEntriesPerKey: 100, maxAgeHours: 24 },
    signals: {
      spike: { rejections: 3, windowSeconds: 60, healthyProbes: 2 },
      intermittent: { flips: 2, windowSeconds: 60 },
      increase: { windows: 3, windowSeconds: 60, minProbes: 2, minRate: 0.5 },
    },
  },
  metrics: { prometheus: { port: 9464, host: '127.0.0.1' }, datadog: { apiKeySecret: 'dd', url: 'https://api.datadoghq.eu', intervalSeconds: 60, tags: ['env:dev'] } },
  services: [
    {
      name: 'billing-api',
      environments: ['dev', { name: 'prod', url: 'https://prod.example.com/me', envVars: { primary: 'PROD_KEY', fallback: 'PROD_KEY_2', plain: 'PROD' } }],
      envVars: { primary: 'B_PRIMARY', fallback: 'B_FALLBACK', plain: 'B_KEY' },
      probe: {
        url: 'https://api.example.com/me',
        method: 'POST',
        auth: { type: 'basic', username: 'api' },
        successStatus: [200],
        successField: 'ok',
        headers: { accept: 'application/json' },
        body: { q: 1 },
        timeoutMs: 1000,
        rounds: 2,
        intervalMs: 10,
      },
      alerts: { sinks: [{ type: 'slack', urlEnv: 'SLACK_URL' }, { type: 'notification' }] },
      monitor: { enabled: true, intervalSeconds: 30 },
    },
    { name: 'payments', provider: 'stripe', baseUrl: 'http://127.0.0.1:7311/stripe' },
    { name: 'maps', probe: { url: 'https://maps.example.com/me', auth: { type: 'header', name: 'x-api-key' } } },
  ],
};

/** Strings to try against a pattern: the first that matches is the valid example, the first that does not the invalid one. */
const STRINGS = ['a', 'ok', 'A_1', 'team:payments', 'x-api-key', 'alerts@example.com', '', ' ', '-', '1X', 'a/b', 'a b', 'x@'];

function validValue(s: Node): unknown {
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum)) return s.enum[s.enum.length - 1];
  if (s.oneOf) return validValue(s.oneOf[0]!);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'integer' || type === 'number') return (s.minimum as number | undefined) ?? (s.maximum as number | undefined) ?? 1;
  if (type === 'boolean') return false;
  if (type === 'array') return [validValue(s.items ?? {})];
  if (type === 'object') return Object.fromEntries(((s.required as string[] | undefined) ?? []).map((k) => [k, validValue(s.properties![k]!)]));
  if (s.format === 'uri') return 'https://valid.example.com/x';
  if (typeof s.pattern === 'string') return STRINGS.find((x) => new RegExp(s.pattern as string, 'u').test(x));
  return 'a';
}

function invalidValue(s: Node): unknown {
  if (Array.isArray(s.enum)) return typeof s.enum[0] === 'string' ? 'not-one-of-them' : 999;
  if (s.oneOf) return 42;
  const types = ([] as string[]).concat(s.type ?? []);
  if (types.includes('integer') || types.includes('number')) {
    if (typeof s.minimum === 'number') return s.minimum - 1;
    if (typeof s.maximum === 'number') return s.maximum + 1;
    return 'not a number';
  }
  if (types.includes('string')) {
    if (s.format === 'uri') return 'ftp://invalid.example.com/x';
    if (typeof s.pattern === 'string') return STRINGS.find((x) => !new RegExp(s.pattern as string, 'u').test(x));
    return types.includes('object') ? 42 : { not: 'a string' };
  }
  if (types.includes('array') && typeof s.minItems === 'number') return [];
  return types.includes('boolean') ? 'yes' : 'not an object';
}

const pathOf = (at: Segment[]) => at.map((s, i) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `${i ? '.' : ''}${s}` : `[${JSON.stringify(s)}]`)).join('');

/** Every (object in BASE, property its schema allows): where it is in the document and the property's schema. */
function properties(): Array<{ at: Segment[]; schema: Node; schemaPath: string }> {
  const out: Array<{ at: Segment[]; schema: Node; schemaPath: string }> = [];
  const seen = new Map<string, { entry: number; present: boolean }>();
  const walk = (value: unknown, s: Node, at: Segment[], schemaPath: string) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, s.items ?? {}, [...at, i], `${schemaPath}[]`));
    if (!value || typeof value !== 'object') return;
    // An environment written as an object is the object alternative.
    const schema = s.oneOf ? s.oneOf.find((o) => o.type === 'object')! : s;
    if (!schema.properties) return;
    for (const [name, child] of Object.entries(schema.properties)) {
      if (name === '$schema') continue;
      // Once per property of the schema: in the first object of its kind in BASE that sets it (a service's `baseUrl`
      // needs its `provider`), else in the first of its kind.
      const present = (value as Record<string, unknown>)[name] !== undefined;
      const before = seen.get(`${schemaPath}.${name}`);
      if (!before) seen.set(`${schemaPath}.${name}`, { entry: out.push({ at: [...at, name], schema: child, schemaPath: `${schemaPath}.${name}` }) - 1, present });
      else if (present && !before.present) {
        out[before.entry] = { at: [...at, name], schema: child, schemaPath: `${schemaPath}.${name}` };
        before.present = true;
      }
      walk((value as Record<string, unknown>)[name], child, [...at, name], `${schemaPath}.${name}`);
    }
  };
  walk(BASE, compiledSchema as unknown as Node, [], '');
  return out;
}

function valueIn(doc: unknown, at: Segment[]): unknown {
  return at.reduce<unknown>((here, s) => (here !== null && typeof here === 'object' ? (here as Record<Segment, unknown>)[s] : undefined), doc);
}

function withValue(at: Segment[], value: unknown): string {
  const doc = structuredClone(BASE) as Record<Segment, unknown>;
  let here = doc;
  for (const s of at.slice(0, -1)) here = here[s] as Record<Segment, unknown>;
  here[at[at.length - 1]!] = value;
  return JSON.stringify(doc, null, 1);
}

describe('config: every schema property, a valid and an invalid example (made from the schema)', function () {
  this.timeout(60_000);
  const all = properties();

  it('the base document loads without an error or warning, every service with it', () => {
    const loaded = loadConfig(JSON.stringify(BASE), 'base.json');
    assert.deepEqual(loaded.errors, []);
    assert.equal(loaded.services.length, BASE.services.length);
  });

  it('every property of every object kind the schema has is exercised', () => {
    const kinds = new Set(all.map((p) => p.schemaPath.replace(/\[\]/g, '')));
    const expected = new Set<string>();
    const walk = (s: Node, path: string, depth: number) => {
      if (depth > 8) return;
      const schema = s.oneOf ? s.oneOf.find((o) => o.type === 'object') ?? {} : s;
      for (const [name, child] of Object.entries(schema.properties ?? {})) {
        if (name === '$schema') continue;
        expected.add(`${path}.${name}`);
        walk(child, `${path}.${name}`, depth + 1);
      }
      if (schema.items) walk(schema.items, path, depth + 1);
    };
    walk(compiledSchema as unknown as Node, '', 0);
    assert.deepEqual([...expected].filter((p) => !kinds.has(p)), []);
  });

  for (const { at, schema, schemaPath } of properties()) {
    const path = pathOf(at);
    it(`${schemaPath}: a valid value loads, an invalid one is reported at ${path}`, () => {
      // An object's own properties each get their examples: the object itself keeps BASE's (valid) value.
      const own = valueIn(BASE, at);
      const valid = own !== null && typeof own === 'object' && !Array.isArray(own) ? own : validValue(schema);
      const ok = loadConfig(withValue(at, valid), 'c.json');
      assert.deepEqual(ok.errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`)), [], `valid ${JSON.stringify(valid)}`);
      const invalid = invalidValue(schema);
      const bad = loadConfig(withValue(at, invalid), 'c.json');
      const error = bad.errors.find((e) => e.severity === 'error' && (e.path === path || e.path.startsWith(`${path}[`) || e.path.startsWith(`${path}.`)));
      assert.ok(error, `invalid ${JSON.stringify(invalid)}: ${JSON.stringify(bad.errors)}`);
      assert.ok(error.line > 1 && error.column > 0, 'with its line and column');
      assert.ok(!/must match \^|fails the schema/.test(error.message), `says why in words: ${error.message}`);
    });
  }
});
