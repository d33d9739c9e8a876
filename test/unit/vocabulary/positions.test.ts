import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { parseBaseline } from '../../../src/core/baseline/baseline';
import { detectSingleKeyCallsInText } from '../../../src/core/calls/index';
import { JsoncReader } from '../../../src/core/config/jsonc-reader';
import { decodeSource } from '../../../src/core/fix/sourceBytes';
import { pythonRegression } from '../../../src/core/fix/verify';
import { LineIndex, LineStartCursor, lineNumberAt, positionAt } from '../../../src/core/vocabulary/positions';
import { makeSecret } from '../fix/support';

/** The same lines joined by each line ending VS Code knows: every position must come out the same. */
const ENDINGS: Array<[string, string]> = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['CR only', '\r'],
];

describe('positions: one line-break rule (\\n, \\r\\n, a lone \\r) for every offset → line', () => {
  it('LineIndex, positionAt and lineNumberAt agree at every offset, whatever the line endings', () => {
    const text = 'a\rbc\r\n\n\rdef\n\r\r\nx';
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(positionAt(text, offset), index.position(offset), `offset ${offset}`);
      assert.equal(lineNumberAt(text, offset), index.lineOf(offset) + 1);
    }
    assert.deepEqual(index.position(text.indexOf('def')), { line: 4, character: 0 });
    assert.deepEqual(index.position(text.indexOf('x')), { line: 7, character: 0 });
  });

  it('LineStartCursor gives LineIndex\'s line start at ascending offsets (not on the \\n of a \\r\\n), on random texts', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const pieces = ['\n', '\r', '\r\n', 'a', 'key', ' ', '\r\n\r'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = random(40); i > 0; i--) text += pieces[random(pieces.length)];
      const index = new LineIndex(text);
      const cursor = new LineStartCursor(text);
      for (let offset = 0; offset <= text.length; offset += 1 + random(4)) {
        if (text[offset] === '\n' && text[offset - 1] === '\r') continue;
        assert.equal(cursor.lineStart(offset), index.lineStart(offset), `${JSON.stringify(text)} at ${offset}`);
      }
    }
  });

  for (const [name, eol] of ENDINGS) {
    it(`${name}: a hardcoded key and a single-key call are reported on their own lines, by the analyzer and by the call detector`, () => {
      const secret = makeSecret('stripe');
      const lines = [
        "import Stripe from 'stripe';",
        '',
        `const stripe = new Stripe('${secret}');`,
        '',
        'export async function account(): Promise<Response> {',
        "  return fetch('https://billing.example.com/v1/account', { headers: { Authorization: `Bearer ${process.env.BILLING_API_KEY}` } });",
        '}',
        '',
      ];
      const text = lines.join(eol);
      const { findings } = analyzeText('src/billing.ts', text, { salt: 's', singleKeyCalls: true });
      const where = findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.range.end.line]);
      assert.deepEqual(where, [
        ['single-key-call', 2, 15, 2],
        ['stripe-secret-key', 2, 27, 2],
        ['single-key-call', 5, 9, 5],
      ]);
      const calls = detectSingleKeyCallsInText('src/billing.ts', text, { salt: 's' });
      assert.deepEqual(calls.map((f) => [f.range.start.line, f.range.start.character]), [[2, 15], [5, 9]]);
    });

    it(`${name}: an ignore directive suppresses exactly the next line`, () => {
      const secret = makeSecret('stripe');
      const text = ['// rotation-ready-ignore-next-line', `const a = '${secret}';`, `const b = '${secret}x';`, ''].join(eol);
      const { findings } = analyzeText('src/keys.ts', text, { salt: 's' });
      assert.deepEqual(findings.map((f) => f.range.start.line), [2]);
    });

    it(`${name}: config, baseline, decoding and Python-check errors name the line an editor shows`, () => {
      const config = ['{', '  "services": [', '    oops', '  ]', '}'].join(eol);
      const reader = new JsoncReader(config, '.rotation-ready.json');
      assert.equal(reader.errors[0]?.line, 3);
      assert.equal(reader.errors[0]?.column, 5);
      assert.throws(() => parseBaseline(['{', '  "version": 1,', '  oops', '}'].join(eol)), /at line 3, column 3\)/);
      const bytes = Buffer.concat([Buffer.from(['a = 1', 'b = 2', 'c = "'].join(eol)), Buffer.from([0xff]), Buffer.from('"')]);
      const decoded = decodeSource('src/a.py', bytes);
      assert.equal(decoded.ok, false);
      assert.match(decoded.ok ? '' : decoded.reason, /^line 3 is not valid UTF-8/);
      assert.match(pythonRegression(['x = 1', 'y = (', ''].join(eol), ['x = 1', 'y = (', 'z = ['].join(eol)) ?? '', /an unclosed '\[' at line 3\b/);
    });
  }
});
