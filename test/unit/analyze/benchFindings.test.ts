import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { frag, runCases } from './tester';

/**
 * Cases the labeled benchmark (bench/quality.ts) showed the analyzer got wrong, kept here so they stay fixed:
 * a general shape each, not a corpus file.
 */
const { random32 } = frag;
const L = random32.length;
const bcrypt = '$2b$12$' + 'pHxkDfOK5w0HXCXOpHeh6W' + 'shJz1Ub2uH8MGciv5JlXhxBa0hX5RtM';
// A random password that happens to contain `%(` and `$(`: not a format string, not a command substitution.
const password = 'k9%(Qz2' + '$(7W!xR4' + 'pL8#vT3n';

runCases('analyzeText: benchmark findings', {
  valid: [
    { path: 'src/users.ts', code: `const hashedPassword = "${bcrypt}";\n`, name: 'a bcrypt hash is a hash, not a secret' },
    { path: 'config/app.yml', code: `hashed_password: "$argon2id$v=19$m=65536,t=3,p=4$${random32}"\n`, name: 'an argon2 hash' },
    { path: 'src/net.ts', code: `const bypass = "${random32}";\n`, name: '`pass` only as a whole word part: bypass is not a password' },
    { path: 'deploy/k8s.yaml', code: `env:\n  - name: LOG_FORMAT\n    value: "${random32}"\n`, name: 'a k8s env value named like nothing secret' },
    { path: 'src/a.ts', code: `const signature = crypto.sign("sha256", "${random32}", key);\n`, name: 'crypto.sign is not jwt.sign' },
    // From the real-world corpus (bench/realworld.mjs): identifiers, lexer token names and regexes under token/auth names.
    { path: 'lib/creds.js', code: `setCredentialFeature(credentials, "CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN", "q");\n`, name: 'an upper-case identifier with acronyms' },
    { path: 'lib/imds.js', code: `const X_AWS_EC2_METADATA_TOKEN = "x-aws-ec2-metadata-token";\n`, name: 'a header name with acronyms' },
    { path: 'lib/oidc.js', code: `const OIDC_SUBJECT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';\n`, name: 'a URN' },
    { path: 'lib/tokens.js', code: `lastSignificantToken = "?InterpolationInTemplate";\n`, name: 'a lexer token name' },
    { path: 'lexers/shell.py', code: `_opword = r'(?:equ|geq|gtr|leq|lss|neq)'\ntokens = {\n    'commentsandwhitespace': [\n        (r'\\s+', Text),\n    ],\n}\n`, name: 'a regex source and a dict key' },
    { path: 'lexers/php.py', code: `MODULES = {'SSH2': ('ssh2_auth_agent',\n          'ssh2_auth_hostbased_file',\n          'ssh2_auth_pubkey_file')}\n`, name: 'a tuple is not a call: its first string names nothing' },
    { path: 'x509/__init__.py', code: `OID_OCSP = AuthorityInformationAccessOID.OCSP\n\n__all__ = [\n    "certificate_transparency",\n    "load_pem_x509_certificate",\n]\n`, name: 'a word on the previous line does not name a list' },
  ],
  invalid: [
    {
      path: 'deploy/k8s.yaml',
      code: `env:\n  - name: API_TOKEN\n    value: "${random32}"\n`,
      findings: [{ ruleId: 'generic-secret', line: 2, character: 12, endLine: 2, endCharacter: 12 + L }],
      name: 'a Kubernetes env value is bound to its sibling name',
    },
    {
      path: 'src/auth.ts',
      code: `const signed = jwt.sign(payload, "${random32}", { expiresIn: "1h" });\n`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 34, endLine: 0, endCharacter: 34 + L }],
      name: 'jwt.sign secret argument',
    },
    {
      path: 'src/auth.js',
      code: `const mac = crypto.createHmac("sha256", "${random32}");\n`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 41, endLine: 0, endCharacter: 41 + L }],
      name: 'createHmac key argument',
    },
    {
      path: 'worker/auth.py',
      code: `token = jwt.encode(payload, "${random32}", algorithm="HS256")\n`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 29, endLine: 0, endCharacter: 29 + L }],
      name: 'Python jwt.encode key argument',
    },
    {
      path: 'src/db.ts',
      code: `const dbPass = "${random32}";\nconst masterKey = "${random32}";\n`,
      findings: [
        { ruleId: 'generic-secret', line: 0, character: 16, endLine: 0, endCharacter: 16 + L },
        { ruleId: 'generic-secret', line: 1, character: 19, endLine: 1, endCharacter: 19 + L },
      ],
      name: 'dbPass and masterKey are secret names',
    },
    {
      path: 'src/db.ts',
      code: `const dbPassword = "${password}";\n`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 20, endLine: 0, endCharacter: 20 + password.length }],
      name: 'a random password with %( and $( in it',
    },
    {
      path: 'docs/setup.md',
      code: "```bash\nexport API_TOKEN=\"" + random32 + "\"\n```\n",
      findings: [{ ruleId: 'generic-secret', line: 1, character: 18, endLine: 1, endCharacter: 18 + L }],
      name: 'a key inside a Markdown code fence',
    },
  ],
});

describe('analyzeText: very large JS files (token pass in chunks instead of a parse)', () => {
  it('finds a bound secret on each side of a chunk boundary, at its exact offset', () => {
    const line = 'function f(a, b) { return a + b; } // filler\n';
    const head = line.repeat(Math.ceil((256 * 1024 - 40) / line.length));
    const code = `${head}const apiKey = "${random32}";\n${line.repeat(8000)}const clientSecret = "${random32}";\n`;
    const { findings, notes } = analyzeText('dist/bundle.js', code, { salt: 't' });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.offset]), [
      ['generic-secret', head.length + 'const apiKey = "'.length],
      ['generic-secret', code.lastIndexOf(random32)],
    ]);
    assert.ok(notes.some((n) => n.includes('token by token')));
  });
});
