import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { looksMachineMade } from '../../../src/core/analyze/quiet';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { frag, runCases } from './tester';

/**
 * The test-file policy (issue 17): in tests, fixtures and example files a random, machine-made value under a secret
 * name is reported like anywhere else (gitleaks and GitHub secret scanning report it: it is committed), while the
 * stand-ins test suites are full of (`test123`, `fake-token`, `dummy`, `changeme`, counting, repeated units,
 * `AKIA…EXAMPLE`) stay quiet; provider keys stay visible, an error lowered to a warning and never below.
 */
const g = sampleGen(0x7e57);
const { random32, random40, stripe, akia } = frag;
const hex64 = g.hex(64);
const base64 = g.base64(43) + '=';
// A Gmail app password: 16 lower-case letters, one case and no digit, drawn all the same.
const appPassword = g.chars('bcdfghjklmnpqrstvwxz', 16);

// Text in base64: a login written as `user:password` (a stand-in), and one whose password is drawn.
const basicStandIn = Buffer.from('username:password').toString('base64');
const basicDrawn = Buffer.from('deploy:' + g.alnum(24)).toString('base64');
const jwtHeader = Buffer.from('{"alg":"RS256","typ":"JWT","kid":"1"}').toString('base64url') + '.';

const at = (line: number, character: number, length: number, ruleId = 'generic-secret') => ({ ruleId, line, character, endLine: line, endCharacter: character + length });

runCases('analyzeText: machine-made secrets in tests and fixtures', {
  invalid: [
    { path: 'src/__tests__/billing.test.ts', code: `const CLIENT_SECRET = '${random32}';\n`, findings: [at(0, 23, 32)] },
    { path: 'src/auth.spec.ts', code: `import jwt from 'jsonwebtoken';\nconst t = jwt.sign({ sub: 1 }, '${hex64}');\n`, findings: [at(1, 32, 64)] },
    { path: 'test/webhooks.test.js', code: `module.exports = {\n  signingSecret: "${base64}",\n};\n`, findings: [at(1, 18, 44)] },
    { path: 'tests/test_payments.py', code: `SESSION_SECRET = "${random40}"\n`, findings: [at(0, 18, 40)] },
    { path: 'app/test_mail.py', code: `settings = {"SMTP_PASSWORD": "${appPassword}"}\n`, findings: [at(0, 30, 16)] },
    { path: 'test/fixtures/config.json', code: `{\n  "apiKey": "${random32}"\n}\n`, findings: [at(1, 13, 32)] },
    { path: 'fixtures/env.yaml', code: `auth:\n  client_secret: ${random40}\n`, findings: [at(1, 17, 40)] },
    { path: 'src/__tests__/feed.test.ts', code: `const latestToken = '${random32}';\n`, name: 'a name that only contains the letters of a stand-in word (latest)', findings: [at(0, 21, 32)] },
    { path: 'tests/test_sts.py', code: `BASIC_AUTH = "${basicDrawn}"\n`, name: 'base64 of a login whose password is drawn', findings: [at(0, 14, basicDrawn.length)] },
    { path: '.env.example', code: `API_KEY=${random32}\n`, name: 'a random value in an example file: copied from a real .env, it leaks like one', findings: [at(0, 8, 32)] },
  ],
  valid: [
    {
      path: 'src/__tests__/login.test.ts',
      code: [
        `const user = { email: 'a@b.co', password: 'test123' };`,
        `const token = 'fake-token';`,
        `const apiKey = 'dummy';`,
        `const secret = 'secret';`,
        `const dbPassword = 'changeme';`,
        `const password = 'Summer2022#';`,
        `const authToken = 'fake-token-${random32.slice(0, 16)}';`,
        `const clientSecret = 'test_${random32.slice(0, 20)}';`,
        `const apiKeyMock = 'mock${random32.slice(4)}';`,
        `const sessionSecret = 'abcdefghijklmnopqrstuvwxyz012345';`,
        `const hmacKey = '${random32.slice(0, 8).repeat(4)}';`,
        `const aesKey = '${'deadbeef'.repeat(2)}${hex64.slice(0, 16)}';`,
        `const webhookSecret = 'whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxx';`,
        `const accessKey = 'AKIAIOSFODNN7EXAMPLE';`,
        `const secretKey = 'mysupersafevalueforyou';`,
        `const apiSecret = 'qwertyuiopasdfghjklzxcvbnm';`,
        `const jwtSecret = 'foo-${random32.slice(0, 16)}';`,
      ].join('\n'),
      name: 'fixture words, placeholders, counting, repeated units and words run together',
    },
    {
      path: 'tests/test_auth.py',
      code: `PASSWORD = "hunter2hunter2"\nAPI_KEY = "sample-key-${random32.slice(0, 12)}"\nSECRET_KEY = "django-insecure-test-only-${random32.slice(0, 12)}"\nTOKEN = "${'ab12'.repeat(8)}"\n`,
    },
    {
      path: 'tests/test_oauth.py',
      code: `BASIC_AUTH_ENCODING = "${basicStandIn}"\nID_TOKEN = "${jwtHeader}"\nTEST_ENCRYPTION_KEY = b"${base64}"\nmock_api_key = "${random40}"\n_test_basic_auth(opener, "Proxy-authorization")\nshould_pass("WinDLL('./_sqlite3.dll')")\n`,
      name: 'text in base64, a stand-in name, code in a string',
    },
    { path: 'spec/fixtures/users.json', code: `{ "password": "Password123!", "apiToken": "invalid-token-for-tests-000" }\n` },
  ],
});

