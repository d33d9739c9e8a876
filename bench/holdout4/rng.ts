// Seeded randomness and the character sets the generated values are drawn from.
// Everything the corpus holds is a function of the seed, so a figure can be reproduced exactly.

export class Rng {
  private state: number;
  constructor(seed: number) {
    // Spread small seeds (1, 2, 3...) over the state space before the first draw.
    this.state = (seed * 0x9e3779b1) >>> 0 || 0x1234567;
  }
  /** mulberry32: small, fast, and good enough for picking characters and placements. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  str(alphabet: string, length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

export const HEX = '0123456789abcdef';
export const HEXU = '0123456789ABCDEF';
export const DIGITS = '0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALNUM = LOWER + UPPER + DIGITS;
export const LOWER_ALNUM = LOWER + DIGITS;
export const UPPER_ALNUM = UPPER + DIGITS;
export const B64URL = ALNUM + '-_';
export const B64 = ALNUM + '+/';
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A random alphanumeric string that has at least one digit, one lower and one upper case letter: a generated
 * key with none of one class is rare, and such a draw would make a weaker sample than the provider's real keys.
 */
export function mixed(rng: Rng, alphabet: string, length: number): string {
  // Too short to hold every class: any draw will do (and the loop below could not end).
  if (length < 6) return rng.str(alphabet, length);
  for (;;) {
    const s = rng.str(alphabet, length);
    const classes = [/[0-9]/, /[a-z]/, /[A-Z]/].filter((re) => re.test(alphabet));
    if (classes.every((re) => re.test(s))) return s;
  }
}

export function hex(rng: Rng, length: number): string {
  for (;;) {
    const s = rng.str(HEX, length);
    // A hex draw with no letter or no digit would look like a number or a word; real keys almost never do.
    if (/[a-f]/.test(s) && /[0-9]/.test(s)) return s;
  }
}

export function uuid(rng: Rng): string {
  const h = hex(rng, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[rng.int(0, 3)]!;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function b64(text: string | Buffer): string {
  return Buffer.from(text).toString('base64');
}

export function b64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

export function randomBytesB64(rng: Rng, bytes: number): string {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = rng.int(0, 255);
  return buf.toString('base64');
}

export function randomBytesB64url(rng: Rng, bytes: number): string {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = rng.int(0, 255);
  return buf.toString('base64url');
}

/** A JWT-shaped token with the given claims, signed with random bytes (never a real signature). */
export function jwt(rng: Rng, header: object, claims: object, sigBytes = 32): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${randomBytesB64url(rng, sigBytes)}`;
}

/** A PEM block of random DER-looking bytes: the shape of a key, never a usable one. */
export function pem(rng: Rng, label: string, bytes: number): string {
  const buf = Buffer.alloc(bytes);
  // Start like a DER SEQUENCE so the body reads as a plausible key (MII...).
  buf[0] = 0x30;
  buf[1] = 0x82;
  buf[2] = (bytes - 4) >> 8;
  buf[3] = (bytes - 4) & 0xff;
  for (let i = 4; i < bytes; i++) buf[i] = rng.int(0, 255);
  const body = buf.toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

export function words(...parts: string[]): Names {
  return namesOf(parts);
}

/** The spellings one name takes in different languages and formats. */
export interface Names {
  parts: string[];
  upper: string; // DATADOG_API_KEY
  snake: string; // datadog_api_key
  camel: string; // datadogApiKey
  kebab: string; // datadog-api-key
  pascal: string; // DatadogApiKey
  group: string; // datadog
  fieldSnake: string; // api_key
  fieldCamel: string; // apiKey
  fieldKebab: string; // api-key
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function namesOf(parts: string[]): Names {
  const field = parts.length > 1 ? parts.slice(1) : parts;
  return {
    parts,
    upper: parts.join('_').toUpperCase(),
    snake: parts.join('_'),
    camel: parts[0] + parts.slice(1).map(cap).join(''),
    kebab: parts.join('-'),
    pascal: parts.map(cap).join(''),
    group: parts[0]!,
    fieldSnake: field.join('_'),
    fieldCamel: field[0] + field.slice(1).map(cap).join(''),
    fieldKebab: field.join('-'),
  };
}
