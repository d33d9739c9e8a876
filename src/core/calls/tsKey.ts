import { ts } from 'ts-morph';
import { AUTH_HEADER, AUTH_SCHEME, KEY_PARAM, KEY_PARAM_IN_URL } from './credentialNames';
import { envBindingName, envReadName } from './envRead';
import type { HeldHeaders, KeySource, KeyUse } from './model';
import { declarationOf, objectLiteralOf, propName, urlText } from './tsScope';

/** Where a TS/JS call puts its key (headers, query, URL) and where that key comes from (literal, env, parameter…). */

export interface KeyInCall {
  uses: KeyUse[];
  keyExpr: ts.Expression;
}

export interface FoundKey extends KeyInCall {
  url?: string;
  body?: ts.Expression;
  held?: HeldHeaders;
}

/** Looks for the key in a request's options: headers (object, `new Headers`), query params, the URL, `new Request`. */
export function findKeyInRequest(args: readonly ts.Expression[], source: ts.SourceFile): FoundKey | undefined {
  const url = urlText(args[0], source);
  let body: ts.Expression | undefined;
  for (const [i, arg] of args.entries()) {
    // fetch(new Request(url, init))
    if (ts.isNewExpression(arg) && ts.isIdentifier(arg.expression) && arg.expression.text === 'Request' && arg.arguments) {
      const found = findKeyInRequest(arg.arguments, source);
      if (found) return found;
    }
    const options = objectLiteralOf(arg, source);
    if (!options) {
      if (i === 0) {
        const inUrl = keyInUrl(arg, source);
        if (inUrl) return { ...inUrl, ...(url ? { url } : {}) };
      }
      continue;
    }
    for (const prop of options.properties) {
      const name = propName(prop);
      if (!name || !ts.isPropertyAssignment(prop) || !/^(?:body|data|json|form)$/.test(name)) continue;
      let value = prop.initializer;
      while (ts.isAsExpression(value) || ts.isParenthesizedExpression(value) || ts.isNonNullExpression(value)) value = value.expression;
      // A body held in a variable may be a stream (sent once); one built inline is rebuilt by the retry.
      if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) body = value;
    }
    for (const prop of options.properties) {
      const name = propName(prop);
      // fetch(url, { headers }) / { headers: headers }: the headers were built before the call.
      const heldId = name === 'headers' ? (ts.isShorthandPropertyAssignment(prop) ? prop.name : ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.initializer) ? prop.initializer : undefined) : undefined;
      const held = heldId && keyInHeldHeaders(heldId, prop, source);
      if (held) return { ...held, ...(url ? { url } : {}), ...(body ? { body } : {}) };
      if (!name || !ts.isPropertyAssignment(prop)) continue;
      if (name === 'headers') {
        const found = keyInHeaders(prop.initializer, source);
        if (found) return { ...found, ...(url ? { url } : {}), ...(body ? { body } : {}) };
      } else if (/^(?:params|searchParams|query)$/.test(name)) {
        const params = objectLiteralOf(prop.initializer, source);
        for (const p of params?.properties ?? []) {
          const pName = propName(p);
          if (pName && KEY_PARAM.test(pName) && ts.isPropertyAssignment(p)) return { ...keyUseOf(p.initializer, source), ...(url ? { url } : {}) };
        }
      } else if (name === 'url' && i === 0) {
        const inUrl = keyInUrl(prop.initializer, source);
        if (inUrl) return { ...inUrl, url: urlText(prop.initializer, source) ?? '' };
      }
    }
    // no key here: keep looking in later arguments (axios.post(url, data, config))
  }
  return undefined;
}

function keyInHeaders(expr: ts.Expression, source: ts.SourceFile): KeyInCall | undefined {
  let headers: ts.Expression | undefined = expr;
  if (ts.isNewExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'Headers') headers = expr.arguments?.[0];
  if (!headers) return undefined;
  const object = objectLiteralOf(headers, source);
  if (object) {
    for (const prop of object.properties) {
      const name = propName(prop);
      if (name && AUTH_HEADER.test(name) && ts.isPropertyAssignment(prop)) return keyUseOf(prop.initializer, source);
    }
  }
  // new Headers([['Authorization', …]])
  if (ts.isArrayLiteralExpression(headers)) {
    for (const pair of headers.elements) {
      if (ts.isArrayLiteralExpression(pair) && pair.elements.length === 2 && ts.isStringLiteralLike(pair.elements[0]!) && AUTH_HEADER.test(pair.elements[0].text)) return keyUseOf(pair.elements[1]!, source);
    }
  }
  return undefined;
}

/**
 * The key in a headers variable built before the call: `const headers = new Headers({ Authorization: … })`, a plain
 * object, or `headers.set('Authorization', …)` / `.append(…)` statements after its declaration in the same block.
 */
