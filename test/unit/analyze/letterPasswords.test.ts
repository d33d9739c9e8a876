import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { shannonEntropy } from '../../../src/core/analyze/entropy';
import { looksLikeWords } from '../../../src/core/analyze/quiet';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Random passwords of letters only (no digit, no symbol) under a password name: the word test that keeps identifiers
 * quiet (`AnonXMLHttpRequest`) must not take them for camelCase words. Values are drawn here, seeded.
 */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe('letters-only random passwords are not words', () => {
  it('reads at most 1 in 200 random 16–24 letter strings as words (it was about 1 in 15)', () => {
    const g = sampleGen(0x1e77e2);
    let words = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) if (looksLikeWords(g.chars(LETTERS, 16 + (i % 9)))) words++;
    assert.ok(words * 200 <= n, `${words} of ${n} read as words`);
  });

  it('finds such passwords under DB_PASSWORD in a .env file (those random enough for the heuristic: 3.5 bits a character)', () => {
    const g = sampleGen(0x9a55);
    const values = Array.from({ length: 300 }, (_, i) => g.chars(LETTERS, 16 + (i % 9)));
    const text = values.map((v, i) => `DB_PASSWORD_${i}=${v}\n`).join('');
    const found = new Set(analyzeText('.env', text, { salt: 't' }).findings.map((f) => text.slice(f.offset, f.offset + f.length)));
    const missed = values.filter((v) => shannonEntropy(v) >= 3.5 && !found.has(v));
    assert.ok(missed.length <= 1, `${missed.length} missed`);
  });

  it('still reads identifiers as words', () => {
    for (const id of ['IDPCommunicationErrorException', 'AnonXMLHttpRequest', 'OffscreenCanvasRenderingContext2D', '?InterpolationInJSX', 'DEPTH32F_STENCIL8', 'CREDENTIALS_STS_ASSUME_ROLE', 'x-aws-ec2-metadata-token', 'getUserIdFromSessionToken', 'PaymentMethodConfigurationUpdateParams', 'refresh_token_expires_in', 'SecretsManagerClientResolvedConfig']) {
      assert.ok(looksLikeWords(id), id);
    }
  });
});
