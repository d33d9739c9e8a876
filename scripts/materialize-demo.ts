/**
 * Makes a usable copy of the demo workspace.
 *
 * The files in `demo/` hold placeholders such as `{{secret:stripe-secret-key}}` instead of keys, so this
 * repository never contains a real-looking key (other scanners and push protection would trip on it).
 * Materializing copies the tree and fills each placeholder with a synthetic value in the exact shape of
 * that provider's key. Values come from a seeded PRNG keyed by (seed, kind, index): the same placeholder
 * yields the same value in every file (so `docker-compose.yml` and `src/config.ts` agree on the database
 * password, and the simulator's config can accept the key the code holds) and on every run (stable screenshots).
 *
 * Placeholder syntax: `{{secret:<kind>}}` or `{{secret:<kind>:<index>}}` (index defaults to 0) for a second,
 * different value of the same kind.
 *
 *   npx tsx scripts/materialize-demo.ts <target> [--seed <seed>] [--source <dir>]
 *
 * Prints the target path, never a value.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../src/core/rules/sampleGen';

export const DEFAULT_SEED = 'rotation-ready-demo';
export const DEMO_DIR = path.resolve(__dirname, '..', 'demo');

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const BASE32 = UPPER + '234567';
const BASE64 = ALNUM + '+/';

type Draw = (alphabet: string, n: number) => string;

/**
 * One generator per kind. Prefixes are assembled from fragments so that this file holds no key-shaped literal.
 * Shapes follow the providers' documented formats (and the rules in src/core/rules).
 */
const GENERATORS = {
  /** Stripe live secret key: https://docs.stripe.com/keys */
  'stripe-secret-key': (d: Draw) => 'sk_' + 'live_' + d(ALNUM, 24),
  /** Stripe publishable key: meant to ship in clients; the demo uses it as a negative. */
  'stripe-publishable-key': (d: Draw) => 'pk_' + 'live_' + d(ALNUM, 24),
  /** GitHub personal access token (classic). */
  'github-token': (d: Draw) => 'gh' + 'p_' + d(ALNUM, 36),
  /** OpenAI API key, legacy user-key layout with the `T3BlbkFJ` marker scanners look for. */
  'openai-api-key': (d: Draw) => 'sk' + '-' + d(ALNUM, 20) + 'T3Blbk' + 'FJ' + d(ALNUM, 20),
  /** Slack bot token: team id, bot id, secret. */
  'slack-bot-token': (d: Draw) => 'xo' + 'xb-' + d(DIGITS, 12) + '-' + d(DIGITS, 13) + '-' + d(ALNUM, 24),
  /** AWS long-term access key id: AKIA + 16 base32 characters. */
  'aws-access-key-id': (d: Draw) => 'AK' + 'IA' + d(BASE32, 16),
  /** AWS secret access key: 40 base64 characters. */
  'aws-secret-access-key': (d: Draw) => d(BASE64, 40),
  'generic-hex-32': (d: Draw) => d(HEX, 32),
  'generic-base64-40': (d: Draw) => d(BASE64, 40),
  /** Safe inside a URL's userinfo without escaping (no `@ : / ? # %`). */
  password: (d: Draw) => d(ALNUM, 20),
} satisfies Record<string, (d: Draw) => string>;

export type SecretKind = keyof typeof GENERATORS;
export const SECRET_KINDS = Object.keys(GENERATORS) as SecretKind[];

export function isSecretKind(kind: string): kind is SecretKind {
  return Object.prototype.hasOwnProperty.call(GENERATORS, kind);
}

/** mulberry32 (the rules' samples' generator), seeded from a SHA-256 of (seed, kind, index) so each value is independent of the others. */
function prng(seed: string, kind: string, index: number): () => number {
  return seededRandom(createHash('sha256').update(`${seed}\0${kind}\0${index}`).digest().readUInt32LE(0));
}

