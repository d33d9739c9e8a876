import type { SampleGen } from './types';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/**
 * A seeded generator (mulberry32) so sample-based tests are reproducible run to run,
 * while no sample key is ever written into the repository.
 */
export function sampleGen(seed = 0x5eed): SampleGen {
  const next = seededRandom(seed);
  const chars = (alphabet: string, n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return {
    chars,
    alnum: (n) => chars(UPPER + LOWER + DIGITS, n),
    upperAlnum: (n) => chars(UPPER + DIGITS, n),
    lowerAlnum: (n) => chars(LOWER + DIGITS, n),
    hex: (n) => chars('0123456789abcdef', n),
    digits: (n) => chars(DIGITS, n),
    base64: (n) => chars(UPPER + LOWER + DIGITS + '+/', n),
    b64url: (n) => chars(UPPER + LOWER + DIGITS + '-_', n),
    uuid: () => [8, 4, 4, 4, 12].map((n) => chars('0123456789abcdef', n)).join('-'),
  };
}

/** mulberry32: a seeded uniform random number in [0, 1) per call, the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
