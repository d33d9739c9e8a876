import { fenceBlocks } from '../markdown';

/**
 * Credentials on command lines whose option does not say what it takes (`mysql -p'…'`, `redis-cli -a …`,
 * `docker login -p …`, `curl -u user:…`, `aws configure set aws_secret_access_key …`): one declarative table, read by
 * the shell token pass (tokens.ts) wherever it runs (shell scripts, Dockerfile RUN lines, and the command lines of
 * YAML `run:`/`script:` blocks, Makefile recipes and Markdown shell fences: commandSpans). An option whose own name says
 * it (`--token …`, `--api-key=…`, `--password …`) needs no entry: the token pass binds its value to that name.
 */

/** One option (or positional word) whose value is a credential, for the commands that give it that meaning. */
interface CredentialOption {
  /** The command's name (a word before the option on its line: `sudo mysql …` too), without its directory. */
  command: RegExp;
  /** A word that must also come before the option on the line (a subcommand: `docker login`, `aws configure set`). */
  after?: RegExp;
  /** The option as written: `-p`, `--pass`, or a positional word (`aws_secret_access_key`). */
  option: string;
  /** Whether the value may be glued to the option (`-pVALUE`, `-p'…'`). */
  glued: boolean;
  /** Whether the value may follow after spaces (`-a VALUE`): not for MySQL's `-p`, which then prompts. */
  spaced: boolean;
  /** What the value is read as (the name rules bind). */
  name: string;
  /** The value is `user:password` (curl): only the part after the first colon. */
  userColon?: boolean;
  /** The value is `NAME=value` after `=` (kubectl's `--from-literal=password=…`): the value under that name. */
  namedPair?: boolean;
  /**
   * The option is a flag that may be clustered with others (`htpasswd -Bbc`), and the credential is the positional word
   * this function counts from the flags (`htpasswd -b file user password`, `htpasswd -nb user password`: the last one).
   */
  positional?: (flags: string) => number;
  /** Options of the command that take a value of their own, skipped when counting positional words (`htpasswd -C 12`). */
  withArgument?: readonly string[];
}

const MYSQL = /^(?:mysql(?:dump|admin|import|check|slap|pump|sh)?|mariadb(?:-dump|-admin|-import|-check)?)$/;
const MONGO = /^(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop)$/;
const REGISTRY_CLIENT = /^(?:docker|podman|nerdctl|buildah|skopeo|helm|oras|crane)$/;

const CREDENTIAL_OPTIONS: readonly CredentialOption[] = [
  // MySQL/MariaDB clients: `-p` glued only (`-p secret` prompts and reads `secret` as the database).
  { command: MYSQL, option: '-p', glued: true, spaced: false, name: 'password' },
  { command: /^redis-cli$/, option: '-a', glued: false, spaced: true, name: 'password' },
  { command: /^redis-cli$/, option: '--pass', glued: false, spaced: true, name: 'password' },
  { command: /^redis-server$/, option: '--requirepass', glued: false, spaced: true, name: 'password' },
  { command: /^redis-server$/, option: '--masterauth', glued: false, spaced: true, name: 'password' },
  { command: MONGO, option: '-p', glued: false, spaced: true, name: 'password' },
  { command: /^sqlcmd$/, option: '-P', glued: true, spaced: true, name: 'password' },
  { command: /^ldap(?:search|add|modify|delete|passwd)$/, option: '-w', glued: false, spaced: true, name: 'password' },
  { command: /^sshpass$/, option: '-p', glued: true, spaced: true, name: 'password' },
  { command: REGISTRY_CLIENT, after: /^login$/, option: '-p', glued: false, spaced: true, name: 'password' },
  { command: /^curl$/, option: '-u', glued: true, spaced: true, name: 'password', userColon: true },
  { command: /^curl$/, option: '--user', glued: false, spaced: true, name: 'password', userColon: true },
  { command: /^keytool$/, option: '-storepass', glued: false, spaced: true, name: 'password' },
  { command: /^keytool$/, option: '-keypass', glued: false, spaced: true, name: 'password' },
  // `gh secret set NAME --body …`, `kubectl create secret generic x --from-literal=password=…`.
  { command: /^gh$/, after: /^secret$/, option: '--body', glued: false, spaced: true, name: 'secret' },
  { command: /^gh$/, after: /^secret$/, option: '-b', glued: true, spaced: true, name: 'secret' },
  { command: /^kubectl$/, after: /^secret$/, option: '--from-literal', glued: false, spaced: false, name: 'secret', namedPair: true },
  // `htpasswd -b[c…] file user password`, `htpasswd -nb user password`: the password is positional.
  { command: /^htpasswd$/, option: '-b', glued: false, spaced: true, name: 'password', positional: (flags) => (flags.includes('n') ? 2 : 3), withArgument: ['-C', '-r'] },
  { command: /^aws$/, after: /^set$/, option: 'aws_secret_access_key', glued: false, spaced: true, name: 'aws_secret_access_key' },
  { command: /^aws$/, after: /^set$/, option: 'aws_session_token', glued: false, spaced: true, name: 'aws_session_token' },
];

