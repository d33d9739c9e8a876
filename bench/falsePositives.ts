/**
 * Part 2, the real-world false-positive corpus: every tool over bench/corpus/real-world (popular npm packages and
 * Debian's Python), findings per 100,000 lines. Our findings are listed with file, line, rule and the redacted
 * form so each can be judged by hand (RESULTS.md, "What we flag in the real world").
 *   npx tsx bench/falsePositives.ts [--skip-eslint]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, REAL_WORLD, RESULTS_DIR, ROOT } from './config.mjs';
import { runNoSecrets, runRotationReady, runSecretlint, type ToolRun } from './lib/tools';

if (!existsSync(REAL_WORLD)) execFileSync(process.execPath, [join(ROOT, 'bench/realworld.mjs')], { stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(join(CACHE, 'real-world-manifest.json'), 'utf8')) as { files: number; bytes: number; lines: number };

const runs: ToolRun[] = [runRotationReady(REAL_WORLD), runSecretlint(REAL_WORLD)];
if (!process.argv.includes('--skip-eslint')) runs.push(runNoSecrets(REAL_WORLD));

const ours = JSON.parse(readFileSync(join(CACHE, 'results', 'rotation-ready.json'), 'utf8')) as { findings: Array<{ ruleId: string; path: string; severity: string; redacted: string; range: { start: { line: number } } }> };
const rows = runs.map((r) => {
  const alarms = r.findings.filter((f) => !f.informational);
  const byRule: Record<string, number> = {};
  for (const f of alarms) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const jsTsLines = r.tool === 'eslint-plugin-no-secrets' ? undefined : manifest.lines;
  return { tool: r.tool, findings: alarms.length, informational: r.findings.length - alarms.length, per100kLines: (alarms.length / (jsTsLines ?? manifest.lines)) * 1e5, byRule, seconds: r.seconds, files: r.files, errors: r.errors };
});
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  join(RESULTS_DIR, 'false-positives.json'),
  JSON.stringify({ corpus: manifest, rows, ours: ours.findings.map((f) => ({ rule: f.ruleId, severity: f.severity, at: `${f.path}:${f.range.start.line + 1}`, redacted: f.redacted })) }, null, 2),
);
console.log(`real-world corpus: ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${manifest.lines} lines`);
for (const r of rows) console.log(`${r.tool.padEnd(26)} ${String(r.findings).padStart(6)} findings  ${r.per100kLines.toFixed(2).padStart(7)} per 100k lines  ${r.seconds.toFixed(1)} s  ${JSON.stringify(r.byRule).slice(0, 300)}`);
for (const f of ours.findings) console.log(`  ours: ${f.ruleId} ${f.severity} ${f.path}:${f.range.start.line + 1} ${f.redacted}`);
