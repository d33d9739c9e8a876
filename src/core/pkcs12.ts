/**
 * Does a PKCS#12 file's integrity MAC verify with a given password? Enough to recognise a key container whose
 * password is public (Google Cloud's `.p12` service-account keys all use `notasecret`) without decrypting it:
 * the MAC key comes from the password (RFC 7292, appendix B), the MAC covers the container's contents.
 *
 * The input is a hostile repository's file: every length is checked against the buffer, the iteration count is
 * capped (a crafted count would otherwise make the check take minutes), and anything unexpected answers `false`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Far above what tools write (OpenSSL: 2,048; Google's keys: 2,048), far below what would stall a scan. */
const MAX_MAC_ITERATIONS = 100_000;
/** Key containers are a few KiB; a larger file is not one we check. */
export const MAX_PKCS12_BYTES = 256 * 1024;

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const OID = 0x06;
const EXPLICIT_0 = 0xa0;

/** id-data (1.2.840.113549.1.7.1): the authenticated-safe is carried as plain data, as every PFX with a MAC is. */
const ID_DATA = '2a864886f70d010701';
/** MAC digest algorithms, by DER-encoded OID: hash name, output and block size in bytes. */
const DIGESTS: Record<string, { hash: string; size: number; block: number }> = {
  '2b0e03021a': { hash: 'sha1', size: 20, block: 64 },
  '608648016503040201': { hash: 'sha256', size: 32, block: 64 },
  '608648016503040202': { hash: 'sha384', size: 48, block: 128 },
  '608648016503040203': { hash: 'sha512', size: 64, block: 128 },
};

interface Element {
  tag: number;
  /** Content bounds in the buffer. */
  start: number;
  end: number;
}

/** One DER element at `at`, or undefined when it does not fit in `limit` (definite lengths only, as DER has). */
function element(bytes: Uint8Array, at: number, limit: number): Element | undefined {
  if (at + 2 > limit) return undefined;
  const tag = bytes[at]!;
  let length = bytes[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  const end = start + length;
  return end <= limit ? { tag, start, end } : undefined;
}

/** The children of a constructed element, in order; undefined when one does not parse. */
function children(bytes: Uint8Array, parent: Element): Element[] | undefined {
  const out: Element[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = element(bytes, at, parent.end);
    if (!child) return undefined;
    out.push(child);
    at = child.end;
  }
  return out;
}

function hex(bytes: Uint8Array, e: Element): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + e.start, e.end - e.start).toString('hex');
}

function integer(bytes: Uint8Array, e: Element): number | undefined {
  if (e.tag !== INTEGER || e.end - e.start > 6 || e.end === e.start) return undefined;
  let value = 0;
  for (let i = e.start; i < e.end; i++) value = value * 256 + bytes[i]!;
  return value;
}

/** The password as PKCS#12 wants it: UTF-16 big-endian with a two-byte terminator. */
function bmpString(password: string): Buffer {
  const out = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
}

/** `part` repeated to fill a whole number of `block`-byte blocks (empty stays empty). */
function fill(part: Uint8Array, block: number): Buffer {
  const out = Buffer.alloc(Math.ceil(part.length / block) * block);
  for (let i = 0; i < out.length; i++) out[i] = part[i % part.length]!;
  return out;
}

/** RFC 7292 B.2 with ID 3 (MAC key), for a key as long as one hash output: A₁ = H^iterations(D ‖ S ‖ P). */
function macKey(digest: { hash: string; block: number }, password: string, salt: Uint8Array, iterations: number): Buffer {
  let a: Buffer = Buffer.concat([Buffer.alloc(digest.block, 3), fill(salt, digest.block), fill(bmpString(password), digest.block)]);
  for (let i = 0; i < iterations; i++) a = createHash(digest.hash).update(a).digest();
  return a;
}

/**
 * True when `bytes` is a PFX (version 3, contents as data, with MacData) whose MAC verifies with `password`.
 * PFX ::= SEQUENCE { version INTEGER, authSafe ContentInfo, macData SEQUENCE { DigestInfo, macSalt, iterations } }
 */
export function pkcs12MacVerifies(bytes: Uint8Array, password: string): boolean {
  if (bytes.length > MAX_PKCS12_BYTES) return false;
  const pfx = element(bytes, 0, bytes.length);
  if (!pfx || pfx.tag !== SEQUENCE) return false;
  const [version, authSafe, macData] = children(bytes, pfx) ?? [];
  if (!version || !authSafe || !macData || integer(bytes, version) !== 3 || authSafe.tag !== SEQUENCE || macData.tag !== SEQUENCE) return false;
  // ContentInfo ::= SEQUENCE { contentType OID (data), content [0] EXPLICIT OCTET STRING }
  const [contentType, explicit] = children(bytes, authSafe) ?? [];
  if (!contentType || contentType.tag !== OID || hex(bytes, contentType) !== ID_DATA || !explicit || explicit.tag !== EXPLICIT_0) return false;
  const content = element(bytes, explicit.start, explicit.end);
  if (!content || content.tag !== OCTET_STRING) return false;
  // MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
  const [digestInfo, salt, iterationsElement] = children(bytes, macData) ?? [];
  if (!digestInfo || digestInfo.tag !== SEQUENCE || !salt || salt.tag !== OCTET_STRING) return false;
  const iterations = iterationsElement ? integer(bytes, iterationsElement) : 1;
  if (iterations === undefined || iterations < 1 || iterations > MAX_MAC_ITERATIONS) return false;
  // DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }
  const [algorithm, expected] = children(bytes, digestInfo) ?? [];
  if (!algorithm || algorithm.tag !== SEQUENCE || !expected || expected.tag !== OCTET_STRING) return false;
  const algorithmOid = children(bytes, algorithm)?.[0];
  const digest = algorithmOid?.tag === OID ? DIGESTS[hex(bytes, algorithmOid)] : undefined;
  if (!digest || expected.end - expected.start !== digest.size) return false;
  const key = macKey(digest, password, bytes.subarray(salt.start, salt.end), iterations);
  const mac = createHmac(digest.hash, key).update(bytes.subarray(content.start, content.end)).digest();
  return timingSafeEqual(mac, bytes.subarray(expected.start, expected.end));
}
