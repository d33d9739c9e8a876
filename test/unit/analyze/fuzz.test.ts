import * as assert from 'node:assert/strict';
import { analyzeText, type AnalysisResult } from '../../../src/core/analyze/index';
import { analyzeBytes } from '../../../src/core/analyze/scan';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { frag } from './tester';
import { statementSlices } from '../../../src/core/analyze/extract/slices';

/**
 * Random and mutated inputs never throw and report ranges that lie inside the text (their speed is measured in
 * bench/, and test/security guards linear time against a baseline). Bad input (binary, huge, minified, non-UTF-8,
 * deep nesting) gives partial results with a note.
 */
const PATHS = ['a.ts', 'b.tsx', 'c.js', 'd.json', 'e.jsonc', 'f.yaml', '.env', 'Dockerfile', 'g.properties', 'h.ini', 'i.py', 'j.sh', 'k.go', 'l.txt', 'm.ipynb', 'n.md', 'Makefile'];

function checked(path: string, text: string): AnalysisResult {
  const result = analyzeText(path, text, { salt: 'fuzz' });
  for (const f of result.findings) {
    assert.ok(f.offset >= 0 && f.length > 0 && f.offset + f.length <= text.length, `${path}: range out of bounds`);
    assert.ok(f.range.start.line <= f.range.end.line);
  }
  assert.notEqual(result.skipped?.reason, 'internal error', `${path}: ${result.notes.join(' ')}`);
  return result;
}

const seeds = [
  `const apiKey = "${frag.random32}";\nconst s = new Stripe('${frag.stripe}');\nfunction f(token = \`Bearer ${frag.random32}\`) { return { headers: { Authorization: token } }; }\n`,
  `{"auth": {"token": "${frag.random32}", "list": ["${frag.ghp}", 1, null]}}`,
  `db:\n  password: ${frag.random32}\n  items:\n    - "${frag.stripe}"\nblock: |\n  ${frag.ghp}\n`,
  `export API_TOKEN="${frag.random32}"\ncurl -H 'Authorization: Bearer ${frag.ghp}' x\n`,
  `API_KEY: str = """${frag.random32}"""\nclient(api_key=f'${frag.stripe}')\n`,
];
const ALPHABET = `abcXYZ019_-.:=/\\'"\`{}[]()<>;,#$@!?*&|\n\t \u00e9\u4e2d\ud83d\ude00\r`;

