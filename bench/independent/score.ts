/**
 * Scoring: a planted secret is found when the CLI reports a finding that is not info severity on one of its lines;
 * every other (non-info) secret finding is a false positive, attributed to the negative planted on its line if any,
 * else to "unlabelled" (the scaffolding of the file). Reports recall for providers and generic secrets, precision, and
 * breakdowns per placement, kind and file type, with the misses and false positives listed without their values.
 */
import type { Label } from './corpus';

/** The fields of a `rotation-ready scan --format json` finding that the scorer reads. */
export interface Finding {
  ruleId: string;
  kind: string;
  severity: string;
  path: string;
  range: { start: { line: number }; end: { line: number } };
}

/** Findings about secrets (single-key calls are another feature's findings, counted apart). */
const SECRET_KINDS = new Set(['hardcoded-secret']);

interface Tally {
  /** secrets planted, and found */
  planted: number;
  found: number;
  /** negatives planted, and flagged (non-info) */
  negPlanted: number;
  flagged: number;
  /** flagged only at info severity */
  infoOnly: number;
}

export interface Scored {
  headline: {
    providers: Tally;
    providersContextOnly: Tally;
    generic: Tally;
    negatives: Tally;
    falsePositives: number;
    falsePositivesUnlabelled: number;
    precision: number;
    precisionCountingInfo: number;
    otherFindings: Record<string, number>;
  };
  byPlacement: Record<string, Tally & { fp: number }>;
  byKind: Record<string, Tally & { klass: string; label: string }>;
  byFileType: Record<string, Tally & { fp: number }>;
  misses: (Label & { infoOnly: boolean })[];
  falsePositives: { file: string; line: number; ruleId: string; kind: string; placement: string; name: string; fileType: string }[];
}

const tally = (): Tally => ({ planted: 0, found: 0, negPlanted: 0, flagged: 0, infoOnly: 0 });

