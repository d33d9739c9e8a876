import { generateKeyPairSync } from 'node:crypto';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * Secrets users reported missed (issue 17, generic recall): passwords in SQL statements, credentials on command lines,
 * secrets written in prose, private keys base64-encoded as one value, and server configuration files. Each class in
 * several spellings of our own, with the look-alikes that must stay quiet (hashes, bind parameters, placeholders, the
 * word "password" in a sentence); values are generated.
 */
const g = sampleGen(0x1919);
const password = () => g.alnum(9) + g.digits(2) + '#' + g.alnum(4);
const key = () => g.alnum(20) + g.digits(2) + g.alnum(10);
const human = 'Rocket' + '2019$';

const { findsEach, quietOnEach } = placementCases('statements');

describe('statements: passwords in SQL', () => {
  const p = password();
  const k = key();
  const oracle = 'Xk' + g.alnum(8) + g.digits(3);
  findsEach([
    ['PostgreSQL CREATE USER … WITH PASSWORD', 'db/init.sql', `CREATE USER app_rw WITH PASSWORD '${p}';\n`, p],
    ['CREATE ROLE … LOGIN PASSWORD', 'db/roles.sql', `CREATE ROLE reporting LOGIN PASSWORD '${p}' VALID UNTIL 'infinity';\n`, p],
    ['ALTER USER … WITH PASSWORD, a human-chosen password', 'db/init.sql', `ALTER USER postgres WITH PASSWORD '${human}';\n`, human],
    ['PostgreSQL ENCRYPTED PASSWORD with a plain password (encrypted on the way in)', 'db/init.sql', `CREATE USER app WITH ENCRYPTED PASSWORD '${p}';\n`, p],
    ['ALTER ROLE … PASSWORD, lower case', 'db/init.sql', `alter role svc_etl with login password '${p}';\n`, p],
    ['MySQL CREATE USER … IDENTIFIED BY', 'docker/mysql/init.sql', `CREATE USER 'shop'@'%' IDENTIFIED BY '${p}';\n`, p],
    ['MySQL ALTER USER … IDENTIFIED WITH plugin BY', 'db/init.sql', `ALTER USER 'root'@'localhost' IDENTIFIED WITH mysql_native_password BY '${p}';\n`, p],
    ['MySQL GRANT … IDENTIFIED BY', 'db/grants.sql', `GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'localhost' IDENTIFIED BY "${p}";\n`, p],
    ['SET PASSWORD FOR', 'db/init.sql', `SET PASSWORD FOR 'app'@'localhost' = '${p}';\n`, p],
    ['SET PASSWORD FOR … = PASSWORD(…)', 'db/init.sql', `SET PASSWORD FOR 'app'@'localhost' = PASSWORD('${p}');\n`, p],
    ['MSSQL CREATE LOGIN … WITH PASSWORD =', 'db/mssql.sql', `CREATE LOGIN app_login WITH PASSWORD = '${p}', CHECK_POLICY = OFF;\n`, p],
    ['MSSQL ALTER LOGIN … WITH PASSWORD = N\'…\'', 'db/mssql.sql', `ALTER LOGIN sa WITH PASSWORD = N'${p}';\n`, p],
    ['Oracle IDENTIFIED BY, unquoted', 'db/oracle/01_users.sql', `CREATE USER hr_app IDENTIFIED BY ${oracle} DEFAULT TABLESPACE users;\n`, oracle],
    ['Oracle IDENTIFIED BY, double-quoted', 'db/oracle/01_users.sql', `ALTER USER system IDENTIFIED BY "${p}";\n`, p],
    ['INSERT naming a secret column', 'db/seed.sql', `INSERT INTO integrations (name, api_key) VALUES ('stripe-sync', '${k}');\n`, k],
    ['INSERT of several rows into a secret column', 'db/seed.sql', `INSERT INTO webhooks (url, signing_secret, active)\nVALUES\n  ('https://a.example.org/hook', '${k}', true),\n  ('https://b.example.org/hook', '${p}xY', false);\n`, [k, p + 'xY']],
    ['a TypeORM migration (a TS template string)', 'src/migrations/1700000000000-Roles.ts', `export class Roles1700000000000 {\n  async up(queryRunner) {\n    await queryRunner.query(\`CREATE ROLE reporting LOGIN PASSWORD '${p}'\`);\n  }\n}\n`, p],
    ['an Alembic migration (a Python string)', 'migrations/versions/0042_roles.py', `def upgrade():\n    op.execute("CREATE USER etl WITH PASSWORD '${p}'")\n`, p],
    ['a Knex migration, IDENTIFIED BY', 'migrations/20240101_users.js', `exports.up = (knex) => knex.raw("CREATE USER 'svc'@'%' IDENTIFIED BY '${p}'");\n`, p],
    ['quotes escaped for the host string', 'src/db/roles.ts', `await db.query('ALTER USER app IDENTIFIED BY \\'${p}\\'');\n`, p],
    ['psql -c in a shell history', 'home/.bash_history', `psql -U postgres -c "ALTER ROLE app WITH PASSWORD '${p}'"\n`, p],
    ['a SQL fence in Markdown', 'docs/setup.md', `Create the role:\n\n\`\`\`sql\nCREATE ROLE grafana LOGIN PASSWORD '${p}';\n\`\`\`\n`, p],
  ]);
  quietOnEach([
    ['PASSWORD NULL', 'db/init.sql', 'CREATE ROLE readonly WITH LOGIN PASSWORD NULL;\n'],
    ['a named bind parameter', 'db/init.sql', 'ALTER USER app IDENTIFIED BY :new_password;\n'],
    ['a positional bind parameter', 'src/db.ts', "await client.query(`ALTER USER app WITH PASSWORD $1`, [password]);\n"],
    ['a Python %s parameter', 'app/db.py', 'cur.execute("CREATE USER %s IDENTIFIED BY %s", (user, password))\n'],
    ['a ? parameter', 'src/db.js', "db.run(\"SET PASSWORD FOR 'app'@'%' = ?\", [password]);\n"],
    ['a psql variable', 'db/init.sql', "CREATE USER app WITH PASSWORD :'app_password';\n"],
    ['an MD5 hash (ENCRYPTED PASSWORD)', 'db/dump.sql', `CREATE ROLE app WITH LOGIN ENCRYPTED PASSWORD 'md5${g.hex(32)}';\n`],
    ['a SCRAM verifier', 'db/dump.sql', `ALTER ROLE app WITH LOGIN PASSWORD 'SCRAM-SHA-256$4096:${g.base64(24)}$${g.base64(44)}:${g.base64(44)}';\n`],
    ['MySQL IDENTIFIED BY PASSWORD (a hash)', 'db/dump.sql', `GRANT USAGE ON *.* TO 'app'@'%' IDENTIFIED BY PASSWORD '*${g.hex(40).toUpperCase()}';\n`],
    ['MySQL IDENTIFIED WITH … AS (a hash)', 'db/dump.sql', `CREATE USER 'app'@'%' IDENTIFIED WITH 'caching_sha2_password' AS '$A$005$${g.alnum(40)}';\n`],
    ['Oracle IDENTIFIED BY VALUES (a hash)', 'db/oracle.sql', `ALTER USER hr IDENTIFIED BY VALUES 'S:${g.hex(60).toUpperCase()}';\n`],
    ['Oracle IDENTIFIED EXTERNALLY', 'db/oracle.sql', 'CREATE USER ops_admin IDENTIFIED EXTERNALLY;\n'],
    ['bcrypt hashes in a password_hash column', 'db/seed.sql', `INSERT INTO users (email, password_hash) VALUES ('admin@example.org', '$2b$12$${g.b64url(53).replace(/[-_]/g, 'x')}');\n`],
    ['a placeholder password', 'db/init.sql', "CREATE USER app WITH PASSWORD 'changeme';\n"],
    ['a template placeholder', 'db/init.sql.tpl', "CREATE USER app WITH PASSWORD '{{ db_password }}';\n"],
    ['an INSERT of names, not secrets', 'db/seed.sql', `INSERT INTO settings (name, value) VALUES ('api_key_header', 'X-Api-Key');\n`],
    ['an INSERT whose secret column holds NULL', 'db/seed.sql', "INSERT INTO integrations (name, api_key) VALUES ('stripe-sync', NULL);\n"],
  ]);
});

