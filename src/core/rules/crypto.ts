import { createHmac } from 'node:crypto';
import { defineRules, type RuleSamples } from './types';

/** Key material and signed tokens that are not tied to one provider. */
/** A string claim of a JWT's payload, or undefined when the value does not decode (never throws). */
function jwtClaim(token: string, claim: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload || payload.length > 8192) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))?.[claim];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a token's header and payload both decode to JSON objects, as every JWT's do: a string of the shape with a
 * header that is not JSON (cut short, edited, made up) is not a token anything would accept.
 */
function isJwtShaped(token: string): boolean {
  const [header, payload] = token.split('.');
  if (!header || !payload || header.length > 8192 || payload.length > 65536) return false;
  const isObject = (segment: string): boolean => {
    try {
      const v: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    } catch {
      return false;
    }
  };
  return isObject(header) && isObject(payload);
}

/**
 * The secrets jwt.io's debugger fills in for HS256/384/512: a token they verify is its sample (the one copied into
 * countless READMEs and tests), which anyone can forge, so no credential leaks with it.
 */
const JWT_IO_SECRETS: Readonly<Record<string, [string, string]>> = { HS256: ['sha256', 'your-256-bit-secret'], HS384: ['sha384', 'your-384-bit-secret'], HS512: ['sha512', 'your-512-bit-secret'] };

/** Whether an HMAC-signed token's signature verifies with jwt.io's default secret for its algorithm. */
export function signedWithJwtIoSecret(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature || header.length > 8192 || payload.length > 65536) return false;
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown })?.alg;
  } catch {
    return false;
  }
  const known = typeof alg === 'string' ? JWT_IO_SECRETS[alg] : undefined;
  return known !== undefined && createHmac(known[0], known[1]).update(`${header}.${payload}`).digest('base64url') === signature;
}

export const cryptoRules = defineRules([
  {
    id: 'age-secret-key',
    provider: 'age',
    title: 'age encryption secret key',
    pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/,
    keywords: ['age-secret-key-1'],
    minEntropy: 3,
    severity: 'error',
    envName: 'AGE_SECRET_KEY',
    rotationUrl: 'https://github.com/FiloSottile/age#readme',
  },
  {
    id: 'jwt',
    provider: 'JWT',
    title: 'JSON Web Token',
    // A signed token is a bearer credential until it expires; often long-lived service tokens.
    pattern: /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}/,
    // Supabase's and similar anon keys are JWTs with `"role": "anon"`, made to ship in browsers (row-level security
    // guards the data): publishable, like Stripe's `pk_`.
    publishableWhen: (value) => jwtClaim(value, 'role') === 'anon',
    validWhen: (value) => isJwtShaped(value) && !signedWithJwtIoSecret(value),
    keywords: ['eyj'],
    minEntropy: 3,
    severity: 'warning',
    envName: 'AUTH_TOKEN',
    rotationUrl: 'https://datatracker.ietf.org/doc/html/rfc7519',
  },
  {
    id: 'private-key',
    provider: 'Private key',
    title: 'PEM private key',
    // Matches escaped newlines too (a key pasted into a JSON or TS string). Linear time: the body cannot contain
    // `-----`, so it ends where the next header or footer begins, and no second quantifier competes for its
    // whitespace (the separator is a lookahead). The old `(?:\\+[rn]|\s)+[…\s]{64,}?` took 943 s on a header
    // followed by 1 MiB of newlines.
    pattern: /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----(?=\s|\\+[rn])(?:[A-Za-z0-9+/=:,\s\\]|-(?!----)){64,}-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/,
    keywords: ['private key'],
    minEntropy: 3,
    severity: 'error',
    envName: 'PRIVATE_KEY',
    rotationUrl: 'https://www.openssl.org/docs/manmaster/man1/openssl-genpkey.html',
  },
  {
    id: 'laravel-app-key',
    provider: 'Laravel',
    title: 'Laravel application key',
    // APP_KEY encrypts sessions and cookies; with it, anyone can forge them (and, with some drivers, run code).
    // `base64:` and 32 random bytes is how `php artisan key:generate` writes it: a shape of its own, wherever it sits
    // (a CSV export, a fixture's `"key"`, a Markdown table, `app.key=` in another app's properties).
    pattern: /base64:[A-Za-z0-9+/]{43}=/,
    keywords: ['base64:'],
    minEntropy: 4,
    severity: 'error',
    envName: 'APP_KEY',
    rotationUrl: 'https://laravel.com/docs/encryption#gracefully-rotating-encryption-keys',
  },
  {
    id: 'basic-auth-credentials',
    provider: 'Generic',
    title: 'HTTP Basic credentials (base64 of user:password)',
    message: 'HTTP Basic credentials are hardcoded (base64 of a user name and password, readable by anyone): move them to an environment variable or the keychain, and change the password.',
    // What an `Authorization: Basic` header carries, kept as a setting of its own (`AUTH_HEADER`, `basicAuth`,
    // `auth.header`): base64 is no encryption. Names that end in `header` hold header names elsewhere, so the value
    // must decode to `user:password` with a password that is not a word or a placeholder.
    pattern: /[A-Za-z0-9+/]{16,256}={0,2}/,
    nameHint: /(?:auth(?:orization)?|basic|credentials?|login)[._-]?header$|^header$|basic[._-]?auth(?:[._-]?(?:header|value|token|string|credentials?))?$/i,
    validWhen: isBasicCredential,
    keywords: ['header', 'basic'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'BASIC_AUTH_HEADER',
    rotationUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
  },
]);

