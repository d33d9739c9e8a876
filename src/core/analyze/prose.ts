import { LineStartCursor } from '../vocabulary/positions';
import { type Candidate, PAIR_VALUE, SETTING_NAME } from './candidate';
import { fenceBlocks } from './markdown';

/**
 * Secrets written in sentences: a runbook's "the bind password for svc-portal is `…`", a README's "API key: `…`", "use
 * token … to log in", "password — …", a comment's "the staging api token is …", and Markdown tables whose column header
 * names a secret. Prose says "password" all the time ("the password is stored in Vault", "password: see 1Password",
 * "the `PASSWORD` env var"), so the value must be right after the secret noun and a linking word or mark (or a code span
 * right after it, or after "use/enter … token"), one word or one code span, and is then judged like any candidate (the
 * heuristics' entropy, character classes, human-password shape, placeholder and word filters), plus a few shapes prose
 * puts there that are not values: paths, URLs, env names, dotted identifiers. Read where a secret-like name keyword ends
 * (the keyword pass), in text files and on comment lines of any other; sticky, bounded expressions: linear.
 */

/** The secret nouns a sentence names a value with; a qualifier word before `key`/`token`/`secret` is part of the name. */
const NOUN = /^(?:passwords?|passwd|passphrase|pwd|(?:auth)?tokens?|secrets?|keys?|api[-_]?keys?|apikeys?|credentials?)$/i;
/** Words before `key`, `token` or `secret` that make one name (`API key` → `api_key`, `access token` → `access_token`). */
const QUALIFIER = /^(?:api|access|auth|bearer|bot|client|deploy|secret|private|signing|master|admin|app|application|refresh|session|personal|service|encryption|webhook)$/i;
/** The value: a code span, a quoted word, bold, or a bare word (trailing sentence punctuation left out). */
const VALUE = /(?:`([^`\s]{8,512})`|"([^"\s]{8,512})"|\*\*([^*\s]{8,512})\*\*|([^\s`'"<>()[\]{}|,;]{8,512}?)[.,;:)]{0,3}(?=\s|$))/.source;
/**
 * After the noun: an optional owner (`for svc-portal`, `of the admin account`), a link (`:`, `=`, a dash, `is`, `was`,
 * `is set to`, emphasis around a colon: `**Password:**`), or only spaces before a code span; then the value. Group 1:
 * the link; 2–5: the value.
 */
