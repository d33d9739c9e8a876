import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyKeyIndex, parseHistoryKeyIndex } from '../../../src/core/history/keyIndex';
import { scanHistory } from '../../../src/core/history/scan';
import { keyFingerprint } from '../../../src/core/redact';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (n: number) => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('');

describe('history key index: what the hover knows of the last history scan', function () {
  this.timeout(60_000);
  let root: string;
  const moved = 'sk_' + 'live_' + alnum(24);
  const current = 'ghp_' + alnum(36);
  let date = Date.UTC(2024, 0, 1) / 1000;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false', ...args], { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: `${date} +0000`, GIT_COMMITTER_DATE: `${date} +0000` } })
      .toString()
      .trim();
  const commit = (message: string) => {
    date += 86_400;
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  let first: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'rr-history-index-'));
    git('init', '-q');
    writeFileSync(join(root, 'a.ts'), `export const key = '${moved}';\n`);
    first = commit('add');
    // The same key later at another path, then deleted there too: the index keeps its oldest commit and path.
    writeFileSync(join(root, 'b.ts'), `const k = '${moved}';\n`);
    unlinkSync(join(root, 'a.ts'));
    commit('move');
    unlinkSync(join(root, 'b.ts'));
    writeFileSync(join(root, 'c.ts'), `export const token = '${current}';\n`);
    commit('delete, add another');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('indexes each key by the fingerprint the editor shows (the key salt), at its oldest commit, without values', async () => {
    const result = await scanHistory({ cwd: root, salt: 'baseline-salt', keySalt: 'project-salt' });
    const index = historyKeyIndex(result.findings, result.commits, new Date('2026-03-01T10:00:00Z'));
    const movedEntry = index.keys[keyFingerprint(moved, 'project-salt')];
    assert.ok(movedEntry, 'the moved key is indexed by its rk1 fingerprint with the project salt');
    assert.equal(movedEntry.commit, first);
    assert.equal(movedEntry.path, 'a.ts');
    assert.equal(movedEntry.inHead, false);
    assert.equal(index.keys[keyFingerprint(current, 'project-salt')]?.inHead, true);
    assert.equal(index.keys[keyFingerprint(moved, 'baseline-salt')], undefined, 'not the baseline salt');
    assert.equal(Object.keys(index.keys).length, 2);
    assert.equal(index.scannedAt, '2026-03-01T10:00:00.000Z');
    const text = JSON.stringify(index);
    assert.ok(!text.includes(moved) && !text.includes(current), 'no key value in the index');
    assert.deepEqual(parseHistoryKeyIndex(JSON.parse(text)), index, 'round-trips through storage');
  });

  it('drops a stored index that is not one, rather than showing its text', () => {
    const good = { scannedAt: '2026-03-01T10:00:00.000Z', commits: 1, keys: { 'rk1:00ff': { commit: 'abcdef1', authorDate: '2026-01-01T00:00:00.000Z', path: 'a.ts', inHead: true } } };
    assert.ok(parseHistoryKeyIndex(good));
    for (const bad of [null, 'x', { ...good, scannedAt: 'yesterday' }, { ...good, keys: { 'rr1:00': good.keys['rk1:00ff'] } }, { ...good, keys: { 'rk1:00': { ...good.keys['rk1:00ff'], commit: '[x](command:evil)' } } }]) {
      assert.equal(parseHistoryKeyIndex(bad), undefined, JSON.stringify(bad));
    }
  });
});
