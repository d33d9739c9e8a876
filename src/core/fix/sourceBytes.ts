import { isUtf8 } from 'node:buffer';
import { lineNumberAt } from '../vocabulary/positions';
import { applyEdits, minimalEdits } from './minimalEdits';

/**
 * The bytes of a file a fix rewrites, decoded so that writing the fixed text back changes nothing
 * outside the edits: the byte-order mark, the encoding and every byte the fix did not touch come back
 * as they were. A file that cannot round-trip exactly is refused with the reason, never rewritten
 * with replacement characters.
 */

export interface DecodedSource {
  /** The text to analyze and plan on, without a byte-order mark (as an editor shows it). */
  text: string;
  /** 'utf8', or 'latin1' for a Python file that declares ISO-8859-1. */
  encoding: 'utf8' | 'latin1';
  /** Whether the file starts with a UTF-8 byte-order mark (kept on write). */
  bom: boolean;
}

export type DecodeResult = { ok: true; source: DecodedSource } | { ok: false; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** The byte-order mark as a character, when a caller's text still starts with it. */
export const BOM = '\ufeff';
/** PEP 263: a `coding[:=]` comment on line 1 or 2 chooses a Python file's encoding. */
const PEP263 = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const UTF8_NAMES = new Set(['utf-8', 'utf8', 'utf_8', 'u8', 'utf', 'ascii', 'us-ascii', '646']);
const LATIN1_NAMES = new Set(['latin-1', 'latin1', 'latin_1', 'iso-8859-1', 'iso8859-1', 'iso_8859_1', 'iso8859_1', '8859', 'cp819', 'l1']);

export function decodeSource(path: string, bytes: Uint8Array): DecodeResult {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    return { ok: false, reason: 'the file is UTF-16 (byte-order mark); fix rewrites only UTF-8 and Latin-1 files, so move the value by hand' };
  }
  const bom = UTF8_BOM.every((b, i) => buffer[i] === b);
  const body = bom ? buffer.subarray(3) : buffer;
  let encoding: DecodedSource['encoding'] = 'utf8';
  if (/\.pyw?$/i.test(path)) {
    const declared = pythonDeclaredEncoding(body);
    if (declared !== undefined) {
      const name = declared.toLowerCase();
      if (LATIN1_NAMES.has(name) && !bom) encoding = 'latin1';
      else if (!UTF8_NAMES.has(name)) {
        return { ok: false, reason: `the file declares the encoding '${declared}' (line 1 or 2); fix rewrites only UTF-8 and Latin-1 files, so move the value by hand` };
      }
    }
  }
  if (encoding === 'utf8') {
    const invalid = firstInvalidUtf8(body);
    if (invalid !== undefined) {
      // Latin-1 gives one character per byte, and UTF-8 never uses the bytes of CR or LF inside a character.
      const line = lineNumberAt(body.toString('latin1', 0, invalid), invalid);
      return { ok: false, reason: `line ${line} is not valid UTF-8 (byte 0x${body[invalid]!.toString(16).padStart(2, '0')}); fix does not rewrite a file it cannot write back byte for byte, so move the value by hand or re-save the file as UTF-8` };
    }
  }
  return { ok: true, source: { text: body.toString(encoding), encoding, bom } };
}

/**
 * The bytes of `text` in the source's encoding and byte-order mark; throws when a character does not
 * exist in that encoding (only an edit could add one: the rest of the text came from these bytes).
 */
export function encodeSource(source: Pick<DecodedSource, 'encoding' | 'bom'>, text: string): Buffer {
  const body = Buffer.from(text, source.encoding);
  if (source.encoding !== 'utf8' && body.toString(source.encoding) !== text) {
    throw new Error(`the fixed text has characters that ${source.encoding} cannot hold`);
  }
  return source.bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
}

/**
 * `newText` with the line breaks a fix inserted written the way `original` writes them: a file that
 * ends its lines with CRLF gets CRLF in inserted lines too (the generated code uses `\n`).
 */
export function matchLineEndings(original: string, newText: string): string {
  const crlf = (original.match(/\r\n/g) ?? []).length;
  if (crlf === 0 || (original.match(/\n/g) ?? []).length - crlf > crlf) return newText;
  // Only inserted text changes: a lone LF the original already had (a mixed file) stays.
  const edits = minimalEdits(original, newText).map((edit) => {
    const before = original[edit.offset - 1] === '\r' ? '\r' : '';
    return { ...edit, newText: (before + edit.newText).replace(/(?<!\r)\n/g, '\r\n').slice(before.length) };
  });
  return applyEdits(original, edits);
}

function pythonDeclaredEncoding(body: Buffer): string | undefined {
  // The declaration is ASCII; reading the first two lines as Latin-1 never fails.
  const head = body.subarray(0, 400).toString('latin1').split(/\r\n|\r|\n/, 2);
  for (const [i, line] of head.entries()) {
    const match = PEP263.exec(line);
    if (match) return match[1];
    // Only a comment or blank first line lets the second line declare it (PEP 263).
    if (i === 0 && !/^[ \t\f]*(?:#.*)?$/.test(line)) break;
  }
  return undefined;
}

/** Offset of the first byte that makes `bytes` invalid UTF-8 (overlong forms and surrogates included), or undefined. */
function firstInvalidUtf8(bytes: Buffer): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return undefined;
}
