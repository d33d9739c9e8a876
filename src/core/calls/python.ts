import { singleKeyCall } from './callRecord';
import { ANOTHER_KEY, AUTH_FAILURE_STATUS, AUTH_HEADER, AUTH_SCHEME, KEY_PARAM, SLOT_KEY_NAME } from './credentialNames';
import { pythonEnvReadName } from './envRead';
import type { CallLibrary, KeySource, KeyUse, SingleKeyCall } from './model';
import { matchingBracket, PyScan, scanPython, stringAt } from './pythonScan';

/**
 * `requests` and `httpx` calls with one key, by a careful token scan (strings and comments are
 * skipped; brackets matched). The key is followed to a module or function assignment in the file.
 */
export function findPythonSingleKeyCalls(text: string): SingleKeyCall[] {
  const scan = scanPython(text);
  const modules = new Map<string, CallLibrary>();
  for (const m of text.matchAll(/^\s*import\s+(requests|httpx)(?:\s+as\s+(\w+))?\s*$/gm)) modules.set(m[2] ?? m[1]!, m[1] as CallLibrary);
  const calls: SingleKeyCall[] = [];
  const callRe = /\b([A-Za-z_]\w*)\.(get|post|put|patch|delete|head|options|request|stream)\s*\(/g;
  for (const m of text.matchAll(callRe)) {
    const library = modules.get(m[1]!);
    const start = m.index!;
    if (!library || insideScan(scan, start)) continue;
    const open = start + m[0].length - 1;
    const close = matchingBracket(text, scan, open);
    if (close < 0) continue;
    const found = keyInArgs(text, scan, open + 1, close);
    if (!found) continue;
    const key = resolvePyKey(text, scan, found.keyStart, found.keyEnd, start);
    if (!key || quiet(text, start, key)) continue;
    const url = urlOf(text, scan, open + 1, close);
    calls.push(
      singleKeyCall({
        library,
        shape: 'request',
        callee: `${library}.${m[2]}`,
        start,
        end: close + 1,
        calleeStart: start,
        calleeEnd: start + m[1]!.length + 1 + m[2]!.length,
        keyUses: [found.use],
        key,
        ...(url !== undefined ? { url } : {}),
        ...(found.body ? { body: found.body } : {}),
      }),
    );
  }
  calls.push(...sessionKeys(text, scan, modules));
  return calls.sort((a, b) => a.start - b.start);
}

/**
 * A key set once on a reused client: `httpx.Client(headers={…})` / `httpx.AsyncClient(…)`, and a
 * `requests.Session()`'s `s.headers.update({…})` or `s.headers["Authorization"] = …`. Reported without a fix
 * (shape `defaults`): the key is read when the client is built, so a retry cannot swap it.
 */
function sessionKeys(text: string, scan: PyScan, modules: Map<string, CallLibrary>): SingleKeyCall[] {
  const calls: SingleKeyCall[] = [];
  const record = (library: CallLibrary, callee: string, start: number, end: number, calleeEnd: number, found: PyFound): void => {
    const key = resolvePyKey(text, scan, found.keyStart, found.keyEnd, start);
    if (!key || quiet(text, start, key)) return;
    calls.push(singleKeyCall({ library, shape: 'defaults', callee, start, end, calleeStart: start, calleeEnd, keyUses: [found.use], key }));
  };
  // Names bound to a session or client: `s = requests.Session()`, `client = httpx.Client(…)`, `self.http = …`.
  const sessions = new Map<string, CallLibrary>();
  for (const m of text.matchAll(/^[ \t]*([A-Za-z_][\w.]*)\s*=\s*([A-Za-z_]\w*)\.(Session|session|Client|AsyncClient)\s*\(/gm)) {
    const library = modules.get(m[2]!);
    if (library && !insideScan(scan, m.index!)) sessions.set(m[1]!, library);
  }
  for (const m of text.matchAll(/\b([A-Za-z_]\w*)\.(Client|AsyncClient)\s*\(/g)) {
    const start = m.index!;
    if (modules.get(m[1]!) !== 'httpx' || insideScan(scan, start)) continue;
    const open = start + m[0].length - 1;
    const close = matchingBracket(text, scan, open);
    const found = close > 0 ? keyInArgs(text, scan, open + 1, close) : undefined;
    if (found) record('httpx', `${m[1]}.${m[2]}`, start, close + 1, open, found);
  }
  for (const [name, library] of sessions) {
    const escaped = name.replace(/\./g, '\\.');
    // s.headers.update({"Authorization": …}): the dict is read like a call's headers.
    for (const m of text.matchAll(new RegExp(`(?<![\\w.])${escaped}\\.headers\\.update\\s*\\(`, 'g'))) {
      const start = m.index!;
      if (insideScan(scan, start)) continue;
      const open = start + m[0].length - 1;
      const close = matchingBracket(text, scan, open);
      const found = close > 0 ? keyInArgs(text, scan, open + 1, close, 'headers') : undefined;
      if (found) record(library, `${name}.headers.update`, start, close + 1, open, found);
    }
    // s.headers["Authorization"] = f"Bearer {KEY}"
    for (const m of text.matchAll(new RegExp(`(?<![\\w.])${escaped}\\.headers\\[\\s*(["'])([\\w-]+)\\1\\s*\\]\\s*=[ \\t]*`, 'g'))) {
      const start = m.index!;
      if (insideScan(scan, start) || !AUTH_HEADER.test(m[2]!)) continue;
      const valueStart = start + m[0].length;
      const lineEnd = text.indexOf('\n', valueStart);
      const [vs, ve] = trimmed(text, [valueStart, lineEnd < 0 ? text.length : lineEnd]);
      const found = valueUse(text, scan, vs, ve);
      if (found) record(library, `${name}.headers[…]`, start, ve, start + m[0].indexOf('='), found);
    }
  }
  return calls;
}

/** The URL a call's first argument starts with (a string or an f-string's text up to its first field), as the scan read it. */
function urlOf(text: string, scan: PyScan, from: number, to: number): string | undefined {
  let start = from;
  while (start < to && /\s/.test(text[start]!)) start++;
  const first = scan.strings.find((x) => x.start === start);
  if (!first || first.prefix.includes('b')) return undefined;
  const content = text.slice(first.contentStart, first.contentEnd);
  return (first.prefix.includes('f') ? content.split('{')[0] : content) || undefined;
}

function insideScan(scan: PyScan, offset: number): boolean {
  return scan.strings.some((s) => s.start <= offset && offset < s.end) || scan.comments.some(([s, e]) => s <= offset && offset < e);
}

/** Top-level pieces of an argument list or dict body, split on commas outside brackets and strings. */
function splitTopLevel(text: string, scan: PyScan, from: number, to: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const str = scan.strings.find((s) => s.start === i);
    if (str) {
      i = str.end - 1;
      continue;
    }
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '{') {
      const close = matchingBracket(text, scan, i);
      if (close > 0) i = close;
    } else if (c === ',') {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  if (text.slice(start, to).trim()) parts.push([start, to]);
  return parts;
}

function trimmed(text: string, [s, e]: [number, number]): [number, number] {
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return [s, e];
}

interface PyFound {
  use: KeyUse;
  keyStart: number;
  keyEnd: number;
  body?: { start: number; end: number };
}

/** The key in a call's keyword arguments; with `positional`, a first positional dict is read as that keyword's. */
function keyInArgs(text: string, scan: PyScan, from: number, to: number, positional?: 'headers'): PyFound | undefined {
  let body: { start: number; end: number } | undefined;
  let found: PyFound | undefined;
  for (const part of splitTopLevel(text, scan, from, to)) {
    const [s, e] = trimmed(text, part);
    const named = /^(\w+)\s*=\s*/.exec(text.slice(s, e));
    const kw = named ? { name: named[1]!, length: named[0].length } : positional && text[s] === '{' ? { name: positional, length: 0 } : undefined;
    if (!kw) continue;
    const valueStart = s + kw.length;
    if (/^(?:data|content|files)$/.test(kw.name) && /^\w[\w.]*$/.test(text.slice(valueStart, e))) body = { start: valueStart, end: e };
    if ((kw.name === 'headers' || kw.name === 'params') && text[valueStart] === '{') {
      const close = matchingBracket(text, scan, valueStart);
      for (const entry of splitTopLevel(text, scan, valueStart + 1, close)) {
        const [es, ee] = trimmed(text, entry);
        const pair = /^(["'])([\w-]+)\1\s*:\s*/.exec(text.slice(es, ee));
        if (!pair) continue;
        const isKey = kw.name === 'headers' ? AUTH_HEADER.test(pair[2]!) : KEY_PARAM.test(pair[2]!);
        if (isKey) found ??= valueUse(text, scan, es + pair[0].length, ee);
      }
    } else if (kw.name === 'auth' && text[valueStart] === '(') {
      const close = matchingBracket(text, scan, valueStart);
      const items = splitTopLevel(text, scan, valueStart + 1, close);
      if (items.length === 2) found ??= valueUse(text, scan, ...trimmed(text, items[1]!));
    }
  }
  if (found && body) found.body = body;
  return found;
}

/** `f"Bearer {KEY}"` → KEY; `"Bearer " + KEY` → KEY; `KEY` → KEY; `"Bearer sk_…"` → the literal. */
function valueUse(text: string, scan: PyScan, s: number, e: number): PyFound | undefined {
  const value = text.slice(s, e);
  const str = scan.strings.find((x) => x.start === s && x.end === e);
  if (str && str.prefix.includes('f')) {
    const inner = /\{([A-Za-z_][\w.]*(?:\[[^\]]+\])?(?:\([^)]*\))?)\}/.exec(text.slice(str.contentStart, str.contentEnd));
    if (!inner) return undefined;
    const ks = str.contentStart + inner.index + 1;
    return { use: { start: ks, end: ks + inner[1]!.length, replacement: '$KEY' }, keyStart: ks, keyEnd: ks + inner[1]!.length };
  }
  if (str) {
    const content = text.slice(str.contentStart, str.contentEnd);
    const scheme = AUTH_SCHEME.exec(content)?.[1];
    const q = str.quote;
    const replacement = scheme ? `f${q}${scheme}{$KEY}${q}` : '$KEY';
    return { use: { start: s, end: e, replacement }, keyStart: s, keyEnd: e };
  }
  // `"Bearer " + KEY`: the string token (as the scan read it), a plus, then the key.
  const head = scan.strings.find((x) => x.start === s && x.end < e);
  const plus = head && !head.prefix.includes('f') ? /^\s*\+\s*/.exec(text.slice(head.end, e)) : undefined;
  if (head && plus) return { use: { start: head.end + plus[0].length, end: e, replacement: '$KEY' }, keyStart: head.end + plus[0].length, keyEnd: e };
  if (/^[A-Za-z_][\w.]*(?:\[[^\]]+\])?(?:\([^)]*\))?$/.test(value)) return { use: { start: s, end: e, replacement: '$KEY' }, keyStart: s, keyEnd: e };
  return undefined;
}

function resolvePyKey(text: string, scan: PyScan, s: number, e: number, callStart: number, depth = 0): KeySource | undefined {
  const value = text.slice(s, e).trim();
  const str = stringAt(scan, s + 1, e - 1) ?? scan.strings.find((x) => x.start === s);
  if (str && str.start === s) {
    const content = text.slice(str.contentStart, str.contentEnd).replace(AUTH_SCHEME, '');
    return content.length >= 8 ? { kind: 'literal', start: str.contentEnd - content.length, end: str.contentEnd } : undefined;
  }
  const env = pythonEnvReadName(value);
  if (env) return { kind: 'env', name: env };
  if (/^[A-Za-z_]\w*$/.test(value) && depth < 3) {
    // The enclosing def's parameters, then the nearest assignment above the call.
    const before = text.slice(0, callStart);
    const defs = [...before.matchAll(/^([ \t]*)(?:async\s+)?def\s+\w+\s*\(([^)]*)\)/gm)];
    const def = defs[defs.length - 1];
    if (def && new RegExp(`(?:^|[,\\s(])${value}\\s*(?:[:=,]|$)`).test(def[2]!)) return { kind: 'parameter', name: value };
    const assigns = [...before.matchAll(new RegExp(`^([ \\t]*)${value}\\s*(?::\\s*[\\w\\[\\], ]+)?=\\s*(.+)$`, 'gm'))];
    const assign = assigns[assigns.length - 1];
    if (assign) {
      const vs = assign.index! + assign[0].length - assign[2]!.length;
      const inner = resolvePyKey(text, scan, vs, vs + assign[2]!.trimEnd().length, assign.index!, depth + 1) ?? { kind: 'expression', text: assign[2]!.trim() };
      const constant: KeySource = { kind: 'constant', name: value, inner };
      if (assign[1] === '') {
        const lineEnd = text.indexOf('\n', assign.index!);
        constant.declaration = { start: assign.index!, end: lineEnd < 0 ? text.length : lineEnd };
      }
      return constant;
    }
    return { kind: 'expression', text: value };
  }
  return { kind: 'expression', text: value };
}

