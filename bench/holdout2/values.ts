/**
 * Value generators for the holdout2 yardstick: provider keys in their documented shapes, generic secrets and
 * negatives. Every random value comes from the seeded RNG, so a run is reproducible and nothing key-like is
 * committed (prefixes alone are not keys).
 */

/** mulberry32: small, fast, good enough to draw key characters deterministically from a seed. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  str(charset: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += charset[Math.floor(this.next() * charset.length)];
    return out;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  uuid(): string {
    const h = this.str(HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${this.pick(['8', '9', 'a', 'b'])}${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
export const ALPHA = LOWER + UPPER;
export const ALNUM = ALPHA + DIGITS;
export const HEX = '0123456789abcdef';
export const B64URL = ALNUM + '-_';
export const B64 = ALNUM + '+/';

export const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
export const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

/** A signed-looking JWT (random signature): header.payload.signature. */
export function jwt(r: Rng, payload: Record<string, unknown>, alg = 'HS256'): string {
  return `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.${r.str(B64URL, alg === 'RS256' ? 342 : 43)}`;
}

/** A PEM block whose body is random base64 (never a usable key), wrapped at 64 columns. */
export function pem(r: Rng, label: string, bodyBytes: number): string {
  const body = b64(Buffer.from(Array.from({ length: bodyBytes }, () => r.int(0, 255))));
  const lines = body.match(/.{1,64}/g)!;
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
}

export interface Provider {
  id: string;
  /** The variable name a team gives it. */
  env: string;
  /** 'prefixed': the value has a fixed prefix or unmistakable shape; 'context': only the name says what it is. */
  shape: 'prefixed' | 'context';
  gen: (r: Rng) => string;
}

const p = (id: string, env: string, shape: Provider['shape'], gen: (r: Rng) => string): Provider => ({ id, env, shape, gen });
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'.toUpperCase();

