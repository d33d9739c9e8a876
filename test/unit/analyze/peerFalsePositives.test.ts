import { sampleGen } from '../../../src/core/rules/sampleGen';
import { runCases } from './tester';

/**
 * False positives found by scoring the analyzer on other scanners' test data (bench/peers.ts, issue 17 §1), each
 * written as our own case with generated values: nothing here is a peer's sample.
 */
const g = sampleGen(0x17f9);

/** A PyPI token: `pypi-` and a macaroon (v2 binary: location, identifier, one caveat, then the 32-byte signature). */
const macaroon = (signed: boolean): string => {
  const field = (type: number, data: Buffer) => Buffer.concat([Buffer.from([type, data.length]), data]);
  const parts = [Buffer.from([0x02]), field(0x01, Buffer.from('pypi.org')), field(0x02, Buffer.from(g.uuid())), Buffer.from([0x00]), field(0x02, Buffer.from(`{"version": 1, "permissions": {"projects": ["${g.chars('abcdefghijklmnopqrstuvwxyz', 9)}"]}}`)), Buffer.from([0x00, 0x00])];
  if (signed) parts.push(field(0x06, Buffer.from(g.hex(64), 'hex')));
  return 'pypi-' + Buffer.concat(parts).toString('base64url');
};
const pypiToken = macaroon(true);
const pypiCut = macaroon(true).slice(0, 90);
const pypiUnsigned = macaroon(false);

const pineconeKey = 'pcsk_' + g.alnum(6) + '_' + g.alnum(63);

const at = (code: string, value: string) => {
  const line = code.slice(0, code.indexOf(value)).split('\n').length - 1;
  const character = code.indexOf(value) - code.lastIndexOf('\n', code.indexOf(value)) - 1;
  return { line, character, endLine: line, endCharacter: character + value.length };
};
const slackCode = `workspace: xoxa-${g.digits(11)}-${g.digits(13)}\nrefresh: xoxr-${g.alnum(24)}\n`;
const pypiCode = `PYPI_UPLOAD=${pypiToken}\n`;
const pineconeCode = `index key: ${pineconeKey}\n`;
const sasSig = g.alnum(43) + '%3D';
const sasCode = `AZURE_SAS_TOKEN=sp=r&sv=2022-11-02&ss=b&st=2031-02-03T04:05:06Z&se=2031-03-03T04:05:06Z&sig=${sasSig}\n`;
const queryPassword = g.alnum(18);
const queryCode = `const authToken = "user=deploy&password=${queryPassword}";\n`;

runCases('analyzeText: false positives from peers\' test data', {
  valid: [
    { path: 'notes/pinecone.txt', code: `index key: pcsk_${g.alnum(4)}_${g.alnum(63)}\n`, name: 'Pinecone: a key id of 4 characters is not a Pinecone key (5 or 6)' },
    { path: 'notes/pinecone.txt', code: `index key: pcsk_${g.alnum(5)}_${g.alnum(70)}\n`, name: 'Pinecone: a secret longer than 63 characters is not a Pinecone key' },
    { path: 'notes/slack.txt', code: `workspace: xoxa-${g.digits(11)}?${g.digits(12)}\nrefresh: xoxr-${g.digits(12)}\n`, name: 'Slack: xoxa-/xoxr- and one number alone is an id, not a legacy token' },
    { path: 'notes/pypi.txt', code: `upload with ${pypiCut}\n`, name: 'PyPI: a macaroon cut before its signature is not a token' },
    { path: 'notes/pypi.txt', code: `upload with ${pypiUnsigned}\n`, name: 'PyPI: a macaroon without its signature field is not a token' },
    {
      path: '.env',
      code: 'AZURE_SAS_TOKEN=sv=2022-11-02&ss=b&srt=co&sp=rl&st=2031-02-03T04:05:06Z&se=2031-03-03T04:05:06Z&spr=https&sr=c\n',
      name: 'a SAS query without its signature (dates and settings only) is not a secret',
    },
  ],
  invalid: [
    {
      path: 'notes/slack.txt',
      code: slackCode,
      findings: [
        { ruleId: 'slack-legacy-token', ...at(slackCode, slackCode.slice(11, slackCode.indexOf('\n'))) },
        { ruleId: 'slack-legacy-token', ...at(slackCode, slackCode.slice(slackCode.indexOf('xoxr-'), -1)) },
      ],
      name: 'Slack: xoxa-/xoxr- and two numbers, or a random part, is a legacy token',
    },
    { path: 'notes/pypi.txt', code: pypiCode, findings: [{ ruleId: 'pypi-upload-token', ...at(pypiCode, pypiToken) }], name: 'PyPI: a whole macaroon, signature and all' },
    { path: 'notes/pinecone.txt', code: pineconeCode, findings: [{ ruleId: 'pinecone-api-key', ...at(pineconeCode, pineconeKey) }], name: 'Pinecone: a 6-character key id and a 63-character secret' },
    { path: '.env', code: sasCode, findings: [{ ruleId: 'azure-sas-token', ...at(sasCode, sasSig) }], name: 'a SAS query with its signature' },
    { path: 'src/config.ts', code: queryCode, findings: [{ ruleId: 'generic-secret', ...at(queryCode, `user=deploy&password=${queryPassword}`) }], name: 'a query with a password in it under a token name is still a secret' },
  ],
});

