import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * The classes of placement that the fourth blind set (holdout3, now a development set) showed missed (issue 17,
 * miss21): a value whose name is given by something other than an assignment next to it (a schema's `.default(…)`, an
 * XML element's `name` attribute, an environment list inside a config value, an HCL block's label, a namespaced YAML
 * key, a settings table's label column, a name in a line of text that is not at its start). Each class in several
 * spellings and file types of our own (shapes taken from public files: t3-env and envalid schemas, supervisord and
 * uWSGI configs, Android resources, Terraform variables, Pulumi stack files), values generated here, and the
 * look-alikes that must stay quiet.
 */
const g = sampleGen(0x2121);
const { findsEach, quietOnEach } = placementCases('miss21');

/** The provider the finding exactly at `value` names, or undefined when nothing is found there. */
function providerAt(path: string, text: string, value: string): string | undefined {
  const at = text.indexOf(value);
  return analyzeText(path, text, { salt: 'miss21', lowerSeverityInTestPaths: false }).findings.find((f) => f.offset === at && f.length === value.length)?.provider;
}

const datadog = () => g.hex(32);
const twilioToken = () => g.hex(32);
const secret = () => g.alnum(40);
const password = () => g.alnum(10) + g.digits(3) + '#' + g.alnum(4);

describe('a schema default: the value of the env name the schema field is bound to', () => {
  const dd = datadog();
  const s = secret();
  const p = password();
  const t = twilioToken();
  findsEach([
    ['t3-env (zod) `.default("…")` in env.mjs', 'src/env.mjs', `import { createEnv } from "@t3-oss/env-nextjs";\nimport { z } from "zod";\n\nexport const env = createEnv({\n  server: {\n    DD_API_KEY: z.string().default("${dd}"),\n  },\n  runtimeEnv: process.env,\n});\n`, dd],
    ['zod chain with `.min(1)` before `.default(…)`, a password', 'src/env.ts', `export const serverSchema = z.object({\n  SMTP_PASSWORD: z.string().min(1).default('${p}'),\n  PORT: z.coerce.number().default(587),\n});\n`, p],
    ['zod `.optional().default(…)` over several lines', 'src/server/env.ts', `export const env = createEnv({\n  server: {\n    SESSION_SECRET: z\n      .string()\n      .optional()\n      .default(\n        '${s}',\n      ),\n  },\n  runtimeEnv: process.env,\n});\n`, s],
    ['joi `.default(…)` in a config schema', 'config/schema.js', `const Joi = require('joi');\nmodule.exports = Joi.object({\n  TWILIO_AUTH_TOKEN: Joi.string().default('${t}'),\n}).unknown();\n`, t],
    ['envalid `str({ default: … })`', 'src/config.ts', `import { cleanEnv, str, port } from 'envalid';\nexport const env = cleanEnv(process.env, {\n  JWT_SECRET: str({ default: '${s}', desc: 'signs sessions' }),\n  PORT: port({ default: 3000 }),\n});\n`, s],
  ]);
  it('names the provider of a key under a provider\'s env name', () => {
    const text = `const schema = z.object({\n  DATADOG_API_KEY: z.string().default('${dd}'),\n});\n`;
    assert.equal(providerAt('src/env.ts', text, dd), 'Datadog');
  });
  quietOnEach([
    ['defaults that are settings, and secrets with no default', 'src/env.mjs', `export const env = createEnv({\n  server: {\n    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),\n    PORT: z.string().transform(Number).default("3000"),\n    API_BASE_URL: z.string().url().default("https://api.example.com/v1"),\n    JWT_ALGORITHM: z.string().default("HS256"),\n    SESSION_SECRET: z.string().min(32),\n  },\n  runtimeEnv: process.env,\n});\n`],
    ['a dummy default under a key name', 'src/env.ts', `export const serverEnv = createEnv({\n  server: {\n    XAI_API_KEY: z.string().optional().default("dummy_value"),\n    GROQ_API_KEY: z.string().optional().default(""),\n  },\n});\n`],
    ['`.default(…)` on something that is not bound to a name', 'src/ui.ts', `registry.default('${g.alnum(24)}');\nexport default defineConfig({ plugins: [] });\n`],
    ['envalid default of a non-secret', 'src/config.ts', `export const env = cleanEnv(process.env, {\n  LOG_LEVEL: str({ default: 'information', choices: ['debug', 'information'] }),\n});\n`],
  ]);
});

describe('an XML element named by its attribute (Android string resources, properties XML)', () => {
  const dd = datadog();
  const s = secret();
  const t = twilioToken();
  findsEach([
    ['Android strings.xml `<string name="…_api_key">`', 'app/src/main/res/values/strings.xml', `<?xml version="1.0" encoding="utf-8"?>\n<resources>\n    <string name="app_name">Walkies</string>\n    <string name="datadog_api_key">${dd}</string>\n</resources>\n`, dd],
    ['Android keys.xml with translatable="false"', 'app/src/main/res/values/keys.xml', `<resources>\n    <string name="twilio_auth_token" translatable="false">${t}</string>\n</resources>\n`, t],
    ['Java properties XML `<entry key="…">`', 'conf/app.properties.xml', `<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">\n<properties>\n  <entry key="jwt.secret">${s}</entry>\n  <entry key="server.port">8080</entry>\n</properties>\n`, s],
  ]);
  it('names the provider of a key in a string resource', () => {
    const text = `<resources>\n  <string name="datadog_api_key">${dd}</string>\n</resources>\n`;
    assert.equal(providerAt('res/values/strings.xml', text, dd), 'Datadog');
  });
  quietOnEach([
    ['labels and hints that speak of keys and tokens', 'app/src/main/res/values/strings.xml', `<resources>\n    <string name="google_maps_key" translatable="false" templateMergeStrategy="preserve">YOUR_KEY_HERE</string>\n    <string name="api_key_label">API key</string>\n    <string name="token_hint">Paste your personal access token</string>\n    <string name="auth_token_prompt">Enter the authentication token</string>\n</resources>\n`],
    ['a resource whose name says nothing secret', 'app/src/main/res/values/strings.xml', `<resources>\n    <string name="build_fingerprint">${g.hex(40)}</string>\n    <string name="default_web_client_id">${g.digits(12)}-${g.lowerAlnum(32)}.apps.googleusercontent.com</string>\n</resources>\n`],
  ]);
});

describe('an environment list inside a process manager\'s config value', () => {
  const dd = datadog();
  const s = secret();
  const p = password();
  const b64 = g.base64(43) + '=';
  findsEach([
    ['supervisord `environment=NAME="…"`', 'deploy/supervisor/worker.conf', `[program:worker]\ncommand=/srv/app/.venv/bin/celery -A app worker\nenvironment=DD_API_KEY="${dd}"\n`, dd],
    ['supervisord, the secret among other variables', 'etc/supervisor/conf.d/web.conf', `[program:web]\nenvironment=PYTHONUNBUFFERED=1,FLASK_APP="web",SESSION_SECRET="${s}",HOME="/srv/web"\ncommand=gunicorn web:app\n`, s],
    ['supervisord, unquoted values', 'supervisord.conf', `[program:api]\nenvironment=NODE_ENV=production,SMTP_PASSWORD=${p}\n`, p],
    ['uWSGI `env = NAME=…`', 'deploy/uwsgi.ini', `[uwsgi]\nmodule = app.wsgi\nenv = JWT_SECRET=${s}\n`, s],
    ['a base64 value ending in `=` stays one value (not a list)', 'config/settings.ini', `[cookies]\ncookie_secret = ${b64}\n`, b64],
  ]);
  quietOnEach([
    ['supervisord passing the variables through from its own environment', 'supervisord.conf', `[supervisord]\nenvironment=SL_API_KEY="%(ENV_SL_API_KEY)s",API_AUTH_TOKEN="%(ENV_API_AUTH_TOKEN)s",PYTHONUNBUFFERED=1\n`],
    ['supervisord variables that are no secrets', 'worker.conf', `[program:w]\nenvironment=GIT_SHA="${g.hex(40)}",LANG="en_US.UTF-8",PATH="/srv/bin:/usr/bin"\n`],
  ]);
});

describe('an HCL block\'s label names its default', () => {
  const dd = datadog();
  const p = password();
  const s = secret();
  findsEach([
    ['a Terraform variable with a default', 'infra/variables.tf', `variable "datadog_api_key" {\n  description = "Datadog API key"\n  type        = string\n  sensitive   = true\n  default     = "${dd}"\n}\n`, dd],
    ['a one-line variable block', 'infra/terraform/vars.tf', `variable "db_password" { default = "${p}" }\n`, p],
    ['default before type, in a module', 'modules/app/variables.tf', `variable "session_secret" {\n  default   = "${s}"\n  type      = string\n}\n`, s],
  ]);
  it('names the provider of a key in a variable named for it', () => {
    const text = `variable "datadog_api_key" {\n  type    = string\n  default = "${dd}"\n}\n`;
    assert.equal(providerAt('infra/variables.tf', text, dd), 'Datadog');
  });
  quietOnEach([
    ['variables whose defaults are settings, or none', 'infra/variables.tf', `variable "environment" {\n  type    = string\n  default = "production"\n}\n\nvariable "api_key" {\n  type      = string\n  sensitive = true\n  default   = null\n}\n\nvariable "openai_api_key" {\n  default = ""\n}\n\nvariable "region" { default = "us-east-1" }\n`],
    ['a secret\'s ARN and an AMI under a variable', 'infra/variables.tf', `variable "api_key_secret_arn" {\n  default = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-key-AbCdEf"\n}\n\nvariable "ami" {\n  default = "ami-0c55b159cbfafe1f0"\n}\n`],
  ]);
});

describe('a namespaced YAML key (Pulumi stack config)', () => {
  const dd = datadog();
  const p = password();
  findsEach([
    ['`project:camelKey: value`', 'infra/Pulumi.prod.yaml', `config:\n  aws:region: eu-west-1\n  shop:datadogApiKey: ${dd}\n`, dd],
    ['a provider\'s password as an object with `value:`', 'Pulumi.yaml', `name: example\nruntime: nodejs\nconfig:\n  openstack:password:\n    value: ${p}\n  openstack:region:\n    value: RegionOne\n`, p],
  ]);
  quietOnEach([
    ['encrypted `secure:` values and plain settings', 'Pulumi.dev.yaml', `config:\n  aws:region: us-west-2\n  shop:datadogApiKey:\n    secure: AAABAHwQ3f1Jv8Zq0m9k2Lr7XyTnB4cQp6W1sEoUaHgDiKjF5tVbNxYz\n  shop:dbPassword:\n    secure: v1:Hk2Jd9Q3mZpLx7Vc:R4nT8wYbE1sKfU6aGq0iOjPlMzXhCvBd\n  shop:imageTag: ${g.hex(40)}\n`],
    ['colons inside values stay values', 'deploy.yaml', `image: ghcr.io/acme/api:1.42.0\nurl: https://api.example.com:8443/v1\ntime: "12:30:00"\n`],
  ]);
});

describe('a settings table: the label column names the value column', () => {
  const dd = datadog();
  const s = secret();
  findsEach([
    ['`service,key_name,value` export', 'exports/integrations.csv', `service,key_name,value,updated_at\nmonitoring,DD_API_KEY,${dd},2024-05-01\n`, dd],
    ['`name;value` with a semicolon delimiter', 'exports/settings.csv', `name;value\nJWT_SECRET;${s}\n`, s],
  ]);
  quietOnEach([
    ['labels that name no secret', 'exports/settings.csv', `key_name,value\nBUILD_SHA,${g.hex(40)}\nAPI_KEY_SECRET_NAME,prod/payments/api-key\nREGION,us-east-1\n`],
  ]);
});

describe('a setting named in a line of text, not at its start', () => {
  const dd = datadog();
  const s = secret();
  const p = password();
  const t = twilioToken();
  findsEach([
    ['a log line `… loaded config NAME=value`', 'logs/worker.log', `2024-05-02T08:00:00Z INFO worker starting\n2024-05-02T08:00:01Z DEBUG loaded config DD_API_KEY=${dd}\n`, dd],
    ['a log line with more pairs after the value', 'logs/app.log', `[2024-05-02 08:00:01] DEBUG env SESSION_SECRET=${s} pid=4121\n`, s],
    ['notes `Label (NAME): value`', 'docs/notes/call.txt', `Call notes\n----------\nTwilio token (TWILIO_AUTH_TOKEN): ${t}\n`, t],
    ['a list item `- Label (NAME): value`', 'docs/handover.txt', `Handover\n- SMTP relay (SMTP_PASSWORD): ${p}\n`, p],
    ['Markdown "set `NAME` to `value`"', 'docs/onboarding.md', `# Onboarding\n\nFor staging, set \`DD_API_KEY\` to \`${dd}\` (shared).\n`, dd],
    ['Markdown "use `NAME` as `value`" in a list', 'docs/setup.md', `## Staging\n\n- use \`JWT_SECRET\` as \`${s}\`\n`, s],
    ['an environment listing printed `NAME value`', 'out/env.txt', `HOME /root\nDD_API_KEY ${dd}\n`, dd],
  ]);
  it('names the provider in a log line', () => {
    const text = `2024-05-02T08:00:01Z DEBUG loaded config DATADOG_API_KEY=${dd}\n`;
    assert.equal(providerAt('logs/worker.log', text, dd), 'Datadog');
  });
  quietOnEach([
    ['a log line of ids and hashes', 'logs/deploy.log', `2024-05-02T08:00:01Z INFO deploy GIT_SHA=${g.hex(40)} TRACE_ID=${g.hex(32)} BUILD_NUMBER=4121\n`],
    ['Markdown settings that are not secrets, and a placeholder', 'docs/setup.md', `Set \`LOG_LEVEL\` to \`debug-verbose\` and \`API_KEY\` to \`<your-api-key>\`.\n`],
    ['notes whose parenthesized names are ids', 'docs/notes.txt', `Release (BUILD_ID): ${g.hex(32)}\nDeploy (GIT_COMMIT): ${g.hex(40)}\n`],
    ['an environment listing of paths and host names', 'out/env.txt', `PATH /usr/local/bin:/usr/bin\nHOSTNAME ${g.hex(12)}\nBUILD_SHA ${g.hex(40)}\n`],
    ['prose with an env name and lowercase words', 'docs/notes.txt', `we deploy with NODE_ENV=production and then check DD_SITE=datadoghq.eu\n`],
  ]);
});

describe('markup printed in a string: a value named by its element\'s name or label attribute', () => {
  const dd = datadog();
  const t = twilioToken();
  findsEach([
    ['a Jest snapshot of a settings screen (React Native)', 'src/__tests__/__snapshots__/Settings.test.tsx.snap', `// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[\`<Settings /> renders 1\`] = \`\n<View>\n  <Text\n    accessibilityLabel="datadog-api-key"\n    value="${dd}"\n  />\n</View>\n\`;\n`, dd],
    ['a Jest snapshot of a web form (hidden input)', 'web/__snapshots__/Form.test.js.snap', `exports[\`Form 1\`] = \`\n<form>\n  <input\n    name="twilio_auth_token"\n    type="hidden"\n    value="${t}"\n  />\n</form>\n\`;\n`, t],
    ['an HTML template in a template literal', 'src/views/settings.ts', `export const view = \`\n<label for="k">Key</label>\n<input id="datadog_api_key" value="${dd}" />\n\`;\n`, dd],
  ]);
  quietOnEach([
    ['a snapshot of class names, labels and ids', 'src/__snapshots__/Card.test.tsx.snap', `exports[\`Card 1\`] = \`\n<div\n  className="css-1q2w3e4r5t6y"\n  data-testid="api-key-card"\n>\n  <input\n    aria-label="API key"\n    placeholder="Paste your API key"\n    value=""\n  />\n  <span id="build">${g.hex(40)}</span>\n</div>\n\`;\n`],
  ]);
});

describe('a here-string fed to a command that stores or logs in with it', () => {
  const dd = datadog();
  const p = password();
  const s = secret();
  findsEach([
    ['zsh history: `vercel env add NAME env <<< \'…\'`', '.zsh_history', `: 1712000000:0;vercel env add DD_API_KEY production <<< '${dd}'\n`, dd],
    ['bash: `gh secret set NAME <<< "…"`', 'scripts/secrets.sh', `#!/usr/bin/env bash\ngh secret set SESSION_SECRET --repo acme/api <<< "${s}"\n`, s],
    ['docker login --password-stdin <<< \'…\'', 'ci/login.sh', `docker login -u deploy --password-stdin registry.example.com <<< '${p}'\n`, p],
  ]);
  quietOnEach([
    ['here-strings into commands that store nothing', 'scripts/x.sh', `grep -c needle <<< '${g.alnum(32)}'\nbase64 -d <<< "${g.base64(40)}" > out.bin\n`],
  ]);
});

describe('a client constructed with one string: a provider\'s key, or a key a class names', () => {
  const rzp = g.alnum(24);
  const s = secret();
  const b64 = g.base64(43) + '=';
  findsEach([
    ['`new RazorpayClient("…", { … })`', 'src/integrations/clients.ts', `export const razorpayClient = new RazorpayClient('${rzp}', { timeoutMs: 10_000 });\n`, rzp],
    ['a provider\'s client whose name holds a key word', 'src/clients.ts', `export const zendeskKeyClient = new ZendeskKeyClient('${s}');\n`, s],
    ['Cryptr constructed with its secret', 'src/crypto.ts', `import Cryptr from 'cryptr';\nexport const cryptr = new Cryptr('${s}');\n`, s],
    ['a field encryptor constructed with a base64 key', 'src/db/encryption.ts', `export const encryptor = new FieldEncryptionClient('${b64}', { algorithm: 'aes-256-gcm' });\n`, b64],
    ['a JWT signer constructed with its secret', 'src/auth/signer.ts', `const signer = new JwtSigner("${s}");\n`, s],
  ]);
  quietOnEach([
    ['clients constructed with settings, ids and public keys', 'src/clients.ts', `const s3 = new S3Client('us-east-1');\nconst cipher = new Cipher('aes-256-gcm');\nconst jwks = new JwtVerifier('https://auth.example.com/.well-known/jwks.json');\nconst mixpanel = new Mixpanel('${g.hex(32)}');\nconst algolia = new AlgoliaClient('${g.upperAlnum(10)}', 'search-only');\nconst signer = new HmacSigner('sha256');\n`],
    ['a client of no provider constructed with a random string', 'src/cache.ts', `const cache = new LruCacheClient('${g.alnum(32)}');\n`],
  ]);
});

describe('values that only look like secrets under secret names (holdout3\'s false positives)', () => {
  const hmacJwt = (secretText: string, claims: object): string => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return `${head}.${(require('node:crypto') as typeof import('node:crypto')).createHmac('sha256', secretText).update(head).digest('base64url')}`;
  };
  const real = hmacJwt(secret(), { sub: 'svc-billing', iat: 1714000000 });
  const sfSecret = g.hex(64).toUpperCase();
  findsEach([['a service JWT signed with a real secret is still found', 'src/auth.ts', `const SERVICE_TOKEN = "${real}";\n`, real]]);
  quietOnEach([
    ['a token signed with jwt.io\'s default secret (its sample)', 'docs/auth.md', `Try it:\n\n    curl -H "Authorization: Bearer ${hmacJwt('your-256-bit-secret', { sub: '42', name: 'Ada', iat: 1600000000 })}" http://localhost:3000/me\n`],
    ['the same under a token name in code', 'src/fixtures.ts', `export const ACCESS_TOKEN = '${hmacJwt('your-256-bit-secret', { sub: 'user-1', admin: true })}';\n`],
    ['RevenueCat\'s public app-specific keys', '.env', `EXPO_PUBLIC_REVENUECAT_IOS_KEY=appl_${g.alnum(27)}\nREVENUECAT_GOOGLE_API_KEY=goog_${g.alnum(27)}\n`],
    ['Statsig\'s client key', 'src/flags.ts', `export const STATSIG_CLIENT_KEY = 'client-${g.alnum(43)}';\n`],
    ['a Salesforce consumer key (the connected app\'s OAuth client id) under a key name', 'config/sf.py', `SALESFORCE_CONSUMER_KEY = "3MVG9${g.alnum(40)}.${g.alnum(40)}"\nsf = {"salesforce_key": "3MVG9${g.alnum(81)}"}\n`],
    ['an AWS Secrets Manager ARN under the secret\'s name', 'src/config.ts', `export const stripeSecretKey = 'arn:aws:secretsmanager:us-east-1:${g.digits(12)}:secret:prod/stripe-secret-key-${g.alnum(6)}';\n`],
  ]);
  findsEach([['the consumer secret beside a Salesforce consumer key is still found', 'config/sf.py', `SALESFORCE_CONSUMER_KEY = "3MVG9${g.alnum(81)}"\nSALESFORCE_CONSUMER_SECRET = "${sfSecret}"\n`, sfSecret]]);
  it('a provider secret beside a public key is still found', () => {
    const secretKey = 'sk_' + g.alnum(32);
    const text = `REVENUECAT_GOOGLE_API_KEY=goog_${g.alnum(27)}\nREVENUECAT_SECRET_KEY=${secretKey}\n`;
    assert.deepEqual(placementCases('miss21').found('.env', text), [secretKey]);
  });
});

