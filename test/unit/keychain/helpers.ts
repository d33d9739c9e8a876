import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStore } from '../../../src/core/keychain/keyStore';
import { MemoryKeychain } from '../../../src/core/keychain/memory';

/** A random key-like value, generated at test time. */
export function randomKey(prefix = 'tk'): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export interface Fixture {
  dir: string;
  metadataPath: string;
  keychain: MemoryKeychain;
  store: () => KeyStore;
  /** Every file under dir, concatenated (to search for values). */
  persisted: () => string;
  cleanup: () => void;
}

export function fixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'rr-keys-'));
  const metadataPath = join(dir, 'storage', 'keys.json');
  const keychain = new MemoryKeychain();
  const all = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(join(d, e.name)) : [join(d, e.name)]));
  return {
    dir,
    metadataPath,
    keychain,
    store: () => new KeyStore({ keychain, workspaceId: 'ws-test', metadataPath }),
    persisted: () => all(dir).map((f) => readFileSync(f, 'utf8')).join('\n'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function assertNoValues(text: string, values: string[]): void {
  for (const value of values) {
    if (text.includes(value)) throw new Error('a key value was found where it must never be');
  }
}
