// Generic secrets (no provider format: only the name, the shape or the syntax says it is a secret) and
// negatives (values that look like secrets, or sit under secret-sounding names, and are not secrets).

import {
  ALNUM, B64URL, DIGITS, LOWER, LOWER_ALNUM, UPPER, Rng,
  b64, hex, jwt, mixed, pem, randomBytesB64, randomBytesB64url, uuid,
} from './rng';
import type { Shape } from './providers';

export interface GenericSpec {
  kind: string;
  names: string[][]; // one is drawn per planting
  shape: Shape;
  gen: (r: Rng) => string;
  /** Only these placements fit the value (e.g. a docker config auth only lives in a docker config). */
  only?: string[];
  host?: string;
  /** A credential that is sent as it is (a bearer token, an API key), so it also fits where only the syntax names it. */
  slotOk?: boolean;
}

// Words people put in passwords they choose themselves.
const WORDS = ['Harbor', 'Falcon', 'Maple', 'Granite', 'Copper', 'Sunset', 'Willow', 'Tundra', 'Orchid', 'Bison', 'Cobalt',
  'Juniper', 'Meadow', 'Atlas', 'Pioneer', 'Raven', 'Summit', 'Lantern', 'Marlin', 'Cedar'];

const humanPassword = (r: Rng): string =>
  `${r.pick(WORDS)}${r.pick(['', r.pick(WORDS).toLowerCase()])}${r.pick(['!', '#', '@', '.', '*', '_'])}${r.int(1970, 2026)}${r.pick(['', '!', '?'])}`;

// URL-safe password characters: what survives in a connection string without percent-encoding.
const URLSAFE = ALNUM + '-_.~';
// Starts with a letter or digit, as password generators configured for config files usually do.
const randomPassword = (r: Rng): string => r.str(ALNUM, 1) + mixed(r, ALNUM + '!%*-_+=.@', r.int(15, 27));

const rsaPem = (r: Rng): string => pem(r, 'RSA PRIVATE KEY', 1190);

