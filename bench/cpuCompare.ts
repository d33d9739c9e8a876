/**
 * CPU time of the analyzer, for comparing two source trees (a commit against another) on a shared, noisy machine
 * where wall-clock benches say little. Each run is a fresh process (cold JIT, cold memos, as a CLI scan is) that
 * reads every file of the real-world corpus into memory first, then reports only the CPU time (process.cpuUsage,
 * user + system) of:
 *  - analyzing every file in this thread as the CLI's main thread does (analyzeBytesCooperatively, the same options
 *    as `scan --max-file-size 65536`), so no walk, no reads, no worker threads, no report;
 *  - re-analysis after a keystroke: the 5,001-line TypeScript file of bench/speed.ts, edited in the middle, median
 *    CPU per edit.
 * Runs of the trees are interleaved so a busy moment hurts each alike; best and median of the runs are printed.
 *
 *   npx tsx bench/cpuCompare.ts [--tree DIR]... [--runs N] [--edits N] [--no-scan] [--bundle] [--paired] [--prof DIR [--top N]]
 *                               [--history GIT_DIR [--by-ext]]
 *
 * --tree defaults to this repository; pass another checkout (e.g. `git worktree add --detach /tmp/base <commit>`
 * with node_modules linked) to compare. --paired runs the trees in one process per run, taking turns file by file
 * and edit by edit: the fairest comparison on a loaded machine (each tree's memos and parse caches are its own; the
 * heap and the compiler's warm-up are shared; the trees swap places every other run, so give an even --runs). --no-scan measures the keystrokes alone. --bundle runs each tree's analyzer
 * bundled by esbuild (as the CLI and the server run it) instead of through tsx. --prof writes a CPU profile of the
 * measured parts of each run (the scan, then the keystrokes; not the loading) into DIR and prints the self time by
 * function (source file and name, through the bundle's source map with --bundle), trees side by side, the largest
 * differences first. --history GIT_DIR analyzes, instead of the real-world corpus, every blob `scan --history` reads
 * in that repository (each unique blob once, under the path that introduced it, synchronously as the history scan does;
 * git's own time is not counted); --by-ext adds each tree's CPU by file extension.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire, SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { REAL_WORLD, ROOT } from './config.mjs';

interface RunResult {
  files: number;
  findings: number;
  scanCpuMs: number;
  edits: number;
  editMedianCpuMs: number;
  editP95CpuMs: number;
  /** CPU ms by file extension, the largest first (--by-ext). */
  extensions?: Record<string, number>;
}

interface Analyzer {
  scan: typeof import('../src/core/analyze/scan');
  analyze: typeof import('../src/core/analyze/index');
  sampleGen: typeof import('../src/core/rules/sampleGen').sampleGen;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e3;
const flag = (name: string) => process.argv.includes(name);

function argValues(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === name && process.argv[i + 1] !== undefined) values.push(process.argv[i + 1]!);
  });
  return values;
}

