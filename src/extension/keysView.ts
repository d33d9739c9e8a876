import * as vscode from 'vscode';
import { probeUrlFor } from '../core/config/index';
import { markdownCode } from '../core/markdownCode';
import type { EnvironmentInfo } from '../core/keychain/keyStore';
import type { SlotMeta } from '../core/keychain/metadata';
import type { Slot } from '../core/vocabulary/slot';
import { rotationSteps } from '../core/rotation/index';
import { STAGES } from '../core/vocabulary/rotationRecord';
import { age, shortFingerprint, stageProgress, validationSummary } from './keys/format';
import type { Keys } from './keys/keys';
import type { WorkspaceConfig } from './workspaceConfig';

/** A node of the Keys tree. Commands receive these as their first argument (menus) or build them (palette). */
export type KeysNode =
  | { kind: 'service'; service: string }
  | { kind: 'environment'; service: string; environment: string }
  | { kind: 'rotation'; service: string; environment: string }
  | { kind: 'slot'; service: string; environment: string; slot: Slot };

const SLOT_ORDER: readonly Slot[] = ['primary', 'fallback', 'previous'];

/**
 * The Keys sidebar: services (configured in `.rotation-ready.json`, or known only because the user
 * added keys) → environments → the slots primary / fallback / previous, plus where a rotation is.
 * Renders metadata only (fingerprints, ages, validation results, env var names), never a value, so
 * nothing here reads the keychain. `getChildren` is synchronous over the last metadata snapshot.
 */
