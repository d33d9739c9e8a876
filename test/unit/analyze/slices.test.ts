import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractTypeScript, forgetTypeScript } from '../../../src/core/analyze/extract/typescript';
import { statementSlices } from '../../../src/core/analyze/extract/slices';
import { loadTypeScript } from '../../../src/core/analyze/typescriptLoader';

const T = loadTypeScript();
/** The slices of `text` around the first occurrence of each marker, as the text they keep. */
const slicesAround = (text: string, markers: string[], jsx = false, declarators = false) => {
  const offsets = markers.map((m) => text.indexOf(m)).sort((a, b) => a - b);
  return statementSlices(text, offsets, { jsx, declarators })?.ranges.map(([s, e]) => text.slice(s, e).trim());
};

describe('statementSlices', () => {
  it('gives the statement around an offset in the innermost statement list', () => {
    const text = `const a = 1;\nfunction f(x) {\n  const b = 2;\n  const apiKey = "K1";\n  return b;\n}\nconst c = 3;\n`;
    assert.deepEqual(slicesAround(text, ['"K1"']), ['const apiKey = "K1";']);
    assert.deepEqual(slicesAround(text, ['const a']), ['const a = 1;']);
  });

  it('takes the whole statement around an object literal, a class body or switch clauses', () => {
    const object = `x();\nconst config = {\n  retries: 3;\n  apiKey: "K1",\n};\ny();\n`;
    assert.deepEqual(slicesAround(object, ['"K1"']), ['const config = {\n  retries: 3;\n  apiKey: "K1",\n};']);
    const klass = `x();\nclass A {\n  a = 1;\n  apiKey = "K1";\n}\ny();\n`;
    // The class declaration, which its body ends.
    assert.deepEqual(slicesAround(klass, ['"K1"']), ['class A {\n  a = 1;\n  apiKey = "K1";\n}']);
    const cases = `x();\nswitch (k) {\n  case 1: a();\n  case "K1": b();\n}\ny();\n`;
    assert.deepEqual(slicesAround(cases, ['"K1"']), ['switch (k) {\n  case 1: a();\n  case "K1": b();\n}\ny();']);
  });

  it('reads regular expressions and template substitutions as the parser does', () => {
    const text = `const r = /[{}]+;/g;\nconst t = \`a\${ {b: 1}.b }c\${"}"}\`;\nfunction g() {\n  const k = "K1";\n}\n`;
    assert.deepEqual(slicesAround(text, ['"K1"']), ['const k = "K1";']);
    assert.deepEqual(slicesAround('const x = a / b; const k = "K1"; const y = c / 2;', ['"K1"']), ['const k = "K1";']);
    assert.deepEqual(slicesAround('const x = n! / 2; const k = "K1"; const y = /[}]/;', ['"K1"']), ['const k = "K1";']);
  });

  it('joins slices that overlap and keeps them in order', () => {
    const text = `const f = function () {\n  const a = "K1";\n  const b = "K2";\n};\nconst c = "K3";\n`;
    assert.deepEqual(slicesAround(text, ['"K3"', '"K1"', '"K2"']), ['const a = "K1";\n  const b = "K2";', 'const c = "K3";']);
  });

  it('ends a function or class declaration with its body', () => {
    const text = `function f() {\n  return 1;\n}\nexport default class A {\n  m() {}\n}\nasync function g() {}\nconst k = "K1";\n`;
    assert.deepEqual(slicesAround(text, ['"K1"']), ['const k = "K1";']);
    assert.deepEqual(slicesAround(text, ['m()']), ['export default class A {\n  m() {}\n}']);
    // An expression that starts with a function is not a declaration: it goes on to the `;`.
    const iife = `x();\n(function () {})(), key = "K1";\ny();\n`;
    assert.deepEqual(slicesAround(iife, ['"K1"']), ['(function () {})(), key = "K1";']);
  });

  it('reads TypeScript namespaces, modules and global blocks as statement lists, and ends interfaces and enums with their body', () => {
    const text = `declare module "m" {\n  interface A {\n    t: "T1";\n  }\n  type K = "K1";\n}\nnamespace N {\n  enum E { A = "K2" }\n  export const k = "K3";\n}\ndeclare global {\n  var g: "K4";\n}\n`;
    assert.deepEqual(slicesAround(text, ['"K1"']), ['type K = "K1";']);
    assert.deepEqual(slicesAround(text, ['"K2"']), ['enum E { A = "K2" }']);
    assert.deepEqual(slicesAround(text, ['"K3"']), ['export const k = "K3";']);
    assert.deepEqual(slicesAround(text, ['"K4"']), ['var g: "K4";']);
  });

  it('cuts a var, let or const list at its commas when asked (JavaScript), keeping the keyword', () => {
    const text = `x();\nvar a = f(1, 2),\n  apiKey = "K1",\n  b = { c: "K2", d: [3, 4] },\n  e = 5;\ny();\n`;
    assert.deepEqual(slicesAround(text, ['"K1"'], false, true), ['var', 'apiKey = "K1"']);
    assert.deepEqual(slicesAround(text, ['"K2"'], false, true), ['var', 'b = { c: "K2", d: [3, 4] }']);
    assert.deepEqual(slicesAround(text, ['f(1'], false, true), ['var a = f(1, 2)']);
    const both = statementSlices(text, [text.indexOf('"K1"'), text.indexOf('"K2"')], { jsx: false, declarators: true })!;
    assert.deepEqual(both.semicolons.map((at) => text[at]), [',', ',']);
    // Not asked (TypeScript, where `Map<string, number>` has a comma at statement level): the whole statement.
    assert.deepEqual(slicesAround(text, ['"K1"'], false, false), ['var a = f(1, 2),\n  apiKey = "K1",\n  b = { c: "K2", d: [3, 4] },\n  e = 5;']);
  });

  it('gives none when the structure is in doubt up to where the last slice ends: unbalanced brackets, a scanner error, JSX', () => {
    assert.equal(slicesAround('function f() {\n  const k = "K1"\n', ['"K1"']), undefined);
    assert.equal(slicesAround('x(); }\nconst k = "K1";', ['"K1"']), undefined);
    assert.equal(slicesAround('const s = "unterminated\nconst k = "K1";\n', ['"K1"']), undefined);
    assert.equal(slicesAround('const k = f("K1", "unterminated\n);', ['"K1"']), undefined);
    assert.equal(slicesAround('const el = <div>{"K1"}</div>;', ['"K1"'], true), undefined);
    assert.deepEqual(slicesAround('const k = "K1";', [], true), []);
  });

  it('reads no further than where the last slice ends: what follows cannot move the slices', () => {
    // A stray bracket, an unterminated string or JSX after it are not read (a large file's rest, most of this pass).
    assert.deepEqual(slicesAround('const k = "K1";\n}', ['"K1"']), ['const k = "K1";']);
    assert.deepEqual(slicesAround('const k = "K1";\nconst s = "unterminated\n', ['"K1"']), ['const k = "K1";']);
    assert.deepEqual(slicesAround('const k = "K1";\nconst el = <div>{"K2"}</div>;', ['"K1"'], true), ['const k = "K1";']);
    // Brackets left open after it too; a slice still open at the end of the file (no `;`, its list never closes) is doubt.
    assert.deepEqual(slicesAround('function f() {\n  const k = "K1";\n  g(', ['"K1"']), ['const k = "K1";']);
    assert.equal(slicesAround('function f() {\n  const k = "K1"\n  g(', ['"K1"']), undefined);
  });
});

