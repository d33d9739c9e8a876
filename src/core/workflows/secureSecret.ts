import { allDestinations, DotenvDestination, type SecretDestination, type StoredSecret } from '../fix/secretDestination';
import type { EnvVarNames } from '../config/index';
import type { ServiceRef } from '../keychain/keyStore';
import type { ProjectContext } from './context';

/** Where "move secret to environment variable" stores the value (setting `rotationReady.fix.secretDestination`, `fix --keychain`). */
export type SecretDestinationChoice = 'dotenv' | 'keychain' | 'both';

/**
 * The destination of a moved secret, for both front ends: a git-ignored `.env` at the project root, and/or the
 * primary key of the variable's service (dev environment) in the key store, with its metadata, so it shows in
 * the Keys sidebar and `exec` and the editor inject it under the names the rewritten code reads.
 */
export function secretDestination(ctx: ProjectContext, choice: SecretDestinationChoice): SecretDestination {
  const dotenv = new DotenvDestination({ root: ctx.root });
  if (choice === 'dotenv') return dotenv;
  const keychain = new KeyStoreDestination(ctx);
  return choice === 'keychain' ? keychain : allDestinations(dotenv, keychain);
}

/** The keychain half: a key store entry with metadata, read back after writing, undone while the literal is still in the file. */
export class KeyStoreDestination implements SecretDestination {
  readonly label: string;

  constructor(private readonly ctx: ProjectContext, private readonly environment = 'dev') {
    this.label = ctx.keychain.label;
  }

  async store(envName: string, value: string): Promise<StoredSecret> {
    const ref: ServiceRef = { service: this.ctx.names.serviceFor(envName, this.environment), environment: this.environment };
    return storePrimaryKey(this.ctx, ref, value, () => this.recordedNames(ref, envName));
  }

  /** A configured service keeps its configured names; otherwise the names the rewritten code reads. */
  private async recordedNames(ref: ServiceRef, envName: string) {
    const configured = this.ctx.config?.services.some((s) => s.name === ref.service);
    return configured ? this.ctx.names.envVarsFor(ref) : this.ctx.names.recordedFor(envName);
  }
}

/**
 * Stores `value` as the primary key of `ref` with its metadata and reads it back; a primary holding the same key is
 * kept as it is, a different one refused. The undo drops what was stored, only while the value is still elsewhere.
 */
export async function storePrimaryKey(ctx: ProjectContext, ref: ServiceRef, value: string, envVars: () => Promise<EnvVarNames>): Promise<StoredSecret> {
  const keys = ctx.keyStore;
  const label = ctx.keychain.label;
  const info = await keys.info(ref);
  const fingerprint = await keys.fingerprintOf(value);
  const existing = info.slots.primary;
  if (existing?.fingerprint === fingerprint) return { label, undo: async () => undefined };
  if (existing) {
    throw new Error(`${ref.service} (${ref.environment}) already has a different primary key (${existing.fingerprint}) in ${label}; choose another variable name, or store this one in .env`);
  }
  await keys.add(ref, 'primary', value, { envVars: await envVars() });
  if ((await keys.read(ref, 'primary')) !== value) {
    // The slot was empty: what the keychain holds there now is not a key anyone had; drop it and its metadata.
    await ctx.keychain.delete({ workspaceId: ctx.workspaceId, ...ref, slot: 'primary' }).catch(() => false);
    await keys.updateMeta(ref, (entry) => void delete entry.slots.primary).catch(() => undefined);
    throw new Error(`${label} did not return the value just stored for ${ref.service}/${ref.environment}`);
  }
  const previousWasFree = !info.slots.previous;
  return {
    label,
    // Only while the literal is still in the file (the edit was refused): nothing is lost by dropping it.
    undo: async () => {
      if (!previousWasFree) return;
      await keys.delete(ref, 'primary');
      await keys.purge(ref);
    },
  };
}
