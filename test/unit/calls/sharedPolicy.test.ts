import * as assert from 'node:assert/strict';
import { singleKeyCallsInText } from '../../../src/core/calls/index';
import { planEnvFix } from '../../../src/core/fix/envFix';
import { analyzeText } from '../../../src/core/analyze/index';
import { makeSecret } from '../fix/support';

/**
 * One copy of each detection-side policy (issue 14): the env reads the single-key-call rule follows are the
 * ones the move-to-env fix recognizes, and the credential names it knows are the same in TS/JS and Python.
 */

const keyOf = (path: string, text: string) => singleKeyCallsInText(path, text).map((c) => c.key);

/** The env fix of `text` with the secret in it: the variable chosen and the new text. */
function envFix(path: string, text: string, secret: string): { envName: string; newText: string } {
  const offset = text.indexOf(secret);
  const plan = planEnvFix({ path, text, finding: { offset, length: secret.length, provider: 'Stripe', suggestedEnvName: 'STRIPE_SECRET_KEY', ruleId: 'stripe-secret-key' }, project: { exists: () => true } });
  return { envName: plan.envName, newText: plan.newText };
}

describe('calls: one env-read recognizer for the rule and the fix', () => {
  const reads: Array<[string, string]> = [
    ['process.env.X', 'process.env.BILLING_KEY'],
    ["process.env['X']", "process.env['BILLING_KEY']"],
    ['globalThis.process.env.X', 'globalThis.process.env.BILLING_KEY'],
    ['import.meta.env.X', 'import.meta.env.BILLING_KEY'],
    ['Bun.env.X', 'Bun.env.BILLING_KEY'],
    ["Bun.env['X']", "Bun.env['BILLING_KEY']"],
    ["Deno.env.get('X')", "Deno.env.get('BILLING_KEY')"],
    ["requireEnv('X')", "requireEnv('BILLING_KEY')"],
  ];
  for (const [name, read] of reads) {
    it(`${name}: the rule follows the key to the variable, and the fix takes the variable's name for a default`, () => {
      assert.deepEqual(keyOf('a.ts', `fetch(u, { headers: { 'X-Api-Key': ${read}! } });`), [{ kind: 'env', name: 'BILLING_KEY' }]);
      const secret = makeSecret('stripe');
      const fixed = envFix('src/a.ts', `export const key = ${read} ?? '${secret}';\n`, secret);
      assert.equal(fixed.envName, 'BILLING_KEY');
      assert.match(fixed.newText, /export const key = requireEnv\('BILLING_KEY'\);/);
    });
  }

  it('destructuring from an env object: the rule and the fix both see the variable', () => {
    assert.deepEqual(keyOf('a.ts', "const { BILLING_KEY } = process.env;\nfetch(u, { headers: { 'X-Api-Key': BILLING_KEY! } });"), [{ kind: 'env', name: 'BILLING_KEY' }]);
    assert.deepEqual(keyOf('a.ts', "const { BILLING_KEY: billingKey } = Bun.env;\nfetch(u, { headers: { Authorization: `Bearer ${billingKey}` } });"), [{ kind: 'env', name: 'BILLING_KEY' }]);
    assert.deepEqual(keyOf('a.ts', "const { billingKey } = settings;\nfetch(u, { headers: { 'X-Api-Key': billingKey } });"), [{ kind: 'expression', text: 'billingKey' }], 'not an env object: not an env read');
    const secret = makeSecret('stripe');
    const fixed = envFix('src/a.ts', `const { BILLING_KEY: key = '${secret}' } = Bun.env;\nexport { key };\n`, secret);
    assert.equal(fixed.envName, 'BILLING_KEY');
    assert.match(fixed.newText, /const \{ BILLING_KEY: key = requireEnv\('BILLING_KEY'\) \} = Bun\.env;/);
  });

  const pyReads: Array<[string, string, string]> = [
    ['os.environ["X"]', 'os.environ["BILLING_KEY"]', ''],
    ['os.environ.get("X")', 'os.environ.get("BILLING_KEY")', 'os.environ.get("BILLING_KEY", '],
    ['os.getenv("X")', 'os.getenv("BILLING_KEY")', 'os.getenv("BILLING_KEY", '],
    ['getenv("X") imported from os', 'getenv("BILLING_KEY")', 'getenv("BILLING_KEY", '],
  ];
  for (const [name, read, withDefault] of pyReads) {
    it(`Python ${name}: the same for both`, () => {
      assert.deepEqual(keyOf('a.py', `import requests\nrequests.get(u, headers={"X-Api-Key": ${read}})\n`), [{ kind: 'env', name: 'BILLING_KEY' }]);
      if (!withDefault) return;
      const secret = makeSecret('stripe');
      const fixed = envFix('src/a.py', `import os\n\nKEY = ${withDefault}"${secret}")\n`, secret);
      assert.equal(fixed.envName, 'BILLING_KEY');
      assert.equal(fixed.newText, 'import os\n\nKEY = os.environ["BILLING_KEY"]\n');
    });
  }
});

