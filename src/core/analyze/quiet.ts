/**
 * Heuristics that keep the analyzer quiet on values that only look like keys.
 * Each line names the false positive it is for; tests in test/unit/analyze/quiet.test.ts pin them.
 */
import { signedWithJwtIoSecret } from '../rules/crypto';

/** Template and environment references, documentation placeholders, masked values. */
const PLACEHOLDER = new RegExp(
  [
    String.raw`\$\{`, // ${VAR}, template literals
    String.raw`\{[A-Za-z_][\w.]*\}`, // {NAME}: Python f-strings and str.format
    String.raw`\{\{`, // Helm / Mustache / GitHub Actions expressions
    String.raw`\$\(\$?[A-Za-z_]`, // shell command substitution, PowerShell's `$($cred.Password)` (not any `$(` a random password holds)
    String.raw`%\([A-Za-z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]`, // Python %-format, `%(name)s`
    String.raw`^\$[A-Za-z_]`, // $VAR
    String.raw`^%[A-Za-z_]+%$`, // %VAR%
    String.raw`<[^<>]{1,64}>`, // <your-key>
    String.raw`process\.env|os\.environ|import\.meta\.env`,
    // An App Service or Functions setting read from Key Vault at run time: `@Microsoft.KeyVault(SecretUri=…)`.
    String.raw`^@Microsoft\.KeyVault\(`,
    String.raw`example|placeholder|your[-_ ]?(?:api|key|token|secret|own|pass)|changeme|change[-_]me|replace[-_]?(?:me|with|this)|dummy|sample|redacted|insert[-_ ]|todo|fixme|not[-_ ]?(?:a[-_ ]?)?re[a@4]l|fake[-_]?(?:key|token|secret)`,
    String.raw`x{5,}|X{5,}|\*{4,}|\.{3,}|•{3,}|0{8,}`,
    // The example UUID of Wikipedia's UUID article, copied into OpenAPI and SDK documentation as "your id/token here".
    String.raw`^123e4567-e89b-12d3-a456-426614174000$`,
  ].join('|'),
  'i',
);

/** Whole values that are defaults or words, never keys: `postgres://user:password@localhost`, `user:mypassword@…`, `a secret`. */
const DEFAULT_WORD = /^(?:(?:an?|the)[-_ ])?(?:my[-_]?)?(?:pass(?:word|wd)?|secret|changeit|admin|root|test|guest|user|postgres|mysql|redis|null|none|undefined|true|false)$/i;

/** A run of one character: `AAAAAAAA`, `--------`. */
const RUN = /(.)\1{7,}/;
const RUNS = /(.)\1{7,}/g;

/**
 * A run of one character marks a placeholder (`sk_live_AAAA…`), unless the value is long and holds a random stretch
 * besides: tokens with a binary structure carry such runs (a Fly.io macaroon's header `lJPECAAAAAAAA`, base64 of
 * zero bytes) and are keys all the same.
 */
function hasPlaceholderRun(value: string): boolean {
  if (!RUN.test(value)) return false;
  return value.length < 64 || !/[A-Za-z0-9+/_-]{40}/.test(value.replace(RUNS, ' '));
}

export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER.test(value) || hasPlaceholderRun(value) || DEFAULT_WORD.test(value) || isCounting(value)) return true;
  // A URL's password is percent-encoded (`a%20secret`, `not-re%40l` in a URL library's docstrings): read it decoded too.
  const decoded = PERCENT_ESCAPE.test(value) ? percentDecoded(value) : undefined;
  return decoded !== undefined && (PLACEHOLDER.test(decoded) || DEFAULT_WORD.test(decoded));
}

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

/** `%XX` escapes decoded; a value that is not valid percent-encoded UTF-8 is left as it is. */
function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Values typed by counting, not drawn: eight digits in a row that count up or down (`dapi1234567890ABCDEF…`,
 * `87654321-4321-…`, anywhere in a value of any length), or a whole value that counts (`a1b2c3d4e5f6a7b8c9d0…`,
 * `A1B2C3D4E5F6A1B2…`, `0123456789abcdef…`). For the latter, read as two sequences, its letters and its digits, nearly
 * every step is to the next one (`f`→`a` and `z`→`a`, `9`→`0` wrap); in a random key about one step in six is (hex
 * letters), so 85 % of at least 12 steps never happens by chance.
 */
