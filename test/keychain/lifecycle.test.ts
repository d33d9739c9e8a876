// Restarts the keyring daemon: listed last in .mocharc.json (see keyring.ts for why).
import * as assert from 'node:assert/strict';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { accountName, KeychainError, SlotAddress } from '../../src/core/keychain/port';
import { keyFingerprint } from '../../src/core/redact';
import { child, inProcess, isLocked, lockKeyring, randomKey, restartKeyringUnlocked, uniqueWorkspace } from './keyring';

const at = (workspaceId: string, slot: SlotAddress['slot']): SlotAddress => ({ workspaceId, service: 'billing-api', environment: 'dev', slot });

describe('keychain lifecycle: restarts and a locked collection', () => {
  afterEach(() => {
    if (isLocked() !== false) restartKeyringUnlocked();
  });

  it('values survive a restart of the keyring daemon and of the process', async () => {
    inProcess();
    const ws = uniqueWorkspace();
    const value = randomKey();
    await new KeytarKeychain().set(at(ws, 'primary'), value);
    restartKeyringUnlocked();
    const { results, stdout } = child([['get', accountName(at(ws, 'primary'))]]);
    assert.ok(!stdout.includes(value));
    assert.deepEqual(results, [{ ok: true, value: keyFingerprint(value, 'test-salt') }]);
  });

  it('a locked collection gives a clear KeychainError for get, set, delete and list, and loses nothing', () => {
    const ws = uniqueWorkspace();
    const kept = randomKey();
    const attempted = randomKey();
    const account = accountName(at(ws, 'primary'));
    assert.deepEqual(child([['set', account]], kept).results, [{ ok: true }]);
    lockKeyring();
    assert.equal(isLocked(), true);
    const { results, stdout } = child([['get', account], ['set', account], ['delete', account], ['list', ws]], attempted);
    assert.ok(!stdout.includes(kept) && !stdout.includes(attempted), 'a key value leaked into an error');
    for (const result of results) {
      assert.equal(result.ok, false, JSON.stringify(result));
      if (!result.ok) {
        assert.equal(result.reason, 'locked');
        assert.match(result.message, /locked/i);
      }
    }
    restartKeyringUnlocked();
    assert.deepEqual(child([['get', account]]).results, [{ ok: true, value: keyFingerprint(kept, 'test-salt') }]);
  });

  it('after the daemon restarted under it, a process gets a clear, value-free error (not a crash)', async () => {
    // This process talked to the daemon before the restarts above: libsecret's session is stale.
    const value = randomKey();
    const error = await new KeytarKeychain().set(at(uniqueWorkspace(), 'primary'), value).then(() => undefined, (e: unknown) => e);
    if (error === undefined) return; // a libsecret that reconnects by itself is fine too
    assert.ok(error instanceof KeychainError);
    assert.ok(!error.message.includes(value));
    assert.match(error.message, /restart/i);
  });
});
