// Holdout 4: writes Kestrel Freight's repositories for each seed into a temporary folder, scans them with the built
// CLI (node dist/cli.js scan --format json), and scores the findings against the planted labels.
//
//   tsx bench/holdout4/run.ts [--seed N] [--seeds K] [--keep DIR]
//
// Writes bench/.cache/holdout4.md and bench/.cache/holdout4.json. Exits 1 if a planted secret value appears in
// the CLI's output or in either report, 2 on a usage or CLI error.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generate, type Corpus, type PlantedItem } from './generate';
import { PROVIDERS } from './providers';
import { GENERICS, NEGATIVES } from './generics';
import { PLACEMENTS } from './placements';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const OUT_DIR = join(ROOT, 'bench', '.cache');

interface Finding {
  ruleId: string;
  kind?: string;
  severity: string;
  path: string;
  range: { start: { line: number }; end: { line: number } };
}

interface Counts {
  provider: number; providerFound: number;
  prefixed: number; prefixedFound: number;
  context: number; contextFound: number;
  generic: number; genericFound: number;
  tpLines: number; fpLines: number;
  negatives: number; negativesFlagged: number;
}

interface SeedResult {
  seed: number;
  files: number;
  seconds: number;
  counts: Counts;
  misses: PlantedItem[];
  fps: { path: string; line: number; rule: string; findingKind: string; negativeKind: string; placement: string }[];
  leaks: string[];
}

const zero = (): Counts => ({
  provider: 0, providerFound: 0, prefixed: 0, prefixedFound: 0, context: 0, contextFound: 0,
  generic: 0, genericFound: 0, tpLines: 0, fpLines: 0, negatives: 0, negativesFlagged: 0,
});

function figures(c: Counts) {
  const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);
  return {
    providerRecall: ratio(c.providerFound, c.provider),
    providerPrefixedRecall: ratio(c.prefixedFound, c.prefixed),
    providerContextRecall: ratio(c.contextFound, c.context),
    genericRecall: ratio(c.genericFound, c.generic),
    precision: ratio(c.tpLines, c.tpLines + c.fpLines),
    negativesClean: ratio(c.negatives - c.negativesFlagged, c.negatives),
  };
}

function writeCorpus(corpus: Corpus, dir: string): void {
  for (const [path, text] of corpus.files) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

function scan(dir: string): { findings: Finding[]; raw: string } {
  const res = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '.'], {
    cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
    // The fingerprint salt and config dir come from the environment; keep them out of the user's real config.
    env: { ...process.env, XDG_CONFIG_HOME: join(dir, '..', `.cfg-${process.pid}`) },
  });
  if (res.status !== 0 && res.status !== 1) {
    // stderr may quote a path but never a value; still, print only its first line.
    throw new Error(`CLI exited ${res.status}: ${(res.stderr ?? '').split('\n')[0]}`);
  }
  const parsed = JSON.parse(res.stdout) as { findings: Finding[] };
  return { findings: parsed.findings, raw: res.stdout };
}

