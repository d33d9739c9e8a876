import { AUTH_SCHEME } from '../calls/credentialNames';

/**
 * A string value found by a language extractor, with the names it is bound to
 * (variable, property, parameter, env key, header, keyword argument, `process.env.X` fallback).
 * Offsets are into the analyzed text and cover the value only (inside the quotes).
 */
export interface Candidate {
  offset: number;
  length: number;
  names: string[];
  /** Only provider rules may bind it, not the generic heuristic (a `name: "value"` example in a doc comment). */
  providerOnly?: boolean;
}

/** What every extractor returns: candidates, plus notes when it had to give up part of the file. */
export interface Extraction {
  candidates: Candidate[];
  notes: string[];
}

/**
 * Calls that only re-encode their first argument (`Buffer.from("…", "hex")`, `new TextEncoder().encode("…")`,
 * `bytes.fromhex("…")`, `base64.b64decode("…")`, pydantic's `SecretStr("…")`): the literal is the value of whatever
 * the call's result is bound to (`const signingKey = Buffer.from("…", "hex")`). Tested on the dotted callee.
 */
export const VALUE_WRAPPER = /(?:^|\.)(?:Buffer\.from|TextEncoder\.encode|atob|hexToBytes|fromHex|bytes\.fromhex|unhexlify|a2b_hex|(?:urlsafe_)?b(?:64|32|16)decode|SecretStr|SecretBytes)$/;

/** `X-Api-Key: …` at the start of a string: a header written as one string. */
const HEADER = /^([A-Za-z][A-Za-z0-9-]{1,30}):\s*/;

/**
 * The credential part of a string's content `text[start, end)`: after a header name that names a credential
 * (`Authorization: `, `X-Api-Key: `) and after an auth scheme (`Bearer `, `Basic `), with the names they add.
 * pushCandidate and the parse prefilter both use it, so the prefilter checks exactly the value a rule will see.
 */
export function credentialStart(text: string, start: number, end: number): { start: number; names: string[] } {
  const names: string[] = [];
  const header = HEADER.exec(text.slice(start, Math.min(end, start + 40)));
  if (header && /auth|key|token|secret/i.test(header[1]!)) {
    names.push(header[1]!);
    start += header[0].length;
  }
  const scheme = AUTH_SCHEME.exec(text.slice(start, Math.min(end, start + 12)));
  if (scheme) {
    names.push('authorization');
    start += scheme[0].length;
  }
  return { start, names };
}

/**
 * Narrows `Authorization: Bearer abc` / `Bearer abc` / `token abc` to the credential part,
 * so the reported range is the key itself and the fix replaces only that.
 */
export function pushCandidate(out: Candidate[], text: string, offset: number, length: number, names: string[]): void {
  if (length <= 0) return;
  const end = offset + length;
  const credential = credentialStart(text, offset, end);
  if (end > credential.start) out.push({ offset: credential.start, length: end - credential.start, names: credential.names.length ? [...names, ...credential.names] : names });
}
