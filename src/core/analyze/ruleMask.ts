/**
 * A set of name-bound rules by their index in valueRules (ruleSet.ts): bit i of the set is rule i. Held as 32-bit words,
 * as many as the rules need, so the number of rules has no limit; with 32 rules or fewer a set is one word and each
 * operation one step. The value and name memos (binding.ts) hold such sets, a set is never changed once it is handed
 * out (only the builders below, on a set of their own, write), so the memos can share them.
 */
export type RuleMask = Int32Array;

/** The words a set of `ruleCount` rules takes (one at least, so a set of no rules is still a set). */
export function maskWords(ruleCount: number): number {
  return Math.max(1, Math.ceil(ruleCount / 32));
}

/** An empty set for a rule list of `words` words (maskWords). */
export function emptyMask(words: number): RuleMask {
  return new Int32Array(words);
}

/** The set of rules 0 … ruleCount - 1. */
export function firstRules(ruleCount: number, words = maskWords(ruleCount)): RuleMask {
  const mask = new Int32Array(words);
  for (let i = 0; i < ruleCount; i++) mask[i >>> 5]! |= 1 << (i & 31);
  return mask;
}

/** Adds rule i to a set being built. */
export function addRule(mask: RuleMask, i: number): void {
  mask[i >>> 5]! |= 1 << (i & 31);
}

/** Adds every rule of `from` to a set being built. */
export function addRules(mask: RuleMask, from: RuleMask): void {
  for (let w = 0; w < mask.length; w++) mask[w]! |= from[w]!;
}

export function hasRule(mask: RuleMask, i: number): boolean {
  return (mask[i >>> 5]! & (1 << (i & 31))) !== 0;
}

export function isEmptyMask(mask: RuleMask): boolean {
  for (let w = 0; w < mask.length; w++) if (mask[w] !== 0) return false;
  return true;
}

/** Whether two sets share a rule. */
export function intersects(a: RuleMask, b: RuleMask): boolean {
  // The first word apart: with 32 rules or fewer it is the only one (the hot path's case).
  if ((a[0]! & b[0]!) !== 0) return true;
  for (let w = 1; w < a.length; w++) if ((a[w]! & b[w]!) !== 0) return true;
  return false;
}

/** Whether three sets share a rule. */
export function intersects3(a: RuleMask, b: RuleMask, c: RuleMask): boolean {
  if ((a[0]! & b[0]! & c[0]!) !== 0) return true;
  for (let w = 1; w < a.length; w++) if ((a[w]! & b[w]! & c[w]!) !== 0) return true;
  return false;
}

/** A new set: the rules of `a` that are in `b`. */
export function maskAnd(a: RuleMask, b: RuleMask): RuleMask {
  const mask = new Int32Array(a.length);
  for (let w = 0; w < a.length; w++) mask[w] = a[w]! & b[w]!;
  return mask;
}

/** A new set: the rules of `a` that are not in `b`. */
export function maskWithout(a: RuleMask, b: RuleMask): RuleMask {
  const mask = new Int32Array(a.length);
  for (let w = 0; w < a.length; w++) mask[w] = a[w]! & ~b[w]!;
  return mask;
}

export function sameRules(a: RuleMask, b: RuleMask): boolean {
  for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false;
  return true;
}
