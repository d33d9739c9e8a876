import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureGitIgnored, isIgnoredByGitignore } from '../../../src/core/envfile/gitignore';

const git = (dir: string, ...args: string[]): void => void execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
/** What git itself says of the .gitignore files alone (no global excludes, tracked or not). */
const gitSaysIgnored = (dir: string, rel: string): boolean =>
  spawnSync('git', ['-C', dir, '-c', 'core.excludesFile=/dev/null', 'check-ignore', '-q', '--no-index', '--', rel]).status === 0;

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

describe('envfile/gitignore: one guard for files that hold secrets', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rr-gitignore-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('judges nested .gitignore files, negations and excluded folders as git does', function () {
    // 26 git processes: seconds on a loaded machine, past mocha's default.
    this.timeout(120_000);
    const layouts: Array<[Record<string, string>, string]> = [
      [{ '.gitignore': '.env\n' }, 'sub/.env'],
      [{ '.gitignore': '/.env\n' }, 'sub/.env'],
      [{ 'sub/.gitignore': '.env\n' }, 'sub/.env'],
      [{ '.gitignore': '*.env\n.env\n', 'sub/.gitignore': '!.env\n' }, 'sub/.env'],
      [{ '.gitignore': '.env\n!sub/.env\n' }, 'sub/.env'],
      [{ '.gitignore': 'secrets/\n', 'secrets/.gitignore': '!.env\n' }, 'secrets/.env'],
      [{ '.gitignore': 'secrets/*\n!secrets/.env\n' }, 'secrets/.env'],
      [{ '.gitignore': '.env*\r\n!.env.example\r\n' }, '.env'],
      [{ '.gitignore': '.env*\n!.env.example\n' }, '.env.example'],
      [{ '.gitignore': '# .env\n\\#.env\n' }, '.env'],
      [{ '.gitignore': '**/deep/.env\n' }, 'a/b/deep/.env'],
      [{ '.gitignore': 'a/\n!a/b/\n' }, 'a/b/.env'],
      [{ 'a/.gitignore': '/b/.env\n', 'a/b/.gitignore': '!.env\n' }, 'a/b/.env'],
    ];
    for (const [files, rel] of layouts) {
      const root = mkdtempSync(join(dir, 'case-'));
      git(root, 'init', '-q');
      write(root, files);
      assert.equal(isIgnoredByGitignore(root, rel), gitSaysIgnored(root, rel), `${rel} with ${JSON.stringify(files)}`);
    }
  });

  it('adds /.env to .gitignore first, in its own line breaks; undo restores it byte for byte (CRLF, no final newline, mode)', () => {
    git(dir, 'init', '-q');
    const before = Buffer.from('node_modules/\r\ndist');
    write(dir, { '.gitignore': before });
    chmodSync(join(dir, '.gitignore'), 0o664);
    const result = ensureGitIgnored(dir, join(dir, '.env'));
    assert.equal(result.updated, true);
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), 'node_modules/\r\ndist\r\n# Local keys written by Rotation Ready\r\n/.env\r\n');
    assert.ok(gitSaysIgnored(dir, '.env'));
    assert.equal(ensureGitIgnored(dir, join(dir, '.env')).updated, false, 'a second time changes nothing');
    result.undo();
    assert.deepEqual(readFileSync(join(dir, '.gitignore')), before);
    assert.equal(statSync(join(dir, '.gitignore')).mode & 0o777, 0o664);
  });

  it('undo removes a .gitignore it created, and leaves one that changed since alone', () => {
    const made = ensureGitIgnored(dir, join(dir, '.env'), { useGit: false });
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), '# Local keys written by Rotation Ready\n/.env\n');
    made.undo();
    assert.ok(!existsSync(join(dir, '.gitignore')));
    const again = ensureGitIgnored(dir, join(dir, '.env'), { useGit: false });
    writeFileSync(join(dir, '.gitignore'), `${readFileSync(join(dir, '.gitignore'), 'utf8')}coverage/\n`);
    again.undo();
    assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /^\/\.env$/m, 'the user\'s later edit is kept, and the file stays ignored');
  });

  it('nothing to do when a nested .gitignore already ignores the file; a project in a folder of a repository is judged from the repository top', () => {
    git(dir, 'init', '-q');
    write(dir, { '.gitignore': '*.env\n', 'app/.gitignore': 'build/\n' });
    const result = ensureGitIgnored(join(dir, 'app'), join(dir, 'app', '.env'));
    assert.equal(result.updated, false);
    assert.equal(readFileSync(join(dir, 'app', '.gitignore'), 'utf8'), 'build/\n');
    write(dir, { 'app/config/.gitignore': '!.env\n' });
    assert.throws(() => ensureGitIgnored(join(dir, 'app'), join(dir, 'app', 'config', '.env')), /Could not make config\/\.env git-ignored: a \.gitignore in a folder below it re-includes it/);
    assert.equal(readFileSync(join(dir, 'app', '.gitignore'), 'utf8'), 'build/\n');
  });

  it('refuses, changing nothing, a file git tracks and a file a deeper .gitignore re-includes', () => {
    git(dir, 'init', '-q');
    write(dir, { '.gitignore': 'node_modules/\n', '.env': 'A=1\n', 'sub/.gitignore': '!.env\n' });
    git(dir, 'add', '-f', '.env');
    assert.throws(() => ensureGitIgnored(dir, join(dir, '.env')), /\.env is tracked by git, so a value written to it would be committed; untrack it first \(git rm --cached \.env\)/);
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), 'node_modules/\n');
    assert.throws(() => ensureGitIgnored(dir, join(dir, 'sub', '.env')), /Could not make sub\/\.env git-ignored: a \.gitignore in a folder below it re-includes it/);
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), 'node_modules/\n');
    assert.throws(() => ensureGitIgnored(dir, join(dir, '..', 'elsewhere.env')), /is not inside/);
  });

  it('without git (or told not to ask it), judges the .gitignore files alone', () => {
    write(dir, { '.gitignore': '.env\n!.env\n' });
    const result = ensureGitIgnored(dir, join(dir, '.env'), { useGit: false });
    assert.equal(result.updated, true);
    assert.equal(isIgnoredByGitignore(dir, '.env'), true);
  });
});