/** Words a documentation example puts where a password goes (`username:password`, `user:changeme`). */
const EXAMPLE_PASSWORD = /^(?:pass(?:word|wd)?\d*|secret|changeme|change_?me|example|test|demo|sample|xxx+|\*+|\.\.\.|<[^>]*>|\{[^}]*\})$/i;

/**
 * The user and password a base64 `user:password` (what HTTP Basic and a Docker config's `auth` carry) decodes to:
 * split at the first colon, with a user of at least one character. Each reader applies its own password policy.
 */
export function basicLogin(value: string): { user: string; password: string } | undefined {
  if (value.length > 8192) return undefined;
  const text = Buffer.from(value, 'base64').toString('latin1');
  const colon = text.indexOf(':');
  return colon < 1 ? undefined : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * Whether a value is base64 of `user:password` as HTTP Basic sends it: a user name of name characters (an email, a
 * service account) and a password of 8 or more printable characters with a digit or a symbol (or 12 letters of both
 * cases), not an example's word.
 */
export function isBasicCredential(value: string): boolean {
  if (value.length % 4 !== 0) return false;
  const login = basicLogin(value);
  if (!login || login.user.length > 64) return false;
  const { user, password } = login;
  const mixed = /[^A-Za-z]/.test(password) || (password.length >= 12 && /[a-z]/.test(password) && /[A-Z]/.test(password));
  return /^[\w.@+-]+$/.test(user) && /^[\x21-\x7e]{8,128}$/.test(password) && mixed && !EXAMPLE_PASSWORD.test(password);
}

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const cryptoSamples = (): Record<string, RuleSamples> => ({
  'age-secret-key': { positives: [(g) => 'AGE-SECRET-' + 'KEY-1' + g.chars('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)], negatives: ['AGE-SECRET-' + 'KEY-1' + 'XXXX'] },
  'jwt': {
    positives: [(g) => Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url') + '.' + Buffer.from(`{"sub":"${g.digits(8)}","iat":${g.digits(10)}}`).toString('base64url') + '.' + g.b64url(43)],
    negatives: [
      'eyJhbGciOi' + '.eyJ.' + 'abc',
      // The shape, but a header that is not JSON (cut before its closing brace): not a token anything accepts.
      Buffer.from('{"alg":"HS256","typ":"JWT"').toString('base64url') + '.' + Buffer.from('{"sub":"4821","iat":1700000000}').toString('base64url') + '.' + 'Q2x2Vn9Xq3Lm8Kp1Zr5Tb7Hd0Wy4Fs6Jc2Ne9Ua',
      // A Supabase-style anon key: publishable, so no diagnostic by default.
      Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url') + '.' + Buffer.from('{"iss":"supabase","ref":"abcdefghijklmnopqrst","role":"anon","iat":1700000000,"exp":2000000000}').toString('base64url') + '.' + 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg',
    ],
  },
  'private-key': {
    positives: [
      (g) => '-----BEGIN ' + 'RSA PRIVATE KEY-----\n' + Array.from({ length: 6 }, () => g.base64(64)).join('\n') + '\n-----END ' + 'RSA PRIVATE KEY-----',
      (g) => '-----BEGIN ' + 'PRIVATE KEY-----\\n' + g.base64(64) + '\\n' + g.base64(40) + '\\n-----END ' + 'PRIVATE KEY-----',
    ],
    negatives: ['-----BEGIN ' + 'PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END ' + 'PUBLIC KEY-----', '-----BEGIN ' + 'PRIVATE KEY-----\n...\n-----END ' + 'PRIVATE KEY-----'],
  },
  'laravel-app-key': { positives: [(g) => ({ name: 'APP_KEY', value: 'base64:' + g.base64(43) + '=' }), (g) => 'base64:' + g.base64(43) + '='], negatives: [{ name: 'APP_KEY', value: 'base64:' + 'A'.repeat(43) + '=' }, { name: 'APP_KEY', value: 'SomeRandomString' }] },
  'basic-auth-credentials': {
    positives: [(g) => ({ name: 'AUTH_HEADER', value: Buffer.from('svc-' + g.lowerAlnum(6) + ':' + g.alnum(20)).toString('base64') }), (g) => ({ name: 'basicAuth', value: Buffer.from('deploy@example.com:' + g.alnum(16) + '!').toString('base64') })],
    // A header's name, base64 of text that is no login, the documentation's `username:password`, random bytes.
    negatives: [
      { name: 'AUTH_HEADER', value: 'Authorization' },
      { name: 'AUTH_HEADER', value: Buffer.from('username:password').toString('base64') },
      { name: 'AUTH_HEADER', value: Buffer.from('The quick brown fox jumps').toString('base64') },
      { name: 'AUTH_HEADER', value: 'q7vK2mX9pL4wZ8tN3bH6sJ1cF5dG0aYeR2uI7oP4' },
    ],
  },
});
