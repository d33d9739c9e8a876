import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { join, relative } from 'node:path';
import { diffArrays } from 'diff';
import * as ts from 'typescript';
import { singleKeyCallsInText } from '../../../src/core/calls/index';
import { startSimulator, Simulator, SimAuth } from '../../../src/simulator';
import { hasPython, pythonSyntaxErrors, rand, runFixCommand, tempDir } from '../fix/support';

/**
 * The realistic yardstick (issue 15): small projects in the configurations teams use, with the real client
 * libraries, each run through `rotation-ready fix`, type-checked with its own tsconfig, fixed again (no
 * change), compared outside the edits, and run against the provider simulator: primary valid, 401 and 403
 * retried once with the fallback, 500 and network errors not retried, a rotated key picked up at call time,
 * no key in any output. Projects: test/fixtures/projects/<name>/ with a yard.json (see below).
 */

interface YardProject {
  /** Who would write this and how. */
  description: string;
  /** How the provider checks the key. */
  auth: SimAuth;
  /** Where the service lives on the simulator (default /yard-<name>; Stripe's SDK only takes a host, so /v1). */
  servicePath?: string;
  /** Appended to the service's URL for the project's base URL variable (e.g. /v1 for an SDK that adds only the method path). */
  basePath?: string;
  /** The variable the project reads its API's base URL from (set to the simulator's URL + basePath). */
  baseUrlEnv: string;
  /** Prefix the generated keys carry (some SDKs check it, e.g. "SG."). */
  keyPrefix?: string;
  /** Lengths of the key's dot-separated parts after the prefix (default 24, 8, 8; SendGrid's keys are SG.<22>.<43>). */
  keyParts?: number[];
  /** Answer like this provider's real API where the simulator knows its routes (SendGrid's mail send: 202, its error bodies). */
  provider?: string;
  /** Other variables the project needs (e.g. an account id), set as is. */
  env?: Record<string, string>;
  /** The module and exported function that makes one API call. */
  run: { module: string; export: string };
  /** A Python project's HTTP library, when not requests. */
  python?: string;
}

const ROOT = join(__dirname, '../../fixtures/projects');
const NODE_MODULES = join(__dirname, '../../../node_modules');
const projects = readdirSync(ROOT).filter((name) => existsSync(join(ROOT, name, 'yard.json'))).sort();
const configs = new Map(projects.map((name) => [name, JSON.parse(readFileSync(join(ROOT, name, 'yard.json'), 'utf8')) as YardProject]));
const servicePath = (name: string): string => configs.get(name)!.servicePath ?? `/yard-${name}`;

function makeKey(prefix = '', parts = [24, 8, 8]): string {
  // Three dot-separated parts by default: Octokit sends such a token as "bearer <token>".
  return prefix + parts.map((n) => rand(n)).join('.');
}

function filesOf(dir: string, base = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const [k, v] of filesOf(path, base)) out.set(k, v);
    else out.set(relative(base, path), readFileSync(path, 'utf8'));
  }
  return out;
}

/** Source files, declaration files of node_modules and lib files parsed once for every project's program. */
const sourceCache = new Map<string, ts.SourceFile>();
function typeCheckProject(dir: string): string[] {
  const configPath = join(dir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
  assert.ok(parsed);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
    if (!fileName.includes('/node_modules/')) return getSourceFile(fileName, languageVersionOrOptions, onError);
    const options = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const key = `${fileName}|${options.languageVersion}|${options.impliedNodeFormat}`;
    let file = sourceCache.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersionOrOptions, onError);
      if (file) sourceCache.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true }, host });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? relative(dir, d.file.fileName) : ''}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** A TCP front for the simulator that can drop every connection (a network error) after reading the request head. */
