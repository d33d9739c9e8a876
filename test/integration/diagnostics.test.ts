import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { join } from 'node:path';
import { demoSecrets } from '../../scripts/materialize-demo';
import { activeExtension, ourDiagnostics, waitFor, workspaceUri } from './helpers';

describe('squiggles from the language server', () => {
  before(async () => {
    await activeExtension();
  });

  it('marks the demo Stripe key with the rule id, a doc link and the exact range of the value', async () => {
    const uri = workspaceUri('src/config.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => codeOf(x) === 'stripe-secret-key'), 'a stripe-secret-key diagnostic');
    const stripe = diagnostics.find((d) => codeOf(d) === 'stripe-secret-key')!;
    const value = document.getText(stripe.range);
    assert.match(value, /^sk_live_[A-Za-z0-9]{24,}$/, 'the range covers exactly the key, inside the quotes');
    assert.match(stripe.message, /Stripe/);
    const target = typeof stripe.code === 'object' ? stripe.code.target.toString() : '';
    assert.match(target, /docs\/rules\/stripe-secret-key\.md$/);
  });

  it('updates as you type, in an unsaved document', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'export const ok = 1;\n' });
    const editor = await vscode.window.showTextDocument(document);
    assert.deepEqual(ourDiagnostics(document.uri), []);
    const key = ['ghp', '_', 'R9x2Lq7Tz4Vb8Nw3Kd6Hs1Jf5Gm0Pc2Ya7Ue'].join('');
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), `const token = "${key}";\n`));
    const diagnostics = await waitFor(() => ourDiagnostics(document.uri), (d) => d.length > 0, 'a diagnostic after typing');
    assert.equal(document.getText(diagnostics[0]!.range), key);
    await editor.edit((edit) => edit.delete(new vscode.Range(1, 0, 2, 0)));
    await waitFor(() => ourDiagnostics(document.uri), (d) => d.length === 0, 'the diagnostic to go once the key is deleted');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('never puts a key value into a diagnostic message', async () => {
    const values = demoSecrets(undefined, join(process.env.RR_REPO_ROOT!, 'demo')).map((s) => s.value);
    for (const file of ['src/config.ts', 'src/clients/billing.ts', 'config/app.yaml', 'docker-compose.yml']) {
      const uri = workspaceUri(file);
      await vscode.workspace.openTextDocument(uri);
      const diagnostics = await waitFor(() => ourDiagnostics(uri), (d) => d.length > 0, `diagnostics in ${file}`);
      for (const d of diagnostics) {
        for (const value of values) assert.equal(d.message.includes(value), false, `${file}: a message contains a demo key`);
      }
    }
  });
});

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

describe('hover on a finding', () => {
  it('names the provider, shows the fingerprint and links to the rotation page, never the value', async () => {
    const uri = workspaceUri('src/config.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => codeOf(x) === 'stripe-secret-key'), 'a stripe-secret-key diagnostic');
    const stripe = diagnostics.find((d) => codeOf(d) === 'stripe-secret-key')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, stripe.range.start.translate(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Rotation Ready/);
    assert.match(text, /Stripe/);
    assert.match(text, /fingerprint `rk1:[0-9a-f]{16}`/, 'the key fingerprint the Keys sidebar shows, not a finding id');
    assert.match(text, /stripe\.com/);
    assert.equal(text.includes(document.getText(stripe.range)), false, 'the hover never shows the key');
  });
});

describe('analyzer settings', function () {
  this.timeout(60_000);
  const settings = () => vscode.workspace.getConfiguration('rotationReady');
  const stripeIn = (uri: vscode.Uri) => ourDiagnostics(uri).find((d) => codeOf(d) === 'stripe-secret-key');

  it('rotationReady.ruleSeverity changes a rule\'s severity, and "off" hides it', async () => {
    const uri = workspaceUri('src/config.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(() => stripeIn(uri)?.severity, (s) => s === vscode.DiagnosticSeverity.Error, 'the stripe finding as an error');
    try {
      await settings().update('ruleSeverity', { 'stripe-secret-key': 'info' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => stripeIn(uri)?.severity, (s) => s === vscode.DiagnosticSeverity.Information, 'the stripe finding as info');
      await settings().update('ruleSeverity', { 'stripe-secret-key': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => stripeIn(uri), (d) => d === undefined, 'the stripe finding to go');
      assert.ok(ourDiagnostics(uri).length > 0, 'other rules still report');
    } finally {
      await settings().update('ruleSeverity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => stripeIn(uri)?.severity, (s) => s === vscode.DiagnosticSeverity.Error, 'the stripe finding back as an error');
  });

  it('rotationReady.enable: false stops the squiggles as you type', async () => {
    const uri = workspaceUri('src/config.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(() => ourDiagnostics(uri), (d) => d.length > 0, 'diagnostics');
    try {
      await settings().update('enable', false, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => ourDiagnostics(uri), (d) => d.length === 0, 'no diagnostics while disabled');
    } finally {
      await settings().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => ourDiagnostics(uri), (d) => d.length > 0, 'diagnostics again');
  });
});
