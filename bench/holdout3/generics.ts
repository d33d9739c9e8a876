/** Generic secrets: no provider format, only what they are (passwords, signing keys, private keys, credentials in URLs). */
import { AN, B64, B64U, HEX, LAN, b64, jwt, mixed, pem, type Kind, type Rng } from './lib';

const WORDS = [
  'harbor', 'maple', 'falcon', 'copper', 'juniper', 'orbit', 'lantern', 'meadow', 'cobalt', 'willow', 'granite', 'saffron',
  'thistle', 'canyon', 'ember', 'glacier', 'hazel', 'marlin', 'pepper', 'quartz', 'raven', 'sierra', 'tundra', 'velvet',
];
const cap = (w: string) => w[0].toUpperCase() + w.slice(1);

/** How people pick passwords: two words, digits, a symbol (no quote, backslash, `$`, `#`, `&`, `%` or space). */
export function humanPassword(r: Rng): string {
  const a = cap(r.pick(WORDS));
  const b = r.chance(0.5) ? cap(r.pick(WORDS)) : r.pick(WORDS);
  const d = String(r.int(1, 9999));
  const s = r.pick(['!', '@', '*', '?', '.', '-', '_', '+']);
  return r.pick([`${a}${b}${d}${s}`, `${a}${s}${b}${d}`, `${a}${d}${s}${b}`]);
}
/** A generated password (password managers), in a charset safe in every file format we write. */
export function randomPassword(r: Rng, n = r.int(16, 28)): string {
  for (;;) {
    const s = r.str(AN + '!@*?.-_+=~^', n);
    if (/[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s) && /[^A-Za-z0-9]/.test(s)) return s;
  }
}
/** URL userinfo-safe password (no percent-encoding needed). */
const urlPassword = (r: Rng) => mixed(r, r.int(14, 24), AN + '-_.~');

const HOSTS = [
  'db-prod.c9akciq32.eu-west-1.rds.amazonaws.com', 'pg-main.tidewell.internal', 'analytics-warehouse.tidewell.net',
  'tidewell-prod.postgres.database.azure.com', '10.20.4.17', 'ledger-db.svc.cluster.local',
];

const G = (id: string, names: string[], gen: Kind['gen'], tags: string[] = [], count = 5): Kind => ({
  id, group: 'generic', names, tags: ['generic', ...tags], count, gen,
});
const pemParts = (p: string) => p.split('\n').filter((l) => !l.startsWith('-----') && l.length >= 16);

