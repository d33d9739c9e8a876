import { createHash } from 'node:crypto';

/** What people see of a key: provider + `…` + its last 4 characters (fewer for very short values). */
export function redact(value: string, provider: string): string {
  const visible = value.length >= 12 ? 4 : value.length >= 8 ? 2 : 0;
  const tail = visible > 0 ? value.slice(-visible) : '';
  return `${provider}…${tail}`;
}

/**
 * Identity of a finding: rule + path + salted hash of the value, never the line number
 * (baselines keyed on lines churn on every edit) and never the value itself.
 * The salt is per workspace or per user so fingerprints cannot be brute-forced across projects.
 */
export function fingerprint(ruleId: string, path: string, value: string, salt: string): string {
  const hash = createHash('sha256').update(salt).update('\0').update(ruleId).update('\0').update(path).update('\0').update(value).digest('hex');
  return `rr1:${hash.slice(0, 32)}`;
}

/** Fingerprint of a key alone (for slots and alerts, where there is no rule or path). */
export function keyFingerprint(value: string, salt: string): string {
  const hash = createHash('sha256').update(salt).update('\0key\0').update(value).digest('hex');
  return `rk1:${hash.slice(0, 16)}`;
}
