import * as vscode from 'vscode';
import { AlertDispatcher, alertsFromReport, callbackSink, createSinks, IncidentTracker, resolutionsFromReport } from '../../core/alerts/index';
import type { Alert, AlertEvent, AlertSink, ChannelSecrets, DispatchResult } from '../../core/alerts/index';
import type { DryRunReport, TargetReport } from '../../core/probe/index';
import { log } from '../log';
import type { WorkspaceConfig } from '../workspaceConfig';
import type { SessionSecrets } from './sessionSecrets';
import type { HostApprovals } from '../../core/probe/index';

/**
 * Alerts from the dry-run command and the health monitor: the configured sinks (the top-level ones
 * plus the service's own) and always one VS Code notification, all through one dispatcher so that
 * de-duplication and the per-service rate limit hold across both sources. The redaction guard gets
 * the key values the key sources handed out this session. PagerDuty, email and Datadog read their
 * credentials from the Keys sidebar's keychain. A trigger that went out opens an incident; the first
 * healthy result for that service environment (monitor run or dry-run) sends one `resolve`.
 */
export class ExtensionAlerts implements vscode.Disposable {
  private dispatcher: AlertDispatcher | undefined;
  private window = '';
  private reported = '';
  private readonly notification: AlertSink = callbackSink('notification', (text, alert) => {
    const show = alert.action === 'resolve' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(text, 'Show Log').then((choice) => {
      if (choice) log().show(true);
    });
  });

  private readonly incidents = new IncidentTracker();

  constructor(
    private readonly config: WorkspaceConfig,
    private readonly secrets: SessionSecrets,
    private readonly channels: {
      /** Channel credentials in the Keys sidebar's keychain (undefined without a folder on disk). */
      secrets: () => ChannelSecrets | undefined;
      /** Which channel credential may go to which host (the same store as probe hosts, outside the workspace). */
      approvals: HostApprovals;
      /** Sinks that come and go with other features (the metrics counter while the endpoint is up). */
      extraSinks?: () => AlertSink[];
    },
  ) {}

  /** Dispatches one alert; a trigger that reached a sink opens an incident for its service environment. */
  async dispatch(alert: Alert): Promise<DispatchResult> {
    const result = await this.current().dispatch(alert);
    if (alert.action !== 'resolve' && (result.status === 'sent' || result.status === 'partial')) this.incidents.triggered(alert);
    return result;
  }

  /** One `resolve` per open incident whose target is healthy again (primary valid, fallback not rejected). */
  async resolveHealthy(targets: readonly TargetReport[]): Promise<void> {
    for (const alert of resolutionsFromReport({ targets }, this.incidents)) await this.dispatch(alert);
  }

  /** Whether a trigger for this service environment went out and has not been resolved yet. */
  incidentOpen(service: string, environment: string): boolean {
    return this.incidents.isOpen(service, environment);
  }

  /** The alerts a dry-run's outcomes call for (primary rejected, fallback rejected in every round), then resolves. */
  async dispatchReport(report: DryRunReport): Promise<void> {
    for (const alert of alertsFromReport(report)) await this.dispatch(alert);
    await this.resolveHealthy(report.targets);
  }

  private current(): AlertDispatcher {
    const settings = this.config.value?.settings.alerts;
    const window = JSON.stringify([settings?.dedupWindowMs, settings?.maxPerServicePerWindow]);
    // Kept across config reloads unless the window itself changes, so de-duplication survives an edit.
    if (!this.dispatcher || window !== this.window) {
      this.window = window;
      this.dispatcher = new AlertDispatcher({
        sinks: (alert) => this.sinksFor(alert),
        dedupWindowMs: settings?.dedupWindowMs ?? 10 * 60_000,
        maxPerServicePerWindow: settings?.maxPerServicePerWindow ?? 5,
        secrets: () => this.secrets.values(),
        onEvent: logEvent,
      });
    }
    return this.dispatcher;
  }

  private sinksFor(alert: Alert): AlertSink[] {
    const loaded = this.config.value;
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    // Without `notify`, createSinks skips configured notification sinks: the one below is always there, once.
    const secrets = this.channels.secrets();
    const ctx = { baseDir: folder?.uri.fsPath ?? process.cwd(), env: process.env, approvals: this.channels.approvals, ...(secrets ? { secrets } : {}) };
    const global = createSinks(loaded?.settings.alerts.sinks ?? [], ctx);
    const own = createSinks(loaded?.services.find((s) => s.name === alert.service)?.alerts.sinks ?? [], ctx);
    const errors = [...global.errors, ...own.errors.map((e) => `${alert.service}: ${e}`)];
    const key = errors.join('\n');
    if (errors.length && key !== this.reported) for (const e of errors) log().warn(`Alerts: ${e}`);
    this.reported = key;
    return [...own.sinks, ...global.sinks, ...(this.channels.extraSinks?.() ?? []), this.notification];
  }

  dispose(): void {
    this.dispatcher = undefined;
  }
}

/** Value-free: alerts carry fingerprints only, and sink names never include a URL. */
function logEvent(event: AlertEvent): void {
  const what = `${event.alert.service} (${event.alert.environment}): ${event.alert.error}`;
  switch (event.type) {
    case 'delivered':
      log().info(`Alert sent to ${event.sink}: ${what}`);
      break;
    case 'suppressed':
      log().debug(`Alert ${event.reason}: ${what}`);
      break;
    case 'refused':
      log().error(`Alert to ${event.sink} refused: its payload contained key material (${event.alert.service})`);
      break;
    case 'retry':
      log().warn(`Alert to ${event.sink} failed (${event.error}); retry ${event.attempt}`);
      break;
    case 'failed':
      log().error(`Alert to ${event.sink} failed after ${event.attempts} attempts: ${event.error}`);
      break;
  }
}
