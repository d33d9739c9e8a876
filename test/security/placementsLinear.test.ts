import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze/index';
import { fill, linearFailure, MIB, plainText, timeOf } from './ruleTiming';

/**
 * The placements' passes (issue 17) over hostile input stay linear: a notebook of many cells and deep JSON, a YAML of
 * many `script:` lines, lines of many `name=value` pairs, web-server directives, command lines of many options, JDBC
 * `;name=` parameters, `.netrc` tokens. Each within a generous multiple of plain text's time (CPU time, best of three) at 64 and 256 KiB.
 */
describe('security: the placement passes stay linear', function () {
  this.timeout(300_000);
  let plainMs = 0;
  // Within 20× plain text's time at each size; over it, judged by how the time grows (linearFailure), not by load.
  const analyze = (path: string) => (text: string) => void analyzeText(path, text, { salt: 'linear', maxFileBytes: 4 * MIB });
  before(() => {
    plainMs = timeOf(() => analyzeText('notes.txt', plainText(MIB), { salt: 'linear' }), 3);
  });
  const cell = JSON.stringify({ cell_type: 'code', metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['token=Zx8Qp2LmN4vR7tY1wE5uI9oA\n'] }], source: ['API_KEY = \\"Zx8Qp2LmN4vR7tY1wE5uI9oA\\"\n', '!redis-cli -a Zx8Qp2LmN4vR7tY1wE5uI9oA ping\n'] });
  const inputs: Array<[string, string, (size: number) => string]> = [
    ['a notebook of many cells', 'nb/big.ipynb', (size) => `{"cells": [${fill('', cell + ',', size - 64)}{}], "nbformat": 4}`],
    ['a notebook of one long line of escapes', 'nb/escapes.ipynb', (size) => `{"cells": [{"cell_type": "code", "source": ["token = \\"${fill('', '\\\\u0041', size - 64)}\\""]}]}`],
    ['a notebook nested deeply', 'nb/deep.ipynb', (size) => `{"cells": [{"cell_type": "code", "source": ["key=1"], "x": ${'['.repeat(size / 2 - 64)}${']'.repeat(size / 2 - 64)}}]}`],
    ['a CI file of many script lines', '.gitlab-ci.yml', (size) => `job:\n  script:\n${fill('', "    - mysql -uroot -p'Zx8Qp2LmN4vR7tY1wE5uI9oA' -e 'select 1'\n", size)}`],
    ['lines of many name=value pairs', 'inventory/hosts', (size) => fill('', 'web1 ' + 'ansible_password=Zx8Qp2LmN4vR7tY1wE5uI9oA '.repeat(40) + '\n', size)],
    ['one line of pairs', 'inventory/hosts', (size) => 'web1 ' + fill('', 'ansible_password=Zx8Qp2LmN4vR7tY1wE5uI9oA ', size)],
    ['web-server directives', 'nginx.conf', (size) => fill('', 'proxy_set_header X-Api-Key "Zx8Qp2LmN4vR7tY1wE5uI9oA";\n', size)],
    ['a command line of many options', 'run.sh', (size) => 'redis-cli ' + fill('', '-a Zx8Qp2LmN4vR7tY1wE5uI9oA ', size)],
    ['JDBC parameters with no URL before them', 'db.properties', (size) => fill('', ';password=Zx8Qp2LmN4vR7tY1wE5uI9oA', size)],
    ['a .netrc of many machines', '.netrc', (size) => fill('', 'machine api.example.com login me password Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size)],
    ['a .netrc of one line of tokens and no values', '.netrc', (size) => fill('', 'password machine ', size)],
    ['a Markdown file of shell fences', 'README.md', (size) => fill('', '```sh\ncurl -u admin:Zx8Qp2LmN4vR7tY1wE5uI9oA https://x\n```\n', size)],
    // Issue 17's generic-recall classes (statementsAndProse.test.ts): SQL, command lines, prose, encoded keys, configs.
    ['SQL statements of many clauses', 'db/init.sql', (size) => fill('', "CREATE USER a IDENTIFIED WITH x BY 'Zx8Qp2LmN4vR7tY1wE5uI9oA' PASSWORD 'Zx8Qp2LmN4vR7tY1wE5uI9oA' ", size)],
    ['one SQL statement with no end', 'db/init.sql', (size) => 'ALTER ROLE a PASSWORD ' + fill('', "'''''' identified by ", size)],
    ['an INSERT of many rows', 'db/seed.sql', (size) => 'INSERT INTO t (name, api_key) VALUES ' + fill('', "('a', 'Zx8Qp2LmN4vR7tY1wE5uI9oA', f(g('x', 1))), ", size)],
    ['many INSERT heads', 'db/seed.sql', (size) => fill('', 'insert into t (api_key, ' + 'x, '.repeat(60) + 'y) values (', size)],
    ['SET PASSWORD FOR with no =', 'db/init.sql', (size) => fill('', 'SET PASSWORD FOR ' + 'a'.repeat(200) + ' ', size)],
    ['htpasswd lines of many flags', 'run.sh', (size) => fill('', 'htpasswd -b ' + '-c '.repeat(40) + 'f u Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size)],
    ['prose of many secret nouns', 'docs/runbook.md', (size) => fill('', 'the password for a b c is token key secret: `Zx8Qp2LmN4vR7tY1wE5uI9oA` use token ', size)],
    ['one prose word run', 'notes.txt', (size) => 'password is ' + fill('', 'Zx8Qp2LmN4vR7tY1wE5uI9oA.', size)],
    ['a secret noun before a long run of spaces', 'notes.txt', (size) => fill('', 'password is' + ' '.repeat(900) + 'x\n', size)],
    // miss22's placements (heldOutPlacements.test.ts).
    ['a Markdown table of a Value column and setting names', 'docs/accounts.md', (size) => '| Service | Name | Value |\n| --- | --- | --- |\n' + fill('', '| a | API_KEY | `Zx8Qp2LmN4vR7tY1wE5uI9oA` |' + ' API_TOKEN |'.repeat(30) + '\n', size)],
    ['many fences of one value after a secret sentence', 'docs/adr.md', (size) => fill('', 'The signing secret we use:\n\n```\nZx8Qp2LmN4vR7tY1wE5uI9oA\n```\n', size)],
    ['many fences that open and never close', 'docs/adr.md', (size) => fill('', '```\n', size)],
    ['a settings table of label, service and value columns', 'exports/settings.csv', (size) => 'tenant,provider,field,value\n' + fill('', 'a,stripe,api_key,Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size)],
    ['an INSERT of settings rows', 'db/seed.sql', (size) => 'INSERT INTO s (provider, name, value) VALUES ' + fill('', "('stripe', 'api_key', 'Zx8Qp2LmN4vR7tY1wE5uI9oA'), ", size)],
    ['systemd units of many Environment= lines', 'deploy/app.service', (size) => fill('', 'Environment=API_TOKEN=Zx8Qp2LmN4vR7tY1wE5uI9oA LOG=x B_C=D_E=F\n', size)],
    ['constants used in auth headers', 'src/far.ts', (size) => fill('', "const KEY = 'Zx8Qp2LmN4vR7tY1wE5uI9oA';\nfetch(u, { headers: { authorization: `Bearer ${KEY}`, 'x-api-key': KEY } });\n", size)],
    ['one constant used many times', 'src/far.ts', (size) => "const KEY = 'Zx8Qp2LmN4vR7tY1wE5uI9oA';\n" + fill('', 'KEY KEY, { a: KEY }, `Bearer ${KEY}` ', size)],
    ['a script of a usage line and many runs of its command', 'scripts/hooks.sh', (size) => '# usage: register-hook <provider> <token> <url>\n' + fill('', './bin/register-hook acme Zx8Qp2LmN4vR7tY1wE5uI9oA https://x register-hook register-hook\n', size)],
    ['many usage lines', 'scripts/hooks.sh', (size) => fill('', '# usage: a-cmd <token> ' + '<x> '.repeat(20) + '\n', size)],
    ['Python settings reads with keyword defaults', 'app/conf.py', (size) => 'import os\n' + fill('', 'API_TOKEN = os.getenv("API_TOKEN", default="Zx8Qp2LmN4vR7tY1wE5uI9oA")\n', size)],
    ['a Markdown table of a secret column', 'docs/accounts.md', (size) => '| host | password |\n| --- | --- |\n' + fill('', '| db | `Zx8Qp2LmN4vR7tY1wE5uI9oA` |' + ' |'.repeat(30) + '\n', size)],
    ['many encoded PEM starts', 'k8s/secret.yaml', (size) => fill('', 'tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t' + 'QUFB'.repeat(100) + '\n', size)],
    ['a .pgpass of escapes', 'home/.pgpass', (size) => fill('', 'h:5432:db:u:' + '\\:'.repeat(100) + 'Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size)],
    ['a userlist of long quoted names', 'pgbouncer/userlist.txt', (size) => fill('', '"' + '""'.repeat(200) + '" "Zx8Qp2LmN4vR7tY1wE5uI9oA"\n', size)],
    // misc20's placements (placementMisses.test.ts): Oracle logins.
    ['Oracle tools of many words and logins', 'backup/rman.sh', (size) => fill('', 'rman target sys/Zx8Qp2LmN4vR7tY1wE5uI9oA@db ' + 'catalog a/"b '.repeat(40) + '\n', size)],
    ['one line of Oracle tool names', 'run.sh', (size) => fill('', 'sqlplus -M ', size)],
    // miss23's placements (generalPlacements.test.ts): clients made with strings, values under the line naming them,
    // settings tables labelled in words.
    ['clients made and logged in with strings', 'src/clients.ts', (size) => fill('', "const c = new AcmeClient('acct_1', 'Zx8Qp2LmN4vR7tY1wE5uI9oA'); c.signIn('u', 'Zx8Qp2LmN4vR7tY1wE5uI9oA');\n", size)],
    ['Python clients made and logged in with strings', 'app/clients.py', (size) => fill('', 'c = acme.Client("acct", "Zx8Qp2LmN4vR7tY1wE5uI9oA")\nb2.authorize_account("production", "k", "Zx8Qp2LmN4vR7tY1wE5uI9oA")\n', size)],
    ['client calls whose strings never close', 'app/clients.py', (size) => fill('', 'acme.Client(' + '( "a", '.repeat(20) + '\n', size)],
    ['sentences naming secrets, each a value under it', 'ops/notes.txt', (size) => fill('', 'The API token for the relay (rotated):\n  Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size)],
    ['sentences naming secrets and ending in colons, no values', 'ops/notes.txt', (size) => fill('', 'the api token: the secret: the password:\n', size)],
    ['config directives and hash keys', 'monitoring/fluent.conf', (size) => fill('', '  hec_token Zx8Qp2LmN4vR7tY1wE5uI9oA\n  headers => { "X-Api-Key" => "Zx8Qp2LmN4vR7tY1wE5uI9oA" }\n  user a insecure-password Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size)],
    ['JAAS configs in YAML values', 'application.yml', (size) => fill('', 'jaas: x required username="a" password="Zx8Qp2LmN4vR7tY1wE5uI9oA" token=\\"Zx8Qp2LmN4vR7tY1wE5uI9oA\\";\n', size)],
    ['a Procfile of many processes', 'Procfile', (size) => fill('', 'web: node a.js --token Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size)],
    ['a Jenkinsfile of many shell steps', 'Jenkinsfile', (size) => fill('', "sh 'curl -u a:Zx8Qp2LmN4vR7tY1wE5uI9oA https://x' \"\n  sh '''\n", size)],
    ['a CI log of traced commands', 'ci/build.log', (size) => fill('', '+ curl -u a:Zx8Qp2LmN4vR7tY1wE5uI9oA https://x\n$ echo token\n', size)],
    ['Python headers of a scheme and a key', 'app/h.py', (size) => fill('', 'h = {"Authorization": "Bearer " + "Zx8Qp2LmN4vR7tY1wE5uI9oA" + "Bearer " + "Zx8Qp2LmN4vR7tY1wE5uI9oA"}\n', size)],
    ['TS keys as arrays of literals joined', 'src/gen.ts', (size) => fill('', "export const API_TOKEN = ['Zx8Qp2LmN4vR7tY1', 'wE5uI9oA', 'Zx8Qp2LmN4vR7tY1'].join('');\n", size)],
    ['a settings table labelled in words', 'docs/vendors.md', (size) => '| partner | key | value |\n| --- | --- | --- |\n' + fill('', '| a b | client secret | `Zx8Qp2LmN4vR7tY1wE5uI9oA` |' + ' client secret |'.repeat(30) + '\n', size)],
    ['strings of printed JSON members', 'src/bodies.ts', (size) => fill('', `post('{"apiKey": "Zx8Qp2LmN4vR7tY1wE5uI9oA", "a":"${'b'.repeat(600)}');\n`, size)],
    ['Python strings of escaped members', 'app/bodies.py', (size) => fill('', `x = json.loads("{\\\\"token\\\\": \\\\"${'Zx8Qp2LmN4vR7tY1wE5uI9oA'.repeat(20)}")\n`, size)],
    ['user maps and the words of user maps', 'src/users.ts', (size) => fill('', "const users: Record<string, string> = { a: 'Zx8Qp2LmN4vR7tY1wE5uI9oA', b: 'group-42' };\nusers.accounts.logins(users: " + 'x'.repeat(60) + ');\n', size)],
    ['wrapped encoded PEM starts', 'k8s/secret.yaml', (size) => fill('', 'tls.key: |\n  LS0tLS1CRUdJTi' + 'QUFB'.repeat(15) + 'QQ\n' + ('  ' + 'QUFB'.repeat(19) + '\n').repeat(30), size)],
    ['a column of base64 lines after many PEM starts', 'keys.b64', (size) => fill('', 'LS0tLS1CRUdJTi' + 'QUFB'.repeat(15) + 'QQ\n', size / 2) + fill('', 'QUFB'.repeat(19) + '\n', size / 2)],
    ['Redis directives and ACL rules', 'redis.conf', (size) => fill('', 'requirepass Zx8Qp2LmN4vR7tY1wE5uI9oA\nsentinel auth-pass m Zx8Qp2LmN4vR7tY1wE5uI9oA\nuser app on ' + '>Zx8Qp2LmN4vR7tY1wE5uI9oA '.repeat(20) + '\n', size)],
    // place20's placements (placementsBuildScripts.test.ts): Make, PowerShell, Oracle strings, SQL*Plus, comments.
    ['Make assignments of every operator', 'Makefile', (size) => fill('', 'API_KEY := Zx8Qp2LmN4vR7tY1wE5uI9oA\nTOKEN ?= $(TOKEN)\nexport SECRET ::= Zx8Qp2LmN4vR7tY1wE5uI9oA\nPASSWORD += x\n', size)],
    ['PowerShell of many SecureStrings and parameters', 'deploy.ps1', (size) => fill('', "$s = ConvertTo-SecureString 'Zx8Qp2LmN4vR7tY1wE5uI9oA' " + '-Force '.repeat(30) + "-AsPlainText\nConnect-X -Password 'Zx8Qp2LmN4vR7tY1wE5uI9oA' " + "-ApiKey 'a' ".repeat(20) + '\n', size)],
    ['PowerShell here-strings', 'deploy.ps1', (size) => fill('', "$token = @'\nZx8Qp2LmN4vR7tY1wE5uI9oA\n'@\n$a = @\"\n" + '@'.repeat(200) + '\n', size)],
    ['code strings that run Oracle tools', 'tools/run.py', (size) => fill('', 'subprocess.run("sqlplus -s scott/Zx8Qp2LmN4vR7tY1wE5uI9oA@db @x.sql ' + '-M a '.repeat(30) + '")\n', size)],
    ['Oracle tool names after quotes of every kind', 'tools/run.js', (size) => fill('', "'sqlplus \"sqlplus `sqlplus /x/sqlplus ", size)],
    ['a SQL*Plus script of many CONNECT lines', 'db/deploy.sql', (size) => fill('', 'CONNECT scott/Zx8Qp2LmN4vR7tY1wE5uI9oA@ORCL AS SYSDBA\n  conn a/&b\nCONNECT BY PRIOR a = b\n', size)],
    ['commented hash entries', 'config/app.php', (size) => fill('', "// 'api_key' => 'Zx8Qp2LmN4vR7tY1wE5uI9oA', 'token' => \"" + "'=> ".repeat(30) + '\n', size)],
    ['quoted config directives', 'etc/agent.conf', (size) => fill('', 'token "Zx8Qp2LmN4vR7tY1wE5uI9oA"\ngeoip \'' + '"'.repeat(100) + '\n', size)],
    // fp21's placements (placementsArgv.test.ts): argument lists after an Oracle tool, SQL fences, SID-token pairs.
    ['lists of Oracle tools and logins', 'tools/run.py', (size) => fill('', 'subprocess.run(["sqlplus", "-s", "scott/Zx8Qp2LmN4vR7tY1wE5uI9oA@db", "-M", "x"])\n', size)],
    ['a Markdown SQL fence of CONNECT lines', 'docs/db.md', (size) => '```sql\n' + fill('', 'CONNECT app/Zx8Qp2LmN4vR7tY1wE5uI9oA@//db:1521/svc\n', size) + '```\n'],
    ['Twilio SIDs and tokens', 'app/sms.py', (size) => 'import twilio\n' + fill('', 'Client("AC0123456789abcdef0123456789abcdef", "9f3c2a1b8e7d6c5f4a3b2c1d0e9f8a7b")\n', size)],
    ['connection-string settings over many lines', 'scripts/db.ps1', (size) => '$c = @"\nServer=db;\n' + fill('', 'Database=app;\n', size) + 'Password=Zx8Qp2LmN4vR7tY1wE5uI9oA;\n"@\n'],
    // fp21's sibling members (siblings.ts), read around every finding under `token`: the mapping's lines at most 40 each way.
    ['a mapping of many tokens at one indentation', 'config/hooks.yml', (size) => 'payload:\n' + fill('', '  token: Zx8Qp2LmN4vR7tY1wE5uI9oA\n\n', size)],
    // miss21's classes (developmentMisses.test.ts): names given by a schema, an attribute, a list, a label, a column.
    ['zod schema defaults', 'src/env.ts', (size) => `export const s = z.object({\n${fill('', '  DD_API_KEY: z.string().min(1).default("Zx8Qp2LmN4vR7tY1wE5uI9oA"),\n', size - 64)}});\n`],
    ['Android string resources', 'res/values/strings.xml', (size) => `<resources>\n${fill('', '<string name="api_key" translatable="false">Zx8Qp2LmN4vR7tY1wE5uI9oA</string>\n', size - 32)}</resources>\n`],
    ['supervisord environment lists', 'worker.conf', (size) => fill('', 'environment=' + 'API_TOKEN="Zx8Qp2LmN4vR7tY1wE5uI9oA",'.repeat(40) + 'X=1\n', size)],
    ['HCL variables with defaults', 'infra/variables.tf', (size) => fill('', 'variable "api_key" {\n  type = string\n  default = "Zx8Qp2LmN4vR7tY1wE5uI9oA"\n}\n', size)],
    ['namespaced YAML keys', 'Pulumi.prod.yaml', (size) => `config:\n${fill('', '  a:b:c:d:apiKey: Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size - 16)}`],
    ['a settings table', 'exports/s.csv', (size) => `service,key_name,value\n${fill('', 'x,DD_API_KEY,Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size - 32)}`],
    ['log lines of environment pairs', 'logs/app.log', (size) => fill('', '2024-05-02T08:00:01Z DEBUG API_KEY=Zx8Qp2LmN4vR7tY1wE5uI9oA SESSION_SECRET="Zx8Qp2LmN4vR7tY1wE5uI9oA"\n', size)],
    ['notes of labels with names in parentheses', 'notes.txt', (size) => fill('', 'Datadog key (DD_API_KEY): Zx8Qp2LmN4vR7tY1wE5uI9oA\nDD_API_KEY Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size)],
    ['Markdown settings in code spans', 'docs/setup.md', (size) => fill('', 'set `API_KEY` to `Zx8Qp2LmN4vR7tY1wE5uI9oA`, ', size)],
    ['clients constructed with one string', 'src/clients.ts', (size) => fill('', "export const c = new FieldEncryptionClient('Zx8Qp2LmN4vR7tY1wE5uI9oA', { t: 1 });\nconst z = new ZendeskKeyClient('Zx8Qp2LmN4vR7tY1wE5uI9oA');\n", size)],
    ['markup printed in template strings', 'src/__snapshots__/a.test.tsx.snap', (size) => `exports[\`a 1\`] = \`\n${fill('', '<Text\n  accessibilityLabel="api-token"\n  value="Zx8Qp2LmN4vR7tY1wE5uI9oA"\n/>\n', Math.min(size, 60_000))}\`;\n`],
    ['here-strings into secret stores', '.zsh_history', (size) => fill('', ": 1712000000:0;vercel env add API_KEY production <<< 'Zx8Qp2LmN4vR7tY1wE5uI9oA'\n", size)],
  ];
  // A file under 64 KiB is never taken for minified, so its lines may be as long as the file: each pass must stay linear
  // on one long line too (a quadratic expression over a 60 KiB line is billions of steps).
  const longLines: Array<[string, string, (size: number) => string]> = [
    ['a Markdown table row of spaces before a delimiter row', 'docs/t.md', (size) => `| password\n|---|\n|${' '.repeat(size - 32)}x\n|---|\n`],
    ['a delimiter row with a long run of spaces', 'docs/t.md', (size) => `| password |\n|---${' '.repeat(size - 32)}x\n`],
    ['a secret noun before one long run of spaces', 'notes.txt', (size) => `password is${' '.repeat(size - 16)}x\n`],
    ['a SQL statement with a long run of spaces', 'db/init.sql', (size) => `ALTER USER a IDENTIFIED${' '.repeat(size - 32)}x;\n`],
    ['a Redis directive with a long run of spaces', 'redis.conf', (size) => `requirepass${' '.repeat(size - 16)}x y\n`],
    ['a userlist line of quotes', 'userlist.txt', (size) => `"${'""'.repeat((size - 8) / 2)}\n`],
    ['an INSERT head with a long run of spaces', 'db/seed.sql', (size) => `INSERT INTO t (api_key)${' '.repeat(size - 40)}VALUES x\n`],
    ['htpasswd before a long run of spaces', 'run.sh', (size) => `htpasswd -b${' '.repeat(size - 16)}f\n`],
    ['an Oracle tool before a long run of spaces and continuations', 'run.sh', (size) => `sqlplus${' \\\n'.repeat((size - 16) / 3)}x\n`],
    ['an encoded PEM wrapped with \\n escapes on one line', 'config/sa.json', (size) => `{"k": "LS0tLS1CRUdJTi${'QUFB'.repeat(15)}QQ${('\\n' + 'QUFB'.repeat(19)).repeat((size - 128) / 78)}"}\n`],
    ['one string of many printed members', 'src/body.ts', (size) => `const body = '{${'\\\\"token\\\\":\\\\"'.repeat((size - 64) / 13)}';\n`],
    ['one snapshot string of names and colons', 'src/__snapshots__/a.test.ts.snap', (size) => `exports[\`a 1\`] = \`${'"apiKey": "'.repeat((size - 64) / 11)}\`;\n`],
    ['a .pgpass line of colons', '.pgpass', (size) => `${'\\:'.repeat((size - 8) / 2)}\n`],
    ['an encoded PEM start before a long base64 run', 'k8s/s.yaml', (size) => `tls.key: LS0tLS1CRUdJTi${'QUFB'.repeat((size - 32) / 4)}\n`],
    ['a Make name before a long run of spaces', 'Makefile', (size) => `API_KEY${' '.repeat(size - 32)}:= x\n`],
    ['a SecureString before a long run of spaces', 'deploy.ps1', (size) => `ConvertTo-SecureString 'Zx8Qp2LmN4vR7tY1wE5uI9oA'${' '.repeat(size - 64)}-AsPlainText\n`],
    ['a here-string opened before a long run of spaces', 'deploy.ps1', (size) => `$token = @'${' '.repeat(size - 32)}\nx\n'@\n`],
    ['an Oracle tool in a string before a long run of spaces', 'tools/run.py', (size) => `x = "sqlplus${' '.repeat(size - 32)}a/b@c"\n`],
    ['one line of quoted Oracle tool names', 'tools/run.py', (size) => `x = ${'"sqlplus '.repeat((size - 16) / 9)}\n`],
    ['CONNECT before a long run of spaces', 'db/deploy.sql', (size) => `CONNECT${' '.repeat(size - 16)}a/b\n`],
    ['one line of strings piped to ConvertTo-SecureString', 'deploy.ps1', (size) => `$s = ${"'Zx8Qp2LmN4vR7tY1wE5uI9oA' | ConvertTo-SecureString -AsPlainText ".repeat((size - 16) / 64)}\n`],
    ['a directive before a long run of spaces', 'etc/agent.conf', (size) => `token${' '.repeat(size - 16)}"x"\n`],
    // fp21's sibling members (siblings.ts): a nonce's or an apiKey's mapping read around every finding under those names.
    ['one list of Oracle tool names', 'tools/run.py', (size) => '[' + fill('', '"sqlplus", ', size) + ']'],
    ['one line of SID-literal pairs', 'app/sms.py', (size) => 'twilio = [' + fill('', '"AC0123456789abcdef0123456789abcdef", ', size) + ']'],
    ['one line of many tokens and apiKeys', 'src/hooks.json', (size) => '{' + fill('', '"token": "Zx8Qp2LmN4vR7tY1wE5uI9oA", "apiKey": "0123456789abcdef0123456789abcdef", ', size) + '}'],
    ['an environment list of one long line', 'worker.conf', (size) => `environment=${'A="x",'.repeat((size - 16) / 6)}\n`],
    ['a YAML key of many colons', 'Pulumi.prod.yaml', (size) => `${'a:'.repeat((size - 16) / 2)} x\n`],
    ['a YAML key before a long run of spaces', 'config.yaml', (size) => `a:b${' '.repeat(size - 16)}x\n`],
    ['one log line of environment pairs', 'logs/app.log', (size) => `x${' API_KEY=Zx8Qp2LmN4vR7tY1wE5uI9oA'.repeat((size - 16) / 33)}\n`],
    ['a label before a long run of spaces and a parenthesis', 'notes.txt', (size) => `Datadog key${' '.repeat(size - 32)}(DD_API_KEY): x\n`],
    ['one line of code spans', 'docs/setup.md', (size) => `${'`API_KEY` to '.repeat((size - 16) / 14)}\n`],
    ['a label in parentheses before a long run of spaces', 'notes.txt', (size) => `a (DD_API_KEY):${' '.repeat(size - 32)}x y\n`],
    ['a code span before a long run of spaces', 'docs/setup.md', (size) => `\`API_KEY\`${' '.repeat(size - 32)}x\n`],
    ['one line of here-strings', 'run.sh', (size) => `${"vercel env add A p <<< 'x' ".repeat((size - 16) / 28)}\n`],
    ['one line of constructors of long class names', 'src/a.ts', (size) => `${"new AbAbAbAbAbAbAbAbAbAbAbAbCryptr('Zx8Qp2LmN4vR7tY1wE5uI9oA'); ".repeat((size - 16) / 62)}\n`],
    // miss22's placements (heldOutPlacements.test.ts): flow lists, Environment= lists, prose with words before a colon.
    ['one YAML flow list of many items', 'tests/cassettes/a.yaml', (size) => `Authorization: [${'Bearer Zx8Qp2LmN4vR7tY1wE5uI9oA, '.repeat((size - 32) / 33)}x\n`],
    ['one Environment= line of many pairs', 'worker.service', (size) => `Environment=${'A_B=Zx8Qp2LmN4vR7tY1wE5uI9oA '.repeat((size - 16) / 29)}\n`],
    ['one Environment= line of names joined by =', 'worker.service', (size) => `Environment=${'API_KEY='.repeat((size - 16) / 8)}\n`],
    ['one line of secret nouns and words', 'notes.txt', (size) => `${'the api token of a b c d e f g h '.repeat((size - 16) / 33)}: x\n`],
    ['one line of commented YAML keys', 'values.yaml', (size) => `# ${'API_TOKEN: '.repeat((size - 16) / 11)}\n`],
    ['one line of gradle fields', 'app/build.gradle', (size) => `${'buildConfigField "String", "API_KEY", "\\"Zx8Qp2LmN4vR7tY1wE5uI9oA\\"" '.repeat((size - 16) / 72)}\n`],
    ['one line of runs of a usage\'s command', 'scripts/hooks.sh', (size) => `# usage: register-hook <provider> <token>\n${'register-hook a Zx8Qp2LmN4vR7tY1wE5uI9oA '.repeat((size - 64) / 40)}\n`],
    ['one line of fence marks', 'docs/adr.md', (size) => `The signing secret:\n${'```a'.repeat((size - 32) / 4)}\n`],
    ['one line of client calls', 'src/clients.ts', (size) => `${"createHttpClient('https://api.example.com', 'Zx8Qp2LmN4vR7tY1wE5uI9oA'); ".repeat((size - 16) / 72)}\n`],
    // miss23's placements.
    ['one line of clients made with strings', 'src/clients.ts', (size) => `${"new AcmeClient('a', 'Zx8Qp2LmN4vR7tY1wE5uI9oA'); ".repeat((size - 16) / 50)}\n`],
    ['one line of Python client calls', 'app/clients.py', (size) => `${'acme.Client("a", "Zx8Qp2LmN4vR7tY1wE5uI9oA") '.repeat((size - 16) / 46)}\n`],
    ['a sentence naming a secret, then one long line', 'ops/notes.txt', (size) => `The API token for the relay:\n  ${'Zx8Qp2LmN4vR7tY1wE5uI9oA'.repeat((size - 64) / 24)}\n`],
    ['one line of literals concatenated', 'app/h.py', (size) => `h = {"Authorization": ${'"Bearer " + '.repeat((size - 64) / 12)}"Zx8Qp2LmN4vR7tY1wE5uI9oA"}\n`],
    ['one array of many literals joined', 'src/gen.ts', (size) => `export const API_TOKEN = [${"'Zx8Qp2LmN4vR7tY1', ".repeat((size - 64) / 20)}].join('');\n`],
    ['one line of directive names', 'monitoring/fluent.conf', (size) => `${'hec_token api_token '.repeat((size - 16) / 20)}Zx8Qp2LmN4vR7tY1wE5uI9oA\n`],
    ['one line of name= pairs and hash keys', 'connect.json', (size) => `"${'password=\\"x\\" "token" => '.repeat((size - 16) / 32)}"\n`],
    ['one Jenkinsfile step of many quotes', 'Jenkinsfile', (size) => `sh '${"a' 'b ".repeat((size - 16) / 7)}'\n`],
    ['one line of secret nouns ending in a colon', 'ops/notes.txt', (size) => `${'the api token: '.repeat((size - 16) / 15)}:\n  Zx8Qp2LmN4vR7tY1wE5uI9oA\n`],
  ];
  for (const [name, path, build] of longLines) {
    it(`one long line: ${name}`, () => {
      assert.equal(linearFailure(name, build, analyze(path), plainMs, 20, 50, [15 * 1024, 60 * 1024]), undefined);
    });
  }
  for (const [name, path, build] of inputs) {
    it(name, () => {
      assert.equal(linearFailure(name, build, analyze(path), plainMs, 20, 50, [64 * 1024, 256 * 1024]), undefined);
    });
  }
});
