import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { refuseSymlink } from '../confine';

/**
 * The one `.env` dialect Rotation Ready reads and writes: what the `dotenv` package and Node.js's own
 * `util.parseEnv` / `--env-file` (20 and 24) read the same way, so a value we write is the value the
 * project's code gets, whichever of them loads the file.
 *
 * Reading, line by line (a line ends at LF, CRLF or a lone CR; a leading BOM is skipped):
 * - blank lines and lines starting with `#` are comments;
 * - `NAME=value` or `export NAME=value`; NAME is `[A-Za-z0-9_.-]+`; spaces and tabs around NAME, `=` and
 *   the value are dropped;
 * - a value that starts with `'`, `"` or `` ` `` runs to the next same quote, across lines if need be
 *   (line breaks inside become LF); only inside `"…"` is `\n` a newline, every other character is literal;
 *   anything after the closing quote but a `# comment` is ignored (reported as a problem);
 * - an unquoted value ends at the line's end or at its first `#`, trimmed; a quote that never closes makes
 *   the rest of its line such a value (reported);
 * - a later assignment of a name wins. Lines that are not assignments are skipped and reported by line.
 * Not in the dialect (the two readers disagree or neither has it): `${VAR}` expansion, `\"`, `\\` and `\t`
 * escapes, `\r` in `"…"` (dotenv makes it CR, Node keeps it), the `NAME: value` form (dotenv only).
 *
 * Reading is one linear pass; a file is read whole only below DOTENV_MAX_BYTES, as UTF-8 text without NUL
 * bytes (readDotenvFile), because a cloned repository's `.env` is attacker input.
 */

/** A `.env` larger than this is refused: real ones are a few kilobytes, a bigger one is a mistake or an attack. */
export const DOTENV_MAX_BYTES = 1024 * 1024;

export class DotenvError extends Error {}

export interface DotenvEntry {
  name: string;
  value: string;
  /** 1-based line of the name. */
  line: number;
  exported: boolean;
  /** Offsets of the whole assignment in the text, from the line's start to after its line break. */
  start: number;
  end: number;
}

export interface DotenvProblem {
  /** 1-based line. */
  line: number;
  /** Why the line was skipped or read differently than it looks (never quotes the value). */
  reason: string;
}

export interface DotenvDocument {
  entries: DotenvEntry[];
  problems: DotenvProblem[];
  /** Name → value, the later assignment winning. */
  values: Map<string, string>;
}

const SPACE = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c;
const NAME_CHAR = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d;
const QUOTES = new Set([0x27, 0x22, 0x60]);