export const GENERICS: GenericSpec[] = [
  { kind: 'human-password', shape: 'password', gen: humanPassword,
    names: [['db', 'password'], ['admin', 'password'], ['smtp', 'password'], ['ldap', 'bind', 'password'], ['sftp', 'password']] },
  { kind: 'random-password', shape: 'password', gen: randomPassword,
    names: [['postgres', 'password'], ['redis', 'password'], ['rabbitmq', 'password'], ['keystore', 'password'], ['mysql', 'root', 'password']] },
  { kind: 'session-secret', shape: 'token', gen: (r) => mixed(r, ALNUM, r.int(32, 64)),
    names: [['session', 'secret'], ['express', 'session', 'secret'], ['cookie', 'secret']] },
  { kind: 'jwt-signing-secret', shape: 'token', gen: (r) => randomBytesB64url(r, r.pick([32, 48, 64])),
    names: [['jwt', 'secret'], ['jwt', 'signing', 'key'], ['access', 'token', 'secret']] },
  { kind: 'django-secret-key', shape: 'password', gen: (r) => r.str(LOWER, 1) + r.str(LOWER + DIGITS + '!@#%^*(-_=+)', 49),
    names: [['secret', 'key'], ['django', 'secret', 'key']] },
  { kind: 'rails-secret-key-base', shape: 'token', gen: (r) => hex(r, 128), names: [['secret', 'key', 'base']] },
  { kind: 'laravel-app-key', shape: 'token', gen: (r) => `base64:${randomBytesB64(r, 32)}`, names: [['app', 'key']] },
  { kind: 'webhook-signing-secret', shape: 'token', gen: (r) => mixed(r, ALNUM, r.int(32, 48)),
    names: [['webhook', 'secret'], ['webhook', 'signing', 'secret'], ['carrier', 'webhook', 'hmac', 'key']] },
  { kind: 'encryption-key-hex', shape: 'token', gen: (r) => hex(r, 64),
    names: [['encryption', 'key'], ['pii', 'encryption', 'key'], ['aes', 'key']] },
  { kind: 'encryption-key-base64', shape: 'token', gen: (r) => randomBytesB64(r, 32),
    names: [['data', 'encryption', 'key'], ['master', 'key'], ['field', 'encryption', 'key']] },
  { kind: 'fernet-key', shape: 'token', gen: (r) => randomBytesB64url(r, 32).replace(/$/, '='),
    names: [['fernet', 'key'], ['airflow', 'fernet', 'key']] },
  { kind: 'private-key-pem', shape: 'pem', gen: rsaPem, names: [['private', 'key'], ['jwt', 'private', 'key'], ['signing', 'key']] },
  { kind: 'private-key-ec-pem', shape: 'pem', gen: (r) => pem(r, 'EC PRIVATE KEY', 121), names: [['apns', 'key'], ['ec', 'private', 'key']] },
  { kind: 'private-key-openssh', shape: 'pem', gen: (r) => pem(r, 'OPENSSH PRIVATE KEY', 400),
    names: [['deploy', 'key'], ['ssh', 'private', 'key']] },
  { kind: 'private-key-pem-base64', shape: 'token', gen: (r) => b64(pem(r, 'PRIVATE KEY', 1218) + '\n'),
    names: [['private', 'key', 'b64'], ['signing', 'key', 'base64'], ['tls', 'key']] },
  { kind: 'private-key-in-json', shape: 'pem', gen: (r) => pem(r, 'PRIVATE KEY', 1218), names: [['private', 'key']],
    only: ['gcp-service-account-json', 'firebase-admin-ts'] },
  { kind: 'postgres-url', shape: 'connstr', names: [['database', 'url'], ['warehouse', 'dsn']],
    gen: (r) => `postgresql://kestrel_app:${mixed(r, URLSAFE, r.int(14, 24))}@db-prod.cluster-c${r.str(LOWER_ALNUM, 10)}.eu-west-1.rds.amazonaws.com:5432/dispatch` },
  { kind: 'mysql-url', shape: 'connstr', names: [['legacy', 'db', 'url'], ['mysql', 'url']],
    gen: (r) => `mysql://billing:${mixed(r, URLSAFE, r.int(14, 22))}@10.20.${r.int(0, 255)}.${r.int(1, 254)}:3306/billing` },
  { kind: 'mongodb-url', shape: 'connstr', names: [['mongo', 'uri'], ['mongodb', 'url']],
    gen: (r) => `mongodb+srv://telemetry:${mixed(r, URLSAFE, r.int(14, 22))}@cluster0.${r.str(LOWER_ALNUM, 5)}.mongodb.net/telemetry?retryWrites=true&w=majority` },
  { kind: 'redis-url', shape: 'connstr', names: [['redis', 'url'], ['cache', 'url']],
    gen: (r) => `rediss://default:${mixed(r, ALNUM, 32)}@redis-${r.int(10000, 19999)}.c${r.int(1, 300)}.eu-west-1-2.ec2.cloud.redislabs.com:${r.int(10000, 19999)}` },
  { kind: 'amqp-url', shape: 'connstr', names: [['amqp', 'url'], ['broker', 'url']],
    gen: (r) => `amqps://dispatch:${mixed(r, URLSAFE, 20)}@rabbit.kestrel.internal:5671/%2Fdispatch` },
  { kind: 'basic-auth-url', shape: 'url', names: [['carrier', 'feed', 'url'], ['edi', 'endpoint'], ['registry', 'url']],
    gen: (r) => `https://${r.pick(['kestrel', 'svc-kestrel', 'ops'])}:${mixed(r, URLSAFE, r.int(14, 22))}@${r.pick(['edi.maerskline-partner.com', 'feeds.carrierhub.io', 'nexus.kestrel.internal'])}/${r.pick(['inbound', 'v2/status', 'repository/npm-private/'])}` },
  { kind: 'bearer-token-opaque', shape: 'token', slotOk: true, gen: (r) => mixed(r, ALNUM, r.int(36, 48)),
    names: [['api', 'token'], ['service', 'token'], ['partner', 'api', 'token']] },
  { kind: 'basic-auth-header', shape: 'token', gen: (r) => b64(`svc-dispatch:${mixed(r, ALNUM, 20)}`),
    names: [['basic', 'auth'], ['auth', 'header']] },
  { kind: 'internal-api-key', shape: 'token', slotOk: true, gen: (r) => `${r.pick(['kst', 'kf'])}_${mixed(r, ALNUM, 40)}`,
    names: [['internal', 'api', 'key'], ['rates', 'api', 'key'], ['tracking', 'api', 'key']] },
  { kind: 'hmac-secret', shape: 'token', gen: (r) => hex(r, r.pick([40, 64])), names: [['hmac', 'secret'], ['signature', 'secret']] },
  { kind: 'service-jwt', shape: 'token', slotOk: true, names: [['service', 'jwt'], ['machine', 'token']],
    gen: (r) => jwt(r, { alg: 'HS256', typ: 'JWT' }, { sub: `svc-${r.pick(['rates', 'dispatch', 'yard'])}`, scope: 'shipments:write', iat: 1716000000 + r.int(0, 999999), exp: 2050000000 }) },
  { kind: 'oauth-client-secret', shape: 'token', gen: (r) => mixed(r, B64URL, 40),
    names: [['oauth', 'client', 'secret'], ['client', 'secret']] },
  { kind: 'npmrc-auth', shape: 'token', gen: (r) => b64(`ci-publisher:${mixed(r, ALNUM, 24)}`), names: [['auth']],
    only: ['npmrc'] },
  { kind: 'docker-config-auth', shape: 'token', gen: (r) => b64(`kestrelci:${mixed(r, ALNUM, 24)}`), names: [['auth']],
    only: ['docker-config-json'] },
  { kind: 'netrc-password', shape: 'token', gen: (r) => mixed(r, ALNUM, 32), names: [['password']], only: ['netrc'] },
  { kind: 'pgpass-password', shape: 'password', gen: randomPassword, names: [['password']], only: ['pgpass'] },
];

