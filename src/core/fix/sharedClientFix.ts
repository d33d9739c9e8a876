import { ts } from 'ts-morph';
import { scriptKindOf } from '../calls/index';
import type { SingleKeyCall } from '../calls/model';
import { KEY_SETTERS } from '../calls/tsClients';
import { blockCallback, CallLayout } from './callLayout';
import { isRequireCall, wholeLines } from './tsSource';
import { UnsupportedFixError } from './types';

/**
 * The wrapper fix for an SDK module's shared client given its key by a setter (`sgMail.setApiKey(key)`, issue 15):
 * the module's name becomes a client per key, built from the SDK's own class inside withFallbackClient, where the
 * key was set. Every later `sgMail.send(…)` then reads the key at call time and is retried once with the fallback
 * on 401/403, and `sgMail` keeps its type and methods, so the rest of the file is unchanged:
 *
 *   import sgMail from '@sendgrid/mail';              →  import { MailService } from '@sendgrid/mail';
 *   sgMail.setApiKey(process.env.SENDGRID_API_KEY!);  →  const sgMail = withFallbackClient({ … }, (key) => {
 *                                                           const client = new MailService();
 *                                                           client.setApiKey(key);
 *                                                           return client;
 *                                                         });
 *
 * Settings made on `sgMail` afterwards (`sgMail.setTimeout(…)`, a base URL on its client) reach every client, as
 * withFallbackClient replays them. Shapes this cannot keep correct are refused with the reason and what to do.
 */

export interface SharedClientWriting {
  /** The helper's options as the file writes them: `{ service: '…', envName: '…' }`. */
  options: string;
  /** The callback's key parameter. */
  param: string;
  semicolon: boolean;
  layout: CallLayout;
}

export interface SharedClientChange {
  start: number;
  end: number;
  text: string;
}

/** The edits (the module's import, the setter's statement) that make `call`'s shared client one client per key. */
export function sharedClientChanges(path: string, text: string, call: SingleKeyCall, writing: SharedClientWriting): SharedClientChange[] {
  const setter = call.setter;
  if (!setter) throw new Error('not a setter call');
  const byHand = (cls: string) => `withFallbackClient({ service: '${call.service}', envName: '${call.envName}' }, (key) => { const client = new ${cls}(); client.${setter.method}(key); return client; })`;
  const cls = setter.clientClass;
  if (cls === undefined) {
    throw new UnsupportedFixError(`${call.callee} gives the module's shared client its key once, for every later request, so a retry cannot swap it. By hand: build a client per key from the SDK's client class inside the wrapper and send through it, e.g. const ${setter.binding} = ${byHand('SdkClient')}.`);
  }
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path) ?? ts.ScriptKind.TS);
  const lineOf = (at: number): number => source.getLineAndCharacterOfPosition(at).line + 1;
  const { binding, module } = setter;

  const statement = source.statements.find((s): s is ts.ExpressionStatement => ts.isExpressionStatement(s) && s.expression.getStart(source) === call.start && s.expression.end === call.end);
  if (!statement) {
    throw new UnsupportedFixError(`${call.callee} is called inside a function or a block (line ${lineOf(call.start)}), so where \`${binding}\` gets its key depends on when that runs. The fix makes \`${binding}\` a client per key where the file sets its key at the top level: move the call there and fix again, or by hand: const ${binding} = ${byHand(cls)}.`);
  }
  const declaration = moduleDeclaration(source, binding, module);
  if (!declaration) {
    throw new UnsupportedFixError(`\`${binding}\` is not imported from '${module}' as a whole at the top of the file, so the fix cannot put a client per key in its place. Import the module (import ${binding} from '${module}', or require it), then fix again; or by hand: const ${binding} = ${byHand(cls)}.`);
  }

  let classImported = false;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const declared = node.text === cls ? declaredAs(node, module) : undefined;
      if (declared === 'other') throw new UnsupportedFixError(`The name \`${cls}\` (the class the fix builds a client per key from) is already declared in this file at line ${lineOf(node.getStart(source))}; rename that, then fix again.`);
      if (declared === 'import') classImported = true;
      if (node.text === binding && isReference(node) && !within(node, declaration) && !within(node, statement)) checkUse(node);
    }
    ts.forEachChild(node, visit);
  };
  const checkUse = (use: ts.Identifier): void => {
    const at = `\`${binding}\` at line ${lineOf(use.getStart(source))}`;
    const parent = use.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === use) {
      const method = parent.name.text;
      if (KEY_SETTERS.test(method)) {
        throw new UnsupportedFixError(`${binding}.${method} is called again at line ${lineOf(use.getStart(source))}: with a client per key, the wrapper chooses the key for every request, and that call would override it on every client. Keep one place that sets the key, then fix again.`);
      }
      const reason = setter.conflicts?.[method];
      if (reason !== undefined) throw new UnsupportedFixError(`${binding}.${method} at line ${lineOf(use.getStart(source))} cannot be kept correct with a client per key: ${reason}. By hand: const ${binding} = ${byHand(cls)}, and do what ${method} did inside that callback.`);
    }
    if (ts.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      throw new UnsupportedFixError(`${at} is assigned another value, and the fix declares it as the client per key; keep one client, then fix again.`);
    }
    if (use.getStart(source) < statement.getStart(source) && !deferred(use)) {
      throw new UnsupportedFixError(`${at} is used before its key is set (line ${lineOf(call.start)}), and the client per key is declared where the key is set. Move ${call.callee} up, right after the imports, then fix again.`);
    }
  };
  visit(source);

  const changes: SharedClientChange[] = [importChange(source, declaration, cls, classImported)];
  changes.push({ start: statement.getStart(source), end: statement.end, text: perKeyClient(text, statement.getStart(source), binding, cls, setter.method, writing) });
  return changes;
}