/** The synthetic value for one placeholder. Same (kind, index, seed), same value. */
export function secretValue(kind: SecretKind, index = 0, seed = DEFAULT_SEED): string {
  const next = prng(seed, kind, index);
  const draw: Draw = (alphabet, n) => {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return GENERATORS[kind](draw);
}

export interface Placeholder {
  kind: string;
  index: number;
  /** Offsets of the whole `{{secret:…}}` token, [start, end). */
  start: number;
  end: number;
}

const PLACEHOLDER = /\{\{secret:([a-z0-9-]+)(?::(\d+))?\}\}/g;
const TOKEN_START = '{{' + 'secret:';

export function findPlaceholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({
    kind: m[1],
    index: m[2] === undefined ? 0 : Number(m[2]),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

/** Replaces every placeholder; throws on an unknown kind or a malformed token, naming the file. */
export function fillPlaceholders(text: string, seed = DEFAULT_SEED, file = '<text>'): { text: string; count: number } {
  let count = 0;
  const out = text.replace(PLACEHOLDER, (_token, kind: string, index: string | undefined) => {
    if (!isSecretKind(kind)) {
      throw new Error(`${file}: unknown secret kind "${kind}" (known: ${SECRET_KINDS.join(', ')})`);
    }
    count++;
    return secretValue(kind, index === undefined ? 0 : Number(index), seed);
  });
  if (out.includes(TOKEN_START)) throw new Error(`${file}: malformed ${TOKEN_START}…}} placeholder`);
  return { text: out, count };
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Workspace-relative paths (forward slashes) of the files in a demo tree, sorted. */
export function listDemoFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(child);
      } else if (entry.isFile()) {
        out.push(child);
      }
    }
  };
  walk('');
  return out.sort();
}

function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}

export interface MaterializeResult {
  /** Absolute path of the copy. */
  targetDir: string;
  /** Relative paths of the files written. */
  files: string[];
  /** How many placeholders were filled (a count, never the values). */
  filled: number;
}

/**
 * Copies `sourceDir` to `targetDir` (created if needed; files already there are overwritten, others left alone),
 * filling every `{{secret:<kind>[:<index>]}}` placeholder. Refuses a target inside the source.
 */
export function materializeDemo(sourceDir: string, targetDir: string, seed = DEFAULT_SEED): MaterializeResult {
  const source = path.resolve(sourceDir);
  const target = path.resolve(targetDir);
  const rel = path.relative(source, target);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new Error(`target ${target} must be outside the demo source ${source}`);
  }
  if (!fs.statSync(source).isDirectory()) throw new Error(`${source} is not a directory`);
  const files = listDemoFiles(source);
  let filled = 0;
  for (const file of files) {
    const from = path.join(source, file);
    const to = path.join(target, file);
    const mode = fs.statSync(from).mode & 0o777;
    const buf = fs.readFileSync(from);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (isBinary(buf)) {
      fs.writeFileSync(to, buf, { mode });
    } else {
      const result = fillPlaceholders(buf.toString('utf8'), seed, file);
      filled += result.count;
      fs.writeFileSync(to, result.text, { mode });
    }
    fs.chmodSync(to, mode);
  }
  return { targetDir: target, files, filled };
}

export interface DemoSecret {
  kind: SecretKind;
  index: number;
  value: string;
}

/**
 * Every value a materialized demo holds for this seed, one per distinct placeholder in the source tree.
 * Tests search logs, reports and other outputs for these to prove no key value leaked.
 */
export function demoSecrets(seed = DEFAULT_SEED, sourceDir = DEMO_DIR): DemoSecret[] {
  const seen = new Map<string, DemoSecret>();
  for (const file of listDemoFiles(sourceDir)) {
    const buf = fs.readFileSync(path.join(sourceDir, file));
    if (isBinary(buf)) continue;
    for (const p of findPlaceholders(buf.toString('utf8'))) {
      if (!isSecretKind(p.kind)) throw new Error(`${file}: unknown secret kind "${p.kind}"`);
      const key = `${p.kind}:${p.index}`;
      if (!seen.has(key)) seen.set(key, { kind: p.kind, index: p.index, value: secretValue(p.kind, p.index, seed) });
    }
  }
  return [...seen.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.index - b.index);
}

const USAGE = 'usage: npx tsx scripts/materialize-demo.ts <target> [--seed <seed>] [--source <dir>]\n';

function main(argv: string[]): number {
  let seed = DEFAULT_SEED;
  let source = DEMO_DIR;
  let target: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seed' && i + 1 < argv.length) seed = argv[++i];
    else if (arg === '--source' && i + 1 < argv.length) source = argv[++i];
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      return 0;
    }
    else if (!arg.startsWith('-') && target === undefined) target = arg;
    else {
      process.stderr.write(`materialize-demo: unexpected argument ${arg}\n`);
      return 2;
    }
  }
  if (target === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    const result = materializeDemo(source, target, seed);
    process.stdout.write(`${result.targetDir}\n`);
    process.stderr.write(`materialize-demo: ${result.files.length} files, ${result.filled} synthetic secrets filled\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`materialize-demo: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
