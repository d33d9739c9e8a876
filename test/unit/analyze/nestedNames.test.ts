import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Secrets whose name is one step away from the value (issue 17, generic recall): a value field below its owner, a
 * `{name, value}` pair object, the function or field around a default, an env read by name before a fallback, lists and
 * user maps under a secret name, a table's header, a snapshot's printed object. Each class in several spellings of our
 * own (TS, JS, Python, the config formats), with negatives that must stay quiet; values are generated.
 */
const g = sampleGen(0x1919);
const key = () => g.alnum(22) + g.digits(2) + g.alnum(8);
const human = 'Tiger' + '2015@';
const uuid = g.uuid();

function found(path: string, text: string): string[] {
  return analyzeText(path, text, { salt: 'nested' })
    .findings.filter((f) => f.severity !== 'info' && f.severity !== 'hint')
    .map((f) => text.slice(f.offset, f.offset + f.length));
}

/** Each case: [name, path, text, the values found]. */
type Case = readonly [string, string, string, string | string[]];
function findsEach(cases: readonly Case[]): void {
  for (const [name, path, text, value] of cases) it(`finds the secret: ${name}`, () => assert.deepEqual(found(path, text), Array.isArray(value) ? value : [value]));
}
function quietOnEach(cases: ReadonlyArray<readonly [string, string, string]>): void {
  for (const [name, path, text] of cases) it(`stays quiet: ${name}`, () => assert.deepEqual(found(path, text), []));
}

describe('nested names: a value field one level below its owner', () => {
  const k = key();
  findsEach([
    ['JSON {"x": {"value": …}}', 'config/keys.json', `{\n  "paymentApiSecret": {"value": "${k}", "rotated": "2024-03-01"}\n}\n`, k],
    ['JSONC, current', '.vscode/settings.json', `{\n  // rotated monthly\n  "webhookSigningSecret": { "current": "${k}", },\n}\n`, k],
    ['YAML mapping', 'config/app.yaml', `mailgun_api_key:\n  value: ${k}\n  rotated: 2024-03-01\n`, k],
    ['TOML section', 'config/app.toml', `[billing_secret]\nvalue = "${k}"\nrotated = "2024-03-01"\n`, k],
    ['TS object literal', 'src/config.ts', `export const keys = { searchApiKey: { value: "${k}", rotated: "2024-03-01" } };\n`, k],
    ['Python dict', 'app/config.py', `KEYS = {"analytics_token": {"value": "${k}", "rotated": "2024-03-01"}}\n`, k],
  ]);
  quietOnEach([
    ['a value under a name that is no secret', 'config/app.json', `{"theme": {"value": "${key()}"}}\n`],
    ['a date beside the value', 'config/app.yaml', `mailgun_api_key:\n  rotated: 2024-03-01T10:00:00Z\n`],
    ['a placeholder', 'src/config.ts', `export const keys = { searchApiKey: { value: "your-search-api-key-here" } };\n`],
  ]);
});

describe('nested names: name/value pair objects', () => {
  const k = key();
  findsEach([
    ['HAR header', 'captures/session.har', `{"log": {"entries": [{"request": {"headers": [{"name": "X-Auth-Token", "value": "${k}"}]}}]}}\n`.replace(/^/, ''), k],
    ['CloudFormation parameters', 'deploy/params.json', `[{"ParameterKey": "DatabasePassword", "ParameterValue": "${k}"}]\n`, k],
    ['AWS task definition, capitalised', 'deploy/task.json', `{"environment": [{"Name": "SERVICE_TOKEN", "Value": "${k}"}]}\n`, k],
    ['the value before its label (JSON)', 'postman/env.json', `{"values": [{"value": "${k}", "key": "partnerSecret", "enabled": true}]}\n`, k],
    ['the value before its label (YAML)', 'k8s/deploy.yaml', `env:\n  - value: ${k}\n    name: WORKER_API_KEY\n`, k],
    ['YAML ParameterKey', 'deploy/params.yaml', `- ParameterKey: SigningSecret\n  ParameterValue: ${k}\n`, k],
    ['TS pair objects', 'src/env.ts', `export const vars = [{ name: "SEARCH_TOKEN", value: "${k}" }];\n`, k],
    ['Python pair dicts', 'app/env.py', `ENV = [{"Name": "SEARCH_TOKEN", "Value": "${k}"}]\n`, k],
    ['Postman apikey auth (the label only says "value")', 'collection.postman_collection.json', `{"auth": {"type": "apikey", "apikey": [{"key": "value", "value": "${k}", "type": "string"}, {"key": "key", "value": "X-Api-Key", "type": "string"}]}}\n`, k],
    ['Postman bearer auth', 'collection.postman_collection.json', `{"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "${k}", "type": "string"}]}}\n`, k],
    ['Terraform helm set block', 'infra/helm.tf', `resource "helm_release" "api" {\n  set {\n    name  = "auth.apiSecret"\n    value = "${k}"\n  }\n}\n`, k],
  ]);
  quietOnEach([
    ['a tenant id', 'deploy/env.json', `[{"name": "tenant_id", "value": "${uuid}"}]\n`],
    ['a colour', 'src/theme.ts', `export const tokens = [{ key: "color", value: "${key()}" }];\n`],
    ['a placeholder value', 'k8s/deploy.yaml', `env:\n  - name: SERVICE_TOKEN\n    value: <your-service-token>\n`],
    ['a label in another item (YAML)', 'k8s/deploy.yaml', `env:\n  - name: API_TOKEN\n    valueFrom: {secretKeyRef: {name: api, key: token}}\n  - name: IMAGE_DIGEST\n    value: ${key()}\n`],
    ['an image tag in a helm set block', 'infra/helm.tf', `resource "helm_release" "api" {\n  set {\n    name  = "image.tag"\n    value = "${key()}"\n  }\n}\n`],
  ]);
});