async function startFront(target: number): Promise<{ port: number; mode: 'forward' | 'reset'; heads: string[]; close(): Promise<void>; dropAll(): void }> {
  const sockets = new Set<Socket>();
  const front = {
    port: 0,
    mode: 'forward' as 'forward' | 'reset',
    heads: [] as string[],
    dropAll: () => sockets.forEach((s) => s.destroy()),
    close: () => new Promise<void>((resolve) => {
      front.dropAll();
      server.close(() => resolve());
    }),
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (front.mode === 'reset') {
      socket.once('data', (chunk: Buffer) => {
        front.heads.push(chunk.toString('latin1'));
        socket.resetAndDestroy();
      });
      return;
    }
    const upstream = new Socket();
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    upstream.connect(target, '127.0.0.1', () => {
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.port = (server.address() as { port: number }).port;
  return front;
}

/** Basic-auth values decoded, so a key sent as a user name or password is found in a request head too. */
function keysInHead(head: string, keys: Record<string, string>): string[] {
  const decoded = [...head.matchAll(/authorization:\s*basic\s+([A-Za-z0-9+/=]+)/gi)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));
  const text = head + '\n' + decoded.join('\n');
  return Object.entries(keys).filter(([, value]) => text.includes(value) || text.includes(encodeURIComponent(value))).map(([label]) => label);
}

/** Lines a fix may change: the single-key calls (and where a headers variable gets their key), key reads and literals, imports and blank lines. */
function checkOutsideEdits(path: string, before: string, after: string, secret: string | undefined): void {
  const callLines = new Set<number>();
  for (const call of singleKeyCallsInText(path, before)) {
    for (const range of [call, ...(call.held?.removals ?? [])]) {
      const first = before.slice(0, range.start).split('\n').length - 1;
      const last = before.slice(0, Math.max(range.start, range.end - 1)).split('\n').length - 1;
      for (let line = first; line <= last; line++) callLines.add(line);
    }
  }
  const keyRead = /process\.env|import\.meta\.env|os\.environ|os\.getenv|requireEnv/;
  const importLine = /^\s*(import\b|from\s+\S+\s+import\b|const\s+\{?[\w\s,]+\}?\s*=\s*require\()/;
  const helperName = /\b(withKeyFallback|withFallbackClient|with_key_fallback|requireEnv)\b/;
  const parts = diffArrays(before.split('\n'), after.split('\n'));
  let line = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.added && !part.removed) {
      line += part.count ?? part.value.length;
      continue;
    }
    if (part.removed) {
      part.value.forEach((text, k) => {
        const ok = callLines.has(line + k) || keyRead.test(text) || importLine.test(text) || text.trim() === '' || (secret !== undefined && text.includes(secret));
        assert.ok(ok, `${path}:${line + k + 1}: a line outside the fix changed: ${JSON.stringify(text)}`);
      });
      line += part.count ?? part.value.length;
      continue;
    }
    const replaces = parts[i - 1]?.removed === true;
    for (const text of part.value) {
      const ok = replaces || importLine.test(text) || helperName.test(text) || text.trim() === '';
      assert.ok(ok, `${path}: a line was added outside the fix: ${JSON.stringify(text)}`);
    }
  }
}

describe('yardstick: realistic projects with the real client libraries (issue 15)', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let front: Awaited<ReturnType<typeof startFront>>;
  const scratch = tempDir();
  const keysOf = new Map(projects.map((name) => {
    const { keyPrefix, keyParts } = configs.get(name)!;
    return [name, { primary: makeKey(keyPrefix, keyParts), fallback: makeKey(keyPrefix, keyParts), rotated: makeKey(keyPrefix, keyParts) }];
  }));
  after(async () => {
    await front?.close();
    await sim?.close();
    scratch.cleanup();
  });
  before(async () => {
    sim = await startSimulator({
      services: projects.map((name) => ({
        name: `yard-${name}`,
        basePath: servicePath(name),
        auth: configs.get(name)!.auth,
        ...(configs.get(name)!.provider !== undefined ? { provider: configs.get(name)!.provider } : {}),
        keys: Object.entries(keysOf.get(name)!).map(([label, value]) => ({ value, label })),
      })),
    });
    front = await startFront(sim.port);
  });
  it(`holds at least 25 projects (${projects.length})`, () => assert.ok(projects.length >= 25, projects.join(', ')));

  for (const name of projects) {
    describe(name, () => {
      const project = configs.get(name)!;
      const dir = join(scratch.dir, name);
      const keys = keysOf.get(name)!;
      const hardcoded = makeKey(project.keyPrefix, project.keyParts);
      const outputs: string[] = [];
      let original: Map<string, string>;
      let fixed: Map<string, string>;
      let envName = '';
      const isPython = project.run.module.endsWith('.py');

      before(() => {
        cpSync(join(ROOT, name), dir, { recursive: true });
        for (const [path, text] of filesOf(dir)) if (text.includes('{{secret}}')) writeFileSync(join(dir, path), text.split('{{secret}}').join(hardcoded));
        if (!isPython) symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
        original = filesOf(dir);
      });

      it('rotation-ready fix applies both fixes (exit 0, no stack trace)', async () => {
        const run = await runFixCommand(dir, []);
        outputs.push(run.out, run.err);
        assert.equal(run.code, 0, run.out + run.err);
        assert.doesNotMatch(run.out + run.err, /\n\s+at /, 'no stack trace');
        fixed = filesOf(dir);
        const code = [...fixed.entries()].filter(([p]) => !p.startsWith('.env')).map(([, t]) => t).join('\n');
        envName = /envName: ['"](\w+)['"]/.exec(code)?.[1] ?? /with_key_fallback\(\s*["'][^"']+["'],\s*["'](\w+)["']/.exec(code)?.[1] ?? '';
        assert.ok(envName, 'the code now reads its key through the primary/fallback helper');
        assert.ok(!code.includes(hardcoded), 'no hardcoded key left in the code');
      });

      it('type-checks with its own tsconfig (or parses), before and after', function () {
        if (isPython) {
          const texts = [...fixed.entries()].filter(([p]) => p.endsWith('.py')).map(([, t]) => t);
          const errors = pythonSyntaxErrors(texts);
          if (!errors) this.skip();
          assert.deepEqual(errors.filter(Boolean), []);
          return;
        }
        if (!existsSync(join(dir, 'tsconfig.json'))) {
          for (const [path, text] of fixed) if (/\.[cm]?js$/.test(path)) assert.equal(spawnSync(process.execPath, ['--check', join(dir, path)], { encoding: 'utf8' }).status, 0, `${path} parses:\n${text}`);
          return;
        }
        assert.deepEqual(typeCheckProject(dir), []);
      });

      it('a second fix changes nothing', async () => {
        const run = await runFixCommand(dir, []);
        outputs.push(run.out, run.err);
        assert.equal(run.code, 0, run.out + run.err);
        assert.deepEqual(filesOf(dir), fixed);
      });

      it('text outside the edits is byte-identical', () => {
        for (const [path, before] of original) {
          const after = fixed.get(path);
          assert.ok(after !== undefined, `${path} still exists`);
          if (after !== before && !path.startsWith('.env') && path !== '.gitignore') checkOutsideEdits(path, before, after, hardcoded);
        }
      });

      describe('the rewritten code against the provider simulator', () => {
        let call: () => Promise<unknown>;
        const serviceName = `yard-${name}`;
        before(async function () {
          const python = isPython ? pythonWith(project.python ?? 'requests') : undefined;
          if (isPython && !python) {
            // CI installs python3-requests and python3-httpx (scripts/setup.sh): there a missing one fails.
            if (process.env.CI) assert.fail(`python3 with ${project.python ?? 'requests'} is needed (scripts/setup.sh installs it)`);
            this.skip();
          }
          process.env[project.baseUrlEnv] = `http://127.0.0.1:${front.port}${servicePath(name)}${project.basePath ?? ''}`;
          for (const [k, v] of Object.entries(project.env ?? {})) process.env[k] = v;
          // As a deployment does: the keys are set before the code loads (a client configured at load time reads them).
          process.env[`${envName}_PRIMARY`] = keys.primary;
          process.env[`${envName}_FALLBACK`] = keys.fallback;
          if (isPython) {
            call = () => runPython(python!, dir, project, outputs);
            return;
          }
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const module = require(join(dir, project.run.module)) as Record<string, () => Promise<unknown>>;
          const helperPath = [...fixed.keys()].find((p) => /keyFallback\.[cm]?[jt]s$/.test(p));
          assert.ok(helperPath);
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const helper = require(join(dir, helperPath)) as { setAuthFailureLogger(f: (l: string) => void): void; setAuthFailureHook(f: (e: unknown) => void): void };
          helper.setAuthFailureLogger((line) => void outputs.push(line));
          helper.setAuthFailureHook((event) => void outputs.push(JSON.stringify(event)));
          call = async () => {
            // What the code and its libraries print (Octokit logs each request, through a console bound at load) is output too.
            const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
            const saved = methods.map((m) => console[m]);
            const writes = [process.stdout.write, process.stderr.write];
            for (const m of methods) console[m] = (...args: unknown[]) => void outputs.push(args.map(String).join(' '));
            for (const stream of [process.stdout, process.stderr]) stream.write = ((chunk: string | Uint8Array) => outputs.push(String(chunk)) > 0) as typeof stream.write;
            try {
              return await module[project.run.export]!();
            } catch (error) {
              outputs.push(String(error), (error as Error).stack ?? '');
              throw error;
            } finally {
              // Express logs a handler's error on the next turn (finalhandler defers it): capture that too.
              await new Promise((resolve) => setImmediate(resolve));
              methods.forEach((m, i) => (console[m] = saved[i]!));
              [process.stdout.write, process.stderr.write] = writes as [typeof process.stdout.write, typeof process.stderr.write];
            }
          };
        });
        beforeEach(() => {
          sim.admin.reset(serviceName);
          sim.admin.clearLog();
          front.mode = 'forward';
          front.heads.length = 0;
          process.env[`${envName}_PRIMARY`] = keys.primary;
          process.env[`${envName}_FALLBACK`] = keys.fallback;
          delete process.env[envName];
        });
        after(() => {
          for (const suffix of ['_PRIMARY', '_FALLBACK', '']) delete process.env[envName + suffix];
        });
        // A success as the API answers it: 200, or 202 for SendGrid's mail send.
        const seen = (): Array<[number | '2xx', string | undefined]> => sim.admin.log().filter((e) => e.service === serviceName).map((e) => [e.status >= 200 && e.status < 300 ? '2xx' : e.status, e.keyLabel]);

        it('primary valid: one request with the primary', async () => {
          await call();
          assert.deepEqual(seen(), [['2xx', 'primary']]);
        });
        for (const status of [401, 403] as const) {
          it(`${status}: one retry with the fallback`, async () => {
            sim.admin.setBehaviour(serviceName, { revokedStatus: status });
            sim.admin.revokeKey(serviceName, { label: 'primary' });
            const before = outputs.length;
            await call();
            assert.deepEqual(seen(), [[status, 'primary'], ['2xx', 'fallback']]);
            // The auth-failure alert (the hook's event, the helper's log line) was raised.
            assert.match(outputs.slice(before).join('\n'), new RegExp(`primary key rejected with ${status}; retried with the fallback key`));
          });
        }
        it('500: no retry with the fallback', async () => {
          sim.admin.setBehaviour(serviceName, { failNext: { count: 10, status: 500 } });
          const before = outputs.length;
          await call().catch(() => undefined);
          const log = seen();
          // A failing request is answered before its key is read: the helper's own log says whether it retried.
          assert.ok(log.length >= 1 && log.every(([s]) => s === 500), JSON.stringify(log));
          assert.doesNotMatch(outputs.slice(before).join('\n'), /retried with the fallback/);
        });
        it('network error: no retry with the fallback', async () => {
          front.mode = 'reset';
          front.dropAll();
          // Let the clients see their pooled connections close, so the call opens a new one.
          await new Promise((resolve) => setTimeout(resolve, 50));
          await assert.rejects(call());
          const labels = front.heads.flatMap((head) => keysInHead(head, keys));
          assert.ok(labels.length >= 1 && labels.every((l) => l === 'primary'), JSON.stringify(labels));
        });
        it('a rotated key is picked up at call time', async () => {
          process.env[`${envName}_PRIMARY`] = keys.rotated;
          await call();
          assert.deepEqual(seen(), [['2xx', 'rotated']]);
        });
      });

      // A suite of its own, so it runs after the runs above (mocha runs a suite's own tests before its sub-suites).
      describe('afterwards', () => {
        it('no key in any output (fix reports, logs, events, errors)', () => {
          const text = outputs.join('\n');
          assert.ok(text.length > 0);
          for (const value of [...Object.values(keys), hardcoded]) {
            assert.ok(!text.includes(value), 'a key value was printed');
            assert.ok(!text.includes(value.slice(0, 12)), 'a part of a key was printed');
          }
        });
      });
    });
  }
});

/**
 * The Python that has a module: `python3` on PATH, else Debian's, whose packages scripts/setup.sh installs (a pyenv or
 * virtualenv `python3` earlier on PATH has its own site-packages, without them).
 */
function pythonWith(module: string): string | undefined {
  if (!hasPython) return undefined;
  return ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0);
}

async function runPython(python: string, dir: string, project: YardProject, outputs: string[]): Promise<unknown> {
  const module = project.run.module.replace(/\.py$/, '').split('/').join('.');
  const script = `import sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nimport ${module} as m\nr = m.${project.run.export}()\nprint(getattr(r, "status_code", r))`;
  // Asynchronously: the simulator answering it runs in this process.
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(python, ['-c', script], { cwd: dir, encoding: 'utf8', env: process.env, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
  // The helper's log lines and traceback frames; the library's own exception text is left out: requests quotes
  // the request URL, and with a key in the query string (as the API asks) that holds the key, fixed or not.
  outputs.push(run.stdout, ...run.stderr.split('\n').filter((line) => /key.fallback/.test(line)));
  if (run.status !== 0) throw new Error(`python exited ${run.status}: ${run.stderr.trim().split('\n').slice(-1).join(' ')}`);
  return run.stdout;
}
