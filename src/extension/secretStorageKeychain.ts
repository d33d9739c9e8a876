import type * as vscode from 'vscode';
import { toKeychainError } from '../core/keychain/errors';
import { accountName, KEYCHAIN_SERVICE, KeychainError, KeychainPort, parseAccountName, SlotAddress } from '../core/keychain/port';

/**
 * The keychain port on VS Code's SecretStorage, used only when keytar cannot load (web and some
 * remote hosts have no native module). Entries are `rotation-ready/<workspace-id>/<service>/<env>/<slot>`.
 * SecretStorage cannot list its keys in the VS Code versions we support (1.95), so the account
 * names (never values) are kept in one more entry, the index, to implement `list`.
 */
export class SecretStorageKeychain implements KeychainPort {
  readonly label = 'VS Code SecretStorage';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'>,
    private readonly service: string = KEYCHAIN_SERVICE,
  ) {}

  async get(address: SlotAddress): Promise<string | undefined> {
    try {
      return (await this.secrets.get(this.key(address))) ?? undefined;
    } catch (error) {
      throw toKeychainError(error, 'read a key');
    }
  }

  async set(address: SlotAddress, value: string): Promise<void> {
    const key = this.key(address);
    try {
      await this.secrets.store(key, value);
    } catch (error) {
      throw toKeychainError(error, 'store a key', value);
    }
    // Read back, as the keytar adapter does: a write that did not stick must not look like success.
    if ((await this.get(address)) !== value) {
      throw new KeychainError(`VS Code SecretStorage did not return the key just stored for ${accountName(address)}; nothing was changed elsewhere.`, 'verify-failed');
    }
    await this.updateIndex((accounts) => accounts.add(accountName(address)));
  }

  async delete(address: SlotAddress): Promise<boolean> {
    const existed = (await this.get(address)) !== undefined;
    try {
      await this.secrets.delete(this.key(address));
    } catch (error) {
      throw toKeychainError(error, 'delete a key');
    }
    await this.updateIndex((accounts) => accounts.delete(accountName(address)));
    return existed;
  }

  async list(workspaceId: string): Promise<SlotAddress[]> {
    const accounts = await this.readIndex();
    return [...accounts].map(parseAccountName).filter((a): a is SlotAddress => a !== undefined && a.workspaceId === workspaceId);
  }

  private key(address: SlotAddress): string {
    return `${this.service}/${accountName(address)}`;
  }

  private async readIndex(): Promise<Set<string>> {
    const text = await this.secrets.get(`${this.service}:index`);
    if (!text) return new Set();
    try {
      const list = JSON.parse(text) as unknown;
      return new Set(Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : []);
    } catch {
      return new Set();
    }
  }

  /** Index updates are serialized so two writes cannot drop each other's account. */
  private updateIndex(change: (accounts: Set<string>) => unknown): Promise<void> {
    const run = this.queue.then(async () => {
      const accounts = await this.readIndex();
      change(accounts);
      await this.secrets.store(`${this.service}:index`, JSON.stringify([...accounts].sort()));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
