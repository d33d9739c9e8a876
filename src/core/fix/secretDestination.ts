import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { KeychainPort, SlotAddress } from '../keychain/port';
import type { Slot } from '../vocabulary/slot';
import { appendLine, formatDotenvLine, parseDotenv } from './dotenv';
import { writeFileAtomic } from '../atomicWrite';
import { refuseSymlink } from '../confine';

/** Undoes one store, so a fix that fails half-way leaves nothing behind. */
export interface StoredSecret {
  /** Where the value went, for messages, e.g. "OS keychain (libsecret)" or ".env". */
  label: string;
  undo(): Promise<void>;
}

/**
 * Where a secret goes before the literal leaves the code. `store` writes the value, READS IT BACK and
 * compares, and throws (value-free message) when it cannot; it returns how to undo the write.
 */
export interface SecretDestination {
  readonly label: string;
  store(envName: string, value: string): Promise<StoredSecret>;
}

export interface KeychainDestinationOptions {
  workspaceId: string;
  /** Service a moved secret belongs to; default: the variable name in kebab case (`STRIPE_SECRET_KEY` → `stripe-secret-key`). */
  service?: (envName: string) => string;
  /** Default `dev`: a secret found in a working copy is a development key until someone says otherwise. */
  environment?: string;
  slot?: Slot;
}

/** The OS keychain (through the KeychainPort) as a destination. */
export class KeychainDestination implements SecretDestination {
  readonly label: string;
  constructor(private readonly port: KeychainPort, private readonly options: KeychainDestinationOptions) {
    this.label = port.label;
  }

  address(envName: string): SlotAddress {
    const service = this.options.service?.(envName) ?? envName.toLowerCase().replace(/_+/g, '-');
    return { workspaceId: this.options.workspaceId, service, environment: this.options.environment ?? 'dev', slot: this.options.slot ?? 'primary' };
  }

  async store(envName: string, value: string): Promise<StoredSecret> {
    const address = this.address(envName);
    const previous = await this.port.get(address);
    if (previous !== undefined && previous !== value) {
      throw new Error(`${this.port.label} already holds a different key for ${address.service}/${address.environment} (${address.slot}); choose another name or remove that entry first.`);
    }
    if (previous === undefined) await this.port.set(address, value);
    const readBack = await this.port.get(address);
    if (readBack !== value) {
      if (previous === undefined) await this.port.delete(address).catch(() => false);
      throw new Error(`${this.port.label} did not return the value just stored for ${address.service}/${address.environment}.`);
    }
    return {
      label: this.port.label,
      undo: async () => {
        if (previous === undefined) await this.port.delete(address);
      },
    };
  }
}

export interface DotenvDestinationOptions {
  /** Project root: the `.env` file and `.gitignore` live here. */
  root: string;
  /** Default `.env`. */
  fileName?: string;
  /** Whether to ask git (check-ignore, ls-files); default true. Without git only `.gitignore` is edited. */
  useGit?: boolean;
}

/**
 * A `.env` file in the project root, made git-ignored FIRST (a `.env` line is added to `.gitignore`
 * unless git already ignores it); a `.env` that git tracks is refused, since the value would be committed.
 */
export class DotenvDestination implements SecretDestination {
  readonly label: string;
  private readonly file: string;
  constructor(private readonly options: DotenvDestinationOptions) {
    this.file = join(options.root, options.fileName ?? '.env');
    this.label = options.fileName ?? '.env';
  }

  async store(envName: string, value: string): Promise<StoredSecret> {
    // A symlinked .env would copy (and write) the secret wherever the repository points it.
    refuseSymlink(this.file, this.label);
    const undoIgnore = ensureGitIgnored(this.options.root, this.file, this.options.useGit ?? true);
    try {
      const before = existsSync(this.file) ? readFileSync(this.file, 'utf8') : undefined;
      const current = parseDotenv(before ?? '').get(envName);
      if (current !== undefined && current !== value) throw new Error(`${this.label} already defines ${envName} with a different value; choose another name.`);
      if (current === undefined) writeAtomic(this.file, appendLine(before ?? '', formatDotenvLine(envName, value)));
      const readBack = parseDotenv(readFileSync(this.file, 'utf8')).get(envName);
      if (readBack !== value) {
        restore(this.file, before);
        throw new Error(`${this.label} did not read back the value just written for ${envName}.`);
      }
      return {
        label: this.label,
        undo: async () => {
          if (current === undefined) restore(this.file, before);
          undoIgnore();
        },
      };
    } catch (error) {
      undoIgnore();
      throw error;
    }
  }
}

/** Stores in each destination in turn; if one fails, the earlier ones are undone. */
export function allDestinations(...destinations: SecretDestination[]): SecretDestination {
  return {
    label: destinations.map((d) => d.label).join(' and '),
    async store(envName, value) {
      const done: StoredSecret[] = [];
      try {
        for (const destination of destinations) done.push(await destination.store(envName, value));
      } catch (error) {
        for (const stored of done.reverse()) await stored.undo().catch(() => undefined);
        throw error;
      }
      return { label: done.map((d) => d.label).join(' and '), undo: async () => void (await Promise.all(done.map((d) => d.undo()))) };
    },
  };
}

/** Writes through a temporary file and a rename, so a crash leaves the old or the new file; new files are 0600. */
export const writeAtomic = writeFileAtomic;

export function restore(path: string, before: string | undefined, mode = 0o600): void {
  if (before === undefined) rmSync(path, { force: true });
  else writeAtomic(path, before, mode);
}

function git(root: string, args: string[]): number {
  try {
    execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    return 0;
  } catch (error) {
    const status = (error as { status?: number | null }).status;
    return typeof status === 'number' ? status : 128;
  }
}

/**
 * Makes `file` git-ignored before anything is written to it; returns an undo. Refuses a tracked file.
 * Without a repository (or without git) the `.gitignore` line is still added, for when there is one.
 */
export function ensureGitIgnored(root: string, file: string, useGit: boolean): () => void {
  const rel = relative(root, file).split(/[\\/]/).join('/');
  const inRepo = useGit && git(root, ['rev-parse', '--is-inside-work-tree']) === 0;
  if (inRepo && git(root, ['ls-files', '--error-unmatch', '--', rel]) === 0) {
    throw new Error(`${rel} is tracked by git, so a value written to it would be committed; untrack it first (git rm --cached ${rel}) and commit that.`);
  }
  if (inRepo && git(root, ['check-ignore', '-q', '--', rel]) === 0) return () => undefined;
  const gitignore = join(root, '.gitignore');
  const before = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : undefined;
  const lines = (before ?? '').split(/\r?\n/).map((l) => l.trim());
  if (!inRepo && lines.some((l) => l === rel || l === `/${rel}` || l === basename(rel))) return () => undefined;
  writeAtomic(gitignore, appendLine(before ?? '', `/${rel}`), 0o644);
  const undo = (): void => restore(gitignore, before, 0o644);
  if (inRepo && git(root, ['check-ignore', '-q', '--', rel]) !== 0) {
    undo();
    throw new Error(`Could not make ${rel} git-ignored (a rule in a .gitignore re-includes it); fix the ignore rules first.`);
  }
  return undo;
}
