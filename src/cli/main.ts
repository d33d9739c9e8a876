import { CliIo, UsageError } from './command';
import { commands } from './commands/index';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['Usage: rotation-ready <command> [options]', '', 'Commands:', ...lines, '', 'Run `rotation-ready <command> --help` for a command\'s options.'].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${process.env.ROTATION_READY_VERSION ?? 'dev'}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`rotation-ready: unknown command '${name}'\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`rotation-ready ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr(`rotation-ready ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

/** Runs the command line of this process (`rotation-ready …`): signals cancel, the exit code is the command's. */
export function runCommandLine(): void {
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => controller.abort());
  }
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    signal: controller.signal,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`rotation-ready: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runCommandLine();
