import { type Candidate, isTableLabel, PAIR_VALUE, settingRowNames, TABLE_SERVICE } from '../candidate';

/**
 * Passwords and keys written in SQL statements, wherever the statement sits (a `.sql` file, a migration's string in
 * TypeScript or Python, a Markdown fence, a shell heredoc): `CREATE USER … WITH PASSWORD '…'`, `CREATE ROLE … LOGIN
 * PASSWORD '…'`, MySQL's `IDENTIFIED [WITH plugin] BY '…'`, `SET PASSWORD FOR … = '…'`, MSSQL's `CREATE LOGIN … WITH
 * PASSWORD = '…'`, Oracle's unquoted `IDENTIFIED BY pw`, and the values of an `INSERT` under a secret-named column.
 * Read from where a statement's keywords end (SQL_KEYWORDS, found by the keyword pass), each within a bounded window,
 * so the pass is linear in the text. A stored hash is not a secret: MySQL's `IDENTIFIED BY PASSWORD '*…'` and
 * `IDENTIFIED WITH … AS '…'`, Oracle's `IDENTIFIED BY VALUES '…'`, MSSQL's `PASSWORD = 0x… HASHED` are skipped here;
 * PostgreSQL's `[ENCRYPTED] PASSWORD` takes a plain password as well as a hash (`'md5…'`, `'SCRAM-SHA-256$…'`), so its
 * value is read and quiet.ts tells the hash shapes apart (under any name).
 */

/** The keywords a statement opens with (lower case, single spaces, as the keyword pass matches them). */
export const SQL_STATEMENT_KEYWORDS: readonly string[] = ['create user', 'alter user', 'create role', 'alter role', 'create login', 'alter login', 'identified by', 'set password', 'insert into'];

/** How far after its keyword a statement's password clause is looked for: past any user name, host and options. */
const CLAUSE_WINDOW = 512;
/** The longest INSERT read (its column list and rows): a seed file's statement, not a dump's megabyte. */
const INSERT_WINDOW = 64 * 1024;

/**
 * A password clause and its value: `PASSWORD '…'`, `PASSWORD = N'…'`, `PASSWORD('…')` (MySQL's old function),
 * `IDENTIFIED [WITH plugin] BY '…'` or unquoted (Oracle); a quote may be escaped for the string that holds the statement
 * (`\\'…\\'` in a JS or Python literal). Groups 1/2: PASSWORD's quoted value; 3: `BY PASSWORD`/`BY VALUES` (a hash
 * follows); 4/5: IDENTIFIED BY's quoted value; 6: its bare value (IDENTIFIED BY only: a bare word after PASSWORD is a
 * sentence's, not a statement's).
 */
const CLAUSE =
  /\b(?:(?:ENCRYPTED[ \t\r\n]+)?PASSWORD[ \t\r\n]*(?:=[ \t\r\n]*)?(?:PASSWORD[ \t]*\([ \t]*)?N?\\?(?:'((?:[^'\n\\]|'')*)\\?'|"([^"\n\\]*)\\?")|IDENTIFIED[ \t\r\n]+(?:WITH[ \t\r\n]+\\?['"`]?\w{1,64}\\?['"`]?[ \t\r\n]+)?BY(?:([ \t\r\n]+(?:PASSWORD|VALUES)\b)?[ \t\r\n]*\\?(?:'((?:[^'\n\\]|'')*)\\?'|"([^"\n\\]*)\\?")|[ \t\r\n]+([^\s;,'"()\\]{1,128})))/gi;
/** `SET PASSWORD [FOR user] = '…'`, read after its keyword. */
const SET_PASSWORD = /[ \t\r\n]+(?:FOR[ \t\r\n]+[^=;\n]{1,128}?)?=[ \t\r\n]*(?:PASSWORD[ \t]*\([ \t]*)?(?:'((?:[^'\n\\]|'')*)'|"([^"\n\\]*)")/iy;
/** A bare word after IDENTIFIED BY that is a keyword or a bind parameter, not a password. */
const NOT_A_PASSWORD = /^(?:NULL|PASSWORD|VALUES|EXTERNALLY|GLOBALLY)$|^[:$%?@&{<]/i;
/** `INSERT INTO table (columns) VALUES`: the column list, read after its keyword. */
const INSERT_HEAD = /[ \t\r\n]+[\w."`[\]]{1,128}[ \t\r\n]*\(([^()]{1,1024})\)[ \t\r\n]*VALUES[ \t\r\n]*/iy;
/** Columns worth reading: the rules' names are judged later (a `password_hash` column is quiet there). */
const SECRET_COLUMN = /pass|pwd|secret|token|key|auth|credential/i;

