import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RotationReadyApi } from './api';
import type { EarlyServer } from './boot';
import { registerCommands } from './commands';
import { ReportPanel } from './dryRun/reportPanel';
import { registerAddToKeys } from './addToKeys';
import { registerCheckLive } from './checkLive';
import { registerFixCommands } from './fixes';
import { registerHistory, sendHistoryIndexes } from './history';
import { registerTools, rotationStatuses } from './tools/index';
import { activateKeys } from './keys/index';
import { analyzedSelector, analyzerSettings, startLanguageClient, stopLanguageClient, whenFirstDiagnostics } from './languageClient';
import { javaScriptDocumentOpen } from './serverProcess';
import { sleep } from '../core/probe/limiter';
import { log } from './log';
import { registerMcpServers } from './mcp';
import { registerChannelCredentialCommand } from './monitor/channelCredentials';
import { activateMonitor } from './monitor/index';
import { Projects } from './projects';
import { fingerprintsFor, saltOutsideProjects } from './salt';
import { scanOnFirstOpen } from './scan';
import { ProjectsNotification, type ProjectsParams } from '../shared/protocol';

let client: LanguageClient | undefined;

/** How long the wiring waits at most for the first squiggles (a slow machine's first analysis takes 1-3 s). */
const FIRST_SQUIGGLE_FIRST_MS = 3_000;

/**
 * Only wires: providers, commands and views live in modules named for what they do. `early`: the analyzer's process
 * as the extension's entry forked it, before this code loaded (src/extension/boot.ts); absent when run from source.
 */