/**
 * Words of the table's commands for the keyword pass (ruleSet.ts): a line with one of them is read even when nothing on
 * it names a secret (`redis-cli -a …`).
 */
export const COMMAND_LINE_KEYWORDS: readonly string[] = ['mysql', 'mariadb', 'redis-cli', 'requirepass', 'masterauth', 'mongo', 'sqlcmd', 'ldap', 'sshpass', 'login', 'curl', 'keytool', 'aws_secret_access_key', 'aws_session_token', 'gh secret', 'from-literal', 'htpasswd', 'sqlplus', 'sqlldr', 'expdp', 'impdp', 'rman', 'dgmgrl', 'userid=', 'convertto-securestring'];

/** The table by option, for the token pass: a word is looked up once. */
const BY_OPTION = new Map<string, CredentialOption[]>();
for (const o of CREDENTIAL_OPTIONS) BY_OPTION.set(o.option, [...(BY_OPTION.get(o.option) ?? []), o]);
/** The short options that take a glued value (`-pVALUE`): a word is looked up by its first two characters too. */
const GLUED = new Set(CREDENTIAL_OPTIONS.filter((o) => o.glued).map((o) => o.option));
/** The flags that may be clustered (`-Bbc` holds `-b`). */
const CLUSTERED = CREDENTIAL_OPTIONS.filter((o) => o.positional);
const FLAG_CLUSTER = /^-[A-Za-z]{1,8}$/;

/** A credential's value on a command line: its content range and the name it is read under. */
export interface OptionValue {
  start: number;
  end: number;
  name: string;
}

/**
 * The credential that the word `text[start, end)` (an option or positional word of the shell token pass) introduces,
 * when a command of the table comes before it on its line (`commandBefore`). A value that is a substitution (`$VAR`,
 * `$(cat file)`, `{{ vault_x }}`, `%(x)s`) is no literal: none.
 */
export function credentialOptionValue(text: string, start: number, end: number, commandBefore: (command: RegExp) => boolean): OptionValue | undefined {
  const word = text.slice(start, end);
  if (FLAG_CLUSTER.test(word)) {
    for (const o of CLUSTERED) {
      if (!word.includes(o.option.slice(1)) || !commandBefore(o.command)) continue;
      const value = positionalValue(text, end, o.positional!(word), o.withArgument ?? []);
      if (value && !isSubstitution(text, value)) return { ...value, name: o.name };
    }
  }
  const exact = BY_OPTION.get(word);
  const glued = !exact && word.length > 2 && GLUED.has(word.slice(0, 2)) ? BY_OPTION.get(word.slice(0, 2)) : undefined;
  for (const o of exact ?? glued ?? []) {
    let pairName: string | undefined;
    if (o.positional) continue;
    if (!commandBefore(o.command) || (o.after && !commandBefore(o.after))) continue;
    let at: number;
    if (glued) {
      if (!o.glued) continue;
      at = start + o.option.length;
    } else {
      // `-u 'user:…'`, `-a VALUE`: spaces (not a line break) between; `-p'…'` is glued to an option written alone.
      at = end;
      const quote = text.charCodeAt(at);
      if (o.namedPair) {
        NAMED.lastIndex = at + 1;
        const named = quote === 61 ? NAMED.exec(text) : null;
        if (!named) continue;
        pairName = named[1]!;
        at = NAMED.lastIndex;
      } else if (!(o.glued && (quote === 34 || quote === 39))) {
        if (!o.spaced || (text.charCodeAt(at) !== 32 && text.charCodeAt(at) !== 9)) continue;
        while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
      }
    }
    let value = shellValueAt(text, at);
    if (!value) continue;
    if (o.userColon) {
      const colon = text.indexOf(':', value.start);
      if (colon < 0 || colon >= value.end) continue;
      // `user:'…'`: one shell word of a bare part and a quoted one; the quoted part is the password.
      if (colon === value.end - 1) value = shellValueAt(text, value.end);
      else value.start = colon + 1;
      if (!value) continue;
    }
    if (isSubstitution(text, value)) continue;
    return { ...value, name: pairName ?? o.name };
  }
  return undefined;
}

