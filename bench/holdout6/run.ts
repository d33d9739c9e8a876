/**
 * `npm run bench:holdout6`: writes the seeded neobank monorepo (bench/holdout6/README.md), scans it with the built
 * CLI and scores the findings against what was planted.
 *
 *   tsx bench/holdout6/run.ts [--seed N] [--seeds K] [--keep DIR]
 *
 * --seed N (default 1) is the reported seed; --seeds K also runs seeds 1..K and pools them; --keep DIR keeps each
 * tree in DIR/seed-N. Writes bench/.cache/holdout6.md and bench/.cache/holdout6.json. Exits non-zero when a planted
 * value is missing from its tree (the leak check would be empty) or appears in the CLI's output or the report.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate, type Planted } from './tree';
import { GENERIC, NEGATIVES, PROVIDERS } from './catalog';
import { PLACEMENTS } from './placements';

const ROOT = resolve(__dirname, '..', '..');
const CACHE = join(ROOT, 'bench', '.cache');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Finding {
  ruleId: string;
  severity: string;
  path: string;
  range: { start: { line: number }; end: { line: number } };
}

interface Ratio {
  hits: number;
  total: number;
}

interface SeedResult {
  seed: number;
  files: number;
  fileTypes: number;
  planted: Planted[];
  hit: Set<Planted>;
  /** One per file and line: `path:line` with the rule and what sat there. */
  fps: { key: string; path: string; line: number; rule: string; what: string; placement: string }[];
  tpLines: number;
  seconds: number;
  cliOutput: string;
}

