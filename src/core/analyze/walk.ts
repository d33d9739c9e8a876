/** The files of a workspace scan: the walk of its roots, with excludes, .gitignore files and symbolic links. */
import { isUtf8 } from 'node:buffer';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Always skipped: version-control internals and dependency trees are not the project's code. */
export const DEFAULT_EXCLUDES: readonly string[] = ['.git/', '.hg/', '.svn/', 'node_modules/'];

/** What the walk reads of a scan's options. */
export interface WalkOptions {
  /** Directories or files to scan (absolute, or relative to `cwd`). */
  roots: string[];
  /** Base for finding paths (forward slashes); default `cwd`. */
  base?: string;
  cwd?: string;
  /** gitignore-style patterns, matched against paths relative to `base`. */
  exclude?: readonly string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  signal?: AbortSignal;
}

/**
 * A path whose bytes are not UTF-8 (a file name made on another system, or on purpose to hide a file) cannot be held
 * in a string: Node.js encodes string paths as UTF-8, and the name read as a string (with U+FFFD) names no file. The
 * walk carries such a path as NUL + its bytes in base64 (NUL never occurs in a path), `fsPath` gives the bytes back,
 * and its relative path shows each byte that is not UTF-8 as `\xNN` (displayName).
 */
const BYTES = '\0';

/** What to open for a walked file's `abs`: the string itself, or the bytes of a path that is not UTF-8. */
export function fsPath(abs: string): string | Buffer {
  return abs.startsWith(BYTES) ? Buffer.from(abs.slice(1), 'base64') : abs;
}

function bytesLocator(path: Buffer): string {
  return BYTES + path.toString('base64');
}

