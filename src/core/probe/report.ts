import { roundsPicture } from './classify';
import type { DryRunReport, SlotReport, TargetReport, Verdict } from './types';

/**
 * Renderers shared by the CLI and the extension's report webview. They only read the report,
 * which holds fingerprints and redacted forms, never key values.
 */

export const VERDICT_LABEL: Record<Verdict, string> = {
  'safe-to-promote': 'safe to promote',
  'wait-for-propagation': 'wait for propagation',
  'do-not-remove-old-key': 'do not remove old key',
  incident: 'INCIDENT',
  inconclusive: 'inconclusive',
  'needs-approval': 'needs host approval',
};

/** The report as JSON (stable key order as built), for `--format json` and the webview's export. */
export function reportToJson(report: DryRunReport): string {
  return `${JSON.stringify({ version: 1, ...report }, null, 2)}\n`;
}

function slotCell(s: SlotReport | undefined): string {
  if (!s) return '-';
  if (s.classification === 'missing' || s.classification === 'not-probed') return s.classification;
  return `${s.classification} (${roundsPicture(s.rounds)})`;
}

function latency(s: SlotReport | undefined): string {
  const ms = (s?.rounds ?? []).map((r) => r.latencyMs);
  if (ms.length === 0) return '';
  return `${Math.round(ms.reduce((a, b) => a + b, 0) / ms.length)}ms`;
}

function rows(report: DryRunReport): string[][] {
  return report.targets.map((t) => [t.service, t.environment, VERDICT_LABEL[t.verdict], slotCell(slot(t, 'primary')), slotCell(slot(t, 'fallback'))]);
}

const slot = (t: TargetReport, name: string) => t.slots.find((s) => s.slot === name);

/** A plain-text table for terminals, then one reason line per target. */
export function renderText(report: DryRunReport): string {
  const header = ['SERVICE', 'ENV', 'VERDICT', 'PRIMARY', 'FALLBACK'];
  const body = rows(report);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const out = [line(header), ...body.map(line), ''];
  for (const t of report.targets) out.push(`${t.service} (${t.environment}) → ${t.host}: ${t.reason}`);
  for (const s of report.skipped ?? []) out.push(`${s.service}: not probed, left out by the configuration (${s.reason})`);
  out.push('', summaryLine(report));
  return `${out.join('\n')}\n`;
}

export function summaryLine(report: DryRunReport): string {
  const parts = Object.entries(report.summary.byVerdict)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${VERDICT_LABEL[v as Verdict]}`);
  const cancelled = report.cancelled ? ' (cancelled)' : '';
  return `${report.summary.safe} of ${report.summary.targets} safe to rotate${cancelled}${parts.length ? `: ${parts.join(', ')}` : ''} — ${report.durationMs} ms`;
}

const md = (text: string) => text.replace(/([\\|*_`[\]<>])/g, '\\$1');

/** Markdown: a table per environment, reasons, and each key's rounds (status and latency) as a timeline. */
export function renderMarkdown(report: DryRunReport): string {
  const out: string[] = ['# Rotation dry-run', '', `${md(summaryLine(report))}`, '', `Started ${report.startedAt}, finished ${report.finishedAt}.`, ''];
  if (report.skipped?.length) {
    out.push('**Not probed** (left out by errors in the configuration):', '');
    for (const s of report.skipped) out.push(`- ${md(s.service)}: ${md(s.reason)}`);
    out.push('');
  }
  const environments = [...new Set(report.targets.map((t) => t.environment))];
  for (const env of environments) {
    out.push(`## Environment: ${md(env)}`, '', '| Service | Verdict | Primary | Fallback | Host |', '| --- | --- | --- | --- | --- |');
    for (const t of report.targets.filter((x) => x.environment === env)) {
      out.push(`| ${md(t.service)} | ${md(VERDICT_LABEL[t.verdict])} | ${md(slotCell(slot(t, 'primary')))} | ${md(slotCell(slot(t, 'fallback')))} | ${md(t.host)} |`);
    }
    out.push('');
    for (const t of report.targets.filter((x) => x.environment === env)) {
      out.push(`### ${md(t.service)}`, '', md(t.reason), '');
      for (const s of t.slots) {
        const key = s.keyRedacted ? ` — key ${md(s.keyRedacted)} (${md(s.keyFingerprint ?? '')})` : '';
        const timeline = s.rounds.map((r) => `${r.round}: ${r.status ?? r.errorClass ?? r.outcome} ${r.latencyMs}ms${r.attempts > 1 ? ` ×${r.attempts}` : ''}`).join(' · ');
        out.push(`- **${s.slot}**: ${md(s.classification)}${key}${timeline ? ` — ${md(timeline)}` : ''}${s.rounds.length ? ` (avg ${latency(s)})` : ''}`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}
