import * as assert from 'node:assert/strict';
import { planEnvFix } from '../../../src/core/fix/envFix';
import { checkEnvName, suggestEnvNames, toEnvName } from '../../../src/core/vocabulary/envName';
import { minimalEdits } from '../../../src/core/fix/minimalEdits';
import { UnsupportedFixError } from '../../../src/core/fix/types';
import { makeSecret } from '../fix/support';

describe('fix: env names', () => {
  it('derives names from identifiers', () => {
    assert.equal(toEnvName('billingApiKey'), 'BILLING_API_KEY');
    assert.equal(toEnvName('x-api-key'), 'X_API_KEY');
    assert.equal(toEnvName('OpenAIKey'), 'OPEN_AI_KEY');
    assert.equal(toEnvName('STRIPE_KEY'), 'STRIPE_KEY');
  });

  it('prefers a specific context name, then the rule name, and never suggests a taken one', () => {
    const stripe = { provider: 'Stripe', suggestedEnvName: 'STRIPE_SECRET_KEY' };
    assert.deepEqual(suggestEnvNames(stripe, ['billingApiKey']).slice(0, 2), ['BILLING_API_KEY', 'STRIPE_SECRET_KEY']);
    assert.equal(suggestEnvNames(stripe, ['apiKey'])[0], 'STRIPE_SECRET_KEY');
    assert.equal(suggestEnvNames(stripe, [], ['STRIPE_SECRET_KEY'])[0], 'STRIPE_SECRET_KEY_2');
    assert.equal(suggestEnvNames({ provider: 'Generic' }, ['authorization'])[0], 'API_KEY');
  });

  it('validates a chosen name', () => {
    assert.equal(checkEnvName('STRIPE_KEY'), undefined);
    assert.match(checkEnvName('stripe-key')!, /not a portable environment variable name/);
    assert.match(checkEnvName('STRIPE_KEY', ['STRIPE_KEY'])!, /already used/);
  });

  it('rejects a chosen name that collides, and places it cannot rewrite', () => {
    const secret = makeSecret('stripe');
    const text = `const k = '${secret}';\n`;
    const finding = { offset: text.indexOf(secret), length: secret.length, provider: 'Stripe', ruleId: 'stripe-secret-key' };
    assert.throws(() => planEnvFix({ path: 'a.ts', text, finding, envName: 'TAKEN', existingEnvNames: ['TAKEN'] }), UnsupportedFixError);
    assert.throws(() => planEnvFix({ path: '.env', text: `K=${secret}\n`, finding: { ...finding, offset: 2 } }), /where the secret belongs/);
    assert.throws(() => planEnvFix({ path: 'config.yml', text: `k: ${secret}\n`, finding: { ...finding, offset: 3 } }), /No tool known to read config\.yml/);
    const comment = `// ${secret}\n`;
    assert.throws(() => planEnvFix({ path: 'a.ts', text: comment, finding: { ...finding, offset: 3 } }), /not inside a string literal/);
    const typeText = `type K = '${secret}';\n`;
    assert.throws(() => planEnvFix({ path: 'a.ts', text: typeText, finding: { ...finding, offset: typeText.indexOf(secret) } }), /only a constant is allowed/);
  });
});

describe('fix: minimal edits', () => {
  it('inserts whole lines and replaces within a line', () => {
    const edits = minimalEdits('import a from "a";\nconst k = "x";\n', 'import a from "a";\nimport b from "b";\nconst k = b("K");\n');
    assert.deepEqual(edits.map((e) => [e.offset, e.length, e.newText]), [[19, 0, 'import b from "b";\n'], [29, 3, 'b("K")']]);
    assert.deepEqual(edits[1]!.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 13 } });
  });

  it('keeps CRLF line ends and returns nothing for equal texts', () => {
    assert.deepEqual(minimalEdits('a\r\nb\r\n', 'a\r\nb\r\n'), []);
    const edits = minimalEdits('a\r\nkey = 1\r\n', 'a\r\nkey = 2\r\n');
    assert.deepEqual(edits.map((e) => [e.offset, e.length, e.newText]), [[9, 1, '2']]);
  });
});
