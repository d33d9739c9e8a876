/** Messages between the extension (client) and the language server, typed once for both sides. */

export const SERVER_ID = 'rotationReady';
export const DIAGNOSTIC_SOURCE = 'Rotation Ready';

/** Sent by the client at start-up; the server needs no `vscode` API. */
export interface ServerInitializationOptions {
  /** Absolute path of the first workspace folder, if any: paths in findings are relative to it. */
  workspaceRoot?: string;
  /** Fingerprint salt for this workspace when it has no baseline file (a baseline carries its own). */
  salt: string;
  /** Where rule documentation lives, for diagnostic code links (`<docsBase>/<rule-id>.md`). */
  docsBase: string;
}

/** The `rotationReady` settings the server reads (pulled with workspace/configuration). */
export interface AnalyzerSettings {
  enable: boolean;
  maxFileSizeKB: number;
  ruleSeverity: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>;
  lowerSeverityInTestPaths: boolean;
}

export const ScanWorkspaceRequest = 'rotationReady/scanWorkspace';
export interface ScanWorkspaceParams {
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
  baselineWritten?: string;
}

export const ScanProgressNotification = 'rotationReady/scanProgress';
export interface ScanProgressParams {
  done: number;
  total: number;
}
