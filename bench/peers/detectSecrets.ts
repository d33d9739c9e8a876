/**
 * detect-secrets' plugin tests (`tests/plugins/*_test.py`): each `@pytest.mark.parametrize('payload, should_flag', [...])`
 * (or `line, should_flag`) lists lines and whether the plugin must flag them. The literals are evaluated by a small
 * reader of Python expressions (strings, implicit concatenation, `+`, `*`, `.format()`, slices, module constants,
 * `textwrap.dedent`); an entry it cannot read is counted in the notes, never guessed.
 */
import type { GitTree, PeerCase, SuiteRead } from './types';

class Unreadable extends Error {}
type PyValue = string | number | boolean | null | PyValue[];

interface Tok {
  kind: 'str' | 'num' | 'name' | 'op';
  text: string;
  value?: string | number;
  line: number;
  col: number;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 0;
  let lineStart = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\\') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const col = i - lineStart;
    const str = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (str) {
      const prefix = str[1]!.toLowerCase();
      const quote = str[2]!;
      let j = i + str[0].length;
      let value = '';
      while (j < src.length && !src.startsWith(quote, j)) {
        if (src[j] === '\\' && !prefix.includes('r')) {
          const e = src[j + 1]!;
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': '' };
          if (e in map) {
            value += map[e];
            j += 2;
          } else if (e === 'x') {
            value += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16));
            j += 4;
          } else {
            value += '\\' + e;
            j += 2;
          }
        } else {
          if (src[j] === '\n') line++;
          value += src[j++];
        }
      }
      if (prefix.includes('f')) out.push({ kind: 'str', text: 'f-string', value: undefined, line, col });
      else out.push({ kind: 'str', text: src.slice(i, j + quote.length), value, line, col });
      i = j + quote.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 100));
    if (name) {
      out.push({ kind: 'name', text: name[0], line, col });
      i += name[0].length;
      continue;
    }
    const num = /^\d+/.exec(src.slice(i, i + 20));
    if (num) {
      out.push({ kind: 'num', text: num[0], value: Number(num[0]), line, col });
      i += num[0].length;
      continue;
    }
    const op = ['**', '==', '!='].find((o) => src.startsWith(o, i)) ?? c;
    out.push({ kind: 'op', text: op, line, col });
    i += op.length;
  }
  return out;
}

class Reader {
  constructor(
    readonly t: Tok[],
    readonly constants: Map<string, PyValue>,
    public i: number,
  ) {}
  private peek(): Tok | undefined {
    return this.t[this.i];
  }
  private take(text?: string): Tok {
    const tok = this.t[this.i];
    if (!tok || (text !== undefined && tok.text !== text)) throw new Unreadable(`expected ${text}`);
    this.i++;
    return tok;
  }
  expression(): PyValue {
    let v = this.term();
    while (this.peek()?.text === '+') {
      this.i++;
      const r = this.term();
      if (typeof v === 'string' && typeof r === 'string') v += r;
      else if (typeof v === 'number' && typeof r === 'number') v += r;
      else throw new Unreadable('+');
    }
    return v;
  }
  private term(): PyValue {
    let v = this.postfix();
    while (this.peek()?.text === '*' || this.peek()?.text === '%') {
      const op = this.take().text;
      const r = this.postfix();
      if (op === '*' && typeof v === 'string' && typeof r === 'number') v = v.repeat(r);
      else if (op === '*' && typeof v === 'number' && typeof r === 'string') v = r.repeat(v);
      else if (op === '%' && typeof v === 'string') {
        const args = Array.isArray(r) ? r : [r];
        let k = 0;
        v = v.replace(/%[sdr]/g, () => String(args[k++]));
      } else throw new Unreadable(op);
    }
    return v;
  }
  private postfix(): PyValue {
    let v = this.primary();
    for (;;) {
      const p = this.peek();
      if (p?.text === '.' && this.t[this.i + 1]?.text === 'format' && typeof v === 'string') {
        this.i += 2;
        const args = this.args();
        let k = 0;
        v = v.replace(/\{(\d*)\}/g, (_m, n: string) => String(args[n === '' ? k++ : Number(n)]));
      } else if (p?.text === '.' && typeof v === 'string' && ['strip', 'lower', 'upper'].includes(this.t[this.i + 1]?.text ?? '')) {
        const fn = this.t[this.i + 1]!.text;
        this.i += 2;
        this.args();
        v = fn === 'strip' ? v.trim() : fn === 'lower' ? v.toLowerCase() : v.toUpperCase();
      } else if (p?.text === '[' && typeof v === 'string') {
        this.i++;
        const from = this.peek()?.text === ':' ? 0 : (this.expression() as number);
        if (this.peek()?.text === ':') {
          this.i++;
          const to = this.peek()?.text === ']' ? v.length : (this.expression() as number);
          v = v.slice(from, to < 0 ? v.length + to : to);
        } else v = v[from] ?? '';
        this.take(']');
      } else return v;
    }
  }
  private args(): PyValue[] {
    this.take('(');
    const out: PyValue[] = [];
    while (this.peek()?.text !== ')') {
      out.push(this.expression());
      if (this.peek()?.text === ',') this.i++;
    }
    this.take(')');
    return out;
  }
  private primary(): PyValue {
    const tok = this.take();
    if (tok.kind === 'str') {
      if (tok.value === undefined) throw new Unreadable('f-string');
      let s = tok.value as string;
      // Implicit concatenation of adjacent literals.
      while (this.peek()?.kind === 'str') {
        const next = this.take();
        if (next.value === undefined) throw new Unreadable('f-string');
        s += next.value as string;
      }
      return s;
    }
    if (tok.kind === 'num') return tok.value as number;
    if (tok.text === '-' && this.peek()?.kind === 'num') return -(this.take().value as number);
    if (tok.text === '(' || tok.text === '[') {
      const close = tok.text === '(' ? ')' : ']';
      const items: PyValue[] = [];
      let comma = false;
      while (this.peek()?.text !== close) {
        items.push(this.expression());
        if (this.peek()?.text === ',') {
          comma = true;
          this.i++;
        }
      }
      this.take(close);
      return tok.text === '(' && !comma && items.length === 1 ? items[0]! : items;
    }
    if (tok.kind === 'name') {
      if (tok.text === 'True' || tok.text === 'False') return tok.text === 'True';
      if (tok.text === 'None') return null;
      if (tok.text === 'textwrap' && this.peek()?.text === '.') {
        this.i++;
        const fn = this.take().text;
        const [s] = this.args();
        if (fn !== 'dedent' || typeof s !== 'string') throw new Unreadable('textwrap');
        return dedent(s);
      }
      if (this.constants.has(tok.text)) return this.constants.get(tok.text)!;
      throw new Unreadable(`name ${tok.text}`);
    }
    throw new Unreadable(`token ${tok.text}`);
  }
}

