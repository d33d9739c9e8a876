import { toKeychainError } from './errors';
import { LockState, secretServiceLockState } from './lockState';
import { accountName, KEYCHAIN_SERVICE, KeychainError, KeychainPort, parseAccountName, SlotAddress } from './port';

/** The part of keytar's API this adapter uses. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/**
 * Loads keytar on first use, never at import time: it is a native module (an esbuild external)
 * that is missing on web and some remote hosts, where the extension falls back to SecretStorage.
 */
export function loadKeytar(): KeytarModule {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('keytar') as KeytarModule;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    throw new KeychainError(
      `The OS keychain module (keytar) could not be loaded on this host${code ? ` (${code})` : ''}; keys cannot be stored in the OS keychain here.`,
      'unavailable',
    );
  }
}

export interface KeytarKeychainOptions {
  /** Defaults to `loadKeytar`; tests pass a fake to exercise error mapping. */
  load?: () => KeytarModule;
  /** Defaults to asking the Secret Service over D-Bus (Linux); 'unknown' elsewhere. */
  lockState?: () => Promise<LockState>;
  /** Keychain service name; defaults to `rotation-ready`. Tests may use their own. */
  service?: string;
}

/** The OS keychain through keytar: macOS Keychain, Windows Credential Manager, libsecret. */
export class KeytarKeychain implements KeychainPort {
  readonly label: string;
  private module: KeytarModule | undefined;
  private readonly load: () => KeytarModule;
  private readonly lockState: () => Promise<LockState>;
  private readonly service: string;

  constructor(options: KeytarKeychainOptions = {}) {
    this.load = options.load ?? loadKeytar;
    this.lockState = options.lockState ?? (() => secretServiceLockState());
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.label = process.platform === 'darwin' ? 'OS keychain (macOS Keychain)' : process.platform === 'win32' ? 'OS keychain (Windows Credential Manager)' : 'OS keychain (libsecret)';
  }

  /** Throws a KeychainError('unavailable') if keytar cannot load; useful to choose an adapter. */
  ensureLoaded(): KeytarModule {
    if (!this.module) {
      try {
        this.module = this.load();
      } catch (error) {
        if (error instanceof KeychainError) throw error;
        const code = (error as NodeJS.ErrnoException | undefined)?.code;
        throw new KeychainError(`The OS keychain module (keytar) could not be loaded on this host${code ? ` (${code})` : ''}.`, 'unavailable');
      }
    }
    return this.module;
  }

  async get(address: SlotAddress): Promise<string | undefined> {
    const value = await this.call('read a key', (k) => k.getPassword(this.service, accountName(address)));
    if (value !== null && value !== undefined) return value;
    // A locked libsecret collection reads as "no entry"; do not let a caller mistake it for one.
    await this.throwIfLocked('read a key');
    return undefined;
  }

  async set(address: SlotAddress, value: string): Promise<void> {
    const account = accountName(address);
    await this.call('store a key', (k) => k.setPassword(this.service, account, value), value);
    let readBack: string | null;
    try {
      readBack = await this.call('verify a stored key', (k) => k.getPassword(this.service, account));
    } catch (error) {
      throw toKeychainError(error, 'verify a stored key', value);
    }
    if (readBack !== value) {
      if (readBack === null) await this.throwIfLocked('verify a stored key');
      throw new KeychainError(`The OS keychain did not return the key just stored for ${account}; nothing was changed elsewhere.`, 'verify-failed');
    }
  }

  async delete(address: SlotAddress): Promise<boolean> {
    const deleted = await this.call('delete a key', (k) => k.deletePassword(this.service, accountName(address)));
    if (!deleted) await this.throwIfLocked('delete a key');
    return deleted;
  }

  async list(workspaceId: string): Promise<SlotAddress[]> {
    // keytar 7.9's findCredentials crashes the process on a locked libsecret collection: ask first.
    await this.throwIfLocked('list keys');
    const credentials = await this.call('list keys', (k) => k.findCredentials(this.service));
    return credentials
      .map((credential) => parseAccountName(credential.account))
      .filter((address): address is SlotAddress => address !== undefined && address.workspaceId === workspaceId);
  }

  private async throwIfLocked(operation: string): Promise<void> {
    if ((await this.lockState()) === 'locked') {
      throw new KeychainError(`Could not ${operation}: the OS keychain is locked. Unlock your login keyring and try again; nothing was changed.`, 'locked');
    }
  }

  private async call<T>(operation: string, action: (module: KeytarModule) => Promise<T>, secret?: string): Promise<T> {
    const module = this.ensureLoaded();
    try {
      return await action(module);
    } catch (error) {
      throw toKeychainError(error, operation, secret);
    }
  }
}
