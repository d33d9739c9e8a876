import * as assert from 'node:assert/strict';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { accountName, SlotAddress } from '../../src/core/keychain/port';
import { inProcess, isLocked, randomKey, uniqueWorkspace } from './keyring';

const at = (workspaceId: string, slot: SlotAddress['slot'], service = 'billing-api', environment = 'dev'): SlotAddress => ({ workspaceId, service, environment, slot });

describe('KeytarKeychain against a private gnome-keyring', () => {
  beforeEach(inProcess);

  it('runs on the private session bus only, with the collection unlocked', () => {
    assert.equal(process.env.RR_PRIVATE_KEYRING, '1');
    assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS?.startsWith(`unix:path=${process.env.RR_KEYRING_ROOT}/`));
    assert.equal(isLocked(), false);
  });

  it('stores, reads back, replaces, lists and deletes under the rotation-ready service', async () => {
    const keychain = new KeytarKeychain();
    const ws = uniqueWorkspace();
    const first = randomKey();
    const second = randomKey();
    await keychain.set(at(ws, 'primary'), first);
    assert.equal(await keychain.get(at(ws, 'primary')), first);
    await keychain.set(at(ws, 'primary'), second);
    assert.equal(await keychain.get(at(ws, 'primary')), second);
    await keychain.set(at(ws, 'fallback', 'search', 'prod'), first);
    const listed = (await keychain.list(ws)).map(accountName).sort();
    assert.deepEqual(listed, [accountName(at(ws, 'primary')), accountName(at(ws, 'fallback', 'search', 'prod'))].sort());
    assert.deepEqual(await keychain.list(uniqueWorkspace()), []);
    assert.equal(await keychain.delete(at(ws, 'primary')), true);
    assert.equal(await keychain.get(at(ws, 'primary')), undefined);
    assert.equal(await keychain.delete(at(ws, 'primary')), false);
  });

  it('a new adapter instance sees the same values', async () => {
    const ws = uniqueWorkspace();
    const value = randomKey();
    await new KeytarKeychain().set(at(ws, 'previous'), value);
    assert.equal(await new KeytarKeychain().get(at(ws, 'previous')), value);
  });
});
