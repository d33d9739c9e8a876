/** The "History scan" section of RESULTS.md, from bench/history.ts's results (also rendered by bench/report.ts). */
export interface HistoryBench {
  repository: { name: string; commits: number; refs: number; blobs: number; packMB: number };
  runs: number;
  seconds: { ours: number; gitLogRg: number; perCommitLoop: number };
  perCommitLoop: { commitsTimed: number; extrapolated: boolean };
  peakMB: { ours: number };
  findings: { total: number; historyOnly: number };
  rgPatterns: number;
  date: string;
}

export function historySection(h: HistoryBench): string[] {
  const ratio = h.seconds.ours / h.seconds.gitLogRg;
  const loop = h.seconds.perCommitLoop / h.seconds.ours;
  return [
    '## History scan (`scan --history`)',
    '',
    `Repository: ${h.repository.name}, a bare mirror with ${h.repository.commits.toLocaleString('en')} commits on ${h.repository.refs.toLocaleString('en')} refs, ${h.repository.blobs.toLocaleString('en')} unique blobs, ${h.repository.packMB.toFixed(1)} MB packed. Every run covers all refs. Median of ${h.runs} run(s), ${h.date}.`,
    '',
    '**Yardstick:** `git log -p --all | rg -c -e <our ' + h.rgPatterns + ' self-identifying rule patterns, combined>`. It greps every diff for key prefixes: no parse, no context, no dedup. **Per-commit loop:** `git show <commit> | rg …` once per commit, the way a naive history scanner shells out' + (h.perCommitLoop.extrapolated ? `, timed on ${h.perCommitLoop.commitsTimed.toLocaleString('en')} commits and scaled linearly to all of them.` : '.'),
    '',
    '| measure | figure | target |',
    '|---|---|---|',
    `| rotation-ready scan --history (each unique blob analyzed once) | ${h.seconds.ours.toFixed(2)} s | |`,
    `| git log -p --all \\| rg | ${h.seconds.gitLogRg.toFixed(2)} s | |`,
    `| per-commit loop (git show \\| rg) | ${h.seconds.perCommitLoop.toFixed(2)} s | |`,
    `| ours vs the yardstick | ${ratio.toFixed(2)}× its time | within 2× ${ratio <= 2 ? '✅' : '❌'} |`,
    `| ours vs the per-commit loop | ${loop.toFixed(1)}× faster | faster ${loop > 1 ? '✅' : '❌'} |`,
    `| peak memory (max RSS) of ours | ${h.peakMB.ours.toFixed(0)} MB | bounded by the largest blob, not the history |`,
    `| findings (one per key and path) | ${h.findings.total}, ${h.findings.historyOnly} only in history | |`,
    '',
  ];
}