/** Providers a TS/JS/Python team meets, in the shapes their docs and dashboards show. */
export const PROVIDERS: Provider[] = [
  p('openai', 'OPENAI_API_KEY', 'prefixed', (r) => `sk-proj-${r.str(B64URL, 74)}T3BlbkFJ${r.str(B64URL, 74)}`),
  p('anthropic', 'ANTHROPIC_API_KEY', 'prefixed', (r) => `sk-ant-api03-${r.str(B64URL, 93)}AA`),
  p('stripe-secret', 'STRIPE_SECRET_KEY', 'prefixed', (r) => `sk_live_51${r.str(ALNUM, 97)}`),
  p('stripe-restricted', 'STRIPE_RESTRICTED_KEY', 'prefixed', (r) => `rk_live_51${r.str(ALNUM, 97)}`),
  p('stripe-webhook', 'STRIPE_WEBHOOK_SECRET', 'prefixed', (r) => `whsec_${r.str(ALNUM, 32)}`),
  p('github-classic', 'GITHUB_TOKEN', 'prefixed', (r) => `ghp_${r.str(ALNUM, 36)}`),
  p('github-fine-grained', 'GH_PAT', 'prefixed', (r) => `github_pat_11${r.str(UPPER + DIGITS, 20)}_${r.str(ALNUM, 59)}`),
  p('github-app', 'GITHUB_APP_TOKEN', 'prefixed', (r) => `ghs_${r.str(ALNUM, 36)}`),
  p('gitlab', 'GITLAB_TOKEN', 'prefixed', (r) => `glpat-${r.str(B64URL, 20)}`),
  p('bitbucket', 'BITBUCKET_APP_PASSWORD', 'prefixed', (r) => `ATBB${r.str(ALNUM, 32)}${r.str(HEX.toUpperCase(), 8)}`),
  p('slack-bot', 'SLACK_BOT_TOKEN', 'prefixed', (r) => `xoxb-${r.str(DIGITS, 11)}-${r.str(DIGITS, 13)}-${r.str(ALNUM, 24)}`),
  p('slack-webhook', 'SLACK_WEBHOOK_URL', 'prefixed', (r) => `https://hooks.slack.com/services/T${r.str(UPPER + DIGITS, 10)}/B${r.str(UPPER + DIGITS, 10)}/${r.str(ALNUM, 24)}`),
  p('discord-bot', 'DISCORD_BOT_TOKEN', 'prefixed', (r) => `${b64(r.str(DIGITS, 1).replace('0', '1') + r.str(DIGITS, 17)).replace(/=+$/, '')}.${r.str(B64URL, 6)}.${r.str(B64URL, 38)}`),
  p('telegram-bot', 'TELEGRAM_BOT_TOKEN', 'prefixed', (r) => `${r.int(1, 7)}${r.str(DIGITS, 9)}:AA${r.str(B64URL, 33)}`),
  p('twilio-auth-token', 'TWILIO_AUTH_TOKEN', 'context', (r) => r.str(HEX, 32)),
  p('sendgrid', 'SENDGRID_API_KEY', 'prefixed', (r) => `SG.${r.str(B64URL, 22)}.${r.str(B64URL, 43)}`),
  p('mailgun', 'MAILGUN_API_KEY', 'prefixed', (r) => `key-${r.str(HEX, 32)}`),
  p('mailchimp', 'MAILCHIMP_API_KEY', 'prefixed', (r) => `${r.str(HEX, 32)}-us${r.int(1, 21)}`),
  p('brevo', 'BREVO_API_KEY', 'prefixed', (r) => `xkeysib-${r.str(HEX, 64)}-${r.str(ALNUM, 16)}`),
  p('postmark', 'POSTMARK_SERVER_TOKEN', 'context', (r) => r.uuid()),
  p('resend', 'RESEND_API_KEY', 'prefixed', (r) => `re_${r.str(ALNUM, 8)}_${r.str(ALNUM, 24)}`),
  p('aws-access-key-id', 'AWS_ACCESS_KEY_ID', 'prefixed', (r) => `AKIA${r.str(UPPER + '234567', 16)}`),
  p('aws-secret-access-key', 'AWS_SECRET_ACCESS_KEY', 'context', (r) => r.str(B64, 40)),
  p('google-api', 'GOOGLE_MAPS_API_KEY', 'prefixed', (r) => `AIza${r.str(B64URL, 35)}`),
  p('firebase-fcm-legacy', 'FCM_SERVER_KEY', 'prefixed', (r) => `AAAA${r.str(B64URL, 7)}:APA91b${r.str(B64URL, 134)}`),
  p('azure-storage', 'AZURE_STORAGE_KEY', 'context', (r) => `${r.str(B64, 86)}==`),
  p('azure-ad-client-secret', 'AZURE_CLIENT_SECRET', 'prefixed', (r) => `${r.str(ALNUM, 3)}8Q~${r.str(ALNUM + '_-', 34)}`),
  p('alibaba', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'prefixed', (r) => `LTAI${r.str(ALNUM, 20)}`),
  p('digitalocean', 'DIGITALOCEAN_TOKEN', 'prefixed', (r) => `dop_v1_${r.str(HEX, 64)}`),
  p('heroku', 'HEROKU_API_KEY', 'context', (r) => r.uuid()),
  p('cloudflare-api-token', 'CLOUDFLARE_API_TOKEN', 'context', (r) => r.str(B64URL, 40)),
  p('datadog-api', 'DD_API_KEY', 'context', (r) => r.str(HEX, 32)),
  p('newrelic-license', 'NEW_RELIC_LICENSE_KEY', 'prefixed', (r) => `${r.str(HEX, 36)}NRAL`),
  p('newrelic-user', 'NEW_RELIC_API_KEY', 'prefixed', (r) => `NRAK-${r.str(UPPER + DIGITS, 27)}`),
  p('sentry-user', 'SENTRY_AUTH_TOKEN', 'prefixed', (r) => `sntryu_${r.str(HEX, 64)}`),
  p('grafana-sa', 'GRAFANA_TOKEN', 'prefixed', (r) => `glsa_${r.str(ALNUM, 32)}_${r.str(HEX, 8)}`),
  p('npm', 'NPM_TOKEN', 'prefixed', (r) => `npm_${r.str(ALNUM, 36)}`),
  p('pypi', 'PYPI_TOKEN', 'prefixed', (r) => `pypi-AgEIcHlwaS5vcmc${r.str(B64URL, 140)}`),
  p('dockerhub', 'DOCKERHUB_TOKEN', 'prefixed', (r) => `dckr_pat_${r.str(B64URL, 27)}`),
  p('shopify', 'SHOPIFY_ADMIN_TOKEN', 'prefixed', (r) => `shpat_${r.str(HEX, 32)}`),
  p('hubspot', 'HUBSPOT_ACCESS_TOKEN', 'prefixed', (r) => `pat-${r.pick(['na1', 'na2', 'eu1'])}-${r.uuid()}`),
  p('figma', 'FIGMA_TOKEN', 'prefixed', (r) => `figd_${r.str(B64URL, 40)}`),
  p('linear', 'LINEAR_API_KEY', 'prefixed', (r) => `lin_api_${r.str(ALNUM, 40)}`),
  p('notion', 'NOTION_TOKEN', 'prefixed', (r) => `ntn_${r.str(DIGITS, 11)}${r.str(ALNUM, 35)}`),
  p('airtable', 'AIRTABLE_TOKEN', 'prefixed', (r) => `pat${r.str(ALNUM, 14)}.${r.str(HEX, 64)}`),
  p('atlassian', 'JIRA_API_TOKEN', 'prefixed', (r) => `ATATT3xFfGF0${r.str(B64URL, 171)}=${r.str(HEX.toUpperCase(), 8)}`),
  p('asana', 'ASANA_PAT', 'prefixed', (r) => `2/${r.str(DIGITS, 16)}/${r.str(DIGITS, 16)}:${r.str(HEX, 32)}`),
  p('supabase-service-role', 'SUPABASE_SERVICE_ROLE_KEY', 'prefixed', (r) =>
    jwt(r, { iss: 'supabase', ref: r.str(LOWER, 20), role: 'service_role', iat: 1700000000 + r.int(0, 9999999), exp: 2000000000 + r.int(0, 99999999) })),
  p('supabase-secret', 'SUPABASE_SECRET_KEY', 'prefixed', (r) => `sb_secret_${r.str(B64URL, 31)}`),
  p('groq', 'GROQ_API_KEY', 'prefixed', (r) => `gsk_${r.str(ALNUM, 52)}`),
  p('huggingface', 'HF_TOKEN', 'prefixed', (r) => `hf_${r.str(ALPHA, 34)}`),
  p('replicate', 'REPLICATE_API_TOKEN', 'prefixed', (r) => `r8_${r.str(ALNUM, 37)}`),
  p('perplexity', 'PERPLEXITY_API_KEY', 'prefixed', (r) => `pplx-${r.str(ALNUM, 48)}`),
  p('xai', 'XAI_API_KEY', 'prefixed', (r) => `xai-${r.str(ALNUM, 80)}`),
  p('openrouter', 'OPENROUTER_API_KEY', 'prefixed', (r) => `sk-or-v1-${r.str(HEX, 64)}`),
  p('cohere', 'COHERE_API_KEY', 'context', (r) => r.str(ALNUM, 40)),
  p('mistral', 'MISTRAL_API_KEY', 'context', (r) => r.str(ALNUM, 32)),
  p('pinecone', 'PINECONE_API_KEY', 'prefixed', (r) => `pcsk_${r.str(ALNUM, 6)}_${r.str(ALNUM, 63)}`),
  p('langsmith', 'LANGSMITH_API_KEY', 'prefixed', (r) => `lsv2_pt_${r.str(HEX, 32)}_${r.str(HEX, 10)}`),
  p('doppler', 'DOPPLER_TOKEN', 'prefixed', (r) => `dp.st.${r.pick(['prd', 'stg', 'dev'])}.${r.str(ALNUM, 40)}`),
  p('vault', 'VAULT_TOKEN', 'prefixed', (r) => `hvs.CAESI${r.str(B64URL, 86)}`),
  p('square', 'SQUARE_ACCESS_TOKEN', 'prefixed', (r) => `EAAA${r.str(B64URL, 60)}`),
  p('square-oauth-secret', 'SQUARE_APPLICATION_SECRET', 'prefixed', (r) => `sq0csp-${r.str(B64URL, 43)}`),
  p('braintree', 'BRAINTREE_ACCESS_TOKEN', 'prefixed', (r) => `access_token$production$${r.str(LOWER + DIGITS, 16)}$${r.str(HEX, 32)}`),
  p('shippo', 'SHIPPO_API_TOKEN', 'prefixed', (r) => `shippo_live_${r.str(HEX, 40)}`),
  p('okta', 'OKTA_API_TOKEN', 'context', (r) => `00${r.str(B64URL, 40)}`),
  p('algolia-admin', 'ALGOLIA_ADMIN_KEY', 'context', (r) => r.str(HEX, 32)),
  p('mapbox-secret', 'MAPBOX_SECRET_TOKEN', 'prefixed', (r) => `sk.${b64url(JSON.stringify({ u: r.pick(['acme', 'geo-team', 'fleetops']), a: r.str(LOWER + DIGITS, 25) }))}.${r.str(B64URL, 22)}`),
  p('buildkite', 'BUILDKITE_API_TOKEN', 'prefixed', (r) => `bkua_${r.str(HEX, 40)}`),
  p('circleci', 'CIRCLECI_TOKEN', 'prefixed', (r) => `CCIPAT_${r.str(ALNUM, 22)}_${r.str(HEX, 40)}`),
  p('terraform-cloud', 'TFE_TOKEN', 'prefixed', (r) => `${r.str(ALNUM, 14)}.atlasv1.${r.str(ALNUM, 67)}`),
  p('pulumi', 'PULUMI_ACCESS_TOKEN', 'prefixed', (r) => `pul-${r.str(HEX, 40)}`),
  p('render', 'RENDER_API_KEY', 'prefixed', (r) => `rnd_${r.str(ALNUM, 32)}`),
  p('databricks', 'DATABRICKS_TOKEN', 'prefixed', (r) => `dapi${r.str(HEX, 32)}`),
  p('postman', 'POSTMAN_API_KEY', 'prefixed', (r) => `PMAK-${r.str(HEX, 24)}-${r.str(HEX, 34)}`),
  p('prefect', 'PREFECT_API_KEY', 'prefixed', (r) => `pnu_${r.str(ALNUM, 36)}`),
  p('age', 'SOPS_AGE_KEY', 'prefixed', (r) => `AGE-SECRET-KEY-1${r.str(BECH32, 58)}`),
  p('dropbox', 'DROPBOX_ACCESS_TOKEN', 'prefixed', (r) => `sl.${r.str(B64URL, 138)}`),
  p('contentful-management', 'CONTENTFUL_MANAGEMENT_TOKEN', 'prefixed', (r) => `CFPAT-${r.str(B64URL, 43)}`),
  p('google-oauth-client-secret', 'GOOGLE_CLIENT_SECRET', 'prefixed', (r) => `GOCSPX-${r.str(B64URL, 28)}`),
  p('slack-user', 'SLACK_USER_TOKEN', 'prefixed', (r) => `xoxp-${r.str(DIGITS, 12)}-${r.str(DIGITS, 12)}-${r.str(DIGITS, 13)}-${r.str(HEX, 32)}`),
  p('slack-app', 'SLACK_APP_TOKEN', 'prefixed', (r) => `xapp-1-A${r.str(UPPER + DIGITS, 10)}-${r.str(DIGITS, 13)}-${r.str(HEX, 64)}`),
  p('openai-legacy', 'OPENAI_KEY', 'prefixed', (r) => `sk-${r.str(ALNUM, 20)}T3BlbkFJ${r.str(ALNUM, 20)}`),
  p('github-oauth', 'GITHUB_OAUTH_TOKEN', 'prefixed', (r) => `gho_${r.str(ALNUM, 36)}`),
  p('sentry-org', 'SENTRY_ORG_TOKEN', 'prefixed', (r) =>
    `sntrys_${b64url(JSON.stringify({ iat: 1720000000 + r.int(0, 999999), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme' })).replace(/=+$/, '')}_${r.str(B64URL, 43)}`),
  p('shopify-shared-secret', 'SHOPIFY_API_SECRET', 'prefixed', (r) => `shpss_${r.str(HEX, 32)}`),
  p('anthropic-admin', 'ANTHROPIC_ADMIN_KEY', 'prefixed', (r) => `sk-ant-admin01-${r.str(B64URL, 93)}AA`),
  p('deepseek', 'DEEPSEEK_API_KEY', 'prefixed', (r) => `sk-${r.str(HEX, 32)}`),
  p('azure-openai', 'AZURE_OPENAI_API_KEY', 'context', (r) => r.str(HEX, 32)),
  p('sonarqube', 'SONAR_TOKEN', 'prefixed', (r) => `squ_${r.str(HEX, 40)}`),
  p('supabase-pat', 'SUPABASE_ACCESS_TOKEN', 'prefixed', (r) => `sbp_${r.str(HEX, 40)}`),
  p('planetscale', 'PLANETSCALE_SERVICE_TOKEN', 'prefixed', (r) => `pscale_tkn_${r.str(B64URL, 43)}`),
  p('launchdarkly-sdk', 'LAUNCHDARKLY_SDK_KEY', 'prefixed', (r) => `sdk-${r.uuid()}`),
  p('plaid', 'PLAID_SECRET', 'context', (r) => r.str(HEX, 30)),
  p('razorpay-secret', 'RAZORPAY_KEY_SECRET', 'context', (r) => r.str(ALNUM, 24)),
  p('codecov', 'CODECOV_TOKEN', 'context', (r) => r.uuid()),
];

