import type { Finding, Severity } from '../findings';
import { ruleById } from '../rules/index';
import { fingerprint, keyFingerprint, redact } from '../redact';
import type { AnalyzeOptions } from './options';
import type { Hit } from './patterns';
import type { LineIndex } from '../vocabulary/positions';

/**
 * Severity in tests, fixtures and examples (isTestPath, option lowerSeverityInTestPaths): an error is a warning there,
 * but nothing drops below a warning. A key committed in a test leaks like any other and scanners report it (gitleaks,
 * GitHub secret scanning), while a sample key there is likelier than in code: lowered so that a project can gate its CI
 * on errors, still a problem that fails `rotation-ready scan` (which ignores info).
 */
const IN_TESTS: Record<Severity, Severity> = { error: 'warning', warning: 'warning', info: 'info', hint: 'hint' };

/** IN_TESTS in test paths, unless the setting is off or the user chose this rule's severity. */
export function lowerInTests(severity: Severity, ruleId: string, options: AnalyzeOptions, inTests: boolean): Severity {
  return inTests && options.lowerSeverityInTestPaths !== false && !options.severityOverrides?.[ruleId] ? IN_TESTS[severity] : severity;
}

/** A hit as a finding: severity (lowered in tests), message, position, redacted value and fingerprints, never the value. */
export function toFinding(hit: Hit, path: string, text: string, start: Finding['range']['start'], lines: LineIndex, options: AnalyzeOptions, inTests: boolean): Finding {
  const { rule } = hit;
  const value = hit.value ?? text.slice(hit.offset, hit.offset + hit.length);
  const severity = lowerInTests(hit.publishable && !rule.publishable ? 'info' : options.severityOverrides?.[rule.id] ?? rule.severity, rule.id, options, inTests);
  const message = hit.publishable
    ? `${rule.title}: meant for client code, so not an error; keep it in configuration so rotating it is one change.`
    : rule.message ?? `${rule.title} is hardcoded: move it to an environment variable or the keychain, and rotate it (${rule.provider}).`;
  return {
    ruleId: rule.id,
    kind: 'hardcoded-secret',
    provider: rule.provider,
    message,
    severity,
    path,
    range: { start, end: lines.position(hit.offset + hit.length) },
    offset: hit.offset,
    length: hit.length,
    redacted: redact(value, rule.provider),
    fingerprint: fingerprint(rule.id, path, value, options.salt),
    ...(options.keySalt !== undefined ? { keyFingerprint: keyFingerprint(value, options.keySalt) } : {}),
    suggestedEnvName: rule.envName,
    // A rule named for a provider (attribution.ts) is a variant of its rule: the finding carries the provider's page.
    ...(rule !== ruleById(rule.id) && rule.rotationUrl !== ruleById(rule.id)?.rotationUrl ? { rotationUrl: rule.rotationUrl } : {}),
  };
}
