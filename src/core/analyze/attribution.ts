/**
 * Whose key a context-shaped finding is, from the name it is bound to (rules/providerNames.ts): a random value or a
 * UUID under `POSTMARK_SERVER_TOKEN` is Postmark's, so the finding names Postmark, its variable and where to rotate
 * the key. Only the label changes: the rule id (baselines, suppressions, the docs page) and whether it is reported
 * stay the generic rule's.
 */
import { ruleById } from '../rules/index';
import { providerNames } from '../rules/providerNames';
import type { Rule } from '../rules/types';
import { snakeCase } from './quiet';

interface Named {
  /** The alias's words, e.g. ['new', 'relic']. */
  words: string[];
  provider: string;
  envName: string;
  rotationUrl: string;
}

const aliases: Named[] = providerNames.flatMap((entry) => {
  const rule = entry.rule === undefined ? undefined : ruleById(entry.rule);
  if (entry.rule !== undefined && !rule) throw new Error(`providerNames: no rule ${entry.rule}`);
  const provider = entry.provider ?? rule!.provider;
  const envName = entry.envName ?? rule!.envName;
  const rotationUrl = entry.rotationUrl ?? rule!.rotationUrl;
  return entry.words.map((alias) => ({ words: alias.split(' '), provider, envName, rotationUrl }));
});
/** Aliases by their first word: a name's words are looked up, not every alias tried. */
const byFirstWord = new Map<string, Named[]>();
for (const a of aliases) byFirstWord.set(a.words[0]!, [...(byFirstWord.get(a.words[0]!) ?? []), a]);

/** A name's words: its snake_case parts, lower case, every separator (`.`, `-`, `@`, a space) a break. */
export function nameWords(name: string): string[] {
  return snakeCase(name)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const byName = new Map<string, Named | null>();
/** The provider a name spells, the longest alias first (`azure openai` before `openai`); null when none. */
function providerOfName(name: string): Named | null {
  let found = byName.get(name);
  if (found !== undefined) return found;
  found = null;
  const words = nameWords(name);
  for (let i = 0; i < words.length; i++) {
    for (const a of byFirstWord.get(words[i]!) ?? []) {
      if (a.words.length > (found?.words.length ?? 0) && a.words.every((w, k) => words[i + k] === w)) found = a;
    }
  }
  if (byName.size >= 10_000) byName.clear();
  byName.set(name, found);
  return found;
}

const variants = new Map<string, Rule>();
/**
 * `rule` as the provider a name of `names` spells, for the generic rules (provider "Generic"); any other rule, or no
 * provider named, as it is. The variant keeps the rule's id, pattern and severity; its title, provider, message,
 * variable and rotation page are the provider's.
 */
export function attributed(rule: Rule, names: readonly string[]): Rule {
  if (rule.provider !== 'Generic') return rule;
  let named: Named | null = null;
  for (const name of names) if ((named = providerOfName(name))) break;
  if (!named) return rule;
  const key = `${rule.id}\u0000${named.provider}`;
  let variant = variants.get(key);
  if (!variant) {
    const { message: _generic, ...rest } = rule;
    variant = { ...rest, provider: named.provider, title: `${named.provider} key or token (named by its variable; ${kindOf(rule)})`, envName: named.envName, rotationUrl: named.rotationUrl };
    variants.set(key, variant);
  }
  return variant;
}

function kindOf(rule: Rule): string {
  return rule.id === 'hardcoded-password' ? 'a password' : rule.id === 'api-key-uuid' ? 'UUID-shaped' : 'a random value';
}
