/**
 * The shared vocabulary of the analyzer (see docs/ARCHITECTURE.md).
 * A finding never carries the secret itself: only where it is, its redacted form and its fingerprint.
 * Whoever needs the value (a fix) reads it from the document text at the finding's offsets.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Zero-based line and character (UTF-16 code units), as in LSP and VS Code. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** `key-file`: a whole file is a key (a binary key container); it points at the file, and no move-to-env fix applies. */
export type FindingKind = 'hardcoded-secret' | 'single-key-call' | 'key-file';

export interface Finding {
  /** Rule id, e.g. `stripe-secret-key`; also the diagnostic code and the doc page name. */
  ruleId: string;
  kind: FindingKind;
  /** Human name of the provider, e.g. "Stripe"; "Generic" for heuristic rules. */
  provider: string;
  /** One sentence naming the provider and what to do. Never contains the value. */
  message: string;
  severity: Severity;
  /** Workspace-relative (or absolute when outside a workspace) path with forward slashes. */
  path: string;
  range: Range;
  /** Offsets into the analyzed text, [start, end), of the secret value (inside the quotes for a string literal). */
  offset: number;
  length: number;
  /** Provider + `…` + last 4 characters. */
  redacted: string;
  /** `rr1:` + hex of a salted SHA-256 over rule id, path and value; never the line. */
  fingerprint: string;
  /** `rk1:` fingerprint of the key itself with the workspace's key salt (matches the Keys sidebar), when asked for. */
  keyFingerprint?: string;
  /** Suggested environment variable name for the move-to-env fix, e.g. `STRIPE_SECRET_KEY`. */
  suggestedEnvName?: string;
  /**
   * Where the provider lets you roll this key, when it is not the rule's own page: a generic rule's finding whose name
   * spells a provider (`POSTMARK_SERVER_TOKEN`) links that provider's page (analyze/attribution.ts).
   */
  rotationUrl?: string;
}