// One pass reads `NAME: value` lines of a plain-text file (extract/lines.ts extractTextPairsSteps): a bare value alone
// binds every name-aware rule; one followed by more words, or quoted, binds only a provider rule's name and shape.
const cfToken = g.alnum(40);
const cfTrailing = `CLOUDFLARE_API_KEY: ${cfToken} (staging, rotated monthly)\n`;
const cfQuoted = `  CLOUDFLARE_API_KEY: '${cfToken}'\n`;
runCases('analyzeText: NAME: value lines of a plain-text file, one pass', {
  valid: [
    { path: 'notes/handover.txt', code: `Deploy token: ${g.alnum(12)}${g.digits(6)}${g.alnum(12)} (ask Sam)\n`, name: 'a random word followed by more words under a token name: prose, not bound by the generic heuristic' },
  ],
  invalid: [
    { path: 'notes/deploy.txt', code: cfTrailing, findings: [{ ruleId: 'cloudflare-api-token', ...at(cfTrailing, cfToken) }], name: 'a provider key followed by a remark' },
    { path: 'notes/deploy.txt', code: cfQuoted, findings: [{ ruleId: 'cloudflare-api-token', ...at(cfQuoted, cfToken) }], name: 'a quoted provider key' },
  ],
});

// A host name under a name with a secret-like word in it (`authDomain`, `AUTH0_DOMAIN`, `secret = '….com'`): an
// address, with a random label or not.
const lower = 'abcdefghijklmnopqrstuvwxyz0123456789';
const dotted = g.alnum(28) + '.' + g.alnum(14);
const dottedCode = `const api_secret = "${dotted}";\n`;
runCases('analyzeText: host names are not secrets', {
  valid: [
    { path: 'src/firebase.ts', code: `export const firebaseConfig = { authDomain: "shop-${g.chars(lower, 8)}.firebaseapp.com" };\n`, name: 'a Firebase authDomain with a random project id' },
    { path: 'src/auth.ts', code: `const AUTH0_DOMAIN = "dev-${g.chars(lower, 12)}.us.auth0.com";\n`, name: 'an Auth0 tenant domain' },
    { path: '.env', code: `INVOICE_WEBHOOK_SECRET=${g.chars(lower, 10)}.billing.acme-corp.net\n`, name: 'a host name under a secret name' },
  ],
  invalid: [{ path: 'src/config.ts', code: dottedCode, findings: [{ ruleId: 'generic-secret', ...at(dottedCode, dotted) }], name: 'a mixed-case random value with a dot is still a secret' }],
});

// `my` before a default word is a stand-in too (`https://user:mypassword@…` in a guide), as the word alone is.
runCases('analyzeText: my-words are stand-ins', {
  valid: [
    { path: 'docs/guide.md', code: 'Call `https://deploy:mypassword@ci.acme.dev/hook` with your own credentials.\n', name: 'user:mypassword in a URL' },
    { path: 'src/db.ts', code: 'const url = "postgres://app:my_secret@db.internal:5432/app";\n', name: 'user:my_secret in a database URL' },
  ],
  invalid: [],
});

// A SOPS-encrypted value (`ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`): encrypted to be committed, not a secret in clear.
const sopsValue = `ENC[AES256_GCM,data:${g.base64(24)},iv:${g.base64(43)}=,tag:${g.base64(22)}==,type:str]`;
runCases('analyzeText: SOPS-encrypted values', {
  valid: [{ path: 'deploy/secrets.enc.yaml', code: `stringData:\n    api_token: ${sopsValue}\n    db_password: ${sopsValue}\n`, name: 'an encrypted value under secret names' }],
  invalid: [],
});
