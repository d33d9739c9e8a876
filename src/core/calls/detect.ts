import { ts } from 'ts-morph';
import { singleKeyCall } from './callRecord';
import { AUTH_HEADER } from './credentialNames';
import type { CallLibrary, CallShape, SharedClientSetter, SingleKeyCall } from './model';
import { type Binding, CLIENT_FACTORIES, collectBindings, HELPER_CALLS, HTTP_MODULE_NAMES, KEY_SETTERS, libraryOf, REQUEST_METHODS, SDK_KEY_PROPS, SDKS } from './tsClients';
import { hasFallbackPath } from './tsFallback';
import { findKeyInRequest, type FoundKey, type KeyInCall, keyUseOf, resolveKey } from './tsKey';
import { objectLiteralOf, propName, rootName } from './tsScope';

/**
 * The single-key-call rule for TS/JS: which calls and assignments send a key (this file), where the key is and
 * comes from (tsKey.ts), which names are clients (tsClients.ts), and when a fallback path exists (tsFallback.ts).
 */

export interface DetectOptions {
  /** Report calls whose key is a literal too (the hardcoded-secret rule also reports the literal). Default true. */
  includeLiterals?: boolean;
}

/**
 * Finds HTTP calls and SDK clients authenticated by one key with no fallback path, in one walk over
 * the compiler's tree (no type checker: names are resolved within the file, as the rule promises).
 */
export function findSingleKeyCalls(source: ts.SourceFile, options: DetectOptions = {}): SingleKeyCall[] {
  const bindings = collectBindings(source);
  const calls: SingleKeyCall[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const call = classify(node, source, bindings);
      if (call && ((options.includeLiterals ?? true) || call.key.kind !== 'literal') && !hasFallbackPath(node, source, call)) calls.push(call);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const call = defaultsAssignment(node, source, bindings);
      if (call && !hasFallbackPath(node, source, call)) calls.push(call);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

function classify(node: ts.CallExpression | ts.NewExpression, source: ts.SourceFile, bindings: Map<string, Binding>): SingleKeyCall | undefined {
  const callee = node.expression;
  const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const calleeText = callee.getText(source);
  if (ts.isNewExpression(node)) {
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
    const root = ts.isIdentifier(callee) ? callee.text : rootName(callee);
    if (root === 'Request' || root === 'Headers') return undefined; // seen through the fetch that uses them
    const binding = root ? bindings.get(root) : undefined;
    if (!binding || binding.module.startsWith('.')) return undefined;
    return sdkClient(node, source, binding, args, `new ${calleeText}`);
  }
  // Helper calls themselves are never findings.
  if (ts.isIdentifier(callee) && HELPER_CALLS.test(callee.text)) return undefined;
  let library: CallLibrary | undefined;
  let method: string | undefined;
  if (ts.isIdentifier(callee)) library = libraryOf(callee.text, bindings);
  else if (ts.isPropertyAccessExpression(callee)) {
    const object = callee.expression;
    method = callee.name.text;
    if (ts.isIdentifier(object)) {
      if ((object.text === 'globalThis' || object.text === 'window' || object.text === 'self') && method === 'fetch') {
        library = 'fetch';
        method = undefined;
      } else library = libraryOf(object.text, bindings);
    }
    // axios.interceptors.request.use((config) => { … key … })
    if (!library && method === 'use' && ts.isPropertyAccessExpression(object) && object.name.text === 'request') {
      const inner = object.expression;
      if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'interceptors') return interceptor(node as ts.CallExpression, source, calleeText);
    }
  }
  // sgMail.setApiKey(key): an SDK module's shared client gets its key once, for every later request.
  if (!library && method !== undefined && KEY_SETTERS.test(method) && ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && node.arguments[0]) {
    const binding = bindings.get(callee.expression.text);
    if (binding && !binding.module.startsWith('.') && !HTTP_MODULE_NAMES.has(binding.module)) {
      const sdk = SDKS[binding.module];
      const provider = sdk?.provider ?? providerFromClass(binding.module.replace(/^@([\w-]+)\/.*$/, '$1').replace(/^\w/, (c) => c.toUpperCase()));
      const setter: SharedClientSetter = { binding: callee.expression.text, module: binding.module, method, ...sdk?.perKey };
      return build({ node, callee, library: 'sdk', shape: 'setter', calleeText, found: keyUseOf(node.arguments[0], source), sdkProvider: provider, setter }, source);
    }
  }
  if (!library) {
    // twilio(sid, token), createClient(url, key): SDK factories called without `new`.
    const root = ts.isIdentifier(callee) ? callee.text : undefined;
    const binding = root ? bindings.get(root) : undefined;
    if (binding && SDKS[binding.module]) return sdkClient(node, source, binding, args, calleeText);
    return undefined;
  }
  const shape: CallShape = method && CLIENT_FACTORIES[library]?.has(method) ? 'client' : 'request';
  if (shape === 'request' && method && !REQUEST_METHODS.has(method) && library !== 'undici') return undefined;
  const found = findKeyInRequest(args, source);
  if (!found) return undefined;
  return build({ node, callee, library, shape, calleeText, found }, source);
}

function sdkClient(node: ts.CallExpression | ts.NewExpression, source: ts.SourceFile, binding: Binding, args: readonly ts.Expression[], calleeText: string): SingleKeyCall | undefined {
  const sdk = SDKS[binding.module];
  const provider = sdk?.provider ?? providerFromClass(node.expression.getText(source));
  let found: KeyInCall | undefined;
  if (sdk?.arg !== undefined && args[sdk.arg] && !objectLiteralOf(args[sdk.arg]!, source)) found = keyUseOf(args[sdk.arg]!, source);
  const props = sdk?.props ? new RegExp(`^(?:${sdk.props.join('|')})$`) : SDK_KEY_PROPS;
  if (!found) {
    for (const arg of args) {
      const object = ts.isObjectLiteralExpression(arg) ? arg : undefined;
      for (const prop of object?.properties ?? []) {
        const name = propName(prop);
        if (name && props.test(name) && ts.isPropertyAssignment(prop)) found = keyUseOf(prop.initializer, source);
        else if (name && props.test(name) && ts.isShorthandPropertyAssignment(prop)) {
          found = { uses: [{ start: prop.getStart(source), end: prop.end, replacement: `${name}: $KEY` }], keyExpr: prop.name };
        }
      }
    }
  }
  if (!found) return undefined;
  return build({ node, callee: node.expression, library: 'sdk', shape: 'client', calleeText, found, sdkProvider: provider }, source);
}

function providerFromClass(name: string): string {
  return name.replace(/^new\s+/, '').replace(/(?:Client|Api|SDK)$/i, '') || 'SDK';
}

function interceptor(node: ts.CallExpression, source: ts.SourceFile, calleeText: string): SingleKeyCall | undefined {
  const fn = node.arguments[0];
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  let found: ts.BinaryExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && headerTarget(n.left)) found = n;
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  if (!found) return undefined;
  return build({ node, callee: node.expression, library: 'axios', shape: 'interceptor', calleeText, found: keyUseOf(found.right, source) }, source);
}

