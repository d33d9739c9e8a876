/**
 * The held-out yardstick's secrets and look-alikes, generated from a seeded RNG at run time (no key literal is
 * committed). Formats are written from providers' public documentation and the author's knowledge, blind to the
 * analyzer's rules: where a provider documents only "an opaque string", the key is random in that shape and only a
 * name says what it is (context-only).
 */

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  hex(n: number): string {
    return this.chars(HEX, n);
  }
  alnum(n: number): string {
    return this.chars(ALNUM, n);
  }
  /** Alphanumeric with at least one digit, one lower and one upper case letter, as a long random key almost always has. */
  mixed(n: number, alphabet = ALNUM): string {
    for (;;) {
      const s = this.chars(alphabet, n);
      // Only the classes the alphabet has (a lower-case-only alphabet would never draw an upper-case letter).
      if ([/\d/, /[a-z]/, /[A-Z]/].every((c) => !c.test(alphabet) || c.test(s))) return s;
    }
  }
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  base64(bytes: number): string {
    const raw = Buffer.alloc(bytes);
    for (let i = 0; i < bytes; i++) raw[i] = this.int(0, 255);
    return raw.toString('base64');
  }
  base64url(bytes: number): string {
    return this.base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
}

export const HEX = '0123456789abcdef';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const URLSAFE = ALNUM + '_-';

export type Kind = 'provider' | 'generic' | 'negative';

/** One kind of secret: what it is, the names a team gives it, and how to draw a value. */
export interface SecretSpec {
  id: string;
  kind: 'provider' | 'generic';
  /** Provider name for provider keys; the generic kind otherwise. */
  label: string;
  /** The environment-variable name a team would use (other spellings are derived from it). */
  env: string;
  gen(r: Rng): string;
  /** The part of the value that is secret, when the value carries more (a URI's password): searched for leaks. */
  core?(value: string): string;
  /** Only a name says what it is: no documented prefix or shape. */
  contextOnly?: boolean;
  /** Spans several lines (PEM): placed only where a multi-line value fits. */
  multiline?: boolean;
}

const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const bech32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

