import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * Placements of the sixth blind set (bench/holdout5) closed by the reason they were missed, not by their spelling
 * (issue 17, miss23): a value named only by the call it is passed to, a value alone on the line under the sentence
 * that names it, a settings table whose label cell names the secret in words. Each reason in several spellings,
 * languages and file types of our own (shapes from public code: b2sdk's `authorize_account`, plivo's `RestClient`,
 * Azure's `AzureKeyCredential`), with the look-alikes that must stay quiet. Values are generated here; none is the
 * blind set's.
 */
const g = sampleGen(0x2323);
const token = (n = 40): string => g.alnum(n);
const hex = (n = 40): string => g.hex(n);

const { findsEach, quietOnEach } = placementCases('miss23');

describe('a client made or logged in with strings: its last string is its credential', () => {
  const v = Array.from({ length: 12 }, () => token());
  const [b64, uuid, azureKey, appKey] = [g.base64(86) + '==', g.uuid(), hex(32), `K00${token(28)}`];
  findsEach([
    ['a provider client constructed with an id and a secret (TS)', 'src/sms.ts', `import * as Plivo from 'plivo';\n\nexport const sms = new Plivo.Client('MA${g.upperAlnum(18)}', '${v[0]}');\n`, v[0]!],
    ['a client constructed with an account and a key (TS)', 'src/ledger.ts', `import { LedgerClient } from '@acme/ledger';\n\nconst ledger = new LedgerClient('acct_4411', '${b64}');\n`, b64],
    ['a client signing in with a user and a key (TS)', 'src/deploy.ts', `const session = await deployClient.signIn('svc-deploy', '${azureKey}');\n`, azureKey],
    ['a client factory with a region and a secret (JS)', 'lib/mail.js', `const mail = createMailClient('eu-west-1', '${v[1]}');\n`, v[1]!],
    ["a provider's connect call with a key and a secret, in a file a secret's name brings in (TS)", 'src/mail.ts', `import Mailjet from 'node-mailjet';\n\nconst smsToken = process.env.MJ_SMS_TOKEN;\nexport const mailer = Mailjet.apiConnect('${hex(32)}', '${v[2]}');\n`, v[2]!],
    ['a Python SDK client with an id and a token', 'app/sms.py', `import plivo\n\nclient = plivo.RestClient("MA${g.upperAlnum(18)}", "${v[3]}")\n`, v[3]!],
    ['a Python client with an app id and a key after a comment line', 'app/push.py', `import pushy\n\npush = pushy.Client(\n    "app-4411",\n    # the live key, not the sandbox one\n    "${v[4]}"\n)\n`, v[4]!],
    ["b2sdk's authorize_account(realm, key id, application key)", 'etl/upload.py', `b2_api = B2Api(InMemoryAccountInfo())\nb2_api.authorize_account("production", "${hex(12)}", "${appKey}")\n`, appKey],
    ['a Python client signing in with a user and a secret', 'jobs/report.py', `conn = ReportingClient(host)\nconn.sign_in("svc-reporting", "${v[6]}")\n`, v[6]!],
    ['a UUID key as the last string of a Python client', 'app/metrics.py', `metrics = MetricsClient("https://ingest.example.io", "${uuid}")\n`, uuid],
  ]);
  quietOnEach([
    ['a client with a host and a database name', 'src/db.ts', `const db = new Client('localhost', 'inventory_service_db');\n`],
    ['a language client with an id and a title', 'src/extension.ts', `const client = new LanguageClient('rotationReady', 'Rotation Ready Language Server', serverOptions, clientOptions);\n`],
    ['a client looked up by its id', 'src/admin.ts', `const c = await getClient('${hex(32)}');\nawait deleteClient('${g.uuid()}');\n`],
    ['a provider call that is not a client (an object id)', 'src/billing.ts', `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\nconst sub = await stripe.subscriptions.retrieve('${hex(24)}');\n`],
    ['an object id and a public key, no client', 'src/chain.ts', `const id = new ObjectId('${hex(24)}');\nconst owner = new PublicKey('${g.alnum(44)}');\n`],
    ['a Python storage client with a project name', 'app/gcs.py', `from google.cloud import storage\n\nclient = storage.Client("carts-analytics-prod")\n`],
    ['a Python client with a placeholder key', 'app/sms.py', `client = plivo.RestClient("<auth_id>", "<auth_token>")\n`],
    ['a login with one string (a user or an account, as often as a secret)', 'src/session.ts', `await auth.signIn('${token(24)}');\nb2.authorize_account('${token(24)}');\n`],
    ['a client of no provider with one random string (a name or a public key as often)', 'src/push.ts', `export const push = new PushClient('${token(32)}');\n`],
    ['a client of three strings, an id last', 'app/sms.py', `client = SmsClient("key-4411", "${token(32)}", "${hex(32)}")\n`],
    ['a stand-in key in a test', 'test/search.test.ts', `const client = new SearchClient('https://fake', 'test-index', new AzureKeyCredential('fake-key'));\n`],
  ]);
});

describe('a value alone on its line, introduced by the line before it, which names a secret and ends in a colon', () => {
  const v = Array.from({ length: 4 }, () => token(36));
  const [uuid, hmacKey] = [g.uuid(), hex(64)];
  findsEach([
    ['an on-call note, the token indented under its sentence', 'ops/handover.txt', `- Rotated the mirror's deploy token (the old one leaked in a CI log):\n    ${v[0]}\n- Nothing else.\n`, v[0]!],
    ['a UUID token after a blank line', 'notes/vendors.md', `The Codecov upload token for the monorepo:\n\n    ${uuid}\n`, uuid],
    ['a docstring step', 'app/partners.py', `"""Partner onboarding.\n\n1. Send them our signing secret for webhook payloads:\n       ${v[1]}\n2. Ask for their callback URL.\n"""\n`, v[1]!],
    ['a comment and its next comment line (Go)', 'cmd/relay/main.go', `package main\n\n// The staging API token for the relay:\n//   ${v[2]}\nfunc main() {}\n`, v[2]!],
    ['an e-mail body', 'support/ticket.eml', `Subject: access\n\nHere is the new admin password for the portal:\n\n  ${v[3]}\n\nRegards\n`, v[3]!],
    ['an HMAC key in a shell comment', 'scripts/sign.sh', `#!/bin/sh\n# HMAC key for the export signatures:\n#   ${hmacKey}\n`, hmacKey],
  ]);
  quietOnEach([
    ['a sentence about a token, then a URL', 'docs/auth.md', `The API token endpoint:\n  https://api.example.com/v1/oauth/token\n`],
    ['a sentence about a password, then an env name', 'docs/setup.txt', `Set the database password in:\n  DATABASE_PASSWORD_FILE\n`],
    ['a sentence about a key, then a path', 'docs/setup.txt', `The private key lives at:\n  /etc/ssl/private/server.key\n`],
    ['a rule the password must follow', 'docs/policy.txt', `A password must contain:\n  uppercase-and-lowercase-letters\n`],
    ['a Python function about tokens', 'app/auth.py', `def refresh_token(session):\n    return session.refresh_access_token_and_retry()\n`],
    ['a heading that names no secret', 'notes/build.txt', `Build number for the release:\n  ${token(36)}\n`],
  ]);
});

describe("a settings table's value named by a label cell in words", () => {
  const v = Array.from({ length: 4 }, () => token(40));
  findsEach([
    ['a partner column, a label in words, a value column', 'runbooks/rotate.md', `| partner | key | value |\n| --- | --- | --- |\n| Zendesk | API token | \`${v[0]}\` |\n| Okta | client secret | \`${v[1]}\` |\n`, [v[0]!, v[1]!]],
    ['a label column named credential', 'docs/vendors.md', `| service | credential | value |\n|---|---|---|\n| relay | signing secret | ${v[2]} |\n`, v[2]!],
  ]);
  quietOnEach([
    ['a label that names no secret', 'docs/limits.md', `| setting | value |\n| --- | --- |\n| cache key | \`${token(40)}\` |\n| build id | \`${token(40)}\` |\n`],
    ['a secret label whose value says where it is', 'runbooks/rotate.md', `| partner | key | value |\n| --- | --- | --- |\n| DrChrono | client secret | see 1Password "DrChrono staging" |\n`],
  ]);
});

describe('command lines in files that run them: a Procfile, a Jenkinsfile, a CI log', () => {
  const v = Array.from({ length: 4 }, () => token(36));
  const uuid = g.uuid();
  findsEach([
    ["a Procfile process's option", 'Procfile', `web: gunicorn app:app\nsync: python -m jobs.sync --token ${uuid}\n`, uuid],
    ["a Procfile process's spelled-out option", 'Procfile.dev', `worker: node worker.js --api-key ${v[0]}\n`, v[0]!],
    ["a Jenkinsfile's shell step after another step's quoted command", 'ci/Jenkinsfile', `pipeline {\n  stages {\n    stage('e2e') {\n      steps {\n        sh "npm run lint -- --max-warnings=\${LIMIT}"\n        sh 'curl -fsS -X POST -u ci-bot:${v[1]} https://ci.example.com/job/e2e/build'\n      }\n    }\n  }\n}\n`, v[1]!],
    ["a Jenkinsfile's triple-quoted script", 'deploy.jenkinsfile', `node {\n  sh '''\n    set -e\n    redis-cli -h cache.internal -a ${v[2]} ping\n  '''\n}\n`, v[2]!],
    ["a CI log's traced command", 'ci-logs/build-4411.log', `~~~ Running commands\n$ make deploy\n+ curl -s -u release-bot:${v[3]} https://ci.example.com/job/notify/build\n`, v[3]!],
  ]);
  quietOnEach([
    ["a Procfile's option that is no secret", 'Procfile', `web: gunicorn app:app --workers 4 --bind 0.0.0.0:${'8080'}\nclock: python clock.py --schedule ${token(36)}\n`],
    ["a Jenkinsfile's step reading a credential from the environment", 'ci/Jenkinsfile', `node {\n  sh 'curl -u ci-bot:$JENKINS_TOKEN https://ci.example.com/job/x/build'\n}\n`],
    ["a CI log's output line (not a command)", 'ci-logs/build-4411.log', `+ make deploy\ndeployed revision ${token(36)}\n`],
  ]);
});

describe("config directives named by the word before their value, and a string's name=\"…\" pairs", () => {
  const v = Array.from({ length: 6 }, () => token(36));
  const uuid = g.uuid().toUpperCase();
  findsEach([
    ['a fluentd output token', 'monitoring/fluent.conf', `<match app.**>\n  @type splunk_hec\n  hec_host splunk.internal\n  hec_token ${uuid}\n</match>\n`, uuid],
    ['an HAProxy userlist password', 'edge/haproxy.cfg', `userlist admins\n    user ops insecure-password ${v[0]}\n`, v[0]!],
    ["a logstash output's header", 'pipeline/out.conf', `output {\n  http {\n    url => "https://ingest.example.com/"\n    headers => { "X-Ingest-Token" => "${v[1]}" }\n  }\n}\n`, v[1]!],
    ['a JAAS config in a Spring YAML value', 'src/main/resources/application.yml', `spring:\n  kafka:\n    properties:\n      sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required username="orders" password="${v[2]}";\n`, v[2]!],
    ['a JAAS config in a JSON string, its quotes escaped', 'connectors/sink.json', `{\n  "name": "sink",\n  "config": {\n    "consumer.override.sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"svc\\" password=\\"${v[3]}\\";"\n  }\n}\n`, v[3]!],
    ['a JAAS config in a properties file', 'config/client.properties', `security.protocol=SASL_SSL\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username='svc' password='${v[4]}';\n`, v[4]!],
  ]);
  quietOnEach([
    ['directives whose values are no secrets', 'monitoring/fluent.conf', `<match app.**>\n  @type splunk_hec\n  hec_host splunk-hec.internal.example.com\n  token_file /etc/fluent/hec-token\n  buffer_path /var/log/fluent/buffer\n</match>\n`],
    ['an HAProxy hashed password', 'edge/haproxy.cfg', `userlist admins\n    user ops password $6$${g.alnum(16)}$${g.alnum(43)}\n`],
    ['a JAAS config reading its password from a file', 'config/client.properties', `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="\${file:/opt/secrets.properties:password}";\n`],
    ['a sentence in a text file', 'docs/notes.txt', `Rotate the token monthly.\nThe password rotation job runs nightly\n`],
    ["a PL/SQL package's declarations", 'db/USER_PKG.pck', `  x_unencrypted_password      varchar2(200);\n  request_new_password        VARCHAR2(255);\n--   password VARCHAR(50),\n`],
    ["a docstring's example header (Python)", 'lib/oauth.py', `def parse(header):\n    \"\"\"For example::\n\n        Authorization: OAuth realm="Example",\n            oauth_token="${token(16)}",\n    \"\"\"\n`],
  ]);
});

describe('a custom header that carries a key, named for whose it is', () => {
  const v = Array.from({ length: 3 }, () => token(40));
  findsEach([
    ['an nginx proxy header', 'edge/conf.d/partner.conf', `location /v1/ {\n    proxy_pass https://partner_backend;\n    proxy_set_header X-Partner-Key "${v[0]}";\n}\n`, v[0]!],
    ['a fetch header in TS', 'src/partner.ts', `export const res = await fetch(url, { headers: { 'X-Acme-Key': '${v[1]}' } });\n`, v[1]!],
    ["a recorded request's header pair", 'test-results/trace/trace.network', `{"type":"resource-snapshot","snapshot":{"request":{"method":"GET","url":"https://api.example.com/v1/x","headers":[{"name":"X-Billing-Key","value":"${v[2]}"}]}}}\n`, v[2]!],
  ]);
  quietOnEach([
    ['an idempotency key', 'src/pay.ts', `await fetch(url, { method: 'POST', headers: { 'X-Idempotency-Key': '${token(40)}' } });\n`],
    ['a cache key and a routing key', 'src/cache.ts', `const h = { 'X-Cache-Key': '${token(40)}', 'X-Routing-Key': '${token(40)}' };\n`],
    ["a recorded WebSocket handshake's key", 'recordings/ws.har', `{"log":{"entries":[{"request":{"headers":[{"name":"Sec-WebSocket-Key","value":"${g.base64(22)}=="}]}}]}}\n`],
  ]);
});

describe('a key written in pieces: after an auth scheme literal, or an array of literals joined', () => {
  const v = Array.from({ length: 4 }, () => token(40));
  const [a, b] = [token(20), token(24)];
  findsEach([
    ['Python: an Authorization header of a scheme literal and the key', 'etl/export.py', `headers = {\n    "Accept": "application/json",\n    "Authorization": "Bearer " + "${v[0]}",\n}\n`, v[0]!],
    ['Python: a token scheme in a keyword argument', 'jobs/sync.py', `requests.get(url, headers=dict(Authorization="Token " + "${v[1]}"))\n`, v[1]!],
    ['TS: a key as an array of one literal, joined', 'src/ai/stt.ts', `const sttApiKey = [\n  '${v[2]}',\n].join('');\n`, v[2]!],
    ['TS: a key split over an array of literals, joined', 'src/config/generated.ts', `export const SIGNING_SECRET = ['${a}', '${b}'].join('');\n`, `${a}', '${b}`],
  ]);
  quietOnEach([
    ['Python: a scheme and a variable', 'etl/export.py', `headers = {"Authorization": "Bearer " + token}\n`],
    ['Python: a URL and a path', 'etl/export.py', `url = "https://api.example.com/" + "v1/exports/${token(24)}"\n`],
    ['TS: a path joined with slashes', 'src/paths.ts', `const secretsDir = ['var', 'run', '${token(24)}'].join('/');\n`],
    ['TS: class names joined under a name that is no secret', 'src/ui.ts', `const className = ['${token(20)}', '${token(20)}'].join('');\n`],
  ]);
});
