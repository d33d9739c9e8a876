import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { runCases } from './tester';

/**
 * Classes of misses and false positives users reported (issue 17), each written as its own case with generated
 * values: nothing here is a peer's sample. Rule formats are pinned by their samples (src/core/rules/*.ts).
 */
const g = sampleGen(0x17);
const hex40 = g.hex(40);
const hex64 = g.hex(64);
const random24 = g.alnum(24);
const password = g.alnum(10) + '!' + g.alnum(10);
const redisPass = g.alnum(20);
const at = (code: string, value: string) => code.indexOf(value);

const cookie = `app.use(cookieParser("${random24}"));\n`;
const wallet = `const wallet = new ethers.Wallet("0x${hex64}", provider);\n`;
const sequelize = `const db = new Sequelize("shop", "app", "${password}", { dialect: "postgres" });\n`;
const redis = `const url = "redis://:${redisPass}@cache.internal:6379/0";\n`;
const ddKey = g.hex(32);
const ddComment = `// Local runs: DD_API_KEY=${ddKey}\nconst site = "datadoghq.eu";\n`;
const jsdoc = `/**\n * Example:\n *   DD_API_KEY=${ddKey}\n */\nexport function send() {}\n`;
const docExample = `/**\n * @example\n *   NextContinuationToken: "${g.base64(56)}",\n */\nexport declare class ListObjects {}\n`;
const shellComment = `# export API_TOKEN=${random24}\necho ok\n`;
const queryKey = g.alnum(32);
const query = 'const url = `https://api.weather.io/v1/now?q=${city}&api_key=' + queryKey + '`;\n';
const uuid = g.uuid();
const postman = `{\n  "name": "staging",\n  "values": [\n    { "key": "herokuApiKey", "value": "${uuid}", "enabled": true }\n  ]\n}\n`;
const headerUuid = g.uuid();
const header = `await fetch(url, { headers: { "X-API-Key": "${headerUuid}" } });\n`;
const dockerKey = 'base64:' + g.base64(43) + '=';
const docker = `FROM node:20-slim\nENV APP_KEY ${dockerKey}\n`;
// Human-chosen passwords: a word, a year, a symbol (several spellings, several names).
const human = ['Summer' + g.digits(4) + '#', 'Rocket' + g.digits(4) + '$', 'Tr' + g.digits(1) + 'ub' + g.digits(1) + 'dor&' + g.digits(1)];
const passwordTs = `const config = { password: "${human[0]}" };\n`;
const passwordPy = `DB_PASS = '${human[1]}'\n`;
const passwordEnv = `MYSQL_PWD=${human[2]}\n`;
const passwordWords = `const passwordPolicy = "${human[0]}";\nconst passwordHint = "${human[1]}";\nconst bypass = "${human[2]}";\nconst password = "Password:";\n`;
const mysqlQuoted = `mysql -uroot -p'${human[0]}' shop -e 'select 1'\n`;
const mysqlDump = `/usr/bin/mysqldump -h db -p"${random24}" shop > dump.sql\n`;
const mysqlSpaced = `mysql -u app -p '${human[1]}'\n`;
// Re-encoding calls between a key-like name and the literal.
const bufferHex = `const encryptionKey = Buffer.from('${hex64}', 'hex');\n`;
const encoder = `const jwtSecret = new TextEncoder().encode("${random24}");\n`;
const fromHexPy = `signing_key = bytes.fromhex("${hex64}")\n`;
// Registry arrays: entry pairs whose first string names the second.
const awsSecret = g.base64(40).replace(/[+/=]/g, 'A');
const registryTs = `const creds = new Map([\n  ['aws-secret-access-key', "${awsSecret}"],\n]);\n`;
const registryNested = `const headers = [["apiKey", "${random24}"]];\n`;
const registryPy = `SETTINGS = dict([("aws-secret-access-key", "${awsSecret}")])\n`;
const tupleOfThree = `NAMES = ("api_key", "${random24}", "${queryKey}")\n`;
// Datadog keys under their own header names and the bare app_key.
const ddApp = g.hex(40);
const ddApi = g.hex(32);
const ddHeaders = `const headers = { "DD-API-KEY": "${ddApi}", "DD-APPLICATION-KEY": "${ddApp}" };\n`;
const appKeyPy = `initialize(api_key=os.environ["DD_API_KEY"], app_key="${ddApp}")\n`;
// Discord bot tokens with no name beside them: the bot's id (17 to 19 digits) in base64url, a timestamp, an HMAC.
const discordToken = (digits: number, hmac: number) => Buffer.from(g.chars('123456789', 1) + g.digits(digits - 1)).toString('base64url') + '.' + g.b64url(6) + '.' + g.b64url(hmac);
const discordJs = `const client = new Client({ intents: [] });\nclient.login("${discordToken(19, 38)}");\n`;
const discordPy = `bot.run('${discordToken(17, 27)}')\n`;
const notDiscord = `client.login("${Buffer.from('1' + g.alnum(17)).toString('base64url')}.${g.b64url(6)}.${g.b64url(38)}");\n`;
const line = (code: string, value: string) => code.slice(0, code.indexOf(value)).split('\n').length - 1;
const col = (code: string, value: string) => code.indexOf(value) - code.lastIndexOf('\n', code.indexOf(value)) - 1;
const one = (ruleId: string, code: string, value: string) => [{ ruleId, line: line(code, value), character: col(code, value), endLine: line(code, value), endCharacter: col(code, value) + value.length }];

