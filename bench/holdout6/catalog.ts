/**
 * What the holdout6 corpus plants: provider keys, generic secrets and negatives of a consumer fintech (neobank,
 * brokerage, crypto wallet). Shapes follow each provider's public documentation as the author knows it; every value
 * is random. `names` are space-separated words that a placement turns into its own case (PLAID_SECRET, plaidSecret…).
 */
import type { Rng, Shapes } from './rng';

/** How a value may be written: a placement accepts only the shapes its syntax can hold honestly. */
export type Shape = 'token' | 'url' | 'pem' | 'phrase' | 'password';

export interface Spec {
  kind: string;
  provider?: string;
  cls?: 'prefixed' | 'context';
  names: string[];
  shape: Shape;
  /** API host the key is sent to, for placements where only the URL or call names the provider. */
  host?: string;
  gen: (s: Shapes, r: Rng) => string;
}

const p = (provider: string, cls: 'prefixed' | 'context', names: string[], gen: Spec['gen'], host?: string): Spec => ({
  kind: provider,
  provider,
  cls,
  names,
  shape: names.some((x) => x.endsWith('url') || x.endsWith('webhook')) ? 'url' : 'token',
  host,
  gen,
});

export const PROVIDERS: Spec[] = [
  // payments and card issuing
  p('Stripe secret key', 'prefixed', ['stripe secret key', 'stripe api key', 'stripe key'], (s) => 'sk_live_' + s.an(24 + 75 * (s.digits(1) > '5' ? 1 : 0)), 'api.stripe.com'),
  p('Stripe restricted key', 'prefixed', ['stripe restricted key', 'stripe reporting key'], (s) => 'rk_live_' + s.an(24), 'api.stripe.com'),
  p('Stripe webhook secret', 'prefixed', ['stripe webhook secret', 'stripe endpoint secret'], (s) => 'whsec_' + s.an(32)),
  p('Adyen API key', 'context', ['adyen api key', 'adyen x api key'], (s) => 'AQE' + s.b64(90) + '-' + s.b64url(43) + '=-' + s.an(12), 'checkout-test.adyen.com'),
  p('Adyen HMAC key', 'context', ['adyen hmac key', 'adyen notification hmac'], (s) => s.HEX(64)),
  p('Checkout.com secret key', 'prefixed', ['checkout secret key', 'cko secret key'], (s) => 'sk_sbox_' + s.lc(26), 'api.sandbox.checkout.com'),
  p('Square access token', 'prefixed', ['square access token'], (s) => 'EAAA' + s.b64url(60), 'connect.squareup.com'),
  p('PayPal Braintree access token', 'prefixed', ['braintree access token', 'paypal access token'], (s) => `access_token$production$${s.lc(16)}$${s.hex(32)}`),
  p('Braintree private key', 'context', ['braintree private key'], (s) => s.hex(32)),
  p('Wise API token', 'context', ['wise api token', 'transferwise token'], (s) => s.uuid(), 'api.transferwise.com'),
  p('Marqeta admin access token', 'context', ['marqeta admin access token', 'marqeta access token'], (s) => s.uuid(), 'sandbox-api.marqeta.com'),
  p('Lithic API key', 'context', ['lithic api key'], (s) => s.uuid(), 'api.lithic.com'),
  p('Unit API token', 'prefixed', ['unit api token', 'unit org token'], (s) => 'v2.public.' + s.b64url(220)),
  p('GoCardless access token', 'prefixed', ['gocardless access token'], (s) => 'live_' + s.b64url(40), 'api.gocardless.com'),
  p('Mollie API key', 'prefixed', ['mollie api key'], (s) => 'live_' + s.an(30), 'api.mollie.com'),
  p('Razorpay key secret', 'context', ['razorpay key secret', 'razorpay secret'], (s) => s.an(24)),
  p('Dwolla client secret', 'context', ['dwolla secret', 'dwolla client secret'], (s) => s.an(50)),
  p('Paystack secret key', 'prefixed', ['paystack secret key'], (s) => 'sk_live_' + s.hex(40), 'api.paystack.co'),
  p('Flutterwave secret key', 'prefixed', ['flutterwave secret key', 'flw secret key'], (s) => 'FLWSECK-' + s.hex(32) + '-X'),
  p('Currencycloud API key', 'context', ['currencycloud api key'], (s) => s.hex(64)),
  // open banking and aggregation
  p('Plaid secret', 'context', ['plaid secret', 'plaid client secret'], (s) => s.hex(30), 'production.plaid.com'),
  p('Plaid access token', 'prefixed', ['plaid access token', 'item access token'], (s) => 'access-production-' + s.uuid()),
  p('TrueLayer client secret', 'context', ['truelayer client secret'], (s) => s.uuid()),
  p('MX Platform API key', 'context', ['mx api key', 'mx platform api key'], (s) => s.hex(40), 'int-api.mx.com'),
  p('Finicity app key', 'context', ['finicity app key'], (s) => s.hex(32), 'api.finicity.com'),
  // KYC / AML / fraud
  p('Onfido API token', 'prefixed', ['onfido api token', 'onfido token'], (s) => 'api_live.' + s.b64url(11) + '.' + s.b64url(32), 'api.eu.onfido.com'),
  p('Persona API key', 'prefixed', ['persona api key'], (s) => 'persona_production_' + s.uuid(), 'withpersona.com'),
  p('Sumsub app token', 'prefixed', ['sumsub app token'], (s) => 'prd:' + s.an(24) + '.' + s.an(32)),
  p('Sumsub secret key', 'context', ['sumsub secret key'], (s) => s.an(32)),
  p('Jumio API secret', 'context', ['jumio api secret', 'jumio secret'], (s) => s.an(32)),
  p('Alloy workflow secret', 'context', ['alloy workflow secret', 'alloy secret'], (s) => s.an(32), 'api.alloy.co'),
  p('ComplyAdvantage API key', 'context', ['complyadvantage api key', 'ca api key'], (s) => s.an(32), 'api.complyadvantage.com'),
  p('Sardine client secret', 'context', ['sardine client secret'], (s) => s.uuid()),
  p('Sift API key', 'context', ['sift api key', 'sift rest key'], (s) => s.hex(32), 'api.sift.com'),
  p('Chainalysis API key', 'context', ['chainalysis api key', 'kyt api key'], (s) => s.hex(64), 'api.chainalysis.com'),
  // market data and brokerage
  p('Alpaca API secret', 'context', ['alpaca secret key', 'apca api secret key'], (s) => s.an(40), 'paper-api.alpaca.markets'),
  p('Polygon.io API key', 'context', ['polygon api key'], (s) => s.an(32), 'api.polygon.io'),
  p('IEX Cloud secret token', 'prefixed', ['iex secret token', 'iex token'], (s) => 'sk_' + s.hex(32), 'cloud.iexapis.com'),
  p('Alpha Vantage API key', 'context', ['alphavantage api key', 'alpha vantage key'], (s) => s.uc(16), 'www.alphavantage.co'),
  p('Finnhub API key', 'context', ['finnhub api key', 'finnhub token'], (s) => s.lc(20), 'finnhub.io'),
  p('Twelve Data API key', 'context', ['twelvedata api key'], (s) => s.hex(32), 'api.twelvedata.com'),
  p('Tiingo API token', 'context', ['tiingo api token', 'tiingo token'], (s) => s.hex(40), 'api.tiingo.com'),
  p('Nasdaq Data Link API key', 'context', ['quandl api key', 'nasdaq data link api key'], (s) => s.an(20), 'data.nasdaq.com'),
  p('Open Exchange Rates app id', 'context', ['openexchangerates app id', 'oxr app id'], (s) => s.hex(32), 'openexchangerates.org'),
  // crypto exchanges, custody and nodes
  p('Binance API secret', 'context', ['binance api secret', 'binance secret key'], (s) => s.an(64), 'api.binance.com'),
  p('Kraken private key', 'context', ['kraken private key', 'kraken api secret'], (s) => s.bytes64(64), 'api.kraken.com'),
  p('Coinbase API secret', 'context', ['coinbase api secret'], (s) => s.an(32), 'api.coinbase.com'),
  p('Gemini API secret', 'context', ['gemini api secret'], (s) => s.b58(28), 'api.gemini.com'),
  p('OKX secret key', 'context', ['okx secret key', 'okx api secret'], (s) => s.HEX(32), 'www.okx.com'),
  p('Infura project secret', 'context', ['infura project secret', 'infura secret'], (s) => s.hex(32)),
  p('Infura API key', 'context', ['infura api key', 'infura project id'], (s) => s.hex(32), 'mainnet.infura.io'),
  p('Alchemy API key', 'context', ['alchemy api key', 'alchemy key'], (s) => s.b64url(32), 'eth-mainnet.g.alchemy.com'),
  p('QuickNode endpoint token', 'context', ['quicknode token', 'quicknode endpoint token'], (s) => s.hex(40)),
  p('Etherscan API key', 'context', ['etherscan api key'], (s) => s.uc(34), 'api.etherscan.io'),
  p('BitGo access token', 'prefixed', ['bitgo access token', 'bitgo token'], (s) => 'v2x' + s.hex(64), 'app.bitgo.com'),
  p('Fireblocks API key', 'context', ['fireblocks api key'], (s) => s.uuid(), 'api.fireblocks.io'),
  // messaging
  p('Twilio auth token', 'context', ['twilio auth token'], (s) => s.hex(32), 'api.twilio.com'),
  p('Twilio API key secret', 'context', ['twilio api secret', 'twilio api key secret'], (s) => s.an(32)),
  p('SendGrid API key', 'prefixed', ['sendgrid api key'], (s) => 'SG.' + s.b64url(22) + '.' + s.b64url(43), 'api.sendgrid.com'),
  p('Mailgun API key', 'prefixed', ['mailgun api key'], (s) => 'key-' + s.hex(32), 'api.mailgun.net'),
  p('Postmark server token', 'context', ['postmark server token', 'postmark token'], (s) => s.uuid(), 'api.postmarkapp.com'),
  p('Mailchimp API key', 'prefixed', ['mailchimp api key'], (s) => s.hex(32) + '-us' + s.digits(2)),
  p('Mandrill API key', 'context', ['mandrill api key'], (s) => s.b64url(22), 'mandrillapp.com'),
  p('Resend API key', 'prefixed', ['resend api key'], (s) => 're_' + s.an(8) + '_' + s.an(24), 'api.resend.com'),
  p('Vonage API secret', 'context', ['vonage api secret', 'nexmo api secret'], (s) => s.an(16)),
  p('Plivo auth token', 'context', ['plivo auth token'], (s) => s.an(40)),
  p('Telnyx API key', 'prefixed', ['telnyx api key'], (s) => 'KEY' + s.HEX(32) + '_' + s.an(22), 'api.telnyx.com'),
  p('MessageBird access key', 'context', ['messagebird access key', 'bird access key'], (s) => s.an(25), 'rest.messagebird.com'),
  p('Telegram bot token', 'prefixed', ['telegram bot token', 'alerts bot token'], (s) => s.digits(10) + ':AA' + s.b64url(33), 'api.telegram.org'),
  p('Slack bot token', 'prefixed', ['slack bot token', 'slack token'], (s) => `xoxb-${s.digits(11)}-${s.digits(13)}-${s.an(24)}`, 'slack.com'),
  p('Slack webhook URL', 'prefixed', ['slack webhook url', 'slack alerts webhook'], (s) => `https://hooks.slack.com/services/T${s.uc(8)}/B${s.uc(10)}/${s.an(24)}`),
  p('Microsoft Teams webhook URL', 'prefixed', ['teams webhook url', 'teams incoming webhook'], (s) => `https://neobank.webhook.office.com/webhookb2/${s.uuid()}@${s.uuid()}/IncomingWebhook/${s.hex(32)}/${s.uuid()}`),
  // identity
  p('Auth0 client secret', 'context', ['auth0 client secret'], (s) => s.b64url(64)),
  p('Okta API token', 'context', ['okta api token', 'okta ssws token'], (s) => '00' + s.b64url(40)),
  p('Google OAuth client secret', 'prefixed', ['google client secret', 'google oauth client secret'], (s) => 'GOCSPX-' + s.b64url(28)),
  p('Stytch secret', 'prefixed', ['stytch secret'], (s) => 'secret-live-' + s.b64url(36), 'api.stytch.com'),
  p('Clerk secret key', 'prefixed', ['clerk secret key'], (s) => 'sk_live_' + s.an(48), 'api.clerk.com'),
  p('Duo integration secret key', 'context', ['duo secret key', 'duo skey'], (s) => s.an(40)),
  // cloud and infra
  // AWS key ids are base32: A-Z and 2-7 only.
  p('AWS access key id', 'prefixed', ['aws access key id'], (s) => 'AKIA' + s.b32(16)),
  p('AWS secret access key', 'context', ['aws secret access key'], (s) => s.b64(40)),
  p('Google API key', 'prefixed', ['google api key', 'gcp api key', 'maps server key'], (s) => 'AIza' + s.b64url(35), 'maps.googleapis.com'),
  p('Azure storage account key', 'context', ['azure storage key', 'storage account key'], (s) => s.bytes64(64)),
  p('Azure AD client secret', 'prefixed', ['azure client secret', 'entra client secret'], (s) => s.an(3) + '8Q~' + s.b64url(34).replace(/-/g, '.')),
  p('DigitalOcean token', 'prefixed', ['digitalocean token', 'do token'], (s) => 'dop_v1_' + s.hex(64), 'api.digitalocean.com'),
  p('Cloudflare API token', 'context', ['cloudflare api token', 'cf api token'], (s) => s.b64url(40), 'api.cloudflare.com'),
  p('Heroku API key', 'prefixed', ['heroku api key'], (s) => 'HRKU-AA' + s.b64url(58), 'api.heroku.com'),
  p('Vercel token', 'context', ['vercel token'], (s) => s.an(24), 'api.vercel.com'),
  p('Netlify token', 'prefixed', ['netlify auth token'], (s) => 'nfp_' + s.an(36)),
  p('Fly.io token', 'prefixed', ['fly api token'], (s) => 'fo1_' + s.b64url(43)),
  p('Databricks token', 'prefixed', ['databricks token'], (s) => 'dapi' + s.hex(32)),
  p('MongoDB Atlas private key', 'context', ['atlas private key', 'mongodb atlas private key'], (s) => s.uuid(), 'cloud.mongodb.com'),
  p('Supabase secret key', 'prefixed', ['supabase secret key', 'supabase service key'], (s) => 'sb_secret_' + s.b64url(31)),
  p('PlanetScale password', 'prefixed', ['planetscale password'], (s) => 'pscale_pw_' + s.b64url(43)),
  p('Upstash REST token', 'context', ['upstash redis rest token'], (s) => 'A' + s.b64url(59) + '='),
  p('Doppler service token', 'prefixed', ['doppler token'], (s) => 'dp.st.prd.' + s.an(40)),
  p('HashiCorp Vault token', 'prefixed', ['vault token'], (s) => 'hvs.' + s.b64url(24)),
  p('Terraform Cloud token', 'prefixed', ['tfe token', 'terraform cloud token'], (s) => s.an(14) + '.atlasv1.' + s.an(67)),
  p('Pulumi access token', 'prefixed', ['pulumi access token'], (s) => 'pul-' + s.hex(40)),
  p('Tailscale auth key', 'prefixed', ['tailscale auth key', 'ts authkey'], (s) => `tskey-auth-${s.an(16)}-${s.an(32)}`),
  p('age secret key', 'prefixed', ['sops age key', 'age secret key'], (s) => 'AGE-SECRET-KEY-1' + s.b32(58).replace(/[1bio]/gi, 'Q')),
  p('Deno Deploy token', 'prefixed', ['deno deploy token'], (s) => 'ddp_' + s.an(36)),
  // code, CI and packages
  p('GitHub token', 'prefixed', ['github token', 'gh token'], (s) => 'ghp_' + s.an(36), 'api.github.com'),
  p('GitHub fine-grained token', 'prefixed', ['github pat'], (s) => 'github_pat_' + s.an(22) + '_' + s.an(59)),
  p('GitLab token', 'prefixed', ['gitlab token', 'gitlab private token'], (s) => 'glpat-' + s.b64url(20), 'gitlab.com'),
  p('CircleCI token', 'prefixed', ['circleci token', 'circle token'], (s) => 'CCIPAT_' + s.an(22) + '_' + s.hex(40)),
  p('Buildkite API token', 'prefixed', ['buildkite api token'], (s) => 'bkua_' + s.hex(40)),
  p('npm token', 'prefixed', ['npm token'], (s) => 'npm_' + s.an(36)),
  p('PyPI token', 'prefixed', ['pypi token', 'twine password'], (s) => 'pypi-AgEIcHlwaS5vcmc' + s.b64url(120)),
  p('Docker Hub token', 'prefixed', ['docker hub token', 'dockerhub pat'], (s) => 'dckr_pat_' + s.b64url(27)),
  p('JFrog API key', 'prefixed', ['artifactory api key', 'jfrog api key'], (s) => 'AKCp' + s.an(69)),
  p('SonarCloud token', 'prefixed', ['sonar token'], (s) => 'sqp_' + s.hex(40)),
  p('Snyk token', 'context', ['snyk token'], (s) => s.uuid(), 'api.snyk.io'),
  p('Codecov token', 'context', ['codecov token'], (s) => s.uuid()),
  p('Postman API key', 'prefixed', ['postman api key'], (s) => `PMAK-${s.hex(24)}-${s.hex(34)}`, 'api.getpostman.com'),
  // observability
  p('Datadog API key', 'context', ['datadog api key', 'dd api key'], (s) => s.hex(32), 'api.datadoghq.eu'),
  p('Datadog application key', 'context', ['datadog app key', 'dd application key'], (s) => s.hex(40)),
  p('New Relic user key', 'prefixed', ['new relic api key', 'newrelic user key'], (s) => 'NRAK-' + s.uc(27), 'api.newrelic.com'),
  p('New Relic license key', 'prefixed', ['new relic license key'], (s) => s.hex(36) + 'NRAL'),
  p('Sentry auth token', 'prefixed', ['sentry auth token'], (s) => 'sntryu_' + s.hex(64), 'sentry.io'),
  p('PagerDuty API key', 'context', ['pagerduty api key', 'pd api token'], (s) => s.b64url(20).replace(/-/g, '+'), 'api.pagerduty.com'),
  p('PagerDuty routing key', 'context', ['pagerduty routing key', 'pd integration key'], (s) => s.hex(32), 'events.pagerduty.com'),
  p('Grafana service account token', 'prefixed', ['grafana token', 'grafana sa token'], (s) => `glsa_${s.an(32)}_${s.hex(8)}`),
  p('Grafana Cloud token', 'prefixed', ['grafana cloud token'], (s) => 'glc_' + s.bytes64(60).replace(/=+$/, '')),
  p('Honeycomb API key', 'context', ['honeycomb api key', 'honeycomb write key'], (s) => s.an(22), 'api.honeycomb.io'),
  p('Splunk HEC token', 'context', ['splunk hec token'], (s) => s.uuid()),
  p('Rollbar access token', 'context', ['rollbar access token'], (s) => s.hex(32), 'api.rollbar.com'),
  p('Opsgenie API key', 'context', ['opsgenie api key'], (s) => s.uuid(), 'api.opsgenie.com'),
  // AI
  p('OpenAI API key', 'prefixed', ['openai api key'], (s) => 'sk-proj-' + s.b64url(156), 'api.openai.com'),
  p('Anthropic API key', 'prefixed', ['anthropic api key'], (s) => 'sk-ant-api03-' + s.b64url(93) + 'AA', 'api.anthropic.com'),
  p('Cohere API key', 'context', ['cohere api key'], (s) => s.an(40), 'api.cohere.ai'),
  // Hugging Face user access tokens are hf_ and 34 letters, no digits.
  p('Hugging Face token', 'prefixed', ['hf token', 'huggingface token'], (_s, r) => 'hf_' + r.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 34)),
  p('Mistral API key', 'context', ['mistral api key'], (s) => s.an(32), 'api.mistral.ai'),
  p('Replicate API token', 'prefixed', ['replicate api token'], (s) => 'r8_' + s.an(37)),
  p('Pinecone API key', 'prefixed', ['pinecone api key'], (s) => 'pcsk_' + s.an(6) + '_' + s.an(63)),
  // analytics, flags, support, product tools
  p('Mixpanel API secret', 'context', ['mixpanel api secret', 'mixpanel secret'], (s) => s.hex(32)),
  p('Amplitude secret key', 'context', ['amplitude secret key'], (s) => s.hex(32)),
  p('PostHog personal API key', 'prefixed', ['posthog personal api key'], (s) => 'phx_' + s.an(43)),
  p('Braze REST API key', 'context', ['braze api key', 'braze rest api key'], (s) => s.uuid(), 'rest.fra-01.braze.eu'),
  p('LaunchDarkly SDK key', 'prefixed', ['launchdarkly sdk key', 'ld sdk key'], (s) => 'sdk-' + s.uuid()),
  p('Statsig server secret', 'prefixed', ['statsig server secret'], (s) => 'secret-' + s.an(43)),
  p('Intercom access token', 'context', ['intercom access token'], (s) => s.bytes64(45), 'api.intercom.io'),
  p('Zendesk API token', 'context', ['zendesk api token'], (s) => s.an(40)),
  p('Freshdesk API key', 'context', ['freshdesk api key'], (s) => s.an(20)),
  p('Atlassian API token', 'prefixed', ['jira api token', 'atlassian api token'], (s) => 'ATATT3xFfGF0' + s.b64url(170) + '=' + s.HEX(8)),
  p('Linear API key', 'prefixed', ['linear api key'], (s) => 'lin_api_' + s.an(40), 'api.linear.app'),
  p('Notion integration token', 'prefixed', ['notion token', 'notion integration secret'], (s) => 'secret_' + s.an(43), 'api.notion.com'),
  p('Algolia admin API key', 'context', ['algolia admin key', 'algolia admin api key'], (s) => s.hex(32)),
  p('Mapbox secret token', 'prefixed', ['mapbox secret token'], (s) => 'sk.eyJ1Ijoi' + s.b64url(60) + '.' + s.b64url(22)),
  p('Cloudinary API secret', 'context', ['cloudinary api secret'], (s) => s.b64url(27)),
  p('Ably API key', 'prefixed', ['ably api key'], (s) => `${s.b64url(6)}.${s.b64url(6)}:${s.b64url(43)}`),
  p('Pusher secret', 'context', ['pusher secret', 'pusher app secret'], (s) => s.hex(20)),
  p('Firebase Cloud Messaging server key', 'prefixed', ['fcm server key', 'firebase server key'], (s) => `AAAA${s.b64url(7)}:APA91b${s.b64url(134)}`, 'fcm.googleapis.com'),
];