function args() {
  const a = process.argv.slice(2);
  const val = (name: string) => {
    const i = a.indexOf(name);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const seed = Number(val('--seed') ?? 1);
  const seeds = Number(val('--seeds') ?? 0);
  if (!Number.isInteger(seed) || seed < 1 || !Number.isInteger(seeds) || seeds < 0) throw new Error('--seed and --seeds take positive integers');
  const list = [seed, ...Array.from({ length: seeds }, (_, i) => i + 1).filter((s) => s !== seed)];
  return { seed, list, keep: val('--keep') };
}

function runSeed(seed: number, keep: string | undefined): SeedResult {
  const dir = keep ? join(resolve(keep), `seed-${seed}`) : mkdtempSync(join(tmpdir(), 'rr-holdout6-'));
  if (keep) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const tree = generate(seed, dir);
    // The leak check is only as good as its inputs: every planted value must really be in its file, on its line.
    for (const p of tree.planted) {
      if (p.role === 'negative') continue;
      const text = readFileSync(join(dir, p.path), 'utf8');
      const lines = text.split('\n');
      const first = p.written.split('\n')[0]!;
      if (!text.includes(p.written) || !lines[p.startLine]!.includes(first))
        throw new Error(`seed ${seed}: planted ${p.kind} not found at ${p.path}:${p.startLine + 1}`);
    }
    const started = Date.now();
    const out = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '--jobs', '2', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const seconds = (Date.now() - started) / 1000;
    if (out.status !== 0 && out.status !== 1) throw new Error(`scan failed (exit ${out.status}): ${out.stderr.slice(0, 500)}`);
    const report = JSON.parse(out.stdout) as { findings: Finding[] };
    return { ...score(tree.planted, report.findings.filter((f) => f.severity !== 'info')), seed, files: tree.files, fileTypes: tree.fileTypes.size, planted: tree.planted, seconds, cliOutput: out.stdout + out.stderr };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

function score(planted: Planted[], findings: Finding[]) {
  const byPath = new Map<string, Planted[]>();
  for (const p of planted) byPath.set(p.path, [...(byPath.get(p.path) ?? []), p]);
  const overlaps = (p: Planted, f: Finding) => f.range.start.line <= p.endLine && f.range.end.line >= p.startLine;
  const hit = new Set<Planted>();
  const fps = new Map<string, SeedResult['fps'][number]>();
  const tp = new Set<string>();
  for (const f of findings) {
    const here = byPath.get(f.path) ?? [];
    const secrets = here.filter((p) => p.role !== 'negative' && overlaps(p, f));
    const key = `${f.path}:${f.range.start.line + 1}`;
    if (secrets.length) {
      secrets.forEach((p) => hit.add(p));
      tp.add(key);
      continue;
    }
    if (fps.has(key)) continue;
    const neg = here.find((p) => overlaps(p, f));
    fps.set(key, { key, path: f.path, line: f.range.start.line + 1, rule: f.ruleId, what: neg ? neg.kind : 'background (no planted item)', placement: neg?.placement ?? here[0]?.placement ?? 'background file' });
  }
  return { hit, fps: [...fps.values()], tpLines: tp.size };
}

const ratio = (hits: number, total: number): Ratio => ({ hits, total });
const pct = (r: Ratio) => (r.total ? `${((100 * r.hits) / r.total).toFixed(1)}%` : 'n/a');
const show = (r: Ratio) => `${pct(r)} (${r.hits}/${r.total})`;

function figures(results: SeedResult[]) {
  const all = results.flatMap((r) => r.planted.map((p) => ({ p, hit: r.hit.has(p) })));
  const rate = (pred: (p: Planted) => boolean) => {
    const xs = all.filter(({ p }) => pred(p));
    return ratio(xs.filter((x) => x.hit).length, xs.length);
  };
  const tp = results.reduce((a, r) => a + r.tpLines, 0);
  const fp = results.reduce((a, r) => a + r.fps.length, 0);
  return {
    providerRecall: rate((p) => p.role === 'provider'),
    providerPrefixedRecall: rate((p) => p.role === 'provider' && p.cls === 'prefixed'),
    providerContextRecall: rate((p) => p.role === 'provider' && p.cls === 'context'),
    genericRecall: rate((p) => p.role === 'generic'),
    precision: ratio(tp, tp + fp),
  };
}

function tally<T>(xs: T[], key: (x: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function missTable(results: SeedResult[], key: (p: Planted) => string, title: string): string {
  const all = results.flatMap((r) => r.planted.filter((p) => p.role !== 'negative').map((p) => ({ p, hit: r.hit.has(p) })));
  const groups = new Map<string, { miss: number; total: number }>();
  for (const { p, hit } of all) {
    const g = groups.get(key(p)) ?? { miss: 0, total: 0 };
    g.total++;
    if (!hit) g.miss++;
    groups.set(key(p), g);
  }
  const rows = [...groups.entries()].filter(([, g]) => g.miss).sort((a, b) => b[1].miss - a[1].miss || a[0].localeCompare(b[0]));
  return [`### Misses by ${title}`, '', `| ${title} | missed | planted |`, '| --- | ---: | ---: |', ...rows.map(([k, g]) => `| ${k} | ${g.miss} | ${g.total} |`), ''].join('\n');
}

function main(): void {
  const { seed, list, keep } = args();
  const started = Date.now();
  const results = list.map((s) => {
    const r = runSeed(s, keep);
    console.error(`seed ${s}: ${r.planted.length} items in ${r.files} files, scan ${r.seconds.toFixed(1)} s`);
    return r;
  });
  const main = results.find((r) => r.seed === seed)!;
  const pooled = figures(results);
  const perSeed = results.map((r) => ({ seed: r.seed, files: r.files, fileTypes: r.fileTypes, scanSeconds: r.seconds, ...figures([r]) }));
  const m = main.planted;
  const placementsUsed = new Set(m.map((p) => p.placement)).size;

  const md: string[] = [
    '# holdout6: neobank / brokerage / crypto-wallet monorepo (blind)',
    '',
    `Seed ${seed}: ${m.length} planted items in ${main.files} files of ${main.fileTypes} file types; ` +
      `${PROVIDERS.length} provider key types, ${GENERIC.length} generic secret kinds, ${NEGATIVES.length} negative kinds, ${placementsUsed} placements used (${PLACEMENTS.length} defined).`,
    `Found = a non-info finding on the value's line(s); every other non-info finding is a false positive, once per file and line.`,
    '',
    '| figure | seed ' + seed + (results.length > 1 ? ` | pooled seeds ${list.slice().sort((a, b) => a - b).join(',')}` : '') + ' |',
    '| --- | --- |' + (results.length > 1 ? ' --- |' : ''),
    ...(['providerRecall', 'providerPrefixedRecall', 'providerContextRecall', 'genericRecall', 'precision'] as const).map(
      (k) => `| ${k} | ${show(perSeed.find((x) => x.seed === seed)![k])}` + (results.length > 1 ? ` | ${show(pooled[k])}` : '') + ' |',
    ),
    '',
    `## Breakdown (${results.length > 1 ? 'pooled over all seeds run' : `seed ${seed}`})`,
    '',
    missTable(results, (p) => `${p.role}: ${p.kind}${p.cls ? ` (${p.cls})` : ''}`, 'kind'),
    missTable(results, (p) => `${p.placement} (${p.group})`, 'placement'),
    missTable(results, (p) => p.fileType, 'file type'),
    '### False positives by rule',
    '',
    '| rule | FPs |',
    '| --- | ---: |',
    ...tally(results.flatMap((r) => r.fps), (f) => f.rule).map(([k, n]) => `| ${k} | ${n} |`),
    '',
    '### False positives by negative kind',
    '',
    '| what was on the line | FPs | planted |',
    '| --- | ---: | ---: |',
    ...tally(results.flatMap((r) => r.fps), (f) => f.what).map(([k, n]) => `| ${k} | ${n} | ${results.flatMap((r) => r.planted).filter((p) => p.kind === k && p.role === 'negative').length || '-'} |`),
    '',
    `## Seed ${seed}: misses`,
    '',
    ...m.filter((p) => p.role !== 'negative' && !main.hit.has(p)).map((p) => `- ${p.path}:${p.startLine + 1} — ${p.kind} @ ${p.placement}`),
    '',
    `## Seed ${seed}: false positives`,
    '',
    ...main.fps.map((f) => `- ${f.key} — ${f.what} @ ${f.placement} (rule ${f.rule})`),
    '',
    `Per seed: ${perSeed.map((x) => `seed ${x.seed} provider ${pct(x.providerRecall)}, generic ${pct(x.genericRecall)}, precision ${pct(x.precision)}`).join('; ')}.`,
    `Total time ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    '',
  ];
  const report = md.join('\n');
  const summary = JSON.stringify({ corpus: 'holdout6', ...perSeed.find((x) => x.seed === seed)!, seeds: list, pooled, perSeed }, null, 2) + '\n';

  // Secrets never leak: no planted value (nor a line of a PEM) may appear in what the CLI printed or what we write.
  const leaks: string[] = [];
  for (const r of results)
    for (const p of r.planted) {
      if (p.role === 'negative') continue;
      const needles = [p.value, p.written, ...p.value.split('\n').filter((l) => l.length >= 20 && !l.startsWith('-----'))];
      for (const [where, text] of [['CLI output', r.cliOutput], ['report', report], ['summary', summary]] as const)
        if (needles.some((x) => text.includes(x))) leaks.push(`seed ${r.seed}: ${p.kind} @ ${p.placement} appears in the ${where}`);
    }
  mkdirSync(CACHE, { recursive: true });
  if (leaks.length) {
    console.error(`LEAK: ${leaks.length} planted values appear in output:\n${leaks.slice(0, 20).join('\n')}`);
    process.exit(3);
  }
  writeFileSync(join(CACHE, 'holdout6.md'), report);
  writeFileSync(join(CACHE, 'holdout6.json'), summary);
  console.log(report.split('\n').slice(0, 14).join('\n'));
}

main();
