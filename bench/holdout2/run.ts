/**
 * `npm run bench:holdout2`: a third blind yardstick. Generates a seeded corpus of realistic project files with planted
 * provider keys, generic secrets and negatives (labels: file + line + kind), scans it with the built CLI
 * (dist/cli.js, `scan --format json`) and scores it. Writes bench/.cache/holdout2.md and bench/.cache/holdout2.json.
 *
 *   tsx bench/holdout2/run.ts [--seed N] [--seeds K] [--keep DIR]
 *
 * --seeds K also runs seeds 1..K and adds their figures and the pooled figure to the report.
 * --keep DIR writes the corpus there and leaves it (default: a temporary folder, removed afterwards).
 * The corpus never lands in the repository; the reports hold no planted value (checked before they are written).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Planter, type Plant } from './plant';
import { FILLERS, FILLER_NEGATIVES, TEMPLATES } from './templates';
import { TEMPLATES2 } from './templates2';
import { PROVIDERS, Rng } from './values';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
const CACHE = join(ROOT, 'bench', '.cache');
const CLI = join(ROOT, 'dist', 'cli.js');
export const DEFAULT_SEED = 20261207;

interface Finding {
  ruleId: string;
  provider: string;
  severity: string;
  path: string;
  range: { start: { line: number }; end: { line: number } };
}

export function generate(seed: number): Planter {
  const t = new Planter(new Rng(seed));
  for (const template of [...TEMPLATES, ...TEMPLATES2]) template(t);
  // Every provider at least twice overall: the ones the templates drew less go into filler files, rotating placements.
  const count = new Map<string, number>(PROVIDERS.map((p) => [p.id, t.plants.filter((x) => x.kind === 'provider' && x.cls === p.id).length]));
  const lines = new Map<string, string[]>();
  let n = 0;
  for (const round of [1, 2]) {
    for (const p of PROVIDERS) {
      if (count.get(p.id)! >= round) continue;
      count.set(p.id, count.get(p.id)! + 1);
      const filler = FILLERS[n++ % FILLERS.length]!;
      const k = t.prov(filler.placement, { id: p.id });
      lines.set(filler.file, [...(lines.get(filler.file) ?? []), filler.line(k.env, k.m)]);
    }
  }
  let negIndex = 0;
  for (const filler of FILLERS) {
    const bucket = lines.get(filler.file) ?? [];
    for (let i = 0; i < 2; i++) bucket.splice(Math.min(bucket.length, 1 + i * 2), 0, filler.line('PARTNER_API_KEY', FILLER_NEGATIVES[negIndex++ % FILLER_NEGATIVES.length]!(t, filler.placement)));
    const body = bucket.join('\n');
    const text = filler.type === 'json' ? `{\n${body}\n  "schema": 2\n}\n`
      : filler.type === 'py' ? `from partner_sdk import Client\nPROVIDERS = {}\npage = 1\n${body}\n`
      : filler.type === 'ts' ? `import { createClient } from './sdk';\nconst headers = new Headers();\n${body}\n`
      : `${body}\n`;
    t.file(filler.file, filler.type, text);
  }
  t.assertComplete();
  assertLabelsHold(t);
  return t;
}

/** Every label points at lines that hold the value as written (a template bug would otherwise skew the score). */
function assertLabelsHold(t: Planter): void {
  const byPath = new Map(t.files.map((f) => [f.path, f.text.split('\n')]));
  for (const p of t.plants) {
    const span = byPath.get(p.file)!.slice(p.line, p.lineEnd + 1).join('\n');
    if (!span.includes(p.written)) throw new Error(`label ${p.kind} ${p.cls} (${p.placement}) does not hold at ${p.file}:${p.line + 1}`);
  }
}

interface ScanOutput {
  findings: Finding[];
  summary: { files: number; skipped: number };
}

