/**
 * Whose key a context-shaped finding is, from the name it is bound to (rules/providerNames.ts): a random value or a
 * UUID under `POSTMARK_SERVER_TOKEN` is Postmark's, so the finding names Postmark, its variable and where to rotate
 * the key. Only the label changes: the rule id (baselines, suppressions, the docs page) and whether it is reported
 * stay the generic rule's.
 */
import { ruleById } from '../rules/index';
import { namesOnlyAliases, providerNames } from '../rules/providerNames';
import type { Rule } from '../rules/types';
import { snakeCase } from './quiet';

interface Named {
  /** The alias's words, e.g. ['new', 'relic']. */
  words: string[];
  /** A word too common in code to name a provider from a key's context (providerNames.namesOnlyAliases). */
  namesOnly: boolean;
  /** What the provider calls its key is public (ProviderName.keyIsPublic). */
  keyIsPublic: boolean;
  /** The provider's public half by the name's words after the alias (ProviderName.publicHalf), and its shape. */
  publicHalf: RegExp | undefined;
  publicValue: RegExp | undefined;
  provider: string;
  envName: string;
  rotationUrl: string;
}

const aliases: Named[] = providerNames.flatMap((entry) => {
  const rule = entry.rule === undefined ? undefined : ruleById(entry.rule);
  if (entry.rule !== undefined && !rule) throw new Error(`providerNames: no rule ${entry.rule}`);
  const provider = entry.provider ?? rule!.provider;
  const envName = entry.envName ?? rule!.envName;
  const rotationUrl = entry.rotationUrl ?? rule!.rotationUrl;
  return entry.words.map((alias) => ({ words: alias.split(' '), namesOnly: namesOnlyAliases.has(alias), keyIsPublic: entry.keyIsPublic === true, publicHalf: entry.publicHalf, publicValue: entry.publicValue, provider, envName, rotationUrl }));
});
/** Aliases by their first word: a name's words are looked up, not every alias tried. */
const byFirstWord = new Map<string, Named[]>();
for (const a of aliases) byFirstWord.set(a.words[0]!, [...(byFirstWord.get(a.words[0]!) ?? []), a]);

