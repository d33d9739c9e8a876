// Starts code-server (VS Code in the browser, Node 24) and headless Debian Chromium as process
// groups we own, so every process can be ended by pid. Recipe: shared/HARNESS.md.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const repoRoot = resolve(__dirname, '../..');
const hostDir = join(repoRoot, 'test/harness/host');
const node24Bin = join(repoRoot, 'test/harness/node24/node_modules/.bin');
const codeServerBin = join(hostDir, 'node_modules/.bin/code-server');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Ends a process group: TERM, then KILL after 5 s. */
export async function endGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timedOut = await Promise.race([exited.then(() => false), delay(5000).then(() => true)]);
  if (timedOut) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

export interface CodeServer {
  port: number;
  url: string;
  process: ChildProcess;
  log: () => string;
}

export interface CodeServerOptions {
  runDir: string;
  userSettings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Keep Workspace Trust on, so a folder opens in Restricted Mode (the default turns it off). */
  workspaceTrust?: boolean;
}

const defaultUserSettings = {
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
};

export function codeServerInstalled(): boolean {
  return existsSync(codeServerBin) && existsSync(join(node24Bin, 'node'));
}

function pathWithNode24(): string {
  return `${node24Bin}:${process.env.PATH ?? ''}`;
}

/** `code-server --install-extension` into the run's own extensions dir. */
export async function installExtension(vsix: string, extensionsDir: string, runDir: string): Promise<void> {
  mkdirSync(join(runDir, 'tmp'), { recursive: true });
  const config = join(runDir, 'code-server.yaml');
  writeFileSync(config, '');
  await new Promise<void>((done, fail) => {
    const child = spawn(codeServerBin, ['--config', config, '--user-data-dir', join(runDir, 'ud'), '--extensions-dir', extensionsDir, '--install-extension', vsix], {
      env: { ...process.env, PATH: pathWithNode24(), EXTENSIONS_GALLERY: '{}', TMPDIR: join(runDir, 'tmp') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`--install-extension exited ${code}: ${output}`))));
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { runDir } = options;
  const userData = join(runDir, 'ud');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(join(runDir, 'tmp'), { recursive: true });
  mkdirSync(join(runDir, 'ext'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({ ...defaultUserSettings, ...options.userSettings }, null, 2));
  const config = join(runDir, 'code-server.yaml');
  writeFileSync(config, '');
  const port = await freePort();
  const args = [
    '--config', config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', userData,
    '--extensions-dir', join(runDir, 'ext'),
    '--reconnection-grace-time', '10',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const child = spawn(codeServerBin, args, {
    detached: true,
    env: { ...process.env, ...options.env, PATH: pathWithNode24(), EXTENSIONS_GALLERY: '{}', TMPDIR: join(runDir, 'tmp') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { port, url, process: child, log: () => output };
    } catch {
      /* not listening yet */
    }
    await delay(200);
  }
  await endGroup(child);
  throw new Error(`code-server did not become healthy within 30 s:\n${output}`);
}

export interface Chromium {
  process: ChildProcess;
  cdpUrl: string;
}

export async function startChromium(runDir: string): Promise<Chromium> {
  const profile = join(runDir, 'chromium');
  mkdirSync(profile, { recursive: true });
  const child = spawn(
    chromiumPath,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--no-default-browser-check', '--window-size=1400,900',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank',
    ],
    { detached: true, stdio: 'ignore' },
  );
  const portFile = join(profile, 'DevToolsActivePort');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Chromium exited early (${child.exitCode})`);
    if (existsSync(portFile)) {
      const [port] = readFileSync(portFile, 'utf8').split('\n');
      if (port) return { process: child, cdpUrl: `http://127.0.0.1:${port.trim()}` };
    }
    await delay(100);
  }
  await endGroup(child);
  throw new Error('Chromium did not report a DevTools port within 30 s');
}
