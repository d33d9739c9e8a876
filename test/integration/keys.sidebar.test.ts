import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import { KeyStore } from '../../src/core/keychain/keyStore';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { RotationMachine } from '../../src/core/rotation/index';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import type { RotationReadyApi } from '../../src/extension/api';
import { chooseKeychain } from '../../src/extension/keys/keys';
import type { Prompts } from '../../src/extension/keys/prompts';
import type { KeysNode } from '../../src/extension/keysView';
import { SecretStorageKeychain } from '../../src/extension/secretStorageKeychain';
import { activeExtension, waitFor, workspaceUri, filesUnder } from './helpers';

/** Synthetic keys made for this run only; the simulator accepts k1–k3 and has never heard of `rejected`. */
const make = (name: string) => `rrtest_${name}_${randomBytes(16).toString('hex')}`;
const K = { k1: make('k1'), k2: make('k2'), k3: make('k3'), k4: make('k4'), rejected: make('rejected') };
const ALL_KEYS = Object.values(K);
const SERVICE = 'keys-e2e-api';
const ENV = 'dev';
const REF = { service: SERVICE, environment: ENV };
const VARS = { primary: 'KEYS_E2E_API_KEY_PRIMARY', fallback: 'KEYS_E2E_API_KEY_FALLBACK', plain: 'KEYS_E2E_API_KEY' };
const envNode: KeysNode = { kind: 'environment', ...REF };
const slotNode = (slot: 'primary' | 'fallback' | 'previous'): KeysNode => ({ kind: 'slot', ...REF, slot });

type Answer =
  | { kind: 'secret'; value: string }
  | { kind: 'pick'; action: string }
  | { kind: 'confirm'; yes: boolean }
  | { kind: 'text'; value: string };

/**
 * Answers the key commands' questions from a script, in order, and records what was asked
 * (titles only). An unexpected question fails the test through `unexpected`.
 */
class ScriptedPrompts implements Prompts {
  private answers: Answer[] = [];
  readonly asked: string[] = [];
  readonly unexpected: string[] = [];

