import type { Finding, Severity } from '../findings';

/** What analyzeText is asked to do, and what it returns. */

export interface AnalyzeOptions {
  /** Fingerprint salt (per workspace; a baseline carries its own). */
  salt: string;
  /** The workspace's key-fingerprint salt (src/core/fingerprints.ts): findings then carry the key's `rk1:` fingerprint, as the Keys sidebar shows it. */
  keySalt?: string;
  /** Default 2 MiB; bigger texts are skipped with a note. */
  maxFileBytes?: number;
  /** Per rule id. */
  severityOverrides?: Record<string, Severity>;
  /**
   * Default true: in tests and fixtures (isTestPath) an error is reported as a warning, nothing lower (finding.ts). The
   * heuristics' stricter bar there (only machine-made values, binding.testValueMask) does not depend on it.
   */
  lowerSeverityInTestPaths?: boolean;
  /** Cancellation: a superseded analysis stops early and returns `skipped: { reason: 'cancelled' }`. */
  signal?: AbortSignal;
  /**
   * Report publishable keys (Stripe `pk_`, Mapbox `pk.`, Supabase publishable keys, anon JWTs), as info. Default false:
   * they are meant to ship in client code, so by default they get no diagnostic at all.
   */
  showPublishable?: boolean;
  /** Rule ids to run (default: all). */
  ruleIds?: readonly string[];
  /** Also report single-key calls (HTTP calls or SDK clients with one key and no fallback); default false. */
  singleKeyCalls?: boolean;
  /** Honour `rotation-ready-ignore-next-line` comments (default true; the CLI's --no-ignore turns it off). */
  inlineIgnores?: boolean;
  /**
   * Keep the parse tree for the next edit of the same path (default true, for the editor). A workspace scan reads
   * each file once, and kept trees of large files cost it hundreds of MB (bench/NOTES.md).
   */
  retainParse?: boolean;
  /**
   * Do not parse: return `deferred: true` for a file that needs the TypeScript parser. A worker of the workspace scan
   * hands such files to the one thread that parses, so the compiler loads and warms up once, not once per worker.
   */
  deferParse?: boolean;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Set when the text was not (fully) analyzed: binary, too large, cancelled. */
  skipped?: { reason: string };
  /** Set with `deferParse` when the file needs a parse: nothing was reported, analyze it again without the option. */
  deferred?: boolean;
  /** Human-readable notes about partial analysis (parse errors, minified text, suppressed findings). */
  notes: string[];
}

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