export function isCounting(whole: string): boolean {
  // A provider's prefix (`shpss_`, `sk_test_`) is not part of the whole count: read what follows the last separator.
  const tail = Math.max(whole.lastIndexOf('_'), whole.lastIndexOf('-'), whole.lastIndexOf('.')) + 1;
  const from = whole.length - tail >= 16 ? tail : 0;
  let steps = 0;
  let next = 0;
  let letter = -1;
  let digit = -1;
  let run = 0;
  let runStep = 0;
  for (let i = 0; i < whole.length; i++) {
    const code = whole.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      // A run of adjacent digits, each one more (or each one less) than the one before it.
      const step = run > 0 ? code - whole.charCodeAt(i - 1) : 0;
      if ((step === 1 || step === -1) && (run === 1 || step === runStep)) run++;
      else run = step === 1 || step === -1 ? 2 : 1;
      runStep = step;
      if (run >= 8) return true;
    } else run = 0;
    if (i < from) continue;
    const c = code | 0x20;
    if (c >= 0x61 && c <= 0x7a) {
      if (letter >= 0) {
        steps++;
        if (c === letter + 1 || (c === 0x61 && (letter === 0x66 || letter === 0x7a))) next++;
      }
      letter = c;
    } else if (code >= 0x30 && code <= 0x39) {
      if (digit >= 0) {
        steps++;
        if (code === digit + 1 || (code === 0x30 && digit === 0x39)) next++;
      }
      digit = code;
    }
  }
  return whole.length >= 16 && steps >= 12 && next >= 0.85 * steps;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGRITY = /^(?:sha(?:1|256|384|512)|md5)[-:]/i;
const URLISH = /^[a-z][a-z0-9+.-]{1,15}:\/\//i;
/**
 * A host name (`shop-7f3kq9z2.firebaseapp.com` under `authDomain`, `dev-….us.auth0.com` under `AUTH0_DOMAIN`): an
 * address, whatever its labels. Lower case, as configs write host names, and a top-level label of letters, which no
 * key's last segment is (a JWT's signature, a Vault token's body are mixed case).
 */
const HOST_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12}$/;
const DATA_URI = /^data:/i;
/**
 * Base64 of a PEM block (`-----BEGIN `): a certificate or a public key (kubeconfig's `certificate-authority-data`) is no
 * secret, and a private key is the private-key rule's, which reads it decoded (decoded.ts).
 */