/** Large real sources: JavaScript packages from node_modules, and this project's own TypeScript, concatenated. */
function realSources(): Array<{ path: string; text: string }> {
  const root = join(__dirname, '../../..');
  const packages = ['node_modules/ts-morph/dist/ts-morph.js', 'node_modules/esbuild/lib/main.js', 'node_modules/mocha/lib/runner.js', 'node_modules/ignore/index.js', 'node_modules/@types/node/crypto.d.ts', 'node_modules/@types/node/fs.d.ts'];
  const ts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) ts.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(root, 'src/core'));
  return [...packages.map((p) => ({ path: p, text: readFileSync(join(root, p), 'utf8') })), { path: 'src/core/all.ts', text: ts.join('\n') }];
}

/** Offsets of the string and template literals, as the scanner sees them. */
function stringOffsets(text: string): number[] {
  const scanner = T.createScanner(T.ScriptTarget.Latest, true, T.LanguageVariant.Standard, text);
  const out: number[] = [];
  let prev = T.SyntaxKind.Unknown;
  for (let k = scanner.scan(); k !== T.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k === T.SyntaxKind.SlashToken && (prev === T.SyntaxKind.EqualsToken || prev === T.SyntaxKind.OpenParenToken || prev === T.SyntaxKind.CommaToken)) k = scanner.reScanSlashToken();
    if (k === T.SyntaxKind.StringLiteral || k === T.SyntaxKind.NoSubstitutionTemplateLiteral) out.push(scanner.getTokenStart());
    prev = k;
  }
  return out;
}

