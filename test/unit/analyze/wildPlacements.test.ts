import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import type { Finding } from '../../../src/core/findings';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Provider keys with no prefix, placed the way public repositories place them (issue 17, ctx20). Each case keeps the
 * shape of one public file (its names, call, nesting and file type; the source is in the case's first field) with a
 * value generated here in the provider's shape: none is the source's. A key whose provider only its context says (the
 * SDK call it is passed to, the object or class or block it sits in, the file it is in, the API host it is sent to) is
 * found and named for that provider; the public identifiers beside it in the same code stay quiet.
 */
const g = sampleGen(0xc720);

const findingsIn = (path: string, text: string): Finding[] => analyzeText(path, text, { salt: 'wild-placements', lowerSeverityInTestPaths: false }).findings;

/** `text` with `§` the key: the finding at the key names `provider`, and the key is in no message. */
function assertNamed(path: string, text: string, key: string, provider: string): void {
  const filled = text.replace('§', key);
  const at = filled.indexOf(key);
  const found = findingsIn(path, filled);
  const hit = found.find((f) => f.offset === at && f.length === key.length);
  assert.ok(hit, `nothing found at the key in ${path}:\n${filled}\nfound: ${found.map((f) => `${f.ruleId}@${f.offset}`).join(', ')}`);
  assert.equal(hit.provider, provider, `${path}: ${hit.ruleId} names ${hit.provider}, not ${provider}`);
  assert.ok(!hit.message.includes(key) && !hit.redacted.includes(key.slice(0, -4)), 'the key leaks into the finding');
}

/** No finding covers any of `publics` (identifiers the provider documents as public, or ids). */
function assertPublicQuiet(path: string, text: string, publics: string[]): void {
  const found = findingsIn(path, text);
  for (const value of publics) {
    const at = text.indexOf(value);
    assert.ok(at >= 0);
    const hit = found.find((f) => f.offset <= at && at < f.offset + f.length);
    assert.equal(hit, undefined, `${path}: ${hit?.ruleId} on a public identifier`);
  }
}

// Shapes of the providers' keys (their docs and the peers' detectors): what a generated stand-in looks like.
const twilioSid = (): string => 'AC' + g.hex(32);
const algoliaAppId = (): string => g.upperAlnum(10);

interface Placement {
  /** The public file whose shape this is (repository and path), or where only an excerpt was seen, what it was. */
  source: string;
  path: string;
  text: string;
  key: string;
  provider: string;
}

const placements: Placement[] = [
  // Twilio: the auth token is 32 hex, the account SID (AC + 32 hex) an identifier.
  { source: 'TwilioDevEd/api-snippets rest/token/list-post-1-hour-example/list-post-1-hour-example.2.x.js', path: 'rest/token.js', text: `const accountSid = '${twilioSid()}';\nconst authToken = '§';\nconst client = require('twilio')(accountSid, authToken);\n`, key: g.hex(32), provider: 'Twilio' },
  { source: 'TwilioDevEd/api-snippets (the helper called with literals, as its 2.x samples did)', path: 'send.js', text: `const client = require('twilio')('${twilioSid()}', '§');\nclient.messages.create({ to: '+15005550006', from: '+15005550001', body: 'hi' });\n`, key: g.hex(32), provider: 'Twilio' },
  { source: 'ashayathalye/2025-02-19-agent-hackathon twilio_send.py', path: 'twilio_send.py', text: `from twilio.rest import Client\nimport os\n\naccount_sid = "${twilioSid()}"\nauth_token  = "§"\n\nclient = Client(account_sid, auth_token)\n`, key: g.hex(32), provider: 'Twilio' },
  { source: 'code corpus excerpt (class TwilioHelper with class attributes, repository not named)', path: 'helpers/sms.py', text: `from twilio.rest import Client\n\n\nclass TwilioHelper:\n    account_sid = "${twilioSid()}"\n    auth_token = "§"\n\n    def __init__(self):\n        self.client = Client(self.account_sid, self.auth_token)\n`, key: g.hex(32), provider: 'Twilio' },
  { source: 'code corpus excerpt (export const TWILIO_CONFIG = { ACCOUNT_SID, AUTH_TOKEN, API_KEY_SECRET })', path: 'src/config/twilio.ts', text: `// Twilio API credentials\nexport const TWILIO_CONFIG = {\n  ACCOUNT_SID: "${twilioSid()}",\n  AUTH_TOKEN: "§",\n  PHONE_NUMBER: "+15005550006",\n};\n`, key: g.hex(32), provider: 'Twilio' },
  // Algolia: the admin key is 32 hex, the application id 10 upper-case characters.
  { source: 'Thrupthimohank/algolia-graphql addDatatoAlgolia.js', path: 'addDatatoAlgolia.js', text: `const algoliasearch = require('algoliasearch')\n\nconst client = algoliasearch('${algoliaAppId()}', '§')\nconst index = client.initIndex('test_index')\n`, key: g.hex(32), provider: 'Algolia' },
  { source: 'code corpus excerpt (a Nuxt composable: algoliasearch(applicationId, literal))', path: 'composables/useAlgoliaIndex.ts', text: `import algoliasearch from 'algoliasearch';\nexport const useAlgoliaInitIndexFull = (index: string) => {\n\tconst { applicationId } = useRuntimeConfig().public.algolia;\n\tconst client = algoliasearch(applicationId, '§');\n\treturn client.initIndex(index);\n}\n`, key: g.hex(32), provider: 'Algolia' },
  // Pusher Channels: the secret is 20 hex; the app id digits and the app key public (pusher-js sends it from browsers).
  { source: 'code corpus excerpt (import PusherServer from "pusher"; new PusherServer({ appId, key, secret, cluster }))', path: 'src/lib/pusher.ts', text: `import PusherServer from 'pusher';\n\nconst pusherServer = new PusherServer({\n  appId: '${g.digits(7)}',\n  key: '${g.hex(20)}',\n  secret: '§',\n  cluster: 'ap1',\n  useTLS: true\n});\n`, key: g.hex(20), provider: 'Pusher' },
  { source: 'ucsd-teamwork-projects/Communal-App pusher.js', path: 'pusher.js', text: `const Pusher = require('pusher');\n\nconst pusher = new Pusher({\n    appId: '${g.digits(7)}',\n    key: '${g.hex(20)}',\n    secret: '§',\n    cluster: 'us2',\n    useTLS: true\n  });\n\nmodule.exports = pusher;\n`, key: g.hex(20), provider: 'Pusher' },
  // Mailgun: private API keys are 32 hex - 8 hex - 8 hex (the older `key-` + 32 hex has its own rule).
  { source: 'jovdim/next-auth-template playground.ts', path: 'playground.ts', text: `const formData = require('form-data');\nconst Mailgun = require('mailgun.js');\nconst mailgun = new Mailgun(formData);\nconst mg = mailgun.client({username: 'api', key: '§'});\n`, key: `${g.hex(32)}-${g.hex(8)}-${g.hex(8)}`, provider: 'Mailgun' },
  { source: 'For-Hives/ForVoyez src/app/actions/contact/sendEmail.js', path: 'src/app/actions/contact/sendEmail.js', text: `const formData = require('form-data')\nconst Mailgun = require('mailgun.js')\nconst mailgun = new Mailgun(formData)\nconst mg = mailgun.client({\n\tusername: 'api',\n\tkey: '§',\n})\n`, key: `${g.hex(32)}-${g.hex(8)}-${g.hex(8)}`, provider: 'Mailgun' },
  { source: 'code corpus excerpt (require("mailgun-js")({ apiKey, domain }))', path: 'services/mail.js', text: `const domain = 'mg.example.com';\nconst mailgun = require('mailgun-js')({\n  apiKey: '§',\n  domain\n});\n\nmodule.exports = mailgun;\n`, key: `${g.hex(32)}-${g.hex(8)}-${g.hex(8)}`, provider: 'Mailgun' },
  { source: 'vinnyvinn/sendMail config/services.php', path: 'config/services.php', text: `<?php\n\nreturn [\n    'mailgun' => [\n        'domain' => 'mg.example.com',\n        'secret' => '§',\n        'endpoint' => env('MAILGUN_ENDPOINT', 'api.mailgun.net'),\n    ],\n\n    'postmark' => [\n        'token' => env('POSTMARK_TOKEN'),\n    ],\n];\n`, key: `${g.hex(32)}-${g.hex(8)}-${g.hex(8)}`, provider: 'Mailgun' },
  { source: 'stephanieinez/paddhuiy-illustration-site server/registerMailgun.js (a module of its own for the client)', path: 'server/config/mailgun.js', text: `module.exports = {\n  apiKey: '§',\n  domain: 'mg.example.com',\n};\n`, key: `${g.hex(32)}-${g.hex(8)}-${g.hex(8)}`, provider: 'Mailgun' },
  // Postmark: server tokens are UUIDs.
  { source: 'arjunamhv/lumen-maxy config/services.php', path: 'config/services.php', text: `<?php\n\nreturn [\n    'mailgun' => [\n        'domain' => env('MAILGUN_DOMAIN'),\n        'secret' => env('MAILGUN_SECRET'),\n    ],\n    'postmark' => [\n        'token' => '§',\n    ],\n];\n`, key: g.uuid(), provider: 'Postmark' },
  { source: 'code corpus excerpt ("migrated from config/services.php": export default { postmark: { token } })', path: 'config/services.ts', text: `/* migrated from config/services.php */\nexport default {\n  postmark: {\n    token: '§',\n  },\n  ses: {\n    region: 'us-east-1',\n  },\n};\n`, key: g.uuid(), provider: 'Postmark' },
  { source: 'tough-dev-school/education-backend src/app/conf/email.py', path: 'src/app/conf/email.py', text: `ANYMAIL = {\n    'POSTMARK_SERVER_TOKEN': '§',\n    'DEBUG_API_REQUESTS': False,\n}\n`, key: g.uuid(), provider: 'Postmark' },
  // Datadog: API keys are 32 hex, application keys 40 hex.
  { source: 'Udaykumar2374/llm-health-guardian test_datadog_logs.py', path: 'send_logs.py', text: `import requests\n\nresp = requests.post(\n    "https://http-intake.logs.us5.datadoghq.com/api/v2/logs",\n    headers={\n        "DD-API-KEY": "§",\n        "Content-Type": "application/json"\n    },\n    json=[{"message": "hello"}]\n)\n`, key: g.hex(32), provider: 'Datadog' },
  { source: 'IaKoval/TerraformTask1.4 Datadog-Terraform/provider.tf', path: 'infra/provider.tf', text: `terraform {\n  required_providers {\n    datadog = {\n      source = "DataDog/datadog"\n    }\n  }\n}\n\nprovider "datadog" {\n  api_key = "§"\n  app_key = "${g.hex(40)}"\n}\n`, key: g.hex(32), provider: 'Datadog' },
  { source: 'code corpus excerpt (class DataDogAPI: self.api_key in __init__ defaults)', path: 'monitoring/client.py', text: `class DataDogAPI:\n    """Wrapper for DataDog API calls."""\n\n    def __init__(self, api_key: str = "§", site: str = "datadoghq.com"):\n        self.api_key = api_key\n        self.base_url = f"https://api.{site}"\n`, key: g.hex(32), provider: 'Datadog' },
  { source: 'code corpus excerpt (docker-compose datadog-agent service, environment list)', path: 'docker-compose.yml', text: `services:\n  datadog-agent:\n    image: gcr.io/datadoghq/agent:latest\n    environment:\n      - DD_API_KEY=§\n      - DD_APM_ENABLED=true\n`, key: g.hex(32), provider: 'Datadog' },
  // Cloudinary: the API secret is 27 base64url characters; the API key 15 digits and the cloud name public.
  { source: 'code corpus excerpt (import { v2 as cloudinary } from "cloudinary"; cloudinary.config({ cloud_name, api_key, api_secret }))', path: 'src/utils/cloudinary.js', text: `import { v2 as cloudinary } from 'cloudinary';\n\ncloudinary.config({\n\tcloud_name: 'demo-cloud',\n\tapi_key: '${g.digits(15)}',\n\tapi_secret: '§',\n\tsecure: true,\n});\n`, key: g.b64url(27), provider: 'Cloudinary' },
  { source: 'freshmurry/instagramclone config/initializers/cloudinary.rb', path: 'config/initializers/cloudinary.rb', text: `Cloudinary.config do |config|\n  config.cloud_name = 'cloud_name'\n  config.api_key = '${g.digits(15)}'\n  config.api_secret = '§'\n  config.secure = true\nend\n`, key: g.b64url(27), provider: 'Cloudinary' },
  // Razorpay: the key secret is 24 alphanumerics; the key id (rzp_test_…) goes to the browser checkout.
  { source: 'Prem142003/edtech_web server/config/razorpay.js', path: 'server/config/razorpay.js', text: `const Razorpay = require("razorpay");\n\nexports.instance = new Razorpay({\n\tkey_id: 'rzp_test_${g.alnum(14)}',\n\tkey_secret: '§',\n});\n`, key: g.alnum(24), provider: 'Razorpay' },
  // Braintree: the private key is 32 hex; merchant id and public key are identifiers.
  { source: '1911-grace-shopper/grace-shopper server/api/braintreeRoutes.js', path: 'server/api/payments.js', text: `var braintree = require('braintree')\n\nvar gateway = braintree.connect({\n  environment: braintree.Environment.Sandbox,\n  merchantId: '${g.lowerAlnum(16)}',\n  publicKey: '${g.lowerAlnum(16)}',\n  privateKey: '§'\n})\n`, key: g.hex(32), provider: 'PayPal Braintree' },
  { source: 'code corpus excerpt (Django settings: braintree.Configuration(…, private_key=…))', path: 'shop/settings.py', text: `import braintree\n\nBRAINTREE_CONF = braintree.Configuration(\n    braintree.Environment.Sandbox,\n    merchant_id='${g.lowerAlnum(16)}',\n    public_key='${g.lowerAlnum(16)}',\n    private_key='§'\n)\n`, key: g.hex(32), provider: 'PayPal Braintree' },
  // Plaid: secrets are 30 hex, client ids 24 hex.
  { source: 'tobilobasalawu/Ocean-Vault lib/plaid.ts', path: 'lib/plaid.ts', text: `import { Configuration, PlaidApi, PlaidEnvironments } from "plaid";\n\nconst configuration = new Configuration({\n  basePath: PlaidEnvironments.sandbox,\n  baseOptions: {\n    headers: {\n      "Plaid-Client-ID": "${g.hex(24)}",\n      "Plaid-Secret": "§",\n    },\n  },\n});\n`, key: g.hex(30), provider: 'Plaid' },
  // Rollbar: access tokens are 32 hex.
  { source: 'andreasroste/speiderapp-full-stack backend/helpers/rollbar.js', path: 'backend/helpers/rollbar.js', text: `const Rollbar = require("rollbar");\n\nmodule.exports = new Rollbar({\n    accessToken: '§',\n    captureUncaught: true,\n    captureUnhandledRejections: true\n});\n`, key: g.hex(32), provider: 'Rollbar' },
  { source: 'Klaudioz/rollbar-test test.py', path: 'app/errors.py', text: `import rollbar\nrollbar.init('§', 'production')  # access_token, environment\n`, key: g.hex(32), provider: 'Rollbar' },
  { source: 'code corpus excerpt (rollbar.config.js: export default { accessToken, captureUncaught, payload })', path: 'src/rollbar.config.js', text: `// rollbar.config.js\nexport default {\n    accessToken: '§',\n    captureUncaught: true,\n    payload: { environment: 'production' },\n};\n`, key: g.hex(32), provider: 'Rollbar' },
  // Bugsnag: API keys are 32 hex.
  { source: 'klever-io/kleverscan src/lib/bugsnag.ts', path: 'src/lib/monitoring.ts', text: `import React from 'react'\nimport Bugsnag from '@bugsnag/js'\nimport BugsnagPluginReact from '@bugsnag/plugin-react'\n\nBugsnag.start({\n  apiKey: '§',\n  plugins: [new BugsnagPluginReact(React)]\n});\n`, key: g.hex(32), provider: 'Bugsnag' },
  // Contentful: delivery tokens are 43 base64url characters, space ids 12 lower-case alphanumerics.
  { source: 'rice-apps/ftwl2019 client.js', path: 'client.js', text: `const contentful = require("contentful");\nconst client = contentful.createClient({\n  // This is the space ID.\n  space: "${g.lowerAlnum(12)}",\n  accessToken: "§"\n});\n`, key: g.b64url(43), provider: 'Contentful' },
  // Sanity: tokens are `sk` + ~180 alphanumerics; the project id is public.
  { source: 'code corpus excerpt (import { createClient } from "@sanity/client"; createClient({ projectId, dataset, token }))', path: 'lib/sanity/client.js', text: `import { createClient } from '@sanity/client';\n\nexport const sanityClient = createClient({\n  projectId: '${g.lowerAlnum(8)}',\n  dataset: 'production',\n  apiVersion: '2023-01-01',\n  useCdn: false,\n  token: '§',\n});\n`, key: 'sk' + g.alnum(180), provider: 'Sanity' },
  // Okta: API tokens are `00` + 40 base64url characters.
  { source: 'carteralbrecht/tag-to-chat server/api/lib/oktaClient.js', path: 'server/api/lib/identity.js', text: `const okta = require('@okta/okta-sdk-nodejs');\n\nconst client = new okta.Client({\n  orgUrl: 'https://dev-1701617.okta.com',\n  token: '§'\n});\n`, key: '00' + g.b64url(40), provider: 'Okta' },
  // Zendesk: API tokens are 40 alphanumerics.
  { source: 'jaishresth/node-zendesk examples/ticket-create.js', path: 'examples/ticket-create.js', text: `var zendesk = require('node-zendesk');\n\nvar client = zendesk.createClient({\n  username:  'agent@example.com',\n  token:     '§',\n  remoteUri: 'https://subdomain.zendesk.com/api/v2'\n});\n`, key: g.alnum(40), provider: 'Zendesk' },
  // Freshdesk: API keys are 20 alphanumerics.
  { source: 'WimCaudenbergh/scripts work/freshdesk/get_tickets.py', path: 'scripts/get_tickets.py', text: `import requests\n\nFRESHDESK_ENDPOINT = "https://example.freshdesk.com"\nFRESHDESK_KEY = "§"\n`, key: g.alnum(20), provider: 'Freshdesk' },
  { source: 'freshworks/fresh-samples Python/get_tickets.py', path: 'get_tickets.py', text: `import requests\n\napi_key = "§"\ndomain = "example"\npassword = "x"\n\nr = requests.get("https://"+ domain +".freshdesk.com/api/v2/tickets", auth = (api_key, password))\n`, key: g.alnum(20), provider: 'Freshdesk' },
  // Intercom: access tokens are base64 (`dG9rOj…`).
  { source: 'VulcanJS/Vulcan packages/lesswrong/lib/events/server.js', path: 'server/events.js', text: `import Intercom from 'intercom-client';\n\nvar intercomClient = new Intercom.Client({ token: '§' });\n\nexport default intercomClient\n`, key: 'dG9rOj' + g.b64url(54), provider: 'Intercom' },
  // Trello: the user token is 64 hex (`ATTA` + 64 hex today); the API key 32 hex.
  { source: 'Drako9159/trelloapi app.js (new Trello(key, token))', path: 'app.js', text: `var Trello = require("trello");\nvar trello = new Trello("${g.hex(32)}", "§");\n`, key: g.hex(64), provider: 'Trello' },
  { source: 'mikerourke/trello-for-wolves tests/helpers.js (exports.auth = { key, token })', path: 'scripts/trello/auth.js', text: `const key = '${g.hex(32)}';\nconst token = '§';\n\nexports.auth = {\n  key,\n  token,\n};\n`, key: g.hex(64), provider: 'Trello' },
  // New Relic: license keys are 40 characters (36 hex + `NRAL` in the newer ones); older ones 40 hex.
  { source: 'code corpus excerpt (newrelic.js: exports.config = { app_name, license_key })', path: 'newrelic.js', text: `'use strict'\nexports.config = {\n  app_name: ['newrelic-test-app'],\n  license_key: '§',\n  logging: {\n    level: 'info'\n  }\n};\n`, key: g.hex(40), provider: 'New Relic' },
  // PagerDuty: REST API tokens are 20 characters (base64url-ish).
  { source: 'terraform-provider-pagerduty docs (provider "pagerduty" { token = … })', path: 'ops/pagerduty.tf', text: `provider "pagerduty" {\n  token = "§"\n}\n`, key: 'u+' + g.b64url(18), provider: 'PagerDuty' },
  // Amplitude: the secret key (export and dashboard APIs) is 32 hex.
  { source: 'mage-ai/mage-ai mage_integrations/sources/amplitude/README.md (config api_key, secret_key)', path: 'sources/amplitude/config.json', text: `{\n  "amplitude": {\n    "api_key": "${g.hex(32)}",\n    "secret_key": "§"\n  }\n}\n`, key: g.hex(32), provider: 'Amplitude' },
  // Mixpanel: the API secret is 32 hex, under a provider section comment.
  { source: 'godd9170/mixpanel-salesforce README.md (# Mixpanel Credentials, export MX_API_SECRET)', path: '.env', text: `# Mixpanel Credentials\nMX_API_KEY=${g.hex(32)}\nMX_API_SECRET=§\n`, key: g.hex(32), provider: 'Mixpanel' },
  // Auth0: client secrets are 64 base64url characters.
  { source: 'auth0 node-auth0 README (new ManagementClient({ domain, clientId, clientSecret }))', path: 'src/auth/management.ts', text: `import { ManagementClient } from 'auth0';\n\nexport const management = new ManagementClient({\n  domain: 'example.us.auth0.com',\n  clientId: '${g.alnum(32)}',\n  clientSecret: '§',\n});\n`, key: g.b64url(64), provider: 'Auth0' },
  // Codecov: upload tokens are UUIDs.
  { source: 'codecov/codecov-action README (a CI step with token)', path: '.github/workflows/test.yml', text: `jobs:\n  test:\n    steps:\n      - uses: codecov/codecov-action@v4\n        with:\n          token: §\n`, key: g.uuid(), provider: 'Codecov' },
];

/** Beside the keys in the same public files: identifiers the providers document as public, which must stay quiet. */
const publicBeside: Array<{ source: string; path: string; text: string; publics: string[] }> = (() => {
  const sid = twilioSid();
  const appId = algoliaAppId();
  const pusherKey = g.hex(20);
  const pusherServerKey = g.hex(20);
  const cloudName = 'acme-media';
  const merchant = g.lowerAlnum(16);
  const space = g.lowerAlnum(12);
  const projectId = g.lowerAlnum(8);
  const plaidClient = g.hex(24);
  return [
    // Twilio's account SID is an identifier (it names the account in every API URL).
    { source: 'ashayathalye/2025-02-19-agent-hackathon twilio_send.py', path: 'twilio_send.py', text: `from twilio.rest import Client\nimport os\naccount_sid = "${sid}"\nauth_token = os.getenv("TWILIO_AUTH_TOKEN")\nclient = Client(account_sid, auth_token)\n`, publics: [sid] },
    // Algolia's application id is public (InstantSearch sends it from every browser).
    { source: 'code corpus excerpt (algoliasearch(ALGOLIA_APP_ID, …))', path: 'src/search.ts', text: `import algoliasearch from 'algoliasearch';\nconst client = algoliasearch('${appId}', process.env.ALGOLIA_ADMIN_KEY!);\n`, publics: [appId] },
    // Pusher's app key is public: pusher-js subscribes with it from the browser.
    { source: 'code corpus excerpt (new PusherClient(key, { cluster }))', path: 'src/realtime.ts', text: `import PusherClient from 'pusher-js';\nexport const pusherClient = new PusherClient('${pusherKey}', {\n  cluster: 'ap1',\n});\n`, publics: [pusherKey] },
    // Beside its secret, the server SDK's `key` is that same public app key.
    { source: 'ucsd-teamwork-projects/Communal-App pusher.js', path: 'pusher.js', text: `const Pusher = require('pusher');\nconst pusher = new Pusher({\n    appId: '${g.digits(7)}',\n    key: '${pusherServerKey}',\n    secret: process.env.PUSHER_SECRET,\n    cluster: 'us2',\n});\n`, publics: [pusherServerKey] },
    // Cloudinary's cloud name is part of every delivery URL.
    { source: 'code corpus excerpt (cloudinary.config({ cloud_name, … }))', path: 'src/cloudinary.js', text: `cloudinary.config({\n  cloud_name: '${cloudName}',\n  api_secret: process.env.CLOUDINARY_API_SECRET,\n});\n`, publics: [cloudName] },
    // Braintree's merchant id is an identifier; the private key is the secret.
    { source: '1911-grace-shopper/grace-shopper server/api/braintreeRoutes.js', path: 'server/api/pay.js', text: `var gateway = braintree.connect({\n  environment: braintree.Environment.Sandbox,\n  merchantId: '${merchant}',\n  privateKey: process.env.privateKey\n})\n`, publics: [merchant] },
    // Contentful's space id and Sanity's project id are identifiers in every URL.
    { source: 'rice-apps/ftwl2019 client.js', path: 'client.js', text: `const client = contentful.createClient({\n  space: "${space}",\n  accessToken: process.env.CONTENTFUL_TOKEN\n});\n`, publics: [space] },
    { source: 'code corpus excerpt (createClient({ projectId: literal, token: env }))', path: 'lib/sanity.ts', text: `import { createClient } from '@sanity/client';\nexport const client = createClient({\n  projectId: '${projectId}',\n  dataset: 'production',\n  token: process.env.SANITY_API_TOKEN,\n});\n`, publics: [projectId] },
    // Plaid's client id names the client; the secret is the credential.
    { source: 'tobilobasalawu/Ocean-Vault lib/plaid.ts', path: 'lib/plaid.ts', text: `const configuration = new Configuration({\n  baseOptions: {\n    headers: {\n      "PLAID-CLIENT-ID": "${plaidClient}",\n      "PLAID-SECRET": process.env.PLAID_SECRET,\n    },\n  },\n});\n`, publics: [plaidClient] },
  ];
})();

/** `text` with `§` the key: found, and named for no provider (its context says nothing of whose it is). */
function assertUnnamed(path: string, text: string, key: string): void {
  assertNamed(path, text, key, 'Generic');
}

describe('provider keys placed as public code places them (ctx20)', () => {
  describe('the key is found and named for its provider', () => {
    for (const p of placements) {
      it(`${p.provider}: ${p.path} (after ${p.source})`, () => assertNamed(p.path, p.text, p.key, p.provider));
    }
  });

  describe('context names only what it holds', () => {
    it('a name that says what the secret is for is not named by the file around it', () => {
      assertUnnamed('src/sms.ts', `import twilio from 'twilio';\nconst JWT_SECRET = '§';\nexport const client = twilio(process.env.SID, process.env.TOKEN);\n`, g.alnum(32));
      assertUnnamed('app/views.py', `from twilio.rest import Client\n\nclass Settings:\n    session_secret = "§"\n`, g.alnum(32));
    });
    it("a framework's own signing secret is not named by the file's imports, hosts or name", () => {
      assertUnnamed('mysite/settings.py', `import sentry_sdk\n\nSECRET_KEY = "§"\nsentry_sdk.init(dsn="https://k@o1.ingest.sentry.io/1")\n`, g.alnum(50));
      assertUnnamed('config/twilio.rb', `Rails.application.configure do\n  config.secret_key_base = "§"\nend\n`, g.hex(64));
    });
    it("an e-mail address or a settings file's host is no API the code calls", () => {
      assertUnnamed('src/notify.ts', `// questions: ops@twilio.com\n\nconst apiToken = '§';\n`, g.alnum(32));
      assertUnnamed('config/app.yaml', `database_url: postgres://db.supabase.co:5432/app\napi_token: "§"\n`, g.alnum(32));
    });
    it('a file that imports or calls several providers names none of them', () => {
      assertUnnamed('src/notify.ts', `import twilio from 'twilio';\nimport Stripe from 'stripe';\nconst apiSecret = '§';\n`, g.alnum(32));
      assertUnnamed('app/hooks.py', `import requests\nrequests.post("https://api.mailgun.net/v3/x/messages")\nrequests.post("https://api.postmarkapp.com/email")\nAPI_SECRET = "§"\n`, g.alnum(32));
    });
    it('a closed sibling block does not name the next one', () => {
      assertUnnamed('config/services.php', `<?php\nreturn [\n    'mailgun' => [\n        'secret' => env('MAILGUN_SECRET'),\n    ],\n    'acme' => [\n        'secret' => '§',\n    ],\n];\n`, g.alnum(32));
      assertUnnamed('src/config.ts', `export const config = {\n  postmark: {\n    from: 'ops@example.com',\n  },\n  internal: {\n    token: '§',\n  },\n};\n`, g.alnum(32));
    });
    it("a multi-line string's text at column 0 is no block holding the next key (gitleaks' curl.go: a Mailgun example, then a bearer token)", () => {
      const mailgunExample = '`curl -s --user "api:x" \\\n  https://api.mailgun.net/v3/example.org/messages \\\n-F text=\'Testing some Mailgun awesomeness!\'`, // another line';
      assertUnnamed('rules/curl.go', `var tps = []string{\n\t\t${mailgunExample}\n\n\t\t// Bearer auth\n\t\t\`curl -H "Authorization: Bearer §" http://localhost:3000/api\`,\n}\n`, g.hex(32));
      assertUnnamed('tests/test_docs.py', `EXAMPLES = [\n    \"\"\"See the docs,\nor the Twilio console for help\"\"\",\n    {\n        "token": "§",\n    },\n]\n`, g.alnum(32));
    });
    it("a coverage badge's graph token is no credential (README badges of keyv, undici); other query tokens are", () => {
      const token = 'yx8Kq2ZrTm';
      assert.deepEqual(findingsIn('README.md', `[![codecov](https://codecov.io/gh/acme/lib/branch/main/graph/badge.svg?token=${token})](https://codecov.io/gh/acme/lib)\n`), []);
      const long = g.alnum(24);
      for (const url of [`https://api.example.com/v1/items?token=${long}`, `https://api.example.com/v1/export.png?token=${long}`, `https://ci.example.com/badge/report.json?token=${long}`]) {
        assert.equal(findingsIn('scripts/fetch.sh', `curl "${url}"\n`).length, 1, url.replace(long, '…'));
      }
    });
    it('everyday words of code in a path, header or import name nothing (render, docker, segment)', () => {
      assertUnnamed('docker-compose.yml', `services:\n  web:\n    environment:\n      SECRET_KEY: "§"\n`, g.alnum(40));
      assertUnnamed('src/render/config.ts', `export const apiSecret = '§';\n`, g.alnum(32));
      assertUnnamed('src/analytics.ts', `import { segment } from './segment';\nexport const token = '§';\n`, g.alnum(32));
    });
    it("a bare key is a provider's only in that provider's SDK call", () => {
      const value = `${g.hex(32)}-${g.hex(8)}-${g.hex(8)}`;
      assert.deepEqual(findingsIn('src/cache.ts', `cache.set({ key: '${value}', ttl: 60 });\nconst c = other.client({\n  username: 'api',\n  key: '${value}',\n});\n`), []);
      assert.deepEqual(findingsIn('src/mail.ts', `const mg = mailgun.client({ username: 'api' });\nconst item = { key: '${value}' };\n`), []);
    });
    it("an everyday word before key is no provider's key; a provider's word is", () => {
      // Pusher's key is public (its secret signs): PUSHER_KEY is no credential name.
      for (const name of ['renderKey', 'sortKey', 'segment_key', 'cacheKey', 'PUSHER_KEY']) assert.deepEqual(findingsIn('src/a.ts', `const ${name} = '${g.alnum(24)}';\n`), [], name);
      assertNamed('src/b.ts', `const FRESHDESK_KEY = '§';\n`, g.alnum(20), 'Freshdesk');
      assertNamed('app/settings.py', `NEW_RELIC_LICENSE_KEY = "§"\n`, g.hex(40), 'New Relic');
    });
    it("a decoded key under a provider's name keeps its provider rule (a Kubernetes Secret's data)", () => {
      const license = g.hex(32) + g.hex(4) + 'NRAL';
      const text = `apiVersion: v1\nkind: Secret\ndata:\n  NEW_RELIC_LICENSE_KEY: ${Buffer.from(license).toString('base64')}\n`;
      assert.deepEqual(findingsIn('deploy/k8s/secrets.yaml', text).map((f) => f.ruleId), ['new-relic-license-key']);
    });
    it("a provider SDK's other positional arguments stay quiet", () => {
      assert.deepEqual(findingsIn('src/search.ts', `const client = algoliasearch('${algoliaAppId()}', process.env.ALGOLIA_ADMIN_KEY);\nconst t = new Trello('${g.hex(32)}', process.env.TRELLO_TOKEN);\n`), []);
    });
  });

  describe('the public identifiers beside them stay quiet', () => {
    for (const p of publicBeside) {
      it(`${p.path} (after ${p.source})`, () => assertPublicQuiet(p.path, p.text, p.publics));
    }
  });
});