describe('nested names: the function or field around a default', () => {
  const k = key();
  findsEach([
    ['a function declaration', 'src/twilio.ts', `export function connectTwilioAuthToken(key = "${k}") {\n  return key;\n}\n`, k],
    ['an arrow function', 'src/client.js', `const withSigningSecret = (value = "${k}") => sign(value);\n`, k],
    ['a method', 'src/client.ts', `class Client {\n  useApiSecret(value = "${k}") {\n    this.s = value;\n  }\n}\n`, k],
    ['a Python def, annotated', 'app/client.py', `def connect(api_key: str = "${k}"):\n    pass\n`, k],
    ['a Python def named for the secret', 'app/client.py', `def use_signing_secret(value="${k}"):\n    return value\n`, k],
    ['a Python keyword argument', 'app/mail.py', `client = PostmarkClient(server_token="${k}")\n`, k],
    ['dataclasses.field(default=…)', 'app/settings.py', `@dataclass\nclass Settings:\n    webhook_secret: str = field(default="${k}")\n`, k],
    ['pydantic Field(default=…)', 'app/settings.py', `class Settings(BaseSettings):\n    client_secret: str = Field(default="${k}")\n`, k],
    ['pydantic Field("…") positional', 'app/settings.py', `class Settings(BaseSettings):\n    auth_token: str = Field("${k}", description="token")\n`, k],
    ['attr.ib(default=…)', 'app/settings.py', `@attr.s\nclass Settings:\n    api_secret = attr.ib(default="${k}")\n`, k],
  ]);
  quietOnEach([
    ['a default under a function that is no secret', 'src/format.ts', `export function formatDate(value = "${key()}") { return value; }\n`],
    ['a field named for what is no secret', 'app/settings.py', `class Settings(BaseSettings):\n    build_sha: str = Field(default="${key()}")\n`],
    ['a field default that is a placeholder', 'app/settings.py', `class Settings(BaseSettings):\n    client_secret: str = Field(default="changeme-client-secret")\n`],
    ['a parameter with its own name under a secret function', 'src/token.ts', `export function makeToken(alphabet = "abcdefghij") { return alphabet; }\n`],
  ]);
});

describe('nested names: the fallback after an env or config read', () => {
  const k = key();
  findsEach([
    ['Deno.env.get ??', 'src/main.ts', `const token = Deno.env.get("UPSTREAM_TOKEN") ?? "${k}";\n`, k],
    ['Deno.env.get || under a bland name', 'src/main.ts', `const v = Deno.env.get("DB_SECRET") || "${k}";\n`, k],
    ['a helper reading by name', 'src/env.js', `const x = readEnv("PAYMENTS_API_KEY") ?? "${k}";\n`, k],
    ['process.env ||', 'src/env.js', `const x = process.env.PAYMENTS_SECRET || "${k}";\n`, k],
    ['Bun.env ??', 'src/env.ts', `const x = Bun.env.WORKER_TOKEN ?? "${k}";\n`, k],
    ['import.meta.env ??', 'src/env.ts', `const x = import.meta.env.SERVER_API_KEY ?? "${k}";\n`, k],
    ['config.get with a default (TS)', 'src/env.ts', `const x = config.get("hooks_secret", "${k}");\n`, k],
    ['os.getenv or', 'app/env.py', `x = os.getenv("UPSTREAM_TOKEN") or "${k}"\n`, k],
    ['os.environ[…] or', 'app/env.py', `x = os.environ["UPSTREAM_TOKEN"] or "${k}"\n`, k],
    ['os.environ.get with a default', 'app/env.py', `x = os.environ.get("UPSTREAM_TOKEN", "${k}")\n`, k],
    ['config.get with a default (Python)', 'app/env.py', `x = config.get("hooks_secret", "${k}")\n`, k],
  ]);
  quietOnEach([
    ['an env read of what is no secret', 'src/main.ts', `const region = Deno.env.get("BUCKET_NAME") ?? "${key()}";\n`],
    ['a placeholder fallback', 'app/env.py', `x = os.getenv("UPSTREAM_TOKEN") or "replace-me-with-a-token"\n`],
  ]);
});

