import { join } from 'node:path';
import * as vscode from 'vscode';
import { keychainChannelSecrets } from '../../core/alerts/index';
import type { ChannelSecrets } from '../../core/alerts/index';
import { DEFAULT_SETTINGS } from '../../core/config/index';
import type { ServiceConfig } from '../../core/config/index';
import { HealthMonitor, historyReport, monitoredServices, ProbeHistory } from '../../core/monitor/index';
import type { MonitorRunEvent, TargetHealth } from '../../core/monitor/index';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import type { ApprovalStore, DryRunReport, HostApprovals, KeySource } from '../../core/probe/index';
import { dryRunKeySource } from '../dryRun/keySource';
import { ReportPanel } from '../dryRun/reportPanel';
import type { KeysTreeProvider } from '../keysView';
import { log } from '../log';
import type { Project, Projects } from '../projects';
import { ExtensionAlerts } from './alerts';
import { ExtensionMetrics } from './metrics';
import type { KeyMeta } from './metrics';
import { SessionSecrets } from './sessionSecrets';
import { HealthStatusBar, SHOW_HEALTH_COMMAND } from './statusBar';

export const MONITOR_SETTING = 'rotationReady.monitor.enabled';


/** What the integration tests see of the health monitor (RotationReadyApi.monitor). Never a value. */
export interface MonitorApi {
  readonly running: boolean;
  health(): TargetHealth[];
  healthOf(service: string, environment: string): TargetHealth | undefined;
  statusBar(): { text: string; tooltip: string; visible: boolean };
  /** The probe history file (in the extension's storage, outside the workspace). */
  readonly historyFile: string | undefined;
  /** Runs every monitored service now (the schedule goes on). */
  runNow(): Promise<void>;
  /** How many key values the redaction guard knows this session (never the values). */
  guardedKeyCount(): number;
  /** The Prometheus/OpenMetrics endpoint while the monitor runs and `settings.metrics.prometheus` asks for it. */
  metricsUrl(): string | undefined;
  /** Whether a trigger for this service environment went out and was not resolved yet. */
  incidentOpen(service: string, environment: string): boolean;
}

/** Hooks the dry-run command uses: its key source records values for the guard; its report raises alerts. */
export interface DryRunHooks {
  wrapKeys(source: KeySource): KeySource;
  /** A dry-run of `project` finished: its alerts go to that project's sinks. */
  onReport(report: DryRunReport, project: Project): void;
}

/**
 * Wires the health monitor: starts it when the `rotationReady.monitor.enabled` setting is on (or the
 * Start command says so) and the workspace is trusted, follows `.rotation-ready.json`, shows health in
 * the status bar and the Keys sidebar, and sends the monitor's and the dry-run's alerts (with a
 * `resolve` once an incident's service is healthy again). While it runs, the opt-in metrics exports
 * (`settings.metrics`) are up and fed by every monitor run and dry-run report.
 */
