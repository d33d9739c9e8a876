/**
 * Runs each tool over a directory and normalizes what it reports to { path, start, end, rule } with
 * character offsets, so one scorer judges all of them. Every run is timed from process start to exit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CACHE, CORPUS, ROOT } from '../config.mjs';

export interface ToolFinding {
  path: string;
  start: number;
  end: number;
  rule: string;
  /** Ours only: publishable-key rules report info, which is not an alarm. */
  informational?: boolean;
}

export interface ToolRun {
  tool: string;
  findings: ToolFinding[];
  seconds: number;
  /** Peak resident set size in MB (from /usr/bin/time -v). */
  peakMB?: number;
  files?: number;
  /** Files the tool could not read or parse. */
  errors: number;
}

export const NODE22 = join(CACHE, 'node22/node_modules/.bin/node');
const PEERS = join(CACHE, 'peers/node_modules');

function timed(cmd: string, args: string[], cwd: string): { stdout: string; stderr: string; seconds: number; peakMB?: number; status: number | null } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', seconds, peakMB: rss ? Number(rss[1]) / 1024 : undefined, status: r.status };
}

/** Line/column (1-based) to offset, per file, cached. */
const lineStarts = new Map<string, number[]>();
export function offsetOf(abs: string, line: number, column: number): number {
  let starts = lineStarts.get(abs);
  if (!starts) {
    const text = readFileSync(abs, 'utf8');
    starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(abs, starts);
  }
  return (starts[line - 1] ?? 0) + column - 1;
}

export function runRotationReady(dir: string, extra: string[] = []): ToolRun {
  const out = join(CACHE, 'results', 'rotation-ready.json');
  mkdirSync(join(CACHE, 'results'), { recursive: true });
  // Node exits with 1 for a missing script too, which is also the scan's "findings" status.
  if (!existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: build first (node esbuild.mjs)');
  // A scan that fails before writing must not leave the last run's report to be read as this one's.
  rmSync(out, { force: true });
  // --max-file-size: every tool reads every file (ours skips files over 2 MiB by default).
  const r = timed(process.execPath, ['--', join(ROOT, 'dist/cli.js'), 'scan', '.', '--format', 'json', '--max-file-size', '65536', '--output', out, ...extra], dir);
  if (r.status !== 0 && r.status !== 1) throw new Error(`rotation-ready scan failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const findings: ToolFinding[] = report.findings.map((f: { path: string; offset: number; length: number; ruleId: string; severity: string }) => ({
    path: f.path,
    start: f.offset,
    end: f.offset + f.length,
    rule: f.ruleId,
    informational: f.severity === 'info' || f.severity === 'hint' ? /publishable|public-token/.test(f.ruleId) : undefined,
  }));
  return { tool: 'rotation-ready', findings, seconds: r.seconds, peakMB: r.peakMB, files: report.summary.files, errors: report.skipped.length };
}

export function runSecretlint(dir: string): ToolRun {
  const rc = join(CACHE, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const out = join(CACHE, 'results', 'secretlint.json');
  // --no-gitignore: bench/corpus is git-ignored in this repository; the scanned tree itself has no .gitignore.
  const r = timed(NODE22, [join(PEERS, 'secretlint/bin/secretlint.js'), '**/*', '--secretlintrc', rc, '--format', 'json', '--output', out, '--no-gitignore', '--no-color'], dir);
  if (r.status !== 0 && r.status !== 1) throw new Error(`secretlint failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as Array<{ filePath: string; messages: Array<{ ruleId: string; range: [number, number] }> }>;
  const findings: ToolFinding[] = [];
  for (const file of results) for (const m of file.messages) findings.push({ path: relative(dir, file.filePath), start: m.range[0], end: m.range[1], rule: m.ruleId.replace('@secretlint/secretlint-rule-', '') });
  return { tool: 'secretlint', findings, seconds: r.seconds, peakMB: r.peakMB, files: results.length, errors: 0 };
}

/** eslint-plugin-no-secrets reads only what ESLint parses: JS and TS files (TS through @typescript-eslint/parser). */
export function runNoSecrets(dir: string): ToolRun {
  // ESLint 9 ignores files outside its config's folder: the config sits in bench/corpus/, above both corpora.
  const config = join(CORPUS, 'eslint.config.mjs');
  writeFileSync(
    config,
    `import noSecrets from ${JSON.stringify(join(PEERS, 'eslint-plugin-no-secrets/dist/index.js'))};\n` +
      `import tsParser from ${JSON.stringify(join(PEERS, '@typescript-eslint/parser/dist/index.js'))};\n` +
      `export default [\n` +
      `  { files: ['**/*.{js,mjs,cjs,jsx}'], plugins: { 'no-secrets': noSecrets }, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' }, rules: { 'no-secrets/no-secrets': 'error' } },\n` +
      `  { files: ['**/*.{ts,mts,cts,tsx}'], plugins: { 'no-secrets': noSecrets }, languageOptions: { parser: tsParser }, rules: { 'no-secrets/no-secrets': 'error' } },\n` +
      `];\n`,
  );
  const out = join(CACHE, 'results', 'no-secrets.json');
  const r = timed(process.execPath, ['--max-old-space-size=8192', join(PEERS, 'eslint/bin/eslint.js'), '--config', config, '--format', 'json', '--output-file', out, '--no-warn-ignored', '--no-inline-config', '--no-ignore', '.'], dir);
  if (r.status !== 0 && r.status !== 1) throw new Error(`eslint failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; fatal?: boolean }> }>;
  const findings: ToolFinding[] = [];
  let errors = 0;
  for (const file of results) {
    for (const m of file.messages) {
      if (m.fatal || !m.ruleId) {
        errors++;
        continue;
      }
      const start = offsetOf(file.filePath, m.line, m.column);
      const end = m.endLine ? offsetOf(file.filePath, m.endLine, m.endColumn ?? m.column) : start + 1;
      findings.push({ path: relative(dir, file.filePath), start, end: Math.max(end, start + 1), rule: m.ruleId });
    }
  }
  return { tool: 'eslint-plugin-no-secrets', findings, seconds: r.seconds, peakMB: r.peakMB, files: results.length, errors };
}

export function versions(): Record<string, string> {
  const pkg = (p: string) => JSON.parse(readFileSync(join(PEERS, p, 'package.json'), 'utf8')).version as string;
  const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? 'missing';
  return {
    'rotation-ready': JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version + ` (git ${spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim()})`,
    node: process.version,
    'node (secretlint)': spawnSync(NODE22, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    secretlint: pkg('secretlint'),
    '@secretlint/secretlint-rule-preset-recommend': pkg('@secretlint/secretlint-rule-preset-recommend'),
    eslint: pkg('eslint'),
    'eslint-plugin-no-secrets': pkg('eslint-plugin-no-secrets'),
    '@typescript-eslint/parser': pkg('@typescript-eslint/parser'),
    ripgrep: rg,
  };
}
