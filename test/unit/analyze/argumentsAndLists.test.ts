import { sampleGen } from '../../../src/core/rules/sampleGen';
import { runCases, type ExpectedFinding } from './tester';

/**
 * Generic secrets an independent yardstick (bench/independent) showed missed, written here as classes with our own
 * spellings: credentials passed positionally to well-known APIs, YAML list items and flow mappings that name their own
 * value, a bare `key` under a mapping that says what it is, and key names of encryption keys.
 */
const g = sampleGen(0xb1d);
const random24 = g.alnum(24);
const random20 = g.alnum(20);
const hex64 = g.hex(64);
const fernetKey = g.b64url(43) + '=';
const base64Key = g.base64(43) + '=';
const human = 'Lantern' + g.digits(4) + '!';

const at = (code: string, value: string): ExpectedFinding[] => {
  const offset = code.indexOf(value);
  const line = code.slice(0, offset).split('\n').length - 1;
  const character = offset - code.lastIndexOf('\n', offset - 1) - 1;
  return [{ ruleId: '', line, character, endLine: line, endCharacter: character + value.length }];
};
const one = (ruleId: string, code: string, value: string): ExpectedFinding[] => at(code, value).map((f) => ({ ...f, ruleId }));

// Positional credentials of well-known APIs (one table entry each, Python and JS).
const smtpLogin = `server = smtplib.SMTP_SSL("mail.example.org", 465)\nserver.login("alerts@example.org", "${random20}")\n`;
const imapLogin = `mailbox = imaplib.IMAP4_SSL(host)\nmailbox.login(user, '${human}')\n`;
const fernet = `f = Fernet(b"${fernetKey}")\n`;
const multiFernet = `rotator = MultiFernet([Fernet(b"${fernetKey}")])\n`;
const fromKey = `acct = w3.eth.account.from_key("0x${hex64}")\n`;
const viem = `const account = privateKeyToAccount('0x${hex64}');\n`;
const sequelizeHuman = `export const db = new Sequelize(process.env.DB ?? "app", "app", '${human}', { dialect: "mysql" });\n`;
// Encryption keys named as such.
const aesHex = `const aesKey = Buffer.from('${hex64}', 'hex');\n`;
const dataKeyPy = `DATA_KEY = "${hex64}"\n`;
const fernetName = `FERNET_KEY = "${fernetKey}"\n`;
// YAML: list items that name their value, flow mappings, a bare key under its mapping.
const composeList = `services:\n  worker:\n    environment:\n      - NODE_ENV=production\n      - SESSION_SECRET=${random24}\n`;
const containerArgs = `spec:\n  containers:\n    - name: api\n      args:\n        - --port=8080\n        - --signing-key=${base64Key}\n        - "--db-password=${random20}"\n`;
const flowMap = `cache: { host: redis, password: "${random20}", port: 6379 }\nhmac: {key: ${base64Key}}\n`;
const flowEnv = `env:\n  - { name: LOG_LEVEL, value: debug }\n  - {name: PARTNER_TOKEN, value: '${random24}'}\n`;
const nestedKey = `crypto:\n  encryption:\n    key: ${base64Key}\n    rounds: 12\n`;

// Headers written as one string outside code that binds them, and Markdown tables.
const uuid = g.uuid();
const workflowCurl = `jobs:\n  ping:\n    steps:\n      - run: |\n          curl -fsS -H 'Authorization: Bearer ${random24}' https://api.example.net/v1/ping\n          curl -fsS -H "X-Api-Key: ${random20}" https://api.example.net/v1/ping\n`;
const readmeCurl = `## Try it\n\n\`\`\`\nhttp GET https://api.example.net/v1/me "Authorization: Token ${random24}"\n\`\`\`\n`;
const bearerUuid = `headers = build("Authorization: Bearer ${uuid}")\n`;
// Every scheme the header's value may open with (calls/credentialNames AUTH_SCHEME), not only Bearer, Basic and Token.
const schemeHeaders = `jobs:\n  ping:\n    steps:\n      - run: |\n          curl -H 'Authorization: Digest ${random24}' https://api.example.net/v1/a\n          curl -H "Authorization: ApiKey ${random20}" https://api.example.net/v1/b\n`;
const readmeKeyScheme = `\`\`\`\nhttp GET https://api.example.net/v1/me "Authorization: Key ${random24}"\n\`\`\`\n`;
const table = `| Name | Value |\n|---|---|\n| \`WEBHOOK_SIGNING_SECRET\` | \`${random24}\` |\n| **API_TOKEN** | ${random20} |\n`;

