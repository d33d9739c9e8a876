import type { Finding } from '../findings';

/** Words that say "this is a credential" but nothing about whose; a name made only of them is too vague to prefer. */
const GENERIC_WORDS = new Set(['api', 'key', 'keys', 'secret', 'secrets', 'token', 'tokens', 'password', 'passwd', 'pwd', 'pass', 'auth', 'access', 'private', 'client', 'my', 'the', 'value', 'credential', 'credentials', 'bearer', 'authorization', 'x']);
const CREDENTIAL_WORD = /key|token|secret|passw|pwd|auth|credential|bearer/i;

export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** `billingApiKey` → `BILLING_API_KEY`, `x-api-key` → `X_API_KEY`, `STRIPE_KEY` stays. */
export function toEnvName(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toUpperCase();
}

/** Why a name cannot be used, or undefined when it can (the input box's validation). */
export function checkEnvName(name: string, existingEnvNames: Iterable<string> = []): string | undefined {
  if (!ENV_NAME.test(name)) return `'${name}' is not a portable environment variable name: use capital letters, digits and underscores, not starting with a digit.`;
  for (const existing of existingEnvNames) {
    if (existing === name) return `${name} is already used for another value in this project; choose another name.`;
  }
  return undefined;
}

/** A name a developer chose that says whose key it is (`billingApiKey`), not only that it is one (`apiKey`). */
function isSpecific(name: string): boolean {
  const words = toEnvName(name).toLowerCase().split('_').filter(Boolean);
  return CREDENTIAL_WORD.test(name) && words.some((word) => !GENERIC_WORDS.has(word));
}

/**
 * Names for the moved secret, best first, none of them taken: a specific name from the code around
 * the literal (`const billingApiKey = …` → `BILLING_API_KEY`), the rule's name (`STRIPE_SECRET_KEY`),
 * a vaguer context name, then `<PROVIDER>_API_KEY`. A taken name gets `_2`, `_3`… rather than reuse.
 */
export function suggestEnvNames(finding: Pick<Finding, 'provider' | 'suggestedEnvName'>, contextNames: readonly string[], existingEnvNames: Iterable<string> = []): string[] {
  const taken = existingEnvNames;
  const context = contextNames.filter((name) => CREDENTIAL_WORD.test(name) || ENV_NAME.test(name));
  const specific = context.filter(isSpecific).map(toEnvName);
  // A vague name is kept only when it already is an env-style name (`API_KEY = "…"`), not `authorization`.
  const vague = context.filter((name) => !isSpecific(name) && ENV_NAME.test(name)).map(toEnvName);
  const provider = finding.provider && finding.provider !== 'Generic' ? `${toEnvName(finding.provider)}_API_KEY` : undefined;
  return untakenNames([...specific, finding.suggestedEnvName, ...vague, provider, 'API_KEY'], taken);
}

/** `names` in order, each valid one once, a taken one as `NAME_2`, `NAME_3`… rather than reused. */
export function untakenNames(names: readonly (string | undefined)[], existingEnvNames: Iterable<string>): string[] {
  const taken = new Set(existingEnvNames);
  const result: string[] = [];
  for (const name of names) {
    if (!name || !ENV_NAME.test(name)) continue;
    let candidate = name;
    for (let i = 2; taken.has(candidate); i++) candidate = `${name}_${i}`;
    if (!result.includes(candidate)) result.push(candidate);
  }
  return result;
}
