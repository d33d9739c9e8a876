import { ts } from 'ts-morph';
import { fromUrl, envNameFor, serviceFor } from './naming';
import type { CallLibrary, CallShape, KeySource, KeyUse, SingleKeyCall } from './model';

/** Modules whose default (or named) export is an HTTP client. */
const HTTP_MODULES: Record<string, CallLibrary> = { axios: 'axios', got: 'got', ky: 'ky', undici: 'undici', 'node-fetch': 'node-fetch', 'cross-fetch': 'node-fetch', 'isomorphic-fetch': 'node-fetch' };

/** SDK modules, their provider, and where the key goes: a positional argument or an options property. */
const SDKS: Record<string, { provider: string; arg?: number; props?: string[] }> = {
  stripe: { provider: 'Stripe', arg: 0 },
  openai: { provider: 'OpenAI', props: ['apiKey'] },
  '@anthropic-ai/sdk': { provider: 'Anthropic', props: ['apiKey', 'authToken'] },
  resend: { provider: 'Resend', arg: 0 },
  twilio: { provider: 'Twilio', arg: 1 },
  '@octokit/rest': { provider: 'GitHub', props: ['auth'] },
  octokit: { provider: 'GitHub', props: ['auth'] },
  '@slack/web-api': { provider: 'Slack', arg: 0 },
  '@supabase/supabase-js': { provider: 'Supabase', arg: 1 },
  '@mistralai/mistralai': { provider: 'Mistral', props: ['apiKey'] },
  'groq-sdk': { provider: 'Groq', props: ['apiKey'] },
  'cohere-ai': { provider: 'Cohere', props: ['token'] },
  replicate: { provider: 'Replicate', props: ['auth'] },
  '@pinecone-database/pinecone': { provider: 'Pinecone', props: ['apiKey'] },
  '@google/generative-ai': { provider: 'Google', arg: 0 },
};

const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'paginate']);
const CLIENT_FACTORIES: Partial<Record<CallLibrary, Set<string>>> = { axios: new Set(['create']), got: new Set(['extend']), ky: new Set(['create', 'extend']) };
/** Header names that carry a credential. */
const AUTH_HEADER = /^(?:authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-token|private-token|x-goog-api-key|ocp-apim-subscription-key|x-[\w-]*(?:key|token|secret))$/i;
/** Query / option names that carry one. */
const KEY_PARAM = /^(?:api[-_]?key|apikey|key|token|access[-_]?token|auth[-_]?token|secret|client[-_]?secret)$/i;
/** Names a generic SDK constructor takes its key in. */
const SDK_KEY_PROPS = /^(?:apiKey|api_key|authToken|accessToken|token|auth|secretKey)$/;
/** The generated helper, or a hand-written fallback: calls inside these already have a fallback path. */
const HELPER_CALLS = /^(?:withKeyFallback|withFallbackClient)$/;

interface Binding {
  module: string;
  /** `default`, `*` or the imported name. */
  imported: string;
}

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

function collectBindings(source: ts.SourceFile): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const module = stmt.moduleSpecifier.text;
      const clause = stmt.importClause;
      if (clause?.name) bindings.set(clause.name.text, { module, imported: 'default' });
      const named = clause?.namedBindings;
      if (named && ts.isNamespaceImport(named)) bindings.set(named.name.text, { module, imported: '*' });
      if (named && ts.isNamedImports(named)) for (const el of named.elements) bindings.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
    } else if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const req = requireOf(decl.initializer);
        if (!req) continue;
        if (ts.isIdentifier(decl.name)) bindings.set(decl.name.text, { module: req.module, imported: req.member ?? 'default' });
        else if (ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) if (ts.isIdentifier(el.name)) bindings.set(el.name.text, { module: req.module, imported: el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text });
        }
      }
    }
  }
  return bindings;
}

function requireOf(init: ts.Expression | undefined): { module: string; member?: string } | undefined {
  if (!init) return undefined;
  if (ts.isPropertyAccessExpression(init) && init.name.text === 'default') return requireOf(init.expression);
  if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) return { module: init.arguments[0].text };
  return undefined;
}

