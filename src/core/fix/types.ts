import type { Range } from '../findings';

/**
 * One replacement in the original text: `[offset, offset + length)` becomes `newText`.
 * `range` is the same span as a zero-based line/character range (LSP and VS Code `TextEdit`).
 * Edits of one fix never overlap and are sorted by offset.
 */
export interface TextEdit {
  offset: number;
  length: number;
  range: Range;
  newText: string;
}

/** A file a fix creates (a helper module) when it does not exist yet. Paths use the caller's base, forward slashes. */
export interface NewFile {
  path: string;
  text: string;
}

/** A value the fix takes out of the text; it must be stored (and read back) before the edits are applied. */
export interface SecretToSecure {
  envName: string;
  /** Offsets of the value in the original text. */
  offset: number;
  length: number;
  /** Hex SHA-256 of the value, so a caller cannot secure one value and remove another. */
  sha256: string;
  /**
   * When the value is split over adjacent literals (`"ab" + "cd"`, Python's `"ab" "cd"`): the pieces' ranges in the
   * original text, in order; the value is their texts joined (`offset`/`length` then span them and what joins them).
   */
  pieces?: Array<[number, number]>;
}

/** The value a fix takes out of `text`: the text at its range, or its pieces joined. */
export function secretValue(text: string, secret: Pick<SecretToSecure, 'offset' | 'length' | 'pieces'>): string {
  if (secret.pieces) return secret.pieces.map(([start, end]) => text.slice(start, end)).join('');
  return text.slice(secret.offset, secret.offset + secret.length);
}

/** Thrown when a fix does not apply to a finding (with a sentence saying why); the caller offers nothing. */
export class UnsupportedFixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedFixError';
  }
}

/** Thrown when securing the secret failed; the message says what to do and that nothing was changed. */
export class FixAbortedError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'FixAbortedError';
  }
}
