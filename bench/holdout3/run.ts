/**
 * `npm run bench:holdout3`: the fourth blind yardstick. Generates a seeded corpus (see README.md), runs the built CLI
 * on it and scores what it reports. Writes bench/.cache/holdout3.md and bench/.cache/holdout3.json.
 *
 *   tsx bench/holdout3/run.ts [--seed N] [--seeds K] [--keep DIR] [--labels] [--cli PATH]
 *
 * --seed N   the seed to run (default 1); --seeds K also runs seeds 1..K and pools them.
 * --keep DIR writes each seed's tree to DIR/seed-N and keeps it (otherwise a temp dir, removed after).
 * --labels   with --keep, also writes DIR/seed-N.labels.json (file, line, kind; never a value) beside the tree.
 * --cli PATH another build of the CLI to score (default dist/cli.js).
 * Exit code 1 if a planted secret value appears in the CLI's output or in our report (nothing is written then).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCorpus, fileTypeOf, writeCorpus, type Planted } from './corpus';

const ROOT = resolve(__dirname, '..', '..');

const OUT_DIR = join(ROOT, 'bench', '.cache');

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const seed = Number(opt('--seed') ?? 1);
const seedsK = Number(opt('--seeds') ?? 0);
const keep = opt('--keep');
/** Another build of the CLI to score (default: this checkout's dist/cli.js). */
const CLI = resolve(opt('--cli') ?? join(ROOT, 'dist', 'cli.js'));
const seeds = [...new Set([seed, ...Array.from({ length: seedsK }, (_, i) => i + 1)])].sort((a, b) => a - b);

interface Finding {
  ruleId: string;
  kind: string;
  severity: string;
  path: string;
  range: { start: { line: number }; end: { line: number } };
}

interface Tally {
  providerPlanted: number; providerFound: number;
  prefixedPlanted: number; prefixedFound: number;
  contextPlanted: number; contextFound: number;
  genericPlanted: number; genericFound: number;
  tpLines: number; fpLines: number; infoFindings: number;
}
const emptyTally = (): Tally => ({
  providerPlanted: 0, providerFound: 0, prefixedPlanted: 0, prefixedFound: 0, contextPlanted: 0, contextFound: 0,
  genericPlanted: 0, genericFound: 0, tpLines: 0, fpLines: 0, infoFindings: 0,
});
const count = (m: Map<string, [number, number]>, key: string, found: boolean) => {
  const c = m.get(key) ?? [0, 0];
  c[0]++;
  if (!found) c[1]++;
  m.set(key, c);
};
const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

// Pooled breakdowns: [planted, missed] per key; FP counts per key.
const missByKind = new Map<string, [number, number]>();
const missByPlacement = new Map<string, [number, number]>();
const missByFileType = new Map<string, [number, number]>();
const fpByRule = new Map<string, number>();
const fpByNegative = new Map<string, number>();
const fpUnlabelled = new Map<string, number>();
const negPlanted = new Map<string, number>();
const missList: string[] = [];
const fpList: string[] = [];
let excludedCount = 0;
const perSeed: { seed: number; files: number; fileTypes: number; tally: Tally; seconds: number; skipped: number }[] = [];
const pooled = emptyTally();
const leaks: string[] = [];
let shape = { providers: 0, placements: 0, negativeKinds: 0, genericKinds: 0, negatives: 0 };