type ModuleDeclaration = ts.ImportDeclaration | ts.ImportEqualsDeclaration | ts.VariableStatement;

/** The top-level import (or require) that binds `binding` to the module as a whole. */
function moduleDeclaration(source: ts.SourceFile, binding: string, module: string): ModuleDeclaration | undefined {
  const isModule = (spec: ts.Node | undefined): boolean => !!spec && ts.isStringLiteral(spec) && spec.text === module;
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && isModule(stmt.moduleSpecifier)) {
      const clause = stmt.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const named = clause.namedBindings;
      if (clause.name?.text === binding || (named && ts.isNamespaceImport(named) && named.name.text === binding)) return stmt;
    } else if (ts.isImportEqualsDeclaration(stmt) && stmt.name.text === binding && ts.isExternalModuleReference(stmt.moduleReference) && isModule(stmt.moduleReference.expression)) {
      return stmt;
    } else if (ts.isVariableStatement(stmt) && stmt.declarationList.declarations.length === 1) {
      const decl = stmt.declarationList.declarations[0]!;
      const init = decl.initializer && ts.isPropertyAccessExpression(decl.initializer) && decl.initializer.name.text === 'default' ? decl.initializer.expression : decl.initializer;
      if (ts.isIdentifier(decl.name) && decl.name.text === binding && init && isRequireCall(init) && isModule(init.arguments[0])) return stmt;
    }
  }
  return undefined;
}