const g = (kind: string, names: string[], shape: Shape, gen: Spec['gen']): Spec => ({ kind, names, shape, gen });

const WORDS = ['harbor', 'ledger', 'copper', 'maple', 'falcon', 'orbit', 'velvet', 'cinder', 'marble', 'tundra', 'saffron', 'glacier', 'pepper', 'quartz', 'meadow', 'walnut'];
const BIP39 = 'abandon ability absorb abstract acid acoustic adapt admit adult advice afford agent airport alarm album alley alpha amount anchor ankle antique anxiety apart april arch arctic arena armor arrow artist asthma atom auction autumn avocado awake axis bacon badge balcony bamboo banner barrel basket battle beach beauty behave bench betray bicycle biology blanket blossom board bonus border bottom brave bridge brisk bronze bubble budget buffalo bullet bundle burger cabin cactus camera canal candy canvas carbon cargo carpet castle catalog cattle ceiling cement cereal chalk champion chapter cherry chimney cinnamon circle citizen clever cliff clinic clock cluster coach coconut coffee comic convince copper coral cotton couch cradle crater credit cricket crystal cupboard curtain cushion damp dawn debris decade deposit desert dial diamond dinosaur divorce dolphin donkey dragon drama drift eagle earth echo eclipse elbow elegant elephant ember emerge empower enforce engine enrich envelope episode equip erode essay eternal evoke exhaust exotic fabric faculty falcon fancy fatigue feather fence festival fiction filter fiscal flavor fluid foam fossil fragile frost fury galaxy garlic gauge genius giraffe glimpse glove gospel gravity grocery guitar habit hammer harvest hazard helmet hobby holiday honey horizon hurdle icon identify igloo immune index infant inhale insect jaguar jealous jungle kangaroo kettle kidney kitchen ladder lantern laptop lecture lemon leopard library lizard lobster lottery lumber lunar magnet mammal mango marble meadow melody mercy method midnight mirror monkey mosquito muffin museum napkin narrow nephew noble nugget oak obey ocean olive orbit orchard ostrich oxygen oyster paddle panther parrot peanut pelican pencil pepper pigeon pistol planet plastic pony powder praise pudding pumpkin puzzle pyramid quantum quarter rabbit raccoon radar raven razor recipe reunion rhythm ribbon rocket rubber saddle salmon satoshi scatter scorpion sculpture segment shadow sheriff shrimp silver siren skeleton slogan sniff soccer spider spiral squirrel stadium sunset swallow symbol tackle talent tattoo tenant thunder tobacco toddler tornado tortoise trophy tumble tunnel turtle twilight umbrella unicorn uphold vacuum valley vapor velvet venture vessel violin volcano voyage walnut wedding whale window wisdom wrestle yellow zebra'.split(' ');