// Getters and methods that only return a value.
const getterTs = `export const settings = {\n  region: "eu-west-1",\n  get webhookSecret() {\n    return "${random24}";\n  },\n};\n`;
const methodTs = `export class Vault {\n  static getSigningKey(): string {\n    return '${base64Key}';\n  }\n}\n`;
const propertyPy = `class Settings:\n    @property\n    def smtp_password(self) -> str:\n        return "${random20}"\n`;

// Shell: a password piped into a login's stdin, curl's -u user:password.
const stdinLogin = `printf '%s' '${random20}' | podman login quay.io --username bot --password-stdin\n`;
const stdinHuman = `echo "${human}" | docker login -u ci --password-stdin registry.example.net\n`;
const curlUser = `curl -fsS --user "ops:${random20}" https://registry.example.net/v2/\n`;

runCases('analyzeText: positional credentials, YAML lists and flow maps (bench/independent classes)', {
  valid: [
    { path: 'app/auth.py', code: `client.login("admin", "admin")\nclient.login(user)\nsession.login("${random20}")\n`, name: 'login(user, default word) and a one-argument login are not passwords' },
    { path: 'app/urls.py', code: `loginUrl = "${random24}"\nlogin_page("a", "${random20}")\n`, name: 'a word that only contains login binds nothing' },
    { path: 'config/app.yaml', code: `steps:\n  - run=${random24}\n  - --image-digest=${random24}\n  - COMMIT_SHA=${hex64}\n`, name: 'list items whose own name is not a secret name' },
    { path: 'config/app.yaml', code: `ui: { theme: dark, title: "${random24}" }\nlist:\n  - { name: COMMIT_SHA, value: "${random24}" }\n`, name: 'flow mappings under names that are not secret names' },
    { path: 'config/app.yaml', code: `chart:\n  key: ${random24}\n`, name: 'a bare key under a mapping that says nothing' },
    { path: '.github/workflows/ci.yml', code: `jobs:\n  a:\n    steps:\n      - run: curl -H 'Authorization: Bearer \${{ secrets.API_TOKEN }}' https://x.example\n      - run: curl -H "Authorization: Bearer $TOKEN" https://x.example\n`, name: 'header strings holding an expression or a variable' },
    { path: 'README.md', code: `| Variable | Meaning |\n|---|---|\n| \`API_TOKEN\` | Token from the dashboard |\n| \`SESSION_SECRET\` | \`<random 32 chars>\` |\n| SECRET_ROTATION | quarterly |\n`, name: 'Markdown tables that describe secrets without holding one' },
    { path: 'src/labels.ts', code: `export const ui = {\n  get title() {\n    return "${random24}";\n  },\n  getToken() {\n    const t = load();\n    return t ?? "${random20}";\n  },\n};\n`, name: 'a getter named like no secret; a method body that does more than return' },
    { path: 'app/labels.py', code: `def title(self):\n    return "${random24}"\n\ndef get_token(self):\n    if cached:\n        return "${random20}"\n`, name: 'a def named like no secret; a return that is not the body' },
    { path: 'scripts/ci.sh', code: `echo '${random20}' > version.txt\ntar -u 'archive:${random20}' x\ncurl -u "ops:$REGISTRY_TOKEN" https://x.example\n`, name: 'an echo that feeds no login, -u of another command, curl -u with a variable' },
    { path: 'src/chart.tsx', code: `const series = { dataKey: "monthlyRevenue" };\n`, name: 'dataKey holding a field name' },
  ],
  invalid: [
    { path: 'app/mail.py', code: smtpLogin, findings: one('generic-secret', smtpLogin, random20), name: 'smtplib login(user, password): a random password' },
    { path: 'app/mail.py', code: imapLogin, findings: one('hardcoded-password', imapLogin, human), name: 'imaplib login(user, password): a human-chosen password' },
    { path: 'app/crypto.py', code: fernet, findings: one('generic-secret', fernet, fernetKey), name: 'Fernet(b"…")' },
    { path: 'app/crypto.py', code: multiFernet, findings: one('generic-secret', multiFernet, fernetKey), name: 'Fernet(b"…") inside MultiFernet([...])' },
    { path: 'app/chain.py', code: fromKey, findings: one('generic-secret', fromKey, '0x' + hex64), name: 'Account.from_key("0x…")' },
    { path: 'src/chain.ts', code: viem, findings: one('generic-secret', viem, '0x' + hex64), name: "viem's privateKeyToAccount('0x…')" },
    { path: 'src/db.ts', code: sequelizeHuman, findings: one('hardcoded-password', sequelizeHuman, human), name: 'new Sequelize(db, user, human-chosen password)' },
    { path: 'src/crypto.ts', code: aesHex, findings: one('generic-secret', aesHex, hex64), name: "Buffer.from('<hex64>', 'hex') under aesKey" },
    { path: 'app/settings.py', code: dataKeyPy, findings: one('generic-secret', dataKeyPy, hex64), name: 'DATA_KEY = "<hex64>"' },
    { path: 'app/settings.py', code: fernetName, findings: one('generic-secret', fernetName, fernetKey), name: 'FERNET_KEY = "…"' },
    { path: 'docker-compose.yml', code: composeList, findings: one('generic-secret', composeList, random24), name: 'compose environment as a list: - NAME=value' },
    { path: 'deploy/k8s/deployment.yaml', code: containerArgs, findings: [...one('generic-secret', containerArgs, base64Key), ...one('generic-secret', containerArgs, random20)], name: 'container args: - --flag-name=value, bare and quoted' },
    { path: 'config/production.yaml', code: flowMap, findings: [...one('generic-secret', flowMap, random20), ...one('generic-secret', flowMap, base64Key)], name: 'flow mappings: { password: … } and { key: … } under hmac' },
    { path: 'charts/api/values.yaml', code: flowEnv, findings: one('generic-secret', flowEnv, random24), name: 'a flow-mapping env item: value named by its name sibling' },
    { path: '.github/workflows/ping.yml', code: workflowCurl, findings: [...one('generic-secret', workflowCurl, random24), ...one('generic-secret', workflowCurl, random20)], name: "curl -H 'Authorization: Bearer …' and -H \"X-Api-Key: …\" in a workflow's run block" },
    { path: 'README.md', code: readmeCurl, findings: one('generic-secret', readmeCurl, random24), name: 'an Authorization: Token header string in a README fence' },
    { path: '.github/workflows/ping.yml', code: schemeHeaders, findings: [...one('generic-secret', schemeHeaders, random24), ...one('generic-secret', schemeHeaders, random20)], name: "header strings with the Digest and ApiKey schemes: the key after the scheme" },
    { path: 'README.md', code: readmeKeyScheme, findings: one('generic-secret', readmeKeyScheme, random24), name: 'an Authorization: Key header string in a README fence' },
    { path: 'app/client.py', code: bearerUuid, findings: one('api-key-uuid', bearerUuid, uuid), name: 'a UUID-shaped bearer credential' },
    { path: 'docs/SETUP.md', code: table, findings: [...one('generic-secret', table, random24), ...one('generic-secret', table, random20)], name: 'Markdown table rows | NAME | value |, in backticks or bold' },
    { path: 'src/config.ts', code: getterTs, findings: one('generic-secret', getterTs, random24), name: 'a getter that returns a literal' },
    { path: 'src/vault.ts', code: methodTs, findings: one('generic-secret', methodTs, base64Key), name: 'a static method that returns a literal' },
    { path: 'app/settings.py', code: propertyPy, findings: one('generic-secret', propertyPy, random20), name: 'a Python property that returns a literal' },
    { path: 'scripts/push.sh', code: stdinLogin, findings: one('generic-secret', stdinLogin, random20), name: "printf '…' | podman login --password-stdin" },
    { path: 'scripts/push.sh', code: stdinHuman, findings: one('hardcoded-password', stdinHuman, human), name: 'echo "…" | docker login --password-stdin: a human-chosen password' },
    { path: 'scripts/push.sh', code: curlUser, findings: one('generic-secret', curlUser, random20), name: 'curl --user "name:password": the part after the colon' },
    { path: 'config/production.yaml', code: nestedKey, findings: one('generic-secret', nestedKey, base64Key), name: 'a bare key under encryption:' },
  ],
});
