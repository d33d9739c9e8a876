/**
 * Generates the labeled corpus with a fixed seed: bench/corpus/labeled/files/** and
 * bench/corpus/labeled/labels.json (path, line, column, offset, length, kind, category; never the value).
 *   npx tsx bench/labeled/generate.ts [--seed N]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sampleGen } from '../../src/core/rules/sampleGen';
import { LABELED } from '../config.mjs';
import { type Format, place } from './contexts';
import { filler, fileHeader, fileFooter } from './filler';
import { fixtureValue, genericValue, negativeValue, providerValues, rng, shortPassword, type Value } from './values';

export interface Label {
  path: string;
  line: number;
  column: number;
  offset: number;
  length: number;
  kind: Value['kind'];
  category: string;
  format: Format;
}

const seedArg = process.argv.indexOf('--seed');
const SEED = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 20251125;
const g = sampleGen(SEED);
const r = rng(g);

const FILES = join(LABELED, 'files');
rmSync(LABELED, { recursive: true, force: true });

/** File plan: format, count, directory and name stems. Test paths hold fixtures (and some provider keys: a leak in a test is still a leak). */
const plan: Array<{ format: Format; count: number; path: (i: number) => string; test?: boolean }> = [
  { format: 'ts', count: 150, path: (i) => `app/src/${r.pick(['services', 'lib', 'api', 'config', 'jobs', 'integrations'])}/${r.pick(['billing', 'mailer', 'storage', 'search', 'auth', 'payments', 'notify', 'sync', 'export', 'reports'])}${i}.ts` },
  { format: 'js', count: 90, path: (i) => `web/${r.pick(['server', 'scripts', 'lib'])}/${r.pick(['index', 'client', 'worker', 'upload', 'cron'])}${i}.${r.pick(['js', 'mjs', 'cjs'])}` },
  { format: 'py', count: 110, path: (i) => `worker/${r.pick(['tasks', 'clients', 'settings', 'etl'])}/${r.pick(['sync', 'ingest', 'notify', 'billing', 'crawl'])}_${i}.py` },
  { format: 'yaml', count: 70, path: (i) => r.pick([`deploy/k8s/${r.pick(['api', 'worker', 'cron'])}-${i}.yaml`, `config/app-${i}.yml`, `.github/workflows/ci-${i}.yml`, `compose/docker-compose.${i}.yml`]) },
  { format: 'json', count: 55, path: (i) => r.pick([`config/${r.pick(['default', 'production', 'staging'])}-${i}.json`, `services/${i}/appsettings.json`]) },
  { format: 'env', count: 45, path: (i) => r.pick([`envs/${i}/.env`, `envs/${i}/.env.production`, `envs/${i}/.env.local`, `services/svc${i}.env`]) },
  { format: 'docker', count: 30, path: (i) => r.pick([`images/${i}/Dockerfile`, `images/Dockerfile.${i}`]) },
  { format: 'sh', count: 40, path: (i) => `scripts/${r.pick(['deploy', 'bootstrap', 'backup', 'release'])}-${i}.sh` },
  { format: 'md', count: 20, path: (i) => `docs/setup-${i}.md` },
  { format: 'ts', count: 35, path: (i) => `app/test/${r.pick(['billing', 'auth', 'sync'])}${i}.test.ts`, test: true },
  { format: 'py', count: 25, path: (i) => `worker/tests/test_${r.pick(['client', 'tasks', 'settings'])}_${i}.py`, test: true },
  { format: 'json', count: 10, path: (i) => `app/test/fixtures/responses-${i}.json`, test: true },
];

interface FileState {
  format: Format;
  path: string;
  test: boolean;
  items: Value[];
}
const files: FileState[] = [];
for (const p of plan) for (let i = 0; i < p.count; i++) files.push({ format: p.format, path: p.path(i), test: !!p.test, items: [] });
const dedupe = new Set<string>();
for (const f of files) {
  while (dedupe.has(f.path)) f.path = f.path.replace(/(\.[^./]+)?$/, (ext) => `-b${ext}`);
  dedupe.add(f.path);
}

