/**
 * The values the labeled corpus is made of: provider keys built from each rule's own sample generators,
 * generic machine-made secrets, and the negatives a real repository is full of. All seeded.
 */
import { rules } from '../../src/core/rules/index';
import { ruleSamples } from '../../src/core/rules/samples';
import type { SampleGen } from '../../src/core/rules/types';

export type Rng = { next(): number; int(lo: number, hi: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean };

export function rng(g: SampleGen): Rng {
  // SampleGen has no raw float; derive one from a 6-digit draw, deterministic for the same seed.
  const next = () => Number(g.digits(6)) / 1e6;
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
  };
}

/** A value to place, with the name it is bound to and what it is. */
export interface Value {
  value: string;
  /** Base name in words, e.g. "stripe secret key"; styled per language. Undefined = use `rawName` as is. */
  name: string;
  /** The name exactly as given by a rule sample (name-bound rules need it verbatim). */
  rawName?: string;
  kind: 'provider' | 'generic' | 'generic-short' | 'negative';
  /** Rule id for provider values, value family for generic ones, category for negatives. */
  category: string;
  /** False: the value must not be re-styled or put in contexts that need a plain name. */
  selfIdentifying?: boolean;
}

const words = (envName: string) => envName.toLowerCase().split('_').join(' ');

/** Provider keys: each non-publishable rule's positives, drawn `perRule` times. Publishable ones come back separately as negatives. */
export function providerValues(g: SampleGen, r: Rng, perRule: number): { positives: Value[]; publishable: Value[] } {
  const positives: Value[] = [];
  const publishable: Value[] = [];
  for (const rule of rules) {
    if (rule.heuristic) continue;
    const makers = ruleSamples[rule.id]!.positives;
    for (let i = 0; i < perRule; i++) {
      const s = makers[i % makers.length]!(g);
      const sample = typeof s === 'string' ? { value: s } : s;
      // A pattern rule finds the key with no name only when the value carries one of its keywords (`ghp_…`); one gated on
      // a word the file must hold (`asana` for an Asana token's digits and hex) needs its name there, as a name-bound one does.
      const selfIdentifying = !rule.nameHint && rule.keywords.some((k) => sample.value.toLowerCase().includes(k));
      const neutral = selfIdentifying && r.chance(0.3);
      const v: Value = {
        value: sample.value,
        name: neutral ? r.pick(['primary', 'value', 'legacy', 'prod', 'fallback', 'default', 'current']) : words(rule.envName),
        rawName: sample.name,
        kind: rule.publishable ? 'negative' : 'provider',
        category: rule.publishable ? `publishable:${rule.id}` : rule.id,
        selfIdentifying,
      };
      (rule.publishable ? publishable : positives).push(v);
    }
  }
  return { positives, publishable };
}

const SYMBOLS = '!@%^&*-_=+.,:;?~';
const GENERIC_NAMES = [
  'api key', 'api key', 'secret', 'client secret', 'client secret', 'password', 'db password', 'database password', 'auth token',
  'access token', 'token', 'signing key', 'webhook secret', 'secret key', 'jwt secret', 'app secret', 'session secret', 'cookie secret',
  'private key', 'passphrase', 'credentials', 'bearer token', 'refresh token', 'smtp password', 'redis password', 'admin password',
  // Realistic names our hint may not know; kept so recall is measured on what people write, not on our vocabulary.
  'encryption key', 'master key', 'db pass', 'hmac key',
];

