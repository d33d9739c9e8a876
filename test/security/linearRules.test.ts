import * as assert from 'node:assert/strict';
import { compileRule } from '../../src/core/analyze/compile';
import { analyzeText, type Hit, scanPattern } from '../../src/core/analyze/index';
import { KeywordSet } from '../../src/core/analyze/keywords';
import { rules } from '../../src/core/rules/index';
import { samplesFor } from '../../src/core/rules/samples';
import { inlinePairs } from '../../src/core/analyze/inline';
import { sampleGen } from '../../src/core/rules/sampleGen';
import { fill, growthFailure, linearFailure, MIB, plainText, timeOf } from './ruleTiming';

/**
 * Issue 13.3: no rule's pattern may backtrack catastrophically. For every rule, inputs are built from the rule's own
 * keywords, literal fragments, sample prefixes and the characters its classes accept (long runs of each, the keyword
 * followed by a run, the keyword and one class character repeated, the start of a real sample repeated), and each is
 * matched the way the analyzer matches it (keyword positions, sticky or anchored tries, else the whole-text regex), and
 * for name-bound rules the value and name tests. Each must stay within a generous multiple of the time one regex pass
 * over plain text takes, measured here.
 */

/** Characters probed for membership in the pattern's classes: letters, digits, every punctuation a key format uses, whitespace. */
const PROBES = [...'Aa0fQz9_-./+=:,@&?%~$\\ \n\t\r"\'`|#!*(){}[]<>;'];

/** The bracket classes and escapes of a pattern (`[A-Za-z0-9_-]`, `[^\s]`, `\d`, `\s`, `.`). */
function classesOf(src: string): RegExp[] {
  const out: RegExp[] = [];
  for (const m of src.matchAll(/\[(?:\\.|[^\]\\])+\]|\\[dswDSW]|(?<!\\)\./g)) out.push(new RegExp(`^${m[0]}$`));
  return out;
}

/** Literal runs of two or more characters in the pattern's source (`sk-ant-api03-`, `-----BEGIN `, `T3BlbkFJ`). */
function literalsOf(src: string): string[] {
  const cleaned = src.replace(/\[(?:\\.|[^\]\\])+\]/g, '\u0000').replace(/\{\d+(?:,\d*)?\}|\(\?(?:<?[=!]|<\w+>|:)/g, '\u0000');
  const out = new Set<string>();
  for (const m of cleaned.matchAll(/(?:\\[^dswDSWbB]|[^\\()[\]{}|?*+^$.\u0000])+/g)) {
    const literal = m[0].replace(/\\(.)/g, '$1');
    if (literal.length >= 2) out.add(literal);
  }
  return [...out];
}

interface Adversary {
  name: string;
  build: (size: number) => string;
}

function adversariesOf(rule: (typeof rules)[number]): Adversary[] {
  const src = rule.pattern.source;
  const classes = classesOf(src);
  // One probe per set of classes that accept it ('A' and 'Q' are the same input to `[A-Z0-9]`), told apart also by
  // whether it ends a word ('-' lets every `eyJ` after it start a match, 'A' does not).
  const bySignature = new Map<string, string>();
  for (const c of PROBES) {
    const signature = classes.map((re) => (re.test(c) ? 1 : 0)).join('') + (/[A-Za-z0-9]/.test(c) ? 'w' : '');
    if (signature.includes('1') && !bySignature.has(signature)) bySignature.set(signature, c);
  }
  const chars = [...new Set([...bySignature.values(), '\n', ' ', '\\n'])];
  const fragments = [...new Set([...rule.keywords, ...literalsOf(src)])];
  const samples = samplesFor(rule.id)?.positives.map((p) => {
    const s = p(sampleGen(7));
    return typeof s === 'string' ? s : s.value;
  }) ?? [];
  const out: Adversary[] = [];
  for (const c of chars) out.push({ name: `run of ${JSON.stringify(c)}`, build: (n) => fill('', c, n) });
  for (const f of fragments) {
    out.push({ name: `${JSON.stringify(f)} repeated`, build: (n) => fill('', f, n) });
    for (const c of chars) {
      out.push({ name: `${JSON.stringify(f)} then a run of ${JSON.stringify(c)}`, build: (n) => fill(f, c, n) });
      out.push({ name: `(${JSON.stringify(f)} + ${JSON.stringify(c)}) repeated`, build: (n) => fill('', f + c, n) });
    }
  }
  for (const s of samples) {
    // The start of a real match (a whole PEM header, a prefix and part of the key), then a run of each character.
    // Cut also before each of the first separators (the end of a PEM header, of `Bearer`), where a run may compete.
    const separators = [...s.matchAll(/[\s\\]/g)].slice(0, 6).map((m) => m.index);
    for (const cut of new Set([s.length >> 2, s.length >> 1, ...separators.filter((i) => i > 0)])) {
      const head = s.slice(0, cut);
      for (const c of chars) out.push({ name: `sample's first ${cut} characters then a run of ${JSON.stringify(c)}`, build: (n) => fill(head, c, n) });
    }
    for (const cut of [s.length >> 1, s.length - 1]) {
      const head = s.slice(0, cut);
      out.push({ name: `sample's first ${cut} characters repeated`, build: (n) => fill('', head, n) });
      out.push({ name: `sample's first ${cut} characters + space repeated`, build: (n) => fill('', head + ' ', n) });
    }
    // A whole sample followed by the part of it a class accepts, again and again (matches that almost extend).
    out.push({ name: 'sample + sample tail repeated', build: (n) => fill('', s + s.slice(-8), n) });
  }
  return out;
}

