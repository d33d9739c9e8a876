import { toEnvName } from './envName';

/**
 * A secret that is the password of a URL (`postgres://user:PASSWORD@host/db`) moves one of two ways, and the
 * variable's name says which (one policy for the editor's fix, fix-all and the CLI):
 * - a name ending in `_URL`/`_URI`/`_DSN`/`_CONNECTION_STRING` holds the whole URL (the preferred move:
 *   that is what such a name means to every tool that reads it);
 * - any other name (`DATABASE_PASSWORD`) holds the password alone, put back into the URL URL-encoded.
 * So a variable called `DATABASE_URL` never holds only a password.
 */
export const URL_NAME = /(?:^|_)(?:URL|URI|DSN|CONNECTION_STRING|CONN_STR)(?:_\d+)?$/;

export function isUrlName(name: string): boolean {
  return URL_NAME.test(name);
}

const DATABASE_SCHEMES = /^(?:postgres(?:ql)?|mysql|mariadb|mssql|sqlserver|mongodb(?:\+srv)?|cockroachdb|oracle)$/i;

/** The URL a password sits in: `scheme://user:` right before it and `@` right after, on one line. */
export interface UrlAround {
  /** Offsets of the whole URL in the text (scheme to the last character before a quote, space or line end). */
  start: number;
  end: number;
  scheme: string;
}

/** The URL whose password is `text[start, end)`, or undefined when the value is not a URL's password. */
export function urlAround(text: string, start: number, end: number): UrlAround | undefined {
  if (text[end] !== '@') return undefined;
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1) + 1, start - 400);
  const head = /([A-Za-z][A-Za-z0-9+.-]*):\/\/[^\s:/@'"`]*:$/.exec(text.slice(lineStart, start));
  if (!head) return undefined;
  const tail = /^@[^\s'"`<>\\]*/.exec(text.slice(end, end + 2048))!;
  // A URL written inside a template ends before the template's own `}` or a trailing `,`/`;`/`)`.
  const body = tail[0].replace(/[,;)}\]]+$/, '');
  return { start: lineStart + head.index, end: end + body.length, scheme: head[1]!.toLowerCase() };
}

/**
 * The two names for a URL's secret: the whole URL's (from the code's own name for it when that is a URL
 * name, e.g. `const DATABASE_URL = …`, else from the scheme: `DATABASE_URL`, `REDIS_URL`) and the password's
 * (`DATABASE_PASSWORD`, `REDIS_PASSWORD`).
 */
export function urlSecretNames(scheme: string, contextNames: readonly string[]): { url: string; password: string } {
  const fromCode = contextNames.map(toEnvName).find(isUrlName);
  const url = fromCode ?? (DATABASE_SCHEMES.test(scheme) ? 'DATABASE_URL' : `${toEnvName(scheme.replace(/s$/, ''))}_URL`);
  const stem = url.replace(/_?(?:URL|URI|DSN|CONNECTION_STRING|CONN_STR)(?:_\d+)?$/, '') || (DATABASE_SCHEMES.test(scheme) ? 'DATABASE' : toEnvName(scheme));
  return { url, password: `${stem}_PASSWORD` };
}