/** Machine-made secrets bound to secret-like names (16+ characters), in the alphabets services and generators use. */
export function genericValue(g: SampleGen, r: Rng): Value {
  const family = r.pick(['alnum', 'alnum', 'hex', 'base64', 'b64url', 'password', 'django', 'prefixed'] as const);
  let value: string;
  switch (family) {
    case 'alnum': value = g.alnum(r.int(20, 48)); break;
    case 'hex': value = g.hex(r.pick([32, 40, 48, 64])); break;
    case 'base64': value = g.base64(r.pick([40, 43])) + '='; break;
    case 'b64url': value = g.b64url(r.int(32, 64)); break;
    case 'password': value = g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789' + SYMBOLS, r.int(16, 28)); break;
    case 'django': value = 'django-insecure-' + g.chars('abcdefghijklmnopqrstuvwxyz0123456789!@%^&*(-_=+)', 50); break;
    case 'prefixed': value = r.pick(['acme_live_', 'tok_', 'key_', 'svc-', 'int_']) + g.alnum(r.int(24, 40)); break;
  }
  return { value, name: r.pick(GENERIC_NAMES), kind: 'generic', category: `generic:${family}` };
}

/** Short random passwords (12-15 characters): reported on their own row, below the generic rule's 16-character floor. */
export function shortPassword(g: SampleGen, r: Rng): Value {
  const value = g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789' + SYMBOLS, r.int(12, 15));
  return { value, name: r.pick(['password', 'db password', 'admin password', 'smtp password']), kind: 'generic-short', category: 'generic:short-password' };
}

const PLACEHOLDERS = [
  'YOUR_API_KEY', 'your-api-key-here', '<your-token>', '<API_KEY>', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'changeme', 'change-me-in-production',
  'REPLACE_ME', 'replace-with-your-secret', '********', '••••••••••••', 'insert-your-key-here', 'dummy-token', 'TODO', '<redacted>',
  'sk_' + 'live_' + 'x'.repeat(24), 'ghp_' + 'X'.repeat(36), 'AKIA' + 'XXXXXXXXXXXXXXXX', 'your_secret_here', 'put-your-client-secret-here',
  'not-a-real-token', 'example-password', '00000000000000000000000000000000',
];
const ENV_REFS = ['${API_KEY}', '${{ secrets.API_TOKEN }}', '{{ .Values.auth.token }}', '$DB_PASSWORD', '%API_SECRET%', '${env:CLIENT_SECRET}', '{{ vault "secret/data/app" }}'];

const hexOf = (g: SampleGen, n: number) => g.hex(n);