export interface NegativeSpec {
  kind: string;
  names: string[][];
  gen: (r: Rng, name: string[]) => string;
  shape: Shape;
  /** Placement families this value really occurs in (default: any). */
  families?: string[];
  only?: string[];
  /** A stand-in that also sits where only a credential can (a bearer header, a positional token). */
  slotOk?: boolean;
}

const N = (kind: string, names: string[][], gen: (r: Rng, name: string[]) => string, opts: Partial<NegativeSpec> = {}): NegativeSpec =>
  ({ kind, names, gen, shape: 'token', ...opts });

const sha40 = (r: Rng): string => hex(r, 40);

export const NEGATIVES: NegativeSpec[] = [
  // Placeholders and examples
  N('placeholder-words', [['stripe', 'secret', 'key'], ['api', 'key'], ['sendgrid', 'api', 'key']],
    (r) => r.pick(['your-api-key-here', 'YOUR_API_KEY', 'replace-me', 'insert-key-here', 'your_secret_here', 'CHANGE_ME']), { slotOk: true }),
  N('placeholder-angle', [['datadog', 'api', 'key'], ['twilio', 'auth', 'token'], ['client', 'secret']],
    (r, n) => n[0] === 'datadog' ? '<your-datadog-key>' : n[0] === 'twilio' ? '<TWILIO_AUTH_TOKEN>' : r.pick(['<client-secret>', '<paste secret here>']), { slotOk: true }),
  N('placeholder-x', [['openai', 'api', 'key'], ['github', 'token'], ['stripe', 'secret', 'key']],
    (_r, n) => n[0] === 'openai' ? 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' : n[0] === 'github' ? 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' : 'sk_live_XXXXXXXXXXXXXXXXXXXXXXXX', { slotOk: true }),
  N('aws-docs-example', [['aws', 'access', 'key', 'id'], ['aws', 'secret', 'access', 'key']],
    (_r, n) => n[1] === 'access' ? 'AKIAIOSFODNN7EXAMPLE' : 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
  N('jwt-io-sample', [['example', 'token'], ['sample', 'jwt']],
    () => 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', { slotOk: true }),
  N('empty-value', [['mapbox', 'secret', 'token'], ['api', 'key'], ['webhook', 'secret']], () => ''),
  N('obvious-test-dummy', [['api', 'key'], ['auth', 'token'], ['password']],
    (r) => r.pick(['test', 'dummy', 'fake-token', 'test-api-key', 'not-a-real-secret', 'dummy-password', 'testtesttest']), { slotOk: true }),
  N('redacted-stars', [['stripe', 'secret', 'key'], ['db', 'password'], ['api', 'token']],
    (r) => r.pick(['********', '****************', '[REDACTED]', '<redacted>', '***']), { slotOk: true }),
  N('redacted-partial', [['stripe', 'secret', 'key'], ['openai', 'api', 'key'], ['github', 'token']],
    (r, n) => n[0] === 'openai' ? `sk-proj-****${r.str(ALNUM, 4)}` : n[0] === 'github' ? `ghp_…${r.str(ALNUM, 4)}` : r.pick([`sk_live_...${r.str(ALNUM, 4)}`, `sk_live_************${r.str(ALNUM, 4)}`]), { slotOk: true }),
  N('local-dev-default', [['postgres', 'password'], ['db', 'password'], ['minio', 'root', 'password']],
    (r, n) => (n[0] === 'minio' ? 'minioadmin' : r.pick(['postgres', 'password', 'root'])),
    // Only where the file is for local development or tests: the same value in a production file is a weak password.
    { only: ['docker-compose', 'makefile', 'pytest-ini', 'jest-setup'] }),

  // References, not values
  N('shell-var-ref', [['stripe', 'secret', 'key'], ['datadog', 'api', 'key'], ['db', 'password']],
    (r, n) => r.pick([`\${${n.join('_').toUpperCase()}}`, `$${n.join('_').toUpperCase()}`, `\${${n.join('_').toUpperCase()}:?required}`]),
    { families: ['env', 'yaml', 'ci', 'k8s', 'docker', 'shell', 'make', 'toml'] , slotOk: true }),
  N('gha-secrets-ref', [['npm', 'token'], ['slack', 'webhook', 'url'], ['aws', 'secret', 'access', 'key']],
    (_r, n) => `\${{ secrets.${n.join('_').toUpperCase()} }}`,
    { only: ['gha-env', 'gha-with'] }),
  N('helm-template-ref', [['api', 'key'], ['db', 'password']],
    (r) => r.pick(['{{ .Values.rates.apiKey }}', '{{ .Values.postgres.password | b64enc }}', '{{ required "apiKey" .Values.apiKey }}']),
    { only: ['helm-template-secret'] }),
  N('spring-placeholder', [['stripe', 'secret', 'key'], ['db', 'password']],
    (r, n) => r.pick([`\${${n.join('_').toUpperCase()}}`, `\${${n.join('_').toUpperCase()}:}`, `\${vault.${n.join('.')}}`]), { families: ['props', 'yaml', 'xml'] }),
  N('dbt-env-var', [['password'], ['snowflake', 'password']], (_r, n) => `{{ env_var('DBT_${n.join('_').toUpperCase()}') }}`,
    { only: ['dbt-profiles'] }),
  N('secret-manager-path', [['db', 'password', 'secret'], ['secret', 'name'], ['api', 'key', 'secret', 'arn']],
    (r) => r.pick([
      `arn:aws:secretsmanager:eu-west-1:${r.str(DIGITS, 12)}:secret:prod/rates-api/stripe-${r.str(ALNUM, 6)}`,
      'projects/kestrel-prod/secrets/dispatch-db-password/versions/latest',
      'vault:secret/data/kestrel/prod/rates#stripe_key',
      'op://Engineering/Datadog/api key',
    ])),
  N('sops-encrypted', [['db', 'password'], ['api', 'key']],
    (r) => `ENC[AES256_GCM,data:${randomBytesB64(r, 24)},iv:${randomBytesB64(r, 32)},tag:${randomBytesB64(r, 16)},type:str]`,
    { families: ['yaml', 'k8s', 'env', 'json'] }),
  N('sealed-secret-ciphertext', [['stripe', 'secret', 'key'], ['db', 'password'], ['samsara', 'api', 'token'], ['jwt', 'secret']],
    (r) => `AgB${randomBytesB64(r, 300)}`, { only: ['sealed-secret'] }),
  N('pulumi-secure', [['db', 'password'], ['api', 'key']],
    (r) => `v1:${randomBytesB64(r, 12)}:${randomBytesB64(r, 36)}`, { only: ['pulumi-secure'] }),

  // Keys that are public by design
  N('stripe-publishable', [['stripe', 'publishable', 'key'], ['stripe', 'pk']], (r) => `pk_live_${mixed(r, ALNUM, 99)}`),
  N('mapbox-public', [['mapbox', 'access', 'token'], ['mapbox', 'token']],
    (r) => `pk.${Buffer.from(JSON.stringify({ u: 'kestrel-freight', a: r.str(LOWER_ALNUM, 25) })).toString('base64url')}.${mixed(r, B64URL, 22)}`),
  N('supabase-anon-jwt', [['supabase', 'anon', 'key'], ['next', 'public', 'supabase', 'anon', 'key']],
    (r) => jwt(r, { alg: 'HS256', typ: 'JWT' }, { iss: 'supabase', ref: r.str(LOWER, 20), role: 'anon', iat: 1712000000, exp: 2027000000 })),
  N('firebase-web-config', [['firebase', 'api', 'key'], ['vite', 'firebase', 'api', 'key']],
    (r) => `AIza${mixed(r, B64URL, 35)}`, { only: ['firebase-web-config', 'vite-env'] }),
  N('algolia-search-only', [['algolia', 'search', 'key'], ['vite', 'algolia', 'search', 'only', 'key']], (r) => hex(r, 32)),
  N('posthog-project-key', [['posthog', 'key'], ['vite', 'posthog', 'project', 'key']], (r) => `phc_${mixed(r, ALNUM, 43)}`),
  N('launchdarkly-client-id', [['launchdarkly', 'client', 'side', 'id']], (r) => hex(r, 24)),
  N('statsig-client-key', [['statsig', 'client', 'key']], (r) => `client-${mixed(r, ALNUM, 43)}`),
  N('sentry-dsn', [['sentry', 'dsn'], ['vite', 'sentry', 'dsn']],
    (r) => `https://${hex(r, 32)}@o${r.str(DIGITS, 6)}.ingest.de.sentry.io/${r.str(DIGITS, 16)}`),
  N('google-oauth-client-id', [['google', 'client', 'id']],
    (r) => `${r.str(DIGITS, 12)}-${r.str(LOWER_ALNUM, 32)}.apps.googleusercontent.com`),
  N('vapid-public-key', [['vapid', 'public', 'key']], (r) => `B${randomBytesB64url(r, 64)}`),

  // Identifiers
  N('uuid-id', [['tenant', 'id'], ['request', 'id'], ['carrier', 'id'], ['workspace', 'id']], uuid),
  N('stripe-object-id', [['stripe', 'price', 'id'], ['stripe', 'customer'], ['plan', 'product', 'id']],
    (r, n) => `${n[1] === 'price' ? 'price_' : n[1] === 'customer' ? 'cus_' : 'prod_'}${mixed(r, ALNUM, r.pick([14, 24]))}`),
  N('twilio-account-sid', [['twilio', 'account', 'sid']], (r) => `AC${hex(r, 32)}`),
  N('aws-arn-account', [['role', 'arn'], ['queue', 'url']],
    (r) => r.pick([`arn:aws:iam::${r.str(DIGITS, 12)}:role/rates-api-task`, `https://sqs.eu-west-1.amazonaws.com/${r.str(DIGITS, 12)}/shipment-events`])),
  N('analytics-measurement-id', [['ga', 'measurement', 'id'], ['gtm', 'id']], (r) => r.pick([`G-${r.str(UPPER + DIGITS, 10)}`, `GTM-${r.str(UPPER + DIGITS, 7)}`])),

  // Hashes and digests
  N('git-sha', [['commit', 'sha'], ['git', 'revision'], ['build', 'sha']], sha40),
  N('npm-integrity', [['integrity']], (r) => `sha512-${randomBytesB64(r, 64)}`),
  N('sha256-checksum', [['checksum'], ['sha256'], ['image', 'digest']],
    (r) => r.pick([hex(r, 64), `sha256:${hex(r, 64)}`])),
  N('bcrypt-hash', [['password', 'hash'], ['hashed', 'password'], ['password']],
    (r) => `$2b$12$${r.str(ALNUM + './', 53)}`, { families: ['json', 'sql', 'py', 'yaml', 'csv', 'ts'] }),
  N('argon2-hash', [['password', 'hash']],
    (r) => `$argon2id$v=19$m=65536,t=3,p=4$${randomBytesB64(r, 16).replace(/=+$/, '')}$${randomBytesB64(r, 32).replace(/=+$/, '')}`,
    { families: ['json', 'sql', 'py', 'yaml', 'csv'] }),
  N('nix-sri-hash', [['hash'], ['sha256']], (r) => `sha256-${randomBytesB64(r, 32)}`),
  N('etag', [['etag']], (r) => hex(r, 32), { families: ['json', 'log', 'http', 'yaml'] }),

  // Public keys and certificates
  N('ssh-public-key', [['deploy', 'public', 'key'], ['authorized', 'key']],
    (r) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${randomBytesB64(r, 32).replace(/=+$/, '')} ops@kestrel`),
  N('pem-certificate', [['tls', 'cert'], ['ca', 'cert']], (r) => pem(r, 'CERTIFICATE', 900), { shape: 'pem' }),
  N('pem-public-key', [['jwt', 'public', 'key'], ['webhook', 'verify', 'key']], (r) => pem(r, 'PUBLIC KEY', 294), { shape: 'pem' }),

  // Random-looking but not secret
  N('css-module-class', [['class', 'name']], (r) => `${r.pick(['_', 'css-'])}${mixed(r, ALNUM, 7)} ${r.pick(['_', 'css-'])}${mixed(r, ALNUM, 6)}`,
    { families: ['ts', 'json', 'html'] }),
  N('base64-image', [['logo', 'data', 'uri'], ['placeholder', 'image']],
    (r) => `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAA${randomBytesB64(r, 90)}`),
  N('build-chunk-hash', [['asset', 'manifest'], ['bundle']], (r) => `assets/index-${mixed(r, B64URL, 8)}.js`),
  N('csp-nonce-lockfile', [['resolved']], (r) => `https://registry.npmjs.org/@kestrel/ui/-/ui-${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)}.tgz#${hex(r, 40)}`),
  N('i18n-hash-key', [['message', 'id']], (r) => `msg_${hex(r, 12)}`),
  N('video-or-doc-id', [['youtube', 'id'], ['spreadsheet', 'id']],
    (r, n) => (n[0] === 'youtube' ? mixed(r, B64URL, 11) : `1${mixed(r, B64URL, 43)}`)),

  // Secret-sounding names, harmless values
  N('secret-name-config-value', [['password', 'min', 'length'], ['token', 'ttl', 'seconds'], ['api', 'key', 'header'], ['secret', 'rotation', 'days'], ['password', 'reset', 'path'], ['auth', 'token', 'url']],
    (_r, n) => ({ password_min_length: '12', token_ttl_seconds: '3600', api_key_header: 'X-Api-Key', secret_rotation_days: '90',
      password_reset_path: '/account/password/reset', auth_token_url: 'https://auth.kestrel.io/oauth/token' } as Record<string, string>)[n.join('_')]!),
  N('password-field-label', [['password', 'label'], ['password', 'placeholder'], ['token', 'hint']],
    (r) => r.pick(['Enter your password', 'Password (min. 12 characters)', 'Paste your carrier API token', 'Current password'])),
  N('env-name-as-value', [['secret', 'env'], ['api', 'key', 'env', 'var']],
    (r) => r.pick(['STRIPE_SECRET_KEY', 'DATADOG_API_KEY', 'RATES_API_TOKEN', 'SAMSARA_API_TOKEN'])),
  N('public-hex-color', [['brand', 'primary'], ['token', 'color']], (r) => `#${hex(r, 6)}`),
  N('version-string', [['api', 'version'], ['secret', 'version']], (r) => `${r.int(2019, 2026)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`),
];

