import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
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

  /** The same checks as above, on one text: found keywords, tracked and located end offsets. */
  function assertAgrees(text: string, utf8?: Uint8Array): void {
    const located = ['sk_live_', 'key', 'xoxb-'];
    const got = set.scan(text, tracked, located, utf8);
    const want = reference(text, keywords, tracked);
    assert.deepEqual([...got.found].sort(), want.found);
    assert.deepEqual(got.positions, want.positions);
    for (const k of located) assert.deepEqual(got.ends.get(k) ?? [], reference(text, keywords, new Set([k])).positions, k);
  }

  it('agrees on long texts: several chunks, four streams over ASCII, one over other text, surrogate pairs', () => {
    // Chunks are 64 KiB; ASCII chunks are read as four parts, each warmed up from the bytes before it.
    for (const [seed, alphabet] of [
      [3, 'abcdefghijklmnopqrstuvwxyzKEYSK_LIVE-xob "=:'],
      [5, 'abcdefghijkl KEYTOKENé€'],
      [9, 'abcxyz-_ \u{1F511}\u{1F510}ü'],
    ] as const) {
      for (const text of randomTexts(seed, 3, 300_000, alphabet)) {
        assertAgrees(text);
        assertAgrees(text, Buffer.from(text, 'utf8'));
      }
    }
  });

  it('finds a keyword wherever it falls: across the parts of a chunk, across chunks, at the very ends', () => {
    // Every length around the thresholds (one stream below 1 KiB, four above; 64 KiB chunks), and a keyword ending at
    // every offset near each part and chunk boundary.
    for (const length of [1, 2, 1023, 1024, 1025, 1027, 4096, 65_535, 65_536, 65_537, 65_536 + 1024 + 3, 3 * 65_536 + 5]) {
      const base = 'x'.repeat(length);
      const chunk = Math.min(length, 65_536);
      const boundaries = [0, chunk >> 2, 2 * (chunk >> 2), 3 * (chunk >> 2), 4 * (chunk >> 2), chunk, length];
      for (const boundary of boundaries) {
        for (let end = boundary - 9; end <= boundary + 9; end++) {
          const word = 'sk_live_';
          if (end < word.length || end > length) continue;
          assertAgrees(base.slice(0, end - word.length) + word + base.slice(end));
        }
      }
    }
  });

  it('gives offsets in UTF-16 units after characters of every UTF-8 length, a byte-order mark and lone surrogates', () => {
    for (const text of ['é key', '€€ key', '\u{1F511} key \u{1F511}token', '\uFEFFkey', 'a\uD800key\uDC00token', `${'ü'.repeat(70_000)}key${'\u{1F511}'.repeat(20_000)}secret`]) {
      assertAgrees(text);
      assertAgrees(text, Buffer.from(text, 'utf8'));
    }
  });

  it('runs the module that keywords.wat assembles to (keywordsWasm.ts is not stale)', () => {
    const check = spawnSync(process.execPath, [join(__dirname, '../../../scripts/wasm.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr.slice(-500));
  });
});

