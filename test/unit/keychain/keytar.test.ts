import * as assert from 'node:assert/strict';
import { KeytarKeychain, KeytarModule } from '../../../src/core/keychain/keytar';
import { KeychainError } from '../../../src/core/keychain/port';
import { randomKey } from './helpers';

const at = { workspaceId: 'ws-x', service: 'billing-api', environment: 'dev', slot: 'primary' as const };
const failing = (message: string): KeytarModule => ({
  getPassword: async () => Promise.reject(new Error(message)),
  setPassword: async () => Promise.reject(new Error(message)),
  deletePassword: async () => Promise.reject(new Error(message)),
  findCredentials: async () => Promise.reject(new Error(message)),
});

describe('KeytarKeychain error mapping (fake keytar)', () => {
  const cases: Array<[string, KeychainError['reason']]> = [
    ['Cannot create an item in a locked collection', 'locked'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unavailable'],
    ['No such interface “org.freedesktop.Secret.Collection” on object at path /org/freedesktop/secrets/collection/login', 'unavailable'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'unavailable'],
    ['The session wrapping the secret does not exist', 'unavailable'],
    ['Prompt dismissed by the user', 'denied'],
    ['something else entirely', 'unknown'],
  ];
  for (const [message, reason] of cases) {
    it(`"${message.slice(0, 40)}…" → ${reason}, without the value`, async () => {
      const value = randomKey();
      const keychain = new KeytarKeychain({ load: () => failing(`${message} ${value}`), lockState: async () => 'unknown' });
      await assert.rejects(keychain.set(at, value), (e: unknown) => e instanceof KeychainError && e.reason === reason && !e.message.includes(value));
      await assert.rejects(keychain.get(at), (e: unknown) => e instanceof KeychainError && e.reason === reason);
    });
  }

  it('reports unavailable when keytar cannot load', async () => {
    const keychain = new KeytarKeychain({
      load: () => {
        throw Object.assign(new Error('Cannot find module keytar'), { code: 'MODULE_NOT_FOUND' });
      },
    });
    await assert.rejects(keychain.get(at), (e: unknown) => e instanceof KeychainError && e.reason === 'unavailable' && /keytar/.test(e.message));
  });

  it('a null read on a locked keychain is an error, not "no key"; list asks before calling findCredentials', async () => {
    let findCalled = false;
    const module: KeytarModule = { getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => false, findCredentials: async () => ((findCalled = true), []) };
    const keychain = new KeytarKeychain({ load: () => module, lockState: async () => 'locked' });
    await assert.rejects(keychain.get(at), (e: unknown) => e instanceof KeychainError && e.reason === 'locked');
    await assert.rejects(keychain.delete(at), (e: unknown) => e instanceof KeychainError && e.reason === 'locked');
    await assert.rejects(keychain.list('ws-x'), (e: unknown) => e instanceof KeychainError && e.reason === 'locked');
    assert.equal(findCalled, false);
  });

  it('verifies a write by reading it back', async () => {
    const module: KeytarModule = { getPassword: async () => 'something-else', setPassword: async () => undefined, deletePassword: async () => true, findCredentials: async () => [] };
    const value = randomKey();
    await assert.rejects(new KeytarKeychain({ load: () => module, lockState: async () => 'unlocked' }).set(at, value), (e: unknown) => e instanceof KeychainError && e.reason === 'verify-failed' && !e.message.includes(value));
  });
});