/** The HTTP library an identifier stands for: an import of one, or the global `fetch`. */
function libraryOf(name: string, bindings: Map<string, Binding>): CallLibrary | undefined {
  const binding = bindings.get(name);
  if (binding) {
    const lib = HTTP_MODULES[binding.module];
    if (lib === 'undici') return binding.imported === 'request' || binding.imported === 'fetch' ? 'undici' : undefined;
    return lib;
  }
  if (name === 'fetch') return 'fetch';
  // Scripts that load a client globally (a CDN <script>) still call it by its usual name.
  if (name === 'axios' || name === 'ky') return name;
  return undefined;
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
  if (!library) {
    // twilio(sid, token), createClient(url, key): SDK factories called without `new`.
    const root = ts.isIdentifier(callee) ? callee.text : undefined;
    const binding = root ? bindings.get(root) : undefined;
    if (binding && SDKS[binding.module]) return sdkClient(node, source, binding, args, calleeText);
    return undefined;
  }
  const shape: CallShape = method && CLIENT_FACTORIES[library]?.has(method) ? 'client' : 'request';
  if (shape === 'request' && method && !REQUEST_METHODS.has(method) && library !== 'undici') return undefined;
  const found = findKeyInRequest(args, source, library);
  if (!found) return undefined;
  return build(node, source, callee, library, shape, calleeText, found.uses, found.keyExpr, found.url, found.body);
}

function rootName(expr: ts.Expression): string | undefined {
  while (ts.isPropertyAccessExpression(expr)) expr = expr.expression;
  return ts.isIdentifier(expr) ? expr.text : undefined;
}

interface FoundKey {
  uses: KeyUse[];
  keyExpr: ts.Expression;
  url?: string;
  body?: ts.Expression;
}

