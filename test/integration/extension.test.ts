import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activeExtension } from './helpers';

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
      // --install-extension unpacked the .vsix into this run's own extensions directory.
      assert.equal(extension.extensionPath.startsWith(join(process.env.RR_TEST_RUN_DIR!, 'ext')), true, `installed copy, not the repository: ${extension.extensionPath}`);
    } else {
      assert.equal(extension.extensionPath, process.env.RR_REPO_ROOT);
    }
  });
});
