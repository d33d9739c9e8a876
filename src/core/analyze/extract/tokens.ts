import { type Candidate, clientCredentialIsLast, clientCredentialName, type Extraction, joinsLiterals, keyArgumentOf, keyArgumentsOf, PAIR_LABEL, PAIR_VALUE, parameterNames, pushCandidate, pushJoined, SETTING_NAME, VALUE_WORD, VALUE_WRAPPER, withParent } from '../candidate';
import { andThen, checkAbort, MORE, runSteps, type Steps } from '../abort';
import * as chars from './chars';
import { credentialOptionValue, isOracleTool, oracleLogins } from './commandLine';
import { embeddedSettings, printedMembers } from './embedded';
import { prefixStart, pythonCommentEnd, pythonQuoteLength, pythonStringContentEnd, pythonStringEnd, pythonStringPrefix } from '../../pythonStrings';

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

const STR = 0;
const WORD = 1;
const PUNCT = 2;
/** Where a stretch of a windowed pass starts: the tokens before it are not those of the text before it. */
const BREAK = 3;

/**
 * The tokens of a text as parallel arrays: kind (STR, WORD, PUNCT) and span (inside the quotes for strings). A token
 * object each made the token pass over a large file mostly allocation and garbage collection.
 */
class Tokens {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  /** Room for `capacity` tokens first (a whole text's pass: about one per six characters of prose), doubled as needed. */
  constructor(capacity = 1024) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(kind: number, start: number, end: number): void {
    if (this.length === this.kinds.length) this.grow();
    this.kinds[this.length] = kind;
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }

  grow(): void {
    const grow = <T extends Uint8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.kinds = grow(this.kinds);
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
  }

  /** The kind of token i, or -1 past either end. */
  kind(i: number): number {
    return i >= 0 && i < this.length ? this.kinds[i]! : -1;
  }
}

/** PowerShell's cmdlet that makes a SecureString of a plain one (`-AsPlainText`). */
const CONVERT_TO_SECURE_STRING = /^ConvertTo-SecureString$/i;
/** Its switch that takes a plain string (the rest of the line after the string). */
const AS_PLAIN_TEXT = /\s-AsPlainText\b/i;

const PUNCT2 = new Set([':=', '==', '!=', '=>', '+=', '??', '||', '<<', '->', '::']);

/**
 * Character tables, by char code below 128: the loop reads char codes, not one-character strings tested by regular
 * expressions (that was most of the token pass's time on a workspace scan). Above 127 nothing is a word character.
 */
const WORD_CHAR = charTable(String.raw`A-Za-z0-9_$@.`);
const SHELL_WORD_CHAR = charTable(String.raw`A-Za-z0-9_$@.{}\/-`);
const SHELL_OPERATOR = charTable(String.raw`;&|()<>`);
const SHELL_VALUE_END = charTable(String.raw`\s;&|()<>"'\``);
/** Two-character punctuators by `first * 128 + second` (a table lookup per punctuation character, not a set's). */
const PUNCT2_CODES = new Uint8Array(128 * 128);
for (const p of PUNCT2) PUNCT2_CODES[p.charCodeAt(0) * 128 + p.charCodeAt(1)] = 1;
const inTable = (t: Uint8Array, c: number) => c < 128 && t[c] === 1;
const isWordChar = (c: number) => inTable(WORD_CHAR, c);

/**
 * How far before a string that matters the windowed pass starts tokenizing: the look-back of `bindings` is at most four
 * brackets of 64 tokens, a few KB of code; a look-back that reaches further is noticed, and the text is read whole.
 */
