import * as vscode from 'vscode';
import type { ServiceRef } from '../../core/keychain/keyStore';
import { writeDotEnv } from '../../core/keychain/injection';
import { keysForProcess } from '../../core/workflows/injectKeys';
import type { DotEnvResult } from '../../core/keychain/injection';
import { log } from '../log';
import type { Keys } from './keys';

/** The env vars (names → values) for some services' keys, as `rotation-ready exec` computes them; values only ever go to a process or a git-ignored .env. */
async function environmentFor(keys: Keys, refs: readonly ServiceRef[]): Promise<Record<string, string>> {
  const { env, failed } = await keysForProcess(keys.requireProject(), refs);
  if (failed.length > 0) throw new Error(failed.map((f) => f.reason).join(' '));
  return env;
}

/**
 * "Run with keys": a terminal whose environment has `<NAME>_PRIMARY`, `<NAME>_FALLBACK` and the
 * plain `<NAME>`. The values go through `createTerminal({ env })` only: nothing is written to disk,
 * and the terminal is transient so VS Code does not persist or revive it with its environment.
 */
export async function openTerminalWithKeys(keys: Keys, refs: readonly ServiceRef[]): Promise<vscode.Terminal | undefined> {
  const env = await environmentFor(keys, refs);
  const names = Object.keys(env).sort();
  if (names.length === 0) {
    void vscode.window.showWarningMessage(`Rotation Ready: ${refs.map(label).join(', ')} has no keys yet; add one first.`);
    return undefined;
  }
  const terminal = vscode.window.createTerminal({
    name: `Keys: ${refs.map(label).join(', ')}`,
    env,
    isTransient: true,
    iconPath: new vscode.ThemeIcon('key'),
    cwd: keys.root,
  });
  terminal.show();
  log().info(`Opened a terminal with ${names.join(', ')} injected (${refs.map(label).join(', ')}).`);
  void vscode.window.showInformationMessage(`Rotation Ready: terminal opened with ${names.join(', ')} in its environment (not written to disk).`);
  return terminal;
}

/**
 * "Run task with keys": a workspace task (or a command line) run as a task whose process environment
 * has the keys. The task is built on the fly from the chosen one's command, so tasks.json is never
 * touched and nothing is written to disk.
 */
export async function runTaskWithKeys(keys: Keys, refs: readonly ServiceRef[], commandLine?: string): Promise<vscode.TaskExecution | undefined> {
  const env = await environmentFor(keys, refs);
  if (Object.keys(env).length === 0) {
    void vscode.window.showWarningMessage(`Rotation Ready: ${refs.map(label).join(', ')} has no keys yet; add one first.`);
    return undefined;
  }
  let name = commandLine;
  let execution: vscode.ShellExecution | vscode.ProcessExecution | undefined;
  if (commandLine === undefined) {
    const tasks = (await vscode.tasks.fetchTasks()).filter((t) => t.execution instanceof vscode.ShellExecution || t.execution instanceof vscode.ProcessExecution);
    const typeOwn = { label: '$(terminal) Enter a command…', task: undefined as vscode.Task | undefined };
    const picked = await vscode.window.showQuickPick([typeOwn, ...tasks.map((task) => ({ label: task.name, description: task.source, task }))], { title: `Run a task with the keys of ${refs.map(label).join(', ')}` });
    if (!picked) return undefined;
    if (picked.task) {
      name = picked.task.name;
      execution = withEnv(picked.task.execution as vscode.ShellExecution | vscode.ProcessExecution, env, keys.root);
    } else {
      name = await vscode.window.showInputBox({ title: 'Command to run with the keys in its environment', placeHolder: 'npm run dev' });
      if (!name) return undefined;
    }
  }
  execution ??= new vscode.ShellExecution(name!, { env, cwd: keys.root });
  // The task belongs to the workspace folder holding the project (a package's project lies inside one).
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(keys.root));
  const task = new vscode.Task({ type: 'rotation-ready', command: name }, folder ?? vscode.TaskScope.Workspace, `${name} (with keys)`, 'Rotation Ready', execution);
  log().info(`Running task "${name}" with ${Object.keys(env).sort().join(', ')} injected (${refs.map(label).join(', ')}).`);
  return vscode.tasks.executeTask(task);
}

/** The same execution with the keys merged into its environment. */
function withEnv(execution: vscode.ShellExecution | vscode.ProcessExecution, env: Record<string, string>, cwd: string | undefined): vscode.ShellExecution | vscode.ProcessExecution {
  const options = { ...(execution.options ?? {}), env: { ...(execution.options?.env ?? {}), ...env }, ...(execution.options?.cwd || !cwd ? {} : { cwd }) };
  if (execution instanceof vscode.ProcessExecution) return new vscode.ProcessExecution(execution.process, execution.args, options);
  if (execution.commandLine !== undefined) return new vscode.ShellExecution(execution.commandLine, options);
  return new vscode.ShellExecution(execution.command!, execution.args ?? [], options);
}

/** "Write to .env": the explicit, git-ignored alternative; asks first. */
export async function writeKeysToDotEnv(keys: Keys, refs: readonly ServiceRef[]): Promise<DotEnvResult | undefined> {
  const names = refs.flatMap((ref) => {
    const v = keys.envVars(ref);
    const info = keys.info(ref);
    return [...(info.slots.primary ? [v.primary, v.plain] : []), ...(info.slots.fallback ? [v.fallback] : [])];
  });
  if (names.length === 0) {
    void vscode.window.showWarningMessage(`Rotation Ready: ${refs.map(label).join(', ')} has no keys yet; add one first.`);
    return undefined;
  }
  const ok = await keys.prompts.confirm(
    `Write ${names.join(', ')} to .env?`,
    `The key values are written in plain text to ${keys.root}/.env, which is added to .gitignore first (Rotation Ready refuses if git would still track it). Prefer "Run with Keys" (a terminal with the keys in its environment) when you can: it writes nothing to disk.`,
    'Write .env',
  );
  if (!ok) return undefined;
  const result = await writeDotEnv(keys.root, await environmentFor(keys, refs));
  log().info(`Wrote ${result.written.join(', ')} to ${result.path}${result.gitignoreUpdated ? ' (added .env to .gitignore)' : ''}.`);
  void vscode.window.showInformationMessage(`Rotation Ready: wrote ${result.written.join(', ')} to .env${result.gitignoreUpdated ? ' and added it to .gitignore' : ' (git-ignored)'}.`);
  return result;
}

function label(ref: ServiceRef): string {
  return `${ref.service} (${ref.environment})`;
}
