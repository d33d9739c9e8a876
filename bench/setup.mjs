#!/usr/bin/env node
// Installs everything the benchmark compares against, pinned, into git-ignored bench/.cache/:
//   peers/      secretlint 13 + recommended preset, eslint 9 + eslint-plugin-no-secrets
//   node22/     Node 22 from the npm package `node@22` (secretlint 13 needs Node >= 22)
//   real-world/ popular npm packages whose sources form the real-world false-positive and speed corpus
// ripgrep comes from Debian (`apt-get install -y ripgrep`); this script only checks for it.
// Idempotent: a directory whose package.json already matches is not reinstalled.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, PEERS, REAL_WORLD_PACKAGES, NODE22 } from './config.mjs';

function install(dir, deps, extraArgs = []) {
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.stringify({ name: 'bench-' + dir.split('/').pop(), private: true, dependencies: deps }, null, 2) + '\n';
  const path = join(dir, 'package.json');
  if (existsSync(path) && readFileSync(path, 'utf8') === manifest && existsSync(join(dir, 'node_modules'))) {
    console.log(`up to date: ${dir}`);
    return;
  }
  writeFileSync(path, manifest);
  console.log(`installing into ${dir}: ${Object.entries(deps).map(([n, v]) => `${n}@${v}`).join(' ')}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...extraArgs], { cwd: dir, stdio: 'inherit' });
}

mkdirSync(CACHE, { recursive: true });
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);
if (want('peers')) install(join(CACHE, 'peers'), PEERS, ['--ignore-scripts']);
if (want('node22')) install(join(CACHE, 'node22'), { node: NODE22 });
if (want('real-world')) install(join(CACHE, 'real-world'), REAL_WORLD_PACKAGES, ['--ignore-scripts', '--legacy-peer-deps']);
try {
  execFileSync('rg', ['--version'], { stdio: 'ignore' });
} catch {
  console.warn('ripgrep is missing: apt-get install -y ripgrep (the speed part needs it)');
}