  script(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  assertDone(): void {
    assert.deepEqual(this.unexpected, [], 'no unexpected question');
    assert.deepEqual(this.answers, [], 'every scripted answer was used');
  }

  private next<T extends Answer['kind']>(kind: T, what: string): Extract<Answer, { kind: T }> | undefined {
    this.asked.push(`${kind}: ${what}`);
    const answer = this.answers[0];
    if (!answer || answer.kind !== kind) {
      this.unexpected.push(`${kind}: ${what} (script expected ${answer ? answer.kind : 'nothing'})`);
      return undefined;
    }
    this.answers.shift();
    return answer as Extract<Answer, { kind: T }>;
  }

  async secret(options: { title: string }): Promise<string | undefined> {
    return this.next('secret', options.title)?.value;
  }

  async text(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return this.next('text', options.title ?? '')?.value;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const answer = this.next('pick', `${options.title ?? ''} [${items.map((i) => (i as unknown as { action?: string }).action).join(', ')}]`);
    if (!answer) return undefined;
    const item = items.find((i) => (i as unknown as { action?: string }).action === answer.action);
    if (!item) this.unexpected.push(`no item '${answer.action}' in ${options.title}`);
    return item;
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    this.next('pick', options.title ?? '');
    return items;
  }

  async confirm(message: string): Promise<boolean> {
    return this.next('confirm', message)?.yes ?? false;
  }
}


function treeTexts(api: RotationReadyApi): string[] {
  const out: string[] = [];
  const walk = (node?: KeysNode) => {
    for (const child of api.keysTree.getChildren(node)) {
      const item = api.keysTree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
      out.push(label, String(item.description ?? ''), tooltip);
      walk(child);
    }
  };
  walk();
  return out;
}

function itemOf(api: RotationReadyApi, node: KeysNode): vscode.TreeItem {
  return api.keysTree.getTreeItem(node);
}

describe('Keys sidebar: slots, key commands and the guided rotation', function () {
  this.timeout(120_000);
  let api: RotationReadyApi;
  let simulator: Simulator;
  let originalConfig: Uint8Array;
  let prompts: ScriptedPrompts;
  let originalPrompts: Prompts;
  const configUri = () => workspaceUri('.rotation-ready.json');
  /** A store of our own on the same keychain and metadata file: what a reloaded window would see. */
  const freshStore = () => new KeyStore({ keychain: new KeytarKeychain(), workspaceId: storeWorkspaceId(), metadataPath: api.keys.metadataPath! });
  const storeWorkspaceId = () => JSON.parse(readFileSync(api.keys.metadataPath!, 'utf8')).workspaceId as string;
  const run = async <T>(command: string, ...args: unknown[]): Promise<T> => {
    const result = await vscode.commands.executeCommand<T>(command, ...args);
    prompts.assertDone();
    return result;
  };

  before(async () => {
    api = (await activeExtension()).exports;
    simulator = await startSimulator({
      services: [
        {
          name: SERVICE,
          auth: { type: 'bearer' },
          keys: [
            { value: K.k1, label: 'k1' },
            { value: K.k2, label: 'k2' },
            { value: K.k3, label: 'k3' },
            { value: K.k4, label: 'k4' },
          ],
        },
      ],
    });
    originalConfig = await vscode.workspace.fs.readFile(configUri());
    const text = Buffer.from(originalConfig).toString('utf8');
    const service = { name: SERVICE, environments: [ENV], probe: { url: simulator.serviceUrl(SERVICE, '/v1/ping'), auth: { type: 'bearer' }, timeoutMs: 3000 } };
    const edited = applyEdits(text, modify(text, ['services', -1], service, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    await vscode.workspace.fs.writeFile(configUri(), Buffer.from(edited));
    await api.config.reload();
    originalPrompts = api.keys.prompts;
  });

  beforeEach(() => {
    prompts = new ScriptedPrompts();
    api.keys.prompts = prompts;
  });

  after(async () => {
    api.keys.prompts = originalPrompts;
    // Leave no key of this suite behind: every slot emptied, previous purged, rotation record gone.
    if (api.keys.metadataPath && existsSync(api.keys.metadataPath)) {
      const store = freshStore();
      await store.updateMeta(REF, (e) => void delete e.rotation);
      for (const slot of ['fallback', 'primary'] as const) {
        const info = await store.info(REF);
        if (info.slots.previous) await store.purge(REF);
        if (info.slots[slot]) await store.delete(REF, slot);
      }
      if ((await store.info(REF)).slots.previous) await store.purge(REF);
    }
    await vscode.workspace.fs.writeFile(configUri(), originalConfig);
    await api.config.reload();
    await simulator?.close();
  });

  it('shows the configured services, their environments and empty slots, and which keychain is in use', async () => {
    // The config file watcher may still be re-reading the file this suite just wrote.
    const labels = () => api.keysTree.getChildren().map((n) => itemOf(api, n).label);
    await waitFor(labels, (l) => l.includes(SERVICE), `${SERVICE} in the Keys tree`);
    assert.deepEqual(labels(), ['billing-api', 'maps-api', 'weather-api', SERVICE]);
    const envs = api.keysTree.getChildren({ kind: 'service', service: SERVICE });
    assert.deepEqual(envs, [envNode]);
    const slots = api.keysTree.getChildren(envNode).map((n) => [itemOf(api, n).label, itemOf(api, n).description]);
    assert.deepEqual(slots, [
      ['primary', `empty · ${VARS.primary}`],
      ['fallback', `empty · ${VARS.fallback}`],
    ]);
    assert.match(api.keys.keychainLabel, /^OS keychain/, 'keytar loads in the harness, so the OS keychain is used');
    assert.equal(api.keys.viewNote().description, api.keys.keychainLabel, 'the view says which keychain holds the keys');
  });

  it('adds a key through the masked input into the OS keychain; a new store instance reads it back', async () => {
    prompts.script({ kind: 'secret', value: K.k1 });
    const fingerprint = await run<string>('rotationReady.addKey', envNode);
    assert.match(fingerprint, /^rk1:/);
    assert.equal(await freshStore().read(REF, 'primary'), K.k1, 'the value survives a reload of the store');
    const item = itemOf(api, slotNode('primary'));
    assert.match(String(item.description), new RegExp(`^${fingerprint.slice(0, 12)}… · \\d+ s · not validated · ${VARS.primary}$`));
    assert.equal(itemOf(api, envNode).contextValue, 'environment hasKeys');
  });

  it('refuses the primary key again as the fallback (one key in both slots is no fallback)', async () => {
    prompts.script({ kind: 'secret', value: K.k1 });
    assert.equal(await run('rotationReady.addKey', slotNode('fallback')), undefined);
    assert.equal(await freshStore().read(REF, 'fallback'), undefined, 'nothing was stored');
  });

  it('validates a slot now with one probe, asking once to approve the host', async () => {
    simulator.admin.clearLog();
    prompts.script({ kind: 'confirm', yes: true });
    const result = await run<{ ok: boolean; outcome: string }>('rotationReady.validateKey', slotNode('primary'));
    assert.deepEqual([result.ok, result.outcome], [true, 'valid']);
    assert.deepEqual(simulator.requestLog.map((e) => e.keyLabel), ['k1'], 'exactly one probe, with the primary key');
    assert.match(prompts.asked[0]!, new RegExp(`Send the keys of "${SERVICE}" to 127\\.0\\.0\\.1:${simulator.port}`));
    const item = itemOf(api, slotNode('primary'));
    assert.match(String(item.description), /valid \d+ s ago/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.match((item.tooltip as vscode.MarkdownString).value, /Last validation: .*valid — HTTP 200/);
    // Approved once: the next validation asks nothing.
    await run('rotationReady.validateKey', slotNode('primary'));
  });

  it('a dry-run records its outcome on the sidebar keys it probed (no more "not validated" after one)', async () => {
    // The host was approved by the validation above; the dry-run reads the same keychain entries.
    const report = await run<{ targets: Array<{ service: string; slots: Array<{ slot: string; keyFingerprint?: string; classification: string }> }> }>('rotationReady.runDryRun', { services: [SERVICE], showReport: false, askApproval: false, rounds: 1 });
    const primary = report.targets.find((t) => t.service === SERVICE)!.slots.find((x) => x.slot === 'primary')!;
    assert.equal(primary.classification, 'valid');
    assert.equal(primary.keyFingerprint, (await freshStore().info(REF)).slots.primary!.fingerprint, 'the report and the sidebar name the key alike');
    await waitFor(async () => (await freshStore().info(REF)).slots.primary?.lastValidation?.detail ?? '', (d) => /dry-run/.test(d), 'the dry-run recorded on the primary slot');
    const item = itemOf(api, slotNode('primary'));
    assert.match(String(item.description), /valid \d+ s ago/);
  });

  it('adds a fallback and promotes it only after it validated; the old primary goes to previous', async () => {
    prompts.script({ kind: 'secret', value: K.k2 });
    await run('rotationReady.addKey', slotNode('fallback'));
    assert.equal(itemOf(api, envNode).contextValue, 'environment hasKeys hasFallback');
    simulator.admin.clearLog();
    prompts.script({ kind: 'confirm', yes: true });
    assert.equal(await run('rotationReady.promoteKey', envNode), true);
    assert.deepEqual(simulator.requestLog.map((e) => e.keyLabel), ['k2'], 'the fallback was probed before the promotion');
    const store = freshStore();
    assert.equal(await store.read(REF, 'primary'), K.k2);
    assert.equal(await store.read(REF, 'previous'), K.k1);
    assert.equal(await store.read(REF, 'fallback'), undefined);
    assert.deepEqual(api.keysTree.getChildren(envNode).map((n) => itemOf(api, n).label), ['primary', 'fallback', 'previous']);
    // Purging is its own confirmed action.
    prompts.script({ kind: 'confirm', yes: false });
    assert.equal(await run('rotationReady.purgeKey', slotNode('previous')), false);
    assert.equal(await freshStore().read(REF, 'previous'), K.k1, 'declining keeps the key');
    prompts.script({ kind: 'confirm', yes: true });
    assert.equal(await run('rotationReady.purgeKey', slotNode('previous')), true);
    assert.equal((await freshStore().info(REF)).slots.previous, undefined);
  });

  it('refuses to promote a fallback the provider rejects', async () => {
    prompts.script({ kind: 'secret', value: K.rejected });
    await run('rotationReady.addKey', slotNode('fallback'));
    assert.equal(await run('rotationReady.promoteKey', envNode), false);
    const store = freshStore();
    assert.equal(await store.read(REF, 'primary'), K.k2, 'primary unchanged');
    assert.equal((await store.info(REF)).slots.fallback?.lastValidation?.outcome, 'rejected');
    assert.equal((itemOf(api, slotNode('fallback')).iconPath as vscode.ThemeIcon).id, 'error');
    // Delete (confirmed) parks it in previous; purge drops it.
    prompts.script({ kind: 'confirm', yes: true });
    assert.equal(await run('rotationReady.deleteKey', slotNode('fallback')), true);
    assert.equal(await freshStore().read(REF, 'previous'), K.rejected);
    prompts.script({ kind: 'confirm', yes: true });
    await run('rotationReady.purgeKey', slotNode('previous'));
  });

  it('rotates end to end, one step at a time, validating before promoting and before retiring the old key', async () => {
    simulator.admin.clearLog();
    prompts.script(
      { kind: 'pick', action: 'start' },
      { kind: 'pick', action: 'add-new-key' },
      { kind: 'secret', value: K.k3 },
      { kind: 'pick', action: 'mark-deployed' },
      { kind: 'pick', action: 'promote' },
      { kind: 'pick', action: 'remove-old-key' },
      { kind: 'pick', action: 'pause' },
    );
    const status = await run<{ stage: string }>('rotationReady.rotate', envNode);
    assert.equal(status.stage, 'old-key-removed');
    const titles = prompts.asked.filter((q) => q.startsWith('pick')).map((q) => /Step (\d) of 5|complete/.exec(q)?.[0]);
    assert.deepEqual(titles, ['Step 1 of 5', 'Step 2 of 5', 'Step 3 of 5', 'Step 4 of 5', 'Step 5 of 5', 'complete'], 'one visible step at a time');
    assert.deepEqual(simulator.requestLog.map((e) => e.keyLabel), ['k3', 'k3'], 'the new key was validated as fallback, then as primary');
    const store = freshStore();
    assert.equal(await store.read(REF, 'primary'), K.k3);
    assert.equal(await store.read(REF, 'previous'), K.k2, 'the old key is kept until purged');
    assert.ok((await store.info(REF)).slots.previous?.retiredAt);
    assert.equal(itemOf(api, { kind: 'rotation', ...REF }).label, 'Rotation complete');
    assert.match(String(itemOf(api, slotNode('previous')).description), /retired/);
  });

  it('refuses to promote a rejected new key, resumes after a restart, and rolls back every step', async () => {
    prompts.script(
      { kind: 'pick', action: 'purge-old-key' },
      { kind: 'confirm', yes: true },
    );
    await run('rotationReady.rotate', envNode);
    prompts.script({ kind: 'pick', action: 'start' }, { kind: 'pick', action: 'add-new-key' }, { kind: 'secret', value: K.rejected }, { kind: 'pick', action: 'pause' });
    await run('rotationReady.rotate', envNode);
    // A new store and machine (as after a restart) see the same step.
    assert.equal((await new RotationMachine(freshStore()).status(REF)).stage, 'added-as-fallback');
    assert.equal(itemOf(api, envNode).description, 'rotating · step 3 of 5');
    assert.equal(itemOf(api, { kind: 'service', service: SERVICE }).description, `dev: rotating, step 3 of 5 · 127.0.0.1:${simulator.port}`);
    prompts = new ScriptedPrompts();
    api.keys.prompts = prompts;
    prompts.script(
      { kind: 'pick', action: 'mark-deployed' },
      { kind: 'pick', action: 'promote' }, // refused: the provider rejects the new key
      { kind: 'pick', action: 'rollback' }, // step 3
      { kind: 'pick', action: 'rollback' }, // step 2: the new key is parked in previous
      { kind: 'pick', action: 'rollback' }, // step 1: back to idle, the flow ends
    );
    const status = await run<{ stage: string }>('rotationReady.rotate', envNode);
    assert.equal(status.stage, 'idle');
    assert.match(prompts.asked[1]!, /Step 4 of 5/);
    assert.match(prompts.asked[2]!, /Step 4 of 5/, 'after the refusal, the same step is offered again');
    const store = freshStore();
    assert.equal(await store.read(REF, 'primary'), K.k3, 'the working key never left primary');
    assert.equal(await store.read(REF, 'fallback'), undefined);
    assert.equal(await store.read(REF, 'previous'), K.rejected, 'a rolled-back new key is kept, not dropped');
    assert.equal((await store.info(REF)).slots.fallback, undefined);
    prompts.script({ kind: 'confirm', yes: true });
    await run('rotationReady.purgeKey', slotNode('previous'));
  });

  it('opens a terminal with the keys in its environment, and writes nothing to disk', async () => {
    prompts.script({ kind: 'secret', value: K.k4 });
    await run('rotationReady.addKey', slotNode('fallback'));
    const out = join(tmpdir(), `rr-env-${randomBytes(6).toString('hex')}.txt`);
    const terminal = await run<vscode.Terminal>('rotationReady.runWithKeys', envNode);
    try {
      assert.ok(terminal, 'a terminal was opened');
      terminal.sendText(`env | grep '^KEYS_E2E_API_KEY' | LC_ALL=C sort > '${out}.tmp' && mv '${out}.tmp' '${out}'`);
      const text = await waitFor(() => (existsSync(out) ? readFileSync(out, 'utf8') : ''), (t) => t.length > 0, 'the env dump from the terminal', 30_000);
      assert.deepEqual(text.trim().split('\n'), [`${VARS.plain}=${K.k3}`, `${VARS.fallback}=${K.k4}`, `${VARS.primary}=${K.k3}`]);
      assert.equal(existsSync(workspaceUri('.env').fsPath), false, 'no .env was written');
    } finally {
      rmSync(out, { force: true });
      terminal?.dispose();
    }
  });

  it('runs a task with the keys in its process environment, and writes nothing to disk', async () => {
    const out = join(tmpdir(), `rr-task-env-${randomBytes(6).toString('hex')}.txt`);
    const ended = new Promise<number | undefined>((resolve) => {
      const listener = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.source === 'Rotation Ready') {
          listener.dispose();
          resolve(e.exitCode);
        }
      });
    });
    const execution = await run<vscode.TaskExecution>('rotationReady.runTaskWithKeys', envNode, `env | grep '^KEYS_E2E_API_KEY' | LC_ALL=C sort > '${out}'`);
    try {
      assert.ok(execution, 'a task was started');
      assert.equal(await ended, 0);
      assert.deepEqual(readFileSync(out, 'utf8').trim().split('\n'), [`${VARS.plain}=${K.k3}`, `${VARS.fallback}=${K.k4}`, `${VARS.primary}=${K.k3}`]);
      assert.equal(existsSync(workspaceUri('.env').fsPath), false, 'no .env was written');
      assert.equal(existsSync(workspaceUri('.vscode/tasks.json').fsPath), false, 'tasks.json untouched');
    } finally {
      rmSync(out, { force: true });
    }
  });

  it('writes .env only after confirming, and git-ignores it first', async () => {
    const dotenv = workspaceUri('.env').fsPath;
    const gitignore = workspaceUri('.gitignore').fsPath;
    const gitignoreBefore = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : undefined;
    try {
      prompts.script({ kind: 'confirm', yes: false });
      assert.equal(await run('rotationReady.writeDotEnv', envNode), undefined);
      assert.equal(existsSync(dotenv), false);
      prompts.script({ kind: 'confirm', yes: true });
      const result = await run<{ written: string[] }>('rotationReady.writeDotEnv', envNode);
      assert.deepEqual(result.written, [VARS.primary, VARS.plain, VARS.fallback]);
      assert.match(readFileSync(dotenv, 'utf8'), new RegExp(`^${VARS.primary}=${K.k3}$`, 'm'));
      assert.match(readFileSync(gitignore, 'utf8'), /^\/?\.env\*?$/m);
    } finally {
      rmSync(dotenv, { force: true });
      if (gitignoreBefore === undefined) rmSync(gitignore, { force: true });
      else writeFileSync(gitignore, gitignoreBefore);
    }
  });

  it('copies a key to the clipboard and clears it again', async () => {
    await run('rotationReady.copyKey', slotNode('fallback'));
    let copied: string;
    try {
      copied = await vscode.env.clipboard.readText();
    } catch {
      copied = '';
    }
    // The web workbench's clipboard can be unavailable in headless Chromium; then there is nothing to clear.
    if (copied !== '') assert.equal(copied, K.k4);
    await api.keys.flushClipboard();
    assert.notEqual(await vscode.env.clipboard.readText().then(undefined, () => ''), K.k4, 'the key is gone from the clipboard');
  });

  it('reveals a key briefly in a quick pick that the user (or a timeout) hides', async () => {
    const shown = vscode.commands.executeCommand('rotationReady.revealKey', slotNode('primary'));
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await shown;
    prompts.assertDone();
  });

  it('deletes a key into previous and restores it', async () => {
    prompts.script({ kind: 'confirm', yes: true });
    await run('rotationReady.deleteKey', slotNode('fallback'));
    assert.equal(itemOf(api, slotNode('fallback')).description, `empty · ${VARS.fallback}`);
    prompts.script({ kind: 'pick', action: 'fallback' });
    assert.equal(await run('rotationReady.restoreKey', slotNode('previous')), true);
    assert.equal(await freshStore().read(REF, 'fallback'), K.k4);
  });

  it('opens the service\'s entry in .rotation-ready.json', async () => {
    const editor = await run<vscode.TextEditor>('rotationReady.openServiceConfig', { kind: 'service', service: SERVICE });
    assert.ok(editor.document.uri.path.endsWith('.rotation-ready.json'));
    assert.equal(editor.document.getText(editor.selection), `"name": "${SERVICE}"`);
  });

  it('adds a key for a service that is not configured; it shows in the tree but cannot be rotated without a probe', async () => {
    const other = { service: 'side-only-api', environment: 'local' };
    prompts.script(
      { kind: 'pick', action: 'new' },
      { kind: 'text', value: other.service },
      { kind: 'text', value: other.environment },
      { kind: 'secret', value: K.k1 },
    );
    await run('rotationReady.addKey');
    const serviceNode: KeysNode = { kind: 'service', service: other.service };
    assert.ok(api.keysTree.getChildren().some((n) => n.kind === 'service' && n.service === other.service));
    assert.equal(itemOf(api, serviceNode).description, 'added in the sidebar (no probe configured)');
    assert.equal(itemOf(api, serviceNode).contextValue, 'service-unconfigured');
    assert.match(String(itemOf(api, { kind: 'slot', ...other, slot: 'primary' }).description), / · SIDE_ONLY_API_KEY_PRIMARY$/);
    assert.equal(await run('rotationReady.rotate', { kind: 'environment', ...other }), undefined, 'no rotation without a probe to validate with');
    assert.equal((await freshStore().info(other)).rotation, undefined);
    // Clean up through the commands: delete (confirmed) parks it in previous, purge drops it, and the service leaves the tree.
    prompts.script({ kind: 'confirm', yes: true }, { kind: 'confirm', yes: true });
    await vscode.commands.executeCommand('rotationReady.deleteKey', { kind: 'slot', ...other, slot: 'primary' });
    await run('rotationReady.purgeKey', { kind: 'slot', ...other, slot: 'previous' });
    assert.equal(api.keysTree.getChildren().some((n) => n.kind === 'service' && n.service === other.service), false);
  });

  it('contributes every key command with the category, and gates key access on workspace trust in menus', async () => {
    const extension = await activeExtension();
    const contributes = extension.packageJSON.contributes;
    const ours = [
      'addKey', 'replaceKey', 'copyKey', 'revealKey', 'deleteKey', 'purgeKey', 'restoreKey', 'promoteKey', 'validateKey', 'rotate', 'runWithKeys', 'writeDotEnv', 'openServiceConfig',
    ].map((c) => `rotationReady.${c}`);
    for (const id of ours) {
      const command = contributes.commands.find((c: { command: string }) => c.command === id);
      assert.equal(command?.category, 'Rotation Ready', `${id} has the category`);
    }
    const menus = [...contributes.menus['view/item/context'], ...contributes.menus['view/title'], ...contributes.menus.commandPalette] as Array<{ command: string; when: string }>;
    for (const entry of menus.filter((m) => ours.includes(m.command) && m.command !== 'rotationReady.openServiceConfig')) {
      assert.match(entry.when, /\bisWorkspaceTrusted\b/, `${entry.command} is hidden in Restricted Mode (${entry.when})`);
    }
    const walkthrough = contributes.walkthroughs.find((w: { id: string }) => w.id === 'rotationReady.gettingStarted');
    for (const step of walkthrough.steps as Array<{ media: { markdown: string } }>) {
      assert.ok(existsSync(join(extension.extensionPath, step.media.markdown)), `${step.media.markdown} is packaged`);
    }
  });

  it('falls back to VS Code SecretStorage when keytar cannot load, and says so', async () => {
    const entries = new Map<string, string>();
    const secrets = {
      get: async (k: string) => entries.get(k),
      store: async (k: string, v: string) => void entries.set(k, v),
      delete: async (k: string) => void entries.delete(k),
      onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
    } as unknown as vscode.SecretStorage;
    const choice = chooseKeychain(secrets, () => {
      throw Object.assign(new Error("Cannot find module 'keytar'"), { code: 'MODULE_NOT_FOUND' });
    });
    assert.ok(choice.port instanceof SecretStorageKeychain);
    assert.equal(choice.port.label, 'VS Code SecretStorage');
    assert.match(choice.fallbackReason ?? '', /keytar/);
    const metadataPath = join(dirname(api.keys.metadataPath!), `secretstorage-test-${randomBytes(4).toString('hex')}.json`);
    try {
      const store = new KeyStore({ keychain: choice.port, workspaceId: 'ws-test', metadataPath });
      await store.add(REF, 'primary', K.k1);
      await store.add(REF, 'fallback', K.k2);
      await store.promote(REF);
      const again = new KeyStore({ keychain: new SecretStorageKeychain(secrets), workspaceId: 'ws-test', metadataPath });
      assert.equal(await again.read(REF, 'primary'), K.k2);
      assert.equal(await again.read(REF, 'previous'), K.k1);
      assert.deepEqual((await choice.port.list('ws-test')).map((a) => a.slot).sort(), ['previous', 'primary']);
    } finally {
      rmSync(metadataPath, { force: true });
    }
  });

  it('never shows a key in the tree (labels, descriptions, tooltips), the metadata or the log', async () => {
    await api.keys.refresh();
    const texts = treeTexts(api);
    assert.ok(texts.some((t) => t.includes('rk1:')), 'the tree shows fingerprints');
    for (const value of ALL_KEYS) {
      assert.equal(texts.some((t) => t.includes(value)), false, 'a key value appears in the Keys tree');
      assert.equal(readFileSync(api.keys.metadataPath!, 'utf8').includes(value), false, 'a key value appears in the metadata');
    }
    // Every log file of this window (ours, the extension host's, the renderer's): the window log folder.
    const windowLogs = dirname(dirname(api.logDirectory.fsPath));
    const files = filesUnder(windowLogs);
    assert.ok(files.length > 0, `log files under ${windowLogs}`);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const value of ALL_KEYS) assert.equal(text.includes(value), false, `a key value appears in ${file}`);
    }
  });
});
