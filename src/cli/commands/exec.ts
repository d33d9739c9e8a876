import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveEnvVarNames, envVarsFor, loadConfig, DEFAULT_ENVIRONMENT } from '../../core/config';
import { injectedEnv } from '../../core/keychain/injection';
import { KeytarKeychain } from '../../core/keychain/keytar';
import type { KeychainPort } from '../../core/keychain/port';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import { CliCommand, UsageError } from '../command';

const usage = `Usage: rotation-ready exec [--service <name>]... [--env <environment>] -- <command> [args...]

Runs <command> with the keys of this workspace's services injected from the OS keychain as
environment variables (<NAME>_PRIMARY, <NAME>_FALLBACK and the plain <NAME> = primary).
Keys are never written to disk. The workspace is the current folder.

Options:
  --service <name>   only this service (repeatable); default: every service with keys
  --env <name>       environment (default: ${DEFAULT_ENVIRONMENT})`;

export interface ExecDeps {
  keychain: () => KeychainPort;
}

export function createExecCommand(deps: ExecDeps = { keychain: () => new KeytarKeychain() }): CliCommand {
  return {
    name: 'exec',
    summary: 'Run a command with the workspace keys injected from the keychain',
    usage,
    async run(args, io) {
      const separator = args.indexOf('--');
      const options = separator >= 0 ? args.slice(0, separator) : args;
      const command = separator >= 0 ? args.slice(separator + 1) : [];
      if (command.length === 0) throw new UsageError('missing `-- <command>`');
      const services: string[] = [];
      let environment = DEFAULT_ENVIRONMENT;
      for (let i = 0; i < options.length; i++) {
        const option = options[i];
        const value = options[i + 1];
        if ((option === '--service' || option === '--env') && (value === undefined || value.startsWith('--'))) throw new UsageError(`${option} needs a value`);
        if (option === '--service') services.push(options[++i]!);
        else if (option === '--env') environment = options[++i]!;
        else throw new UsageError(`unknown option '${option}'`);
      }

      const configPath = join(io.cwd, '.rotation-ready.json');
      const config = existsSync(configPath) ? loadConfig(readFileSync(configPath, 'utf8'), configPath) : undefined;
      const keychain = deps.keychain();
      const workspaceId = workspaceIdFor(io.cwd);
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
