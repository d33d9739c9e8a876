import * as vscode from 'vscode';
import { AlertDispatcher, alertsFromReport, callbackSink, createSinks } from '../../core/alerts/index';
import type { Alert, AlertEvent, AlertSink, DispatchResult } from '../../core/alerts/index';
import type { DryRunReport } from '../../core/probe/index';
import { log } from '../log';
import type { WorkspaceConfig } from '../workspaceConfig';
import type { SessionSecrets } from './sessionSecrets';

/**
 * Alerts from the dry-run command and the health monitor: the configured sinks (the top-level ones
 * plus the service's own) and always one VS Code notification, all through one dispatcher so that
 * de-duplication and the per-service rate limit hold across both sources. The redaction guard gets
 * the key values the key sources handed out this session.
 */
export class ExtensionAlerts implements vscode.Disposable {
  private dispatcher: AlertDispatcher | undefined;
  private window = '';
  private reported = '';
  private readonly notification: AlertSink = callbackSink('notification', (text) => {
    void vscode.window.showWarningMessage(text, 'Show Log').then((choice) => {
      if (choice) log().show(true);
    });
  });

  constructor(
    private readonly config: WorkspaceConfig,
    private readonly secrets: SessionSecrets,
  ) {}

  async dispatch(alert: Alert): Promise<DispatchResult> {
    return this.current().dispatch(alert);
  }

  /** The alerts a dry-run's outcomes call for (primary rejected, fallback rejected in every round). */
  async dispatchReport(report: DryRunReport): Promise<void> {
    for (const alert of alertsFromReport(report)) await this.dispatch(alert);
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
    const ctx = { baseDir: folder?.uri.fsPath ?? process.cwd(), env: process.env };
    const global = createSinks(loaded?.settings.alerts.sinks ?? [], ctx);
    const own = createSinks(loaded?.services.find((s) => s.name === alert.service)?.alerts.sinks ?? [], ctx);
    const errors = [...global.errors, ...own.errors.map((e) => `${alert.service}: ${e}`)];
    const key = errors.join('\n');
    if (errors.length && key !== this.reported) for (const e of errors) log().warn(`Alerts: ${e}`);
    this.reported = key;
    return [...own.sinks, ...global.sinks, this.notification];
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