function scan(dir: string): { findings: Finding[]; raw: string; files: number; skipped: number } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (node esbuild.mjs)`);
  const configDir = mkdtempSync(join(tmpdir(), 'holdout2-config-'));
  const out = join(dir, '..', 'holdout2-scan.json');
  try {
    try {
      execFileSync(process.execPath, [CLI, 'scan', '--format', 'json', '--output', out, '.'], {
        cwd: dir,
        env: { ...process.env, ROTATION_READY_CONFIG_DIR: configDir, ROTATION_READY_SALT: 'holdout2' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 1) throw new Error(`scan failed with exit code ${status}: ${String((error as { stderr?: Buffer }).stderr ?? '')}`);
    }
    const raw = readFileSync(out, 'utf8');
    const parsed = JSON.parse(raw) as ScanOutput;
    return { findings: parsed.findings, raw, files: parsed.summary.files, skipped: parsed.summary.skipped };
  } finally {
    rmSync(configDir, { recursive: true, force: true });
    rmSync(out, { force: true });
  }
}

interface Tally { total: number; found: number }
const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);

export function score(plants: Plant[], findings: Finding[]) {
  const reported = findings.filter((f) => f.severity !== 'info');
  const info = findings.filter((f) => f.severity === 'info');
  const onPlant = (p: Plant, f: Finding) => f.path === p.file && f.range.start.line <= p.lineEnd && f.range.end.line >= p.line;
  const positives = plants.filter((p) => p.kind !== 'negative');
  const found = new Map<Plant, Finding[]>();
  for (const p of positives) {
    const hits = reported.filter((f) => onPlant(p, f));
    if (hits.length) found.set(p, hits);
  }
  // A false positive: a reported finding on no planted secret's lines, counted once per file and line.
  const fpKeys = new Map<string, { file: string; line: number; rules: Set<string>; negative?: Plant }>();
  for (const f of reported) {
    if (positives.some((p) => onPlant(p, f))) continue;
    const key = `${f.path}:${f.range.start.line}`;
    const entry = fpKeys.get(key) ?? { file: f.path, line: f.range.start.line, rules: new Set<string>(), negative: plants.find((p) => p.kind === 'negative' && onPlant(p, f)) };
    entry.rules.add(f.ruleId);
    fpKeys.set(key, entry);
  }
  const fps = [...fpKeys.values()];
  const tally = (select: (p: Plant) => string, pool: Plant[]) => {
    const out = new Map<string, Tally>();
    for (const p of pool) {
      const k = select(p);
      const t = out.get(k) ?? { total: 0, found: 0 };
      t.total++;
      if (found.has(p)) t.found++;
      out.set(k, t);
    }
    return out;
  };
  const providers = positives.filter((p) => p.kind === 'provider');
  const generics = positives.filter((p) => p.kind === 'generic');
  const negatives = plants.filter((p) => p.kind === 'negative');
  const negFlagged = negatives.filter((n) => fps.some((f) => f.negative === n));
  const tp = found.size;
  const genericOnly = providers.filter((p) => found.get(p)?.every((f) => f.provider === 'Generic'));
  return {
    counts: { providers: providers.length, providerKinds: new Set(providers.map((p) => p.cls)).size, generics: generics.length, genericKinds: new Set(generics.map((p) => p.cls)).size, negatives: negatives.length, negativeKinds: new Set(negatives.map((p) => p.cls)).size, placements: new Set(plants.map((p) => p.placement)).size, secretPlacements: new Set(positives.map((p) => p.placement)).size, files: new Set(plants.map((p) => p.file)).size },
    providerRecall: { found: providers.filter((p) => found.has(p)).length, total: providers.length },
    genericRecall: { found: generics.filter((p) => found.has(p)).length, total: generics.length },
    precision: { tp, fp: fps.length },
    negativesFlagged: { flagged: negFlagged.length, total: negatives.length },
    infoFindings: info.length,
    providersOnlyByGenericRule: genericOnly.length,
    providersOnlyByGenericRuleKinds: [...new Set(genericOnly.map((p) => p.cls))].sort(),
    byPlacement: tally((p) => p.placement, positives),
    byKind: tally((p) => `${p.kind}: ${p.cls}`, positives),
    byFileType: tally((p) => p.fileType, positives),
    misses: positives.filter((p) => !found.has(p)).map((p) => ({ kind: p.kind, cls: p.cls, placement: p.placement, file: p.file, line: p.line + 1 })),
    fps: fps.map((f) => ({ file: f.file, line: f.line + 1, rules: [...f.rules].sort(), negative: f.negative ? `${f.negative.cls} (${f.negative.placement})` : 'unlabeled line' })),
  };
}

type Score = ReturnType<typeof score>;

function table(title: string, rows: Map<string, Tally>): string {
  const sorted = [...rows.entries()].sort((a, b) => a[1].found / a[1].total - b[1].found / b[1].total || a[0].localeCompare(b[0]));
  return [`### ${title}`, '', '| | found | recall |', '| --- | ---: | ---: |', ...sorted.map(([k, v]) => `| ${k} | ${v.found}/${v.total} | ${pct(v.found, v.total)} |`), ''].join('\n');
}

