import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { appendLine, formatDotenvLine, parseDotenv, readDotenvFile } from '../envfile/dotenv';
import { ensureGitIgnored } from '../envfile/gitignore';
import { writeFileAtomic } from '../atomicWrite';
import { refuseSymlink } from '../confine';

/** Undoes one store, so a fix that fails half-way leaves nothing behind. */
export interface StoredSecret {
  /** Where the value went, for messages, e.g. "OS keychain (libsecret)" or ".env". */
  label: string;
  undo(): Promise<void>;
}

/**
 * Where a secret goes before the literal leaves the code (the keychain one, with the Keys sidebar's metadata, is
 * src/core/workflows/secureSecret.ts). `store` writes the value, READS IT BACK and
 * compares, and throws (value-free message) when it cannot; it returns how to undo the write.
 */
export interface SecretDestination {
  readonly label: string;
  store(envName: string, value: string): Promise<StoredSecret>;
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
    const line = formatDotenvLine(envName, value);
    const before = readDotenvFile(this.file, { label: this.label });
    const { undo: undoIgnore } = ensureGitIgnored(this.options.root, this.file, { useGit: this.options.useGit ?? true });
    try {
      const current = parseDotenv(before ?? '').get(envName);
      if (current !== undefined && current !== value) throw new Error(`${this.label} already defines ${envName} with a different value; choose another name.`);
      if (current === undefined) writeAtomic(this.file, appendLine(before ?? '', line));
      const readBack = parseDotenv(readDotenvFile(this.file, { label: this.label }) ?? '').get(envName);
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