const ENCODED_PEM = /^LS0tLS1CRUdJTi/;
/** A SOPS-encrypted value (`ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`): encrypted to be committed, not a secret in clear. */
const SOPS_ENCRYPTED = /^ENC\[[A-Z0-9_]{3,24},data:/;
/** An Ethereum address (0x + 40 hex) is public, unlike a private key (0x + 64 hex). */
const ETHEREUM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/**
 * A Stripe PaymentIntent or SetupIntent client secret (`pi_…_secret_…`): made to be sent to the browser, where
 * Stripe.js confirms the payment with it; it cannot call the API. The account's keys are `sk_`/`rk_`.
 */
const STRIPE_CLIENT_SECRET = /^(?:pi|seti)_[A-Za-z0-9]{14,40}_secret_[A-Za-z0-9]{10,40}$/;

/**
 * An AWS resource name (`arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-key-AbCdEf`): where a secret is
 * kept, read by the code at run time, under the secret's own name; the name of a resource is no secret.
 */
const AWS_ARN = /^arn:aws(?:-[a-z]{2,10}){0,2}:[a-z0-9-]{2,32}:[a-z0-9-]{0,32}:\d{0,12}:/;

/**
 * SDK keys their providers publish as public, by their documented prefixes: RevenueCat's app-specific keys (`appl_`,
 * `goog_`, `amzn_`, `strp_`, `rcb_`; its secret keys are `sk_`) and Statsig's client keys (`client-`; its server keys
 * are `secret-`), which the apps ship to every device. Under a name such as `REVENUECAT_API_KEY` they are not secrets.
 */
const PUBLIC_SDK_KEY = /^(?:(?:appl|goog|amzn|strp|rcb)_[A-Za-z0-9]{20,40}|client-[A-Za-z0-9]{32,64})$/;
/**
 * A Salesforce connected app's consumer key (`3MVG9…`): its OAuth client id, sent in every authorization URL, like a
 * Google OAuth client id; the consumer secret beside it is the secret.
 */
const SALESFORCE_CONSUMER_KEY = /^3MVG9[A-Za-z0-9._]{60,120}$/;
/** A dotted module or class path (`django.contrib.auth.hashers.Argon2PasswordHasher`), e.g. under PASSWORD_HASHERS. */
const MODULE_PATH = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*){2,}\.[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Password hashes, not secrets: Modular Crypt Format (bcrypt, argon2, scrypt, sha-crypt, PBKDF2, Apache's apr1, MD5-crypt,
 * yescrypt, MySQL's caching_sha2 `$A$005$`), and the stored forms of databases and web servers: PostgreSQL's
 * `md5` + 32 hex and `SCRAM-SHA-256$…` verifiers, MySQL's `*` + 40 hex, LDAP/htpasswd `{SHA}`/`{SSHA}`…, Django's
 * `pbkdf2_sha256$`, Werkzeug's `pbkdf2:sha256:`, Oracle's `S:` + 60 hex.
 */
const PASSWORD_HASH =
  /^(?:\$(?:2[abxy]?\$\d\d\$|argon2(?:id|i|d)\$|scrypt\$|[156]\$(?:rounds=\d+\$)?|pbkdf2(?:-sha\d+)?\$|apr1\$|y\$|7\$|A\$\d{3}\$)|md5[0-9a-f]{32}$|SCRAM-SHA-(?:1|256)\$\d{1,7}:|\*[0-9A-F]{40}$|\{(?:S?SHA(?:256|384|512)?|S?MD5|CRYPT|PBKDF2[\w-]{0,16}|ARGON2)\}|pbkdf2_sha\d+\$|pbkdf2:sha\d+:|S:[0-9A-F]{60})/i;

/**
 * Names that contain a secret-sounding word but hold something else:
 * `tokenUrl`, `apiKeyName`, `secretArn`, `passwordPolicy`, `tokenizer`, `author`, `sha`, `integrity`, `authSignature` (a
 * signature is what a hash made, not what keys it).
 */
const NOT_SECRET_NAME =
  /(?:url|uri|path|file|files|dir|name|names|type|types|id|ids|arn|endpoint|header|field|length|count|size|prefix|suffix|format|label|placeholder|pattern|regex|mode|version|ttl|timeout|expiry|expires|alg|algorithm|usage|scope|scopes|issuer|audience|provider|kind|hint|message|title|description|text|env|var|column|table|event|route|method|store|param|query|schema|class|icon|color|style|template|policy|location|ref|hash|sha|digest|checksum|etag|integrity|commit|fingerprint|signature|nonce|salt|selector|hostname|host|port|region|display|error|status|state|button|input|link|key_?field|length)$/i;
// An anti-forgery token (Rails' `authenticity_token`, Django's `csrfmiddlewaretoken`, `csrf_token`, `_csrf`) is rendered into
// every page a session gets, not a credential to rotate; the secret that signs them (`csrf_secret`) still is one.
const NOT_SECRET_WORD = /tokeni[sz]|^author(?:s|ity)?$|^max_?tokens?$|tokens?_?(?:count|limit|usage|used)|(?:^|_)(?:csrf|xsrf)_?(?:middleware_?)?token|^authenticity_token$|^_?(?:csrf|xsrf)$/i;

/** camelCase read as snake_case (`dbPass` → `db_Pass`), as name hints are written. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

/**
 * A name that says its value is public: `NEXT_PUBLIC_…`, `VITE_PUBLIC_…`, `publicApiKey` (frameworks inline such
 * variables into the browser bundle; a public key is meant to be shared). A provider's secret under one is still
 * reported by its rule.
 */
const PUBLIC_NAME = /(?:^|_)(?:public|PUBLIC|Public)(?:_|$)|[a-z0-9]Public(?![a-z])|^public(?=[A-Z0-9_]|$)/;

/** `snake`: the name's snakeCase, when the caller has it already. */
export function isSecretName(name: string, hint: RegExp, snake?: string): boolean {
  // camelCase to snake_case too, so a hint can say `(?:^|_)pass$` and still read `dbPass` but not `bypass`.
  if (!name || !(hint.test(name) || hint.test(snake ?? snakeCase(name)))) return false;
  const normalized = name.replace(/[^A-Za-z0-9_]/g, '_');
  return !NOT_SECRET_NAME.test(normalized) && !NOT_SECRET_WORD.test(normalized) && !PUBLIC_NAME.test(normalized);
}

/** Common abbreviations without a vowel, which read as words inside identifiers (`XMLHttpRequest`, `parseJson`). */
const ABBREVIATIONS = new Set(['http', 'https', 'html', 'xml', 'json', 'sql', 'css', 'url', 'rpc', 'grpc', 'dns', 'tcp', 'udp', 'ssl', 'tls', 'ssh', 'dom', 'svg', 'png', 'pdf', 'csv', 'msg', 'src', 'dst', 'ctx', 'cfg', 'cmd', 'req', 'res']);

/**
 * Letter pairs of English identifiers: each group is a first letter and the letters that follow it in at least three
 * distinct words of TypeScript's own lib declarations (DOM and ECMAScript names, 397 of the 676 pairs, 99.6 % of the
 * pairs those words hold). A part of a random string has a pair outside it far more often than a word does (82 % of
 * random 3–8 letter parts against 3 % of the words).
 */
const WORD_PAIRS = new Set(
  'aabcdfgijklmnprstuvwxy babcdegijklmoprstuy cacdehiklmopqrstuy dabcdefgijlmnoprstuvwy eabcdefghijklmnopqrstuvwxyz faefilnorstuy gabcdefghilmnorstuy haceilmnoprstuy iabcdefgklmnopqrstvxz jaeiou kabcdefgilnpstuw labcdefgilopstuvy mabefilmnopstu nabcdefghiklmnopqrstuvwy oabcdefgiklmnoprstuvwxy pabdeghiloprstuy qu rabcdefgiklmnoprstuvwy sacdefhiklmnopqrstuvwy tabcdefhilmnoprstuwy uabcdefgilmnoprstx vabehimow waehilnors xaceimopt ybcefilmnopstw zaeio'
    .split(' ')
    .flatMap((group) => [...group.slice(1)].map((next) => group[0]! + next)),
);

/** Two-letter words that stand as their own part of an identifier (`InterpolationInJSX`, `ValueOf`, `UserId`). */
const SHORT_WORDS = new Set(['a', 'i', 'an', 'as', 'at', 'be', 'by', 'do', 'go', 'id', 'if', 'in', 'io', 'is', 'it', 'me', 'my', 'no', 'of', 'ok', 'on', 'or', 'to', 'ui', 'up', 'us', 'we']);

/**
 * A part that reads as a word: a vowel, and every letter pair one that words have (`Request`, `Stencil`, not `Xqz`);
 * a long word may hold one rarer pair (`Interpolation`'s `rp`).
 */
function isWordLike(letters: string): boolean {
  const lower = letters.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  if (!/[aeiouy]/.test(lower)) return false;
  // A long run of lower-case words (`correcthorsebattery`) may hold a rarer pair at each joint.
  let rare = lower.length >= 15 ? Math.floor(lower.length / 7) : lower.length >= 7 ? 1 : 0;
  for (let i = 0; i + 1 < lower.length; i++) if (!WORD_PAIRS.has(lower.slice(i, i + 2)) && --rare < 0) return false;
  return true;
}

/**
 * camelCase, kebab, snake and dotted identifiers made of word-like parts: `my-app-secret-prod`, `secrets.json`,
 * `CREDENTIALS_STS_ASSUME_ROLE`, `x-aws-ec2-metadata-token`, `?InterpolationInJSX` (lexer token names),
 * `urn:ietf:params:oauth:token-type:jwt`, `AnonXMLHttpRequest`, `DEPTH32F_STENCIL8`, `RenderingContext2D`. Acronyms
 * (`HTTP`, `csr`, `x509`) count as words when one part is a real word. An acronym before a word (`XMLHttp`) and a
 * capital after a word's digits (`Context2D`) are parts of their own; random values break into parts that are neither
 * words nor acronyms. Measured on 200,000 values per family of the labeled corpus's generator, fewer read as words than
 * before these rules (alphanumeric 117 → 57, symbol passwords 10,001 → 7,945), except Django-style keys (121 → 129).
 */
export function looksLikeWords(value: string): boolean {
  const parts = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z]{4}\d{1,2})([A-Z])(?![A-Za-z0-9])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  if (parts.length === 0) return true;
  // Counters and versions between words (`rrsim_billing_primary_0001_devonly`, `api-v2-2024`) are still words.
  const words = parts.filter((p) => !/^\d{1,8}$/.test(p));
  if (words.length === 0) return false;
  if (words.length < parts.length && words.length < 2) return false;
  // Words must carry most of the letters: a random string splits into short parts that pass as acronyms (`jf`, `AYr`).
  let wordLetters = 0;
  let letters = 0;
  for (const p of words) {
    const body = p.replace(/\d+$/, '');
    letters += body.length;
    // Words run together in lower case (`passwordpassword`) read as words too; random letters rarely do.
    const wordShaped = /^[A-Za-z]{1,14}\d{0,2}$/.test(p) || /^[a-z]{15,48}$/.test(p);
    if (wordShaped && body.length >= 3 && isWordLike(body)) wordLetters += body.length;
    else if (!(wordShaped && SHORT_WORDS.has(body.toLowerCase())) && !/^(?:[A-Z]{1,4}|[a-z]{1,4})\d{0,3}$/.test(p)) return false;
  }
  return wordLetters > 0 && wordLetters * 2 >= letters;
}

