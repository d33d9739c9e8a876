import * as vscode from 'vscode';
import { PROBE_ROUNDS, type ServiceConfig } from '../../core/config/index';
import { runDryRun, summaryLine } from '../../core/probe/index';
import type { DryRunReport, KeySource } from '../../core/probe/index';
import { log } from '../log';
import { clampedInteger } from '../tools/inputs';
import type { WorkspaceConfig } from '../workspaceConfig';
import { approvalStore, askForAlertEndpoints, askForApprovals, type Confirm } from './approvals';
import { ReportPanel } from './reportPanel';

/** Arguments for `rotationReady.runDryRun` when called programmatically (sidebar, LM tool, tests). */
export interface DryRunArgs {
  services?: string[];
  environments?: string[];
  rounds?: number;
  /** Default true: open the report webview. */
  showReport?: boolean;
  /** Default true: ask for unapproved hosts; false leaves them unprobed (`needs-approval`). */
  askApproval?: boolean;
}

export interface DryRunDependencies {
  config: WorkspaceConfig;
  keySource: () => Promise<KeySource>;
  salt: () => Promise<string>;
  /** The host-approval question (modal). */
  confirm: Confirm;
}

/** A dry-run is read-only: it sends probes to approved hosts and changes no key. */
export async function runDryRunCommand(context: vscode.ExtensionContext, deps: DryRunDependencies, args: DryRunArgs = {}): Promise<DryRunReport | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Rotation Ready: dry-runs are disabled in a restricted workspace, because its configuration decides where keys are sent. Trust the workspace to run one.', 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return undefined;
  }
  const loaded = deps.config.value ?? (await deps.config.reload());
  if (!loaded || loaded.services.length === 0) {
    void vscode.window.showInformationMessage('Rotation Ready: no services are configured in .rotation-ready.json, so there is nothing to probe.', 'Open Configuration').then((choice) => {
      if (choice) void vscode.commands.executeCommand('rotationReady.openConfig');
    });
    return undefined;
  }
  const services = await pickServices(loaded.services, args.services);
  if (!services || services.length === 0) return undefined;

  const approvals = approvalStore(context);
  const refused = args.askApproval === false ? [] : await askForApprovals(deps.confirm, approvals, services, args.environments);
  if (refused.length) log().warn(`Dry-run: not approved, nothing sent: ${refused.join(', ')}`);
  // The dry-run's alerts go to the configured Slack and webhook sinks: their hosts are approved the same way.
  const refusedAlerts = args.askApproval === false ? [] : await askForAlertEndpoints(deps.confirm, approvals, loaded, services);
  if (refusedAlerts.length) log().warn(`Dry-run: not approved, no alerts sent to: ${refusedAlerts.join(', ')}`);

  // Any caller may pass rounds (the command is public): never more than a config may ask for.
  const clamped = clampedInteger(args.rounds, PROBE_ROUNDS.min, PROBE_ROUNDS.max, 'rounds');
  const rounds = clamped.ok ? clamped.value : undefined;
  const keys = await deps.keySource();
  const salt = await deps.salt();
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Rotation Ready: dry-run', cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const total = services.reduce((n, s) => n + s.environments.filter((e) => !args.environments || args.environments.includes(e.name)).length, 0);
      let done = 0;
      progress.report({ message: `probing ${total} service environment(s) with keys from ${keys.label}` });
      return runDryRun({
        services,
        keys,
        approvals,
        salt,
        settings: loaded.settings.dryRun,
        environments: args.environments,
        rounds,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.type !== 'target') return;
          done++;
          progress.report({ increment: 100 / Math.max(1, total), message: `${event.target.service} (${event.target.environment}): ${event.target.verdict} — ${done}/${total}` });
        },
      });
    },
  );
  log().info(`Dry-run: ${summaryLine(report)}`);
  for (const target of report.targets) log().info(`  ${target.service} (${target.environment}) → ${target.host}: ${target.verdict}: ${target.reason}`);
  if (args.showReport !== false) ReportPanel.show(report);
  return report;
}

async function pickServices(all: readonly ServiceConfig[], requested: string[] | undefined): Promise<ServiceConfig[] | undefined> {
  if (requested) {
    const unknown = requested.filter((name) => !all.some((s) => s.name === name));
    if (unknown.length) void vscode.window.showWarningMessage(`Rotation Ready: not in .rotation-ready.json: ${unknown.join(', ')}`);
    return all.filter((s) => requested.includes(s.name));
  }
  if (all.length === 1) return [...all];
  const picked = await vscode.window.showQuickPick(
    all.map((service) => ({ label: service.name, description: service.probe.url.replace(/\?.*$/, ''), picked: true, service })),
    { canPickMany: true, title: 'Rotation dry-run: which services?', placeHolder: 'All are selected; Enter runs them' },
  );
  return picked?.map((p) => p.service);
}
