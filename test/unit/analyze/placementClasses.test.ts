import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * Secrets in placements the analyzer did not read (issue 17, the held-out yardstick's misses by class, not by spelling):
 * notebooks, INI inventories, web-server configs, command lines, database URLs with a driver, build-tool defines and
 * password-hashing calls. Each class is written in several spellings of our own, with negatives that must stay quiet;
 * values are generated.
 */
const g = sampleGen(0x1818);
const key = () => g.alnum(20) + g.digits(2) + g.alnum(10);
const password = () => g.alnum(9) + g.digits(2) + '#' + g.alnum(4);
const human = 'Rocket' + '2019$';

const { found, findsEach, quietOnEach } = placementCases('classes');

describe('placements: passwords passed to hashing and key-derivation calls', () => {
  const p = password();
  findsEach([
    ['bcrypt.hash', 'scripts/seed.js', `const hash = await bcrypt.hash('${p}', 10);\n`, p],
    ['bcrypt.hashSync', 'src/seed.ts', `const adminHash = bcrypt.hashSync("${p}", 12);\n`, p],
    ['bcryptjs.hash, a human-chosen password', 'src/seed.ts', `await bcryptjs.hash('${human}', 10);\n`, human],
    ['argon2.hash', 'src/users.ts', `const digest = await argon2.hash(\`${p}\`, { type: argon2.argon2id });\n`, p],
    ['crypto.pbkdf2Sync', 'src/kdf.ts', `const derived = crypto.pbkdf2Sync('${p}', salt, 100000, 64, 'sha512');\n`, p],
    ['scryptSync imported bare', 'src/kdf.mjs', `const k = scryptSync("${p}", 'pepper', 64);\n`, p],
    ['Python bcrypt.hashpw, bytes', 'app/seed.py', `hashed = bcrypt.hashpw(b'${p}', bcrypt.gensalt())\n`, p],
    ['Django make_password', 'app/fixtures_load.py', `admin.password = make_password("${p}")\n`, p],
    ['Werkzeug generate_password_hash', 'app/seed.py', `pw_hash = generate_password_hash('${p}', method="scrypt")\n`, p],
    ['hashlib.pbkdf2_hmac, second argument', 'app/kdf.py', `dk = hashlib.pbkdf2_hmac('sha256', b'${p}', salt, 100_000)\n`, p],
  ]);
  quietOnEach([
    ['a variable', 'src/seed.ts', 'const hash = await bcrypt.hash(password, 10);\n'],
    ['a substitution', 'src/seed.ts', 'const hash = await bcrypt.hash(`${process.env.ADMIN_PASSWORD}`, 10);\n'],
    ['a placeholder', 'app/seed.py', "pw_hash = generate_password_hash('<your-password>')\n"],
    ['the hash argument of a check', 'app/auth.py', `ok = check_password_hash('pbkdf2:sha256:600000$${g.alnum(16)}$${g.hex(64)}', form.password)\n`],
    ['another object\'s hash method', 'src/digest.ts', `const d = hasher.hash('${g.alnum(24)}');\n`],
  ]);
});

describe('placements: database URLs with a driver suffix, and any URL scheme', () => {
  const p = password();
  findsEach([
    ['SQLAlchemy postgresql+psycopg2', 'app/settings.py', `SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://app:${p}@db:5432/app"\n`, p],
    ['SQLAlchemy mysql+pymysql in a call', 'app/db.py', `engine = create_engine("mysql+pymysql://root:${p}@localhost/shop?charset=utf8mb4")\n`, p],
    ['mssql+pyodbc', 'app/db.py', `engine = create_engine('mssql+pyodbc://sa:${p}@sqlserver/db?driver=ODBC+Driver+18+for+SQL+Server')\n`, p],
    ['postgres+asyncpg in TypeScript', 'src/db.ts', `export const url = "postgres+asyncpg://svc:${p}@db.internal/app";\n`, p],
    ['a scheme of its own, in YAML', 'deploy/values.yaml', `analytics:\n  dsn: clickhouse://default:${p}@ch.internal:9000/events\n`, p],
    ['a dotted scheme', 'config/app.toml', `broker = "nats.tls://ops:${p}@nats.internal:4222"\n`, p],
    ['JDBC `;password=` after the authority', 'src/main/resources/db.properties', `url=jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=${p};encrypt=true\n`, p],
  ]);
  quietOnEach([
    ['a substitution for the password', 'app/settings.py', 'DATABASE_URL = "postgresql+psycopg2://app:${DB_PASSWORD}@db:5432/app"\n'],
    ['a placeholder password', 'README.md', 'Set `DATABASE_URL=mysql+pymysql://user:password@localhost/db`.\n'],
    ['no password', 'app/settings.py', 'DATABASE_URL = "postgresql+asyncpg://app@db:5432/app"\n'],
    ['user information written with string escapes (a URI library\'s parsing test)', 'test/parse.test.js', `t.same(parse('scheme://us\\u00e9r:p\\u00e4ss${g.alnum(6)}@example.com/'), expected)\n`],
    ['a JDBC password from a variable', 'db.properties', 'url=jdbc:sqlserver://db:1433;user=sa;password=${DB_PASSWORD};\n'],
    ['a `;name=` with no URL before it on the line', 'notes.txt', `ssh db; password=${'$'}(cat /run/secrets/pw)\n`],
  ]);
});

describe('placements: build-tool defines', () => {
  const k = key();
  findsEach([
    ['Vite `define` with JSON.stringify', 'vite.config.ts', `export default defineConfig({\n  define: {\n    'process.env.API_KEY': JSON.stringify('${k}'),\n  },\n});\n`, k],
    ['webpack DefinePlugin with JSON.stringify', 'webpack.config.js', `plugins: [\n  new webpack.DefinePlugin({\n    "process.env.STRIPE_SECRET": JSON.stringify("${k}"),\n  }),\n],\n`, k],
    ['webpack DefinePlugin, a JSON-encoded literal', 'webpack.config.js', `new webpack.DefinePlugin({ __API_TOKEN__: '"${k}"' });\n`, k],
    ['esbuild `define`, a JSON-encoded literal', 'build.mjs', `await esbuild.build({ define: { 'process.env.AUTH_TOKEN': '"${k}"' } });\n`, k],
    ['JSON.stringify under a key-like name', 'src/config.js', `const serviceToken = JSON.stringify(\`${k}\`);\n`, k],
  ]);
  quietOnEach([
    ['a define from the environment', 'vite.config.ts', "define: { 'process.env.API_KEY': JSON.stringify(process.env.API_KEY) },\n"],
    ['a define of a non-secret', 'webpack.config.js', "new webpack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify('production-build') });\n"],
    ['a JSON-encoded placeholder', 'build.mjs', `define: { 'process.env.AUTH_TOKEN': '"your-auth-token-here"' },\n`],
  ]);
});

describe('placements: credentials on command lines', () => {
  const p = password();
  const k = key();
  const awsSecret = g.alnum(30) + '/' + g.alnum(9);
  findsEach([
    ['aws configure set', 'scripts/setup.sh', `aws configure set aws_secret_access_key ${awsSecret} --profile ci\n`, awsSecret],
    ['mysql -p glued, bare', 'scripts/backup.sh', `mysql -uroot -p${p} -h db shop < dump.sql\n`, p],
    ['mysqldump -p glued, quoted', 'scripts/backup.sh', `/usr/bin/mysqldump -u root -p'${p}' shop > dump.sql\n`, p],
    ['mysql --password= in a Makefile recipe', 'Makefile', `schema:\n\tmysql --user=root --password=${p} shop < schema.sql\n`, p],
    ['PGPASSWORD before psql in a CI script list', '.gitlab-ci.yml', `test:\n  script:\n    - PGPASSWORD=${p} psql -h postgres -U app -c 'select 1'\n`, p],
    ['redis-cli -a', 'scripts/check.sh', `redis-cli -h cache.internal -a ${p} ping\n`, p],
    ['redis-cli -a in a README shell fence', 'README.md', `Check the cache:\n\n\`\`\`bash\nredis-cli -h cache -a '${p}' info\n\`\`\`\n`, p],
    ['redis-cli -a in a Windows (CRLF) README shell fence', 'README.md', `Check the cache:\r\n\r\n\`\`\`bash\r\nredis-cli -h cache -a '${p}' info\r\n\`\`\`\r\n`, p],
    ['export in a workflow run block', '.github/workflows/deploy.yml', `jobs:\n  deploy:\n    steps:\n      - run: |\n          export API_TOKEN='${k}'\n          ./deploy.sh\n`, k],
    ['export in a CI script list item', '.gitlab-ci.yml', `build:\n  script:\n    - export DEPLOY_TOKEN="${k}"\n    - make\n`, k],
    ['docker login -p', 'scripts/release.sh', `docker login -u ci -p ${p} registry.example.com\n`, p],
    ['docker login -p in a CI list item, quoted', '.gitlab-ci.yml', `release:\n  before_script:\n    - docker login -u ci -p "${p}" registry.example.com\n`, p],
    ['curl -u bare', 'scripts/deploy.sh', `curl -fsS -u admin:${p} https://ci.example.com/api/build\n`, p],
    ['curl --user in a Markdown console fence', 'docs/api.md', `\`\`\`console\n$ curl --user deploy:${p} https://ci.example.com/api\n\`\`\`\n`, p],
    ['a one-line `run:` step', '.github/workflows/ci.yml', `jobs:\n  t:\n    steps:\n      - run: curl -fsS -u ci:${p} https://ci.example.com/api/trigger\n`, p],
    ['a compose `command:`', 'docker-compose.yml', `services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "true"]\n    command: redis-server --requirepass '${p}'\n`, p],
    ['PGPASSWORD in a Makefile recipe', 'Makefile', `restore:\n\tPGPASSWORD='${p}' pg_restore -h db -U app -d app dump.pgc\n`, p],
    ['gh secret set --body', 'scripts/bootstrap.sh', `gh secret set DEPLOY_KEY --repo acme/shop --body "${k}"\n`, k],
    ['kubectl --from-literal, the name inside the value', 'deploy/setup.sh', `kubectl create secret generic db --from-literal=username=app --from-literal=password='${p}'\n`, p],
    ['sshpass -p', 'scripts/copy.sh', `sshpass -p '${p}' scp build.tgz ops@host:/srv\n`, p],
    ['Dockerfile RUN with mysql -p', 'Dockerfile', `FROM mysql:8\nRUN mysql -uroot -p'${p}' -e 'select 1'\n`, p],
  ]);
  quietOnEach([
    ['mysql -p prompting', 'scripts/backup.sh', 'mysql -u root -p shop < dump.sql\n'],
    ['mysql -p with a variable', 'scripts/backup.sh', 'mysql -uroot -p"$MYSQL_ROOT_PASSWORD" shop\n'],
    ['mysql -p with a braced variable, in a Makefile', 'Makefile', 'db:\n\tmysql -uroot -p${DB_PASSWORD} shop\n'],
    ['redis-cli -a from a file', 'scripts/check.sh', 'redis-cli -a "$(cat /run/secrets/redis)" ping\n'],
    ['docker login -p from CI variables', '.gitlab-ci.yml', 'release:\n  script:\n    - docker login -u $CI_REGISTRY_USER -p $CI_REGISTRY_PASSWORD $CI_REGISTRY\n'],
    ['gh secret set from a file', 'scripts/bootstrap.sh', 'gh secret set DEPLOY_KEY --body "$(cat deploy_key)"\n'],
    ['kubectl --from-literal of a non-secret', 'deploy/setup.sh', `kubectl create secret generic db --from-literal=username=${g.alnum(20)}\n`],
    ['docker run -p is a port', 'scripts/run.sh', 'docker run -p 8080:80 -p 8443:443 nginx:stable-alpine\n'],
    ['curl -u with a variable', 'scripts/deploy.sh', 'curl -u "admin:$ADMIN_PASSWORD" https://ci.example.com/api\n'],
    ['an Ansible vault reference in a run block', '.github/workflows/ci.yml', 'jobs:\n  t:\n    steps:\n      - run: |\n          redis-cli -a {{ vault_redis_password }} ping\n'],
    ['a Python format placeholder', 'Makefile', 'check:\n\tredis-cli -a %(redis_password)s ping\n'],
    ['a command in a fence of another language', 'README.md', `\`\`\`python\nprint("mysql -uroot -p${p}")\n\`\`\`\n`],
  ]);
});

describe('placements: web-server and proxy configs', () => {
  const k = key();
  const uuid = g.uuid();
  findsEach([
    ['nginx proxy_set_header Authorization, Bearer', 'deploy/nginx.conf', `location /api/ {\n    proxy_set_header Authorization "Bearer ${k}";\n    proxy_pass http://upstream;\n}\n`, k],
    ['nginx proxy_set_header X-Api-Key, bare', 'nginx/conf.d/site.conf', `  proxy_set_header X-Api-Key ${k};\n`, k],
    ['nginx set $api_key', 'nginx/default.conf', `set $api_key "${k}";\n`, k],
    ['nginx set $upstream_token, no extension', 'nginx/sites-available/default', `server {\n  set $upstream_token ${k};\n}\n`, k],
    ['nginx more_set_input_headers, the header written whole', 'nginx.conf', `more_set_input_headers 'X-Auth-Token: ${k}';\n`, k],
    ['nginx fastcgi_param', 'nginx.conf', `fastcgi_param STRIPE_SECRET_TOKEN ${k};\n`, k],
    ['Apache RequestHeader set', 'apache/httpd.conf', `<Location "/api">\n  RequestHeader set X-API-Key "${uuid}"\n</Location>\n`, uuid],
    ['Apache RequestHeader set Authorization', 'apache/site.conf', `RequestHeader set Authorization "Bearer ${k}"\n`, k],
    ['Apache SetEnv', '.htaccess', `SetEnv PAYMENT_API_KEY ${k}\n`, k],
    ['HAProxy http-request set-header', 'haproxy/haproxy.cfg', `backend api\n  http-request set-header X-Api-Key ${k}\n`, k],
    ['HAProxy set-header Authorization, Bearer', 'haproxy.cfg', `  http-request set-header Authorization "Bearer ${k}"\n`, k],
  ]);
  quietOnEach([
    ['nginx forwarding the client\'s header', 'nginx.conf', 'proxy_set_header Authorization $http_authorization;\nproxy_set_header X-Real-IP $remote_addr;\n'],
    ['nginx setting a variable from another', 'nginx.conf', 'set $api_key $arg_key;\n'],
    ['an empty header', 'nginx.conf', 'proxy_set_header X-Api-Key "";\n'],
    ['Apache from the environment', 'httpd.conf', 'RequestHeader set X-API-Key "${API_KEY}"\n'],
    ['HAProxy from the environment', 'haproxy.cfg', 'http-request set-header X-Api-Key %[env(API_KEY)]\n'],
    ['a templated value', 'nginx.conf.j2', 'proxy_set_header X-Api-Key "{{ upstream_api_key }}";\n'],
    ['a header that is no credential', 'nginx.conf', `add_header X-Request-Id ${k};\n`],
  ]);
});

describe('placements: INI inventories and configs', () => {
  const p1 = password();
  const p2 = password();
  const k = key();
  findsEach([
    ['an Ansible inventory host line, no extension', 'inventory/hosts', `[web]\nweb1 ansible_host=10.0.0.11 ansible_user=deploy ansible_password=${p1}\n`, p1],
    ['an Ansible inventory host line in .ini, quoted', 'inventory/prod.ini', `[db]\ndb1.internal ansible_host=10.0.0.2 ansible_ssh_pass='${p1}' ansible_port=2222\n`, p1],
    ['an Ansible `[group:vars]` section', 'inventory/hosts.ini', `[db:vars]\nansible_become_password=${p1}\n`, p1],
    ['`key: value` in .cfg', 'setup.cfg', `[upload]\npassword: ${p1}\n`, p1],
    ['several pairs on one line in .conf', 'conf/replica.conf', `primary host=db1 user=replicator password=${p1} port=5432\n`, p1],
    ['a `NAME: value` line whose value ends in base64 padding is no pair line', 'notes/deploy.txt', `staging:\n\tserviceToken: ${k.slice(0, 31)}-=\n`, `${k.slice(0, 31)}-=`],
    ['a logfmt-style line in a .properties file', 'conf/app.properties', `datasource url=postgres://db/app api_token=${k}\n`, k],
  ]);
  it('finds each secret of one host line: the password and the become password', () => {
    const text = `[web]\nweb1 ansible_host=10.0.0.1 ansible_password=${p1} ansible_become_pass="${p2}"\n`;
    assert.deepEqual(found('inventory/hosts', text), [p1, p2]);
  });
  quietOnEach([
    ['vault references', 'inventory/hosts', '[web]\nweb1 ansible_host=10.0.0.1 ansible_password="{{ vault_web1_password }}" ansible_become_pass={{vault_become}}\n'],
    ['a host line with no secret', 'inventory/hosts', '[web]\nweb1 ansible_host=10.0.0.1 ansible_user=deploy ansible_port=2222\n'],
    ['INI interpolation', 'alembic.ini', '[alembic]\nsqlalchemy.url = postgresql://app:%(DB_PASSWORD)s@db/app\n'],
    ['environment substitution', 'conf/replica.conf', 'primary host=db1 user=replicator password=${REPLICA_PASSWORD} port=5432\n'],
  ]);
});

describe('placements: Jupyter notebooks', () => {
  const k = key();
  const p = password();
  const notebook = (cells: unknown[], metadata: unknown = { kernelspec: { language: 'python', name: 'python3' } }) => JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
  const code = (source: string | string[], outputs: unknown[] = []) => ({ cell_type: 'code', execution_count: 1, id: g.hex(8), metadata: {}, outputs, source });
  const pasted = notebook([code(['import os\n', 'import requests\n', '\n', `API_KEY = "${k}"\n`, 'r = requests.get(URL, headers={"x-api-key": API_KEY})'])]);
  findsEach([
    ['an assignment in a code cell of lines', 'notebooks/explore.ipynb', pasted, k],
    ['a keyword argument over lines', 'analysis.ipynb', notebook([code(['client = OpenAI(\n', `    api_key='${k}',\n`, ')\n'])]), k],
    ['a code cell whose source is one string', 'nb/Untitled.ipynb', notebook([code(`import os\nos.environ["SERVICE_TOKEN"] = "${k}"\n`)]), k],
    ['%env magic', 'nb/setup.ipynb', notebook([code([`%env WEATHER_API_KEY=${k}\n`])]), k],
    ['a shell escape', 'nb/setup.ipynb', notebook([code(['!pip install -q redis\n', `!redis-cli -h cache -a ${p} ping\n`])]), p],
    ['a %%bash cell', 'nb/setup.ipynb', notebook([code(['%%bash\n', `export DEPLOY_TOKEN='${k}'\n`, './deploy.sh\n'])]), k],
    ['a stream output that printed a setting', 'nb/debug.ipynb', notebook([code(['print(open(".env").read())\n'], [{ name: 'stdout', output_type: 'stream', text: ['DEBUG=1\n', `DB_PASSWORD=${p}\n`] }])]), p],
    ['a Markdown cell with a shell fence', 'nb/README.ipynb', notebook([{ cell_type: 'markdown', metadata: {}, source: ['Run:\n', '```bash\n', `curl -u admin:${p} https://ci.example.com/api\n`, '```\n'] }]), p],
    ['a commented-out setting in a code cell', 'nb/setup.ipynb', notebook([code(['import os\n', `# os.environ["OPENAI_API_KEY"]="${k}"\n`, `# SERVICE_TOKEN=${k}\n`])]), k],
    ['a Markdown table of settings', 'nb/README.ipynb', notebook([{ cell_type: 'markdown', metadata: {}, source: ['| name | value |\n', '|---|---|\n', `| DB_PASSWORD | ${p} |\n`] }]), p],
    ['a JavaScript kernel', 'nb/deno.ipynb', notebook([code([`const apiToken = "${k}";\n`])], { kernelspec: { language: 'typescript', name: 'deno' } }), k],
  ]);
  it('maps a value with a JSON escape back to its place in the notebook', () => {
    const escaped = g.alnum(18) + '/' + g.alnum(14);
    const text = notebook([code([`SECRET_KEY = "${escaped}"\n`])]).replace(escaped, escaped.replace('/', '\\/'));
    const [finding] = analyzeText('nb/escaped.ipynb', text, { salt: 'classes' }).findings;
    assert.ok(finding, 'found');
    assert.equal(text.slice(finding.offset, finding.offset + finding.length), escaped.replace('/', '\\/'));
    assert.ok(finding.redacted.endsWith(escaped.slice(-4)), finding.redacted);
  });
  it('reports the line of the notebook the value is on', () => {
    const [finding] = analyzeText('notebooks/explore.ipynb', pasted, { salt: 'classes' }).findings;
    assert.equal(finding!.range.start.line, pasted.slice(0, pasted.indexOf(k)).split('\n').length - 1);
  });
  it('reads the cells of a notebook whose outputs hold large images (long lines are no minified code there)', () => {
    const image = { output_type: 'display_data', data: { 'image/png': g.base64(200_000) }, metadata: {} };
    assert.deepEqual(found('nb/plots.ipynb', notebook([code(['plot()\n'], [image]), code([`API_KEY = "${k}"\n`])])), [k]);
  });
  quietOnEach([
    ['a key read from the environment', 'nb/ok.ipynb', notebook([code(['import os\n', 'API_KEY = os.environ["API_KEY"]\n', 'token = getpass.getpass("token: ")\n'])])],
    ['a placeholder', 'nb/ok.ipynb', notebook([code(['API_KEY = "<your-api-key>"  # paste yours\n'])])],
    ['%env from a variable', 'nb/ok.ipynb', notebook([code(['%env WEATHER_API_KEY=$weather_key\n'])])],
    ['ids, hashes and images are not cells', 'nb/ok.ipynb', notebook([code(['plot()\n'], [{ output_type: 'display_data', data: { 'image/png': g.base64(4000), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: {} }])])],
  ]);
});
