import { existsSync } from 'node:fs';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';
import { Project, ts } from 'ts-morph';
import { scanPython } from '../calls/pythonScan';
import { LineIndex } from '../vocabulary/positions';
import { isJsPath, isTsPath } from './moduleStyle';

/**
 * Verifies fixes before they land (issue 15.3): each changed TS/JS file is type-checked in the project's
 * own configuration (its nearest tsconfig.json / jsconfig.json, as `tsc -p` would), before and after,
 * with the helper modules the fixes create; a fix that adds a diagnostic is rejected with the first new
 * one. A Python file must still scan cleanly (strings closed, brackets matched). Nothing is written here.
 */

export interface ChangedFile {
  /** Absolute path. */
  abs: string;
  /** How the report names it (root-relative). */
  rel: string;
  before: string;
  after: string;
  /** Absolute paths of helper modules this file's fixes import and create. */
  creates: string[];
}

/** A file a fix creates, absolute path. */
export interface CreatedFile {
  abs: string;
  text: string;
}

/** Why each rejected file (by absolute path) was rejected. */
export type Rejections = Map<string, string>;

export function verifyChanges(root: string, changes: readonly ChangedFile[], created: readonly CreatedFile[]): Rejections {
  const rejected: Rejections = new Map();
  const groups = new Map<string, ChangedFile[]>();
  for (const change of changes) {
    if (/\.pyw?$/i.test(change.abs)) {
      const reason = pythonRegression(change.before, change.after);
      if (reason) rejected.set(change.abs, reason);
    } else if (isTsPath(change.abs) || isJsPath(change.abs)) {
      const config = nearestConfig(change.abs, root) ?? '';
      groups.set(config, [...(groups.get(config) ?? []), change]);
    }
  }
  for (const [config, group] of groups) {
    for (const [abs, reason] of typeCheckGroup(root, config || undefined, group, created)) rejected.set(abs, reason);
  }
  return rejected;
}

/**
 * The nearest tsconfig.json (else jsconfig.json) from the file's folder up to `root`; for a file outside `root`
 * (the CLI run from another folder), up to the filesystem's root: that file's project is its own.
 */
export function nearestConfig(file: string, root: string): string | undefined {
  const top = within(file, root) ? resolve(root) : parse(resolve(file)).root;
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) if (existsSync(join(dir, name))) return join(dir, name);
    if (dir === top || dirname(dir) === dir) return undefined;
  }
}

/** Whether `file` lies inside the folder `root`. */
export function within(file: string, root: string): boolean {
  const top = resolve(root);
  return (resolve(file) + sep).startsWith(top + sep);
}

/** What marks a project's folder: its package and compiler configuration, or Python's. */
const PROJECT_MARKERS = ['package.json', 'tsconfig.json', 'jsconfig.json', 'pyproject.toml', 'setup.py', 'setup.cfg'];

/**
 * The folder of the project a file belongs to, where its generated helpers go: the nearest folder with a
 * package.json, tsconfig/jsconfig or Python project file, no higher than `root` for a file inside it (up to
 * the filesystem's root for one outside); the file's own folder when none has one.
 */
export function projectRootOf(file: string, root: string): string {
  const top = within(file, root) ? resolve(root) : parse(resolve(file)).root;
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    if (PROJECT_MARKERS.some((name) => existsSync(join(dir, name)))) return dir;
    if (dir === top || dirname(dir) === dir) return top === resolve(root) ? top : dirname(resolve(file));
  }
}

