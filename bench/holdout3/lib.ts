/** Shared pieces of the holdout3 generator: a seeded random source, alphabets, names and the item/placement types. */

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (seed * 2654435761) >>> 0 || 1;
  }
  /** mulberry32: small, fast, and the same sequence on every machine for a seed. */
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
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  str(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = LOWER.toUpperCase();
export const DIGITS = '0123456789';
export const AN = UPPER + LOWER + DIGITS;
export const LAN = LOWER + DIGITS;
export const UAN = UPPER + DIGITS;
export const HEX = '0123456789abcdef';
export const B64 = AN + '+/';
export const B64U = AN + '-_';
export const B32 = UPPER + '234567';

export const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
export const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

/** An alphanumeric string that has at least one digit, one upper and one lower letter (as generated keys do). */
export function mixed(r: Rng, n: number, alphabet = AN): string {
  for (;;) {
    const s = r.str(alphabet, n);
    if (/[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s)) return s;
    if (!/[A-Z]/.test(alphabet) || !/[a-z]/.test(alphabet)) return s;
  }
}

export function uuid(r: Rng): string {
  const h = r.str(HEX, 32).split('');
  h[12] = '4';
  h[16] = r.pick(['8', '9', 'a', 'b']);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function jwt(r: Rng, payload: Record<string, unknown>, alg = 'HS256'): string {
  return `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.${r.str(B64U, alg === 'HS256' ? 43 : 86)}`;
}

/** A PEM block whose body is random base64 after a realistic DER prefix, wrapped at 64 columns. */
export function pem(r: Rng, label: string, prefix: string, bodyLength: number): string {
  const body = prefix + r.str(B64, bodyLength - prefix.length);
  const lines = body.match(/.{1,64}/g)!;
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
}

export interface Name {
  env: string;
  camel: string;
  snake: string;
  kebab: string;
  title: string;
}

export function nameOf(env: string): Name {
  const parts = env.toLowerCase().split('_').filter(Boolean);
  const cap = (p: string) => p[0].toUpperCase() + p.slice(1);
  return {
    env,
    snake: parts.join('_'),
    kebab: parts.join('-'),
    camel: parts[0] + parts.slice(1).map(cap).join(''),
    title: parts.map(cap).join(''),
  };
}

export type Lang =
  | 'ts' | 'js' | 'py' | 'json' | 'yaml' | 'env' | 'shell' | 'hcl' | 'md' | 'ini' | 'toml' | 'xml' | 'text'
  | 'csv' | 'sql' | 'http' | 'docker' | 'make' | 'ps1' | 'html' | 'css';

export type Group = 'provider' | 'generic' | 'negative';

/** One planted value: a positive (provider key or generic secret) or a negative (must not be reported). */
export interface Item {
  id: number;
  group: Group;
  /** Provider id, generic kind or negative kind. */
  kind: string;
  cls?: 'prefixed' | 'context';
  name: Name;
  value: string;
  /** The value is code (an env-var read, a variable), written without quotes. */
  expr?: boolean;
  /** Substrings that locate the value's line(s) in the rendered file. */
  needles: string[];
  /** Substrings that must never appear in any report (positives only). */
  secretParts: string[];
  tags: string[];
}

export interface Placement {
  id: string;
  lang: Lang;
  /** Candidate paths, one per file this placement fills. */
  paths: string[];
  test?: boolean;
  /** The value is used as a credential here (a Bearer header, a client's key argument, a password field): only
   *  negatives that stand in for a credential (placeholders, env reads, redactions, public client keys) go here. */
  credential?: boolean;
  /** The value may keep its line breaks here (a PEM block stays a block); elsewhere breaks are written as `\n`. */
  multiline?: boolean;
  /** Which tags this placement takes; default: any item. */
  accepts?: (it: Item) => boolean;
  head?: (r: Rng) => string[];
  foot?: (r: Rng) => string[];
  /** Lines put between two items, for realism (blank lines, comments, unrelated code). */
  between?: (r: Rng) => string[];
  render: (it: Item, v: string, r: Rng) => string[];
}

export interface Kind {
  id: string;
  group: Group;
  cls?: 'prefixed' | 'context';
  names: string[];
  tags?: string[];
  /** How many times to plant it (default: 2 for providers, 5 for generics, 4 for negatives). */
  count?: number;
  /** Placement ids it is restricted to (negatives that only occur in one kind of file). */
  where?: string[];
  /** Languages it may be written in (a bcrypt hash's `$` would be expanded in a shell or Makefile). */
  langs?: Lang[];
  gen: (r: Rng, lang: Lang, name: Name) => { value: string; expr?: boolean; secretParts?: string[]; needles?: string[] };
}
