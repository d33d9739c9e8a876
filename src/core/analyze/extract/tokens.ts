import { type Candidate, type Extraction, pushCandidate } from '../candidate';
import { checkAbort } from '../abort';
import * as chars from './chars';

// Read once into constants: unbundled (the unit tests), each use of an imported binding is a property read.
const { charTable, BACKSLASH, BACKTICK, CR, DOLLAR, DOUBLE, EQUALS, HASH, LF, SINGLE, SLASH, SPACE, STAR, TAB } = chars;

/**
 * A lexical pass for Python, shell and every other language: strings, words and punctuation, then a
 * look-behind over the tokens to find the name a string is bound to (`NAME = "…"`, `name: str = "…"`,
 * `f(api_key="…")`, `os.getenv("X", "…")`, `export X=…`, `--token …`, `{"key": "…"}`).
 *
 * Why not tree-sitter (web-tree-sitter + @vscode/tree-sitter-wasm): it only loads asynchronously (WASM init,
 * grammar fetch), while analyzeText is synchronous for the language server's hot path; the extension would
 * have to ship and locate .wasm assets in both bundles; and detection needs only the lexical layer (strings,
 * comments, names), which a tokenizer gets exactly right, including in broken or templated files where a
 * parser's error recovery is the weak point. A real parse is used where it pays: TypeScript/JavaScript.
 */
export type TokenDialect = 'python' | 'shell' | 'text';

interface Tok {
  kind: 'str' | 'word' | 'punct';
  /** Value span (inside the quotes for strings). */
  start: number;
  end: number;
}

const PUNCT2 = new Set([':=', '==', '!=', '=>', '+=', '??', '||', '<<', '->', '::']);

/**
 * Character tables, by char code below 128: the loop reads char codes, not one-character strings tested by regular
 * expressions (that was most of the token pass's time on a workspace scan). Above 127 nothing is a word character.
 */
const WORD = charTable(String.raw`A-Za-z0-9_$@.`);
const SHELL_WORD = charTable(String.raw`A-Za-z0-9_$@.{}\/-`);
const SHELL_OPERATOR = charTable(String.raw`;&|()<>`);
const SHELL_VALUE_END = charTable(String.raw`\s;&|()<>"'\``);
const PYTHON_PREFIX = charTable('rRbBfFuU');
const PUNCT2_CODES = new Set([...PUNCT2].map((p) => p.charCodeAt(0) * 128 + p.charCodeAt(1)));
const inTable = (t: Uint8Array, c: number) => c < 128 && t[c] === 1;

export function tokenize(text: string, dialect: TokenDialect, signal?: AbortSignal): Tok[] {
  const toks: Tok[] = [];
  const n = text.length;
  const word = dialect === 'shell' ? SHELL_WORD : WORD;
  let i = 0;
  // Shell: a bare word right after `=` or a flag is a value, not a name.
  let valueNext = false;
  while (i < n) {
    if ((toks.length & 4095) === 0) checkAbort(signal);
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR) {
      i++;
      continue;
    }
    if (c === LF) {
      valueNext = false;
      i++;
      continue;
    }
    // Comments
    if (c === HASH && (dialect === 'python' || (dialect === 'shell' && (i === 0 || /\s/.test(text[i - 1]!))))) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === SLASH && dialect === 'text' && (text.charCodeAt(i + 1) === SLASH || text.charCodeAt(i + 1) === STAR)) {
      if (text.charCodeAt(i + 1) === SLASH) {
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e;
      } else {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
      }
      continue;
    }
    // Markdown code fences are not backtick strings: a key in a fenced block is on the lines after them.
    if (c === BACKTICK && dialect === 'text' && text.startsWith('```', i)) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    // Strings (Python prefixes r, b, f, u and combinations; shell $'…')
    let q = i;
    if (dialect === 'python') while (q < n && q - i < 2 && inTable(PYTHON_PREFIX, text.charCodeAt(q))) q++;
    if (dialect === 'shell' && c === DOLLAR && text.charCodeAt(i + 1) === SINGLE) q = i + 1;
    const quote = text.charCodeAt(q);
    if ((quote === DOUBLE || quote === SINGLE || (quote === BACKTICK && dialect !== 'python')) && (q === i || dialect !== 'text')) {
      const triple = dialect !== 'shell' && text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
      const open = q + (triple ? 3 : 1);
      const escapes = !(dialect === 'shell' && quote === SINGLE && q === i);
      let j = open;
      let closed = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (escapes && d === BACKSLASH) {
          j += 2;
          continue;
        }
        if (d === quote && (!triple || (text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote))) {
          closed = true;
          break;
        }
        // Single-line strings end at the line (unterminated or a char literal such as a Rust lifetime).
        if (d === LF && !triple && dialect !== 'shell' && quote !== BACKTICK) break;
        j++;
      }
      if (!closed && !triple && dialect === 'text') {
        toks.push({ kind: 'punct', start: i, end: i + 1 });
        i++;
        continue;
      }
      toks.push({ kind: 'str', start: open, end: Math.min(j, n) });
      i = closed ? j + (triple ? 3 : 1) : j;
      valueNext = false;
      continue;
    }
    if (dialect === 'shell' && valueNext && !inTable(SHELL_OPERATOR, c)) {
      let j = i;
      while (j < n && !isShellValueEnd(text.charCodeAt(j))) j++;
      toks.push({ kind: 'str', start: i, end: j });
      i = j;
      valueNext = false;
      continue;
    }
    if (inTable(word, c)) {
      let j = i + 1;
      while (j < n && inTable(word, text.charCodeAt(j))) j++;
      toks.push({ kind: 'word', start: i, end: j });
      i = j;
      if (dialect === 'shell') {
        // `--token abc`: the word after a secret-sounding flag is its value.
        const w = text.slice(toks[toks.length - 1]!.start, j);
        valueNext = w.startsWith('-') && text.charCodeAt(j) === SPACE && /key|token|secret|passw|auth/i.test(w);
      }
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (c < 128 && next < 128 && PUNCT2_CODES.has(c * 128 + next)) {
      toks.push({ kind: 'punct', start: i, end: i + 2 });
      i += 2;
      continue;
    }
    toks.push({ kind: 'punct', start: i, end: i + 1 });
    if (dialect === 'shell' && c === EQUALS) valueNext = true;
    i++;
  }
  return toks;
}

