import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Anti-forgery tokens are rendered into every page a session gets (a Rails form's hidden `authenticity_token`, Django's
 * `csrfmiddlewaretoken`): random, named `…token`, and not a credential. The secret that signs them is one. Built here;
 * the first case has the shape of a false-positive sample in gitleaks' Fly.io rule.
 */
describe('anti-forgery tokens', () => {
  const g = sampleGen(0xc5f);
  const token = () => g.b64url(86);

  it('keeps a page\'s CSRF token quiet in HTML, JS, Python and JSON', () => {
    const files: Array<[string, string]> = [
      ['app/views/form.html', `<input type="hidden" name="authenticity_token" value="${token()}" autocomplete="off" />\n`],
      ['templates/login.html', `<input type="hidden" name="csrfmiddlewaretoken" value="${token()}">\n`],
      ['src/api.ts', `const headers = { 'X-CSRF-Token': '${token()}' };\nconst csrfToken = '${token()}';\n`],
      ['tests/e2e.py', `data = {"_csrf": "${token()}", "xsrf_token": "${token()}"}\n`],
      ['fixtures/session.json', `{"csrf_token": "${token()}"}\n`],
    ];
    for (const [path, text] of files) assert.deepEqual(analyzeText(path, text, { salt: 't' }).findings.map((f) => f.ruleId), [], path);
  });

  it('still reports the secret that signs them, and an access token beside them', () => {
    const text = `CSRF_SECRET = "${g.alnum(40)}"\nWTF_CSRF_SECRET_KEY = "${g.alnum(40)}"\naccess_token = "${g.alnum(40)}"\n`;
    assert.deepEqual(analyzeText('app/settings.py', text, { salt: 't' }).findings.map((f) => f.ruleId), ['generic-secret', 'generic-secret', 'generic-secret']);
  });
});
