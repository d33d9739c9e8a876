/**
 * The names that carry a credential in an HTTP call, and the words that say a fallback key exists: one list
 * for every language the single-key-call rule reads (TypeScript/JavaScript in detect.ts, Python in python.ts),
 * so a header or parameter recognized in one is recognized in the other.
 */

/** Header names that carry a credential. */
export const AUTH_HEADER = /^(?:authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-token|private-token|x-goog-api-key|ocp-apim-subscription-key|x-[\w-]*(?:key|token|secret))$/i;

const KEY_PARAM_NAMES = String.raw`api[-_]?key|apikey|appid|app[-_]?key|access[-_]?key|subscription[-_]?key|key|token|access[-_]?token|auth[-_]?token|secret|client[-_]?secret`;
/** Query-parameter and option names that carry one. */
export const KEY_PARAM = new RegExp(`^(?:${KEY_PARAM_NAMES})$`, 'i');
/** The same names as a URL's query string has them, right before the key: `…?api_key=` + KEY. */
export const KEY_PARAM_IN_URL = new RegExp(`[?&](?:${KEY_PARAM_NAMES})=$`, 'i');

/**
 * An authorization scheme before the key in a header value: `Bearer sk_…` (kept when the literal is replaced; the
 * secret extractor reads the key after it, analyze/candidate.ts).
 */
export const AUTH_SCHEME_NAMES = 'Bearer|Basic|Token|token|Bot|Digest|ApiKey|Key';
export const AUTH_SCHEME = new RegExp(`^((?:${AUTH_SCHEME_NAMES})\\s+)`);

/** A key whose name or source says it is a primary or fallback slot already (`X_PRIMARY`, `fallbackKey`). */
export const SLOT_KEY_NAME = /_(?:PRIMARY|FALLBACK)\b|fallback|secondary|backup/i;
/** Code that checks for a rejected key: a 401 or 403. */
export const AUTH_FAILURE_STATUS = /\b40[13]\b/;
/** Words in code around a 401/403 check that name another key to retry with. */
export const ANOTHER_KEY = /fallback|secondary|backup|next_?key|old_?key|rotat/i;