function dedent(s: string): string {
  const lines = s.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(n)).join('\n');
}

/** Skips one bracketed or plain expression (for entries that cannot be read). */
function skipItem(t: Tok[], i: number): number {
  let depth = 0;
  for (; i < t.length; i++) {
    const x = t[i]!.text;
    if (x === '(' || x === '[' || x === '{') depth++;
    else if (x === ')' || x === ']' || x === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (x === ',' && depth === 0) return i;
  }
  return i;
}

const TEXT_PARAMS = new Set(['payload', 'line']);
const FLAG_PARAMS = new Set(['should_flag']);

export function readDetectSecrets(tree: GitTree): SuiteRead {
  const cases: PeerCase[] = [];
  const notes: string[] = [];
  for (const path of tree.list('tests/plugins').filter((p) => p.endsWith('_test.py'))) {
    const plugin = path.split('/').pop()!.replace(/_test\.py$/, '');
    const t = tokenize(tree.read(path));
    // Module constants: NAME = expr at column 0.
    const constants = new Map<string, PyValue>();
    for (let i = 0; i + 2 < t.length; i++) {
      if (t[i]!.col === 0 && t[i]!.kind === 'name' && /^[A-Z_][A-Z0-9_]*$/.test(t[i]!.text) && t[i + 1]!.text === '=') {
        try {
          constants.set(t[i]!.text, new Reader(t, constants, i + 2).expression());
        } catch {
          /* a constant we cannot read: entries that use it are counted below */
        }
      }
    }
    let unreadable = 0;
    for (let i = 0; i + 4 < t.length; i++) {
      if (!(t[i]!.text === 'parametrize' && t[i + 1]!.text === '(' && t[i + 2]!.kind === 'str')) continue;
      const params = String(t[i + 2]!.value).split(',').map((s) => s.trim());
      const textAt = params.findIndex((p) => TEXT_PARAMS.has(p));
      const flagAt = params.findIndex((p) => FLAG_PARAMS.has(p));
      if (textAt < 0 || flagAt < 0 || params.length !== 2) continue;
      let j = i + 3;
      if (t[j]!.text === ',') j++;
      if (t[j]!.text !== '[' && t[j]!.text !== '(') continue;
      const close = t[j]!.text === '[' ? ']' : ')';
      j++;
      while (j < t.length && t[j]!.text !== close) {
        const r = new Reader(t, constants, j);
        try {
          const entry = r.expression();
          if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[textAt] !== 'string' || typeof entry[flagAt] !== 'boolean') throw new Unreadable('entry');
          cases.push({ suite: 'detect-secrets', peerRule: plugin, text: entry[textAt] as string, ext: 'txt', expect: entry[flagAt] ? 'tp' : 'fp' });
          j = r.i;
        } catch (e) {
          if (!(e instanceof Unreadable)) throw e;
          unreadable++;
          j = skipItem(t, j);
        }
        if (t[j]?.text === ',') j++;
      }
      i = j;
    }
    if (unreadable) notes.push(`detect-secrets ${plugin}: ${unreadable} parametrized entr${unreadable === 1 ? 'y' : 'ies'} not evaluated (f-strings, calls)`);
  }
  return { cases, notes };
}