export interface Generic {
  kind: string;
  /** Names a team gives it (snake case; templates convert). */
  names: string[];
  gen: (r: Rng) => string;
}

const WORDS = ['Summer', 'Winter', 'Rocket', 'Falcon', 'Maple', 'Harbor', 'Copper', 'Tiger', 'Orchid', 'Meadow', 'Panther', 'Glacier'];
const SYMBOLS = '!#$%&*@?';
// No `$`: compose files and shells would expand it, and people pick what works there.
export const humanPassword = (r: Rng): string => `${r.pick(WORDS)}${r.int(2015, 2025)}${r.pick([...'!#%&*@?'])}`;
export const randomPassword = (r: Rng, n = 20): string => {
  // Always holds each class, as a password manager's output does.
  const core = r.str(LOWER, 1) + r.str(UPPER, 1) + r.str(DIGITS, 1) + r.str(SYMBOLS, 1) + r.str(ALNUM + SYMBOLS, n - 4);
  return r.shuffle([...core]).join('');
};
/** A random password that needs no escaping in URLs and most quoting styles. */
export const urlPassword = (r: Rng, n = 18): string => r.shuffle([...(r.str(LOWER, 2) + r.str(UPPER, 2) + r.str(DIGITS, 2) + r.str(ALNUM, n - 6))]).join('');