/** The rule matched as analyzeText matches it: the keyword automaton's positions, then the compiled rule's strategy. */
function matcherOf(rule: (typeof rules)[number]): (text: string) => void {
  const c = compileRule(rule);
  if (c.whole) {
    const hint = rule.nameHint!;
    return (text) => {
      c.whole!.test(text);
      hint.test(text);
    };
  }
  const set = new KeywordSet(rule.keywords);
  const tracked = new Set<string>();
  const located = c.starts ?? [];
  return (text) => {
    const { ends } = set.scan(text, tracked, located);
    const out: Hit[] = [];
    scanPattern(c, text, out, ends);
  };
}

describe('security: every rule matches in linear time (issue 13.3)', function () {
  this.timeout(600_000);
  const plain = plainText(MIB);
  /** The whole analyzer on plain text: what 1 MiB costs when nothing is adversarial. */
  let plainMs = 0;

  before(() => {
    plainMs = timeOf(() => analyzeText('notes.txt', plain, { salt: 'linear' }), 3);
  });

  for (const rule of rules) {
    it(`${rule.id}: adversarial inputs from its own keywords and classes`, () => {
      const match = matcherOf(rule);
      const failures: string[] = [];
      for (const a of adversariesOf(rule)) {
        const failure = linearFailure(a.name, a.build, match, plainMs, 10, 50);
        if (failure) failures.push(failure);
        if (failures.length >= 3) break;
      }
      assert.deepEqual(failures, [], `plain text through the analyzer: ${plainMs.toFixed(1)} ms/MiB`);
    });
  }
});

describe('security: inline pairs in linear time', function () {
  this.timeout(300_000);
  const line = (i: number) => `const token${i} = compute(${i}); // secret key ${i}\n`;
  const lines = (n: number) => {
    let out = '';
    for (let i = 0; out.length < n; i++) out += line(i);
    return out.slice(0, n);
  };
  const inputs: Array<[string, (n: number) => string]> = [
    ['a name keyword on every line of a file without a carriage return', lines],
    ['the same words on one line', (n) => lines(n).replace(/\n/g, ' ')],
  ];
  for (const [name, build] of inputs) {
    it(name, () => {
      // 4× the input in about 4× the time; a search back from each keyword to its line's start (lastIndexOf) was
      // quadratic: 1.2 s for 256 KiB, 19 s for 1 MiB. Times under 100 ms are noise, not growth.
      assert.equal(growthFailure(build, (text) => inlinePairs(text, keywordEnds(text)), 100), undefined);
    });
  }
});

describe('security: credential query parameters in linear time', function () {
  this.timeout(300_000);
  // `&key=` over and over with no `?` before it, values that run to the next one, and literals that end at `=` and
  // open again: each parameter reads back a name's length and forward one value, never to the start or the end.
  const inputs: Array<[string, string]> = [
    ['`&key=` repeated without a `?`', '&key='],
    ['parameters whose values run into the next', '&token=a1b2c3d4e5'],
    ["a literal ending at `=` and the next one opening, repeated", "?appid=' + '"],
  ];
  for (const [name, unit] of inputs) {
    it(name, () => {
      const ends = (text: string) => [...text.matchAll(/[?&](?:key|token|appid)=/gi)].map((m) => m.index + m[0].length);
      assertGrowsLinearly((size) => fill('', unit, size), (text) => inlinePairs(text, [], ends(text)));
    });
  }
});

describe('security: keys split over adjacent literals, read in linear time', function () {
  this.timeout(300_000);
  // Start keywords whose literal closes and is joined to the next one, again and again: each literal's joins are read
  // once however many keywords share it, and each keyword looks only a key's length ahead.
  const inputs: Array<[string, string]> = [
    ['a provider prefix in every literal of one long concatenation', "'rk_live_ab' + "],
    ['many prefixes in one literal, then a join', 'sk_live_ sk-ant- ghp_ '],
    ['implicit concatenation of literals holding prefixes', '"AAAA_x:APA91b" '],
    ['assignments of split values', "const apiSecret = 'a1B2c3D4e5F6g7H8' + 'i9J0k1L2m3N4o5P6';\n"],
  ];
  for (const [name, unit] of inputs) {
    it(name, () => {
      assertGrowsLinearly((size) => fill("const x = '", unit, size) + "';\n", (text) => analyzeText('src/split.ts', text, { salt: 'split' }));
    });
  }
});