function score(seed: number, corpus: Corpus, findings: Finding[], raw: string, seconds: number): SeedResult {
  const counts = zero();
  const reported = findings.filter((f) => f.severity !== 'info');
  const byPath = new Map<string, Finding[]>();
  for (const f of reported) {
    const p = f.path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!byPath.has(p)) byPath.set(p, []);
    byPath.get(p)!.push(f);
  }
  const overlaps = (f: Finding, it: PlantedItem): boolean => f.range.start.line + 1 <= it.end && f.range.end.line + 1 >= it.start;
  const secretsByPath = new Map<string, PlantedItem[]>();
  const negativesByPath = new Map<string, PlantedItem[]>();
  for (const it of corpus.items) {
    const m = it.cls === 'negative' ? negativesByPath : secretsByPath;
    if (!m.has(it.path)) m.set(it.path, []);
    m.get(it.path)!.push(it);
  }
  const misses: PlantedItem[] = [];
  for (const it of corpus.items) {
    const hit = (byPath.get(it.path) ?? []).some((f) => overlaps(f, it));
    if (it.cls === 'negative') {
      counts.negatives++;
      continue;
    }
    if (it.cls === 'provider') {
      counts.provider++;
      if (it.providerType === 'prefixed') counts.prefixed++;
      else counts.context++;
      if (hit) {
        counts.providerFound++;
        if (it.providerType === 'prefixed') counts.prefixedFound++;
        else counts.contextFound++;
      }
    } else {
      counts.generic++;
      if (hit) counts.genericFound++;
    }
    if (!hit) misses.push(it);
  }
  const tpKeys = new Set<string>();
  const fpKeys = new Map<string, SeedResult['fps'][number]>();
  const flaggedNegatives = new Set<string>();
  for (const [path, fs] of byPath) {
    for (const f of fs) {
      const line = f.range.start.line + 1;
      const key = `${path}:${line}`;
      if ((secretsByPath.get(path) ?? []).some((it) => overlaps(f, it))) {
        tpKeys.add(key);
        continue;
      }
      const neg = (negativesByPath.get(path) ?? []).find((it) => overlaps(f, it));
      if (neg) flaggedNegatives.add(neg.id);
      if (!fpKeys.has(key)) {
        fpKeys.set(key, {
          path, line, rule: f.ruleId, findingKind: f.kind ?? '?', negativeKind: neg ? neg.kind : '(unlabelled line)',
          placement: neg ? neg.placement : '(none)',
        });
      }
    }
  }
  for (const k of tpKeys) fpKeys.delete(k);
  counts.tpLines = tpKeys.size;
  counts.fpLines = fpKeys.size;
  counts.negativesFlagged = flaggedNegatives.size;
  const leaks: string[] = [];
  for (const [id, probes] of corpus.leakProbes) {
    if (probes.some((p) => raw.includes(p))) leaks.push(`seed ${seed}: the value of ${id} appears in the CLI's JSON output`);
  }
  return { seed, files: corpus.files.size, seconds, counts, misses, fps: [...fpKeys.values()], leaks };
}

