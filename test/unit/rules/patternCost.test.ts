import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { ruleById } from '../../../src/core/rules/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Rule patterns written so that other regex engines (ripgrep, in the bench's yardstick) do not pay for them more than
 * the rule needs, without changing what the rule finds (bench/NOTES.md, speed21).
 */
describe('rule patterns cheap for other engines', () => {
  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  describe('atlassian-data-center-pat', () => {
    const rule = ruleById('atlassian-data-center-pat')!;
    const whole = new RegExp(`^(?:${rule.pattern.source})$`);

    it('matches every token its decoded structure accepts, for every id length', () => {
      const g = sampleGen(21);
      let tokens = 0;
      // 33 bytes: an id of 1-16 digits, `:`, at least 16 random bytes.
      for (let idLength = 1; idLength <= 16; idLength++) {
        for (let i = 0; i < 200; i++) {
          const random = Buffer.from(g.hex(2 * (32 - idLength)), 'hex');
          const token = Buffer.concat([Buffer.from(g.digits(idLength) + ':', 'latin1'), random]).toString('base64');
          if (!rule.validWhen!(token)) continue;
          tokens++;
          assert.match(token, whole);
        }
      }
      assert.ok(tokens > 3000, `${tokens} tokens`);
    });

    it('leaves out, by its second character, only runs the decoded structure rejects', () => {
      const g = sampleGen(22);
      for (let i = 0; i < 5000; i++) {
        const second = g.chars(BASE64.replace(/[DTjz]/g, ''), 1);
        const run = g.chars('MNO', 1) + second + g.base64(42);
        assert.equal(rule.validWhen!(run), false, run);
        assert.doesNotMatch(run, whole);
      }
    });

    it('still finds a token in a file that names Jira', () => {
      const g = sampleGen(23);
      const token = Buffer.concat([Buffer.from('912345678901:'), Buffer.from(g.hex(40), 'hex')]).toString('base64');
      const text = `# jira\nJIRA_HOST=https://jira.example.internal\nauthorization: Bearer ${token}\n`;
      const { findings } = analyzeText('deploy/jira.env', text, { salt: 'test' });
      assert.deepEqual(findings.map((f) => [f.ruleId, f.offset, f.length]), [['atlassian-data-center-pat', text.indexOf(token), 44]]);
    });
  });

  it('azure-entra-refresh-token spells its classes in ASCII (`\\w`, `\\d` are Unicode in ripgrep)', () => {
    const source = ruleById('azure-entra-refresh-token')!.pattern.source;
    assert.doesNotMatch(source, /\\[wd]/i);
  });
});