function topClasses(items: Array<Record<string, unknown>>, key: string, limit = 8): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(String(item[key]), (counts.get(String(item[key])) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([k, n]) => `${k} (${n})`).join('; ') || 'none';
}

function render(seed: number, s: Score, seconds: number, fileTypes: Map<string, string>, scanned: { files: number; skipped: number }): string {
  const { tp, fp } = s.precision;
  const missesWithType = s.misses.map((m) => ({ ...m, fileType: fileTypes.get(m.file) ?? '?' }));
  const fpsWithType = s.fps.map((f) => ({ ...f, fileType: fileTypes.get(f.file) ?? '?', rule: f.rules.join('+') }));
  return [
    '# Holdout2: a third blind yardstick',
    '',
    `Seed ${seed}; ${s.counts.files} files, ${s.counts.placements} placements (${s.counts.secretPlacements} holding secrets); ${s.counts.providers} provider keys (${s.counts.providerKinds} providers), ${s.counts.generics} generic secrets (${s.counts.genericKinds} kinds), ${s.counts.negatives} negatives (${s.counts.negativeKinds} kinds). Generation, scan and scoring ${seconds.toFixed(1)} s; the CLI read ${scanned.files} of ${fileTypes.size} files (${scanned.skipped} skipped).`,
    'A planted secret is found when the CLI reports a finding (not info) on its line(s); every other reported finding is a false positive (counted once per file and line). No value appears below.',
    '',
    '| Figure | Value |',
    '| --- | ---: |',
    `| Provider-key recall | ${pct(s.providerRecall.found, s.providerRecall.total)} (${s.providerRecall.found}/${s.providerRecall.total}) |`,
    `| Generic-secret recall | ${pct(s.genericRecall.found, s.genericRecall.total)} (${s.genericRecall.found}/${s.genericRecall.total}) |`,
    `| Precision | ${pct(tp, tp + fp)} (${tp} TP, ${fp} FP) |`,
    `| Negatives flagged | ${s.negativesFlagged.flagged}/${s.negativesFlagged.total} |`,
    `| Info findings (not counted) | ${s.infoFindings} |`,
    `| Provider keys found only by a generic rule | ${s.providersOnlyByGenericRule} |`,
    '',
    `Provider keys found, but only by a generic rule (no provider named): ${s.providersOnlyByGenericRuleKinds.join(', ') || 'none'}`,
    '',
    `Top misses by placement: ${topClasses(missesWithType, 'placement')}`,
    '',
    `Top misses by kind: ${topClasses(missesWithType, 'cls')}`,
    '',
    `Top misses by file type: ${topClasses(missesWithType, 'fileType')}`,
    '',
    `Top FPs by rule: ${topClasses(fpsWithType, 'rule')}; by negative kind: ${topClasses(fpsWithType, 'negative')}; by file type: ${topClasses(fpsWithType, 'fileType')}`,
    '',
    table('By file type', s.byFileType),
    table('By placement', s.byPlacement),
    table('By kind', s.byKind),
    '### Misses',
    '',
    '| kind | class | placement | file | line |',
    '| --- | --- | --- | --- | ---: |',
    ...s.misses.map((m) => `| ${m.kind} | ${m.cls} | ${m.placement} | ${m.file} | ${m.line} |`),
    '',
    '### False positives',
    '',
    '| file | line | rules | what is there |',
    '| --- | ---: | --- | --- |',
    ...s.fps.map((f) => `| ${f.file} | ${f.line} | ${f.rules.join(', ')} | ${f.negative} |`),
    '',
  ].join('\n');
}

/**
 * Fails loudly when a planted value appears in an output: every secret (raw, as written, and each line of a PEM,
 * 8 characters or more), and every random negative (16 or more characters with a digit: hashes, ids, public keys).
 * Fixed negatives such as an environment variable's name may rightly appear (the CLI suggests env names).
 */
export function assertNoLeak(plants: Plant[], outputs: Record<string, string>): void {
  for (const p of plants) {
    for (const v of new Set([p.value, p.written, ...p.value.split('\n')])) {
      if (v.length < 8 || /^-----(BEGIN|END) /.test(v)) continue;
      if (p.kind === 'negative' && (v.length < 16 || !/[0-9]/.test(v))) continue;
      for (const [name, text] of Object.entries(outputs)) {
        if (text.includes(v)) throw new Error(`LEAK: a planted ${p.kind} value (${p.cls}, ${p.placement}, ${p.file}:${p.line + 1}) appears in ${name}`);
      }
    }
  }
}

