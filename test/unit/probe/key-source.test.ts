import * as assert from 'node:assert/strict';
import { KeychainPort, SlotAddress, accountName } from '../../../src/core/keychain/port';
import { chainKeySources, envKeySource, keychainKeySource } from '../../../src/core/probe/index';
import { serviceConfig } from './helpers';

describe('key sources', () => {
  const services = [serviceConfig('billing-api', 'https://x.example'), { ...serviceConfig('maps', 'https://y.example'), environments: [{ name: 'dev' }, { name: 'prod', envVars: { primary: 'PROD_MAPS' } }] }];

  it('environment variables: <NAME>_PRIMARY, else the plain <NAME>; <NAME>_FALLBACK; per-environment overrides', async () => {
    const src = envKeySource({ BILLING_API_KEY_PRIMARY: 'p1', BILLING_API_KEY: 'plain', BILLING_API_KEY_FALLBACK: 'f1', MAPS_KEY: 'm', PROD_MAPS: 'pm' }, services);
    assert.equal(await src.get('billing-api', 'dev', 'primary'), 'p1');
    assert.equal(await src.get('billing-api', 'dev', 'fallback'), 'f1');
    assert.equal(await src.get('billing-api', 'dev', 'previous'), undefined);
    assert.equal(await src.get('maps', 'dev', 'primary'), 'm', 'plain name when _PRIMARY is unset');
    assert.equal(await src.get('maps', 'prod', 'primary'), 'pm');
    assert.equal(await src.get('maps', 'dev', 'fallback'), undefined);
    assert.equal(await src.get('unknown', 'dev', 'primary'), undefined);
    assert.equal(await envKeySource({ BILLING_API_KEY_PRIMARY: '  ' }, services).get('billing-api', 'dev', 'primary'), undefined, 'blank is unset');
  });

  it('the keychain port, addressed by workspace, service, environment and slot; chained with env', async () => {
    const store = new Map<string, string>([['ws1/billing-api/prod/fallback', 'kc']]);
    const port: KeychainPort = {
      label: 'fake keychain',
      get: async (a: SlotAddress) => store.get(accountName(a)),
      set: async () => undefined,
      delete: async () => false,
      list: async () => [],
    };
    const kc = keychainKeySource(port, 'ws1');
    assert.equal(await kc.get('billing-api', 'prod', 'fallback'), 'kc');
    assert.equal(await kc.get('billing-api', 'dev', 'fallback'), undefined);
    const chained = chainKeySources(kc, envKeySource({ BILLING_API_KEY_FALLBACK: 'env' }, services));
    assert.equal(await chained.get('billing-api', 'prod', 'fallback'), 'kc');
    assert.equal(await chained.get('billing-api', 'dev', 'fallback'), 'env');
    assert.equal(chained.label, 'fake keychain, then environment variables');
  });
});