/** A name's words: its snake_case parts, lower case, every separator (`.`, `-`, `@`, a space) a break. */
export function nameWords(name: string): string[] {
  return snakeCase(name)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const byName = new Map<string, Named | null>();
/** The provider a name spells, the longest alias first (`azure openai` before `openai`); null when none. */
function providerOfName(name: string): Named | null {
  let found = byName.get(name);
  if (found !== undefined) return found;
  found = providerOfWords(nameWords(name), false);
  if (byName.size >= 10_000) byName.clear();
  byName.set(name, found);
  return found;
}

/** The provider `words` spell, the longest alias first; with `inContext`, no alias that is an everyday word of code. */
function providerOfWords(words: readonly string[], inContext: boolean): Named | null {
  let found: Named | null = null;
  for (let i = 0; i < words.length; i++) {
    for (const a of byFirstWord.get(words[i]!) ?? []) {
      if (inContext && a.namesOnly) continue;
      if (a.words.length > (found?.words.length ?? 0) && a.words.every((w, k) => words[i + k] === w)) found = a;
    }
  }
  return found;
}

/** The providers that have a public half (ProviderName.publicHalf). */
const withPublicHalf = aliases.filter((a) => a.publicHalf !== undefined);

/**
 * Whether `value` under `name` is the public half of a provider's pair: the name spells the provider and its words
 * after the alias are the public half's (`MAILJET_API_KEY`, `mixpanelToken`), or, with `context` (the provider the
 * key's block spells), the name's words alone are (`project_token` under `[mixpanel]`).
 */
function isPublicHalfOf(name: string, value: string, context: Named | null): boolean {
  const words = nameWords(name);
  for (const a of withPublicHalf) {
    const at = words.indexOf(a.words[0]!);
    const spelled = at >= 0 && a.words.every((w, k) => words[at + k] === w);
    const rest = spelled ? words.slice(at + a.words.length) : context?.provider === a.provider ? words : undefined;
    if (rest && a.publicHalf!.test(rest.join('_')) && (!a.publicValue || a.publicValue.test(value))) return true;
  }
  return false;
}

const spelledBy = new Map<string, Named | null>();
/** The provider a callee or package spells, remembered by name (asked of every call the TypeScript extractor reads). */
function providerOfCallee(name: string): Named | null {
  let named = spelledBy.get(name);
  if (named === undefined) {
    named = providerOfWords(nameWords(name), true);
    if (spelledBy.size >= 10_000) spelledBy.clear();
    spelledBy.set(name, named);
  }
  return named;
}

/** Whether a callee or package (`mailgun.client`, `zendesk.createClient`, `@sanity/client`) spells a provider. */
export function spellsProvider(name: string): boolean {
  return providerOfCallee(name) !== null;
}

/** Whether a bare `key` in this callee's options is a credential: a provider's call, and not one whose key is public. */
export function keyIsCredentialOf(name: string): boolean {
  const named = providerOfCallee(name);
  return named !== null && !named.keyIsPublic;
}

const variants = new Map<string, Rule>();
/**
 * `rule` as the provider a name of `names` spells, for the generic rules (provider "Generic"); any other rule, or no
 * provider named, as it is. The variant keeps the rule's id, pattern and severity; its title, provider, message,
 * variable and rotation page are the provider's.
 */
export function attributed(rule: Rule, names: readonly string[]): Rule {
  if (rule.provider !== 'Generic') return rule;
  let named: Named | null = null;
  for (const name of names) if ((named = providerOfName(name))) break;
  return named ? variantFor(rule, named, 'its variable') : rule;
}

function variantFor(rule: Rule, named: Named, by: string): Rule {
  const key = `${rule.id}\u0000${named.provider}\u0000${by}`;
  let variant = variants.get(key);
  if (!variant) {
    const { message: _generic, ...rest } = rule;
    variant = { ...rest, provider: named.provider, title: `${named.provider} key or token (named by ${by}; ${kindOf(rule)})`, envName: named.envName, rotationUrl: named.rotationUrl };
    variants.set(key, variant);
  }
  return variant;
}

function kindOf(rule: Rule): string {
  return rule.id === 'hardcoded-password' ? 'a password' : rule.id === 'api-key-uuid' ? 'UUID-shaped' : 'a random value';
}

/**
 * Words a credential's name may hold and still say nothing of whose it is (`authToken`, `key_secret`, `privateKey`,
 * `license_key`, `MX_API_SECRET`'s two-letter prefix, Python's `__init__` holding a default), and words with digits
 * (a pair object's label value, `oauth2`), and type names (`api_key: str = "…"`): only such names are named by their
 * context. `JWT_SECRET`, `sessionKey` or `db_password` in a file that imports twilio are not Twilio's.
 */
const CREDENTIAL_WORDS = new Set([
  'api', 'apikey', 'key', 'keys', 'secret', 'secrets', 'token', 'tokens', 'access', 'accesstoken', 'auth', 'authtoken',
  'authorization', 'private', 'privatekey', 'client', 'clientsecret', 'app', 'application', 'server', 'license',
  'licence', 'write', 'admin', 'account', 'master', 'personal', 'service', 'credential', 'credentials', 'creds', 'bearer',
  'rest', 'live', 'prod', 'production', 'sandbox', 'test', 'value', 'config', 'self', 'this', 'default', 'my', 'your',
  'secretkey', 'apisecret', 'post', 'item', 'sdk', 'user', 'integration', 'init', 'str', 'string', 'bytes',
  'certificate',
]);
function saysOnlyCredential(names: readonly string[]): boolean {
  return names.length > 0 && names.every((name) => nameWords(name).every((w) => w.length <= 2 || CREDENTIAL_WORDS.has(w) || /\d/.test(w)));
}

/**
 * A framework's own signing secret (Django's and Flask's `SECRET_KEY`, Rails' `secret_key_base`, Laravel's `APP_KEY`,
 * a bare `secret`): a provider's only when the block that holds it or a use of it says so (`new Pusher({ … secret })`),
 * never by the file's name (`config/twilio.rb`'s `secret_key_base`).
 */
const OWN_SECRET_WORDS = new Set(['secret', 'secrets', 'key', 'keys', 'base', 'app']);
function isOwnSecretName(names: readonly string[]): boolean {
  return names.every((name) => nameWords(name).every((w) => OWN_SECRET_WORDS.has(w)));
}

/** How far back a key's enclosing blocks are read, and how many keys of one file are named by context at most. */
const CONTEXT_LINES = 200;
const CONTEXT_CHARS = 8_192;
const LINE_CHARS = 240;
const MAX_CONTEXT_LOOKUPS = 256;
/** How far after a key its variable's uses are read, and how many of them. */
const USE_CHARS = 16_384;
const MAX_USES = 16;
/** Of the file's text, how much is read for its imports. */
const IMPORT_CHARS = 65_536;

/**
 * What a file imports, by the names it binds: `import X from 'pkg'`, `import * as X`, `import { A, B as C } from`,
 * `const X = require('pkg')`, `const { A } = require('pkg')`, Python's `from pkg import A, B as C` and `import pkg as X`.
 * Linear: each alternative starts at a fixed word and reads a bounded run.
 */
const JS_IMPORT = /\bimport[ \t]+([^;'"]{1,200}?)[ \t]+from[ \t]*["']([^"'\n]{1,100})["']/g;
const JS_REQUIRE = /\b(?:const|let|var)[ \t]+([^=;]{1,200}?)[ \t]*=[ \t]*require\([ \t]*["']([^"'\n]{1,100})["'][ \t]*\)/g;
const PY_FROM_IMPORT = /^[ \t]*from[ \t]+([\w.]{1,100})[ \t]+import[ \t]+([^\n#]{1,300})/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]{1,100})(?:[ \t]+as[ \t]+(\w{1,100}))?/gm;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const NOT_BOUND = new Set(['as', 'type', 'typeof', 'default', 'from', 'import']);

/** An argument's place: after `(` or `,` (and `self.`/`this.`), before `,` or `)`. */
const ARGUMENT_BEFORE = /[(,][ \t]*(?:self\.|this\.)?$/;
const ARGUMENT_AFTER = /^[ \t]*[,)]/;

/** An INI or TOML table's header line. */
const SECTION_HEADER = /^\[\[?[\w .:"'-]{1,80}\]\]?\s*$/;

/** A heading comment (`# Mixpanel credentials`, `// Twilio API`), not code commented out (`# VERCEL_TOKEN=…`). */
const HEADING_COMMENT = /^(?:#|\/\/|\/\*|\*|--|;|<!--)[^=:'"`(){}]{1,80}$/;

/**
 * Names a generic finding for the provider its context spells, when its own name says only "credential", nearest
 * first: the SDK call, object, class, block or Terraform provider the key sits in, and the heading comment over its
 * paragraph; a later line that passes its variable to a provider's call or API host; the file's own name and folder.
 * A line spells a provider by the table's words (providerNames.ts) or by a name the file imported from a provider's
 * package. Not the file's imports alone: a module of many clients (`worker/clients.py` importing openai) holds other
 * keys too. One per analyzed file; its cost is bounded (MAX_CONTEXT_LOOKUPS keys, each reading at most CONTEXT_CHARS
 * back and USE_CHARS on).
 */
export class ContextAttribution {
  private lookups = 0;
  private imported: Map<string, Named> | undefined;
  private fromPath: Named | null | undefined;

  constructor(
    private readonly text: string,
    private readonly path: string,
  ) {}

  /** `rule` (a hit at `offset` under `names`) named for its context's provider, when it is a generic rule's and unnamed. */
  attribute(rule: Rule, names: readonly string[], offset: number): Rule {
    if (rule.provider !== 'Generic' || !saysOnlyCredential(names) || this.lookups >= MAX_CONTEXT_LOOKUPS) return rule;
    this.lookups++;
    const named = this.enclosing(offset) ?? this.ofUses(names, offset) ?? (isOwnSecretName(names) ? null : this.ofPath());
    return named ? variantFor(rule, named, 'its context') : rule;
  }

  /**
   * Whether a generic finding (`value` under `names`, at `offset`) is a provider's public half, by its name or, for
   * a name that could be one (`project_token`), by the provider its block spells. Bounded as `attribute` is.
   */
  isPublicHalf(names: readonly string[], value: string, offset: number): boolean {
    if (withPublicHalf.length === 0 || names.length === 0) return false;
    if (names.some((name) => isPublicHalfOf(name, value, null))) return true;
    if (!names.some((name) => withPublicHalf.some((a) => a.publicHalf!.test(nameWords(name).join('_')))) || this.lookups >= MAX_CONTEXT_LOOKUPS) return false;
    this.lookups++;
    const context = this.enclosing(offset);
    return context !== null && names.some((name) => isPublicHalfOf(name, value, context));
  }

  /**
   * The value's line up to it, then each line above with less indentation (the block, object, call, class or
   * provider block that holds it, outward), and comment lines of its own paragraph (`# Mixpanel credentials`).
   */
  private enclosing(offset: number): Named | null {
    const text = this.text;
    let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    let found = this.inLine(text.slice(Math.max(lineStart, offset - LINE_CHARS), offset));
    if (found) return found;
    let indent = indentOf(text, lineStart, offset);
    let paragraph = true;
    const stop = Math.max(0, offset - CONTEXT_CHARS);
    // Outward while a block can still hold it (some indentation left), or while its paragraph's comments are above.
    for (let n = 0; n < CONTEXT_LINES && lineStart > stop && (indent > 0 || paragraph); n++) {
      const end = lineStart - 1;
      lineStart = text.lastIndexOf('\n', end - 1) + 1;
      const lineIndent = indentOf(text, lineStart, end);
      const content = lineStart + lineIndent;
      if (content >= end || /^\s*$/.test(text.slice(content, Math.min(end, content + 8)))) {
        paragraph = false;
        continue;
      }
      const line = text.slice(content, Math.min(end, content + LINE_CHARS));
      // An INI or TOML table (`[mixpanel]`, `[remote "b2"]`) holds every line down to the next one.
      if (lineIndent <= indent && SECTION_HEADER.test(line)) return this.inLine(line);
      if (lineIndent < indent) {
        if (opensBlock(line) && (found = this.inLine(line))) return found;
        indent = lineIndent;
      } else if (paragraph && lineIndent <= indent && HEADING_COMMENT.test(line) && (found = this.inLine(line))) return found;
    }
    return null;
  }

  /** The provider a line spells, or whose package a name in it was imported from (`new ManagementClient({`). */
  private inLine(line: string): Named | null {
    const words = providerOfWords(nameWords(line), true);
    if (words) return words;
    const imported = this.importedNames();
    if (imported.size === 0) return null;
    for (const m of line.matchAll(IDENTIFIER)) {
      const named = imported.get(m[0]);
      if (named) return named;
    }
    return null;
  }

  /**
   * Where the key's variable is passed on after it, as an argument of a line that spells a provider or calls what the
   * file imported from one: `authToken` in `require('twilio')(accountSid, authToken)`, `auth_token` in
   * `Client(account_sid, auth_token)` after `from twilio.rest import Client`, `api_key` in
   * `requests.get("https://…freshdesk.com/…", auth=(api_key, "X"))`. Only a name of two words or more: `token` or
   * `value` is everywhere.
   */
  private ofUses(names: readonly string[], offset: number): Named | null {
    const text = this.text;
    const stop = Math.min(text.length, offset + USE_CHARS);
    for (const name of names) {
      if (!/^[A-Za-z_$][\w$]{2,}$/.test(name) || nameWords(name).length < 2) continue;
      let uses = 0;
      for (let at = text.indexOf(name, offset); at >= 0 && at < stop && uses < MAX_USES; at = text.indexOf(name, at + name.length)) {
        if (isIdentifierChar(text.charCodeAt(at - 1)) || isIdentifierChar(text.charCodeAt(at + name.length))) continue;
        uses++;
        if (!ARGUMENT_BEFORE.test(text.slice(Math.max(0, at - 16), at)) || !ARGUMENT_AFTER.test(text.slice(at + name.length, at + name.length + 4))) continue;
        const lineStart = text.lastIndexOf('\n', at) + 1;
        let lineEnd = text.indexOf('\n', at);
        if (lineEnd < 0) lineEnd = text.length;
        const found = this.inLine(text.slice(Math.max(lineStart, at - LINE_CHARS), Math.min(lineEnd, at + LINE_CHARS)));
        if (found) return found;
      }
    }
    return null;
  }

  /** The names the file's imports bind to a provider's package (`Client` after `from twilio.rest import Client`). */
  private importedNames(): Map<string, Named> {
    if (this.imported) return this.imported;
    this.imported = new Map();
    const text = this.text.length > IMPORT_CHARS ? this.text.slice(0, IMPORT_CHARS) : this.text;
    const bind = (bound: string, pkg: string): void => {
      const named = providerOfWords(nameWords(pkg), true);
      if (!named) return;
      for (const m of bound.matchAll(IDENTIFIER)) if (!NOT_BOUND.has(m[0])) this.imported!.set(m[0], named);
    };
    for (const m of text.matchAll(JS_IMPORT)) bind(m[1]!, m[2]!);
    for (const m of text.matchAll(JS_REQUIRE)) bind(m[1]!, m[2]!);
    for (const m of text.matchAll(PY_FROM_IMPORT)) bind(m[2]!, m[1]!);
    for (const m of text.matchAll(PY_IMPORT)) bind(m[2] ?? m[1]!.split('.')[0]!, m[1]!);
    return this.imported;
  }

  /**
   * The file's own name, then its folder's and the one above (`config/mailgun.js`, `newrelic.js`,
   * `integrations/trello/auth.js`): not the whole path, whose top folders name a project's parts, not its keys.
   */
  private ofPath(): Named | null {
    if (this.fromPath === undefined) {
      const segments = this.path.replace(/\\/g, '/').split('/');
      const base = segments.pop()!.replace(/\.[^.]*$/, '');
      this.fromPath = null;
      for (const segment of [base, ...segments.slice(-2).reverse()]) if ((this.fromPath = providerOfWords(nameWords(segment), true))) break;
    }
    return this.fromPath;
  }
}

/**
 * A line after which the lines below it may be its block: it ends in an opener (`{`, `(`, `[`, `:`, `=`, `=>`, `|`,
 * `\\`, `do`, `<tag>`), leaves more brackets open than it closes (`new Pusher({ appId: 'x',`), or is a YAML list item.
 * A less indented line that does none of these is not what holds the key: a multi-line string's text at column 0
 * (`-F text='… Mailgun …'` in a Go raw string, the next string of the list holding the key) or a statement before it.
 */
const TRAILING_COMMENT = /[ \t]+(?:\/\/|#|--)[^'"`]*$/;
const OPENER_END = /(?:[{([:=>|\\]|\bdo)$/;
function opensBlock(line: string): boolean {
  if (line.startsWith('- ')) return true;
  const code = line.replace(TRAILING_COMMENT, '').trimEnd();
  if (OPENER_END.test(code)) return true;
  let open = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) open++;
    else if (c === 41 || c === 93 || c === 125) open--;
  }
  return open > 0;
}

/** `[A-Za-z0-9_$]`: a character of an identifier (NaN, past either end of the text: none). */
function isIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** The count of spaces and tabs from `start`, up to `end`. */
function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - start;
}