/** Reads a `.env` text in the dialect above. Linear in the text's length. */
export function readDotenv(text: string): DotenvDocument {
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  /** Index of the line break at or after `from` (n when none). */
  const lineEnd = (from: number): number => {
    let j = from;
    while (j < n && text.charCodeAt(j) !== 0x0a && text.charCodeAt(j) !== 0x0d) j++;
    return j;
  };
  /** Past the line break at `at` (CRLF counts once). */
  const pastBreak = (at: number): number => (at >= n ? n : text.charCodeAt(at) === 0x0d && text.charCodeAt(at + 1) === 0x0a ? at + 2 : at + 1);
  while (i < n) {
    const start = i;
    const startLine = line;
    while (i < n && SPACE(text.charCodeAt(i))) i++;
    if (i >= n || text.charCodeAt(i) === 0x0a || text.charCodeAt(i) === 0x0d || text.charCodeAt(i) === 0x23) {
      i = pastBreak(lineEnd(i));
      line = startLine + 1;
      continue;
    }
    let exported = false;
    if (text.startsWith('export', i) && SPACE(text.charCodeAt(i + 6))) {
      let j = i + 6;
      while (j < n && SPACE(text.charCodeAt(j))) j++;
      if (NAME_CHAR(text.charCodeAt(j))) {
        exported = true;
        i = j;
      }
    }
    const nameStart = i;
    while (i < n && NAME_CHAR(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i);
    while (i < n && SPACE(text.charCodeAt(i))) i++;
    if (name === '' || text.charCodeAt(i) !== 0x3d) {
      // Never the line's text: a line without "=" may be a bare key.
      problems.push({ line: startLine, reason: 'not a NAME=value line (a name is letters, digits, _, . and -, then "="); skipped' });
      i = pastBreak(lineEnd(i));
      line = startLine + 1;
      continue;
    }
    i++;
    while (i < n && SPACE(text.charCodeAt(i))) i++;
    let value: string | undefined;
    const quote = text.charCodeAt(i);
    if (QUOTES.has(quote)) {
      const close = text.indexOf(text[i]!, i + 1);
      if (close >= 0) {
        let raw = text.slice(i + 1, close);
        line += countBreaks(raw);
        if (raw.includes('\r')) raw = raw.replace(/\r\n?/g, '\n');
        value = quote === 0x22 ? raw.replaceAll('\\n', '\n') : raw;
        i = close + 1;
        while (i < n && SPACE(text.charCodeAt(i))) i++;
        const rest = lineEnd(i);
        if (rest > i && text.charCodeAt(i) !== 0x23) problems.push({ line, reason: `text after the closing quote of ${name} is ignored` });
        i = pastBreak(rest);
        line++;
      } else {
        problems.push({ line: startLine, reason: `the quote that starts the value of ${name} never closes; the rest of the line is the value` });
      }
    }
    if (value === undefined) {
      const end = lineEnd(i);
      let stop = i;
      while (stop < end && text.charCodeAt(stop) !== 0x23) stop++;
      while (stop > i && SPACE(text.charCodeAt(stop - 1))) stop--;
      value = text.slice(i, stop);
      i = pastBreak(end);
      line = startLine + 1;
    }
    entries.push({ name, value, line: startLine, exported, start, end: i });
  }
  const values = new Map<string, string>();
  for (const entry of entries) values.set(entry.name, entry.value);
  return { entries, problems, values };
}

function countBreaks(text: string): number {
  let count = 0;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(j + 1) !== 0x0a)) count++;
  }
  return count;
}

/** Name → value of a `.env` text (see readDotenv). */
export function parseDotenv(text: string): Map<string, string> {
  return readDotenv(text).values;
}

const WRITABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Unquoted only when every shell-like reader (docker compose, `source`) would take it literally as well. */
const PLAIN = /^[A-Za-z0-9_\-.:/+=@,~%]*$/;

/**
 * `NAME=value`, quoted so that dotenv, Node.js and readDotenv all read back exactly `value`: plain when it is
 * plain; else `'…'` (literal everywhere, also across lines); else `"…"` with `\n` for newlines; else
 * `` `…` ``; else unquoted when that is unambiguous. A quoted value must not end with a backslash (dotenv
 * would read `\'` as an escaped quote and run on into the next lines). Throws a DotenvError (naming the
 * variable, never the value) for the rare value no quoting carries through every reader, e.g. one with a
 * carriage return, or with all three quote characters and a `#`.
 */
export function formatDotenvLine(name: string, value: string): string {
  if (!WRITABLE_NAME.test(name)) throw new DotenvError(`${JSON.stringify(name)} is not a variable name that can be written to a .env file (letters, digits and _, not starting with a digit).`);
  const encoded = encodeValue(value);
  if (encoded === undefined) {
    throw new DotenvError(`The value of ${name} cannot be written to a .env file so that dotenv and Node.js both read it back unchanged (it has a carriage return, or quote characters of every kind with spaces, "#" or line breaks); store it in the keychain instead.`);
  }
  return `${name}=${encoded}`;
}