export function activateMonitor(
  context: vscode.ExtensionContext,
  projects: Projects,
  deps: { keysTree?: KeysTreeProvider },
): { api: MonitorApi; dryRunHooks: DryRunHooks } {
  const { keysTree } = deps;
  const secrets = new SessionSecrets();
  const keychain = () => projects.keychain.port;
  // PagerDuty, email and Datadog credentials: entries of the project in the Keys sidebar's keychain.
  const channelSecrets = (project: Project): ChannelSecrets => keychainChannelSecrets(keychain(), workspaceIdFor(project.root));
  // Approvals are read fresh for every probe: one approved in a dry-run counts at the monitor's next run.
  const stores = new Map<string, ApprovalStore>();
  const freshStore = (project: Project) => {
    let store = stores.get(project.root);
    if (!store) stores.set(project.root, (store = project.approvals()));
    store.reload();
    return store;
  };
  const approvalsOf = (project: Project): HostApprovals => ({ isApproved: (service, host) => freshStore(project).isApproved(service, host) });
  /**
   * The monitor watches one project at a time: the one its Start command was given, else (started by the
   * setting) the active editor's project or the first. Its alerts, metrics and approvals are that project's.
   */
  let watched: Project | undefined;
  const watchedApprovals: HostApprovals = { isApproved: (service, host) => (watched ? approvalsOf(watched).isApproved(service, host) : false) };
  // The dry-run's key sources: the project's keychain entries, then the environment variables the user confirmed.
  const monitorKeySource = (project: Project) => dryRunKeySource(keychain(), project.root, services(), () => freshStore(project));
  const keyMeta: KeyMeta = (service, environment, slot) => watched?.keys.info({ service, environment }).slots[slot];
  const metrics = new ExtensionMetrics({ channelSecrets: () => (watched ? channelSecrets(watched) : undefined), approvals: watchedApprovals, keyMeta });
  const alerts = new ExtensionAlerts(secrets, { secrets: channelSecrets, approvals: approvalsOf, extraSinks: () => metrics.sinks() });
  const logError = (what: string) => (error: unknown) => log().error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  const statusBar = new HealthStatusBar();
  const storage = context.storageUri ?? context.globalStorageUri;
  const historyFile = join(storage.fsPath, 'monitor-history.json');
  const history = new ProbeHistory(historyFile, DEFAULT_SETTINGS.monitor.history);
  const loading = history.load().then((result) => {
    if (result.error) log().warn(`Health monitor: ${result.error}`);
  });
  const services = (): ServiceConfig[] => watched?.config.value?.services ?? [];
  let monitor: HealthMonitor | undefined;
  /** The Start/Stop commands override the setting for this session. */
  let override: boolean | undefined;

  const refresh = () => {
    const health = monitor?.health() ?? [];
    if (monitor?.running) statusBar.show(health);
    else if (!vscode.workspace.isTrusted && vscode.workspace.getConfiguration().get<boolean>(MONITOR_SETTING, false)) statusBar.showRestricted();
    else statusBar.hide();
    const root = watched?.root;
    keysTree?.setHealth?.(monitor?.running ? (project, service, environment) => (project === root ? monitor?.healthOf(service, environment) : undefined) : undefined);
  };

  const onRun = (event: MonitorRunEvent) => {
    for (const h of event.health) if (h.level !== 'healthy') log().info(`Health monitor: ${h.service} (${h.environment}): ${h.level}: ${h.summary}`);
    for (const s of event.signals) log().warn(`Health monitor: ${s.service} (${s.environment}): signal ${s.kind}: ${s.detail}`);
    metrics.observe(event);
    if (watched) void alerts.resolveHealthy(event.targets, watched).catch(logError('Alerts'));
    refresh();
  };

  const wanted = () => vscode.workspace.isTrusted && (override ?? vscode.workspace.getConfiguration().get<boolean>(MONITOR_SETTING, false));

  let starting: Promise<void> | undefined;
  const start = (project?: Project): Promise<void> => (starting ??= startOnce(project).finally(() => (starting = undefined)));
  const startOnce = async (project?: Project): Promise<void> => {
    if (monitor?.running) return;
    await loading;
    const chosen = project ?? projects.current() ?? projects.all()[0];
    if (!chosen) return;
    watched = chosen;
    const salt = chosen.salt;
    const settings = chosen.config.value?.settings ?? DEFAULT_SETTINGS;
    history.setLimits(settings.monitor.history);
    monitor = new HealthMonitor({
      keys: secrets.record(monitorKeySource(chosen)),
      approvals: approvalsOf(chosen),
      salt,
      history,
      services: services(),
      settings,
      dispatch: (alert) => alerts.dispatch(alert, chosen),
      onRun,
      onError: (service, error) => log().error(`Health monitor: ${service}: ${error instanceof Error ? error.message : String(error)}`),
    });
    await metrics.apply(settings.metrics);
    monitor.start();
    log().info(`Health monitor started for ${chosen.name}: ${monitoredServices(services()).map((s) => s.name).join(', ') || 'no service to watch'}`);
    refresh();
  };

  const stop = async (): Promise<void> => {
    const m = monitor;
    if (!m?.running) return;
    await m.stop();
    await metrics.stop();
    log().info('Health monitor stopped');
    refresh();
  };

  const apply = async () => {
    if (wanted()) await start();
    else await stop();
    refresh();
  };

  context.subscriptions.push(
    alerts,
    statusBar,
    { dispose: () => void (monitor?.stop() ?? Promise.resolve()).then(() => metrics.stop()) },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(MONITOR_SETTING)) {
        override = undefined;
        void apply();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void apply()),
    projects.onDidChangeConfig((project) => {
      if (!monitor?.running || project !== watched) return;
      const settings = project.config.value?.settings ?? DEFAULT_SETTINGS;
      void metrics.apply(settings.metrics);
      void monitor.update({ services: services(), settings, keys: secrets.record(monitorKeySource(project)) }).then(refresh);
    }),
    vscode.commands.registerCommand('rotationReady.startHealthMonitor', async () => {
      if (!vscode.workspace.isTrusted) {
        // Not awaited: the command answers at once; the notification stays until the user dismisses it.
        void vscode.window
          .showWarningMessage(
            'Rotation Ready: the health monitor is disabled in a restricted workspace, because its configuration decides where keys are sent. Trust the workspace to start it.',
            'Manage Workspace Trust',
          )
          .then((choice) => {
            if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
          });
        return false;
      }
      const project = await projects.pick('Start the health monitor for which project?');
      if (!project) return false;
      override = true;
      await start(project);
      if (monitoredServices(services()).length === 0) {
        void vscode.window.showInformationMessage('Rotation Ready: the health monitor is on, but no service in .rotation-ready.json is monitored.');
      }
      return true;
    }),
    vscode.commands.registerCommand('rotationReady.stopHealthMonitor', async () => {
      override = false;
      await stop();
      return true;
    }),
    vscode.commands.registerCommand(SHOW_HEALTH_COMMAND, async () => {
      const probed = history.list().some((s) => s.entries.length > 0);
      if (!probed) {
        // Nothing to show yet: say so, and offer what would make a history (never start probing unasked).
        const choice = await vscode.window.showInformationMessage(
          'Rotation Ready: no key health recorded yet. The health monitor records it once it runs (off by default); a dry-run checks every key once now.',
          'Start Health Monitor',
          'Run Rotation Dry-Run',
        );
        if (choice === 'Start Health Monitor') return vscode.commands.executeCommand('rotationReady.startHealthMonitor');
        if (choice === 'Run Rotation Dry-Run') return vscode.commands.executeCommand('rotationReady.runDryRun');
        return undefined;
      }
      ReportPanel.show(historyReport(history, monitor ? monitoredServices(services()) : services()), 'Key Health (monitor history)', watched?.uri);
      return undefined;
    }),
  );
  // Off by default: this starts only when the setting is on and the workspace trusted. A config that
  // loads later reaches the monitor through config.onDidChange.
  void apply();

  const api: MonitorApi = {
    get running() {
      return monitor?.running ?? false;
    },
    health: () => (monitor?.running ? monitor.health() : []),
    healthOf: (service, environment) => (monitor?.running ? monitor.healthOf(service, environment) : undefined),
    statusBar: () => statusBar.snapshot(),
    historyFile,
    runNow: async () => {
      await monitor?.runNow();
      refresh();
    },
    guardedKeyCount: () => secrets.size,
    metricsUrl: () => metrics.url,
    incidentOpen: (service, environment) => Boolean(watched && alerts.incidentOpen(watched, service, environment)),
  };
  const dryRunHooks: DryRunHooks = {
    wrapKeys: (source) => secrets.record(source),
    onReport: (report, project) => {
      if (project === watched || !watched) metrics.observe(report);
      void alerts.dispatchReport(report, project).catch(logError('Alerts'));
    },
  };
  return { api, dryRunHooks };
}