const AFTER_NOUN = new RegExp(/(?:[ \t]+(?:for|of|on)(?:[ \t]+[\w.@/-]{1,64}){1,3}?)?([*_]{0,2}[ \t]*(?::|=|—|–|-{1,2}|->|=>)[*_]{0,2}[ \t]*|[ \t]+(?:is|was|are|reads|equals)(?:[ \t]+(?:set[ \t]+to|now|still))?(?:[ \t]*:[ \t]*|[ \t]+)|[ \t]+(?=`))/.source + VALUE, 'y');
/**
 * After the noun, in a text file: a few words, then a colon and the value alone at the line's end ("pasted the Zendesk
 * API token into the channel by mistake: …", notes' "new deploy token for staging: …"). Group 1: the words and the
 * colon; 2–5: the value.
 */
const WORDS_THEN_COLON = new RegExp(/((?:[ \t]+[A-Za-z#@][\w#@.'-]{0,31}){1,8}?[ \t]*:[ \t]*)/.source + VALUE + /(?=[ \t]*(?:\r?\n|$))/.source, 'y');
/** After a noun a verb hands over (`use token …`, `enter the password …`): spaces, then the value. */
const HANDED = new RegExp(/([ \t]+)/.source + VALUE, 'y');
/** A verb that hands over what follows the noun without a link: "use token …", "enter the password …", "user admin and password …". */
const HANDING_VERB = /(?:\b(?:use|using|enter|with|paste|type|try|pass)\b[ \t]+(?:the[ \t]+|an?[ \t]+|this[ \t]+)?(?:[\w-]{1,24}[ \t]+)?|\b(?:user(?:name)?|login)[ \t]+\S{1,64}[ \t]+(?:and|,)[ \t]+(?:the[ \t]+)?)$/i;
/** Words before a secret's name that say nothing of whose it is. */
const ARTICLE = /^(?:the|a|an|this|that|our|my|your|their|its|new|old|same|staging|production|prod|dev|test|and|or|of|for|with|to|in)$/i;
/** What prose puts after a secret noun that is not a value: a path, a URL, an env name, a dotted identifier, a file name. */
const NOT_A_VALUE = /^(?:\/|\.{1,2}\/|~\/|[a-z][\w+.-]{0,15}:\/\/)|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|^[\w-]+\.(?:json|ya?ml|txt|pem|key|env|conf|cfg|ini|md|sh|py|js|ts)$/;
/** A comment line's start: `//`, `#`, ` * `, `/*`, `--`, `;`, `<!--`. */
const COMMENT_START = /[ \t]*(?:\/\/|#|\*|\/\*|--|;|<!--)/y;

/** The characters that may follow a secret noun in a sentence: a space, a tab, `:`, `=`, `*`, `-`, an en or em dash. */
const FOLLOWS_NOUN = new Set([32, 9, 58, 61, 42, 45, 0x2013, 0x2014]);

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/**
 * Candidates of sentences in `text` where a name keyword ends at one of `nameEnds` (ascending): in any line of a text
 * file (`wholeText`), else on comment lines only.
 */
export function proseCandidates(text: string, nameEnds: readonly number[], wholeText: boolean): Candidate[] {
  const out: Candidate[] = [];
  // Made when a noun is found (its constructor looks for the first line breaks of the whole text).
  let lines: LineStartCursor | undefined;
  let lineStart = -1;
  let commentLine = false;
  let lastStop = -1;
  for (const end of nameEnds) {
    // The noun ends within a few characters of its keyword (`pass` → `passwords`); what may follow it (a space, `:`,
    // `=`, emphasis, a dash) is asked before anything else: in code a name is mostly followed by `.`, `(`, `,`, a quote
    // or a bracket, and most positions end here, each after reading at most 12 characters.
    let stop = end;
    while (stop - end < 8 && isWordChar(text.charCodeAt(stop))) stop++;
    if (stop === lastStop || !FOLLOWS_NOUN.has(text.charCodeAt(stop))) continue;
    lastStop = stop;
    let start = end - 1;
    while (start > 0 && stop - start < 13 && isWordChar(text.charCodeAt(start - 1))) start--;
    if (start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
    const word = text.slice(start, stop);
    if (!NOUN.test(word)) continue;
    const line = (lines ??= new LineStartCursor(text)).lineStart(start);
    if (!wholeText) {
      if (line !== lineStart) {
        lineStart = line;
        COMMENT_START.lastIndex = line;
        commentLine = COMMENT_START.test(text);
      }
      if (!commentLine) continue;
    }
    // The noun is written in a sentence: after a space, a line's start or a list mark, not inside code (`obj.token`).
    const before = text.slice(Math.max(line, start - 40), start);
    if (before && !/(?:^|[\s(*_>-])$/.test(before)) continue;
    AFTER_NOUN.lastIndex = stop;
    let m = AFTER_NOUN.exec(text);
    // No link: a value handed over by a verb before the noun ("use token …", "user admin and password …").
    if (!m && HANDING_VERB.test(before)) {
      HANDED.lastIndex = stop;
      m = HANDED.exec(text);
    }
    // Words between the noun and its colon: only in a text file, and not for a bare `key` ("press the key combo below: …").
    const previousWord = /([A-Za-z]+)[ \t]+$/.exec(before)?.[1];
    if (!m && wholeText && (!/^keys?$/i.test(word) || (previousWord !== undefined && QUALIFIER.test(previousWord)))) {
      WORDS_THEN_COLON.lastIndex = stop;
      m = WORDS_THEN_COLON.exec(text);
    }
    if (!m) continue;
    const value = m[2] ?? m[3] ?? m[4] ?? m[5]!;
    const spanned = m[5] === undefined;
    // `Label: word more words`: a bare word after a colon that more words follow is free text, as extract/lines.ts reads
    // a plain-text `NAME: value` line (provider rules only); alone on its line, or in a code span, it is the value.
    if (!spanned && m[1]!.trim() === ':' && /\S/.test(text.slice(m.index + m[0].length, text.indexOf('\n', m.index) >>> 0))) continue;
    // On a comment line, `noun: value` is how doc comments show example objects: inline.ts reads it for provider rules.
    if (!wholeText && /^[*_ \t]*:/.test(m[1]!)) continue;
    if (NOT_A_VALUE.test(value)) continue;
    const offset = m.index + m[0].length - value.length - (spanned ? (m[4] !== undefined ? 2 : 1) : trailing(m[0], value));
    const previous = previousWord;
    const noun = word.toLowerCase().replace(/s$/, '');
    const qualified = previous !== undefined && QUALIFIER.test(previous) && /^(?:key|token|secret)$/.test(noun);
    const names = qualified ? [`${previous.toLowerCase()}_${noun}`, noun] : [noun === 'passwd' || noun === 'pwd' ? 'password' : noun];
    // The word before the name may be whose it is ("the Zendesk API token", "our Twilio auth token"): the name with it
    // binds that provider's rule, as `ZENDESK_API_TOKEN` would.
    const owner = qualified ? /([A-Za-z][A-Za-z0-9]{1,31})[ \t]+[A-Za-z]+[ \t]+$/.exec(before)?.[1] : previous;
    if (owner && !ARTICLE.test(owner)) names.push(`${owner.toLowerCase()}_${names[0]}`);
    out.push({ offset, length: value.length, names });
  }
  return out;
}

/** How many characters of sentence punctuation follow a bare value at the match's end. */
function trailing(match: string, value: string): number {
  return match.length - (match.lastIndexOf(value) + value.length);
}

/**
 * The row under a table's header, trimmed: `| --- | :---: |`. No two runs of spaces are adjacent (each cell's spaces
 * come before its bar), so a long run is read once: linear on one long line.
 */
const DELIMITER_ROW = /^\|?[ \t]*:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)*[ \t]*\|?$/;
/** A header cell that names a secret. */
const SECRET_HEADER = /^(?:[\w-]+[ _-])?(?:password|passwd|passphrase|pwd|token|secret|api[ _-]?key|key|credential)s?$/i;

/**
 * Candidates of the Markdown tables whose header names a secret column (`| host | user | password |`): each data row's
 * cell under it, named by the header. A line pass; a row's cells are split at `|` (each cell read once).
 */
export function tableColumnCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  let header: string[] | undefined;
  let previous: { line: string; start: number } | undefined;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (!line.includes('|')) header = undefined;
    else if (previous?.line.includes('|') && DELIMITER_ROW.test(line.trim())) {
      const cells = splitCells(previous.line).map((c) => c.text.trim().replace(/^[`*]+|[`*]+$/g, ''));
      header = cells.some((c) => SECRET_HEADER.test(c) || PAIR_VALUE.test(c)) ? cells : undefined;
    } else if (header) {
      const cells = splitCells(line);
      // A `Value` column is named by the row's setting (`| Stripe | STRIPE_SECRET_KEY | \`…\` |`): its first cell that is
      // a setting's name, read once a row.
      let setting: string | undefined;
      cells.forEach((cell, i) => {
        const name = header![i];
        if (name === undefined) return;
        const byValue = PAIR_VALUE.test(name);
        if (!byValue && !SECRET_HEADER.test(name)) return;
        const m = /^[ \t]*(`?)([^\s`|]{8,512})\1[ \t]*$/.exec(cell.text);
        if (!m || NOT_A_VALUE.test(m[2]!)) return;
        if (byValue) setting ??= rowSetting(cells, i) || rowSecretLabel(cells, i);
        if (byValue && !setting) return;
        out.push({ offset: start + cell.offset + m[0].indexOf(m[2]!, m[1]!.length), length: m[2]!.length, names: byValue ? setting!.split(' ') : [name.replace(/[ -]/g, '_').toLowerCase()] });
      });
    }
    previous = { line, start };
    start = end + 1;
  }
  return out;
}

/** The first cell of a row other than `except` that holds a setting's name alone (`STRIPE_SECRET_KEY`, `` `db.password` ``), or ''. */
function rowSetting(cells: ReadonlyArray<{ text: string }>, except: number): string {
  for (let k = 0; k < cells.length; k++) {
    const name = cells[k]!.text.trim().replace(/^`|`$/g, '');
    if (k !== except && SETTING_NAME.test(name)) return name;
  }
  return '';
}

/**
 * A row's label in words, where no cell is a setting's name (`| athena | client secret | \`…\` |`): its first cell other
 * than `except` that names a secret (SECRET_HEADER), as a name (`client_secret`), and that name after the row's first
 * cell when that is a word or two (`athena_client_secret`: whose it is, for attribution.ts); space-separated, or ''.
 */
function rowSecretLabel(cells: ReadonlyArray<{ text: string }>, except: number): string {
  for (let k = 0; k < cells.length; k++) {
    const label = cells[k]!.text.trim().replace(/^[`*]+|[`*]+$/g, '');
    if (k === except || !SECRET_HEADER.test(label)) continue;
    const name = label.replace(/[ -]+/g, '_').toLowerCase();
    const owner = k > 0 && except !== 0 ? /^[A-Za-z][\w.]{1,31}(?:[ -][A-Za-z][\w.]{1,31})?$/.exec(cells[0]!.text.trim())?.[0] : undefined;
    return owner ? `${name} ${owner.replace(/[ -]+/g, '_').toLowerCase()}_${name}` : name;
  }
  return '';
}

/** A sentence that introduces a value: it ends in a colon and names a secret (group 1: up to three words ending with the noun). */
const INTRODUCES_SECRET = /((?:[A-Za-z][\w-]{0,31}[ \t]+){0,2}(?:passwords?|passphrase|(?:auth)?tokens?|secrets?|api[ _-]?keys?|(?:access|private|signing|secret|encryption|master|admin|app|client|service|hmac)[ \t]+keys?|credentials?))\b[^\n:]{0,80}:[ \t]*$/i;
/** A lone value's line, indented or not (a list's continuation, a docstring's or an e-mail's indented block), or a comment line's (`//   …`). */
const LONE_VALUE = /^[ \t]*(?:(?:\/\/|#|\*|--|;)[ \t]*)?([^\s`'"<>]{8,512})[ \t]*\r?$/;

/**
 * Values alone on their line, introduced by the line before it, which names a secret and ends in a colon (an on-call
 * note's "Postmark server token for the billing stream:" and the token indented below it, a docstring's "our HMAC key
 * for ACK signing:", a comment's): named by that sentence's words, as a fence after such a sentence is
 * (fencedValueCandidates). In any file, read only at the lines where a secret-like name keyword ends (`nameEnds`,
 * ascending), each line once; a line's ends are found by a cursor that moves forward and a look-back bounded to
 * 200 characters: linear.
 */
export function nextLineValueCandidates(text: string, nameEnds: readonly number[]): Candidate[] {
  const out: Candidate[] = [];
  let lineEnd = -1;
  let read = -1;
  for (const end of nameEnds) {
    if (end > lineEnd) {
      lineEnd = text.indexOf('\n', end);
      if (lineEnd < 0) return out;
    }
    if (lineEnd === read || lineEnd - end > 120) continue;
    read = lineEnd;
    // The line must end in a colon: asked of its last characters before it is cut out.
    let last = lineEnd - 1;
    while (last > end && (text.charCodeAt(last) === 13 || text.charCodeAt(last) === 32 || text.charCodeAt(last) === 9)) last--;
    if (text.charCodeAt(last) !== 58) continue;
    // The next line, or the one after a blank line, must be a lone value: asked before the sentence is (a YAML key's
    // line ends in a colon too, and a mapping's entries follow it).
    let start = lineEnd + 1;
    let value: RegExpExecArray | null = null;
    let next = '';
    for (let blank = 0; blank < 2; blank++) {
      const stop = text.indexOf('\n', start);
      next = text.slice(start, stop < 0 ? Math.min(text.length, start + 600) : Math.min(stop, start + 600));
      if (next.trim() === '' && blank === 0 && stop >= 0) {
        start = stop + 1;
        continue;
      }
      value = LONE_VALUE.exec(next);
      break;
    }
    if (!value || NOT_A_VALUE.test(value[1]!)) continue;
    const before = text.slice(Math.max(0, end - 200), lineEnd);
    const named = INTRODUCES_SECRET.exec(before.slice(before.lastIndexOf('\n') + 1).replace(/\r$/, '').slice(-160));
    if (named) out.push({ offset: start + next.indexOf(value[1]!), length: value[1]!.length, names: [secretName(named[1]!)] });
  }
  return out;
}

/** The name a sentence's words ending in a secret noun give a value: `Postmark server token` → `postmark_server_token`. */
function secretName(words: string): string {
  return words.toLowerCase().replace(/^(?:the|a|an|our|this|that)[ \t]+/, '').replace(/[ \t-]+/g, '_');
}

/** A fence's opening line: backticks or tildes and an optional language word. */
const FENCE_OPENING = /^[ \t]{0,3}(?:`{3,}|~{3,})[\w-]{0,32}[ \t]*$/;
/** The one line a fence holds: a value of key characters. */
const FENCED_VALUE = /^[ \t]*([^\s`'"<>]{8,512})[ \t]*$/;

/**
 * Markdown code fences that hold one value, introduced by the sentence before them ("The JWT signing secret we use in
 * staging:", a blank line, then the fence): the value, named by that sentence's words (`jwt_signing_secret`).
 */
export function fencedValueCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const { open, lines, closed } of fenceBlocks(text)) {
    if (!closed || lines.length !== 1 || !FENCE_OPENING.test(text.slice(open[0], open[1]))) continue;
    const [valueStart, valueEnd] = lines[0]!;
    const value = FENCED_VALUE.exec(text.slice(valueStart, valueEnd).replace(/\r$/, ''));
    if (!value || NOT_A_VALUE.test(value[1]!)) continue;
    const name = introducedName(text, open[0]);
    if (name) out.push({ offset: valueStart + value.index + value[0].indexOf(value[1]!), length: value[1]!.length, names: [name] });
  }
  return out;
}

/** The name the sentence before a fence opening at `open` gives its value: its last line that is not blank (within three), if it introduces a secret. */
function introducedName(text: string, open: number): string | undefined {
  let end = open - 1;
  for (let blank = 0; blank < 3 && end > 0; blank++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '') {
      const named = INTRODUCES_SECRET.exec(line.slice(-160));
      return named ? secretName(named[1]!) : undefined;
    }
    end = start - 1;
  }
  return undefined;
}

/** A row's cells with their offsets in the line, the outer bars left out. */
function splitCells(line: string): Array<{ text: string; offset: number }> {
  const cells: Array<{ text: string; offset: number }> = [];
  let from = line.indexOf('|') === line.search(/\S/) ? line.indexOf('|') + 1 : 0;
  for (;;) {
    const bar = line.indexOf('|', from);
    if (bar < 0) {
      if (line.slice(from).trim()) cells.push({ text: line.slice(from), offset: from });
      return cells;
    }
    cells.push({ text: line.slice(from, bar), offset: from });
    from = bar + 1;
  }
}
