import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../core/atomicWrite';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import ignore from 'ignore';
import { formatJson, formatText, isFailing, type ScanReport, toSarif } from '../../core/analyze/report';
import { bundledScanWorker, type StartedWorkers } from '../../core/analyze/poolWorkers';
import { analyzeBytes, analyzeFile, DEFAULT_EXCLUDES, type ScanWorkers, scanWorkspace } from '../../core/analyze/scan';
import { applyBaseline, BASELINE_FILE, createBaseline, findingSalt, newBaselineSalt, parseBaseline, serializeBaseline, type Baseline } from '../../core/baseline/index';
import { applyNestedBaselines } from '../../core/baseline/nested';
import type { Finding } from '../../core/findings';
import { printable } from '../../core/printable';
import { oneOf, parseCommandArgs, wholeNumber } from '../args';
import { SCAN_OPTIONS } from '../scanOptions';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { HISTORY_USAGE, runHistoryScan } from './scanHistory';
import { nearestProjectRoot, PROJECT_CONFIG_FILE } from '../../core/projectRoots';
import { createProjectContext } from '../../core/workflows/context';

const run = promisify(execFile);

const usage = `Usage: rotation-ready scan [paths...] [options]

Finds hardcoded keys and secrets in files (default: the current folder), respecting .gitignore.
Exit code: 0 clean, 1 findings (errors or warnings; publishable keys do not fail), 2 usage or runtime error,
or a path that could not be read (it may hold a key).

Options:
  -f, --format FORMAT        text (default), json or sarif
  -o, --output FILE          write the report to FILE instead of standard output
  --staged                   scan the staged content of staged files (for a pre-commit hook)
  --baseline FILE            baseline of accepted findings (default ${BASELINE_FILE} if it exists)
  --update-baseline          write every current finding to the baseline and exit 0
  --no-ignore                also report findings suppressed by ignore comments and the baseline
  --show-publishable         also report publishable keys (Stripe pk_, Mapbox pk., anon JWTs) as info
  --exclude GLOB             skip paths matching GLOB (gitignore syntax; repeatable)
  --max-file-size KB         skip files larger than this (default 2048)
  -j, --jobs N               analyze in N threads (default: one per core; 1 = in this process only)

Values are never printed: findings show the provider, the last 4 characters and the key's fingerprint (rk1:…,
the one the Keys sidebar, the dry-run report and alerts show for it in this project).

${HISTORY_USAGE}`;

export interface ScanArgs {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  output?: string;
  staged: boolean;
  baseline?: string;
  updateBaseline: boolean;
  noIgnore: boolean;
  showPublishable: boolean;
  exclude: string[];
  maxFileBytes?: number;
  jobs?: number;
  /** `--history` and its options (scanHistory.ts). */
  history: boolean;
  since?: string;
  branches: string[];
}

export function parseScanArgs(args: string[]): ScanArgs {
  const { values: v, positionals } = parseCommandArgs(args, SCAN_OPTIONS, { positionals: true });
  const parsed: ScanArgs = {
    paths: positionals,
    format: v.format === undefined ? 'text' : oneOf('--format', v.format, ['text', 'json', 'sarif']),
    staged: v.staged === true,
    updateBaseline: v['update-baseline'] === true,
    noIgnore: v['no-ignore'] === true,
    showPublishable: v['show-publishable'] === true,
    exclude: v.exclude ?? [],
    history: v.history === true,
    branches: v.branch ?? [],
    ...(v.output !== undefined ? { output: v.output } : {}),
    ...(v.baseline !== undefined ? { baseline: v.baseline } : {}),
    ...(v.since !== undefined ? { since: v.since } : {}),
  };
  if (v['max-file-size'] !== undefined) {
    const kb = Number(v['max-file-size']);
    if (!Number.isFinite(kb) || kb <= 0) throw new UsageError(`--max-file-size must be a positive number of KiB, found '${v['max-file-size']}'`);
    parsed.maxFileBytes = Math.round(kb * 1024);
  }
  if (v.jobs !== undefined) parsed.jobs = wholeNumber('--jobs', v.jobs, 1, Number.MAX_SAFE_INTEGER, 'a whole number of threads');
  if (parsed.staged && parsed.paths.length) throw new UsageError('--staged scans the index; do not pass paths with it');
  if (!parsed.history && (parsed.since !== undefined || parsed.branches.length)) throw new UsageError('--since and --branch go with --history');
  return parsed;
}

/** Skip reasons that mean a path was not read at all (a binary or oversized file was, and is reported as such). */
const UNREAD = /^(?:unreadable|not found$)/;

/** Fingerprint salt: the baseline's, else $ROTATION_READY_SALT, else one derived from the project folder (stable across runs). */
export function saltFor(baseline: Baseline | undefined, io: CliIo, root: string): string {
  return findingSalt(baseline, io.env, root);
}

