/**
 * A string value found by a language extractor, with the names it is bound to
 * (variable, property, parameter, env key, header, keyword argument, `process.env.X` fallback).
 * Offsets are into the analyzed text and cover the value only (inside the quotes).
 */
export interface Candidate {
  offset: number;
  length: number;
  names: string[];
}

/** What every extractor returns: candidates, plus notes when it had to give up part of the file. */
export interface Extraction {
  candidates: Candidate[];
  notes: string[];
}

/**
 * Narrows `Authorization: Bearer abc` / `Bearer abc` / `token abc` to the credential part,
 * so the reported range is the key itself and the fix replaces only that.
 */
export function pushCandidate(out: Candidate[], text: string, offset: number, length: number, names: string[]): void {
  if (length <= 0) return;
  let start = offset;
  let end = offset + length;
  // Header written as one string: "Authorization: Bearer …", "X-Api-Key: …"
  const head = text.slice(start, Math.min(end, start + 40));
  const header = /^([A-Za-z][A-Za-z0-9-]{1,30}):\s*/.exec(head);
  if (header && /auth|key|token|secret/i.test(header[1]!)) {
    names = [...names, header[1]!];
    start += header[0].length;
  }
  const scheme = /^(?:Bearer|Basic|Token|token|Bot|Digest|ApiKey|Key)\s+/.exec(text.slice(start, Math.min(end, start + 12)));
  if (scheme) {
    names = [...names, 'authorization'];
    start += scheme[0].length;
  }
  if (end > start) out.push({ offset: start, length: end - start, names });
}
