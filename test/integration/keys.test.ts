import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, waitFor, workspaceUri } from './helpers';

describe('Keys sidebar and .rotation-ready.json', () => {
  it('lists the services configured in the workspace', async () => {
    const { exports: api } = await activeExtension();
    const services = await waitFor(() => api.keysTree.getChildren().map((n) => api.keysTree.getTreeItem(n).label), (labels) => labels.length > 0, 'services in the Keys tree');
    assert.deepEqual(services, ['billing-api', 'maps-api', 'weather-api']);
  });

  it('reports a config error at its JSON path and keeps the other services', async () => {
    const { exports: api } = await activeExtension();
    const uri = workspaceUri('.rotation-ready.json');
    const original = await vscode.workspace.fs.readFile(uri);
    try {
      const text = Buffer.from(original).toString('utf8').replace('"auth": { "type": "header", "name": "x-api-key" }', '"auth": { "type": "carrier-pigeon" }');
      assert.notEqual(text, Buffer.from(original).toString('utf8'), 'the fixture has the maps-api header auth this test breaks');
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
      await api.config.reload();
      const diagnostics = await waitFor(() => vscode.languages.getDiagnostics(uri), (d) => d.length > 0, 'a diagnostic on .rotation-ready.json');
      assert.match(diagnostics[0]!.message, /services\[1\]\.probe\.auth\.type/);
      assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
      const labels = api.keysTree.getChildren().map((n) => api.keysTree.getTreeItem(n).label);
      assert.deepEqual(labels, ['billing-api', 'weather-api']);
      // The sidebar says which service was left out, where and why.
      assert.match(api.keys.viewNote().message ?? '', /Left out of \.rotation-ready\.json .*maps-api \(line \d+, services\[1\]\.probe\.auth\.type: /);

      // A syntax error is an error too, and the sidebar says the file has one.
      await vscode.workspace.fs.writeFile(uri, Buffer.from(Buffer.from(original).toString('utf8').replace('"version": 1,', '"version": 1,,')));
      await api.config.reload();
      const syntax = await waitFor(() => vscode.languages.getDiagnostics(uri), (d) => d.some((x) => /syntax error/.test(x.message)), 'a syntax error diagnostic');
      assert.equal(syntax.find((x) => /syntax error/.test(x.message))!.severity, vscode.DiagnosticSeverity.Error);
      assert.match(api.keys.viewNote().message ?? '', /\.rotation-ready\.json has (an error|\d+ errors) \(first on line \d+: syntax error/);
    } finally {
      await vscode.workspace.fs.writeFile(uri, original);
      await api.config.reload();
    }
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
  });

  it('opens the configuration from the command palette', async () => {
    await vscode.commands.executeCommand('rotationReady.openConfig');
    const editor = await waitFor(() => vscode.window.activeTextEditor, (e) => e?.document.uri.path.endsWith('.rotation-ready.json') ?? false, 'the config editor');
    assert.ok(editor);
  });
});
