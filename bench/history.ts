/**
 * `scan --history` on a real repository, against `git log -p --all | rg -e <our prefix patterns>` (the yardstick)
 * and a per-commit loop (`git show <commit> | rg`, one process pair per commit).
 *   npx tsx bench/history.ts <git dir or work tree> [--runs N] [--loop-commits N]   (build first: node esbuild.mjs)
 * The repository is any clone or bare mirror with thousands of commits (the figures in RESULTS.md used a mirror of
 * expressjs/express). Results go to bench/.cache/results/history.json and the "History scan" section of RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { rules } from '../src/core/rules/index';
import { BENCH, RESULTS_DIR, ROOT } from './config.mjs';
import { type HistoryBench, historySection } from './lib/historySection';
import { toRust } from './lib/rustRegex';

const repo = resolve(process.argv[2] ?? '');
if (!process.argv[2] || !existsSync(repo)) throw new Error('usage: npx tsx bench/history.ts <repository> [--runs N] [--loop-commits N]');
const flag = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const RUNS = flag('--runs', 3);
const LOOP_COMMITS = flag('--loop-commits', 2000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.trim();
const combined = rules.filter((r) => !r.nameHint).map((r) => `(?:${toRust(r.pattern.source).replace(/\(\?P<\w+>/g, '(')})`).join('|');
const patternFile = join(tmpdir(), 'rr-history-bench.pattern');
writeFileSync(patternFile, combined);

function timed(cmd: string, args: string[]): { seconds: number; stdout: string; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return { seconds, stdout: r.stdout, stderr: r.stderr };
}

const cli = join(ROOT, 'dist/cli.js');
const report = join(tmpdir(), 'rr-history-bench.json');
const ours: number[] = [];
const yardstick: number[] = [];
let peakMB = 0;
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so a noisy moment hurts both alike. /usr/bin/time -f %M: peak RSS in KiB.
  const r = timed('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'scan', '--history', '--format', 'json', '--output', report]);
  ours.push(r.seconds);
  peakMB = Math.max(peakMB, Number(r.stderr.trim().split('\n').pop()) / 1024);
  yardstick.push(timed('bash', ['-c', `git log -p --all --no-color --no-ext-diff | rg --no-config -c -f ${JSON.stringify(patternFile)}`]).seconds);
}

const commits = git('rev-list', '--all').split('\n').filter(Boolean);
const sample = commits.slice(0, Math.min(LOOP_COMMITS, commits.length));
const loopRun = (() => {
  const t0 = process.hrtime.bigint();
  spawnSync('bash', ['-c', `while read -r c; do git show --no-color --no-ext-diff "$c" | rg --no-config -c -f ${JSON.stringify(patternFile)} >/dev/null; done`], { cwd: repo, input: sample.join('\n') + '\n', maxBuffer: 1 << 30 });
  return (Number(process.hrtime.bigint() - t0) / 1e9) * (commits.length / sample.length);
})();

const findings = (JSON.parse(readFileSync(report, 'utf8')) as { findings: Array<{ inHead: boolean }>; summary: { files: number } });
const result: HistoryBench = {
  repository: {
    name: basename(repo) === 'repo' ? basename(dirname(repo)).replace('+', '/') : basename(repo),
    commits: commits.length,
    refs: git('for-each-ref').split('\n').filter(Boolean).length,
    blobs: findings.summary.files,
    packMB: Number(/size-pack: (\d+)/.exec(git('count-objects', '-v'))?.[1] ?? 0) / 1024,
  },
  runs: RUNS,
  seconds: { ours: median(ours), gitLogRg: median(yardstick), perCommitLoop: loopRun },
  perCommitLoop: { commitsTimed: sample.length, extrapolated: sample.length < commits.length },
  peakMB: { ours: peakMB },
  findings: { total: findings.findings.length, historyOnly: findings.findings.filter((f) => !f.inHead).length },
  rgPatterns: rules.filter((r) => !r.nameHint).length,
  date: new Date().toISOString().slice(0, 10),
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'history.json'), JSON.stringify(result, null, 2));

// The section in RESULTS.md is replaced in place (bench/report.ts renders the same one from history.json).
const resultsFile = join(BENCH, 'RESULTS.md');
const section = historySection(result).join('\n');
const text = readFileSync(resultsFile, 'utf8');
const start = text.indexOf('## History scan');
// It ends at the next heading or at the marker comment of a generated section, which stays.
const ends = start < 0 ? [] : ['\n## ', '\n<!-- '].map((m) => text.indexOf(m, start + 1)).filter((i) => i >= 0);
const next = ends.length ? Math.min(...ends) : -1;
writeFileSync(resultsFile, start < 0 ? insertBeforeNotes(text, section) : text.slice(0, start) + section + (next < 0 ? '\n' : text.slice(next + 1)));
console.log(section);

/** A new section goes after the measured parts, before the judgement sections from NOTES.md. */
function insertBeforeNotes(all: string, sectionText: string): string {
  const at = all.indexOf('\n## What we flag in the real world');
  return at < 0 ? `${all.trimEnd()}\n\n${sectionText}\n` : `${all.slice(0, at + 1)}${sectionText}\n${all.slice(at + 1)}`;
}
