import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../../src/core/analyze/index';
import { callsDetectable, singleKeyCallsInText } from '../../../src/core/calls/index';
import { codeActions, FixContext } from '../../../src/server/fixes';
import { DIAGNOSTIC_SOURCE } from '../../../src/shared/protocol';
import { makeSecret } from '../fix/support';

/**
 * Make Rotation Ready is offered by the same test of the path as the single-key-call scan (core calls'
 * callsDetectable): every TS/JS extension the compiler reads, and Python; never a declaration file.
 */
const js = (secret: string) =>
  `const billingApiKey = '${secret}';\n` +
  "export async function ping() {\n  const res = await fetch('https://billing.example.com/v1/account', { headers: { Authorization: `Bearer ${billingApiKey}` } });\n  return res.ok;\n}\n";
const py = (secret: string) => `import requests\n\nAPI_KEY = "${secret}"\n\n\ndef ping():\n    return requests.get("https://billing.example.com/v1/account", headers={"Authorization": f"Bearer {API_KEY}"})\n`;

function actionTitles(path: string, text: string): string[] {
  const uri = `file:///w/${path}`;
  const document = TextDocument.create(uri, 'plaintext', 1, text);
  const findings = analyzeText(path, text, { salt: 's' }).findings;
  const ctx: FixContext = { root: () => undefined, salt: () => 's', path: () => path, findings: () => findings, document: () => document };
  const diagnostics = findings.map((f) => ({ range: f.range, message: f.message, source: DIAGNOSTIC_SOURCE, code: f.ruleId, data: { fingerprint: f.fingerprint } }));
  return codeActions({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics } }, ctx).map((a) => a.title);
}

describe('server: Make Rotation Ready is offered wherever single-key calls are found', () => {
  for (const ext of ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'MTS', 'py']) {
    it(`.${ext}`, () => {
      const secret = makeSecret('generic');
      const path = `src/billing.${ext}`;
      const text = ext === 'py' ? py(secret) : js(secret);
      assert.equal(callsDetectable(path), true);
      assert.equal(singleKeyCallsInText(path, text).length, 1, 'the call is found');
      assert.ok(actionTitles(path, text).includes('Make Rotation Ready…'), `offered on .${ext}`);
    });
  }

  it('not in a declaration file, where no call is looked for', () => {
    assert.equal(callsDetectable('src/billing.d.ts'), false);
    assert.equal(callsDetectable('src/billing.d.mts'), false);
    assert.ok(!actionTitles('src/billing.d.ts', js(makeSecret('generic'))).includes('Make Rotation Ready…'));
  });
});
