import type { ClientConfig } from '../rules/types';
/**
 * What the other members of a value's mapping say it is, where its own name cannot: a bare `token` beside a
 * `signature` is a signed message's one-time nonce (Mailgun's webhooks: `{ timestamp, token, signature }`), a bare
 * `auth` beside the data it signs is the Pusher protocol's `"<app key>:<HMAC>"` (`{ auth, channel_data }`), and an
 * Algolia-shaped `apiKey` beside an `indexName` is the search-only key a browser searches with (DocSearch,
 * InstantSearch, a docs theme's `algolia: {…}`): public by design, as a publishable key is.
 *
 * Read from the text, whatever the language: the members are the keys on the member's own line (a one-line object) and
 * on the lines at its indentation above and below, up to a less indented line (JSON, YAML, Ruby, Python, JS, PHP).
 * Bounded: at most MAX_LINES lines each way and LINE_WINDOW characters of the member's line, and only asked for a
 * finding under one of the bare names below.
 */

/** The names whose sibling members are read, and what a sibling must be. */
const NONCE_NAME = /^(?:token|auth)$/i;
const SEARCH_KEY_NAME = /^api[_-]?key$/i;
/** What a signed message carries beside its nonce or signature: the signature, or the data an `auth` signs. */
const SIGNED_SIBLING = /^(?:signature|channel_data|user_data)$/;
const INDEX_SIBLING = /^index_?name$/;
/**
 * The Pusher protocol's `auth`: the app key (public, hexadecimal) and the HMAC-SHA256 of the socket and channel in hex,
 * which a private channel's authorization carries alone. A Basic `user:password` (Node's `http` `auth`) has a user
 * name of other letters (`deploy`, `api`, an email).
 */
const PUSHER_AUTH = /^[0-9a-f]{1,32}:[0-9a-f]{64}$/;
/** Algolia's keys: 32 hexadecimal characters (data.ts, algolia-admin-key and algolia-search-key). */
const ALGOLIA_KEY = /^[a-f0-9]{32}$/;