const providerFormats: Array<Omit<SecretSpec, 'kind'>> = [
  { id: 'aws-access-key-id', label: 'AWS', env: 'AWS_ACCESS_KEY_ID', gen: (r) => 'AKIA' + r.chars(b32, 16) },
  { id: 'aws-secret-access-key', label: 'AWS', env: 'AWS_SECRET_ACCESS_KEY', contextOnly: true, gen: (r) => r.mixed(40, ALNUM + '+/') },
  { id: 'github-pat-classic', label: 'GitHub', env: 'GITHUB_TOKEN', gen: (r) => 'ghp_' + r.mixed(36) },
  { id: 'github-pat-fine', label: 'GitHub', env: 'GH_PAT', gen: (r) => 'github_pat_' + r.mixed(22) + '_' + r.mixed(59) },
  { id: 'github-oauth', label: 'GitHub', env: 'GITHUB_OAUTH_TOKEN', gen: (r) => 'gho_' + r.mixed(36) },
  { id: 'gitlab-pat', label: 'GitLab', env: 'GITLAB_TOKEN', gen: (r) => 'glpat-' + r.mixed(20, URLSAFE) },
  { id: 'slack-bot', label: 'Slack', env: 'SLACK_BOT_TOKEN', gen: (r) => `xoxb-${r.chars(DIGITS, 12)}-${r.chars(DIGITS, 13)}-${r.mixed(24)}` },
  { id: 'slack-webhook', label: 'Slack', env: 'SLACK_WEBHOOK_URL', gen: (r) => `https://hooks.slack.com/services/T${r.chars(UPPER + DIGITS, 8)}/B${r.chars(UPPER + DIGITS, 10)}/${r.mixed(24)}` },
  { id: 'stripe-secret', label: 'Stripe', env: 'STRIPE_SECRET_KEY', gen: (r) => 'sk_live_' + r.mixed(r.pick([24, 99])) },
  { id: 'stripe-restricted', label: 'Stripe', env: 'STRIPE_RESTRICTED_KEY', gen: (r) => 'rk_live_' + r.mixed(99) },
  { id: 'stripe-webhook', label: 'Stripe', env: 'STRIPE_WEBHOOK_SECRET', gen: (r) => 'whsec_' + r.mixed(32) },
  { id: 'openai-project', label: 'OpenAI', env: 'OPENAI_API_KEY', gen: (r) => 'sk-proj-' + r.mixed(156, URLSAFE) },
  { id: 'openai-legacy', label: 'OpenAI', env: 'OPENAI_KEY', gen: (r) => 'sk-' + r.mixed(20) + 'T3BlbkFJ' + r.mixed(20) },
  { id: 'anthropic', label: 'Anthropic', env: 'ANTHROPIC_API_KEY', gen: (r) => 'sk-ant-api03-' + r.mixed(93, URLSAFE) + 'AA' },
  { id: 'google-api', label: 'Google', env: 'GOOGLE_MAPS_API_KEY', gen: (r) => 'AIza' + r.mixed(35, URLSAFE) },
  { id: 'google-oauth-secret', label: 'Google', env: 'GOOGLE_CLIENT_SECRET', gen: (r) => 'GOCSPX-' + r.mixed(28, URLSAFE) },
  { id: 'sendgrid', label: 'SendGrid', env: 'SENDGRID_API_KEY', gen: (r) => `SG.${r.mixed(22, URLSAFE)}.${r.mixed(43, URLSAFE)}` },
  { id: 'twilio-api-key', label: 'Twilio', env: 'TWILIO_API_KEY_SID', gen: (r) => 'SK' + r.hex(32) },
  { id: 'twilio-auth-token', label: 'Twilio', env: 'TWILIO_AUTH_TOKEN', contextOnly: true, gen: (r) => r.hex(32) },
  { id: 'mailgun', label: 'Mailgun', env: 'MAILGUN_API_KEY', gen: (r) => 'key-' + r.hex(32) },
  { id: 'mailchimp', label: 'Mailchimp', env: 'MAILCHIMP_API_KEY', gen: (r) => r.hex(32) + '-us' + r.int(1, 21) },
  { id: 'npm', label: 'npm', env: 'NPM_TOKEN', gen: (r) => 'npm_' + r.mixed(36) },
  { id: 'pypi', label: 'PyPI', env: 'PYPI_API_TOKEN', gen: (r) => 'pypi-AgEIcHlwaS5vcmc' + r.mixed(70, URLSAFE) },
  { id: 'shopify-access', label: 'Shopify', env: 'SHOPIFY_ADMIN_TOKEN', gen: (r) => 'shpat_' + r.hex(32) },
  { id: 'huggingface', label: 'Hugging Face', env: 'HF_TOKEN', gen: (r) => 'hf_' + r.mixed(34, UPPER + LOWER) },
  { id: 'discord-bot', label: 'Discord', env: 'DISCORD_BOT_TOKEN', gen: (r) => `${r.pick(['M', 'N'])}${r.mixed(25)}.${r.mixed(6, URLSAFE)}.${r.mixed(38, URLSAFE)}` },
  { id: 'telegram-bot', label: 'Telegram', env: 'TELEGRAM_BOT_TOKEN', gen: (r) => `${r.int(1, 9)}${r.chars(DIGITS, 9)}:AA${r.mixed(33, URLSAFE)}` },
  { id: 'square-access', label: 'Square', env: 'SQUARE_ACCESS_TOKEN', gen: (r) => 'EAAA' + r.mixed(60, URLSAFE) },
  { id: 'digitalocean', label: 'DigitalOcean', env: 'DIGITALOCEAN_TOKEN', gen: (r) => 'dop_v1_' + r.hex(64) },
  { id: 'heroku', label: 'Heroku', env: 'HEROKU_API_KEY', gen: (r) => 'HRKU-AA' + r.mixed(58, URLSAFE) },
  { id: 'sentry-user', label: 'Sentry', env: 'SENTRY_AUTH_TOKEN', gen: (r) => 'sntryu_' + r.hex(64) },
  { id: 'linear', label: 'Linear', env: 'LINEAR_API_KEY', gen: (r) => 'lin_api_' + r.mixed(40) },
  { id: 'notion', label: 'Notion', env: 'NOTION_TOKEN', gen: (r) => 'ntn_' + r.chars(DIGITS, 11) + r.mixed(35) },
  { id: 'postman', label: 'Postman', env: 'POSTMAN_API_KEY', gen: (r) => `PMAK-${r.hex(24)}-${r.hex(34)}` },
  { id: 'doppler', label: 'Doppler', env: 'DOPPLER_TOKEN', gen: (r) => 'dp.pt.' + r.mixed(43) },
  { id: 'planetscale', label: 'PlanetScale', env: 'PLANETSCALE_SERVICE_TOKEN', gen: (r) => 'pscale_tkn_' + r.mixed(43, URLSAFE) },
  { id: 'databricks', label: 'Databricks', env: 'DATABRICKS_TOKEN', gen: (r) => 'dapi' + r.hex(32) },
  { id: 'grafana-sa', label: 'Grafana', env: 'GRAFANA_SA_TOKEN', gen: (r) => `glsa_${r.mixed(32)}_${r.hex(8)}` },
  { id: 'airtable', label: 'Airtable', env: 'AIRTABLE_PAT', gen: (r) => `pat${r.mixed(14)}.${r.hex(64)}` },
  { id: 'figma', label: 'Figma', env: 'FIGMA_TOKEN', gen: (r) => 'figd_' + r.mixed(40, URLSAFE) },
  { id: 'pulumi', label: 'Pulumi', env: 'PULUMI_ACCESS_TOKEN', gen: (r) => 'pul-' + r.hex(40) },
  { id: 'atlassian', label: 'Atlassian', env: 'JIRA_API_TOKEN', gen: (r) => 'ATATT3xFfGF0' + r.mixed(170, URLSAFE) + '=' + r.chars(UPPER + DIGITS, 8) },
  { id: 'groq', label: 'Groq', env: 'GROQ_API_KEY', gen: (r) => 'gsk_' + r.mixed(52) },
  { id: 'replicate', label: 'Replicate', env: 'REPLICATE_API_TOKEN', gen: (r) => 'r8_' + r.mixed(37) },
  { id: 'perplexity', label: 'Perplexity', env: 'PERPLEXITY_API_KEY', gen: (r) => 'pplx-' + r.mixed(48) },
  { id: 'newrelic-user', label: 'New Relic', env: 'NEW_RELIC_API_KEY', gen: (r) => 'NRAK-' + r.chars(UPPER + DIGITS, 27) },
  { id: 'newrelic-license', label: 'New Relic', env: 'NEW_RELIC_LICENSE_KEY', gen: (r) => r.hex(36) + 'NRAL' },
  { id: 'dynatrace', label: 'Dynatrace', env: 'DT_API_TOKEN', gen: (r) => `dt0c01.${r.chars(UPPER + DIGITS, 24)}.${r.chars(UPPER + DIGITS, 64)}` },
  { id: 'okta', label: 'Okta', env: 'OKTA_API_TOKEN', contextOnly: true, gen: (r) => '00' + r.mixed(40, URLSAFE) },
  { id: 'age', label: 'age', env: 'SOPS_AGE_KEY', gen: (r) => 'AGE-SECRET-KEY-1' + r.chars(bech32, 58) },
  { id: 'contentful', label: 'Contentful', env: 'CONTENTFUL_MANAGEMENT_TOKEN', gen: (r) => 'CFPAT-' + r.mixed(43, URLSAFE) },
  { id: 'supabase-access', label: 'Supabase', env: 'SUPABASE_ACCESS_TOKEN', gen: (r) => 'sbp_' + r.hex(40) },
  { id: 'firebase-fcm', label: 'Firebase', env: 'FCM_SERVER_KEY', gen: (r) => `AAAA${r.mixed(7, URLSAFE)}:APA91b${r.mixed(134, URLSAFE)}` },
  { id: 'azure-storage', label: 'Azure', env: 'AZURE_STORAGE_CONNECTION_STRING', gen: (r) => `DefaultEndpointsProtocol=https;AccountName=acme${r.chars(LOWER + DIGITS, 6)};AccountKey=${r.base64(64)};EndpointSuffix=core.windows.net`, core: (v) => /AccountKey=([^;]+)/.exec(v)![1]! },
  { id: 'azure-ad-secret', label: 'Azure', env: 'AZURE_CLIENT_SECRET', gen: (r) => `${r.mixed(3)}${r.int(7, 8)}Q~${r.mixed(34, ALNUM + '_~.-')}` },
  { id: 'mapbox-secret', label: 'Mapbox', env: 'MAPBOX_SECRET_TOKEN', gen: (r) => `sk.eyJ1Ijoi${r.base64url(30)}.${r.mixed(22, URLSAFE)}` },
  { id: 'brevo', label: 'Brevo', env: 'BREVO_API_KEY', gen: (r) => `xkeysib-${r.hex(64)}-${r.mixed(16)}` },
  { id: 'datadog-api', label: 'Datadog', env: 'DD_API_KEY', contextOnly: true, gen: (r) => r.hex(32) },
  { id: 'algolia-admin', label: 'Algolia', env: 'ALGOLIA_ADMIN_API_KEY', contextOnly: true, gen: (r) => r.hex(32) },
  { id: 'vault', label: 'HashiCorp Vault', env: 'VAULT_TOKEN', gen: (r) => 'hvs.' + r.mixed(90, URLSAFE) },
  { id: 'terraform-cloud', label: 'Terraform Cloud', env: 'TFE_TOKEN', gen: (r) => `${r.mixed(14)}.atlasv1.${r.mixed(67)}` },
  { id: 'rubygems', label: 'RubyGems', env: 'GEM_HOST_API_KEY', gen: (r) => 'rubygems_' + r.hex(48) },
  { id: 'dockerhub', label: 'Docker Hub', env: 'DOCKERHUB_TOKEN', gen: (r) => 'dckr_pat_' + r.mixed(27, URLSAFE) },
  { id: 'netlify', label: 'Netlify', env: 'NETLIFY_AUTH_TOKEN', gen: (r) => 'nfp_' + r.mixed(36) },
  { id: 'langsmith', label: 'LangSmith', env: 'LANGCHAIN_API_KEY', gen: (r) => `lsv2_pt_${r.hex(32)}_${r.hex(10)}` },
  { id: 'pinecone', label: 'Pinecone', env: 'PINECONE_API_KEY', gen: (r) => `pcsk_${r.mixed(5)}_${r.mixed(63)}` },
  { id: 'xai', label: 'xAI', env: 'XAI_API_KEY', gen: (r) => 'xai-' + r.mixed(80) },
  { id: 'tavily', label: 'Tavily', env: 'TAVILY_API_KEY', gen: (r) => 'tvly-' + r.mixed(32) },
  { id: 'jfrog', label: 'JFrog', env: 'ARTIFACTORY_API_KEY', gen: (r) => 'AKCp' + r.int(5, 8) + r.mixed(68) },
  { id: 'alibaba', label: 'Alibaba Cloud', env: 'ALIBABA_CLOUD_ACCESS_KEY_ID', gen: (r) => 'LTAI' + r.mixed(20) },
  { id: 'shippo', label: 'Shippo', env: 'SHIPPO_API_TOKEN', gen: (r) => 'shippo_live_' + r.hex(40) },
  { id: 'cloudflare', label: 'Cloudflare', env: 'CLOUDFLARE_API_TOKEN', contextOnly: true, gen: (r) => r.mixed(40, URLSAFE) },
];

