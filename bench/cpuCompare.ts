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
 *   npx tsx bench/cpuCompare.ts [--tree DIR]... [--runs N] [--edits N] [--no-scan] [--prof DIR]
 *
 * --tree defaults to this repository; pass another checkout (e.g. `git worktree add --detach /tmp/base <commit>`
 * with node_modules linked) to compare. --no-scan measures the keystrokes alone. --prof writes a CPU profile (node --cpu-prof) of each run into DIR.
 * Each run also prints the number of findings, which must be the same for trees that find the same things.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REAL_WORLD, ROOT } from './config.mjs';

interface RunResult {
  files: number;
  findings: number;
  scanCpuMs: number;
  edits: number;
  editMedianCpuMs: number;
  editP95CpuMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e3;

function argValues(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === name && process.argv[i + 1] !== undefined) values.push(process.argv[i + 1]!);
  });
  return values;
}

async function child(tree: string, edits: number, scanCorpus: boolean): Promise<RunResult> {
  // The tree's own analyzer (TypeScript sources through tsx, as the unit tests load them).
  const scan = (await import(join(tree, 'src/core/analyze/scan.ts'))) as typeof import('../src/core/analyze/scan');
  const analyze = (await import(join(tree, 'src/core/analyze/index.ts'))) as typeof import('../src/core/analyze/index');
  const { sampleGen } = (await import(join(tree, 'src/core/rules/sampleGen.ts'))) as typeof import('../src/core/rules/sampleGen');

  const { files } = scanCorpus ? await scan.listFiles({ roots: ['.'], cwd: REAL_WORLD }) : { files: [] };
  const contents = files.map((f) => ({ rel: f.rel, bytes: readFileSync(f.abs) }));
  const options = { salt: 'bench', maxFileBytes: 65536 * 1024, inlineIgnores: true, showPublishable: false, retainParse: false };

  let findings = 0;
  const c0 = process.cpuUsage();
  for (const { rel, bytes } of contents) findings += (await scan.analyzeBytesCooperatively(rel, bytes, options)).findings.length;
  const scanCpuMs = cpuMs(process.cpuUsage(c0));

  // The same file and edits as bench/speed.ts's re-analysis.
  const g = sampleGen(7);
  const chunk = (i: number) =>
    `export async function handler${i}(req: Request): Promise<Response> {\n  const apiKey = process.env.API_KEY ?? "";\n  const headers = { Authorization: \`Bearer \${apiKey}\`, "X-Request-Id": "${g.uuid()}" };\n  const res = await fetch("https://api.example.com/v1/items/${i}", { headers });\n  if (!res.ok) throw new Error("request failed: " + res.status);\n  const body = (await res.json()) as { items: Array<{ id: string; token?: string }> };\n  return Response.json({ count: body.items.length, checksum: "${g.hex(40)}" });\n}\n\n`;
  let big = '';
  for (let i = 0; big.split('\n').length < 5000; i++) big += chunk(i);
  big = big.split('\n').slice(0, 5000).join('\n') + `\nconst clientSecret = "${g.alnum(32)}";\n`;
  const path = 'src/big.ts';
  analyze.analyzeText(path, big, { salt: 'bench' });
  const mid = big.indexOf('\n', big.length >> 1);
  const perEdit: number[] = [];
  for (let i = 0; i < edits; i++) {
    const edited = big.slice(0, mid) + `\n// edit ${i}` + big.slice(mid);
    const e0 = process.cpuUsage();
    const r = analyze.analyzeText(path, edited, { salt: 'bench' });
    perEdit.push(cpuMs(process.cpuUsage(e0)));
    if (r.findings.length !== 1) throw new Error(`expected the one planted secret, got ${r.findings.length}`);
  }
  const sorted = [...perEdit].sort((a, b) => a - b);
  return { files: contents.length, findings, scanCpuMs, edits, editMedianCpuMs: median(perEdit), editP95CpuMs: sorted[Math.floor(sorted.length * 0.95)]! };
}

async function main(): Promise<void> {
  const edits = Number(argValues('--edits')[0] ?? 200);
  if (process.argv.includes('--child')) {
    const result = await child(resolve(argValues('--tree')[0]!), edits, !process.argv.includes('--no-scan'));
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const trees = argValues('--tree').map((t) => resolve(t));
  if (!trees.length) trees.push(ROOT);
  const runs = Number(argValues('--runs')[0] ?? 3);
  const profDir = argValues('--prof')[0];
  const results = new Map<string, RunResult[]>(trees.map((t) => [t, []]));
  for (let run = 0; run < runs; run++) {
    for (const tree of trees) {
      const prof = profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir)}`, `--cpu-prof-name=${tree.replace(/\W+/g, '_')}-${run}.cpuprofile`] : [];
      // process.execArgv carries tsx's loader into the child.
      const r = spawnSync(process.execPath, [...process.execArgv, ...prof, __filename, '--child', '--tree', tree, '--edits', String(edits), ...(process.argv.includes('--no-scan') ? ['--no-scan'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) throw new Error(`run on ${tree} failed (${r.status}): ${r.stderr.slice(-2000)}`);
      const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as RunResult;
      results.get(tree)!.push(result);
      console.log(`${tree}  run ${run + 1}: scan ${result.scanCpuMs.toFixed(0)} ms CPU (${result.files} files, ${result.findings} findings), keystroke median ${result.editMedianCpuMs.toFixed(2)} ms CPU (p95 ${result.editP95CpuMs.toFixed(2)})`);
    }
  }
  console.log('\ntree: scan CPU best / median ms; keystroke CPU best median / median of medians ms');
  for (const [tree, rs] of results) {
    const scans = rs.map((r) => r.scanCpuMs);
    const keys = rs.map((r) => r.editMedianCpuMs);
    console.log(`${tree}: scan ${Math.min(...scans).toFixed(0)} / ${median(scans).toFixed(0)}; keystroke ${Math.min(...keys).toFixed(2)} / ${median(keys).toFixed(2)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