/** `x.headers.Authorization`, `x.headers['X-Api-Key']`, `x.headers.common.Authorization`. */
function headerTarget(left: ts.Expression): boolean {
  const name = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression) ? left.argumentExpression.text : undefined;
  return !!name && AUTH_HEADER.test(name) && /\.headers\b/.test(left.getText());
}

function defaultsAssignment(node: ts.BinaryExpression, source: ts.SourceFile, bindings: Map<string, Binding>): SingleKeyCall | undefined {
  if (!headerTarget(node.left) || !/\.defaults\.headers\b/.test(node.left.getText(source))) return undefined;
  const root = rootName(node.left as ts.Expression);
  const library = root ? libraryOf(root, bindings) ?? 'axios' : 'axios';
  return build({ node, callee: node.left, library, shape: 'defaults', calleeText: node.left.getText(source), found: keyUseOf(node.right, source) }, source);
}

/** One call the walk found: the node, what it calls and how, and where its key is. */
interface CallSite {
  node: ts.Node;
  /** What the squiggle covers (with `new` for a constructor). */
  callee: ts.Node;
  calleeText: string;
  library: CallLibrary;
  shape: CallShape;
  found: FoundKey;
  sdkProvider?: string;
  setter?: SharedClientSetter;
}

function build(site: CallSite, source: ts.SourceFile): SingleKeyCall | undefined {
  const { node, callee, library, found } = site;
  const key = resolveKey(found.keyExpr, source);
  if (!key) return undefined;
  // got(…).json() and ky.get(…).json(): the body helpers live on the returned promise, so they go inside the wrapper.
  let end = node.end;
  const parent = node.parent;
  if ((library === 'got' || library === 'ky') && ts.isPropertyAccessExpression(parent) && /^(?:json|text|buffer|blob|arrayBuffer|formData)$/.test(parent.name.text) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
    end = parent.parent.end;
  }
  return singleKeyCall({
    library,
    shape: site.shape,
    callee: site.calleeText,
    start: node.getStart(source),
    end,
    calleeStart: ts.isNewExpression(node) ? node.getStart(source) : callee.getStart(source),
    calleeEnd: callee.end,
    keyUses: found.uses,
    key,
    ...(found.url !== undefined ? { url: found.url } : {}),
    ...(site.sdkProvider !== undefined ? { sdkProvider: site.sdkProvider } : {}),
    ...(found.body ? { body: { start: found.body.getStart(source), end: found.body.end } } : {}),
    ...(found.held ? { held: found.held } : {}),
    ...(site.setter ? { setter: site.setter } : {}),
  });
}