const PASSWORD_SYMBOLS = '!*-_.~';
const pem = (label: string, body: string): string => {
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
};

export const GENERIC: Spec[] = [
  g('human password', ['db password', 'admin password', 'smtp password', 'ldap bind password'], 'password', (s, r) => {
    const w = r.pick(WORDS);
    return w[0]!.toUpperCase() + w.slice(1) + r.pick(['!', '*', '.', '_']) + r.pick(WORDS) + s.digits(4);
  }),
  g('random password', ['postgres password', 'mysql root password', 'redis password', 'rabbitmq password', 'keystore password'], 'password', (s, r) => {
    let out = s.an(20);
    for (let i = 0; i < 3; i++) {
      const at = r.int(1, out.length - 1);
      out = out.slice(0, at) + r.pick(PASSWORD_SYMBOLS.split('')) + out.slice(at);
    }
    return out;
  }),
  g('postgres URL with password', ['database url', 'ledger db url', 'sqlalchemy database uri'], 'url', (s, r) => `postgresql://ledger_svc:${s.an(22)}@${r.pick(['ledger-db.internal', 'pg-primary.neobank.internal', 'risk-db.c9akciq32.eu-west-1.rds.amazonaws.com'])}:5432/${r.pick(['ledger', 'risk', 'payments'])}`),
  g('MySQL URL with password', ['mysql url', 'legacy db url'], 'url', (s) => `mysql://cards_ro:${s.an(18)}@cards-mysql.internal:3306/cards`),
  g('MongoDB SRV URL with password', ['mongo uri', 'mongodb uri'], 'url', (s) => `mongodb+srv://kyc-app:${s.an(20)}@kyc-cluster.${s.lc(5)}.mongodb.net/kyc?retryWrites=true&w=majority`),
  g('Redis URL with password', ['redis url', 'cache url'], 'url', (s) => `rediss://default:${s.an(32)}@cache-${s.lc(6)}.neobank.internal:6380/0`),
  g('AMQP URL with password', ['amqp url', 'broker url', 'celery broker url'], 'url', (s) => `amqps://settlement:${s.an(24)}@mq.neobank.internal:5671/payments`),
  g('basic auth in URL', ['registry url', 'nexus url', 'upstream url'], 'url', (s) => `https://deploy-bot:${s.an(24)}@nexus.neobank.internal/repository/npm-private/`),
  g('JDBC URL with password', ['jdbc url', 'warehouse jdbc url'], 'url', (s) => `jdbc:postgresql://dwh.neobank.internal:5432/analytics?user=etl&password=${s.an(20)}&ssl=true`),
  g('session secret', ['session secret', 'express session secret'], 'token', (s) => s.an(48)),
  g('cookie signing secret', ['cookie secret', 'cookie signing key'], 'token', (s) => s.hex(64)),
  g('JWT signing secret', ['jwt secret', 'jwt signing key', 'access token secret'], 'token', (s) => s.bytes64(32)),
  g('internal webhook signing secret', ['webhook signing secret', 'ledger webhook secret'], 'token', (s) => s.hex(40)),
  g('AES key (hex)', ['encryption key', 'pii encryption key', 'card data key'], 'token', (s) => s.hex(64)),
  g('AES key (base64)', ['field encryption key', 'master key', 'data encryption key'], 'token', (s) => s.bytes64(32)),
  g('Fernet key', ['fernet key', 'token encryption key'], 'token', (s) => s.bytes64url(32)),
  g('RSA private key PEM', ['signing private key', 'private key', 'jwt private key'], 'pem', (s) => pem('RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA' + s.b64(1570))),
  g('EC private key PEM', ['ec private key', 'apple pay merchant key', 'apns auth key'], 'pem', (s) => pem('EC PRIVATE KEY', 'MHcCAQEEI' + s.b64(141) + '==')),
  g('OpenSSH private key', ['deploy key', 'ssh private key'], 'pem', (s) => pem('OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW' + s.b64(330))),
  g('PKCS8 private key in base64', ['private key b64', 'signing key base64'], 'token', (s) =>
    Buffer.from(pem('PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' + s.b64(1590)) + '\n').toString('base64')),
  g('wallet mnemonic', ['wallet mnemonic', 'seed phrase', 'hot wallet mnemonic'], 'phrase', (_s, r) =>
    Array.from({ length: r.pick([12, 24]) }, () => r.pick(BIP39)).join(' ')),
  g('Ethereum private key', ['wallet private key', 'deployer private key', 'signer private key'], 'token', (s) => '0x' + s.hex(64)),
  g('Bitcoin WIF private key', ['btc wif', 'hot wallet wif'], 'token', (s, r) => r.pick(['K', 'L']) + s.b58(51)),
  g('HSM partition PIN', ['hsm pin', 'cloudhsm password', 'hsm crypto user password'], 'password', (s) => s.an(14) + '.' + s.digits(3)),
  g('KMS data key plaintext', ['kms plaintext data key', 'data key plaintext'], 'token', (s) => s.bytes64(32)),
  g('opaque bearer token', ['service token', 'internal api token', 'admin token'], 'token', (s) => s.b64url(40)),
  g('internal HMAC secret', ['hmac secret', 'signing secret', 'request signing key'], 'token', (s) => s.bytes64url(48)),
  g('TOTP seed', ['totp secret', 'mfa seed', 'otp secret'], 'token', (s) => s.b32(32)),
  g('Django-style secret key', ['secret key', 'django secret key', 'superset secret key'], 'token', (_s, r) =>
    r.from('abcdefghijklmnopqrstuvwxyz0123456789!%^&*(-_=+)', 50).replace(/^[^a-z0-9]/, 'x')),
  g('Rails master key', ['rails master key'], 'token', (s) => s.hex(32)),
  g('GPG passphrase', ['gpg passphrase', 'signing passphrase'], 'password', (s, r) => `${r.pick(WORDS)}-${r.pick(WORDS)}-${r.pick(WORDS)}-${s.digits(3)}-${r.pick(WORDS)}`),
  g('SFTP password', ['sftp password', 'bacs sftp password'], 'password', (s) => s.an(12) + '_' + s.an(6)),
];

