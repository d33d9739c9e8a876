import type { HistoryFinding } from './scan';

/** Where a key first entered the history (value-free). */
export interface HistoryKeyEntry {
  commit: string;
  /** ISO 8601 author date of that commit. */
  authorDate: string;
  /** Repository-relative path it was introduced at. */
  path: string;
  /** The same key is still in HEAD's tree. */
  inHead: boolean;
}

/**
 * What the editor keeps of the last history scan of a folder: each key's `rk1:` fingerprint (the one findings carry
 * as `keyFingerprint`) → where it first appeared. No value, no `rr1:` finding fingerprint: only enough for a hover.
 */
export interface HistoryKeyIndex {
  /** ISO 8601 time of the scan. */
  scannedAt: string;
  commits: number;
  keys: Record<string, HistoryKeyEntry>;
}

/** The index of a history scan's findings, each key at its oldest commit (findings without a key fingerprint are left out). */
export function historyKeyIndex(findings: readonly HistoryFinding[], commits: number, scannedAt: Date): HistoryKeyIndex {
  const keys: Record<string, HistoryKeyEntry> = {};
  for (const f of findings) {
    if (!f.keyFingerprint) continue;
    const known = keys[f.keyFingerprint];
    if (known && known.authorDate <= f.authorDate) {
      known.inHead ||= f.inHead;
      continue;
    }
    keys[f.keyFingerprint] = { commit: f.commit, authorDate: f.authorDate, path: f.path, inHead: f.inHead || (known?.inHead ?? false) };
  }
  return { scannedAt: scannedAt.toISOString(), commits, keys };
}

const HEX = /^[0-9a-f]{7,64}$/;
const ISO = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/;

/**
 * An index read back from storage, or undefined when it is not one (an older or damaged entry is dropped, never
 * trusted: its text ends up in a hover).
 */
export function parseHistoryKeyIndex(value: unknown): HistoryKeyIndex | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<HistoryKeyIndex>;
  if (typeof v.scannedAt !== 'string' || !ISO.test(v.scannedAt) || typeof v.commits !== 'number' || typeof v.keys !== 'object' || v.keys === null) return undefined;
  const keys: Record<string, HistoryKeyEntry> = {};
  for (const [fp, e] of Object.entries(v.keys as Record<string, Partial<HistoryKeyEntry>>)) {
    if (!fp.startsWith('rk1:') || typeof e !== 'object' || e === null) return undefined;
    if (typeof e.commit !== 'string' || !HEX.test(e.commit) || typeof e.authorDate !== 'string' || !ISO.test(e.authorDate) || typeof e.path !== 'string' || typeof e.inHead !== 'boolean') return undefined;
    keys[fp] = { commit: e.commit, authorDate: e.authorDate, path: e.path, inHead: e.inHead };
  }
  return { scannedAt: v.scannedAt, commits: v.commits, keys };
}