describe('analyzeText: severity in tests and fixtures', () => {
  const severities = (path: string, code: string, lowerSeverityInTestPaths?: boolean) =>
    analyzeText(path, code, { salt: 't', lowerSeverityInTestPaths }).findings.map((f) => `${f.ruleId}:${f.severity}`);

  it('an error is a warning there, and a warning stays a warning (it was info, which fails no scan)', () => {
    const stripeTest = stripe.replace('live', 'test');
    assert.deepEqual(severities('src/__tests__/pay.test.ts', `const a = '${stripe}';\nconst b = '${stripeTest}';\nconst apiKey = '${random32}';\n`), [
      'stripe-secret-key:warning',
      'stripe-test-secret-key:warning',
      'generic-secret:warning',
    ]);
    assert.deepEqual(severities('src/pay.ts', `const a = '${stripe}';\nconst b = '${stripeTest}';\n`), ['stripe-secret-key:error', 'stripe-test-secret-key:warning']);
  });

  it('lowerSeverityInTestPaths: false keeps every default; a per-rule severity is kept either way', () => {
    assert.deepEqual(severities('tests/test_aws.py', `AWS_ACCESS_KEY_ID = "${akia}"\n`, false), ['aws-access-key-id:error']);
    const overridden = analyzeText('tests/test_aws.py', `AWS_ACCESS_KEY_ID = "${akia}"\n`, { salt: 't', severityOverrides: { 'aws-access-key-id': 'error' } });
    assert.deepEqual(overridden.findings.map((f) => f.severity), ['error']);
  });
});

describe('looksMachineMade: across many drawn values, not one spelling', () => {
  const draw = sampleGen(0x5ec2e7);
  const share = (make: () => string) => {
    let taken = 0;
    for (let i = 0; i < 2000; i++) if (looksMachineMade(make())) taken++;
    return taken / 2000;
  };

  it('takes random keys of every usual alphabet and length', () => {
    for (const [what, make] of [
      ['hex 32', () => draw.hex(32)],
      ['hex 64', () => draw.hex(64)],
      ['base62 24', () => draw.alnum(24)],
      ['base62 40', () => draw.alnum(40)],
      ['base64 44', () => draw.base64(44)],
      ['base64url 43', () => draw.b64url(43)],
      ['upper base32 32', () => draw.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 32)],
    ] as const) {
      assert.ok(share(make) >= 0.99, `${what}: ${share(make)}`);
    }
    assert.ok(share(() => draw.chars('abcdefghijklmnopqrstuvwxyz', 16)) >= 0.9, 'lower-case letters, 16');
  });

  it('leaves fixture-ish values: a stand-in word, a repeated unit, one class of characters that reads as words', () => {
    const words = ['fake', 'Dummy', 'MOCK', 'test', 'example', 'sample', 'stub', 'fixture', 'secret', 'Password', 'token', 'changeme', 'xxx'];
    const word = () => words[Number(draw.digits(2)) % words.length]!;
    assert.equal(share(() => `${word()}_${draw.alnum(24)}`), 0);
    assert.equal(share(() => draw.alnum(24) + word()), 0);
    assert.equal(share(() => draw.alnum(12) + word() + draw.alnum(12)), 0);
    const repeated = () => {
      const unit = draw.alnum(2 + (Number(draw.digits(2)) % 31));
      // Twice at least, then cut anywhere: `ab12ab12ab`.
      return unit.repeat(Math.max(3, Math.ceil(40 / unit.length))).slice(0, Math.max(2 * unit.length, 40));
    };
    assert.equal(share(repeated), 0, 'a unit of up to 32 characters repeated');
    assert.equal(share(() => draw.alnum(8 + (Number(draw.digits(1)) % 8))), 0, 'shorter than 16 characters');
    for (const v of ['correcthorsebatterystaple', 'localdevelopmentonly', 'webhooksigningkey', 'integrationsuitevalue']) assert.equal(looksMachineMade(v), false, v);
  });
});
