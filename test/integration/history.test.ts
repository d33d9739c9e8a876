import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HistoryScanSummary } from '../../src/extension/history';
import { activeExtension } from './helpers';

describe('Secrets in History', function () {
  this.timeout(120_000);
  let repo: string;
  // A key assembled at test time: committed, then deleted (still in history), and one still in HEAD.
  const deleted = 'sk_' + 'live_' + randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 24);
  const current = 'ghp_' + randomBytes(27).toString('base64').replace(/[^A-Za-z0-9]/g, 'y').slice(0, 36);
  before(async () => {
    await activeExtension();
    repo = mkdtempSync(join(tmpdir(), 'rr-history-host-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false', ...args], { cwd: repo });
    git('init', '-q');
    writeFileSync(join(repo, 'pay.ts'), `export const key = '${deleted}';\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'add');
    unlinkSync(join(repo, 'pay.ts'));
    writeFileSync(join(repo, 'gh.ts'), `export const token = '${current}';\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'move to env, add another');
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it('lists keys only in history apart from those still in HEAD, without their values', async () => {
    const summary = await vscode.commands.executeCommand<HistoryScanSummary>('rotationReady.scanHistory', vscode.Uri.file(repo));
    assert.ok(summary, 'the command ran');
    assert.equal(summary.cancelled, false);
    assert.equal(summary.findings, 2);
    assert.equal(summary.historyOnly, 1);
    const historyOnly = summary.items.find((i) => i.historyOnly)!;
    assert.match(historyOnly.label, /^pay\.ts:1$/);
    assert.match(historyOnly.description, /stripe-secret-key Stripe…\S{4} · [0-9a-f]{8} \d{4}-\d\d-\d\d · Stripe/);
    assert.ok(summary.items.some((i) => !i.historyOnly && i.label === 'gh.ts:1'));
    const text = JSON.stringify(summary);
    assert.ok(!text.includes(deleted) && !text.includes(current), 'no key value in what the command returns');
  });

  it('says what is wrong when the folder is not a usable git repository, and returns nothing', async () => {
    // A broken `.git` link: git refuses it here, wherever the temporary folder lives (even inside another repository).
    const plain = mkdtempSync(join(tmpdir(), 'rr-history-plain-'));
    writeFileSync(join(plain, '.git'), 'gitdir: /nonexistent/rotation-ready-test\n');
    try {
      const summary = await vscode.commands.executeCommand<HistoryScanSummary | undefined>('rotationReady.scanHistory', vscode.Uri.file(plain));
      assert.equal(summary, undefined);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
