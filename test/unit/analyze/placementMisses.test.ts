import { generateKeyPairSync } from 'node:crypto';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * Placements users reported missed after the fourteenth session (issue 17, misc20): Oracle tools' `user/password@db`
 * logins, parameters of one letter under a function that names the secret, base64 PEM private keys wrapped over
 * several lines, JSON inside snapshot strings, and user→password maps. Each class in several spellings and files of
 * our own, with the look-alikes that must stay quiet; values are generated.
 */
const g = sampleGen(0x2020);
const password = () => g.alnum(8) + g.digits(2) + '_' + g.alnum(3);

const { findsEach, quietOnEach } = placementCases('misc20');

describe('Oracle tools: user/password@db logins', () => {
  const p = password();
  const q = password();
  findsEach([
    ['sqlplus user/pw@tns', 'scripts/report.sh', `#!/bin/sh\nsqlplus scott/${p}@ORCL @report.sql\n`, p],
    ['sqlplus -s user/pw@//host:port/service, a heredoc after', 'scripts/check.sh', `sqlplus -s app_user/${p}@//db.internal:1521/SALES <<SQL\nselect 1 from dual;\nSQL\n`, p],
    ['sqlplus with -M "…" before the login', 'scripts/html.sh', `sqlplus -S -M "HTML ON" reporter/${p}@PROD @q.sql > out.html\n`, p],
    ['sqlplus from its Oracle home, a quoted login as sysdba', 'scripts/start.sh', `$ORACLE_HOME/bin/sqlplus "sys/${p}@CDB1 as sysdba" @startup.sql\n`, p],
    ['sqlplus, a quoted password holding @', 'scripts/q.sh', `sqlplus 'scott/"${p}@x"@ORCL'\n`, `${p}@x`],
    ['sqlplus on the next line after \\', 'scripts/long.sh', `sqlplus -s \\\n  scott/${p}@ORCL @a.sql\n`, p],
    ['expdp user/pw@db', 'backup/export.sh', `expdp system/${p}@PROD schemas=HR directory=DP_DIR dumpfile=hr.dmp\n`, p],
    ['impdp userid=…', 'backup/import.sh', `impdp userid=system/${p}@TEST directory=DP_DIR dumpfile=hr.dmp remap_schema=HR:HR2\n`, p],
    ['legacy exp userid="…" in a backup script with a password word', 'backup/exp.sh', `# nightly export (password rotated by ops)\nexp userid="scott/${p}@ORCL" file=scott.dmp owner=scott\n`, p],
    ['rman target and catalog logins', 'backup/rman.sh', `rman target sys/${p}@PRODDB catalog rcat/${q}@RCAT cmdfile=full.rcv\n`, [p, q]],
    ['rman target= form', 'backup/rman.sh', `rman target=sys/${p}@PRODDB log=rman.log\n`, p],
    ['sqlldr userid=user/pw (local)', 'etl/load.sh', `sqlldr userid=loader/${p} control=orders.ctl log=orders.log\n`, p],
    ['dgmgrl sys/pw@db', 'ops/switchover.sh', `dgmgrl sys/${p}@STBY "show configuration"\n`, p],
    ['a Dockerfile RUN line', 'db/Dockerfile', `FROM oracle/database:19\nRUN sqlplus -s system/${p}@localhost/ORCLPDB1 @/tmp/init.sql\n`, p],
    ['a CI step\'s script', '.gitlab-ci.yml', `migrate:\n  script:\n    - sqlplus -s deployer/${p}@//db:1521/APP @migrate.sql\n`, p],
    ['a GitHub Actions run: block', '.github/workflows/db.yml', `jobs:\n  load:\n    steps:\n      - run: |\n          sqlldr userid=etl/${p}@DW control=x.ctl\n`, p],
    ['a README shell fence', 'README.md', `Load the schema:\n\n\`\`\`bash\nsqlplus hr/${p}@localhost:1521/XEPDB1 @schema.sql\n\`\`\`\n`, p],
  ]);
  quietOnEach([
    ['sqlplus / as sysdba (OS authentication)', 'scripts/admin.sh', 'sqlplus / as sysdba @startup.sql\n'],
    ['sqlplus user/@db (password prompted)', 'scripts/admin.sh', 'sqlplus scott/@ORCL\n'],
    ['sqlplus /nolog then a script', 'scripts/admin.sh', 'sqlplus -s /nolog @connect_and_run.sql\n'],
    ['sqlplus with variables', 'scripts/admin.sh', 'sqlplus -s "$DB_USER/$DB_PASS@$DB_TNS" @run.sql\nsqlplus ${USER}/${PASSWORD}@${SID}\n'],
    ['sqlplus with a placeholder login', 'README.md', '```sh\nsqlplus user/password@db\nsqlplus <user>/<password>@<tns>\nsqlplus username/your_password@ORCL\n```\n'],
    ['sqlplus user only (password prompted)', 'scripts/admin.sh', 'sqlplus scott@ORCL @run.sql\n'],
    ['expdp with only parameters and a parfile', 'backup/export.sh', 'expdp parfile=exp.par directory=DP_DIR dumpfile=dir/hr.dmp\n'],
    ['rman target / (OS authentication)', 'backup/rman.sh', 'rman target / nocatalog cmdfile=backup/full.rcv log=logs/rman.log\n'],
    ['a path after sqlplus on a later word', 'scripts/run.sh', 'sqlplus -s @scripts/run.sql > logs/out.log\n'],
    ['a word shaped like a login after another command', 'scripts/paths.sh', `cp build/${g.alnum(10)}12x@2x.png dist/\n`],
  ]);
});

