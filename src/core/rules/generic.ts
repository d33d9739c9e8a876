import { namesOnlyAliases, providerNames } from './providerNames';
import { defineRules, type RuleSamples } from './types';

/**
 * A provider's word before `key` (`FRESHDESK_KEY`, `mailgunKey`, `NEW_RELIC_KEY`), or with the environment between
 * (`CHECKR_STAGING_KEY`, a bare `key` in `redoxStaging = { key: … }`): a key of that provider, where `key` alone names
 * nothing. Every alias of the provider table (providerNames.ts) but the everyday words of code
 * (`render_key`, `segment_key`…), the two- and three-letter ones, and the providers whose key is public (`PUSHER_KEY`).
 */
const PROVIDER_KEY = `(?:^|_)(?:${providerNames
  .filter((entry) => !entry.keyIsPublic)
  .flatMap((entry) => entry.words)
  .filter((alias) => alias.length >= 4 && !namesOnlyAliases.has(alias))
  .map((alias) => alias.replace(/ /g, '_?'))
  .join('|')})(?:_?(?:live|prod|production|staging|stage|stg|sandbox|test|dev|development))?_?key$`;

/**
 * A custom header that carries a key, named for whose it is (`X-Partner-Key`, `X-Acme-Key`, `x-tenant-api-key`): what
 * a gateway checks is a credential, `key` alone in a header's name says so as `X-Api-Key` does. Not the headers whose key
 * is an id, a nonce or an address (`X-Idempotency-Key`, `X-Cache-Key`, `X-Routing-Key`, `X-Public-Key`).
 */
const CUSTOM_KEY_HEADER = '^x-(?!(?:idempotency|idempotent|cache|request|nonce|routing|partition|sort|trace|correlation|public|publishable|site|dedup|dedupe|deduplication|shard|lock|cursor|page|upload|object|file|event|message|signature|hash|lookup|primary|foreign|forwarded)-)[a-z0-9]+(?:-[a-z0-9]+){0,2}-key$';

/**
 * The name-bound high-entropy heuristic: a random-looking string assigned to a secret-sounding name.
 * Extra quiet filters (placeholders, env refs, UUIDs, hashes, integrity strings, data URIs, stand-ins in test paths)
 * live in analyze/quiet.ts because they apply to how the value is used, not to its shape.
 */
