import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../src/cli/command';
import { parseAlertSecretArgs } from '../../../src/cli/commands/alert-secret';
import { parseDryRunArgs } from '../../../src/cli/commands/dry-run';
import { parseExecArgs } from '../../../src/cli/commands/exec';
import { commands } from '../../../src/cli/commands/index';
import { parseFixArgs } from '../../../src/cli/commands/fix';
import { parseScanArgs } from '../../../src/cli/commands/scan';
import { parseSimulateArgs } from '../../../src/cli/commands/simulate';
import { main } from '../../../src/cli/main';

/** Issue 14: one argument parser (node:util parseArgs) with one set of rules for every command. */
describe('CLI arguments', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'rr-args-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, env: { ROTATION_READY_CONFIG_DIR: join(dir, 'user') }, signal: new AbortController().signal };
    const code = await main(argv, io);
    return { code, out, err };
  }

  it('dry-run --config --service S: --config has no value (the next option is not taken as the file name)', async () => {
    assert.throws(() => parseDryRunArgs(['--config', '--service', 'billing-api']), /--config needs a value, and found the option '--service' after it/);
    for (const next of ['--keychain', '-s', '--approve-host']) {
      const r = await run('dry-run', '--config', next);
      assert.equal(r.code, 2, next);
      assert.match(r.err, /^rotation-ready dry-run: --config needs a value/, next);
    }
  });

  it('--x=value and --x value mean the same in every command', () => {
    const both = <T>(parse: (args: string[]) => T, spaced: string[], inline: string[]): T => {
      const a = parse(spaced);
      assert.deepEqual(parse(inline), a, inline.join(' '));
      return a;
    };
    const scan = both(parseScanArgs, ['--format', 'json', '--output', 'r.json', '--exclude', 'dist/**', '--baseline', 'b.json', '--max-file-size', '16', '--jobs', '2', 'src'], ['--format=json', '--output=r.json', '--exclude=dist/**', '--baseline=b.json', '--max-file-size=16', '--jobs=2', 'src']);
    assert.deepEqual([scan.format, scan.output, scan.exclude, scan.baseline, scan.maxFileBytes, scan.jobs, scan.paths], ['json', 'r.json', ['dist/**'], 'b.json', 16 * 1024, 2, ['src']]);
    const history = both(parseScanArgs, ['--history', '--since', '3 months ago', '--branch', 'main', '--branch', 'dev'], ['--history', '--since=3 months ago', '--branch=main', '--branch=dev']);
    assert.deepEqual([history.history, history.since, history.branches], [true, '3 months ago', ['main', 'dev']]);
    const dryRun = both(parseDryRunArgs, ['--config', 'rr.json', '--service', 'a', '--env', 'prod', '--format', 'json', '--rounds', '2', '--dotenv', '.env', '--allow-env', 'A_KEY,B_KEY', '--approve-loopback', '127.0.0.1:8787'], ['--config=rr.json', '--service=a', '--env=prod', '--format=json', '--rounds=2', '--dotenv=.env', '--allow-env=A_KEY,B_KEY', '--approve-loopback=127.0.0.1:8787']);
    assert.deepEqual([dryRun.config, dryRun.services, dryRun.environments, dryRun.format, dryRun.rounds, dryRun.dotenv, dryRun.allowEnv, dryRun.approveLoopback], ['rr.json', ['a'], ['prod'], 'json', 2, '.env', ['A_KEY', 'B_KEY'], ['127.0.0.1:8787']]);
    const fix = both(parseFixArgs, ['--rule', 'stripe-secret-key', '--exclude', 'vendor', 'src'], ['--rule=stripe-secret-key', '--exclude=vendor', 'src']);
    assert.deepEqual([fix.rule, fix.exclude, fix.paths], ['stripe-secret-key', ['vendor'], ['src']]);
    assert.deepEqual(both(parseSimulateArgs, ['--port', '0', '--host', '::1', '--config', 's.json'], ['--port=0', '--host=::1', '--config=s.json']), { port: 0, host: '::1', config: 's.json', quiet: false });
    assert.deepEqual(both(parseExecArgs, ['--service', 'a', '--env', 'prod', '--', 'node', '--service=x'], ['--service=a', '--env=prod', '--', 'node', '--service=x']), { services: ['a'], environment: 'prod', command: ['node', '--service=x'] });
    assert.deepEqual(both(parseAlertSecretArgs, ['list', '--config', 'rr.json'], ['list', '--config=rr.json']), { action: 'list', config: 'rr.json' });
  });

  it('a shared option has the same short flag in every command that has it', () => {
    assert.equal(parseDryRunArgs(['-c', 'a.json']).config, 'a.json');
    assert.equal(parseSimulateArgs(['-c', 'a.json']).config, 'a.json');
    assert.equal(parseAlertSecretArgs(['list', '-c', 'a.json']).config, 'a.json');
    assert.equal(parseScanArgs(['-f', 'sarif']).format, 'sarif');
    assert.equal(parseDryRunArgs(['-f', 'markdown']).format, 'markdown');
    assert.deepEqual(parseDryRunArgs(['-s', 'a', '-e', 'prod']).services, ['a']);
    assert.deepEqual(parseExecArgs(['-s', 'a', '-e', 'prod', '--', 'true']), { services: ['a'], environment: 'prod', command: ['true'] });
    assert.equal(parseScanArgs(['-j4']).jobs, 4);
    assert.throws(() => parseScanArgs(['-j']), /-j \(--jobs\) needs a value/);
  });

  it('an unknown option names the option and points to --help (exit 2), in every command', async () => {
    const needsAction = new Set(['alert-secret']);
    for (const command of commands) {
      const r = await run(command.name, ...(needsAction.has(command.name) ? ['list'] : []), '--bogus');
      assert.equal(r.code, 2, `${command.name}: ${r.err}`);
      assert.equal(r.err, `rotation-ready ${command.name}: unknown option '--bogus'\nRun 'rotation-ready ${command.name} --help' for its options.\n`);
    }
  });

  it('a missing or empty value, a value given to a flag, and a stray argument are usage errors that say so', async () => {
    for (const [argv, message] of [
      [['scan', '--format'], /--format needs a value/],
      [['scan', '--output='], /--output needs a value/],
      [['scan', '--staged=yes'], /--staged is a flag and takes no value/],
      [['fix', '--rule', '--dry-run'], /--rule needs a value, and found the option '--dry-run'/],
      [['simulate', 'extra'], /unexpected argument 'extra'/],
      [['exec', '--env', 'a', '--env', 'b', '--', 'true'], /--env is given once/],
      [['exec', 'node', 'app.js'], /the command to run goes after `--`/],
      [['dry-run', '--rounds', '-1'], /--rounds needs a value, and found a value starting with "-" .*--rounds=VALUE/],
      [['dry-run', '--rounds=-1'], /--rounds must be a number from 1 to 50, found '-1'/],
    ] as const) {
      const r = await run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, message, argv.join(' '));
    }
  });

  it("an unknown option's value is not echoed", async () => {
    const value = ['sk', 'live', 'Zq8'.repeat(8)].join('_');
    const r = await run('scan', `--token=${value}`);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown option '--token=…'/);
    assert.ok(!r.err.includes(value.slice(-12)));
  });

  it('--help after `--` belongs to the program exec runs, not to exec', async () => {
    const r = await run('exec', '--bogus', '--', process.execPath, '--help');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown option '--bogus'/);
    assert.equal(r.out, '');
    assert.equal((await run('exec', '--help')).code, 0);
  });
});
