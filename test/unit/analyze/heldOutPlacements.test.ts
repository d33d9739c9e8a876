import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * Placements the fifth blind set (bench/holdout4) missed, closed as classes (issue 17, miss22): each class in several
 * spellings, languages and file types of our own (shapes from public code where one was found), with the look-alikes
 * that must stay quiet. Values are generated here; none is the blind set's.
 */
const g = sampleGen(0x2222);
const token = (n = 40): string => g.alnum(n);
const password = (): string => g.alnum(6) + '!' + g.digits(3) + g.alnum(5);
const sha = (): string => g.hex(40);

const { findsEach, quietOnEach } = placementCases('miss22');

describe('a keyword default of a call that reads a setting (os.getenv, decouple, django-environ)', () => {
  const [a, b, c, d, e] = [token(), token(32), token(), token(48), token()];
  findsEach([
    ['os.getenv(NAME, default=…)', 'app/conf.py', `import os\n\nPARTNER_API_TOKEN = os.getenv("PARTNER_API_TOKEN", default="${a}")\n`, a],
    ['decouple config(NAME, default=…)', 'project/settings.py', `from decouple import config\n\nSTRIPE_WEBHOOK_SECRET = config('STRIPE_WEBHOOK_SECRET', default='${b}')\nDEBUG = config('DEBUG', default=False, cast=bool)\n`, b],
    ['django-environ env.str(NAME, default=…)', 'project/settings/base.py', `import environ\n\nenv = environ.Env()\nSECRET_KEY = env.str("DJANGO_SECRET_KEY", default="${c}")\n`, c],
    ['environs env(NAME, default=…) inside a dict', 'app/config.py', `from environs import Env\n\nenv = Env()\nCONFIG = {\n    "mailer": env("MAILER_API_KEY", default="${d}"),\n}\n`, d],
    ['a keyword default on its own line', 'app/conf.py', `import os\n\nsigning = os.getenv(\n    "WEBHOOK_SIGNING_SECRET",\n    default="${e}",\n)\n`, e],
  ]);
  quietOnEach([
    ['a default for a setting that is no secret', 'app/conf.py', `from decouple import config\n\nTHEME_PALETTE = config("THEME_PALETTE", default="${token()}")\nRELEASE = os.getenv("RELEASE_SHA", default="${sha()}")\n`],
    ['a placeholder default', 'app/conf.py', `import os\n\nAPI_TOKEN = os.getenv("API_TOKEN", default="changeme-in-production")\n`],
  ]);
});

describe('systemd units: Environment=NAME=value', () => {
  const [a, b, c] = [token(), password(), token(36)];
  findsEach([
    ['a unit file, one variable a line', 'deploy/worker.service', `[Unit]\nDescription=worker\n\n[Service]\nExecStart=/usr/local/bin/worker\nEnvironment=SENDGRID_API_KEY=${a}\nEnvironment=REDIS_PASSWORD=${b}\nRestart=on-failure\n`, [a, b]],
    ['a drop-in, several variables on one line', 'systemd/api.service.d/override.conf', `[Service]\nEnvironment=PARTNER_API_TOKEN=${c} LOG_LEVEL=debug\n`, c],
    ['a quadlet container unit', 'containers/systemd/app.container', `[Container]\nImage=registry.example.com/app:1.4\nEnvironment=API_TOKEN=${a}\n`, a],
  ]);
  quietOnEach([
    ['settings that are no secrets', 'deploy/worker.service', `[Service]\nEnvironment=NODE_ENV=production GIT_COMMIT_SHA=${sha()}\nEnvironment=API_TOKEN_FILE=/run/secrets/api_token\n`],
  ]);
});