function keyInHeldHeaders(id: ts.Identifier, prop: ts.ObjectLiteralElementLike, source: ts.SourceFile): (KeyInCall & { held: HeldHeaders }) | undefined {
  const decl = declarationOf(id, source);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isVariableDeclarationList(decl.parent)) return undefined;
  let init = decl.initializer;
  while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
  const isHeaders = ts.isNewExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'Headers';
  if (!isHeaders && !ts.isObjectLiteralExpression(init)) return undefined;
  const statement = decl.parent.parent;
  const block = statement.parent;
  if (!ts.isVariableStatement(statement) || !(ts.isBlock(block) || ts.isSourceFile(block))) return undefined;
  const callStart = prop.getStart(source);
  type Entry = { header: ts.Node; value: ts.Expression; removal: { start: number; end: number } };
  let initialEntry: Entry | undefined;
  // In the initializer: an entry of the object (or of Headers' object or [name, value] pairs).
  const initial = isHeaders ? (init as ts.NewExpression).arguments?.[0] : init;
  if (initial && ts.isObjectLiteralExpression(initial)) {
    const found = initial.properties.find((p) => ts.isPropertyAssignment(p) && AUTH_HEADER.test(propName(p) ?? '')) as ts.PropertyAssignment | undefined;
    if (found) initialEntry = { header: found.name, value: found.initializer, removal: listEntryRange(initial.properties, found, source) };
  } else if (initial && ts.isArrayLiteralExpression(initial)) {
    const found = initial.elements.find((e) => ts.isArrayLiteralExpression(e) && e.elements.length === 2 && ts.isStringLiteralLike(e.elements[0]!) && AUTH_HEADER.test(e.elements[0].text)) as ts.ArrayLiteralExpression | undefined;
    if (found) initialEntry = { header: found.elements[0]!, value: found.elements[1]!, removal: listEntryRange(initial.elements, found, source) };
  }
  // Or set later: headers.set('Authorization', …) before the call (the last one wins, as it would at run time).
  const before = new Set<ts.Node>();
  const setters: ts.Statement[] = [];
  let entry = initialEntry;
  for (const stmt of block.statements) {
    if (stmt.pos < statement.end || stmt.getStart(source) >= callStart || !ts.isExpressionStatement(stmt)) continue;
    const expr = ts.isBinaryExpression(stmt.expression) ? stmt.expression.left : ts.isCallExpression(stmt.expression) ? stmt.expression.expression : stmt.expression;
    const target = ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr) ? expr.expression : undefined;
    if (!target || !ts.isIdentifier(target) || target.text !== id.text) continue;
    // headers.set('Accept', …) or headers.accept = … before the call: other headers, which stay as they are.
    before.add(target);
    const call = stmt.expression;
    if (!isHeaders || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !/^(?:set|append)$/.test(call.expression.name.text)) continue;
    const [nameArg, value] = call.arguments;
    if (!nameArg || !value || !ts.isStringLiteralLike(nameArg) || !AUTH_HEADER.test(nameArg.text)) continue;
    setters.push(stmt);
    entry = { header: nameArg, value, removal: statementRange(stmt, source) };
  }
  if (!entry) return undefined;
  const found = keyUseOf(entry.value, source);
  const valueStart = entry.value.getStart(source);
  let value = entry.value.getText(source);
  for (const use of [...found.uses].sort((a, b) => b.start - a.start)) value = value.slice(0, use.start - valueStart) + use.replacement + value.slice(use.end - valueStart);
  const header = entry.header.getText(source);
  const held: HeldHeaders = {
    name: id.text,
    kind: isHeaders ? 'Headers' : 'object',
    removals: [...(initialEntry ? [initialEntry.removal] : []), ...setters.map((s) => statementRange(s, source))],
    header: isHeaders && !ts.isStringLiteralLike(entry.header) ? `'${header}'` : header,
    value,
  };
  // Anything else that reads the variable would lose the header (or another call would send it without the key).
  const otherUse = referencesOf(id.text, block, source).find((ref) => ref !== decl.name && ref !== id && !before.has(ref));
  if (otherUse) held.otherUse = otherUse.getStart(source);
  // The call sends a copy of a plain object with the header; a Headers object gets it set before each attempt.
  const uses: KeyUse[] = isHeaders ? [] : [{ start: prop.getStart(source), end: prop.end, replacement: `headers: { ...${id.text}, ${header}: ${value} }` }];
  return { uses, keyExpr: found.keyExpr, held };
}

/** Identifiers named `name` in a block, not as a property name (`x.name`, `{ name: … }`). */
function referencesOf(name: string, block: ts.Node, source: ts.SourceFile): ts.Identifier[] {
  const refs: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name) {
      const parent = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isPropertyName) refs.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(block);
  return refs.filter((r) => r.getSourceFile() === source);
}