export async function activate(context: vscode.ExtensionContext, early?: EarlyServer): Promise<RotationReadyApi> {
  const activating = performance.now();
  context.subscriptions.push(log());
  const projects = new Projects(context);
  context.subscriptions.push(projects);
  // The analyzer starts before anything else is wired: the open editors' squiggles wait for nothing they do not need
  // (issue 16.6). Commands reach the client through `() => client`, set once it answers.
  const serverStarting = performance.now();
  const starting = startLanguageClient(context, {
    projects: projects.info(),
    salt: saltOutsideProjects(context),
    docsBase: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString(),
    settings: analyzerSettings(),
    preloadTypeScript: javaScriptDocumentOpen(),
  }, early?.process);
  // Its process is forked by now (boot.ts, languageClient.ts); its answer comes after the rest is wired, and a failure is
  // reported below, not as an unhandled rejection meanwhile.
  const serverSpawned = performance.now();
  starting.catch(() => undefined);
  // The rest is wired once the open editors have their first squiggles, or after FIRST_SQUIGGLE_FIRST_MS: the extension
  // host runs one thing at a time, and wiring the views, the monitor and the commands before it delayed the client's
  // `initialize`, the open documents and the diagnostics on their way to the editor (issue 16.6). Commands run meanwhile
  // wait for activate() (VS Code activates on them), which resolves once everything is wired.
  if (vscode.workspace.textDocuments.some((document) => vscode.languages.match(analyzedSelector as vscode.DocumentSelector, document) > 0)) {
    await Promise.race([whenFirstDiagnostics(), starting.then(() => new Promise<void>(() => undefined), () => undefined), sleep(FIRST_SQUIGGLE_FIRST_MS)]);
  }
  const wiring = performance.now();
  const { tree: keysTree, api: keys } = activateKeys(context, projects);
  const monitor = activateMonitor(context, projects, { keysTree });
  context.subscriptions.push(
    registerChannelCredentialCommand({ keychain: () => projects.keychain.port, prompts: () => projects.shared.prompts, project: () => projects.pick('Set a credential of which project?') }),
  );
  registerCommands(context, projects, () => client, {
    ...monitor.dryRunHooks,
    onReport: (report, project) => {
      monitor.dryRunHooks.onReport(report, project);
      void project.keys.recordDryRun(report).catch((error: unknown) => log().warn(`Could not record the dry-run's validations: ${error instanceof Error ? error.message : String(error)}`));
    },
  });
  context.subscriptions.push(...registerFixCommands({ client: () => client, projects }), registerAddToKeys({ client: () => client, projects }), registerCheckLive({ client: () => client, projects }));
  context.subscriptions.push(...registerHistory(projects, (root) => fingerprintsFor(context, root).salt, { state: context.workspaceState, client: () => client }));
  // The agent's tools work on the active editor's project (or the first): a model never chooses a path.
  const toolProject = () => projects.current() ?? projects.all()[0];
  context.subscriptions.push(
    ...registerTools({
      extensionUri: context.extensionUri,
      scan: () => vscode.commands.executeCommand('rotationReady.scanWorkspace'),
      dryRun: (args) => vscode.commands.executeCommand('rotationReady.runDryRun', { ...args, project: toolProject()?.root }),
      rotationStatus: async () => {
        const project = toolProject();
        return project ? rotationStatuses(project.keys, project.config) : [];
      },
      services: () => toolProject()?.config.value?.services ?? [],
    }),
  );
  // The same MCP server as `rotation-ready mcp`, offered to agent mode (one per project) where the host allows.
  const mcp = registerMcpServers(context, projects);
  context.subscriptions.push(...mcp.disposables);
  const discovered = projects.discover();
  const sentProjects = JSON.stringify(projects.info());
  let serverReady = Number.NaN;
  try {
    client = await starting;
    serverReady = performance.now();
    const started = client;
    context.subscriptions.push(projects.onDidChange(() => void started.sendNotification(ProjectsNotification, { projects: projects.info() } satisfies ProjectsParams)));
    // Packages found while the server started: it hears of them now (only if there are any: the server re-analyzes
    // the open documents when its projects change).
    await discovered;
    if (JSON.stringify(projects.info()) !== sentProjects) await started.sendNotification(ProjectsNotification, { projects: projects.info() } satisfies ProjectsParams);
    await sendHistoryIndexes(started, context.workspaceState);
  } catch (error) {
    // Commands and views keep working without squiggles; say why, where the user will look.
    log().error(`The analyzer (language server) did not start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('Rotation Ready: the analyzer did not start, so hardcoded keys are not highlighted. See the log for why.', 'Show Log').then((choice) => {
      if (choice) log().show(true);
    });
  }
  void discovered.then(() => scanOnFirstOpen(context, client, projects));
  // Start-up costs, measured where they happen (the UI test's harness reads this line: test/ui/workbench.ui.ts).
  const ms = (from: number, to = performance.now()) => Math.round(to - from);
  const loaded = early
    ? `began loading at ${new Date(performance.timeOrigin + early.bootStarted).toISOString()}, the analyzer's process forked after ${ms(early.bootStarted, early.forkedAt)} ms, code loaded in ${ms(early.bootStarted, activating)} ms, `
    : '';
  log().info(
    `Rotation Ready ${context.extension.packageJSON.version} active (${context.extensionMode === vscode.ExtensionMode.Production ? 'installed' : 'development'}): ${loaded}activated in ${ms(activating)} ms, the analyzer asked to start after ${ms(activating, serverStarting)} ms, the client started after ${ms(activating, serverSpawned)} ms, the rest wired after ${ms(activating, wiring)} ms, ready after ${ms(activating, serverReady)} ms`,
  );
  const first = () => projects.all()[0];
  return {
    get config() {
      const project = first();
      if (!project) throw new Error('No project: open a folder on disk.');
      return project.config;
    },
    projects,
    keysTree,
    keys,
    approvals: () => {
      const project = first();
      if (!project) throw new Error('Open a folder on disk first: host approvals belong to a project folder.');
      return project.approvals();
    },
    reportHtml: () => ReportPanel.open?.html,
    logDirectory: context.logUri,
    monitor: monitor.api,
    mcpServerDefinitions: mcp.definitions,
  };
}

export async function deactivate(): Promise<void> {
  await stopLanguageClient(client);
}
