/** Seeded randomness for the holdout5 generator: the same seed always writes the same tree. */

export type Rng = () => number;

/** mulberry32: small, fast and good enough to draw key characters; not for anything cryptographic. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One stream per (seed, label), so adding a placeholder elsewhere does not shift every later value. */
export function streamFor(seed: number, label: string): Rng {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return mulberry32(h >>> 0);
}

export const HEX = '0123456789abcdef';
export const HEXU = '0123456789ABCDEF';
export const DIGITS = '0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALNUM = UPPER + LOWER + DIGITS;
export const ALNUM_LOWER = LOWER + DIGITS;
export const ALNUM_UPPER = UPPER + DIGITS;
export const B64 = ALNUM + '+/';
export const B64URL = ALNUM + '-_';
export const B32U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const B32L = B32U.toLowerCase();

export class Draw {
  constructor(readonly rng: Rng) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rng() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)]!;
  }
  /** n characters from the charset; retries until it mixes classes like a real machine-drawn key would. */
  str(n: number, charset: string): string {
    for (let attempt = 0; ; attempt++) {
      let out = '';
      for (let i = 0; i < n; i++) out += charset[Math.floor(this.rng() * charset.length)];
      if (attempt > 20 || n < 12 || looksDrawn(out, charset)) return out;
    }
  }
  hex(n: number): string {
    return this.str(n, HEX);
  }
  alnum(n: number): string {
    return this.str(n, ALNUM);
  }
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${this.pick(['8', '9', 'a', 'b'])}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  digits(n: number): string {
    return this.pick(['1', '2', '3', '4', '5', '6', '7', '8', '9']) + this.str(n - 1, DIGITS);
  }
}

/** Random draws can spell a stand-in word or miss a whole character class; a real key rarely does. */
function looksDrawn(s: string, charset: string): boolean {
  if (/test|fake|dummy|mock|xxx|example|sample|pass|secret|token/i.test(s)) return false;
  const hasUpper = /[A-Z]/.test(s);
  const hasLower = /[a-z]/.test(s);
  const hasDigit = /[0-9]/.test(s);
  if (/[A-Z]/.test(charset) && !hasUpper) return false;
  if (/[a-z]/.test(charset) && !hasLower) return false;
  if (/[0-9]/.test(charset) && !hasDigit) return false;
  return true;
}

export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}
export function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}
