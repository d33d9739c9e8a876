import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * The kinds of value the fifth blind set (holdout4, now a development set) showed missed or misread (issue 17,
 * kinds22): formats we had no rule for (Paddle, Samsara, Stytch, Adyen, WooCommerce, X bearer tokens, dbt Cloud, Netlify's `nfp_`), a format bound
 * to one name where its shape alone says what it is (Laravel's `base64:` key), names we did not read (a PagerDuty
 * routing key, a Cypress record key, a Pusher secret, an Azure DevOps PAT in camelCase, `ddKey`), base64 of
 * `user:password` kept as a header's value, a Twilio API key's secret after its SID, and .NET's string of arguments
 * after `sqlplus`; and two false positives: a Google API key in a Firebase web config (public by Firebase's word) and
 * a SealedSecret's ciphertext. Shapes from the providers' documentation and public files; values generated here.
 */
const g = sampleGen(0x2222);
const { findsEach, quietOnEach } = placementCases('kinds22');

function findingsOf(path: string, text: string, options: Partial<Parameters<typeof analyzeText>[2]> = {}) {
  return analyzeText(path, text, { ...options, salt: 'kinds22' }).findings.map((f) => ({ value: text.slice(f.offset, f.offset + f.length), rule: f.ruleId, severity: f.severity, provider: f.provider }));
}

const googleKey = () => 'AIza' + g.b64url(35);

describe('a Google API key in a Firebase web config is publishable', () => {
  const key = googleKey();
  const key2 = googleKey();
  quietOnEach([
    ['initializeApp({ apiKey, authDomain, projectId, appId })', 'web/src/firebase.ts', `import { initializeApp } from 'firebase/app';\n\nexport const app = initializeApp({\n  apiKey: "${key}",\n  authDomain: "freight-dispatch.firebaseapp.com",\n  projectId: "freight-dispatch",\n  appId: "1:804112938177:web:5a2c0f4b1e9d7c3a",\n});\n`],
    ['a one-line firebaseConfig object', 'public/index.html', `<script>\n  const firebaseConfig = { apiKey: '${key}', authDomain: 'shop-7.firebaseapp.com', messagingSenderId: '120394857' };\n  firebase.initializeApp(firebaseConfig);\n</script>\n`],
    ['Vite `.env` with VITE_FIREBASE_API_KEY', 'web/.env.production', `VITE_API_BASE=https://dispatch.example.com/api\nVITE_FIREBASE_API_KEY=${key}\nVITE_FIREBASE_PROJECT_ID=freight-dispatch\n`],
    ['Next.js NEXT_PUBLIC_FIREBASE_API_KEY', '.env.local', `NEXT_PUBLIC_FIREBASE_API_KEY="${key}"\n`],
    ['FlutterFire firebase_options.dart', 'lib/firebase_options.dart', `  static const FirebaseOptions android = FirebaseOptions(\n    apiKey: '${key}',\n    appId: '1:120394857:android:5a2c0f4b1e9d7c3a',\n    messagingSenderId: '120394857',\n    projectId: 'freight-dispatch',\n  );\n`],
    ['google-services.json', 'android/app/google-services.json', `{\n  "client": [\n    {\n      "api_key": [\n        { "current_key": "${key}" }\n      ]\n    }\n  ]\n}\n`],
  ]);
  findsEach([
    ['a Maps key in the same .env as a Firebase key', 'web/.env', `VITE_FIREBASE_API_KEY=${key2}\nVITE_FIREBASE_AUTH_DOMAIN=x.firebaseapp.com\nGOOGLE_MAPS_API_KEY=${key}\n`, key],
    ['a Google key in code with no Firebase config around it', 'src/geocode.ts', `const GEOCODER_KEY = "${key}";\nexport const url = (q: string) => \`https://maps.googleapis.com/maps/api/geocode/json?address=\${q}&key=\${GEOCODER_KEY}\`;\n`, key],
    ['a Firebase server key (FCM legacy) in AIza form', 'functions/.env', `FIREBASE_SERVER_KEY=${key}\n`, key],
    ['a Google key beside a projectId only (a GCP client, not a Firebase config)', 'src/gcp.ts', `export const gcp = {\n  projectId: 'freight-prod',\n  apiKey: '${key}',\n};\n`, key],
  ]);
  it('reports a Firebase web key as info with the publishable option', () => {
    const text = `export const firebaseConfig = {\n  apiKey: "${key}",\n  authDomain: "x.firebaseapp.com",\n};\n`;
    assert.deepEqual(findingsOf('src/firebase.js', text, { showPublishable: true }).map((f) => [f.value, f.severity]), [[key, 'info']]);
  });
});

describe('ciphertext under a SealedSecret\'s encryptedData', () => {
  const sealed = () => 'AgB' + g.base64(300) + '==';
  const [a, b] = [sealed(), sealed()];
  const secret = g.alnum(40);
  quietOnEach([
    ['kubeseal YAML', 'infra/k8s/sealed-secrets.yaml', `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: rates-api\n  namespace: prod\nspec:\n  encryptedData:\n    JWT_SECRET: ${a}\n    STRIPE_SECRET_KEY: ${b}\n  template:\n    metadata:\n      name: rates-api\n`],
    ['kubeseal JSON (its default output)', 'infra/k8s/sealed.json', `{\n  "kind": "SealedSecret",\n  "apiVersion": "bitnami.com/v1alpha1",\n  "metadata": { "name": "db", "namespace": "prod" },\n  "spec": {\n    "encryptedData": {\n      "password": "${a}",\n      "api_token": "${b}"\n    }\n  }\n}\n`],
  ]);
  findsEach([
    ['the same names in a plain Secret\'s stringData', 'infra/k8s/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: rates-api\nstringData:\n  JWT_SECRET: ${secret}\n`, secret],
  ]);
});

describe('key formats we had no rule for', () => {
  const paddle = 'pdl_' + 'live_apikey_' + g.chars('0123456789abcdefghjkmnpqrstvwxyz', 26) + '_' + g.alnum(22) + '_' + g.alnum(3);
  const paddleSandbox = 'pdl_' + 'sdbx_apikey_' + g.chars('0123456789abcdefghjkmnpqrstvwxyz', 26) + '_' + g.alnum(22) + '_' + g.alnum(3);
  const samsara = 'samsara_' + 'api_' + g.alnum(30);
  const stytch = 'secret-' + 'live-' + g.b64url(35) + '=';
  const bearer = 'A'.repeat(21) + g.alnum(9) + '%2B' + g.alnum(24) + '%3D' + g.alnum(50);
  const adyen = 'AQE' + g.base64(100) + '=-' + g.alnum(30);
  const woo = 'cs_' + g.hex(40);
  const dbt = 'dbtc_' + g.b64url(48);
  const netlify = 'nfp_' + g.alnum(36);
  findsEach([
    ['Paddle key as a script\'s argument', 'scripts/register.sh', `#!/bin/sh\n./bin/register-webhook paddle ${paddle} https://hooks.example.com/paddle\n`, paddle],
    ['Paddle sandbox key in a README', 'README.md', `Run against the sandbox:\n\n    PADDLE_KEY=${paddleSandbox} npm run dev\n`, paddleSandbox],
    ['Samsara token under a name that says nothing', 'src/integrations/fleet.ts', `const KEY = '${samsara}';\nexport const headers = { Authorization: \`Bearer \${KEY}\` };\n`, samsara],
    ['Stytch secret returned by a pytest fixture', 'tests/conftest.py', `import pytest\n\n@pytest.fixture\ndef stytch_secret():\n    return "${stytch}"\n`, stytch],
    ['X bearer token in a CSV export', 'exports/credentials.csv', `account,provider,kind,value\nuk,twitter,bearer_token,${bearer}\n`, bearer],
    ['Adyen key pasted into notes', 'docs/incidents/notes.txt', `11:52 pasted the payments key into the channel by mistake: ${adyen}\n`, adyen],
    ['dbt Cloud token as os.getenv\'s default', 'core/conf.py', `import os\nDBT_CLOUD_TOKEN = os.getenv("DBT_CLOUD_TOKEN", default="${dbt}")\n`, dbt],
    ['Netlify nfp_ token as a script\'s argument', 'scripts/deploy.sh', `./bin/register-webhook netlify ${netlify} https://hooks.example.com/netlify\n`, netlify],
    ['WooCommerce secret in the PHP client\'s constructor', 'wp/sync.php', `<?php\n$woocommerce = new Client('https://shop.example.com', 'ck_${g.hex(40)}', '${woo}', ['version' => 'wc/v3']);\n`, woo],
  ]);
  const mollie = 'live_' + g.alnum(30);
  findsEach([
    ['Mollie key in a file that names Mollie', 'core/db/seed.sql', `INSERT INTO integration_settings (provider, name, value) VALUES ('mollie', 'api_key', '${mollie}');\n`, mollie],
  ]);
  quietOnEach([
    ['Paddle\'s own example key is no documentation placeholder here, but a ULID alone is nothing', 'docs/paddle.md', `Keys look like \`pdl_live_apikey_\` and a ULID such as 01gtgztp8f4kek3yd4g1wrksa3.\n`],
    ['names and log keys that begin with samsara_api_', 'ops/metrics.sql', `INSERT INTO counters (name) VALUES ('samsara_api_rate_limit_hit'), ('samsara_api_token_refreshed');\n`],
    ['dbt Cloud and Netlify placeholders', '.env.example', `DBT_CLOUD_API_TOKEN=dbtc_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nNETLIFY_AUTH_TOKEN=nfp_YOUR_TOKEN_HERE\n`],
    ['Stytch placeholders', '.env.example', `STYTCH_PROJECT_ID=project-test-xxxxxxxx\nSTYTCH_SECRET=secret-test-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n`],
    ['base64 of bytes that start with zeros', 'keys/blob.txt', `${'A'.repeat(24)}${g.base64(90)}\n`],
    ['a `live_` value in a file that does not name Mollie', 'src/flags.ts', `export const FEATURE = 'live_${g.alnum(30)}';\n`],
    ['base64 that opens with AQE but has no key parts', 'assets/icon.txt', `AQE${g.base64(120)}==\n`],
    ['WooCommerce consumer key alone (it names the pair)', 'wp/config.php', `define('WC_CONSUMER_KEY', 'ck_${g.hex(40)}');\n`],
  ]);
});

describe('a Laravel key by its shape, wherever it sits', () => {
  const key = () => 'base64:' + g.base64(43) + '=';
  const [a, b, c] = [key(), key(), key()];
  findsEach([
    ['a CSV export row', 'exports/credentials.csv', `tenant,app,name,value,created\nnl,app,key,${a},2025-12-18\n`, a],
    ['a Django fixture\'s "key" field', 'core/fixtures/integrations.json', `[{"model": "core.integration", "pk": 3, "fields": {"provider": "app", "key": "${b}"}}]\n`, b],
    ['another app\'s properties', 'src/main/resources/application.properties', `server.port=8080\nlegacy.app.key=${c}\n`, c],
  ]);
  quietOnEach([
    ['a placeholder of the shape', '.env.example', `APP_KEY=base64:${'A'.repeat(43)}=\n`],
  ]);
});

describe('provider names we did not read', () => {
  const routing = g.hex(32);
  const record = g.uuid();
  // Twenty random hexadecimal digits repeat some (3.38 bits each here): under the generic heuristic's bar of 3.5.
  const pusher = '1c17149d43' + '9536b3216f';
  const pat = g.chars('abcdefghijklmnopqrstuvwxyz234567', 52);
  const dd = g.hex(32);
  findsEach([
    ['PagerDuty routing key in a .env', '.env.production', `PAGERDUTY_ROUTING_KEY=${routing}\n`, routing],
    ['PagerDuty routing key in logback XML', 'src/main/resources/logback-spring.xml', `<configuration>\n  <appender name="PD" class="com.example.PagerDutyAppender">\n    <pagerdutyRoutingKey>${routing}</pagerdutyRoutingKey>\n  </appender>\n</configuration>\n`, routing],
    ['Cypress record key with os.environ.setdefault', 'manage_local.py', `import os\nos.environ.setdefault("CYPRESS_RECORD_KEY", "${record}")\n`, record],
    ['a bare record_key in a file about Cypress', 'infra/terraform/providers.tf', `provider "cypress" {\n  project_id = "abc123"\n  record_key = "${record}"\n}\n`, record],
    ['Pusher secret in a .env', 'api/.env.production', `PUSHER_APP_ID=1794421\nPUSHER_APP_SECRET=${pusher}\n`, pusher],
    ['Pusher secret in vercel.json', 'functions/vercel.json', `{\n  "env": {\n    "PUSHER_APP_ID": "1794421",\n    "PUSHER_APP_SECRET": "${pusher}"\n  }\n}\n`, pusher],
    ['Pusher secret in a CDK stack\'s environment', 'infra/cdk/lib/stack.ts', `export function env() {\n  return {\n    PUSHER_APP_SECRET: '${pusher}',\n  };\n}\n`, pusher],
    ['Pusher secret as a Laravel env fallback', 'config/broadcasting.php', `<?php\nreturn ['pusher' => [\n  'app_secret' => env('PUSHER_APP_SECRET', '${pusher}'),\n]];\n`, pusher],
    ['Azure DevOps PAT under a camelCase name', 'config/production.json', `{\n  "azureDevopsPat": "${pat}"\n}\n`, pat],
    ['Azure DevOps PAT as a keyword argument', 'orchestration/definitions.py', `resources = {\n    "azure": ApiResource(devops_pat="${pat}"),\n}\n`, pat],
    ['a React provider\'s ddKey prop', 'src/App.tsx', `export function App() {\n  return <DatadogProvider ddKey="${dd}" site="datadoghq.eu"><Main /></DatadogProvider>;\n}\n`, dd],
  ]);
  it('names PagerDuty and Cypress', () => {
    assert.equal(findingsOf('.env', `PAGERDUTY_ROUTING_KEY=${routing}\n`)[0]?.provider, 'PagerDuty');
    assert.equal(findingsOf('ci.env', `CYPRESS_RECORD_KEY=${record}\n`)[0]?.provider, 'Cypress');
  });
  quietOnEach([
    ['a message broker\'s routing key', 'config/amqp.env', `RABBITMQ_ROUTING_KEY=${g.hex(32)}\n`],
    ['a record key in a file that is not about Cypress', 'src/store.py', `record_key = "${g.uuid()}"\n`],
    ['the Cypress project id', 'cypress.env', `CYPRESS_PROJECT_ID=${g.uuid()}\n`],
  ]);
});

describe('base64 of user:password kept as a header\'s value', () => {
  const basic = () => Buffer.from(`svc-${g.lowerAlnum(6)}:${g.alnum(20)}`).toString('base64');
  const [a, b, c, d] = [basic(), basic(), basic(), basic()];
  findsEach([
    ['Cloudflare .dev.vars', 'edge/.dev.vars', `AUTH_HEADER="${a}"\n`, a],
    ['a Dockerfile ARG', 'Dockerfile', `FROM oven/bun:1\nARG AUTH_HEADER=${b}\n`, b],
    ['a Svelte component', 'src/routes/settings/+page.svelte', `<script>\n  let authHeader = "${c}";\n</script>\n`, c],
    ['Spring properties', 'src/main/resources/application.properties', `partner.auth.header=${d}\n`, d],
  ]);
  quietOnEach([
    ['a header\'s name under a header setting', 'config.py', `AUTH_HEADER = "Authorization"\nTOKEN_HEADER = "X-Api-Token"\n`],
    ['the documentation\'s username:password', 'README.md', `AUTH_HEADER=${Buffer.from('username:password').toString('base64')}\n`],
    ['base64 of text that is no login', 'config.py', `AUTH_HEADER = "${Buffer.from('Bearer realm and scope list').toString('base64')}"\n`],
  ]);
});

describe('left from the last session: Twilio API key secrets and .NET sqlplus arguments', () => {
  const sid = 'SK' + g.hex(32);
  const secret = g.alnum(32);
  const account = 'AC' + g.hex(32);
  it('finds the secret after an API key SID (and the SID itself)', () => {
    const text = `from twilio.rest import Client\nclient = Client("${sid}", "${secret}", "${account}")\n`;
    const found = findingsOf('app/sms.py', text).filter((f) => f.severity !== 'info').map((f) => f.value);
    assert.deepEqual(found, [sid, secret]);
  });
  const password = g.alnum(10) + g.digits(2);
  findsEach([
    ['Process.Start with one string of arguments after sqlplus.exe', 'tools/Exporter.cs', `var psi = new ProcessStartInfo("sqlplus.exe", "-S app/${password}@//db:1521/svc @export.sql");\n`, password],
    ['a C# verbatim string of arguments', 'tools/Exporter.cs', `Process.Start("sqlplus", @"report/${password}@ORCL @nightly.sql");\n`, password],
  ]);
  quietOnEach([
    ['sqlplus with /nolog and a script', 'tools/Exporter.cs', `Process.Start("sqlplus", "-S /nolog @connect.sql");\n`],
  ]);
});
