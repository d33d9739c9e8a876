/** Messages between the extension (client) and the language server, typed once for both sides. */

export const SERVER_ID = 'rotationReady';
export const DIAGNOSTIC_SOURCE = 'Rotation Ready';

/** A project root (a workspace folder, or a folder below one with a `.rotation-ready.json`) and its fingerprint salt. */
export interface ProjectInfo {
  /** Absolute path: paths in findings of files below it (and in no deeper project) are relative to it. */
  root: string;
  /** Fingerprint salt of the project when it has no baseline file (a baseline carries its own). */
  salt: string;
}

/** Sent by the client at start-up; the server needs no `vscode` API. */
export interface ServerInitializationOptions {
  projects: ProjectInfo[];
  /** Fingerprint salt for documents in no project (untitled ones, files outside every folder). */
  salt: string;
  /** Where rule documentation lives, for diagnostic code links (`<docsBase>/<rule-id>.md`). */
  docsBase: string;
  /**
   * The `rotationReady` settings as the server would pull them: the first documents are analyzed at once, without a
   * round trip for them first (the server still pulls them, and re-analyzes only if they differ).
   */
  settings?: Partial<AnalyzerSettings>;
  /** An open editor is JavaScript or TypeScript: load the compiler while the client finishes starting, not at the first parse. */
  preloadTypeScript?: boolean;
}

/** The `rotationReady` settings the server reads (pulled with workspace/configuration). */
export interface AnalyzerSettings {
  enable: boolean;
  maxFileSizeKB: number;
  ruleSeverity: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>;
  lowerSeverityInTestPaths: boolean;
  /** Report publishable keys (meant for client code) as info; default false: no diagnostic. */
  showPublishableKeys: boolean;
}

/** The client's projects changed (a folder added, a `.rotation-ready.json` created or deleted): the full new list. */
export const ProjectsNotification = 'rotationReady/projects';
export interface ProjectsParams {
  projects: ProjectInfo[];
}

export const ScanWorkspaceRequest = 'rotationReady/scanWorkspace';
export interface ScanWorkspaceParams {
  /**
   * The projects to scan, each as if opened alone (without the projects nested in it), with the globs to skip in it
   * (its folder's `files.exclude` and `rotationReady.exclude`); default every project, with `exclude`.
   */
  projects?: Array<{ root: string; exclude: string[] }>;
  /** Globs to skip beside .gitignore: `files.exclude` and `rotationReady.exclude`, gitignore-style. */
  exclude: string[];
  /** Write every finding of this scan into `.rotation-ready-baseline.json` (accept them as known). */
  writeBaseline?: boolean;
}
export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  /** Findings the baseline accepts (not shown). */
  baselined: number;
  skipped: Array<{ path: string; reason: string }>;
  notes: number;
  cancelled: boolean;
  /** The baseline files written, one per project scanned. */
  baselinesWritten?: string[];
}

export const ScanProgressNotification = 'rotationReady/scanProgress';
export interface ScanProgressParams {
  done: number;
  total: number;
}

/** A text replacement by offsets and range, as the core fixes produce them. */
export interface WireTextEdit {
  offset: number;
  length: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/** A value a fix removes from the text: where it is in the plan's input, and its hash (never the value). */
export interface WireSecret {
  envName: string;
  offset: number;
  length: number;
  sha256: string;
}

export const PlanFixRequest = 'rotationReady/planFix';
export interface PlanFixParams {
  uri: string;
  /** The finding to fix, by fingerprint (what the diagnostic carries). */
  fingerprint: string;
  /** `rotation-ready`: move the secret, then wrap the calls that read it (a hardcoded-secret or single-key-call finding). */
  fix: 'env' | 'wrapper' | 'rotation-ready';
  envName?: string;
  /** How the editor formats the document (indentation, print width): the wrapper's call is laid out to match. */
  layout?: { indent?: string; printWidth?: number; tabSize?: number };
}
/** One planned fix for an open document, against the document version it was planned on. */
export interface PlannedFix {
  kind: 'env' | 'wrapper' | 'rotation-ready';
  version: number;
  envName: string;
  suggestedNames: string[];
  /** For the refactoring preview. */
  title: string;
  edits: WireTextEdit[];
  newText: string;
  helperFile?: { path: string; text: string };
  /** Further helpers the fix creates (Make Rotation Ready: `keyFallback`, and `requireEnv` while it is still read). */
  helperFiles?: Array<{ path: string; text: string }>;
  secrets: WireSecret[];
  /** What `.env.example` gets once the secrets are stored (default: their names). */
  exampleNames?: string[];
  /** Names already bound to other values in the project (.env, .env.example): the input box rejects them. */
  takenNames: string[];
}
/** Either a plan, or why this finding cannot be fixed. */
export interface PlanFixResult {
  plan?: PlannedFix;
  error?: string;
}

export const PlanFileFixesRequest = 'rotationReady/planFileFixes';
export interface PlanFileFixesParams {
  /** A file URI; the open document's text when it is open, else the file on disk. */
  uri: string;
  /** false: move the secrets only, no primary/fallback wrapper (fix-all on save). Default true. */
  wrap?: boolean;
}
export interface PlannedFileFixes {
  uri: string;
  /** The open document's version, or null for a file on disk. */
  version: number | null;
  /** Each step's secrets are offsets into that step's input: the original text, then the previous step's newText. */
  steps: Array<{ newText: string; secrets: WireSecret[]; helperFile?: { path: string; text: string }; exampleNames?: string[] }>;
  /** How many calls the plan routes through the primary/fallback wrapper (a behaviour change: previewed first). */
  wrapped: number;
  /** Minimal edits from the original text to the last step's newText. */
  edits: WireTextEdit[];
  unfixed: string[];
}

/**
 * The last *Secrets in History* scan of a folder (kept per project by the extension, sent at start and after each
 * scan), or null to forget it: the hover of a current finding says whether its key is also in the history.
 */
export const HistoryIndexNotification = 'rotationReady/historyIndex';
export interface HistoryIndexParams {
  /** The scanned folder (absolute). */
  root: string;
  /** Each key's `rk1:` fingerprint → where it first entered the history (core/history/keyIndex.ts's HistoryKeyIndex). */
  index: { scannedAt: string; commits: number; keys: Record<string, { commit: string; authorDate: string; path: string; inHead: boolean }> } | null;
}

/** The result of *Check if this key is live* for one key (by its `rk1:` fingerprint), shown in the hover. */
export const LiveCheckNotification = 'rotationReady/liveCheck';
export interface LiveCheckParams {
  keyFingerprint: string;
  liveness: 'live' | 'revoked' | 'unknown';
  /** Value-free: status, host, latency. */
  detail: string;
  checkedAt: string;
}
