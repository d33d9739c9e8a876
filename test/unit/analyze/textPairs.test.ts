import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Notes files and files of unknown type: a line that is only `NAME: value` or `NAME = value`, the value bare, binds the
 * value to the name as a .env line would, so the name-aware rules (the generic heuristic, name-bound provider keys)
 * see it. Values are generated here; none is a peer's sample.
 */
const g = sampleGen(0x7e47);
const secret = g.alnum(20) + g.digits(4) + g.alnum(8);
const legacy = g.hex(40);
const find = (path: string, text: string) => analyzeText(path, text, { salt: 't', lowerSeverityInTestPaths: false }).findings.map((f) => `${f.ruleId}:${text.slice(f.offset, f.offset + f.length)}`);

describe('bare NAME: value lines in text files', () => {
  for (const [path, line] of [
    ['notes.txt', `STRIPE_SECRET: ${secret}`],
    ['notes.txt', `db_password = ${secret}   `],
    ['handover.md', `- API_TOKEN: ${secret}`],
    ['deploy.notes', `export SERVICE_TOKEN=${secret}`],
    ['windows-setup.txt', `set SERVICE_TOKEN=${secret}`],
    ['creds', `client_secret:${secret}`],
  ] as const) {
    it(`${path}: ${line.replace(secret, '…')}`, () => {
      assert.deepEqual(find(path, `Staging, copied from the vault on Monday\n${line}\nthanks\n`), [`generic-secret:${secret}`]);
    });
  }

  it('binds a name-bound provider key too (an unprefixed Sourcegraph token under SRC_ACCESS_TOKEN)', () => {
    assert.deepEqual(find('notes.txt', `SRC_ACCESS_TOKEN: ${legacy}\n`), [`sourcegraph-legacy-token:${legacy}`]);
  });

  it('leaves prose alone: a value with spaces, a name that is a sentence, a quoted value read once', () => {
    assert.deepEqual(find('notes.txt', `Note: the token is rotated weekly ${secret}\nWhat we use for the token: see the vault\n`), []);
    assert.deepEqual(find('notes.txt', `API_TOKEN: "${secret}"\n`), [`generic-secret:${secret}`]);
  });
});

describe('a quoted value after a label of a few words in a text file (a provider word near the value)', () => {
  const okta = '00' + g.b64url(40);
  const twilio = g.hex(32);
  const npm = g.uuid();
  for (const [line, expected] of [
    [`okta token - '${okta}'`, `okta-api-token:${okta}`],
    [`Twilio auth token: "${twilio}"`, `twilio-auth-token:${twilio}`],
    [`npm publish token => '${npm}'`, `npm-token-uuid:${npm}`],
  ] as const) {
    it(line.replace(/['"][^'"]+['"]/, '…'), () => {
      assert.deepEqual(find('support-ticket.txt', `Pasted from the ticket:\n${line}\n`), [expected]);
    });
  }

  it('binds provider rules only: a label without a provider word, or a value of another shape, stays quiet', () => {
    assert.deepEqual(find('notes.txt', `deploy token - '${secret}'\nbuild id - '${twilio}'\nokta tenant - 'dev-${g.digits(6)}.okta.com'\n`), []);
  });
});
