import * as assert from 'node:assert/strict';
import { bindingNamePositions } from '../../../src/core/analyze/binding';
import { inlinePairs } from '../../../src/core/analyze/inline';
import { addRules, emptyMask, firstRules, isEmptyMask, maskAnd, maskWithout, type RuleMask, sameRules } from '../../../src/core/analyze/ruleMask';
import { ALL_RULES, keywordSet, nameKeywords, RULE_MASK_WORDS, startKeywords } from '../../../src/core/analyze/ruleSet';

/** The rules of any of these sets. */
function union(masks: readonly RuleMask[]): RuleMask {
  const all = emptyMask(RULE_MASK_WORDS);
  for (const m of masks) addRules(all, m);
  return all;
}

/** Seeded texts of name keywords, name characters and the punctuation around names and values. */
function texts(count: number, seed: number): string[] {
  let s = seed;
  const next = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return (s >>> 8) % n;
  };
  const pieces = ['key', 'Key', 'token', 'secret', 'pass', 'auth', 'api', '_', '.', '-', '@', '$', 'x', 'Q9', 'abcdEFGH1234', ' ', '\n', '=', ': ', '"', "'", '?', '&', '\\n', '# ', '// ', 'é', '😀', 'sk_live_'];
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 1 + next(400);
    for (let i = 0; i < length; i++) text += pieces[next(pieces.length)];
    return text;
  });
}

describe('bindingNamePositions and inlinePairs: a word read once for all its keywords', () => {
  it('keeps the same positions and masks as reading the word again at every keyword', () => {
    for (const text of texts(3000, 7)) {
      const { positions } = keywordSet.scan(text, nameKeywords, startKeywords);
      const first = firstRules(1, RULE_MASK_WORDS);
      for (const bindable of [ALL_RULES, first, maskWithout(ALL_RULES, first)]) {
        const masks: RuleMask[] = [];
        const all = bindingNamePositions(text, positions, bindable, masks);
        // One keyword at a time: nothing remembered from the one before.
        const oneByOne: number[] = [];
        const oneByOneMasks: RuleMask[] = [];
        for (const end of positions) oneByOne.push(...bindingNamePositions(text, [end], bindable, oneByOneMasks));
        assert.deepEqual([all, masks], [oneByOne, oneByOneMasks], JSON.stringify(text));
      }
    }
  });

  it('finds the same pairs with every keyword of a word as with its first one only', () => {
    const isNameChar = (c: string) => /[A-Za-z0-9_.$-]/.test(c);
    for (const text of texts(3000, 11)) {
      const { positions } = keywordSet.scan(text, nameKeywords, startKeywords);
      // The first keyword ending in each word (as the old loop skipped the rest, looking back from each).
      const firsts: number[] = [];
      let lastStart = -1;
      for (const end of positions) {
        let start = end - 1;
        while (start > 0 && isNameChar(text[start - 1]!)) start--;
        if (start !== lastStart) firsts.push(end);
        lastStart = start;
      }
      assert.deepEqual(inlinePairs(text, positions), inlinePairs(text, firsts), JSON.stringify(text));
    }
  });
});

