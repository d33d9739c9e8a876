/**
 * A small evaluator for the part of Go that peers' test data is written in: string literals, `+`, `[]string{…}`,
 * struct and map literals, `append`, `fmt.Sprintf`, `strings.*`, package-level `var`/`const`, and the helpers a suite
 * registers (gitleaks' `utils.GenerateSampleSecrets`, `secrets.NewSecret`). It never runs the peer's code: anything
 * else (loops, closures, other calls) throws `Unsupported`, and the caller counts that sample as not evaluated.
 * Go toolchains new enough for the peers (1.24) are not on this machine's registries; this keeps the bench in Node.
 */

export class Unsupported extends Error {}

export type GoValue = string | number | boolean | null | GoValue[] | { [field: string]: GoValue } | GoLazy;
/** A struct literal's field, evaluated on first read (a rule's `Regex:` field calls helpers we do not model). */
export class GoLazy {
  constructor(readonly thunk: () => GoValue) {}
}

interface Token {
  kind: 'ident' | 'string' | 'number' | 'char' | 'punct';
  text: string;
  value?: string | number;
  /** A newline came before this token (Go's automatic semicolons). */
  nl: boolean;
  pos: number;
}

const PUNCT = ['...', ':=', '==', '!=', '<=', '>=', '&&', '||', '+=', '<-', '++', '--', '::'];

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let nl = false;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      nl = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      const end = src.indexOf('\n', i);
      i = end < 0 ? src.length : end;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (src.slice(i, end).includes('\n')) nl = true;
      i = end < 0 ? src.length : end + 2;
      continue;
    }
    const start = i;
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new Unsupported('unterminated raw string');
      out.push({ kind: 'string', text: src.slice(i, end + 1), value: src.slice(i + 1, end).replace(/\r/g, ''), nl, pos: start });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') {
          const [ch, len] = unescape(src, j);
          value += ch;
          j += len;
        } else value += src[j++];
      }
      out.push({ kind: c === '"' ? 'string' : 'char', text: src.slice(i, j + 1), value: c === '"' ? value : value.codePointAt(0) ?? 0, nl, pos: start });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200))!;
      out.push({ kind: 'ident', text: m[0], nl, pos: start });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^(?:0x[0-9a-fA-F]+|[0-9][0-9_]*(?:\.[0-9]+)?)/.exec(src.slice(i, i + 40))!;
      out.push({ kind: 'number', text: m[0], value: Number(m[0].replace(/_/g, '')), nl, pos: start });
      i += m[0].length;
    } else {
      const p = PUNCT.find((p) => src.startsWith(p, i)) ?? c;
      out.push({ kind: 'punct', text: p, nl, pos: start });
      i += p.length;
    }
    nl = false;
  }
  return out;
}

function unescape(src: string, j: number): [string, number] {
  const e = src[j + 1]!;
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', '`': '`' };
  if (e in simple) return [simple[e]!, 2];
  if (e === 'x') return [String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16)), 4];
  if (e === 'u') return [String.fromCodePoint(parseInt(src.slice(j + 2, j + 6), 16)), 6];
  if (e === 'U') return [String.fromCodePoint(parseInt(src.slice(j + 2, j + 10), 16)), 10];
  if (/[0-7]/.test(e)) return [String.fromCharCode(parseInt(src.slice(j + 1, j + 4), 8)), 4];
  return [e, 2];
}

export type Builtin = (args: GoValue[]) => GoValue;

/** One Go file's tokens, its package-level values and the helpers the caller provides. */
export class GoFile {
  readonly tokens: Token[];
  readonly globals = new Map<string, GoValue>();
  constructor(
    readonly src: string,
    readonly builtins: Record<string, Builtin>,
  ) {
    this.tokens = tokenize(src);
    this.readGlobals();
  }

  /** Package-level `var`/`const` declarations, in order (later ones may use earlier ones); failures are left out. */
  private readGlobals(): void {
    const t = this.tokens;
    let depth = 0;
    for (let i = 0; i < t.length; i++) {
      const tok = t[i]!;
      if (tok.kind === 'punct' && '({['.includes(tok.text)) depth++;
      else if (tok.kind === 'punct' && ')}]'.includes(tok.text)) depth--;
      else if (depth === 0 && tok.kind === 'ident' && (tok.text === 'var' || tok.text === 'const')) {
        if (t[i + 1]?.text === '(') {
          let j = i + 2;
          while (j < t.length && t[j]!.text !== ')') j = this.declaration(j, this.globals);
          i = j;
        } else i = this.declaration(i + 1, this.globals) - 1;
      }
    }
  }

