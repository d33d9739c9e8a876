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
 * lines under their own names, a single token under `names` (the literal's) and in its `owner`'s mappings.
 */
export function decodedCandidates(decoded: string, offset: number, length: number, names: readonly string[], owner?: string): Candidate[] {
  const trimmed = decoded.trim();
  // A PEM block: the provider rules judge it (a private key is one; a certificate or a public key is nothing).
  if (trimmed.startsWith('-----BEGIN ')) return [{ offset, length, names: [], value: trimmed, encoded: true }];
  let inner: Candidate[];
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) inner = extractJson(decoded).candidates;
  else if (ENV_LINE.test(decoded)) inner = runSteps(extractDotenvSteps(decoded)).candidates;
  else if (!/\s/.test(trimmed) && names.length) return [{ offset, length, names: [...names], value: trimmed, encoded: true, ...(owner ? { owner } : {}) }];
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
    out.push(...decodedCandidates(decoded, c.offset, c.length, c.names, c.owner));
  }
  let readTo = 0;
  for (const end of jsonEnds) {
    // The keyword is 3 or 4 characters (JSON) or 14 (PEM): the run starts at a quote, a space, `:` or `=` before it.
    const pem = end >= ENCODED_PEM.length && text.slice(end - ENCODED_PEM.length, end).toLowerCase() === ENCODED_PEM;
    let start = end - (pem ? ENCODED_PEM.length : 3);
    if (!pem && start > 0 && !isRunStart(text.charCodeAt(start - 1))) start--;
    // An encoded PEM may open a file (`key.b64`); base64 of JSON is read in a value only.
    if (start < readTo || (start <= 0 && !(pem && start === 0)) || (start > 0 && !isRunStart(text.charCodeAt(start - 1)))) continue;
    let stop = start;
    while (stop < text.length && stop - start <= MAX_ENCODED && isBase64Char(text.charCodeAt(stop))) stop++;
    // `base64` without `-w0` wraps at 76 (`openssl base64` at 64): a YAML block scalar, a JSON string with `\n`, a file.
    const wrapped = pem ? wrappedRun(text, start, stop) : undefined;
    if (wrapped) stop = wrapped.stop;
    readTo = stop;
    if (wrapped?.tooLong) continue;
    // A wrapped run's first line may have been decoded alone, as a line of a YAML block (a PEM cut short): read it whole.
    if (seen.has(start) && !wrapped) continue;
    let decoded = decodeBase64Text(wrapped ? wrapped.encoded : text.slice(start, stop));
    if (wrapped && decoded === undefined) {
      // Lines that only looked like the run's: its first line alone, as before.
      // (Its other lines are not read again from a later start: each character is read once.)
      stop = wrapped.firstStop;
      if (seen.has(start)) continue;
      decoded = decodeBase64Text(text.slice(start, stop));
    }
    if (decoded === undefined || !(decoded.trimStart().startsWith('{') || (pem && decoded.startsWith('-----BEGIN ')))) continue;
    seen.add(start);
    out.push(...decodedCandidates(decoded, start, stop - start, []));
  }
  return out;
}

/** The narrowest and widest lines read as a wrapped encoding (`base64` wraps at 76, `openssl base64` and PEM at 64). */
const MIN_WRAP = 40;
const MAX_WRAP = 128;

/**
 * The base64 run at `[start, firstStop)` and the lines that continue it, when it is wrapped: every line as wide as the
 * first, the last one narrower, each after a line break (or a `\n` escape inside a string) and indentation. The run is
 * its lines joined, and `stop` where its last line ends; beyond MAX_ENCODED characters it is `tooLong` (not decoded, as a
 * long one-line value is not), `stop` where the reading stopped. Undefined when no line of the run follows the first.
 */
function wrappedRun(text: string, start: number, firstStop: number): { encoded: string; stop: number; firstStop: number; tooLong?: boolean } | undefined {
  const width = firstStop - start;
  if (width < MIN_WRAP || width > MAX_WRAP || width % 4 !== 0) return undefined;
  const lines = [text.slice(start, firstStop)];
  let total = width;
  let stop = firstStop;
  for (let at = firstStop; ; ) {
    // The line break: a real one (`\r\n` too), or an escaped one inside a string literal (`\n`, `\r\n`).
    if (text.charCodeAt(at) === 92 && text.charCodeAt(at + 1) === 114 && text.charCodeAt(at + 2) === 92) at += 2;
    if (text.charCodeAt(at) === 92 && text.charCodeAt(at + 1) === 110) at += 2;
    else {
      if (text.charCodeAt(at) === 13) at++;
      if (text.charCodeAt(at) !== 10) break;
      at++;
    }
    for (let indent = 0; indent < 64 && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9); indent++) at++;
    let end = at;
    while (end < text.length && end - at <= width && isBase64Char(text.charCodeAt(end))) end++;
    const n = end - at;
    // A line of the run holds nothing else (`tls.key: …` on the next line is another value); a wider line is something
    // else; a narrower one ends the run when the whole is then whole quads.
    if (n === 0 || n > width || (n < width && (total + n) % 4 !== 0) || !endsLine(text, end)) break;
    total += n;
    if (total > MAX_ENCODED) return { encoded: '', stop: end, firstStop, tooLong: true };
    lines.push(text.slice(at, end));
    stop = end;
    if (n < width) break;
    at = end;
  }
  return lines.length > 1 ? { encoded: lines.join(''), stop, firstStop } : undefined;
}

/** Whether a wrapped line's run ends its line: a line break, an escaped one, a closing quote, or the end of the text. */
function endsLine(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return at >= text.length || c === 10 || c === 13 || c === 92 || c === 34 || c === 39 || c === 96;
}

/** What may stand before an encoded value: a quote, a space, `:`, `=`, `(`. */
function isRunStart(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 32 || c === 9 || c === 58 || c === 61 || c === 40 || c === 10;
}