export class KeysTreeProvider implements vscode.TreeDataProvider<KeysNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<KeysNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Health from the monitor (src/extension/monitor), shown per environment; undefined while it is off. */
  private healthOf: ((service: string, environment: string) => { level: string; summary: string } | undefined) | undefined;

  constructor(
    private readonly config: WorkspaceConfig,
    private readonly keys?: Keys,
  ) {
    this.subscriptions = [config.onDidChange(() => this.changed.fire(undefined))];
    if (keys) this.subscriptions.push(keys.onDidChange(() => this.changed.fire(undefined)));
  }

  /** The health monitor's hook: health per service environment, or undefined when it stops. */
  setHealth(healthOf: ((service: string, environment: string) => { level: string; summary: string } | undefined) | undefined): void {
    this.healthOf = healthOf;
    this.changed.fire(undefined);
  }

  getChildren(node?: KeysNode): KeysNode[] {
    if (!node) {
      const services: string[] = [];
      for (const ref of this.refs()) if (!services.includes(ref.service)) services.push(ref.service);
      return services.map((service) => ({ kind: 'service', service }));
    }
    if (node.kind === 'service') {
      return this.refs()
        .filter((r) => r.service === node.service)
        .map((r) => ({ kind: 'environment', service: r.service, environment: r.environment }));
    }
    if (node.kind === 'environment' && this.keys?.store) {
      const info = this.keys.info(node);
      const out: KeysNode[] = [];
      if (info.rotation && info.rotation.stage !== 'idle') out.push({ kind: 'rotation', service: node.service, environment: node.environment });
      for (const slot of SLOT_ORDER) {
        if (slot !== 'previous' || info.slots.previous) out.push({ kind: 'slot', service: node.service, environment: node.environment, slot });
      }
      return out;
    }
    return [];
  }

  getParent(node: KeysNode): KeysNode | undefined {
    if (node.kind === 'service') return undefined;
    if (node.kind === 'environment') return { kind: 'service', service: node.service };
    return { kind: 'environment', service: node.service, environment: node.environment };
  }

  getTreeItem(node: KeysNode): vscode.TreeItem {
    switch (node.kind) {
      case 'service':
        return this.serviceItem(node.service);
      case 'environment':
        return this.environmentItem(node.service, node.environment);
      case 'rotation':
        return this.rotationItem(node.service, node.environment);
      case 'slot':
        return this.slotItem(node.service, node.environment, node.slot);
    }
  }

  private refs(): Array<{ service: string; environment: string }> {
    if (this.keys) return this.keys.refs();
    return (this.config.value?.services ?? []).flatMap((s) => s.environments.map((e) => ({ service: s.name, environment: e.name })));
  }

  private info(service: string, environment: string): EnvironmentInfo {
    return this.keys?.info({ service, environment }) ?? { service, environment, slots: {} };
  }

  private serviceItem(name: string): vscode.TreeItem {
    const config = this.config.value?.services.find((s) => s.name === name);
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
    const rotating = this.refs()
      .filter((r) => r.service === name)
      .map((r) => ({ env: r.environment, stage: this.info(name, r.environment).rotation?.stage ?? 'idle' }))
      .filter((r) => r.stage !== 'idle');
    // Where a rotation stands comes first: the sidebar is narrow and truncates descriptions.
    const parts = rotating.map((r) => `${r.env}: ${r.stage === 'old-key-removed' ? 'rotated' : `rotating, ${stageProgress(r.stage)}`}`);
    const skipped = this.config.value?.skipped.find((s) => s.name === name);
    parts.push(config ? hostOf(config.probe.url) : skipped ? `left out: config error on line ${skipped.error.line}` : 'added in the sidebar (no probe configured)');
    item.description = parts.join(' · ');
    const lines = [`**${name}**`, ''];
    if (config) {
      lines.push(`Probe: ${markdownCode(`${config.probe.method} ${config.probe.url}`)}`, '', `Environments: ${config.environments.map((e) => e.name).join(', ')}`);
    } else if (skipped) {
      lines.push(`Left out of \`.rotation-ready.json\` by an error on line ${skipped.error.line}${skipped.error.path ? ` (${markdownCode(skipped.error.path)})` : ''}: ${skipped.error.message}. Fix it to validate, rotate or dry-run this service.`);
    } else {
      lines.push('Not in `.rotation-ready.json`: its keys can be stored and injected, but not validated or rotated until a probe is configured.');
    }
    const provider = this.keys?.provider(name);
    if (provider?.url) lines.push('', `New keys: [${provider.name}](${provider.url})`);
    item.tooltip = new vscode.MarkdownString(lines.join('\n'));
    item.iconPath = new vscode.ThemeIcon(rotating.some((r) => r.stage !== 'old-key-removed') ? 'sync' : 'key');
    item.contextValue = config ? 'service' : 'service-unconfigured';
    item.id = `service:${name}`;
    return item;
  }

  private environmentItem(service: string, environment: string): vscode.TreeItem {
    const config = this.config.value?.services.find((s) => s.name === service);
    const vars = this.keys?.envVars({ service, environment }) ?? (config ? { ...config.envVars } : undefined);
    const info = this.info(service, environment);
    const stage = info.rotation?.stage ?? 'idle';
    const hasKeys = Boolean(info.slots.primary || info.slots.fallback);
    const item = new vscode.TreeItem(environment, this.keys?.store ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    const count = (['primary', 'fallback'] as const).filter((s) => info.slots[s]).length;
    if (stage !== 'idle' && stage !== 'old-key-removed') item.description = `rotating · ${stageProgress(stage)}`;
    else if (vars) item.description = `${count === 0 ? 'no keys' : count === 1 ? '1 key' : '2 keys'} · ${vars.primary} · ${vars.fallback}`;
    const health = this.healthOf?.(service, environment);
    if (health) item.description = [health.summary, item.description].filter(Boolean).join(' · ');
    const lines = [`Environment **${environment}** of **${service}**`, ''];
    if (config) lines.push(`Probe: ${markdownCode(probeUrlFor(config, environment))}`, '');
    if (vars) lines.push(`Feeds ${markdownCode(vars.primary)}, ${markdownCode(vars.fallback)} and ${markdownCode(vars.plain)}`);
    if (stage !== 'idle') lines.push('', `Rotation: ${stage === 'old-key-removed' ? 'complete' : stageProgress(stage)} (stage \`${stage}\`)`);
    if (health) lines.push('', `Health monitor: ${health.level}, ${health.summary}`);
    item.tooltip = new vscode.MarkdownString(lines.join('\n'));
    item.iconPath = new vscode.ThemeIcon('server-environment');
    const flags = ['environment', hasKeys ? 'hasKeys' : '', info.slots.fallback ? 'hasFallback' : '', stage !== 'idle' && stage !== 'old-key-removed' ? 'rotating' : ''];
    item.contextValue = flags.filter(Boolean).join(' ');
    item.id = `environment:${service}/${environment}`;
    return item;
  }

  private rotationItem(service: string, environment: string): vscode.TreeItem {
    const info = this.info(service, environment);
    const stage = info.rotation?.stage ?? 'idle';
    const steps = rotationSteps(this.keys?.provider(service) ?? { name: service }, environment);
    const next = steps[STAGES.indexOf(stage)];
    const item = new vscode.TreeItem(stage === 'old-key-removed' ? 'Rotation complete' : `Rotation: ${stageProgress(stage)}`, vscode.TreeItemCollapsibleState.None);
    item.description = next ? `next: ${next.title.replace(/^\d+\.\s*/, '')}` : 'revoke the old key at the provider, then purge it';
    item.tooltip = new vscode.MarkdownString(
      steps.map((s) => `${s.number <= STAGES.indexOf(stage) ? '✓' : s === next ? '→' : '·'} ${s.title}`).join('\n\n') + '\n\nClick to continue or roll back.',
    );
    item.iconPath = new vscode.ThemeIcon(stage === 'old-key-removed' ? 'check' : 'debug-step-over');
    item.contextValue = 'rotation';
    item.command = { command: 'rotationReady.rotate', title: 'Continue Rotation', arguments: [{ kind: 'environment', service, environment }] };
    item.id = `rotation:${service}/${environment}`;
    return item;
  }

  private slotItem(service: string, environment: string, slot: Slot): vscode.TreeItem {
    const meta = this.info(service, environment).slots[slot];
    const vars = this.keys?.envVars({ service, environment });
    const feeds = !vars ? [] : slot === 'primary' ? [vars.primary, vars.plain] : slot === 'fallback' ? [vars.fallback] : [];
    const item = new vscode.TreeItem(slot, vscode.TreeItemCollapsibleState.None);
    item.id = `slot:${service}/${environment}/${slot}`;
    if (!meta) {
      item.description = `empty${feeds.length ? ` · ${feeds[0]}` : ''}`;
      item.tooltip = new vscode.MarkdownString(`No ${slot} key for **${service}** (${environment}).${feeds.length ? ` It would feed \`${feeds.join('`, `')}\`.` : ''}`);
      item.iconPath = new vscode.ThemeIcon('circle-large-outline');
      item.contextValue = 'slot-empty';
      return item;
    }
    const parts = [shortFingerprint(meta.fingerprint), age(meta.addedAt), slot === 'previous' && meta.retiredAt ? 'retired' : validationSummary(meta)];
    if (feeds.length) parts.push(feeds[0]!);
    item.description = parts.join(' · ');
    item.tooltip = slotTooltip(service, environment, slot, meta, feeds);
    item.iconPath = slotIcon(slot, meta);
    item.contextValue = `slot-${slot}`;
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function slotTooltip(service: string, environment: string, slot: Slot, meta: SlotMeta, feeds: string[]): vscode.MarkdownString {
  const lines = [
    `**${slot}** key of **${service}** (${environment})`,
    '',
    `Fingerprint: \`${meta.fingerprint}\``,
    '',
    `Added: ${meta.addedAt} (${age(meta.addedAt)} ago)`,
  ];
  if (meta.movedAt) lines.push('', `In this slot since: ${meta.movedAt}`);
  if (meta.lastValidation) {
    lines.push('', `Last validation: ${meta.lastValidation.ok ? '$(pass)' : '$(error)'} ${meta.lastValidation.outcome}${meta.lastValidation.detail ? ` — ${meta.lastValidation.detail}` : ''} (${meta.lastValidatedAt}, ${age(meta.lastValidatedAt)} ago)`);
  } else {
    lines.push('', 'Not validated yet: use Validate Now.');
  }
  if (meta.retiredAt) lines.push('', `Retired by a rotation at ${meta.retiredAt}: revoke it at the provider, then purge it here.`);
  lines.push('', feeds.length ? `Feeds \`${feeds.join('`, `')}\`` : 'Feeds nothing: previous only keeps the key so the last change can be undone, until you purge it.');
  const markdown = new vscode.MarkdownString(lines.join('\n'), true);
  return markdown;
}

function slotIcon(slot: Slot, meta: SlotMeta): vscode.ThemeIcon {
  if (slot === 'previous') return new vscode.ThemeIcon(meta.retiredAt ? 'archive' : 'history');
  const v = meta.lastValidation;
  if (!v) return new vscode.ThemeIcon('key');
  if (v.ok) return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (v.outcome === 'rejected') return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
