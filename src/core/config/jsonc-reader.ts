import { Node, ParseError, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import { redactSecretsAll } from '../guard';
import { LineIndex } from '../vocabulary/positions';
import { printable } from '../printable';

/** One problem in a configuration file: where it is (file, JSON path, 1-based line/column) and why. */
export interface ConfigError {
  file: string;
  /** JSON path in JavaScript notation, e.g. `services[1].probe.url`; empty for the whole document. */
  path: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

/** One line for a terminal: the file name, JSON path and message may hold anything a repository put there. */
export function formatConfigError(e: ConfigError): string {
  const where = e.path ? ` ${printable(e.path)}:` : '';
  return `${printable(e.file)}:${e.line}:${e.column}: ${e.severity}:${where} ${printable(e.message)}`;
}

/** A value in the parsed document together with its JSON path, so every error can point at it. */
export interface Located {
  node: Node;
  path: string;
}

/**
 * Reads a JSON-with-comments document and records errors with positions.
 * jsonc-parser is tolerant: after a syntax error the rest of the tree is still available,
 * so one typo does not hide every other service.
 */
export class JsoncReader {
  private readonly recorded: ConfigError[] = [];
  /** How many of `recorded` are redacted: redaction is done in one pass when the errors are read. */
  private redactedSoFar = 0;
  readonly root: Located | undefined;
  private readonly lines: LineIndex;
  /** Errors (not warnings) in `errors`: counted as they come, since validation asks after every service. */
  private errorsSoFar = 0;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.lines = new LineIndex(text);
    // The parser recurses per level: a hostile file nested 100k deep exhausted the stack with no file or line.
    const tooDeep = nestingBeyond(text, MAX_NESTING);
    if (tooDeep) {
      this.root = undefined;
      this.errorAt(tooDeep.offset, tooDeep.path, `nested more than ${MAX_NESTING} levels deep; a configuration needs a few`);
      return;
    }
    const parseErrors: ParseError[] = [];
    const tree = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
    this.root = tree ? { node: tree, path: '' } : undefined;
    if (!tree && text.trim() === '') this.errorAt(0, '', 'the file is empty; expected an object');
    else for (const e of parseErrors) this.errorAt(e.offset, '', `syntax error: ${printParseErrorCode(e.error)}`);
  }

  /** One-based, as an editor shows it. */
  position(offset: number): { line: number; column: number } {
    const { line, character } = this.lines.position(offset);
    return { line: line + 1, column: character + 1 };
  }

  /**
   * Every config error, in the order recorded. A key pasted in the wrong place (a URL, a property name) is quoted
   * redacted: the errors recorded since the last read are redacted here, together, in place.
   */
  get errors(): ConfigError[] {
    const pending = this.recorded.slice(this.redactedSoFar);
    if (pending.length > 0) {
      const texts = redactSecretsAll(pending.flatMap((e) => [e.path, e.message]));
      pending.forEach((e, i) => {
        e.path = texts[2 * i]!;
        e.message = texts[2 * i + 1]!;
      });
      this.redactedSoFar = this.recorded.length;
    }
    return this.recorded;
  }

  /** Records an error; the object returned is redacted in place before anyone reads `errors`. */
  errorAt(offset: number, path: string, message: string, severity: 'error' | 'warning' = 'error'): ConfigError {
    const error: ConfigError = { file: this.file, path, ...this.position(offset), message, severity };
    this.recorded.push(error);
    if (severity === 'error') this.errorsSoFar++;
    return error;
  }

  error(at: Located, message: string, severity: 'error' | 'warning' = 'error'): ConfigError {
    // Point at the property name when there is one: that is where people look.
    const offset = at.node.parent?.type === 'property' ? at.node.parent.offset : at.node.offset;
    return this.errorAt(offset, at.path, message, severity);
  }

  prop(obj: Located, name: string): Located | undefined {
    const node = findNodeAtLocation(obj.node, [name]);
    return node ? { node, path: childPath(obj.path, name) } : undefined;
  }

  /**
   * The value at these JSON pointer segments with its path, or, when the document has none there (a missing
   * property), the deepest value on the way with the full path: errors then point at the object that lacks it.
   */
  locate(segments: ReadonlyArray<string | number>): Located | undefined {
    let node = this.root?.node;
    let found = true;
    let path = '';
    for (const s of segments) {
      path = typeof s === 'number' ? `${path}[${s}]` : childPath(path, s);
      // Indexed, not items(): an error in each of 20,000 services must not cost 20,000 list copies each.
      const next = !node || !found ? undefined : typeof s === 'number' ? node.children?.[s] : findNodeAtLocation(node, [s]);
      if (next) node = next;
      else found = false;
    }
    return node && { node, path };
  }

  items(arr: Located): Located[] {
    return (arr.node.children ?? []).map((node, i) => ({ node, path: `${arr.path}[${i}]` }));
  }

  entries(obj: Located): Array<[string, Located]> {
    return (obj.node.children ?? []).flatMap((p) => {
      const [key, value] = p.children ?? [];
      return key && value ? [[String(key.value), { node: value, path: childPath(obj.path, String(key.value)) }] as [string, Located]] : [];
    });
  }

  value(at: Located): unknown {
    return getNodeValue(at.node);
  }

  /** Warns about properties the schema does not know: usually a typo that silently does nothing. */
  checkKnown(obj: Located, known: readonly string[]): void {
    for (const [key, at] of this.entries(obj)) {
      if (!known.includes(key) && key !== '$schema') this.error(at, `unknown property '${key}' (expected one of: ${known.join(', ')})`, 'warning');
    }
  }

  expectObject(at: Located | undefined): at is Located {
    if (!at) return false;
    if (at.node.type !== 'object') {
      this.error(at, `expected an object, found ${describe(at.node)}`);
      return false;
    }
    return true;
  }

  expectArray(at: Located | undefined): at is Located {
    if (!at) return false;
    if (at.node.type !== 'array') {
      this.error(at, `expected an array, found ${describe(at.node)}`);
      return false;
    }
    return true;
  }

  string(at: Located | undefined, opts: { nonEmpty?: boolean; oneOf?: readonly string[]; pattern?: RegExp; patternHint?: string } = {}): string | undefined {
    if (!at) return undefined;
    if (at.node.type !== 'string') {
      this.error(at, `expected a string, found ${describe(at.node)}`);
      return undefined;
    }
    const v = String(at.node.value);
    if (opts.nonEmpty && v.trim() === '') return this.fail(at, 'must not be empty');
    if (opts.oneOf && !opts.oneOf.includes(v)) return this.fail(at, `must be one of ${opts.oneOf.map((o) => `'${o}'`).join(', ')}, found '${v}'`);
    if (opts.pattern && !opts.pattern.test(v)) return this.fail(at, opts.patternHint ?? `must match ${opts.pattern}`);
    return v;
  }

  number(at: Located | undefined, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    if (!at) return undefined;
    if (at.node.type !== 'number') {
      this.error(at, `expected a number, found ${describe(at.node)}`);
      return undefined;
    }
    const v = Number(at.node.value);
    if (opts.integer && !Number.isInteger(v)) return this.fail(at, `must be an integer, found ${v}`);
    if (opts.min !== undefined && v < opts.min) return this.fail(at, `must be at least ${opts.min}, found ${v}`);
    if (opts.max !== undefined && v > opts.max) return this.fail(at, `must be at most ${opts.max}, found ${v}`);
    return v;
  }

  boolean(at: Located | undefined): boolean | undefined {
    if (!at) return undefined;
    if (at.node.type !== 'boolean') {
      this.error(at, `expected true or false, found ${describe(at.node)}`);
      return undefined;
    }
    return Boolean(at.node.value);
  }

  /** Number of errors (not warnings) recorded so far; compare before/after to know whether a section was valid. */
  errorCount(): number {
    return this.errorsSoFar;
  }

  private fail(at: Located, message: string): undefined {
    this.error(at, message);
    return undefined;
  }
}

/** Deeper than any configuration needs, far shallower than the parser's stack allows. */
export const MAX_NESTING = 64;

/**
 * Where the text first opens more than `limit` nested objects or arrays, with the JSON path to there; undefined when
 * it never does. One pass without recursion, reading strings and comments as the parser does.
 */
export function nestingBeyond(text: string, limit: number): { offset: number; path: string } | undefined {
  // Per open container: its path, and in an object the last string read (the key, once a colon follows), in an array the index.
  const stack: Array<{ path: string; array: boolean; key?: string; index: number }> = [];
  let lastString: string | undefined;
  let key: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      lastString = text.slice(i + 1, Math.min(j, i + 1 + 200));
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === ':') {
      key = lastString;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
      key = undefined;
    } else if (c === '{' || c === '[') {
      const top = stack[stack.length - 1];
      const path = !top ? '' : top.array ? `${top.path}[${top.index}]` : childPath(top.path, key ?? '');
      if (stack.length >= limit) return { offset: i, path };
      stack.push({ path, array: c === '[', index: 0 });
      key = undefined;
    } else if (c === '}' || c === ']') {
      stack.pop();
      key = undefined;
    }
  }
  return undefined;
}

function childPath(parent: string, name: string): string {
  const simple = /^[A-Za-z_$][\w$]*$/.test(name);
  if (simple) return parent ? `${parent}.${name}` : name;
  return `${parent}[${JSON.stringify(name)}]`;
}

function describe(node: Node): string {
  return node.type === 'null' ? 'null' : node.type === 'array' ? 'an array' : node.type === 'object' ? 'an object' : `a ${node.type}`;
}
