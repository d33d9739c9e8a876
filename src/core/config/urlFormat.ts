import { isLoopbackHost } from '../net/loopback';

/** Why a URL in the configuration is refused, or undefined when it is fine: https, plain http to loopback only, no credentials. */
export function urlProblem(text: string): string | undefined {
  if (text.trim() === '') return 'must not be empty';
  // canParse, not a try around `new URL`: each URL is checked twice (the validator's format, then its message), and a
  // thrown error per bad URL was most of validating a config with thousands of them.
  if (!URL.canParse(text)) return `'${text}' is not an absolute URL`;
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `only https URLs are allowed (found ${url.protocol})`;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `plain http is only allowed to loopback hosts (127.0.0.1, ::1, localhost); use https for ${url.hostname}`;
  }
  if (url.username || url.password) return 'a URL must not contain credentials; the key is sent as configured in probe.auth';
  return undefined;
}

/** The schema's `format: uri`, as the generated validator checks it (scripts/config-schema.mjs). */
export const uri = (text: string): boolean => urlProblem(text) === undefined;
