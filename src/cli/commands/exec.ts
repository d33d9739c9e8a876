import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { deriveEnvVarNames, envVarsFor, loadConfig, DEFAULT_ENVIRONMENT } from '../../core/config';
import { injectedEnv } from '../../core/keychain/injection';
import { KeytarKeychain } from '../../core/keychain/keytar';
import type { KeychainPort } from '../../core/keychain/port';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import { COMMON_OPTIONS, type OptionSpecs, parseCommandArgs } from '../args';
import { CliCommand, UsageError } from '../command';
import { cliProject } from '../project';

const usage = `Usage: rotation-ready exec [--service <name>]... [--env <environment>] -- <command> [args...]

Runs <command> with the keys of this workspace's services injected from the OS keychain as
environment variables (<NAME>_PRIMARY, <NAME>_FALLBACK and the plain <NAME> = primary).
Keys are never written to disk. The workspace is the folder of the nearest .rotation-ready.json
at or above the current folder (not above a git repository's top or your home folder), else the
current folder; the command runs in the current folder.

Options:
  -s, --service <name>  only this service (repeatable); default: every service with keys
  -e, --env <name>      environment (default: ${DEFAULT_ENVIRONMENT})`;

const EXEC_OPTIONS = { service: COMMON_OPTIONS.service, env: COMMON_OPTIONS.env } as const satisfies OptionSpecs;

export function parseExecArgs(args: string[]): { services: string[]; environment: string; command: string[] } {
  const { values: v, positionals, afterSeparator: command } = parseCommandArgs(args, EXEC_OPTIONS, { positionals: true });
  if (positionals.length > 0) throw new UsageError('the command to run goes after `--`: rotation-ready exec [options] -- <command> [args...]');
  if (command.length === 0) throw new UsageError('missing `-- <command>`');
  if ((v.env?.length ?? 0) > 1) throw new UsageError('--env is given once: the command runs with the keys of one environment');
  return { services: v.service ?? [], environment: v.env?.[0] ?? DEFAULT_ENVIRONMENT, command };
}

export interface ExecDeps {
  keychain: () => KeychainPort;
}

export function createExecCommand(deps: ExecDeps = { keychain: () => new KeytarKeychain() }): CliCommand {
  return {
    name: 'exec',
    summary: 'Run a command with the workspace keys injected from the keychain',
    usage,
    async run(args, io) {
      const { services, environment, command } = parseExecArgs(args);

      // The keychain workspace is the project's folder (that of the nearest .rotation-ready.json), as for dry-run.
      const project = cliProject(io, 'exec');
      const config = project.configFile ? loadConfig(readFileSync(project.configFile, 'utf8'), project.configFile) : undefined;
      const keychain = deps.keychain();
      const workspaceId = workspaceIdFor(project.root);
      const stored = (await keychain.list(workspaceId)).filter((a) => a.environment === environment);
      const names = services.length > 0 ? services : [...new Set([...(config?.services.map((s) => s.name) ?? []), ...stored.map((a) => a.service)])].sort();

      const env: Record<string, string> = {};
      const injected: string[] = [];
      for (const service of names) {
        const configured = config?.services.find((s) => s.name === service);
        const vars = configured ? envVarsFor(configured, environment) : deriveEnvVarNames(service);
        const address = (slot: 'primary' | 'fallback') => ({ workspaceId, service, environment, slot });
        const primary = await keychain.get(address('primary'));
        const fallback = await keychain.get(address('fallback'));
        const serviceEnv = injectedEnv(vars, { ...(primary !== undefined ? { primary } : {}), ...(fallback !== undefined ? { fallback } : {}) });
        if (Object.keys(serviceEnv).length === 0) {
          io.stderr(`rotation-ready exec: no keys stored for ${service} (${environment}) in ${keychain.label}\n`);
          continue;
        }
        Object.assign(env, serviceEnv);
        injected.push(`${service}: ${Object.keys(serviceEnv).join(', ')}`);
      }
      if (injected.length > 0) io.stderr(`rotation-ready exec: injecting ${injected.join('; ')}\n`);

      return new Promise<number>((resolve) => {
        const child = spawn(command[0]!, command.slice(1), { cwd: io.cwd, env: { ...io.env, ...env }, stdio: 'inherit' });
        const stop = (): void => {
          child.kill('SIGTERM');
        };
        io.signal.addEventListener('abort', stop, { once: true });
        child.on('error', (error) => {
          io.signal.removeEventListener('abort', stop);
          io.stderr(`rotation-ready exec: could not start ${command[0]}: ${error.message}\n`);
          resolve(127);
        });
        child.on('exit', (code, signal) => {
          io.signal.removeEventListener('abort', stop);
          resolve(code ?? (signal ? 128 + 15 : 1));
        });
      });
    },
  };
}

export const execCommand = createExecCommand();
