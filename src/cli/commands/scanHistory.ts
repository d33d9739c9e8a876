import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { formatJson, formatText, isFailing, type ScanReport, toSarif } from '../../core/analyze/report';
import { applyBaseline, BASELINE_FILE, parseBaseline } from '../../core/baseline/index';
import { writeFileAtomic } from '../../core/atomicWrite';
import { bundledScanWorker } from '../../core/analyze/poolWorkers';
import type { HistoryWorkers } from '../../core/history/blobPool';
import { GitError, type HistoryFinding, repositoryFolder, scanHistory } from '../../core/history/scan';
import { type CliIo, UsageError } from '../command';
import { type ScanArgs, saltFor } from './scan';

export const HISTORY_USAGE = `History (rotation-ready scan --history [--since REV|DATE] [--branch REF]... [paths...]):
  --history                  scan every blob reachable from the refs (default: all refs), each unique blob once;
                             a finding names the commit that introduced it and whether the key is still in HEAD
  --since REV|DATE           only commits after REV (REV..), or since DATE (e.g. 2024-01-01, "3 months ago")
  --branch REF               walk REF instead of all refs (repeatable)
  A key found only in history is still exposed: rotate it; deleting the line does not revoke it.`;

/** `scan --history`: the same report formats, exit codes and baseline as a scan of the files. */
export async function runHistoryScan(args: ScanArgs, io: CliIo): Promise<number> {
  if (args.staged) throw new UsageError('--staged and --history do not go together');
  if (args.updateBaseline) throw new UsageError('--update-baseline records the current files; run it without --history');
  let top: string;
  try {
    top = await repositoryFolder(io.cwd, io.signal);
  } catch {
    throw new UsageError('--history needs a git repository');
  }
  const baselinePath = args.baseline ? resolve(io.cwd, args.baseline) : join(top, BASELINE_FILE);
  const baseline = existsSync(baselinePath) ? parseBaseline(await readFile(baselinePath, 'utf8'), args.baseline ?? BASELINE_FILE) : undefined;
  if (!baseline && args.baseline) throw new UsageError(`baseline file not found: ${args.baseline}`);
  const salt = saltFor(baseline, io, top);
  // Paths are given relative to the current folder; history paths are relative to the repository's top.
  const paths = args.paths.map((p) => relative(top, resolve(io.cwd, p)).split('\\').join('/'));
  if (paths.some((p) => p.startsWith('..'))) throw new UsageError('--history paths must be inside the repository');
  let result;
  try {
    result = await scanHistory({
      cwd: top,
      salt,
      refs: args.branches,
      ...(args.since !== undefined ? { since: args.since } : {}),
      paths,
      exclude: args.exclude,
      ...(args.maxFileBytes !== undefined ? { maxFileBytes: args.maxFileBytes } : {}),
      inlineIgnores: !args.noIgnore,
      signal: io.signal,
      ...historyWorkers(args.jobs),
    });
  } catch (error) {
    if (io.signal.aborted) {
      io.stderr('rotation-ready scan: cancelled\n');
      return 2;
    }
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
  const { fresh, baselined } = args.noIgnore ? { fresh: result.findings, baselined: [] } : applyBaseline(result.findings, baseline);
  const report: ScanReport = { findings: fresh, baselined: baselined.length, files: result.blobs, skipped: result.skipped, notes: result.notes, toolVersion: io.env.ROTATION_READY_VERSION ?? '0.1.0' };
  const output = args.format === 'json' ? formatJson(report) : args.format === 'sarif' ? JSON.stringify(historySarif(report, fresh), null, 2) + '\n' : historyText(report, fresh, result.commits);
  if (args.output) {
    writeFileAtomic(isAbsolute(args.output) ? args.output : resolve(io.cwd, args.output), output, 0o644);
    io.stderr(`${fresh.length} finding${fresh.length === 1 ? '' : 's'} in ${result.blobs} blobs of history; report written to ${args.output}.\n`);
  } else io.stdout(output);
  return fresh.some(isFailing) ? 1 : 0;
}

/** The bundled CLI analyzes blobs in worker threads beside this one, as `--jobs` says (1: in this process only). */
function historyWorkers(jobs: number | undefined): { workers?: HistoryWorkers } {
  const script = bundledScanWorker(__dirname);
  return script && jobs !== 1 ? { workers: { script, ...(jobs !== undefined ? { threads: jobs - 1 } : {}) } } : {};
}

function historyText(report: ScanReport, findings: HistoryFinding[], commits: number): string {
  const text = formatText(report).replace(/ in (\d+) files?/, ` in $1 unique blob${report.files === 1 ? '' : 's'} of ${commits} commit${commits === 1 ? '' : 's'}`);
  const lines = text.split('\n');
  // Each finding line is followed by where it came from.
  const out: string[] = [];
  let i = 0;
  for (const line of lines) {
    out.push(line);
    const f = findings[i];
    if (f && i < findings.length && line.startsWith(`${f.path}:`)) {
      out.push(`    ${f.inHead ? 'still in HEAD' : 'only in history'}; introduced in ${f.commit.slice(0, 12)} (${f.authorDate.slice(0, 10)})${f.occurrences > 1 ? `, in ${f.occurrences} versions` : ''}`);
      i++;
    }
  }
  return out.join('\n');
}

/** SARIF as for a scan; each result also carries the commit, its date and whether the key is still in HEAD. */
function historySarif(report: ScanReport, findings: HistoryFinding[]): object {
  const sarif = toSarif(report) as { runs: Array<{ results: Array<{ properties: Record<string, unknown> }> }> };
  sarif.runs[0]!.results.forEach((r, i) => {
    const f = findings[i]!;
    Object.assign(r.properties, { commit: f.commit, authorDate: f.authorDate, inHead: f.inHead, historyOnly: !f.inHead });
  });
  return sarif;
}
