import { spawn } from 'node:child_process';
import { DEFAULT_ENVIRONMENT } from '../../core/config';
import { KeytarKeychain } from '../../core/keychain/keytar';
import type { KeychainPort } from '../../core/keychain/port';
import { createProjectContext, loadProjectConfig } from '../../core/workflows/context';
import { injectableServices, keysForProcess } from '../../core/workflows/injectKeys';
import { printable } from '../../core/printable';
import { CliCommand, UsageError } from '../command';

const usage = `Usage: rotation-ready exec [--service <name>]... [--env <environment>] -- <command> [args...]

Runs <command> with the keys of this workspace's services injected from the OS keychain as
environment variables (<NAME>_PRIMARY, <NAME>_FALLBACK and the plain <NAME> = primary).
The names are the config's, else those recorded when the key was stored (fix --keychain, the Keys
sidebar: the names the fixed code reads), else derived from the service (billing-api → BILLING_API_KEY,
openai-token → OPENAI_TOKEN). Keys are never written to disk. The workspace is the current folder.

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

      const ctx = createProjectContext({ root: io.cwd, keychain: deps.keychain(), env: io.env, config: loadProjectConfig(io.cwd) });
      const refs = services.length > 0 ? services.map((service) => ({ service, environment })) : await injectableServices(ctx, environment);
      const { env, injected, empty, failed } = await keysForProcess(ctx, refs);
      for (const ref of empty) io.stderr(`rotation-ready exec: no keys stored for ${ref.service} (${environment}) in ${ctx.keychain.label}\n`);
      for (const { ref, reason } of failed) io.stderr(`rotation-ready exec: not injected: ${ref.service} (${environment}): ${printable(reason)}\n`);
      if (injected.length > 0) io.stderr(`rotation-ready exec: injecting ${injected.map((i) => `${i.ref.service}: ${i.names.join(', ')}`).join('; ')}\n`);

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
