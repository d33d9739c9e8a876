/**
 * Part 3, speed, all in one run so the ratios compare like with like:
 *  - whole-workspace scan of the real-world corpus through the CLI (start-up included), median of N runs,
 *    vs secretlint 13 on Node 22 and vs ripgrep running one combined regex of our self-identifying rule patterns;
 *  - peak memory of our scan (/usr/bin/time -v);
 *  - re-analysis of a 5,000-line TypeScript file after an edit, in-process with the parse cache, as the server does;
 *  - a CPU profile of our scan, summarized by where the time goes.
 *   npx tsx bench/speed.ts [--runs N]      (build first: node esbuild.mjs)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../src/core/analyze/index';
import { rules } from '../src/core/rules/index';
import { sampleGen } from '../src/core/rules/sampleGen';
import { CACHE, REAL_WORLD, RESULTS_DIR, ROOT } from './config.mjs';
import { toRust } from './lib/rustRegex';
import { runRotationReady, runSecretlint } from './lib/tools';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const manifest = JSON.parse(readFileSync(join(CACHE, 'real-world-manifest.json'), 'utf8')) as { files: number; bytes: number; lines: number };
const MB = manifest.bytes / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const scanPatterns = rules.filter((r) => !r.nameHint).map((r) => toRust(r.pattern.source).replace(/\(\?P<\w+>/g, '('));
const combined = scanPatterns.map((p) => `(?:${p})`).join('|');

function time(cmd: string, args: string[], cwd: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const loadBefore = loadavg()[0]!;
// 1. Throughput, interleaved runs so a noisy moment hurts every tool alike.
const times: Record<string, number[]> = { 'rotation-ready': [], 'secretlint 13': [], ripgrep: [] };
let peakMB = 0;
for (let i = 0; i < RUNS; i++) {
  const ours = runRotationReady(REAL_WORLD);
  times['rotation-ready']!.push(ours.seconds);
  peakMB = Math.max(peakMB, ours.peakMB ?? 0);
  times['secretlint 13']!.push(runSecretlint(REAL_WORLD).seconds);
  times.ripgrep!.push(time('rg', ['--no-config', '--no-ignore', '--hidden', '--count-matches', '-e', combined, '.'], REAL_WORLD));
}
const throughput = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { seconds: median(v), runs: v, mbPerSecond: MB / median(v) }]));

// 2. Re-analysis after an edit: a 5,000-line TypeScript file, analyzed once, then edited in the middle and re-analyzed.
const g = sampleGen(7);
const chunk = (i: number) =>
  `export async function handler${i}(req: Request): Promise<Response> {\n  const apiKey = process.env.API_KEY ?? "";\n  const headers = { Authorization: \`Bearer \${apiKey}\`, "X-Request-Id": "${g.uuid()}" };\n  const res = await fetch("https://api.example.com/v1/items/${i}", { headers });\n  if (!res.ok) throw new Error("request failed: " + res.status);\n  const body = (await res.json()) as { items: Array<{ id: string; token?: string }> };\n  return Response.json({ count: body.items.length, checksum: "${g.hex(40)}" });\n}\n\n`;
let big = '';
for (let i = 0; big.split('\n').length < 5000; i++) big += chunk(i);
big = big.split('\n').slice(0, 5000).join('\n') + `\nconst clientSecret = "${g.alnum(32)}";\n`;
const path = 'src/big.ts';
analyzeText(path, big, { salt: 'bench' });
const edits: number[] = [];
// CPU time too: on a shared machine wall time includes waiting for a core, which the server's budget is not about.
const cpu: number[] = [];
const mid = big.indexOf('\n', big.length >> 1);
for (let i = 0; i < 300; i++) {
  const edited = big.slice(0, mid) + `\n// edit ${i}` + big.slice(mid);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const r = analyzeText(path, edited, { salt: 'bench' });
  const c = process.cpuUsage(c0);
  edits.push(Number(process.hrtime.bigint() - t0) / 1e6);
  cpu.push((c.user + c.system) / 1e3);
  if (r.findings.length !== 1) throw new Error(`expected the one planted secret, got ${r.findings.length}`);
}
const reanalysis = { lines: 5001, bytes: big.length, runs: edits.length, medianMs: median(edits), p95Ms: [...edits].sort((a, b) => a - b)[Math.floor(edits.length * 0.95)]!, medianCpuMs: median(cpu) };

// 3. Where the time goes: a CPU profile of one scan, self time by component.
const profDir = join(CACHE, 'cpu-profile');
rmSync(profDir, { recursive: true, force: true });
spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--', join(ROOT, 'dist/cli.js'), 'scan', '.', '--format', 'json', '--max-file-size', '65536', '--output', '/dev/null'], { cwd: REAL_WORLD });
// With worker threads each thread writes its own profile: sum them all (the main thread is mostly idle then).
type Profile = { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>; samples: number[]; timeDeltas: number[] };
const profiles = readdirSync(profDir).map((f) => JSON.parse(readFileSync(join(profDir, f), 'utf8')) as Profile);
// A bundle's source map says which module a profiled function came from.
const sourceMaps = new Map<string, SourceMap | undefined>();
const moduleOf = (url: string, line: number, column: number): string => {
  const file = url.slice(url.lastIndexOf('/') + 1);
  if (!sourceMaps.has(file)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(join(ROOT, 'dist', `${file}.map`), 'utf8')));
    } catch {
      map = undefined;
    }
    sourceMaps.set(file, map);
  }
  const entry = sourceMaps.get(file)?.findEntry(line, column) as { originalSource?: string } | undefined;
  return entry?.originalSource ?? '';
};
const component = (n: { callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }): string => {
  const { functionName, url, lineNumber, columnNumber } = n.callFrame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)' || functionName === '(program)') return 'idle / waiting for I/O';
  if (functionName.startsWith('RegExp:')) return 'regular expressions (rule patterns, quiet filters)';
  if (url.startsWith('wasm://')) return 'keyword automaton (WebAssembly, keywords.wat)';
  if (url.endsWith('ts-morph.js') || url.endsWith('dist/typescript.js')) return 'TypeScript parser (JS/TS files with a candidate string)';
  if (!/(?:cli|cli-main|scanWorker|scanWorker-main)\.js$/.test(url)) return url.startsWith('node:') || !url ? 'Node runtime (fs, decode, module loading)' : url;
  const mod = moduleOf(url, lineNumber, columnNumber);
  if (mod.includes('typescript')) return 'TypeScript parser (JS/TS files with a candidate string)';
  if (mod.includes('extract/tokens')) return 'token pass (Python, shell, text)';
  if (mod.includes('extract/slices') || mod.includes('extract/jsLexer') || mod.includes('extract/typescript')) return 'statement slices and syntax-tree walk (JS/TS)';
  if (mod.includes('keywords')) return 'keyword automaton: hits and offsets (keywords.ts)';
  if (mod.includes('prefilter') || mod.includes('quiet') || mod.includes('entropy') || mod.includes('candidate')) return 'candidate-string prefilter and quiet filters';
  if (/analyze\/(?:scan|walk|read|pool)\.ts/.test(mod) || mod.includes('ignore')) return 'file walk, reads, thread pool (scan, walk, read, pool), .gitignore';
  if (/analyze\/(?:patterns|compile)\.ts/.test(mod)) return 'provider patterns (patterns.ts)';
  if (/analyze\/(?:index|abort|binding|ruleSet|extraction|finding)\.ts/.test(mod)) return 'analyzer (index.ts and its steps, name and value checks, findings)';
  return mod || '(bundle)';
};
const self = new Map<string, number>();
let total = 0;
for (const profile of profiles) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const k = component(byId.get(id)!);
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(k, (self.get(k) ?? 0) + dt);
    total += dt;
  });
}
const whereTimeGoes = [...self].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => ({ component: k, ms: Math.round(v / 1000), share: v / total }));

const result = { corpus: manifest, runs: RUNS, load: { before: loadBefore, after: loadavg()[0]! }, throughput, ratios: { vsSecretlint: throughput['secretlint 13']!.seconds / throughput['rotation-ready']!.seconds, vsRipgrep: throughput['rotation-ready']!.seconds / throughput.ripgrep!.seconds }, peakMB, reanalysis, whereTimeGoes, ripgrepPatterns: scanPatterns.length };
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'speed.json'), JSON.stringify(result, null, 2));
for (const [k, v] of Object.entries(throughput)) console.log(`${k.padEnd(16)} ${v.seconds.toFixed(2).padStart(7)} s  ${v.mbPerSecond.toFixed(1).padStart(7)} MB/s  (runs: ${v.runs.map((x) => x.toFixed(2)).join(', ')})`);
console.log(`ours vs secretlint: ${result.ratios.vsSecretlint.toFixed(2)}× faster; ours vs ripgrep: ${result.ratios.vsRipgrep.toFixed(2)}× slower; peak RSS ${peakMB.toFixed(0)} MB`);
console.log(`re-analysis of a ${reanalysis.lines}-line TS file after an edit: median ${reanalysis.medianMs.toFixed(2)} ms wall (${reanalysis.medianCpuMs.toFixed(2)} ms CPU), p95 ${reanalysis.p95Ms.toFixed(2)} ms`);
for (const w of whereTimeGoes) console.log(`  ${(100 * w.share).toFixed(1).padStart(5)} %  ${String(w.ms).padStart(6)} ms  ${w.component}`);
