import { ts } from 'ts-morph';
import { AUTH_HEADER, AUTH_SCHEME, KEY_PARAM, KEY_PARAM_IN_URL } from './credentialNames';
import { envBindingName, envReadName } from './envRead';
import type { KeySource, KeyUse } from './model';
import { declarationOf, objectLiteralOf, propName, urlText } from './tsScope';

/** Where a TS/JS call puts its key (headers, query, URL) and where that key comes from (literal, env, parameter…). */

export interface KeyInCall {
  uses: KeyUse[];
  keyExpr: ts.Expression;
}

export interface FoundKey extends KeyInCall {
  url?: string;
  body?: ts.Expression;
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