describe('HTTP recordings: a header recorded as a flow list (VCR cassettes)', () => {
  const [a, b, c] = [token(32), token(40), token()];
  findsEach([
    ['vcrpy: Authorization: [Bearer …]', 'tests/cassettes/test_sync.yaml', `interactions:\n- request:\n    body: null\n    headers:\n      Accept: [application/json]\n      Authorization: [Bearer ${a}]\n    method: GET\n    uri: https://api.example.com/v1/me\n`, a],
    ['an API key header as a quoted item', 'spec/fixtures/vcr_cassettes/orders.yml', `http_interactions:\n- request:\n    method: get\n    headers:\n      X-Api-Key: ['${b}']\n      User-Agent: [Faraday v2.7.4]\n`, b],
    ['a token header with a second item', 'tests/cassettes/test_two.yaml', `interactions:\n- request:\n    headers:\n      X-Auth-Token: ["${c}", "retry"]\n`, c],
  ]);
  quietOnEach([
    ['recorded headers that are no credentials', 'tests/cassettes/test_etag.yaml', `interactions:\n- response:\n    headers:\n      X-Request-Id: [${g.uuid()}]\n      Content-Type: [application/json; charset=utf-8]\n      X-Commit: [${sha()}]\n`],
    ['a redacted recording', 'tests/cassettes/test_redacted.yaml', `interactions:\n- request:\n    headers:\n      Authorization: [Bearer REDACTED]\n      X-Api-Key: [<API_KEY>]\n`],
  ]);
});

describe('Gradle: buildConfigField and resValue name their value', () => {
  const [a, b, c, d] = [token(39), token(32), token(), token(40)];
  findsEach([
    ['Kotlin DSL buildConfigField("String", NAME, "\\"…\\"")', 'app/build.gradle.kts', `android {\n    defaultConfig {\n        buildConfigField("String", "MAPS_API_KEY", "\\"${a}\\"")\n        buildConfigField("String", "BASE_URL", "\\"https://api.example.com/\\"")\n    }\n}\n`, a],
    ['Groovy DSL without parentheses, the value in single quotes', 'app/build.gradle', `android {\n    buildTypes {\n        release {\n            buildConfigField "String", "SERVER_TOKEN", '"${b}"'\n        }\n    }\n}\n`, b],
    ['Groovy DSL, escaped quotes', 'app/build.gradle', `android {\n    defaultConfig {\n        buildConfigField "String", "CLIENT_SECRET", "\\"${c}\\""\n    }\n}\n`, c],
    ['resValue("string", name, …)', 'app/build.gradle.kts', `android {\n    defaultConfig {\n        resValue("string", "sentry_auth_token", "${d}")\n    }\n}\n`, d],
  ]);
  quietOnEach([
    ['a list of setting names in prose (a README)', 'docs/azure/README.md', '- Use Azure values (`AZURE_USER_CLIENT_ID`, `AZURE_USER_AUTHORITY`,\n  `AZURE_DB_CLIENT_CREDENTIAL`, `AZURE_DB_AUTHORITY`, `AZURE_DB_SCOPES`) for\n  end-user and DB security parameters\n'],
    ['a call listing setting names', 'scripts/check_env.py', 'require_env("STRIPE_SECRET_KEY", "SENDGRID_API_TOKEN", "DATADOG_APP_KEY_ROTATED")\n'],
    ['build fields that are no secrets', 'app/build.gradle.kts', `android {\n    defaultConfig {\n        buildConfigField("String", "GIT_SHA", "\\"${sha()}\\"")\n        buildConfigField("String", "API_KEY", "\\"\\"")\n        resValue("string", "app_name", "Courier Tracking Staging")\n    }\n}\n`],
  ]);
});

describe('settings tables: a row names its value by its label and its service', () => {
  const [a, b, c, d] = [g.hex(32), token(24), token(40), g.hex(32)];
  findsEach([
    ['SQL: (provider, name, value)', 'db/seed.sql', `BEGIN;\nINSERT INTO integration_settings (provider, name, value) VALUES ('mailer', 'api_key', '${a}');\nCOMMIT;\n`, a],
    ['SQL: (service, setting, value), a plain word for a label', 'db/seeds/002_settings.sql', `INSERT INTO app_config (service, setting, value)\nVALUES ('razorpay', 'key_secret', '${b}');\n`, b],
    ['CSV: tenant,provider,field,value', 'exports/credentials.csv', `tenant,provider,field,value,created_at\nacme-eu,partner,api_token,${c},2025-11-02\n`, c],
    ['CSV: integration,credential_type,value', 'exports/settings.csv', `integration,credential_type,value\nweather,api_key,${d}\n`, d],
  ]);
  quietOnEach([
    ['rows whose labels are no secrets', 'db/seed.sql', `INSERT INTO integration_settings (provider, name, value) VALUES ('github', 'commit_sha', '${sha()}');\nINSERT INTO integration_settings (provider, name, value) VALUES ('billing', 'tenant_uuid', '${g.uuid()}');\n`],
    ['CSV rows whose fields are no secrets', 'exports/settings.csv', `tenant,provider,field,value\nacme,github,commit_sha,${sha()}\nacme,stripe,price_id,price_${token(24)}\n`],
  ]);
});

