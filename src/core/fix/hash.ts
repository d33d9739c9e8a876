import { createHash } from 'node:crypto';

/**
 * Hex SHA-256: how a plan names the value it removes without holding it. Kept apart from envFix so
 * the extension host can check it without loading the TypeScript compiler.
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