runCases('analyzeText: user-reported misses', {
  valid: [
    { path: 'src/s3.d.ts', code: docExample, name: 'a `Name: "value"` example object in a doc comment binds no generic secret' },
    { path: 'src/chain.ts', code: `const token = "0x${hex40}";\n`, name: 'an Ethereum address (0x + 40 hex) is public' },
    { path: 'settings.py', code: `PASSWORD_HASHERS = [\n    "django.contrib.auth.hashers.Argon2PasswordHasher",\n    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n]\n`, name: 'class paths under a PASSWORD_ name' },
    { path: 'svc/key.json', code: `{"type": "service_account", "private_key_id": "${hex40}"}\n`, name: "a GCP key file's private_key_id only names the key" },
    { path: 'src/form.ts', code: passwordWords, name: 'password-shaped values under names that are not a password (policy, hint, bypass) and a label' },
    { path: 'deploy/db.sh', code: mysqlSpaced, name: "mysql -p '…' with a space: the string is the database, the password is prompted" },
    { path: 'src/bot.ts', code: notDiscord, name: 'a Discord-shaped string whose first segment is not a user id' },
    { path: 'src/names.py', code: tupleOfThree, name: 'a tuple of three strings is not an entry pair' },
  ],
  invalid: [
    { path: 'src/app.ts', code: cookie, findings: [{ ruleId: 'generic-secret', line: 0, character: at(cookie, random24), endLine: 0, endCharacter: at(cookie, random24) + random24.length }], name: 'cookieParser(secret)' },
    { path: 'src/chain.ts', code: wallet, findings: [{ ruleId: 'generic-secret', line: 0, character: at(wallet, '0x'), endLine: 0, endCharacter: at(wallet, '0x') + 66 }], name: 'new Wallet(privateKey)' },
    { path: 'src/db.ts', code: sequelize, findings: [{ ruleId: 'generic-secret', line: 0, character: at(sequelize, password), endLine: 0, endCharacter: at(sequelize, password) + password.length }], name: 'new Sequelize(db, user, password)' },
    { path: 'src/metrics.ts', code: ddComment, findings: one('datadog-api-key', ddComment, ddKey), name: 'NAME=value in a line comment' },
    { path: 'src/metrics.ts', code: jsdoc, findings: one('datadog-api-key', jsdoc, ddKey), name: 'NAME=value in a JSDoc example' },
    { path: 'deploy/run.sh', code: shellComment, findings: one('generic-secret', shellComment, random24), name: '# export NAME=value in a shell comment' },
    { path: 'src/weather.ts', code: query, findings: one('generic-secret', query, queryKey), name: 'a key in a URL query inside a template literal' },
    { path: 'postman/staging.postman_environment.json', code: postman, findings: one('heroku-api-key', postman, uuid), name: 'a Postman environment value named by its key sibling' },
    { path: 'src/client.ts', code: header, findings: one('api-key-uuid', header, headerUuid), name: 'a UUID under an X-API-Key header' },
    { path: 'Dockerfile', code: docker, findings: one('laravel-app-key', docker, dockerKey), name: 'ENV NAME value where the value holds = (base64 padding)' },
    { path: 'src/config.ts', code: passwordTs, findings: one('hardcoded-password', passwordTs, human[0]!), name: 'a human-chosen password under password' },
    { path: 'app/settings.py', code: passwordPy, findings: one('hardcoded-password', passwordPy, human[1]!), name: 'a human-chosen password under DB_PASS' },
    { path: '.env', code: passwordEnv, findings: one('hardcoded-password', passwordEnv, human[2]!), name: 'a human-chosen password under MYSQL_PWD' },
    { path: 'deploy/db.sh', code: mysqlQuoted, findings: one('hardcoded-password', mysqlQuoted, human[0]!), name: "mysql -p'…' (the password glued to -p)" },
    { path: 'deploy/backup.sh', code: mysqlDump, findings: one('generic-secret', mysqlDump, random24), name: 'mysqldump -p"…" by its path' },
    { path: 'src/crypto.ts', code: bufferHex, findings: one('generic-secret', bufferHex, hex64), name: "Buffer.from('<hex64>', 'hex') under a key-like name" },
    { path: 'src/auth.ts', code: encoder, findings: one('generic-secret', encoder, random24), name: 'new TextEncoder().encode("…") under a secret name' },
    { path: 'app/crypto.py', code: fromHexPy, findings: one('generic-secret', fromHexPy, hex64), name: 'bytes.fromhex("…") under a key-like name' },
    { path: 'src/registry.ts', code: registryTs, findings: one('aws-secret-access-key', registryTs, awsSecret), name: "a registry array ['aws-secret-access-key', \"…\"]" },
    { path: 'src/headers.ts', code: registryNested, findings: one('generic-secret', registryNested, random24), name: 'entry pairs [["apiKey", "…"]]' },
    { path: 'app/registry.py', code: registryPy, findings: one('aws-secret-access-key', registryPy, awsSecret), name: 'a Python entry tuple ("aws-secret-access-key", "…")' },
    { path: 'src/datadog.ts', code: ddHeaders, findings: [...one('datadog-api-key', ddHeaders, ddApi), ...one('datadog-api-key', ddHeaders, ddApp)], name: 'Datadog keys under DD-API-KEY and DD-APPLICATION-KEY' },
    { path: 'app/metrics.py', code: appKeyPy, findings: one('generic-secret', appKeyPy, ddApp), name: 'a 40-hex app_key argument' },
    { path: 'src/bot.js', code: discordJs, findings: one('discord-bot-token', discordJs, discordJs.slice(discordJs.indexOf('login("') + 7, discordJs.lastIndexOf('"'))), name: 'a nameless Discord bot token (19-digit id, 38-character HMAC) in client.login' },
    { path: 'bot/main.py', code: discordPy, findings: one('discord-bot-token', discordPy, discordPy.slice(9, discordPy.lastIndexOf("'"))), name: 'a nameless Discord bot token (17-digit id, 27-character HMAC) in bot.run' },
    { path: 'src/cache.ts', code: redis, findings: [{ ruleId: 'connection-string-password', line: 0, character: at(redis, redisPass), endLine: 0, endCharacter: at(redis, redisPass) + redisPass.length }], name: 'a redis URL with a password and no user' },
  ],
});

describe('analyzeText: publishable keys and anon JWTs', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = (role: string) => b64({ alg: 'HS256', typ: 'JWT' }) + '.' + b64({ iss: 'supabase', ref: g.lowerAlnum(20), role, iat: 1700000000, exp: 2000000000 }) + '.' + g.b64url(43);
  const pk = 'pk_' + 'live_' + g.alnum(24);
  const found = (code: string, showPublishable?: boolean) => analyzeText('src/supabase.ts', code, { salt: 's', showPublishable }).findings.map((f) => `${f.ruleId}:${f.severity}`);

  it('an anon JWT gets no diagnostic by default, info when shown; a service-role JWT stays a warning', () => {
    const anon = `const supabaseAnonKey = "${jwt('anon')}";\n`;
    assert.deepEqual(found(anon), []);
    assert.deepEqual(found(anon, true), ['jwt:info']);
    assert.deepEqual(found(`const key = "${jwt('service_role')}";\n`), ['jwt:warning']);
  });

  it('a Stripe publishable key: nothing by default, info when shown', () => {
    assert.deepEqual(found(`const pk = "${pk}";\n`), []);
    assert.deepEqual(found(`const pk = "${pk}";\n`, true), ['stripe-publishable-key:info']);
  });
});
