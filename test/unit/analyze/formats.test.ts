import { frag, runCases } from './tester';

const { stripe, random32, akia } = frag;
const L = random32.length;

runCases('analyzeText: .env, JSON, YAML, Dockerfile, properties/INI, Python, shell', {
  valid: [
    { path: '.env.example', code: `API_KEY=\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nTOKEN=\${VAULT_TOKEN}\n` },
    { path: 'package.json', code: `{ "name": "x", "dependencies": { "token-helper": "^1.2.3" } }` },
    { path: 'package-lock.json', code: `{ "packages": { "": { "integrity": "sha512-${random32}${random32}==" } } }` },
    { path: 'values.yaml', code: `image:\n  token: "{{ .Values.token }}"\n  password: \${DB_PASSWORD}\n` },
    { path: 'Dockerfile', code: `FROM node:20\nARG NPM_TOKEN\nENV API_KEY=\${API_KEY}\n` },
    { path: 'app.properties', code: `spring.datasource.password=\${DB_PASSWORD}\n` },
    { path: 'app.py', code: `API_KEY = os.environ["API_KEY"]\n` },
    { path: 'run.sh', code: `export API_TOKEN="$API_TOKEN"\ncurl -H "Authorization: Bearer $TOKEN" https://x\n` },
    { path: 'config.yaml', code: `# rotation-ready-ignore-next-line\npassword: ${random32}\n` },
    { path: 'worker.py', code: `headers={"Authorization": f"Bearer {BILLING_API_KEY}"}\n`, name: 'f-string interpolation is not a value' },
    { path: '.env', code: `BILLING_API_KEY_PRIMARY=rrsim_billing_primary_0001_devonly\n`, name: 'words with a counter are not random' },
    { path: 'demo/.env.example', code: `API_KEY=sample-${random32}\n`, name: 'a stand-in in an example file (testPaths.test.ts: a random value there is reported)' },
  ],
  invalid: [
    // A commented-out key is still in every clone and in the history (issue 17: keys in comments were missed).
    { path: '.env', code: `# API_KEY=${random32}\n`, name: '.env comment line', findings: [{ ruleId: 'generic-secret', line: 0, character: 10, endLine: 0, endCharacter: 10 + L }] },
    { path: 'app.properties', code: `# secret=${random32}\nspring.datasource.password=\${DB_PASSWORD}\n`, findings: [{ ruleId: 'generic-secret', line: 0, character: 9, endLine: 0, endCharacter: 9 + L }] },
    { path: 'app.py', code: `API_KEY = os.environ["API_KEY"]\n# token = "${random32}"\n`, findings: [{ ruleId: 'generic-secret', line: 1, character: 11, endLine: 1, endCharacter: 11 + L }] },
    {
      path: '.env.local',
      code: `A=1\nexport API_TOKEN="${random32}" # comment\nSTRIPE=${stripe}\n`,
      findings: [
        { ruleId: 'generic-secret', line: 1, character: 18, endLine: 1, endCharacter: 18 + L },
        { ruleId: 'stripe-secret-key', line: 2, character: 7, endLine: 2, endCharacter: 7 + stripe.length },
      ],
    },
    {
      path: 'config/app.jsonc',
      code: `{\n  // comment\n  "auth": { "clientSecret": "${random32}", },\n}`,
      findings: [{ ruleId: 'generic-secret', line: 2, character: 29, endLine: 2, endCharacter: 29 + L }],
    },
    {
      path: 'deploy/values.yml',
      code: `db:\n  password: ${random32} # prod\ntokens:\n  - '${random32}'\n`,
      findings: [
        { ruleId: 'generic-secret', line: 1, character: 12, endLine: 1, endCharacter: 12 + L },
        { ruleId: 'generic-secret', line: 3, character: 5, endLine: 3, endCharacter: 5 + L },
      ],
    },
    {
      path: 'Dockerfile',
      code: `FROM node:20\nENV AWS_ACCESS_KEY_ID=${akia} API_SECRET="${random32}"\nRUN curl -H "X-Api-Key: ${random32}" x\n`,
      findings: [
        { ruleId: 'aws-access-key-id', line: 1, character: 22, endLine: 1, endCharacter: 42 },
        { ruleId: 'generic-secret', line: 1, character: 55, endLine: 1, endCharacter: 55 + L },
        { ruleId: 'generic-secret', line: 2, character: 24, endLine: 2, endCharacter: 24 + L },
      ],
    },
    {
      path: 'src/main/resources/application.properties',
      code: `[prod]\napi.secret = ${random32}\n`,
      findings: [{ ruleId: 'generic-secret', line: 1, character: 13, endLine: 1, endCharacter: 13 + L }],
    },
    {
      path: 'app/settings.py',
      code: `API_KEY: str = "${random32}"\nclient = Client(api_key='${random32}')\ntoken = os.getenv("SERVICE_TOKEN", """${random32}""")\n`,
      findings: [
        { ruleId: 'generic-secret', line: 0, character: 16, endLine: 0, endCharacter: 16 + L },
        { ruleId: 'generic-secret', line: 1, character: 25, endLine: 1, endCharacter: 25 + L },
        { ruleId: 'generic-secret', line: 2, character: 38, endLine: 2, endCharacter: 38 + L },
      ],
    },
    {
      path: 'scripts/deploy.sh',
      code: `export API_TOKEN=${random32}\ncurl -H "Authorization: Bearer ${random32}" --password '${random32}'\n`,
      findings: [
        { ruleId: 'generic-secret', line: 0, character: 17, endLine: 0, endCharacter: 17 + L },
        { ruleId: 'generic-secret', line: 1, character: 31, endLine: 1, endCharacter: 31 + L },
        { ruleId: 'generic-secret', line: 1, character: 77, endLine: 1, endCharacter: 77 + L },
      ],
    },
  ],
});
