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
      const labels = api.keysTree.getChildren().map((n) => api.keysTree.getTreeItem(n).label);
      assert.deepEqual(labels, ['billing-api', 'weather-api']);
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
