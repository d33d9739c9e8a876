/** Seeded randomness and value shapes for the holdout6 corpus: every value is drawn here, never real. */

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (seed * 0x9e3779b1) >>> 0 || 1;
  }
  /** mulberry32: small, fast and deterministic across platforms. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
  from(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
export const ALNUM = LOWER + UPPER + DIGITS;
export const HEX = '0123456789abcdef';
export const B64 = ALNUM + '+/';
export const B64URL = ALNUM + '-_';
export const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
export const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Value shapes, bound to one Rng. A drawn value is re-drawn until it mixes classes, so no draw reads as a word. */
export function shapes(r: Rng) {
  const mixed = (alphabet: string, n: number, classes = 2): string => {
    for (;;) {
      const s = r.from(alphabet, n);
      const k = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(s)).length;
      if (k >= Math.min(classes, 3) || n < 8) return s;
    }
  };
  const hexOf = (n: number) => {
    for (;;) {
      const s = r.from(HEX, n);
      if (/[a-f]/.test(s) && /[0-9]/.test(s)) return s;
    }
  };
  return {
    hex: hexOf,
    HEX: (n: number) => hexOf(n).toUpperCase(),
    an: (n: number) => mixed(ALNUM, n, 3),
    lc: (n: number) => mixed(LOWER + DIGITS, n, 2),
    uc: (n: number) => mixed(UPPER + DIGITS, n, 2),
    b64: (n: number) => mixed(B64, n, 3),
    b64url: (n: number) => mixed(B64URL, n, 3),
    b58: (n: number) => mixed(B58, n, 3),
    b32: (n: number) => mixed(B32, n, 2),
    digits: (n: number) => String(r.int(1, 9)) + r.from(DIGITS, n - 1),
    uuid: () => `${hexOf(8)}-${hexOf(4)}-4${hexOf(3)}-${r.pick(['8', '9', 'a', 'b'])}${hexOf(3)}-${hexOf(12)}`,
    /** base64 of n random bytes, padded as a library would print it. */
    bytes64: (n: number) => Buffer.from(Array.from({ length: n }, () => r.int(0, 255))).toString('base64'),
    bytes64url: (n: number) => Buffer.from(Array.from({ length: n }, () => r.int(0, 255))).toString('base64url'),
  };
}
export type Shapes = ReturnType<typeof shapes>;
