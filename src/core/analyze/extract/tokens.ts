import { type Candidate, type Extraction, pushCandidate } from '../candidate';
import { checkAbort } from '../abort';

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

export function tokenize(text: string, dialect: TokenDialect, signal?: AbortSignal): Tok[] {
  const toks: Tok[] = [];
  const n = text.length;
  let i = 0;
  // Shell: a bare word right after `=` or a flag is a value, not a name.
  let valueNext = false;
  while (i < n) {
    if ((toks.length & 4095) === 0) checkAbort(signal);
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      valueNext = false;
      i++;
      continue;
    }
    // Comments
    if (c === '#' && (dialect === 'python' || (dialect === 'shell' && (i === 0 || /\s/.test(text[i - 1]!))))) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '/' && dialect === 'text' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      if (text[i + 1] === '/') {
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e;
      } else {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
      }
      continue;
    }
    // Markdown code fences are not backtick strings: a key in a fenced block is on the lines after them.
    if (c === '`' && dialect === 'text' && text.startsWith('```', i)) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    // Strings (Python prefixes r, b, f, u and combinations; shell $'…')
    let q = i;
    if (dialect === 'python') while (q < n && q - i < 2 && /[rRbBfFuU]/.test(text[q]!)) q++;
    if (dialect === 'shell' && c === '$' && text[i + 1] === "'") q = i + 1;
    const quote = text[q];
    if ((quote === '"' || quote === "'" || (quote === '`' && dialect !== 'python')) && (q === i || dialect !== 'text')) {
      const triple = dialect !== 'shell' && text.startsWith(quote.repeat(3), q);
      const open = q + (triple ? 3 : 1);
      const escapes = !(dialect === 'shell' && quote === "'" && q === i);
      let j = open;
      let closed = false;
      while (j < n) {
        const d = text[j]!;
        if (escapes && d === '\\') {
          j += 2;
          continue;
        }
        if (d === quote && (!triple || text.startsWith(quote.repeat(3), j))) {
          closed = true;
          break;
        }
        // Single-line strings end at the line (unterminated or a char literal such as a Rust lifetime).
        if (d === '\n' && !triple && dialect !== 'shell' && quote !== '`') break;
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
    if (dialect === 'shell' && valueNext && !/[;&|()<>]/.test(c)) {
      let j = i;
      while (j < n && !/[\s;&|()<>"'`]/.test(text[j]!)) j++;
      toks.push({ kind: 'str', start: i, end: j });
      i = j;
      valueNext = false;
      continue;
    }
    const word = dialect === 'shell' ? /[A-Za-z0-9_$@.{}\/-]/ : /[A-Za-z0-9_$@.]/;
    if (word.test(c)) {
      let j = i + 1;
      while (j < n && word.test(text[j]!)) j++;
      toks.push({ kind: 'word', start: i, end: j });
      i = j;
      if (dialect === 'shell') {
        // `--token abc`: the word after a secret-sounding flag is its value.
        const w = text.slice(toks[toks.length - 1]!.start, j);
        valueNext = w.startsWith('-') && text[j] === ' ' && /key|token|secret|passw|auth/i.test(w);
      }
      continue;
    }
    const two = text.slice(i, i + 2);
    if (PUNCT2.has(two)) {
      toks.push({ kind: 'punct', start: i, end: i + 2 });
      i += 2;
      continue;
    }
    toks.push({ kind: 'punct', start: i, end: i + 1 });
    if (dialect === 'shell' && c === '=') valueNext = true;
    i++;
  }
  return toks;
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
