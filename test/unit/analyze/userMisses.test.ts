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

runCases('analyzeText: user-reported misses', {
  valid: [
    { path: 'src/chain.ts', code: `const token = "0x${hex40}";\n`, name: 'an Ethereum address (0x + 40 hex) is public' },
    { path: 'settings.py', code: `PASSWORD_HASHERS = [\n    "django.contrib.auth.hashers.Argon2PasswordHasher",\n    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n]\n`, name: 'class paths under a PASSWORD_ name' },
    { path: 'svc/key.json', code: `{"type": "service_account", "private_key_id": "${hex40}"}\n`, name: "a GCP key file's private_key_id only names the key" },
  ],
  invalid: [
    { path: 'src/app.ts', code: cookie, findings: [{ ruleId: 'generic-secret', line: 0, character: at(cookie, random24), endLine: 0, endCharacter: at(cookie, random24) + random24.length }], name: 'cookieParser(secret)' },
    { path: 'src/chain.ts', code: wallet, findings: [{ ruleId: 'generic-secret', line: 0, character: at(wallet, '0x'), endLine: 0, endCharacter: at(wallet, '0x') + 66 }], name: 'new Wallet(privateKey)' },
    { path: 'src/db.ts', code: sequelize, findings: [{ ruleId: 'generic-secret', line: 0, character: at(sequelize, password), endLine: 0, endCharacter: at(sequelize, password) + password.length }], name: 'new Sequelize(db, user, password)' },
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