/** A file name's bytes as text: UTF-8 characters as they are, any other byte as `\xNN`. */
export function displayName(name: Buffer): string {
  let out = '';
  for (let i = 0; i < name.length; ) {
    // A valid character is never a prefix of another one, so the shortest valid slice is the character.
    let n = 1;
    while (n <= 4 && i + n <= name.length && !isUtf8(name.subarray(i, i + n))) n++;
    if (n <= 4 && i + n <= name.length) {
      out += name.toString('utf8', i, i + n);
      i += n;
    } else out += `\\x${name[i++]!.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export interface ScanSkip {
  path: string;
  reason: string;
}

/** A directory entry as a folder or a file, through a symbolic link; undefined for anything else or a dangling link. */
function kindOf(entry: import('node:fs').Dirent<string> | import('node:fs').Dirent<Buffer>, path: string | Buffer): 'dir' | 'file' | undefined {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : undefined;
  try {
    const target = statSync(path);
    return target.isDirectory() ? 'dir' : target.isFile() ? 'file' : undefined;
  } catch {
    return undefined; // dangling link
  }
}

/**
 * Files under the roots, after excludes, .gitignore, symlink loops and duplicates; sorted, relative to `base`. With
 * `onFile`, which sees each file as the walk finds it, they stay in that order.
 * The file-system calls are synchronous (a promise per directory entry left a workspace scan's thread idle), with a
 * turn for the event loop every few directories so a language server stays responsive. Paths are
 * built by appending names, and only a root or a symbolic link costs a `realpath` (a directory reached by its name is
 * its parent's real path plus that name): path arithmetic and one realpath per directory were half of the walk.
 */
export async function listFiles<Options extends WalkOptions>(options: Options, onFile?: (file: { abs: string; rel: string }) => void): Promise<{ files: Array<{ abs: string; rel: string }>; skipped: ScanSkip[] }> {
  const cwd = options.cwd ?? process.cwd();
  const base = resolve(cwd, options.base ?? cwd);
  const excludes = ignore().add([...DEFAULT_EXCLUDES, ...(options.exclude ?? [])]);
  // Without excludes of the user's, what is excluded is four directory names at any depth: a set lookup per entry
  // rather than a match of its path (bench/NOTES.md).
  const defaultsOnly = !options.exclude?.length;
  const excludedDirs = new Set(DEFAULT_EXCLUDES.map((pattern) => pattern.slice(0, -1)));
  const useGitignore = options.gitignore !== false;
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const files: Array<{ abs: string; rel: string }> = [];
  const skipped: ScanSkip[] = [];
  const toSlashes = sep === '/' ? (p: string) => p : (p: string) => p.split(sep).join('/');
  /** Where a directory sits: its path relative to `base` (forward slashes, '' for base itself) and its real path. */
  interface Place {
    abs: string;
    rel: string;
    /** Outside `base` (`../`, another drive): `ignore` rejects such paths, so they are matched by name only. */
    outside: boolean;
    real: string;
  }
  const placeOf = (abs: string, real: string): Place => {
    const rel = toSlashes(relative(base, abs));
    return { abs, rel, outside: rel.startsWith('..') || isAbsolute(rel), real };
  };
  const fileRel = (rel: string, abs: string) => (rel === '' ? basename(abs) : rel);
  // `join` normalizes the whole path each time; a directory's path is normalized already and a name has no separator.
  const child = (dir: string, name: string) => (dir.endsWith(sep) ? dir + name : dir + sep + name);

  let dirsRead = 0;
  const walk = async (dir: Place, rules: Array<{ root: string; ig: Ignore }>): Promise<void> => {
    if (options.signal?.aborted) return;
    if (++dirsRead % 64 === 0) await new Promise<void>((r) => setImmediate(r));
    if (seenDirs.has(dir.real)) return; // symlink loop or a directory reached twice
    seenDirs.add(dir.real);
    if (dir.abs.startsWith(BYTES)) return walkBytes(dir, rules);
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch {
      skipped.push({ path: fileRel(dir.rel, dir.abs), reason: 'unreadable directory' });
      return;
    }
    // A name that is not UTF-8 comes back with U+FFFD in it and names no file: such entries are walked by their bytes.
    if (entries.some((e) => e.name.includes('\ufffd'))) {
      entries = entries.filter((e) => !e.name.includes('\ufffd'));
      await walkBytes(dir, rules, (name) => name.toString('utf8').includes('\ufffd'));
    }
    let scoped = rules;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        scoped = [...rules, { root: dir.abs, ig: ignore().add(readFileSync(join(dir.abs, '.gitignore'), 'utf8')) }];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = child(dir.abs, entry.name);
      const link = entry.isSymbolicLink();
      const kind = kindOf(entry, abs);
      if (kind === undefined) continue;
      const isDir = kind === 'dir';
      const rel = dir.rel === '' ? entry.name : `${dir.rel}/${entry.name}`;
      const slash = isDir ? '/' : '';
      if (defaultsOnly ? isDir && excludedDirs.has(entry.name) : excludes.ignores((dir.outside ? entry.name : rel) + slash)) continue;
      if (scoped.some(({ root, ig }) => ig.ignores(toSlashes(abs.slice(root.length + 1)) + slash))) continue;
      if (isDir) {
        let real = child(dir.real, entry.name);
        if (link) {
          try {
            real = realpathSync.native(abs);
          } catch {
            continue;
          }
        }
        await walk({ abs, rel, outside: dir.outside, real }, scoped);
      } else addFile(abs, rel, link ? undefined : child(dir.real, entry.name));
    }
  };

  /**
   * `walk` for a directory whose path is not UTF-8 (`dir.abs` and `dir.real` are byte locators), or, with `only`, for
   * the entries of an ordinary directory whose names are not: by their bytes, with the same excludes, .gitignore
   * rules (matched on the displayed path), symbolic links and loop checks.
   */
  /** Where the .gitignore files read by walkBytes are, relative to `base` (their `root` is a byte locator). */
  const ruleRels = new Map<string, string>();
  const walkBytes = async (dir: Place, rules: Array<{ root: string; ig: Ignore }>, only?: (name: Buffer) => boolean): Promise<void> => {
    const bytesOf = (path: string) => (path.startsWith(BYTES) ? (fsPath(path) as Buffer) : Buffer.from(path));
    const dirBytes = bytesOf(dir.abs);
    const realBytes = bytesOf(dir.real);
    const separator = Buffer.from(sep);
    let entries: Array<import('node:fs').Dirent<Buffer>>;
    try {
      entries = readdirSync(dirBytes, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      skipped.push({ path: fileRel(dir.rel, dir.abs), reason: 'unreadable directory' });
      return;
    }
    let scoped = rules;
    if (!only && useGitignore && entries.some((e) => e.name.toString() === '.gitignore' && e.isFile())) {
      try {
        scoped = [...rules, { root: dir.abs, ig: ignore().add(readFileSync(Buffer.concat([dirBytes, separator, Buffer.from('.gitignore')]), 'utf8')) }];
        ruleRels.set(dir.abs, dir.rel);
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    for (const entry of entries) {
      if (only && !only(entry.name)) continue;
      const path = Buffer.concat([dirBytes, separator, entry.name]);
      const link = entry.isSymbolicLink();
      const kind = kindOf(entry, path);
      if (kind === undefined) continue;
      const isDir = kind === 'dir';
      const name = displayName(entry.name);
      const rel = dir.rel === '' ? name : `${dir.rel}/${name}`;
      const slash = isDir ? '/' : '';
      if (excludes.ignores((dir.outside ? name : rel) + slash)) continue;
      // A .gitignore matches the path from its own folder, as in `walk`.
      if (
        scoped.some(({ root, ig }) => {
          const from = ruleRels.get(root) ?? toSlashes(relative(base, root));
          return from === '' ? ig.ignores(rel + slash) : rel.startsWith(`${from}/`) && ig.ignores(rel.slice(from.length + 1) + slash);
        })
      )
        continue;
      let real = Buffer.concat([realBytes, separator, entry.name]);
      if (link) {
        try {
          real = realpathSync.native(path, { encoding: 'buffer' });
        } catch {
          continue;
        }
      }
      if (isDir) await walk({ abs: bytesLocator(path), rel, outside: dir.outside, real: bytesLocator(real) }, scoped);
      else addFile(bytesLocator(path), rel, bytesLocator(real));
    }
  };

  const addFile = (abs: string, rel: string, knownReal?: string) => {
    let real = knownReal ?? abs;
    if (knownReal === undefined) {
      try {
        real = realpathSync.native(abs);
      } catch {
        // keep abs
      }
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    const file = { abs, rel: fileRel(rel, abs) };
    files.push(file);
    onFile?.(file);
  };

  for (const root of options.roots.length ? options.roots : ['.']) {
    const abs = resolve(cwd, root);
    let info;
    let real;
    try {
      const link = lstatSync(abs);
      info = link.isSymbolicLink() ? statSync(abs) : link;
      real = realpathSync.native(abs);
    } catch {
      skipped.push({ path: root, reason: 'not found' });
      continue;
    }
    const place = placeOf(abs, real);
    if (info.isDirectory()) await walk(place, []);
    else if (info.isFile()) addFile(abs, place.rel);
  }
  // With `onFile`, the files stay in the order it saw them: their indexes.
  if (!onFile) files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, skipped };
}
