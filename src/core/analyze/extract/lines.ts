import { MORE, type Steps } from '../abort';
import { type Candidate, type Extraction, isTableLabel, PAIR_LABEL, PAIR_VALUE, pushCandidate, settingRowNames, TABLE_SERVICE, withParent } from '../candidate';
import type { Spans } from './commandLine';
import { AUTH_SCHEME_NAMES } from '../../calls/credentialNames';
import { charTable } from './chars';
import { MIN_VALUE_LENGTH } from '../ruleSet';

/**
 * Line-oriented formats (.env, properties/INI, YAML, Dockerfile): a careful tokenizer rather than a full parser,
 * because these files are often templates (Helm `{{ }}`, `${VAR}` substitution) that real parsers reject,
 * and a secret in a broken file is still a secret. Each extractor is steps (a piece per CHUNK_LINES lines), so a
 * cooperative analysis can pause or stop inside a large file.
 */

/** Lines an extractor reads in one piece of its steps: a few milliseconds of work. */
const CHUNK_LINES = 2048;

/**
 * Steps that call `visit` on each line of `text` (without its line break; `start` is its offset), CHUNK_LINES lines
 * a piece, then return `done()`.
 */
function eachLine<T>(text: string, visit: (line: string, start: number) => void, done: () => T): Steps<T> {
  let start = 0;
  return () => {
    for (let read = 0; start <= text.length; read++) {
      if (read === CHUNK_LINES) return MORE;
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      // One slice a line, its `\r` left out by position (not a second slice of the first).
      visit(text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end), start);
      start = end + 1;
    }
    return done();
  };
}