/**
 * Oracle's command-line tools, whose login is one word `user/password[@connect]` (`sqlplus -s scott/…@//host:1521/svc`,
 * `expdp system/…@prod …`, `rman target sys/…@db catalog rcat/…@rcat`, `sqlldr userid=loader/…`): the legacy `exp`
 * and `imp` too (not keywords: the words are too common; another keyword must bring the file in).
 */
const ORACLE_TOOL = /^(?:sqlplus|sqlldr|expdp|impdp|exp|imp|rman|dgmgrl)$/;
/** Options of those tools that take a value of their own (`sqlplus -M "HTML ON" -R 3`), skipped with it. */
const ORACLE_WITH_ARGUMENT = /^-(?:M|R|C|markup|restrict|compatibility)$/i;
/** RMAN's words before a login (`rman target sys/…@db`), and the `name=login` forms of every tool (`userid=…`). */
const ORACLE_CONNECT_WORD = /^(?:target|catalog|auxiliary)$/i;
const ORACLE_LOGIN_KEY = /^(?:userid|target|catalog|auxiliary)=/i;
/** `user/` opening a login; the user may be quoted (`"Sys"/…`) but is never empty (`/ as sysdba`, `/nolog`). */
const ORACLE_USER = /(?:[A-Za-z][\w$#.]{0,127}|"[^"\n]{1,128}")\//y;

/** Whether the word `text[start, end)` is the name of an Oracle tool (its directory left out). */
export function isOracleTool(text: string, start: number, end: number): boolean {
  // Asked of every word of a shell line: most end in another letter than the tools' (s, r, p, n, l) and are not sliced.
  const last = text.charCodeAt(end - 1);
  if (end - start > 64 || (last !== 115 && last !== 114 && last !== 112 && last !== 110 && last !== 108)) return false;
  const word = text.slice(start, end);
  return ORACLE_TOOL.test(word.slice(word.lastIndexOf('/') + 1));
}

/**
 * The passwords of the logins on the command line of an Oracle tool whose name ends at `at`: the first positional word,
 * a word after `target`/`catalog`/`auxiliary`, and `userid=`/`target=`… values. A login without a password (`/ as
 * sysdba`, `scott/@orcl`, `/nolog`) or with a substitution (`$DB_USER/$DB_PASS@db`) gives none. At most 32 words read.
 */
export function oracleLogins(text: string, at: number): OptionValue[] {
  const out: OptionValue[] = [];
  let positional = 0;
  let afterConnectWord = false;
  const words = new ShellWords(text, at, (option) => ORACLE_WITH_ARGUMENT.test(option), true);
  for (let word = words.next(); word; word = words.next()) {
    if (!word.quoted && ORACLE_CONNECT_WORD.test(word.written)) {
      afterConnectWord = true;
      continue;
    }
    const keyed = word.quoted ? null : ORACLE_LOGIN_KEY.exec(word.written);
    let login: { start: number; end: number } | undefined;
    // `userid=scott/…@db`, or `userid="scott/…@db"` (a bare part, then a quoted one).
    if (keyed) login = word.written.length === keyed[0].length ? words.glued() : { start: word.start + keyed[0].length, end: word.end };
    else if (afterConnectWord || positional === 0) login = word;
    if (!keyed) {
      if (!afterConnectWord) positional++;
      afterConnectWord = false;
    }
    const password = login && loginPassword(text, login.start, login.end);
    if (password && !isSubstitution(text, password)) out.push({ ...password, name: 'password' });
  }
  return out;
}

/** The Oracle tools' names, located by the keyword pass: a string of code may run one (`"sqlplus …"`). */
export const ORACLE_TOOL_KEYWORDS: readonly string[] = ['sqlplus', 'sqlldr', 'expdp', 'impdp', 'rman', 'dgmgrl'];

/** Characters of a tool's word before its name: a directory (`/u01/app/bin/`, `$ORACLE_HOME/bin/`, `C:\\oracle\\`). */
const isToolPathChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 47 || c === 92 || c === 36 || c === 123 || c === 125 || c === 45 || c === 58;

/**
 * The passwords of the Oracle logins in strings of code that run a tool (`subprocess.run("sqlplus scott/…@orcl @x.sql")`,
 * `exec('sqlplus -s app/…@//host/svc')`, `os.system("expdp system/…@prod …")`), read from the ends of the tools' names
 * (`toolEnds`, sorted): a name that opens a string's content (after its quote and any directory), the command line being
 * the rest of the string on its line. The shell pass reads the shell's own command lines; an interpolated password
 * (`f"…/{pw}@db"`, `${pw}`, `%s`) is none. Each string's line at most 1 KiB from the name: linear in the text.
 */
export function oracleStringLogins(text: string, toolEnds: readonly number[]): OptionValue[] {
  const out: OptionValue[] = [];
  let readTo = -1;
  for (const end of toolEnds) {
    if (end <= readTo) continue;
    let start = end - 1;
    while (start >= 0 && end - start <= 256 && isToolPathChar(text.charCodeAt(start))) start--;
    const quote = text.charCodeAt(start);
    if ((quote !== 34 && quote !== 39 && quote !== 96) || !isOracleTool(text, start + 1, end)) continue;
    // Windows names the program with its extension (`Process.Start("sqlplus.exe", …)`).
    const toolEnd = /^\.exe$/i.test(text.slice(end, end + 4)) ? end + 4 : end;
    const after = text.charCodeAt(toolEnd);
    if (after === quote) {
      // The tool as a list's element (`["sqlplus", "-s", "scott/…@db"]`, `spawn('sqlplus', ['-S', …])`, `CMD [...]`).
      const args = argvAfter(text, toolEnd + 1);
      if (args) {
        readTo = args.end;
        for (const login of oracleLogins(args.line, 0)) out.push({ start: login.start + toolEnd + 1, end: login.end + toolEnd + 1, name: login.name });
      }
      continue;
    }
    if (after !== 32 && after !== 9) continue;
    let close = toolEnd;
    while (close < text.length && close - toolEnd <= 1024 && text.charCodeAt(close) !== quote && text.charCodeAt(close) !== 10) close++;
    if (text.charCodeAt(close) !== quote) continue;
    readTo = close;
    const line = text.slice(start + 1, close);
    for (const login of oracleLogins(line, toolEnd - start - 1)) out.push({ start: login.start + start + 1, end: login.end + start + 1, name: login.name });
  }
  return out;
}

/** A string literal's prefix (Python's `f"…"`, `r'…'`, C#'s `$"…"`, `@"…"`) and its opening quote. */
const STRING_OPENS = /[fFrRbBuU$@]{0,2}["'`]/y;

/**
 * The string elements that follow a list's element ending at `from` (`, "-s", "scott/…@db"]`, or `, ['-S', '…'])`: the
 * arguments array after a program's name), as a command line of the same length: each element's content between
 * double quotes at its place (an option's bare), everything else blanks, so oracleLogins reads one element as one word and its offsets
 * are the text's. Undefined when no string follows. At most 32 elements and 1 KiB; an element that is no string ends it.
 */
function argvAfter(text: string, from: number): { line: string; end: number } | undefined {
  const limit = Math.min(text.length, from + 1024);
  let line = '';
  let at = from;
  let opened = false;
  let elements = 0;
  const blanks = (): void => {
    while (at < limit && /\s/.test(text[at]!)) at++;
  };
  for (; elements < 32; elements++) {
    blanks();
    if (text.charCodeAt(at) !== 44) break;
    at++;
    blanks();
    // `spawn('sqlplus', [ … ])`: the arguments' array opens after the first comma.
    if (elements === 0 && !opened && text.charCodeAt(at) === 91) {
      opened = true;
      at++;
      blanks();
    }
    STRING_OPENS.lastIndex = at;
    if (!STRING_OPENS.exec(text)) break;
    const open = STRING_OPENS.lastIndex - 1;
    const quote = text.charCodeAt(open);
    let close = open + 1;
    while (close < limit && text.charCodeAt(close) !== quote && text.charCodeAt(close) !== 10) close += text.charCodeAt(close) === 92 ? 2 : 1;
    if (close >= limit || text.charCodeAt(close) !== quote) break;
    // Blanks up to the element, then the element with double quotes (a `"` inside it read as a blank).
    const element = text.slice(open + 1, close);
    // An option (`"-s"`) unquoted, as the shell would have passed it: a quoted word is never read as one. So is the one
    // string of arguments that .NET takes after the program (`Process.Start("sqlplus", "-S app/…@db @x.sql")`): a
    // first element with blanks in it, outside an array, is a command line of its own.
    const quoteMark = /^-[^\s"]*$/.test(element) || (elements === 0 && !opened && /\s/.test(element)) ? ' ' : '"';
    line += ' '.repeat(open - from - line.length) + quoteMark + element.replace(/"/g, ' ') + quoteMark;
    at = close + 1;
  }
  if (elements === 0) return undefined;
  return { line, end: at };
}

/** A SQL*Plus or SQLcl `CONNECT`/`CONN` command opening a line of a script. */
const SQLPLUS_CONNECT = /^[ \t]*conn(?:ect)?[ \t]+/gim;

/**
 * The passwords of SQL*Plus/SQLcl `CONNECT user/password[@db] [AS SYSDBA]` (or `CONN …`) lines of a `.sql` script
 * (or of the lines `within`, a Markdown file's SQL fences). A
 * hierarchical query's `CONNECT BY …` and `CONNECT / AS SYSDBA` have no `user/password` word: none.
 */
export function sqlPlusConnectLogins(text: string, within?: Spans): OptionValue[] {
  const out: OptionValue[] = [];
  let span = 0;
  for (const m of text.matchAll(SQLPLUS_CONNECT)) {
    if (within) {
      // Only lines inside `within` (sorted): a Markdown file's SQL fences.
      while (span < within.length && within[span]![1] < m.index) span++;
      if (span === within.length) break;
      if (within[span]![0] > m.index) continue;
    }
    const login = oracleLogins(text, m.index + m[0].length)[0];
    if (login) out.push(login);
  }
  return out;
}

/** The password of `user/password[@connect][ as sysdba]` in `text[start, end)`, or none when it is empty. */
function loginPassword(text: string, start: number, end: number): { start: number; end: number } | undefined {
  ORACLE_USER.lastIndex = start;
  if (!ORACLE_USER.exec(text) || ORACLE_USER.lastIndex >= end) return undefined;
  let from = ORACLE_USER.lastIndex;
  let to: number;
  if (text.charCodeAt(from) === 34) {
    // A quoted password may hold `@` and spaces: `scott/"p@ss word"@orcl`.
    to = from + 1;
    while (to < end && text.charCodeAt(to) !== 34) to++;
    if (to >= end) return undefined;
    from++;
  } else {
    to = from;
    while (to < end && text.charCodeAt(to) !== 64 && text.charCodeAt(to) !== 32 && text.charCodeAt(to) !== 9) to++;
  }
  return to > from ? { start: from, end: to } : undefined;
}

/** `NAME=` opening a value that names itself (`--from-literal=password=…`). */
const NAMED = /([A-Za-z_][\w.-]{0,63})=/y;

/** `[\s;&|()<>]`: the end of an unquoted shell word. */
const UNQUOTED = /[^\s;&|()<>"'`]+/y;

/** The shell word at `at`: a quoted string's content, or a bare word up to a space or an operator. */
function shellValueAt(text: string, at: number): { start: number; end: number } | undefined {
  const quote = text.charCodeAt(at);
  if (quote === 34 || quote === 39) {
    // Within the line: an unclosed quote is no value.
    let j = at + 1;
    while (j < text.length && j - at <= 512 && text.charCodeAt(j) !== quote && text.charCodeAt(j) !== 10) j += quote === 34 && text.charCodeAt(j) === 92 ? 2 : 1;
    return text.charCodeAt(j) === quote && j > at + 1 ? { start: at + 1, end: j } : undefined;
  }
  UNQUOTED.lastIndex = at;
  const m = UNQUOTED.exec(text);
  return m && m[0].length <= 512 ? { start: at, end: at + m[0].length } : undefined;
}

/**
 * Whether the value at `[start, end)` is one that the shell or a template fills in: `$VAR`, `${VAR}`, `$(cmd)`, a
 * backtick, `{{ x }}`, `%(x)s`, `<password>`. Within single quotes a POSIX shell substitutes nothing (`-p'pa$word'` is
 * those eight characters): only a template's forms count there.
 */
function isSubstitution(text: string, { start, end }: { start: number; end: number }): boolean {
  const value = text.slice(start, end);
  if (text.charCodeAt(start - 1) === 39 && text.charCodeAt(end) === 39) return /\{\{|%\(|^</.test(value);
  // `{pw}`, `%s`: a format string's fields (a Python f-string or `.format`, printf), for the strings of code; `&pw`:
  // a SQL*Plus substitution variable.
  return /^\$|\$[({A-Za-z_]|`|\{\{|%\(|^<|\{[A-Za-z_][\w.]{0,63}\}|^%[sd]$|^&/.test(value);
}

/**
 * The `count`-th positional word after `at` on its line (options skipped, and the value of each of `withArgument`), or
 * none when the line has fewer: `htpasswd -b file user password`. At most 32 words are read.
 */
function positionalValue(text: string, at: number, count: number, withArgument: readonly string[]): { start: number; end: number } | undefined {
  const words = new ShellWords(text, at, (option) => withArgument.includes(option));
  let seen = 0;
  for (let word = words.next(); word; word = words.next()) if (++seen === count) return { start: word.start, end: word.end };
  return undefined;
}

/** A word of a command line: its value's range (a quoted word's content), as written, and whether it was quoted. */
interface ShellWord {
  start: number;
  end: number;
  written: string;
  quoted: boolean;
}

const isQuote = (c: number): boolean => c === 34 || c === 39;

/**
 * The positional words of a command line from `at`, one per `next()`: blanks skipped (and `\`-newline continuations,
 * with `continuations`), options (`-s`, `--force`) skipped with the argument of those `takesArgument` accepts (`-M
 * "HTML ON"`); none after a word that is no value (an operator, an unclosed quote, the line's end). At most 32 words
 * are read, an option and its argument as one. `glued()` reads a value written right after the last word
 * (`userid="…"`: a bare part, then a quoted one).
 */
class ShellWords {
  private words = 0;
  constructor(
    private readonly text: string,
    private at: number,
    private readonly takesArgument: (option: string) => boolean,
    private readonly continuations = false,
  ) {}

  next(): ShellWord | undefined {
    const text = this.text;
    while (this.words < 32) {
      this.words++;
      this.skipBlanks(this.continuations);
      const word = shellValueAt(text, this.at);
      if (!word) return this.stop();
      const quoted = isQuote(text.charCodeAt(this.at));
      const written = text.slice(word.start, word.end);
      this.at = word.end + (quoted ? 1 : 0);
      if (quoted || !written.startsWith('-')) return { start: word.start, end: word.end, written, quoted };
      if (this.takesArgument(written)) {
        this.skipBlanks(false);
        if (!this.glued()) return this.stop();
      }
    }
    return undefined;
  }

  glued(): { start: number; end: number } | undefined {
    const value = shellValueAt(this.text, this.at);
    if (value) this.at = value.end + (isQuote(this.text.charCodeAt(this.at)) ? 1 : 0);
    return value;
  }

  private skipBlanks(continuations: boolean): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.at);
      if (c === 32 || c === 9) this.at++;
      else if (continuations && c === 92 && text.charCodeAt(this.at + 1) === 10) this.at += 2;
      else return;
    }
  }

  private stop(): undefined {
    this.words = 32;
    return undefined;
  }
}

/** Line ranges `[start, end)` of text that are command lines, and the text with everything else blanked. */
export type Spans = Array<[number, number]>;

/**
 * `text` with every character outside `spans` made a space (line breaks kept): the shell token pass reads the command
 * lines of another format (a YAML `run:` block, a Makefile recipe, a Markdown fence) at their own offsets.
 */
export function onlySpans(text: string, spans: Spans): string {
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue;
    out += blank(text.slice(at, start)) + text.slice(start, end);
    at = end;
  }
  return out + blank(text.slice(at));
}

/** `s` with every character but line breaks made a space (a replace by regular expression went character by character: a tenth of a history scan's Markdown). */
export function blank(s: string): string {
  let out = '';
  let at = 0;
  for (let nl = s.indexOf('\n'); nl >= 0; at = nl + 1, nl = s.indexOf('\n', at)) out += ' '.repeat(nl - at) + '\n';
  return out + ' '.repeat(s.length - at);
}

/** Markdown fences of a shell (or unnamed) language: ```` ```sh ````, ```` ```bash ````, ```` ```console ````, ```` ``` ````. */
const SHELL_FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*(?:sh|bash|zsh|shell|console|shell-session|terminal|ps1|powershell|cmd|bat|dockerfile|makefile|make)?[ \t]*$/i;

/** Markdown fences of SQL*Plus's languages: ```` ```sql ````, ```` ```plsql ````, ```` ```sqlplus ````. */
const SQL_FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*(?:sql|plsql|pls|sqlplus|sqlcl|oracle)(?:[ \t{][^\n]*)?$/i;

function isMarkdownPath(base: string): boolean {
  return /\.(?:md|markdown|mdx)$/.test(base) || base === 'readme';
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
}

/**
 * The command lines of a text file by its name: a Makefile's recipe lines (after a tab), a Markdown file's shell fences
 * (fences of another language are code of that language, read as text), a Procfile's processes, a Jenkinsfile's shell
 * steps, a CI log's traced commands. Linear: each line is looked at once.
 */
export function commandSpans(path: string, text: string): Spans {
  const base = baseName(path);
  const makefile = base === 'makefile' || base === 'gnumakefile' || base.endsWith('.mk') || base.endsWith('.make');
  if (makefile) {
    const spans: Spans = [];
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (text.charCodeAt(start) === 9) spans.push([start, end]);
      start = end + 1;
    }
    return spans;
  }
  if (isMarkdownPath(base)) return fencedLines(text, SHELL_FENCE);
  if (base === 'procfile' || base.startsWith('procfile.')) return eachLineSpan(text, procfileCommand);
  if (base === 'jenkinsfile' || base.endsWith('.jenkinsfile') || base.endsWith('.groovy')) return shellSteps(text);
  return base.endsWith('.log') ? eachLineSpan(text, tracedCommand) : [];
}

/** The spans `at` gives each line of the text (start and end of the line in, a span or undefined out): one pass. */
function eachLineSpan(text: string, at: (line: string) => number): Spans {
  const spans: Spans = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const from = at(text.slice(start, Math.min(end, start + 256)));
    if (from >= 0) spans.push([start + from, end]);
    start = end + 1;
  }
  return spans;
}

/** A Procfile's process line (`worker: celery -A app worker`): its command, after the process type's colon. */
const PROCFILE_LINE = /^[A-Za-z0-9_-]{1,64}:[ \t]*/;
const procfileCommand = (line: string): number => PROCFILE_LINE.exec(line)?.[0].length ?? -1;
/** A CI log's traced command (`+ curl …`, bash's xtrace; `$ curl …`, a runner's echo of the command it runs). */
const TRACED_COMMAND = /^[ \t]*(?:\+{1,3}|\$)[ \t]+/;
const tracedCommand = (line: string): number => TRACED_COMMAND.exec(line)?.[0].length ?? -1;

/** A Jenkinsfile's shell step: `sh '…'`, `sh "…"`, `sh(script: '…')`, `sh '''` opening lines of a script. */
const SHELL_STEP = /^[ \t]*(?:sh|bat|powershell|pwsh)[ \t]*\(?[ \t]*(?:script:[ \t]*)?('''|"""|'|")/;

/**
 * The command lines of a Jenkinsfile's shell steps: the rest of a step's line after its quote, and the lines of a
 * triple-quoted script up to its closing quotes. One pass over the lines.
 */
function shellSteps(text: string): Spans {
  const spans: Spans = [];
  let closing: string | undefined;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (closing) {
      if (line.includes(closing)) closing = undefined;
      else spans.push([start, end]);
    } else {
      const step = SHELL_STEP.exec(line.slice(0, 256));
      if (step) {
        // A one-line step's command ends at its closing quote (the quote left in would open a string for the lines after).
        const close = step[1]!.length === 1 ? line.lastIndexOf(step[1]!) : -1;
        spans.push([start + step[0].length, close >= step[0].length ? start + close : end]);
        if (step[1]!.length === 3 && !line.includes(step[1]!, step[0].length)) closing = step[1];
      }
    }
    start = end + 1;
  }
  return spans;
}

/** Whether any line opens as SQLPLUS_CONNECT reads one (the same pattern, tested once rather than iterated). */
const CONNECT_LINE = new RegExp(SQLPLUS_CONNECT.source, 'im');

/**
 * The lines of a Markdown file's SQL fences (SQL*Plus `CONNECT` lines are read there), none in another file, and none
 * where no line opens with `CONNECT`: told by the path first, then the text's search, which asked of every file of a
 * workspace scan was a fifteenth of its CPU.
 */
export function sqlFenceSpans(path: string, text: string): Spans {
  return isMarkdownPath(baseName(path)) && CONNECT_LINE.test(text) ? fencedLines(text, SQL_FENCE) : [];
}

/** The lines inside a Markdown file's fences whose opening line `language` accepts. */
function fencedLines(text: string, language: RegExp): Spans {
  return fenceBlocks(text).flatMap((block) => (language.test(text.slice(block.open[0], block.open[1])) ? block.lines : []));
}

/** A script's usage line: `# usage: register-webhook <provider> <token> <url>` (group 1 the command, 2 its arguments). */
const USAGE_LINE = /^[ \t]*#+[ \t]*usage:[ \t]*(?:\$[ \t]*)?([\w./-]{1,64})((?:[ \t]+[^\s]{1,64}){1,12})[ \t]*$/gim;
/** A usage's placeholder that names a credential (`<token>`, `<api-key>`, `API_SECRET`). */
const SECRET_PLACEHOLDER = /^(?:[\w-]{0,32}[_-])?(?:token|secret|password|passwd|api[_-]?key|key|pat|credential)s?$/i;
/** A usage's placeholder that names whose the credential is (`<provider>`, `<service>`). */
const OWNER_PLACEHOLDER = /^(?:provider|service|vendor|integration|app)$/i;

/**
 * A shell script's positional arguments where its usage line names them (`# usage: register-webhook <provider> <token>
 * <url>`, then `./bin/register-webhook acme … https://…`): the word at a credential's place, named by its placeholder
 * (and by the provider's place, `acme_token`). Lines that run the command are found by a string search for its name;
 * each read once: linear.
 */
export function usageArguments(text: string): OptionValue[] {
  const out: OptionValue[] = [];
  USAGE_LINE.lastIndex = 0;
  for (let usage = USAGE_LINE.exec(text), lines = 0; usage && lines < 8; usage = USAGE_LINE.exec(text), lines++) {
    const command = usage[1]!.slice(usage[1]!.lastIndexOf('/') + 1);
    const places = usage[2]!.trim().split(/[ \t]+/).map((p) => p.replace(/^[<[{]+|[>\]}.]+$/g, ''));
    const secret = places.findIndex((p) => SECRET_PLACEHOLDER.test(p));
    if (secret < 0 || command.length < 3) continue;
    const owner = places.findIndex((p) => OWNER_PLACEHOLDER.test(p));
    const usageEnd = usage.index + usage[0].length;
    for (let at = text.indexOf(command, usageEnd); at >= 0; at = text.indexOf(command, at + command.length)) {
      const lineStart = text.lastIndexOf('\n', at) + 1;
      let lineEnd = text.indexOf('\n', at);
      if (lineEnd < 0) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd);
      // The next search starts on the next line: a line is read once, however often it names the command.
      at = lineEnd - command.length;
      // The command opens its line (after a path: `./bin/…`), not a comment or an argument of another command.
      const words = [...line.matchAll(/[^\s'"]+|'[^'\n]*'|"[^"\n]*"/g)];
      const first = words[0];
      if (!first || first[0].slice(first[0].lastIndexOf('/') + 1) !== command) continue;
      const word = words[1 + secret];
      if (word) {
        const quoted = /^['"]/.test(word[0]) ? 1 : 0;
        const name = places[secret]!.toLowerCase().replace(/-/g, '_');
        const ownerWord = owner >= 0 ? words[1 + owner]?.[0] : undefined;
        out.push({ start: lineStart + word.index + quoted, end: lineStart + word.index + word[0].length - quoted, name: ownerWord && /^[A-Za-z][\w-]{1,31}$/.test(ownerWord) ? `${ownerWord}_${name}` : name });
      }
    }
  }
  return out;
}