function quiet(text: string, start: number, key: KeySource): boolean {
  if (SLOT_KEY_NAME.test(JSON.stringify(key))) return true;
  const before = text.slice(Math.max(0, start - 200), start);
  if (/with_key_fallback\s*\([^)]*lambda\s+\w+\s*:\s*$/.test(before.replace(/\n/g, ' '))) return true;
  // The enclosing def (or the module) checks 401/403 and knows another key.
  const scope = defAround(text, start);
  if (AUTH_FAILURE_STATUS.test(scope.text) && ANOTHER_KEY.test(scope.text)) return true;
  // The key is a parameter of a small request function: a caller may check 401/403 and call it again
  // with another key (issue 15.6).
  if (key.kind !== 'parameter' || !scope.name) return false;
  const callPattern = new RegExp(`(?<![\\w.])${scope.name}\\s*\\(`, 'g');
  for (const use of text.matchAll(callPattern)) {
    const caller = defAround(text, use.index!);
    if (caller.name === scope.name || !AUTH_FAILURE_STATUS.test(caller.text)) continue;
    if (ANOTHER_KEY.test(caller.text) || (caller.text.match(callPattern) ?? []).length >= 2) return true;
  }
  return false;
}

/** The top-level or nested `def` enclosing an offset (its name and text), else the whole module. */
function defAround(text: string, offset: number): { name: string | undefined; text: string } {
  const before = text.slice(0, offset);
  const match = [...before.matchAll(/^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)/gm)].pop();
  if (!match) return { name: undefined, text };
  const indent = match[1]!.length;
  // The def ends at the next line indented no deeper than the def itself.
  const rest = text.slice(match.index! + match[0].length);
  const end = new RegExp(`\\n[ \\t]{0,${indent}}(?=\\S)`).exec(rest);
  return { name: match[2], text: text.slice(match.index!, end ? match.index! + match[0].length + end.index : text.length) };
}
