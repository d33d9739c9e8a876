import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../src/core/config/index';
import { DEFAULT_SIMULATOR_PORT, loadSimulatorConfig } from '../../../src/simulator/index';

const root = join(__dirname, '../../..');

describe('simulator config', () => {
  const simFile = join(root, 'demo/.simulator.json');
  const sim = loadSimulatorConfig(readFileSync(simFile, 'utf8'), simFile);

  it('loads the bundled demo config without errors', () => {
    assert.deepEqual(sim.errors, []);
    assert.equal(sim.config.port, DEFAULT_SIMULATOR_PORT);
    assert.deepEqual(sim.config.services.map((s) => s.name), ['billing-api', 'maps-api', 'weather-api']);
  });

  it('holds only obviously synthetic dev keys (rrsim_…_devonly) or demo placeholders, one per label', () => {
    for (const s of sim.config.services) {
      for (const k of s.keys) {
        assert.ok(typeof k === 'object', 'demo keys carry labels');
        // A `{{secret:…}}` placeholder is the synthetic key the demo's code hardcodes, filled in when .demo/ is made.
        if (k.value.startsWith('{{secret:')) assert.match(k.value, /^\{\{secret:[a-z0-9-]+\}\}$/);
        else assert.match(k.value, new RegExp(`^rrsim_${s.name.split('-')[0]}_${k.label}_\\d{4}_devonly$`));
      }
    }
  });

  it('agrees with demo/.rotation-ready.json: same services, port, paths and auth', () => {
    const rrFile = join(root, 'demo/.rotation-ready.json');
    const rr = loadConfig(readFileSync(rrFile, 'utf8'), rrFile);
    assert.deepEqual(rr.errors, []);
    assert.deepEqual(rr.services.map((s) => s.name), sim.config.services.map((s) => s.name));
    for (const service of rr.services) {
      const url = new URL(service.probe.url);
      const simService = sim.config.services.find((s) => s.name === service.name)!;
      assert.equal(url.hostname, '127.0.0.1');
      assert.equal(Number(url.port), sim.config.port);
      assert.ok(url.pathname.startsWith(`${simService.basePath ?? `/${simService.name}`}/`), `${service.name} probes its simulator path`);
      assert.deepEqual(service.probe.auth, simService.auth);
    }
  });

  it('reports errors with a JSON path and keeps the valid services', () => {
    const text = '{"services":[{"name":"a","auth":{"type":"header"},"keys":[]},{"name":"b","auth":{"type":"bearer"},"keys":["k1",{"value":"k2","propagation":{"requests":-1}}]},{"name":"c","auth":{"type":"query","name":"key"},"keys":["k3"]}]}';
    const { config, errors } = loadSimulatorConfig(text, 'sim.json');
    assert.deepEqual(config.services.map((s) => s.name), ['c']);
    assert.deepEqual(errors.map((e) => e.path), ['services[0].auth', 'services[1].keys[1].propagation.requests']);
  });

  it('checks behaviour, pointing at the faulty property', () => {
    const text = '{"services":[{"name":"a","auth":{"type":"bearer"},"keys":[],"behaviour":{"rateLimit":{"next":1.5},"revokedStatus":500}}]}';
    const { config, errors } = loadSimulatorConfig(text, 'sim.json');
    assert.deepEqual(config.services, []);
    assert.deepEqual(errors.map((e) => [e.path, e.message]), [
      ['services[0].behaviour.rateLimit.next', 'must be an integer'],
      ['services[0].behaviour.revokedStatus', 'must be 401 or 403'],
    ]);
  });
});
