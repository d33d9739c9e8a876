/**
 * `npm run bench:holdout5`: the sixth blind yardstick. Writes a health-care company's repositories (bench/holdout5/
 * tree/*.tpl, values drawn per seed) into a temp folder, runs the built CLI on it, and scores what it reports.
 *
 *   tsx bench/holdout5/run.ts [--seed N] [--seeds K] [--keep DIR]
 *
 * --seed N (default 1) is the reported seed; --seeds K also runs seeds 1..K and pools them; --keep DIR leaves each
 * tree in DIR/seed-N. Writes bench/.cache/holdout5.md and bench/.cache/holdout5.json. Exits non-zero when a planted
 * value appears in the CLI's output or in either report (see README.md).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { providers } from './catalog';
import { fileType, render, type Label } from './render';

const here = dirname(new URL(import.meta.url).pathname);
const root = resolve(here, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const cacheDir = join(root, 'bench', '.cache');

interface Finding {
  ruleId: string;
  severity: string;
  path: string;
  range: { start: { line: number }; end: { line: number } };
}

interface Miss {
  seed: number;
  cls: string;
  kind: string;
  placement: string;
  file: string;
  line: number;
}

interface FalsePositive {
  seed: number;
  file: string;
  line: number;
  rules: string[];
  negativeKind: string;
}

interface SeedResult {
  seed: number;
  files: number;
  labels: Label[];
  found: boolean[];
  truePositiveLines: number;
  falsePositives: FalsePositive[];
  cliSeconds: number;
  leaks: number;
}

function parseArgs(argv: string[]): { seed: number; seeds: number; keep?: string } {
  const out: { seed: number; seeds: number; keep?: string } = { seed: 1, seeds: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') out.seed = Number(next());
    else if (a === '--seeds') out.seeds = Number(next());
    else if (a === '--keep') out.keep = resolve(next());
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(out.seed) || !Number.isInteger(out.seeds)) throw new Error('--seed and --seeds take integers');
  return out;
}


function runSeed(seed: number, keep: string | undefined): SeedResult {
  const { files, labels } = render(seed, join(here, 'tree'));
  const dir = keep ? join(keep, `seed-${seed}`) : mkdtempSync(join(tmpdir(), `holdout5-${seed}-`));
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const configHome = mkdtempSync(join(tmpdir(), 'holdout5-config-'));
  const started = Date.now();
  const proc = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', '.'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // Keep the fingerprint salts the scan writes out of the user's own config folder.
    env: { ...process.env, XDG_CONFIG_HOME: configHome, HOME: configHome },
  });
  const cliSeconds = (Date.now() - started) / 1000;
  rmSync(configHome, { recursive: true, force: true });
  if (proc.status !== 0 && proc.status !== 1) throw new Error(`seed ${seed}: scan exited ${proc.status}: ${proc.stderr.slice(0, 2000)}`);
  const cliOutput = proc.stdout + proc.stderr;
  const needles = labels.flatMap((l) => l.needles);
  const leaks = needles.filter((n) => cliOutput.includes(n)).length;
  const report = JSON.parse(proc.stdout) as { findings: Finding[] };
  if (!keep) rmSync(dir, { recursive: true, force: true });

  const byFile = new Map<string, Label[]>();
  for (const l of labels) (byFile.get(l.file) ?? byFile.set(l.file, []).get(l.file)!).push(l);
  const found = labels.map(() => false);
  const index = new Map(labels.map((l, i) => [l, i]));
  const fpByLine = new Map<string, FalsePositive>();
  const tpLines = new Set<string>();
  for (const f of report.findings) {
    if (f.severity === 'info') continue;
    const file = f.path.replace(/^\.\//, '').split('\\').join('/');
    const start = f.range.start.line + 1;
    const end = f.range.end.line + 1;
    const here = (byFile.get(file) ?? []).filter((l) => l.startLine <= end && l.endLine >= start);
    const positives = here.filter((l) => l.cls !== 'negative');
    if (positives.length) {
      for (const p of positives) found[index.get(p)!] = true;
      tpLines.add(`${file}:${start}`);
      continue;
    }
    const key = `${file}:${start}`;
    const fp = fpByLine.get(key) ?? { seed, file, line: start, rules: [], negativeKind: here[0]?.kind ?? '(unlabelled line)' };
    if (!fp.rules.includes(f.ruleId)) fp.rules.push(f.ruleId);
    fpByLine.set(key, fp);
  }
  return { seed, files: files.size, labels, found, truePositiveLines: tpLines.size, falsePositives: [...fpByLine.values()], cliSeconds, leaks };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const providerClass = new Map(providers.map((p) => [p.id, p.cls]));

interface Figures {
  providerRecall: number;
  providerPrefixedRecall: number;
  providerContextRecall: number;
  genericRecall: number;
  precision: number;
  providerPlanted: number;
  providerFound: number;
  prefixedPlanted: number;
  prefixedFound: number;
  contextPlanted: number;
  contextFound: number;
  genericPlanted: number;
  genericFound: number;
  truePositiveLines: number;
  falsePositives: number;
  negatives: number;
}

function figures(results: SeedResult[]): Figures {
  let pp = 0, pf = 0, xp = 0, xf = 0, cp = 0, cf = 0, gp = 0, gf = 0, tp = 0, fp = 0, neg = 0;
  for (const r of results) {
    r.labels.forEach((l, i) => {
      const hit = r.found[i] ? 1 : 0;
      if (l.cls === 'provider') {
        pp++; pf += hit;
        if (providerClass.get(l.kind) === 'prefixed') { xp++; xf += hit; } else { cp++; cf += hit; }
      } else if (l.cls === 'generic') { gp++; gf += hit; } else neg++;
    });
    tp += r.truePositiveLines;
    fp += r.falsePositives.length;
  }
  return {
    providerRecall: ratio(pf, pp), providerPrefixedRecall: ratio(xf, xp), providerContextRecall: ratio(cf, cp),
    genericRecall: ratio(gf, gp), precision: ratio(tp, tp + fp),
    providerPlanted: pp, providerFound: pf, prefixedPlanted: xp, prefixedFound: xf, contextPlanted: cp, contextFound: cf,
    genericPlanted: gp, genericFound: gf, truePositiveLines: tp, falsePositives: fp, negatives: neg,
  };
}

function misses(results: SeedResult[]): Miss[] {
  return results.flatMap((r) => r.labels.flatMap((l, i) => (l.cls === 'negative' || r.found[i] ? [] : [{ seed: r.seed, cls: l.cls, kind: l.kind, placement: l.placement, file: l.file, line: l.startLine }])));
}

function tally<T>(items: T[], key: (t: T) => string): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function table(title: string, rows: Array<[string, number]>, limit = 60): string {
  if (!rows.length) return `**${title}**: none\n`;
  const shown = rows.slice(0, limit).map(([k, n]) => `| ${k.replace(/\|/g, '\\|')} | ${n} |`).join('\n');
  const more = rows.length > limit ? `\n\n(${rows.length - limit} more rows)` : '';
  return `**${title}**\n\n| | count |\n| --- | --- |\n${shown}${more}\n`;
}

function inventory(r: SeedResult): Record<string, number> {
  const pos = r.labels.filter((l) => l.cls !== 'negative');
  const prov = r.labels.filter((l) => l.cls === 'provider');
  return {
    files: r.files,
    fileTypes: new Set([...new Set(r.labels.map((l) => l.file))].map(fileType)).size,
    providerKinds: new Set(prov.map((l) => l.kind)).size,
    providerCompanies: new Set(prov.map((l) => providers.find((p) => p.id === l.kind)!.company)).size,
    providerPlants: prov.length,
    genericKinds: new Set(r.labels.filter((l) => l.cls === 'generic').map((l) => l.kind)).size,
    genericPlants: r.labels.filter((l) => l.cls === 'generic').length,
    placements: new Set(pos.map((l) => l.placement)).size,
    negativeKinds: new Set(r.labels.filter((l) => l.cls === 'negative').map((l) => l.kind)).size,
    negatives: r.labels.filter((l) => l.cls === 'negative').length,
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const seeds = [...new Set([args.seed, ...Array.from({ length: args.seeds }, (_, i) => i + 1)])];
  const results: SeedResult[] = [];
  for (const seed of seeds) {
    const r = runSeed(seed, args.keep);
    results.push(r);
    const f = figures([r]);
    console.log(`seed ${seed}: provider ${pct(f.providerRecall)} (prefixed ${pct(f.providerPrefixedRecall)}, context ${pct(f.providerContextRecall)}), generic ${pct(f.genericRecall)}, precision ${pct(f.precision)} (${f.falsePositives} FP) in ${r.cliSeconds.toFixed(1)} s`);
  }
  const main = results.find((r) => r.seed === args.seed)!;
  const mainFig = figures([main]);
  const pooled = figures(results);
  const inv = inventory(main);

  // Coverage check: the brief asks for every provider at least twice, in different placements.
  const thin = providers.filter((p) => {
    const ls = main.labels.filter((l) => l.cls === 'provider' && l.kind === p.id);
    return ls.length < 2 || new Set(ls.map((l) => l.placement)).size < 2;
  }).map((p) => p.id);

  const allMisses = misses(results);
  const mainMisses = misses([main]);
  const fps = results.flatMap((r) => r.falsePositives);
  const mainFps = main.falsePositives;
  const leaks = results.reduce((a, r) => a + r.leaks, 0);

  const md = [
    '# holdout5: blind yardstick (health-care scheduling and telemedicine)',
    '',
    `Seed ${args.seed}${seeds.length > 1 ? `; pooled over seeds ${seeds.join(', ')}` : ''}. Built CLI: \`node dist/cli.js scan --format json\`.`,
    'A planted value is found when a finding whose severity is not `info` covers its line(s); every other such finding is',
    'a false positive, counted once per file and line. No planted value appears in this report.',
    '',
    '| figure | seed ' + args.seed + (seeds.length > 1 ? ' | pooled' : '') + ' |',
    '| --- | --- |' + (seeds.length > 1 ? ' --- |' : ''),
    ...([
      ['provider-key recall', (f: Figures) => `${pct(f.providerRecall)} (${f.providerFound}/${f.providerPlanted})`],
      ['— prefixed providers', (f: Figures) => `${pct(f.providerPrefixedRecall)} (${f.prefixedFound}/${f.prefixedPlanted})`],
      ['— context-only providers', (f: Figures) => `${pct(f.providerContextRecall)} (${f.contextFound}/${f.contextPlanted})`],
      ['generic-secret recall', (f: Figures) => `${pct(f.genericRecall)} (${f.genericFound}/${f.genericPlanted})`],
      ['precision', (f: Figures) => `${pct(f.precision)} (${f.truePositiveLines} TP lines, ${f.falsePositives} FP lines)`],
    ] as Array<[string, (f: Figures) => string]>).map(([name, fmt]) => `| ${name} | ${fmt(mainFig)}${seeds.length > 1 ? ` | ${fmt(pooled)}` : ''} |`),
    '',
    `Inventory (seed ${args.seed}): ${Object.entries(inv).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    thin.length ? `Providers planted fewer than twice or in one placement only: ${thin.join(', ')}.` : 'Every provider is planted at least twice, in at least two placements.',
    `Leak check: ${leaks === 0 ? 'no planted value in the CLI output' : `${leaks} planted values found in the CLI output`}.`,
    '',
    `## Misses (seed ${args.seed}: ${mainMisses.length}; pooled: ${allMisses.length})`,
    '',
    table('Misses by kind (pooled)', tally(allMisses, (m) => `${m.cls}: ${m.kind}${m.cls === 'provider' ? ` (${providerClass.get(m.kind)})` : ''}`)),
    table('Misses by placement (pooled)', tally(allMisses, (m) => m.placement)),
    table('Misses by file type (pooled)', tally(allMisses, (m) => fileType(m.file))),
    table(`Missed lines (seed ${args.seed})`, mainMisses.map((m) => [`${m.file}:${m.line} — ${m.cls} ${m.kind} @ ${m.placement}`, 1] as [string, number]), 400),
    `## False positives (seed ${args.seed}: ${mainFps.length}; pooled: ${fps.length})`,
    '',
    table('FPs by rule (pooled)', tally(fps.flatMap((f) => f.rules.map((r) => ({ r }))), (x) => x.r)),
    table('FPs by negative kind (pooled)', tally(fps, (f) => f.negativeKind)),
    table('FPs by file type (pooled)', tally(fps, (f) => fileType(f.file))),
    table(`FP lines (seed ${args.seed})`, mainFps.map((f) => [`${f.file}:${f.line} — ${f.negativeKind} — ${f.rules.join(', ')}`, 1] as [string, number]), 400),
  ].join('\n');

  const summary = {
    corpus: 'holdout5',
    seed: args.seed,
    seeds,
    figures: { seed: mainFig, pooled },
    providerRecall: mainFig.providerRecall,
    providerPrefixedRecall: mainFig.providerPrefixedRecall,
    providerContextRecall: mainFig.providerContextRecall,
    genericRecall: mainFig.genericRecall,
    precision: mainFig.precision,
    pooled: { providerRecall: pooled.providerRecall, providerPrefixedRecall: pooled.providerPrefixedRecall, providerContextRecall: pooled.providerContextRecall, genericRecall: pooled.genericRecall, precision: pooled.precision },
    perSeed: results.map((r) => ({ seed: r.seed, ...figures([r]), cliSeconds: r.cliSeconds })),
    inventory: inv,
    thinProviders: thin,
  };
  const json = JSON.stringify(summary, null, 2) + '\n';

  // Last line of defence: neither report may carry a planted value.
  const reportLeaks = results.flatMap((r) => r.labels.flatMap((l) => l.needles)).filter((n) => md.includes(n) || json.includes(n)).length;
  mkdirSync(cacheDir, { recursive: true });
  if (reportLeaks === 0) {
    writeFileSync(join(cacheDir, 'holdout5.md'), md + '\n');
    writeFileSync(join(cacheDir, 'holdout5.json'), json);
  }
  console.log(`seed ${args.seed}: provider ${pct(mainFig.providerRecall)}, generic ${pct(mainFig.genericRecall)}, precision ${pct(mainFig.precision)}`);
  if (seeds.length > 1) console.log(`pooled (${seeds.length} seeds): provider ${pct(pooled.providerRecall)} (prefixed ${pct(pooled.providerPrefixedRecall)}, context ${pct(pooled.providerContextRecall)}), generic ${pct(pooled.genericRecall)}, precision ${pct(pooled.precision)}`);
  console.log(`wrote ${join('bench', '.cache', 'holdout5.md')} and holdout5.json`);
  if (leaks > 0 || reportLeaks > 0) {
    console.error(`LEAK: ${leaks} planted values in the CLI output, ${reportLeaks} in the reports (reports not written when they leak)`);
    process.exit(1);
  }
}

main();
