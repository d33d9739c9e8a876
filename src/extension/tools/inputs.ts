/**
 * Checks of what a language model passes to our tools. A prompt-injected agent chooses these values,
 * so each is compared with what the extension knows (rule ids, configured names), numbers are clamped,
 * and nothing the model sends becomes part of a path. No `vscode` import: plain mocha tests cover it.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const QUOTE_LIMIT = 60;
const LISTED_LIMIT = 30;

/** A model-supplied value for a message back to the model: JSON-quoted and shortened. */
export function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
}

/** `names` for a message, at most a few dozen of them. */
export function listed(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_LIMIT).join(', ');
  return names.length > LISTED_LIMIT ? `${shown} and ${names.length - LISTED_LIMIT} more` : shown || 'none';
}

/** The id itself when it is one of `known` (exactly, after trimming); anything else is not an id. */
export function knownId(input: unknown, known: ReadonlySet<string>): string | undefined {
  if (typeof input !== 'string') return undefined;
  const id = input.trim();
  return known.has(id) ? id : undefined;
}

/**
 * An optional list of names, each one of `known` (`what` names them in the message: "service").
 * Omitted or empty means "all" (undefined).
 */
export function knownNames(input: unknown, known: readonly string[], what: string): Checked<string[] | undefined> {
  if (input === undefined || input === null) return { ok: true, value: undefined };
  if (!Array.isArray(input) || input.some((name) => typeof name !== 'string')) {
    return { ok: false, problem: `${what}s must be a list of ${what} names (configured: ${listed(known)}).` };
  }
  const names = [...new Set(input as string[])];
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length) return { ok: false, problem: `${what}s not configured in .rotation-ready.json: ${unknown.slice(0, 5).map(quoted).join(', ')}${unknown.length > 5 ? ' …' : ''} (configured: ${listed(known)}).` };
  return { ok: true, value: names.length ? names : undefined };
}

/** An optional whole number, clamped to [min, max]; a value that is not a finite number is refused. */
export function clampedInteger(input: unknown, min: number, max: number, what: string): Checked<number | undefined> {
  if (input === undefined || input === null) return { ok: true, value: undefined };
  if (typeof input !== 'number' || !Number.isFinite(input)) return { ok: false, problem: `${what} must be a whole number from ${min} to ${max}, not ${quoted(input)}.` };
  return { ok: true, value: Math.min(max, Math.max(min, Math.trunc(input))) };
}
