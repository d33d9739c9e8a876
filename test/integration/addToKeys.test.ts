import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { AddToKeysResult } from '../../src/extension/addToKeys';
import type { Prompts } from '../../src/extension/keys/prompts';
import { activeExtension, ourDiagnostics, waitFor, workspaceUri } from './helpers';

/** Answers the preset pick with its first row and pauses the rotation wizard; records every question (titles and rows). */
class BridgePrompts implements Prompts {
  readonly asked: Array<{ title: string; rows: string[] }> = [];
  readonly unexpected: string[] = [];
  secret(o: { title: string }) {
    this.unexpected.push(`secret: ${o.title}`);
    return Promise.resolve(undefined);
  }
  text(o: vscode.InputBoxOptions) {
    this.unexpected.push(`text: ${o.title}`);
    return Promise.resolve(undefined);
  }
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions) {
    this.asked.push({ title: options.title ?? '', rows: items.map((i) => `${i.label} | ${i.description ?? ''} | ${i.detail ?? ''}`) });
    // The provider pick takes its first row (the preset that matches the key); the wizard is left paused at step 1.
    return Promise.resolve(options.title?.startsWith('Add to Keys') ? items[0] : undefined);
  }
  pickMany() {
    this.unexpected.push('pickMany');
    return Promise.resolve(undefined);
  }
  confirm(message: string) {
    this.unexpected.push(`confirm: ${message}`);
    return Promise.resolve(false);
  }
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describe('Add to Keys and Rotate… on a hardcoded key', function () {
  this.timeout(120_000);
  const root = () => workspaceUri().fsPath;
  const files = ['.rotation-ready.json', '.env', '.gitignore', 'src/config.ts'];
  const saved = new Map<string, string | undefined>();
  let originalPrompts: Prompts;
  const ref = { service: 'stripe', environment: 'dev' };

  before(async () => {
    const { exports: api } = await activeExtension();
    originalPrompts = api.keys.prompts;
    for (const f of files) saved.set(f, existsSync(join(root(), f)) ? readFileSync(join(root(), f), 'utf8') : undefined);
  });
  after(async () => {
    const { exports: api } = await activeExtension();
    api.keys.prompts = originalPrompts;
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [f, text] of saved) {
      if (text === undefined) rmSync(join(root(), f), { force: true });
      else writeFileSync(join(root(), f), text);
    }
    const keys = api.projects.all()[0]!.keys;
    await keys.store.delete(ref, 'primary').catch(() => undefined);
    await keys.store.purge(ref).catch(() => undefined);
    await api.projects.all()[0]!.config.reload();
  });

  const action = async () => {
    const uri = workspaceUri('src/config.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const stripe = (await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => codeOf(x) === 'stripe-secret-key'), 'the Stripe squiggle')).find((x) => codeOf(x) === 'stripe-secret-key')!;
    let actions: vscode.CodeAction[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, stripe.range).then(
        (a) => a,
        () => [],
      );
      if (actions.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const bridge = actions.find((a) => a.command?.command === 'rotationReady.addToKeysAndRotate');
    assert.ok(bridge, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(bridge.title, 'Add to Keys and Rotate…');
    return { bridge, document, key: document.getText(stripe.range) };
  };

  it('when the key cannot be secured (the service already holds another primary), nothing changes: config, code, keychain', async () => {
    const { exports: api } = await activeExtension();
    const keys = api.projects.all()[0]!.keys;
    const other = 'rrtest_other_' + randomBytes(12).toString('hex');
    await keys.store.add(ref, 'primary', other);
    try {
      const prompts = new BridgePrompts();
      api.keys.prompts = prompts;
      const { bridge, document, key } = await action();
      const configBefore = readFileSync(join(root(), '.rotation-ready.json'), 'utf8');
      const result = await vscode.commands.executeCommand<AddToKeysResult | undefined>(bridge.command!.command, ...bridge.command!.arguments!);
      assert.equal(result, undefined);
      assert.equal(readFileSync(join(root(), '.rotation-ready.json'), 'utf8'), configBefore, 'the configuration is restored');
      assert.ok(document.getText().includes(key), 'the key is still in the code');
      assert.equal(document.isDirty, false);
      assert.equal(await keys.store.read(ref, 'primary'), other, 'the other primary is untouched');
      assert.deepEqual(prompts.unexpected, []);
    } finally {
      await keys.store.delete(ref, 'primary');
      await keys.store.purge(ref);
    }
  });

  it('creates the service from the matched preset, secures the key as its primary, moves it to env, opens the rotation at step 1', async () => {
    const { exports: api } = await activeExtension();
    const prompts = new BridgePrompts();
    api.keys.prompts = prompts;
    const { bridge, document, key } = await action();
    const result = await vscode.commands.executeCommand<AddToKeysResult | undefined>(bridge.command!.command, ...bridge.command!.arguments!);
    assert.deepEqual({ ...result, fingerprint: undefined }, { service: 'stripe', environment: 'dev', provider: 'stripe', fingerprint: undefined });
    assert.match(result!.fingerprint, /^rk1:/);
    // The provider pick: the preset matching the key first, marked.
    const [presetPick, wizard] = prompts.asked;
    assert.match(presetPick!.rows[0]!, /^Stripe \| matches this key/);
    assert.ok(presetPick!.rows.length >= 25, 'every preset is offered');
    // The wizard, at step 1, with Stripe's key page.
    assert.match(wizard!.title, /^Rotate stripe \(dev\) · Step 1 of 5/);
    assert.ok(wizard!.rows.some((r) => r.includes("Open Stripe's key page") && r.includes('https://dashboard.stripe.com/apikeys')), JSON.stringify(wizard!.rows));
    // The configuration names the preset and the variable the code now reads; the keychain holds the key as primary.
    const config = api.projects.all()[0]!.config.value!;
    const service = config.services.find((s) => s.name === 'stripe')!;
    assert.equal(service.provider, 'stripe');
    assert.equal(service.envVars.plain, 'STRIPE_SECRET_KEY');
    const keys = api.projects.all()[0]!.keys;
    assert.equal(await keys.store.read(ref, 'primary'), key);
    await waitFor(() => keys.info(ref).slots.primary?.fingerprint, (fp) => fp === result!.fingerprint, 'the sidebar to list the primary');
    assert.equal(document.getText().includes(key), false, 'the literal left the code');
    assert.match(document.getText(), /STRIPE_SECRET_KEY/);
    const outputs = [JSON.stringify(result), JSON.stringify(prompts.asked), readFileSync(join(root(), '.rotation-ready.json'), 'utf8')];
    for (const out of outputs) assert.equal(out.includes(key), false, 'no key value in what the action returns, asks or writes to the config');
    assert.deepEqual(prompts.unexpected, []);
  });
});
