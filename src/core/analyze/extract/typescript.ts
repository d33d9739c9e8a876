import { ts } from 'ts-morph';
import { type Candidate, type Extraction, pushCandidate } from '../candidate';
import { checkAbort } from '../abort';

/**
 * Collects string literals with the names they are bound to, walking the compiler's own AST top-down
 * (no ts-morph wrappers: they allocate a wrapper per node and are an order of magnitude slower).
 * Type-level strings, module specifiers and property keys are never candidates.
 */
export function extractTypeScript(path: string, text: string, signal?: AbortSignal, interesting?: readonly number[], retain = true): Extraction {
  if (interesting && interesting.length === 0) return { candidates: [], notes: [] };
  const sf = retain ? parseCached(path, text) : parse(path, text);
  // Only subtrees that contain an interesting string are walked (offsets ascending).
  const contains = (pos: number, end: number): boolean => {
    if (!interesting) return true;
    let lo = 0;
    let hi = interesting.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (interesting[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < interesting.length && interesting[lo]! < end;
  };
  const out: Candidate[] = [];
  let visited = 0;

  const literal = (node: ts.Node, names: string[]): void => {
    if (names.length === 0) return;
    const start = node.getStart(sf) + 1;
    const end = node.kind === ts.SyntaxKind.TemplateHead || node.kind === ts.SyntaxKind.TemplateMiddle ? node.end - 2 : node.end - 1;
    if (end - start >= 8) pushCandidate(out, text, start, end - start, names);
  };

  const visit = (node: ts.Node, names: string[]): void => {
    if ((++visited & 1023) === 0) checkAbort(signal);
    const k = node.kind;
    if (!contains(node.pos, node.end)) return;
    if (k >= ts.SyntaxKind.FirstTypeNode && k <= ts.SyntaxKind.LastTypeNode) return;
    switch (k) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return literal(node, names);
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.ExportDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        return;
      case ts.SyntaxKind.VariableDeclaration: {
        const n = node as ts.VariableDeclaration;
        visit(n.name, []);
        if (n.initializer) visit(n.initializer, [nameText(n.name)]);
        return;
      }
      case ts.SyntaxKind.PropertyAssignment: {
        const n = node as ts.PropertyAssignment;
        if (n.name.kind === ts.SyntaxKind.ComputedPropertyName) visit(n.name, []);
        return visit(n.initializer, [nameText(n.name)]);
      }
      case ts.SyntaxKind.PropertyDeclaration:
      case ts.SyntaxKind.Parameter:
      case ts.SyntaxKind.BindingElement:
      case ts.SyntaxKind.EnumMember:
      case ts.SyntaxKind.JsxAttribute: {
        const n = node as ts.PropertyDeclaration | ts.ParameterDeclaration | ts.BindingElement | ts.EnumMember | ts.JsxAttribute;
        const name = nameText(n.name as ts.Node);
        ts.forEachChild(node, (child) => visit(child, child === n.initializer ? [name] : []));
        return;
      }
      case ts.SyntaxKind.JsxExpression: {
        const n = node as ts.JsxExpression;
        if (n.expression) visit(n.expression, names);
        return;
      }
      case ts.SyntaxKind.BinaryExpression:
        return binary(node as ts.BinaryExpression, names);
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression:
        return call(node as ts.CallExpression | ts.NewExpression);
      case ts.SyntaxKind.ElementAccessExpression: {
        const n = node as ts.ElementAccessExpression;
        visit(n.expression, []);
        if (!ts.isStringLiteralLike(n.argumentExpression)) visit(n.argumentExpression, []);
        return;
      }
      case ts.SyntaxKind.TemplateExpression: {
        const n = node as ts.TemplateExpression;
        literal(n.head, names);
        for (const span of n.templateSpans) {
          visit(span.expression, []);
          literal(span.literal, names);
        }
        return;
      }
      case ts.SyntaxKind.ConditionalExpression: {
        const n = node as ts.ConditionalExpression;
        visit(n.condition, []);
        visit(n.whenTrue, names);
        return visit(n.whenFalse, names);
      }
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
      case ts.SyntaxKind.AwaitExpression:
      case ts.SyntaxKind.ArrayLiteralExpression:
        return ts.forEachChild(node, (child) => visit(child, names));
      default:
        return ts.forEachChild(node, (child) => visit(child, []));
    }
  };

  const binary = (n: ts.BinaryExpression, names: string[]): void => {
    const op = n.operatorToken.kind;
    if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) {
      visit(n.left, []);
      return visit(n.right, [nameOf(n.left)]);
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      // `process.env.STRIPE_KEY ?? "sk_live_…"`: the fallback is bound to the env name and to the declaration.
      visit(n.left, names);
      return visit(n.right, [...names, nameOf(n.left)]);
    }
    if (op === ts.SyntaxKind.PlusToken) {
      visit(n.left, names);
      return visit(n.right, names);
    }
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) {
      // `if (req.headers['x-api-key'] === "…")`: a hardcoded comparison is a hardcoded secret too.
      visit(n.left, [nameOf(n.right)]);
      return visit(n.right, [nameOf(n.left)]);
    }
    visit(n.left, []);
    visit(n.right, []);
  };

  const call = (n: ts.CallExpression | ts.NewExpression): void => {
    visit(n.expression, []);
    const callee = nameOf(n.expression);
    if (n.expression.kind === ts.SyntaxKind.ImportKeyword || callee === 'require') return;
    const args = n.arguments ?? [];
    // headers.set('Authorization', '…'), getenv('API_KEY', '…'): an earlier string argument names the later ones.
    const first = args.length > 1 && ts.isStringLiteralLike(args[0]!) ? args[0].text : '';
    const keyAt = keyArgument(n.expression);
    args.forEach((arg, i) => visit(arg, i === keyAt ? [callee, 'secret'] : i > 0 && first ? [callee, first] : [callee]));
  };

  visit(sf, []);
  return { candidates: out, notes: [] };
}

