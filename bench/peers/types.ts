import { execFileSync } from 'node:child_process';

/** One sample of a peer's test data: a text the peer expects to be flagged (tp) or not (fp). */
export interface PeerCase {
  suite: string;
  /** The peer's rule or detector the sample belongs to. */
  peerRule: string;
  text: string;
  /** File type to analyze it as (the sample's own, or `txt`). */
  ext: string;
  expect: 'tp' | 'fp';
  /** The peer's own file name, when a sample is a whole file (`.env`, `Dockerfile`). */
  fileName?: string;
  /** A binary sample's bytes (a `.p12` key container): analyzed as a scan reads a file, not as text. */
  bytes?: Buffer;
  /** For secretlint: the expected finding's range in the text, to check that ours overlaps it. */
  range?: [number, number];
}

export interface SuiteRead {
  cases: PeerCase[];
  /** What could not be read, and why. */
  notes: string[];
}

/** A peer's repository at one commit, read with git: a bare mirror or a checkout both work. */
export class GitTree {
  constructor(
    readonly dir: string,
    readonly commit: string,
  ) {
    try {
      execFileSync('git', ['-C', dir, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`${dir} does not hold commit ${commit}: fetch it (see bench/peers/README.md)`);
    }
  }
  /** Every file path under `dir` (recursive). */
  list(under: string): string[] {
    const out = execFileSync('git', ['-C', this.dir, 'ls-tree', '-r', '-z', '--name-only', this.commit, '--', under], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
    return out.split('\0').filter(Boolean);
  }
  read(path: string): string {
    return execFileSync('git', ['-C', this.dir, 'show', `${this.commit}:${path}`], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  }
  /** Many files at once (one `git cat-file --batch`), for suites with thousands of files. */
  readMany(paths: string[]): Map<string, string> {
    return new Map([...this.readManyBytes(paths)].map(([p, bytes]) => [p, bytes.toString('utf8')]));
  }
  /** readMany's bytes, for binary samples (key containers). */
  readManyBytes(paths: string[]): Map<string, Buffer> {
    const input = paths.map((p) => `${this.commit}:${p}`).join('\n') + '\n';
    const buf = execFileSync('git', ['-C', this.dir, 'cat-file', '--batch'], { input, maxBuffer: 1024 * 1024 * 1024 });
    const out = new Map<string, Buffer>();
    let at = 0;
    for (const p of paths) {
      const nl = buf.indexOf(10, at);
      const header = buf.subarray(at, nl).toString('utf8');
      const size = Number(header.split(' ')[2]);
      if (header.endsWith('missing') || Number.isNaN(size)) {
        at = nl + 1;
        continue;
      }
      out.set(p, buf.subarray(nl + 1, nl + 1 + size));
      at = nl + 1 + size + 1;
    }
    return out;
  }
}
