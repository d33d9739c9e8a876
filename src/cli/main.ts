import { redactSecrets } from '../core/guard';
import { printable, printableLines } from '../core/printable';
import type { StartedWorkers } from '../core/analyze/poolWorkers';
import { usageErrorText } from './args';
import { CliIo, UsageError } from './command';
import { commands } from './commands/index';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['Usage: rotation-ready <command> [options]', '', 'Commands:', ...lines, '', 'Run `rotation-ready <command> --help` for a command\'s options.'].join('\n');
}

/**
 * An option that Node.js reads from anywhere in its arguments, even after the script name: `--env-file` (Node 20 to
 * 24, unless a `--` precedes the script, as dist/cli.js's shebang puts it) and, on Node 23.10 and later, the config
 * file options (even after a `--`: docs/SECURITY.md, known limits). Refused rather than given a meaning of ours, so
 * nobody learns to type one. Arguments after a `--` are another program's (`exec -- node --env-file`).
 */
function nodeReadsOption(args: readonly string[]): string | undefined {
  for (const arg of args) {
    if (arg === '--') return undefined;
    const flag = /^--(?:env-file(?:-if-exists)?|experimental-(?:default-)?config-file)(?==|$)/.exec(arg);
    if (flag) return flag[0];
  }
  return undefined;
}

export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  // Every text the CLI prints: no control or bidi character reaches the terminal raw (the values in a line were escaped
  // where it was made, so its line feeds are ours), and no error, warning or note shows what looks like a key.
  const io: CliIo = { ...rawIo, stdout: (t) => rawIo.stdout(printableLines(t)), stderr: (t) => rawIo.stderr(printableLines(redactSecrets(t))) };
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
    io.stderr(`rotation-ready: unknown command '${printable(name)}'\n\n${help()}\n`);
    return 2;
  }
  const nodeOption = nodeReadsOption(rest);
  if (nodeOption) {
    io.stderr(`rotation-ready ${name}: ${nodeOption} is not an option of rotation-ready: Node.js itself reads it anywhere on its command line, so a repository's file could run code (NODE_OPTIONS). Give a dotenv file of keys with --dotenv FILE (dry-run).\n`);
    return 2;
  }
  // After a `--` the arguments are another program's (`exec -- node --help` runs node, it does not show exec's help).
  const separator = rest.indexOf('--');
  const own = separator < 0 ? rest : rest.slice(0, separator);
  if (own.includes('--help') || own.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(usageErrorText(name, printable(error.message)));
      return 2;
    }
    io.stderr(`rotation-ready ${name}: ${printable(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  }
}

/** Runs the command line of this process (`rotation-ready …`): signals cancel, the exit code is the command's. */
export function runCommandLine(scanWorkers?: StartedWorkers): void {
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
    ...(scanWorkers ? { scanWorkers } : {}),
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
