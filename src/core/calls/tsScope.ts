import { ts } from 'ts-morph';

/**
 * Names resolved within one TS/JS file, as the single-key-call rule promises (no type checker): declarations,
 * object literals held in constants, URLs, enclosing functions.
 */

/**
 * The nearest declaration of an identifier visible at its use (parameters, then variables, innermost scope first);
 * a name destructured from an object (`const { KEY } = process.env`) is its binding element.
 */
export function declarationOf(id: ts.Identifier, source: ts.SourceFile): ts.ParameterDeclaration | ts.VariableDeclaration | ts.BindingElement | undefined {
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      const param = scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
      if (param) return param;
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope)) {
      for (const stmt of scope.statements) {
        if (!ts.isVariableStatement(stmt)) continue;
        for (const decl of stmt.declarationList.declarations) {
          if (decl.getStart(source) >= id.getStart(source)) continue;
          if (ts.isIdentifier(decl.name) && decl.name.text === id.text) return decl;
          if (ts.isObjectBindingPattern(decl.name)) {
            const element = decl.name.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === id.text);
            if (element) return element;
          }
        }
      }
    }
  }
  return undefined;
}

/** An object literal argument, or an identifier bound to one in this file (`const options = { headers }`). */
export function objectLiteralOf(expr: ts.Expression, source: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) expr = expr.expression;
  if (ts.isObjectLiteralExpression(expr)) return expr;
  if (ts.isIdentifier(expr)) {
    const decl = declarationOf(expr, source);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isObjectLiteralExpression(decl.initializer)) return decl.initializer;
  }
  return undefined;
}

export function propName(prop: ts.ObjectLiteralElementLike): string | undefined {
  const name = prop.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) return name.text;
  return undefined;
}

/** The URL a request goes to, as far as the file says: a literal, a template's head, a constant, `baseURL`. */
export function urlText(expr: ts.Expression | undefined, source: ts.SourceFile): string | undefined {
  if (!expr) return undefined;
  if (ts.isStringLiteralLike(expr)) return expr.text;
  if (ts.isTemplateExpression(expr)) return expr.head.text || undefined;
  if (ts.isIdentifier(expr)) {
    const decl = declarationOf(expr, source);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return urlText(decl.initializer, source);
  }
  const options = ts.isObjectLiteralExpression(expr) ? expr : undefined;
  for (const prop of options?.properties ?? []) {
    const name = propName(prop);
    if ((name === 'baseURL' || name === 'prefixUrl' || name === 'url') && ts.isPropertyAssignment(prop)) return urlText(prop.initializer, source);
  }
  return undefined;
}

/** `a.b.c` → `a`. */
export function rootName(expr: ts.Expression): string | undefined {
  while (ts.isPropertyAccessExpression(expr)) expr = expr.expression;
  return ts.isIdentifier(expr) ? expr.text : undefined;
}

export function enclosingFunction(node: ts.Node): ts.Node {
  let scope: ts.Node = node;
  while (scope.parent && !ts.isFunctionLike(scope)) scope = scope.parent;
  return scope;
}

export function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}