export const GENERICS: Record<string, Generic> = {
  'human-password': { kind: 'human-password', names: ['db_password', 'admin_password', 'password'], gen: humanPassword },
  'random-password': { kind: 'random-password', names: ['db_password', 'postgres_password', 'password'], gen: (r) => randomPassword(r) },
  // Unquoted in a Makefile or Dockerfile line, where `#`, `$` and `&` would break the line: letters and digits only.
  'random-password-shell-safe': { kind: 'random-password', names: ['db_password', 'password'], gen: (r) => urlPassword(r, 22) },
  'postgres-uri': { kind: 'postgres-uri', names: ['database_url'], gen: (r) => `postgresql://app_${r.str(LOWER, 4)}:${urlPassword(r)}@db-${r.str(LOWER + DIGITS, 6)}.internal:5432/${r.pick(['app', 'orders', 'billing'])}` },
  'mysql-uri': { kind: 'mysql-uri', names: ['database_url'], gen: (r) => `mysql://root:${urlPassword(r)}@mysql.${r.pick(['prod', 'staging'])}.internal:3306/${r.pick(['shop', 'cms'])}` },
  'mongodb-uri': { kind: 'mongodb-uri', names: ['mongodb_uri'], gen: (r) => `mongodb+srv://svc-${r.str(LOWER, 5)}:${urlPassword(r)}@cluster0.${r.str(LOWER + DIGITS, 5)}.mongodb.net/${r.pick(['prod', 'analytics'])}?retryWrites=true&w=majority` },
  'redis-uri': { kind: 'redis-uri', names: ['redis_url'], gen: (r) => r.pick([`redis://:${urlPassword(r)}@redis:6379/0`, `rediss://default:${urlPassword(r, 32)}@${r.str(LOWER, 8)}-${r.int(10000, 99999)}.upstash.io:6379`]) },
  'amqp-uri': { kind: 'amqp-uri', names: ['broker_url'], gen: (r) => `amqp://celery:${urlPassword(r)}@rabbitmq.internal:5672/${r.pick(['', 'jobs'])}` },
  'kafka-sasl-password': { kind: 'kafka-sasl-password', names: ['sasl_password'], gen: (r) => r.str(B64, 64) },
  'jwt-secret': { kind: 'jwt-secret', names: ['jwt_secret'], gen: (r) => r.str(ALNUM, r.int(40, 64)) },
  'session-secret': { kind: 'session-secret', names: ['session_secret', 'cookie_secret'], gen: (r) => r.str(ALNUM + '-_', r.int(32, 48)) },
  'hex-key': { kind: 'hex-key', names: ['encryption_key'], gen: (r) => r.str(HEX, 64) },
  'base64-key': { kind: 'base64-key', names: ['app_key', 'encryption_key'], gen: (r) => b64(Buffer.from(Array.from({ length: 32 }, () => r.int(0, 255)))) },
  'uuid-api-key': { kind: 'uuid-api-key', names: ['api_key'], gen: (r) => r.uuid() },
  'pem-private-key': { kind: 'pem-private-key', names: ['private_key'], gen: (r) => pem(r, r.pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY']), 400) },
  'webhook-secret': { kind: 'webhook-secret', names: ['webhook_secret', 'signing_secret'], gen: (r) => r.str(HEX, 40) },
  'oauth-client-secret': { kind: 'oauth-client-secret', names: ['client_secret'], gen: (r) => r.str(B64URL, 40) },
  'url-basic-auth': { kind: 'url-basic-auth', names: ['proxy_url'], gen: (r) => `https://deploy:${urlPassword(r)}@${r.pick(['registry', 'proxy', 'artifacts'])}.corp-${r.str(LOWER, 4)}.net` },
  'smtp-password': { kind: 'smtp-password', names: ['smtp_password', 'mail_password'], gen: (r) => r.pick([randomPassword(r, 16), humanPassword(r)]) },
  'ldap-bind-password': { kind: 'ldap-bind-password', names: ['bind_password'], gen: (r) => randomPassword(r, 18) },
  'eth-private-key': { kind: 'eth-private-key', names: ['private_key'], gen: (r) => `0x${r.str(HEX, 64)}` },
  'bearer-jwt': { kind: 'bearer-jwt', names: ['access_token'], gen: (r) => jwt(r, { sub: r.uuid(), scope: 'read write', iat: 1720000000 + r.int(0, 999999), exp: 1900000000 + r.int(0, 999999) }, 'RS256') },
  'basic-credential': { kind: 'basic-credential', names: ['auth'], gen: (r) => `${r.pick(['ci-bot', 'deploy', 'admin'])}:${urlPassword(r, 24)}` },
};
