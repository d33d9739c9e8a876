/**
 * `npm run bench:holdout`: a held-out yardstick, written blind (see README.md). Generates the corpus from a seed into a
 * temporary folder, runs the built CLI (`dist/cli.js scan --format json`) on it, scores recall (provider keys, generic
 * secrets) and precision per line, and writes bench/.cache/holdout.md and bench/.cache/holdout.json. Values are never
 * written anywhere but the temporary corpus: the scorer searches its own outputs and the CLI's for every planted value
 * and fails if one is there.
 *
 *   tsx bench/holdout/run.ts [--seed N] [--keep]     (--keep leaves the corpus folder and prints its path)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCorpus, FROM_ISSUE_17, type Label } from './corpus';

const DEFAULT_SEED = 20261207;
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CACHE = join(ROOT, 'bench', '.cache');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Finding {
  ruleId: string;
  kind: string;
  provider?: string;
  severity: string;
  path: string;
  range: { start: { line: number }; end: { line: number } };
}

const { values: opts } = parseArgs({ options: { seed: { type: 'string' }, keep: { type: 'boolean' } } });
const seed = opts.seed === undefined ? DEFAULT_SEED : Number(opts.seed);
if (!Number.isSafeInteger(seed)) throw new Error(`--seed: expected an integer, got ${JSON.stringify(opts.seed)}`);
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (node esbuild.mjs --strict)`);

const started = Date.now();
const { files, labels } = buildCorpus(seed);
const dir = mkdtempSync(join(tmpdir(), 'rr-holdout-'));
try {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  const out = join(dir, '..', `${dir.split(/[\\/]/).pop()}.json`);
  let stderr = '';
  try {
    execFileSync(process.execPath, [CLI, 'scan', '.', '--format', 'json', '--output', out], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ROTATION_READY_SALT: 'holdout' } });
  } catch (e) {
    const err = e as { status?: number; stderr?: Buffer };
    stderr = err.stderr?.toString() ?? '';
    if (err.status !== 1) throw new Error(`scan exited ${err.status}: ${stderr}`);
  }
  const rawJson = readFileSync(out, 'utf8');
  rmSync(out);
  const findings = (JSON.parse(rawJson) as { findings: Finding[] }).findings;
  const result = score(labels, findings);
  const md = render(result, seed, files.length, (Date.now() - started) / 1000);
  const summary = JSON.stringify({ seed, files: files.length, ...result.summary, byPlacement: result.byPlacement, byWhat: result.byWhat, byFileType: result.byFileType, misses: result.misses, falsePositiveFindings: result.fps, labels: labels.map(({ file, line, endLine, kind, id, placement, contextOnly }) => ({ file, line, endLine, kind, id, placement, contextOnly, fromIssue17: FROM_ISSUE_17.has(placement) })) }, null, 2) + '\n';
  const outputs = { 'CLI JSON': rawJson, 'CLI stderr': stderr, report: md, summary };
  // The guard must be able to fail: fed a report holding one planted secret, it has to throw.
  const probe = labels.find((l) => l.kind !== 'negative')!;
  let guardWorks = false;
  try {
    assertNoLeak(labels, { probe: `| ${probe.core} |` });
  } catch {
    guardWorks = true;
  }
  if (!guardWorks) throw new Error('the leak guard did not catch a planted value: fix it before trusting this report');
  assertNoLeak(labels, outputs);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'holdout.md'), md);
  writeFileSync(join(CACHE, 'holdout.json'), summary);
  const s = result.summary;
  console.log(`holdout (seed ${seed}): providers ${pct(s.providers.found, s.providers.planted)}, generic ${pct(s.generic.found, s.generic.planted)}, precision ${pct(s.truePositives, s.reported)}`);
  console.log(`  held out only (without issue 17's placements): providers ${pct(s.heldOut.providers.found, s.heldOut.providers.planted)}, generic ${pct(s.heldOut.generic.found, s.heldOut.generic.planted)}, precision ${pct(s.heldOut.truePositives, s.heldOut.reported)} — bench/.cache/holdout.md`);
  if (opts.keep) console.log(`corpus kept in ${dir}`);
} finally {
  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
}

/** Throws if any output holds a planted secret's value, its secret part, or one line of a multi-line value. */
function assertNoLeak(planted: Label[], texts: Record<string, string>): void {
  for (const l of planted) {
    if (l.kind === 'negative') continue;
    const needles = new Set([l.value, l.core, ...l.value.split('\n').filter((x) => x.length >= 12 && !x.startsWith('-----'))]);
    for (const [name, text] of Object.entries(texts)) {
      for (const needle of needles) {
        if (text.includes(needle)) throw new Error(`LEAK: the ${name} contains the planted ${l.kind} value of ${l.what} (${l.file}:${l.line})`);
      }
    }
  }
}

