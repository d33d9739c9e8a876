import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { parseDotenv } from '../../src/core/envfile/dotenv';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { activeExtension, ourDiagnostics, waitFor, workspaceUri } from './helpers';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const read = (relative: string) => {
  try {
    return readFileSync(join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, relative), 'utf8');
  } catch {
    return '';
  }
};

/** Code actions can be refused with "Canceled" while the built-in TypeScript server starts: retry, bounded. */
async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function openWithFinding(relative: string, rule: string): Promise<{ document: vscode.TextDocument; diagnostic: vscode.Diagnostic }> {
  const uri = workspaceUri(relative);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const diagnostics = await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => codeOf(x) === rule), `a ${rule} diagnostic in ${relative}`);
  return { document, diagnostic: diagnostics.find((x) => codeOf(x) === rule)! };
}

describe('quick-fixes in the editor', function () {
  this.timeout(120_000);
  before(() => activeExtension());
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('offers "Move secret to environment variable" as the preferred fix, and an ignore comment', async () => {
    const { document, diagnostic } = await openWithFinding('src/config.ts', 'stripe-secret-key');
    const actions = await actionsAt(document.uri, diagnostic.range);
    const move = actions.find((a) => a.title.startsWith('Move secret to environment variable'));
    assert.ok(move, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(move.isPreferred, true);
    assert.ok(actions.some((a) => a.title === 'Ignore stripe-secret-key on this line'));
  });

  it('moves the secret to .env (git-ignored, read back) before rewriting, and undo restores the file', async () => {
    const { document, diagnostic } = await openWithFinding('src/config.ts', 'stripe-secret-key');
    const original = document.getText();
    const value = document.getText(diagnostic.range);
    const move = (await actionsAt(document.uri, diagnostic.range)).find((a) => a.command?.command === 'rotationReady.moveSecretToEnv')!;
    const ok = await vscode.commands.executeCommand<boolean>(move.command!.command, ...move.command!.arguments!, 'STRIPE_LIVE_SECRET_KEY');
    assert.equal(ok, true);
    assert.equal(document.getText().includes(value), false, 'the literal left the file');
    assert.match(document.getText(), /requireEnv\("STRIPE_LIVE_SECRET_KEY"\)|requireEnv\('STRIPE_LIVE_SECRET_KEY'\)/);
    assert.match(read('.env'), new RegExp(`^STRIPE_LIVE_SECRET_KEY=${value}$`, 'm'));
    assert.match(read('.gitignore'), /^\.env$/m);
    const exampleBefore = read('.env.example').replace(/^STRIPE_LIVE_SECRET_KEY=\r?\n/m, '');
    assert.match(read('.env.example'), /^STRIPE_LIVE_SECRET_KEY=$/m);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText(), (t) => t === original, 'undo to restore the file');
    // Undo takes back what the fix added beside the file too; the value stays secured in .env.
    await waitFor(() => read('.env.example'), (t) => t === exampleBefore, 'undo to take STRIPE_LIVE_SECRET_KEY= out of .env.example');
    assert.match(read('.env'), new RegExp(`^STRIPE_LIVE_SECRET_KEY=${value}$`, 'm'), 'the stored value stays safe');
  });

  it('moves a database URL whole under DATABASE_URL, or its password URL-encoded under a password name', async () => {
    const { document, diagnostic } = await openWithFinding('src/config.ts', 'connection-string-password');
    const original = document.getText();
    const password = document.getText(diagnostic.range);
    const url = /postgres:\/\/[^'"`\s]+/.exec(document.lineAt(diagnostic.range.start.line).text)![0];
    const move = async (name: string) => {
      const action = (await actionsAt(document.uri, (await waitFor(() => ourDiagnostics(document.uri), (d) => d.some((x) => codeOf(x) === 'connection-string-password'), 'the URL finding')).find((x) => codeOf(x) === 'connection-string-password')!.range)).find((a) => a.command?.command === 'rotationReady.moveSecretToEnv')!;
      assert.equal(await vscode.commands.executeCommand<boolean>(action.command!.command, ...action.command!.arguments!, name), true);
    };
    await move('DATABASE_URL');
    assert.equal(parseDotenv(read('.env')).get('DATABASE_URL'), url, 'DATABASE_URL holds the whole URL, never the password alone');
    assert.match(document.getText(), /DATABASE_URL = requireEnv\(['"]DATABASE_URL['"]\)/);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText(), (t) => t === original, 'undo');
    await move('DATABASE_PASSWORD');
    assert.equal(parseDotenv(read('.env')).get('DATABASE_PASSWORD'), password);
    assert.ok(document.getText().includes('${encodeURIComponent(requireEnv('), 'the password goes back into the URL encoded');
    assert.equal(document.getText().includes(password), false);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText(), (t) => t === original, 'undo');
  });

  it('moves a key split over adjacent literals as one: the joined value is stored, undo restores the pieces', async () => {
    const key = `sk_${'live'}_${randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, 'x')}`;
    const [head, tail] = [key.slice(0, 12), key.slice(12)];
    const path = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'src', 'splitKey.ts');
    writeFileSync(path, `export const paymentsKey = '${head}' +\n  '${tail}';\n`);
    try {
      const { document, diagnostic } = await openWithFinding('src/splitKey.ts', 'stripe-secret-key');
      const original = document.getText();
      const move = (await actionsAt(document.uri, diagnostic.range)).find((a) => a.command?.command === 'rotationReady.moveSecretToEnv');
      assert.ok(move, 'the move is offered on the split key');
      assert.equal(await vscode.commands.executeCommand<boolean>(move.command!.command, ...move.command!.arguments!, 'PAYMENTS_SPLIT_KEY'), true);
      assert.equal(parseDotenv(read('.env')).get('PAYMENTS_SPLIT_KEY'), key, 'the pieces joined are stored');
      assert.match(document.getText(), /paymentsKey = requireEnv\('PAYMENTS_SPLIT_KEY'\);/);
      assert.equal(document.getText().includes(tail), false, 'no piece of the key is left');
      await vscode.commands.executeCommand('undo');
      await waitFor(() => document.getText(), (t) => t === original, 'undo to restore the pieces');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(path, { force: true });
    }
  });

  it('stores the secret in the OS keychain when rotationReady.fix.secretDestination is "keychain"', async () => {
    const settings = vscode.workspace.getConfiguration('rotationReady');
    await settings.update('fix.secretDestination', 'keychain', vscode.ConfigurationTarget.Workspace);
    try {
      const { document, diagnostic } = await openWithFinding('src/config.ts', 'aws-access-key-id');
      const value = document.getText(diagnostic.range);
      const move = (await actionsAt(document.uri, diagnostic.range)).find((a) => a.command?.command === 'rotationReady.moveSecretToEnv')!;
      assert.equal(await vscode.commands.executeCommand<boolean>(move.command!.command, ...move.command!.arguments!, 'AWS_ACCESS_KEY_ID'), true);
      const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      const stored = await new KeytarKeychain().get({ workspaceId: workspaceIdFor(root), service: 'aws-access-key-id', environment: 'dev', slot: 'primary' });
      assert.equal(stored, value);
      assert.equal(read('.env').includes(value), false, 'not written to .env');
      assert.match(document.getText(), /requireEnv\(["']AWS_ACCESS_KEY_ID["']\)/);

      // Issue 14: the editor's task injection and the CLI's exec (another process, no --service naming) inject the
      // names the rewritten code reads, from the key metadata both share; `_KEY` derived from the service would be wrong.
      const { exports: api, extensionPath } = await activeExtension();
      await api.keys.refresh();
      const listNames = `env | grep -o '^AWS_ACCESS_KEY_ID[A-Z_]*=' | LC_ALL=C sort`;
      const fromEditor = join(tmpdir(), `rr-names-${randomBytes(6).toString('hex')}.txt`);
      const ended = new Promise<number | undefined>((resolve) => {
        const listener = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.source !== 'Rotation Ready') return;
          listener.dispose();
          resolve(e.exitCode);
        });
      });
      await vscode.commands.executeCommand('rotationReady.runTaskWithKeys', { kind: 'environment', service: 'aws-access-key-id', environment: 'dev' }, `${listNames} > '${fromEditor}'`);
      assert.equal(await ended, 0);
      const { stdout: fromCli } = await promisify(execFile)(process.execPath, ['--', join(extensionPath, 'dist/cli.js'), 'exec', '--', 'sh', '-c', listNames], { cwd: root, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      try {
        assert.deepEqual(readFileSync(fromEditor, 'utf8').trim().split('\n'), ['AWS_ACCESS_KEY_ID=', 'AWS_ACCESS_KEY_ID_PRIMARY=']);
        assert.deepEqual(fromCli.trim().split('\n'), ['AWS_ACCESS_KEY_ID=', 'AWS_ACCESS_KEY_ID_PRIMARY='], 'the CLI injects the same names');
      } finally {
        rmSync(fromEditor, { force: true });
      }
      await vscode.commands.executeCommand('undo');
    } finally {
      await settings.update('fix.secretDestination', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Make Rotation Ready: the preferred action on a hardcoded key that feeds a call; one edit moves it and wraps the calls, one undo restores the file', async () => {
    const { document, diagnostic } = await openWithFinding('src/clients/billing.ts', 'single-key-call');
    const original = document.getText();
    const secret = ourDiagnostics(document.uri).find((d) => codeOf(d) !== 'single-key-call' && d.severity !== vscode.DiagnosticSeverity.Information)!;
    const value = document.getText(secret.range);
    for (const at of [diagnostic, secret]) {
      const actions = await actionsAt(document.uri, at.range, vscode.CodeActionKind.QuickFix.value);
      const ready = actions.find((a) => a.command?.command === 'rotationReady.makeRotationReady');
      assert.ok(ready, `offered on ${codeOf(at)}: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(ready.title, 'Make Rotation Ready…');
      assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), ['Make Rotation Ready…'], 'the only preferred action');
    }
    const exampleBefore = read('.env.example');
    const ready = (await actionsAt(document.uri, secret.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.command?.command === 'rotationReady.makeRotationReady')!;
    assert.equal(await vscode.commands.executeCommand<boolean>(ready.command!.command, ...ready.command!.arguments!, 'BILLING_API_KEY', { preview: false }), true);
    const fixed = document.getText();
    assert.equal(fixed.includes(value), false, 'the literal left the file');
    assert.equal((fixed.match(/withKeyFallback\(\s*\{ service: 'billing-api', envName: 'BILLING_API_KEY' \},\s*\(key\) => fetch\(/g) ?? []).length, (original.match(/\bfetch\(/g) ?? []).length, 'every fetch that read the key is wrapped');
    assert.doesNotMatch(fixed, /requireEnv|billingApiKey/, 'no unused read of the moved key is left');
    assert.ok(read('.env').split('\n').includes(`BILLING_API_KEY=${value}`), 'the value is stored under the name the wrapper falls back to');
    // The demo's .env.example lists BILLING_API_KEY_PRIMARY / _FALLBACK already (the names the wrapper reads): nothing to add, no plain NAME= line.
    assert.equal(read('.env.example'), exampleBefore);
    await waitFor(() => ourDiagnostics(document.uri), (d) => !d.some((x) => codeOf(x) === 'single-key-call'), 'no single-key call left in the fixed text');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText(), (t) => t === original, 'one undo to restore the file');
    assert.ok(read('.env').split('\n').includes(`BILLING_API_KEY=${value}`), 'the secured value stays safe after undo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    // Leave .env.example as the next tests expect it.
    writeFileSync(join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '.env.example'), exampleBefore);
  });

  it('rewrites a single-key fetch through the primary/fallback helper', async () => {
    const { document, diagnostic } = await openWithFinding('src/clients/billing.ts', 'single-key-call');
    const actions = await actionsAt(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const wrap = actions.find((a) => a.command?.command === 'rotationReady.addKeyFallback');
    assert.ok(wrap, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(wrap.isPreferred, false, 'Make Rotation Ready is preferred where the key is hardcoded');
    assert.equal(actions[0]?.command?.command, 'rotationReady.makeRotationReady', 'and comes first, not Ignore');
    assert.equal(await vscode.commands.executeCommand<boolean>(wrap.command!.command, ...wrap.command!.arguments!, undefined, { preview: false }), true);
    assert.match(document.getText(), /withKeyFallback/);
    const helper = await vscode.workspace.findFiles('**/keyFallback.ts', '**/node_modules/**');
    assert.equal(helper.length, 1, 'the helper module was created once');
    await vscode.commands.executeCommand('undo');
  });

  it('fixes every secret of a file at once, secured first', async () => {
    const { document } = await openWithFinding('src/config.ts', 'stripe-secret-key');
    const values = ourDiagnostics(document.uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Information).map((d) => document.getText(d.range));
    assert.ok(values.length >= 3);
    const fixed = await vscode.commands.executeCommand<number>('rotationReady.fixAllInFile', document.uri.toString());
    assert.ok(fixed >= 3, `fixed ${fixed}`);
    for (const value of values) {
      assert.equal(document.getText().includes(value), false, 'a secret is still in the file');
      assert.ok(read('.env').includes(value), 'a secret did not reach .env');
    }
    await vscode.commands.executeCommand('undo');
  });

  it('fix-all on save (editor.codeActionsOnSave) moves the secrets with no preview; the call keeps its wrapper quick fix', async () => {
    const relative = 'src/clients/billing.ts';
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const { document } = await openWithFinding(relative, 'single-key-call');
    const onDisk = readFileSync(join(root, relative), 'utf8');
    const exampleBefore = read('.env.example');
    const helperExisted = existsSync(join(root, 'src', 'requireEnv.ts'));
    const secret = ourDiagnostics(document.uri).find((d) => codeOf(d) !== 'single-key-call' && d.severity !== vscode.DiagnosticSeverity.Information)!;
    const value = document.getText(secret.range);
    const editorSettings = vscode.workspace.getConfiguration('editor');
    await editorSettings.update('codeActionsOnSave', { 'source.fixAll.rotationReady': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    const previewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.includes('(preview)')).map((t) => t.label);
    try {
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((b) => b.insert(new vscode.Position(document.lineCount, 0), '\n'));
      const opened = new Set<string>();
      const watch = setInterval(() => previewTabs().forEach((t) => opened.add(t)), 100);
      // A preview waits for an answer, and so would the save: it must finish on its own.
      const saved = await Promise.race([
        Promise.resolve(vscode.commands.executeCommand('workbench.action.files.save')).then(() => true),
        new Promise<boolean>((done) => setTimeout(() => done(false), 45_000)),
      ]);
      clearInterval(watch);
      assert.deepEqual([...opened], [], 'no preview opened on save');
      assert.equal(saved, true, 'the save finished with nothing to answer');
      const fixed = document.getText();
      assert.equal(fixed.includes(value), false, 'the secret left the file on save');
      assert.match(fixed, /requireEnv\(['"][A-Z_]+['"]\)/, 'the code reads the variable');
      assert.doesNotMatch(fixed, /withKeyFallback/, 'no wrapper without a preview');
      assert.equal(readFileSync(join(root, relative), 'utf8'), fixed, 'the fixed text is what was saved');
      assert.ok(read('.env').includes(value), 'the secret was secured first');
      const call = (await waitFor(() => ourDiagnostics(document.uri), (d) => d.some((x) => codeOf(x) === 'single-key-call') && !d.some((x) => x === secret || document.getText(x.range) === value), 'the call still reported, the secret gone')).find((x) => codeOf(x) === 'single-key-call')!;
      // Asked until the analyzer has the saved text (the diagnostics can still be the edit's own for a moment).
      let actions: vscode.CodeAction[] = [];
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
        const current = ourDiagnostics(document.uri).find((x) => codeOf(x) === 'single-key-call') ?? call;
        actions = await actionsAt(document.uri, current.range, vscode.CodeActionKind.QuickFix.value);
        if (actions.some((a) => a.command?.command === 'rotationReady.addKeyFallback')) break;
      }
      assert.ok(actions.some((a) => a.command?.command === 'rotationReady.addKeyFallback'), `the wrapper stays a quick fix: ${actions.map((a) => a.title).join(' | ')}`);
    } finally {
      await editorSettings.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
      // Leave the demo as the next tests expect it.
      writeFileSync(join(root, relative), onDisk);
      writeFileSync(join(root, '.env.example'), exampleBefore);
      if (!helperExisted) rmSync(join(root, 'src', 'requireEnv.ts'), { force: true });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('fixes every file of the workspace in one edit (previewed for users; applied directly here)', async () => {
    await vscode.commands.executeCommand('rotationReady.scanWorkspace');
    const compose = workspaceUri('docker-compose.yml');
    await waitFor(() => ourDiagnostics(compose), (d) => d.length > 0, 'scan findings in docker-compose.yml');
    const before = Buffer.from(await vscode.workspace.fs.readFile(compose)).toString('utf8');
    const fixed = await vscode.commands.executeCommand<number>('rotationReady.fixAllInWorkspace', { preview: false });
    assert.ok(fixed >= 3, `fixed ${fixed}`);
    const document = await vscode.workspace.openTextDocument(compose);
    assert.notEqual(document.getText(), before, 'docker-compose.yml was rewritten');
    assert.match(document.getText(), /\$\{[A-Z_]+\}/, 'with ${NAME} placeholders compose reads from .env');
    // One password, one stored key: the URL reads the variable the database's own password line reads.
    assert.match(document.getText(), /DATABASE_URL: postgres:\/\/checkout:\$\{POSTGRES_PASSWORD\}@db/);
    // The edit touched several unsaved documents: revert each, so later suites see the demo as it was.
    for (const dirty of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(dirty);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
