import * as assert from 'node:assert/strict';
import { singleKeyCallsInText } from '../../../src/core/calls/index';
import { envFixFindings } from '../../../src/core/fix/filePlan';
import { applyEdits } from '../../../src/core/fix/minimalEdits';
import { feedsCall, planRotationReady } from '../../../src/core/fix/rotationReady';
import { UnsupportedFixError } from '../../../src/core/fix/types';
import { planWrapperFix } from '../../../src/core/fix/wrapperFix';
import { assertOutsideEditsIdentical } from './envFix.fixtures.test';
import { rand } from './support';

/**
 * An SDK module's shared client given its key by a setter (`sgMail.setApiKey(key)`, issue 15): the module's name
 * becomes a client per key from the SDK's own class inside withFallbackClient, keeping its type and methods; the
 * shapes that cannot be kept correct are refused with the reason and what to do by hand. The rewritten code runs
 * against the simulator in the yardstick (ts-nodenext-sendgrid, js-cjs-sendgrid).
 */

const sendGridKey = (): string => `SG.${rand(22)}.${rand(43)}`;

function plan(path: string, text: string) {
  const calls = singleKeyCallsInText(path, text);
  assert.equal(calls.length, 1, JSON.stringify(calls.map((c) => c.callee)));
  assert.equal(calls[0]!.shape, 'setter');
  const result = planWrapperFix({ path, text, finding: { offset: calls[0]!.calleeStart }, project: { helperDir: 'src' } });
  assert.equal(applyEdits(text, result.edits), result.newText);
  assert.deepEqual(singleKeyCallsInText(path, result.newText), [], 'nothing left to fix (idempotent)');
  return result;
}

function refusal(path: string, text: string): string {
  const [call] = singleKeyCallsInText(path, text);
  assert.ok(call, 'detected');
  try {
    planWrapperFix({ path, text, finding: { offset: call.calleeStart } });
  } catch (error) {
    assert.ok(error instanceof UnsupportedFixError, String(error));
    return error.message;
  }
  return assert.fail('the fix was planned');
}

const perKey = (binding: string, cls: string, semi = ';') =>
  `const ${binding} = withFallbackClient(\n  { service: 'sendgrid-api', envName: 'SENDGRID_API_KEY' },\n  (key) => {\n    const client = new ${cls}()${semi}\n    client.setApiKey(key)${semi}\n    return client${semi}\n  },\n)${semi}`;

