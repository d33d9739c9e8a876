import type { SecretDestination, StoredSecret } from '../core/fix/secretDestination';
import type { KeyStore, ServiceRef } from '../core/keychain/keyStore';

/**
 * "Move secret to environment variable" into the Keys sidebar's store: the value becomes the primary
 * key of its service (dev environment) in the keychain, with its metadata, so it shows in the tree and
 * "Run with keys" injects it under the name the code now reads.
 */
export class KeyStoreDestination implements SecretDestination {
  readonly label: string;

  constructor(
    private readonly keys: KeyStore,
    keychainLabel: string,
    private readonly serviceFor: (envName: string) => string,
  ) {
    this.label = keychainLabel;
  }

  async store(envName: string, value: string): Promise<StoredSecret> {
    const ref: ServiceRef = { service: this.serviceFor(envName), environment: 'dev' };
    const info = await this.keys.info(ref);
    const fingerprint = await this.keys.fingerprintOf(value);
    const existing = info.slots.primary;
    if (existing?.fingerprint === fingerprint) return { label: this.label, undo: async () => undefined };
    if (existing) {
      throw new Error(`${ref.service} (${ref.environment}) already has a different primary key (${existing.fingerprint}) in ${this.label}; choose another variable name, or store this one in .env (setting rotationReady.fix.secretDestination)`);
    }
    await this.keys.add(ref, 'primary', value, { envVars: { plain: envName, primary: `${envName}_PRIMARY`, fallback: `${envName}_FALLBACK` } });
    if ((await this.keys.read(ref, 'primary')) !== value) throw new Error(`the key read back from ${this.label} differs from the one stored`);
    const previousWasFree = !info.slots.previous;
    return {
      label: this.label,
      // Only while the literal is still in the file (the edit was refused): nothing is lost by dropping it.
      undo: async () => {
        if (!previousWasFree) return;
        await this.keys.delete(ref, 'primary');
        await this.keys.purge(ref);
      },
    };
  }
}
