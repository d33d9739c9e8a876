import { AUTH_SCHEME_NAMES } from '../calls/credentialNames';
import { LineStartCursor, WordCursor } from '../vocabulary/positions';
import type { Candidate } from './candidate';

/** A comment line's start: `//`, `#`, ` * ` (JSDoc), `/*`, `--`, `;`, `<!--`. */
const COMMENT_START = /[ \t]*(?:\/\/|#|\*|\/\*|--|;|<!--)/y;
/**
 * `NAME=value` or `NAME: value` in a comment: `// DD_API_KEY=…`, `# export HUBSPOT_TOKEN=…`, ` *   X_TOKEN: …`; a
 * PHP/Ruby/Perl hash entry commented out, its name quoted: `// 'api_key' => '…'`, `# "token" => "…"`.
 */
const COMMENT_PAIR = /([A-Za-z_$][\w.$-]{0,63})["']?[ \t]*(?:=>|[=:])[ \t]*["'`]?([^\s"'`<>,;]{8,512})/y;
/**
 * `NAME=value` at the start of a string or right after a `\n` escape in one: a .env or INI file held in a string
 * (`{"config.ini": "API_TOKEN=…\\nDEBUG=1"}`, a test's fixture, a template). The value ends at the escape, the
 * string's end or a space; one that runs into `&` is a form body (`'oauth_token=…&…'` in a doc example), not a file.
 */
const EMBEDDED_PAIR = /([A-Za-z_][\w.-]{0,63})[ \t]*=[ \t]*([^\s"'`\\<>,;&]{8,512})(?=\\[nr]|["'`\s]|$)/y;
/**
 * `NAME=value` starting a line, with no space around `=` (how .env lines, shell assignments and notes write it; code
 * writes `name = value`): in a file of any other kind (`notes.txt`, a README, a Makefile recipe). The value is a bare
 * word, up to the end of the line or a space.
 */
const LINE_PAIR = /([A-Za-z_][\w.-]{0,63})=([^\s"'`\\<>,;&()]{8,512})(?=\s|$)/y;
/**
 * A header written as one string, in any file (a `curl -H '…'` in a workflow's `run:` block or a README's fence, a
 * header in a test fixture): `"Authorization: Bearer …"`, `'X-Api-Key: …'`, after any scheme a header value may open
 * with (the same list as a string's credential, candidate.ts). The value ends at the closing quote.
 */
const HEADER_PAIR = new RegExp(`([A-Za-z][\\w-]{0,63}):[ \\t]*(?:(?:${AUTH_SCHEME_NAMES})[ \\t]+)?([^\\s"'\`\\\\<>,;&]{8,512})(?=["'\`])`, 'y');
/** `| NAME | value |` (a Markdown table's first two cells, either in backticks): the first names the second. */
const TABLE_PAIR = /([A-Za-z_][\w.-]{0,63})[`*]{0,2}[ \t]*\|[ \t]*`?([^\s`|<>*]{8,512})(?=`?[ \t]*\|)/y;
/** What may stand before a Markdown table's first cell: the opening bar, spaces, a backtick or emphasis. */
const TABLE_ROW_START = /^[ \t]*\|[ \t]*[`*]{0,2}$/;
/** Spaces and `export ` before a line's pair. */
const LINE_PAIR_START = /^[ \t]*(?:export[ \t]+)?$/;
/**
 * `?name=value` or `&name=value`: a query parameter, in any string, template or comment (`…&api_key=…`), or `;name=value`
 * after a URL's authority (JDBC's `jdbc:sqlserver://db:1433;user=sa;password=…`). The value ends at `&`, `#`, `;`, a quote, a space or a substitution (`${…}`, an f-string's `{…}`); a value that is not there but in the
 * next literal (`'…&appid=' + '…'`, `"…&key=" "…"`) is read from it.
 */
const QUERY_PAIR = /[?&]([A-Za-z_][\w.-]{0,63})=((?:[^\s&#;"'`<>{}$]|\$(?!\{)){8,512})?/y;
/** `;name=value` after a URL's authority: as QUERY_PAIR, but `#` is no fragment there (JDBC reads it as a character). */
const URL_PARAMETER_PAIR = /;([A-Za-z_][\w.-]{0,63})=((?:[^\s&;"'`<>{}$]|\$(?!\{)){8,512})?/y;
/** After a query's `=` that closes its literal: the next literal joined to it (`' + '`, `" "`, `` ` + ' ``), and its value. */
const QUERY_VALUE_AFTER = /["'`]\s{0,64}(?:\+\s{0,64})?["'`]((?:[^\s&#"'`<>{}$]|\$(?!\{)){8,512})/y;
/**
 * Query parameters that carry a credential whatever they are called (Google's `key=`, OpenWeather's `appid=`, OAuth's
 * `access_token=`): the value is read as an API key's. Lower case; the keyword pass finds `?name=` and `&name=` in any
 * case. A name that only identifies (`app_id`, `client_id`, Algolia's application id) is not one.
 */
const QUERY_CREDENTIALS = ['key', 'api_key', 'apikey', 'api-key', 'appid', 'token', 'access_token', 'auth_token', 'api_token', 'client_secret', 'secret'];
/** The keywords of QUERY_CREDENTIALS for the keyword pass (ruleSet.ts): where each ends, the value starts. */
export const QUERY_KEYWORDS: readonly string[] = QUERY_CREDENTIALS.flatMap((name) => [`?${name}=`, `&${name}=`]);
const QUERY_CREDENTIAL = new Set(QUERY_CREDENTIALS);
/** The name a credential query parameter's value is read under, besides its own. */
export const QUERY_CREDENTIAL_NAME = 'api_key';

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 36;
}

/**
 * Name–value pairs that no extractor reads, found only where a secret-like name keyword ends (`nameEnds`): the
 * extractors read code and configuration, not comments, and a query string is one string value to them. Each
 * candidate is then checked like any other (name hint, value shape, entropy, placeholders).
 */
export function inlinePairs(text: string, nameEnds: readonly number[], queryEnds: readonly number[] = []): Candidate[] {
  const out: Candidate[] = [];
  // `?key=`, `&appid=`: the parameters that are credentials by name, found by the keyword pass whatever binds.
  for (const end of queryEnds) {
    // The keyword is `?name=` or `&name=`: its `?` or `&` is the last one within a name's length before the `=`.
    let start = end - 2;
    while (start >= 0 && end - start <= 66 && text.charCodeAt(start) !== 63 && text.charCodeAt(start) !== 38) start--;
    if (start >= 0 && end - start <= 66) pushQuery(out, text, start, end - 1);
  }
  const lines = new LineStartCursor(text);
  // Each word once, at its first keyword.
  const words = new WordCursor(text, isNameChar);
  let lineStart = -1;
  let commentLine = false;
  for (const end of nameEnds) {
    if (!words.next(end)) continue;
    let start = words.start;
    let before = start > 0 ? text.charCodeAt(start - 1) : 0;
    // `\nAPI_TOKEN=…`: the `n` of the escape is not part of the name.
    if (before === 92 && text.charCodeAt(start) === 110) before = text.charCodeAt(start++);
    if (before === 63 || before === 38 || (before === 59 && afterUrl(text, start))) {
      const at = text.indexOf('=', end);
      // A credential parameter was read above, from its own keyword.
      if (at >= 0 && !QUERY_CREDENTIAL.has(text.slice(start, at).toLowerCase())) pushQuery(out, text, start - 1, at, end);
      continue;
    }
    // After a quote or a `\n` escape: the first pair of a file held in a string, or one of its next lines.
    if (before === 34 || before === 39 || before === 96 || (before === 110 && text.charCodeAt(start - 2) === 92 && start < end)) {
      if (push(out, EMBEDDED_PAIR, text, start, end)) continue;
      if (before !== 110 && push(out, HEADER_PAIR, text, start, end)) continue;
    }
    const line = lines.lineStart(start);
    if (start - line <= 8 && TABLE_ROW_START.test(text.slice(line, start)) && push(out, TABLE_PAIR, text, start, end)) continue;
    if (line !== lineStart) {
      lineStart = line;
      COMMENT_START.lastIndex = line;
      commentLine = COMMENT_START.test(text);
    }
    if (commentLine) push(out, COMMENT_PAIR, text, start, end);
    else if (start - line <= 64 && LINE_PAIR_START.test(text.slice(line, start))) push(out, LINE_PAIR, text, start, end);
  }
  return out;
}

/**
 * The pair of `re` (sticky) at `at`, when the keyword ending at `end` is inside its name. In a comment, `NAME: value`
 * is how doc comments show example objects and responses (`NextContinuationToken: "…"` in the AWS SDK's typings):
 * only a provider rule's name and shape may bind it; `NAME=value`, a commented-out setting, also binds the generic one.
 */
function push(out: Candidate[], re: RegExp, text: string, at: number, end: number): boolean {
  re.lastIndex = at;
  const m = re.exec(text);
  if (!m) return false;
  const nameStart = m.index + m[0].indexOf(m[1]!);
  if (end <= nameStart || end > nameStart + m[1]!.length) return false;
  const providerOnly = re === COMMENT_PAIR && !m[0].slice(m[1]!.length).replace(/^["']/, '').trimStart().startsWith('=');
  out.push({ offset: m.index + m[0].length - m[2]!.length, length: m[2]!.length, names: [m[1]!], ...(providerOnly ? { providerOnly } : {}) });
  return true;
}

/**
 * The query parameter whose `?` or `&` is at `start` and whose `=` is at `equals` (when `end` is given, only if the name
 * keyword ending there is in its name): its value, or the next literal's when the value was concatenated to it.
 */
function pushQuery(out: Candidate[], text: string, start: number, equals: number, end?: number): void {
  const pair = text.charCodeAt(start) === 59 ? URL_PARAMETER_PAIR : QUERY_PAIR;
  pair.lastIndex = start;
  const m = pair.exec(text);
  if (!m || m.index + m[0].length - (m[2]?.length ?? 0) !== equals + 1) return;
  const name = m[1]!;
  if (end !== undefined && end > equals) return;
  if (isBadgeImage(text, start)) return;
  let offset = equals + 1;
  let value = m[2];
  if (value === undefined) {
    QUERY_VALUE_AFTER.lastIndex = offset;
    const next = QUERY_VALUE_AFTER.exec(text);
    if (!next) return;
    value = next[1]!;
    offset = next.index + next[0].length - value.length;
  }
  const names = QUERY_CREDENTIAL.has(name.toLowerCase()) ? [name, QUERY_CREDENTIAL_NAME] : [name];
  // A query value is percent-encoded: judged as it is sent (`value%23still-query` is the words `value#still-query`).
  const decoded = value.includes('%') ? percentDecoded(value) : undefined;
  out.push({ offset, length: value.length, names, ...(decoded !== undefined && decoded !== value ? { value: decoded } : {}) });
}

/**
 * A status badge's or coverage graph's image (`codecov.io/gh/o/r/graph/badge.svg?token=…`, `…/graphs/sunburst.svg`,
 * `…/badge.png?token=`): its token is the read-only one a README embeds for anyone to load (Codecov's graph token),
 * no credential. Read back from the query's `?` to the URL's start, within a URL's length.
 */
const BADGE_IMAGE_PATH = /\/(?:[\w.-]*badge[\w.-]*|graphs?\/[\w.\/-]+)\.(?:svg|png)$/i;
function isBadgeImage(text: string, query: number): boolean {
  if (text.charCodeAt(query) !== 63) return false;
  const before = text.slice(Math.max(0, query - 256), query);
  const urlStart = Math.max(before.lastIndexOf('://'), 0);
  return !/[\s"'`()<>]/.test(before.slice(urlStart)) && BADGE_IMAGE_PATH.test(before);
}

/** Whether a URL (`scheme://`) opens the line before `at`, within a line's length: a `;name=` there is a URL's parameter. */
function afterUrl(text: string, at: number): boolean {
  // Read within the window only: a backward search through the whole text for every `;name=` would be quadratic.
  const before = text.slice(Math.max(0, at - 512), at);
  const scheme = before.lastIndexOf('://');
  return scheme >= 0 && before.lastIndexOf('\n') < scheme;
}

/** A percent-encoded value decoded, or undefined when its escapes are malformed (then it is not judged as encoded). */
function percentDecoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
