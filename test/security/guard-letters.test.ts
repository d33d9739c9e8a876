import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../src/core/guard';
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
