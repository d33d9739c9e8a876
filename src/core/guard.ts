import { analyzeText } from './analyze/index';
import { shannonEntropy } from './analyze/entropy';
import { isPlaceholder, isQuietGenericValue } from './analyze/quiet';
import { redact } from './redact';

/** A key value as it appears raw and in the encodings a bug could plausibly produce (JSON-escaped, URL-encoded, base64). */
function secretForms(secret: string): Set<string> {
  return new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), Buffer.from(secret).toString('base64').replace(/=+$/, '')]);
}

/**
 * The redaction guard: before any payload leaves, it is searched for every known key value, in each of its forms.
 * A hit refuses the send; the alert is never "fixed up" and sent anyway.
 */
export function containsSecret(payload: string, secrets: Iterable<string>): boolean {
  for (const secret of secrets) {
    if (!secret || secret.length < 6) continue;
    for (const form of secretForms(secret)) if (payload.includes(form)) return true;
  }
  return false;
}

/** Runs of token characters long enough to be a key (a path's `/` and `.` split it into its names). */
const TOKEN = /[A-Za-z0-9_+=-]{20,}/g;

/**
 * The same guard for text meant for people (an error, a warning, a note), which may quote what someone pasted in the
 * wrong place (a key as a URL, an auth type, a property name, a credential's name): every known value in each of its
 * forms, whatever any rule finds, and any other high-entropy token are shown only redacted (`Stripe…abcd`).
 */
export function redactSecrets(text: string, secrets: Iterable<string> = []): string {
  return redactSecretsAll([text], secrets)[0]!;
}

/** Between texts redacted together: a line no rule reads as part of a key, so no finding spans two texts. */
const TEXT_SEPARATOR = '\n\u241E\n';

/**
 * `redactSecrets` for many texts at once, with one analysis for all of them: 20,000 errors in a hostile
 * configuration cost one pass, not 20,000 (test/security/config.test.ts).
 */
export function redactSecretsAll(texts: readonly string[], secrets: Iterable<string> = []): string[] {
  if (texts.length === 0) return [];
  const known = [...secrets].filter((s) => s && s.length >= 6);
  let out = texts.join(TEXT_SEPARATOR);
  for (const secret of known) for (const form of secretForms(secret)) out = out.split(form).join(redact(secret, 'key'));
  // What the rules find, replaced in one pass over the joined text: slicing it once per finding would be quadratic
  // when thousands of texts each quote a key.
  const found = analyzeText('message.txt', out, { salt: 'redaction-guard', lowerSeverityInTestPaths: false, inlineIgnores: false, retainParse: false }).findings;
  const pieces: string[] = [];
  let at = 0;
  for (const f of [...found].sort((a, b) => a.offset - b.offset)) {
    if (f.offset < at) {
      // Overlapping findings: the part past the first one's end is redacted too, so no tail of a key is left.
      if (f.offset + f.length > at) {
        pieces.push(f.redacted);
        at = f.offset + f.length;
      }
      continue;
    }
    pieces.push(out.slice(at, f.offset), f.redacted);
    at = f.offset + f.length;
  }
  pieces.push(out.slice(at));
  out = pieces.join('');
  const parts = out.split(TEXT_SEPARATOR);
  // A text that held the separator itself, or a finding across it, cannot be split back: redact each on its own.
  if (parts.length !== texts.length) return texts.length === 1 ? [redactTokens(out)] : texts.map((t) => redactSecretsAll([t], known)[0]!);
  return parts.map(redactTokens);
}

function redactTokens(text: string): string {
  return text.replace(TOKEN, (token) => (looksRandom(token) ? redact(token, 'secret') : token));
}

/**
 * Random-looking: letters with digits, or upper- and lower-case letters (a random key of 40 letters has no digit about
 * once in a thousand), the generic rule's entropy, and not words, a placeholder, a UUID or a hash.
 */
function looksRandom(token: string): boolean {
  const mixed = /\d/.test(token) || (/[a-z]/.test(token) && /[A-Z]/.test(token));
  return /[A-Za-z]/.test(token) && mixed && shannonEntropy(token) >= 3.5 && !isPlaceholder(token) && !isQuietGenericValue(token);
}
