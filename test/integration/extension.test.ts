import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, EXTENSION_ID } from './helpers';

describe('the extension in a real VS Code host', () => {
  it('activates and registers every contributed command', async () => {
    const extension = await activeExtension();
    assert.equal(extension.isActive, true);
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [], 'every contributed command has a handler');
  });

  it('runs from the development folder or from the installed .vsix, as the harness asked', async () => {
    const extension = await activeExtension();
    const mode = process.env.RR_TEST_MODE;
    if (mode === 'vsix') {
      assert.equal(extension.extensionPath.startsWith(process.env.RR_REPO_ROOT!), false, 'installed copy, not the repository');
      assert.equal(extension.extensionPath.includes(EXTENSION_ID.split('.')[0]), true);
    } else {
      assert.equal(extension.extensionPath, process.env.RR_REPO_ROOT);
    }
  });
});
