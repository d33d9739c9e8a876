/** Negatives: values that sit where secrets sit, under names that look like secrets, but are not secrets. */
import { AN, B64, B64U, DIGITS, HEX, LAN, LOWER, UAN, b64url, jwt, mixed, pem, uuid, type Kind, type Lang, type Name, type Rng } from './lib';

type Out = { value: string; expr?: boolean };
/** Negatives that stand in for a credential where one is used (see Placement.credential). */
const CREDENTIAL_LIKE = new Set([
  'placeholder-angle', 'placeholder-words', 'prefix-placeholder', 'env-reference', 'template-reference', 'stripe-publishable', 'mapbox-public', 'supabase-anon', 'supabase-publishable', 'posthog-project-key', 'statsig-client-key', 'algolia-search-key', 'revenuecat-public-key', 'redacted-stars', 'redacted-partial', 'test-dummy', 'aws-doc-example', 'jwt-io-sample', 'localhost-default-creds', 'url-password-from-env',
]);
const N = (id: string, names: string[], gen: (r: Rng, lang: Lang, name: Name) => Out, opts: Partial<Kind> = {}): Kind => ({
  id, group: 'negative', names, tags: ['negative', ...(CREDENTIAL_LIKE.has(id) ? ['credential-like'] : []), ...(opts.tags ?? [])], count: opts.count ?? 4, where: opts.where, langs: opts.langs, gen,
});
const SECRET_NAMES = ['STRIPE_SECRET_KEY', 'OPENAI_API_KEY', 'DB_PASSWORD', 'SENDGRID_API_KEY', 'GITHUB_TOKEN', 'JWT_SECRET', 'SLACK_BOT_TOKEN', 'DD_API_KEY'];

/** How each language reads a value from the environment instead of holding it. */
function envRef(lang: Lang, name: Name): Out {
  switch (lang) {
    case 'ts': case 'js': return { value: `process.env.${name.env}`, expr: true };
    case 'py': return { value: `os.environ["${name.env}"]`, expr: true };
    case 'hcl': return { value: `var.${name.snake}`, expr: true };
    case 'shell': case 'docker': case 'env': case 'md': case 'text': return { value: `\${${name.env}}` };
    case 'make': return { value: `$(${name.env})` };
    case 'ps1': return { value: `$env:${name.env}`, expr: true };
    case 'yaml': return { value: `\${{ secrets.${name.env} }}` };
    default: return { value: `\${${name.env}}` };
  }
}

const AWS_EXAMPLES: Record<string, string> = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const NOT_SECRET_VALUES: Record<string, string[]> = {
  PASSWORD_MIN_LENGTH: ['12', '10'],
  TOKEN_TYPE: ['Bearer'],
  SECRET_NAME: ['prod/payments/stripe-secret-key', 'tidewell/api/jwt-signing-key'],
  API_KEY_HEADER: ['X-Api-Key', 'x-tidewell-key'],
  PASSWORD_RESET_PATH: ['/auth/reset-password', '/account/password/forgot'],
  TOKEN_TTL_SECONDS: ['3600', '86400'],
  SECRET_ROTATION_DAYS: ['90', '30'],
  AUTH_SECRET_ENV_VAR: ['NEXTAUTH_SECRET', 'JWT_SECRET'],
  PASSWORD_HASH_ALGORITHM: ['argon2id', 'bcrypt'],
  API_KEY_PREFIX: ['tw_live_', 'tw_test_'],
};
const I18N: Record<string, string> = {
  AUTH_PASSWORD_LABEL: 'Password',
  AUTH_PASSWORD_PLACEHOLDER: 'Enter your password',
  SETTINGS_API_KEY_ROTATED: 'Your API key was rotated. Update your integrations.',
  ERRORS_TOKEN_EXPIRED: 'Your session token has expired, please sign in again',
};

