import type { ts } from 'ts-morph';
import { keyIsCredentialOf } from '../attribution';
import { type Candidate, CLIENT_CALLEE, clientCredentialIsLast, clientCredentialName, type Extraction, type KeyArgument, keyArgumentOf, keyArgumentsOf, namesSecretClass, PAIR_LABEL, PAIR_VALUE, parameterNames, pushCandidate, pushJoined, URL_NAME_ENDS, VALUE_WORD, VALUE_WRAPPER, withParent } from '../candidate';
import { checkAbort } from '../abort';
import { lastAtOrBefore } from '../../vocabulary/positions';
import { loadTypeScript } from '../typescriptLoader';
import { embeddedSettings, printedMembers } from './embedded';
import { statementSlices } from './slices';

/** The compiler, bound at the first extraction (see loadTypeScript); every helper below runs after that. */
let T: typeof ts;

/**
 * Collects string literals with the names they are bound to, walking the compiler's own AST top-down
 * (no ts-morph wrappers: they allocate a wrapper per node and are an order of magnitude slower).
 * Type-level strings, module specifiers and property keys are never candidates.
 */
export function extractTypeScript(path: string, text: string, signal?: AbortSignal, interesting?: readonly number[], retain = true): Extraction {
  if (interesting && interesting.length === 0) return { candidates: [], notes: [] };
  T ??= loadTypeScript();
  const part = retain || !interesting ? undefined : parseStatements(path, text, interesting);
  const sf = part?.sf ?? (retain ? parseCached(path, text) : parse(path, text));
  // A partial tree has its own offsets: the interesting ones are mapped into it, its literals back to the text.
  const toText = part?.toText ?? ((at: number) => at);
  if (part && interesting) interesting = interesting.map(part.fromText);
  // Only subtrees that contain an interesting string are walked (offsets ascending).
  const firstFrom = (pos: number): number => {
    let lo = 0;
    let hi = interesting!.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (interesting![mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const contains = (pos: number, end: number): boolean => {
    if (!interesting) return true;
    const lo = firstFrom(pos);
    return lo < interesting.length && interesting[lo]! < end;
  };
  const out: Candidate[] = [];
  let visited = 0;
  let usesRead = 0;
  // A retained tree is the previous one updated (parseCached): the compiler reuses the nodes an edit did not touch.
  const memo = retain && !part && interesting ? visitMemo : undefined;

  const literal = (node: ts.Node, names: string[]): void => {
    if (names.length === 0) return;
    const start = toText(node.getStart(sf) + 1);
    const end = toText(node.kind === T.SyntaxKind.TemplateHead || node.kind === T.SyntaxKind.TemplateMiddle ? node.end - 2 : node.end - 1);
    if (end - start >= 8) pushCandidate(out, text, start, end - start, names);
  };

  const visit = (node: ts.Node, names: string[]): void => {
    if ((++visited & 1023) === 0) checkAbort(signal);
    if (!contains(node.pos, node.end)) return;
    if (memo && names.length === 0 && node.end - node.pos >= MEMO_MIN_CHARS) return visitRemembered(node);
    visitNode(node, names);
  };

  /**
   * visit(node, []) through the memo: a subtree's candidates, visited with no name, depend only on its own text and on
   * which of its strings are interesting, so a node the compiler reused from the previous tree (same object, its text
   * unchanged, only shifted) gives the candidates it gave last time, shifted, without being walked again.
   */
  const visitRemembered = (node: ts.Node): void => {
    const from = firstFrom(node.pos);
    let to = from;
    while (to < interesting!.length && interesting![to]! < node.end) to++;
    const seen = memo!.get(node);
    if (seen && seen.end - seen.pos === node.end - node.pos && sameShifted(seen.interesting, seen.pos, interesting!, from, to, node.pos)) {
      const shift = node.pos - seen.pos;
      for (const c of seen.candidates) out.push({ ...c, offset: c.offset + shift });
      return;
    }
    const before = out.length;
    const readBefore = usesRead;
    visitNode(node, []);
    // A constant's names from its uses (namesByUse) depend on text outside the subtree: not remembered.
    if (usesRead === readBefore) memo!.set(node, { pos: node.pos, end: node.end, interesting: interesting!.slice(from, to), candidates: out.slice(before) });
  };

  const visitNode = (node: ts.Node, names: string[]): void => {
    const k = node.kind;
    if (k >= T.SyntaxKind.FirstTypeNode && k <= T.SyntaxKind.LastTypeNode) return;
    switch (k) {
      case T.SyntaxKind.StringLiteral:
        // JSON printed in a string (`JSON.parse('{"apiKey": "…"}')`, a request body): its members, by their names.
        out.push(...printedMembers(text, toText(node.getStart(sf) + 1), toText(node.end - 1)));
        return literal(node, names);
      case T.SyntaxKind.NoSubstitutionTemplateLiteral:
        // A settings file in a template: its lines, as the text they are.
        out.push(...embeddedSettings(text, toText(node.getStart(sf) + 1), toText(node.end - 1)));
        return literal(node, names);
      case T.SyntaxKind.ImportDeclaration:
      case T.SyntaxKind.ImportEqualsDeclaration:
      case T.SyntaxKind.ExportDeclaration:
      case T.SyntaxKind.InterfaceDeclaration:
      case T.SyntaxKind.TypeAliasDeclaration:
        return;
      case T.SyntaxKind.VariableDeclaration: {
        const n = node as ts.VariableDeclaration;
        visit(n.name, []);
        if (!n.initializer) return;
        const name = nameText(n.name);
        // `const KEY = '…'` and, further down, `authorization: \`Bearer ${KEY}\``: a constant whose own name is one short
        // word is named by its uses too. A longer name (`SEARCH_API`) stays the value's name: the fix's env name is taken from it.
        const init = skipOuter(n.initializer);
        const read = T.isIdentifier(n.name) && SHORT_WORD.test(name) && (T.isStringLiteral(init) || T.isNoSubstitutionTemplateLiteral(init)) && usesRead++ < MAX_USES_READ;
        visit(n.initializer, read ? [name, ...namesByUse(text, name, toText(n.end))] : [name]);
        return;
      }
      case T.SyntaxKind.ObjectLiteralExpression: {
        // Its members are named by what the object is bound to too (`encryption: { key: "…" }`); in a pair object
        // (`{ name: "API_TOKEN", value: "…" }`) the label's string names the value field.
        const labels = pairLabels((node as ts.ObjectLiteralExpression).properties);
        return T.forEachChild(node, (child) => {
          if (!T.isPropertyAssignment(child)) return visit(child, []);
          if (child.name.kind === T.SyntaxKind.ComputedPropertyName) visit(child.name, []);
          const key = nameText(child.name);
          // `new aws.ssm.Parameter("stripe-secret-key", { type: "SecureString", value: "…" })`: a call's earlier string
          // names its options' `value` as it names a later string argument (call()).
          const named = VALUE_WORD.test(key) && names.length > 1 ? [...withParent(key, names[0]), ...names.slice(1)] : withParent(key, names[0]);
          visit(child.initializer, labels.length && PAIR_VALUE.test(key) ? [key, ...labels] : named);
        });
      }
      case T.SyntaxKind.PropertyAssignment: {
        const n = node as ts.PropertyAssignment;
        if (n.name.kind === T.SyntaxKind.ComputedPropertyName) visit(n.name, []);
        return visit(n.initializer, withParent(nameText(n.name), names[0]));
      }
      case T.SyntaxKind.Parameter: {
        // `function connectTwilioAuthToken(key = "…")`, `(value = "…") => …`, `setApiToken(t = "…")`: a parameter that
        // only says "key" or "value", or nothing at all, is named by its function (parameterNames), whose name `names` holds.
        const n = node as ts.ParameterDeclaration;
        T.forEachChild(node, (child) => visit(child, child === n.initializer ? parameterNames(nameText(n.name), names[0]) : []));
        return;
      }
      case T.SyntaxKind.ArrowFunction:
      case T.SyntaxKind.FunctionExpression: {
        // Its parameters are named by what the function is bound to (`const connectApiSecret = (value = "…") => …`).
        const n = node as ts.ArrowFunction | ts.FunctionExpression;
        const own = n.name ? nameText(n.name) : names[0];
        return T.forEachChild(node, (child) => visit(child, T.isParameter(child) && own ? [own] : []));
      }
      case T.SyntaxKind.PropertyDeclaration:
      case T.SyntaxKind.BindingElement:
      case T.SyntaxKind.EnumMember:
      case T.SyntaxKind.JsxAttribute: {
        const n = node as ts.PropertyDeclaration | ts.ParameterDeclaration | ts.BindingElement | ts.EnumMember | ts.JsxAttribute;
        const name = nameText(n.name as ts.Node);
        T.forEachChild(node, (child) => visit(child, child === n.initializer ? [name] : []));
        return;
      }
      case T.SyntaxKind.GetAccessor:
      case T.SyntaxKind.MethodDeclaration:
      case T.SyntaxKind.FunctionDeclaration: {
        // `get apiKey() { return "…"; }`, `getToken() { return "…"; }`: a body that only returns a value names it.
        const n = node as ts.GetAccessorDeclaration | ts.MethodDeclaration | ts.FunctionDeclaration;
        const only = n.body?.statements.length === 1 ? n.body.statements[0] : undefined;
        if (n.name && only && T.isReturnStatement(only) && only.expression) {
          T.forEachChild(node, (child) => child !== n.body && visit(child, T.isParameter(child) ? [nameText(n.name!)] : []));
          return visit(only.expression, [nameText(n.name)]);
        }
        const own = n.name ? nameText(n.name) : '';
        return T.forEachChild(node, (child) => visit(child, T.isParameter(child) && own ? [own] : []));
      }
      case T.SyntaxKind.JsxExpression: {
        const n = node as ts.JsxExpression;
        if (n.expression) visit(n.expression, names);
        return;
      }
      case T.SyntaxKind.BinaryExpression:
        return binary(node as ts.BinaryExpression, names);
      case T.SyntaxKind.CallExpression:
      case T.SyntaxKind.NewExpression:
        return call(node as ts.CallExpression | ts.NewExpression, names);
      case T.SyntaxKind.ElementAccessExpression: {
        const n = node as ts.ElementAccessExpression;
        visit(n.expression, []);
        if (!T.isStringLiteralLike(n.argumentExpression)) visit(n.argumentExpression, []);
        return;
      }
      case T.SyntaxKind.TemplateExpression: {
        const n = node as ts.TemplateExpression;
        literal(n.head, names);
        for (const span of n.templateSpans) {
          visit(span.expression, []);
          literal(span.literal, names);
        }
        return;
      }
      case T.SyntaxKind.ConditionalExpression: {
        const n = node as ts.ConditionalExpression;
        visit(n.condition, []);
        visit(n.whenTrue, names);
        return visit(n.whenFalse, names);
      }
      case T.SyntaxKind.ArrayLiteralExpression: {
        // An entry pair (`new Map([["aws-secret-access-key", "…"]])`, `Object.fromEntries`, header lists): its first
        // string names the second.
        const elements = (node as ts.ArrayLiteralExpression).elements;
        if (elements.length === 2 && T.isStringLiteralLike(elements[0]!)) {
          const key = elements[0].text;
          visit(elements[0], names);
          return visit(elements[1]!, [key, ...names]);
        }
        return T.forEachChild(node, (child) => visit(child, names));
      }
      case T.SyntaxKind.ParenthesizedExpression:
      case T.SyntaxKind.AsExpression:
      case T.SyntaxKind.SatisfiesExpression:
      case T.SyntaxKind.NonNullExpression:
      case T.SyntaxKind.TypeAssertionExpression:
      case T.SyntaxKind.AwaitExpression:
        return T.forEachChild(node, (child) => visit(child, names));
      default:
        return T.forEachChild(node, (child) => visit(child, []));
    }
  };

  const binary = (n: ts.BinaryExpression, names: string[]): void => {
    const op = n.operatorToken.kind;
    if (op >= T.SyntaxKind.FirstAssignment && op <= T.SyntaxKind.LastAssignment) {
      visit(n.left, []);
      const name = nameOf(n.left);
      // Koa's `app.keys = ['…', '…']`: a list of strings assigned to an object's `keys` is its signing keys.
      const signing = name === 'keys' && T.isPropertyAccessExpression(n.left) && T.isArrayLiteralExpression(skipOuter(n.right));
      return visit(n.right, signing ? [name, 'signing_keys'] : [name]);
    }
    if (op === T.SyntaxKind.QuestionQuestionToken || op === T.SyntaxKind.BarBarToken) {
      // `process.env.STRIPE_KEY ?? "sk_live_…"`: the fallback is bound to the env name and to the declaration;
      // `Deno.env.get("X_TOKEN") ?? "…"`, `getEnv("X_TOKEN") || "…"`: a read by name names it too.
      visit(n.left, names);
      const left = skipOuter(n.left);
      const read = T.isCallExpression(left) && left.arguments.length > 0 && T.isStringLiteralLike(left.arguments[0]!) ? [left.arguments[0].text] : [];
      return visit(n.right, [...names, nameOf(n.left), ...read]);
    }
    if (op === T.SyntaxKind.PlusToken) {
      // `'9504…' + '7259…'`: a key split over literals is read joined too; the chain's operands left to right.
      const operands: ts.Expression[] = [n.right];
      let left = n.left;
      for (; T.isBinaryExpression(left) && left.operatorToken.kind === T.SyntaxKind.PlusToken; left = left.left) operands.push(left.right);
      operands.push(left);
      operands.reverse();
      joined(operands, names);
      for (const operand of operands) visit(operand, names);
      return;
    }
    if (op === T.SyntaxKind.EqualsEqualsEqualsToken || op === T.SyntaxKind.EqualsEqualsToken || op === T.SyntaxKind.ExclamationEqualsEqualsToken || op === T.SyntaxKind.ExclamationEqualsToken) {
      // `if (req.headers['x-api-key'] === "…")`: a hardcoded comparison is a hardcoded secret too.
      visit(n.left, [nameOf(n.right)]);
      return visit(n.right, [nameOf(n.left)]);
    }
    visit(n.left, []);
    visit(n.right, []);
  };

  /** Each run of two or more adjacent plain literals among `+` operands, as one candidate of their contents joined. */
  const joined = (operands: readonly ts.Expression[], names: string[]): void => {
    if (names.length === 0 || !contains(operands[0]!.pos, operands[operands.length - 1]!.end)) return;
    let run: Array<[number, number]> = [];
    for (const operand of [...operands, undefined]) {
      if (operand && (T.isStringLiteral(operand) || T.isNoSubstitutionTemplateLiteral(operand))) {
        run.push([toText(operand.getStart(sf) + 1), toText(operand.end - 1)]);
        continue;
      }
      pushJoined(out, text, run, names);
      run = [];
    }
  };

  /**
   * `['…', '…'].join('')` bound to a name: a key split over an array's literals, read joined under that name (one literal
   * is the name's value itself). True when the call was one.
   */
  const joinedArray = (n: ts.CallExpression | ts.NewExpression, names: string[]): boolean => {
    const callee = n.expression;
    const args = n.arguments ?? [];
    if (names.length === 0 || !T.isPropertyAccessExpression(callee) || callee.name.text !== 'join' || args.length !== 1 || !T.isStringLiteralLike(args[0]!) || args[0].text !== '') return false;
    const list = callee.expression;
    if (!T.isArrayLiteralExpression(list) || list.elements.length === 0 || list.elements.length > 16) return false;
    if (!list.elements.every((e) => T.isStringLiteral(e) || T.isNoSubstitutionTemplateLiteral(e))) return false;
    if (list.elements.length === 1) literal(list.elements[0]!, names);
    else if (contains(list.pos, list.end)) pushJoined(out, text, list.elements.map((e) => [toText(e.getStart(sf) + 1), toText(e.end - 1)] as [number, number]), names);
    return true;
  };

  const call = (n: ts.CallExpression | ts.NewExpression, names: string[]): void => {
    if (joinedArray(n, names)) return;
    visit(n.expression, []);
    // `require('twilio')(sid, token)`, `require('mailgun-js')({ apiKey })`: the package is the callee.
    const required = requiredPackage(n.expression);
    const callee = required ?? nameOf(n.expression);
    if (!required && (n.expression.kind === T.SyntaxKind.ImportKeyword || callee === 'require')) return;
    const args = n.arguments ?? [];
    // headers.set('Authorization', '…'), getenv('API_KEY', '…'): an earlier string argument names the later ones.
    const first = args.length > 1 && T.isStringLiteralLike(args[0]!) ? args[0].text : '';
    const dotted = required ?? dottedCallee(n.expression);
    const key = required ? KEY_ARGUMENT.get(required) : keyArgument(n.expression);
    // `z.string().default("…")` (zod, yup, joi) bound to `API_KEY:` in an env schema: the default is that name's value.
    const wrapped = names.length > 0 && (VALUE_WRAPPER.test(dotted) || (T.isPropertyAccessExpression(n.expression) && DEFAULT_METHOD.test(n.expression.name.text)));
    // envalid's `API_KEY: str({ default: "…" })`: the options' default is the value of the name the call is bound to.
    const spec = names.length > 0 && args.length === 1 && T.isObjectLiteralExpression(args[0]!) && args[0].properties.some((p) => p.name !== undefined && DEFAULT_OPTION.test(nameText(p.name)));
    // A provider's SDK (`mailgun.client({ username: 'api', key })`): what its options call only `key` is its API key,
    // unless a secret sits beside it (`{ key, secret }`: the key is the public half of the pair) or the provider's key
    // is public (Pusher's).
    const owner = keyIsCredentialOf(dotted) && !args.some(holdsSecretField) ? `${dotted}_api` : callee;
    // `new ResendClient("…", { timeout })`: a provider's client constructed with one string, its first argument, is
    // constructed with its key (the SDKs' convention: `new Resend(key)`, `new Mixpanel(token)`). Not where a second
    // string follows (`new X(id, secret)`: which is which is the SDK's to say, KEY_ARGUMENTS).
    // A class named for what its one string is (`new Cryptr("…")`, `new FieldEncryptor("…")`, `new JwtSigner("…")`)
    // is constructed with that key: named as a secret, which the generic rule still judges by its value.
    const positional = !key && T.isNewExpression(n) && args.length > 0 && T.isStringLiteralLike(args[0]!) && !args.slice(1).some((a) => T.isStringLiteralLike(a));
    const positionalKey = positional && keyIsCredentialOf(dotted) ? [callee, `${callee}_api_key`] : positional && namesSecretClass(callee) ? [callee, `${callee}_secret`] : undefined;
    // `createHttpClient('https://api.vendor.io', '…')`, `new ApiClient(baseUrl, '…')`: a client made from an API's URL and
    // one more string is made with its credential, which the URL's host names.
    const urlClient = args.length === 2 && CLIENT_CALLEE.test(callee) && T.isStringLiteralLike(args[1]!) && (HTTPS_URL.test(first) || (!first && (T.isIdentifier(args[0]!) || T.isPropertyAccessExpression(args[0]!)) && URL_NAME.test(nameOf(args[0]))));
    // `new Plivo.Client(authId, authToken)`, `Mailjet.apiConnect(key, secret)`, `new AzureKeyCredential('…')`: a call that
    // makes a client or logs one in is made with its credential, its last string (CLIENT_MAKER).
    const credentialAt = key || positionalKey || urlClient ? -1 : clientCredentialAt(n, dotted, args);
    args.forEach((arg, i) => visit(arg, i === key?.at ? [callee, key.name] : i === 0 && positionalKey ? positionalKey : i === 0 && wrapped ? [callee, ...names] : spec ? [names[0]!, callee] : i === 1 && urlClient ? [owner, `${callee}_api_key`, ...(first ? [first] : [])] : i === credentialAt ? [owner, clientCredentialName(dotted), ...(i > 0 && first ? [first] : [])] : i > 0 && first ? [owner, first] : [owner]));
  };

  visit(sf, []);
  return { candidates: out, notes: [] };
}


/** The index of a client's credential among a call's arguments: its last string literal, where clientCredentialIsLast says so; -1 otherwise. */
function clientCredentialAt(n: ts.CallExpression | ts.NewExpression, dotted: string, args: readonly ts.Expression[]): number {
  let at = -1;
  let strings = 0;
  for (let i = 0; i < args.length; i++) {
    if (T.isStringLiteralLike(args[i]!)) {
      at = i;
      strings++;
    }
  }
  return at >= 0 && clientCredentialIsLast(dotted, strings, T.isNewExpression(n)) ? at : -1;
}

const HTTPS_URL = /^https:\/\/[\w.-]+(?::\d+)?(?:\/|$)/;
/** A variable holding an API's URL (`baseUrl`, `API_URL`, `endpoint`). */
const URL_NAME = new RegExp(`(?:${URL_NAME_ENDS})$`, 'i');

/** A constant's name of one short word, which says little of what it holds (`KEY`, `token`, `K`). */
const SHORT_WORD = /^(?:[A-Z]{1,6}|[A-Za-z][a-z]{0,5})$/;
/** Constants of a file whose uses are looked for (namesByUse): each reads at most USE_WINDOW characters. */
const MAX_USES_READ = 32;
const USE_WINDOW = 16 * 1024;
const MAX_USES = 8;
/** Before a use: an auth scheme opening a template's placeholder or a concatenation (`Bearer ${KEY}`, `'Bearer ' + KEY`). */
const SCHEME_BEFORE = /\b(?:Bearer|Token|Basic|Bot|Key|ApiKey)[ \t]+(?:\$\{|["'`][ \t]*\+[ \t]*)$/;
/** Before a use: a property or header key (`'x-api-key': KEY`, `apiKey: KEY`), or `headers.set('X-Api-Key', KEY)`. */
const KEY_BEFORE = /(?:[{,][ \t\r\n]*["']?([A-Za-z_][\w-]{0,63})["']?[ \t]*:|\.(?:set|append)\([ \t]*["']([\w-]{1,64})["'][ \t]*,)[ \t]*$/;

/**
 * The names a constant's uses give it, after its declaration ends at `from`: a credential's place says what it is
 * (`const KEY = '…'` sent as `authorization: \`Bearer ${KEY}\``, `'x-api-key': KEY`). At most MAX_USES uses within
 * USE_WINDOW characters, each judged by the 64 characters before it: linear, and a few constants a file (MAX_USES_READ).
 */
function namesByUse(text: string, name: string, from: number): string[] {
  const names: string[] = [];
  const end = Math.min(text.length, from + USE_WINDOW);
  for (let at = text.indexOf(name, from), uses = 0; at >= 0 && at < end && uses < MAX_USES; at = text.indexOf(name, at + name.length)) {
    if (/[\w$]/.test(text[at - 1] ?? '') || /[\w$]/.test(text[at + name.length] ?? '')) continue;
    uses++;
    const before = text.slice(Math.max(0, at - 64), at);
    if (SCHEME_BEFORE.test(before)) names.push('authorization');
    else {
      const keyed = KEY_BEFORE.exec(before);
      if (keyed) names.push(keyed[1] ?? keyed[2]!);
    }
  }
  return names;
}

/** A schema's method that gives a field its value when none is set (zod, yup, joi, superstruct's `defaulted` aside). */
const DEFAULT_METHOD = /^(?:default|defaultTo|withDefault|orDefault)$/;
/** An env spec's option holding the value used when the variable is unset (envalid's `default`, `devDefault`). */
const DEFAULT_OPTION = /^(?:default|devDefault)$/;

/** The strings of an object literal's label fields (`name: "API_TOKEN"`, `ParameterKey: "DbPassword"`): a pair object's. */
function pairLabels(properties: ts.NodeArray<ts.ObjectLiteralElementLike>): string[] {
  if (properties.length > 16) return [];
  const labels: string[] = [];
  for (const p of properties) if (T.isPropertyAssignment(p) && T.isStringLiteralLike(p.initializer) && PAIR_LABEL.test(nameText(p.name))) labels.push(p.initializer.text);
  return labels;
}

/** The expression inside parentheses and type assertions. */
function skipOuter(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (T.isParenthesizedExpression(e) || T.isNonNullExpression(e) || T.isAsExpression(e) || T.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/**
 * Calls whose argument at an index is a key by definition, though nothing names it: `jwt.sign(payload, "…")`,
 * `crypto.createHmac("sha256", "…")`. The most common hardcoded secret in Node code has no secret-like name.
 */
const KEY_ARGUMENT = keyArgumentsOf('typescript');
const JWT_RECEIVER = /^(?:jwt|jsonwebtoken|jws|JWT)$/;
function keyArgument(callee: ts.Expression): KeyArgument | undefined {
  if (T.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if ((method === 'sign' || method === 'verify') && T.isIdentifier(callee.expression) && JWT_RECEIVER.test(callee.expression.text)) return { at: 1, name: 'secret' };
    return keyArgumentOf(KEY_ARGUMENT, dottedCallee(callee));
  }
  return T.isIdentifier(callee) ? KEY_ARGUMENT.get(callee.text) : undefined;
}

/** An options object with a secret of its own (`secret`, `token`, `password`, `privateKey`) beside a bare `key`. */
function holdsSecretField(arg: ts.Expression): boolean {
  return T.isObjectLiteralExpression(arg) && arg.properties.some((p) => p.name !== undefined && /secret|token|passw|private/i.test(nameText(p.name)));
}

/** The package of a `require("…")` call (`require('twilio')` in `require('twilio')(sid, token)`). */
function requiredPackage(callee: ts.Expression): string | undefined {
  const e = skipOuter(callee);
  if (!T.isCallExpression(e) || !T.isIdentifier(e.expression) || e.expression.text !== 'require') return undefined;
  const arg = e.arguments[0];
  return arg && T.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** `Buffer.from`, `atob`, `TextEncoder.encode` (for `new TextEncoder().encode`): the callee with its receiver's name. */
function dottedCallee(callee: ts.Expression): string {
  if (!T.isPropertyAccessExpression(callee)) return nameOf(callee);
  const receiver = T.isNewExpression(callee.expression) ? callee.expression.expression : callee.expression;
  return `${nameOf(receiver)}.${callee.name.text}`;
}

function nameText(name: ts.Node): string {
  if (T.isIdentifier(name) || T.isPrivateIdentifier(name) || T.isStringLiteralLike(name) || T.isNumericLiteral(name)) return name.text;
  if (T.isJsxNamespacedName(name)) return name.name.text;
  return '';
}

function nameOf(expr: ts.Expression): string {
  let e: ts.Expression = expr;
  while (T.isParenthesizedExpression(e) || T.isNonNullExpression(e) || T.isAsExpression(e)) e = e.expression;
  if (T.isIdentifier(e) || T.isPrivateIdentifier(e)) return e.text;
  if (T.isPropertyAccessExpression(e)) return e.name.text;
  if (T.isElementAccessExpression(e) && T.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  if (T.isCallExpression(e)) return nameOf(e.expression);
  return '';
}

/** What visiting a node with no name found, when it was last visited (in the previous tree of the same document). */
interface Remembered {
  pos: number;
  end: number;
  /** The interesting offsets inside it then. */
  interesting: readonly number[];
  candidates: readonly Candidate[];
}
/** Keyed by node: a tree's entries go with it (the parse cache keeps a few trees). */
const visitMemo = new WeakMap<ts.Node, Remembered>();
/** Smaller subtrees are walked again: remembering them would cost about as much as the walk. */
const MEMO_MIN_CHARS = 256;

/** Whether `now[from, to)` are `then`, each moved by `pos - thenPos`. */
function sameShifted(then: readonly number[], thenPos: number, now: readonly number[], from: number, to: number, pos: number): boolean {
  if (then.length !== to - from) return false;
  for (let i = 0; i < then.length; i++) if (now[from + i]! - pos !== then[i]! - thenPos) return false;
  return true;
}

/* ---------- incremental parse cache ---------- */

interface Cached {
  text: string;
  sf: ts.SourceFile;
}
const cache = new Map<string, Cached>();
const CACHE_SIZE = 16;
/** Characters compared at once when finding what an edit left the same at both ends. */
const COMPARE_BLOCK = 1024;

function scriptKind(path: string): ts.ScriptKind {
  const p = path.toLowerCase();
  if (p.endsWith('.tsx')) return T.ScriptKind.TSX;
  if (p.endsWith('.jsx')) return T.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(p)) return T.ScriptKind.JS;
  return T.ScriptKind.TS;
}

function parse(path: string, text: string): ts.SourceFile {
  // JSDoc comments are never candidates: not parsing them saves time (bench/NOTES.md).
  return T.createSourceFile(path, text, { languageVersion: T.ScriptTarget.Latest, jsDocParsingMode: T.JSDocParsingMode.ParseNone }, false, scriptKind(path));
}

/**
 * A tree of only the statements around the interesting offsets (statementSlices): the kept ranges one after another,
 * each after a newline (a statement cut off at the end of its list, `{ return x }`, still ends), with `;` where a
 * declarator was cut loose. Undefined (parse it all) when its structure is in doubt, the slices are most of the file,
 * or they do not parse cleanly. `fromText` and `toText` map offsets between the text and the tree. Small files are
 * sliced too: in a workspace scan the parser runs a few dozen times, mostly before V8 has optimized it, so every byte
 * not parsed counts (bench/NOTES.md).
 */
function parseStatements(path: string, text: string, interesting: readonly number[]): { sf: ts.SourceFile; fromText: (at: number) => number; toText: (at: number) => number } | undefined {
  const kind = scriptKind(path);
  const slices = statementSlices(text, interesting, { jsx: kind !== T.ScriptKind.TS, declarators: kind === T.ScriptKind.JS || kind === T.ScriptKind.JSX });
  if (!slices || slices.ranges.reduce((n, [s, e]) => n + e - s, 0) > text.length / 2) return undefined;
  // Per kept range: where it starts in the tree's text and in the file.
  const inTree: number[] = [];
  const inText: number[] = [];
  let compact = '';
  let semicolon = 0;
  for (const [s, e] of slices.ranges) {
    for (; semicolon < slices.semicolons.length && slices.semicolons[semicolon]! < s; semicolon++) compact += ';';
    compact += '\n';
    inTree.push(compact.length);
    inText.push(s);
    compact += text.slice(s, e);
  }
  if (semicolon < slices.semicolons.length) compact += ';';
  const sf = parse(path, compact);
  if ((sf as ts.SourceFile & { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length > 0) return undefined;
  /** `at` moved into the other coordinates, by the last range starting at or before it in `from`. */
  const mapper = (from: number[], to: number[]) => (at: number) => {
    const range = lastAtOrBefore(from, at);
    return to[range]! + at - from[range]!;
  };
  return { sf, fromText: mapper(inText, inTree), toText: mapper(inTree, inText) };
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
    const max = Math.min(old.length, text.length);
    // A block at a time first: comparing two slices is a native compare, six times faster than a character loop.
    let prefix = 0;
    while (prefix + COMPARE_BLOCK <= max && old.slice(prefix, prefix + COMPARE_BLOCK) === text.slice(prefix, prefix + COMPARE_BLOCK)) prefix += COMPARE_BLOCK;
    while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix + COMPARE_BLOCK <= max - prefix && old.slice(old.length - suffix - COMPARE_BLOCK, old.length - suffix) === text.slice(text.length - suffix - COMPARE_BLOCK, text.length - suffix)) suffix += COMPARE_BLOCK;
    while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
    const change = T.createTextChangeRange(T.createTextSpan(prefix, old.length - prefix - suffix), text.length - prefix - suffix);
    sf = T.updateSourceFile(previous.sf, text, change);
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
