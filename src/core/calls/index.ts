import { ts } from 'ts-morph';
import type { Finding } from '../findings';
import { LineIndex } from '../vocabulary/positions';
import { fingerprint, redact } from '../redact';
import { findSingleKeyCalls } from './detect';
import type { SingleKeyCall } from './model';
import { describeKey } from './naming';
import { findPythonSingleKeyCalls } from './python';

export type { CallLibrary, CallShape, KeySource, KeyUse, SingleKeyCall } from './model';
export { findSingleKeyCalls } from './detect';
export { findPythonSingleKeyCalls } from './python';

export { SINGLE_KEY_CALL_RULE } from './rule';

export interface SingleKeyCallOptions {
  /** Per-workspace salt of fingerprints. */
  salt: string;
}

/** Single-key calls in a parsed TS/JS file, as findings (kind and rule `single-key-call`). */
export function detectSingleKeyCalls(sourceFile: ts.SourceFile, path: string, options: SingleKeyCallOptions): Finding[] {
  const lines = new LineIndex(sourceFile.text);
  return findSingleKeyCalls(sourceFile).map((call) => toFinding(call, sourceFile.text, lines, path, options.salt));
}

/** The text-level entry the analyzer calls: parses TS/JS with the compiler, scans Python; other languages have no calls. */
export function detectSingleKeyCallsInText(path: string, text: string, options: SingleKeyCallOptions): Finding[] {
  const lines = new LineIndex(text);
  return singleKeyCallsInText(path, text).map((call) => toFinding(call, text, lines, path, options.salt));
}

/** The calls themselves (for the wrapper fix), by language. */
export function singleKeyCallsInText(path: string, text: string): SingleKeyCall[] {
  if (/\.pyw?$/i.test(path)) return findPythonSingleKeyCalls(text);
  const kind = scriptKindOf(path);
  if (kind === undefined) return [];
  // Cheap prefilter: no client name, no call worth parsing for. The two-letter names only as words: as substrings they
  // are in most random values (a generated file of keys was parsed whole for "ky" in one of them).
  if (!/fetch|axios|\bgot\b|\bky\b|undici|new\s+[A-Z]|twilio|createClient|\.set(?:Api)?(?:Key|Token|AccessToken|AuthToken)\b/.test(text)) return [];
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  return findSingleKeyCalls(source);
}

/** Whether single-key calls are looked for in this file (TS/JS by its extension, Python): the one test by path. */
export function callsDetectable(path: string): boolean {
  return /\.pyw?$/i.test(path) || scriptKindOf(path) !== undefined;
}

/** The compiler's script kind of a TS/JS path (`.ts .tsx .mts .cts .js .jsx .mjs .cjs`; not a declaration file). */
export function scriptKindOf(path: string): ts.ScriptKind | undefined {
  if (/\.d\.[cm]?ts$/i.test(path)) return undefined;
  if (/\.tsx$/i.test(path)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(path)) return ts.ScriptKind.TS;
  if (/\.jsx$/i.test(path)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(path)) return ts.ScriptKind.JS;
  return undefined;
}

function toFinding(call: SingleKeyCall, text: string, lines: LineIndex, path: string, salt: string): Finding {
  const start = lines.position(call.calleeStart);
  const end = lines.position(call.calleeEnd);
  const literal = call.key.kind === 'literal' ? text.slice(call.key.start, call.key.end) : undefined;
  const what = call.shape === 'client' ? `${call.callee} builds a client` : call.shape === 'request' ? `${call.callee} calls ${call.provider === 'HTTP' ? 'an API' : call.provider}` : `${call.callee} sets the key for every request`;
  const todo = call.shape === 'interceptor' || call.shape === 'defaults' || (call.shape === 'setter' && !call.setter?.clientClass)
    ? `read the key per request and retry once with ${call.envName}_FALLBACK on 401/403`
    : `route it through the primary/fallback helper (${call.envName}_PRIMARY, ${call.envName}_FALLBACK)`;
  return {
    ruleId: 'single-key-call',
    kind: 'single-key-call',
    provider: call.provider,
    message: `${what} with one key (${describeKey(call.key)}) and no fallback: when that key is rotated or revoked, every call fails. To survive a rotation, ${todo}.`,
    severity: 'warning',
    path,
    range: { start, end },
    offset: call.calleeStart,
    length: call.calleeEnd - call.calleeStart,
    redacted: literal ? redact(literal, call.provider) : `${call.provider}…`,
    // Identity: the call and where its key comes from (a literal only as part of a salted hash).
    fingerprint: fingerprint('single-key-call', path, `${call.callee}\0${literal ?? describeKey(call.key)}`, salt),
    suggestedEnvName: call.envName,
  };
}