/** A value after `=`/`:`: quoted (single/double/backtick) or bare up to an inline comment. Returns [offset, length] in the line. */
function valueSpan(line: string, from: number, inlineComment: RegExp | undefined): [number, number] | undefined {
  let i = from;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (i >= line.length) return undefined;
  const q = line[i];
  if (q === '"' || q === "'" || q === '`') {
    let j = i + 1;
    while (j < line.length && line[j] !== q) j += line[j] === '\\' && q === '"' ? 2 : 1;
    return [i + 1, Math.min(j, line.length) - i - 1];
  }
  let end = line.length;
  if (inlineComment) {
    inlineComment.lastIndex = i;
    const m = inlineComment.exec(line);
    if (m) end = m.index;
  }
  while (end > i && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return [i, end - i];
}

const HASH_COMMENT = /\s#/g;

export function extractDotenvSteps(text: string): Steps<Extraction> {
  const out: Candidate[] = [];
  return eachLine(
    text,
    (line, start) => {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(line);
      if (!m) return;
      const span = valueSpan(line, m[0].length, HASH_COMMENT);
      if (span) pushCandidate(out, text, start + span[0], span[1], [m[1]!]);
    },
    () => ({ candidates: out, notes: [] }),
  );
}

/** A `NAME: value` line's value that more words follow (`KEY: abc… (staging)`), or a quoted one: one word of key characters. */
/** Headers whose value is `<scheme> <credential>`. */
const AUTH_HEADER_NAME = /^(?:proxy-)?authorization$/i;
/** An auth scheme and one word after it, all the value (`Bearer abc…`): nothing else shares the line. */
const AUTH_SCHEME_VALUE = new RegExp(`^(?:${AUTH_SCHEME_NAMES})[ \\t]+[^\\s'"\`]{8,512}$`);
const FIRST_WORD = /^["']?([^\s"'`\\<>,;&()]{8,512})["']?(?=\s|$)/;
/** `'name': 'value'` / `"name": "value"` (the value up to its closing quote); provider rules only, as in prose. */
const QUOTED_PAIR = /["']([A-Za-z_][\w.-]{0,63})["'][ \t]*:[ \t]*["']([^\s"'`\\<>,;&()]{8,512})(?=["'])/g;

/**
 * Plain text and files of unknown type (notes, `.txt`, READMEs without a code fence): a line that is nothing but
 * `NAME: value` or `NAME = value` with a bare value of one word (`STRIPE_SECRET: sk_…`, `db_password = …`,
 * `- API_TOKEN: …`, `export X=…`) binds the value to the name, as in a .env file. When more words follow the value, or
 * it is quoted, in `NAME: value`, only a provider rule's name and shape may bind it: prose reads `Label: words` too
 * (`CLOUDFLARE_API_KEY: … (staging)` is a key, `Deploy token: … (ask Sam)` is left alone); a quoted value is the token
 * pass's too, and its candidate wins (extraction.ts). A `'name': 'value'` pair anywhere in a line (a dict or JSON object
 * pasted into a log) binds provider rules only too.
 */
/** `NAME: value`, `NAME=value`, `export NAME=…`, `- NAME: …` at a line's start (extractTextPairsSteps); the value follows the match. */
export const TEXT_PAIR = /^\s*(?:[-*]\s+)?(?:(?:export|set|override|private)\s+){0,2}([A-Za-z_][A-Za-z0-9_.-]{0,127})[ \t]*(::?=|[?+]=|[:=])([ \t]*)/;

export function extractTextPairsSteps(text: string): Steps<Extraction> {
  const out: Candidate[] = [];
  return eachLine(text, textPairsVisitor(text, out), () => ({ candidates: out, notes: [] }));
}

/** extractTextPairsSteps's reading of one line, into `out`. */
function textPairsVisitor(text: string, out: Candidate[]): (line: string, start: number) => void {
  return (line, start) => {
    // `'name': 'value'` or `"name": "value"` anywhere in the line: a dict or JSON object pasted into notes or a log.
    // One search for a colon first: most lines of text have none, and every later test but PAIRS_LINE needs one or `=`.
    const colon = line.includes(':');
    if (colon && (line.includes("':") || line.includes('":') || line.includes("' :") || line.includes('" :'))) {
      for (const q of line.matchAll(QUOTED_PAIR)) out.push({ offset: start + q.index + q[0].length - q[2]!.length, length: q[2]!.length, names: [q[1]!], providerOnly: true });
    }
    // A web server's config with no extension to tell it (`sites-available/default`, `.htaccess`).
    if (pushDirective(out, text, line, start)) return;
    pushSpacedPairs(out, text, line, start);
    // `export X=…` (shell) and `set X=…` (a Windows batch file) are assignments too, and Make's `X := …`, `X ::= …`,
    // `X ?= …`, `X += …`, `override X := …` (a Makefile, or a snippet of one in notes). Not `X != …`: its value is a
    // command. A line with neither `:` nor `=` is none (every operator holds one), told without the expression (most
    // lines of prose).
    pushLabelledSettings(out, text, line, start, colon);
    if (!colon) {
      // `OPENAI_API_KEY sk-…` alone on a line: an environment listing printed by `print(k, v)` or `env | column`.
      const listed = SPACED_ENV_LINE.exec(line);
      if (listed && ENV_NAME.test(listed[1]!)) return pushCandidate(out, text, start + listed[0].length - listed[2]!.length - (listed[0].length - listed[0].trimEnd().length), listed[2]!.length, [listed[1]!]);
      if (!line.includes('=')) return;
    }
    const m = TEXT_PAIR.exec(line);
    if (!m) return;
    const from = m[0].length;
    let end = line.length;
    while (end > from && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
    if (end <= from) return;
    const value = line.slice(from, end);
    if (!/[\s'"`]/.test(value)) return pushCandidate(out, text, start + from, end - from, [m[1]!]);
    // An HTTP header line (a REST client's `.http` file, a request pasted in notes): `Authorization: Bearer …` holds
    // the credential after its scheme, which pushCandidate reads past.
    if (m[2] === ':' && AUTH_HEADER_NAME.test(m[1]!) && AUTH_SCHEME_VALUE.test(value)) return pushCandidate(out, text, start + from, end - from, [m[1]!]);
    const word = m[2] === ':' && m[3] ? FIRST_WORD.exec(value) : null;
    if (word) out.push({ offset: start + from + word[0].indexOf(word[1]!), length: word[1]!.length, names: [m[1]!], providerOnly: true });
  };
}

/** PowerShell's `$name = @'` (or `@"`) here-string holding one word on its one line, then `'@`: group 1 the name, 3 the value. */
const HERE_STRING = /\$(?:env:)?([A-Za-z_][\w]{0,63})[ \t]*=[ \t]*@(['"])[ \t]*\r?\n[ \t]*([^\s'"`]{8,512})[ \t]*\r?\n\2@/g;

/**
 * The values of PowerShell here-strings assigned to a variable (`$token = @'`, the key, `'@`), which no line of the
 * text passes reads with its name. A here-string of several lines is a document, not a key: none.
 */
export function hereStringCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (!text.includes("@'") && !text.includes('@"')) return out;
  for (const m of text.matchAll(HERE_STRING)) pushCandidate(out, text, m.index + m[0].lastIndexOf(m[3]!), m[3]!.length, [m[1]!]);
  return out;
}

/** A `.netrc` token and its value: tokens and values are separated by any white space, one entry or several a line. */
const NETRC_TOKEN = /(?:^|\s)(machine|default|password|account)(?:[ \t\r\n]+(\S{1,512}))?/g;

/**
 * The `password` and `account` values of a `.netrc` (`machine api.heroku.com login me password …`): each under its
 * token's name and under `<machine>_password`, so that the host (`api.heroku.com`) can name the provider.
 */
export function netrcCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  let machine: string | undefined;
  for (const m of text.matchAll(NETRC_TOKEN)) {
    const token = m[1]!;
    const value = m[2];
    if (token === 'default') machine = undefined;
    else if (value === undefined) continue;
    else if (token === 'machine') machine = value;
    else pushCandidate(out, text, m.index + m[0].length - value.length, value.length, machine ? [token, `${machine}_${token}`] : [token]);
  }
  return out;
}

/** An environment variable's name: upper case words joined by `_` (`DD_API_KEY`), up to 64 characters. */
const ENV_NAME = /^[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]$/;
/** `NAME value` alone on a line (group 1 the name, 2 the value): read only for an ENV_NAME. */
const SPACED_ENV_LINE = /^[ \t]*([A-Z][A-Z0-9_]{2,63})[ \t]+([^\s'"`=:][^\s'"`:]{7,511})[ \t]*$/;
/**
 * ` NAME=value` anywhere in a line (a log's `loaded config API_KEY=…`), or as another setting's value (systemd's
 * `Environment=API_KEY=…`, `--env=API_KEY=…`); group 1 the name, 2–4 the value.
 */
const ENV_PAIR_IN_LINE = /(?:^|[ \t=])([A-Z][A-Z0-9_]{2,63})=(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|([^\s"'`]{1,512}))(?=[ \t,;]|$)/g;
/** `Label (NAME): value` at a line's start (notes): the name in parentheses; the value follows the match. */
const PAREN_NAME_LABEL = /^[ \t]*(?:[-*][ \t]+)?[A-Za-z][\w .-]{0,63}?[ \t]*\(`?([A-Za-z_][A-Za-z0-9_.-]{2,127})`?\)[ \t]*[:=][ \t]*/;
/** A code span naming a setting, then its value in a code span: "set `API_TOKEN` to `…`", "`API_TOKEN`: `…`". */
const CODE_SPAN_SETTING = /`([A-Za-z_][A-Za-z0-9_.-]{2,127})`(?:[ \t]*[:=]|[ \t]+(?:to|is|as|with)(?:[ \t]*:)?)[ \t]*`([^`\s]{8,512})`/g;

/**
 * Settings written in a line of text other than at its start, each value under its own name: environment variables
 * set in a log line or a command (` API_KEY=…`, its name in upper case), a label with the name in parentheses
 * (`Datadog key (DD_API_KEY): …`), and Markdown's "set `API_KEY` to `…`". The name is explicit in each, so the value
 * binds like an assignment's; bounded expressions over the line: linear.
 */
function pushLabelledSettings(out: Candidate[], text: string, line: string, start: number, colon: boolean): void {
  if (line.includes('=')) {
    for (const m of line.matchAll(ENV_PAIR_IN_LINE)) {
      // At the line's start the pair is TEXT_PAIR's.
      if (!ENV_NAME.test(m[1]!) || m.index === 0) continue;
      const value = m[2] ?? m[3] ?? m[4]!;
      pushCandidate(out, text, start + m.index + m[0].length - value.length - (m[4] === undefined ? 1 : 0), value.length, [m[1]!]);
    }
  }
  const label = colon || line.includes('=') ? PAREN_NAME_LABEL.exec(line) : null;
  if (label) {
    let end = line.length;
    while (end > label[0].length && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
    const value = line.slice(label[0].length, end);
    if (value && !/[\s'"`]/.test(value)) pushCandidate(out, text, start + label[0].length, value.length, [label[1]!]);
  }
  if (line.includes('`')) {
    for (const m of line.matchAll(CODE_SPAN_SETTING)) pushCandidate(out, text, start + m.index + m[0].length - 1 - m[2]!.length, m[2]!.length, [m[1]!]);
  }
}

/** A quoted value of key characters, in a line of text (a log line, notes): `'…'` or `"…"`. */
const QUOTED_VALUE = /(["'])([^\s"'`\\<>,;&()]{8,512})\1/g;
const isLabelChar = (c: string): boolean => /[\w.-]/.test(c);
/** What stands before a config directive's quoted value: one word at the line's start, then spaces only. */
const DIRECTIVE_VALUE = /^[ \t]*[A-Za-z_][\w.-]{0,63}[ \t]+$/;

/**
 * The label right before `line[at]` (a value's opening quote): up to four words of name characters, after them a
 * separator (`=`, `=>`, `:`, `-`) or only spaces: `okta token - '…'`, `Twilio auth token: "…"`. Read backwards a
 * character at a time, at most 4 × 41 of them, so a line of many strings (`"a", "b", …`) costs one look each.
 */
function labelBefore(line: string, at: number): string | undefined {
  let i = at - 1;
  while (i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--;
  if (line[i] === '>' && line[i - 1] === '=') i -= 2;
  else if (line[i] === '=' || line[i] === ':' || line[i] === '-') i--;
  while (i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--;
  const end = i + 1;
  let start = end;
  for (let words = 0; words < 4; words++) {
    while (words > 0 && i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--;
    const wordEnd = i + 1;
    while (i >= 0 && wordEnd - i <= 41 && isLabelChar(line[i]!)) i--;
    if (i + 1 === wordEnd || !/[A-Za-z_]/.test(line[i + 1]!)) break;
    start = i + 1;
    if (i < 0 || (line[i] !== ' ' && line[i] !== '\t')) break;
  }
  return start < end ? line.slice(start, end).trimEnd() : undefined;
}

/**
 * Plain text and files of unknown type: a quoted value right after a label of a few words (`okta token - '00…'`,
 * `twilio auth token = "…"`, a log's `npm token: '…'`), where a provider's name is a word near the value but no
 * identifier binds them. The label, as written and in snake_case, names the value for provider rules only: their name
 * hint and value shape must both hold (a 32-hex value after `twilio token`, a `00…` value after `okta`); the generic
 * heuristic reads labels from real bindings only.
 */
export function extractLabelledValuesSteps(text: string): Steps<Extraction> {
  const out: Candidate[] = [];
  return eachLine(text, labelledValuesVisitor(out), () => ({ candidates: out, notes: [] }));
}

/** extractLabelledValuesSteps's reading of one line, into `out`. */
function labelledValuesVisitor(out: Candidate[]): (line: string, start: number) => void {
  return (line, start) => {
    if (!line.includes("'") && !line.includes('"')) return;
    for (const q of line.matchAll(QUOTED_VALUE)) {
      const label = labelBefore(line, q.index);
      if (!label) continue;
      if (!/[ \t]/.test(label)) {
        // A directive of a config file that has no `=` (`token "…"`, `geoip '…'`): one word opening the line, then
        // spaces and the value. Its name binds like an assignment's, the generic rule too.
        if (q.index <= 72 && DIRECTIVE_VALUE.test(line.slice(0, q.index))) out.push({ offset: start + q.index + 1, length: q[2]!.length, names: [label] });
        continue;
      }
      out.push({ offset: start + q.index + 1, length: q[2]!.length, names: [label, label.replace(/[ \t]+/g, '_')], providerOnly: true });
    }
  };
}

/**
 * Both line passes of a plain-text file (extractTextPairsSteps, extractLabelledValuesSteps) in one loop over its lines:
 * one slice a line instead of two (a history scan reads every version of a changelog). Each pass's candidates are
 * its own, in the order the pass alone gives them.
 */
export function extractTextLinesSteps(text: string): Steps<{ pairs: Extraction; labelled: Extraction }> {
  const pairs: Candidate[] = [];
  const labelled: Candidate[] = [];
  const readPairs = textPairsVisitor(text, pairs);
  const readLabelled = labelledValuesVisitor(labelled);
  return eachLine(
    text,
    (line, start) => {
      readPairs(line, start);
      readLabelled(line, start);
    },
    () => ({ pairs: { candidates: pairs, notes: [] }, labelled: { candidates: labelled, notes: [] } }),
  );
}

/**
 * A web server's or proxy's directive that sets a header or a variable, with its name and value: nginx
 * `proxy_set_header Authorization "Bearer …";`, `set $api_key …;`, `fastcgi_param API_TOKEN …;`, Apache
 * `RequestHeader set X-Api-Key "…"`, `SetEnv API_TOKEN …`, HAProxy `http-request set-header X-Api-Key …`. Group 1 is the
 * name; the value follows the match. A name may be quoted, and written with its colon (`add_header 'X-Token:' …`).
 */
export const DIRECTIVE = /^[ \t]*(?:(?:proxy|grpc)_set_header|add_header|(?:fastcgi|uwsgi|scgi)_param|set|env|SetEnv|RequestHeader[ \t]+(?:set|append|add|setifempty)|Header[ \t]+(?:always[ \t]+)?(?:set|append|add)|http-(?:request|response)[ \t]+(?:set|add)-(?:header|var\([\w.]{1,64}\)))[ \t]+["']?\$?([A-Za-z_][\w.-]{0,63}):?["']?[ \t]+/;
/** nginx's `more_set_headers "X-Api-Key: …";` (headers-more): one string, a header written whole. */
export const HEADER_DIRECTIVE = /^[ \t]*more_set(?:_input)?_headers[ \t]+(?:-[rst][ \t]+\S+[ \t]+)*/;

/** The first letters of DIRECTIVE's words (proxy, grpc, add, fastcgi, uwsgi, scgi, set, env, SetEnv, RequestHeader, Header, http) and HEADER_DIRECTIVE's (more). */
const DIRECTIVE_FIRST = charTable('pgafuseSRHhm');

/**
 * Whether DIRECTIVE or HEADER_DIRECTIVE may match the line: both start with a directive's word after blanks, so a line
 * whose first other character starts none is passed over without them (they ran on every line of every text file).
 */
export function mayBeDirective(line: string): boolean {
  let first = 0;
  while (first < line.length && (line.charCodeAt(first) === 32 || line.charCodeAt(first) === 9)) first++;
  const c = line.charCodeAt(first);
  return c < 128 && DIRECTIVE_FIRST[c] === 1;
}

/**
 * The value a web server's directive (DIRECTIVE, HEADER_DIRECTIVE) gives a header or variable on this line, pushed
 * under its name; true if the line is one. The value ends at its closing quote, or bare at `;` or a space.
 */
function pushDirective(out: Candidate[], text: string, line: string, start: number): boolean {
  if (!mayBeDirective(line)) return false;
  const header = HEADER_DIRECTIVE.exec(line);
  const m = header ? null : DIRECTIVE.exec(line);
  if (!header && !m) return false;
  const from = (header ?? m)![0].length;
  const span = valueSpan(line, from, /[;\s]/g);
  if (span) pushCandidate(out, text, start + span[0], span[1], m ? [m[1]!] : []);
  return true;
}

/** ` name=value` after a space (or at the line's start): one of several pairs on a line; a quoted value in its quotes. */
const SPACED_PAIR = /(?:^|[ \t])([A-Za-z_][\w.-]{0,63})=(?:"([^"\n]{0,512})"|'([^'\n]{0,512})'|([^\s"']{1,512}))(?=[ \t]|$)/g;
/** A line of several `name=value` pairs, or a word and pairs after it (an Ansible INI inventory's host line). */
export const PAIRS_LINE = /^[ \t]*[^\s=#;[]+(?:=[^\s]*)?[ \t]+[A-Za-z_][\w.-]{0,63}=[^\s=]/;

/**
 * Every pair of a line of several `name=value` pairs separated by spaces (an Ansible INI inventory's `web1
 * ansible_host=10.0.0.1 ansible_password=…`, a logfmt line, `user=app password=… host=db`): each value under its own
 * name. (A `NAME: value` line whose value ends in `=`, base64 padding, is none.)
 */
function pushSpacedPairs(out: Candidate[], text: string, line: string, start: number): void {
  // PAIRS_LINE needs an `=`: a line without one is told by a string search (most lines).
  if (!line.includes('=') || !PAIRS_LINE.test(line)) return;
  for (const m of line.matchAll(SPACED_PAIR)) {
    const value = m[2] ?? m[3] ?? m[4]!;
    const quoted = m[4] === undefined;
    pushCandidate(out, text, start + m.index + m[0].length - value.length - (quoted ? 1 : 0), value.length, [m[1]!]);
  }
}

/** A name as config files write one (`hec_token`, `insecure-password`, `Bugsnag-Api-Key`, `client.secret`). */
function isDirectiveNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}
/** Before a directive's name: up to two words of its own (`user oncall insecure-password …`, `acme_dns cloudflare …`). */
const DIRECTIVE_HEAD = /^[ \t]*(?:[\w.@-]{1,64}[ \t]+){0,2}$/;
/**
 * After a directive's name: spaces and its value, alone to the line's end (quoted, or bare and holding no bracket,
 * comma or bar: `varchar2(200)` after a column's name is its type), then an optional `;`. Groups 2 and 4: the value.
 */
const DIRECTIVE_TAIL = /^[ \t]+(?:(["'])([^\s"'`\\]{8,512})\1|()([^\s"'`;{}<>\\(),|]{8,512}))[ \t]*;?[ \t]*\r?$/;
/** After a hash key's name (logstash, Ruby, Perl): `=>` and a quoted value (`"Bugsnag-Api-Key" => "…"`). */
const ROCKET_TAIL = /^["']?[ \t]*=>[ \t]*(["'])([^\s"'`\\]{8,512})\1/;
/**
 * After a name inside a line or a string: `=` and a quoted value, the quotes escaped or not (a JAAS config's
 * `password="…";` in a YAML value, `password=\"…\"` in a JSON string, `.properties`).
 */
const QUOTED_ASSIGNMENT_TAIL = /^=(\\?["'])([^\s"'`\\]{8,512})\1/;

/**
 * Values of config directives named by the word before them, where a secret-like name keyword ends (`nameEnds`,
 * ascending): fluentd's `hec_token …`, HAProxy's `user oncall insecure-password …`, Caddy's `acme_dns cloudflare …`
 * (`name value` to the line's end, the name first on its line or after two words at most), and a hash's `"Name" =>
 * "…"` anywhere in a line (logstash's `headers => { "X-Api-Key" => "…" }`): with `directives`, for config and
 * plain-text files, whose directives no `=`/`:` reader takes. With `inStrings`, for data and config files (not code,
 * whose extractors read their own strings and whose docstrings' examples are documentation), `name="…"` inside a line
 * or a string (a JAAS config's `password="…"` in a YAML value or, escaped, in a JSON string). Each name read once,
 * within its line; the slices are bounded: linear.
 */
export function directiveValueCandidates(text: string, nameEnds: readonly number[], directives: boolean, inStrings: boolean): Candidate[] {
  const out: Candidate[] = [];
  let lastStop = -1;
  // The end of the line holding the current name, found once a line (a cursor: names come in order).
  let lineEnd = -1;
  for (const end of nameEnds) {
    let start = end;
    while (start > 0 && end - start < 64 && isDirectiveNameChar(text.charCodeAt(start - 1))) start--;
    let stop = end;
    while (stop - end < 64 && isDirectiveNameChar(text.charCodeAt(stop))) stop++;
    if (stop === lastStop) continue;
    lastStop = stop;
    // What may follow a name here (`=`, or a directive's space, tab or closing quote), asked before anything is read.
    const next = text.charCodeAt(stop);
    if (!(inStrings && next === 61) && !(directives && (next === 32 || next === 9 || next === 34 || next === 39))) continue;
    const quoted = text.charCodeAt(start - 1) === 34 || text.charCodeAt(start - 1) === 39;
    if (lineEnd < stop) lineEnd = text.indexOf('\n', stop) >>> 0;
    const tail = text.slice(stop, Math.min(lineEnd, text.length, stop + 600));
    let value = (inStrings ? QUOTED_ASSIGNMENT_TAIL.exec(tail) : null) ?? (directives ? ROCKET_TAIL.exec(tail) : null);
    if (!value && directives && !quoted) {
      const head = text.slice(Math.max(0, start - 160), start);
      if (DIRECTIVE_HEAD.test(head.slice(head.lastIndexOf('\n') + 1))) value = DIRECTIVE_TAIL.exec(tail);
    }
    if (!value) continue;
    // The value's first occurrence in the match is itself: what comes before it is spaces, quotes and `=>`.
    const found = value[2] ?? value[4]!;
    out.push({ offset: stop + value[0].indexOf(found), length: found.length, names: [text.slice(start, stop)] });
  }
  return out;
}

/** `name "value"` or `name 'value';` alone on a line: a config directive with a quoted value. */
const QUOTED_DIRECTIVE = /^[ \t]*([A-Za-z_][\w.-]{0,63})[ \t]+(["'])([^\s"'`\\]{8,512})\2(?=[ \t]*;?[ \t]*$)/;

/**
 * One `NAME=value` of a list of environment variables, then its comma, spaces (systemd's `Environment=A=… B=…`) or the
 * line's end.
 */
const ENVIRONMENT_ENTRY = /[ \t]*([A-Za-z_][A-Za-z0-9_]{0,63})=(?:"([^"\n]{0,512})"|'([^'\n]{0,512})'|([^\s,"'=][^\s,"']{0,511}))(?:[ \t]*,|[ \t]*$|[ \t]+)/y;
/** Keys whose value is a list of environment variables: supervisord's `environment`, uWSGI's `env`, gunicorn's `raw_env`. */
const ENVIRONMENT_KEY = /^(?:environment|env|raw_env)$/i;

/**
 * A value from `from` that is a list of environment variables, `A="…",B=…` (supervisord's `environment=`): each value
 * pushed under its own name; true if the whole value is such a list. Forward only, one match per entry.
 */
function pushEnvironmentList(out: Candidate[], text: string, line: string, start: number, from: number): boolean {
  const entries: Array<[number, number, string]> = [];
  ENVIRONMENT_ENTRY.lastIndex = from;
  for (let m = ENVIRONMENT_ENTRY.exec(line); m; m = ENVIRONMENT_ENTRY.exec(line)) {
    const value = m[2] ?? m[3] ?? m[4]!;
    const quoted = m[4] === undefined;
    entries.push([m.index + m[0].replace(/[ \t]*,?$/, '').length - value.length - (quoted ? 1 : 0), value.length, m[1]!]);
    if (ENVIRONMENT_ENTRY.lastIndex >= line.length || m[0].length === 0) break;
  }
  if (entries.length === 0 || ENVIRONMENT_ENTRY.lastIndex < line.trimEnd().length) return false;
  for (const [at, length, name] of entries) if (length > 0) pushCandidate(out, text, start + at, length, [name]);
  return true;
}

export function extractPropertiesSteps(text: string): Steps<Extraction> {
  const out: Candidate[] = [];
  let section = '';
  return eachLine(
    text,
    (line, start) => {
      if (/^\s*[#;!]/.test(line)) return;
      if (pushDirective(out, text, line, start)) return;
      // Several pairs on a line: each under its name, besides the line's first `key = value` below.
      pushSpacedPairs(out, text, line, start);
      const sec = /^\s*\[([^\]]+)\]/.exec(line);
      if (sec) {
        section = sec[1]!.trim();
        return;
      }
      // `key = value`, `key: value`, and a quoted key with `=>` (logstash and Ruby-style settings: `"token" => "…"`).
      const m = /^\s*(?:"([^"]+)"|([^\s=:#;]+(?:\s+[^\s=:#;]+)*?))\s*(?:=>?|:)/.exec(line);
      if (!m) {
        // A directive and its quoted value, no `=` between (`token "…"`, `geoip '…';`).
        const d = QUOTED_DIRECTIVE.exec(line);
        if (d) pushCandidate(out, text, start + d[0].length - 1 - d[3]!.length, d[3]!.length, section ? [d[1]!, `${section}.${d[1]!}`] : [d[1]!]);
        return;
      }
      const key = m[1] ?? m[2]!;
      // supervisord's `environment=A="…",B="…"` (and uWSGI's `env = B=…`): a list of variables, each value under its own name.
      if (ENVIRONMENT_KEY.test(key) && pushEnvironmentList(out, text, line, start, m[0].length)) return;
      const span = valueSpan(line, m[0].length, /\s[#;]/g);
      // `[stripe_secret]\nvalue = "…"`: a section names its value field as a mapping does (withParent).
      const names = section ? [key, `${section}.${key}`, ...withParent(key, section.slice(section.lastIndexOf('.') + 1)).slice(1)] : [key];
      if (span) pushCandidate(out, text, start + span[0], span[1], names);
    },
    () => ({ candidates: out, notes: [] }),
  );
}

/** Keys whose values are shell command lines (CI `run:`/`script:`/`pwsh:`, compose `command:`, Ansible `shell:`). */
const COMMAND_KEY = /^(?:run|script|before_script|after_script|pre_script|command|commands|cmd|entrypoint|shell|pwsh|powershell)$/;

/**
 * YAML, by indentation. With `commands`, the ranges of the values that are shell command lines (a `run: |` block's
 * lines, a `script:` list's items, `command: …`) are pushed there, for the shell token pass (extraction.ts).
 */
/**
 * The keys of the mappings a YAML value sits in, dotted (Candidate.owner), and a CI step's action for its `with:`
 * inputs. Only made for a value long enough to be bound (MIN_VALUE_LENGTH: a shorter one is never matched, and the
 * owner is read only then): it was a join for every key of every YAML file.
 */
export function ownerPath(keys: ReadonlyArray<{ indent: number; key: string }>, stepAction: ReadonlyMap<number, string> | undefined): string {
  let path = '';
  for (let k = 0; k < keys.length - 1; k++) path += k === 0 ? keys[k]!.key : `.${keys[k]!.key}`;
  const input = keys.length > 1 && stepAction ? stepAction.get(keys[keys.length - 2]!.indent) : undefined;
  return input ? `${path}.${input}` : path;
}

/** A Kubernetes Secret's or ConfigMap's top-level maps of values. */
const OBJECT_DATA = /^(?:data|stringData)$/;

export function extractYamlSteps(text: string, commands?: Spans): Steps<Extraction> {
  const out: Candidate[] = [];
  // Keys of enclosing mappings by indentation, so `- item` values inherit the list's key.
  const keys: Array<{ indent: number; key: string }> = [];
  let block: { indent: number; names: string[]; from: number; commands: boolean } | undefined;
  // `- name: API_TOKEN` / `value: "…"` (Kubernetes env, Actions inputs): the value is bound to its sibling's name.
  const siblingName = new Map<number, string[]>();
  // The value fields of the current item, which a label written after them names too, by indentation.
  const unlabelled = new Map<number, Candidate[]>();
  // A CI step's action by its indent (`- uses: codecov/codecov-action@v4`): its `with:` inputs are that action's, so the
  // action's name is where their values sit (Candidate.owner: it names a provider, it binds nothing).
  const stepAction = new Map<number, string>();
  // A Kubernetes object's `metadata.name` (`sendgrid-credentials`): the owner of its top-level `data:`/`stringData:`
  // values, which is all that names a Secret's provider. Forgotten at the next document (`---`).
  let objectName: string | undefined;
  return eachLine(
    text,
    (line, start) => {
      const indent = line.length - line.trimStart().length;
      if (indent === 0 && line.startsWith('---')) objectName = undefined;
      if (block) {
        if (line.trim() === '' || indent > block.indent) {
          if (line.trim()) pushCandidate(out, text, start + indent, line.length - indent, block.names);
          if (block.commands && line.trim()) commands?.push([start + indent, start + line.length]);
          return;
        }
        block = undefined;
      }
      const trimmed = line.slice(indent);
      if (trimmed.startsWith('#')) return pushCommentedPair(out, text, line, start, indent);
      if (trimmed === '') return;
      while (keys.length && keys[keys.length - 1]!.indent >= indent && !trimmed.startsWith('- ')) keys.pop();
      // A key may hold colons not followed by a space: Pulumi's stack config namespaces its keys (`myapp:stripeKey: …`).
      const m = /^-\s+\{/.test(trimmed) ? null : /^(-\s+)?(?:(["'])(.+?)\2|([^\s#'"{[](?:[^:#]|:(?=[^\s:#]))*?))\s*:(?:\s+|$)/.exec(trimmed);
      if (m) {
        const key = (m[3] ?? m[4] ?? '').trim();
        const keyIndent = indent + (m[1]?.length ?? 0);
        while (keys.length && keys[keys.length - 1]!.indent >= keyIndent) keys.pop();
        keys.push({ indent: keyIndent, key });
        // A new item, or a mapping that ends (a key less indented): the labels deeper than it name nothing after it.
        for (const indents of [siblingName, unlabelled]) for (const at of indents.keys()) if (at > keyIndent || (m[1] && at === keyIndent)) indents.delete(at);
        if (m[1]) stepAction.delete(keyIndent);
        const rest = indent + m[0].length;
        if (rest >= line.length) return;
        if (/^[|>][-+0-9]*\s*(?:#.*)?$/.test(line.slice(rest))) {
          block = { indent: keyIndent, names: [key], from: rest, commands: COMMAND_KEY.test(key) };
          return;
        }
        const parent = keys.length > 1 ? keys[keys.length - 2]!.key : undefined;
        if (line[rest] === '{') {
          flowMap(out, text, line, start, rest, key);
          return;
        }
        // A one-line flow sequence of scalars (a VCR cassette's `Authorization: [Bearer …]`, which records each header as
        // a list): each item under the key, as a block list's items are.
        if (line[rest] === '[') {
          flowSequence(out, text, line, start, rest, withParent(key, parent));
          return;
        }
        if (COMMAND_KEY.test(key)) commands?.push([start + rest, start + line.length]);
        const span = valueSpan(line, rest, HASH_COMMENT);
        if (!span) return;
        const labels = siblingName.get(keyIndent) ?? [];
        // A few labels (`id`, `name`) and the values before them: a mapping of many is no pair object, and bounded, the
        // naming stays linear.
        if (PAIR_LABEL.test(key) && labels.length < MAX_LABELS) {
          const label = line.slice(span[0], span[0] + span[1]);
          siblingName.set(keyIndent, [...labels, label]);
          // A value written before its label (`- value: …` then `name: API_TOKEN`) is named now.
          for (const c of unlabelled.get(keyIndent) ?? []) c.names.push(label);
        }
        if (key === 'uses') stepAction.set(keyIndent, line.slice(span[0], span[0] + span[1]));
        if (key === 'name' && keys.length === 2 && keys[0]!.key === 'metadata' && keys[0]!.indent === 0) objectName = line.slice(span[0], span[0] + span[1]).replace(/^["']|["']$/g, '');
        // An API description's parameter (`name: X-Api-Key`, `in: header`) shows its value as an `example`.
        const valueField = PAIR_VALUE.test(key) || key === 'example';
        const sibling = valueField ? siblingName.get(keyIndent) : undefined;
        const before = out.length;
        const owner = span[1] < MIN_VALUE_LENGTH ? undefined : ownerPath(keys, parent === 'with' ? stepAction : undefined);
        const named = objectName !== undefined && owner !== undefined && keys[0]!.indent === 0 && OBJECT_DATA.test(keys[0]!.key) ? `${objectName}.${owner}` : owner;
        pushCandidate(out, text, start + span[0], span[1], sibling ? [key, ...sibling] : withParent(key, parent), named);
        const waiting = unlabelled.get(keyIndent) ?? [];
        if (valueField && out.length > before && waiting.length < MAX_LABELS) unlabelled.set(keyIndent, [...waiting, ...out.slice(before)]);
        return;
      }
      const item = /^-\s+/.exec(trimmed);
      if (item) {
        const parent = keys.filter((k) => k.indent <= indent).pop();
        const from = indent + item[0].length;
        if (line[from] === '{') return flowMap(out, text, line, start, from, parent?.key);
        if (parent && COMMAND_KEY.test(parent.key)) commands?.push([start + from, start + line.length]);
        const span = valueSpan(line, from, HASH_COMMENT);
        if (!span) return;
        // `- API_TOKEN=…` (compose `environment:` as a list) and `- --api-token=…` (container args): the item names
        // its own value.
        const pair = ITEM_PAIR.exec(line.slice(span[0], span[0] + span[1]));
        // Its own name says what it is: the list's key (`environment:`, or a sibling mapping's key at the same indent
        // in a file that mixes both) would name `COMMIT_SHA=…` a secret.
        if (pair) pushCandidate(out, text, start + span[0] + pair[0].length, span[1] - pair[0].length, [pair[1]!]);
        else if (parent) pushCandidate(out, text, start + span[0], span[1], [parent.key]);
      }
    },
    () => ({ candidates: out, notes: [] }),
  );
}

/** A commented-out YAML pair, `# NAME: value` (group 1 the key; the value follows the match): a setting kept for later. */
const COMMENTED_PAIR = /^#+[ \t]*([A-Za-z_][\w.-]{0,63}):[ \t]+(?=[^\s#|>{[&*!])/;

/**
 * A setting commented out in a YAML file (`# STRIPE_SECRET_KEY: sk_…   # moved to ExternalSecret`, a values file's old
 * key kept beside the empty one that replaced it): its value under its key, as the pair it was. Prose in a comment
 * (`# Note: see the runbook`) has spaces in its value and is no pair.
 */
function pushCommentedPair(out: Candidate[], text: string, line: string, start: number, indent: number): void {
  const m = COMMENTED_PAIR.exec(line.slice(indent));
  if (!m) return;
  const span = valueSpan(line, indent + m[0].length, HASH_COMMENT);
  if (!span || /[ \t]/.test(line.slice(span[0], span[0] + span[1]))) return;
  pushCandidate(out, text, start + span[0], span[1], [m[1]!]);
}

/** Labels, and values waiting for one, kept per mapping of a YAML pair object (`- name: …\n  value: …`). */
const MAX_LABELS = 4;

/** `NAME=` or `--flag-name=` opening a list item's value. */
const ITEM_PAIR = /^-{0,2}([A-Za-z_][\w.-]{0,63})=/;


/**
 * A one-line flow mapping from `{` at `from` (`encryption: { key: …, timeout: 30 }`, `- {name: API_TOKEN, value: …}`):
 * each `key: value` pair is bound like a block entry, `value` to its `name` sibling. Nested brackets end the reading.
 */
function flowMap(out: Candidate[], text: string, line: string, start: number, from: number, parent: string | undefined): void {
  const pair = /\s*(?:(["'])([^"']*)\1|([^\s:,{}[\]"'#][^:,{}[\]]*?))\s*:\s+(?:(["'])((?:(?!\4).)*)\4|([^,{}[\]]*?))\s*(?=[,}])/y;
  pair.lastIndex = from + 1;
  let sibling: string | undefined;
  const values: Array<[number, number, string]> = [];
  for (let m = pair.exec(line); m; m = pair.exec(line)) {
    const key = (m[2] ?? m[3] ?? '').trim();
    const value = m[5] ?? m[6] ?? '';
    // The value ends where the match does, less the spaces before `,`/`}` and a closing quote.
    const at = m.index + m[0].trimEnd().length - (m[4] ? 1 : 0) - value.length;
    if (PAIR_LABEL.test(key)) sibling = sibling === undefined ? value : sibling;
    values.push([at, value.length, key]);
    if (line[pair.lastIndex] !== ',') break;
    pair.lastIndex++;
  }
  for (const [at, length, key] of values) {
    if (length > 0) pushCandidate(out, text, start + at, length, PAIR_VALUE.test(key) && sibling ? [key, sibling] : withParent(key, parent));
  }
}

/** One item of a flow sequence: quoted, or bare up to `,` or `]`; then its `,` or the closing `]`. Group 2/3 the value. */
const FLOW_ITEM = /[ \t]*(?:(["'])((?:(?!\1)[^\n])*)\1|([^,[\]{}"'#\n]*?))[ \t]*([,\]])/y;

/**
 * A one-line flow sequence from `[` at `from` (`Authorization: [Bearer …]`, `keys: ["…", "…"]`): each item pushed under
 * `names`. A nested bracket or a sequence not closed on its line ends the reading; forward only, one match per item.
 */
function flowSequence(out: Candidate[], text: string, line: string, start: number, from: number, names: string[]): void {
  const items: Array<[number, number]> = [];
  FLOW_ITEM.lastIndex = from + 1;
  for (let m = FLOW_ITEM.exec(line); m; m = FLOW_ITEM.exec(line)) {
    const value = m[2] ?? m[3]!;
    const at = m.index + m[0].length - m[0].trimStart().length + (m[1] ? 1 : 0);
    items.push([at, value.length]);
    if (m[4] === ']') {
      for (const [offset, length] of items) if (length > 0) pushCandidate(out, text, start + offset, length, names);
      return;
    }
  }
}

/** Dockerfile: ENV/ARG/LABEL pairs; RUN lines are left to the shell-style token pass. */
export function extractDockerfileSteps(text: string): Steps<Extraction> {
  const out: Candidate[] = [];
  return eachLine(
    text,
    (line, start) => {
      const m = /^\s*(ENV|ARG|LABEL)\s+/i.exec(line);
      if (!m) return;
      let i = m[0].length;
      // `ENV NAME value`: the name is followed by whitespace, not `=` (the value may hold `=`, as base64 padding does).
      const legacy = /^([A-Za-z_][A-Za-z0-9_.-]*)\s+/.exec(line.slice(i));
      if (m[1]!.toUpperCase() === 'ENV' && legacy) {
        // `ENV KEY value with spaces`
        const span = valueSpan(line, i + legacy[0].length, undefined);
        if (span) pushCandidate(out, text, start + span[0], span[1], [legacy[1]!]);
        return;
      }
      const pair = /([A-Za-z_][A-Za-z0-9_.-]*)=/g;
      pair.lastIndex = i;
      let p: RegExpExecArray | null;
      while ((p = pair.exec(line))) {
        const span = valueSpan(line, p.index + p[0].length, undefined);
        if (!span) break;
        let [off, len] = span;
        const quoted = line[off - 1] === '"' || line[off - 1] === "'";
        if (!quoted) {
          const ws = line.slice(off, off + len).search(/\s/);
          if (ws >= 0) len = ws;
        }
        pushCandidate(out, text, start + off, len, [p[1]!]);
        pair.lastIndex = off + len + (quoted ? 1 : 0);
        i = pair.lastIndex;
      }
    },
    () => ({ candidates: out, notes: [] }),
  );
}

/** A header cell: a column's name (`api_token`, `Created At`), not data. */
const HEADER_CELL = /^[A-Za-z_][\w .-]{0,63}$/;
/** The columns read in a row: a wider table is data, not a list of accounts. */
const MAX_COLUMNS = 256;

/**
 * The cells of one CSV/TSV line as [start, end) in the line, inside a cell's double quotes (`""` stays as written; a
 * quoted cell that spans lines ends at the line, which at worst misreads that row). Linear in the line.
 */
function delimitedCells(line: string, delimiter: string): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  let i = 0;
  while (i <= line.length && cells.length < MAX_COLUMNS) {
    if (line[i] === '"') {
      let j = i + 1;
      while (j < line.length && !(line[j] === '"' && line[j + 1] !== '"')) j += line[j] === '"' ? 2 : 1;
      cells.push([i + 1, Math.min(j, line.length)]);
      const next = line.indexOf(delimiter, j);
      i = next < 0 ? line.length + 1 : next + 1;
    } else {
      const next = line.indexOf(delimiter, i);
      const end = next < 0 ? line.length : next;
      cells.push([i, end]);
      i = end + 1;
    }
  }
  return cells;
}

/**
 * CSV and TSV: a header row (`id,email,api_token,created_at`) names each cell below it, as a key names its value. The
 * first non-empty line is the header only if every cell of it reads as a column name; otherwise nothing is bound.
 */
export function extractDelimitedSteps(text: string, delimiter: string): Steps<Extraction> {
  const out: Candidate[] = [];
  let header: string[] | undefined;
  let headerSeen = false;
  // A `name`/`key_name` column and a `value` column: each row is one setting, the label naming the value.
  let labelColumn = -1;
  let valueColumn = -1;
  let serviceColumn = -1;
  return eachLine(
    text,
    (line, start) => {
      if (line.trim() === '' || (headerSeen && !header)) return;
      const cells = delimitedCells(line, delimiter);
      if (!headerSeen) {
        headerSeen = true;
        const names = cells.map(([s, e]) => line.slice(s, e).trim());
        if (names.length >= 2 && names.every((n) => HEADER_CELL.test(n))) header = names;
        labelColumn = header ? header.findIndex(isTableLabel) : -1;
        valueColumn = header ? header.findIndex((n) => PAIR_VALUE.test(n)) : -1;
        if (labelColumn < 0 || valueColumn < 0) labelColumn = valueColumn = -1;
        serviceColumn = header && labelColumn >= 0 ? header.findIndex((n) => TABLE_SERVICE.test(n)) : -1;
        return;
      }
      // A table of settings (`service,key_name,value`): the value column's cell is named by the label column's too.
      const cell = (k: number): string => (k >= 0 && cells[k] ? line.slice(cells[k][0], cells[k][1]).trim() : '');
      const label = cell(labelColumn);
      const service = cell(serviceColumn);
      cells.forEach(([s, e], k) => {
        const name = header![k];
        const value = line.slice(s, e);
        const lead = value.length - value.trimStart().length;
        const trimmed = value.trim();
        if (name && trimmed.length >= 8) pushCandidate(out, text, start + s + lead, trimmed.length, k === valueColumn ? settingRowNames(name, label, service) : [name]);
      });
    },
    () => ({ candidates: out, notes: [] }),
  );
}
