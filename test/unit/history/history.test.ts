import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { readFileSync } from 'node:fs';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/command';
import { HISTORY_ONLY_MESSAGE, scanHistory } from '../../../src/core/history/scan';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (n: number) => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('');
/** Fresh keys assembled at test time (never committed). */
const stripeKey = () => 'sk_' + 'live_' + alnum(24);
const githubKey = () => 'ghp_' + alnum(36);

async function cli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: { ROTATION_READY_SALT: 'history-test-salt' }, signal: new AbortController().signal };
  const code = await main(['scan', ...argv], io);
  return { code, stdout, stderr };
}

describe('scan --history: a repository built by the test', function () {
  this.timeout(60_000);
  let root: string;
  const keys = { moved: stripeKey(), merged: githubKey(), mergeOnly: stripeKey(), current: githubKey(), hostile: stripeKey(), beforeSince: githubKey() };
  const commits: Record<string, string> = {};
  let date = Date.UTC(2021, 0, 1) / 1000;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: `${date} +0000`, GIT_COMMITTER_DATE: `${date} +0000` } }).toString().trim();
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const commit = (name: string, message: string) => {
    date += 86_400;
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', message);
    commits[name] = git('rev-parse', 'HEAD');
  };
  const allOutputs: string[] = [];

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'rr-history-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Test');
    git('config', 'commit.gpgsign', 'false');
    write('old.ts', `export const early = "${keys.beforeSince}";\n`);
    commit('c0', 'an early key');
    unlinkSync(join(root, 'old.ts'));
    write('config.js', `module.exports = { stripe: '${keys.moved}' };\n`);
    commit('c1', 'add a key');
    git('mv', 'config.js', 'src/settings.js'.replace('src/', ''));
    mkdirSync(join(root, 'src'));
    git('mv', 'settings.js', 'src/settings.js');
    write('src/settings.js', `// moved\nmodule.exports = { stripe: '${keys.moved}', region: 'eu' };\n`);
    commit('c2', 'rename and edit');
    write('src/settings.js', `module.exports = { stripe: process.env.STRIPE_KEY };\n`);
    commit('c3', 'delete the key');
    git('checkout', '-q', '-b', 'feature', commits.c1!);
    write('feature.ts', `export const token = "${keys.merged}";\n`);
    commit('f1', 'feature key');
    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-ff', '--no-commit', 'feature');
    write('merge-only.ts', `export const k = "${keys.mergeOnly}";\n`);
    date += 86_400;
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', 'merge with content of its own');
    commits.merge = git('rev-parse', 'HEAD');
    write('current.ts', `export const gh = "${keys.current}";\n`);
    // A hostile file name: a terminal escape and bytes that are not UTF-8.
    writeFileSync(Buffer.concat([Buffer.from(join(root, 'evil\x1b[31m')), Buffer.from([0xe9, 0xff]), Buffer.from('.ts')]), `export const k = "${keys.hostile}";\n`);
    commit('c4', 'current key');
    // The key stays in HEAD through a later edit: two blobs hold it, and the newer one is read first.
    write('current.ts', `// the GitHub token\nexport const gh = "${keys.current}";\n`);
    commit('c5', 'comment the current key');
    // A branch that carries the same key in the same file with an older author date (a cherry-pick or rebase keeps
    // it) but a later commit date: git lists it after c4, and the finding moves to it as the older introduction.
    git('checkout', '-q', '-b', 'backport', commits.c3!);
    write('current.ts', `export const gh = "${keys.current}"; // backport\n`);
    date += 86_400;
    git('add', '-A');
    execFileSync('git', ['commit', '-q', '--no-verify', '-m', 'backport the key'], { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: `${Date.UTC(2021, 0, 1) / 1000} +0000`, GIT_COMMITTER_DATE: `${date} +0000` } });
    commits.backport = git('rev-parse', 'HEAD');
    git('checkout', '-q', 'main');
  });
  after(() => {
    for (const out of allOutputs) for (const k of Object.values(keys)) assert.ok(!out.includes(k), 'no output holds a key value');
    rmSync(root, { recursive: true, force: true });
  });

  it('finds keys added, moved, deleted and merged, each with the commit that introduced it and whether HEAD still has it', async () => {
    const result = await scanHistory({ cwd: root, salt: 'salt' });
    allOutputs.push(JSON.stringify(result));
    const at = (path: string) => result.findings.filter((f) => f.path === path);
    const [config] = at('config.js');
    assert.equal(config?.ruleId, 'stripe-secret-key');
    assert.equal(config.commit, commits.c1);
    assert.equal(config.inHead, false);
    assert.ok(config.message.startsWith(HISTORY_ONLY_MESSAGE));
    assert.equal(config.authorDate.slice(0, 10), new Date((Date.UTC(2021, 0, 1) / 1000 + 2 * 86_400) * 1000).toISOString().slice(0, 10));
    const [moved] = at('src/settings.js');
    assert.equal(moved?.commit, commits.c2, 'the renamed copy is reported where it was introduced');
    assert.equal(moved.inHead, false);
    const [feature] = at('feature.ts');
    assert.equal(feature?.commit, commits.f1);
    assert.equal(feature.inHead, true, 'merged into HEAD');
    assert.ok(!feature.message.startsWith(HISTORY_ONLY_MESSAGE));
    const [mergeOnly] = at('merge-only.ts');
    assert.equal(mergeOnly?.commit, commits.merge, 'content that appears only in a merge commit is seen');
    const [current] = at('current.ts');
    assert.equal(current?.inHead, true);
    assert.equal(current.commit, commits.backport, 'the oldest commit (by author date) that introduced the key');
    assert.equal(current.occurrences, 3);
    assert.ok(current.message.endsWith(`Also in history since commit ${commits.backport!.slice(0, 12)}.`), `the message names the same commit as the finding: ${current.message.slice(-40)}`);
    assert.equal(at('old.ts')[0]?.inHead, false);
    const hostile = result.findings.find((f) => f.path.startsWith('evil'));
    assert.ok(hostile, 'the file with a hostile name is scanned');
    assert.ok(!/[\x00-\x1f]/.test(hostile.path), 'control characters in a path are escaped');
    assert.match(hostile.path, /\\x1b/);
    assert.ok(hostile.path.includes('\ufffd'), 'bytes that are not UTF-8 are replaced');
    // Each unique blob once: as many as git lists reachable blobs.
    const reachable = new Set(execFileSync('git', ['rev-list', '--all', '--objects'], { cwd: root }).toString().trim().split('\n').map((l) => l.split(' ')[0]!));
    const blobs = [...reachable].filter((o) => execFileSync('git', ['cat-file', '-t', o], { cwd: root }).toString().trim() === 'blob');
    assert.equal(result.blobs, blobs.length);
  });

  it('--since and --branch narrow the history', async () => {
    const since = await scanHistory({ cwd: root, salt: 'salt', since: commits.c0! });
    allOutputs.push(JSON.stringify(since));
    assert.ok(!since.findings.some((f) => f.path === 'old.ts'), 'commits up to --since are left out');
    assert.ok(since.findings.some((f) => f.path === 'config.js'));
    const feature = await scanHistory({ cwd: root, salt: 'salt', refs: ['feature'] });
    assert.deepEqual([...new Set(feature.findings.map((f) => f.path))].sort(), ['config.js', 'feature.ts', 'old.ts']);
    const byDate = await scanHistory({ cwd: root, salt: 'salt', since: '2021-01-10' });
    assert.ok(byDate.findings.every((f) => f.path.startsWith('evil') || f.path === 'current.ts'), JSON.stringify(byDate.findings.map((f) => f.path)));
  });

  it('CLI: text, JSON and SARIF with commit and HEAD status; exit 1 on findings; the baseline applies', async () => {
    const text = await cli(root, '--history');
    allOutputs.push(text.stdout, text.stderr);
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /only in history; introduced in [0-9a-f]{12} \(2021-01-0\d\)/);
    assert.match(text.stdout, /still in HEAD/);
    assert.ok(!text.stdout.includes('\x1b'), 'no terminal escape reaches the terminal');
    const json = await cli(root, '--history', '--format', 'json');
    allOutputs.push(json.stdout);
    const report = JSON.parse(json.stdout) as { findings: Array<{ path: string; commit: string; inHead: boolean; fingerprint: string; ruleId: string }> };
    assert.ok(report.findings.some((f) => f.path === 'config.js' && f.commit === commits.c1 && !f.inHead));
    const sarif = await cli(root, '--history', '--format', 'sarif');
    allOutputs.push(sarif.stdout);
    const schema = JSON.parse(readFileSync(join(__dirname, '../../fixtures/analyzer/sarif/sarif-schema-2.1.0.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    assert.ok(validate(JSON.parse(sarif.stdout)), `history SARIF validates against the official schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ properties: { commit: string; historyOnly: boolean } }> }> }).runs[0]!.results;
    assert.ok(results.some((r) => r.properties.commit === commits.c1 && r.properties.historyOnly));
    writeFileSync(join(root, '.rotation-ready-baseline.json'), JSON.stringify({ version: 1, salt: 'history-test-salt', findings: report.findings.map((f) => ({ rule: f.ruleId, path: f.path, fingerprint: f.fingerprint })) }));
    const baselined = await cli(root, '--history');
    allOutputs.push(baselined.stdout);
    assert.equal(baselined.code, 0, baselined.stdout);
    assert.match(baselined.stdout, /0 findings .*baselined/);
    unlinkSync(join(root, '.rotation-ready-baseline.json'));
  });

  it('scans a bare mirror as it scans the clone', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'rr-history-bare-'));
    try {
      execFileSync('git', ['clone', '-q', '--mirror', root, bare]);
      const mirror = await scanHistory({ cwd: bare, salt: 'salt' });
      const clone = await scanHistory({ cwd: root, salt: 'salt' });
      allOutputs.push(JSON.stringify(mirror));
      assert.deepEqual(mirror.findings.map((f) => [f.path, f.commit, f.inHead]), clone.findings.map((f) => [f.path, f.commit, f.inHead]));
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('refuses a --since or --branch that reads as an option or names nothing, with a clear error', async () => {
    for (const args of [['--since', '--output=/tmp/x'], ['--branch', 'no-such-branch'], ['--since', 'yesterday-ish']]) {
      const r = await cli(root, '--history', ...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, /--since|--branch/);
    }
    const outside = await cli(tmpdir(), '--history');
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /git repository/);
  });
});

