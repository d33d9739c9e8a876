import type { Candidate } from '../candidate';

/**
 * Server and client configuration files whose passwords no name announces: PostgreSQL's `.pgpass`
 * (`host:port:db:user:password`), PgBouncer's `userlist.txt` (`"user" "password"`), Apache's `.htpasswd` (`user:password`
 * in plain text, which `htpasswd -p` writes), and Redis's `requirepass`/`masterauth`/`sentinel auth-pass` directives
 * and ACL `user … >password` rules (in any file: `redis.conf`, a ConfigMap, a heredoc). Each value is a candidate under
 * the name `password`; hashes (`$apr1$…`, `md5…`, `SCRAM-SHA-256$…`) are told apart by quiet.ts, DES crypt here.
 * Line passes with bounded, sticky expressions: linear in the text.
 */

export type ServerConfigKind = 'pgpass' | 'pgbouncer-userlist' | 'htpasswd';

/** The kind of credential file a path names, by its file name alone (these files hold no word that says password). */
export function serverConfigKind(path: string): ServerConfigKind | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  if (base === '.pgpass' || base === 'pgpass' || base === 'pgpass.conf') return 'pgpass';
  if (base === 'userlist.txt') return 'pgbouncer-userlist';
  if (base === '.htpasswd' || base === 'htpasswd' || base.endsWith('.htpasswd')) return 'htpasswd';
  return undefined;
}

/** Keywords of the directives read in any file (lower case). */
export const SERVER_DIRECTIVE_KEYWORDS: readonly string[] = ['requirepass', 'masterauth', 'auth-pass'];

/** A userlist line: `"user" "password"` (a `""` inside is an escaped quote). */
const USERLIST_LINE = /^[ \t]*"(?:[^"\n]|"")*"[ \t]+"((?:[^"\n]|""){1,512})"/;
/** An htpasswd line: `user:value` (no space in either). */
const HTPASSWD_LINE = /^[ \t]*[^\s:#]{1,256}:(\S{1,512})/;
/** Traditional DES crypt (`htpasswd -d`): 13 characters of `./0-9A-Za-z`, a hash. */
const DES_CRYPT = /^[./0-9A-Za-z]{13}$/;
/**
 * A Redis directive whose argument is a password, at a line's start: `requirepass …`, `masterauth …`, `sentinel
 * auth-pass <master> …` (quoted or bare).
 */
const REDIS_DIRECTIVE = /^[ \t]*(?:requirepass|masterauth|sentinel[ \t]+auth-pass[ \t]+\S{1,128})[ \t]+(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|([^\s"']{1,512}))[ \t]*$/i;
/** A Redis ACL rule (`user app on >password ~* +@all`): each `>word` is a password the user may log in with. */
const REDIS_ACL = /^[ \t]*user[ \t]+\S{1,128}[ \t]/i;
const ACL_PASSWORD = /[ \t]>([^\s>]{1,512})/g;

/** Candidates of a credential file of `kind`, line by line. */
export function serverConfigCandidates(kind: ServerConfigKind, text: string): Candidate[] {
  const out: Candidate[] = [];
  forEachLine(text, (line, start) => {
    if (/^[ \t]*(?:#|$)/.test(line)) return;
    if (kind === 'pgpass') {
      // Five fields split at `:` not escaped by `\`; the password is the rest of the line after the fourth.
      let colons = 0;
      let at = 0;
      for (; at < line.length && colons < 4; at++) {
        const c = line.charCodeAt(at);
        if (c === 92) at++;
        else if (c === 58) colons++;
      }
      const value = line.slice(at).trimEnd();
      if (colons === 4 && value && value !== '*') out.push({ offset: start + at, length: value.length, names: ['password'] });
      return;
    }
    const m = (kind === 'htpasswd' ? HTPASSWD_LINE : USERLIST_LINE).exec(line);
    if (!m || (kind === 'htpasswd' && DES_CRYPT.test(m[1]!))) return;
    const offset = kind === 'htpasswd' ? m[0].length - m[1]!.length : m[0].length - m[1]!.length - 1;
    out.push({ offset: start + offset, length: m[1]!.length, names: ['password'] });
  });
  return out;
}

/** Candidates of the Redis directives in any text (SERVER_DIRECTIVE_KEYWORDS found there). */
export function serverDirectiveCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  forEachLine(text, (line, start) => {
    const m = REDIS_DIRECTIVE.exec(line);
    if (m) {
      const value = m[1] ?? m[2] ?? m[3]!;
      const close = m[3] === undefined ? 1 : 0;
      out.push({ offset: start + m[0].trimEnd().length - close - value.length, length: value.length, names: ['password'] });
      return;
    }
    if (!REDIS_ACL.test(line)) return;
    ACL_PASSWORD.lastIndex = 0;
    for (let p = ACL_PASSWORD.exec(line); p; p = ACL_PASSWORD.exec(line)) out.push({ offset: start + p.index + p[0].length - p[1]!.length, length: p[1]!.length, names: ['password'] });
  });
  return out;
}

function forEachLine(text: string, visit: (line: string, start: number) => void): void {
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    visit(text.slice(start, end).replace(/\r$/, ''), start);
    start = end + 1;
  }
}
