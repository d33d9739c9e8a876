import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RotationReadyApi } from './api';
import { registerCommands } from './commands';
import { approvalStore } from './dryRun/approvals';
import { ReportPanel } from './dryRun/reportPanel';
import { registerFixCommands } from './fixes';
import { registerHistory } from './history';
import { registerTools, rotationStatuses } from './tools/index';
import { activateKeys } from './keys/index';
import { startLanguageClient } from './languageClient';
import { log } from './log';
import { registerChannelCredentialCommand } from './monitor/channelCredentials';
import { activateMonitor } from './monitor/index';
import { workspaceSalt } from './salt';
import { scanOnFirstOpen } from './scan';
import { WorkspaceConfig } from './workspaceConfig';

let client: LanguageClient | undefined;

/** Only wires: providers, commands and views live in modules named for what they do. */
export async function activate(context: vscode.ExtensionContext): Promise<RotationReadyApi> {
  context.subscriptions.push(log());
  const config = new WorkspaceConfig();
  const { tree: keysTree, api: keys, keys: keyStore } = activateKeys(context, config);
  context.subscriptions.push(config);
  const monitor = activateMonitor(context, config, {
    keysTree,
    keychain: () => keyStore.keychain.port,
    keyMeta: (service, environment, slot) => keyStore.info({ service, environment }).slots[slot],
  });
  context.subscriptions.push(
    registerChannelCredentialCommand({ keychain: () => keyStore.keychain.port, prompts: () => keyStore.prompts, config: () => keyStore.loadedConfig(), root: () => keyStore.root, approvals: () => approvalStore(context) }),
  );
  registerCommands(
    context,
    config,
    () => client,
    () => keyStore.keychain.port,
    {
      ...monitor.dryRunHooks,
      onReport: (report) => {
        monitor.dryRunHooks.onReport(report);
        void keyStore.recordDryRun(report).catch((error: unknown) => log().warn(`Could not record the dry-run's validations: ${error instanceof Error ? error.message : String(error)}`));
      },
    },
    () => keyStore.prompts,
  );
  context.subscriptions.push(
    ...registerFixCommands({ client: () => client, project: () => keyStore.project }),
  );
  context.subscriptions.push(...registerHistory(context));
  context.subscriptions.push(
    ...registerTools({
      extensionUri: context.extensionUri,
      scan: () => vscode.commands.executeCommand('rotationReady.scanWorkspace'),
      dryRun: (args) => vscode.commands.executeCommand('rotationReady.runDryRun', args),
      rotationStatus: () => rotationStatuses(keyStore, config),
      services: () => config.value?.services ?? [],
    }),
  );
  void config.reload();
  const folder = vscode.workspace.workspaceFolders?.[0];
  try {
    client = await startLanguageClient(context, {
      workspaceRoot: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
      salt: await workspaceSalt(context),
      docsBase: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString(),
    });
  } catch (error) {
    // Commands and views keep working without squiggles; say why, where the user will look.
    log().error(`The analyzer (language server) did not start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('Rotation Ready: the analyzer did not start, so hardcoded keys are not highlighted. See the log for why.', 'Show Log').then((choice) => {
      if (choice) log().show(true);
    });
  }
  void scanOnFirstOpen(context, client);
  log().info(`Rotation Ready ${context.extension.packageJSON.version} active (${context.extensionMode === vscode.ExtensionMode.Production ? 'installed' : 'development'})`);
  return { config, keysTree, keys, approvals: () => approvalStore(context), reportHtml: () => ReportPanel.open?.html, logDirectory: context.logUri, monitor: monitor.api };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