describe('scan --history: blobs larger than the pipe, and over the size limit, as they stream', function () {
  this.timeout(60_000);
  let root: string;
  const keys = { inLarge: stripeKey(), afterSkipped: githubKey(), inTooLarge: stripeKey() };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root }).toString().trim();

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'rr-history-large-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Test');
    git('config', 'commit.gpgsign', 'false');
    const filler = (bytes: number) => Array.from({ length: Math.ceil(bytes / 40) }, (_, i) => `// line ${i} of plain text, no key here\n`).join('');
    // Read in several chunks: the key is near its end.
    writeFileSync(join(root, 'large.js'), `${filler(300_000)}module.exports = { stripe: '${keys.inLarge}' };\n`);
    // Over the limit below: passed over as it streams, the next blob still read from the right place.
    writeFileSync(join(root, 'too-large.js'), `module.exports = { stripe: '${keys.inTooLarge}' };\n${filler(700_000)}`);
    writeFileSync(join(root, 'small.js'), `module.exports = { token: '${keys.afterSkipped}' };\n`);
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', 'large files');
    for (let i = 0; i < 3; i++) {
      writeFileSync(join(root, 'large.js'), `// v${i}\n${filler(300_000)}module.exports = { stripe: '${keys.inLarge}' };\n`);
      git('commit', '-q', '--no-verify', '-am', `v${i}`);
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds keys in blobs spread over many reads, reports the one over the limit as skipped, and reads on after it', async () => {
    const result = await scanHistory({ cwd: root, salt: 'salt', maxFileBytes: 500_000 });
    assert.ok(!JSON.stringify(result).includes(keys.inLarge) && !JSON.stringify(result).includes(keys.afterSkipped), 'no key value in the result');
    const large = result.findings.filter((f) => f.path === 'large.js');
    assert.equal(large.length, 1);
    assert.equal(large[0]!.occurrences, 4, 'every version of the large file was read whole');
    assert.ok(result.findings.some((f) => f.path === 'small.js' && f.ruleId.startsWith('github')), JSON.stringify(result.findings.map((f) => f.path)));
    assert.ok(!result.findings.some((f) => f.path === 'too-large.js'));
    assert.equal(result.skipped.length, 1);
    assert.match(result.skipped[0]!.path, /^too-large\.js@/);
    assert.match(result.skipped[0]!.reason, /larger than 488 KiB/);
    assert.equal(result.blobs, 6);
  });
});
