// Multi-root workspaces and monorepos (issue 20), in the real extension host: the harness opens
// test/harness/multiroot.ts's `.code-workspace` (billing/ and mono/, mono holding packages a and b, each
// with its own .rotation-ready.json). Every project keeps its own findings, baseline, salt, keys,
// approvals and dry-run, exactly as if it were opened alone.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Slot } from '../../src/core/vocabulary/slot';
import type { DryRunReport } from '../../src/core/probe/index';
import { keyFingerprint } from '../../src/core/redact';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import type { RotationReadyApi } from '../../src/extension/api';
import type { KeysNode } from '../../src/extension/keysView';
import type { Project } from '../../src/extension/projects';
import type { ScanWorkspaceResult } from '../../src/shared/protocol';
import { activeExtension, ourDiagnostics, waitFor } from './helpers';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const folder = (name: string) => vscode.workspace.workspaceFolders!.find((f) => f.name === name)!.uri;

async function projectsReady(api: RotationReadyApi): Promise<{ billing: Project; mono: Project; a: Project; b: Project }> {
  const all = await waitFor(() => api.projects.all(), (list) => list.length === 4, 'four projects (two folders, two packages)');
  const at = (uri: vscode.Uri) => all.find((p) => p.root === uri.fsPath)!;
  return { billing: at(folder('billing')), mono: at(folder('mono')), a: at(vscode.Uri.joinPath(folder('mono'), 'packages/a')), b: at(vscode.Uri.joinPath(folder('mono'), 'packages/b')) };
}

