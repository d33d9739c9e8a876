import { runSteps } from './abort';
import type { Candidate } from './candidate';
import { extractJson } from './extract/json';
import { extractDotenvSteps } from './extract/lines';

/**
 * Values written base64-encoded: a Kubernetes Secret's `data:` (`api-key: c2stbGl2ZV8…`), a config blob decoded at
 * start-up (`JSON.parse(Buffer.from('eyJhcGlLZXki…', 'base64'))`), a .env file held encoded. The decoded text is read
 * as what it is, once and never further (a value decoded from it is not decoded again): a single token is the value of
 * the literal's own names, a JSON object and `KEY=value` lines are read by the JSON and .env extractors. Each value
 * found is a candidate over the whole literal, with the decoded value (Candidate.value).
 */

/** `-----BEGIN ` in base64, as the keyword pass matches it (case-folded). */
const ENCODED_PEM = 'ls0tls1crudjti';

/** The longest literal decoded: a config blob, not a file (a hostile repository's megabyte of base64 is not read). */
const MAX_ENCODED = 16 * 1024;
/** The shortest: an 8-character key encodes to 12. */
const MIN_ENCODED = 12;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Decoded text worth reading: printable, with tabs and line breaks (binary key material decodes to anything else). */
const PRINTABLE = /^[\t\n\r\x20-\x7e\u00a0-\uffff]+$/;
/** `KEY=value` lines: a .env or properties file. */
const ENV_LINE = /^[ \t]*(?:export[ \t]+)?[A-Za-z_][\w.-]{0,63}[ \t]*=/m;

/**
 * Keywords that start base64 of a JSON object (`{"` → `eyJ`, `{ "` → `eyAi`, `{\n` → `ewo`) or of a PEM block
 * (`-----BEGIN ` → `LS0tLS1CRUdJTi`: a kubeconfig's `client-key-data`, a TLS Secret's `tls.key`): where the keyword pass
 * finds one, a literal may hold an encoded config or key whatever it is bound to.
 */
export const ENCODED_JSON_KEYWORDS: readonly string[] = ['eyj', 'eyai', 'ewo', ENCODED_PEM];

/** The text a base64 (or base64url) value decodes to, when it is text; undefined for anything else. */
export function decodeBase64Text(value: string): string | undefined {
  // Whole quads only (padded base64, and base64url of a multiple of three bytes): asked of every candidate, this
  // turns three random-looking values in four away before any other test.
  if (value.length < MIN_ENCODED || value.length > MAX_ENCODED || value.length % 4 !== 0) return undefined;
  const standard = BASE64.test(value);
  if (!standard && !BASE64URL.test(value)) return undefined;
  // Letters only (or digits only) is a word or a number that happens to fit the alphabet, not an encoding.
  if (!/[0-9+/_-]/.test(value) || !/[A-Za-z]/.test(value)) return undefined;
  const encoding = standard ? 'base64' : 'base64url';
  // Its first six bytes first: text starts with printable ASCII, a random key's bytes almost never do (0.3 %), and
  // decoding every random-looking candidate whole was a visible share of a keystroke's analysis.
  if (!isAsciiText(Buffer.from(value.slice(0, 8), encoding))) return undefined;
  const decoded = Buffer.from(value, encoding).toString('utf8');
  return decoded.length >= 8 && PRINTABLE.test(decoded) && !decoded.includes('\uFFFD') ? decoded : undefined;
}

/** Whether every byte is printable ASCII, a tab or a line break. */
function isAsciiText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (!((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13)) return false;
  return true;
}

/**
 * Candidates of a decoded text, over the literal [offset, offset + length): a JSON object's values and `KEY=value`
 * lines under their own names, a single token under `names` (the literal's).
 */
export function decodedCandidates(decoded: string, offset: number, length: number, names: readonly string[]): Candidate[] {
  const trimmed = decoded.trim();
  // A PEM block: the provider rules judge it (a private key is one; a certificate or a public key is nothing).
  if (trimmed.startsWith('-----BEGIN ')) return [{ offset, length, names: [], value: trimmed, encoded: true }];
  let inner: Candidate[];
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) inner = extractJson(decoded).candidates;
  else if (ENV_LINE.test(decoded)) inner = runSteps(extractDotenvSteps(decoded)).candidates;
  else if (!/\s/.test(trimmed) && names.length) return [{ offset, length, names: [...names], value: trimmed, encoded: true }];
  else return [];
  return inner.map((c) => ({ offset, length, names: c.names, value: decoded.slice(c.offset, c.offset + c.length).trim(), encoded: true }));
}

/** Characters of a base64 or base64url run. */
function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61 || c === 95 || c === 45;
}

/**
 * Candidates of the encoded values in a text: the extractors' candidates whose value is base64 of text, and the runs
 * where an ENCODED_JSON_KEYWORDS keyword ends (`jsonEnds`, ascending) that start a literal or a value and decode to a
 * JSON object. Each literal is decoded once; a run is read up to MAX_ENCODED characters past its start, and the runs
 * are read left to right without overlap, so the pass is linear in the text.
 */
export function encodedCandidates(text: string, candidates: readonly Candidate[], jsonEnds: readonly number[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<number>();
  for (const c of candidates) {
    if (c.value !== undefined || c.length < MIN_ENCODED || c.length > MAX_ENCODED || seen.has(c.offset)) continue;
    const decoded = decodeBase64Text(text.slice(c.offset, c.offset + c.length));
    if (decoded === undefined) continue;
    seen.add(c.offset);
    out.push(...decodedCandidates(decoded, c.offset, c.length, c.names));
  }
  let readTo = 0;
  for (const end of jsonEnds) {
    // The keyword is 3 or 4 characters (JSON) or 14 (PEM): the run starts at a quote, a space, `:` or `=` before it.
    const pem = end >= ENCODED_PEM.length && text.slice(end - ENCODED_PEM.length, end).toLowerCase() === ENCODED_PEM;
    let start = end - (pem ? ENCODED_PEM.length : 3);
    if (!pem && start > 0 && !isRunStart(text.charCodeAt(start - 1))) start--;
    if (start < readTo || start <= 0 || !isRunStart(text.charCodeAt(start - 1))) continue;
    let stop = start;
    while (stop < text.length && stop - start <= MAX_ENCODED && isBase64Char(text.charCodeAt(stop))) stop++;
    readTo = stop;
    if (seen.has(start)) continue;
    const decoded = decodeBase64Text(text.slice(start, stop));
    if (decoded === undefined || !(decoded.trimStart().startsWith('{') || (pem && decoded.startsWith('-----BEGIN ')))) continue;
    seen.add(start);
    out.push(...decodedCandidates(decoded, start, stop - start, []));
  }
  return out;
}

/** What may stand before an encoded value: a quote, a space, `:`, `=`, `(`. */
function isRunStart(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 32 || c === 9 || c === 58 || c === 61 || c === 40 || c === 10;
}
