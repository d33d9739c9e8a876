import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { extractTokens, type TokenDialect } from '../../../src/core/analyze/extract/tokens';
import { SCRIPT_STRINGS } from '../../../src/core/analyze/prefilter';
import { nextPythonLiteral } from '../../../src/core/pythonStrings';

const root = join(__dirname, '../../..');
/** Every `every`-th string of 8 characters or more (by opening quote), as the prefilter would hand them over. */
function nearStrings(text: string, dialect: 'python' | 'text', every: number): number[] {
  const near: number[] = [];
  let n = 0;
  if (dialect === 'python') {
    for (let literal = nextPythonLiteral(text, 0); literal; literal = nextPythonLiteral(text, literal.end)) {
      if ('comment' in literal || literal.contentEnd - literal.contentStart < 8) continue;
      if (n++ % every === 0) near.push(literal.contentStart - literal.quote.length);
    }
    return near;
  }
  const re = new RegExp(SCRIPT_STRINGS);
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].length >= 10 && m[0][0] !== '/' && n++ % every === 0) near.push(m.index);
  return near;
}

const key = (c: { offset: number; length: number; names: string[] }) => `${c.offset}:${c.length}:${c.names.join('|')}`;
function assertWindowedIsWhole(text: string, dialect: TokenDialect, near: number[], label: string): number {
  const windowed = extractTokens(text, dialect, undefined, near).candidates.map(key);
  const whole = extractTokens(text, dialect, undefined, near, false).candidates.map(key);
  assert.deepEqual(windowed, whole, label);
  return whole.length;
}

/** Python-like text: assignments, calls, dicts, comments and (triple-quoted) strings with quotes and escapes inside. */
function pythonLike(seed: number, lines: number): string {
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const value = () => pick(['"Zq8Xv2Lm9Rt4Wy7B"', "'it\\'s a value here'", 'r"C:\\\\path\\\\x"', 'f"{name}-suffix-value"', '"""doc\nstring "quoted" inside\n"""', "'''a\n# not a comment\n'''", '42', 'None']);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(
      pick([
        `api_key = ${value()}`,
        `client = Client(token=${value()}, retries=3)`,
        `headers = {"Authorization": ${value()}, 'x': [1, 2, ${value()}]}`,
        `# comment with "quote and 'apostrophe`,
        `def f(secret=${value()}):\n    return call(secret, ${value()})`,
        `password: str = ${value()}`,
        `x = (${value()}, ${value()})  # trailing "comment"`,
        `broken = "unterminated string`,
      ]),
    );
  }
  return out.join('\n') + '\n';
}

describe('token pass, windowed around the strings that matter', () => {
  it('gives the same candidates as the whole-text pass, on Python', () => {
    const fixtures = execSync('git ls-files "*.py"', { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    const sources = [fixtures.map((f) => readFileSync(join(root, f), 'utf8')).join('\n').repeat(40), pythonLike(3, 4000), pythonLike(5, 9000)];
    let candidates = 0;
    for (const text of sources) for (const every of [1, 3, 17, 101]) candidates += assertWindowedIsWhole(text, 'python', nearStrings(text, 'python', every), `every ${every}`);
    assert.ok(candidates > 1000, `${candidates} candidates`);
  });

  it('gives the same candidates as the whole-text pass, on large JavaScript read as text', () => {
    const packages = ['node_modules/ts-morph/dist/ts-morph.js', 'node_modules/esbuild/lib/main.js', 'node_modules/mocha/lib/runner.js', 'node_modules/ignore/index.js'];
    let candidates = 0;
    for (const file of packages) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const every of [1, 13, 97]) candidates += assertWindowedIsWhole(text, 'text', nearStrings(text, 'text', every), `${file}, every ${every}`);
    }
    assert.ok(candidates > 1000, `${candidates} candidates`);
  });

  it('reads the text whole when a string is bound across the start of its window', () => {
    // A call whose argument list opens before a 9 KiB string, more than the window: only the whole pass sees `connect(`.
    const text = `x = 1\nconnect("${'a'.repeat(9000)}", "Zq8Xv2Lm9Rt4Wy7Bn3Kc")\n`;
    const near = [text.indexOf('"Zq8')];
    const windowed = extractTokens(text, 'python', undefined, near).candidates;
    assert.ok(windowed[0]?.names.includes('connect'), JSON.stringify(windowed.map((c) => c.names)));
    assert.deepEqual(windowed, extractTokens(text, 'python', undefined, near, false).candidates);
  });
});
