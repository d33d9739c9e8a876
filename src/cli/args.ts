import { parseArgs } from 'node:util';
import { UsageError } from './command';

/** One option of a command, as `node:util` `parseArgs` takes it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** What a command's options parse to: a string (or strings when repeatable) per string option, true per boolean flag. */
export type OptionValues<T extends OptionSpecs> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['multiple'] extends true ? string[] : string;
};

/**
 * Options more than one command has, defined once so each has one spelling, one short flag and one kind of value
 * everywhere (`-c` is `--config` wherever a command reads a config file). A command takes the ones it uses.
 */
export const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  service: { type: 'string', short: 's', multiple: true },
  env: { type: 'string', short: 'e', multiple: true },
  exclude: { type: 'string', multiple: true },
  keychain: { type: 'boolean' },
} as const satisfies OptionSpecs;

export interface ParsedArgs<T extends OptionSpecs> {
  values: OptionValues<T>;
  /** Arguments that are not options, before a `--`. */
  positionals: string[];
  /** Everything after the first `--`, untouched (another program's command line). */
  afterSeparator: string[];
}

/**
 * A command's arguments, parsed by `node:util` `parseArgs` in strict mode: `--name value` and `--name=value` both
 * work, a short flag takes its value the same ways (`-j 4`, `-j4`), an option never takes the next option as its
 * value, and an unknown option, a missing or empty value, a value given to a flag, or a stray argument (when
 * `positionals` is false) is a UsageError naming the option and why. Values are not checked beyond being present:
 * the command does that with `oneOf` and `wholeNumber`, so its message names the option too.
 */
export function parseCommandArgs<T extends OptionSpecs>(args: readonly string[], options: T, { positionals = false } = {}): ParsedArgs<T> {
  let parsed: ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: true; tokens: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    // Node's own message may suggest spellings of ours we do not document; say what is wrong in our words.
    throw new UsageError(problemIn(args, options) ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error)));
  }
  const separator = parsed.tokens.find((t) => t.kind === 'option-terminator')?.index;
  const before: string[] = [];
  for (const token of parsed.tokens) {
    if (token.kind === 'positional' && (separator === undefined || token.index < separator)) before.push(token.value);
    if (token.kind === 'option' && options[token.name]?.type === 'string' && token.value === '') throw new UsageError(`${shownName(token.rawName, token.name)} needs a value`);
  }
  if (!positionals && before.length > 0) throw new UsageError(strayArgument(before[0]!));
  return { values: parsed.values as OptionValues<T>, positionals: before, afterSeparator: separator === undefined ? [] : args.slice(separator + 1) };
}

/** The first thing strict parsing refused, found by reading the arguments leniently as tokens. */
function problemIn(args: readonly string[], options: OptionSpecs): string | undefined {
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option-terminator') break;
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    // An unknown option's inline value is not echoed: it may be a key typed in the wrong place.
    if (!spec) return `unknown option '${token.inlineValue ? `${token.rawName}=…` : token.rawName}'`;
    const name = shownName(token.rawName, token.name);
    if (spec.type === 'boolean' && token.value !== undefined) return `${name} is a flag and takes no value`;
    if (spec.type === 'string' && token.value === undefined) return `${name} needs a value`;
    if (spec.type === 'string' && !token.inlineValue && token.value?.startsWith('-')) {
      const what = /^--?[A-Za-z][\w-]*$/.test(token.value) ? `the option '${token.value}'` : 'a value starting with "-"';
      return `${name} needs a value, and found ${what} after it (a value that starts with "-" is written --${token.name}=VALUE)`;
    }
  }
  return undefined;
}

/** `--config`, or `-c (--config)` for a short flag, so a message always names the documented option. */
function shownName(rawName: string, name: string): string {
  return rawName.startsWith('--') ? rawName : `${rawName} (--${name})`;
}

/** (The runner's output guard shows only the redacted form of an argument that looks like a key.) */
function strayArgument(arg: string): string {
  return `unexpected argument '${arg}': this command takes only options`;
}

/** The option's value if it is one of `choices`, else a UsageError naming the option and the choices. */
export function oneOf<C extends string>(flag: string, value: string, choices: readonly C[]): C {
  if ((choices as readonly string[]).includes(value)) return value as C;
  const list = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : choices[0];
  throw new UsageError(`${flag} must be ${list}, found '${value}'`);
}

/** A whole number from `min` to `max` (digits only: no sign, exponent or fraction), else a UsageError. */
export function wholeNumber(flag: string, value: string, min: number, max: number, what = 'a number'): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(`${flag} must be ${what} from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, found '${value}'`);
  }
  return n;
}

/** The text printed for a UsageError: the command, what is wrong with which option, and where the options are. */
export function usageErrorText(command: string, message: string): string {
  return `rotation-ready ${command}: ${message}\nRun 'rotation-ready ${command} --help' for its options.\n`;
}