describe('analyzer fuzzing', function () {
  // Slow work, not a bound: hundreds of analyses (a type-aware parse for scripts) on a machine that may be loaded.
  this.timeout(120_000);

  it('random text in every language never throws', () => {
    const g = sampleGen(42);
    for (let i = 0; i < 300; i++) {
      const text = g.chars(ALPHABET, 1 + Math.floor(Number('0x' + g.hex(4)) % 4000));
      checked(PATHS[i % PATHS.length]!, text);
    }
  });

  it('large mutated scripts, as a workspace scan reads them (parsed in slices), never throw', () => {
    const g = sampleGen(11);
    const rnd = (n: number) => Number('0x' + g.hex(6)) % Math.max(1, n);
    for (let i = 0; i < 40; i++) {
      let text = Array.from({ length: 120 }, (_, k) => `function f${k}() {\n  var a${k} = 1, b${k} = \`x\${a${k}}\`;\n  if (a${k} / 2 > /re}/.source.length) return;\n}\n${seeds[0]}`).join('');
      for (let m = 0; m < rnd(6); m++) {
        const at = rnd(text.length);
        text = text.slice(0, at) + g.chars(ALPHABET, rnd(6) + 1) + text.slice(at + rnd(6));
      }
      const path = i % 2 === 0 ? 'src/big.ts' : 'src/big.js';
      const result = analyzeBytes(path, Buffer.from(text), { salt: 'fuzz' });
      assert.notEqual(result.skipped, 'internal error', `${path}: ${result.notes.join(' ')}`);
      for (const f of result.findings) assert.ok(f.offset >= 0 && f.offset + f.length <= text.length);
    }
  });

  it('the statement slicer never throws on random text and random offsets', () => {
    const g = sampleGen(13);
    for (let i = 0; i < 300; i++) {
      const text = g.chars(ALPHABET, 1 + (Number('0x' + g.hex(4)) % 3000));
      const offsets = [...new Set(Array.from({ length: 1 + (i % 4) }, () => Number('0x' + g.hex(4)) % text.length))].sort((a, b) => a - b);
      const slices = statementSlices(text, offsets, { jsx: i % 2 === 0, declarators: i % 3 === 0 });
      if (slices) for (const [s, e] of slices.ranges) assert.ok(0 <= s && s <= e && e <= text.length);
    }
  });

  it('mutated sources (cut, duplicated, truncated, unbalanced) never throw', () => {
    const g = sampleGen(7);
    const rnd = (n: number) => Number('0x' + g.hex(6)) % Math.max(1, n);
    for (let i = 0; i < 400; i++) {
      let text = seeds[i % seeds.length]!;
      for (let m = 0; m < 1 + rnd(5); m++) {
        const at = rnd(text.length);
        const op = rnd(4);
        if (op === 0) text = text.slice(0, at) + text.slice(at + rnd(20));
        else if (op === 1) text = text.slice(0, at) + g.chars(ALPHABET, rnd(8) + 1) + text.slice(at);
        else if (op === 2) text = text.slice(0, at) + text.slice(rnd(text.length)) + text.slice(at);
        else text = text.slice(0, at);
      }
      checked(PATHS[i % PATHS.length]!, text);
    }
  });

  it('binary content is skipped with a note', () => {
    const r = checked('logo.png', `\u0089PNG\u0000\u0000${frag.stripe}`);
    assert.equal(r.skipped?.reason, 'binary');
    assert.match(r.notes[0]!, /binary/);
  });

  it('a file over the size limit is skipped with a note naming the limit', () => {
    const r = checked('huge.ts', 'x'.repeat(3 * 1024 * 1024));
    assert.equal(r.skipped?.reason, 'larger than 2 MiB');
    assert.match(r.notes[0]!, /larger than 2 MiB/);
  });

  it('a 10 MB minified bundle is skipped; a 1.5 MB one keeps provider findings and says it is partial', () => {
    const line = 'var a=function(b){return b&&b.c?d(b):e}; '.repeat(1000);
    assert.equal(checked('dist/app.min.js', line.repeat(250)).skipped?.reason, 'larger than 2 MiB');
    const bundle = line.repeat(35) + `var k="${frag.stripe}";var apiKey="${frag.random32}";` + line;
    const r = checked('dist/app.min.js', bundle);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['stripe-secret-key']);
    assert.match(r.notes.join(' '), /minified/);
  });

  it('non-UTF-8 bytes are decoded lossily with a note, and the key is still found', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from(`KEY=${frag.stripe}\n`), Buffer.from([0xc3, 0x28])]);
    const r = analyzeBytes('latin.properties', bytes, { salt: 'fuzz' });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['stripe-secret-key']);
    assert.match(r.notes.join(' '), /Not valid UTF-8/);
  });

  it('deeply nested input gives partial results with a note instead of a crash', () => {
    for (const [path, open, close] of [['deep.ts', '(', ')'], ['deep.json', '[', ']'], ['deep.js', '{a:', '}'], ['deep.ipynb', '[', ']']] as const) {
      const depth = 200_000;
      const text = `const apiKey = "${frag.random32}"; const s = "${frag.stripe}";\nx = ${open.repeat(depth)}1${close.repeat(depth)};`;
      const r = checked(path, text);
      assert.ok(r.findings.some((f) => f.ruleId === 'stripe-secret-key'), `${path}: provider finding kept`);
    }
  });

  it('cancellation returns promptly with a note', () => {
    const controller = new AbortController();
    controller.abort();
    const r = analyzeText('a.ts', seeds[0]!, { salt: 'fuzz', signal: controller.signal });
    assert.deepEqual(r, { findings: [], skipped: { reason: 'cancelled' }, notes: ['Cancelled: a newer analysis superseded this one.'] });
  });
});
