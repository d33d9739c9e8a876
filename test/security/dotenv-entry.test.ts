import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { CliIo } from '../../src/cli/command';
import { commands } from '../../src/cli/commands/index';
import { main } from '../../src/cli/main';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { loadSimulatorConfig, type Simulator, startSimulator } from '../../src/simulator/index';

/**
 * Issue 13, item 1: a repository's `.env` must never run code in our process. Node.js reads `--env-file` anywhere on
 * its command line, even after the script name, unless a `--` comes first: `NODE_OPTIONS=--require ./hook.js` in the
 * file then ran the hook inside `rotation-ready`. Every entry point starts Node as `node -- <script>`.
 */
const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const NODES: Array<[string, string]> = [
  [`Node ${process.versions.node}`, dirname(process.execPath)],
  ['Node 24 (test/harness/node24)', join(ROOT, 'test/harness/node24/node_modules/.bin')],
];

/** A hostile repository: a dotenv file (and its .env.example copy) setting every variable Node.js or npm acts on. */
function hostileRepo(): { dir: string; marker: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rr-hostile-'));
  const marker = join(dir, 'HOOK-RAN');
  writeFileSync(join(dir, 'hook.js'), `require('node:fs').appendFileSync(${JSON.stringify(marker)}, process.argv.join(' ') + '\\n');\n`);
  mkdirSync(join(dir, 'lib', 'evil-module'), { recursive: true });
  writeFileSync(join(dir, 'lib', 'evil-module', 'index.js'), `require(${JSON.stringify(join(dir, 'hook.js'))});\n`);
  const dotenv = [
    `NODE_OPTIONS=--require ${join(dir, 'hook.js')}`,
    `NODE_PATH=${join(dir, 'lib')}`,
    `NODE_EXTRA_CA_CERTS=${join(dir, 'missing-ca.pem')}`,
    `npm_config_node_options=--require ${join(dir, 'hook.js')}`,
    `npm_config_script_shell=${join(dir, 'hook.js')}`,
    'BILLING_API_KEY_PRIMARY=from-the-dotenv-file',
  ].join('\n');
  writeFileSync(join(dir, '.env'), `${dotenv}\n`);
  writeFileSync(join(dir, '.env.example'), `${dotenv}\n`);
  return { dir, marker };
}

/** dist/cli.js as npm installs it (`bin`): executed through its own shebang line, with `node` found on PATH. */
function runBin(nodeDir: string, cwd: string, args: string[]) {
  return spawnSync(CLI, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: `${nodeDir}${delimiter}${process.env.PATH ?? ''}`, ROTATION_READY_CONFIG_DIR: join(cwd, 'user-config') } });
}

function assertNothingRan(repo: { marker: string }, r: { stderr: string | null }, what: string): void {
  assert.ok(!existsSync(repo.marker), `${what}: the repository's hook ran in our process:\n${existsSync(repo.marker) ? readFileSync(repo.marker, 'utf8') : ''}`);
  // Node.js warns when it tries the extra CA file: it read the dotenv file.
  assert.doesNotMatch(r.stderr ?? '', /extra certs|NODE_EXTRA_CA_CERTS/i, `${what}: Node.js read NODE_EXTRA_CA_CERTS from the repository's file`);
}

