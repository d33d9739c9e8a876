// One key, one fingerprint on every screen: the hover on a hardcoded key, the Keys sidebar after that
// key was added, and the CLI's dry-run report (another front end, another process) agree.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { ActionItem } from '../../src/extension/keys/prompts';
import { KeyStore } from '../../src/core/keychain/keyStore';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { activeExtension, ourDiagnostics, waitFor, workspaceUri } from './helpers';

const run = promisify(execFile);

describe('key fingerprints', function () {
  this.timeout(90_000);

  it('the hover, the Keys sidebar and the CLI dry-run report show one key with one fingerprint', async () => {
    const { exports: api, extensionPath } = await activeExtension();
    const uri = workspaceUri('src/config.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostics = await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'stripe-secret-key'), 'a stripe-secret-key diagnostic');
    const stripe = diagnostics.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'stripe-secret-key')!;
    const key = document.getText(stripe.range);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, stripe.range.start.translate(0, 3));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const inHover = /fingerprint `(rk1:[0-9a-f]{16})`/.exec(hoverText)?.[1];
    assert.ok(inHover, `the hover shows the key's fingerprint: ${hoverText}`);

    // The Keys sidebar: the same value added as a key of a service (a real keychain, scripted answers).
    const original = api.keys.prompts;
    const service = 'fingerprint-check';
    api.keys.prompts = {
      ...original,
      pick: async <T extends vscode.QuickPickItem>(items: readonly T[]) => items.find((i) => (i as unknown as ActionItem).action === 'new'),
      text: async (options: vscode.InputBoxOptions) => (options.title === 'Service name' ? service : 'dev'),
      secret: async () => key,
    };
    let inSidebar: string | undefined;
    try {
      inSidebar = await vscode.commands.executeCommand<string>('rotationReady.addKey');
    } finally {
      api.keys.prompts = original;
    }
    assert.equal(inSidebar, inHover, 'the Keys sidebar and the hover show the same fingerprint');
    const metadata = JSON.parse(readFileSync(api.keys.metadataPath!, 'utf8')) as { entries: Record<string, { slots: { primary?: { fingerprint: string } } }> };
    assert.equal(metadata.entries[`${service}/dev`]?.slots.primary?.fingerprint, inHover);

    // The CLI, in its own process: the dry-run report's fingerprint of the same key (read from the environment).
    const root = api.keys.workspaceRoot!;
    const host = new URL(api.config.value!.services.find((x) => x.name === 'billing-api')!.probe.url).host;
    const dotenv = join(root, 'fingerprint-check.env');
    writeFileSync(dotenv, `BILLING_API_KEY_PRIMARY=${key}\n`);
    const { stdout } = await run(process.execPath, ['--', join(extensionPath, 'dist/cli.js'), 'dry-run', '--service', 'billing-api', '--format', 'json', '--rounds', '1', '--dotenv', dotenv, '--approve-loopback', host], {
      cwd: root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    })
      .catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))
      .finally(() => rmSync(dotenv, { force: true }));
    assert.equal(stdout.includes(key), false, 'the CLI report never holds the key');
    const report = JSON.parse(stdout) as { targets: Array<{ service: string; slots?: Array<{ slot: string; keyFingerprint?: string }> }> };
    const fromCli = report.targets.find((s) => s.service === 'billing-api')?.slots?.find((s) => s.slot === 'primary')?.keyFingerprint;
    assert.equal(fromCli, inHover, 'the CLI dry-run report shows the same fingerprint');
  });

  after(async () => {
    // Later suites list the sidebar's services: take the check's key out again (delete, then purge).
    const { exports: api } = await activeExtension();
    const root = api.keys.workspaceRoot!;
    const store = new KeyStore({ keychain: new KeytarKeychain(), workspaceId: workspaceIdFor(root), metadataPath: api.keys.metadataPath! });
    const ref = { service: 'fingerprint-check', environment: 'dev' };
    if ((await store.info(ref)).slots.primary) {
      await store.delete(ref, 'primary');
      await store.purge(ref);
    }
    await api.keys.refresh();
  });
});