describe('parameters that say nothing, under a function that names the secret', () => {
  const k = g.alnum(24);
  const p = 'Tr' + g.digits(2) + 'ub' + g.alnum(4) + '&' + g.digits(2);
  const uuid = g.uuid();
  findsEach([
    ['function setApiToken(t = …)', 'src/client.ts', `export function setApiToken(t = '${k}') {\n  token = t;\n}\n`, k],
    ['function withSecret(s = …)', 'src/hooks.js', `function withSecret(s = '${k}') { return { secret: s }; }\n`, k],
    ['an arrow function bound to a secret name', 'src/auth.ts', `export const useAuthToken = (x = '${k}') => x;\n`, k],
    ['a class method', 'src/api.ts', `class Api {\n  setAccessKey(k = '${k}') { this.k = k; }\n}\n`, k],
    ['an object method', 'src/store.js', `export default {\n  setClientSecret(v = '${k}') { this.v = v; },\n};\n`, k],
    ['a UUID under a token-named function', 'src/upload.ts', `function uploadToken(a = '${uuid}') { return a; }\n`, uuid],
    ['def set_password(p=…)', 'app/users.py', `def set_password(p='${p}'):\n    return p\n`, p],
    ['a method with self', 'app/client.py', `class Client:\n    def set_api_key(self, k='${k}'):\n        self.k = k\n`, k],
    ['a keyword-only parameter', 'app/client.py', `def connect_with_secret(*, s: str = '${k}') -> None:\n    pass\n`, k],
    ['a positional argument of a setter (TS)', 'src/main.ts', `client.setAuthToken('${k}');\n`, k],
    ['a positional argument of a setter (Python)', 'app/main.py', `client.set_password('${p}')\n`, p],
  ]);
  quietOnEach([
    ['a letter under a function that names nothing secret', 'src/ui.ts', `function setColor(c = 'rebeccapurple') {}\nfunction setLabel(s = '${k}') {}\n`],
    ['a word of two letters (an id) under a token-named function', 'src/upload.ts', `function getUploadToken(id = '${uuid}') { return id; }\n`],
    ['an env read or None as the default', 'app/users.py', `import os\ndef set_password(p=None):\n    pass\ndef set_api_key(k=os.environ.get('API_KEY')):\n    pass\n`],
    ['a placeholder default', 'src/client.ts', `export function setApiToken(t = 'your-api-token-here') {}\nfunction hashPassword(p = 'password') {}\n`],
    ['text under a tokenizer', 'app/nlp.py', `def tokenize(s='the quick brown fox jumps over'):\n    return s.split()\n`],
  ]);
});

