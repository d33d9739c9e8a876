import { defineRules, type RuleSamples } from './types';

/** Cloud and hosting platforms (AWS, Google, Azure have their own files). */
export const cloudRules = defineRules([
  {
    id: 'alibaba-access-key-id',
    provider: 'Alibaba Cloud',
    title: 'Alibaba Cloud AccessKey ID',
    // LTAI and 20 characters today; older AccessKey IDs had 12 to 17 (LTAI + 12 is the classic 16-character id).
    pattern: /LTAI[A-Za-z0-9]{12,21}/,
    keywords: ['ltai'],
    minEntropy: 3,
    severity: 'error',
    envName: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    rotationUrl: 'https://ram.console.aliyun.com/manage/ak',
  },
  {
    id: 'cloudinary-url',
    provider: 'Cloudinary',
    title: 'Cloudinary API secret (CLOUDINARY_URL)',
    // `cloudinary://<api key>:<api secret>@<cloud name>`, the one variable Cloudinary's SDKs read: the API key is
    // numeric, the secret is what signs uploads and admin calls, so the secret alone is reported (the URL keeps its shape).
    pattern: /cloudinary:\/\/\d{6,20}:(?<secret>[A-Za-z0-9_-]{20,40})@[A-Za-z0-9_-]{1,64}/,
    keywords: ['cloudinary://'],
    minEntropy: 3,
    severity: 'error',
    envName: 'CLOUDINARY_URL',
    rotationUrl: 'https://console.cloudinary.com/settings/api-keys',
  },
  {
    id: 'cloudflare-api-token',
    provider: 'Cloudflare',
    title: 'Cloudflare API token',
    pattern: /[A-Za-z0-9_-]{40}/,
    nameHint: /cloudflare|\bcf_?api|\bcf_?token/i,
    keywords: ['cloudflare', 'cf_'],
    minEntropy: 4,
    severity: 'error',
    envName: 'CLOUDFLARE_API_TOKEN',
    rotationUrl: 'https://dash.cloudflare.com/profile/api-tokens',
  },
  {
    id: 'cloudflare-global-api-key',
    provider: 'Cloudflare',
    title: 'Cloudflare global API key',
    // The legacy account-wide key (sent as `X-Auth-Key` with the account's email): 37 lower-case hex characters.
    pattern: /[a-f0-9]{37}/,
    nameHint: /cloudflare|\bcf_?(?:api_?|global_?|auth_?)?key|x[-_]auth[-_]key/i,
    keywords: ['cloudflare', 'cf_', 'cfapi', 'cfkey', 'cfauth', 'cfglobal', 'x-auth-key', 'x_auth_key'],
    minEntropy: 3,
    severity: 'error',
    envName: 'CLOUDFLARE_API_KEY',
    rotationUrl: 'https://dash.cloudflare.com/profile/api-tokens',
  },
  {
    id: 'cloudflare-prefixed-token',
    provider: 'Cloudflare',
    title: 'Cloudflare API token or API key (prefixed format)',
    // The scannable formats (developers.cloudflare.com/fundamentals/api/get-started/token-formats/): cfut_ (user API
    // token), cfat_ (account API token), cfk_ (API key), then 40 letters and digits and an 8-hex checksum.
    pattern: /cf(?:ut|at|k)_[A-Za-z0-9]{40}[0-9a-f]{8}/,
    keywords: ['cfut_', 'cfat_', 'cfk_'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'CLOUDFLARE_API_TOKEN',
    rotationUrl: 'https://dash.cloudflare.com/profile/api-tokens',
  },
  {
    id: 'cloudflare-origin-ca-key',
    provider: 'Cloudflare',
    title: 'Cloudflare Origin CA key',
    pattern: /v1\.0-[a-f0-9]{24}-[a-f0-9]{146}/,
    keywords: ['v1.0-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'CLOUDFLARE_ORIGIN_CA_KEY',
    rotationUrl: 'https://dash.cloudflare.com/profile/api-tokens',
  },
  {
    id: 'digitalocean-token',
    provider: 'DigitalOcean',
    title: 'DigitalOcean personal access, OAuth or refresh token',
    pattern: /do[por]_v1_[a-f0-9]{64}/,
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'DIGITALOCEAN_TOKEN',
    rotationUrl: 'https://cloud.digitalocean.com/account/api/tokens',
  },
  {
    id: 'dropbox-access-token',
    provider: 'Dropbox',
    title: 'Dropbox short-lived access token',
    // Dropbox marks its short-lived access tokens with `sl.` (its OAuth guide; newer ones `sl.u.`), then 130 or more
    // base64url characters; the legacy long-lived tokens (no longer issued) and refresh tokens carry no prefix.
    pattern: /sl\.(?:u\.)?[A-Za-z0-9_=-]{130,}/,
    keywords: ['sl.'],
    minEntropy: 4,
    severity: 'error',
    envName: 'DROPBOX_ACCESS_TOKEN',
    rotationUrl: 'https://www.dropbox.com/developers/apps',
  },
  {
    id: 'dropbox-app-secret',
    provider: 'Dropbox',
    title: 'Dropbox app secret',
    // An app's key and secret are both 15 lower-case letters and digits (the App Console shows them side by side); the
    // key is the public client id of every authorize URL, so only a value under a secret or token name is reported
    // (`DROPBOX_APP_SECRET`, `dropboxToken`: a short-lived access token is `sl.…`, so a 15-character "token" is the secret).
    pattern: /[a-z0-9]{15}/,
    nameHint: /dropbox.{0,24}(?:secret|token)/i,
    keywords: ['dropbox'],
    minEntropy: 3,
    severity: 'error',
    envName: 'DROPBOX_APP_SECRET',
    rotationUrl: 'https://www.dropbox.com/developers/apps',
  },
  {
    id: 'flyio-token',
    provider: 'Fly.io',
    title: 'Fly.io access token',
    // fo1_ (legacy access token), and the macaroon tokens fm1a_, fm1r_, fm2_ (written after `FlyV1 `, which some
    // places leave out).
    pattern: /(?:fo1_[A-Za-z0-9_-]{43}|fm(?:1[ar]|2)_[A-Za-z0-9+/=,_-]{100,})/,
    keywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'FLY_API_TOKEN',
    rotationUrl: 'https://fly.io/user/personal_access_tokens',
  },
  {
    id: 'heroku-api-key',
    provider: 'Heroku',
    title: 'Heroku API key',
    // The legacy key is a UUID: only a name says it is Heroku's. The current `HRKU-AA…` shape is heroku-api-key-v2.
    pattern: /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/,
    nameHint: /heroku/i,
    keywords: ['heroku'],
    minEntropy: 3,
    severity: 'error',
    envName: 'HEROKU_API_KEY',
    rotationUrl: 'https://dashboard.heroku.com/account/applications',
  },
  {
    id: 'heroku-api-key-v2',
    provider: 'Heroku',
    title: 'Heroku API key',
    pattern: /HRKU-AA[A-Za-z0-9_-]{58}/,
    keywords: ['hrku-aa'],
    minEntropy: 3,
    severity: 'error',
    envName: 'HEROKU_API_KEY',
    rotationUrl: 'https://dashboard.heroku.com/account/applications',
  },
  {
    id: 'netlify-access-token',
    provider: 'Netlify',
    title: 'Netlify personal access token',
    pattern: /(?:nfp_)?[A-Za-z0-9_-]{40,46}/,
    nameHint: /netlify/i,
    keywords: ['netlify'],
    minEntropy: 4,
    severity: 'error',
    envName: 'NETLIFY_AUTH_TOKEN',
    rotationUrl: 'https://app.netlify.com/user/applications#personal-access-tokens',
  },
  {
    id: 'vercel-token',
    provider: 'Vercel',
    title: 'Vercel access token',
    // The legacy token: 24 characters with nothing to say what it is but its name (the prefixed ones: vercel-prefixed-token).
    pattern: /[A-Za-z0-9]{24}/,
    nameHint: /vercel/i,
    keywords: ['vercel'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'VERCEL_TOKEN',
    rotationUrl: 'https://vercel.com/account/settings/tokens',
  },
  {
    id: 'vercel-prefixed-token',
    provider: 'Vercel',
    title: 'Vercel access token, integration token, app token or AI Gateway key',
    // Vercel's prefixed formats: vcp_ (personal access), vci_ (integration), vca_ (app access), vcr_ (app refresh),
    // vck_ (AI Gateway API key), each followed by 20 to 60 letters and digits: found with no name beside them.
    pattern: /vc[pikar]_[A-Za-z0-9]{20,60}/,
    keywords: ['vcp_', 'vci_', 'vck_', 'vca_', 'vcr_'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'VERCEL_TOKEN',
    rotationUrl: 'https://vercel.com/account/settings/tokens',
  },
  {
    id: 'scalingo-api-token',
    provider: 'Scalingo',
    title: 'Scalingo API token',
    pattern: /tk-us-[A-Za-z0-9_-]{48}/,
    keywords: ['tk-us-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SCALINGO_API_TOKEN',
    rotationUrl: 'https://doc.scalingo.com/platform/user-management/api-tokens',
  },
  {
    id: 'openshift-user-token',
    provider: 'Red Hat OpenShift',
    title: 'OpenShift user token',
    pattern: /sha256~[A-Za-z0-9_-]{43}/,
    keywords: ['sha256~'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'OPENSHIFT_TOKEN',
    rotationUrl: 'https://docs.openshift.com/container-platform/latest/authentication/managing-oauth-access-tokens.html',
  },

  {
    id: 'render-api-key',
    provider: 'Render',
    title: 'Render API key',
    pattern: /rnd_[A-Za-z0-9]{24,48}/,
    keywords: ['rnd_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'RENDER_API_KEY',
    rotationUrl: 'https://dashboard.render.com/u/settings#api-keys',
  },
  {
    id: 'tailscale-key',
    provider: 'Tailscale',
    title: 'Tailscale auth key, API access token, OAuth client secret, webhook or SCIM key',
    // Every Tailscale key is `tskey-<type>-<key id>-<secret>` (type api, auth, client, scim, webhook; the id ends in
    // `CNTRL`), case-sensitive: tailscale.com/docs/reference/key-prefixes.
    pattern: /tskey-[a-z]{2,20}-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}/,
    keywords: ['tskey-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'TS_AUTHKEY',
    rotationUrl: 'https://login.tailscale.com/admin/settings/keys',
  },
  {
    id: 'deno-deploy-token',
    provider: 'Deno',
    title: 'Deno Deploy access token',
    // Personal (`ddp_`), organization (`ddo_`) and `ddw_` tokens: the prefix and 36 letters and digits. PyTorch code is
    // full of `ddp_` names (DistributedDataParallel), so the body must read as random: both cases and a digit.
    pattern: /dd[pow]_[A-Za-z0-9]{36}/,
    validWhen: (value) => /[A-Z]/.test(value) && /[a-z]/.test(value.slice(4)) && /\d/.test(value),
    keywords: ['ddp_', 'ddo_', 'ddw_'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'DENO_DEPLOY_TOKEN',
    rotationUrl: 'https://dash.deno.com/account#access-tokens',
  },
  {
    id: 'netlify-personal-access-token',
    provider: 'Netlify',
    title: 'Netlify personal access token (nfp_)',
    // Since Netlify prefixed its tokens, a personal access token is `nfp_` and 36 letters and digits: its own shape,
    // wherever it sits (the name-bound rule above reads the older, unprefixed ones).
    pattern: /nfp_[A-Za-z0-9]{36}/,
    keywords: ['nfp_'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'NETLIFY_AUTH_TOKEN',
    rotationUrl: 'https://app.netlify.com/user/applications#personal-access-tokens',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const cloudSamples = (): Record<string, RuleSamples> => ({
  'alibaba-access-key-id': {
    positives: [(g) => 'LTAI' + g.alnum(20), (g) => 'LTAI' + g.alnum(12), (g) => 'LTAI' + g.alnum(21)],
    negatives: ['LTAI' + 'x'.repeat(20), 'LTAI' + 'Zq7wLk2Rt9V', 'LTAI' + 'Zq7wLk2Rt9Vb4Nm6Xc1Hd8Jf'],
  },
  'cloudinary-url': {
    positives: [(g) => 'cloudinary://' + g.digits(15) + ':' + g.b64url(27) + '@acme-' + g.lowerAlnum(6), (g) => 'cloudinary://' + g.digits(15) + ':' + g.alnum(27) + '@' + g.lowerAlnum(8)],
    // Cloudinary's documented shape, a variable reference, a key with no secret.
    negatives: ['cloudinary://<api_key>:<api_secret>@<cloud_name>', 'cloudinary://' + '${CLOUDINARY_KEY}:${CLOUDINARY_SECRET}' + '@demo', 'cloudinary://' + '123456789012345' + '@demo'],
  },
  'cloudflare-api-token': { positives: [(g) => ({ name: 'CLOUDFLARE_API_TOKEN', value: g.b64url(40) })], negatives: [{ name: 'CLOUDFLARE_API_TOKEN', value: '<cloudflare-token>' }] },
  'cloudflare-global-api-key': {
    positives: [(g) => ({ name: 'CLOUDFLARE_GLOBAL_API_KEY', value: g.hex(37) }), (g) => ({ name: 'cfApiKey', value: g.hex(37) }), (g) => ({ name: 'cfAuthKey', value: g.hex(37) })],
    // 32 or 40 hex characters are other things (an account or zone id, a commit): only 37 is the global key.
    negatives: [{ name: 'CLOUDFLARE_ZONE', value: '9f1c' + '0b7e2d4a6c8e0f1a3b5c7d9e1f2a4b6c' }, { name: 'CLOUDFLARE_GLOBAL_API_KEY', value: '<global-api-key>' }],
  },
  'cloudflare-origin-ca-key': { positives: [(g) => 'v1.0-' + g.hex(24) + '-' + g.hex(146)], negatives: ['v1.0-' + 'beta'] },
  'digitalocean-token': { positives: [(g) => 'dop_' + 'v1_' + g.hex(64), (g) => 'doo_' + 'v1_' + g.hex(64)], negatives: ['dop_' + 'v1_' + 'f'.repeat(64)] },
  'dropbox-access-token': {
    positives: [(g) => 'sl.' + g.b64url(135), (g) => 'sl.u.' + g.b64url(280), (g) => ({ name: 'DROPBOX_TOKEN', value: 'sl.' + g.b64url(60) + '-' + g.b64url(70) })],
    negatives: ['sl.' + 'x'.repeat(140), 'sl.' + 'abc', 'ssl.' + 'createSecureContext'],
  },
  'dropbox-app-secret': {
    positives: [(g) => ({ name: 'DROPBOX_APP_SECRET', value: g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 15) }), (g) => ({ name: 'dropboxToken', value: g.lowerAlnum(15) })],
    negatives: [
      { name: 'DROPBOX_APP_KEY', value: 'k7q2m9x4v1z8w3n' },
      { name: 'DROPBOX_APP_SECRET', value: 'your_app_secret' },
      { name: 'DROPBOX_APP_SECRET', value: 'xxxxxxxxxxxxxxx' },
    ],
  },
  'flyio-token': {
    // A macaroon token opens with a msgpack header whose zero bytes are a run of `A`s: a key all the same.
    positives: [(g) => 'fo1_' + g.b64url(43), (g) => 'fm2_' + 'lJPE' + 'CAAAAAAAA' + g.base64(160), (g) => 'fm1r_' + g.base64(120) + '=='],
    negatives: ['fo1_' + 'abc', 'fm2_' + 'A'.repeat(120), 'fm1r_' + 'short'],
  },
  'heroku-api-key': { positives: [(g) => ({ name: 'HEROKU_API_KEY', value: g.uuid() }), (g) => ({ name: 'herokuApiKey', value: g.uuid().toUpperCase() })], negatives: [{ name: 'HEROKU_APP_NAME', value: 'my-app' }, { name: 'HEROKU_API_KEY', value: '00000000-0000-0000-0000-000000000000' }] },
  'heroku-api-key-v2': { positives: [(g) => 'HRKU-AA' + g.b64url(58)], negatives: ['HRKU-AA' + 'x'.repeat(58), 'HRKU-AA' + 'short'] },
  'netlify-access-token': { positives: [(g) => ({ name: 'NETLIFY_AUTH_TOKEN', value: g.b64url(43) })], negatives: [{ name: 'NETLIFY_SITE', value: 'my-site.netlify.app' }] },
  'vercel-prefixed-token': {
    positives: [(g) => 'vcp_' + g.alnum(56), (g) => 'vci_' + g.alnum(40), (g) => 'vck_' + g.alnum(24), (g) => 'vca_' + g.alnum(60), (g) => 'vcr_' + g.alnum(32)],
    negatives: ['vcp_' + 'token', 'vck_' + 'x'.repeat(40), 'vcp_' + 'a'.repeat(10) + 'b'.repeat(10)],
  },
  'cloudflare-prefixed-token': {
    positives: [(g) => 'cfut_' + g.alnum(40) + g.hex(8), (g) => 'cfat_' + g.alnum(40) + g.hex(8), (g) => 'cfk_' + g.alnum(40) + g.hex(8)],
    // Cut short, or a checksum that is not hexadecimal.
    negatives: ['cfut_' + 'Qm7Rk2Vx9Lb4Nw8Tj1Hs6Dp3Zc5Yf0Ga', 'cfat_' + 'Qm7Rk2Vx9Lb4Nw8Tj1Hs6Dp3Zc5Yf0GaE2uK7oW4' + 'XYZWVUTS'],
  },
  'vercel-token': { positives: [(g) => ({ name: 'VERCEL_TOKEN', value: g.alnum(24) })], negatives: [{ name: 'VERCEL_TOKEN', value: 'VERCEL_TOKEN_HERE' }] },
  'scalingo-api-token': { positives: [(g) => 'tk-us-' + g.b64url(48)], negatives: ['tk-us-' + 'x'.repeat(48)] },
  'openshift-user-token': { positives: [(g) => 'sha256~' + g.b64url(43)], negatives: ['sha256~' + 'x'.repeat(43)] },

  'render-api-key': { positives: [(g) => 'rnd_' + g.alnum(32), (g) => ({ name: 'RENDER_API_KEY', value: 'rnd_' + g.alnum(28) })], negatives: ['rnd_' + 'x'.repeat(32), 'rnd_' + 'seed_value', 'brand_' + 'Qm7Rk2Vx9Lb4Nw8Tj1Hs6Dp3Zc5Yf0Ga'] },
  'tailscale-key': {
    positives: [
      (g) => 'tskey-' + 'auth-' + 'k' + g.alnum(9) + 'CNTRL-' + g.alnum(32),
      (g) => 'tskey-' + 'api-' + 'k' + g.alnum(9) + 'CNTRL-' + g.alnum(33),
      (g) => ({ name: 'TS_OAUTH_CLIENT_SECRET', value: 'tskey-' + 'client-' + 'k' + g.alnum(10) + 'CNTRL-' + g.alnum(34) }),
    ],
    negatives: [
      // Tailscale's documentation examples: counting and the alphabet.
      'tskey-' + 'api-abcDEF1CNTRL-091234567890ABCDEF',
      'tskey-' + 'client-123456CNTRL-abcdefghijklmnopqrstuvwxyz',
      'tskey-' + 'auth-' + 'x'.repeat(12) + '-' + 'x'.repeat(30),
      // A key type alone, in a command's help text.
      'tskey-auth-<key id>-<secret>',
    ],
  },
  'deno-deploy-token': {
    positives: [(g) => 'ddp_' + 'Qx7' + g.alnum(33), (g) => ({ name: 'DENO_DEPLOY_TOKEN', value: 'ddo_' + 'Lm4' + g.alnum(33) })],
    negatives: [
      // PyTorch names: no digit, no capital.
      'ddp_' + 'findunusedparameterswhentrainingmode',
      'ddp_' + 'x'.repeat(36),
      'ddp_' + 'token',
    ],
  },
  'netlify-personal-access-token': {
    positives: [(g) => 'nfp_' + g.alnum(36)],
    negatives: ['nfp_' + 'YOUR_TOKEN_HERE', 'nfp_' + 'x'.repeat(36), 'nfp_' + 'rotated_value_0000000000000000'],
  },
});