for (const s of seeds) {
  const corpus = buildCorpus(s);
  const dir = keep ? join(resolve(keep), `seed-${s}`) : mkdtempSync(join(tmpdir(), `holdout3-${s}-`));
  if (keep) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeCorpus(corpus, dir);
  if (keep && args.includes('--labels')) {
    const labels = corpus.planted.map(({ secretParts: _omit, ...rest }) => rest);
    writeFileSync(join(resolve(keep), `seed-${s}.labels.json`), JSON.stringify(labels, null, 1) + '\n');
  }
  const started = Date.now();
  const run = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (Date.now() - started) / 1000;
  if (!keep) rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0 && run.status !== 1) throw new Error(`holdout3: the CLI failed on seed ${s} (exit ${run.status}): ${String(run.stderr).slice(0, 500)}`);
  const secrets = corpus.planted.flatMap((p) => p.secretParts).filter((x) => x.length >= 8);
  for (const x of secrets) if (run.stdout.includes(x) || run.stderr.includes(x)) leaks.push(`seed ${s}: a planted value appears in the CLI output`);
  const report = JSON.parse(run.stdout) as { findings: Finding[]; skipped: unknown[] };

  const tally = emptyTally();
  // Lines holding a planted value, by file; which planted item; and which negative sits on a line.
  const positiveAt = new Map<string, Planted>();
  const negativeAt = new Map<string, Planted>();
  const excludedAt = new Set<string>();
  for (const p of corpus.planted) {
    for (const l of p.lines) {
      if (p.excluded) excludedAt.add(`${p.file}:${l}`);
      else (p.group === 'negative' ? negativeAt : positiveAt).set(`${p.file}:${l}`, p);
    }
  }
  const found = new Set<number>();
  const tpLines = new Set<string>();
  const fpLines = new Map<string, Finding>();
  for (const f of report.findings) {
    if (f.severity === 'info') {
      tally.infoFindings++;
      continue;
    }
    const path = f.path.replace(/\\/g, '/').replace(/^\.\//, '');
    let hit = false;
    for (let l = f.range.start.line + 1; l <= f.range.end.line + 1; l++) {
      const p = positiveAt.get(`${path}:${l}`);
      if (p) {
        found.add(p.id);
        hit = true;
      }
    }
    const at = `${path}:${f.range.start.line + 1}`;
    if (!hit && excludedAt.has(at)) continue;
    if (hit) tpLines.add(at);
    else if (!fpLines.has(at)) fpLines.set(at, f);
  }
  for (const at of tpLines) fpLines.delete(at);
  for (const [at, f] of fpLines) {
    bump(fpByRule, `${f.ruleId} (${f.kind})`);
    const neg = negativeAt.get(at);
    if (neg) bump(fpByNegative, neg.kind);
    else {
      const file = at.slice(0, at.lastIndexOf(':'));
      const owner = corpus.planted.find((p) => p.file === file);
      bump(fpUnlabelled, owner ? owner.placement : `scaffold ${fileTypeOf(file)}`);
    }
    if (s === seed) fpList.push(`${at}: ${neg ? `negative ${neg.kind}` : 'no label'}`);
  }
  for (const p of corpus.planted) {
    if (p.excluded) {
      excludedCount++;
      continue;
    }
    if (p.group === 'negative') {
      bump(negPlanted, p.kind);
      continue;
    }
    const ok = found.has(p.id);
    if (p.group === 'provider') {
      tally.providerPlanted++;
      if (ok) tally.providerFound++;
      if (p.cls === 'prefixed') {
        tally.prefixedPlanted++;
        if (ok) tally.prefixedFound++;
      } else {
        tally.contextPlanted++;
        if (ok) tally.contextFound++;
      }
    } else {
      tally.genericPlanted++;
      if (ok) tally.genericFound++;
    }
    count(missByKind, `${p.group}: ${p.kind}${p.cls ? ` (${p.cls})` : ''}`, ok);
    count(missByPlacement, p.placement, ok);
    count(missByFileType, p.fileType, ok);
    if (!ok && s === seed) missList.push(`${p.group} ${p.kind} in ${p.placement}: ${p.file}:${p.lines.join(',')}`);
  }
  tally.tpLines = tpLines.size;
  tally.fpLines = fpLines.size;
  for (const k of Object.keys(pooled) as (keyof Tally)[]) pooled[k] += tally[k];
  const fileTypes = new Set([...corpus.files.keys()].map(fileTypeOf)).size;
  perSeed.push({ seed: s, files: corpus.files.size, fileTypes, tally, seconds, skipped: report.skipped.length });
  shape = {
    providers: new Set(corpus.planted.filter((p) => p.group === 'provider').map((p) => p.kind)).size,
    genericKinds: new Set(corpus.planted.filter((p) => p.group === 'generic').map((p) => p.kind)).size,
    negativeKinds: new Set(corpus.planted.filter((p) => p.group === 'negative').map((p) => p.kind)).size,
    negatives: corpus.planted.filter((p) => p.group === 'negative').length,
    placements: new Set(corpus.planted.map((p) => p.placement)).size,
  };
  console.log(`seed ${s}: ${corpus.files.size} files, ${figures(tally).line} (${seconds.toFixed(1)} s)`);
  // Checked per seed so a leak is reported without the pooled run finishing; values stay in memory only.
  if (leaks.length) break;
}

function figures(t: Tally) {
  const pct = (a: number, b: number) => (b ? (100 * a) / b : 0);
  const f = {
    providerRecall: pct(t.providerFound, t.providerPlanted),
    prefixedRecall: pct(t.prefixedFound, t.prefixedPlanted),
    contextRecall: pct(t.contextFound, t.contextPlanted),
    genericRecall: pct(t.genericFound, t.genericPlanted),
    precision: pct(t.tpLines, t.tpLines + t.fpLines),
  };
  return { ...f, line: `provider recall ${f.providerRecall.toFixed(1)}% (${t.providerFound}/${t.providerPlanted}), generic recall ${f.genericRecall.toFixed(1)}% (${t.genericFound}/${t.genericPlanted}), precision ${f.precision.toFixed(1)}% (${t.tpLines} TP / ${t.fpLines} FP lines)` };
}

