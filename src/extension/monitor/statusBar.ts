import * as vscode from 'vscode';
import { healthSummary } from '../../core/monitor/index';
import type { TargetHealth } from '../../core/monitor/index';

export const SHOW_HEALTH_COMMAND = 'rotationReady.showHealthReport';

const ICON: Record<TargetHealth['level'], string> = { healthy: '$(pass)', warning: '$(warning)', failing: '$(error)', unknown: '$(circle-large-outline)' };

/** The health monitor's status bar item: the worst service first (`$(warning) billing-api: spike of 401s`), else `$(pass) 3 healthy`. */
export class HealthStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rotationReady.health', vscode.StatusBarAlignment.Left, 10);
  private tooltipText = '';
  private visible = false;

  constructor() {
    this.item.name = 'Rotation Ready Health';
    this.item.command = { command: SHOW_HEALTH_COMMAND, title: 'Show Health Report' };
  }

  show(health: readonly TargetHealth[]): void {
    this.item.command = { command: SHOW_HEALTH_COMMAND, title: 'Show Health Report' };
    const summary = healthSummary(health);
    this.item.text = `$(${summary.icon}) ${summary.text}`;
    this.item.backgroundColor =
      summary.level === 'failing' ? new vscode.ThemeColor('statusBarItem.errorBackground') : summary.level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const lines = ['**Rotation Ready health monitor**', ''];
    for (const h of health) {
      lines.push(`${ICON[h.level]} **${h.service}** (${h.environment}): ${h.summary}${h.lastProbeAt ? ` — last probe ${new Date(h.lastProbeAt).toLocaleTimeString()}` : ''}`);
      for (const s of h.signals) lines.push(`  - ${s.kind}: ${s.detail}`);
    }
    if (health.length === 0) lines.push('No service is monitored: every service in `.rotation-ready.json` is, unless it sets `"monitor": { "enabled": false }`.');
    lines.push('', 'Click for the probe timeline (or a dry-run when nothing was probed yet).');
    this.tooltipText = lines.join('\n\n');
    const tooltip = new vscode.MarkdownString(this.tooltipText, true);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Rotation Ready health: ${summary.text}` };
    this.item.show();
    this.visible = true;
  }

  /** The setting asks for the monitor, but the workspace is restricted: say why nothing runs. */
  showRestricted(): void {
    this.item.text = '$(shield) Health monitor off';
    this.item.backgroundColor = undefined;
    this.tooltipText =
      'The health monitor is disabled in a restricted workspace, because its `.rotation-ready.json` decides where keys are sent. Trust the workspace to start it.';
    this.item.tooltip = new vscode.MarkdownString(this.tooltipText);
    this.item.command = { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' };
    this.item.show();
    this.visible = true;
  }

  hide(): void {
    this.item.hide();
    this.visible = false;
  }

  /** What the item shows, for the integration tests. */
  snapshot(): { text: string; tooltip: string; visible: boolean } {
    return { text: this.item.text, tooltip: this.tooltipText, visible: this.visible };
  }

  dispose(): void {
    this.item.dispose();
  }
}
