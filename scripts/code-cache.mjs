// Writes dist/typescript.js.cache: the V8 code cache of the TypeScript compiler as the CLI loads it
// (src/cli/codeCache.ts), produced after a few parses so the parser's functions are in it too, not only the
// top level. Run by esbuild.mjs after a build; V8 rejects a stale or foreign cache and the file compiles as usual.
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'dist', 'typescript.js');
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file });
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
const T = module.exports;
// What a scan parses: TypeScript and JavaScript, and the scanner pass of statementSlices.
const samples = [
  ['scan.ts', readFileSync(join(root, 'src/core/analyze/scan.ts'), 'utf8'), T.ScriptKind.TS],
  ['esbuild.mjs', readFileSync(join(root, 'esbuild.mjs'), 'utf8'), T.ScriptKind.JS],
  ['view.tsx', readFileSync(join(root, 'src/core/analyze/extract/slices.ts'), 'utf8'), T.ScriptKind.TSX],
];
for (const [name, text, kind] of samples) {
  T.createSourceFile(name, text, { languageVersion: T.ScriptTarget.Latest, jsDocParsingMode: T.JSDocParsingMode.ParseNone }, false, kind);
  const scanner = T.createScanner(T.ScriptTarget.Latest, true, T.LanguageVariant.Standard, text);
  while (scanner.scan() !== T.SyntaxKind.EndOfFileToken);
}
writeFileSync(`${file}.cache`, script.createCachedData());
