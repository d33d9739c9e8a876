import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ScanWorkspaceResult } from '../../src/shared/protocol';
import { activeExtension, ourDiagnostics, waitFor, workspaceUri } from './helpers';

describe('workspace scan and baseline', function () {
  this.timeout(120_000);
  before(() => activeExtension());

  it('the first opening of a configured folder draws the findings of files nobody opened, without a scan command', async () => {
    // The suite never opens this file before here; only the first-open scan can have analyzed it.
    const python = workspaceUri('worker/sync_invoices.py');
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === python.toString()), false);
    await waitFor(() => ourDiagnostics(python).length, (n) => n >= 1, 'first-open scan diagnostics on an unopened file', 60_000);
  });

  it('puts findings of files that are not open into the Problems panel', async () => {
    const result = await vscode.commands.executeCommand<ScanWorkspaceResult>('rotationReady.scanWorkspace');
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 10, `scanned ${result.files} files`);
    assert.ok(result.findings >= 8, `found ${result.findings}`);
    const python = workspaceUri('worker/sync_invoices.py');
    const compose = workspaceUri('docker-compose.yml');
    await waitFor(() => ourDiagnostics(python).length + ourDiagnostics(compose).length, (n) => n >= 2, 'scan diagnostics on unopened files');
  });

  it('skips what rotationReady.exclude names', async () => {
    const settings = vscode.workspace.getConfiguration('rotationReady');
    await settings.update('exclude', ['worker/**'], vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('rotationReady.scanWorkspace');
      await waitFor(() => ourDiagnostics(workspaceUri('worker/sync_invoices.py')), (d) => d.length === 0, 'the excluded file to have no findings');
    } finally {
      await settings.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('accepts current findings into a baseline; a changed secret shows up again', async () => {
    const result = await vscode.commands.executeCommand<ScanWorkspaceResult>('rotationReady.createBaseline', false);
    assert.ok(result.baselinesWritten?.length === 1 && result.baselinesWritten[0]!.endsWith('.rotation-ready-baseline.json'));
    const baselineText = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri('.rotation-ready-baseline.json'))).toString('utf8');
    assert.doesNotMatch(baselineText, /"line"|timestamp/i);
    const uri = workspaceUri('src/config.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitFor(() => ourDiagnostics(uri), (d) => d.length === 0, 'baselined findings to disappear from the open file');

    // Same secret, moved to another line: still accepted. A different secret: reported.
    const stripe = /sk_live_[A-Za-z0-9]+/.exec(document.getText())!;
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '\n\n'));
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(ourDiagnostics(uri), [], 'moving lines does not resurrect baselined findings');
    const start = document.positionAt(document.getText().indexOf(stripe[0]));
    await editor.edit((edit) => edit.replace(new vscode.Range(start.translate(0, 10), start.translate(0, 14)), 'Q7Zz'));
    const diagnostics = await waitFor(() => ourDiagnostics(uri), (d) => d.length === 1, 'the changed secret to be reported');
    assert.equal(typeof diagnostics[0]!.code === 'object' ? diagnostics[0]!.code.value : diagnostics[0]!.code, 'stripe-secret-key');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(workspaceUri('.rotation-ready-baseline.json'));
  });
});