describe('security: a repository\'s .env never runs code in rotation-ready (issue 13.1)', function () {
  this.timeout(240_000);
  let repo: { dir: string; marker: string };

  before(function () {
    // The test run builds first (scripts/test.mjs); a lone `npx mocha` gets a build when dist/ is missing or older.
    const sources = ['esbuild.mjs', 'src/cli/bin.ts', 'src/cli/main.ts'].map((f) => statSync(join(ROOT, f)).mtimeMs);
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < Math.max(...sources)) {
      const build = spawnSync(process.execPath, ['--', join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(build.status, 0, build.stderr);
    }
    for (const [name, dir] of NODES) assert.ok(existsSync(join(dir, 'node')), `${name} is missing: run scripts/setup.sh`);
  });
  beforeEach(() => {
    repo = hostileRepo();
  });
  afterEach(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('the bin starts Node with `--`, so no argument after the script is Node\'s', () => {
    assert.equal(readFileSync(CLI, 'utf8').split('\n', 1)[0], '#!/usr/bin/env -S node --');
  });

  for (const [nodeName, nodeDir] of NODES) {
    it(`${nodeName}: every command given --env-file / --env-file-if-exists / --dotenv: the hook never runs, --env-file is refused`, () => {
      // Every command with each name of the file; each way of spelling the option with one command.
      const spellings = [['--env-file=.env'], ['--env-file-if-exists', '.env'], ['--env-file-if-exists=.env.example']];
      for (const command of [...commands.map((c) => c.name), '--help']) {
        for (const form of [['--env-file', '.env'], ['--dotenv', '.env'], ...(command === 'scan' ? spellings : [])]) {
          const args = command === '--help' ? [...form, '--help'] : [command, ...form];
          const r = runBin(nodeDir, repo.dir, args);
          const what = `rotation-ready ${args.join(' ')}`;
          assertNothingRan(repo, r, what);
          if (form[0]!.startsWith('--env-file') && command !== '--help') {
            assert.equal(r.status, 2, `${what}: ${r.stderr}`);
            assert.match(r.stderr, /is not an option of rotation-ready: Node\.js itself reads it.*--dotenv FILE/, what);
          }
        }
      }
    });
  }

  it('the options Node.js reads even after a `--` (config files, Node 23.10+) are refused too, before anything runs', async () => {
    for (const arg of ['--experimental-config-file=node.config.json', '--experimental-default-config-file']) {
      let err = '';
      const io: CliIo = { stdout: () => undefined, stderr: (t) => void (err += t), cwd: repo.dir, env: {}, signal: new AbortController().signal };
      assert.equal(await main(['scan', arg], io), 2);
      assert.match(err, /is not an option of rotation-ready: Node\.js itself reads it/);
    }
  });

  it('npm scripts that take arguments (`npm start`, `npm run simulate`) start Node with `--` too', () => {
    for (const script of ['start', 'simulate']) {
      const r = spawnSync('npm', ['run', '--silent', script, '--', '--env-file', join(repo.dir, '.env'), '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      assertNothingRan(repo, r, `npm run ${script}`);
      assert.notEqual(r.status, 0, `npm run ${script} -- --env-file must be refused`);
    }
  });

  describe('dry-run --dotenv: the file supplies keys, never our own settings', () => {
    let sim: Simulator;
    let userDir: string;
    beforeEach(async () => {
      const { config } = loadSimulatorConfig(readFileSync(join(ROOT, 'demo/.simulator.json'), 'utf8'), 'demo/.simulator.json');
      sim = await startSimulator(config, { port: 0 });
      userDir = mkdtempSync(join(tmpdir(), 'rr-user-'));
      const rr = readFileSync(join(ROOT, 'demo/.rotation-ready.json'), 'utf8').replaceAll('127.0.0.1:7311', `127.0.0.1:${sim.port}`).replaceAll('"intervalMs": 300', '"intervalMs": 0');
      writeFileSync(join(repo.dir, '.rotation-ready.json'), rr);
      // The demo's keys, plus our own settings pointed into the repository.
      const keys = readFileSync(join(ROOT, 'demo/.env.example'), 'utf8');
      writeFileSync(join(repo.dir, '.env'), `${keys}\nROTATION_READY_CONFIG_DIR=${join(repo.dir, '.rr')}\nXDG_CONFIG_HOME=${join(repo.dir, '.xdg')}\nROTATION_READY_SALT=repo-chosen\n`);
    });
    afterEach(async () => {
      await sim.close();
      rmSync(userDir, { recursive: true, force: true });
    });

    it('approvals and the fingerprint salt stay where the real environment says; the keys are read', async () => {
      let out = '';
      let err = '';
      const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: repo.dir, env: { XDG_CONFIG_HOME: userDir }, signal: new AbortController().signal };
      const code = await main(['dry-run', '--dotenv', '.env', '--approve-loopback', `127.0.0.1:${sim.port}`, '--service', 'billing-api', '--rounds', '1'], io);
      assert.equal(code, 0, err);
      assert.match(out, /billing-api\s+dev\s+safe to promote\s+valid \(200\)\s+valid \(200\)/, 'the keys came from the dotenv file');
      assert.ok(existsSync(join(userDir, 'rotation-ready', 'approvals.json')), 'approvals under the real XDG_CONFIG_HOME');
      assert.ok(existsSync(join(userDir, 'rotation-ready', 'fingerprint-salts', workspaceIdFor(repo.dir))), 'the workspace salt under the real XDG_CONFIG_HOME');
      assert.ok(!existsSync(join(repo.dir, '.rr')) && !existsSync(join(repo.dir, '.xdg')), 'nothing of ours inside the repository');
    });
  });
});