const NEAR_WINDOW = 8 * 1024;
/** Code without a string or a comment in it, for the windowed pass to jump over (what starts one: quotes, `#`, `/`, backtick). */
const PYTHON_CODE = /[^"'#]*/y;
const TEXT_CODE = /[^"'`\/]*/y;

/** Characters the token pass reads in one piece of its steps: a few milliseconds of work. */
const CHUNK_CHARS = 64 * 1024;

/** Where a resumable token pass stands between two chunks (the loop's own variables, saved). */
interface TokenizeState {
  toks: Tokens;
  i: number;
  valueNext: boolean;
  checked: number;
  keep: boolean;
  nextNear: number;
}

/**
 * The tokens of `text`, as steps: a piece per CHUNK_CHARS characters, so a cooperative caller can pause or stop it
 * inside a large file (a 1.9 MB file is ~30 pieces); driven straight through, it is the same loop.
 */
function tokenizeSteps(text: string, dialect: TokenDialect, signal?: AbortSignal, near?: readonly number[]): Steps<Tokens> {
  const state: TokenizeState = { toks: new Tokens(near === undefined ? Math.min(1 << 16, Math.max(1024, Math.ceil(text.length / 6))) : 1024), i: 0, valueNext: false, checked: -1, keep: near === undefined, nextNear: 0 };
  return () => (tokenizeChunk(text, dialect, state, state.i + CHUNK_CHARS, signal, near) ? state.toks : MORE);
}

/**
 * Tokenizes from `state.i` until a token starts at or past `limit`; true when the text is done. With `near` (ascending
 * offsets of the strings that matter, by opening quote, as the parse prefilter found them), only the stretches up to
 * NEAR_WINDOW characters before each of them, and the token after each string, are kept; in between, the same loop
 * reads past strings, comments and words without keeping them, so each stretch starts where the whole-text pass would
 * be, with the same tokens. A BREAK token opens each stretch.
 */
function tokenizeChunk(text: string, dialect: TokenDialect, state: TokenizeState, limit: number, signal?: AbortSignal, near?: readonly number[]): boolean {
  const toks = state.toks;
  const n = text.length;
  const stop = Math.min(n, limit);
  const word = dialect === 'shell' ? SHELL_WORD_CHAR : WORD_CHAR;
  // Locals, saved back at the end: the loop reads them on every character.
  let i = state.i;
  // Shell: a bare word right after `=` or a flag is a value, not a name.
  let valueNext = state.valueNext;
  // Cancellation is checked every 4096 tokens (not on every character while the count sits at a multiple of it).
  let checked = state.checked;
  // Windowed: whether tokens are kept here, and the next string that matters.
  let keep = state.keep;
  let nextNear = state.nextNear;
  while (i < stop) {
    if ((toks.length & 4095) === 0 && toks.length !== checked) {
      checked = toks.length;
      checkAbort(signal);
    }
    if (near !== undefined) {
      while (nextNear < near.length && near[nextNear]! < i) nextNear++;
      // After a kept string, its next token is kept too (a mapping key is told by the `:` after it).
      const afterString = keep && toks.length > 0 && toks.kinds[toks.length - 1] === STR;
      const wanted = afterString || (nextNear < near.length && near[nextNear]! - i <= NEAR_WINDOW);
      if (!wanted && nextNear === near.length) {
        i = n;
        break;
      }
      if (wanted && !keep && i > 0) toks.push(BREAK, i, i);
      keep = wanted;
      if (!keep) {
        // Far from the next string that matters: jump over code up to the next quote or comment (a token boundary: no
        // word or punctuator holds one), or to the last line break before the window, whichever comes first.
        const skip = dialect === 'python' ? PYTHON_CODE : TEXT_CODE;
        skip.lastIndex = i;
        skip.test(text);
        let to = skip.lastIndex;
        // A string's prefix letters (`f"…"`) belong to it: the whole-text pass reads them with it.
        if (dialect === 'python' && to < n && text.charCodeAt(to) !== HASH) to = prefixStart(text, i, to, isWordChar);
        const windowStart = near[nextNear]! - NEAR_WINDOW;
        if (to > windowStart) to = Math.max(i, text.lastIndexOf('\n', windowStart));
        if (to > i) {
          i = to;
          continue;
        }
      }
    }
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
    if (c === HASH && dialect === 'python') {
      i = pythonCommentEnd(text, i);
      continue;
    }
    if (c === HASH && dialect === 'shell' && (i === 0 || /\s/.test(text[i - 1]!))) {
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
    // Python strings: one reader for every Python front end (core/pythonStrings.ts).
    if (dialect === 'python') {
      const prefix = pythonStringPrefix(text, i);
      if (prefix >= 0) {
        const j = pythonStringContentEnd(text, i, prefix);
        const q = i + prefix;
        if (keep) toks.push(STR, q + pythonQuoteLength(text, q), j);
        i = pythonStringEnd(text, q, j);
        valueNext = false;
        continue;
      }
    }
    // Strings (shell $'…'; other languages)
    let q = i;
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
        if (keep) toks.push(PUNCT, i, i + 1);
        i++;
        continue;
      }
      if (keep) toks.push(STR, open, Math.min(j, n));
      i = closed ? j + (triple ? 3 : 1) : j;
      valueNext = false;
      continue;
    }
    if (dialect === 'shell' && valueNext && !inTable(SHELL_OPERATOR, c)) {
      let j = i;
      while (j < n && !isShellValueEnd(text.charCodeAt(j))) j++;
      if (keep) toks.push(STR, i, j);
      i = j;
      valueNext = false;
      continue;
    }
    // The table read in place, not through inTable: a call per character was a sixth of the pass over Markdown (the CLI
    // runs V8 without inlining, src/cli/codeCache.ts).
    if (c < 128 && word[c] === 1) {
      let j = i + 1;
      for (let d = text.charCodeAt(j); j < n && d < 128 && word[d] === 1; d = text.charCodeAt(++j));
      const start = i;
      if (keep) {
        // push() written out: words are most tokens of prose, and the CLI's V8 does not inline the call.
        const t = toks.length;
        if (t === toks.kinds.length) toks.grow();
        toks.kinds[t] = WORD;
        toks.starts[t] = i;
        toks.ends[t] = j;
        toks.length = t + 1;
      }
      i = j;
      if (dialect === 'shell') {
        // `--token abc`: the word after a secret-sounding flag is its value.
        const w = text.slice(start, j);
        valueNext = w.startsWith('-') && text.charCodeAt(j) === SPACE && /key|token|secret|passw|auth/i.test(w);
      }
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (c < 128 && next < 128 && PUNCT2_CODES[c * 128 + next] === 1) {
      if (keep) toks.push(PUNCT, i, i + 2);
      i += 2;
      continue;
    }
    if (keep) toks.push(PUNCT, i, i + 1);
    if (dialect === 'shell' && c === EQUALS) valueNext = true;
    i++;
  }
  state.i = i;
  state.valueNext = valueNext;
  state.checked = checked;
  state.keep = keep;
  state.nextNear = nextNear;
  return i >= n;
}

/** `[\s;&|()<>"'\`]`: the end of an unquoted shell value (any Unicode space, as `\s` reads it). */
function isShellValueEnd(c: number): boolean {
  return c < 128 ? SHELL_VALUE_END[c] === 1 : /\s/.test(String.fromCharCode(c));
}

const ECHO = /^(?:echo|printf)$/;
/** Commands that store their stdin as a secret under the name that follows them: `vercel env add NAME`, `gh secret set NAME`. */
const STDIN_STORE = /^(?:vercel env add|gh secret set)$/;

const SIGNING_CALL = /(?:^|\.)(?:(?:jwt|jws)\.(?:encode|decode|sign|verify)|hmac\.new)$/;

/** Well-known APIs whose argument at an index is a credential though nothing names it (candidate.ts, one entry each). */
const KEY_ARGUMENT = keyArgumentsOf('tokens');

/** Tokens that can open an assignment operator ending in `=` (`::=`, `?=`, `.=`), read back to the name before them. */
const OPERATOR_HEAD = /^(?::{1,2}|\?|\.|\+|!)$/;

/**
 * Calls that declare a field with a default (dataclasses' `field`, pydantic's `Field`, attrs' `attr.ib`/`attrib`/
 * `field`, msgspec's `field`): the default is the value of the attribute the call is bound to.
 */
const FIELD_CALL = /^(?:(?:dataclasses|pydantic|attr|attrs|msgspec)\.)?(?:field|Field|ib|attrib)$/;

const BIND = new Set(['=', ':', ':=', '=>', '==', '!=', '+=', '??', '||']);
/** A literal that is an auth scheme alone, the key concatenated after it: `"Bearer "`, `'Token '`. */
const AUTH_SCHEME_LITERAL = /^(?:Bearer|Token|Basic|Bot|ApiKey|Key)[ \t]+$/i;

/**
 * Candidates: strings of 8 characters or more with the names bound to them. With `near` (the parse prefilter's strings,
 * ascending by opening quote; no other string can become a finding), only those strings are read, by a windowed pass
 * (see tokenize); should a string's look-back reach the start of its stretch, the text is read whole instead.
 * `windowed: false` reads the whole text for the same strings (what the windowed pass must equal; tests).
 */
export function extractTokens(text: string, dialect: TokenDialect, signal?: AbortSignal, near?: readonly number[], windowed = true): Extraction {
  return runSteps(extractTokensSteps(text, dialect, signal, near, windowed), signal);
}

/** extractTokens as steps (a piece per few milliseconds of work), for a cooperative analysis; the same result. */
export function extractTokensSteps(text: string, dialect: TokenDialect, signal?: AbortSignal, near?: readonly number[], windowed = true): Steps<Extraction> {
  const nearSet = near && dialect !== 'shell' ? new Set(near) : undefined;
  const whole = () => andThen(tokenizeSteps(text, dialect, signal), (toks) => extractFromTokens(text, dialect, toks, nearSet) as Steps<Extraction>);
  if (!nearSet || !windowed) return whole();
  // Should a string's look-back reach the start of its window (undefined), the text is read whole.
  return andThen(
    andThen(tokenizeSteps(text, dialect, signal, near), (toks) => extractFromTokens(text, dialect, toks, nearSet)),
    (result) => (result ? () => result : whole()),
  );
}

/**
 * The content of a literal that holds a quoted literal, as Gradle's `buildConfigField` takes a Java expression:
 * `"\"…\""` and `'"…"'` are the value inside the inner quotes; any other string is itself.
 */
function quotedInside(text: string, start: number, end: number): [number, number] {
  if (end - start < 4) return [start, end];
  if (text.charCodeAt(start) === BACKSLASH && text.charCodeAt(start + 1) === DOUBLE && text.charCodeAt(end - 2) === BACKSLASH && text.charCodeAt(end - 1) === DOUBLE) return [start + 2, end - 2];
  if (text.charCodeAt(start - 1) === SINGLE && text.charCodeAt(start) === DOUBLE && text.charCodeAt(end - 1) === DOUBLE) return [start + 1, end - 1];
  return [start, end];
}

/**
 * A constant's or an environment variable's name (`AZURE_DB_AUTHORITY`): after a setting's name in a list of strings it
 * is the next name of the list (`(\`AZURE_DB_CLIENT_CREDENTIAL\`, \`AZURE_DB_AUTHORITY\`)` in a README), not its value.
 */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]{0,15}(?:_[A-Z][A-Z0-9]{0,15})+$/;

/** Tokens the binding pass reads in one piece of its steps. */
const CHUNK_TOKENS = 16 * 1024;

/** Undefined when a string's look-back reached a BREAK: the tokens before it there are not the text's. */
function extractFromTokens(text: string, dialect: TokenDialect, toks: Tokens, near?: ReadonlySet<number>): Steps<Extraction | undefined> {
  const { starts, ends, kinds } = toks;
  const out: Candidate[] = [];
  // The last BREAK before the string being read; reading at or before it means the stretch was too short.
  let floor = -1;
  let crossed = false;
  const kind = (t: number): number => {
    if (t <= floor && t >= 0) crossed = true;
    return toks.kind(t);
  };
  const src = (t: number): string => (kind(t) >= 0 ? text.slice(starts[t], ends[t]) : '');
  const nameAt = (t: number): string => (kind(t) === WORD || kind(t) === STR ? src(t).replace(/^[-$@:]+/, '') : '');

  /** Names bound to the token at index i (a string or an opening bracket). */
  const bindings = (i: number, depth: number): string[] => {
    // PowerShell's `'…' | ConvertTo-SecureString -AsPlainText`: a string that opens the pipeline (after `=`, `(` or at
    // its line's start; not `Get-Content '…' |`) is a password, whatever `$x =` holds the result.
    if (dialect !== 'python' && kind(i + 1) === PUNCT && text.charCodeAt(starts[i + 1]!) === 124 && pipedToSecureString(i + 2) && opensPipeline(i)) return ['password'];
    const prev = i - 1;
    if (prev < 0) return [];
    const p = src(prev);
    // `"Authorization": "Bearer " + "…"`: a literal after `+` is named as the literal before it is, and an auth scheme
    // there says it is a credential (a key split over literals without a scheme is read joined: pushJoined).
    if (p === '+' && kind(prev) === PUNCT && kind(i - 2) === STR && depth < 3) {
      const names = bindings(i - 2, depth + 1);
      return names.length && AUTH_SCHEME_LITERAL.test(src(i - 2)) ? [...names, 'authorization'] : names;
    }
    if (kind(prev) === PUNCT && BIND.has(p)) {
      // Make's `NAME ::= …`, `:::=`, `?=` and PHP's `$name .= …`: an operator's first characters are tokens of their own.
      let before = i - 2;
      while (before > prev - 3 && kind(before) >= 0 && ends[before] === starts[before + 1] && OPERATOR_HEAD.test(src(before))) before--;
      const key = nameAt(before);
      const around = enclosing(before);
      // `{"name": "API_TOKEN", "value": "…"}`, HCL's `set { name = "…" value = "…" }`: the label names the value field.
      const names = around.labels.length && PAIR_VALUE.test(key) ? [key, ...around.labels] : around.parameters ? parameterNames(key, around.owner) : withParent(key, around.owner ?? (VALUE_WORD.test(key) ? around.setting : undefined));
      // `name: str = "…"` (Python annotation), `var name string = "…"` (Go): the name sits one or two further back.
      if (p === '=' && kind(i - 2) === WORD) {
        if (src(i - 3) === ':') names.push(nameAt(i - 4));
        else if (kind(i - 3) === WORD && !text.slice(ends[i - 3], starts[i - 2]).includes('\n')) names.push(nameAt(i - 3));
      }
      if (i >= 2 && (src(i - 2) === ']' || src(i - 2) === ')')) {
        // obj["key"] = "…"
        names.push(nameAt(i - 3));
      }
      return names.filter(Boolean);
    }
    if (kind(prev) === PUNCT && (p === '(' || p === ',' || p === '[' || p === '{')) {
      // `buildConfigField("String", "MAPS_API_KEY", "\"…\"")` (Gradle, with or without parentheses), `resValue("string",
      // "maps_key", "…")`, `setenv("API_TOKEN", "…")`: a setting's name as the argument right before a value names it.
      const named = p === ',' && kind(i - 2) === STR && (src(i - 3) === ',' || src(i - 3) === '(') && SETTING_NAME.test(src(i - 2)) && !CONSTANT_NAME.test(src(i)) && callOfStrings(i - 2) ? src(i - 2) : undefined;
      const found = argumentBindings(i, depth);
      return named && !found.includes(named) ? [...found, named] : found;
    }
    return otherBindings(i, prev, p);
  };

  /**
   * Whether string t is an argument of a call whose arguments before it are strings too: `f("a", t` or Groovy's command
   * `f "a", t` at its line's start; not an item of a list or a tuple (`["proxy_auth", "proxy_authentication"]`).
   */
  const callOfStrings = (t: number): boolean => {
    let j = t;
    for (let k = 0; k < 8 && src(j - 1) === ',' && kind(j - 2) === STR; k++) j -= 2;
    if (src(j - 1) === '(') return kind(j - 2) === WORD;
    return kind(j - 1) === WORD && (j - 1 === 0 || text.slice(ends[j - 2] ?? 0, starts[j - 1]).includes('\n'));
  };

  /** bindings() of a string in a bracket: an argument, an item, a pair's second member. */
  const argumentBindings = (i: number, depth: number): string[] => {
    // Walk back to the opening bracket of this argument list.
    let d = 0;
    let j = i - 1;
    let firstString = -1;
    let commas = 0;
    let stringsBefore = 0;
    for (; j >= 0 && i - j < 64; j--) {
      const s = src(j);
      if (d === 0 && kind(j) === STR) stringsBefore++;
      if (s === ')' || s === ']' || s === '}') d++;
      else if (s === '(' || s === '[' || s === '{') {
        if (d === 0) break;
        d--;
      } else if (d === 0 && s === ',') commas++;
      else if (d === 0 && kind(j) === STR && src(j - 1) !== ',') firstString = j;
    }
    if (j < 0 || i - j >= 64) return [];
    const open = src(j);
    // A call names its arguments; a bare tuple `('a', 'b')` is a bracket like any other.
    if (open === '(' && kind(j - 1) === WORD) {
      const names = [nameAt(j - 1)];
      // `jwt.encode(payload, "…")`, `hmac.new(b"…", msg)`: a direct argument of a signing call is its key.
      if (depth === 0 && SIGNING_CALL.test(names[0]!)) names.push('secret');
      const key = depth === 0 ? keyArgumentOf(KEY_ARGUMENT, names[0]!) : undefined;
      if (key?.at === commas) names.push(key.name);
      // `Client(api_key, "…")`, `b2.authorize_account(realm, key_id, "…")`: a call that makes a client or logs one in is
      // made with its credential, its last string (candidate.ts CLIENT_MAKER).
      else if (depth === 0 && clientCredentialIsLast(names[0]!, stringsBefore + 1, false) && lastStringArgument(i)) names.push(clientCredentialName(names[0]!));
      if (firstString >= 0 && firstString !== i) names.push(src(firstString));
      // `key = bytes.fromhex("…")`: a re-encoding call's first argument is the value of what the call is bound to.
      if (j + 1 === i && VALUE_WRAPPER.test(names[0]!) && depth < 3) names.push(...bindings(j - 1, depth + 1));
      // `client_secret: str = Field("…")`: a field's first argument is its default, the attribute's value.
      else if (j + 1 === i && FIELD_CALL.test(names[0]!)) names.push(assignedTo(j - 1) ?? '');
      return names.filter(Boolean);
    }
    // A pair (`("aws-secret-access-key", "…")`, `["apiKey", "…"]` in a list of entries): its first string names the second.
    const outer = depth < 3 ? bindings(j, depth + 1) : [];
    if (i === j + 3 && kind(j + 1) === STR && src(j + 2) === ',' && /^[)\]]$/.test(src(i + 1))) return [src(j + 1), ...outer];
    return outer;
  };

  /** Whether string i is the last string argument of its call: none follows before the call's `)` (64 tokens at most). */
  const lastStringArgument = (i: number): boolean => {
    let d = 0;
    for (let j = i + 1; j < i + 64 && kind(j) >= 0; j++) {
      const s = src(j);
      if (s === '(' || s === '[' || s === '{') d++;
      else if (s === ')' || s === ']' || s === '}') {
        if (d === 0) return s === ')';
        d--;
      } else if (d === 0 && kind(j) === STR) return false;
    }
    return false;
  };

  /** bindings() of a string after a word or nothing bindable: fallbacks, returns, shell stdin and options. */
  const otherBindings = (i: number, prev: number, p: string): string[] => {
    // `os.getenv("API_KEY") or "…"`: the fallback value of an env read is the key it names (`||` and `??` take the
    // bind path above).
    if (dialect === 'python' && kind(prev) === WORD && p === 'or' && (src(i - 2) === ')' || src(i - 2) === ']')) return [nameAt(i - 3)].filter(Boolean);
    // `def api_key(self) -> str:\n    return "…"` (a property, a settings method): a body that opens by returning a
    // value names it after the function.
    if (dialect === 'python' && kind(prev) === WORD && p === 'return' && src(i - 2) === ':') return [returnedBy(i - 3)].filter(Boolean);
    // `echo '…' | docker login -u bot --password-stdin`: what is echoed into a login's stdin is its password; into
    // `vercel env add NAME` or `gh secret set NAME`, a secret named NAME (`echo -n '…'` too: the flag is echo's).
    const stdin = dialect === 'shell' && commandBefore(i, ECHO) ? stdinNameAfter(i) : [];
    if (stdin.length) return stdin;
    // `vercel env add NAME production <<< '…'`, `docker login -u bot --password-stdin <<< '…'`: a here-string is the
    // command's stdin as an echo piped into it is.
    if (dialect === 'shell' && text.slice(Math.max(0, starts[i]! - 8), starts[i]! - 1).trimEnd().endsWith('<<<')) {
      const fed = stdinNameBefore(i);
      if (fed.length) return fed;
    }
    // PowerShell's `ConvertTo-SecureString '…' -AsPlainText` (or `-String '…'`): the string is a password written out.
    // (The shell pass reads `$s = ConvertTo-SecureString` as an assignment: the cmdlet's name is a bare value there.)
    // Without `-AsPlainText` the string is an encrypted standard string (DPAPI or `-Key`), no password in clear.
    if (dialect !== 'python' && kind(prev) !== PUNCT && (text.charCodeAt(ends[prev]! - 1) | 32) === 103 && convertsPlainText(prev)) return asPlainTextAfter(ends[i]!) ? ['password'] : [];
    if (dialect === 'shell' && kind(prev) === WORD && p.startsWith('-')) return [nameAt(prev)];
    // A PowerShell parameter (`-Password '…'`, `-NuGetApiKey "…"`), which the text pass reads as `-` and a word: the
    // word names the value when the dash opens a word of its own (not `--api-key`, not `a-b`).
    if (dialect === 'text' && kind(prev) === WORD && text.charCodeAt(starts[prev]! - 1) === 45 && kind(prev - 1) === PUNCT && opensWord(starts[prev]! - 1)) return [nameAt(prev)];

    if (dialect === 'shell' && kind(prev) === WORD && /^(?:export|local|declare|readonly)$/.test(p)) return [];
    return [];
  };

  /**
   * Whether the word at token t ends PowerShell's `ConvertTo-SecureString` or its `-String` parameter: one shell word,
   * or (text) `ConvertTo`, `-`, `SecureString` and `-`, `String` as tokens glued together.
   */
  const convertsPlainText = (t: number): boolean => {
    const word = src(t);
    if (dialect === 'shell') return CONVERT_TO_SECURE_STRING.test(word) || (/^-string$/i.test(word) && CONVERT_TO_SECURE_STRING.test(src(t - 1)));
    // `-` glued to the words either side of it (token a).
    const glued = (a: number) => src(a) === '-' && ends[a - 1] === starts[a] && ends[a] === starts[a + 1];
    if (/^string$/i.test(word) && text.charCodeAt(starts[t]! - 1) === 45) t -= 2;
    return /^securestring$/i.test(src(t)) && glued(t - 1) && /^convertto$/i.test(src(t - 2));
  };

  /** Whether token t opens a statement or an expression: after `=` or `(`, or first on its line. */
  const opensPipeline = (t: number): boolean => {
    const before = src(t - 1);
    return before === '=' || before === '(' || t === 0 || text.slice(ends[t - 1]!, starts[t]!).includes('\n');
  };

  /** Whether `-AsPlainText` follows `at` on its line (within 256 characters). */
  const asPlainTextAfter = (at: number): boolean => AS_PLAIN_TEXT.test(text.slice(at, Math.min(text.length, at + 256)).split('\n', 1)[0]!);

  /** Whether tokens from t are `ConvertTo-SecureString … -AsPlainText` (one shell word, or three tokens of text). */
  const pipedToSecureString = (t: number): boolean => {
    if (dialect === 'shell') return kind(t) === WORD && CONVERT_TO_SECURE_STRING.test(src(t)) && asPlainTextAfter(ends[t]!);
    return kind(t + 2) === WORD && convertsPlainText(t + 2) && /^convertto$/i.test(src(t)) && asPlainTextAfter(ends[t + 2]!);
  };

  /** Whether the character at `at` starts a word: the text's start, or a space or an opening bracket before it. */
  const opensWord = (at: number): boolean => at === 0 || /[\s(]/.test(text[at - 1]!);

  /** The attribute assigned the expression at token t: `NAME = t`, `NAME: T = t` (on one line), or undefined. */
  const assignedTo = (t: number): string | undefined => {
    if (src(t - 1) !== '=') return undefined;
    const annotated = kind(t - 2) === WORD && src(t - 3) === ':' && !text.slice(ends[t - 4] ?? 0, starts[t - 1]).includes('\n');
    return nameAt(annotated ? t - 4 : t - 2) || undefined;
  };

  /** Whether string i opens a body (`class Foo:` then a line break, then the string): a docstring. */
  const opensBody = (i: number): boolean => src(i - 1) === ':' && /^[^\S\n]*\n\s*$/.test(text.slice(ends[i - 1]!, starts[i]! - 3));

  /**
   * What encloses the name at token t: the owner of the bracket (the mapping's name for `hmac_config = {`, `"master": {`;
   * the function's for `def connect(`; the attribute a field's default is for, `api_token: str = field(`), and the
   * labels of a pair object read before t (`{"name": "API_TOKEN", …`).
   */
  const enclosing = (t: number): { owner: string | undefined; labels: string[]; parameters?: boolean; setting?: string } => {
    const labels: string[] = [];
    for (let j = t - 1, d = 0; j >= 0 && t - j < 64; j--) {
      const s = src(j);
      if (s === '}' || s === ')' || s === ']') d++;
      else if (s === '{' || s === '(' || s === '[') {
        if (d-- > 0) continue;
        // HCL's `variable "stripe_secret_key" {`: a block's last label names it, so its `default = "…"` is that key.
        if (s === '{') return { owner: src(j - 1) === '=' || src(j - 1) === ':' ? nameAt(j - 2) || undefined : kind(j - 1) === STR && kind(j - 2) === WORD ? src(j - 1) || undefined : undefined, labels };
        if (s === '(' && kind(j - 1) === WORD) {
          if (src(j - 2) === 'def') return { owner: nameAt(j - 1), labels, parameters: true };
          // `os.getenv("API_TOKEN", default="…")`, decouple's `config("API_TOKEN", default="…")`, django-environ's
          // `env.str("API_TOKEN", default="…")`: a call's first string names the setting its keyword default is for.
          const setting = kind(j + 1) === STR && src(j + 2) === ',' ? src(j + 1) : undefined;
          return { owner: FIELD_CALL.test(src(j - 1)) ? assignedTo(j - 1) : undefined, labels, setting };
        }
        return { owner: undefined, labels };
      } else if (d === 0 && kind(j) === STR && (src(j - 1) === ':' || src(j - 1) === '=') && PAIR_LABEL.test(nameAt(j - 2))) labels.push(src(j));
    }
    return { owner: undefined, labels };
  };

  /** The content ranges of string i and the strings joined to it (adjacent, or with `+` between; at most 16). */
  const joinedRun = (i: number): Array<[number, number]> => {
    const run: Array<[number, number]> = [[starts[i]!, ends[i]!]];
    for (let last = i, t = i + 1; run.length < 16; last = t, t++) {
      if (kind(t) === PUNCT && (src(t) === '+' || src(t) === '\\')) t++;
      if (kind(t) !== STR || starts[t]! - ends[last]! > 140) break;
      // Between the two contents: the closing quotes, what joins them, a prefix (`f`, `b`) and the opening quotes.
      if (!joinsLiterals(text.slice(ends[last]!, starts[t]!).replace(/^["'`]{1,3}|[A-Za-z]{0,2}["'`]{1,3}$/g, ''))) break;
      run.push([starts[t]!, ends[t]!]);
    }
    return run;
  };

  /** The name of `def NAME(…) [-> T]` whose `)` or return annotation ends at token t, or ''. */
  const returnedBy = (t: number): string => {
    let j = t;
    while (j > t - 6 && j >= 0 && src(j) !== ')') j--;
    // The `)` closes the parameters only if the colon follows it or a return annotation (`-> str`) does.
    if (src(j) !== ')' || (j !== t && !src(j + 1).startsWith('-'))) return '';
    for (let d = 0; j >= 0 && t - j < 64; j--) {
      const s = src(j);
      if (s === ')') d++;
      else if (s === '(' && --d === 0) break;
    }
    return j >= 2 && src(j - 2) === 'def' ? nameAt(j - 1) : '';
  };

  /** Whether a command matching `command` (its name, without a directory) comes before token t on its line. */
  const commandBefore = (t: number, command: RegExp): boolean => {
    const lineStart = text.lastIndexOf('\n', starts[t]!) + 1;
    for (let j = t - 1; j >= 0 && j > t - 32 && starts[j]! >= lineStart; j--) {
      if (kind(j) !== WORD) continue;
      const word = src(j);
      if (command.test(word.slice(word.lastIndexOf('/') + 1))) return true;
    }
    return false;
  };

  /**
   * What a command after token t on its line reads from its stdin: `password` for a `--password-stdin` flag (docker,
   * podman, helm registry login); the name a secret store files it under (`| vercel env add NAME`, `| gh secret set
   * NAME`, STDIN_STORE); else nothing.
   */
  const stdinNameAfter = (t: number): string[] => {
    const lineEnd = text.indexOf('\n', ends[t]!);
    let piped = false;
    for (let j = t + 1; j < toks.length && j < t + 32 && (lineEnd < 0 || starts[j]! < lineEnd); j++) {
      const word = src(j);
      if (kind(j) === WORD && word.endsWith('password-stdin')) return ['password'];
      if (word === '|') piped = true;
      else if (piped && kind(j) === WORD && STDIN_STORE.test(text.slice(starts[j]!, ends[j + 2] ?? starts[j]!).replace(/\s+/g, ' ')) && kind(j + 3) === WORD) return [src(j + 3)];
    }
    return [];
  };

  /** What the command before here-string t on its line reads from its stdin (as stdinNameAfter, looking back). */
  const stdinNameBefore = (t: number): string[] => {
    const lineStart = text.lastIndexOf('\n', starts[t]!) + 1;
    let from = t - 1;
    while (from > 0 && from > t - 32 && starts[from - 1]! >= lineStart) from--;
    for (let j = from; j < t; j++) {
      if (kind(j) !== WORD) continue;
      if (src(j).endsWith('password-stdin')) return ['password'];
      if (STDIN_STORE.test(text.slice(starts[j]!, ends[j + 2] ?? starts[j]!).replace(/\s+/g, ' ')) && kind(j + 3) === WORD && j + 3 < t) return [src(j + 3)];
    }
    return [];
  };

  let read = 0;
  let i = 0;
  return () => {
    for (const pieceEnd = Math.min(toks.length, i + CHUNK_TOKENS); i < pieceEnd; i++) {
      if (kinds[i] === BREAK) floor = i;
      // `mysql -p'…'`, `redis-cli -a …`, `curl -u user:…`: an option whose value is a credential (commandLine.ts).
      if (dialect === 'shell' && kinds[i] === WORD && (text.charCodeAt(starts[i]!) === 45 || text.charCodeAt(starts[i]!) === 97)) {
        const option = credentialOptionValue(text, starts[i]!, ends[i]!, (command) => commandBefore(i, command));
        if (option) pushCandidate(out, text, option.start, option.end - option.start, [option.name]);
      }
      // `sqlplus scott/…@orcl`, `rman target sys/…@db`: an Oracle tool's login holds its password (commandLine.ts).
      if (dialect === 'shell' && kinds[i] === WORD && isOracleTool(text, starts[i]!, ends[i]!)) {
        for (const login of oracleLogins(text, ends[i]!)) pushCandidate(out, text, login.start, login.end - login.start, [login.name]);
      }
      if (kinds[i] !== STR || ends[i]! - starts[i]! < 8) continue;
      // Windowed, only the strings that matter (by opening quote, or the first of three).
      if (near && !near.has(starts[i]! - 1) && !near.has(starts[i]! - 3)) continue;
      // A mapping key (`{'commentsandwhitespace': [...]}`) is a name, never a value.
      if (dialect !== 'shell' && src(i + 1) === ':' && /^[{,]$/.test(src(i - 1))) continue;
      const names = bindings(i, 0);
      if (crossed) return undefined;
      // A settings file in a triple-quoted string bound to a name or passed to a call: its lines, as the text they are.
      // A docstring (unbound, or opening a body after `:`) is documentation: its examples are not settings.
      if (dialect === 'python' && names.length && !opensBody(i)) {
        // JSON printed in a one-line string (`json.loads('{"api_key": "…"}')`): its members, by their names.
        out.push(...(text.startsWith('"""', starts[i]! - 3) || text.startsWith("'''", starts[i]! - 3) ? embeddedSettings(text, starts[i]!, ends[i]!) : printedMembers(text, starts[i]!, ends[i]!)));
      }
      // `"ab" "cd"`, `'ab' + 'cd'`: a key split over adjacent literals is read joined too (before its pieces).
      if (names.length && dialect !== 'shell') pushJoined(out, text, joinedRun(i), names);
      if (names.length) {
        const [from, to] = quotedInside(text, starts[i]!, ends[i]!);
        pushCandidate(out, text, from, to - from, names);
      }
      // A string's look-back reads up to four brackets of 64 tokens: a piece ends after 256 strings too (~10 ms at worst).
      if ((++read & 255) === 0) {
        i++;
        return MORE;
      }
    }
    if (i < toks.length) return MORE;
    return crossed ? undefined : { candidates: out, notes: [] };
  };
}
