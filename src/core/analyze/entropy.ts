/** Occurrences per UTF-16 unit while one value is counted (zeroed again after each), and the units in first-seen order. */
const counts = new Uint32Array(65536);
const seen = new Uint16Array(65536);

/**
 * Shannon entropy in bits per character. Values without surrogate pairs (nearly all) are counted in a typed array,
 * summed in the order characters first occur: the same sum, to the last bit, as the general count below, which a
 * workspace scan's tens of thousands of candidate values made a visible cost.
 */
export function shannonEntropy(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      for (let k = 0; k < distinct; k++) counts[seen[k]!] = 0;
      return entropyOfCharacters(value);
    }
    if (counts[c]++ === 0) seen[distinct++] = c;
  }
  let h = 0;
  for (let k = 0; k < distinct; k++) {
    const c = seen[k]!;
    const p = counts[c]! / n;
    h -= p * Math.log2(p);
    counts[c] = 0;
  }
  return h;
}

/** The general count, by code point (a surrogate pair is one character). */
function entropyOfCharacters(value: string): number {
  const occurrences = new Map<string, number>();
  for (const ch of value) occurrences.set(ch, (occurrences.get(ch) ?? 0) + 1);
  let h = 0;
  for (const k of occurrences.values()) {
    const p = k / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}