describe('statements: credentials on command lines', () => {
  const p = password();
  const k = key();
  const dollar = 'Zq' + g.alnum(6) + '$home' + g.digits(3);
  findsEach([
    ['curl -u user:\'…\' (the quoted part of a word)', 'scripts/deploy.sh', `curl -u deploy:'${p}' https://ci.example.org/api\n`, p],
    ['curl --user user:… bare', 'scripts/deploy.sh', `curl -sS --user deploy:${p} https://ci.example.org/api\n`, p],
    ['curl -u "user:…"', 'scripts/deploy.sh', `curl -u "ci-bot:${p}" -X POST https://ci.example.org/api\n`, p],
    ['wget --password=', 'scripts/fetch.sh', `wget --user=ops --password=${p} https://files.example.org/dump.tar\n`, p],
    ['htpasswd -b (positional)', 'docker/entrypoint.sh', `htpasswd -b -c /etc/nginx/.htpasswd admin ${p}\n`, p],
    ['htpasswd -Bbn (no file)', 'scripts/users.sh', `htpasswd -Bbn metrics '${p}' > auth\n`, p],
    ['sshpass -p', 'scripts/backup.sh', `sshpass -p '${p}' ssh backup@10.0.0.5 'tar czf - /srv' > srv.tgz\n`, p],
    ['psql with a connection URL', 'scripts/migrate.sh', `psql "postgresql://app:${p}@db.internal:5432/app" -f schema.sql\n`, p],
    ['mongosh -p', 'scripts/mongo.sh', `mongosh --host mongo -u root -p '${p}' --authenticationDatabase admin\n`, p],
    ['redis-cli --pass', 'scripts/flush.sh', `redis-cli -h cache --pass ${p} FLUSHALL\n`, p],
    ['docker run -e NAME=value', 'scripts/run.sh', `docker run -d -e STRIPE_SECRET_KEY=${k} -p 8080:8080 shop/api\n`, k],
    ['docker run --env "NAME=value"', 'scripts/run.sh', `docker run --rm --env "DB_PASSWORD=${p}" postgres:16\n`, p],
    ['heroku config:set', 'docs/deploy.sh', `heroku config:set SENDGRID_API_KEY=${k} -a shop-prod\n`, k],
    ['fly secrets set', 'scripts/fly.sh', `fly secrets set DATABASE_PASSWORD='${p}' OTHER=1\n`, p],
    ['vercel env add, the value piped in', 'scripts/vercel.sh', `echo -n '${k}' | vercel env add PAYMENTS_API_TOKEN production\n`, k],
    ['gh secret set NAME -b', 'scripts/gh.sh', `gh secret set DEPLOY_TOKEN -b"${k}"\n`, k],
    ['kubectl create secret generic --from-literal', 'scripts/k8s.sh', `kubectl create secret generic db --from-literal=password='${p}' --from-literal=user=app\n`, p],
    ['export in a shell history', 'home/.bash_history', `ls\nexport OPENAI_API_KEY=${k}\ngit status\n`, k],
    ['export in zsh\'s extended history', 'home/.zsh_history', `: 1700000000:0;cd app\n: 1700000042:0;export STRIPE_SECRET_KEY=${k}\n`, k],
    ['mysql -p\'…\' in a shell history', 'home/.bash_history', `mysql -uroot -p'${p}' shop\n`, p],
    ['a single-quoted password holding $name (literal in POSIX shells)', 'scripts/db.sh', `mysql -uroot -p'${dollar}' shop < dump.sql\n`, dollar],
    ['a curl fence in a README', 'README.md', `Check it:\n\n\`\`\`sh\ncurl -u admin:'${p}' http://localhost:9200/_cat/health\n\`\`\`\n`, p],
  ]);
  quietOnEach([
    ['curl -u "$USER:$PASS"', 'scripts/deploy.sh', 'curl -u "$CI_USER:$CI_PASS" https://ci.example.org/api\n'],
    ['curl -u user (password prompted)', 'scripts/deploy.sh', 'curl -u deploy https://ci.example.org/api\n'],
    ['docker login --password-stdin', 'scripts/login.sh', 'echo "$TOKEN" | docker login ghcr.io -u bot --password-stdin\n'],
    ['a double-quoted password holding $VAR (substituted)', 'scripts/db.sh', 'mysql -uroot -p"$MYSQL_ROOT_PASSWORD" shop\n'],
    ['$name inside double quotes is substituted', 'scripts/db.sh', `mysql -uroot -p"${dollar}" shop\n`],
    ['$name in a bare word is substituted', 'scripts/db.sh', `mysql -uroot -p${dollar} shop\n`],
    ['docker run -e NAME (passed through)', 'scripts/run.sh', 'docker run -e STRIPE_SECRET_KEY -e DB_PASSWORD=$DB_PASSWORD shop/api\n'],
    ['docker run -e of a setting, not a secret', 'scripts/run.sh', `docker run -e LOG_LEVEL=debug -e REGION=eu-west-1 -e BUILD_ID=${g.hex(32)} shop/api\n`],
    ['heroku config:set from a variable', 'scripts/heroku.sh', 'heroku config:set API_KEY="$API_KEY" -a shop\n'],
    ['htpasswd reading the password (-i)', 'scripts/users.sh', 'htpasswd -i -c /etc/nginx/.htpasswd admin < pw.txt\n'],
    ['htpasswd -b with a variable', 'scripts/users.sh', 'htpasswd -bc /etc/nginx/.htpasswd admin "$ADMIN_PASSWORD"\n'],
    ['vercel env add with nothing piped', 'scripts/vercel.sh', 'vercel env add PAYMENTS_API_TOKEN production\n'],
  ]);
});