/** Candidates of the SQL statements whose keyword ends at one of `ends` (ascending offsets in `text`). */
export function sqlCandidates(text: string, ends: readonly number[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<number>();
  const push = (offset: number, length: number, names: string[]): void => {
    if (length === 0 || seen.has(offset)) return;
    seen.add(offset);
    out.push({ offset, length, names });
  };
  // Where the last INSERT's rows were read to: a head inside them (`insert into` in a value) is not read again, so
  // each character is read by one INSERT at most.
  let insertReadTo = 0;
  for (const end of ends) {
    const keyword = text.slice(Math.max(0, end - 16), end).toLowerCase();
    if (keyword.endsWith('insert into')) {
      if (end > insertReadTo) insertReadTo = insertValues(text, end, push);
      continue;
    }
    if (keyword.endsWith('set password')) {
      SET_PASSWORD.lastIndex = end;
      const m = SET_PASSWORD.exec(text);
      if (m) {
        const value = m[1] ?? m[2]!;
        push(m.index + m[0].length - value.length - 1, value.length, ['password']);
      }
      continue;
    }
    // The statement's own text: up to its `;` or the window's end.
    let stop = text.indexOf(';', end);
    if (stop < 0 || stop > end + CLAUSE_WINDOW) stop = Math.min(text.length, end + CLAUSE_WINDOW);
    // `identified by` is read from the clause's start (its keyword is the clause).
    const from = keyword.endsWith('identified by') ? end - 'identified by'.length : end;
    const window = text.slice(from, stop);
    CLAUSE.lastIndex = 0;
    for (let m = CLAUSE.exec(window); m; m = CLAUSE.exec(window)) {
      if (m[3]) continue;
      const value = m[1] ?? m[2] ?? m[4] ?? m[5] ?? m[6];
      if (value === undefined || (m[6] !== undefined && NOT_A_PASSWORD.test(value))) continue;
      // MSSQL's `PASSWORD = 0x0200… HASHED` is bare, so never read; a quoted value's closing quote is the last
      // character (escaped in a host language's string: `\\'…\\'`).
      const close = m[6] === undefined ? (m[0].charCodeAt(m[0].length - 2) === 92 ? 2 : 1) : 0;
      push(from + m.index + m[0].length - value.length - close, value.length, ['password']);
    }
  }
  return out;
}

/**
 * The quoted values of an INSERT's rows under its secret-named columns, `end` where `insert into` ends. Reads the rows
 * one character at a time within INSERT_WINDOW: each `( … )` tuple's values in order, nested calls (`NOW()`,
 * `crypt('…', gen_salt('bf'))`) stepped over as one value. Returns where the reading stopped.
 */
function insertValues(text: string, end: number, push: (offset: number, length: number, names: string[]) => void): number {
  INSERT_HEAD.lastIndex = end;
  const head = INSERT_HEAD.exec(text);
  if (!head) return end;
  const columns = head[1]!.split(',').map((c) => c.trim().replace(/^[`"[]|[`"\]]$/g, ''));
  // A table of settings (`(service, key_name, secret)`, `(provider, name, value)`): a row's label names its value.
  const labelColumn = columns.findIndex(isTableLabel);
  const valueColumn = labelColumn < 0 ? -1 : columns.findIndex((c) => PAIR_VALUE.test(c));
  if (valueColumn < 0 && !columns.some((c) => SECRET_COLUMN.test(c))) return end;
  const serviceColumn = labelColumn < 0 ? -1 : columns.findIndex((c) => TABLE_SERVICE.test(c));
  const limit = Math.min(text.length, end + INSERT_WINDOW);
  let at = head.index + head[0].length;
  for (;;) {
    if (text.charCodeAt(at) !== 40) return at;
    at++;
    let column = 0;
    let label: string | undefined;
    let service: string | undefined;
    let depth = 0;
    let valueStart = -1;
    let valueEnd = -1;
    while (at < limit) {
      const c = text.charCodeAt(at);
      if (c === 39) {
        // A string: `''` is an escaped quote.
        const start = at + 1;
        at = start;
        while (at < limit && !(text.charCodeAt(at) === 39 && text.charCodeAt(at + 1) !== 39)) at += text.charCodeAt(at) === 39 ? 2 : 1;
        if (depth === 0) [valueStart, valueEnd] = [start, at];
        at++;
        continue;
      }
      if (c === 40) depth++;
      else if (c === 41 || c === 44) {
        if (depth > 0) {
          if (c === 41) depth--;
          at++;
          continue;
        }
        const name = columns[column];
        const whole = valueStart >= 0 && !/\S/.test(text.slice(valueEnd + 1, at));
        if (whole && column === labelColumn) label = text.slice(valueStart, valueEnd);
        if (whole && column === serviceColumn) service = text.slice(valueStart, valueEnd);
        if (whole && name !== undefined && (column === valueColumn || SECRET_COLUMN.test(name))) push(valueStart, valueEnd - valueStart, settingRowNames(name, label, service));
        valueStart = -1;
        column++;
        at++;
        if (c === 41) break;
        continue;
      } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && valueStart >= 0 && at > valueEnd) valueStart = -1;
      at++;
    }
    if (at >= limit) return at;
    while (at < limit && /\s/.test(text[at]!)) at++;
    if (text.charCodeAt(at) !== 44) return at;
    at++;
    while (at < limit && /\s/.test(text[at]!)) at++;
  }
}
