import type { Hover, Position } from 'vscode-languageserver/node';
import type { Finding } from '../core/findings';
import type { HistoryKeyIndex } from '../core/history/keyIndex';
import { markdownCode } from '../core/markdownCode';
import { ruleById } from '../core/rules/index';

function contains(finding: Finding, position: Position): boolean {
  const { start, end } = finding.range;
  const afterStart = position.line > start.line || (position.line === start.line && position.character >= start.character);
  const beforeEnd = position.line < end.line || (position.line === end.line && position.character <= end.character);
  return afterStart && beforeEnd;
}

/** What the hover knows of the git history of the finding's project. */
export interface HistoryContext {
  /** The last *Secrets in History* scan of the folder holding the document; undefined when it was never scanned. */
  index: HistoryKeyIndex | undefined;
  /** A command link that scans it (a trusted command of ours, with the project's root as its argument). */
  scanLink: string;
}

/** The hover line about git history: a key ever committed is exposed, and only rotating it revokes it. */
export function historyLine(finding: Finding, history: HistoryContext): string | undefined {
  if (finding.kind !== 'hardcoded-secret' || !finding.keyFingerprint) return undefined;
  const { index, scanLink } = history;
  if (!index) return `Git history not scanned yet: a key ever committed stays exposed after the line is deleted. [Scan the git history](${scanLink})`;
  const entry = index.keys[finding.keyFingerprint];
  const scanned = `the last history scan (${index.scannedAt.slice(0, 10)}, [scan again](${scanLink}))`;
  if (!entry) return `Not in the git history as of ${scanned}.`;
  // The path comes from the repository (attacker input): a code span nothing in it can close.
  return `**This key is also in git history** (commit \`${entry.commit.slice(0, 7)}\`, ${entry.authorDate.slice(0, 10)}, ${markdownCode(entry.path)}): rotate it — deleting the line does not revoke it. From ${scanned}.`;
}

/** The last live check of a key (value-free), as the extension reported it. */
export interface LiveCheck {
  liveness: 'live' | 'revoked' | 'unknown';
  detail: string;
  checkedAt: string;
}

const LIVENESS_TEXT: Record<LiveCheck['liveness'], string> = {
  live: '**live** — the provider accepts it: rotate it now',
  revoked: '**revoked** — the provider refuses it',
  unknown: '**unknown** — the provider did not say',
};

/** Hover on a finding: provider, what it is, its fingerprint, git history, live check, and where to rotate it. Never the value. */
export function hoverFor(findings: readonly Finding[], position: Position, docsBase: string, history?: HistoryContext, liveChecks?: ReadonlyMap<string, LiveCheck>): Hover | undefined {
  const hits = findings.filter((f) => contains(f, position));
  if (hits.length === 0) return undefined;
  const sections = hits.map((finding) => {
    const rule = ruleById(finding.ruleId);
    // The diagnostic's own hover already shows the message just above: this part adds what it lacks.
    const lines = [`**Rotation Ready** · ${rule?.title ?? finding.provider} (\`${finding.ruleId}\`)`];
    // A single-key call holds no key of its own to show; a hardcoded key shows the fingerprint the Keys sidebar uses.
    if (finding.kind === 'hardcoded-secret') lines.push('', `Key: ${markdownCode(finding.redacted)}${finding.keyFingerprint ? ` · fingerprint \`${finding.keyFingerprint}\`` : ''}`);
    const inHistory = history && historyLine(finding, history);
    if (inHistory) lines.push('', inHistory);
    const live = finding.keyFingerprint ? liveChecks?.get(finding.keyFingerprint) : undefined;
    // The detail names a host from the configuration: a code span nothing in it can close.
    if (live) lines.push('', `Live check (${live.checkedAt.slice(0, 16).replace('T', ' ')} UTC): ${LIVENESS_TEXT[live.liveness]} (${markdownCode(live.detail)}).`);
    const links = [];
    // A generic finding named for a provider links that provider's page (Finding.rotationUrl), not the rule's.
    const rotationUrl = finding.rotationUrl ?? rule?.rotationUrl;
    if (rotationUrl) links.push(`[Rotate at ${finding.provider}](${rotationUrl})`);
    if (docsBase) links.push(`[How to rotate this key](${docsBase}/${finding.ruleId}.md)`);
    if (links.length) lines.push('', links.join(' · '));
    return lines.join('\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: hits[0]!.range };
}