/** The tree's analyzer in one esbuild bundle (the compiler stays apart, as the CLI keeps it in its own file). */
async function bundle(tree: string, dir: string, name: string): Promise<string> {
  const outfile = join(dir, `${name}.js`);
  await build({
    stdin: { contents: "export * as scan from './src/core/analyze/scan';\nexport * as analyze from './src/core/analyze/index';\nexport { sampleGen } from './src/core/rules/sampleGen';\n", resolveDir: tree, loader: 'ts', sourcefile: 'cpuCompare-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // As esbuild.mjs: jsonc-parser's UMD build requires its parts at run time.
    mainFields: ['module', 'main'],
    target: `node${process.versions.node.split('.')[0]}`,
    // The compiler stays the tree's own package, required by its absolute path (the bundle is written elsewhere).
    plugins: [{ name: 'packages-of-the-tree', setup: (b) => b.onResolve({ filter: /^(?:@ts-morph\/|ts-morph$)/ }, (args) => ({ path: createRequire(join(tree, 'package.json')).resolve(args.path), external: true })) }],
    sourcemap: true,
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

async function load(tree: string, bundled: string | undefined): Promise<Analyzer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (bundled) return require(bundled) as Analyzer;
  // The tree's TypeScript sources through tsx, as the unit tests load them.
  return {
    scan: await import(join(tree, 'src/core/analyze/scan.ts')),
    analyze: await import(join(tree, 'src/core/analyze/index.ts')),
    sampleGen: ((await import(join(tree, 'src/core/rules/sampleGen.ts'))) as typeof import('../src/core/rules/sampleGen')).sampleGen,
  };
}

/** The 5,001-line TypeScript file of bench/speed.ts's re-analysis, with its one planted secret. */
function keystrokeFile(sampleGen: Analyzer['sampleGen']): string {
  const g = sampleGen(7);
  const chunk = (i: number) =>
    `export async function handler${i}(req: Request): Promise<Response> {\n  const apiKey = process.env.API_KEY ?? "";\n  const headers = { Authorization: \`Bearer \${apiKey}\`, "X-Request-Id": "${g.uuid()}" };\n  const res = await fetch("https://api.example.com/v1/items/${i}", { headers });\n  if (!res.ok) throw new Error("request failed: " + res.status);\n  const body = (await res.json()) as { items: Array<{ id: string; token?: string }> };\n  return Response.json({ count: body.items.length, checksum: "${g.hex(40)}" });\n}\n\n`;
  let big = '';
  for (let i = 0; big.split('\n').length < 5000; i++) big += chunk(i);
  return big.split('\n').slice(0, 5000).join('\n') + `\nconst clientSecret = "${g.alnum(32)}";\n`;
}

/**
 * One run: every tree given analyzes the corpus, then the keystrokes. With several trees (--paired) they take turns
 * file by file and edit by edit, the first tree changing each time, so a busy moment of the machine falls on each alike.
 */
async function child(trees: Array<{ tree: string; bundled: string | undefined }>, edits: number, scanCorpus: boolean, profileTo: string | undefined): Promise<RunResult[]> {
  const analyzers = await Promise.all(trees.map(({ tree, bundled }) => load(tree, bundled)));
  const n = analyzers.length;
  // Sampled only while measuring: loading the modules and reading the corpus are not what is compared.
  const session = profileTo ? new Session() : undefined;
  const profiling = async (part: 'scan' | 'keys' | undefined) => {
    if (!session) return;
    if (!part) await session.post('Profiler.start');
    else writeFileSync(`${profileTo}-${part}.cpuprofile`, JSON.stringify((await session.post('Profiler.stop')).profile));
  };
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
  }
  const historyDir = argValues('--history')[0];
  const { files } = scanCorpus && !historyDir ? await analyzers[0]!.scan.listFiles({ roots: ['.'], cwd: REAL_WORLD }) : { files: [] };
  const contents = historyDir ? (scanCorpus ? historyBlobs(historyDir) : []) : files.map((f) => ({ rel: f.rel, bytes: readFileSync(f.abs) }));
  // The history scan's options (src/core/history/scan.ts): the defaults but no retained parse.
  const options = historyDir ? { salt: 'bench', retainParse: false } : { salt: 'bench', maxFileBytes: 65536 * 1024, inlineIgnores: true, showPublishable: false, retainParse: false };
  const byExt = analyzers.map(() => new Map<string, number>());
  const extOf = (rel: string) => /\.[^./]+$/.exec(rel)?.[0] ?? rel.slice(rel.lastIndexOf('/') + 1);

  const findings = new Array<number>(n).fill(0);
  const scanCpu = new Array<number>(n).fill(0);
  await profiling(undefined);
  for (let f = 0; f < contents.length; f++) {
    const { rel, bytes } = contents[f]!;
    for (let k = 0; k < n; k++) {
      const t = (f + k) % n;
      const c0 = process.cpuUsage();
      findings[t]! += (historyDir ? analyzers[t]!.scan.analyzeBytes(rel, bytes, options) : await analyzers[t]!.scan.analyzeBytesCooperatively(rel, bytes, options)).findings.length;
      const spent = cpuMs(process.cpuUsage(c0));
      scanCpu[t]! += spent;
      byExt[t]!.set(extOf(rel), (byExt[t]!.get(extOf(rel)) ?? 0) + spent);
    }
  }
  await profiling('scan');

  const big = keystrokeFile(analyzers[0]!.sampleGen);
  const path = 'src/big.ts';
  for (const a of analyzers) a.analyze.analyzeText(path, big, { salt: 'bench' });
  await profiling(undefined);
  const mid = big.indexOf('\n', big.length >> 1);
  const perEdit = analyzers.map(() => [] as number[]);
  for (let i = 0; i < edits; i++) {
    const edited = big.slice(0, mid) + `\n// edit ${i}` + big.slice(mid);
    for (let k = 0; k < n; k++) {
      const t = (i + k) % n;
      const e0 = process.cpuUsage();
      const r = analyzers[t]!.analyze.analyzeText(path, edited, { salt: 'bench' });
      perEdit[t]!.push(cpuMs(process.cpuUsage(e0)));
      if (r.findings.length !== 1) throw new Error(`expected the one planted secret, got ${r.findings.length}`);
    }
  }
  await profiling('keys');
  return perEdit.map((times, t) => {
    const sorted = [...times].sort((a, b) => a - b);
    const extensions = flag('--by-ext') ? Object.fromEntries([...byExt[t]!].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([e, ms]) => [e, Math.round(ms)])) : undefined;
    return { files: contents.length, findings: findings[t]!, scanCpuMs: scanCpu[t]!, edits, editMedianCpuMs: edits ? median(times) : 0, editP95CpuMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0, ...(extensions ? { extensions } : {}) };
  });
}

/**
 * The blobs `scan --history` analyzes in a repository, read into memory: each unique blob once, with the path of the
 * commit that first introduced it (git log --raw, oldest first, as src/core/history/git.ts lists them), up to 2 MiB.
 */
function historyBlobs(gitDir: string): Array<{ rel: string; bytes: Buffer }> {
  const git = (args: string[], input?: string) => {
    const r = spawnSync('git', args, { cwd: gitDir, input, maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr.toString().slice(0, 300)}`);
    return r.stdout;
  };
  const log = git(['log', '--all', '--reverse', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-merges=first-parent', '--format=%x01%H', '--']).toString('utf8').split('\0');
  const pathOf = new Map<string, string>();
  let meta: string | undefined;
  for (const field of log) {
    if (meta !== undefined) {
      const blob = meta.split(' ')[3] ?? '';
      const mode = meta.slice(8, 14);
      meta = undefined;
      if (mode !== '160000' && mode !== '120000' && !/^0+$/.test(blob) && !pathOf.has(blob)) pathOf.set(blob, field);
      continue;
    }
    if (field.replace(/^\n/, '').startsWith(':')) meta = field.replace(/^\n/, '');
  }
  const out = git(['cat-file', '--batch'], [...pathOf.keys()].join('\n') + '\n');
  const blobs: Array<{ rel: string; bytes: Buffer }> = [];
  for (let at = 0; at < out.length; ) {
    const nl = out.indexOf(10, at);
    const [sha, type, size] = out.toString('latin1', at, nl).split(' ');
    at = nl + 1;
    if (type === 'missing' || size === undefined) continue;
    const n = Number(size);
    if (type === 'blob' && n <= 2 * 1024 * 1024) blobs.push({ rel: pathOf.get(sha!)!, bytes: out.subarray(at, at + n) });
    at += n + 1;
  }
  return blobs;
}

type Profile = { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>; samples: number[]; timeDeltas: number[] };

/** Self time per function (source file and name, through the bundle's source map), summed over profiles. */
function selfTimes(files: string[]): Map<string, number> {
  const self = new Map<string, number>();
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      let map: SourceMap | undefined;
      try {
        map = url.startsWith('file://') ? new SourceMap(JSON.parse(readFileSync(new URL(url).pathname + '.map', 'utf8'))) : undefined;
      } catch {
        map = undefined;
      }
      maps.set(url, map);
    }
    return maps.get(url);
  };
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const keys = new Map<number, string>();
    for (const { id, callFrame: f } of profile.nodes) {
      const entry = mapOf(f.url)?.findEntry(f.lineNumber, f.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
      // No line number: the same function in two trees sits on different lines.
      const where = entry?.originalSource ? entry.originalSource.replace(/^.*\/src\//, 'src/') : f.url.replace(/^.*\/node_modules\//, '');
      keys.set(id, `${f.functionName || '(anonymous)'}  ${where}`);
    }
    profile.samples.forEach((id, i) => {
      const key = keys.get(id)!;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1e3);
    });
  }
  return self;
}

async function main(): Promise<void> {
  const edits = Number(argValues('--edits')[0] ?? 200);
  if (flag('--child')) {
    const bundled = argValues('--bundled');
    const trees = argValues('--tree').map((tree, i) => ({ tree: resolve(tree), bundled: bundled[i] || undefined }));
    process.stdout.write(JSON.stringify(await child(trees, edits, !flag('--no-scan'), argValues('--profile-to')[0])) + '\n');
    return;
  }
  const trees = argValues('--tree').map((t) => resolve(t));
  if (!trees.length) trees.push(ROOT);
  const runs = Number(argValues('--runs')[0] ?? 3);
  const profDir = argValues('--prof')[0] && resolve(argValues('--prof')[0]!);
  if (profDir) mkdirSync(profDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'cpu-compare-'));
  const name = (tree: string) => relative('/', tree).replace(/\W+/g, '_');
  const bundles = new Map<string, string | undefined>();
  for (const t of trees) bundles.set(t, flag('--bundle') ? await bundle(t, work, name(t)) : undefined);
  const results = new Map<string, RunResult[]>(trees.map((t) => [t, []]));
  const paired = flag('--paired') && trees.length > 1;
  if (paired && profDir) throw new Error('--prof profiles each tree in its own process: leave out --paired');
  for (let run = 0; run < runs; run++) {
    // Paired, the trees swap places every other run: in one process the tree loaded second measured ~8 % less CPU than
    // the first with both the same code (A/A, bench/NOTES.md speed21), so an even number of runs evens that out.
    for (const group of paired ? [run % 2 === 1 ? [...trees].reverse() : trees] : trees.map((t) => [t])) {
      const treeArgs = group.flatMap((t) => ['--tree', t, '--bundled', bundles.get(t) ?? '']);
      const profileTo = profDir ? ['--profile-to', join(profDir, `${name(group[0]!)}-${run}`)] : [];
      // process.execArgv carries tsx's loader into the child.
      const history = argValues('--history').flatMap((dir) => ['--history', resolve(dir)]);
      const args = [...process.execArgv, __filename, '--child', ...treeArgs, '--edits', String(edits), ...(flag('--no-scan') ? ['--no-scan'] : []), ...(flag('--by-ext') ? ['--by-ext'] : []), ...history, ...profileTo];
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) throw new Error(`run on ${group.join(', ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as RunResult[];
      group.forEach((tree, i) => {
        const result = out[i]!;
        results.get(tree)!.push(result);
        console.log(`${tree}  run ${run + 1}: scan ${result.scanCpuMs.toFixed(0)} ms CPU (${result.files} files, ${result.findings} findings), keystroke median ${result.editMedianCpuMs.toFixed(2)} ms CPU (p95 ${result.editP95CpuMs.toFixed(2)})`);
        if (result.extensions) console.log(`  by extension (ms): ${Object.entries(result.extensions).map(([e, ms]) => `${e} ${ms}`).join(', ')}`);
      });
    }
  }
  console.log('\ntree: scan CPU ms best / median; keystroke CPU ms (median of a run) best / median');
  for (const [tree, rs] of results) {
    const scans = rs.map((r) => r.scanCpuMs);
    const keys = rs.map((r) => r.editMedianCpuMs);
    console.log(`${tree}: scan ${Math.min(...scans).toFixed(0)} / ${median(scans).toFixed(0)}; keystroke ${Math.min(...keys).toFixed(2)} / ${median(keys).toFixed(2)}`);
  }
  if (paired) {
    // Per run, each tree's CPU over the first tree's; their geometric mean, as the order's bias cancels over pairs of runs.
    const base = results.get(trees[0]!)!;
    for (const tree of trees.slice(1)) {
      const ratios = results.get(tree)!.map((r, i) => r.scanCpuMs / base[i]!.scanCpuMs);
      const mean = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length);
      console.log(`${tree} / ${trees[0]}: scan CPU ratio per run ${ratios.map((r) => r.toFixed(3)).join(' ')}, geometric mean ${mean.toFixed(3)}`);
    }
  }
  if (!profDir) return;
  const top = Number(argValues('--top')[0] ?? 30);
  for (const part of ['scan', 'keys'] as const) {
    if ((part === 'scan' && flag('--no-scan')) || (part === 'keys' && edits === 0)) continue;
    // Self time per function, summed over the runs, per tree; the functions that differ most first.
    const byTree = trees.map((tree) => selfTimes(Array.from({ length: runs }, (_, run) => join(profDir, `${name(tree)}-${run}-${part}.cpuprofile`))));
    const keys = new Set(byTree.flatMap((m) => [...m.keys()]));
    const totals = byTree.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
    const spread = (k: string) => Math.max(...byTree.map((m) => m.get(k) ?? 0)) - Math.min(...byTree.map((m) => m.get(k) ?? 0));
    console.log(`\n${part}: self time in ms over ${runs} run(s), per tree (${trees.map((t, i) => `[${i + 1}] ${t}`).join(', ')})`);
    console.log(`${totals.map((t) => t.toFixed(0).padStart(8)).join('')}  total`);
    // One tree has no spread: its largest self times first.
    const order = trees.length > 1 ? spread : (k: string) => byTree[0]!.get(k) ?? 0;
    for (const k of [...keys].sort((a, b) => order(b) - order(a)).slice(0, top)) console.log(`${byTree.map((m) => (m.get(k) ?? 0).toFixed(0).padStart(8)).join('')}  ${k}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