function tally<T>(rows: T[], key: (r: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

function main(): number {
  const { values } = parseArgs({
    options: { seed: { type: 'string', default: '1' }, seeds: { type: 'string' }, keep: { type: 'string' } },
    strict: true,
  });
  const seed = Number(values.seed);
  const k = values.seeds ? Number(values.seeds) : 0;
  if (!Number.isInteger(seed) || seed < 1 || !Number.isInteger(k) || k < 0) {
    console.error('usage: run.ts [--seed N] [--seeds K] [--keep DIR]  (N >= 1, K >= 0)');
    return 2;
  }
  const seeds = [...new Set([seed, ...Array.from({ length: k }, (_, i) => i + 1)])];
  const keep = values.keep ? resolve(values.keep) : undefined;
  const base = keep ?? mkdtempSync(join(tmpdir(), 'rr-holdout4-'));
  const results: SeedResult[] = [];
  let inventory: Record<string, unknown> = {};
  const corpora = new Map<number, Corpus>();
  try {
    for (const s of seeds) {
      const corpus = generate(s);
      corpora.set(s, corpus);
      const dir = join(base, `seed-${s}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeCorpus(corpus, dir);
      if (keep) {
        // Labels sit beside the tree, not in it, so they are not scanned. They hold lines, never values.
        writeFileSync(join(base, `seed-${s}.labels.json`), JSON.stringify(corpus.items, null, 1) + '\n');
      }
      const started = Date.now();
      const { findings, raw } = scan(dir);
      const r = score(s, corpus, findings, raw, (Date.now() - started) / 1000);
      results.push(r);
      const f = figures(r.counts);
      console.log(`seed ${s}: ${r.files} files, provider ${pct(f.providerRecall)} (prefixed ${pct(f.providerPrefixedRecall)}, context ${pct(f.providerContextRecall)}), generic ${pct(f.genericRecall)}, precision ${pct(f.precision)} [${r.seconds.toFixed(1)} s]`);
      if (s === seed) {
        const types = new Set(corpus.items.map((i) => i.fileType));
        const allTypes = new Set([...corpus.files.keys()].map((p) => fileTypeOf(p)));
        inventory = {
          files: corpus.files.size,
          fileTypes: new Set([...types, ...allTypes]).size,
          providers: new Set(PROVIDERS.map((p) => p.provider)).size,
          providerKeyTypes: PROVIDERS.length,
          prefixedKeyTypes: PROVIDERS.filter((p) => p.type === 'prefixed').length,
          contextKeyTypes: PROVIDERS.filter((p) => p.type === 'context').length,
          genericKinds: GENERICS.length,
          negativeKinds: NEGATIVES.length,
          placements: PLACEMENTS.length,
          placementsUsed: new Set(corpus.items.map((i) => i.placement)).size,
          providerItems: corpus.items.filter((i) => i.cls === 'provider').length,
          genericItems: corpus.items.filter((i) => i.cls === 'generic').length,
          negativeItems: corpus.items.filter((i) => i.cls === 'negative').length,
        };
      }
    }
  } finally {
    if (!keep) rmSync(base, { recursive: true, force: true });
  }

  const pooled = zero();
  for (const r of results) for (const key of Object.keys(pooled) as (keyof Counts)[]) pooled[key] += r.counts[key];
  const summary = {
    name: 'holdout4',
    description: 'Blind yardstick: Kestrel Freight (logistics) repositories, written without reading the analyzer or the other corpora.',
    defaultSeed: seed,
    seeds,
    inventory,
    perSeed: results.map((r) => ({ seed: r.seed, files: r.files, seconds: r.seconds, ...figures(r.counts), counts: r.counts })),
    pooled: { seeds: results.length, ...figures(pooled), counts: pooled },
    misses: {
      byKind: tally(results.flatMap((r) => r.misses), (m) => `${m.cls}:${m.kind}`),
      byPlacement: tally(results.flatMap((r) => r.misses), (m) => m.placement),
      byFileType: tally(results.flatMap((r) => r.misses), (m) => m.fileType),
    },
    falsePositives: {
      byRule: tally(results.flatMap((r) => r.fps), (f) => f.rule),
      byFindingKind: tally(results.flatMap((r) => r.fps), (f) => f.findingKind),
      byNegativeKind: tally(results.flatMap((r) => r.fps), (f) => f.negativeKind),
      byPlacement: tally(results.flatMap((r) => r.fps), (f) => f.placement),
    },
  };
  const report = renderReport(summary, results, seed);
  const json = JSON.stringify(summary, null, 2) + '\n';

  // The reports are checked like the CLI's output: no planted value may appear in them.
  const leaks = results.flatMap((r) => r.leaks);
  for (const [s, corpus] of corpora) {
    for (const [id, probes] of corpus.leakProbes) {
      if (probes.some((p) => report.includes(p) || json.includes(p))) leaks.push(`seed ${s}: the value of ${id} appears in the holdout4 report`);
    }
  }
  mkdirSync(OUT_DIR, { recursive: true });
  if (leaks.length === 0) {
    writeFileSync(join(OUT_DIR, 'holdout4.md'), report);
    writeFileSync(join(OUT_DIR, 'holdout4.json'), json);
  }
  const p = figures(pooled);
  console.log(`pooled (${results.length} seeds): provider ${pct(p.providerRecall)} (prefixed ${pct(p.providerPrefixedRecall)}, context ${pct(p.providerContextRecall)}), generic ${pct(p.genericRecall)}, precision ${pct(p.precision)}`);
  if (leaks.length > 0) {
    for (const l of leaks) console.error(`LEAK: ${l}`);
    console.error('holdout4: a planted value leaked; reports not written.');
    return 1;
  }
  console.log(`wrote ${join('bench', '.cache', 'holdout4.md')} and holdout4.json`);
  return 0;
}

function fileTypeOf(path: string): string {
  const name = path.split('/').pop()!;
  if (/^(Makefile|Dockerfile|Procfile|CODEOWNERS|WORKSPACE\.bazel|BUILD\.bazel)$/.test(name)) return name;
  const m = /\.([^.]+)$/.exec(name);
  return m ? m[1]! : name;
}

function renderReport(summary: unknown, results: SeedResult[], seed: number): string {
  const s = summary as {
    inventory: Record<string, number>;
    perSeed: ({ seed: number; files: number; seconds: number } & ReturnType<typeof figures> & { counts: Counts })[];
    pooled: ReturnType<typeof figures> & { counts: Counts; seeds: number };
    misses: Record<string, [string, number][]>;
    falsePositives: Record<string, [string, number][]>;
  };
  const out: string[] = [];
  out.push('# Holdout 4 (blind): Kestrel Freight', '');
  out.push('Written without reading the analyzer, its tests, its rule docs or the other corpora (see bench/holdout4/README.md).');
  out.push('A planted secret is found when a finding that is not `info` touches its line(s); every other such finding is a');
  out.push('false positive, counted once per file and line. Precision = finding lines on planted secrets / all finding lines.', '');
  out.push('## Figures', '');
  out.push('| seed | files | provider recall | prefixed | context | generic recall | precision | negatives clean | FP lines | scan s |');
  out.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of s.perSeed) {
    out.push(`| ${r.seed}${r.seed === seed ? ' (default)' : ''} | ${r.files} | ${pct(r.providerRecall)} (${r.counts.providerFound}/${r.counts.provider}) | ${pct(r.providerPrefixedRecall)} (${r.counts.prefixedFound}/${r.counts.prefixed}) | ${pct(r.providerContextRecall)} (${r.counts.contextFound}/${r.counts.context}) | ${pct(r.genericRecall)} (${r.counts.genericFound}/${r.counts.generic}) | ${pct(r.precision)} | ${pct(r.negativesClean)} | ${r.counts.fpLines} | ${r.seconds.toFixed(1)} |`);
  }
  const p = s.pooled;
  out.push(`| **pooled (${p.seeds})** | | **${pct(p.providerRecall)}** (${p.counts.providerFound}/${p.counts.provider}) | **${pct(p.providerPrefixedRecall)}** | **${pct(p.providerContextRecall)}** | **${pct(p.genericRecall)}** (${p.counts.genericFound}/${p.counts.generic}) | **${pct(p.precision)}** | ${pct(p.negativesClean)} | ${p.counts.fpLines} | |`, '');
  out.push('## Inventory (default seed)', '');
  for (const [k, v] of Object.entries(s.inventory)) out.push(`- ${k}: ${v}`);
  out.push('');
  const table = (title: string, rows: [string, number][], limit = 40): void => {
    out.push(`### ${title}`, '');
    if (rows.length === 0) {
      out.push('(none)', '');
      return;
    }
    out.push('| what | count |', '|---|---|');
    for (const [k, v] of rows.slice(0, limit)) out.push(`| ${k} | ${v} |`);
    if (rows.length > limit) out.push(`| … ${rows.length - limit} more | |`);
    out.push('');
  };
  out.push(`## Misses (all ${results.length} seeds pooled)`, '');
  table('By kind (provider id, generic kind)', s.misses.byKind!, 80);
  table('By placement', s.misses.byPlacement!, 80);
  table('By file type', s.misses.byFileType!);
  out.push(`## False positives (all ${results.length} seeds pooled)`, '');
  table('By rule', s.falsePositives.byRule!);
  table('By finding kind', s.falsePositives.byFindingKind!);
  table('By negative kind', s.falsePositives.byNegativeKind!, 60);
  table('By placement of the negative', s.falsePositives.byPlacement!, 60);
  return out.join('\n') + '\n';
}

process.exitCode = main();
