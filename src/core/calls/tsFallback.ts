import { ts } from 'ts-morph';
import { ANOTHER_KEY, AUTH_FAILURE_STATUS, SLOT_KEY_NAME } from './credentialNames';
import type { SingleKeyCall } from './model';
import { HELPER_CALLS } from './tsClients';
import { enclosingFunction, functionName } from './tsScope';

/**
 * Quiet when a fallback path exists: inside the generated helper's call, a key named as a primary or
 * fallback slot, or code around the call that checks 401/403 and mentions another key.
 */
export function hasFallbackPath(node: ts.Node, source: ts.SourceFile, call: SingleKeyCall): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && HELPER_CALLS.test(n.expression.text)) return true;
  }
  if (SLOT_KEY_NAME.test(JSON.stringify(call.key))) return true;
  const scope = enclosingFunction(node);
  if (retriesWithAnotherKey(scope.getText(source), 1)) return true;
  // The key is a parameter of a small request function: its callers may do the retry (issue 15.6).
  const name = call.key.kind === 'parameter' && ts.isFunctionLike(scope) ? functionName(scope) : undefined;
  return name !== undefined && callersRetry(source, name);
}

/**
 * Code that checks 401/403 and either names another key (fallback, secondary, next key…) or calls the
 * request function again (`calls` or more times) is a retry with another key already.
 */
function retriesWithAnotherKey(text: string, calls: number, name?: string): boolean {
  if (!AUTH_FAILURE_STATUS.test(text)) return false;
  if (ANOTHER_KEY.test(text)) return true;
  return name !== undefined && (text.match(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`, 'g')) ?? []).length >= calls;
}

/** Whether a caller of `name` in this file checks 401/403 and retries with another key (or calls it twice). */
function callersRetry(source: ts.SourceFile, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const called = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (called === name && retriesWithAnotherKey(enclosingFunction(node).getText(source), 2, name)) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
