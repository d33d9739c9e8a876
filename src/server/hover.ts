import type { Hover, Position } from 'vscode-languageserver/node';
import type { Finding } from '../core/findings';
import { ruleById } from '../core/rules/index';

function contains(finding: Finding, position: Position): boolean {
  const { start, end } = finding.range;
  const afterStart = position.line > start.line || (position.line === start.line && position.character >= start.character);
  const beforeEnd = position.line < end.line || (position.line === end.line && position.character <= end.character);
  return afterStart && beforeEnd;
}

/** Hover on a finding: provider, what it is, its fingerprint, and where to rotate it. Never the value. */
export function hoverFor(findings: readonly Finding[], position: Position, docsBase: string): Hover | undefined {
  const hits = findings.filter((f) => contains(f, position));
  if (hits.length === 0) return undefined;
  const sections = hits.map((finding) => {
    const rule = ruleById(finding.ruleId);
    // The diagnostic's own hover already shows the message just above: this part adds what it lacks.
    const lines = [`**Rotation Ready** · ${rule?.title ?? finding.provider} (\`${finding.ruleId}\`)`];
    // A single-key call holds no key of its own to show; a hardcoded key shows the fingerprint the Keys sidebar uses.
    if (finding.kind === 'hardcoded-secret') lines.push('', `Key: \`${finding.redacted}\`${finding.keyFingerprint ? ` · fingerprint \`${finding.keyFingerprint}\`` : ''}`);
    const links = [];
    if (rule?.rotationUrl) links.push(`[Rotate at ${finding.provider}](${rule.rotationUrl})`);
    if (docsBase) links.push(`[How to rotate this key](${docsBase}/${finding.ruleId}.md)`);
    if (links.length) lines.push('', links.join(' · '));
    return lines.join('\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: hits[0]!.range };
}