/** The declaration of `binding` becomes an import of the class (or goes, when the class is imported elsewhere already). */
function importChange(source: ts.SourceFile, declaration: ModuleDeclaration, cls: string, classImported: boolean): SharedClientChange {
  const text = source.text;
  if (ts.isImportDeclaration(declaration)) {
    const clause = declaration.importClause!;
    const named = clause.namedBindings;
    const elements = named && ts.isNamedImports(named) ? named.elements.map((e) => e.getText(source)) : [];
    if (!classImported) elements.push(cls);
    if (elements.length === 0) return { ...wholeLines(text, declaration.getStart(source), declaration.end), text: '' };
    return { start: clause.getStart(source), end: clause.end, text: `{ ${elements.join(', ')} }` };
  }
  if (classImported) return { ...wholeLines(text, declaration.getStart(source), declaration.end), text: '' };
  if (ts.isImportEqualsDeclaration(declaration)) {
    const spec = (declaration.moduleReference as ts.ExternalModuleReference).expression.getText(source);
    const semi = text.slice(declaration.getStart(source), declaration.end).trimEnd().endsWith(';') ? ';' : '';
    return { start: declaration.getStart(source), end: declaration.end, text: `import { ${cls} } from ${spec}${semi}` };
  }
  // `const sgMail = require('m')` (or `require('m').default`): `const { MailService } = require('m')`.
  const decl = declaration.declarationList.declarations[0]!;
  const init = decl.initializer!;
  const require = ts.isPropertyAccessExpression(init) ? init.expression.getText(source) : init.getText(source);
  return { start: decl.getStart(source), end: decl.end, text: `{ ${cls} } = ${require}` };
}

/** `const sgMail = withFallbackClient(options, (key) => { … })`: on the lines the setter's statement had, indented as it was. */
function perKeyClient(text: string, at: number, binding: string, cls: string, method: string, w: SharedClientWriting): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const semi = w.semicolon ? ';' : '';
  const client = binding === 'client' || w.param === 'client' ? 'keyedClient' : 'client';
  const body = [`const ${client} = new ${cls}()${semi}`, `${client}.${method}(${w.param})${semi}`, `return ${client}${semi}`];
  const head = `const ${binding} = `;
  return head + blockCallback(text.slice(lineStart, at) + head, 'withFallbackClient', w.options, w.param, body, w.layout, true) + semi;
}

function within(node: ts.Node, outer: ts.Node): boolean {
  return node.pos >= outer.pos && node.end <= outer.end;
}

/** An identifier that reads the variable (not a property name, a declaration's name of something else, or an export's alias). */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) && (ts.isPropertyAccessExpression(parent) ? parent.name : parent.right) === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) && parent.name === node) return false;
  if ((ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) && parent.propertyName === node) return false;
  return !ts.isTypeReferenceNode(parent) && !ts.isLabeledStatement(parent);
}

/** Whether a use runs later than the module's top level (inside a function), or not at all (an export list, a type). */
function deferred(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isExportSpecifier(n) || ts.isTypeNode(n)) return true;
  }
  return false;
}

/**
 * What declares this occurrence of the class's name: its import from `module` (a named import or a destructuring
 * require), another declaration (a local class, an import from elsewhere), or nothing (a use).
 */
function declaredAs(node: ts.Identifier, module: string): 'import' | 'other' | undefined {
  const parent = node.parent;
  if (ts.isImportSpecifier(parent)) {
    if (parent.name !== node) return undefined; // `{ MailService as Other }` binds Other
    const decl = parent.parent.parent.parent;
    const fromModule = ts.isStringLiteral(decl.moduleSpecifier) && decl.moduleSpecifier.text === module;
    return fromModule && !parent.isTypeOnly && !parent.parent.parent.isTypeOnly ? 'import' : 'other';
  }
  if (ts.isBindingElement(parent)) {
    if (parent.name !== node) return undefined;
    const decl = parent.parent.parent;
    const fromModule = ts.isVariableDeclaration(decl) && !!decl.initializer && isRequireCall(decl.initializer) && (decl.initializer.arguments[0] as ts.StringLiteral).text === module;
    return fromModule ? 'import' : 'other';
  }
  const declarations = [ts.isImportClause, ts.isNamespaceImport, ts.isImportEqualsDeclaration, ts.isVariableDeclaration, ts.isFunctionDeclaration, ts.isClassDeclaration, ts.isParameter, ts.isEnumDeclaration, ts.isInterfaceDeclaration, ts.isTypeAliasDeclaration, ts.isModuleDeclaration];
  return declarations.some((is) => is(parent)) && (parent as ts.Node & { name?: ts.Node }).name === node ? 'other' : undefined;
}