/**
 * A URL query of settings (`sv=2022-11-02&st=2031-02-03T04:05:06Z&sr=c`: an Azure SAS without its `sig`, a link's
 * parameters): its secret, when it has one, is a parameter of its own (`sig=…`, `password=…`) or a long random value.
 */
const QUERY = /^[A-Za-z_][\w.-]{0,31}=[^&=\s]*(?:&[A-Za-z_][\w.-]{0,31}=[^&=\s]*)+$/;
const QUERY_SECRET_PARAM = /sig|secret|token|key|pass|pwd|auth|credential/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:T\d{2}(?::|%3A)\d{2}(?::|%3A)\d{2}(?:\.\d+)?Z?)?$/i;
function isSettingsQuery(value: string): boolean {
  if (!QUERY.test(value)) return false;
  for (const param of value.split('&')) {
    const eq = param.indexOf('=');
    const setting = param.slice(eq + 1);
    if ((setting && QUERY_SECRET_PARAM.test(param.slice(0, eq))) || (setting.length >= 16 && !TIMESTAMP.test(setting))) return false;
  }
  return true;
}

/** Regular-expression sources held in strings (`(?:equ|neq)`, `[nN][oO]`, `\\d+`): patterns, not secrets. */
const REGEX_SOURCE = /\(\?[:=!<]|\\[dswbDSWB]|\[[^\]]{1,40}\][*+?{]/;

/**
 * Extra filters for the generic heuristic, on top of the placeholder check that every rule gets (a JWT signed with
 * jwt.io's sample secret is the jwt rule's to leave: rules/crypto.ts).
 */
export function isQuietGenericValue(value: string): boolean {
  return isQuietShape(value) || looksLikeWords(value);
}

function isQuietShape(value: string): boolean {
  return (value.startsWith('eyJ') && signedWithJwtIoSecret(value)) || UUID.test(value) || HOST_NAME.test(value) || ETHEREUM_ADDRESS.test(value) || STRIPE_CLIENT_SECRET.test(value) || PUBLIC_SDK_KEY.test(value) || SALESFORCE_CONSUMER_KEY.test(value) || AWS_ARN.test(value) || MODULE_PATH.test(value) || INTEGRITY.test(value) || URLISH.test(value) || DATA_URI.test(value) || ENCODED_PEM.test(value) || SOPS_ENCRYPTED.test(value) || PASSWORD_HASH.test(value) || REGEX_SOURCE.test(value) || isSettingsQuery(value);
}

/**
 * A digit and a symbol people type into passwords (`$`, `#`, `!`, `&`, `*`, `%`, `?`, `^`, `~`, `+`), which no
 * identifier, slug, path or e-mail address holds; not code's brackets (`TrimSpace(passwordMatch[1])`).
 */
const TYPED_SYMBOL_AND_DIGIT = /^(?=\D*\d)(?=[^!#$%&*?^~+]*[!#$%&*?^~+])[^()[\]{}<>'"`,;=\s]+$/;

/**
 * isQuietGenericValue for a value under a password's own name (the hardcoded-password rule): words a person joined
 * with a symbol and digits (`HarborMeadow$34`, `Juniper-Canyon#8`) are how passwords are chosen, not an identifier.
 */
export function isQuietPasswordValue(value: string): boolean {
  return isQuietShape(value) || (looksLikeWords(value) && !TYPED_SYMBOL_AND_DIGIT.test(value));
}

/**
 * Words and values test suites use as stand-ins (`fake-token-1`, `sk_test_…`, `dummyPassw0rdValue`, `deadbeef…`,
 * `foo_bar_baz`, keyboard rows): a value holding one is a fixture, whatever its entropy. Four or more letters anywhere (by chance in
 * a 40-character random key: about one in 10^5); `foo`, `bar`, `baz`, `qux` only where a part starts (one in 10^3).
 */
const FIXTURE_WORD =
  /fake|dummy|mock|test|example|sample|stub|fixture|lorem|ipsum|invalid|bogus|wrong|secret|pass|token|changeme|letmein|qwerty|asdf|zxcv|hunter|admin|deadbeef|cafebabe|feedface|c0ffee|(?<![a-z])(?:foo|bar|baz|qux)|xxx/i;

/** A value that is a unit of up to 32 characters written out again (`Zx8Qp2LmZx8Qp2Lm`, `ab12ab12ab`): typed, not drawn. */
function isRepeatedUnit(value: string): boolean {
  for (let period = 1; period <= 32 && period * 2 <= value.length; period++) {
    let i = period;
    while (i < value.length && value.charCodeAt(i) === value.charCodeAt(i - period)) i++;
    if (i === value.length) return true;
  }
  return false;
}

/**
 * The heuristics' extra bar in tests and fixtures (isTestPath): there, a value under a secret name is most often a
 * stand-in, so it is taken only when it looks drawn by a machine — on top of the heuristic's own filters (length,
 * entropy, not words, not a placeholder, not counting): 16 characters or more (a human-chosen password such as
 * `Summer2022#`, hardcoded-password's kind, is shorter: a test user's login), no fixture word, not a repeated unit, no
 * white space, quote or backslash (code and text: `WinDLL('./x.dll')`, `GOOG4-RSA-SHA256\n…`), either two of lower
 * case, upper case and digits (a random hex, base32, base62 or base64 key has two) or, in one case of letters only
 * (a Gmail app password), letter pairs that words rarely hold (not `thisisnotarealkeyvalue`), and, when it is text
 * in base64 (`dXNlcm5hbWU6cGFzc3dvcmQ=`, `username:password`; a JWT's JSON header), that text passing the same bar.
 */
export function looksMachineMade(value: string): boolean {
  if (value.length < 16 || FIXTURE_WORD.test(value) || /[\s'"`\\]/.test(value) || isRepeatedUnit(value)) return false;
  const classes = (/[a-z]/.test(value) ? 1 : 0) + (/[A-Z]/.test(value) ? 1 : 0) + (/\d/.test(value) ? 1 : 0);
  if (!(classes >= 2 || (/^[A-Za-z]+$/.test(value) && rarePairShare(value) >= 0.2))) return false;
  const text = base64Text(value);
  return text === undefined || (!isPlaceholder(text) && !isQuietGenericValue(text) && looksMachineMade(text));
}

const BASE64_SEGMENTS = /^[A-Za-z0-9+/_-]{12,}={0,2}(?:\.[A-Za-z0-9+/_-]*={0,2})*$/;
/** Printable text: no control characters (C0 but tab, line feed, carriage return; DEL; C1) and no U+FFFD. */
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

/**
 * The text a value holds in base64 or base64url (every `.`-separated segment, as in a JWT), or undefined when it is
 * not that or decodes to bytes that are not UTF-8 text (n random bytes are printable text about once in (8/3)^n).
 */
function base64Text(value: string): string | undefined {
  if (!BASE64_SEGMENTS.test(value)) return undefined;
  const texts: string[] = [];
  for (const segment of value.split('.')) {
    if (segment === '') continue;
    const text = Buffer.from(segment, 'base64').toString('utf8');
    if (text.length < 4 || NOT_TEXT.test(text)) return undefined;
    texts.push(text);
  }
  return texts.length > 0 ? texts.join('.') : undefined;
}

/**
 * A name that says its value is a stand-in (`TEST_ENCRYPTION_KEY`, `mockApiKey`, `fake_token`, `invalidPassword`,
 * `_test_basic_auth(…)`): in tests the heuristics do not bind it, whatever the value (binding.matchBound).
 */
const STAND_IN_NAME = /(?:^|[^a-z])(?:test|fake|mock|dummy|stub|example|sample|fixture|invalid|wrong|bogus|bad|expired)(?:s|ed)?(?![a-z])/;
export function isStandInName(name: string): boolean {
  return STAND_IN_NAME.test(snakeCase(name).toLowerCase());
}

/**
 * The share of a run of letters' adjacent pairs that are not WORD_PAIRS: 0.2 or more in 95 % of random 16-letter
 * values, at most 0.13 in words run together (`webhooksigningkey`, `localdevelopmentonly`).
 */
function rarePairShare(letters: string): number {
  const lower = letters.toLowerCase();
  let rare = 0;
  for (let i = 0; i + 1 < lower.length; i++) if (!WORD_PAIRS.has(lower.slice(i, i + 2))) rare++;
  return rare / Math.max(1, lower.length - 1);
}
