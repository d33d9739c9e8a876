import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { DEFAULT_SETTINGS, KNOWN_PROPERTIES, loadConfig } from '../../../src/core/config/index';

const root = join(__dirname, '../../..');
const schema = JSON.parse(readFileSync(join(root, 'media/rotation-ready.schema.json'), 'utf8'));
const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
const props = (o: { properties: Record<string, unknown> }) => Object.keys(o.properties).sort();
const svc = (extra: string) => `{"services":[{"name":"a","probe":{"url":"https://x.example/me","auth":{"type":"bearer"}}${extra}}]`;

describe('config: monitor settings', () => {
  it('schema and loader list the same monitor properties', () => {
    const d = schema.definitions;
    const m = d.monitorSettings;
    assert.deepEqual(props(m), [...KNOWN_PROPERTIES.monitor].sort());
    assert.deepEqual(props(m.properties.history), [...KNOWN_PROPERTIES.history].sort());
    assert.deepEqual(props(m.properties.signals), [...KNOWN_PROPERTIES.signals].sort());
    assert.deepEqual(props(m.properties.signals.properties.spike), [...KNOWN_PROPERTIES.spike].sort());
    assert.deepEqual(props(m.properties.signals.properties.intermittent), [...KNOWN_PROPERTIES.intermittent].sort());
    assert.deepEqual(props(m.properties.signals.properties.increase), [...KNOWN_PROPERTIES.increase].sort());
    assert.deepEqual(props(d.serviceMonitor), [...KNOWN_PROPERTIES.serviceMonitor].sort());
    assert.equal(schema.properties.monitor.$ref, '#/definitions/monitorSettings');
    assert.equal(d.service.properties.monitor.$ref, '#/definitions/serviceMonitor');
  });

  it('schema defaults are the loader defaults', () => {
    const m = schema.definitions.monitorSettings.properties;
    const s = m.signals.properties;
    const d = DEFAULT_SETTINGS.monitor;
    assert.equal(m.intervalSeconds.default, d.intervalSeconds);
    assert.equal(m.jitter.default, d.jitter);
    assert.equal(m.history.properties.maxEntriesPerKey.default, d.history.maxEntriesPerKey);
    assert.equal(m.history.properties.maxAgeHours.default, d.history.maxAgeHours);
    for (const kind of ['spike', 'intermittent', 'increase'] as const) {
      for (const [k, v] of Object.entries(d.signals[kind])) assert.equal(s[kind].properties[k].default, v, `${kind}.${k}`);
    }
  });

  it('loads per-service and top-level monitor settings; absent means defaults and no monitor property', () => {
    const text = `{"monitor":{"intervalSeconds":60,"jitter":0.2,"history":{"maxEntriesPerKey":50,"maxAgeHours":2},"signals":{"spike":{"rejections":2,"windowSeconds":120,"healthyProbes":1},"intermittent":{"flips":3,"windowSeconds":90},"increase":{"windows":4,"windowSeconds":30,"minProbes":1,"minRate":0.5}}},
      "services":[{"name":"a","probe":{"url":"https://x.example/me","auth":{"type":"bearer"}},"monitor":{"enabled":false}},
                  {"name":"b","probe":{"url":"https://x.example/me","auth":{"type":"bearer"}},"monitor":{"intervalSeconds":5}},
                  {"name":"c","probe":{"url":"https://x.example/me","auth":{"type":"bearer"}}}]}`;
    assert.equal(validate(parse(text)), true, JSON.stringify(validate.errors));
    const { services, errors, settings } = loadConfig(text, 'x.json');
    assert.deepEqual(errors, []);
    assert.deepEqual(services.map((s) => s.monitor), [{ enabled: false }, { enabled: true, intervalSeconds: 5 }, undefined]);
    assert.equal('monitor' in services[2]!, false);
    assert.deepEqual(settings.monitor, {
      intervalSeconds: 60,
      jitter: 0.2,
      history: { maxEntriesPerKey: 50, maxAgeHours: 2 },
      signals: { spike: { rejections: 2, windowSeconds: 120, healthyProbes: 1 }, intermittent: { flips: 3, windowSeconds: 90 }, increase: { windows: 4, windowSeconds: 30, minProbes: 1, minRate: 0.5 } },
    });
    assert.deepEqual(loadConfig(svc(''), 'x.json').settings.monitor, DEFAULT_SETTINGS.monitor);
  });

  const bad: Array<[string, string]> = [
    ['an interval of 0', svc(',"monitor":{"intervalSeconds":0}')],
    ['a non-boolean enabled', svc(',"monitor":{"enabled":"yes"}')],
    ['a misspelt service monitor property', svc(',"monitor":{"interval":5}')],
    ['jitter above 0.5', `{"monitor":{"jitter":0.9},${svc('').slice(1)}`],
    ['a rate above 1', `{"monitor":{"signals":{"increase":{"minRate":2}}},${svc('').slice(1)}`],
    ['one flip', `{"monitor":{"signals":{"intermittent":{"flips":1}}},${svc('').slice(1)}`],
    ['a history of 5 entries', `{"monitor":{"history":{"maxEntriesPerKey":5}},${svc('').slice(1)}`],
    ['an unknown signal', `{"monitor":{"signals":{"dip":{}}},${svc('').slice(1)}`],
  ];
  for (const [what, text] of bad) {
    it(`rejects ${what}, in the schema and the loader`, () => {
      assert.equal(validate(parse(text)), false, 'schema rejects');
      assert.ok(loadConfig(text, 'x.json').errors.length > 0, 'loader reports');
    });
  }
});