describe('calls: one list of credential headers and parameters for TS/JS and Python', () => {
  const headers = ['Authorization', 'Proxy-Authorization', 'X-Api-Key', 'Api-Key', 'X-Auth-Token', 'X-Access-Token', 'X-Token', 'Private-Token', 'X-Goog-Api-Key', 'Ocp-Apim-Subscription-Key', 'X-Client-Secret'];
  for (const header of headers) {
    it(`header ${header}`, () => {
      assert.deepEqual(keyOf('a.ts', `fetch(u, { headers: { '${header}': process.env.K! } });`), [{ kind: 'env', name: 'K' }]);
      assert.deepEqual(keyOf('a.py', `import requests\nrequests.get(u, headers={"${header}": os.environ["K"]})\n`), [{ kind: 'env', name: 'K' }]);
    });
  }
  for (const param of ['api_key', 'apikey', 'key', 'token', 'access_token', 'auth-token', 'secret', 'client_secret']) {
    it(`query parameter ${param}`, () => {
      assert.deepEqual(keyOf('a.ts', `import axios from 'axios';\naxios.get(u, { params: { '${param}': process.env.K } });`), [{ kind: 'env', name: 'K' }]);
      assert.deepEqual(keyOf('a.py', `import requests\nrequests.get(u, params={"${param}": os.environ["K"]})\n`), [{ kind: 'env', name: 'K' }]);
    });
  }
  it('non-credential headers and parameters are quiet in both', () => {
    assert.deepEqual(keyOf('a.ts', "fetch(u, { headers: { 'Content-Type': process.env.K! } });"), []);
    assert.deepEqual(keyOf('a.py', 'import requests\nrequests.get(u, headers={"Content-Type": os.environ["K"]}, params={"page": os.environ["P"]})\n'), []);
  });
  it('an auth scheme before a literal key is kept in both (ApiKey too)', () => {
    const secret = makeSecret('stripe');
    const [ts] = singleKeyCallsInText('a.ts', `fetch(u, { headers: { Authorization: 'ApiKey ${secret}' } });`);
    const [py] = singleKeyCallsInText('a.py', `import requests\nrequests.get(u, headers={"Authorization": "ApiKey ${secret}"})\n`);
    assert.equal(ts?.keyUses[0]?.replacement, '`ApiKey ${$KEY}`');
    assert.equal(py?.keyUses[0]?.replacement, 'f"ApiKey {$KEY}"');
  });

  it('the secret extractor and the call rule know the same auth schemes (Digest too)', () => {
    for (const scheme of ['Bearer', 'Basic', 'Token', 'Bot', 'Digest', 'ApiKey', 'Key']) {
      const secret = makeSecret('any');
      const text = `fetch(u, { headers: { Authorization: '${scheme} ${secret}' } });\n`;
      const [call] = singleKeyCallsInText('a.ts', text);
      assert.equal(call?.keyUses[0]?.replacement, `\`${scheme} \${$KEY}\``, scheme);
      const finding = analyzeText('a.ts', text, { salt: 's' }).findings.find((f) => f.kind === 'hardcoded-secret');
      assert.equal(finding && text.slice(finding.offset, finding.offset + finding.length), secret, `the extractor strips ${scheme} as the call rule keeps it`);
    }
  });

  it('Python: the header value and the URL are read with the one Python string scanner (prefixes, escapes, f-strings)', () => {
    const calls = singleKeyCallsInText('a.py', 'import requests\nrequests.get(f"https://api.stripe.com/v1/{path}", headers={"Authorization": u"Bearer \\"x\\" " + os.environ["K"]})\n');
    assert.deepEqual(calls.map((c) => [c.provider, c.key]), [['Stripe', { kind: 'env', name: 'K' }]]);
  });
});
