/**
 * The one env-name ↔ service policy without a configuration (issue 14): a secret moved to `OPENAI_TOKEN` is
 * kept under the service `openai-token`, and that service's keys are injected as `OPENAI_TOKEN`,
 * `OPENAI_TOKEN_PRIMARY` and `OPENAI_TOKEN_FALLBACK`: the names the rewritten code and the wrapper read.
 * A configured service's names come from `.rotation-ready.json`, and names recorded with a stored key win over
 * these derived ones (src/core/workflows/context.ts), so a name that does not end in a credential word
 * (`SEARCH_API` → `search-api` → `SEARCH_API_KEY`) still round-trips once the key is stored.
 */

export interface DerivedEnvVarNames {
  primary: string;
  fallback: string;
  plain: string;
}

/** A name that already says it holds a credential (`…_KEY`, `…_TOKEN`, `…_SECRET_2`) needs no `_KEY` added. */
const CREDENTIAL_END = /(?:^|_)(?:KEY|APIKEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|PASS|CREDENTIALS?)(?:_\d+)?$/;

/** The names a key is read under: the plain name the move-to-env fix writes, and the wrapper's `_PRIMARY` / `_FALLBACK`. */
export function envVarNamesOf(plain: string): DerivedEnvVarNames {
  return { primary: `${plain}_PRIMARY`, fallback: `${plain}_FALLBACK`, plain };
}

/** `OPENAI_TOKEN_PRIMARY` → `OPENAI_TOKEN`: the plain name a primary or fallback variable belongs to. */
export function plainEnvName(name: string): string {
  return name.replace(/_(?:PRIMARY|FALLBACK)$/, '') || name;
}

/**
 * `BILLING_API_KEY` → `billing-api`, `OPENAI_TOKEN` → `openai-token`, `STRIPE_SECRET_KEY` → `stripe-secret-key`:
 * only the `_KEY` that `envVarNamesForService` would add back is dropped, so the two functions are inverses.
 */
export function serviceForEnvName(envName: string): string {
  const base = plainEnvName(envName);
  const withoutKey = base.endsWith('_KEY') ? base.slice(0, -'_KEY'.length) : undefined;
  const stem = withoutKey && !CREDENTIAL_END.test(withoutKey) ? withoutKey : base;
  return stem.toLowerCase().replace(/_+/g, '-');
}

/** `billing-api` → `BILLING_API_KEY` (+ `_PRIMARY`, `_FALLBACK`); `openai-token` → `OPENAI_TOKEN`. */
export function envVarNamesForService(service: string): DerivedEnvVarNames {
  const base = service.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return envVarNamesOf(CREDENTIAL_END.test(base) ? base : `${base}_KEY`);
}
