/**
 * The independent yardstick: generates a seeded corpus of realistic files with planted provider keys, generic secrets
 * and look-alike non-secrets (corpus.ts), scans it with the built CLI as a user would (`rotation-ready scan --format
 * json`), and scores it. Prints the report and writes it to bench/.cache/independent.md (+ .json, counts only).
 *
 *   npx tsx bench/independent/run.ts [--seed N] [--keep DIR] [--cli dist/cli.js]
 *
 * --keep DIR writes the corpus and its labels to DIR and leaves them (default: a temporary folder, removed after).
 * Nothing else in the repository is written. See bench/independent/README.md for how it was written and its limits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus';
import { score, renderReport, type Finding } from './score';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CACHE = join(ROOT, 'bench', '.cache');
export const DEFAULT_SEED = 20261207;

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seed = Number(opt('seed') ?? DEFAULT_SEED);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${opt('seed')}`);
const cli = resolve(ROOT, opt('cli') ?? 'dist/cli.js');
if (!existsSync(cli)) {
  console.log(`${cli} is missing: building it (node esbuild.mjs --strict)`);
  execFileSync(process.execPath, ['esbuild.mjs', '--strict'], { cwd: ROOT, stdio: 'inherit' });
}

const t0 = Date.now();
const { files, labels, rounds } = generateCorpus(seed);
const genMs = Date.now() - t0;

const keep = opt('keep');
// Outside the repository by default: the scan respects .gitignore, and bench/.cache is git-ignored.
const work = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'rr-independent-'));
const corpusDir = join(work, 'corpus');
const home = join(work, 'home');
// A kept folder may hold an earlier corpus: start clean so that only this one is scanned.
rmSync(corpusDir, { recursive: true, force: true });
mkdirSync(home, { recursive: true });
for (const f of files) {
  mkdirSync(dirname(join(corpusDir, f.path)), { recursive: true });
  writeFileSync(join(corpusDir, f.path), f.content);
}
if (keep) writeFileSync(join(work, 'labels.json'), JSON.stringify(labels, null, 1));

const t1 = Date.now();
const reportPath = join(work, 'scan.json');
// A private HOME: the CLI keeps its per-workspace salt under the user's config folder.
const scan = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', '--output', reportPath], {
  cwd: corpusDir,
  env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
  encoding: 'utf8',
});
const scanMs = Date.now() - t1;
if (scan.status !== 0 && scan.status !== 1) {
  console.error(scan.stderr);
  throw new Error(`rotation-ready scan exited with ${scan.status}`);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
  findings: Finding[];
  skipped: unknown[];
  notes: unknown[];
};
if (!keep) rmSync(work, { recursive: true, force: true });

const result = score(labels, report.findings);
const md = renderReport(result, {
  seed,
  rounds,
  files: files.length,
  lines: files.reduce((a, f) => a + f.content.split('\n').length - 1, 0),
  genMs,
  scanMs,
  skipped: report.skipped.length,
  notes: report.notes.length,
  commit: gitHead(),
});
mkdirSync(CACHE, { recursive: true });
writeFileSync(join(CACHE, 'independent.md'), md);
writeFileSync(join(CACHE, 'independent.json'), JSON.stringify({ seed, headline: result.headline, byPlacement: result.byPlacement, byKind: result.byKind, byFileType: result.byFileType }, null, 2) + '\n');
console.log(md);
console.log(`written to ${join(CACHE, 'independent.md')}${keep ? `; corpus and labels kept in ${work}` : ''}`);

function gitHead(): string {
  const out = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : 'unknown';
}
