import type { Finding, Severity } from '../findings';
import { printable } from '../printable';
import { keyFileRules } from '../rules/keyFiles';
import { ruleById, ruleDocPath, rules } from '../rules/index';
import type { ScanSkip } from './walk';

/** What a scan hands to a formatter. Findings carry no values, so neither does any report. */
export interface ScanReport {
  findings: Finding[];
  /** Findings accepted by the baseline (counted, not listed). */
  baselined: number;
  files: number;
  skipped: ScanSkip[];
  notes: Array<{ path: string; note: string }>;
  toolVersion: string;
}

/** Findings that fail a scan: errors and warnings; publishable keys (info) and hints do not. */
export function isFailing(finding: Finding): boolean {
  return finding.severity === 'error' || finding.severity === 'warning';
}

export function formatText(report: ScanReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(`${printable(f.path)}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(7)}  ${f.ruleId}  ${f.message} [${f.redacted}${f.keyFingerprint ? ` ${f.keyFingerprint}` : ''}]`);
  }
  for (const s of report.skipped) lines.push(`${printable(s.path)}: skipped (${s.reason})`);
  for (const n of report.notes) lines.push(`${printable(n.path)}: note: ${printable(n.note)}`);
  const count = (sev: Severity) => report.findings.filter((f) => f.severity === sev).length;
  const parts = [`${plural(report.findings.length, 'finding')}`];
  const bySeverity = (['error', 'warning', 'info'] as const).filter((s) => count(s) > 0).map((s) => plural(count(s), s === 'info' ? 'info' : s));
  const tail = [`in ${plural(report.files, 'file')}`];
  if (report.baselined) tail.push(`${report.baselined} baselined`);
  if (report.skipped.length) tail.push(`${report.skipped.length} skipped`);
  if (lines.length) lines.push('');
  lines.push(`${parts.join('')}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''} ${tail.join(', ')}.`);
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

export function formatJson(report: ScanReport): string {
  return JSON.stringify({ version: 1, tool: { name: 'rotation-ready', version: report.toolVersion }, summary: { findings: report.findings.length, files: report.files, baselined: report.baselined, skipped: report.skipped.length }, findings: report.findings, skipped: report.skipped, notes: report.notes }, null, 2) + '\n';
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A rule as SARIF's reporting descriptor. */
function driverRule(r: { id: string; title: string; provider: string; severity: Severity; rotationUrl: string }, description: string, help: { text: string; markdown: string }) {
  return {
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: description },
    helpUri: r.rotationUrl,
    help,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['security', 'secret', r.provider], provider: r.provider, docs: ruleDocPath(r.id), 'security-severity': r.severity === 'error' ? '8.0' : r.severity === 'warning' ? '5.0' : '1.0' },
  };
}

/**
 * SARIF 2.1.0, as GitHub code scanning and other viewers read it: every rule with its help text and
 * default level, results with 1-based regions and a partial fingerprint (rule + path + salted value hash)
 * so alerts survive line moves.
 */
export function toSarif(report: ScanReport): object {
  // All rules, not only those that fired: viewers show "no results" per rule, and ruleIndex stays stable across runs.
  const driverRules = [
    ...rules.map((r) =>
      driverRule(r, `${r.title} (${r.provider}). ${r.publishable ? 'Publishable: meant for client code.' : 'A hardcoded credential: anyone who can read the file can use it until it is revoked.'}`, {
        text: `Move the value to an environment variable (${r.envName}) or the keychain, then rotate the key at ${r.rotationUrl}. Details: ${ruleDocPath(r.id)}.`,
        markdown: `Move the value to an environment variable (\`${r.envName}\`) or the keychain, then rotate the key at [${r.provider}](${r.rotationUrl}). See \`${ruleDocPath(r.id)}\` for step-by-step rotation.`,
      }),
    ),
    ...keyFileRules.map((r) =>
      driverRule(r, `${r.title} (${r.provider}). A key file in the repository: anyone who can read it can use the key until it is disabled.`, {
        text: `${r.message} Details: ${ruleDocPath(r.id)}.`,
        markdown: `${r.message} See \`${ruleDocPath(r.id)}\`.`,
      }),
    ),
  ];
  const index = new Map(driverRules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Rotation Ready', semanticVersion: report.toolVersion.replace(/^v/, '').match(/^\d+\.\d+\.\d+/) ? report.toolVersion.replace(/^v/, '') : undefined, rules: driverRules } },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: `${f.message} Key: ${f.redacted}.` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
              },
            },
          ],
          partialFingerprints: { 'rotationReady/v1': f.fingerprint },
          properties: { provider: f.provider, redacted: f.redacted, ...(f.keyFingerprint ? { keyFingerprint: f.keyFingerprint } : {}), ...(ruleById(f.ruleId)?.publishable ? { publishable: true } : {}) },
        })),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.skipped.map((s) => ({ level: 'note', message: { text: `Skipped: ${s.reason}` }, locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(s.path), uriBaseId: '%SRCROOT%' } } }] })) }],
      },
    ],
  };
}
