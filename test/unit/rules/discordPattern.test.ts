import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { ruleById } from '../../../src/core/rules/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * The Discord bot token pattern has its five leading groups written out (V8 scans that in under half the time of
 * `(?:…){5}`, bench/NOTES.md). It must match exactly what the grouped form matches: same matches, same offsets, on
 * random texts dense in the token's alphabet and holding real-shaped tokens of every id length.
 */
describe('discord-bot-token pattern', () => {
  const GROUP = '[MNO][DTjz][AEIMQUYcgk][w-z0-5]';
  const grouped = new RegExp(`(?:${GROUP}){5}(?:[MNO][DTjz][AEIMQUYcgk]|${GROUP}(?:[MNO][AQgw]|[MNO][DTjz][AEIMQUYcgk])?)\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}`, 'g');

  it('matches what the grouped form matches', () => {
    const rule = ruleById('discord-bot-token')!;
    const written = new RegExp(rule.pattern.source, 'g');
    const g = sampleGen(17);
    const matches = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
    let found = 0;
    for (let i = 0; i < 300; i++) {
      let text = '';
      for (let j = 0; j < 20; j++) {
        const id = Buffer.from(g.chars('123456789', 1) + g.digits(16 + (j % 4))).toString('base64url');
        // A real-shaped token, one cut short or run on, and noise of the token's own characters.
        text += [id + '.' + g.b64url(6) + '.' + g.b64url(j % 2 ? 27 : 38), id.slice(0, -2) + '.' + g.b64url(6) + '.' + g.b64url(30), g.chars('MNODTjzAEIMQUYcgkwxyz012345.', 40)][j % 3] + g.chars(' ."\'=,', 1);
      }
      const expected = matches(grouped, text);
      found += expected.length;
      assert.deepEqual(matches(written, text), expected, text);
    }
    assert.ok(found > 1000, `the texts held ${found} tokens`);
  });

  it('is found with no word beside it: a bare token in a text file, one of many lines', () => {
    const g = sampleGen(29);
    for (const digits of [17, 18, 19]) {
      const token = Buffer.from(g.chars('123456789', 1) + g.digits(digits - 1)).toString('base64url') + '.' + g.b64url(6) + '.' + g.b64url(digits === 17 ? 27 : 38);
      const text = `notes from the meeting\n${token}\nsee you\n`;
      const { findings } = analyzeText('notes/bot.txt', text, { salt: 'test' });
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.offset, f.length]),
        [['discord-bot-token', text.indexOf(token), token.length]],
      );
    }
  });
});
