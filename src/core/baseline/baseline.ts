import { createHash, randomBytes } from 'node:crypto';
import { parse, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { Finding } from '../findings';
import { positionAt } from '../vocabulary/positions';

/**
 * `.rotation-ready-baseline.json`: findings accepted as known, so a scan reports only new ones.
 * Identity is rule + path + salted hash of the value (the finding's fingerprint): never the line, which
 * churns on every edit (a recurring complaint about detect-secrets baselines), and never the value.
 * The file is sorted and has no timestamps, so it diffs cleanly and regenerating it is idempotent.
 * The salt lives in the file so every clone computes the same fingerprints; scans that compare against
 * a baseline must analyze with `baseline.salt`.
 */
export const BASELINE_FILE = '.rotation-ready-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  path: string;
  fingerprint: string;
}

export interface Baseline {
  version: 1;
  salt: string;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {}

export function newBaselineSalt(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The salt of a headless run's finding fingerprints (`rr1:`): the baseline's, else `$ROTATION_READY_SALT`, else one
 * derived from the project folder (stable across runs on one machine). `scan`, `scan --history`, `fix` and the MCP
 * scan tool use it, so their findings match one baseline alike.
 */
export function findingSalt(baseline: Pick<Baseline, 'salt'> | undefined, env: NodeJS.ProcessEnv, root: string): string {
  return baseline?.salt ?? env.ROTATION_READY_SALT ?? createHash('sha256').update(`rotation-ready:${root}`).digest('hex').slice(0, 32);
}

export function createBaseline(findings: readonly Finding[], salt: string): Baseline {
  const unique = new Map<string, BaselineEntry>();
  for (const f of findings) unique.set(f.fingerprint, { ruleId: f.ruleId, path: f.path, fingerprint: f.fingerprint });
  return { version: 1, salt, entries: sortEntries([...unique.values()]) };
}

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort((a, b) => cmp(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
}

export function serializeBaseline(baseline: Baseline): string {
  const body = {
    version: 1,
    salt: baseline.salt,
    findings: sortEntries([...baseline.entries]).map((e) => ({ rule: e.ruleId, path: e.path, fingerprint: e.fingerprint })),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/** Parses a baseline file; errors say what is wrong and where, never echo content beyond a key name. */
export function parseBaseline(text: string, source = BASELINE_FILE): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Where, not JSON.parse's message: it quotes the text, and `--baseline .env` would print a key.
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true });
    const at = errors[0]?.offset ?? 0;
    const { line, character } = positionAt(text, at);
    throw new BaselineError(`${source}: not valid JSON (${errors[0] ? printParseErrorCode(errors[0].error) : 'parse error'} at line ${line + 1}, column ${character + 1})`);
  }
  if (!isObject(data)) throw new BaselineError(`${source}: expected an object with "version", "salt" and "findings"`);
  if (data.version !== 1) throw new BaselineError(`${source}: unsupported "version" ${JSON.stringify(data.version)}; expected 1`);
  if (typeof data.salt !== 'string' || data.salt.length < 8) throw new BaselineError(`${source}: "salt" must be a string of at least 8 characters`);
  if (!Array.isArray(data.findings)) throw new BaselineError(`${source}: "findings" must be an array`);
  const entries = data.findings.map((item: unknown, i: number): BaselineEntry => {
    if (!isObject(item) || typeof item.rule !== 'string' || typeof item.path !== 'string' || typeof item.fingerprint !== 'string') {
      throw new BaselineError(`${source}: findings[${i}] must have string "rule", "path" and "fingerprint"`);
    }
    if (!/^rr1:[0-9a-f]{32}$/.test(item.fingerprint)) throw new BaselineError(`${source}: findings[${i}].fingerprint is not an rr1 fingerprint`);
    return { ruleId: item.rule, path: item.path, fingerprint: item.fingerprint };
  });
  return { version: 1, salt: data.salt, entries };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits findings into new ones and those the baseline already accepts. */
export function applyBaseline<T extends Finding>(findings: readonly T[], baseline: Baseline | undefined): { fresh: T[]; baselined: T[] } {
  if (!baseline) return { fresh: [...findings], baselined: [] };
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  const fresh: T[] = [];
  const baselined: T[] = [];
  for (const f of findings) (known.has(f.fingerprint) ? baselined : fresh).push(f);
  return { fresh, baselined };
}
