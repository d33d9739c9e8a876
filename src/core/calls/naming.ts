import { toEnvName } from '../vocabulary/envName';
import type { KeySource } from './model';

/** Env names the SDKs themselves document. */
export const SDK_ENV_NAMES: Record<string, string> = {
  Stripe: 'STRIPE_SECRET_KEY',
  OpenAI: 'OPENAI_API_KEY',
  Anthropic: 'ANTHROPIC_API_KEY',
  Resend: 'RESEND_API_KEY',
  Twilio: 'TWILIO_AUTH_TOKEN',
  SendGrid: 'SENDGRID_API_KEY',
  GitHub: 'GITHUB_TOKEN',
  Slack: 'SLACK_BOT_TOKEN',
  Supabase: 'SUPABASE_KEY',
  Mistral: 'MISTRAL_API_KEY',
  Groq: 'GROQ_API_KEY',
  Cohere: 'COHERE_API_KEY',
  Replicate: 'REPLICATE_API_TOKEN',
  Pinecone: 'PINECONE_API_KEY',
  Google: 'GOOGLE_API_KEY',
};

const HOSTS: Array<[RegExp, string]> = [
  [/(?:^|\.)stripe\.com$/, 'Stripe'],
  [/(?:^|\.)openai\.com$/, 'OpenAI'],
  [/(?:^|\.)anthropic\.com$/, 'Anthropic'],
  [/(?:^|\.)github\.com$/, 'GitHub'],
  [/(?:^|\.)slack\.com$/, 'Slack'],
  [/(?:^|\.)sendgrid\.com$/, 'SendGrid'],
  [/(?:^|\.)twilio\.com$/, 'Twilio'],
  [/(?:^|\.)googleapis\.com$/, 'Google'],
];

const NOISE = new Set(['api', 'www', 'com', 'net', 'org', 'io', 'dev', 'app', 'co', 'example', 'internal', 'local', 'localhost', 'v1', 'v2', 'svc', 'cluster', 'test', 'invalid']);

/** Provider and a name stem from a URL's host: `api.stripe.com` → Stripe; `billing.example.com` → billing. */
export function fromUrl(url: string | undefined): { provider?: string; stem?: string } {
  if (!url) return {};
  const host = /^[a-z][\w+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1]?.toLowerCase();
  if (!host) return {};
  const known = HOSTS.find(([re]) => re.test(host));
  if (known) return { provider: known[1], stem: known[1] };
  const label = host.split('.').find((part) => !NOISE.has(part) && !/^\d+$/.test(part));
  return label ? { stem: label } : {};
}

/** The base env name of the helper for a call. */
export function envNameFor(key: KeySource, provider: string, urlStem: string | undefined): string {
  const fromKey = keyName(key);
  if (fromKey) return fromKey;
  if (SDK_ENV_NAMES[provider]) return SDK_ENV_NAMES[provider]!;
  if (urlStem) return `${toEnvName(urlStem)}_API_KEY`;
  return 'API_KEY';
}

function keyName(key: KeySource): string | undefined {
  switch (key.kind) {
    case 'env':
      return key.name.replace(/_(?:PRIMARY|FALLBACK)$/, '');
    case 'constant':
      return keyName(key.inner) ?? specificName(key.name);
    case 'parameter':
      return specificName(key.name);
    default:
      return undefined;
  }
}

/** `billingApiKey` → BILLING_API_KEY; `apiKey`, `key`, `token` are too vague to name a service. */
function specificName(name: string): string | undefined {
  const env = toEnvName(name);
  return env.split('_').some((w) => !['API', 'KEY', 'TOKEN', 'SECRET', 'AUTH', 'ACCESS', 'BEARER', 'X'].includes(w)) ? env : undefined;
}

/** `BILLING_API_KEY` → `billing-api`; `STRIPE_SECRET_KEY` → `stripe`. */
export function serviceFor(envName: string): string {
  const stem = envName.replace(/_(?:SECRET_KEY|SECRET|KEY|TOKEN|AUTH_TOKEN|ACCESS_TOKEN)$/, '') || envName;
  return stem.toLowerCase().replace(/_+/g, '-');
}

export function describeKey(key: KeySource): string {
  switch (key.kind) {
    case 'literal':
      return 'a hardcoded key';
    case 'env':
      return `the environment variable ${key.name}`;
    case 'parameter':
      return `the parameter ${key.name}`;
    case 'constant':
      return `${key.name} (${describeKey(key.inner)})`;
    case 'expression':
      // Only plain references are quoted; an expression with a string in it could hold a value.
      return /['"`]/.test(key.text) ? 'an expression' : key.text.length > 40 ? `${key.text.slice(0, 37)}…` : key.text;
  }
}