describe('parsing only the statements around candidate strings', function () {
  this.timeout(120_000);

  it('finds, in large real files, exactly the candidates a parse of the whole file finds', () => {
    let compared = 0;
    let withCandidates = 0;
    for (const { path, text } of realSources()) {
      assert.ok(text.length >= 16 * 1024, path);
      const offsets = stringOffsets(text);
      // Every fifth string, and pairs of strings far apart (two slices in one parse).
      const step = Math.max(1, Math.floor(offsets.length / 200));
      for (let i = 0; i < offsets.length; i += step) {
        const interesting = i % 2 === 0 ? [offsets[i]!] : [offsets[i]!, offsets[(i * 7) % offsets.length]!].sort((a, b) => a - b);
        const whole = extractTypeScript(path, text, undefined, interesting, true).candidates;
        const sliced = extractTypeScript(path, text, undefined, interesting, false).candidates;
        assert.deepEqual(sliced, whole, `${path} at ${interesting.join(',')}`);
        compared++;
        if (whole.length > 0) withCandidates++;
      }
      forgetTypeScript(path);
      assert.ok(statementSlices(text, [offsets[offsets.length >> 1]!], { jsx: !path.endsWith('.ts'), declarators: !path.endsWith('.ts') }), `${path}: sliced`);
    }
    assert.ok(compared > 500, `${compared}`);
    assert.ok(withCandidates > 50, `${withCandidates}`);
  });

  it('finds the same in a bundle-like file whose one var statement declares everything', () => {
    const parts: string[] = [];
    for (let i = 0; i < 400; i++) {
      parts.push(`  v${i} = "value-${i}-Zq8Xv2Lm9Rt4Wy7Bn3Kc6Hd1Pf5Gs0Ja"`);
      parts.push(`  apiKey${i} = cond ? "Kx${i}Zq8Xv2Lm9Rt4Wy7Bn3Kc6Hd1Pf5Gs0J" : other || "Ky${i}Zq8Xv2Lm9Rt4Wy7Bn3Kc6Hd1Pf5G"`);
      parts.push(`  config${i} = { token: "Kz${i}Zq8Xv2Lm9Rt4Wy7Bn3Kc6Hd1Pf5Gs", list: [1, "x", { secret: "Kw${i}Zq8Xv2Lm9Rt4Wy7Bn3Kc6Hd1P" }] }`);
      parts.push(`  fn${i} = function (password = "Kv${i}Zq8Xv2Lm9Rt4Wy7Bn3Kc6Hd") { var inner = 1, authToken = "Ku${i}Zq8Xv2Lm9Rt4Wy7Bn3Kc"; return inner; }`);
    }
    const path = 'dist/bundle.js';
    const text = `"use strict";\n(function () {\n  var ${parts.join(',\n').trimStart()};\n  module.exports = { v0 };\n})();\n`;
    assert.ok(text.length > 64 * 1024);
    const offsets = stringOffsets(text);
    let withCandidates = 0;
    for (let i = 0; i < offsets.length; i += 7) {
      const interesting = [offsets[i]!, offsets[(i * 13) % offsets.length]!].sort((a, b) => a - b);
      const whole = extractTypeScript(path, text, undefined, interesting, true).candidates;
      assert.deepEqual(extractTypeScript(path, text, undefined, interesting, false).candidates, whole, `at ${interesting.join(',')}`);
      if (whole.length > 0) withCandidates++;
    }
    forgetTypeScript(path);
    assert.ok(withCandidates > 100, `${withCandidates}`);
    const one = statementSlices(text, [offsets[offsets.length >> 1]!], { jsx: true, declarators: true })!;
    assert.ok(one.ranges.reduce((n, [s, e]) => n + e - s, 0) < 1000, 'one declarator kept');
  });
});