/** A negative: a value some scanner could take for a secret, which is not one. Names are chosen as real code names them. */
export function negativeValue(g: SampleGen, r: Rng): Value {
  const category = r.pick([
    'placeholder', 'placeholder', 'env-reference', 'uuid', 'hash', 'hash', 'integrity', 'data-uri', 'random-id', 'random-id', 'random-id',
    'public-key', 'oauth-client-id', 'secret-name-not-value', 'secret-name-not-value', 'secret-name-not-value', 'url', 'certificate',
  ] as const);
  const v = (value: string, name: string): Value => ({ value, name, kind: 'negative', category });
  switch (category) {
    case 'placeholder':
      return v(r.pick(PLACEHOLDERS), r.pick(GENERIC_NAMES));
    case 'env-reference':
      return v(r.pick(ENV_REFS), r.pick(GENERIC_NAMES));
    case 'uuid':
      return v(g.uuid(), r.pick(['request id', 'tenant id', 'idempotency key', 'cache key', 'partition key', 'trace id', 'client id', 'api key id', 'correlation id']));
    case 'hash':
      return r.pick([
        () => v(hexOf(g, 40), r.pick(['commit sha', 'sha', 'revision', 'git commit', 'base ref sha'])),
        () => v(hexOf(g, 64), r.pick(['checksum', 'sha256', 'digest', 'file hash', 'token hash', 'content hash', 'expected digest'])),
        () => v(hexOf(g, 32), r.pick(['md5', 'etag', 'cache buster', 'build hash'])),
        () => v('$2b$12$' + g.chars('./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 53), r.pick(['password hash', 'hashed password'])),
      ])();
    case 'integrity':
      return v(r.pick(['sha512-', 'sha384-', 'sha256-']) + g.base64(86) + '==', 'integrity');
    case 'data-uri':
      return v('data:image/png;base64,iVBORw0KGgo' + g.base64(r.int(120, 400)) + '=', r.pick(['logo', 'icon', 'key icon', 'token badge', 'avatar placeholder']));
    case 'random-id':
      return r.pick([
        () => v(g.b64url(21), r.pick(['id', 'node id', 'element id', 'row key'])),
        () => v('req_' + g.alnum(14), 'request id'),
        () => v('cus_' + g.alnum(14), 'customer id'),
        () => v('main.' + g.hex(8) + '.js', 'bundle'),
        () => v(g.alnum(24), r.pick(['build id', 'deployment id', 'trace parent', 'cursor', 'session id'])),
        () => v('eyJvZmZzZXQiOj' + g.b64url(20), r.pick(['cursor', 'next cursor'])),
        () => v(g.lowerAlnum(20), r.pick(['css class', 'module hash', 'chunk name'])),
      ])();
    case 'public-key':
      return r.pick([
        () => v('B' + g.b64url(86), r.pick(['vapid public key', 'public key', 'application server key'])),
        () => v('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + g.base64(43) + ' deploy@ci', r.pick(['ssh public key', 'authorized key'])),
        () => v('6L' + g.b64url(38), r.pick(['recaptcha site key', 'site key'])),
      ])();
    case 'oauth-client-id':
      return r.pick([
        () => v(g.digits(12) + '-' + g.lowerAlnum(32) + '.apps.googleusercontent.com', r.pick(['google client id', 'client id', 'oauth client id'])),
        () => v('1:' + g.digits(12) + ':web:' + g.hex(22), 'firebase app id'),
        () => v('https://' + g.hex(32) + '@o' + g.digits(6) + '.ingest.sentry.io/' + g.digits(7), r.pick(['sentry dsn', 'dsn'])),
      ])();
    case 'secret-name-not-value':
      return r.pick([
        () => v('https://oauth2.googleapis.com/token', r.pick(['token url', 'token endpoint'])),
        () => v('prod/app/database-password', r.pick(['secret name', 'secret id', 'password secret name'])),
        () => v('arn:aws:secretsmanager:us-east-1:' + g.digits(12) + ':secret:prod/db-' + g.alnum(6), r.pick(['secret arn', 'db secret arn'])),
        () => v('Authorization', r.pick(['auth header', 'token header name'])),
        () => v('X-Api-Key', r.pick(['api key header', 'api key header name'])),
        () => v('At least 12 characters, one number and one symbol', r.pick(['password hint', 'password help text'])),
        () => v('Invalid API key: check your configuration and try again', r.pick(['api key error', 'token error message'])),
        () => v('com.example.app.credentials', r.pick(['keychain service', 'credential store name'])),
        () => v('refresh_token', r.pick(['grant type', 'token type hint'])),
        () => v('access_token refresh_token id_token', r.pick(['token types', 'response types'])),
        () => v('secrets/api-token.txt', r.pick(['token file', 'secret path', 'api key file'])),
      ])();
    case 'url':
      return v('https://api.example-service.com/v2/accounts/' + g.alnum(12) + '/keys', r.pick(['keys endpoint', 'api base', 'token endpoint']));
    case 'certificate':
      return v('-----BEGIN CERTIFICATE-----\n' + Array.from({ length: 5 }, () => g.base64(64)).join('\n') + '\n-----END CERTIFICATE-----', r.pick(['ca cert', 'certificate', 'tls cert']));
  }
}

/** Obvious test-fixture values, placed only in test paths. */
export function fixtureValue(_g: SampleGen, r: Rng): Value {
  const value = r.pick([
    'test-api-key', 'fake_secret_for_tests', 'mock-token-123', 'test_password_1', 'super-secret-test-value', 'sk_test_fake_key_for_unit_tests',
    'secret', 'password123', 'testtoken', 'dummy-client-secret', 'integration-test-token', 'not-a-real-password',
  ]);
  return { value, name: r.pick(GENERIC_NAMES.slice(0, 20)), kind: 'negative', category: 'test-fixture' };
}