/** Looks for the key in a request's options: headers (object, `new Headers`), query params, the URL, `new Request`. */
function findKeyInRequest(args: readonly ts.Expression[], source: ts.SourceFile, library: CallLibrary): FoundKey | undefined {
  const url = urlText(args[0], source);
  let body: ts.Expression | undefined;
  for (const [i, arg] of args.entries()) {
    // fetch(new Request(url, init))
    if (ts.isNewExpression(arg) && ts.isIdentifier(arg.expression) && arg.expression.text === 'Request' && arg.arguments) {
      const found = findKeyInRequest(arg.arguments, source, library);
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

function keyInHeaders(expr: ts.Expression, source: ts.SourceFile): { uses: KeyUse[]; keyExpr: ts.Expression } | undefined {
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
function keyInUrl(expr: ts.Expression, source: ts.SourceFile): { uses: KeyUse[]; keyExpr: ts.Expression } | undefined {
  if (ts.isTemplateExpression(expr)) {
    let before = expr.head.text;
    for (const span of expr.templateSpans) {
      if (/[?&](?:api[-_]?key|apikey|key|token|access_token)=$/i.test(before)) return { uses: [{ start: span.expression.getStart(source), end: span.expression.end, replacement: '$KEY' }], keyExpr: span.expression };
      before = span.literal.text;
    }
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = expr.left;
    const leftText = ts.isStringLiteralLike(left) ? left.text : ts.isBinaryExpression(left) && ts.isStringLiteralLike(left.right) ? left.right.text : '';
    if (/[?&](?:api[-_]?key|apikey|key|token|access_token)=$/i.test(leftText)) return { uses: [{ start: expr.right.getStart(source), end: expr.right.end, replacement: '$KEY' }], keyExpr: expr.right };
  }
  return undefined;
}

/**
 * The key inside a header value: `Bearer ${KEY}` → KEY, `'Bearer ' + KEY` → KEY, `'Bearer sk_…'`
 * → the literal (replaced by a template that keeps the scheme), KEY → KEY.
 */
function keyUseOf(value: ts.Expression, source: ts.SourceFile): { uses: KeyUse[]; keyExpr: ts.Expression } {
  if (ts.isTemplateExpression(value) && value.templateSpans.length >= 1) {
    const span = value.templateSpans[value.templateSpans.length - 1]!;
    return { uses: [{ start: span.expression.getStart(source), end: span.expression.end, replacement: '$KEY' }], keyExpr: span.expression };
  }
  if (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isStringLiteralLike(value.left)) {
    return { uses: [{ start: value.right.getStart(source), end: value.right.end, replacement: '$KEY' }], keyExpr: value.right };
  }
  if (ts.isStringLiteralLike(value)) {
    const scheme = /^((?:Bearer|Basic|Token|token|Bot|ApiKey|Key)\s+)/.exec(value.text)?.[1];
    const replacement = scheme ? `\`${scheme}\${$KEY}\`` : '$KEY';
    return { uses: [{ start: value.getStart(source), end: value.end, replacement }], keyExpr: value };
  }
  return { uses: [{ start: value.getStart(source), end: value.end, replacement: '$KEY' }], keyExpr: value };
}

function sdkClient(node: ts.CallExpression | ts.NewExpression, source: ts.SourceFile, binding: Binding, args: readonly ts.Expression[], calleeText: string): SingleKeyCall | undefined {
  const sdk = SDKS[binding.module];
  const provider = sdk?.provider ?? providerFromClass(node.expression.getText(source));
  let found: { uses: KeyUse[]; keyExpr: ts.Expression } | undefined;
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
  return build(node, source, node.expression, 'sdk', 'client', calleeText, found.uses, found.keyExpr, undefined, undefined, provider);
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
  const use = keyUseOf(found.right, source);
  return build(node, source, node.expression, 'axios', 'interceptor', calleeText, use.uses, use.keyExpr);
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
  const use = keyUseOf(node.right, source);
  return build(node, source, node.left, library, 'defaults', node.left.getText(source), use.uses, use.keyExpr);
}

function build(node: ts.Node, source: ts.SourceFile, callee: ts.Node, library: CallLibrary, shape: CallShape, calleeText: string, uses: KeyUse[], keyExpr: ts.Expression, url?: string, body?: ts.Expression, sdkProvider?: string): SingleKeyCall | undefined {
  const key = resolveKey(keyExpr, source, 0);
  if (!key) return undefined;
  const fromHost = fromUrl(url);
  const provider = sdkProvider ?? fromHost.provider ?? 'HTTP';
  const envName = envNameFor(key, provider, fromHost.stem);
  const calleeStart = ts.isNewExpression(node) ? node.getStart(source) : callee.getStart(source);
  // got(…).json() and ky.get(…).json(): the body helpers live on the returned promise, so they go inside the wrapper.
  let end = node.end;
  const parent = node.parent;
  if ((library === 'got' || library === 'ky') && ts.isPropertyAccessExpression(parent) && /^(?:json|text|buffer|blob|arrayBuffer|formData)$/.test(parent.name.text) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
    end = parent.parent.end;
  }
  const call: SingleKeyCall = {
    library,
    shape,
    callee: calleeText.replace(/\s+/g, ' '),
    provider,
    start: node.getStart(source),
    end,
    calleeStart,
    calleeEnd: callee.end,
    keyUses: uses,
    key,
    envName,
    service: serviceFor(envName),
  };
  if (body) call.body = { start: body.getStart(source), end: body.end };
  return call;
}

/** Follows the key expression within the file: literal, env read, parameter, module constant. */
export function resolveKey(expr: ts.Expression, source: ts.SourceFile, depth: number): KeySource | undefined {
  while (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) || ts.isAsExpression(expr)) expr = expr.expression;
  if (ts.isStringLiteralLike(expr)) return expr.text.length >= 8 && !/^\s*$/.test(expr.text) ? { kind: 'literal', start: expr.getStart(source) + 1, end: expr.end - 1 } : undefined;
  const env = envRead(expr, source);
  if (env) return { kind: 'env', name: env };
  if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    const left = resolveKey(expr.left, source, depth + 1);
    if (left) return left;
  }
  if (ts.isIdentifier(expr) && depth < 4) {
    const decl = declarationOf(expr, source);
    if (decl && ts.isParameter(decl)) return { kind: 'parameter', name: expr.text };
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

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `requireEnv('X')`, `Deno.env.get('X')`. */
function envRead(expr: ts.Expression, source: ts.SourceFile): string | undefined {
  if (ts.isCallExpression(expr) && expr.arguments.length === 1 && ts.isStringLiteralLike(expr.arguments[0]!)) {
    const callee = expr.expression.getText(source);
    if (callee === 'requireEnv' || callee === 'Deno.env.get' || callee === 'Bun.env.get') return expr.arguments[0].text;
  }
  let object: ts.Expression | undefined;
  let name: string | undefined;
  if (ts.isPropertyAccessExpression(expr)) {
    object = expr.expression;
    name = expr.name.text;
  } else if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) {
    object = expr.expression;
    name = expr.argumentExpression.text;
  }
  if (!object || !name) return undefined;
  return /^(?:process\.env|import\.meta\.env|globalThis\.process\.env|Bun\.env)$/.test(object.getText(source).replace(/\s+/g, '')) ? name : undefined;
}

/** The nearest declaration of an identifier visible at its use (parameters, then variables, innermost scope first). */
function declarationOf(id: ts.Identifier, source: ts.SourceFile): ts.ParameterDeclaration | ts.VariableDeclaration | undefined {
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      const param = scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
      if (param) return param;
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope)) {
      for (const stmt of scope.statements) {
        if (!ts.isVariableStatement(stmt)) continue;
        const decl = stmt.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === id.text);
        if (decl && decl.getStart(source) < id.getStart(source)) return decl;
      }
    }
  }
  return undefined;
}