/**
 * Calls whose argument at an index is a key by definition, though nothing names it: `jwt.sign(payload, "…")`,
 * `crypto.createHmac("sha256", "…")`. The most common hardcoded secret in Node code has no secret-like name.
 */
const KEY_ARGUMENT = new Map([['createHmac', 1], ['createCipheriv', 1], ['createDecipheriv', 1], ['createSecretKey', 0]]);
const JWT_RECEIVER = /^(?:jwt|jsonwebtoken|jws|JWT)$/;

function keyArgument(callee: ts.Expression): number | undefined {
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if ((method === 'sign' || method === 'verify') && ts.isIdentifier(callee.expression) && JWT_RECEIVER.test(callee.expression.text)) return 1;
    return KEY_ARGUMENT.get(method);
  }
  return ts.isIdentifier(callee) ? KEY_ARGUMENT.get(callee.text) : undefined;
}

function nameText(name: ts.Node): string {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isJsxNamespacedName(name)) return name.name.text;
  return '';
}

function nameOf(expr: ts.Expression): string {
  let e: ts.Expression = expr;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (ts.isIdentifier(e) || ts.isPrivateIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  if (ts.isCallExpression(e)) return nameOf(e.expression);
  return '';
}

/* ---------- incremental parse cache ---------- */

interface Cached {
  text: string;
  sf: ts.SourceFile;
}
const cache = new Map<string, Cached>();
const CACHE_SIZE = 16;

function scriptKind(path: string): ts.ScriptKind {
  const p = path.toLowerCase();
  if (p.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (p.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(p)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function parse(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKind(path));
}

/**
 * Re-analysis of an edited document reuses the previous tree: the change range is the span between
 * the common prefix and suffix, and the compiler's incremental parser re-parses only what it touched.
 */
function parseCached(path: string, text: string): ts.SourceFile {
  const previous = cache.get(path);
  let sf: ts.SourceFile;
  if (previous && previous.text === text) {
    sf = previous.sf;
  } else if (previous && Math.abs(previous.text.length - text.length) < 64 * 1024) {
    const old = previous.text;
    let prefix = 0;
    const max = Math.min(old.length, text.length);
    while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
    const change = ts.createTextChangeRange(ts.createTextSpan(prefix, old.length - prefix - suffix), text.length - prefix - suffix);
    sf = ts.updateSourceFile(previous.sf, text, change);
  } else {
    sf = parse(path, text);
  }
  cache.delete(path);
  cache.set(path, { text, sf });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return sf;
}

/** Drops the cached tree of a closed document. */
export function forgetTypeScript(path: string): void {
  cache.delete(path);
}