export const negatives: Kind[] = [
  N('placeholder-angle', SECRET_NAMES, (r, _l, n) => ({ value: r.pick([`<${n.env}>`, '<your-api-key>', `<insert ${n.kebab} here>`, '<YOUR_KEY_HERE>']) })),
  N('placeholder-words', SECRET_NAMES, (r) => ({ value: r.pick(['your_api_key_here', 'replace-me', 'changeme', 'TODO', 'insert-key-here', 'set-me-in-vault', 'REPLACE_WITH_REAL_KEY']) })),
  N('prefix-placeholder', ['STRIPE_SECRET_KEY', 'GITHUB_TOKEN', 'SLACK_BOT_TOKEN', 'SENDGRID_API_KEY', 'OPENAI_API_KEY', 'AWS_ACCESS_KEY_ID'], (r, _l, n) => {
    const byName: Record<string, string[]> = {
      STRIPE_SECRET_KEY: ['sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'sk_live_YOUR_SECRET_KEY', 'sk_live_...'],
      GITHUB_TOKEN: ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_YOUR_TOKEN_HERE'],
      SLACK_BOT_TOKEN: ['xoxb-your-bot-token', 'xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx'],
      SENDGRID_API_KEY: ['SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'SG.your-sendgrid-key'],
      OPENAI_API_KEY: ['sk-proj-...', 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sk-your-key-here'],
      AWS_ACCESS_KEY_ID: ['AKIAXXXXXXXXXXXXXXXX', 'AKIA****************'],
    };
    return { value: r.pick(byName[n.env]) };
  }),
  N('env-reference', SECRET_NAMES, (_r, lang, n) => envRef(lang, n), { count: 6 }),
  N('template-reference', SECRET_NAMES, (r, lang, n) => {
    if (lang === 'yaml') return { value: r.pick([`{{ .Values.secrets.${n.camel} }}`, `{{ vault_${n.snake} }}`, `$(${n.env})`, `\${{ secrets.${n.env} }}`]) };
    if (lang === 'py') return { value: `"{{ var.value.${n.snake} }}"`, expr: true };
    if (lang === 'ini') return { value: `%(${n.snake})s` };
    return { value: r.pick([`{{ ${n.snake} }}`, `{{${n.env}}}`]) };
  }, { langs: ['yaml', 'py', 'ini', 'json', 'md', 'toml', 'http', 'text', 'xml'] }),
  N('secret-manager-ref', SECRET_NAMES, (r, _l, n) => ({
    value: r.pick([
      `arn:aws:secretsmanager:us-east-1:${r.str(DIGITS, 12)}:secret:prod/${n.kebab}-${mixed(r, 6)}`,
      `projects/tidewell-prod/secrets/${n.kebab}/versions/latest`,
      `op://Production/${n.title}/credential`,
      `vault:secret/data/tidewell/prod#${n.snake}`,
    ]),
  })),
  N('stripe-publishable', ['STRIPE_PUBLISHABLE_KEY', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', 'EXPO_PUBLIC_STRIPE_PUBLISHABLE_KEY'], (r) => ({ value: `pk_live_${mixed(r, r.pick([24, 99]))}` }), { count: 5 }),
  N('mapbox-public', ['NEXT_PUBLIC_MAPBOX_TOKEN', 'EXPO_PUBLIC_MAPBOX_ACCESS_TOKEN', 'MAPBOX_PUBLIC_TOKEN'], (r) => ({
    value: `pk.${b64url(JSON.stringify({ u: 'tidewell', a: r.str(LAN, 25) }))}.${r.str(B64U, 22)}`,
  })),
  N('supabase-anon', ['NEXT_PUBLIC_SUPABASE_ANON_KEY', 'EXPO_PUBLIC_SUPABASE_ANON_KEY', 'SUPABASE_ANON_KEY'], (r) => ({
    value: jwt(r, { iss: 'supabase', ref: r.str(LOWER, 20), role: 'anon', iat: 1712000000 + r.int(0, 9e6), exp: 2027000000 }),
  })),
  N('supabase-publishable', ['NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY', 'EXPO_PUBLIC_SUPABASE_KEY'], (r) => ({ value: `sb_publishable_${r.str(B64U, 31)}` }), { count: 3 }),
  N('firebase-web-api-key', ['EXPO_PUBLIC_FIREBASE_API_KEY', 'NEXT_PUBLIC_FIREBASE_API_KEY'], (r) => ({ value: `AIza${r.str(B64U, 35)}` }), {
    where: ['firebase-config', 'dotenv-plain', 'eas-json', 'expo-app-config'],
  }),
  N('posthog-project-key', ['NEXT_PUBLIC_POSTHOG_KEY', 'EXPO_PUBLIC_POSTHOG_API_KEY'], (r) => ({ value: `phc_${mixed(r, 43)}` })),
  N('statsig-client-key', ['STATSIG_CLIENT_KEY', 'NEXT_PUBLIC_STATSIG_CLIENT_KEY'], (r) => ({ value: `client-${mixed(r, 43)}` }), { count: 3 }),
  N('sentry-dsn', ['SENTRY_DSN', 'NEXT_PUBLIC_SENTRY_DSN', 'EXPO_PUBLIC_SENTRY_DSN'], (r) => ({
    value: `https://${r.str(HEX, 32)}@o${r.str(DIGITS, 6)}.ingest.${r.pick(['', 'us.', 'de.'])}sentry.io/${r.str(DIGITS, 7)}`,
  }), { count: 5 }),
  N('recaptcha-site-key', ['RECAPTCHA_SITE_KEY', 'NEXT_PUBLIC_RECAPTCHA_SITE_KEY'], (r) => ({ value: `6L${r.str(B64U, 38)}` }), { count: 3 }),
  N('algolia-search-key', ['NEXT_PUBLIC_ALGOLIA_SEARCH_API_KEY', 'ALGOLIA_SEARCH_ONLY_API_KEY'], (r) => ({ value: r.str(HEX, 32) }), { count: 3 }),
  N('launchdarkly-client-id', ['NEXT_PUBLIC_LD_CLIENT_SIDE_ID', 'LD_CLIENT_SIDE_ID'], (r) => ({ value: r.str(HEX, 24) }), { count: 3 }),
  N('revenuecat-public-key', ['EXPO_PUBLIC_REVENUECAT_IOS_KEY', 'REVENUECAT_APPLE_API_KEY', 'REVENUECAT_GOOGLE_API_KEY'], (r, _l, n) => ({
    value: `${n.env.includes('GOOGLE') ? 'goog' : 'appl'}_${mixed(r, 27)}`,
  }), { count: 3 }),
  N('google-oauth-client-id', ['GOOGLE_CLIENT_ID', 'EXPO_PUBLIC_GOOGLE_IOS_CLIENT_ID'], (r) => ({ value: `${r.str(DIGITS, 12)}-${r.str(LAN, 32)}.apps.googleusercontent.com` })),
  N('analytics-id', ['GA_MEASUREMENT_ID', 'NEXT_PUBLIC_GTM_ID', 'SEGMENT_WORKSPACE_SLUG'], (r, _l, n) => ({
    value: n.env.includes('GTM') ? `GTM-${r.str(UAN, 7)}` : n.env.includes('SEGMENT') ? 'tidewell-prod' : `G-${r.str(UAN, 10)}`,
  }), { count: 3 }),
  N('twilio-account-sid', ['TWILIO_ACCOUNT_SID'], (r) => ({ value: `AC${r.str(HEX, 32)}` }), { count: 3 }),
  N('uuid-identifier', ['REQUEST_ID', 'TENANT_ID', 'ORGANIZATION_ID', 'WORKSPACE_ID', 'CORRELATION_ID', 'PROJECT_ID'], (r) => ({ value: uuid(r) }), { count: 6 }),
  N('git-sha', ['GIT_COMMIT', 'COMMIT_SHA', 'BUILD_REVISION', 'SOURCE_VERSION'], (r) => ({ value: r.str(HEX, 40) }), { count: 5 }),
  N('integrity-hash', ['INTEGRITY'], (r) => ({ value: `sha512-${r.str(B64, 86)}==` }), { where: ['lockfile-npm', 'html-page', 'lockfile-yarn'] }),
  N('sha256-checksum', ['CHECKSUM', 'ARTIFACT_SHA256', 'MODEL_SHA256', 'EXPECTED_SHA256'], (r) => ({ value: r.str(HEX, 64) }), { count: 5 }),
  N('docker-digest', ['IMAGE_DIGEST', 'BASE_IMAGE_DIGEST'], (r) => ({ value: `sha256:${r.str(HEX, 64)}` })),
  N('bcrypt-hash', ['PASSWORD_HASH', 'ADMIN_PASSWORD_HASH', 'HASHED_PASSWORD'], (r) => ({
    value: `$2b$12$${r.str('./' + AN, 53)}`,
  }), { langs: ['ts', 'js', 'py', 'json', 'yaml', 'sql', 'csv', 'toml'], count: 5 }),
  N('argon2-hash', ['PASSWORD_HASH', 'HASHED_PASSWORD'], (r) => ({
    value: `$argon2id$v=19$m=65536,t=3,p=4$${r.str(B64, 22)}$${r.str(B64, 43)}`,
  }), { langs: ['ts', 'js', 'py', 'json', 'yaml', 'sql', 'csv', 'toml'] }),
  N('public-key-pem', ['JWT_PUBLIC_KEY', 'PUBLIC_KEY', 'WEBHOOK_VERIFY_PUBLIC_KEY'], (r) => ({
    value: pem(r, 'PUBLIC KEY', 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA', 392),
  }), { tags: ['pem'] }),
  N('certificate-pem', ['TLS_CERT', 'CA_CERT', 'SAML_IDP_CERT'], (r) => ({
    value: pem(r, 'CERTIFICATE', 'MIIDdzCCAl+gAwIBAgIU', 1200),
  }), { tags: ['pem'] }),
  N('ssh-public-key', ['DEPLOY_PUBLIC_KEY', 'SSH_AUTHORIZED_KEY'], (r) => ({
    value: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.str(B64, 43)} deploy@tidewell-ci`,
  })),
  N('vapid-public-key', ['VAPID_PUBLIC_KEY', 'NEXT_PUBLIC_VAPID_PUBLIC_KEY'], (r) => ({ value: `B${r.str(B64U, 86)}` }), { count: 3 }),
  N('public-key-hex', ['SIGNING_PUBLIC_KEY', 'ED25519_PUBLIC_KEY'], (r) => ({ value: r.str(HEX, 64) }), { count: 3 }),
  N('css-hashed-class', ['CLASS_NAME', 'CONTAINER_CLASS'], (r) => ({
    value: r.pick([`css-${r.str(LAN, 7)}`, `sc-${mixed(r, 6)} ${mixed(r, 6)}`, `_${r.str(LAN, 6)}_${r.str(LAN, 5)}_${r.int(1, 40)}`]),
  }), { where: ['tsx-component', 'jest-snapshot', 'css-module', 'html-page'] }),
  N('data-uri-image', ['PLACEHOLDER_IMAGE', 'BLUR_DATA_URL', 'LOGO_DATA_URI'], (r) => ({
    value: `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAA${r.str(B64, 180)}AAAAAElFTkSuQmCC`,
  }), { langs: ['ts', 'js', 'json', 'css', 'html', 'py'] }),
  N('build-id', ['BUILD_ID', 'NEXT_BUILD_ID', 'DEPLOYMENT_ID'], (r) => ({ value: r.str(B64U, 21) })),
  N('lockfile-resolved', ['RESOLVED'], (r) => ({ value: `https://registry.yarnpkg.com/${r.pick(['lodash', 'zod', 'date-fns', 'clsx'])}/-/pkg-${r.int(1, 4)}.${r.int(0, 20)}.${r.int(0, 9)}.tgz#${r.str(HEX, 40)}` }), {
    where: ['lockfile-yarn', 'lockfile-npm'],
  }),
  N('redacted-stars', SECRET_NAMES, (r) => ({ value: r.pick(['********', '••••••••', '[REDACTED]', '<redacted>', '[FILTERED]', '***']) }), { count: 5 }),
  N('redacted-partial', ['STRIPE_SECRET_KEY', 'OPENAI_API_KEY', 'GITHUB_TOKEN', 'SLACK_BOT_TOKEN'], (r, _l, n) => {
    const last4 = mixed(r, 4);
    const pre: Record<string, string> = { STRIPE_SECRET_KEY: 'sk_live_', OPENAI_API_KEY: 'sk-proj-', GITHUB_TOKEN: 'ghp_', SLACK_BOT_TOKEN: 'xoxb-' };
    return { value: r.pick([`${pre[n.env]}...${last4}`, `${pre[n.env]}****${last4}`, `${pre[n.env]}${'*'.repeat(20)}${last4}`, `${pre[n.env]}…${last4}`]) };
  }, { count: 5 }),
  N('test-dummy', SECRET_NAMES, (r) => ({ value: r.pick(['test-api-key', 'dummy_token_123', 'fake-secret', 'not-a-real-key', 'mock-password', 'test_secret_do_not_use', 'dummy']) }), { count: 5 }),
  N('secret-name-plain-value', Object.keys(NOT_SECRET_VALUES), (r, _l, n) => ({ value: r.pick(NOT_SECRET_VALUES[n.env]) }), { count: 6 }),
  N('i18n-string', Object.keys(I18N), (_r, _l, n) => ({ value: I18N[n.env] }), { langs: ['ts', 'js', 'json', 'yaml', 'py', 'xml', 'csv'] }),
  N('aws-doc-example', Object.keys(AWS_EXAMPLES), (_r, _l, n) => ({ value: AWS_EXAMPLES[n.env] })),
  N('jwt-io-sample', ['ACCESS_TOKEN', 'ID_TOKEN'], () => ({
    value: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  }), { count: 3 }),
  N('localhost-default-creds', ['DATABASE_URL', 'REDIS_URL', 'AMQP_URL', 'MONGO_URL'], (_r, _l, n) => ({
    value: ({
      DATABASE_URL: 'postgres://postgres:postgres@localhost:5432/tidewell_dev',
      REDIS_URL: 'redis://localhost:6379/0',
      AMQP_URL: 'amqp://guest:guest@localhost:5672/',
      MONGO_URL: 'mongodb://localhost:27017/tidewell_test',
    } as Record<string, string>)[n.env],
  }), { count: 5 }),
  N('url-password-from-env', ['DATABASE_URL', 'REDIS_URL', 'CELERY_BROKER_URL'], (_r, _l, n) => ({
    value: ({
      DATABASE_URL: 'postgresql://app:${DB_PASSWORD}@db:5432/tidewell',
      REDIS_URL: 'redis://:${REDIS_PASSWORD}@redis:6379/0',
      CELERY_BROKER_URL: 'amqp://tidewell:${RABBITMQ_PASSWORD}@rabbitmq:5672//',
    } as Record<string, string>)[n.env],
  }), { langs: ['env', 'yaml', 'md', 'text', 'json', 'toml', 'ini', 'docker'] }),
  N('stripe-object-id', ['STRIPE_PRICE_ID', 'PRO_PLAN_PRICE_ID', 'STRIPE_PRODUCT_ID', 'STRIPE_CONNECT_ACCOUNT_ID'], (r, _l, n) => ({
    value: n.env.includes('PRODUCT') ? `prod_${mixed(r, 14)}` : n.env.includes('ACCOUNT') ? `acct_1${mixed(r, 15)}` : `price_1${mixed(r, 23)}`,
  }), { count: 5 }),
  N('cloud-resource-id', ['AMI_ID', 'SECURITY_GROUP_ID', 'SUBNET_ID', 'ROLE_ARN', 'KMS_KEY_ID'], (r, _l, n) => ({
    value: ({
      AMI_ID: `ami-0${r.str(HEX, 16)}`,
      SECURITY_GROUP_ID: `sg-0${r.str(HEX, 16)}`,
      SUBNET_ID: `subnet-0${r.str(HEX, 16)}`,
      ROLE_ARN: `arn:aws:iam::${r.str(DIGITS, 12)}:role/tidewell-deployer`,
      KMS_KEY_ID: uuid(r),
    } as Record<string, string>)[n.env],
  }), { count: 5 }),
  N('trace-id', ['TRACE_ID', 'TRACEPARENT', 'SPAN_ID'], (r, _l, n) => ({
    value: n.env === 'TRACEPARENT' ? `00-${r.str(HEX, 32)}-${r.str(HEX, 16)}-01` : n.env === 'SPAN_ID' ? r.str(HEX, 16) : r.str(HEX, 32),
  })),
  N('sops-encrypted', SECRET_NAMES, (r) => ({
    value: `ENC[AES256_GCM,data:${r.str(B64, 40)}=,iv:${r.str(B64, 43)}=,tag:${r.str(B64, 22)}==,type:str]`,
  }), { langs: ['yaml', 'json', 'env', 'ini'] }),
  N('ansible-vault', ['VAULT_DB_PASSWORD', 'VAULT_SMTP_PASSWORD'], (r) => ({
    value: `$ANSIBLE_VAULT;1.1;AES256\n${Array.from({ length: 5 }, () => r.str(HEX, 80)).join('\n')}`,
  }), { where: ['ansible-vars'], count: 3 }),
  N('sealed-secret', ['DB_PASSWORD', 'STRIPE_SECRET_KEY'], (r) => ({ value: `AgB${r.str(B64, 600)}` }), { where: ['k8s-sealed-secret'], count: 3 }),
  N('google-client-id-plist', ['CLIENT_ID', 'REVERSED_CLIENT_ID'], (r, _l, n) => {
    const id = `${r.str(DIGITS, 12)}-${r.str(LAN, 32)}`;
    return { value: n.env === 'CLIENT_ID' ? `${id}.apps.googleusercontent.com` : `com.googleusercontent.apps.${id}` };
  }, { where: ['ios-plist'], count: 3 }),
  N('jwks-modulus', ['JWKS_N', 'RSA_PUBLIC_MODULUS'], (r) => ({ value: r.str(B64U, 342) }), { langs: ['json', 'ts', 'py', 'yaml'], count: 3 }),
  N('numeric-id', ['STRIPE_ACCOUNT_NUMBER', 'APPLE_TEAM_ID', 'FACEBOOK_APP_ID', 'GCP_PROJECT_NUMBER'], (r, _l, n) => ({
    value: n.env === 'APPLE_TEAM_ID' ? r.str(UAN, 10) : r.str(DIGITS, r.pick([12, 15, 16])),
  })),
];