describe('Markdown tables: a Value column named by the row\'s setting', () => {
  const [a, c] = [token(), g.hex(32)];
  findsEach([
    ['| Service | Variable | Value |', 'docs/onboarding.md', `# Accounts\n\n| Service | Variable | Value |\n|---|---|---|\n| Mailer | MAILER_API_KEY | \`${a}\` |\n`, a],
    ['| Name | Owner | Value |, bare cells apart', 'docs/staging.md', `| Name | Owner | Value |\n| --- | --- | --- |\n| WEATHER_API_KEY | data team | ${c} |\n`, c],
  ]);
  quietOnEach([
    ['Value columns of settings that are no secrets', 'docs/build.md', `| Setting | Value |\n|---|---|\n| GIT_COMMIT_SHA | \`${sha()}\` |\n| AWS_REGION | \`eu-west-1\` |\n| Tenant | \`${g.uuid()}\` |\n`],
  ]);
});

describe('a secret store resource: the value named by the resource (Pulumi, CDKTF)', () => {
  const [a, b, c] = [token(), g.hex(32), token(48)];
  findsEach([
    ['Pulumi TS: new aws.ssm.Parameter(name, { type: SecureString, value })', 'infra/index.ts', `import * as aws from '@pulumi/aws';\n\nnew aws.ssm.Parameter('partner-api-token', { type: 'SecureString', value: '${a}' });\n`, a],
    ['Pulumi TS: a Secrets Manager version bound to a constant, options on lines', 'infra/secrets.ts', `import * as aws from '@pulumi/aws';\n\nexport const weatherKey = new aws.ssm.Parameter('weather-api-key', {\n  type: aws.ssm.ParameterType.SecureString,\n  value: '${b}',\n});\n`, b],
    ['Pulumi Python: aws.ssm.Parameter(name, type=…, value=…)', 'infra/__main__.py', `import pulumi_aws as aws\n\naws.ssm.Parameter("mailer-smtp-password", type="SecureString", value="${c}")\n`, c],
  ]);
  quietOnEach([
    ['plain parameters that are no secrets', 'infra/index.ts', `import * as aws from '@pulumi/aws';\n\nnew aws.ssm.Parameter('release-sha', { type: 'String', value: '${sha()}' });\nnew aws.ssm.Parameter('tenant-id', { type: 'String', value: '${g.uuid()}' });\n`],
  ]);
});

describe('a setting commented out in YAML', () => {
  const [a, b, c] = [token(), g.hex(64), password()];
  findsEach([
    ['a Helm values file: the old key above its empty replacement', 'charts/api/values.yaml', `env:\n  # PARTNER_API_TOKEN: ${a}   # moved to ExternalSecret\n  PARTNER_API_TOKEN: ""\n`, a],
    ['a compose file, the value quoted', 'docker-compose.yml', `services:\n  api:\n    environment:\n      # FIELD_ENCRYPTION_KEY: "${b}"\n      LOG_LEVEL: info\n`, b],
    ['an app config, hashes doubled', 'config/application.yml', `ldap:\n  url: ldaps://ldap.internal:636\n  ## bind_password: ${c}\n`, c],
  ]);
  quietOnEach([
    ['comments that are prose or no secrets', 'charts/api/values.yaml', `# Note: the token is rotated by the platform team\n# password: changeme\n# image_digest: sha256:${g.hex(64)}\n# commit: ${sha()}\nreplicas: 2\n`],
  ]);
});