const row = (label: string, t: Tally) => {
  const f = figures(t);
  return `| ${label} | ${f.providerRecall.toFixed(1)}% (${t.providerFound}/${t.providerPlanted}) | ${f.prefixedRecall.toFixed(1)}% | ${f.contextRecall.toFixed(1)}% | ${f.genericRecall.toFixed(1)}% (${t.genericFound}/${t.genericPlanted}) | ${f.precision.toFixed(1)}% | ${t.tpLines} | ${t.fpLines} |`;
};
const table = (title: string, m: Map<string, [number, number]>, onlyMissed = true) => {
  const rows = [...m].filter(([, [, missed]]) => !onlyMissed || missed > 0).sort((a, b) => b[1][1] - a[1][1] || a[0].localeCompare(b[0]));
  return [`### ${title}`, '', '| key | missed / planted |', '| --- | --- |', ...rows.map(([k, [n, missed]]) => `| ${k} | ${missed} / ${n} |`), ''];
};
const counts = (title: string, m: Map<string, number>, denominators?: Map<string, number>) => [
  `### ${title}`, '', '| key | FP lines |', '| --- | --- |',
  ...[...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `| ${k} | ${n}${denominators ? ` / ${denominators.get(k)} planted` : ''} |`), '',
];

const md = [
  '# holdout3: blind yardstick (Tidewell corpus)',
  '',
  `Seeds: ${seeds.join(', ')} (default seed ${seed}). Corpus per seed: ~${perSeed[0]?.files} files of ${perSeed[0]?.fileTypes} file types; ${shape.providers} providers, ${shape.genericKinds} generic kinds, ${shape.negatives} negatives of ${shape.negativeKinds} kinds, ${shape.placements} placements. See bench/holdout3/README.md.`,
  'A planted value is found when a finding whose severity is not `info` covers one of its lines; every other such finding is a false positive, counted once per file and line. Precision = TP lines / (TP + FP lines).',
  '',
  '| run | provider recall | prefixed | context | generic recall | precision | TP lines | FP lines |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...perSeed.map((p) => row(`seed ${p.seed}`, p.tally)),
  ...(perSeed.length > 1 ? [row(`pooled (${perSeed.length} seeds)`, pooled)] : []),
  '',
  `Left out of the scoring (a public client key used as our own password or API key, see README): ${excludedCount} value(s) over all seeds.`,
  '',
  `CLI time per seed: ${perSeed.map((p) => `${p.seconds.toFixed(1)} s`).join(', ')}. Files the CLI skipped: ${perSeed.map((p) => p.skipped).join(', ')}.`,
  '',
  `## Misses${perSeed.length > 1 ? ' (pooled)' : ''}`,
  '',
  ...table('By kind', missByKind),
  ...table('By placement', missByPlacement),
  ...table('By file type', missByFileType),
  `## False positives${perSeed.length > 1 ? ' (pooled)' : ''}`,
  '',
  ...counts('By rule', fpByRule),
  ...counts('By negative kind', fpByNegative, negPlanted),
  ...counts('On lines without a label (file of placement)', fpUnlabelled),
  `## Missed values, seed ${seed} (location only)`,
  '',
  ...missList.map((m) => `- ${m}`),
  '',
  `## False-positive lines, seed ${seed} (location only)`,
  '',
  ...fpList.map((m) => `- ${m}`),
  '',
].join('\n');

const summary = {
  seeds,
  defaultSeed: seed,
  perSeed: perSeed.map((p) => ({ seed: p.seed, files: p.files, ...figuresOnly(p.tally), counts: p.tally })),
  pooled: { ...figuresOnly(pooled), counts: pooled },
};
function figuresOnly(t: Tally) {
  const { line: _line, ...f } = figures(t);
  return f;
}
const json = JSON.stringify(summary, null, 2) + '\n';

// No planted value may reach a report: searched for, not assumed.
const allSecrets = seeds.flatMap((s) => buildCorpus(s).planted.flatMap((p) => p.secretParts)).filter((x) => x.length >= 8);
for (const x of allSecrets) if (md.includes(x) || json.includes(x)) leaks.push('a planted value appears in the holdout3 report');
if (leaks.length) {
  console.error(`holdout3: LEAK: ${[...new Set(leaks)].join('; ')}. Nothing written.`);
  process.exit(1);
}
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'holdout3.md'), md);
writeFileSync(join(OUT_DIR, 'holdout3.json'), json);
console.log(`${perSeed.length > 1 ? `pooled: ${figures(pooled).line}\n` : ''}wrote bench/.cache/holdout3.md and bench/.cache/holdout3.json`);