describe('base64 PEM private keys wrapped over several lines', () => {
  const pem = (type: 'rsa' | 'ec') =>
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
      : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  /** base64 as `base64` (76) or `openssl base64` (64) writes it: lines of `width`, the last one shorter. */
  const wrap = (s: string, width: number) => Buffer.from(s).toString('base64').match(new RegExp(`.{1,${width}}`, 'g'))!;
  const rsa = wrap(pem('rsa'), 76);
  const ec = wrap(pem('ec'), 64);
  const certificate = wrap('-----BEGIN ' + 'CERTIFICATE-----\n' + [1, 2, 3, 4, 5, 6].map(() => g.base64(64)).join('\n') + '\n-----END ' + 'CERTIFICATE-----\n', 76);
  const publicKey = wrap(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString(), 64);
  const indented = (lines: string[], by: string) => lines.map((l) => by + l).join('\n');
  /** The literal as found: from the first line's start to the last line's end. */
  const span = (text: string, lines: string[]) => text.slice(text.indexOf(lines[0]!), text.indexOf(lines.at(-1)!, text.indexOf(lines[0]!)) + lines.at(-1)!.length);
  const kubeconfig = `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-certificate-data: ${certificate.join('')}\n    client-key-data: |\n${indented(rsa, '      ')}\n    token: none\n`;
  const secret = `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.key: >-\n${indented(ec, '    ')}\n  tls.crt: ${certificate.join('')}\n`;
  const json = `{\n  "name": "svc-billing",\n  "signer": "${rsa.join('\\n')}\\n",\n  "region": "eu"\n}\n`;
  const python = `SIGNING_KEY_B64 = """\n${ec.join('\n')}\n"""\n`;
  const file = rsa.join('\n') + '\n';
  const crlf = `client-key-data: |\r\n${indented(ec, '  ').replace(/\n/g, '\r\n')}\r\nother: 1\r\n`;
  findsEach([
    ['a kubeconfig client-key-data: | block (76 wide)', 'home/.kube/config', kubeconfig, span(kubeconfig, rsa)],
    ['a TLS Secret\'s tls.key: >- block (64 wide)', 'k8s/tls.yaml', secret, span(secret, ec)],
    ['a JSON string with \\n every 76 characters', 'config/service.json', json, span(json, rsa)],
    ['a Python triple-quoted string', 'app/keys.py', python, span(python, ec)],
    ['a file of base64 lines', 'deploy/signing.key.b64', file, span(file, rsa)],
    ['CRLF line ends', 'k8s/client.yaml', crlf, span(crlf, ec)],
  ]);
  const long = '-----BEGIN ' + 'PRIVATE KEY-----\n' + Array.from({ length: 200 }, () => g.base64(64)).join('\n') + '\n-----END ' + 'PRIVATE KEY-----\n';
  quietOnEach([
    ['a wrapped certificate', 'home/.kube/config', `clusters:\n- cluster:\n    certificate-authority-data: |\n${indented(certificate, '      ')}\n`],
    ['a wrapped public key', 'config/verify.yaml', `verifier: |\n${indented(publicKey, '  ')}\n`],
    ['beyond the 16 KiB bound, not decoded', 'k8s/big.yaml', `tls.key: |\n${indented(wrap(long, 76), '  ')}\n`],
  ]);
});

describe('credentials printed in snapshots and in JSON held by strings', () => {
  const uuid = () => g.uuid();
  const [a, b, c, d, e, f, h, i, j] = [uuid(), uuid(), uuid(), uuid(), uuid(), uuid(), uuid(), uuid(), uuid()];
  const k = g.alnum(28);
  const snap = (body: string) => `// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[\`client 1\`] = \`${body}\`;\n`;
  findsEach([
    ['a .snap of an object', 'src/__snapshots__/client.test.ts.snap', snap(`\n{\n  "apiKey": "${a}",\n  "name": "demo",\n}\n`), a],
    ['a .snap of a nested Object { … }', 'src/__snapshots__/client.test.js.snap', snap(`\nObject {\n  "headers": Object {\n    "Authorization": "Bearer ${b}",\n  },\n}\n`), b],
    ['a .snap of JSX props', 'src/__snapshots__/map.test.tsx.snap', snap(`\n<MapView\n  apiKey="${c}"\n  zoom={3}\n/>\n`), c],
    ['a .snap of JSON.stringify (quotes escaped twice)', 'src/__snapshots__/body.test.ts.snap', snap(`"{\\\\"apiKey\\\\":\\\\"${d}\\\\",\\\\"name\\\\":\\\\"x\\\\"}"`), d],
    ['a .snap of an indented JSON string over lines', 'src/__snapshots__/body.test.ts.snap', snap(`\n"{\n  \\\\"client_secret\\\\": \\\\"${k}\\\\"\n}"\n`), k],
    ['toMatchInlineSnapshot of an object', 'src/client.test.ts', `it('x', () => {\n  expect(cfg()).toMatchInlineSnapshot(\`\n    {\n      "clientSecret": "${e}",\n    }\n  \`);\n});\n`, e],
    ['toMatchInlineSnapshot of JSON.stringify', 'src/client.test.ts', `it('x', () => expect(JSON.stringify(b)).toMatchInlineSnapshot(\`"{\\\\"apiKey\\\\":\\\\"${f}\\\\"}"\`));\n`, f],
    ['JSON.parse of a one-line string', 'src/config.ts', `export const cfg = JSON.parse('{"apiKey": "${h}", "region": "eu"}');\n`, h],
    ['a request body with escaped quotes', 'src/api.js', `fetch(url, { method: 'POST', body: "{\\"client_secret\\": \\"${k}\\"}" });\n`, k],
    ['a syrupy snapshot (.ambr)', 'tests/__snapshots__/test_api.ambr', `# serializer version: 1\n# name: test_config\n  dict({\n    'api_key': '${i}',\n    'name': 'demo',\n  })\n# ---\n`, i],
    ['a Python snapshot of one-line JSON', 'tests/test_api.py', `def test_cfg(snapshot):\n    assert render() == snapshot('''{"apiKey": "${j}", "name": "demo"}''')\n`, j],
    ['json.loads of a one-line string', 'app/settings.py', `import json\nCONFIG = json.loads('{"client_secret": "${k}"}')\n`, k],
  ]);
  quietOnEach([
    ['identifiers in a snapshot', 'src/__snapshots__/client.test.ts.snap', snap(`\n{\n  "requestId": "${a}",\n  "userId": "${b}",\n  "traceToken": "${c}",\n}\n`)],
    ['redacted and matcher values in a snapshot', 'src/__snapshots__/client.test.ts.snap', snap(`\n{\n  "apiKey": "[REDACTED]",\n  "token": Any<String>,\n  "secret": "<secret>",\n  "password": "********",\n}\n`)],
    ['escaped JSON of identifiers and templates', 'src/__snapshots__/body.test.ts.snap', snap(`"{\\\\"id\\\\":\\\\"${d}\\\\",\\\\"apiKey\\\\":\\\\"{{API_KEY}}\\\\"}"`)],
    ['JSON in a string naming nothing secret', 'src/config.ts', `const cfg = JSON.parse('{"name": "${k}", "id": "${e}", "color": "rebeccapurple"}');\n`],
    ['a one-line JSON string of placeholders', 'app/settings.py', `CONFIG = json.loads('{"api_key": "your-api-key-here", "token": "\${TOKEN}"}')\n`],
  ]);
});