describe('security: base64-encoded values, decoded in linear time', function () {
  this.timeout(300_000);
  // Encoded-JSON keywords everywhere, long runs that decode to text, values under key names that decode to JSON: each
  // run is read once up to its bound, never again from a later keyword inside it.
  const json = Buffer.from(JSON.stringify({ apiToken: 'Zx8Qp2LmN4vR7tY1wE5uI9oA3sD6fG0h', region: 'eu-west-1' })).toString('base64');
  const inputs: Array<[string, string, string]> = [
    ['`eyJ` over and over in one run', 'src/blob.ts', 'eyJ'],
    ['encoded JSON literals, one per line', 'src/blob.ts', `const c = JSON.parse(atob('${json}'));\n`],
    ['a YAML Secret of encoded values', 'deploy/secret.yaml', `  api-key: ${json}\n`],
    ['one run of encoded text', 'src/blob.ts', Buffer.from('{"k":"' + 'ab12'.repeat(64)).toString('base64').slice(0, 256)],
  ];
  for (const [name, path, unit] of inputs) {
    it(name, () => {
      assertGrowsLinearly((size) => fill("const x = '", unit, size) + "';\n", (text) => analyzeText(path, text, { salt: 'encoded' }));
    });
  }
});

describe('security: settings files held in strings, read in linear time', function () {
  this.timeout(300_000);
  // Many small settings strings, and one string of setting lines as long as the file: each string's lines read once.
  const q3 = '"'.repeat(3);
  const inputs: Array<[string, string, string, string]> = [
    ['triple-quoted INI strings, one after another', 'app/conf.py', '', `C = ${q3}\n[s]\napi_token = Zx8Qp2LmN4vR7tY1wE5uI9oA\n${q3}\n`],
    ['one triple-quoted string of setting lines', 'app/conf.py', `C = ${q3}\n`, 'api_token = Zx8Qp2LmN4vR7tY1wE5uI9oA\n'],
    ['templates of .env lines', 'src/conf.js', '', 'const c = `\nAPI_TOKEN=Zx8Qp2LmN4vR7tY1wE5uI9oA\n`;\n'],
  ];
  for (const [name, path, prefix, unit] of inputs) {
    it(name, () => {
      assertGrowsLinearly((size) => fill(prefix, unit, size) + (prefix ? `${q3}\n` : ''), (text) => analyzeText(path, text, { salt: 'embedded' }));
    });
  }
});

/** Fails unless 4× the input takes about 4× the time: see growthFailure. */
function assertGrowsLinearly(build: (size: number) => string, run: (text: string) => unknown): void {
  assert.equal(growthFailure(build, run), undefined);
}

/** Where `token`, `secret` and `key` end, ascending: what the keyword pass hands inlinePairs. */
function keywordEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(/token|secret|key/g)) ends.push(m.index + m[0].length);
  return ends;
}

describe('security: a long word full of name keywords, read once', function () {
  this.timeout(300_000);
  // Code lines first, so that the file is not judged minified (which skips the name pass), then one word: name
  // characters only, a keyword every few of them. Looking back from each keyword to the word's start (the name pass
  // and the inline pairs each did) was quadratic: 1.7 s for 64 KiB, 43 s for 256 KiB.
  const word = (unit: string) => (size: number) => fill('const apiKey = process.env.API_KEY;\n'.repeat(Math.ceil(size / 2 / 36)), unit, size);
  const inputs: Array<[string, string]> = [
    ['camelCase keywords', 'tokenKey'],
    ['a dotted and dashed path of keywords', 'secret.key-'],
    ['one keyword over and over', 'key'],
  ];
  let plainMs = 0;
  before(() => {
    plainMs = timeOf(() => analyzeText('notes.ts', plainText(MIB), { salt: 'linear' }), 3);
  });
  for (const [name, unit] of inputs) {
    for (const path of ['notes.ts', 'notes.txt']) {
      it(`${name} (${path})`, () => {
        // Within 20× plain text's time (best of three, CPU time) at 64 and 256 KiB: the quadratic loop took 10× that
        // budget at 64 KiB already, and 1 MiB in the middle of the whole suite was noisy (a 512 KiB word is one name).
        // Over budget, judged by growth (linearFailure): a loaded machine is not a quadratic loop.
        const run = (text: string) => void analyzeText(path, text, { salt: 'linear' });
        assert.equal(linearFailure(name, word(unit), run, plainMs, 20, 50, [64 * 1024, 256 * 1024]), undefined);
      });
    }
  }
});
