/**
 * Part 1, quality on the labeled corpus: recall on provider formats and on generic secrets, and precision,
 * for Rotation Ready, secretlint (recommended preset) and eslint-plugin-no-secrets, same files, same run.
 *   npx tsx bench/quality.ts        (generates the corpus first when it is missing)
 * A finding counts for a label when their ranges overlap; a finding that overlaps no secret is a false positive,
 * attributed to the negative it overlaps (or "unlabeled"). Findings of our publishable-key rules are info, not alarms.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABELED, RESULTS_DIR, ROOT } from './config.mjs';
import type { Label } from './labeled/generate';
import { runNoSecrets, runRotationReady, runSecretlint, type ToolFinding, type ToolRun } from './lib/tools';

if (!existsSync(join(LABELED, 'labels.json'))) execFileSync('npx', ['tsx', join(ROOT, 'bench/labeled/generate.ts')], { stdio: 'inherit' });
const { labels } = JSON.parse(readFileSync(join(LABELED, 'labels.json'), 'utf8')) as { labels: Label[] };
const FILES = join(LABELED, 'files');
const byPath = new Map<string, Label[]>();
for (const l of labels) (byPath.get(l.path) ?? byPath.set(l.path, []).get(l.path)!).push(l);

export interface Score {
  tool: string;
  subset: string;
  provider: { hit: number; total: number };
  generic: { hit: number; total: number };
  short: { hit: number; total: number };
  tp: number;
  fp: number;
  fpByCategory: Record<string, number>;
  missedByCategory: Record<string, number>;
  providerByRule: Record<string, { hit: number; total: number }>;
  seconds: number;
}

const isJsTs = (p: string) => /\.(?:[cm]?[jt]sx?)$/.test(p);

function score(run: ToolRun, subset: 'all' | 'js/ts'): Score {
  const inSubset = (p: string) => subset === 'all' || isJsTs(p);
  const hit = new Set<Label>();
  let tp = 0;
  let fp = 0;
  const fpByCategory: Record<string, number> = {};
  const seen = new Set<string>();
  for (const f of run.findings as ToolFinding[]) {
    if (f.informational || !inSubset(f.path)) continue;
    const key = `${f.path}:${f.start}:${f.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const overl = (byPath.get(f.path) ?? []).filter((l) => f.start < l.offset + l.length && f.end > l.offset);
    const pos = overl.filter((l) => l.kind !== 'negative');
    if (pos.length) {
      tp++;
      pos.forEach((l) => hit.add(l));
    } else {
      fp++;
      const cat = overl[0]?.category.replace(/^publishable:.*/, 'publishable') ?? 'unlabeled';
      fpByCategory[cat] = (fpByCategory[cat] ?? 0) + 1;
    }
  }
  const rows = labels.filter((l) => inSubset(l.path));
  const count = (kind: Label['kind']) => ({ hit: rows.filter((l) => l.kind === kind && hit.has(l)).length, total: rows.filter((l) => l.kind === kind).length });
  const providerByRule: Score['providerByRule'] = {};
  const missedByCategory: Record<string, number> = {};
  for (const l of rows) {
    if (l.kind === 'provider') {
      const e = (providerByRule[l.category] ??= { hit: 0, total: 0 });
      e.total++;
      if (hit.has(l)) e.hit++;
    }
    if (l.kind !== 'negative' && !hit.has(l)) missedByCategory[`${l.kind === 'provider' ? 'provider' : l.category} in ${l.format}`] = (missedByCategory[`${l.kind === 'provider' ? 'provider' : l.category} in ${l.format}`] ?? 0) + 1;
  }
  return { tool: run.tool, subset, provider: count('provider'), generic: count('generic'), short: count('generic-short'), tp, fp, fpByCategory, missedByCategory, providerByRule, seconds: run.seconds };
}

const runs = [runRotationReady(FILES), runSecretlint(FILES), runNoSecrets(FILES)];
const scores = runs.flatMap((r) => [score(r, 'all'), score(r, 'js/ts')]);
mkdirSync(RESULTS_DIR, { recursive: true });
const counts = { files: new Set(labels.map((l) => l.path)).size, provider: labels.filter((l) => l.kind === 'provider').length, generic: labels.filter((l) => l.kind === 'generic').length, short: labels.filter((l) => l.kind === 'generic-short').length, negative: labels.filter((l) => l.kind === 'negative').length };
writeFileSync(join(RESULTS_DIR, 'quality.json'), JSON.stringify({ counts, scores }, null, 2));

const pct = (x: { hit: number; total: number }) => (x.total ? ((100 * x.hit) / x.total).toFixed(1) + ' %' : '–');
for (const s of scores) {
  console.log(`${s.tool.padEnd(26)} ${s.subset.padEnd(6)} provider ${pct(s.provider).padStart(8)}  generic ${pct(s.generic).padStart(8)}  short ${pct(s.short).padStart(8)}  precision ${(s.tp + s.fp ? ((100 * s.tp) / (s.tp + s.fp)).toFixed(1) : '–').padStart(5)} %  (tp ${s.tp}, fp ${s.fp})  ${s.seconds.toFixed(1)} s`);
  if (s.subset === 'all') console.log('   fp:', JSON.stringify(s.fpByCategory), '\n   missed:', JSON.stringify(s.missedByCategory));
}
