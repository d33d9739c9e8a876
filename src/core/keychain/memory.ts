import { accountName, KeychainError, KeychainPort, parseAccountName, SlotAddress } from './port';

export type MemoryFailure = 'locked' | 'unavailable' | 'write-fails' | 'verify-fails';

/**
 * An in-process keychain ONLY for unit tests of callers (the extension never uses it: keys would
 * be lost on reload). It can simulate the failures a real keychain has: `fail = 'locked'` (every
 * call throws, nothing changes), `'write-fails'` (set throws), `'verify-fails'` (set stores but the
 * read-back differs), and `failOn` to make exactly the n-th matching call fail.
 */
export class MemoryKeychain implements KeychainPort {
  readonly label = 'In-memory keychain (tests only)';
  readonly entries = new Map<string, string>();
  fail: MemoryFailure | undefined;
  /** Calls made, as `op account` (never values), to assert ordering in tests. */
  readonly calls: string[] = [];
  private triggers: Array<{ op: 'get' | 'set' | 'delete' | 'list'; remaining: number; failure: MemoryFailure }> = [];

  /** Makes the `nth` (1-based) next call of `op` fail with `failure`. */
  failOn(op: 'get' | 'set' | 'delete' | 'list', nth = 1, failure: MemoryFailure = 'write-fails'): void {
    this.triggers.push({ op, remaining: nth, failure });
  }

  async get(address: SlotAddress): Promise<string | undefined> {
    this.check('get', address);
    return this.entries.get(accountName(address));
  }

  async set(address: SlotAddress, value: string): Promise<void> {
    const failure = this.check('set', address);
    if (failure === 'write-fails') throw new KeychainError('Could not store a key: simulated write failure.', 'unknown');
    if (failure === 'verify-fails') {
      this.entries.set(accountName(address), `${value}-corrupted`);
      throw new KeychainError(`The OS keychain did not return the key just stored for ${accountName(address)}.`, 'verify-failed');
    }
    this.entries.set(accountName(address), value);
  }

  async delete(address: SlotAddress): Promise<boolean> {
    const failure = this.check('delete', address);
    if (failure === 'write-fails') throw new KeychainError('Could not delete a key: simulated failure.', 'unknown');
    return this.entries.delete(accountName(address));
  }

  async list(workspaceId: string): Promise<SlotAddress[]> {
    this.check('list', undefined);
    return [...this.entries.keys()].map(parseAccountName).filter((a): a is SlotAddress => a !== undefined && a.workspaceId === workspaceId);
  }

  private check(op: 'get' | 'set' | 'delete' | 'list', address: SlotAddress | undefined): MemoryFailure | undefined {
    this.calls.push(address ? `${op} ${accountName(address)}` : op);
    let failure = this.fail;
    const trigger = this.triggers.find((t) => t.op === op);
    if (trigger && --trigger.remaining === 0) {
      this.triggers.splice(this.triggers.indexOf(trigger), 1);
      failure = trigger.failure;
    }
    if (failure === 'locked') throw new KeychainError('The OS keychain is locked (simulated).', 'locked');
    if (failure === 'unavailable') throw new KeychainError('No OS keychain is reachable (simulated).', 'unavailable');
    if (op === 'get' || op === 'list') return undefined;
    return failure;
  }
}