/** Generates, scans and scores one seed; leak-checks its outputs. */
function runSeed(seed: number, keep: string | undefined) {
  const started = Date.now();
  const t = generate(seed);
  const work = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'holdout2-'));
  const dir = join(work, `acme-${seed}`);
  rmSync(dir, { recursive: true, force: true });
  for (const f of t.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  try {
    const { findings, raw, files, skipped } = scan(dir);
    const s = score(t.plants, findings);
    const seconds = (Date.now() - started) / 1000;
    const md = render(seed, s, seconds, new Map(t.files.map((f) => [f.path, f.type])), { files, skipped });
    const json = { seed, seconds, corpusFiles: t.files.length, scannedFiles: files, skippedFiles: skipped, ...s, byPlacement: Object.fromEntries(s.byPlacement), byKind: Object.fromEntries(s.byKind), byFileType: Object.fromEntries(s.byFileType) };
    assertNoLeak(t.plants, { 'the markdown report': md, 'the JSON summary': JSON.stringify(json), "the CLI's JSON output": raw });
    return { seed, s, md, json, plants: t.plants, seconds };
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

const summaryLine = (r: ReturnType<typeof runSeed>): string => {
  const { s } = r;
  const { tp, fp } = s.precision;
  return `providers ${pct(s.providerRecall.found, s.providerRecall.total)} (${s.providerRecall.found}/${s.providerRecall.total}), generic ${pct(s.genericRecall.found, s.genericRecall.total)} (${s.genericRecall.found}/${s.genericRecall.total}), precision ${pct(tp, tp + fp)} (${fp} FP)`;
};

function main(): void {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, seeds: { type: 'string' }, keep: { type: 'string' } } });
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  // --seeds N also runs seeds 1..N: the placements are fixed, but which provider lands where changes with the seed.
  const extra = values.seeds === undefined ? 0 : Number(values.seeds);
  if (!Number.isInteger(extra) || extra < 0 || extra > 50) throw new Error(`--seeds must be an integer from 0 to 50, got ${values.seeds}`);
  const main = runSeed(seed, values.keep);
  let md = main.md;
  const json: Record<string, unknown> = { ...main.json };
  console.log(`holdout2 seed ${seed}: ${summaryLine(main)} in ${main.seconds.toFixed(1)} s`);
  if (extra > 0) {
    const runs = [main];
    for (let i = 1; i <= extra; i++) {
      const r = runSeed(i, values.keep);
      console.log(`holdout2 seed ${i}: ${summaryLine(r)}`);
      runs.push(r);
    }
    const sum = (f: (r: ReturnType<typeof runSeed>) => number) => runs.reduce((a, r) => a + f(r), 0);
    const pf = sum((r) => r.s.providerRecall.found), pt = sum((r) => r.s.providerRecall.total);
    const gf = sum((r) => r.s.genericRecall.found), gt = sum((r) => r.s.genericRecall.total);
    const tp = sum((r) => r.s.precision.tp), fp = sum((r) => r.s.precision.fp);
    const pooled = `pooled over ${runs.length} seeds: providers ${pct(pf, pt)} (${pf}/${pt}), generic ${pct(gf, gt)} (${gf}/${gt}), precision ${pct(tp, tp + fp)} (${fp} FP)`;
    const allMisses = runs.flatMap((r) => r.s.misses);
    md += ['', '## Across seeds', '', ...runs.map((r) => `- seed ${r.seed}: ${summaryLine(r)}`), `- **${pooled}**`, '',
      `Pooled misses by kind: ${topClasses(allMisses, 'cls', 20)}`, '', `Pooled misses by placement: ${topClasses(allMisses, 'placement', 20)}`, ''].join('\n');
    json.acrossSeeds = runs.map((r) => ({ seed: r.seed, providerRecall: r.s.providerRecall, genericRecall: r.s.genericRecall, precision: r.s.precision }));
    assertNoLeak(runs.flatMap((r) => r.plants), { 'the markdown report': md, 'the JSON summary': JSON.stringify(json) });
    console.log(`holdout2 ${pooled}`);
  }
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'holdout2.md'), md);
  writeFileSync(join(CACHE, 'holdout2.json'), JSON.stringify(json, null, 2) + '\n');
  console.log('→ bench/.cache/holdout2.md, bench/.cache/holdout2.json');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) main();
