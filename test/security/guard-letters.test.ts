import * as assert from 'node:assert/strict';
import { redactSecrets, redactSecretsAll } from '../../src/core/guard';
import { sampleGen } from '../../src/core/rules/sampleGen';

/**
 * Issue 13.7: a random key of letters only (no digit, as one in a thousand random 40-character keys is) printed in an
 * error is redacted like any other; identifiers and words are left as they are.
 */
describe('security: the redaction guard on keys without digits (issue 13.7)', () => {
  it('redacts random mixed-case letter keys, keeps identifiers readable', () => {
    const g = sampleGen(7);
    for (let i = 0; i < 200; i++) {
      const key = g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 40);
      const out = redactSecrets(`services[2].probe.method: must be one of 'GET', 'POST', found '${key}'`);
      assert.ok(!out.includes(key), `printed: ${out}`);
    }
    for (const identifier of ['AnonXMLHttpRequest', 'IDPCommunicationErrorException', 'getElementsByClassName', 'ROTATION_READY_CONFIG_DIR']) {
      assert.ok(redactSecrets(`unknown property '${identifier}'`).includes(identifier), identifier);
    }
  });
});

describe('security: the redaction guard over many texts at once', () => {
  const g = sampleGen(11);
  const key = () => `sk-proj-${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 48)}`;

  it('gives each text what redacting it alone gives', () => {
    const texts = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? `services[${i}].probe.url: found '${key()}'` : `services[${i}].name: duplicate service name 'svc'`));
    assert.deepEqual(redactSecretsAll(texts), texts.map((t) => redactSecrets(t)));
    for (const out of redactSecretsAll(texts)) assert.ok(!/sk-proj-[A-Za-z0-9]{40}/.test(out), out);
  });

  it('still redacts a text that holds the separator, or a key block split across two texts', () => {
    const k = key();
    const texts = [`a\n\u241E\nfound '${k}'`, '-----BEGIN RSA PRIVATE KEY-----', `MIIEpAIBAAKCAQEA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 64)}`, '-----END RSA PRIVATE KEY-----'];
    const out = redactSecretsAll(texts);
    assert.equal(out.length, texts.length);
    assert.ok(!out.join('\n').includes(k));
    assert.ok(!out.join('\n').includes(texts[2]!.slice(16, 56)), out.join('\n'));
  });
});