export const generics: Kind[] = [
  G('human-password', ['DB_PASSWORD', 'ADMIN_PASSWORD', 'SMTP_PASSWORD', 'REDIS_PASSWORD', 'POSTGRES_PASSWORD'], (r) => ({ value: humanPassword(r) }), ['password']),
  G('random-password', ['DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'RABBITMQ_DEFAULT_PASS', 'SNOWFLAKE_PASSWORD', 'LDAP_BIND_PASSWORD'], (r) => ({ value: randomPassword(r) }), ['password']),
  G('service-account-password', ['SERVICE_ACCOUNT_PASSWORD', 'SFTP_PASSWORD', 'KEYSTORE_PASSWORD'], (r) => ({ value: mixed(r, 20) }), ['password']),
  G('session-secret', ['SESSION_SECRET', 'EXPRESS_SESSION_SECRET'], (r) => ({ value: mixed(r, r.pick([32, 48, 64])) })),
  G('django-secret-key', ['SECRET_KEY', 'DJANGO_SECRET_KEY'], (r) => ({ value: r.str('abcdefghijklmnopqrstuvwxyz0123456789!@^*(-_=+)', 50) })),
  G('flask-secret-key', ['FLASK_SECRET_KEY', 'APP_SECRET_KEY'], (r) => ({ value: r.str(HEX, 48) })),
  G('jwt-secret', ['JWT_SECRET', 'JWT_SIGNING_KEY', 'ACCESS_TOKEN_SECRET'], (r) => ({ value: r.chance(0.5) ? r.str(HEX, 64) : Buffer.from(r.str(AN, 48)).toString('base64') })),
  G('cookie-secret', ['COOKIE_SECRET', 'NEXTAUTH_SECRET', 'AUTH_SECRET'], (r) => ({ value: b64(Buffer.from(r.str(AN + '!#%', 32))) })),
  G('webhook-secret', ['WEBHOOK_SIGNING_SECRET', 'GITHUB_WEBHOOK_SECRET', 'PARTNER_WEBHOOK_SECRET'], (r) => ({ value: r.str(HEX, 40) })),
  G('hmac-key-base64', ['HMAC_KEY', 'SIGNING_KEY'], (r) => ({ value: b64(Buffer.from(Array.from({ length: 32 }, () => r.int(0, 255)))) })),
  G('aes-key-hex', ['ENCRYPTION_KEY', 'AES_KEY', 'DATA_ENCRYPTION_KEY'], (r) => ({ value: r.str(HEX, 64) })),
  G('aes-key-base64', ['ENCRYPTION_KEY', 'MASTER_KEY', 'FIELD_ENCRYPTION_KEY'], (r) => ({ value: b64(Buffer.from(Array.from({ length: 32 }, () => r.int(0, 255)))) })),
  G('fernet-key', ['FERNET_KEY', 'AIRFLOW__CORE__FERNET_KEY'], (r) => ({ value: Buffer.from(Array.from({ length: 32 }, () => r.int(0, 255))).toString('base64url') + '=' })),
  G('internal-api-key', ['INTERNAL_API_KEY', 'SERVICE_API_KEY', 'ADMIN_API_KEY'], (r) => ({ value: mixed(r, 32) })),
  G('bearer-token', ['API_TOKEN', 'SERVICE_TOKEN', 'AUTH_TOKEN'], (r) => ({ value: r.str(B64U, 48) })),
  G('oauth-client-secret', ['OAUTH_CLIENT_SECRET', 'CLIENT_SECRET', 'SSO_CLIENT_SECRET'], (r) => ({ value: r.str(B64U, 40) })),
  G('signed-service-jwt', ['SERVICE_JWT', 'INTERNAL_AUTH_TOKEN', 'API_BEARER_TOKEN'], (r) => ({
    value: jwt(r, { sub: 'svc-' + r.str(LAN, 6), scope: 'admin:all', iss: 'auth.tidewell.io', iat: 1712000000 + r.int(0, 9e6), exp: 2039000000 }),
  })),
  G('rsa-private-key', ['PRIVATE_KEY', 'JWT_PRIVATE_KEY', 'SAML_SP_PRIVATE_KEY'], (r) => {
    const v = pem(r, 'RSA PRIVATE KEY', 'MIIEowIBAAKCAQEA', 1588);
    return { value: v, secretParts: pemParts(v) };
  }, ['pem']),
  G('pkcs8-private-key', ['PRIVATE_KEY', 'APPLE_PUSH_KEY', 'SIGNING_PRIVATE_KEY'], (r) => {
    const v = pem(r, 'PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ', 1624);
    return { value: v, secretParts: pemParts(v) };
  }, ['pem']),
  G('ec-private-key', ['EC_PRIVATE_KEY', 'APNS_AUTH_KEY', 'WALLET_SIGNING_KEY'], (r) => {
    const v = pem(r, 'EC PRIVATE KEY', 'MHcCAQEEI', 164);
    return { value: v, secretParts: pemParts(v) };
  }, ['pem']),
  G('openssh-private-key', ['DEPLOY_KEY', 'SSH_PRIVATE_KEY'], (r) => {
    const v = pem(r, 'OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 400);
    return { value: v, secretParts: pemParts(v) };
  }, ['pem']),
  G('pem-in-base64', ['PRIVATE_KEY_BASE64', 'GITHUB_APP_PRIVATE_KEY_B64', 'SIGNING_KEY_B64'], (r) => {
    const v = b64(pem(r, 'RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA', 1588) + '\n');
    return { value: v };
  }),
  G('pem-in-json', ['GOOGLE_SERVICE_ACCOUNT_JSON', 'GCP_SA_KEY', 'FIREBASE_ADMIN_CREDENTIALS'], (r) => {
    const key = pem(r, 'PRIVATE KEY', 'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQ', 1624) + '\n';
    const sa = {
      type: 'service_account', project_id: 'tidewell-prod', private_key_id: r.str(HEX, 40), private_key: key,
      client_email: `etl-runner@tidewell-prod.iam.gserviceaccount.com`, client_id: String(r.int(1e17, 9e17)),
    };
    const v = JSON.stringify(sa);
    return { value: v, secretParts: pemParts(key), needles: [sa.private_key_id] };
  }, ['json-blob'], 4),
  G('postgres-url', ['DATABASE_URL', 'POSTGRES_URL', 'SQLALCHEMY_DATABASE_URI'], (r) => {
    const pw = urlPassword(r);
    const scheme = r.pick(['postgres', 'postgresql', 'postgresql+psycopg2']);
    return { value: `${scheme}://${r.pick(['app', 'tidewell', 'etl_writer', 'admin'])}:${pw}@${r.pick(HOSTS)}:5432/${r.pick(['tidewell', 'billing', 'warehouse'])}`, secretParts: [pw] };
  }, ['url']),
  G('mongodb-url', ['MONGODB_URI', 'MONGO_URL'], (r) => {
    const pw = urlPassword(r);
    return { value: `mongodb+srv://tidewell-api:${pw}@cluster0.${r.str(LAN, 5)}.mongodb.net/tidewell?retryWrites=true&w=majority`, secretParts: [pw] };
  }, ['url']),
  G('mysql-url', ['MYSQL_URL', 'LEGACY_DB_URL'], (r) => {
    const pw = urlPassword(r);
    return { value: `mysql://reporting:${pw}@legacy-mysql.tidewell.internal:3306/bookings`, secretParts: [pw] };
  }, ['url']),
  G('redis-url', ['REDIS_URL', 'CELERY_BROKER_URL', 'CACHE_URL'], (r) => {
    const pw = urlPassword(r);
    return { value: `redis${r.pick(['', 's'])}://${r.pick(['', 'default'])}:${pw}@redis-${r.int(10000, 19999)}.c${r.int(1, 300)}.us-east-1-2.ec2.cloud.redislabs.com:${r.int(10000, 19999)}/0`, secretParts: [pw] };
  }, ['url']),
  G('amqp-url', ['AMQP_URL', 'RABBITMQ_URL'], (r) => {
    const pw = urlPassword(r);
    return { value: `amqps://tidewell:${pw}@rabbit-prod.tidewell.internal:5671/bookings`, secretParts: [pw] };
  }, ['url']),
  G('jdbc-url', ['SNOWFLAKE_JDBC_URL', 'WAREHOUSE_JDBC_URL'], (r) => {
    const pw = urlPassword(r);
    return { value: `jdbc:postgresql://warehouse.tidewell.internal:5432/analytics?user=loader&password=${pw}&ssl=true`, secretParts: [pw] };
  }, ['url']),
  G('basic-auth-url', ['NEXUS_URL', 'REGISTRY_URL', 'ELASTICSEARCH_URL', 'WEBHOOK_URL'], (r) => {
    const pw = urlPassword(r);
    const host = r.pick(['nexus.tidewell.internal/repository/npm-private/', 'search-prod.es.eu-west-1.aws.found.io:9243', 'hooks.partner-portal.io/tidewell/ingest', 'registry.tidewell.dev']);
    return { value: `https://${r.pick(['deploy', 'elastic', 'ci-bot', 'tidewell'])}:${pw}@${host}`, secretParts: [pw] };
  }, ['url']),
  G('base64-password', ['DB_PASSWORD', 'ADMIN_PASSWORD'], (r) => {
    const pw = randomPassword(r, 20);
    const v = b64(pw);
    return { value: v, secretParts: [v, pw] };
  }, ['b64pw'], 3),
  G('smtp-credentials', ['SMTP_PASS', 'EMAIL_HOST_PASSWORD', 'MAIL_PASSWORD'], (r) => ({ value: mixed(r, 16, LAN + 'ABCDEFGHJKLMNPQRSTUVWXYZ') }), ['password']),
  // 43 characters and one `=`: a valid base64 length (the 44th draw is kept so every later value stays the same).
  G('api-key-b64', ['PARTNER_API_KEY', 'VENDOR_API_SECRET'], (r) => ({ value: r.str(B64, 44).slice(0, 43) + '=' })),
];