export const genericRules = defineRules([
  {
    id: 'generic-secret',
    provider: 'Generic',
    title: 'Hardcoded secret (high-entropy value bound to a secret-sounding name)',
    message: 'This looks like a hardcoded secret (a random value named like a key): move it to an environment variable or the keychain, and rotate it.',
    pattern: /[^\s]{16,512}/,
    // A licence key (New Relic's `license_key`) is the agent's credential. A PagerDuty routing (integration) key opens
    // incidents and pages people; a routing key alone is a message broker's address.
    // An admin key is a search engine's master key (Typesense, Meilisearch). A TOTP/MFA seed is the shared secret every
    // one-time code derives from (`TOTP_SEED`, `mfaSeed`). Consul's gossip key (`CONSUL_ENCRYPT_KEY`). Agora's App Certificate and DoseSpot's
    // ClinicKey are those providers' names for their secrets. A custom `X-…-Key` header: CUSTOM_KEY_HEADER.
    nameHint: new RegExp(`(?:secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|passw(?:or)?d|passphrase|credential|auth(?:orization)?|bearer|signing[_-]?key|app(?:lication)?[_-]?key|client[_-]?secret|\\bpwd\\b|x-api-key|(?:master|encryption|hmac|cipher|aes|fernet|data[_-]encryption|session|admin)[_-]?key|licen[cs]e[_-]?key|(?:^|_)data_key$|(?:^|_)pass$|pager_?duty\\w{0,24}?(?:routing|integration|events?)_?key$|(?:^|_)(?:t?otp|mfa|2fa|two_?factor|authenticator)_(?:[a-z0-9]{1,24}_)?seed$|(?:^|_)encrypt_key$|gossip_?key$|app_?certificate$|clinic_?key$|${CUSTOM_KEY_HEADER}|${PROVIDER_KEY})`, 'i'),
    keywords: ['secret', 'token', 'key', 'pass', 'pwd', 'credential', 'auth', 'bearer', 'jwt', 'hmac', 'cipher', 'cookieparser', 'wallet', 'sequelize', 'fernet', 'login', 'totp', 'hotp', 'otp_', 'otpseed', 'mfa', '2fa', 'twofactor', 'two_factor', 'authenticator', 'app_certificate', 'appcertificate'],
    minEntropy: 3.5,
    heuristic: true,
    severity: 'warning',
    envName: 'API_KEY',
    rotationUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
  },
  {
    id: 'hardcoded-password',
    provider: 'Generic',
    title: 'Hardcoded password (a human-chosen password under a password name)',
    message: 'A password is hardcoded (the name says it is one): move it to an environment variable or the keychain, and change it.',
    // `Summer2022#`, `Rocket2019$`: too short and too regular for the generic heuristic's 16 random characters, but a
    // password by policy (letters and digits, and mixed case or a symbol) under a name that can only mean a password.
    // The length is checked first so the look-aheads read at most 64 characters.
    // Google's app passwords (what an SMTP login to Gmail takes) are 16 lower-case letters, shown in groups of four.
    pattern: /(?=\S{8,64}$)(?=\S*\d)(?=\S*[A-Za-z])(?:(?=\S*[^A-Za-z0-9\s])|(?=\S*[a-z])(?=\S*[A-Z]))\S+|[a-z]{16}/,
    nameHint: /passw(?:or)?d|passphrase|(?:^|_)pwd$|(?:^|_)pass$/i,
    keywords: ['pass', 'pwd', 'mysql', 'mariadb', 'curl'],
    minEntropy: 2.5,
    heuristic: true,
    chosenPassword: true,
    severity: 'warning',
    envName: 'DB_PASSWORD',
    rotationUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
  },
  {
    id: 'api-key-uuid',
    provider: 'Generic',
    title: 'API key or token (UUID-shaped) under a credential name',
    message: 'A UUID-shaped key or token is hardcoded (the name says it is a credential): move it to an environment variable or the keychain, and rotate it.',
    // The generic heuristic treats UUIDs as identifiers; many services issue UUIDs as keys (Codecov upload tokens,
    // Postmark server and account tokens, Heroku's legacy keys, Snyk, internal gateways), and the name says which it
    // is: `POSTMARK_SERVER_TOKEN`, `codecovToken`, `X-API-Key`, `Authorization: Bearer <uuid>`, a `.netrc` password.
    pattern: /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/,
    // The name must end in what a credential is called; "key" alone is not one (`cacheKey`, `partitionKey`, a React
    // `key`), an API, access, secret or auth key is.
    nameHint: /(?:api|access|secret|auth|private|master|admin|account|server|service|deploy)[-_]?key$|apikey$|token$|secret$|passw(?:or)?d$|passphrase$|(?:^|_)pwd$|(?:^|_)pass$|credentials?$|^authorization$|auth$|bearer$/i,
    // Identifiers that are UUIDs under a token-like name: paging and sync cursors, request, trace and idempotency ids,
    // CSRF and one-time tokens, device and install ids (the `…_id` names the secret-name filters already leave out).
    // The distinctive words also glued to the next (`CSRFTOKEN`, `IDEMPOTENCYKEY`), the others as whole words only.
    notNames: /(?:^|_)(?:uuid|guid|tenant|trace|tracing|correlation|idempoten|continuation|pagination|csrf|xsrf|nonce)|(?:^|_)(?:request|req|span|page|paging|next|prev|previous|cursor|sync|state|device|install|installation|instance|subscription|transaction|order|invite|invitation|reset|confirm|confirmation|verify|verification|anonymous|anon|publishable|cache|etag|version|build|release|commit|message|event|object|resource|record|job|run|task)(?:_|$)/,
    keywords: ['apikey', 'api_key', 'api-key', 'authorization', 'bearer', 'token', 'secret', 'pass', 'pwd', 'credential', 'auth'],
    minEntropy: 3,
    heuristic: true,
    identifierShaped: true,
    severity: 'warning',
    envName: 'API_KEY',
    rotationUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const genericSamples = (): Record<string, RuleSamples> => ({
  'generic-secret': {
    positives: [(g) => ({ name: 'apiKey', value: g.alnum(32) }), (g) => ({ name: 'CLIENT_SECRET', value: g.b64url(40) }), (g) => ({ name: 'db_password', value: g.alnum(10) + '!' + g.alnum(10) }), (g) => ({ name: 'FRESHDESK_KEY', value: g.alnum(20) }), (g) => ({ name: 'license_key', value: g.hex(40) })],
    negatives: [
      { name: 'apiKey', value: 'your-api-key-here' },
      { name: 'token', value: '${TOKEN}' },
      { name: 'authToken', value: '00000000-0000-0000-0000-000000000000' },
      // A provider's word before `key` names its key; an everyday word before it does not.
      { name: 'renderKey', value: 'Qm7vTz2Lw9Xc4Rb8Np1Hd6Ks' },
      // A custom header's key that is an id or a nonce, not a credential.
      { name: 'X-Idempotency-Key', value: 'Wq4Zr8Tn2Mx6Kb9Vc3Hd7Lp' },
      { name: 'X-Cache-Key', value: 'Jv5Nc9Rb3Xt7Wm2Kq8Hz4Fd' },
      { name: 'segment_key', value: 'Hx3Jq8Wm2Vn7Lc5Tb9Rd4Fz' },
      { name: 'password', value: 'correct horse battery staple' },
      { name: 'secretName', value: 'projects/my-project/secrets/db' },
      { name: 'integrity', value: 'sha512-' + 'Q2hhbmdlTWVDaGFuZ2VNZUNoYW5nZU1lQ2hhbmdlTWU=' },
      { name: 'tokenizer', value: 'x'.repeat(32) },
      // Identifiers (browser and SDK constants), not keys.
      { name: 'token', value: 'IDPCommunicationErrorException' },
      { name: 'secret', value: 'AnonXMLHttpRequest' },
      { name: 'apiKey', value: 'DEPTH32F_STENCIL8' },
      { name: 'credential', value: 'OffscreenCanvasRenderingContext2D' },
      // A Stripe PaymentIntent client secret: handed to the browser by design, it cannot call the API.
      { name: 'clientSecret', value: 'pi_' + '3Qx7Lm2Vb9Nw4Kt8Hs6Dp1Za' + '_secret_' + 'Rj5Hd1Fz6Yc0PqWe3Tu8Mn2Bv' },
    ],
  },
  'hardcoded-password': {
    positives: [
      (g) => ({ name: 'password', value: 'Summer' + g.digits(4) + '#' }),
      (g) => ({ name: 'DB_PASSWORD', value: 'Rocket' + g.digits(4) + '$' }),
      (g) => ({ name: 'db_pass', value: g.chars('BCDFGHJKLMNPRSTVWZ', 1) + g.chars('aeiou', 1) + g.chars('bcdfglmnprst', 3) + g.digits(3) + '!' }),
      (g) => ({ name: 'MYSQL_PWD', value: 'Tr' + g.digits(1) + 'ub' + g.digits(1) + 'dor&' + g.digits(1) }),
      (g) => ({ name: 'admin_passwd', value: 'Kx' + g.digits(2) + 'mQ' + g.lowerAlnum(4) }),
      (g) => ({ name: 'SMTP_PASSWORD', value: g.chars('bcdfghjklmnpqrstvwxz', 12) + g.chars('aeiou', 1) + g.chars('bcdfghjklmnpqrstvwxz', 3) }),
    ],
    negatives: [
      { name: 'password', value: 'password123' },
      { name: 'password', value: 'Password:' },
      { name: 'passwordPolicy', value: 'Summer2022#' },
      { name: 'passwordHint', value: 'Rocket2019$' },
      { name: 'passwordLabel', value: 'Passwort (8+)' },
      { name: 'password', value: '${DB_PASSWORD}' },
      { name: 'bypass', value: 'Summer2022#' },
      { name: 'password', value: 'correct horse battery staple 1' },
      { name: 'PASSWORD_HASHERS', value: 'django.contrib.auth.hashers.Argon2PasswordHasher' },
      { name: 'password', value: '$2b$12$' + 'abcdefghijklmnopqrstuv' },
      { name: 'password', value: 'passwordpassword' },
      { name: 'smtp_password', value: 'correcthorsebatt' },
    ],
  },
  'api-key-uuid': {
    positives: [
      (g) => ({ name: 'partnerApiKey', value: g.uuid() }),
      (g) => ({ name: 'apiKey', value: g.uuid() }),
      (g) => ({ name: 'SERVICE_API_KEY', value: g.uuid().toUpperCase() }),
      (g) => ({ name: 'uploadToken', value: g.uuid() }),
      (g) => ({ name: 'SERVER_TOKEN', value: g.uuid() }),
      (g) => ({ name: 'webhook_secret', value: g.uuid() }),
      (g) => ({ name: 'admin_password', value: g.uuid() }),
      (g) => ({ name: 'accessKey', value: g.uuid() }),
    ],
    negatives: [
      { name: 'apiKeyId', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'requestId', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'apiKey', value: '00000000-0000-0000-0000-000000000000' },
      { name: 'next_page_token', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'continuation_token', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'idempotencyKey', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'cacheKey', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'csrf_token', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'x_trace_token', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'tenant_id', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'sessionUuid', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'nonce', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'NEXT_PUBLIC_API_KEY', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
      { name: 'tokenUrl', value: '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90' },
    ],
  },
});