function encodeValue(value: string): string | undefined {
  if (PLAIN.test(value)) return value;
  if (value.includes('\r')) return undefined;
  const endsWithBackslash = value.endsWith('\\');
  if (!value.includes("'") && !endsWithBackslash) return `'${value}'`;
  if (!value.includes('"') && !/\\[nr]/.test(value) && !endsWithBackslash) return `"${value.replaceAll('\n', '\\n')}"`;
  if (!value.includes('`') && !endsWithBackslash) return `\`${value}\``;
  const bare = !/[#\n]/.test(value) && !/^[\s'"`]|\s$/.test(value);
  return bare ? value : undefined;
}

/** The line break a text already uses (CRLF when its first line ends so), for lines added to it. */
export function lineBreakOf(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Text with `line` appended on its own line, in the text's own line-break style. */
export function appendLine(text: string, line: string): string {
  const eol = lineBreakOf(text);
  if (text.length === 0) return `${line}${eol}`;
  return `${text}${/[\r\n]$/.test(text) ? '' : eol}${line}${eol}`;
}

/**
 * Sets variables in a `.env` text: each assignment of a given name is rewritten in place (keeping `export`),
 * the names it lacks are appended; every other line, comment and line break stays as it was.
 */
export function setDotenvValues(text: string, vars: ReadonlyMap<string, string> | Record<string, string>): string {
  const wanted = vars instanceof Map ? new Map(vars) : new Map(Object.entries(vars));
  const lines = new Map([...wanted].map(([name, value]) => [name, formatDotenvLine(name, value)]));
  const eol = lineBreakOf(text);
  let out = '';
  let at = 0;
  for (const entry of readDotenv(text).entries) {
    const line = lines.get(entry.name);
    if (line === undefined) continue;
    const original = text.slice(entry.start, entry.end);
    const lineBreak = /\r\n$|\n$|\r$/.exec(original)?.[0] ?? (entry.end < text.length ? eol : '');
    const indent = /^[ \t]*/.exec(original)![0];
    out += `${text.slice(at, entry.start)}${indent}${entry.exported ? 'export ' : ''}${line}${lineBreak}`;
    at = entry.end;
    wanted.delete(entry.name);
  }
  out += text.slice(at);
  for (const name of wanted.keys()) out = appendLine(out, lines.get(name)!);
  return out;
}

/** A `.env` text without the assignments `drop` picks (a multi-line value goes whole); everything else as it was. */
export function removeDotenvEntries(text: string, drop: (entry: DotenvEntry) => boolean): string {
  let out = '';
  let at = 0;
  for (const entry of readDotenv(text).entries) {
    if (!drop(entry)) continue;
    out += text.slice(at, entry.start);
    at = entry.end;
  }
  return out + text.slice(at);
}

/**
 * The text of a `.env` file, or undefined when there is none. A symbolic link (whose target a repository
 * chooses) is refused with a ConfinementError (`symlinks: 'refuse'`, the default), read as absent (`'skip'`)
 * or followed (`'follow'`: the user named the file themselves). Refuses, with a DotenvError naming the file
 * and why, a file over DOTENV_MAX_BYTES, one with NUL bytes (binary) and one that is not UTF-8: such a file
 * is a mistake or an attack, and reading it must neither hang nor pass garbage off as keys.
 */
export function readDotenvFile(path: string, options: { label?: string; symlinks?: 'refuse' | 'skip' | 'follow' } = {}): string | undefined {
  const label = options.label ?? path;
  const symlinks = options.symlinks ?? 'refuse';
  if (symlinks === 'refuse') refuseSymlink(path, label);
  else if (symlinks === 'skip' && isSymlink(path)) return undefined;
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO named .env must not block the read forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new DotenvError(`${label} is not a regular file.`);
    if (stat.size > DOTENV_MAX_BYTES) throw new DotenvError(`${label} is ${stat.size} bytes, more than the ${DOTENV_MAX_BYTES} a .env file may have here; it was not read.`);
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const got = readSync(fd, bytes, read, bytes.length - read, read);
      if (got === 0) break;
      read += got;
    }
    return decodeDotenv(bytes.subarray(0, read), label);
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text of a `.env` file's bytes, or a DotenvError saying where it is not text. */
export function decodeDotenv(bytes: Uint8Array, label: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new DotenvError(`${label} is not text (a NUL byte on line ${lineAt(bytes, nul)}); it was not read.`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new DotenvError(`${label} is not UTF-8 text; it was not read.`);
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let j = 0; j < offset; j++) if (bytes[j] === 0x0a) line++;
  return line;
}