describe('fix: an SDK module\'s shared client given its key by a setter (sgMail.setApiKey)', () => {
  it('ESM: the default import becomes the class, the setter a client per key; the rest of the file is unchanged', () => {
    const rest = "export const welcome = (to: string) => sgMail.send({ to, from: 'team@example.com', subject: 'Welcome', text: 'Hello' });\n";
    const text = `import sgMail from '@sendgrid/mail';\n\nsgMail.setApiKey(process.env.SENDGRID_API_KEY!);\n\n${rest}`;
    const result = plan('src/mail.ts', text);
    assert.equal(result.newText, `import { MailService } from '@sendgrid/mail';\nimport { withFallbackClient } from './keyFallback';\n\n${perKey('sgMail', 'MailService')}\n\n${rest}`);
    assert.equal(result.helperFile?.path, 'src/keyFallback.ts');
    assert.deepEqual(result.exampleNames, ['SENDGRID_API_KEY_PRIMARY', 'SENDGRID_API_KEY_FALLBACK']);
    assert.match(result.title, /^sgMail\.setApiKey → withFallbackClient/);
  });

  it('keeps the import\'s named bindings (and a class imported there already), and the file\'s semicolons', () => {
    const text = "import sgMail, { type MailDataRequired, MailService } from '@sendgrid/mail'\nsgMail.setApiKey(process.env.SENDGRID_API_KEY as string)\nexport const send = (m: MailDataRequired) => sgMail.send(m)\nexport const other = new MailService()\n";
    const result = plan('src/mail.ts', text);
    assert.match(result.newText, /^import \{ type MailDataRequired, MailService \} from '@sendgrid\/mail'\n/);
    assert.ok(result.newText.includes(perKey('sgMail', 'MailService', '')), result.newText);
  });

  it('CJS require, a namespace import and @sendgrid/client\'s Client', () => {
    const cjs = plan('mailer.js', "const sgMail = require('@sendgrid/mail');\nconst express = require('express');\n\nsgMail.setApiKey(process.env.SENDGRID_API_KEY);\n\nmodule.exports = (to) => sgMail.send({ to });\n");
    assert.match(cjs.newText, /^const \{ MailService \} = require\('@sendgrid\/mail'\);\nconst express = require\('express'\);\nconst \{ withFallbackClient \} = require\('\.\/src\/keyFallback'\);\n\nconst sgMail = withFallbackClient\(/);
    const namespace = plan('src/a.ts', "import * as sgMail from '@sendgrid/mail';\nsgMail.setApiKey(process.env.SENDGRID_API_KEY!);\n");
    assert.match(namespace.newText, /^import \{ MailService \} from '@sendgrid\/mail';\n/);
    const client = plan('src/api.ts', "import client from '@sendgrid/client';\nclient.setApiKey(process.env.SENDGRID_API_KEY!);\nexport const scopes = () => client.request({ url: '/v3/scopes' });\n");
    assert.match(client.newText, /^import \{ Client \} from '@sendgrid\/client';\n/);
    assert.match(client.newText, /const client = withFallbackClient\([^]*const keyedClient = new Client\(\);\n\s*keyedClient\.setApiKey\(key\);/);
  });

  it('a key constant that only fed the setter goes; a hardcoded key is secured, never left in the text', () => {
    const key = sendGridKey();
    const text = `import sgMail from '@sendgrid/mail';\n\nconst SENDGRID_KEY = '${key}';\nsgMail.setApiKey(SENDGRID_KEY);\n\nexport const send = () => sgMail.send({ to: 'a@example.com', from: 'b@example.com', subject: 's', text: 't' });\n`;
    const result = plan('src/mail.ts', text);
    assert.equal(result.newText.includes(key), false);
    assert.doesNotMatch(result.newText, /const SENDGRID_KEY/);
    // Named after the constant, as for every call.
    assert.match(result.newText, /envName: 'SENDGRID_KEY'/);
    assert.deepEqual(result.secrets.map((s) => [s.envName, text.slice(s.offset, s.offset + s.length) === key]), [['SENDGRID_KEY', true]]);
    assert.equal(JSON.stringify({ ...result, newText: '' }).includes(key), false, 'the plan carries no key');
  });

  it('Make Rotation Ready on a hardcoded key in setApiKey: moved and wrapped in one plan, nothing of the key or requireEnv left', () => {
    const key = sendGridKey();
    const text = `const sgMail = require('@sendgrid/mail');\n\nsgMail.setApiKey('${key}');\n\nmodule.exports = { welcome: (to) => sgMail.send({ to, from: 'hello@example.com', subject: 'Hi', text: 'Hello' }) };\n`;
    const [finding] = envFixFindings('mailer.js', text, undefined, 'salt');
    assert.equal(finding?.ruleId, 'sendgrid-api-key');
    assert.ok(feedsCall(singleKeyCallsInText('mailer.js', text), finding.offset), 'the action is offered on the key');
    const result = planRotationReady({ path: 'mailer.js', text, finding, project: { helperDir: '.' } });
    assert.equal(result.envName, 'SENDGRID_API_KEY');
    assert.equal(result.wrapped, 1);
    assert.equal(result.newText.includes(key), false);
    assert.doesNotMatch(result.newText, /requireEnv/);
    assert.ok(result.newText.startsWith(`const { MailService } = require('@sendgrid/mail');\nconst { withFallbackClient } = require('./keyFallback');\n\n${perKey('sgMail', 'MailService')}\n`), result.newText);
    assert.deepEqual(result.helperFiles.map((h) => h.path), ['keyFallback.js']);
    assert.deepEqual(result.exampleNames, ['SENDGRID_API_KEY_PRIMARY', 'SENDGRID_API_KEY_FALLBACK']);
    assert.equal(applyEdits(text, result.edits), result.newText);
    assertOutsideEditsIdentical(text, result.edits, result.newText);
  });

  describe('refused, with the reason and what to do by hand', () => {
    const head = "import sgMail from '@sendgrid/mail';\n";
    it('setApiKey inside a function (when the key is set depends on who calls it)', () => {
      const why = refusal('src/mail.ts', `${head}export function init(): void {\n  sgMail.setApiKey(process.env.SENDGRID_API_KEY!);\n}\n`);
      assert.match(why, /sgMail\.setApiKey is called inside a function or a block \(line 3\).*move the call there and fix again, or by hand: const sgMail = withFallbackClient\(\{ service: 'sendgrid-api', envName: 'SENDGRID_API_KEY' \}, \(key\) => \{ const client = new MailService\(\); client\.setApiKey\(key\); return client; \}\)/);
    });
    it('setClient (one client for every key) and setTwilioEmailAuth (another credential)', () => {
      assert.match(refusal('src/mail.ts', `${head}import { Client } from '@sendgrid/client';\nsgMail.setApiKey(process.env.SENDGRID_API_KEY!);\nsgMail.setClient(new Client());\n`), /sgMail\.setClient at line 4 cannot be kept correct with a client per key: it makes every key send through the one client given/);
      assert.match(refusal('src/mail.ts', `${head}sgMail.setApiKey(process.env.SENDGRID_API_KEY!);\nexport const alt = () => sgMail.setTwilioEmailAuth('user', process.env.TWILIO_EMAIL_PASSWORD!);\n`), /sgMail\.setTwilioEmailAuth at line 3 cannot be kept correct.*another credential/);
    });
    it('a second setApiKey, a use before the key is set, and the class name taken', () => {
      const twice = `${head}sgMail.setApiKey(process.env.SENDGRID_API_KEY!);\nexport const useOther = () => sgMail.setApiKey(process.env.OTHER_SENDGRID_KEY!);\n`;
      assert.match(planAt(twice, 0), /sgMail\.setApiKey is called again at line 3/);
      assert.match(refusal('src/mail.ts', `${head}sgMail.setSubstitutionWrappers('{{', '}}');\nsgMail.setApiKey(process.env.SENDGRID_API_KEY!);\n`), /`sgMail` at line 2 is used before its key is set \(line 3\).*Move sgMail\.setApiKey up/);
      assert.match(refusal('src/mail.ts', `${head}class MailService {}\nsgMail.setApiKey(process.env.SENDGRID_API_KEY!);\nexport const local = new MailService();\n`), /The name `MailService` .* is already declared in this file at line 2/);
    });
    it('a module whose shared client has no known class: the by-hand rewrite with the SDK\'s client class', () => {
      const why = refusal('src/geo.ts', "import geo from 'geo-sdk';\ngeo.setToken(process.env.GEO_TOKEN!);\n");
      assert.match(why, /geo\.setToken gives the module's shared client its key once.*const geo = withFallbackClient\(\{ service: 'geo-token', envName: 'GEO_TOKEN' \}, \(key\) => \{ const client = new SdkClient\(\); client\.setToken\(key\); return client; \}\)/);
      const key = `${rand(12)}${rand(20)}`;
      const text = `import geo from 'geo-sdk';\ngeo.setToken('${key}');\n`;
      assert.equal(feedsCall(singleKeyCallsInText('src/geo.ts', text), text.indexOf(key)), undefined, 'Make Rotation Ready is not offered for it');
    });
    function planAt(text: string, index: number): string {
      const call = singleKeyCallsInText('src/mail.ts', text)[index];
      assert.ok(call);
      assert.throws(() => planWrapperFix({ path: 'src/mail.ts', text, finding: { offset: call.calleeStart } }), UnsupportedFixError);
      try {
        planWrapperFix({ path: 'src/mail.ts', text, finding: { offset: call.calleeStart } });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    }
  });
});