const pemBody = (r: Rng, bytes: number): string[] => {
  const b = r.base64(bytes);
  const out: string[] = [];
  for (let i = 0; i < b.length; i += 64) out.push(b.slice(i, i + 64));
  return out;
};
const humanWords = ['Summer', 'Rocket', 'Falcon', 'Harbor', 'Maple', 'Orange', 'Winter', 'Tiger', 'Velvet', 'Copper', 'Nebula', 'Willow'];
// Starts with a letter: YAML reads a leading `*`, `!` or `%` as syntax.
const passwordOf = (r: Rng): string => r.chars(UPPER + LOWER, 1) + r.mixed(r.int(15, 23), ALNUM + '!#%^*_-');

export const generics: SecretSpec[] = [
  { id: 'password-human', kind: 'generic', label: 'human-chosen password', env: 'DB_PASSWORD', gen: (r) => `${r.pick(humanWords)}${r.int(2015, 2025)}${r.pick(['!', '#', '$', '@'])}` },
  { id: 'password-random', kind: 'generic', label: 'random password', env: 'ADMIN_PASSWORD', gen: passwordOf },
  { id: 'postgres-uri', kind: 'generic', label: 'Postgres URI with password', env: 'DATABASE_URL', gen: (r) => `postgresql://app_user:${r.mixed(20)}@db-${r.chars(LOWER, 5)}.internal:5432/orders`, core: (v) => /:([^:@/]+)@/.exec(v)![1]! },
  { id: 'mysql-uri', kind: 'generic', label: 'MySQL URI with password', env: 'MYSQL_URL', gen: (r) => `mysql://root:${r.mixed(18)}@mysql.${r.chars(LOWER, 4)}.svc:3306/shop`, core: (v) => /:([^:@/]+)@/.exec(v)![1]! },
  { id: 'amqp-uri', kind: 'generic', label: 'AMQP URI with password', env: 'RABBITMQ_URL', gen: (r) => `amqps://worker:${r.mixed(22)}@rabbit.${r.chars(LOWER, 6)}.net:5671/prod`, core: (v) => /:([^:@/]+)@/.exec(v)![1]! },
  { id: 'redis-uri', kind: 'generic', label: 'Redis URI with password', env: 'REDIS_URL', gen: (r) => `rediss://:${r.mixed(32)}@cache-${r.chars(LOWER, 5)}.cloud:6380/0`, core: (v) => /:([^:@/]+)@/.exec(v)![1]! },
  { id: 'mongo-uri', kind: 'generic', label: 'MongoDB URI with password', env: 'MONGODB_URI', gen: (r) => `mongodb+srv://svc-api:${r.mixed(16)}@cluster0.${r.chars(LOWER + DIGITS, 5)}.mongodb.net/app?retryWrites=true&w=majority`, core: (v) => /:([^:@/]+)@/.exec(v)![1]! },
  { id: 'jwt-secret', kind: 'generic', label: 'JWT signing secret', env: 'JWT_SECRET', gen: (r) => r.mixed(r.int(32, 64), URLSAFE) },
  { id: 'session-secret', kind: 'generic', label: 'session / cookie secret', env: 'SESSION_SECRET', gen: (r) => r.mixed(48) },
  { id: 'hex-key', kind: 'generic', label: 'hex encryption key', env: 'ENCRYPTION_KEY', gen: (r) => r.hex(64) },
  { id: 'base64-key', kind: 'generic', label: 'base64 key', env: 'AES_KEY', gen: (r) => r.base64(32) },
  { id: 'uuid-api-key', kind: 'generic', label: 'UUID-shaped API key', env: 'PARTNER_API_KEY', gen: (r) => r.uuid() },
  { id: 'pem-rsa', kind: 'generic', label: 'PEM private key', env: 'JWT_PRIVATE_KEY', multiline: true, gen: (r) => ['-----BEGIN RSA PRIVATE KEY-----', ...pemBody(r, 600), '-----END RSA PRIVATE KEY-----'].join('\n'), core: (v) => v.split('\n')[3]! },
  { id: 'pem-ec', kind: 'generic', label: 'PEM private key', env: 'SIGNING_KEY', multiline: true, gen: (r) => ['-----BEGIN EC PRIVATE KEY-----', ...pemBody(r, 121), '-----END EC PRIVATE KEY-----'].join('\n'), core: (v) => v.split('\n')[1]! },
  { id: 'webhook-secret', kind: 'generic', label: 'webhook secret', env: 'WEBHOOK_SIGNING_SECRET', gen: (r) => r.mixed(40) },
  { id: 'oauth-client-secret', kind: 'generic', label: 'OAuth client secret', env: 'OAUTH_CLIENT_SECRET', gen: (r) => r.mixed(40, URLSAFE) },
  { id: 'basic-auth-url', kind: 'generic', label: 'basic auth in URL', env: 'REGISTRY_URL', gen: (r) => `https://deploy:${r.mixed(24)}@registry.${r.chars(LOWER, 6)}.io/v2/`, core: (v) => /:([^:@/]+)@/.exec(v)![1]! },
  { id: 'smtp-password', kind: 'generic', label: 'SMTP password', env: 'SMTP_PASSWORD', gen: passwordOf },
  { id: 'ldap-bind', kind: 'generic', label: 'LDAP bind password', env: 'LDAP_BIND_PASSWORD', gen: passwordOf },
  { id: 'django-secret', kind: 'generic', label: 'Django SECRET_KEY', env: 'DJANGO_SECRET_KEY', gen: (r) => r.mixed(50, LOWER + DIGITS + '!@#%^&*(-_=+)') },
  { id: 'eth-private-key', kind: 'generic', label: 'wallet private key (0x + 64 hex)', env: 'DEPLOYER_PRIVATE_KEY', gen: (r) => '0x' + r.hex(64) },
  { id: 'docker-auth', kind: 'generic', label: 'registry auth (base64 user:password)', env: 'DOCKER_AUTH', gen: (r) => Buffer.from(`ci-bot:${r.mixed(24)}`).toString('base64') },
  { id: 'api-token', kind: 'generic', label: 'opaque API token', env: 'INTERNAL_API_TOKEN', gen: (r) => r.mixed(40) },
];