const MAX_LINES = 40;
const LINE_WINDOW = 1024;
/** A member's key at the start of a line: `token:`, `"token":`, `'auth' =>`, `:token =>`, `token =`. */
const LEADING_KEY = /^[ \t]*:?["']?([A-Za-z_][\w-]{0,40})["']?[ \t]*(?::|=>|=(?!=))/;
/** Keys anywhere in a line (a one-line object): after a bracket, a comma or a blank. */
const INLINE_KEYS = /(?:^|[{(\[,\s]):?["']?([A-Za-z_][\w-]{0,40})["']?[ \t]*(?::|=>)/g;

export type SiblingVerdict = 'signed' | 'search-key';

/**
 * What the members beside the value at `offset` make of it, for a finding bound to one of `names` (an extractor's
 * names, the member's own first): undefined when they say nothing.
 */
export function siblingVerdict(text: string, offset: number, names: readonly string[], value: string): SiblingVerdict | undefined {
  const own = lastSegment(names[0] ?? '');
  const nonce = NONCE_NAME.test(own);
  const searchKey = !nonce && SEARCH_KEY_NAME.test(own) && ALGOLIA_KEY.test(value);
  if (!nonce && !searchKey) return undefined;
  if (nonce && PUSHER_AUTH.test(value) && own.toLowerCase() === 'auth') return 'signed';
  const siblings = siblingKeys(text, offset);
  if (nonce && siblings.some((k) => SIGNED_SIBLING.test(k))) return 'signed';
  if (searchKey && siblings.some((k) => INDEX_SIBLING.test(k))) return 'search-key';
  return undefined;
}

/** The name a value is assigned to just before it on its line: `VITE_FIREBASE_API_KEY=`, `"firebaseApiKey": "`, `const k = '`. */
const NAME_BEFORE = /([A-Za-z_$][\w$.-]{0,80})["'\]]?[ \t]*(?::=|=>|[:=])[ \t]*["'`]?$/;

/**
 * Whether the key at `offset` sits where a client's config keeps it (Rule.publishableWhere): a file made for clients,
 * the name it is assigned to on its line, or a key of the mapping around it. Bounded as siblingKeys is.
 */
export function inClientConfig(where: ClientConfig, text: string, offset: number, path: string): boolean {
  if (where.file?.test(path.replace(/\\/g, '/'))) return true;
  if (where.name) {
    const from = Math.max(0, offset - 256);
    const start = lineStartWithin(text, offset, from);
    const name = NAME_BEFORE.exec(text.slice(start < 0 ? from : start, offset));
    if (name && where.name.test(name[1]!)) return true;
  }
  const sibling = where.sibling;
  return sibling !== undefined && siblingKeys(text, offset).some((k) => sibling.test(k));
}

function lastSegment(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('.'), name.lastIndexOf('>'), name.lastIndexOf('[')) + 1).replace(/["'\]]/g, '');
}

/** The keys of the mapping around `offset`, lower case, `-` read as `_` (`index-name`); the member's own among them. */
export function siblingKeys(text: string, offset: number): string[] {
  const keys: string[] = [];
  const from = Math.max(0, offset - LINE_WINDOW);
  const to = Math.min(text.length, offset + LINE_WINDOW);
  let start = lineStartWithin(text, offset, from);
  let end = lineEndWithin(text, offset, to);
  // A line longer than the window (minified, one-line JSON): its members near the value only, no lines around it.
  if (start < 0 || end < 0) {
    for (const m of text.slice(from, to).matchAll(INLINE_KEYS)) keys.push(m[1]!);
    return normalized(keys);
  }
  // The value alone on its line (`auth:\n  "…"`): the member is the line above.
  let i = offset - 1;
  while (i >= start && /[\s"'`]/.test(text[i]!)) i--;
  if (i < start && start > 0) {
    end = start - 1;
    start = lineStartWithin(text, end, Math.max(0, end - LINE_WINDOW));
    if (start < 0) return normalized(keys);
  }
  const indent = indentation(text, start, end);
  for (const m of text.slice(start, end).matchAll(INLINE_KEYS)) keys.push(m[1]!);
  // Up, then down, over the lines at the member's indentation; deeper lines are values or nested members. A line
  // longer than the window ends the walk.
  let at = start;
  for (let n = 0; n < MAX_LINES && at > 0; n++) {
    const lineStart = lineStartWithin(text, at - 1, Math.max(0, at - 1 - LINE_WINDOW));
    if (lineStart < 0 || !collect(text, lineStart, at - 1, indent, keys)) break;
    at = lineStart;
  }
  at = end;
  for (let n = 0; n < MAX_LINES && at < text.length; n++) {
    const lineStart = at + 1;
    const stop = lineEndWithin(text, lineStart, Math.min(text.length, lineStart + LINE_WINDOW));
    if (stop < 0 || !collect(text, lineStart, stop, indent, keys)) break;
    at = stop;
  }
  return normalized(keys);
}

/** The first line break at `from` or after, if it is before `to` (the text's end counts as one); -1 otherwise. */
function lineEndWithin(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return i;
  return to === text.length ? to : -1;
}

function normalized(keys: string[]): string[] {
  return keys.map((k) => k.toLowerCase().replace(/-/g, '_'));
}

/** The offset after the last line break before `at` (the text's start counts as one), if it is at `from` or after; -1 otherwise. */
function lineStartWithin(text: string, at: number, from: number): number {
  for (let i = at - 1; i >= from; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return from === 0 ? 0 : -1;
}

/** Reads one line's key if it is at `indent`; false at a less indented line (the mapping has ended). */
function collect(text: string, start: number, end: number, indent: number, keys: string[]): boolean {
  const lineIndent = indentation(text, start, end);
  if (lineIndent === end - start) return true;
  if (lineIndent < indent) return false;
  if (lineIndent === indent) {
    const key = LEADING_KEY.exec(text.slice(start, Math.min(end, start + 128)));
    if (key) keys.push(key[1]!);
  }
  return true;
}

/** Blanks at the line's start; the whole line's length for a blank line. */
function indentation(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i++;
  return i - start;
}