/**
 * The key-fingerprint salt of each project a scan reads (core/fingerprints.ts through the workflows' ProjectContext):
 * the scan's folder, or a package below it with its own .rotation-ready.json. Undefined, with a note, when the per-user
 * salt file cannot be kept (a read-only home): the findings then show no rk1 fingerprint rather than one nothing else shows.
 */
function projectKeySalts(io: CliIo): (root: string) => string | undefined {
  const salts = new Map<string, string | undefined>();
  return (root) => {
    if (!salts.has(root)) {
      try {
        const project = createProjectContext({ root, env: io.env, keychain: () => { throw new Error('a scan does not open the keychain'); } });
        salts.set(root, project.fingerprints.salt);
      } catch (error) {
        io.stderr(`rotation-ready scan: no key fingerprints for ${printable(root)}: ${printable((error as Error).message)}\n`);
        salts.set(root, undefined);
      }
    }
    return salts.get(root);
  };
}

const keySaltOption = (keySalt: string | undefined): { keySalt?: string } => (keySalt ? { keySalt } : {});

/** The project a file belongs to: the nearest folder at or below the scan's root holding a .rotation-ready.json, else the root. */
function packageOf(abs: string, root: string): string {
  const dirs: string[] = [];
  for (let dir = dirname(abs); isInsideRoot(root, dir); dir = dirname(dir)) {
    dirs.push(dir);
    if (dir === root || dirname(dir) === dir) break;
  }
  return nearestProjectRoot(abs, [root, ...dirs.filter((dir) => existsSync(join(dir, PROJECT_CONFIG_FILE)))]) ?? root;
}

const isInsideRoot = (root: string, dir: string): boolean => {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Findings in packages, fingerprinted again with their package's key salt (the file analyzed again, matched by offset). */
async function rekeyPackageFindings(findings: Finding[], options: { base: string; root: string; keySalts: (root: string) => string | undefined; analyze: (abs: string, rel: string, keySalt: string | undefined) => Promise<{ findings: Finding[] }> }): Promise<Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.kind !== 'hardcoded-secret') continue;
    const abs = resolve(options.base, f.path);
    if (packageOf(abs, resolve(options.root)) !== resolve(options.root)) byFile.set(abs, [...(byFile.get(abs) ?? []), f]);
  }
  if (byFile.size === 0) return findings;
  const rekeyed = new Map<Finding, string | undefined>();
  for (const [abs, inFile] of byFile) {
    const again = (await options.analyze(abs, inFile[0]!.path, options.keySalts(packageOf(abs, resolve(options.root))))).findings;
    for (const f of inFile) rekeyed.set(f, again.find((a) => a.offset === f.offset && a.length === f.length)?.keyFingerprint);
  }
  return findings.map((f) => {
    if (!rekeyed.has(f)) return f;
    const { keyFingerprint: _old, ...rest } = f;
    const keyFingerprint = rekeyed.get(f);
    return keyFingerprint ? { ...rest, keyFingerprint } : rest;
  });
}

async function gitRoot(cwd: string): Promise<string> {
  try {
    return (await run('git', ['rev-parse', '--show-toplevel'], { cwd })).stdout.trim();
  } catch {
    throw new Error('--staged needs a git repository');
  }
}