describe('a provider named in a header with dashes; a printed listing with base64 padding', () => {
  const pat = g.lowerAlnum(52);
  const b64 = g.base64(59) + '=';
  findsEach([
    ['`Azure-Devops-Pat:` header in a .http file', 'requests/ado.http', `GET https://dev.azure.com/acme/_apis/projects\nAzure-Devops-Pat: ${pat}\n`, pat],
    ['`NAME value=` in a printed environment listing', 'out/env.txt', `HOME /root\nSESSION_SECRET ${b64}\n`, b64],
  ]);
});

describe('providers of context-only keys named by their word in the key\'s name', () => {
  const cases: Array<[string, string, string]> = [
    ['deepgramKey', g.hex(40), 'Deepgram'],
    ['HCLOUD_TOKEN', g.alnum(64), 'Hetzner Cloud'],
    ['B2_APPLICATION_KEY', 'K005' + g.alnum(27), 'Backblaze B2'],
    ['HERE_API_KEY', g.b64url(43), 'HERE'],
    ['EXPO_ACCESS_TOKEN', g.b64url(40), 'Expo'],
    ['TOGETHER_API_KEY', g.hex(64), 'Together AI'],
    ['onesignalRestApiKey', g.alnum(48), 'OneSignal'],
    ['SPLUNK_HEC_TOKEN', g.uuid().toUpperCase(), 'Splunk'],
    // Everyday words name no provider where they are not the provider's (`here`, `expo` of EXPO_PUBLIC_).
    ['hereIsTheApiToken', g.alnum(40), 'Generic'],
    ['EXPO_SERVICE_API_TOKEN', g.alnum(40), 'Generic'],
  ];
  for (const [name, value, provider] of cases) {
    it(`${name} → ${provider}`, () => assert.equal(providerAt('src/config.ts', `export const ${name} = '${value}';\n`, value), provider));
  }
});