describe('notes: a secret named in a sentence, then a colon and the value at the line\'s end', () => {
  const [a, b, c] = [token(), token(32), g.uuid()];
  findsEach([
    ['incident notes: "pasted the Acme API token into the channel by mistake: …"', 'docs/incidents/notes.txt', `INC-88 raw notes\n\n14:02 pasted the Acme API token into the channel by mistake: ${a}\n14:05 revoked it\n`, a],
    ['a handover note: "the deploy token we share with the vendor: …"', 'notes/handover.txt', `Handover\n- the deploy token we share with the vendor: ${b}\n- on-call: see the rota\n`, b],
    ['a provider named before its secret: "our Heroku api key got posted in chat: …"', 'notes/ops.txt', `our Heroku api key got posted in chat: ${c}\n`, c],
  ]);
  quietOnEach([
    ['sentences whose colon leads to no value', 'docs/incidents/notes.txt', `14:07 the password is stored in the vault: see the runbook\n14:09 rotated the token at: 2026-02-11T14:09:00Z\n14:11 press the key combination below: Ctrl+Shift+Alt+P\n14:12 the api key was rotated by: platform-oncall-bot\n14:15 token expiry in seconds: 86400\n`],
  ]);
});

describe('Markdown: a fence holding one value, introduced by the sentence before it', () => {
  const [a, b, c] = [g.b64url(64), g.hex(64), token(43)];
  findsEach([
    ['an ADR: "The JWT signing secret we use in staging:" then a bare fence', 'docs/adr/0003-tokens.md', `# ADR 3\n\nThe JWT signing secret we use in staging:\n\n\`\`\`\n${a}\n\`\`\`\n`, a],
    ['a README: a fence with a language word', 'README.md', `## Local setup\n\nPaste this encryption key into your .env:\n\`\`\`text\n${b}\n\`\`\`\n`, b],
    ['after a block of commands, the sentence right above the fence', 'docs/ops.md', `\`\`\`sh\nmake seed\nmake up\n\`\`\`\nThe webhook signing secret:\n\`\`\`\n${b}\n\`\`\`\n`, b],
    ['a wiki page: the delivery token for the preview space (tildes)', 'docs/wiki/cms.md', `The preview delivery token for the staging space:\n\n~~~\n${c}\n~~~\n`, c],
    ['a fence of four backticks', 'docs/wiki/cms.md', `The preview delivery token for the staging space:\n\n\`\`\`\`\n${c}\n\`\`\`\`\n`, c],
    ['a Windows (CRLF) runbook', 'docs/runbook.md', `The webhook signing secret:\r\n\r\n\`\`\`\r\n${b}\r\n\`\`\`\r\n`, b],
  ]);
  quietOnEach([
    ['fences that hold commands, hashes or addresses', 'docs/setup.md', `The release commit:\n\n\`\`\`\n${sha()}\n\`\`\`\n\nThe token endpoint we call:\n\n\`\`\`\nhttps://auth.example.com/oauth/token\n\`\`\`\n\nRun this to get a token:\n\n\`\`\`sh\nnpm run issue-token\n\`\`\`\n`],
  ]);
});

describe('TypeScript: a constant named by where it is used (an auth header far below)', () => {
  const [a, b, c] = [token(), token(32), g.hex(40)];
  findsEach([
    ['const KEY, then authorization: `Bearer ${KEY}` in a fetch', 'src/integrations/carrier.ts', `import { logger } from '../lib/logger';\n\nconst KEY = '${a}';\n\ntype Payload = Record<string, unknown>;\n\nexport async function send(path: string, body: Payload): Promise<unknown> {\n  const res = await fetch(\`https://api.carrier.example\${path}\`, {\n    method: 'POST',\n    headers: { 'content-type': 'application/json', authorization: \`Bearer \${KEY}\` },\n    body: JSON.stringify(body),\n  });\n  logger.debug({ status: res.status }, 'carrier call');\n  return res.json();\n}\n`, a],
    ['const K, then an X-Api-Key header', 'src/api/partner.js', `const K = '${b}';\n\nexport function get(id) {\n  return fetch('https://partner.example/v1/items/' + id, {\n    headers: { 'X-Api-Key': K },\n  });\n}\n`, b],
    ["'Bearer ' + V in an axios instance", 'src/api/http.ts', `import axios from 'axios';\n\nconst V = '${c}';\n\nexport const http = axios.create({\n  baseURL: 'https://api.example.com',\n  headers: { Authorization: 'Bearer ' + V },\n});\n`, c],
  ]);
  quietOnEach([
    ['constants used as ids and content types', 'src/api/http.ts', `const ID = '${g.uuid()}';\nconst TYPE = 'application/vnd.api+json';\nconst BUILD = '${sha()}';\n\nexport const headers = { 'x-request-id': ID, 'content-type': TYPE, 'x-build': BUILD };\n`],
  ]);
});

