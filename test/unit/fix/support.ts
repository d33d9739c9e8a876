import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { createFixCommand } from '../../../src/cli/commands/fix';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random alphanumerics: every test secret is made at test time, never committed. */
export function rand(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return out;
}

/** A generated secret of a given shape, assembled from fragments so no real-looking key lives in the repo. */
export function makeSecret(kind: string): string {
  switch (kind) {
    case 'stripe':
      return 'sk_' + 'live_' + rand(24);
    case 'openai':
      return 'sk-' + 'proj-' + rand(40);
    case 'github':
      return 'gh' + 'p_' + rand(36);
    case 'sendgrid':
      return 'S' + 'G.' + rand(22) + '.' + rand(43);
    default:
      return rand(32);
  }
}

/** A module whose hardcoded key feeds a fetch through a constant (the demo's billing client, in small). */
export const billingSource = (secret: string, extra = ''): string =>
  `const billingApiKey = '${secret}';\n\n` +
  'export async function ping(): Promise<boolean> {\n' +
  "  const res = await fetch('https://billing.example.com/v1/account', {\n" +
  '    headers: { Authorization: `Bearer ${billingApiKey}` },\n' +
  '  });\n' +
  '  return res.ok;\n' +
  '}\n' +
  extra;

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rr-fix-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Syntax errors of a TS/JS text (empty when it parses). */
export function syntaxErrors(path: string, text: string): string[] {
  const kind = /\.tsx$/.test(path) ? ts.ScriptKind.TSX : /\.jsx$/.test(path) ? ts.ScriptKind.JSX : /\.[cm]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const STUBS = join(__dirname, '../../fixtures/fix/_types/modules.d.ts');

/**
 * Type-checks in-memory files under `strict` (plus the stub declarations of the HTTP libraries and SDKs
 * the fixtures import). Returns the diagnostics per file path. One program for many files: fast.
 */
export function typeCheck(files: Map<string, string>): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    jsx: ts.JsxEmit.Preserve,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    typeRoots: [join(__dirname, '../../../node_modules/@types')],
    ignoreDeprecations: '6.0',
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => [...files.keys()].some((f) => f.startsWith(`${d.replace(/\/$/, '')}/`)) || (directoryExists?.(d) ?? true);
  host.getSourceFile = (f, lang) => {
    const text = host.readFile(f);
    return text === undefined ? undefined : ts.createSourceFile(f, text, lang, true);
  };
  const program = ts.createProgram([...files.keys(), STUBS], options, host);
  const result = new Map<string, string[]>();
  for (const path of files.keys()) {
    const source = program.getSourceFile(path);
    const diagnostics = source ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)] : [];
    result.set(path, diagnostics.map((d) => `${path}:${d.start}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`));
  }
  return result;
}

export const hasPython = spawnSync('python3', ['-c', 'import ast'], { stdio: 'ignore' }).status === 0;

/** Python syntax errors per text (python3's own parser); undefined when python3 is not installed. */
export function pythonSyntaxErrors(texts: string[]): string[] | undefined {
  if (!hasPython) return undefined;
  const script = 'import ast, json, sys\nout = []\nfor src in json.load(sys.stdin):\n    try:\n        ast.parse(src)\n        out.append("")\n    except SyntaxError as e:\n        out.append(str(e))\nprint(json.dumps(out))';
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' });
  return JSON.parse(run.stdout) as string[];
}

/** Runs `rotation-ready fix` in `dir` (no keychain: these tests store in .env); what it printed and its exit code. */
export async function runFixCommand(dir: string, args: string[] = []): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), cwd: dir, env: {}, signal: new AbortController().signal };
  const code = await createFixCommand({ keychain: () => { throw new Error('the keychain is not used here'); } }).run(args, io);
  return { code, out, err };
}
