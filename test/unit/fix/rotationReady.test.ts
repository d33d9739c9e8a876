import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { singleKeyCallsInText } from '../../../src/core/calls/index';
import { applyFix } from '../../../src/core/fix/applyFix';
import { planFileAll } from '../../../src/core/fix/filePlan';
import { applyEdits } from '../../../src/core/fix/minimalEdits';
import { feedsCall, planRotationReady } from '../../../src/core/fix/rotationReady';
import { DotenvDestination } from '../../../src/core/fix/secretDestination';
import { UnsupportedFixError } from '../../../src/core/fix/types';
import { planFileFixes } from '../../../src/server/fixes';
import { assertOutsideEditsIdentical } from './envFix.fixtures.test';
import { billingSource as billing, makeSecret, tempDir } from './support';

/** Issue 15.4: "Make Rotation Ready" moves the secret and adds the wrapper in one plan (one undoable edit). */
const finding = (text: string, secret: string) => ({ offset: text.indexOf(secret), length: secret.length, provider: 'Generic', ruleId: 'generic-api-key' });

describe('fix: Make Rotation Ready (issue 15.4)', () => {
  it('moves the key and wraps the call that read it, in one plan whose edits reproduce the text', () => {
    const secret = makeSecret('generic');
    const text = billing(secret);
    const plan = planRotationReady({ path: 'src/billing.ts', text, finding: finding(text, secret), project: { helperDir: 'src' } });
    assert.equal(plan.envName, 'BILLING_API_KEY');
    assert.equal(plan.wrapped, 1);
    assert.equal(plan.newText.includes(secret), false);
    assert.match(plan.newText, /withKeyFallback\(\s*\{ service: 'billing-api', envName: 'BILLING_API_KEY' \},\s*\(key\) => fetch\(/);
    assert.doesNotMatch(plan.newText, /requireEnv|billingApiKey/, 'the constant that only fed the call and its requireEnv import are gone');
    assert.deepEqual(plan.helperFiles.map((h) => h.path), ['src/keyFallback.ts'], 'no requireEnv helper nothing imports');
    assert.equal(applyEdits(text, plan.edits), plan.newText);
    assertOutsideEditsIdentical(text, plan.edits, plan.newText);
    assert.deepEqual(plan.secrets.map((s) => [s.envName, text.slice(s.offset, s.offset + s.length) === secret]), [['BILLING_API_KEY', true]]);
    assert.deepEqual(plan.exampleNames, ['BILLING_API_KEY_PRIMARY', 'BILLING_API_KEY_FALLBACK']);
    assert.equal(JSON.stringify({ ...plan, newText: '' }).includes(secret), false, 'the plan carries no secret');
    assert.equal(singleKeyCallsInText('src/billing.ts', plan.newText).length, 0, 'nothing left to fix');
  });

  it('is the same composition as `rotation-ready fix` (the core plans env then wrapper once, for both)', () => {
    const secret = makeSecret('generic');
    const text = billing(secret);
    const project = { helperDir: 'src' };
    const single = planRotationReady({ path: 'src/billing.ts', text, finding: finding(text, secret), project });
    const file = planFileAll('src/billing.ts', text, { salt: 's', project, names: new Map() }).plan;
    assert.equal(single.newText, file.final);
  });

  it('keeps requireEnv (and its helper) where the moved key is still read outside the calls; .env.example lists both', () => {
    const secret = makeSecret('generic');
    const text = billing(secret, 'export const keyLength = billingApiKey.length;\n');
    const plan = planRotationReady({ path: 'src/billing.ts', text, finding: finding(text, secret), project: { helperDir: 'src' } });
    assert.match(plan.newText, /const billingApiKey = requireEnv\('BILLING_API_KEY'\);/);
    assert.deepEqual(plan.helperFiles.map((h) => h.path).sort(), ['src/keyFallback.ts', 'src/requireEnv.ts']);
    assert.deepEqual(plan.exampleNames, ['BILLING_API_KEY', 'BILLING_API_KEY_PRIMARY', 'BILLING_API_KEY_FALLBACK']);
  });

  it('Python: os.environ read, then with_key_fallback; the `import os` the move added is dropped when nothing reads os any more (as in `fix`)', () => {
    const secret = makeSecret('generic');
    const text = `import requests\n\nAPI_KEY = "${secret}"\n\n\ndef ping():\n    return requests.get("https://billing.example.com/v1/account", headers={"Authorization": f"Bearer {API_KEY}"})\n`;
    const project = { helperDir: 'worker' };
    const plan = planRotationReady({ path: 'worker/billing.py', text, finding: finding(text, secret), project });
    assert.equal(plan.newText, 'import requests\nfrom key_fallback import with_key_fallback\n\n\ndef ping():\n    return with_key_fallback("api", "API_KEY", lambda key: requests.get("https://billing.example.com/v1/account", headers={"Authorization": f"Bearer {key}"}))\n');
    assert.deepEqual(plan.helperFiles.map((h) => h.path), ['worker/key_fallback.py']);
    assert.equal(planFileAll('worker/billing.py', text, { salt: 's', project, names: new Map() }).plan.final, plan.newText);
    const kept = `import os\n${text}`;
    assert.match(planRotationReady({ path: 'worker/billing.py', text: kept, finding: finding(kept, secret), project }).newText, /^import os\n/, 'an import the file had stays');
  });

  it('says why when the key feeds no call (then "Move secret" is the fix)', () => {
    const secret = makeSecret('generic');
    const text = `export const billingApiKey = '${secret}';\n`;
    assert.throws(() => planRotationReady({ path: 'src/billing.ts', text, finding: finding(text, secret) }), (e: Error) => e instanceof UnsupportedFixError && /No HTTP call/.test(e.message) && !e.message.includes(secret));
  });

  it('is offered on the key and on the call it feeds, not on an unrelated call', () => {
    const secret = makeSecret('generic');
    const text = `${billing(secret)}export const other = () => fetch('https://maps.example.com', { headers: { 'X-Api-Key': process.env.MAPS_API_KEY ?? '' } });\n`;
    const calls = singleKeyCallsInText('src/billing.ts', text);
    assert.equal(calls.length, 2);
    assert.equal(feedsCall(calls, text.indexOf(secret))?.calleeStart, calls[0]!.calleeStart);
    assert.equal(feedsCall([calls[1]!], text.indexOf(secret)), undefined);
  });

  it('stores the value, lists NAME_PRIMARY / NAME_FALLBACK in .env.example, and undo removes exactly those lines (issue 15, item 2)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      writeFileSync(join(dir, '.env.example'), 'PORT=\n');
      const secret = makeSecret('generic');
      const text = billing(secret);
      const plan = planRotationReady({ path: 'src/billing.ts', text, finding: finding(text, secret), project: { helperDir: 'src' } });
      const applied = await applyFix(plan, text, new DotenvDestination({ root: dir }), { root: dir });
      assert.equal(readFileSync(join(dir, '.env'), 'utf8'), `BILLING_API_KEY=${secret}\n`, 'the helper reads BILLING_API_KEY_PRIMARY, else this');
      assert.equal(readFileSync(join(dir, '.env.example'), 'utf8'), 'PORT=\nBILLING_API_KEY_PRIMARY=\nBILLING_API_KEY_FALLBACK=\n');
      await applied.undo();
      assert.equal(readFileSync(join(dir, '.env.example'), 'utf8'), 'PORT=\n', 'no leftover NAME= line');
      assert.ok(!existsSync(join(dir, '.env')) || !readFileSync(join(dir, '.env'), 'utf8').includes(secret), 'the store was undone');
    } finally {
      cleanup();
    }
  });

  it('the editor’s fix-all plans it per secret: wrapped calls counted, no unused requireEnv helper, .env.example names per step', () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(join(dir, 'src'));
      const secret = makeSecret('generic');
      const unrelated = "export const other = () => fetch('https://maps.example.com', { headers: { 'X-Api-Key': process.env.MAPS_API_KEY ?? '' } });\n";
      const text = billing(secret, unrelated);
      const abs = join(dir, 'src', 'billing.ts');
      writeFileSync(abs, text);
      const uri = pathToFileURL(abs).toString();
      const planned = planFileFixes(
        { uri },
        {
          root: () => dir,
          salt: () => 'salt',
          path: () => 'src/billing.ts',
          findings: () => [],
          document: () => undefined as TextDocument | undefined,
        },
      );
      assert.equal(planned.wrapped, 1, 'only the call that read the moved secret is wrapped');
      const final = applyEdits(text, planned.edits.map((e) => ({ ...e })));
      assert.equal(final.includes(secret), false);
      assert.ok(final.includes(unrelated), 'a call that read no moved secret is left alone (Make Rotation Ready per secret)');
      assert.deepEqual(planned.steps.flatMap((s) => (s.helperFile ? [s.helperFile.path] : [])), ['src/keyFallback.ts']);
      assert.deepEqual(planned.steps[0]!.exampleNames, ['BILLING_API_KEY_PRIMARY', 'BILLING_API_KEY_FALLBACK']);
      assert.ok(!existsSync(join(dir, 'src', 'keyFallback.ts')), 'planning writes nothing');
    } finally {
      cleanup();
    }
  });
});