/** An entry of an object or array literal with its comma (the one after it, or before it when it is last). */
function listEntryRange(list: ts.NodeArray<ts.Node>, entry: ts.Node, source: ts.SourceFile): { start: number; end: number } {
  const index = list.indexOf(entry);
  const next = list[index + 1];
  if (next) return { start: entry.getStart(source), end: next.getStart(source) };
  const previous = list[index - 1];
  if (previous) return { start: previous.end, end: entry.end };
  // The only entry: everything between the brackets, so that `{ Authorization: … }` becomes `{}`, not `{  }`.
  return { start: list.pos, end: entry.parent.end - 1 };
}

/** A statement's whole line(s) when nothing else is on them, else the statement alone. */
function statementRange(stmt: ts.Statement, source: ts.SourceFile): { start: number; end: number } {
  const text = source.text;
  const start = stmt.getStart(source);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', stmt.end);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  if (text.slice(lineStart, start).trim() === '' && text.slice(stmt.end, lineEnd).trim() === '') return { start: lineStart, end: lineEnd };
  return { start, end: stmt.end };
}

/** `https://…?api_key=${KEY}` in a template, or `'…?key=' + KEY`. */
function keyInUrl(expr: ts.Expression, source: ts.SourceFile): KeyInCall | undefined {
  if (ts.isTemplateExpression(expr)) {
    let before = expr.head.text;
    for (const span of expr.templateSpans) {
      if (KEY_PARAM_IN_URL.test(before)) return { uses: [{ start: span.expression.getStart(source), end: span.expression.end, replacement: '$KEY' }], keyExpr: span.expression };
      before = span.literal.text;
    }
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = expr.left;
    const leftText = ts.isStringLiteralLike(left) ? left.text : ts.isBinaryExpression(left) && ts.isStringLiteralLike(left.right) ? left.right.text : '';
    if (KEY_PARAM_IN_URL.test(leftText)) return { uses: [{ start: expr.right.getStart(source), end: expr.right.end, replacement: '$KEY' }], keyExpr: expr.right };
  }
  return undefined;
}

/**
 * The key inside a header value: `Bearer ${KEY}` → KEY, `'Bearer ' + KEY` → KEY, `'Bearer sk_…'`
 * → the literal (replaced by a template that keeps the scheme), KEY → KEY.
 */
export function keyUseOf(value: ts.Expression, source: ts.SourceFile): KeyInCall {
  if (ts.isTemplateExpression(value) && value.templateSpans.length >= 1) {
    const span = value.templateSpans[value.templateSpans.length - 1]!;
    return { uses: [{ start: span.expression.getStart(source), end: span.expression.end, replacement: '$KEY' }], keyExpr: span.expression };
  }
  if (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isStringLiteralLike(value.left)) {
    return { uses: [{ start: value.right.getStart(source), end: value.right.end, replacement: '$KEY' }], keyExpr: value.right };
  }
  if (ts.isStringLiteralLike(value)) {
    const scheme = AUTH_SCHEME.exec(value.text)?.[1];
    const replacement = scheme ? `\`${scheme}\${$KEY}\`` : '$KEY';
    return { uses: [{ start: value.getStart(source), end: value.end, replacement }], keyExpr: value };
  }
  return { uses: [{ start: value.getStart(source), end: value.end, replacement: '$KEY' }], keyExpr: value };
}

/** Follows the key expression within the file: literal, env read, parameter, module constant. */
export function resolveKey(expr: ts.Expression, source: ts.SourceFile, depth = 0): KeySource | undefined {
  while (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) || ts.isAsExpression(expr)) expr = expr.expression;
  if (ts.isStringLiteralLike(expr)) return expr.text.length >= 8 && !/^\s*$/.test(expr.text) ? { kind: 'literal', start: expr.getStart(source) + 1, end: expr.end - 1 } : undefined;
  const env = envReadName(expr, source);
  if (env) return { kind: 'env', name: env };
  if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    const left = resolveKey(expr.left, source, depth + 1);
    if (left) return left;
  }
  if (ts.isIdentifier(expr) && depth < 4) {
    const decl = declarationOf(expr, source);
    if (decl && ts.isParameter(decl)) return { kind: 'parameter', name: expr.text };
    if (decl && ts.isBindingElement(decl)) {
      const name = envBindingName(decl, source);
      return name ? { kind: 'env', name } : { kind: 'expression', text: expr.text };
    }
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
      const inner = resolveKey(decl.initializer, source, depth + 1) ?? { kind: 'expression', text: decl.initializer.getText(source) };
      const statement = decl.parent.parent;
      const constant: KeySource = { kind: 'constant', name: expr.text, inner };
      if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1 && statement.parent === source && !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        constant.declaration = { start: statement.getStart(source), end: statement.end };
      }
      return constant;
    }
    return { kind: 'expression', text: expr.text };
  }
  return { kind: 'expression', text: expr.getText(source) };
}
