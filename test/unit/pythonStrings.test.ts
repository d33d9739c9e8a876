import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze/index';
import { singleKeyCallsInText } from '../../src/core/calls/index';
import { scanPython } from '../../src/core/calls/pythonScan';
import { nextPythonLiteral, readPythonString } from '../../src/core/pythonStrings';
import { rand } from './fix/support';

/**
 * One reader of Python strings (issue 14): the single-key-call rule (calls/pythonScan.ts) and the secret extractor
 * (analyze: prefilter and token pass) see the same strings, so code inside a string is code to neither, and code after
 * one is code to both.
 */

/** A line of code both front ends report when it is code: a name-bound key and a request with one key. */
function code(key: string, quote: '"' | "'"): string {
  return `api_key = ${quote}${key}${quote}; requests.get(u, headers={${quote}X-Api-Key${quote}: os.environ[${quote}K${quote}]})`;
}

/** What each front end reports in `text`: the secret finding's line, the call's line (or undefined). */
function reports(text: string, key: string): { secretLine?: number; callLine?: number } {
  const secret = analyzeText('app.py', text, { salt: 's' }).findings.find((f) => f.kind === 'hardcoded-secret' && text.slice(f.offset, f.offset + f.length) === key);
  const call = singleKeyCallsInText('app.py', text)[0];
  const lineOf = (offset: number) => text.slice(0, offset).split(/\r\n|\r|\n/).length - 1;
  return { ...(secret ? { secretLine: secret.range.start.line } : {}), ...(call ? { callLine: lineOf(call.start) } : {}) };
}

/** Tricky strings: `@` marks where the line of code goes, with the quote it may hold; `inside` when that is in a string. */
const CASES: Array<{ label: string; text: string; quote: '"' | "'"; inside: boolean }> = [
  { label: 'f-string holding its own quote (PEP 701)', text: 'x = f"{d["k"]} @"\n', quote: "'", inside: true },
  { label: 'f-strings nested twice, same quotes', text: `x = f"{f'{d["k"]}'} @"\n`, quote: "'", inside: true },
  { label: 'f-string with a format spec and a nested field', text: 'x = f"{v!r:>{width}} @"\n', quote: "'", inside: true },
  { label: 'f-string whose fill character is a quote', text: `x = f"{v:'>10} @"\n`, quote: "'", inside: true },
  { label: 'f-string closed before the code', text: 'x = f"{d["k"]}"; @\n', quote: '"', inside: false },
  { label: 'f-string with doubled braces', text: 'x = f"{{ @"\n', quote: "'", inside: true },
  { label: 'raw string: a backslash keeps the quote in it', text: 'x = r"C:\\" @"\n', quote: "'", inside: true },
  { label: 'raw string ending in two backslashes', text: 'x = r"C:\\\\"; @\n', quote: '"', inside: false },
  { label: 'raw bytes, upper case prefix', text: "x = BR'\\' @'\n", quote: '"', inside: true },
  { label: 'triple quotes holding quotes', text: 'x = """a "quoted" ""word"" @"""\n', quote: '"', inside: true },
  { label: 'triple single quotes holding quotes', text: "x = '''it's ''so'' @'''\n", quote: "'", inside: true },
  { label: 'triple-quoted f-string, a field over lines with a comment', text: 'x = f"""{\n  d["k"]  # a "comment\n} @"""\n', quote: "'", inside: true },
  { label: '# inside a string is no comment', text: 'x = "a # b"; @\n', quote: '"', inside: false },
  { label: 'a quote inside a comment opens no string', text: `# it's "odd\n@\n`, quote: '"', inside: false },
  { label: 'an unterminated string ends at its line', text: 'x = "open\n@\n', quote: '"', inside: false },
  { label: 'an unterminated f-string field ends at its line', text: 'x = f"{open\n@\n', quote: '"', inside: false },
  { label: 'a lone CR ends a line', text: "x = 'open\r@\r", quote: '"', inside: false },
  { label: 'a line continuation inside a string', text: 'x = "a\\\n@"\n', quote: "'", inside: true },
  { label: 'implicit concatenation, then an f-string', text: `x = "a"f"{d["k"]} @"\n`, quote: "'", inside: true },
  { label: 'prefix letters ending a name are the name', text: 'x = buffer"a"; @\n', quote: '"', inside: false },
];

describe('Python strings: one reader for the single-key-call rule and the secret extractor', () => {
  for (const c of CASES) {
    it(`${c.label}: ${c.inside ? 'code inside is code to neither' : 'code after it is code to both'}`, () => {
      const key = rand(32);
      const text = `import os\nimport requests\n${c.text.replace('@', code(key, c.quote))}`;
      const line = text.split(/\r\n|\r|\n/).findIndex((l) => l.includes(key));
      assert.deepEqual(reports(text, key), c.inside ? {} : { secretLine: line, callLine: line }, JSON.stringify(text.replace(key, 'KEY')));
    });
  }

  it('scanPython and the prefilter enumerate the same strings, by the same reader', () => {
    const text = CASES.map((c) => c.text.replace('@', code('x', c.quote))).join('');
    const fromScan = scanPython(text).strings.map((s) => [s.start, s.end]);
    const fromReader: number[][] = [];
    for (let l = nextPythonLiteral(text, 0); l; l = nextPythonLiteral(text, l.end)) if (!('comment' in l)) fromReader.push([l.start, l.end]);
    assert.deepEqual(fromScan, fromReader);
    assert.ok(fromScan.length > CASES.length);
  });

  it('reads deeply nested f-strings without recursion', () => {
    const depth = 200_000;
    const text = `x = ${'f"{'.repeat(depth)}${'}"'.repeat(depth)}`;
    const s = readPythonString(text, 4, 1);
    assert.equal(s.end, text.length);
    assert.equal(s.closed, true);
  });
});