describe('prose: secrets written in sentences', () => {
  const p = password();
  const k = key();
  findsEach([
    ['"the bind password for X is `…`"', 'docs/runbook.md', `# LDAP\n\nThe bind password for svc-portal is \`${p}\`; rotate it yearly.\n`, p],
    ['"API key: `…`"', 'README.md', `## Staging\n\nAPI key: \`${k}\`\n`, k],
    ['"use token … to log in"', 'docs/onboarding.md', `To try the admin UI, use token ${k} to log in.\n`, k],
    ['"password — …"', 'docs/runbook.md', `- grafana admin password — ${p}\n`, p],
    ['a table with a password column', 'docs/accounts.md', `| host | user | password |\n| --- | --- | --- |\n| db1 | app | ${p} |\n| db2 | ops | \`${human}\` |\n`, [p, human]],
    ['a comment in code', 'src/client.ts', `// the staging api token is ${k}\nexport const host = 'https://staging.example.org';\n`, k],
    ['an owner of several words before a colon', 'docs/runbook.md', `Password for the admin account: \`${p}\`\n`, p],
    ['"password is:" and a code span', 'docs/runbook.md', `The staging password is: \`${p}\`\n`, p],
    ['a bold label', 'docs/runbook.md', `**Password:** \`${p}\`\n`, p],
    ['"user admin and password …"', 'docs/demo.md', `Log in with username admin and password ${p}.\n`, p],
    ['a table whose column header is "API key"', 'docs/services.md', `| Service | API key |\n|---|---|\n| billing | \`${k}\` |\n`, k],
    ['a plain-text note', 'notes/ops.txt', `vpn password is ${p} (ask Dana before changing)\n`, p],
    ['a Python comment, a human-chosen password', 'app/settings.py', `# the admin password is ${human}\nDEBUG = False\n`, human],
    ['"the client secret is" a quoted value', 'docs/oauth.rst', `The client secret is "${k}".\n`, k],
  ]);
  quietOnEach([
    ['"the password is stored in Vault"', 'docs/runbook.md', 'The password is stored in Vault under `secret/portal`.\n'],
    ['"password: see 1Password"', 'docs/runbook.md', 'password: see 1Password (Ops vault)\n'],
    ['"`PASSWORD` env var"', 'README.md', 'Set the `DB_PASSWORD` env var before starting; the API key is read from `API_KEY`.\n'],
    ['a placeholder in a code span', 'README.md', 'API key: `YOUR_API_KEY_HERE`\n'],
    ['a template placeholder', 'README.md', 'token: `<your-token>`\n'],
    ['an env reference in a code span', 'README.md', 'The token is `process.env.GITHUB_TOKEN`.\n'],
    ['words after the secret noun', 'docs/security.md', 'The password is rotated every ninety days by the platform team.\n'],
    ['a policy, not a password', 'docs/security.md', 'password — at least 12 characters, one digit, one symbol\n'],
    ['a documented example value', 'README.md', 'The password is `password123` by default; change it.\n'],
    ['a table whose password column holds words', 'docs/accounts.md', '| host | password |\n| --- | --- |\n| db1 | in Vault |\n| db2 | `see 1Password` |\n'],
    ['a function name in a code span', 'docs/api.md', 'The token is returned by `createSessionToken()`.\n'],
    ['a path after the noun', 'docs/k8s.md', 'The token is mounted at /var/run/secrets/kubernetes.io/serviceaccount/token.\n'],
    ['a doc comment\'s example pair (`token: …`)', 'src/client.ts', `/**\n * Example response:\n *   token: ${g.alnum(32)}\n */\nexport {};\n`],
    ['a code comment about a token', 'src/auth.ts', '// the token is validated by the gateway before it reaches us\nexport {};\n'],
    ['a noun inside code, not a sentence', 'src/auth.ts', `const t = session.token: ${'`'}${k}${'`'};\n`],
    ['a bare word after a colon that more words follow (a label in free text)', 'notes/handover.txt', `Token: ${g.alnum(30)} (staging, ask Sam)\n`],
  ]);
});

