/** Messages between the extension (client) and the language server, typed once for both sides. */

export const SERVER_ID = 'rotationReady';
export const DIAGNOSTIC_SOURCE = 'Rotation Ready';

/** Sent by the client at start-up; the server needs no `vscode` API. */
export interface ServerInitializationOptions {
  /** Absolute path of the first workspace folder, if any: paths in findings are relative to it. */
  workspaceRoot?: string;
  /** Fingerprint salt for this workspace. */
  salt: string;
  /** Where rule documentation lives, for diagnostic code links (`<docsBase>/<rule-id>.md`). */
  docsBase: string;
  maxFileBytes: number;
}