describe('bindingNamePositions: a word binds what its segments bind', () => {
  // A segment's rules are remembered (binding.ts rulesOfSegment) across the words that hold it and the texts they are in.
  const maskOf = (text: string) => {
    const masks: RuleMask[] = [];
    bindingNamePositions(text, keywordSet.scan(text, nameKeywords, startKeywords).positions, ALL_RULES, masks);
    return union(masks);
  };
  it('reads each segment as itself, whichever word held it first (dbPass is not dbpass, apiKey not apikeys)', () => {
    // `token`, `header`, `src_access_token`, `dd_key`: hints anchored at the name's start, which a segment meets and its word does not.
    const names = ['dbPass', 'dbpass', 'db_pass', 'apiKey', 'apikeys', 'client_secret', 'clientSecrets', 'keyof', 'STRIPE_KEY', 'authorization', 'passed', 'token', 'header', 'src_access_token', 'dd_key', 'algoliaKey'];
    const alone = new Map(names.map((name) => [name, maskOf(`${name} = x;`)]));
    // Case and plural change what a name binds here: the segments must not share an answer.
    assert.notEqual(alone.get('dbPass'), alone.get('dbpass'));
    assert.notEqual(alone.get('apiKey'), alone.get('apikeys'));
    // A segment binds a rule its word as a whole does not.
    assert.ok(!isEmptyMask(maskWithout(maskOf('this.token = x;'), maskOf('this_token = x;'))));
    for (const prefix of ['this.', 'options.', 'x-', 'user@', 'searchBox.']) {
      for (const name of [...names].reverse()) {
        const word = maskOf(`${prefix}${name} = x;`);
        assert.deepEqual(maskAnd(word, alone.get(name)!), alone.get(name), `${prefix}${name}`);
        // And the segment read again alone, after the word, still binds what it bound.
        assert.deepEqual(maskOf(`${name} = x;`), alone.get(name), name);
      }
    }
  });
});

describe('bindingNamePositions: words that bind only by what follows them', () => {
  const bound = (text: string) => bindingNamePositions(text, keywordSet.scan(text, nameKeywords, startKeywords).positions, ALL_RULES).length > 0;
  it("binds an object's keys assigned a list (Koa's app.keys), not Object.keys", () => {
    assert.equal(bound("app.keys = ['a', 'b'];"), true);
    assert.equal(bound('const names = Object.keys(obj);'), false);
    assert.equal(bound('if (app.keys == other) {}'), false);
  });
  it('binds every rule for a user map where a map follows (credentials = {, basicAuth({), not credentials: "include"', () => {
    const mask = (text: string) => {
      const masks: RuleMask[] = [];
      bindingNamePositions(text, keywordSet.scan(text, nameKeywords, startKeywords).positions, ALL_RULES, masks);
      return union(masks);
    };
    assert.ok(sameRules(mask('const credentials = { alice: x };'), ALL_RULES));
    assert.ok(sameRules(mask('app.use(basicAuth({ users: {} }));'), ALL_RULES));
    assert.ok(!sameRules(mask("fetch(url, { credentials: 'include' });"), ALL_RULES));
  });
  // A word's own reading is remembered (binding.ts nameReading); what follows it must still be read at each occurrence.
  it('reads what follows each occurrence of a word, whichever came first in the text or in an earlier text', () => {
    const masks = (text: string) => {
      const out: RuleMask[] = [];
      const ends = bindingNamePositions(text, keywordSet.scan(text, nameKeywords, startKeywords).positions, ALL_RULES, out);
      return ends.map((end, i) => `${text.slice(end - 11, end)}:${sameRules(out[i]!, ALL_RULES) ? 'all' : 'some'}`);
    };
    const occurrences = [
      ["app.keys = ['a', 'b'];\n", 'Object.keys(obj);\n'],
      ['const credentials = { alice: x };\n', "fetch(url, { credentials: 'include' });\n"],
      ["new HttpClient('https://api.vendor.io', t);\n", 'new HttpClient(options);\n'],
    ];
    for (const [binds, doesNot] of occurrences) {
      const alone = masks(binds!).length;
      assert.ok(alone > 0 && masks(binds!).every((m) => m.endsWith(':all')), binds);
      // In either order, in one text or in two, the occurrence that binds every rule does and the other does not.
      for (const text of [binds! + doesNot!, doesNot! + binds!]) {
        const read = masks(text);
        assert.equal(read.filter((m) => m.endsWith(':all')).length, alone, text);
      }
      assert.equal(masks(doesNot!).filter((m) => m.endsWith(':all')).length, 0, doesNot);
      assert.equal(masks(binds!).filter((m) => m.endsWith(':all')).length, alone, binds);
    }
  });
});
