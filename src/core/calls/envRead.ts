import { ts } from 'ts-morph';

/**
 * The one recognizer of "this expression reads an environment variable", for the single-key-call rule (where
 * a call's key comes from) and the move-to-env fix (a literal that is only the default of an env read).
 */

/** Objects whose properties are environment variables (Node, Vite, Bun). */
const ENV_OBJECT = /^(?:process\.env|globalThis\.process\.env|import\.meta\.env|Bun\.env)$/;
/** Calls that take a variable's name and return its value (`requireEnv` is the helper the fix generates). */
const ENV_GETTER = new Set(['Deno.env.get', 'Bun.env.get', 'requireEnv']);

function unwrap(expr: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) expr = expr.expression;
  return expr;
}

function isEnvObject(expr: ts.Expression, source?: ts.SourceFile): boolean {
  return ENV_OBJECT.test(unwrap(expr).getText(source).replace(/\s+/g, ''));
}

/**
 * The variable an expression reads: `process.env.X`, `process.env['X']`, `globalThis.process.env.X`,
 * `import.meta.env.X`, `Bun.env.X`, `Deno.env.get('X')`, `requireEnv('X')` → `X`.
 */
export function envReadName(expr: ts.Expression, source?: ts.SourceFile): string | undefined {
  expr = unwrap(expr);
  if (ts.isCallExpression(expr)) {
    const [arg] = expr.arguments;
    return expr.arguments.length === 1 && arg && ts.isStringLiteralLike(arg) && ENV_GETTER.has(expr.expression.getText(source).replace(/\s+/g, '')) ? arg.text : undefined;
  }
  if (ts.isPropertyAccessExpression(expr)) return isEnvObject(expr.expression, source) ? expr.name.text : undefined;
  if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) return isEnvObject(expr.expression, source) ? expr.argumentExpression.text : undefined;
  return undefined;
}

/** The variable a destructuring reads: `const { X } = process.env`, `const { X: key = '…' } = Bun.env` → `X`. */
export function envBindingName(element: ts.BindingElement, source?: ts.SourceFile): string | undefined {
  const pattern = element.parent;
  const declaration = pattern.parent;
  if (element.dotDotDotToken || !ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (!isEnvObject(declaration.initializer, source)) return undefined;
  const property = element.propertyName ?? element.name;
  return ts.isIdentifier(property) || ts.isStringLiteralLike(property) ? property.text : undefined;
}

// ---------------------------------------------------------------- Python (read from source text)

/** `os.getenv` / `os.environ.get` (or `getenv` / `environ.get` imported from os), up to the name argument. */
const PY_GETTER = String.raw`(?<![\w.])(?:os\.)?(?:getenv|environ\.get)\(\s*(["'])([A-Za-z_]\w*)\1`;
const PY_READ = new RegExp(String.raw`^(?:(?<![\w.])(?:os\.)?environ\[\s*(["'])([A-Za-z_]\w*)\1\s*\]|${PY_GETTER}[^)]*\))$`);
const PY_DEFAULT_OPEN = new RegExp(String.raw`${PY_GETTER}\s*,\s*$`);

/** The variable a whole Python expression reads: `os.environ["X"]`, `os.environ.get("X", d)`, `os.getenv("X")` → `X`. */
export function pythonEnvReadName(expr: string): string | undefined {
  const m = PY_READ.exec(expr.trim());
  return m ? (m[2] ?? m[4]) : undefined;
}

/**
 * An env read whose default argument comes next: the text ends in `os.getenv("X", ` or `os.environ.get("X", `.
 * The variable and the length of that text (from `os.` to the default).
 */
export function pythonEnvDefaultOpen(before: string): { name: string; length: number } | undefined {
  const m = PY_DEFAULT_OPEN.exec(before);
  return m ? { name: m[2]!, length: m[0].length } : undefined;
}