  /** `name [type] = expr` or `name type`, from `i`; returns the index after it. */
  declaration(i: number, env: Map<string, GoValue>): number {
    const t = this.tokens;
    const names: string[] = [];
    while (t[i]?.kind === 'ident') {
      names.push(t[i]!.text);
      if (t[i + 1]?.text !== ',') break;
      i += 2;
    }
    i++;
    // Skip a type up to `=` or the end of the line.
    while (i < t.length && t[i]!.text !== '=' && !t[i]!.nl && t[i]!.text !== ')') i++;
    if (t[i]?.text !== '=') {
      for (const n of names) env.set(n, null);
      return i;
    }
    i++;
    for (let k = 0; k < names.length; k++) {
      const ev = new Evaluator(this, env, i);
      try {
        env.set(names[k]!, ev.expression());
        i = ev.i;
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        i = skipExpression(t, i);
      }
      if (t[i]?.text === ',') i++;
    }
    return i;
  }

  evaluator(env: Map<string, GoValue>, at: number): Evaluator {
    return new Evaluator(this, env, at);
  }
}

/** The index after the expression at `i` (balanced brackets, up to a newline, `,` or a closing bracket at depth 0). */
export function skipExpression(t: Token[], i: number): number {
  let depth = 0;
  const start = i;
  for (; i < t.length; i++) {
    const x = t[i]!;
    if (depth === 0 && i > start && x.nl && !/^[.+,(]$/.test(t[i - 1]!.text)) return i;
    if (x.kind !== 'punct') continue;
    if ('({['.includes(x.text)) depth++;
    else if (')}]'.includes(x.text)) {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (x.text === ',' || x.text === ';')) return i;
  }
  return i;
}

export function force(v: GoValue): GoValue {
  return v instanceof GoLazy ? v.thunk() : v;
}

export class Evaluator {
  constructor(
    readonly file: GoFile,
    readonly env: Map<string, GoValue>,
    public i: number,
  ) {}

  private peek(k = 0): Token | undefined {
    return this.file.tokens[this.i + k];
  }
  private take(text?: string): Token {
    const tok = this.file.tokens[this.i];
    if (!tok || (text !== undefined && tok.text !== text)) throw new Unsupported(`expected ${text ?? 'token'}`);
    this.i++;
    return tok;
  }

  expression(): GoValue {
    let left = this.unary();
    while (this.peek()?.text === '+') {
      this.i++;
      const right = this.unary();
      if (typeof left === 'string' && typeof right === 'string') left = left + right;
      else if (typeof left === 'number' && typeof right === 'number') left = left + right;
      else throw new Unsupported('+ on mixed values');
    }
    return left;
  }

  private unary(): GoValue {
    let v = this.primary();
    for (;;) {
      const p = this.peek();
      if (p?.text === '.' && this.peek(1)?.kind === 'ident') {
        this.i++;
        const field = this.take().text;
        if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoLazy) && field in v) v = force(v[field]!);
        else throw new Unsupported(`field ${field}`);
      } else if (p?.text === '[' && (typeof v === 'string' || Array.isArray(v))) {
        this.i++;
        const from = this.peek()?.text === ':' ? 0 : this.expression();
        if (this.peek()?.text === ':') {
          this.i++;
          const to = this.peek()?.text === ']' ? (v as string).length : this.expression();
          this.take(']');
          v = (v as string).slice(from as number, to as number);
        } else {
          this.take(']');
          v = (v as GoValue[])[from as number] ?? null;
          if (typeof v === 'number') throw new Unsupported('byte index');
        }
      } else return v;
    }
  }

  private primary(): GoValue {
    const tok = this.take();
    if (tok.kind === 'string') return tok.value as string;
    if (tok.kind === 'number' || tok.kind === 'char') return tok.value as number;
    if (tok.text === '(') {
      const v = this.expression();
      this.take(')');
      return v;
    }
    if (tok.text === '[') {
      // []T{…} or [...]T{…}
      while (this.peek() && this.peek()!.text !== ']') this.i++;
      this.take(']');
      this.skipType();
      return this.composite(true);
    }
    if (tok.text === 'map') {
      this.take('[');
      this.skipType();
      this.take(']');
      this.skipType();
      return this.composite(false);
    }
    if (tok.text === '&') return this.primary();
    if (tok.kind !== 'ident') throw new Unsupported(`unexpected ${tok.text}`);
    let name = tok.text;
    if (name === 'nil') return null;
    if (name === 'true' || name === 'false') return name === 'true';
    if (name === 'struct') {
      this.skipBraces();
      return this.composite(false);
    }
    while (this.peek()?.text === '.' && this.peek(1)?.kind === 'ident' && !this.env.has(name) && !this.file.globals.has(name)) {
      this.i++;
      name += '.' + this.take().text;
    }
    if (this.peek()?.text === '(') return this.call(name);
    if (this.peek()?.text === '{' && /^[A-Z]|\.[A-Z]/.test(name)) return this.composite(false);
    if (this.env.has(name)) return this.env.get(name)!;
    if (this.file.globals.has(name)) return this.file.globals.get(name)!;
    throw new Unsupported(`unknown ${name}`);
  }

  private skipType(): void {
    // Types: `string`, `*config.Rule`, `[]string`, `struct{…}`, `map[string]string`.
    for (;;) {
      const p = this.peek();
      if (!p) return;
      if (p.text === '*' || p.text === '[' || p.text === ']' || p.text === '.') this.i++;
      else if (p.text === 'struct') {
        this.i++;
        this.skipBraces();
        return;
      } else if (p.kind === 'ident') {
        this.i++;
        if (this.peek()?.text !== '.' && this.peek()?.text !== '[') return;
      } else return;
    }
  }

  private skipBraces(): void {
    this.take('{');
    let depth = 1;
    while (depth > 0) {
      const t = this.take().text;
      if (t === '{') depth++;
      else if (t === '}') depth--;
    }
  }

  /** `{a, b}` as a list, or `{k: v, …}` as a struct/map (keyed elements); field values evaluated lazily. */
  private composite(list: boolean): GoValue {
    this.take('{');
    const items: GoValue[] = [];
    const fields: Record<string, GoValue> = {};
    let keyed = false;
    while (this.peek()?.text !== '}') {
      if (this.peek()?.text === '{') {
        items.push(this.composite(false));
      } else if (this.peek()?.kind === 'ident' && this.peek(1)?.text === ':' && !list) {
        keyed = true;
        const key = this.take().text;
        this.i++;
        fields[key] = this.lazyValue();
      } else {
        const start = this.i;
        const v = list ? this.expression() : this.tryExpression();
        if (this.peek()?.text === ':') {
          keyed = true;
          this.i++;
          // A map's element type is elided in its values as in its items (`map[string]testCase{"a": {Input: …}}`).
          fields[String(v)] = this.peek()?.text === '{' ? this.composite(false) : this.lazyValue();
        } else {
          if (!list && v instanceof GoLazy) {
            this.i = start;
            this.i = skipExpression(this.file.tokens, this.i);
          }
          items.push(v);
        }
      }
      if (this.peek()?.text === ',') this.i++;
      else if (this.peek()?.text !== '}') throw new Unsupported('composite');
    }
    this.take('}');
    return keyed ? fields : items;
  }

  private tryExpression(): GoValue {
    const start = this.i;
    try {
      return this.expression();
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      this.i = skipExpression(this.file.tokens, start);
      return new GoLazy(() => {
        throw e;
      });
    }
  }

  /** A field's value: evaluated now when it can be, otherwise a thunk that throws when read. */
  private lazyValue(): GoValue {
    return this.tryExpression();
  }

  private call(name: string): GoValue {
    this.take('(');
    const args: GoValue[] = [];
    let spread = false;
    while (this.peek()?.text !== ')') {
      if (this.peek()?.text === 'func') throw new Unsupported('closure');
      args.push(this.expression());
      if (this.peek()?.text === '...') {
        this.i++;
        spread = true;
      }
      if (this.peek()?.text === ',') this.i++;
      else if (this.peek()?.text !== ')') throw new Unsupported(`call ${name}`);
    }
    this.take(')');
    const own = this.file.builtins[name];
    if (own) return own(args);
    switch (name) {
      case 'append': {
        const base = (args[0] as GoValue[] | null) ?? [];
        const rest = spread ? ((args[args.length - 1] as GoValue[] | null) ?? []) : [];
        return [...base, ...args.slice(1, spread ? -1 : undefined), ...rest];
      }
      case 'string':
      case '[]byte':
        return args[0]!;
      case 'len':
        return (args[0] as string).length;
      case 'fmt.Sprintf':
        return sprintf(args[0] as string, args.slice(1));
      case 'strings.Repeat':
        return (args[0] as string).repeat(args[1] as number);
      case 'strings.ReplaceAll':
        return (args[0] as string).split(args[1] as string).join(args[2] as string);
      case 'strings.Replace':
        return (args[3] as number) < 0 ? (args[0] as string).split(args[1] as string).join(args[2] as string) : (args[0] as string).replace(args[1] as string, args[2] as string);
      case 'strings.ToUpper':
        return (args[0] as string).toUpperCase();
      case 'strings.ToLower':
        return (args[0] as string).toLowerCase();
      case 'strings.Join':
        return ((args[0] as string[]) ?? []).join(args[1] as string);
      case 'strings.TrimSpace':
        return (args[0] as string).trim();
      case 'base64.StdEncoding.EncodeToString':
        return Buffer.from(args[0] as string, 'latin1').toString('base64');
      default:
        throw new Unsupported(`call ${name}`);
    }
  }
}

/** `fmt.Sprintf` for the verbs test data uses: %s %v %q %d %x and %%. */
export function sprintf(format: string, args: GoValue[]): string {
  let k = 0;
  return format.replace(/%([-+# 0]*\d*)([svqdxX%])/g, (_m, _flags, verb: string) => {
    if (verb === '%') return '%';
    const v = force(args[k++] ?? '');
    if (verb === 'q') return JSON.stringify(String(v));
    if (verb === 'x' && typeof v === 'string') return Buffer.from(v, 'latin1').toString('hex');
    if (Array.isArray(v)) return `[${v.join(' ')}]`;
    return String(v);
  });
}
