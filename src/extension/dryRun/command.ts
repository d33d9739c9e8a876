import * as vscode from 'vscode';
import { PROBE_ROUNDS, type ServiceConfig } from '../../core/config/index';
import { runDryRun, summaryLine } from '../../core/probe/index';
import type { DryRunReport, KeySource } from '../../core/probe/index';
import { skippedReason } from '../../core/config/load';
import { skippedText } from '../keys/index';
import { log } from '../log';
import { clampedInteger } from '../tools/inputs';
import type { Project, Projects } from '../projects';
import { askForAlertEndpoints, askForApprovals, type Confirm } from './approvals';
import { ReportPanel } from './reportPanel';

/** Arguments for `rotationReady.runDryRun` when called programmatically (sidebar, LM tool, tests). */
export interface DryRunArgs {
  /** The project's root (a workspace folder, or a package with its own .rotation-ready.json); default: the active editor's, the only one, or asked. */
  project?: string;
  services?: string[];
  environments?: string[];
  rounds?: number;
  /** Default true: open the report webview. */
  showReport?: boolean;
  /** Default true: ask for unapproved hosts; false leaves them unprobed (`needs-approval`). */
  askApproval?: boolean;
}

export interface DryRunDependencies {
  projects: Projects;
  keySource: (project: Project) => Promise<KeySource>;
  /** The host-approval question (modal). */
  confirm: Confirm;
}

/** A dry-run is read-only: it sends probes to approved hosts and changes no key. */
export async function runDryRunCommand(deps: DryRunDependencies, args: DryRunArgs = {}): Promise<{ report: DryRunReport; project: Project } | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Rotation Ready: dry-runs are disabled in a restricted workspace, because its configuration decides where keys are sent. Trust the workspace to run one.', 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return undefined;
  }
  const project = args.project !== undefined ? deps.projects.byRoot(args.project) : await deps.projects.pick('Run the rotation dry-run in which project?');
  if (!project) {
    if (args.project !== undefined) void vscode.window.showWarningMessage('Rotation Ready: that folder is not a project of this workspace (a workspace folder, or a package with its own .rotation-ready.json).');
    return undefined;
  }
  const loaded = project.config.value ?? (await project.config.reload());
  if (!loaded || loaded.services.length === 0) {
    void vscode.window.showInformationMessage('Rotation Ready: no services are configured in .rotation-ready.json, so there is nothing to probe.', 'Open Configuration').then((choice) => {
      if (choice) void vscode.commands.executeCommand('rotationReady.openConfig');
    });
    return undefined;
  }
  if (loaded.skipped.length) {
    // Said before anything runs, so a missing service is never mistaken for one that passed.
    const text = loaded.skipped.map(skippedText).join('; ');
    log().warn(`Dry-run: left out by errors in .rotation-ready.json: ${text}`);
    void vscode.window.showWarningMessage(`Rotation Ready: the dry-run leaves out ${loaded.skipped.length === 1 ? 'a service' : `${loaded.skipped.length} services`} that .rotation-ready.json does not configure correctly: ${text}.`, 'Open Configuration').then((choice) => choice && vscode.commands.executeCommand('rotationReady.openConfig'));
  }
  const services = await pickServices(loaded.services, args.services);
  if (!services || services.length === 0) return undefined;

  const approvals = project.approvals();
  const refused = args.askApproval === false ? [] : await askForApprovals(deps.confirm, approvals, services, args.environments);
  if (refused.length) log().warn(`Dry-run: not approved, nothing sent: ${refused.join(', ')}`);
  // The dry-run's alerts go to the configured Slack and webhook sinks: their hosts are approved the same way.
  const refusedAlerts = args.askApproval === false ? [] : await askForAlertEndpoints(deps.confirm, approvals, loaded, services);
  if (refusedAlerts.length) log().warn(`Dry-run: not approved, no alerts sent to: ${refusedAlerts.join(', ')}`);

  // Any caller may pass rounds (the command is public): never more than a config may ask for.
  const clamped = clampedInteger(args.rounds, PROBE_ROUNDS.min, PROBE_ROUNDS.max, 'rounds');
  const rounds = clamped.ok ? clamped.value : undefined;
  const keys = await deps.keySource(project);
  const salt = project.salt;
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
  if (loaded.skipped.length) report.skipped = loaded.skipped.map((s) => ({ service: s.name, reason: skippedReason(s) }));
  log().info(`Dry-run: ${summaryLine(report)}`);
  for (const target of report.targets) log().info(`  ${target.service} (${target.environment}) → ${target.host}: ${target.verdict}: ${target.reason}`);
  if (args.showReport !== false) ReportPanel.show(report, undefined, project.uri);
  return { report, project };
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