const n = (kind: string, names: string[], shape: Shape, gen: Spec['gen']): Spec => ({ kind, names, shape, gen });
const anyName = ['stripe secret key', 'plaid secret', 'api key', 'auth token', 'client secret', 'db password', 'webhook secret', 'access token', 'secret'];

export const NEGATIVES: Spec[] = [
  n('placeholder in angle brackets', anyName, 'token', (_s, r) => r.pick(['<your-api-key>', '<PLAID_SECRET>', '<insert token here>', '<redacted>'])),
  n('YOUR_..._HERE placeholder', anyName, 'token', (_s, r) => r.pick(['YOUR_API_KEY_HERE', 'your-secret-here', 'REPLACE_ME', 'TODO_SET_ME'])),
  n('x-run placeholder', anyName, 'token', (_s, r) => r.pick(['xxxxxxxxxxxxxxxxxxxxxxxx', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'XXXX-XXXX-XXXX-XXXX', '************'])),
  n('changeme-style default', ['db password', 'admin password', 'redis password'], 'token', (_s, r) => r.pick(['changeme', 'password', 'postgres', 'admin', 'secret'])),
  n('shell env reference', anyName, 'token', (_s, r) => r.pick(['${STRIPE_SECRET_KEY}', '$PLAID_SECRET', '${DB_PASSWORD:?missing}', '${env:API_TOKEN}'])),
  n('templated secret reference', anyName, 'token', (_s, r) => r.pick(['{{ secrets.STRIPE_KEY }}', '{{ .Values.plaid.secret }}', '{{ vault "payments/stripe" }}', '#{Octopus.Stripe.Key}'])),
  n('secrets manager ARN', anyName, 'token', (s) => `arn:aws:secretsmanager:eu-west-1:${s.digits(12)}:secret:prod/payments/stripe-${s.an(6)}`),
  n('SSM parameter reference', anyName, 'token', (_s, r) => r.pick(['{{resolve:ssm-secure:/prod/plaid/secret:3}}', 'ssm:/neobank/prod/ledger/db-password', '{{resolve:secretsmanager:prod/kyc/onfido:SecretString:token}}'])),
  n('Vault / 1Password reference', anyName, 'token', (_s, r) => r.pick(['vault:secret/data/payments#stripe_key', 'op://Payments/Stripe/secret key', 'ref+vault://secret/data/ledger#password', 'sm://projects/neobank/secrets/plaid-secret/versions/latest'])),
  n('Stripe publishable key', ['stripe publishable key', 'stripe pk'], 'token', (s) => 'pk_live_' + s.an(24)),
  n('PostHog project key', ['posthog key', 'posthog project api key'], 'token', (s) => 'phc_' + s.an(43)),
  n('Mapbox public token', ['mapbox token', 'mapbox access token'], 'token', (s) => 'pk.eyJ1IjoibmVvYmFuayIsImEiOiJ' + s.b64url(20) + '.' + s.b64url(22)),
  n('Algolia search-only key', ['algolia search key', 'algolia search only api key'], 'token', (s) => s.hex(32)),
  n('LaunchDarkly client-side id', ['launchdarkly client side id', 'ld client id'], 'token', (s) => s.hex(24)),
  n('Statsig client key', ['statsig client key'], 'token', (s) => 'client-' + s.an(43)),
  n('Sentry DSN', ['sentry dsn'], 'url', (s) => `https://${s.hex(32)}@o${s.digits(6)}.ingest.de.sentry.io/${s.digits(7)}`),
  n('reCAPTCHA site key', ['recaptcha site key'], 'token', (s) => '6L' + s.b64url(38)),
  n('Google OAuth client id', ['google client id'], 'token', (s) => `${s.digits(12)}-${s.lc(32)}.apps.googleusercontent.com`),
  n('Twilio account SID', ['twilio account sid'], 'token', (s) => 'AC' + s.hex(32)),
  n('Stripe object id', ['customer id', 'payment intent id', 'stripe price id'], 'token', (s, r) => r.pick(['cus_', 'pi_', 'price_', 'acct_']) + s.an(r.pick([14, 24]))),
  n('UUID used as id', ['user id', 'account id', 'tenant id', 'request id'], 'token', (s) => s.uuid()),
  n('IBAN', ['iban', 'settlement iban', 'beneficiary iban'], 'token', (s, r) => r.pick([`GB${s.digits(2)}NWBK${s.digits(14)}`, `DE${s.digits(20)}`, `LT${s.digits(18)}`])),
  n('account and routing number', ['account number', 'routing number', 'sort code'], 'token', (s, r) => r.pick([s.digits(9), s.digits(12), `${s.digits(2)}-${s.digits(2)}-${s.digits(2)}`])),
  n('SWIFT BIC', ['bic', 'swift code'], 'token', (_s, r) => r.pick(['NWBKGB2L', 'DEUTDEFF', 'REVOLT21', 'CHASUS33XXX'])),
  n('LEI / ISIN', ['lei', 'isin', 'counterparty lei'], 'token', (s, r) => r.pick([`5493${s.uc(14)}${s.digits(2)}`, `US${s.digits(9)}${s.digits(1)}`])),
  n('git commit SHA', ['commit sha', 'git sha', 'revision'], 'token', (s) => s.hex(40)),
  n('SRI integrity hash', ['integrity'], 'token', (s) => 'sha512-' + s.bytes64(64)),
  n('sha256 checksum', ['checksum', 'sha256', 'artifact digest'], 'token', (s) => s.hex(64)),
  n('bcrypt hash', ['password hash', 'hashed password'], 'token', (_s, r) => '$2b$12$' + r.from('./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 53)),
  n('Ethereum transaction hash', ['tx hash', 'transaction hash', 'settlement tx'], 'token', (s) => '0x' + s.hex(64)),
  n('Ethereum address', ['wallet address', 'treasury address', 'contract address'], 'token', (s) => '0x' + s.hex(40)),
  n('Bitcoin address', ['btc address', 'deposit address'], 'token', (s) => 'bc1q' + s.lc(38).replace(/[1bio]/g, 'q')),
  n('Solana address', ['sol address', 'fee payer pubkey'], 'token', (s) => s.b58(44)),
  n('xpub extended public key', ['xpub', 'watch only xpub'], 'token', (s) => 'xpub6' + s.b58(106)),
  n('PEM public key', ['public key', 'jwt public key', 'webhook verification key'], 'pem', (s) => pem('PUBLIC KEY', 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' + s.b64(348) + 'IDAQAB')),
  n('PEM certificate', ['certificate', 'ca cert', 'client cert'], 'pem', (s) => pem('CERTIFICATE', 'MIIDdzCCAl+gAwIBAgIE' + s.b64(1100))),
  n('SSH public key', ['deploy public key', 'authorized key'], 'phrase', (s) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${s.b64(43)} ci@neobank`),
  n('CSS class hash', ['class name', 'css class'], 'token', (s, r) => r.pick([`svelte-${s.lc(6)}`, `css-${s.lc(7)}`, `_root_${s.an(5)}_1`])),
  n('base64 image data URI', ['icon', 'logo data uri'], 'token', (s) => 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAA' + s.b64(120) + '=='),
  n('docker image digest', ['image digest', 'image'], 'token', (s) => `sha256:${s.hex(64)}`),
  n('CSP nonce', ['csp nonce', 'nonce'], 'token', (s) => s.bytes64(16)),
  n('idempotency key', ['idempotency key'], 'token', (s, r) => r.pick([s.uuid(), `payout-${s.digits(8)}-${s.lc(6)}`])),
  n('trace / request id', ['trace id', 'x request id', 'correlation id', 'span id'], 'token', (s, r) => r.pick([s.hex(32), `00-${s.hex(32)}-${s.hex(16)}-01`, `req_${s.an(14)}`])),
  n('redacted value', anyName, 'token', (s, r) => r.pick(['sk_live_****************' + s.an(4), '••••••••' + s.digits(4), '[REDACTED]', 'ghp_***', '********'])),
  n('obvious test dummy', anyName, 'token', (_s, r) => r.pick(['test-token-123', 'dummy-secret', 'fake_api_key', 'not-a-real-key', 'sk_test_fake', 'abc123'])),
  n('AWS documentation example key', ['aws access key id', 'aws secret access key'], 'token', (_s, r) => r.pick(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'])),
  n('number under a secret-sounding name', ['password min length', 'token ttl seconds', 'secret rotation days', 'api key max age'], 'token', (_s, r) => r.pick(['12', '3600', '90', '86400'])),
  n('header or field name under a secret-sounding name', ['api key header', 'password field', 'auth token type', 'secret header name'], 'token', (_s, r) => r.pick(['X-Api-Key', 'password', 'Bearer', 'X-Webhook-Signature'])),
  n('secret path under a secret name', ['secret name', 'secret id', 'password secret path'], 'token', (_s, r) => r.pick(['prod/payments/stripe', 'neobank/prod/ledger-db', 'kyc/onfido/api-token'])),
  n('token endpoint URL', ['token url', 'token endpoint', 'auth token url'], 'url', (_s, r) => r.pick(['https://auth.neobank.example/oauth/token', 'https://production.plaid.com/link/token/create'])),
  n('empty or null value', anyName, 'token', (_s, r) => r.pick(['', 'null', 'None', 'undefined'])),
  n('test card number', ['card number', 'test pan'], 'token', (_s, r) => r.pick(['4242424242424242', '4000056655665556', '5555555555554444'])),
  n('analytics measurement id', ['measurement id', 'gtm id'], 'token', (s) => 'G-' + s.uc(10)),
  n('semver / build id', ['build id', 'version', 'release'], 'token', (s) => `2.${s.digits(2)}.${s.digits(1)}-rc.${s.digits(1)}+build.${s.hex(7)}`),
  n('ISO 20022 message id', ['msg id', 'end to end id', 'instruction id'], 'token', (s) => `NEOB${s.digits(8)}${s.uc(6)}`),
  n('Apple team id / bundle id', ['team id', 'bundle id'], 'token', (s, r) => r.pick([s.uc(10), 'com.neobank.wallet.ios'])),
  n('AWS role ARN', ['role arn', 'execution role'], 'token', (s) => `arn:aws:iam::${s.digits(12)}:role/ledger-task-role`),
  n('KMS key id', ['kms key id', 'kms key arn'], 'token', (s) => `arn:aws:kms:eu-west-1:${s.digits(12)}:key/${s.uuid()}`),
  n('Infra resource reference', anyName, 'token', (_s, r) => r.pick(['var.db_password', 'aws_secretsmanager_secret_version.stripe.secret_string', 'module.rds.master_password', 'local.api_key'])),
  n('JSON web key set URL', ['jwks uri', 'issuer'], 'url', () => 'https://auth.neobank.example/.well-known/jwks.json'),
  n('connection string without password', ['database url', 'redis url'], 'url', (_s, r) => r.pick(['postgresql://ledger_svc@localhost:5432/ledger', 'redis://localhost:6379/0', 'postgresql://ledger_svc:${DB_PASSWORD}@db:5432/ledger'])),
  n('hex colour / numeric config', ['theme primary', 'max retries'], 'token', (_s, r) => r.pick(['#0A2540', '#635BFF', '5', '30000'])),
];
