import { injectedEnv } from '../keychain/injection';
import type { ServiceRef } from '../keychain/keyStore';
import type { ProjectContext } from './context';

/** What `exec` and the editor's terminal and task injection put into a process: values only ever go there. */
export interface KeyInjection {
  /** Names → values, for the child process's environment. */
  env: Record<string, string>;
  /** Per service with keys: the names injected (never values). */
  injected: Array<{ ref: ServiceRef; names: string[] }>;
  /** Services asked for that have no key in this environment. */
  empty: ServiceRef[];
  /** Services whose keys could not be read (a key the metadata lists is gone from the keychain…): why, never a value. */
  failed: Array<{ ref: ServiceRef; reason: string }>;
}

/**
 * The services `exec` injects by default: every configured one, then every one with a key stored for this
 * project (in the key metadata or only in the keychain), in `environment`.
 */
export async function injectableServices(ctx: ProjectContext, environment: string): Promise<ServiceRef[]> {
  const inMetadata = (await ctx.keyStore.list()).filter((e) => e.environment === environment && Object.keys(e.slots).length > 0).map((e) => e.service);
  const inKeychain = (await ctx.keychain.list(ctx.workspaceId)).filter((a) => a.environment === environment).map((a) => a.service);
  const configured = ctx.config?.services.map((s) => s.name) ?? [];
  return [...new Set([...configured, ...inMetadata, ...inKeychain])].sort().map((service) => ({ service, environment }));
}

/**
 * The keys of some services as environment variables `<NAME>_PRIMARY`, `<NAME>_FALLBACK` and the plain `<NAME>`
 * (= primary), under the one env-name policy (configuration, else the names recorded with the key, else
 * derived). A service the key metadata knows is read through the key store (metadata says which slots are in
 * use); one only in the keychain (stored without metadata) is read from the keychain itself.
 */
export async function keysForProcess(ctx: ProjectContext, refs: readonly ServiceRef[]): Promise<KeyInjection> {
  const result: KeyInjection = { env: {}, injected: [], empty: [], failed: [] };
  for (const ref of refs) {
    let env: Record<string, string>;
    try {
      const names = await ctx.names.envVarsFor(ref);
      const known = Object.keys((await ctx.keyStore.info(ref)).slots).length > 0;
      env = injectedEnv(names, known ? await ctx.keyStore.readForInjection(ref) : await readFromKeychain(ctx, ref));
    } catch (error) {
      // One service's broken entry does not keep the others' keys out of the process.
      result.failed.push({ ref, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (Object.keys(env).length === 0) {
      result.empty.push(ref);
      continue;
    }
    Object.assign(result.env, env);
    result.injected.push({ ref, names: Object.keys(env) });
  }
  return result;
}

async function readFromKeychain(ctx: ProjectContext, ref: ServiceRef): Promise<{ primary?: string; fallback?: string }> {
  const get = (slot: 'primary' | 'fallback') => ctx.keychain.get({ workspaceId: ctx.workspaceId, ...ref, slot });
  const [primary, fallback] = [await get('primary'), await get('fallback')];
  return { ...(primary !== undefined ? { primary } : {}), ...(fallback !== undefined ? { fallback } : {}) };
}
