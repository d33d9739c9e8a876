import { VERDICT_LABEL, summaryLine } from '../probe/report';
import type { DryRunReport, RoundResult, SlotReport, TargetReport, Verdict } from '../probe/types';

/**
 * The dry-run report as one HTML page for the extension's webview: a table per environment and,
 * per key, a timeline of its rounds (outcome as colour, latency as bar height), so propagation shows
 * at a glance. It reads only the report, which holds fingerprints and redacted forms, never values.
 */
export interface ReportHtmlOptions {
  /** Content-Security-Policy source of the webview (`webview.cspSource`). */
  cspSource: string;
  /** Nonce of the one inline script (export buttons). */
  nonce: string;
  /** The heading: a dry-run's by default; the health monitor's history says so. */
  title?: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const VERDICT_CLASS: Record<Verdict, string> = {
  'safe-to-promote': 'ok',
  'wait-for-propagation': 'wait',
  'do-not-remove-old-key': 'warn',
  incident: 'bad',
  inconclusive: 'muted',
  'needs-approval': 'muted',
};

const OUTCOME_COLOUR: Record<RoundResult['outcome'], string> = {
  valid: 'var(--rr-ok)',
  rejected: 'var(--rr-bad)',
  'rate-limited': 'var(--rr-wait)',
  unknown: 'var(--rr-muted)',
  misconfigured: 'var(--rr-warn)',
};

/** One key's rounds as an SVG strip: a bar per round, height = latency relative to the slowest round shown. */
export function timelineSvg(slot: SlotReport, maxLatencyMs: number): string {
  const width = 28;
  const height = 36;
  if (slot.rounds.length === 0) return `<span class="muted">${escapeHtml(slot.classification)}</span>`;
  const bars = slot.rounds.map((r, i) => {
    const h = Math.max(4, Math.round((r.latencyMs / Math.max(1, maxLatencyMs)) * (height - 4)));
    const label = `round ${r.round}: ${r.outcome}${r.status !== undefined ? ` (HTTP ${r.status})` : r.errorClass ? ` (${r.errorClass})` : ''}, ${r.latencyMs} ms${r.attempts > 1 ? `, ${r.attempts} attempts` : ''}`;
    return `<rect x="${i * width + 4}" y="${height - h}" width="${width - 8}" height="${h}" rx="2" fill="${OUTCOME_COLOUR[r.outcome]}"><title>${escapeHtml(label)}</title></rect>`;
  });
  return `<svg class="timeline" role="img" aria-label="${escapeHtml(`${slot.slot}: ${slot.rounds.map((r) => r.outcome).join(', ')}`)}" width="${slot.rounds.length * width + 8}" height="${height}" viewBox="0 0 ${slot.rounds.length * width + 8} ${height}">${bars.join('')}</svg>`;
}

function slotCell(slot: SlotReport | undefined, maxLatencyMs: number): string {
  if (!slot) return '<td class="muted">–</td>';
  const key = slot.keyRedacted ? `<div class="key" title="${escapeHtml(slot.keyFingerprint ?? '')}">${escapeHtml(slot.keyRedacted)}</div>` : '';
  return `<td><div class="classification">${escapeHtml(slot.classification)}</div>${key}${timelineSvg(slot, maxLatencyMs)}</td>`;
}

function targetRow(target: TargetReport, maxLatencyMs: number): string {
  const slot = (name: string) => target.slots.find((s) => s.slot === name);
  return `<tr data-service="${escapeHtml(target.service)}" data-verdict="${target.verdict}">
  <th scope="row">${escapeHtml(target.service)}<div class="host">${escapeHtml(target.host)}</div></th>
  <td><span class="verdict ${VERDICT_CLASS[target.verdict]}">${escapeHtml(VERDICT_LABEL[target.verdict])}</span><div class="reason">${escapeHtml(target.reason)}</div></td>
  ${slotCell(slot('primary'), maxLatencyMs)}
  ${slotCell(slot('fallback'), maxLatencyMs)}
</tr>`;
}

export function renderReportHtml(report: DryRunReport, options: ReportHtmlOptions): string {
  const maxLatencyMs = Math.max(1, ...report.targets.flatMap((t) => t.slots.flatMap((s) => s.rounds.map((r) => r.latencyMs))));
  const environments = [...new Set(report.targets.map((t) => t.environment))];
  const sections = environments.map(
    (env) => `<section>
<h2>Environment: ${escapeHtml(env)}</h2>
<table>
  <thead><tr><th scope="col">Service</th><th scope="col">Verdict</th><th scope="col">Primary</th><th scope="col">Fallback</th></tr></thead>
  <tbody>${report.targets
    .filter((t) => t.environment === env)
    .map((t) => targetRow(t, maxLatencyMs))
    .join('\n')}</tbody>
</table>
</section>`,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${options.cspSource} 'unsafe-inline'; script-src 'nonce-${options.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title ?? 'Rotation dry-run')}</title>
<style>
  :root { --rr-ok: var(--vscode-testing-iconPassed, #3fb950); --rr-bad: var(--vscode-testing-iconFailed, #f85149); --rr-wait: var(--vscode-editorWarning-foreground, #d29922); --rr-warn: var(--vscode-editorWarning-foreground, #d29922); --rr-muted: var(--vscode-disabledForeground, #888); }
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px 24px; }
  header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 16px; }
  th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, #444); }
  .host, .reason, .key { font-size: 0.9em; opacity: 0.85; }
  .key { font-family: var(--vscode-editor-font-family); }
  .verdict { font-weight: 600; padding: 1px 6px; border-radius: 3px; }
  .verdict.ok { color: var(--rr-ok); } .verdict.bad { color: var(--rr-bad); } .verdict.wait, .verdict.warn { color: var(--rr-wait); } .verdict.muted, .muted { color: var(--rr-muted); }
  .legend span { margin-right: 12px; } .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
  button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 10px; cursor: pointer; }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(options.title ?? 'Rotation dry-run')}</h1>
  <span id="summary">${escapeHtml(summaryLine(report))}</span>
  <span><button id="export-json">Export JSON</button> <button id="export-markdown">Export Markdown</button></span>
</header>
<p class="legend"><span><i style="background:var(--rr-ok)"></i>valid</span><span><i style="background:var(--rr-bad)"></i>rejected</span><span><i style="background:var(--rr-wait)"></i>rate-limited</span><span><i style="background:var(--rr-muted)"></i>unknown</span><span><i style="background:var(--rr-warn)"></i>misconfigured</span> — one bar per round, height = latency</p>
${sections.join('\n')}
${report.skipped?.length ? `<p id="skipped"><strong>Not probed</strong> (left out by errors in the configuration): ${report.skipped.map((s) => `${escapeHtml(s.service)}: ${escapeHtml(s.reason)}`).join('; ')}</p>` : ''}
<p class="muted">Started ${escapeHtml(report.startedAt)}, finished ${escapeHtml(report.finishedAt)}. Keys are shown as provider + last 4 characters; hover a key for its fingerprint.</p>
<script nonce="${options.nonce}">
  const vscode = acquireVsCodeApi();
  document.getElementById('export-json').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'json' }));
  document.getElementById('export-markdown').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'markdown' }));
</script>
</body>
</html>`;
}