/** An object literal argument, or an identifier bound to one in this file (`const options = { headers }`). */
function objectLiteralOf(expr: ts.Expression, source: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) expr = expr.expression;
  if (ts.isObjectLiteralExpression(expr)) return expr;
  if (ts.isIdentifier(expr)) {
    const decl = declarationOf(expr, source);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isObjectLiteralExpression(decl.initializer)) return decl.initializer;
  }
  return undefined;
}

function propName(prop: ts.ObjectLiteralElementLike): string | undefined {
  const name = prop.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) return name.text;
  return undefined;
}

function urlText(expr: ts.Expression | undefined, source: ts.SourceFile): string | undefined {
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

/**
 * Quiet when a fallback path exists: inside the generated helper's call, a key named as a primary or
 * fallback slot, or code around the call that checks 401/403 and mentions another key.
 */
function hasFallbackPath(node: ts.Node, source: ts.SourceFile, call: SingleKeyCall): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && HELPER_CALLS.test(n.expression.text)) return true;
  }
  const keyText = JSON.stringify(call.key);
  if (/_(?:PRIMARY|FALLBACK)\b|fallback|secondary|backup/i.test(keyText)) return true;
  const scope = enclosingFunction(node);
  if (retriesWithAnotherKey(scope.getText(source), 1)) return true;
  // The key is a parameter of a small request function: its callers may do the retry (issue 15.6).
  const name = call.key.kind === 'parameter' && ts.isFunctionLike(scope) ? functionName(scope) : undefined;
  return name !== undefined && callersRetry(source, name);
}

function enclosingFunction(node: ts.Node): ts.Node {
  let scope: ts.Node = node;
  while (scope.parent && !ts.isFunctionLike(scope)) scope = scope.parent;
  return scope;
}

/**
 * Code that checks 401/403 and either names another key (fallback, secondary, next key…) or calls the
 * request function again (`calls` or more times) is a retry with another key already.
 */
function retriesWithAnotherKey(text: string, calls: number, name?: string): boolean {
  if (!/\b40[13]\b/.test(text)) return false;
  if (/fallback|secondary|backup|next_?key|old_?key|rotat/i.test(text)) return true;
  return name !== undefined && (text.match(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`, 'g')) ?? []).length >= calls;
}

function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
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
