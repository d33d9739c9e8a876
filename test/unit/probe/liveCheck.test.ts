import * as assert from 'node:assert/strict';
import { loadConfig } from '../../../src/core/config/index';
import { checkKeyLive, memoryApprovals } from '../../../src/core/probe/index';
import { presetSimAuth, startSimulator, type Simulator } from '../../../src/simulator/index';
import { testKey } from './helpers';

describe('checkKeyLive: a found key probed once through its preset, to an approved host only', () => {
  let sim: Simulator;
  const key = testKey('found');
  before(async () => {
    sim = await startSimulator({ services: [{ name: 'openai', provider: 'openai', auth: presetSimAuth('openai'), keys: [{ value: key, label: 'found' }] }] });
  });
  after(() => sim.close());
  const service = () => loadConfig(JSON.stringify({ services: [{ name: 'openai', provider: 'openai', baseUrl: sim.serviceUrl('openai') }] }), 'x.json').services[0]!;

  it('refused approval: nothing is sent', async () => {
    const approvals = memoryApprovals([]);
    const asked: string[] = [];
    const result = await checkKeyLive(service(), key, { approvals: () => approvals, approve: async (s, h) => (asked.push(`${s}@${h}`), false) });
    assert.deepEqual(result, { refused: new URL(sim.url).host });
    assert.deepEqual(asked, [`openai@${new URL(sim.url).host}`]);
    assert.equal(sim.requestLog.length, 0);
  });

  it('approved: live, then revoked once the provider revokes it; never the key', async () => {
    const approvals = memoryApprovals([{ service: 'openai', host: new URL(sim.url).host }]);
    const options = { approvals: () => approvals, approve: async () => assert.fail('already approved') };
    const live = await checkKeyLive(service(), key, options);
    assert.ok('liveness' in live);
    assert.equal(live.liveness, 'live');
    assert.equal(live.status, 200);
    sim.admin.revokeKey('openai', { label: 'found' });
    const revoked = await checkKeyLive(service(), key, options);
    assert.ok('liveness' in revoked);
    assert.equal(revoked.liveness, 'revoked');
    for (const out of [JSON.stringify(live), JSON.stringify(revoked)]) assert.equal(out.includes(key), false);
  });

  it('a host that is not loopback over plain HTTP is refused before any question', async () => {
    const base = service();
    const plain = { ...base, probe: { ...base.probe, url: 'http://example.com/v1/models' } };
    const result = await checkKeyLive(plain, key, { approvals: () => memoryApprovals([]), approve: async () => assert.fail('not asked') });
    assert.ok('liveness' in result && result.outcome === 'misconfigured');
  });
});