// Values: provider keys (8 placements per rule), generic secrets, short passwords, negatives, fixtures.
const { positives, publishable } = providerValues(g, r, 8);
const generic = Array.from({ length: 700 }, () => genericValue(g, r));
const short = Array.from({ length: 60 }, () => shortPassword(g, r));
const negatives = [...publishable, ...publishable, ...Array.from({ length: 2600 }, () => negativeValue(g, r))];
const fixtures = Array.from({ length: 300 }, () => fixtureValue(g, r));

const nonTest = files.filter((f) => !f.test);
const tests = files.filter((f) => f.test);
const assign = (values: Value[], pool: FileState[]) => {
  for (const v of values) pool[r.int(0, pool.length - 1)]!.items.push(v);
};
// A few provider keys (5 %) in test paths; the rest in ordinary files.
assign(positives.filter(() => !r.chance(0.05)), nonTest);
assign(positives.filter((v) => !nonTest.some((f) => f.items.includes(v))), tests);
assign(generic, nonTest);
assign(short, nonTest);
assign(negatives, nonTest);
assign(fixtures, tests);
assign(negatives.slice(0, 200), tests);

const labels: Label[] = [];
const spill: Value[] = [];
const write = (f: FileState) => {
  // Shuffle so positives and negatives interleave.
  const items = f.items.map((v) => ({ v, k: r.next() })).sort((a, b) => a.k - b.k).map((x) => x.v);
  let text = f.format === 'json' ? '{\n' : fileHeader(f.format, r);
  for (const v of items) {
    const placed = place(f.format, v, r);
    if (!placed) {
      // No place of this format fits the value (e.g. a multi-line key in .env): it goes to a TypeScript file.
      spill.push(v);
      continue;
    }
    if (f.format !== 'json') text += filler(f.format, r);
    const at = placed.snippet.indexOf('§');
    const before = text + placed.snippet.slice(0, at);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    labels.push({ path: f.path, line, column, offset: before.length, length: placed.literal.length, kind: v.kind, category: v.category, format: f.format });
    text = before + placed.literal + placed.snippet.slice(at + 1);
  }
  text += f.format === 'json' ? '  "version": 1\n}\n' : filler(f.format, r) + fileFooter(f.format);
  const abs = join(FILES, f.path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
};
files.forEach(write);
const spillFiles: FileState[] = [];
for (let i = 0; spill.length; i++) {
  const f: FileState = { format: 'ts', path: `app/src/keys/material${i}.ts`, test: false, items: spill.splice(0, 6) };
  spillFiles.push(f);
  write(f);
}
files.push(...spillFiles);

// A lockfile per JS project: integrity strings are the classic false positive.
for (let i = 0; i < 12; i++) {
  const path = `web/pkg${i}/package-lock.json`;
  let text = `{\n  "name": "pkg${i}",\n  "lockfileVersion": 3,\n  "packages": {\n`;
  const n = r.int(20, 60);
  for (let k = 0; k < n; k++) {
    const name = `dep-${g.lowerAlnum(6)}`;
    text += `    "node_modules/${name}": {\n      "version": "${r.int(0, 9)}.${r.int(0, 20)}.${r.int(0, 30)}",\n      "resolved": "https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz",\n      "integrity": "`;
    const value = 'sha512-' + g.base64(86) + '==';
    const before = text;
    labels.push({ path, line: before.split('\n').length, column: before.length - before.lastIndexOf('\n'), offset: before.length, length: value.length, kind: 'negative', category: 'integrity', format: 'json' });
    text += value + `"\n    }${k < n - 1 ? ',' : ''}\n`;
  }
  text += '  }\n}\n';
  const abs = join(FILES, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

labels.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.offset - b.offset));
writeFileSync(join(LABELED, 'labels.json'), JSON.stringify({ seed: SEED, files: files.length + 12, labels }, null, 0).replace(/\},\{/g, '},\n{') + '\n');
const count = (k: string) => labels.filter((l) => l.kind === k).length;
console.log(`labeled corpus: ${files.length + 12} files, ${count('provider')} provider keys, ${count('generic')} generic secrets, ${count('generic-short')} short passwords, ${count('negative')} negatives (${spillFiles.length} extra TypeScript files for values that fit no place of their file's format) → ${LABELED}`);
