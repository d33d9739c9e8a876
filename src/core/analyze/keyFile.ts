/** Findings for files that are keys themselves (binary key containers): src/core/rules/keyFiles.ts. */
import { createHash } from 'node:crypto';
import type { Finding } from '../findings';
import { fingerprint } from '../redact';
import { keyFileRulesFor } from '../rules/keyFiles';
import { lowerInTests } from './finding';
import { isTestPath } from './language';
import type { AnalyzeOptions } from './options';

/**
 * The finding of the first key-file rule that recognises these bytes, or undefined (then the file is read as any
 * other: skipped as binary, or analyzed as text). Only files whose name a rule reads are checked at all.
 */
export function keyFileFinding(path: string, bytes: Uint8Array, options: AnalyzeOptions): Finding | undefined {
  for (const rule of keyFileRulesFor(path)) {
    if (options.ruleIds && !options.ruleIds.includes(rule.id)) continue;
    if (!rule.recognises(bytes)) continue;
    // The file's identity stands in for the value: a salted hash of its bytes, never the bytes.
    const digest = createHash('sha256').update(bytes).digest('hex');
    const start = { line: 0, character: 0 };
    return {
      ruleId: rule.id,
      kind: 'key-file',
      provider: rule.provider,
      message: rule.message,
      severity: lowerInTests(options.severityOverrides?.[rule.id] ?? rule.severity, rule.id, options, isTestPath(path)),
      path,
      range: { start, end: start },
      offset: 0,
      length: 0,
      redacted: `${rule.provider} key file`,
      fingerprint: fingerprint(rule.id, path, digest, options.salt),
    };
  }
  return undefined;
}