function pct(a: number, b: number): string {
  return b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} % (${a}/${b})`;
}

interface Tally {
  planted: number;
  found: number;
}

function score(labels: Label[], findings: Finding[]) {
  // Info findings (publishable keys with --show-publishable) never fail a scan: they are neither hits nor FPs.
  const reported = findings.filter((f) => f.kind === 'hardcoded-secret' && f.severity !== 'info');
  const otherKinds = new Map<string, number>();
  for (const f of findings) if (f.kind !== 'hardcoded-secret') otherKinds.set(f.kind, (otherKinds.get(f.kind) ?? 0) + 1);
  const onLabel = (f: Finding, l: Label): boolean => f.path.replace(/\\/g, '/') === l.file && f.range.start.line + 1 <= l.endLine && f.range.end.line + 1 >= l.line;
  const secrets = labels.filter((l) => l.kind !== 'negative');
  const found = new Map<Label, Finding[]>();
  let truePositives = 0;
  const fps: Array<{ file: string; line: number; rule: string; on: string; placement: string }> = [];
  for (const f of reported) {
    const hit = secrets.filter((l) => onLabel(f, l));
    if (hit.length > 0) {
      truePositives++;
      for (const l of hit) found.set(l, [...(found.get(l) ?? []), f]);
      continue;
    }
    const neg = labels.find((l) => l.kind === 'negative' && onLabel(f, l));
    fps.push({ file: f.path, line: f.range.start.line + 1, rule: f.ruleId, on: neg ? `negative: ${neg.id}` : 'unlabelled line', placement: neg?.placement ?? '-' });
  }
  const tally = (ls: Label[]): Tally => ({ planted: ls.length, found: ls.filter((l) => found.has(l)).length });
  const group = (key: (l: Label) => string) => {
    const m = new Map<string, Label[]>();
    for (const l of secrets) m.set(key(l), [...(m.get(key(l)) ?? []), l]);
    return Object.fromEntries([...m].sort((a, b) => a[0].localeCompare(b[0])).map(([k, ls]) => [k, tally(ls)]));
  };
  const fileType = (l: Label): string => {
    const base = l.file.split('/').pop()!;
    if (base.startsWith('.env')) return '.env';
    if (/^(Dockerfile|Makefile)$/.test(base)) return base;
    return base.includes('.') ? base.slice(base.lastIndexOf('.')) : base;
  };
  const heldOut = secrets.filter((l) => !FROM_ISSUE_17.has(l.placement));
  const heldOutFindings = reported.filter((f) => !labels.some((l) => FROM_ISSUE_17.has(l.placement) && onLabel(f, l)));
  const negativesFlagged = labels.filter((l) => l.kind === 'negative' && reported.some((f) => onLabel(f, l))).length;
  return {
    summary: {
      providers: tally(secrets.filter((l) => l.kind === 'provider')),
      providersContextOnly: tally(secrets.filter((l) => l.kind === 'provider' && l.contextOnly)),
      generic: tally(secrets.filter((l) => l.kind === 'generic')),
      providerFormats: new Set(secrets.filter((l) => l.kind === 'provider').map((l) => l.id)).size,
      providerNames: new Set(secrets.filter((l) => l.kind === 'provider').map((l) => l.what)).size,
      genericKinds: new Set(secrets.filter((l) => l.kind === 'generic').map((l) => l.what)).size,
      placements: new Set(secrets.map((l) => l.placement)).size,
      negatives: { planted: labels.filter((l) => l.kind === 'negative').length, flagged: negativesFlagged },
      heldOut: {
        providers: tally(heldOut.filter((l) => l.kind === 'provider')),
        generic: tally(heldOut.filter((l) => l.kind === 'generic')),
        reported: heldOutFindings.length,
        truePositives: heldOutFindings.filter((f) => heldOut.some((l) => onLabel(f, l))).length,
      },
      reported: reported.length,
      truePositives,
      falsePositives: fps.length,
      infoFindings: findings.filter((f) => f.kind === 'hardcoded-secret' && f.severity === 'info').length,
      otherKinds: Object.fromEntries(otherKinds),
      foundByGenericRule: secrets.filter((l) => l.kind === 'provider' && found.get(l)?.every((f) => f.provider === 'Generic')).map((l) => `${l.id}${l.contextOnly ? ' (context-only)' : ''} in ${l.placement}`),
    },
    byPlacement: group((l) => l.placement),
    byWhat: group((l) => `${l.kind}: ${l.what}`),
    byFileType: group(fileType),
    misses: secrets.filter((l) => !found.has(l)).map((l) => ({ kind: l.kind, what: l.what, format: l.id, contextOnly: l.contextOnly, placement: l.placement, file: l.file, line: l.line })),
    fps,
  };
}

function render(r: ReturnType<typeof score>, seedUsed: number, fileCount: number, seconds: number): string {
  const s = r.summary;
  const table = (title: string, rows: Record<string, Tally>): string[] => [
    `| ${title} | planted | found | recall |`,
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(rows).map(([k, t]) => `| ${k.replace(/\|/g, '\\|')} | ${t.planted} | ${t.found} | ${pct(t.found, t.planted).split(' (')[0]} |`),
  ];
  return [
    '# Held-out yardstick (bench/holdout)',
    '',
    `Seed ${seedUsed}, ${fileCount} files, ${s.placements} placements of secrets, ${s.providerFormats} provider key formats from ${s.providerNames} providers, ${s.genericKinds} kinds of generic secrets, ${s.negatives.planted} planted negatives. ${seconds.toFixed(1)} s.`,
    'A planted secret is found when the CLI reports a non-info `hardcoded-secret` finding on one of its lines; every other such finding is a false positive. Values are redacted: kind, placement, file and line only.',
    '',
    '| Figure | Value |',
    '| --- | --- |',
    `| Provider keys recall | ${pct(s.providers.found, s.providers.planted)} |`,
    `| … of which context-only (no documented prefix) | ${pct(s.providersContextOnly.found, s.providersContextOnly.planted)} |`,
    `| Generic secrets recall | ${pct(s.generic.found, s.generic.planted)} |`,
    `| Precision (findings on a planted secret's line / all non-info findings) | ${pct(s.truePositives, s.reported)} |`,
    `| Held out only (without the placements issue 17 names): providers | ${pct(s.heldOut.providers.found, s.heldOut.providers.planted)} |`,
    `| Held out only: generic secrets | ${pct(s.heldOut.generic.found, s.heldOut.generic.planted)} |`,
    `| Held out only: precision | ${pct(s.heldOut.truePositives, s.heldOut.reported)} |`,
    `| Planted negatives flagged | ${s.negatives.flagged} of ${s.negatives.planted} |`,
    `| Provider keys found only by a generic rule | ${s.foundByGenericRule.length}${s.foundByGenericRule.length ? `: ${s.foundByGenericRule.join('; ')}` : ''} |`,
    `| Info findings (not counted) | ${s.infoFindings} |`,
    `| Findings of other kinds (not counted) | ${Object.entries(s.otherKinds).map(([k, n]) => `${k}: ${n}`).join(', ') || 'none'} |`,
    '',
    `## Misses (${r.misses.length})`,
    '',
    '| kind | what | format | placement | file:line |',
    '| --- | --- | --- | --- | --- |',
    ...r.misses.map((m) => `| ${m.kind} | ${m.what}${m.contextOnly ? ' (context-only)' : ''} | ${m.format} | ${m.placement} | ${m.file}:${m.line} |`),
    '',
    `## False positives (${r.fps.length})`,
    '',
    '| rule | on | placement | file:line |',
    '| --- | --- | --- | --- |',
    ...r.fps.map((f) => `| ${f.rule} | ${f.on} | ${f.placement}${FROM_ISSUE_17.has(f.placement) ? ' (issue 17)' : ''} | ${f.file}:${f.line} |`),
    '',
    '## By placement',
    '',
    ...table('placement', r.byPlacement),
    '',
    '## By kind',
    '',
    ...table('kind', r.byWhat),
    '',
    '## By file type',
    '',
    ...table('file type', r.byFileType),
    '',
  ].join('\n');
}