describe('nested names: lists of secrets under a secret name', () => {
  const [a, b] = [key(), key()];
  findsEach([
    ["Koa's app.keys", 'src/server.js', `app.keys = ['${a}', '${b}'];\n`, [a, b]],
    ['keygrip', 'src/cookies.ts', `const signer = new Keygrip(["${a}", "${b}"], "sha256");\n`, [a, b]],
    ['secrets: [...]', 'src/session.js', `app.use(session({ secrets: ["${a}", "${b}"] }));\n`, [a, b]],
    ["Django's SECRET_KEY_FALLBACKS", 'app/settings.py', `SECRET_KEY_FALLBACKS = ["${a}", "${b}"]\n`, [a, b]],
  ]);
  quietOnEach([
    ['Object.keys near strings', 'src/util.ts', `const names = Object.keys(obj).concat(["${key()}"]);\n`],
    ['a list of key names', 'src/server.js', `app.keys = ['session.sig', 'session.cookie.name'];\n`],
    ['a map of keys that is no list', 'src/i18n.js', `messages.keys = { greeting: '${key()}' };\n`],
  ]);
});

describe('nested names: maps of user names to passwords', () => {
  const k = key();
  findsEach([
    ['express-basic-auth users', 'src/server.js', `app.use(basicAuth({ users: { admin: '${human}' }, challenge: true }));\n`, human],
    ['a credentials object', 'src/auth.ts', `const credentials = { alice: "${k}", bob: "${human}" };\n`, [k, human]],
    ['a Python credentials dict', 'app/auth.py', `credentials = {"alice": "${human}"}\n`, human],
    ['a Python passwords dict', 'app/auth.py', `PASSWORDS = {"deploy": "${human}"}\n`, human],
    ['a YAML users map under basic auth', 'config/auth.yaml', `basic_auth:\n  users:\n    admin: ${human}\n`, human],
  ]);
  quietOnEach([
    ['a placeholder user map', 'src/server.js', "app.use(basicAuth({ users: { admin: 'admin' } }));\n"],
    ['roles', 'src/server.js', "app.use(basicAuth({ users: { x: 'x' } }));\nconst roles = { admin: 'superuser' };\n"],
    ['a credentials record', 'src/auth.ts', `const credentials = { username: "svc_backup01", region: "eu-west-1a" };\n`],
    ['a service account under credentials', 'config/gcp.json', `{"credentials": {"type": "service_account", "project_id": "proj-12345", "private_key_id": "${g.hex(40)}", "client_email": "svc@proj-12345.iam.gserviceaccount.com", "clientId": "${g.digits(21)}"}}\n`],
    ['a user map of display names', 'src/server.js', "const users = { admin: 'Administrator', basicAuth: true };\n"],
  ]);
});

describe('nested names: table cells by their column header', () => {
  const [a, b] = [key(), key()];
  findsEach([
    ['CSV', 'data/accounts.csv', `id,email,api_token,created_at\n1,a@example.com,${a},2024-01-01\n2,b@example.com,${b},2024-01-02\n`, [a, b]],
    ['TSV, quoted', 'data/accounts.tsv', `id\tclient_secret\n1\t"${a}"\n`, a],
    ['CSV with semicolons', 'data/export.csv', `id;Access Token;owner\n1;${a};ops\n`, a],
  ]);
  quietOnEach([
    ['counts, dates and hashes', 'data/usage.csv', `id,token_count,password_changed_at,hash\n1,42,2024-01-01T00:00:00Z,${g.hex(40)}\n`],
    ['no header row', 'data/raw.csv', `1,${key()},x\n2,${key()},y\n`],
    ['ids under an id column', 'data/keys.csv', `api_key_id,name\n${key()},primary\n`],
  ]);
});

describe('nested names: snapshots read as the object they print', () => {
  const [a, b] = [key(), key()];
  findsEach([
    ['a Jest snapshot file', 'src/__snapshots__/client.test.ts.snap', `// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[\`client sends its headers 1\`] = \`\n{\n  "Authorization": "Bearer ${a}",\n  "apiKey": "${b}",\n}\n\`;\n`, [a, b]],
    ['an inline snapshot', 'src/client.test.ts', `it('sends headers', () => {\n  expect(headers()).toMatchInlineSnapshot(\`\n    {\n      "x-api-key": "${a}",\n    }\n  \`);\n});\n`, a],
  ]);
  quietOnEach([
    ['a snapshot of what is no secret', 'src/__snapshots__/client.test.ts.snap', `exports[\`renders 1\`] = \`\n{\n  "className": "${key()}",\n  "apiKey": "[redacted]",\n}\n\`;\n`],
  ]);
});