describe('user → password maps with no secret word beside them', () => {
  const p1 = 'Kx' + g.digits(2) + 'mQ' + g.lowerAlnum(4) + '!';
  const p2 = g.chars('BCDFGHJKLMNPRSTVWZ', 1) + g.chars('aeiou', 1) + g.chars('bcdfglmnprst', 3) + g.digits(3) + '#';
  findsEach([
    ['a Python users dict', 'app/auth.py', `users = {\n    "admin": "${p1}",\n    "alice": "${p2}",\n}\n`, [p1, p2]],
    ['a JS const users object', 'src/auth.js', `const users = {\n  admin: '${p1}',\n  guest: '${p2}',\n};\nmodule.exports = users;\n`, [p1, p2]],
    ['a TS accounts map with a type', 'src/accounts.ts', `export const ACCOUNTS: Record<string, string> = { ops: '${p1}' };\n`, p1],
    ['a Python logins dict on one line', 'tools/seed.py', `LOGINS = {'deploy': '${p2}'}\n`, p2],
    ['a YAML users mapping', 'config/users.yml', `users:\n  admin: ${p1}\n  viewer: ${p2}\n`, [p1, p2]],
    ['flask-httpauth\'s example (check_password_hash beside it)', 'app/main.py', `users = {\n    "john": "${p1}",\n}\n\n@auth.verify_password\ndef verify_password(username, password):\n    return check_password_hash(users.get(username), password)\n`, p1],
  ]);
  quietOnEach([
    ['a users dict of display names', 'app/names.py', 'users = {\n    "admin": "Administrator",\n    "alice": "Alice Liddell",\n    "bob": "Bob 2nd",\n}\n'],
    ['a users map of emails and roles', 'src/users.js', 'const users = {\n  alice: \'alice2@example.com\',\n  bob: \'role:admin\',\n  carol: \'group-42\',\n};\n'],
    ['a users map of records', 'src/users.ts', `export const users = {\n  alice: { id: 'u_${g.digits(4)}', email: 'alice@example.com', plan: 'Pro2024' },\n};\n`],
    ['an accounts map of ids and numbers', 'app/billing.py', `accounts = {"acme": "acct_${g.lowerAlnum(8)}", "globex": "4111-1111", "initech": "ACME-2024"}\n`],
    ['users = […] of names (not a map)', 'app/seed.py', `users = ["Admin2024", "Guest#1x"]\n`],
    ['a users mapping of placeholders', 'config/users.yml', 'users:\n  admin: changeme\n  viewer: ${VIEWER_PASSWORD}\n  ops: "<password>"\n'],
    ['the word users in code, no map', 'src/list.ts', `const users = await db.query('SELECT * FROM users WHERE plan = $1', ['Pro2024#']);\nconsole.log(users.length, 'Kx12mQab!');\n`],
  ]);
});