export function score(labels: Label[], findings: Finding[]): Scored {
  const otherFindings: Record<string, number> = {};
  const secretFindings = findings.filter((f) => {
    if (SECRET_KINDS.has(f.kind)) return true;
    otherFindings[f.kind] = (otherFindings[f.kind] ?? 0) + 1;
    return false;
  });
  const byFile = new Map<string, Label[]>();
  for (const l of labels) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
  const hits = new Map<Label, { counted: boolean; info: boolean }>();
  const fps: Scored['falsePositives'] = [];
  let infoFps = 0;
  for (const f of secretFindings) {
    const path = f.path.replace(/\\/g, '/').replace(/^\.\//, '');
    const start = f.range.start.line + 1;
    const end = f.range.end.line + 1;
    const on = (byFile.get(path) ?? []).filter((l) => l.line <= end && l.endLine >= start);
    const info = f.severity === 'info';
    for (const l of on) {
      const h = hits.get(l) ?? { counted: false, info: false };
      if (info) h.info = true;
      else h.counted = true;
      hits.set(l, h);
    }
    const secret = on.some((l) => l.klass !== 'negative');
    if (secret) continue;
    if (info) {
      infoFps++;
      continue;
    }
    const neg = on[0];
    fps.push({ file: path, line: start, ruleId: f.ruleId, kind: neg?.kind ?? 'unlabelled', placement: neg?.placement ?? '-', name: neg?.name ?? '-', fileType: neg?.fileType ?? '-' });
  }

  const head = { providers: tally(), providersContextOnly: tally(), generic: tally(), negatives: tally() };
  const byPlacement: Scored['byPlacement'] = {};
  const byKind: Scored['byKind'] = {};
  const byFileType: Scored['byFileType'] = {};
  const misses: Scored['misses'] = [];
  for (const l of labels) {
    const h = hits.get(l);
    const found = !!h?.counted;
    const infoOnly = !found && !!h?.info;
    const p = (byPlacement[l.placement] ??= { ...tally(), fp: 0 });
    const k = (byKind[l.kind] ??= { ...tally(), klass: l.klass, label: l.kindLabel });
    const t = (byFileType[l.fileType] ??= { ...tally(), fp: 0 });
    const heads = l.klass === 'negative' ? [head.negatives] : l.klass === 'generic' ? [head.generic] : l.contextOnly ? [head.providers, head.providersContextOnly] : [head.providers];
    for (const x of [p, k, t, ...heads]) {
      if (l.klass === 'negative') {
        x.negPlanted++;
        if (found) x.flagged++;
      } else {
        x.planted++;
        if (found) x.found++;
      }
      if (infoOnly) x.infoOnly++;
    }
    if (l.klass !== 'negative' && !found) misses.push({ ...l, infoOnly });
  }
  for (const fp of fps) {
    if (fp.placement !== '-') byPlacement[fp.placement]!.fp++;
    if (fp.fileType !== '-') byFileType[fp.fileType]!.fp++;
  }
  const tp = head.providers.found + head.generic.found;
  const unlabelled = fps.filter((f) => f.kind === 'unlabelled').length;
  return {
    headline: {
      ...head,
      falsePositives: fps.length,
      falsePositivesUnlabelled: unlabelled,
      precision: tp / Math.max(1, tp + fps.length),
      precisionCountingInfo: tp / Math.max(1, tp + fps.length + infoFps),
      otherFindings,
    },
    byPlacement,
    byKind,
    byFileType,
    misses,
    falsePositives: fps,
  };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '–');

interface Meta {
  seed: number;
  rounds: number;
  files: number;
  lines: number;
  genMs: number;
  scanMs: number;
  skipped: number;
  notes: number;
  commit: string;
}

export function renderReport(s: Scored, m: Meta): string {
  const h = s.headline;
  const out: string[] = [];
  out.push('# Independent yardstick (bench/independent, written blind)', '');
  out.push(`Seed ${m.seed}, engine at ${m.commit}: ${m.files} files, ${m.lines} lines (${m.rounds} apps), generated in ${m.genMs} ms, scanned by the CLI in ${(m.scanMs / 1000).toFixed(1)} s. Skipped files: ${m.skipped}; notes: ${m.notes}.`, '');
  out.push('| measure | value |', '|---|---|');
  out.push(`| provider keys found | **${pct(h.providers.found, h.providers.planted)}** (${h.providers.found} / ${h.providers.planted}) |`);
  out.push(`| … of which context-only (no prefix: Datadog, Twilio auth token, AWS secret, …) | ${pct(h.providersContextOnly.found, h.providersContextOnly.planted)} (${h.providersContextOnly.found} / ${h.providersContextOnly.planted}) |`);
  out.push(`| generic secrets found | **${pct(h.generic.found, h.generic.planted)}** (${h.generic.found} / ${h.generic.planted}) |`);
  out.push(`| planted secrets reported only at info severity (counted as missed) | ${h.providers.infoOnly + h.generic.infoOnly} |`);
  out.push(`| precision (non-info findings) | **${pct(h.precision, 1)}** (${h.falsePositives} false positives, ${h.falsePositivesUnlabelled} of them on unlabelled lines) |`);
  out.push(`| precision counting info findings too | ${pct(h.precisionCountingInfo, 1)} |`);
  out.push(`| negatives flagged | ${pct(h.negatives.flagged, h.negatives.negPlanted)} (${h.negatives.flagged} / ${h.negatives.negPlanted}; ${h.negatives.infoOnly} more at info) |`);
  const other = Object.entries(h.otherFindings);
  if (other.length) out.push(`| other findings (not scored) | ${other.map(([k, n]) => `${k}: ${n}`).join(', ')} |`);
  out.push('');

  const table = (title: string, column: string, rows: Record<string, Tally & { fp: number }>) => {
    out.push(`## ${title}`, '', `| ${column} | secrets planted | found | recall | info only | negatives planted | FP on negatives |`, '|---|---|---|---|---|---|---|');
    for (const [name, t] of Object.entries(rows).sort((a, b) => recallOf(a[1]) - recallOf(b[1]) || a[0].localeCompare(b[0])))
      out.push(`| ${name} | ${t.planted} | ${t.found} | ${pct(t.found, t.planted)} | ${t.infoOnly} | ${t.negPlanted} | ${t.fp} |`);
    out.push('');
  };
  table('Per file type', 'file type', s.byFileType);
  table('Per placement', 'placement', s.byPlacement);

  out.push('## Per kind: provider keys', '', '| kind | planted | found | recall | info only |', '|---|---|---|---|---|');
  for (const [id, t] of sortKinds(s, 'provider')) out.push(`| ${t.label} (\`${id}\`) | ${t.planted} | ${t.found} | ${pct(t.found, t.planted)} | ${t.infoOnly} |`);
  out.push('', '## Per kind: generic secrets', '', '| kind | planted | found | recall | info only |', '|---|---|---|---|---|');
  for (const [id, t] of sortKinds(s, 'generic')) out.push(`| ${t.label} (\`${id}\`) | ${t.planted} | ${t.found} | ${pct(t.found, t.planted)} | ${t.infoOnly} |`);
  out.push('', '## Per kind: negatives (look-alikes that are not secrets)', '', '| kind | planted | flagged | rate | info |', '|---|---|---|---|---|');
  for (const [id, t] of Object.entries(s.byKind).filter(([, t]) => t.klass === 'negative').sort((a, b) => b[1].flagged / b[1].negPlanted - a[1].flagged / a[1].negPlanted || a[0].localeCompare(b[0])))
    out.push(`| ${t.label} (\`${id}\`) | ${t.negPlanted} | ${t.flagged} | ${pct(t.flagged, t.negPlanted)} | ${t.infoOnly} |`);

  out.push('', `## Misses (${s.misses.length}; values never shown)`, '', '| class | kind | placement | name | file | line | info only |', '|---|---|---|---|---|---|---|');
  for (const l of [...s.misses].sort((a, b) => a.klass.localeCompare(b.klass) || a.kind.localeCompare(b.kind) || a.placement.localeCompare(b.placement)))
    out.push(`| ${l.klass} | ${l.kind} | ${l.placement} | ${l.name} | ${l.file} | ${l.line} | ${l.infoOnly ? 'yes' : ''} |`);
  out.push('', `## False positives (${s.falsePositives.length})`, '', '| rule | planted negative | placement | name | file | line |', '|---|---|---|---|---|---|');
  for (const f of [...s.falsePositives].sort((a, b) => a.kind.localeCompare(b.kind) || a.ruleId.localeCompare(b.ruleId)))
    out.push(`| ${f.ruleId} | ${f.kind} | ${f.placement} | ${f.name} | ${f.file} | ${f.line} |`);
  out.push('');
  return out.join('\n');
}

/** Rows without secrets (negatives only) sort last. */
const recallOf = (t: Tally) => (t.planted ? t.found / t.planted : 2);
const sortKinds = (s: Scored, klass: string) =>
  Object.entries(s.byKind)
    .filter(([, t]) => t.klass === klass)
    .sort((a, b) => a[1].found / a[1].planted - b[1].found / b[1].planted || a[0].localeCompare(b[0]));