describe('a settings table\'s rows in SQL: the label column names the value', () => {
  const dd = datadog();
  const s = secret();
  findsEach([
    ['a seed row labelled with a provider\'s key name', 'db/seed.sql', `INSERT INTO integration_settings (service, key_name, secret) VALUES ('monitoring', 'DD_API_KEY', '${dd}');\n`, dd],
    ['a row labelled with a plain word keeps its secret column', 'db/seed.sql', `INSERT INTO creds (name, secret) VALUES ('billing', '${s}');\n`, s],
  ]);
  it('names the provider a row\'s label spells', () => {
    const text = `INSERT INTO integration_settings (service, key_name, secret) VALUES ('monitoring', 'DATADOG_API_KEY', '${dd}');\n`;
    assert.equal(providerAt('db/seed.sql', text, dd), 'Datadog');
  });
  quietOnEach([
    ['rows labelled as hashes and ids under a `secret` column', 'prisma/seed.sql', `INSERT INTO integration_settings (service, key_name, secret) VALUES ('build', 'COMMIT_SHA', '${g.hex(40)}');\nINSERT INTO integration_settings (service, key_name, secret) VALUES ('artifacts', 'EXPECTED_SHA256', '${g.hex(64)}');\nINSERT INTO integration_settings (service, key_name, secret) VALUES ('tenant', 'TENANT_ID', '${g.uuid()}');\n`],
    ['a CSV of labels and a `secret` column', 'exports/settings.csv', `key_name,secret\nCOMMIT_SHA,${g.hex(40)}\n`],
  ]);
});

describe('a row\'s label does not override a column that says what it holds', () => {
  const k = secret();
  findsEach([['`(name, api_key)` with a dashed record name', 'db/seed.sql', `INSERT INTO integrations (name, api_key) VALUES ('billing-sync', '${k}');\n`, k]]);
});
