#!/usr/bin/env node
// Assembles the real-world corpus, bench/corpus/real-world/, from the pinned packages installed by setup.mjs
// (JS/TS sources of every package in the tree) and from Debian's Python dist-packages (.py files).
// Directory names `node_modules` become `packages`, so every tool (ours skips node_modules by default) sees the
// same files; only source files are copied (no .gitignore, no JSON, no binaries). Writes a manifest with sizes.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CACHE, PYTHON_SOURCES, REAL_WORLD } from './config.mjs';

const SOURCE = /\.(?:[cm]?js|jsx|[cm]?ts|tsx|py)$/;
const src = join(CACHE, 'real-world', 'node_modules');
if (!existsSync(src)) {
  console.error('bench/.cache/real-world is not installed: run `node bench/setup.mjs real-world` first');
  process.exit(2);
}
rmSync(REAL_WORLD, { recursive: true, force: true });
let files = 0;
let bytes = 0;
let lines = 0;
const byRoot = {};
function copyTree(from, to, root) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const a = join(from, entry.name);
    if (entry.isSymbolicLink()) continue; // .bin links and the like
    if (entry.isDirectory()) {
      if (entry.name === '__pycache__' || entry.name === '.git') continue;
      copyTree(a, join(to, entry.name === 'node_modules' ? 'packages' : entry.name), root);
    } else if (entry.isFile() && SOURCE.test(entry.name)) {
      const b = join(to, entry.name);
      mkdirSync(dirname(b), { recursive: true });
      copyFileSync(a, b);
      const size = statSync(b).size;
      const text = readFileSync(b);
      let n = 0;
      for (let i = text.indexOf(10); i >= 0; i = text.indexOf(10, i + 1)) n++;
      files++;
      bytes += size;
      lines += n;
      byRoot[root] = (byRoot[root] ?? 0) + size;
    }
  }
}
copyTree(src, join(REAL_WORLD, 'npm'), 'npm');
for (const py of PYTHON_SOURCES) if (existsSync(py)) copyTree(py, join(REAL_WORLD, 'python', relative('/', py).replace(/\//g, '_')), 'python');
const manifest = { files, bytes, lines, byRoot };
writeFileSync(join(CACHE, 'real-world-manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`real-world corpus: ${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${lines} lines (${Object.entries(byRoot).map(([k, v]) => `${k} ${(v / 1e6).toFixed(1)} MB`).join(', ')}) → ${REAL_WORLD}`);
