import * as vscode from 'vscode';
import { AlertDispatcher, alertsFromReport, callbackSink, createSinks, IncidentTracker, resolutionsFromReport } from '../../core/alerts/index';
import type { Alert, AlertEvent, AlertSink, ChannelSecrets, DispatchResult } from '../../core/alerts/index';
import type { DryRunReport, TargetReport } from '../../core/probe/index';
import { log } from '../log';
import type { Project } from '../projects';
import type { SessionSecrets } from './sessionSecrets';
import type { HostApprovals } from '../../core/probe/index';

/**
 * Alerts from the dry-run command and the health monitor: the configured sinks (the top-level ones
 * plus the service's own) and always one VS Code notification, all through one dispatcher so that
 * de-duplication and the per-service rate limit hold across both sources. The redaction guard gets
 * the key values the key sources handed out this session. PagerDuty, email and Datadog read their
 * credentials from the Keys sidebar's keychain. A trigger that went out opens an incident; the first
 * healthy result for that service environment (monitor run or dry-run) sends one `resolve`.
 * Each project (src/extension/projects.ts) has its own sinks, credentials, approvals and dispatcher.
 */
export class ExtensionAlerts implements vscode.Disposable {
  private readonly dispatchers = new Map<string, { dispatcher: AlertDispatcher; window: string }>();
  private reported = '';
  private readonly notification: AlertSink = callbackSink('notification', (text, alert) => {
    const show = alert.action === 'resolve' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(text, 'Show Log').then((choice) => {
      if (choice) log().show(true);
    });
  });

  private readonly incidents = new Map<string, IncidentTracker>();

  constructor(
    private readonly secrets: SessionSecrets,
    private readonly channels: {
      /** Channel credentials of a project in the Keys sidebar's keychain. */
      secrets: (project: Project) => ChannelSecrets;
      /** Which channel credential may go to which host in a project (the same store as probe hosts, outside the workspace). */
      approvals: (project: Project) => HostApprovals;
      /** Sinks that come and go with other features (the metrics counter while the endpoint is up). */
      extraSinks?: () => AlertSink[];
    },
  ) {}

  /** Dispatches one alert; a trigger that reached a sink opens an incident for its service environment. */
  async dispatch(alert: Alert, project: Project): Promise<DispatchResult> {
    const result = await this.current(project).dispatch(alert);
    if (alert.action !== 'resolve' && (result.status === 'sent' || result.status === 'partial')) this.incidentsOf(project).triggered(alert);
    return result;
  }

  /** One `resolve` per open incident whose target is healthy again (primary valid, fallback not rejected). */
  async resolveHealthy(targets: readonly TargetReport[], project: Project): Promise<void> {
    for (const alert of resolutionsFromReport({ targets }, this.incidentsOf(project))) await this.dispatch(alert, project);
  }

  /** Whether a trigger for this service environment of the project went out and has not been resolved yet. */
  incidentOpen(project: Project, service: string, environment: string): boolean {
    return this.incidentsOf(project).isOpen(service, environment);
  }

  /** The alerts a dry-run's outcomes call for (primary rejected, fallback rejected in every round), then resolves. */
  async dispatchReport(report: DryRunReport, project: Project): Promise<void> {
    for (const alert of alertsFromReport(report)) await this.dispatch(alert, project);
    await this.resolveHealthy(report.targets, project);
  }

  private incidentsOf(project: Project): IncidentTracker {
    let tracker = this.incidents.get(project.root);
    if (!tracker) this.incidents.set(project.root, (tracker = new IncidentTracker()));
    return tracker;
  }

  private current(project: Project): AlertDispatcher {
    const settings = project.config.value?.settings.alerts;
    const window = JSON.stringify([settings?.dedupWindowMs, settings?.maxPerServicePerWindow]);
    const kept = this.dispatchers.get(project.root);
    // Kept across config reloads unless the window itself changes, so de-duplication survives an edit.
    if (kept && kept.window === window) return kept.dispatcher;
    const dispatcher = new AlertDispatcher({
      sinks: (alert) => this.sinksFor(alert, project),
      dedupWindowMs: settings?.dedupWindowMs ?? 10 * 60_000,
      maxPerServicePerWindow: settings?.maxPerServicePerWindow ?? 5,
      secrets: () => this.secrets.values(),
      onEvent: logEvent,
    });
    this.dispatchers.set(project.root, { dispatcher, window });
    return dispatcher;
  }

  private sinksFor(alert: Alert, project: Project): AlertSink[] {
    const loaded = project.config.value;
    // Without `notify`, createSinks skips configured notification sinks: the one below is always there, once.
    const ctx = { baseDir: project.root, env: process.env, approvals: this.channels.approvals(project), secrets: this.channels.secrets(project) };
    const global = createSinks(loaded?.settings.alerts.sinks ?? [], ctx);
    const own = createSinks(loaded?.services.find((s) => s.name === alert.service)?.alerts.sinks ?? [], ctx);
    const errors = [...global.errors, ...own.errors.map((e) => `${alert.service}: ${e}`)];
    const key = errors.join('\n');
    if (errors.length && key !== this.reported) for (const e of errors) log().warn(`Alerts: ${e}`);
    this.reported = key;
    return [...own.sinks, ...global.sinks, ...(this.channels.extraSinks?.() ?? []), this.notification];
  }

  dispose(): void {
    this.dispatchers.clear();
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