describe('TypeScript: a client made from an API URL and one string', () => {
  const [a, b, c] = [token(), g.uuid(), token(36)];
  findsEach([
    ['createHttpClient(url, …)', 'src/clients/factory.ts', `import { createHttpClient } from '../lib/http';\n\nexport const partnerClient = createHttpClient('https://api.partner.example', '${a}');\n`, a],
    ['a context-only key named by its host: Snyk UUID', 'src/clients/snyk.ts', `export const snyk = createApiClient('https://api.snyk.io', '${b}');\n`, b],
    ['new ApiClient(baseUrl, …)', 'src/clients/index.js', `const baseUrl = process.env.API_URL;\nmodule.exports = new ApiClient(baseUrl, '${c}');\n`, c],
  ]);
  quietOnEach([
    ['clients made with a URL and no credential', 'src/clients/factory.ts', `export const a = createHttpClient('https://api.partner.example', 'application/json');\nexport const b = createClient('https://api.partner.example', 'partner-web-app-v2');\nexport const c = createClient('https://api.partner.example', 'Welcome back to Partner');\n`],
  ]);
});

describe('API descriptions: a parameter\'s example named by the parameter', () => {
  const [a, b] = [token(), token(32)];
  findsEach([
    ['OpenAPI 3: a header parameter with an example', 'api/openapi.yaml', `openapi: 3.0.3\ninfo:\n  title: Tracking\n  version: 1.0.0\ncomponents:\n  parameters:\n    PartnerKey:\n      in: header\n      name: X-Partner-Api-Key\n      schema: { type: string }\n      example: ${a}\n`, a],
    ['Swagger 2: a query parameter, the example before its name', 'api/swagger.yml', `swagger: "2.0"\npaths:\n  /v1/rates:\n    get:\n      parameters:\n        - example: ${b}\n          in: query\n          name: access_token\n          type: string\n`, b],
  ]);
  quietOnEach([
    ['examples of parameters that are no secrets, and a placeholder', 'api/openapi.yaml', `components:\n  parameters:\n    RequestId:\n      in: header\n      name: X-Request-Id\n      example: ${g.uuid()}\n    Commit:\n      in: query\n      name: commit_sha\n      example: ${sha()}\n    Key:\n      in: query\n      name: api_key\n      example: YOUR_API_KEY\n`],
  ]);
});

describe('shell: a positional argument at the place a usage line names a credential', () => {
  const [a, b, c] = [token(), g.uuid(), token(32)];
  findsEach([
    ['# usage: cmd <provider> <token> <url>, run from ./bin', 'scripts/rotate-hooks.sh', `#!/bin/sh\n# usage: register-hook <provider> <token> <url>\n\n./bin/register-hook acme ${a} https://hooks.example.com/acme\n`, a],
    ['a provider\'s place names a context-only key (Heroku UUID)', 'scripts/hooks.sh', `#!/usr/bin/env bash\n# Usage: add-hook <service> <api-key>\nadd-hook heroku ${b}\n`, b],
    ['the value quoted, the usage in upper case', 'deploy/seed.sh', `#!/bin/bash\n# USAGE: seed-tenant TENANT API_SECRET\n/opt/tools/seed-tenant acme '${c}'\n`, c],
  ]);
  quietOnEach([
    ['arguments that are references, other commands, or no credential place', 'scripts/hooks.sh', `#!/bin/sh\n# usage: register-hook <provider> <token> <url>\n./bin/register-hook acme "$ACME_TOKEN" https://hooks.example.com/acme\necho register-hook ${token()} done\n# usage: build-image <name> <tag>\nbuild-image api ${sha()}\n`],
  ]);
});
