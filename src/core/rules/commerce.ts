import { defineRules, type RuleSamples } from './types';

/** Payments, commerce and shipping (Stripe has its own file). */
export const commerceRules = defineRules([
  {
    id: 'braintree-access-token',
    provider: 'PayPal Braintree',
    title: 'PayPal Braintree access token',
    pattern: /access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}/,
    keywords: ['access_token$'],
    minEntropy: 3,
    severity: 'error',
    envName: 'BRAINTREE_ACCESS_TOKEN',
    rotationUrl: 'https://www.braintreegateway.com/login',
  },
  {
    id: 'braintree-private-key',
    provider: 'PayPal Braintree',
    title: 'PayPal Braintree private key',
    // The gateway's API key pair is a public key (16 characters, not a secret) and a private key, 32 hexadecimal digits
    // with no prefix: the name says what it is (`BRAINTREE_PRIVATE_KEY`, `braintreePrivateKey`, `braintree_key`).
    pattern: /[a-f0-9]{32}/,
    nameHint: /braintree\w{0,24}?(?:key|secret)$/i,
    keywords: ['braintree'],
    minEntropy: 3,
    severity: 'error',
    envName: 'BRAINTREE_PRIVATE_KEY',
    rotationUrl: 'https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials',
  },
  {
    id: 'easypost-api-key',
    provider: 'EasyPost',
    title: 'EasyPost API key',
    pattern: /EZ[AT]K[A-Za-z0-9]{54}/,
    keywords: ['ezak', 'eztk'],
    minEntropy: 3,
    severity: 'error',
    envName: 'EASYPOST_API_KEY',
    rotationUrl: 'https://www.easypost.com/account/api-keys',
  },
  {
    id: 'flutterwave-secret-key',
    provider: 'Flutterwave',
    title: 'Flutterwave secret key',
    pattern: /FLWSECK(?:_TEST)?-[a-h0-9]{32}-X/,
    keywords: ['flwseck'],
    minEntropy: 3,
    severity: 'error',
    envName: 'FLUTTERWAVE_SECRET_KEY',
    rotationUrl: 'https://app.flutterwave.com/dashboard/settings/apis',
  },
  {
    id: 'razorpay-key-id',
    provider: 'Razorpay',
    title: 'Razorpay key id',
    // The Key ID (`rzp_live_`/`rzp_test_` + 14) is what Razorpay Checkout takes in the browser: public by design
    // (publishable). Its pair, the Key Secret, has no prefix and is found by its name.
    pattern: /rzp_(?:live|test)_[A-Za-z0-9]{14}/,
    keywords: ['rzp_live_', 'rzp_test_'],
    minEntropy: 3,
    severity: 'info',
    publishable: true,
    envName: 'RAZORPAY_KEY_ID',
    rotationUrl: 'https://dashboard.razorpay.com/app/website-app-settings/api-keys',
  },
  {
    id: 'razorpay-key-secret',
    provider: 'Razorpay',
    title: 'Razorpay key secret',
    // The Key Secret paired with a `rzp_…` key id: 24 letters and digits with no prefix, so the name says what it is.
    pattern: /[A-Za-z0-9]{24}/,
    nameHint: /razorpay.{0,16}(?:secret|token)/i,
    keywords: ['razorpay'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'RAZORPAY_KEY_SECRET',
    rotationUrl: 'https://dashboard.razorpay.com/app/website-app-settings/api-keys',
  },
  {
    id: 'shippo-api-token',
    provider: 'Shippo',
    title: 'Shippo API token',
    pattern: /shippo_(?:live|test)_[a-f0-9]{40}/,
    keywords: ['shippo_live_', 'shippo_test_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SHIPPO_API_TOKEN',
    rotationUrl: 'https://apps.goshippo.com/settings/api',
  },
  {
    id: 'shopify-access-token',
    provider: 'Shopify',
    title: 'Shopify Admin API access token',
    // 32 hex characters until 2024; Shopify then lengthened tokens and secrets to 32–64 letters and digits
    // (shopify.dev/changelog/length-of-the-shopify-access-token-is-increasing).
    pattern: /shp(?:at|ca|pa)_[A-Za-z0-9]{32,64}/,
    keywords: ['shpat_', 'shpca_', 'shppa_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SHOPIFY_ACCESS_TOKEN',
    rotationUrl: 'https://help.shopify.com/en/manual/apps/app-types/custom-apps',
  },
  {
    id: 'shopify-shared-secret',
    provider: 'Shopify',
    title: 'Shopify app shared secret',
    // As access tokens: 32 hex before, 32–64 letters and digits since (shopify.dev/changelog/app-secret-key-length-has-increased).
    pattern: /shpss_[A-Za-z0-9]{32,64}/,
    keywords: ['shpss_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SHOPIFY_API_SECRET',
    rotationUrl: 'https://partners.shopify.com/',
  },
  {
    id: 'square-access-token',
    provider: 'Square',
    title: 'Square access token',
    pattern: /(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})/,
    keywords: ['eaaa', 'sq0atp-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SQUARE_ACCESS_TOKEN',
    rotationUrl: 'https://developer.squareup.com/apps',
  },
  {
    id: 'square-oauth-secret',
    provider: 'Square',
    title: 'Square OAuth application secret',
    // `sq0csp-` in production, `sandbox-sq0csb-` in the sandbox.
    pattern: /sq0cs[pb]-[A-Za-z0-9_-]{43}/,
    keywords: ['sq0csp-', 'sq0csb-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SQUARE_APPLICATION_SECRET',
    rotationUrl: 'https://developer.squareup.com/apps',
  },
  {
    id: 'duffel-api-token',
    provider: 'Duffel',
    title: 'Duffel API token',
    pattern: /duffel_(?:test|live)_[A-Za-z0-9_=-]{43}/,
    keywords: ['duffel_test_', 'duffel_live_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'DUFFEL_ACCESS_TOKEN',
    rotationUrl: 'https://duffel.com/docs/api/overview/making-requests/authentication',
  },
  {
    id: 'plaid-access-token',
    provider: 'Plaid',
    title: 'Plaid access token',
    // `access-<environment>-<UUID>` (Plaid's API reference): the token an Item's data is read with, long-lived.
    pattern: /access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    keywords: ['access-sandbox-', 'access-development-', 'access-production-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'PLAID_ACCESS_TOKEN',
    rotationUrl: 'https://plaid.com/docs/api/items/#itemaccess_tokeninvalidate',
  },
  {
    id: 'paddle-api-key',
    provider: 'Paddle',
    title: 'Paddle API key',
    // Paddle Billing's keys since May 2025: `pdl_`, the environment (`live_`, `sdbx_`), `apikey_`, a ULID (26 lower-case
    // base32), then two runs of letters and digits (22 and 3 in developer.paddle.com's "API key format"; a little slack). Server-side only.
    pattern: /pdl_(?:live_|sdbx_)?apikey_[0-9a-z]{26}_[A-Za-z0-9]{20,32}_[A-Za-z0-9]{3,8}/,
    keywords: ['pdl_live_apikey_', 'pdl_sdbx_apikey_', 'pdl_apikey_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'PADDLE_API_KEY',
    rotationUrl: 'https://developer.paddle.com/api-reference/about/api-keys',
  },
  {
    id: 'mollie-api-key',
    provider: 'Mollie',
    title: 'Mollie API key',
    // `live_` or `test_` and 30 letters and digits (Mollie's API docs): a prefix too common to stand alone, so only in
    // a file that names Mollie (its SDK, its host, a variable), wherever the key sits there.
    pattern: /(?:live|test)_[A-Za-z0-9]{30}/,
    keywords: ['mollie'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'MOLLIE_API_KEY',
    rotationUrl: 'https://my.mollie.com/dashboard/developers/api-keys',
  },
  {
    id: 'adyen-api-key',
    provider: 'Adyen',
    title: 'Adyen API key',
    // A web service user's API key: `AQE` and base64 of the credential, then `-` and the key's check parts (Adyen's
    // "API credentials" pages show `AQEyhmfx…==-y3qz…=-W+t7…`). The `-` after the base64 run sets it apart from
    // any base64 that happens to start with `AQE`.
    pattern: /AQE[A-Za-z0-9+/]{60,200}={0,2}-[A-Za-z0-9+/=_-]{20,120}/,
    keywords: ['aqe'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'ADYEN_API_KEY',
    rotationUrl: 'https://docs.adyen.com/development-resources/api-credentials/#generate-api-key',
  },
  {
    id: 'woocommerce-consumer-secret',
    provider: 'WooCommerce',
    title: 'WooCommerce REST API consumer secret',
    // A store's REST API key pair, made together in WooCommerce > Settings > Advanced > REST API: `ck_` (the consumer
    // key, which names the pair) and `cs_` (the consumer secret), each 40 hexadecimal characters. The secret
    // authenticates every call (Basic auth or OAuth 1.0a signatures) with the key's read/write rights over orders and
    // customers.
    pattern: /cs_[a-f0-9]{40}/,
    keywords: ['cs_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'WOOCOMMERCE_CONSUMER_SECRET',
    rotationUrl: 'https://woocommerce.com/document/woocommerce-rest-api/',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const commerceSamples = (): Record<string, RuleSamples> => ({
  'braintree-access-token': { positives: [(g) => 'access_token$' + 'production$' + g.lowerAlnum(16) + '$' + g.hex(32)], negatives: ['access_token$' + 'production$' + 'merchant'] },
  'braintree-private-key': {
    positives: [(g) => ({ name: 'BRAINTREE_PRIVATE_KEY', value: g.hex(32) }), (g) => ({ name: 'braintreePrivateKey', value: g.hex(32) })],
    // The public key and the merchant id are identifiers, sent with every request; a key of the wrong shape.
    negatives: [{ name: 'BRAINTREE_PUBLIC_KEY', value: 'k7q2m9x4w8z3t6p1' }, { name: 'BRAINTREE_MERCHANT_ID', value: 'f7b3cb83a7fdb915a71ce17ab8a903cc' }, { name: 'braintreePrivateKey', value: 'Q7vK2mX9pL4wZ8tN3bH6sJ1cF5dG0aYe' }],
  },
  'easypost-api-key': { positives: [(g) => 'EZAK' + g.alnum(54)], negatives: ['EZAK' + 'abc'] },
  'flutterwave-secret-key': { positives: [(g) => 'FLWSECK' + '-' + g.hex(32) + '-X'], negatives: ['FLWSECK' + '-xxxx-X'] },
  'razorpay-key-id': { positives: [(g) => 'rzp_' + 'live_' + g.alnum(14), (g) => 'rzp_' + 'test_' + g.alnum(14)], negatives: ['rzp_' + 'live_' + 'x'.repeat(14), 'rzp_' + 'live_' + 'key'] },
  'razorpay-key-secret': { positives: [(g) => ({ name: 'RAZORPAY_KEY_SECRET', value: g.alnum(24) }), (g) => ({ name: 'razorpaySecret', value: g.alnum(24) })], negatives: [{ name: 'RAZORPAY_KEY_SECRET', value: 'your_razorpay_secret_key' }, { name: 'RAZORPAY_WEBHOOK_URL', value: 'Zq7wLk2Rt9Vb4Nm6Xc1Hd8Jf' }] },
  'shippo-api-token': { positives: [(g) => 'shippo_' + 'live_' + g.hex(40)], negatives: ['shippo_' + 'live_' + 'abc'] },
  'shopify-access-token': {
    positives: [(g) => 'shpat_' + g.hex(32), (g) => 'shppa_' + g.hex(32), (g) => 'shpat_' + g.alnum(38), (g) => 'shpca_' + g.alnum(64)],
    negatives: ['shpat_' + 'token', 'shpat_' + 'x'.repeat(40)],
  },
  'shopify-shared-secret': { positives: [(g) => 'shpss_' + g.hex(32), (g) => 'shpss_' + g.alnum(40)], negatives: ['shpss_' + 'secret', 'shpss_' + '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d'] },
  'square-access-token': { positives: [(g) => 'EAAA' + g.b64url(60), (g) => 'sq0atp-' + g.b64url(22)], negatives: ['EAAA' + 'short'] },
  'square-oauth-secret': { positives: [(g) => 'sq0csp-' + g.b64url(43), (g) => 'sq0csb-' + g.b64url(43)], negatives: ['sq0csp-' + 'abc', 'sq0csx-' + 'Vb3kQ9mZ2pX7vL4wR8tN1bH6sJ0cF5dG3aKx7Lq2Vm9'] },
  'duffel-api-token': { positives: [(g) => 'duffel_' + 'live_' + g.b64url(43), (g) => 'duffel_' + 'test_' + g.b64url(43)], negatives: ['duffel_' + 'test_' + 'x'.repeat(43)] },
  'plaid-access-token': {
    positives: [(g) => 'access-production-' + g.uuid(), (g) => ({ name: 'PLAID_ACCESS_TOKEN', value: 'access-sandbox-' + g.uuid() })],
    negatives: ['access-sandbox-' + '00000000-0000-0000-0000-000000000000', 'access-production-' + 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', 'public-sandbox-' + '5c224a01-8314-4491-a06f-39e193d5cddc'],
  },
  'paddle-api-key': {
    positives: [(g) => 'pdl_' + 'live_apikey_' + g.chars('0123456789abcdefghjkmnpqrstvwxyz', 26) + '_' + g.alnum(22) + '_' + g.alnum(3), (g) => 'pdl_' + 'sdbx_apikey_' + g.chars('0123456789abcdefghjkmnpqrstvwxyz', 26) + '_' + g.alnum(22) + '_' + g.alnum(3)],
    negatives: ['pdl_' + 'live_apikey_' + 'x'.repeat(26) + '_' + 'x'.repeat(22) + '_xxx', 'pdl_' + 'live_apikey_' + '01gtgztp8f4kek3yd4g1wrksa3'],
  },
  'mollie-api-key': {
    positives: [(g) => ({ name: 'MOLLIE_API_KEY', value: 'live_' + g.alnum(30) }), (g) => ({ name: 'mollieKey', value: 'test_' + g.alnum(30) })],
    negatives: ['live_' + 'x'.repeat(30), 'test_' + 'mollie_api_key_goes_here_thanks', 'live_' + '123456789012345678901234567890'],
  },
  'adyen-api-key': {
    positives: [(g) => 'AQE' + g.base64(100) + '=-' + g.alnum(30), (g) => 'AQE' + g.base64(90) + '==-' + g.base64(43) + '=-' + g.alnum(12)],
    negatives: ['AQE' + 'abc' + '-short', 'AQE' + 'A'.repeat(80) + '-' + 'A'.repeat(30)],
  },
  'woocommerce-consumer-secret': {
    positives: [(g) => 'cs_' + g.hex(40)],
    // The consumer key (it names the pair), a placeholder, and `cs_` inside a longer word.
    negatives: ['ck_' + '3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39', 'cs_' + 'x'.repeat(40), 'docs_' + '3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39'],
  },
});