export const providers: SecretSpec[] = providerFormats.map((p) => ({ ...p, kind: 'provider' }));

/** Look-alikes that are not secrets, as real code has them next to secrets. */
export const negatives = {
  placeholder: (r: Rng): string => r.pick(['your-api-key-here', '<YOUR_API_KEY>', 'changeme', 'REPLACE_ME', 'xxxxxxxxxxxxxxxxxxxxxxxx', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'TODO', '********']),
  stripePublishable: (r: Rng): string => 'pk_live_' + r.mixed(99),
  mapboxPublic: (r: Rng): string => `pk.eyJ1Ijoi${r.base64url(30)}.${r.mixed(22, URLSAFE)}`,
  sha256: (r: Rng): string => r.hex(64),
  commitSha: (r: Rng): string => r.hex(40),
  uuid: (r: Rng): string => r.uuid(),
  integrity: (r: Rng): string => 'sha512-' + r.base64(64),
  ethAddress: (r: Rng): string => '0x' + r.hex(40),
  googleClientId: (r: Rng): string => `${r.chars(DIGITS, 12)}-${r.chars(LOWER + DIGITS, 32)}.apps.googleusercontent.com`,
  sshPublicKey: (r: Rng): string => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.base64(32).slice(0, 43)} deploy@ci`,
  dataImage: (r: Rng): string => 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA' + r.base64(90),
  anonJwt: (r: Rng): string => {
    const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ iss: 'supabase', ref: r.chars(LOWER, 20), role: 'anon', iat: 1700000000, exp: 2015576000 })}.${r.base64url(32)}`;
  },
  testDummy: (r: Rng): string => r.pick(['test-token', 'dummy-secret', 'fake_api_key_123', 'not-a-real-key', 'testpassword']),
  cspHash: (r: Rng): string => `'sha256-${r.base64(32)}'`,
  dockerDigest: (r: Rng): string => 'sha256:' + r.hex(64),
  bcryptHash: (r: Rng): string => '$2b$12$' + r.chars(ALNUM + './', 53),
  vapidPublicKey: (r: Rng): string => 'B' + r.base64url(64).slice(0, 86),
  recaptchaSiteKey: (r: Rng): string => '6L' + r.mixed(38, URLSAFE),
  awsDocExample: (): string => ['AKIA', 'IOSF', 'ODNN7', 'EXAMPLE'].join(''),
  envReference: (r: Rng): string => r.pick(['${{ secrets.DEPLOY_TOKEN }}', '${DB_PASSWORD}', '%(db_password)s', '$(API_TOKEN)', '{{ .Values.apiKey }}', '{{ vault_api_key }}', "ENV['STRIPE_SECRET_KEY']", '$SLACK_WEBHOOK_URL']),
  iniInterpolatedUrl: (): string => 'postgresql://%(DB_USER)s:%(DB_PASS)s@%(DB_HOST)s/app',
  version: (r: Rng): string => `${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 99)}`,
  featureFlag: (r: Rng): string => r.pick(['enable-token-refresh-v2', 'use_new_secret_manager', 'rotate-api-keys-weekly']),
  classPath: (r: Rng): string => r.pick(['django.contrib.auth.hashers.Argon2PasswordHasher', 'org.springframework.security.crypto.password.NoOpPasswordEncoder', 'myapp.auth.backends.TokenAuthBackend']),
  azureClientId: (r: Rng): string => r.uuid(),
};