describe('encoded private keys', () => {
  const pem = (type: 'rsa' | 'ec') =>
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
      : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const rsa = b64(pem('rsa'));
  const ec = b64(pem('ec'));
  const publicKey = b64(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const certificate = b64('-----BEGIN ' + 'CERTIFICATE-----\n' + g.base64(64) + '\n' + g.base64(64) + '\n-----END ' + 'CERTIFICATE-----\n');
  findsEach([
    ['kubeconfig client-key-data', 'home/.kube/config', `users:\n- name: admin\n  user:\n    client-certificate-data: ${certificate}\n    client-key-data: ${rsa}\n`, rsa],
    ['a TLS Secret\'s tls.key', 'k8s/tls-secret.yaml', `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${certificate}\n  tls.key: ${ec}\n`, ec],
    ['a JSON service config', 'config/service.json', `{\n  "issuer": "svc-billing",\n  "signer": "${ec}"\n}\n`, ec],
    ['an env var PRIVATE_KEY_B64', '.env', `PRIVATE_KEY_B64=${rsa}\n`, rsa],
  ]);
  const escaped = pem('ec').replace(/\n/g, '\\n');
  findsEach([['PEM with \\n escapes in a JSON string', 'config/sa.json', `{\n  "type": "service",\n  "pk": "${escaped}"\n}\n`, escaped.replace(/\\n$/, '')]]);
  quietOnEach([
    ['client-certificate-data and certificate-authority-data', 'home/.kube/config', `clusters:\n- cluster:\n    certificate-authority-data: ${certificate}\nusers:\n- name: a\n  user:\n    client-certificate-data: ${certificate}\n`],
    ['base64 of a PUBLIC KEY', 'config/verify.json', `{ "verifier": "${publicKey}" }\n`],
  ]);
});

describe('server configuration files', () => {
  const p = password();
  findsEach([
    ['redis.conf requirepass', 'deploy/redis.conf', `bind 0.0.0.0\nrequirepass ${p}\nmaxmemory 256mb\n`, p],
    ['redis.conf masterauth, quoted', 'deploy/redis/replica.conf', `replicaof redis-0 6379\nmasterauth "${p}"\n`, p],
    ['a .pgpass line', 'home/.pgpass', `db.internal:5432:app:app_user:${p}\n*:*:*:postgres:${human}\n`, [p, human]],
    ['my.cnf [client] password=', 'home/.my.cnf', `[client]\nuser=root\npassword=${p}\n`, p],
    ['mongod.conf ldap queryPassword', 'deploy/mongod.conf', `security:\n  authorization: enabled\n  ldap:\n    bind:\n      queryUser: "cn=mongo,ou=svc,dc=example,dc=org"\n      queryPassword: "${p}"\n`, p],
    ['pgbouncer userlist.txt', 'deploy/pgbouncer/userlist.txt', `"app" "${p}"\n"stats" "md5${g.hex(32)}"\n`, p],
    ['.htpasswd with a plain-text entry', 'deploy/nginx/.htpasswd', `admin:$apr1$${g.alnum(8)}$${g.alnum(22)}\nops:${p}\n`, p],
  ]);
  quietOnEach([
    ['redis.conf requirepass commented out', 'deploy/redis.conf', '# requirepass foobared\n'],
    ['pgbouncer userlist of hashes', 'deploy/pgbouncer/userlist.txt', `"app" "md5${g.hex(32)}"\n"svc" "SCRAM-SHA-256$4096:${g.base64(24)}$${g.base64(44)}:${g.base64(44)}"\n`],
    ['.htpasswd of hashes', 'deploy/.htpasswd', `a:$apr1$${g.alnum(8)}$${g.alnum(22)}\nb:$2y$10$${g.alnum(53)}\nc:{SHA}${g.base64(27)}=\nd:${g.alnum(13)}\n`],
    ['.pgpass with a wildcard password? no: a comment line', 'home/.pgpass', '# hostname:port:database:username:password\n'],
  ]);
});
