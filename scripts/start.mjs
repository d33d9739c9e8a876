// `npm start`: the main job. Builds the extension, makes a fresh copy of the demo workspace in .demo/
// (with synthetic secrets filled in), starts the bundled provider simulator on 127.0.0.1:7311 (the
// demo's dry-run endpoint), and opens the demo in VS Code: desktop `code` when present, else
// code-server on 127.0.0.1 (prints the URL to open). Ctrl+C stops everything it started.
//
//   npm start                    open the demo
//   npm start -- --reset         re-create .demo/ from demo/ first (your edits there are discarded)
//   npm start -- --smoke         start everything, check it answers, then stop (used by the tests)
//   npm start -- --web           code-server even when desktop `code` exists
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { reset: { type: 'boolean' }, smoke: { type: 'boolean' }, web: { type: 'boolean' }, port: { type: 'string' } } });
const demo = join(root, '.demo');
const hostDir = join(root, '.demo-host');
const node24Bin = join(root, 'test/harness/node24/node_modules/.bin');
const codeServer = join(root, 'test/harness/host/node_modules/.bin/code-server');
const SIMULATOR_PORT = 7311;
const children = [];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function startChild(name, command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  child.stdout.on('data', (d) => process.stdout.write(`[${name}] ${d}`));
  child.stderr.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  children.push(child);
  return child;
}

function stopAll() {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

function portFree(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function waitForHttp(url, what) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      /* not yet */
    }
    await delay(200);
  }
  throw new Error(`${what} did not answer at ${url} within 30 s`);
}

function hasDesktopCode() {
  if (values.web || values.smoke) return false;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main() {
  console.log('▶ building the extension');
  run('node', ['esbuild.mjs']);
  if (values.reset || !existsSync(demo)) {
    rmSync(demo, { recursive: true, force: true });
    console.log('▶ creating .demo/ from demo/ (synthetic secrets filled in)');
    run('npx', ['tsx', 'scripts/materialize-demo.ts', demo]);
  }

  if (!(await portFree(SIMULATOR_PORT))) throw new Error(`port ${SIMULATOR_PORT} (the demo's simulator) is taken: stop what is using it, or an earlier npm start`);
  console.log(`▶ starting the provider simulator on http://127.0.0.1:${SIMULATOR_PORT}`);
  startChild('simulator', process.execPath, ['--', 'dist/cli.js', 'simulate', '--port', String(SIMULATOR_PORT), '--config', join(demo, '.simulator.json')]);
  await waitForHttp(`http://127.0.0.1:${SIMULATOR_PORT}/__admin/health`, 'the simulator');

  if (hasDesktopCode()) {
    console.log('▶ opening the demo in VS Code (desktop)');
    run('code', ['--new-window', `--extensionDevelopmentPath=${root}`, demo, join(demo, 'src', 'config.ts')]);
    console.log('The simulator keeps running for the demo\'s dry-runs; press Ctrl+C here to stop it.');
    await new Promise(() => undefined);
  }

  if (!existsSync(codeServer)) throw new Error('code-server is not installed: run ./scripts/setup.sh first');
  console.log('▶ packaging the extension and installing it into code-server');
  run('npm', ['run', '--silent', 'package']);
  mkdirSync(join(hostDir, 'tmp'), { recursive: true });
  mkdirSync(join(hostDir, 'ud', 'User'), { recursive: true });
  writeFileSync(join(hostDir, 'code-server.yaml'), '');
  writeFileSync(join(hostDir, 'ud', 'User', 'settings.json'), JSON.stringify({ 'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', 'extensions.autoUpdate': false }, null, 2));
  const env = { ...process.env, PATH: `${node24Bin}:${process.env.PATH}`, EXTENSIONS_GALLERY: '{}', TMPDIR: join(hostDir, 'tmp') };
  const common = ['--config', join(hostDir, 'code-server.yaml'), '--user-data-dir', join(hostDir, 'ud'), '--extensions-dir', join(hostDir, 'ext')];
  run(codeServer, [...common, '--install-extension', join(root, 'rotation-ready.vsix'), '--force'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  // The smoke test takes any free port; a person gets a stable one to bookmark.
  const port = values.port ? Number(values.port) : values.smoke ? await freePort() : 8443;
  if (!(await portFree(port))) throw new Error(`port ${port} is taken: pass --port N`);
  // The demo is the copy this script just made from the repository: it opens trusted, so every feature works
  // at once (this server's own user-data-dir serves only the demo; your VS Code's trust settings are untouched).
  startChild('code-server', codeServer, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--disable-workspace-trust', demo], { env });
  // The demo opens with src/config.ts in the editor (the payload's `openFile`; the UI harness opens the same URL and
  // times the first squiggle on it, test/ui/startup.ui.ts).
  const firstFile = `vscode-remote://127.0.0.1:${port}${join(demo, 'src', 'config.ts')}`;
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(demo)}&payload=${encodeURIComponent(JSON.stringify([['openFile', firstFile]]))}`;
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 'code-server');
  console.log(`\n  Rotation Ready demo is ready: open ${url}\n  Simulator: http://127.0.0.1:${SIMULATOR_PORT}   Ctrl+C stops both.\n`);
  if (values.smoke) {
    const page = await fetch(url);
    if (!page.ok) throw new Error(`code-server answered ${page.status} for the workbench page`);
    console.log('smoke: simulator and code-server answer; stopping');
    return;
  }
  await new Promise(() => undefined);
}

// On a headless Linux machine there is no keychain to talk to: run the demo against a throwaway
// private one (scripts/with-keyring.sh), never the machine's own. Keys added there end with the demo.
if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS && !process.env.RR_PRIVATE_KEYRING) {
  console.log('▶ no desktop keychain here: the demo uses a throwaway private keyring (keys added end with it)');
  const result = spawnSync('bash', [join(root, 'scripts/with-keyring.sh'), process.execPath, '--', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}
main().then(
  () => {
    stopAll();
  },
  (error) => {
    console.error(`npm start: ${error.message}`);
    stopAll();
    process.exit(1);
  },
);