async function fingerprintInHover(uri: vscode.Uri): Promise<{ key: string; fingerprint: string }> {
  const document = await vscode.workspace.openTextDocument(uri);
  const diagnostics = await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => codeOf(x) === 'github-classic-token'), `a github-pat diagnostic in ${uri.fsPath}`);
  const finding = diagnostics.find((d) => codeOf(d) === 'github-classic-token')!;
  // The diagnostic may come from the first-open scan before the open document's own analysis: wait for the hover.
  const hoverText = async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, finding.range.start.translate(0, 3));
    return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  };
  const text = await waitFor(hoverText, (t) => /fingerprint `rk1:/.test(t), `the hover of the key in ${uri.fsPath} showing its fingerprint`);
  const fingerprint = /fingerprint `(rk1:[0-9a-f]{16})`/.exec(text)![1]!;
  return { key: document.getText(finding.range), fingerprint };
}

describe('multi-root workspace and monorepo packages', function () {
  this.timeout(180_000);

  it('finds a project per workspace folder and per package with its own .rotation-ready.json, named for the user', async () => {
    const { exports: api } = await activeExtension();
    const { billing, mono, a, b } = await projectsReady(api);
    assert.deepEqual(api.projects.all().map((p) => p.name), ['billing', 'mono', 'mono/packages/a', 'mono/packages/b']);
    assert.equal(api.projects.of(vscode.Uri.joinPath(a.uri, 'src/key.ts'))?.root, a.root, 'a file belongs to the deepest project above it');
    assert.equal(api.projects.of(vscode.Uri.joinPath(mono.uri, 'package.json'))?.root, mono.root);
    await waitFor(() => [billing, a, b].map((p) => p.config.value?.services.length ?? 0), (counts) => counts.join() === '2,1,1', 'each project loads its own config');
    assert.equal(mono.config.value, undefined, 'the monorepo root has no config of its own');
    assert.equal(new Set(api.projects.all().map((p) => p.salt)).size, 4, 'each project has its own fingerprint salt');
  });

  it('reports the same key in both projects that hold it, with each project’s fingerprint', async () => {
    const { exports: api } = await activeExtension();
    const { billing, a, b } = await projectsReady(api);
    const inBilling = await fingerprintInHover(vscode.Uri.joinPath(billing.uri, 'src/config.ts'));
    const inA = await fingerprintInHover(vscode.Uri.joinPath(a.uri, 'src/key.ts'));
    const inB = await fingerprintInHover(vscode.Uri.joinPath(b.uri, 'src/key.ts'));
    assert.equal(inBilling.key, inA.key, 'the fixture puts one key in billing and in package a');
    // Fingerprints of one key differ between projects exactly because their salts do: each is its project's own.
    assert.equal(inBilling.fingerprint, keyFingerprint(inBilling.key, billing.salt));
    assert.equal(inA.fingerprint, keyFingerprint(inA.key, a.salt));
    assert.notEqual(inBilling.fingerprint, inA.fingerprint);
    assert.equal(inB.fingerprint, keyFingerprint(inB.key, b.salt));
  });

  it('Scan Workspace covers every folder and package; a package’s baseline hides only its own findings', async () => {
    const { exports: api } = await activeExtension();
    const { billing, a, b } = await projectsReady(api);
    // Close the files, so the Problems panel shows what the scan found (open documents keep their live analysis).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const scanned = await vscode.commands.executeCommand<ScanWorkspaceResult>('rotationReady.scanWorkspace');
    assert.equal(scanned.cancelled, false);
    assert.equal(scanned.findings, 3, `one finding in each of billing, package a and package b: ${JSON.stringify(scanned)}`);
    const files = [vscode.Uri.joinPath(billing.uri, 'src/config.ts'), vscode.Uri.joinPath(a.uri, 'src/key.ts'), vscode.Uri.joinPath(b.uri, 'src/key.ts')];
    for (const uri of files) await waitFor(() => ourDiagnostics(uri).length, (n) => n > 0, `a finding in ${uri.fsPath}`);

    const written = await vscode.commands.executeCommand<ScanWorkspaceResult>('rotationReady.createBaseline', false, a.root);
    assert.deepEqual(written.baselinesWritten, [join(a.root, '.rotation-ready-baseline.json')]);
    const baseline = JSON.parse(readFileSync(join(a.root, '.rotation-ready-baseline.json'), 'utf8')) as { findings: Array<{ path: string }> };
    assert.deepEqual(baseline.findings.map((f) => f.path), ['src/key.ts'], 'paths in a package baseline are relative to the package');
    assert.equal(existsSync(join(billing.root, '.rotation-ready-baseline.json')), false);
    assert.equal(existsSync(join(b.root, '.rotation-ready-baseline.json')), false);

    const again = await vscode.commands.executeCommand<ScanWorkspaceResult>('rotationReady.scanWorkspace');
    assert.equal(again.findings, 2, 'billing and package b still report theirs');
    assert.equal(again.baselined, 1, 'package a accepted its own, and only its own');
    await waitFor(() => ourDiagnostics(files[1]!).length, (n) => n === 0, 'package a’s finding accepted by its baseline');
    assert.equal(ourDiagnostics(files[0]!).length, 1, 'the same key in billing is still reported');
    assert.equal(ourDiagnostics(files[2]!).length, 1);
  });

  describe('keys, approvals and dry-runs per project', () => {
    let simulator: Simulator;
    const key = (name: string) => `rrtest_${name}_${randomBytes(12).toString('hex')}`;
    const billingKey = key('billing');
    const packageKey = key('package');

    before(async () => {
      const { exports: api } = await activeExtension();
      const { billing, a, b } = await projectsReady(api);
      simulator = await startSimulator({ services: [{ name: 'shared-api', auth: { type: 'bearer' }, keys: [billingKey, packageKey] }, { name: 'billing-api', auth: { type: 'bearer' }, keys: [billingKey] }] });
      for (const project of [billing, a, b]) {
        const uri = project.config.uri();
        const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8').replaceAll('127.0.0.1:7311', `127.0.0.1:${simulator.port}`);
        await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
        await project.config.reload();
      }
    });

    after(async () => {
      await simulator?.close();
    });

    const addKey = async (api: RotationReadyApi, project: Project, service: string, slot: Slot, value: string) => {
      const original = api.keys.prompts;
      api.keys.prompts = { ...original, secret: async () => value };
      try {
        return await vscode.commands.executeCommand<string>('rotationReady.addKey', { kind: 'slot', project: project.root, service, environment: 'dev', slot } satisfies KeysNode);
      } finally {
        api.keys.prompts = original;
      }
    };

    it('the Keys sidebar groups services by project; a key added to one project is not in another', async () => {
      const { exports: api } = await activeExtension();
      const { billing, a, b } = await projectsReady(api);
      const top = api.keysTree.getChildren();
      assert.deepEqual(top.map((n) => api.keysTree.getTreeItem(n).label), ['billing', 'mono', 'mono/packages/a', 'mono/packages/b']);
      const servicesOf = (project: Project) => api.keysTree.getChildren({ kind: 'project', project: project.root }).map((n) => (n.kind === 'service' ? n.service : ''));
      assert.deepEqual(servicesOf(billing), ['shared-api', 'billing-api']);
      assert.deepEqual(servicesOf(a), ['shared-api']);

      const inBilling = await addKey(api, billing, 'shared-api', 'primary', billingKey);
      const inA = await addKey(api, a, 'shared-api', 'primary', billingKey);
      assert.equal(inBilling, keyFingerprint(billingKey, billing.salt));
      assert.equal(inA, keyFingerprint(billingKey, a.salt), 'the same key, fingerprinted with package a’s salt');
      assert.equal(billing.keys.info({ service: 'shared-api', environment: 'dev' }).slots.primary?.fingerprint, inBilling);
      assert.equal(b.keys.info({ service: 'shared-api', environment: 'dev' }).slots.primary, undefined, 'package b has no key: its keychain namespace is its own');
      assert.notEqual(billing.keys.store.workspaceId, a.keys.store.workspaceId);
      const slotItem = api.keysTree.getTreeItem({ kind: 'slot', project: a.root, service: 'shared-api', environment: 'dev', slot: 'primary' });
      assert.match(String(slotItem.description), new RegExp(inA!.slice(4, 12)));
    });

    it('a dry-run probes only its project’s services with its keys, after approval in that project only', async () => {
      const { exports: api } = await activeExtension();
      const { billing, a, b } = await projectsReady(api);
      await addKey(api, a, 'shared-api', 'fallback', packageKey);
      const host = `127.0.0.1:${simulator.port}`;
      const original = api.keys.prompts;
      const asked: string[] = [];
      api.keys.prompts = { ...original, confirm: async (message) => (asked.push(message), true) };
      let report: DryRunReport | undefined;
      try {
        report = await vscode.commands.executeCommand<DryRunReport>('rotationReady.runDryRun', { project: a.root, showReport: false });
      } finally {
        api.keys.prompts = original;
      }
      assert.ok(report, 'the dry-run ran');
      assert.deepEqual(report.targets.map((t) => t.service), ['shared-api'], 'package a configures one service');
      const slots = report.targets[0]!.slots;
      assert.equal(slots.find((s) => s.slot === 'primary')?.keyFingerprint, keyFingerprint(billingKey, a.salt));
      assert.equal(slots.find((s) => s.slot === 'fallback')?.keyFingerprint, keyFingerprint(packageKey, a.salt));
      assert.equal(slots.find((s) => s.slot === 'primary')?.classification, 'valid');
      assert.ok(asked.some((m) => m.includes(host)), 'the approval was asked');
      assert.equal(a.approvals().isApproved('shared-api', host), true);
      assert.equal(billing.approvals().isApproved('shared-api', host), false, 'an approval holds only in the project it was given in');
      assert.equal(b.approvals().isApproved('shared-api', host), false);

      // Package b: not approved there, so nothing is sent; its report is its own.
      const refused = await vscode.commands.executeCommand<DryRunReport>('rotationReady.runDryRun', { project: b.root, showReport: false, askApproval: false });
      assert.deepEqual(refused.targets.map((t) => [t.service, t.verdict]), [['shared-api', 'needs-approval']]);
      const serialized = JSON.stringify([report, refused]);
      for (const value of [billingKey, packageKey]) assert.equal(serialized.includes(value), false, 'no key value in a report');
    });
  });
});