/** `[\s;&|()<>"'\`]`: the end of an unquoted shell value (any Unicode space, as `\s` reads it). */
function isShellValueEnd(c: number): boolean {
  return c < 128 ? SHELL_VALUE_END[c] === 1 : /\s/.test(String.fromCharCode(c));
}

const SIGNING_CALL = /(?:^|\.)(?:(?:jwt|jws)\.(?:encode|decode|sign|verify)|hmac\.new)$/;

const BIND = new Set(['=', ':', ':=', '=>', '==', '!=', '+=', '??', '||']);

export function extractTokens(text: string, dialect: TokenDialect, signal?: AbortSignal): Extraction {
  const toks = tokenize(text, dialect, signal);
  const out: Candidate[] = [];
  const src = (t: Tok | undefined): string => (t ? text.slice(t.start, t.end) : '');
  const nameAt = (t: Tok | undefined): string => (t && (t.kind === 'word' || t.kind === 'str') ? src(t).replace(/^[-$@:]+/, '') : '');

  /** Names bound to the token at index i (a string or an opening bracket). */
  const bindings = (i: number, depth: number): string[] => {
    const prev = toks[i - 1];
    if (!prev) return [];
    const p = src(prev);
    if (prev.kind === 'punct' && BIND.has(p)) {
      const names = [nameAt(toks[i - 2])];
      // `name: str = "…"` (Python annotation), `var name string = "…"` (Go): the name sits one or two further back.
      if (p === '=' && toks[i - 2]?.kind === 'word') {
        if (src(toks[i - 3]) === ':') names.push(nameAt(toks[i - 4]));
        else if (toks[i - 3]?.kind === 'word' && !text.slice(toks[i - 3]!.end, toks[i - 2]!.start).includes('\n')) names.push(nameAt(toks[i - 3]));
      }
      if (toks[i - 2] && (src(toks[i - 2]) === ']' || src(toks[i - 2]) === ')')) {
        // obj["key"] = "…"
        names.push(nameAt(toks[i - 3]));
      }
      return names.filter(Boolean);
    }
    if (prev.kind === 'punct' && (p === '(' || p === ',' || p === '[' || p === '{')) {
      // Walk back to the opening bracket of this argument list.
      let d = 0;
      let j = i - 1;
      let firstString: Tok | undefined;
      for (; j >= 0 && i - j < 64; j--) {
        const s = src(toks[j]);
        if (s === ')' || s === ']' || s === '}') d++;
        else if (s === '(' || s === '[' || s === '{') {
          if (d === 0) break;
          d--;
        } else if (d === 0 && toks[j]!.kind === 'str' && src(toks[j - 1]) !== ',') firstString = toks[j];
      }
      if (j < 0 || i - j >= 64) return [];
      const open = src(toks[j]);
      // A call names its arguments; a bare tuple `('a', 'b')` is a bracket like any other.
      if (open === '(' && toks[j - 1]?.kind === 'word') {
        const names = [nameAt(toks[j - 1])];
        // `jwt.encode(payload, "…")`, `hmac.new(b"…", msg)`: a direct argument of a signing call is its key.
        if (depth === 0 && SIGNING_CALL.test(names[0]!)) names.push('secret');
        if (firstString && firstString !== toks[i]) names.push(src(firstString));
        return names.filter(Boolean);
      }
      return depth < 3 ? bindings(j, depth + 1) : [];
    }
    if (dialect === 'shell' && prev.kind === 'word' && src(prev).startsWith('-')) return [nameAt(prev)];
    if (dialect === 'shell' && prev.kind === 'word' && /^(?:export|local|declare|readonly)$/.test(p)) return [];
    return [];
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== 'str' || t.end - t.start < 8) continue;
    // A mapping key (`{'commentsandwhitespace': [...]}`) is a name, never a value.
    if (dialect !== 'shell' && src(toks[i + 1]) === ':' && /^[{,]$/.test(src(toks[i - 1]))) continue;
    const names = bindings(i, 0);
    if (names.length) pushCandidate(out, text, t.start, t.end - t.start, names);
  }
  return { candidates: out, notes: [] };
}
