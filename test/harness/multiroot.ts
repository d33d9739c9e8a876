// The multi-root fixture of the `multiroot` suite (test/integration/multiroot.test.ts), made fresh per run:
//   billing/                   a workspace folder with its own .rotation-ready.json
//   mono/                      a second workspace folder: a monorepo root without a config …
//     packages/a/              … holding two packages, each with its own .rotation-ready.json
//     packages/b/
//   multi.code-workspace       opens billing and mono side by side
// billing and packages/a hold the same key; packages/b another. Keys are random per run, assembled from
// fragments, so the repository holds no key-shaped literal.
import { randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A GitHub personal access token shape (a provider rule with an exact pattern), random per call. */
export function githubToken(): string {
  return 'gh' + 'p_' + Array.from({ length: 36 }, () => ALNUM[randomInt(ALNUM.length)]).join('');
}

/** A config with one service per name; the probe's port is the simulator's, rewritten by the suite. */
function config(services: string[]): string {
  const entries = services.map((name) => ({ name, environments: ['dev'], probe: { url: `http://127.0.0.1:7311/${name}/v1/account`, auth: { type: 'bearer' }, timeoutMs: 3000, rounds: 1, intervalMs: 100 } }));
  return JSON.stringify({ version: 1, services: entries }, null, 2) + '\n';
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Writes the fixture under `dir`; returns the .code-workspace file to open. */
export function makeMultirootWorkspace(dir: string): string {
  const shared = githubToken();
  const other = githubToken();
  const source = (token: string) => `export const githubToken = '${token}';\n`;
  write(dir, 'billing/.rotation-ready.json', config(['shared-api', 'billing-api']));
  write(dir, 'billing/src/config.ts', source(shared));
  write(dir, 'mono/package.json', JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }, null, 2) + '\n');
  write(dir, 'mono/packages/a/.rotation-ready.json', config(['shared-api']));
  write(dir, 'mono/packages/a/src/key.ts', source(shared));
  write(dir, 'mono/packages/b/.rotation-ready.json', config(['shared-api']));
  write(dir, 'mono/packages/b/src/key.ts', source(other));
  const workspace = join(dir, 'multi.code-workspace');
  writeFileSync(workspace, JSON.stringify({ folders: [{ path: 'billing' }, { path: 'mono' }], settings: {} }, null, 2) + '\n');
  return workspace;
}