function typeCheckGroup(root: string, config: string | undefined, group: readonly ChangedFile[], created: readonly CreatedFile[]): Rejections {
  const rejected: Rejections = new Map();
  // Without a configuration the project's environment (Node types, DOM, globals) is unknown: syntax only.
  const semantic = config !== undefined;
  const where = config ? relative(root, config).split(sep).join('/') : 'its syntax (no tsconfig.json or jsconfig.json)';
  let project: Project;
  try {
    project = config
      ? new Project({ tsConfigFilePath: config })
      : new Project({ compilerOptions: { allowJs: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, jsx: ts.JsxEmit.Preserve }, skipAddingFilesFromTsConfig: true });
  } catch (error) {
    // A tsconfig the compiler cannot read: the project cannot be checked, so neither can the fix.
    const reason = `${where} could not be read (${(error instanceof Error ? error.message : String(error)).split('\n')[0]}); fix it, or move the value by hand`;
    for (const change of group) rejected.set(change.abs, reason);
    return rejected;
  }
  const sourceOf = (abs: string, text: string) => project.getSourceFile(abs) ?? project.createSourceFile(abs, text, { overwrite: true });
  const before = new Map<string, Map<string, number>>();
  for (const change of group) {
    const file = sourceOf(change.abs, change.before);
    file.replaceWithText(change.before);
    before.set(change.abs, tally(diagnosticsOf(project, file.compilerNode.fileName, undefined, semantic)));
  }
  for (const change of group) project.getSourceFileOrThrow(change.abs).replaceWithText(change.after);
  const helpers = created.filter((c) => group.some((g) => g.creates.includes(c.abs)));
  for (const helper of helpers) project.createSourceFile(helper.abs, helper.text, { overwrite: true });
  const program = project.getProgram().compilerObject;
  const helperProblem = new Map<string, string>();
  for (const helper of helpers) {
    const first = diagnosticsOf(project, helper.abs, program, semantic)[0];
    if (first) helperProblem.set(helper.abs, `the generated ${relative(root, helper.abs).split(sep).join('/')} would not type-check with ${where}: ${describe(first)}`);
  }
  for (const change of group) {
    const helper = change.creates.map((abs) => helperProblem.get(abs)).find(Boolean);
    if (helper) {
      rejected.set(change.abs, `${helper}; the file was left as it was`);
      continue;
    }
    const seen = new Map(before.get(change.abs));
    const added = diagnosticsOf(project, change.abs, program, semantic).filter((d) => {
      const key = keyOf(d);
      const left = seen.get(key) ?? 0;
      if (left > 0) seen.set(key, left - 1);
      return left === 0;
    });
    if (added[0]) rejected.set(change.abs, `the fixed file would not type-check with ${where}: ${describe(added[0])}; the file was left as it was`);
  }
  return rejected;
}

function diagnosticsOf(project: Project, fileName: string, program = project.getProgram().compilerObject, semantic = true): ts.Diagnostic[] {
  const file = program.getSourceFile(fileName);
  if (!file) return [];
  return [...program.getSyntacticDiagnostics(file), ...(semantic ? program.getSemanticDiagnostics(file) : [])].filter((d) => d.category === ts.DiagnosticCategory.Error);
}

function keyOf(d: ts.Diagnostic): string {
  return `${d.code}:${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
}

function tally(diagnostics: readonly ts.Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(keyOf(d), (counts.get(keyOf(d)) ?? 0) + 1);
  return counts;
}

function describe(d: ts.Diagnostic): string {
  const line = d.file && d.start !== undefined ? ` at line ${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
  return `TS${d.code}${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ').slice(0, 300)}`;
}

/** A reason when the fixed Python text scans worse than the original (an unclosed string or bracket). */
export function pythonRegression(before: string, after: string): string | undefined {
  const problems = (text: string): string[] => {
    const scan = scanPython(text);
    const lines = new LineIndex(text);
    const lineOf = (offset: number): number => lines.lineOf(offset) + 1;
    const out: string[] = [];
    for (const s of scan.strings) if (!text.startsWith(s.quote, s.end - s.quote.length) || s.end - s.start < s.prefix.length + 2 * s.quote.length) out.push(`an unclosed string at line ${lineOf(s.start)}`);
    const skip = new Set<number>();
    for (const s of scan.strings) for (let i = s.start; i < s.end; i++) skip.add(i);
    for (const [s, e] of scan.comments) for (let i = s; i < e; i++) skip.add(i);
    const open: Array<{ c: string; at: number }> = [];
    const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    for (let i = 0; i < text.length; i++) {
      if (skip.has(i)) continue;
      const c = text[i]!;
      if (c === '(' || c === '[' || c === '{') open.push({ c, at: i });
      else if (closing[c] && open.pop()?.c !== closing[c]) out.push(`an unmatched '${c}' at line ${lineOf(i)}`);
    }
    for (const o of open) out.push(`an unclosed '${o.c}' at line ${lineOf(o.at)}`);
    return out;
  };
  const was = problems(before).length;
  const now = problems(after);
  return now.length > was ? `the fixed file would not parse (${now[now.length - 1]}); the file was left as it was` : undefined;
}