/** Staged files and their staged blobs (what the commit will contain, not the working tree). */
async function scanStaged(root: string, options: { salt: string; keySalt?: string; exclude: string[]; maxFileBytes?: number; inlineIgnores: boolean; showPublishable: boolean; signal: AbortSignal }) {
  const { stdout } = await run('git', ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const excludes = ignore().add([...DEFAULT_EXCLUDES, ...options.exclude]);
  const paths = stdout.split('\0').filter((p) => p && !excludes.ignores(p));
  const findings: Finding[] = [];
  const skipped: ScanReport['skipped'] = [];
  const notes: ScanReport['notes'] = [];
  let files = 0;
  for (const path of paths) {
    if (options.signal.aborted) break;
    const blob = await run('git', ['show', `:${path}`], { cwd: root, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
    const r = analyzeBytes(path, blob.stdout as unknown as Buffer, { salt: options.salt, ...(options.keySalt ? { keySalt: options.keySalt } : {}), maxFileBytes: options.maxFileBytes, inlineIgnores: options.inlineIgnores, showPublishable: options.showPublishable, signal: options.signal });
    if (r.skipped) skipped.push({ path, reason: r.skipped });
    else files++;
    findings.push(...r.findings);
    notes.push(...r.notes.map((note) => ({ path, note })));
  }
  return { findings, skipped, notes, files };
}

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'Find hardcoded keys and secrets (text, JSON or SARIF; pre-commit friendly)',
  usage,
  async run(rawArgs, io) {
    const args = parseScanArgs(rawArgs);
    if (args.history) return runHistoryScan(args, io);
    const root = args.staged ? await gitRoot(io.cwd) : io.cwd;
    const baselinePath = args.baseline ? resolve(io.cwd, args.baseline) : join(root, BASELINE_FILE);
    let baseline: Baseline | undefined;
    if (existsSync(baselinePath)) baseline = parseBaseline(await readFile(baselinePath, 'utf8'), args.baseline ?? BASELINE_FILE);
    else if (args.baseline && !args.updateBaseline) throw new UsageError(`baseline file not found: ${args.baseline}`);
    const salt = args.updateBaseline && !baseline ? newBaselineSalt() : saltFor(baseline, io, root);
    const inlineIgnores = !args.noIgnore;
    const keySalts = projectKeySalts(io);
    const keySalt = keySalts(root);

    let result: { findings: Finding[]; skipped: ScanReport['skipped']; notes: ScanReport['notes']; files: number };
    if (args.staged) {
      result = await scanStaged(root, { salt, keySalt, exclude: args.exclude, maxFileBytes: args.maxFileBytes, inlineIgnores, showPublishable: args.showPublishable, signal: io.signal });
    } else {
      const scan = await scanWorkspace({ roots: args.paths.length ? args.paths : ['.'], cwd: io.cwd, salt, keySalt, exclude: args.exclude, maxFileBytes: args.maxFileBytes, inlineIgnores, showPublishable: args.showPublishable, signal: io.signal, workers: scanWorkers(args.jobs, io.scanWorkers) });
      if (scan.cancelled) {
        io.stderr('rotation-ready scan: cancelled\n');
        return 2;
      }
      result = scan;
    }

    if (args.updateBaseline) {
      const next = createBaseline(result.findings, salt);
      writeFileAtomic(baselinePath, serializeBaseline(next), 0o644);
      io.stderr(`Wrote ${next.entries.length} finding${next.entries.length === 1 ? '' : 's'} to ${args.baseline ?? BASELINE_FILE}.\n`);
      return 0;
    }

    let { fresh, baselined } = args.noIgnore ? { fresh: result.findings, baselined: [] as Finding[] } : applyBaseline(result.findings, baseline);
    if (!args.noIgnore && !args.staged) {
      // A monorepo scanned from its root: each package with a .rotation-ready.json judges its files by its own baseline.
      const nested = await applyNestedBaselines(result.findings, {
        base: io.cwd,
        root,
        reanalyze: async (abs, rel, packageSalt) => (await analyzeFile(abs, rel, { salt: packageSalt, ...keySaltOption(keySalts(packageOf(abs, root))), maxFileBytes: args.maxFileBytes, inlineIgnores, showPublishable: args.showPublishable })).findings,
      });
      if (nested.outside.length < result.findings.length) {
        const top = applyBaseline(nested.outside, baseline);
        fresh = [...top.fresh, ...nested.fresh].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.offset - b.offset));
        baselined = [...top.baselined, ...nested.baselined];
      }
    }
    // A package's keys are its own project's (its own salt, as the Keys sidebar shows them when it is opened).
    fresh = await rekeyPackageFindings(fresh, { base: io.cwd, root, keySalts, analyze: (abs, rel, packageKeySalt) => analyzeFile(abs, rel, { salt, ...keySaltOption(packageKeySalt), maxFileBytes: args.maxFileBytes, inlineIgnores, showPublishable: args.showPublishable }) });
    const report: ScanReport = { findings: fresh, baselined: baselined.length, files: result.files, skipped: result.skipped, notes: result.notes, toolVersion: io.env.ROTATION_READY_VERSION ?? '0.1.0' };
    const output = args.format === 'json' ? formatJson(report) : args.format === 'sarif' ? JSON.stringify(toSarif(report), null, 2) + '\n' : formatText(report);
    if (args.output) {
      writeFileAtomic(isAbsolute(args.output) ? args.output : resolve(io.cwd, args.output), output, 0o644);
      io.stderr(`${fresh.length} finding${fresh.length === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'}; report written to ${args.output}.\n`);
    } else {
      io.stdout(output);
    }
    // A file that could not be read may hold a key: the scan did not do its job, whatever it found elsewhere.
    const unread = result.skipped.filter((s) => UNREAD.test(s.reason));
    if (unread.length > 0) {
      io.stderr(`rotation-ready scan: ${unread.length} path${unread.length === 1 ? '' : 's'} could not be read (${unread.slice(0, 3).map((s) => `${printable(s.path)}: ${s.reason}`).join('; ')}${unread.length > 3 ? '; …' : ''})\n`);
      return 2;
    }
    return fresh.some(isFailing) ? 1 : 0;
  },
};

/** The bundled CLI analyzes files in worker threads (poolWorkers.ts); run from source the scan stays in-process. */
function scanWorkers(jobs: number | undefined, started: StartedWorkers | undefined): ScanWorkers | undefined {
  const script = bundledScanWorker(__dirname);
  if (!script) return undefined;
  return { script, threads: jobs === undefined ? undefined : jobs - 1, ...(started ? { started } : {}) };
}

