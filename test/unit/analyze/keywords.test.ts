import * as assert from 'node:assert/strict';
import { KeywordSet } from '../../../src/core/analyze/keywords';

/** What the automaton must agree with: plain case-insensitive substring search. */
function reference(text: string, keywords: string[], tracked: Set<string>): { found: string[]; positions: number[] } {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const found = keywords.filter((k) => lower.includes(k));
  const positions = new Set<number>();
  for (const k of tracked) for (let i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) positions.add(i + k.length);
  return { found: found.sort(), positions: [...positions].sort((a, b) => a - b) };
}

describe('KeywordSet.scan', () => {
  const keywords = ['key', 'apikey', 'token', 'sk_live_', 'secret', 'pass', 'password', 'xoxb-', 'auth'];
  const tracked = new Set(['key', 'token', 'secret', 'pass', 'auth']);
  const set = new KeywordSet(keywords);

  /** `count` random texts of up to `maxLength` characters from `alphabet`, with keywords dropped in (seeded). */
  function* randomTexts(seed: number, count: number, maxLength: number, alphabet: string): Generator<string> {
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < count; n++) {
      let text = '';
      const length = Math.floor(random() * maxLength);
      for (let i = 0; i < length; i++) text += random() < 0.08 ? keywords[Math.floor(random() * keywords.length)]! : alphabet[Math.floor(random() * alphabet.length)]!;
      yield text;
    }
  }

  it('finds the same keywords and tracked end offsets as a substring search, in one pass', () => {
    for (const text of randomTexts(7, 300, 400, 'abcdefghijklmnopqrstuvwxyzKEYTOKENSECRETPASS_- "\'=:é€')) {
      const got = set.scan(text, tracked);
      const want = reference(text, keywords, tracked);
      assert.deepEqual([...got.found].sort(), want.found, text);
      assert.deepEqual(got.positions, want.positions, text);
    }
  });

  it('gives the end offsets of each located keyword, overlapping hits included', () => {
    const located = ['sk_live_', 'key', 'xoxb-'];
    for (const text of randomTexts(11, 300, 300, 'abcdefghijklmnopqrstuvwxyzKEYSK_LIVE-xob ')) {
      const { ends } = set.scan(text, tracked, located);
      for (const k of located) {
        const want = reference(text, keywords, new Set([k])).positions;
        assert.deepEqual(ends.get(k) ?? [], want, `${k} in ${text}`);
      }
      assert.deepEqual([...ends.keys()].filter((k) => !located.includes(k)), []);
    }
  });
});
