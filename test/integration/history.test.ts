import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HistoryScanSummary } from '../../src/extension/history';
import { activeExtension, ourDiagnostics, waitFor, workspaceUri } from './helpers';

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

describe('hover: the same key in git history', function () {
  this.timeout(120_000);
  // The demo workspace made a repository by the test: only src/config.ts is committed (the .env stays untracked).
  const root = workspaceUri().fsPath;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false', ...args], { cwd: root }).toString().trim();
  let commit = '';
  before(async () => {
    await activeExtension();
    git('init', '-q');
    git('add', 'src/config.ts');
    git('commit', '-q', '--no-verify', '-m', 'config with a key');
    commit = git('rev-parse', 'HEAD');
  });
  after(() => rmSync(join(root, '.git'), { recursive: true, force: true }));

  const hoverText = async () => {
    const uri = workspaceUri('src/config.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const stripe = (await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => x.code && (typeof x.code === 'object' ? x.code.value : x.code) === 'stripe-secret-key'), 'the Stripe squiggle')).find((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'stripe-secret-key')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, stripe.range.start.translate(0, 3));
    return { text: hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), key: document.getText(stripe.range) };
  };

  it('says the history was not scanned yet, with a link that scans it; after the scan, names the commit, date and path', async () => {
    const before = await hoverText();
    assert.match(before.text, /Git history not scanned yet.*\[Scan the git history\]\(command:rotationReady\.scanHistory\?/);
    const summary = await vscode.commands.executeCommand<HistoryScanSummary>('rotationReady.scanHistory', workspaceUri());
    assert.ok(summary && !summary.cancelled && summary.findings > 0, 'the history scan ran');
    const after = await waitFor(hoverText, (h) => /also in git history/.test(h.text), 'the hover to name the history', 20_000);
    const date = git('log', '-1', '--format=%aI').slice(0, 10);
    assert.ok(after.text.includes(`**This key is also in git history** (commit \`${commit.slice(0, 7)}\`, ${date}, \`src/config.ts\`): rotate it — deleting the line does not revoke it.`), after.text);
    for (const text of [before.text, after.text]) assert.ok(!text.includes(after.key), 'the hover never shows the key');
  });

  it('the link runs the scan only for a project of the window: a path it does not know scans nothing', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'rr-history-link-'));
    try {
      assert.equal(await vscode.commands.executeCommand('rotationReady.scanHistory', elsewhere), undefined);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
