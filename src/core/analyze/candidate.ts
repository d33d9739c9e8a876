import { AUTH_SCHEME } from '../calls/credentialNames';
import { keyIsCredentialOf, spellsProvider } from './attribution';

/**
 * A string value found by a language extractor, with the names it is bound to
 * (variable, property, parameter, env key, header, keyword argument, `process.env.X` fallback).
 * Offsets are into the analyzed text and cover the value only (inside the quotes).
 */
export interface Candidate {
  offset: number;
  length: number;
  names: string[];
  /** Only provider rules may bind it, not the generic heuristic (a `name: "value"` example in a doc comment). */
  providerOnly?: boolean;
  /**
   * The value, when it is not the text at the range: a key split over adjacent literals (`"ab" + "cd"`, Python's
   * `"ab" "cd"`) is their contents joined, and the range covers them all.
   */
  value?: string;
  /** The value was decoded from the literal (decoded.ts): any enabled rule may bind it, its keywords are not in the text. */
  encoded?: boolean;
  /**
   * The keys of the mappings the value sits in, outermost first, dotted (`services.postmark` for a YAML
   * `services:\n  postmark:\n    server_token: …`): only to name the provider of a generic finding (attribution.ts),
   * never to bind a rule (`heroku:\n  app_name: …` holds no Heroku key).
   */
  owner?: string;
}

/**
 * A bare `key` under a mapping is named by the mapping too (`encryption:\n  key: …`, `hmac_config = { key = … }`,
 * `master: { key: … }`): `key` alone says nothing, `encryption_key` does. A mapping named for its kind of contents
 * (`api_config`, `hmacSettings`) names the key without that word. A word that only says "the value" (`value`,
 * `current`, `default`: `{"apiSecret": {"value": "…", "rotated": "…"}}`, `def connect_api_secret(value="…")`) is named by
 * its owner itself. A map of user names to passwords (`users: { admin: "…" }`, `credentials = {"alice": "…"}`) names
 * each entry a password, unless the entry's key is a field of a record (`username`, `host`). Every extractor of
 * nested values binds this way.
 */
export function withParent(key: string, parent: string | undefined): string[] {
  if (parent === undefined || parent === '') return [key];
  if (/^key$/i.test(key)) {
    const owner = parent.replace(/[_-]?(?:config|configuration|settings|options|opts|conf|cfg|params)$/i, '');
    return owner ? [key, `${owner}_${key}`] : [key];
  }
  if (VALUE_WORD.test(key)) return [key, parent];
  if (CREDENTIAL_MAP.test(parent) && !RECORD_FIELD.test(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))) return [key, USER_MAP.test(parent) ? USER_MAP_PASSWORD : 'password'];
  return [key];
}

/**
 * A map named only for people (`users`, `accounts`, `logins`) holds passwords in a login demo and names, emails, roles
 * and ids everywhere else: its entries are named USER_MAP_PASSWORD, which binds a value as a password only when the value
 * is shaped like a chosen one (userMapPassword) or the file speaks of passwords (analyze/index.ts).
 */
const USER_MAP = /^(?:(?:admin_?|static_?|allowed_?)?(?:users|accounts|logins))$/i;
export const USER_MAP_PASSWORD = 'user_map_password';

/**
 * A value shaped like a password a person chose, not a label: 8 to 64 characters without spaces, with letters and
 * digits and three of lower case, upper case, digits and symbols, where `-`, `_`, `.`, `@`, `:`, `/` (which ids, slugs,
 * emails and paths are made of) are no symbols: `S3cr3tAdm1n!`, `hello1234X`, not `group-42`, `ACME-2024`, `acct_x1`.
 */
export function userMapPassword(value: string): boolean {
  if (value.length < 8 || value.length > 64 || /\s/.test(value) || !/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  const classes = (/[a-z]/.test(value) ? 1 : 0) + (/[A-Z]/.test(value) ? 1 : 0) + 1 + (/[^A-Za-z0-9\-_.@:/]/.test(value) ? 1 : 0);
  return classes >= 3;
}

/** Words that make a file one about passwords: a user map there holds them (`check_password_hash`, `basicAuth`). */
export const PASSWORD_CONTEXT = /passw(?:or)?d|basic_?auth|htpasswd/i;

/**
 * A parameter's names. One that says nothing of itself (a letter, `arg`, `input`, `str`) is named by its function
 * too, as one that says "the value" is (withParent): `setApiToken(t = "…")`, `def set_password(self, p="…")`,
 * `function withSecret(s = "…")`; `setColor(c = "…")` names nothing, and a word of two letters may say something (`id`).
 */
export function parameterNames(parameter: string, fn: string | undefined): string[] {
  return fn && MEANINGLESS_PARAMETER.test(parameter) ? [parameter, fn] : withParent(parameter, fn);
}

/** Parameter names that say nothing of what they hold: a letter (`t`, `p1`, `_s`), `arg`, `input`, `str`, `raw`. */
const MEANINGLESS_PARAMETER = /^(?:_?[A-Za-z]_?\d?|_|args?\d?|param\d?|input|str|string|raw|new_?value)$/;

/** Names that say only "the value" of whatever holds them. */
export const VALUE_WORD = /^(?:value|val|current|default|default_?value|plain_?text|secret_?value|parameter_?value|option_?value)$/i;

/**
 * The words of CREDENTIAL_MAP no rule lists as a keyword (`credentials`, `passwords` hold one): a file holding a map
 * `users = {…}` and nothing else that names a secret is read too. binding.ts binds them only where a map follows.
 */
export const CREDENTIAL_MAP_KEYWORDS: readonly string[] = ['users', 'accounts', 'logins', 'creds'];

/** Maps whose entries are user names and their passwords: basic-auth `users`, `htpasswd`-like dicts, `credentials`. */
export const CREDENTIAL_MAP = /^(?:(?:basic_?auth_?|auth_?|admin_?|api_?|static_?|allowed_?)?(?:users|accounts|logins|credentials|creds|passwords|passwd|htpasswd|user_?passwords|user_?credentials))$/i;

/**
 * Keys of a record rather than user names of a map (`credentials: { username: "…", region: "…" }`, a service account's
 * `private_key_id`, `client_email`): tested on the key in snake_case, by its last word.
 */
const RECORD_FIELD = /(?:^|[_.-])(?:user(?:_?name)?|login|e?mail|address|name|id|ids|uid|type|kind|host(?:name)?|port|url|uri|endpoint|region|realm|roles?|scopes?|provider|path|file|description|label|enabled|source|method|schema|database|db|tenant|project|account|client|domain|profile|mode|format|version|issuer|audience|count|size|date|at|expires?|expiry|ttl|timeout)$/i;

/**
 * In a `{name, value}` pair object (a Postman or Insomnia variable, a HAR header or query parameter, a Kubernetes env
 * entry, CloudFormation's `ParameterKey`/`ParameterValue`, Helm's `set { name = … value = … }`, a settings table's
 * `key_name`/`value` columns): the field that names
 * the pair, and the field that holds its value. The label names the value: `{"name": "API_TOKEN", "value": "…"}`.
 */
export const PAIR_LABEL = /^(?:name|key|id|key_?name|parameter_?(?:name|key)|option_?name|variable(?:_?name)?|var_?name|env_?name|header_?name|setting_?name)$/i;
/**
 * A setting's name as a pair's label holds it: words joined by `_`, `.` or `-` (`COMMIT_SHA`, `stripe.secret_key`). In
 * a table of settings such a label names the value alone: the value's column (`secret`, `value`) only says where the
 * table keeps it (extract/sql.ts, extract/lines.ts).
 */
export const SETTING_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}(?:[_.-][A-Za-z0-9]{1,63}){1,8}$/;
export const PAIR_VALUE = /^(?:value|val|secret|secret_?value|parameter_?value|option_?value|setting_?value)$/i;

/** A settings table's label column besides PAIR_LABEL's: one naming the field a row sets (`field`, `setting`, `credential_type`). */
const TABLE_LABEL = /^(?:field|field_?name|setting|credential_?(?:name|type)|secret_?(?:name|type)|config_?key|property)$/i;
export const isTableLabel = (column: string): boolean => PAIR_LABEL.test(column) || TABLE_LABEL.test(column);
/** A settings table's column naming the service a row's setting is for: `(provider, name, value)`, `tenant,service,field,value`. */
export const TABLE_SERVICE = /^(?:provider|provider_?name|service|service_?name|vendor|integration|platform|app|application)$/i;

/**
 * The names of a cell of a settings table's row (extract/sql.ts, extract/lines.ts), under `column`: a label that is a
 * setting's name (`COMMIT_SHA`, `stripe.secret_key`) names a value column's cell alone, since that column only says where
 * the table keeps it (`secret`, `value`); a column that says what it holds (`api_key`) or a plain word for a label
 * (`token`) keeps the column's name too. The row's service qualifies its label (`stripe` + `secret_key`), as a
 * mapping's key does its fields: a provider's rule is bound by its own name.
 */
export function settingRowNames(column: string, label: string | undefined, service: string | undefined): string[] {
  if (label === undefined || label === '') return [column];
  const names = SETTING_NAME.test(label) && PAIR_VALUE.test(column) ? [label] : [column, label];
  if (service && /^[A-Za-z][A-Za-z0-9-]{1,39}$/.test(service)) names.push(`${service}_${label}`);
  return names;
}

/** Between two literals that join into one value: spaces, line breaks, a `+`, Python's line continuation. */
const JOINER = /^[ \t\r\n\\]{0,64}(?:\+[ \t\r\n\\]{0,64})?$/;
/** Whether the text between two literals joins them (`" + "`, `"\n  "`): literals concatenated into one value. */
export function joinsLiterals(between: string): boolean {
  return between.length <= 130 && JOINER.test(between);
}

/**
 * A candidate for a value split over adjacent literals, `pieces` their content ranges in order: their contents joined,
 * over the range from the first's start to the last's end. None when a piece holds a space (`'Bearer ' + '…'`: the
 * scheme and the key, which the pieces' own candidates read) or there is one piece.
 */
export function pushJoined(out: Candidate[], text: string, pieces: ReadonlyArray<readonly [number, number]>, names: string[]): void {
  if (pieces.length < 2 || names.length === 0) return;
  let value = '';
  for (const [start, end] of pieces) {
    const piece = text.slice(start, end);
    if (/\s/.test(piece)) return;
    value += piece;
  }
  const offset = pieces[0]![0];
  out.push({ offset, length: pieces[pieces.length - 1]![1] - offset, names, value });
}

/** What every extractor returns: candidates, plus notes when it had to give up part of the file. */
export interface Extraction {
  candidates: Candidate[];
  notes: string[];
}

/**
 * Calls that only re-encode their first argument (`Buffer.from("…", "hex")`, `new TextEncoder().encode("…")`,
 * `bytes.fromhex("…")`, `base64.b64decode("…")`, pydantic's `SecretStr("…")`, `JSON.stringify("…")` in a bundler's
 * `define`): the literal is the value of whatever
 * the call's result is bound to (`const signingKey = Buffer.from("…", "hex")`). Tested on the dotted callee.
 */
export const VALUE_WRAPPER = /(?:^|\.)(?:Buffer\.from|JSON\.stringify|TextEncoder\.encode|atob|hexToBytes|fromHex|bytes\.fromhex|unhexlify|a2b_hex|(?:urlsafe_)?b(?:64|32|16)decode|SecretStr|SecretBytes)$/;

/** A word of a class's name that says it encrypts or signs with a key it is constructed with (`Cryptr`, `HmacSigner`). */
const SECRET_CLASS_WORD = /^(?:Encrypt(?:ion|or)?|Cryptr?|Cipher|Signing|Signer|Hmac|Jwt|Jws)$/;
/**
 * A client made from an API's URL and one string (`createHttpClient('https://api.vendor.io', '…')`, `new ApiClient(baseUrl,
 * '…')`): the string is its key. The callee (`createHttpClient`, `new ApiClient`, `makeClient`), and the end of a
 * variable's name that holds the URL (`baseUrl`, `API_URL`, `endpoint`): read by the TypeScript extractor, and by the
 * parse prefilter (binding.ts) to let such a call through.
 */
export const CLIENT_CALLEE = /client$/i;
export const URL_NAME_ENDS = 'url|uri|endpoint|host';

/**
 * A call that makes a client with strings: `new Plivo.Client(authId, authToken)`, `new LedgerClient(account, '…')`,
 * `pushy.Client("…")`. Its last string argument is its credential (the SDKs' order: an id or an endpoint first, the
 * secret last); the generic rule still judges that value by its shape. Tested on the callee's last segment; a call
 * that looks a client up (`getClient(id)`, `findClient`, `deleteClient`) makes none. A provider's own constructor or
 * connect call (`Mailjet.apiConnect(key, secret)`, `Telnyx('…')`) is one too (keyIsCredentialOf). (A class named for a
 * credential, `new AzureKeyCredential('…')`, is named by its callee already.)
 */
export const CLIENT_MAKER = /^(?!(?:get|find|fetch|load|lookup|delete|remove|update|read|select|use|has|is|set|close|destroy|register|add|with|to|from)(?:[A-Z_]|$))[\w$]*(?:[Cc]lient|CLIENT)$/;
/**
 * A call that logs a client in: its last string, after another string (a user, a key id: `client.signIn(user, '…')`,
 * `b2.authorize_account(realm, keyId, '…')`), is its credential; one string alone is a user name or an account as often.
 */
export const LOGIN_CALL = /^(?:authori[sz]e|authenticate|log_?in|logIn|sign_?in|signIn)(?:_?[Aa]ccount)?$/;
/** A provider's call that authenticates a client, besides constructing it: `Mailjet.apiConnect(key, secret)`, `mailgun.connect(…)`. */
export const PROVIDER_CONNECT = /^(?:api_?)?connect$/i;
/**
 * Whether the last of a call's `strings` string arguments is the client's credential: a login after another string; a
 * client made with two strings (an id and a secret; with one, a name or a public key as often; with three, Twilio's
 * `Client(keySid, secret, accountSid)` ends with an id); a provider's own constructor (`constructed`: `new Vonage(…)`),
 * bare call (`Telnyx('…')`) or connect call of one or two strings; none of a provider whose key is public (Pusher's).
 * One decision for the TypeScript extractor and the token pass.
 */
export function clientCredentialIsLast(callee: string, strings: number, constructed: boolean): boolean {
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  if (LOGIN_CALL.test(last)) return strings >= 2;
  const provider = keyIsCredentialOf(callee);
  if (!provider && spellsProvider(callee)) return false;
  if (CLIENT_MAKER.test(last)) return strings === 2;
  return provider && strings <= 2 && (constructed || PROVIDER_CONNECT.test(last) || last === callee);
}
/** The name a client's credential argument is read under, after the call that takes it: `Plivo.Client_credential`. */
export const clientCredentialName = (callee: string): string => `${callee}_credential`;
/**
 * The keywords that find a LOGIN_CALL for the parse prefilter (binding.ts, ruleSet.ts), besides `client`
 * (SECRET_CLASS_KEYWORDS) and the generic rule's `auth` and `login`. Not `connect`: it is in most files of packages
 * (`connection`, `disconnect`), and the keyword pass's cost grows with its hits; a provider's connect call is read where
 * another keyword brings its file in.
 */
export const CLIENT_MAKER_KEYWORDS: readonly string[] = ['signin', 'sign_in', 'log_in'];

/**
 * Whether a class's name (PascalCase, up to 64 characters) holds a SECRET_CLASS_WORD: `new Cryptr("…")`,
 * `new FieldEncryptor("…")`, `new JwtSigner("…")` are constructed with their key (extract/typescript.ts).
 */
export function namesSecretClass(name: string): boolean {
  return name.length <= 64 && /^[A-Z]/.test(name) && name.split(/(?=[A-Z][a-z])/).some((word) => SECRET_CLASS_WORD.test(word));
}
/** The keywords that find SECRET_CLASS_WORD in a text, for the parse prefilter (binding.ts, ruleSet.ts). */
export const SECRET_CLASS_KEYWORDS: readonly string[] = ['encrypt', 'crypt', 'cipher', 'signing', 'signer', 'hmac', 'jwt', 'jws', 'client'];

/** Which extractor reads a call: the TypeScript one (JS/TS), or the token pass (Python, shell, JS too large to parse). */
export type CallReader = 'typescript' | 'tokens';

/** An argument that is a credential, and the name it is read under. */
export interface KeyArgument {
  at: number;
  name: string;
}

/**
 * Well-known APIs whose argument at an index is a credential though nothing names it, one entry each: the callee (the
 * last segment of a dotted one, or its last two where the method alone says nothing: `bcrypt.hash`), the argument's
 * index, and the name it is read under, so that a password argument binds the password rule (`new Sequelize(db, user,
 * 'Summer2022#')` is no 16-character random secret); `readers`: the extractors that look for it. The prefilter's call
 * words (binding.ts) and the keyword pass (ruleSet.ts) take every callee here.
 */
const KEY_ARGUMENTS: ReadonlyArray<KeyArgument & { callee: string; readers: readonly CallReader[] }> = [
  // node:crypto
  { callee: 'createHmac', at: 1, name: 'secret', readers: ['typescript'] },
  { callee: 'createCipheriv', at: 1, name: 'secret', readers: ['typescript'] },
  { callee: 'createDecipheriv', at: 1, name: 'secret', readers: ['typescript'] },
  { callee: 'createSecretKey', at: 0, name: 'secret', readers: ['typescript'] },
  // cookie-parser, ethers' `new Wallet(privateKey)`, viem, Sequelize
  { callee: 'cookieParser', at: 0, name: 'secret', readers: ['typescript'] },
  // keygrip's list of signing keys (what Koa's `app.keys` becomes): every element is a key.
  { callee: 'Keygrip', at: 0, name: 'secret', readers: ['typescript'] },
  { callee: 'keygrip', at: 0, name: 'secret', readers: ['typescript'] },
  { callee: 'Wallet', at: 0, name: 'privateKey', readers: ['typescript'] },
  { callee: 'privateKeyToAccount', at: 0, name: 'privateKey', readers: ['typescript', 'tokens'] },
  { callee: 'Sequelize', at: 2, name: 'password', readers: ['typescript'] },
  // postmark.js: the server or account token, a UUID (the name says whose: attribution.ts)
  { callee: 'postmark.ServerClient', at: 0, name: 'postmark_server_token', readers: ['typescript'] },
  { callee: 'postmark.AccountClient', at: 0, name: 'postmark_account_token', readers: ['typescript'] },
  // Provider SDKs whose credential is a positional argument, named for the provider (attribution.ts names the finding):
  // twilio(accountSid, authToken) and require('twilio')(…), algoliasearch(appId, apiKey) and Python's
  // SearchClient.create(app_id, api_key), the trello package's new Trello(key, token), pyrollbar's
  // rollbar.init(access_token, environment).
  { callee: 'twilio', at: 1, name: 'twilio_auth_token', readers: ['typescript'] },
  { callee: 'Twilio', at: 1, name: 'twilio_auth_token', readers: ['typescript'] },
  { callee: 'TwilioRestClient', at: 1, name: 'twilio_auth_token', readers: ['tokens'] },
  { callee: 'algoliasearch', at: 1, name: 'algolia_api_key', readers: ['typescript'] },
  { callee: 'SearchClient.create', at: 1, name: 'algolia_api_key', readers: ['tokens'] },
  { callee: 'Trello', at: 1, name: 'trello_token', readers: ['typescript'] },
  { callee: 'rollbar.init', at: 0, name: 'rollbar_access_token', readers: ['tokens'] },
  // cryptography's Fernet, web3/eth-account's `Account.from_key`, smtplib/imaplib/ftplib's `login(user, password)`
  { callee: 'Fernet', at: 0, name: 'secret', readers: ['tokens'] },
  { callee: 'MultiFernet', at: 0, name: 'secret', readers: ['tokens'] },
  { callee: 'from_key', at: 0, name: 'privateKey', readers: ['tokens'] },
  { callee: 'login', at: 1, name: 'password', readers: ['tokens'] },
  // Password hashing and key derivation: what is hashed is a password (a seed script's admin account, a test user).
  // node:crypto, bcrypt / bcryptjs, argon2 (the receiver as these packages are imported).
  { callee: 'pbkdf2', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'pbkdf2Sync', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'scrypt', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'scryptSync', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'bcrypt.hash', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'bcrypt.hashSync', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'bcrypt.compare', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'bcrypt.compareSync', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'bcryptjs.hash', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'bcryptjs.hashSync', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'argon2.hash', at: 0, name: 'password', readers: ['typescript'] },
  { callee: 'argon2.verify', at: 1, name: 'password', readers: ['typescript'] },
  // Python: bcrypt, hashlib, Django, Werkzeug / Flask.
  { callee: 'bcrypt.hashpw', at: 0, name: 'password', readers: ['tokens'] },
  { callee: 'bcrypt.checkpw', at: 0, name: 'password', readers: ['tokens'] },
  { callee: 'hashlib.pbkdf2_hmac', at: 1, name: 'password', readers: ['tokens'] },
  { callee: 'hashlib.scrypt', at: 0, name: 'password', readers: ['tokens'] },
  { callee: 'make_password', at: 0, name: 'password', readers: ['tokens'] },
  { callee: 'generate_password_hash', at: 0, name: 'password', readers: ['tokens'] },
  { callee: 'check_password_hash', at: 1, name: 'password', readers: ['tokens'] },
];

/** The key arguments one extractor looks for, by callee. */
export function keyArgumentsOf(reader: CallReader): ReadonlyMap<string, KeyArgument> {
  return new Map(KEY_ARGUMENTS.filter((k) => k.readers.includes(reader)).map(({ callee, at, name }) => [callee, { at, name }]));
}

/** The key argument of a dotted callee (`bcrypt.hash`, `crypto.pbkdf2Sync`): by its last two segments, else its last. */
export function keyArgumentOf(table: ReadonlyMap<string, KeyArgument>, dotted: string): KeyArgument | undefined {
  const last = dotted.lastIndexOf('.');
  if (last < 0) return table.get(dotted);
  return table.get(dotted.slice(dotted.lastIndexOf('.', last - 1) + 1)) ?? table.get(dotted.slice(last + 1));
}

/** Every callee of KEY_ARGUMENTS (identifiers, or two joined by a dot). */
export const KEY_ARGUMENT_CALLEES: readonly string[] = KEY_ARGUMENTS.map((k) => k.callee);

/** `X-Api-Key: …` at the start of a string: a header written as one string. */
const HEADER = /^([A-Za-z][A-Za-z0-9-]{1,30}):\s*/;

/**
 * The credential part of a string's content `text[start, end)`: after a header name that names a credential
 * (`Authorization: `, `X-Api-Key: `) and after an auth scheme (`Bearer `, `Basic `), with the names they add; inside
 * quotes that the content itself holds (a JSON-encoded string: esbuild's and webpack's `define` values, `'"…"'`).
 * pushCandidate and the parse prefilter both use it, so the prefilter checks exactly the value a rule will see.
 */
export function credentialStart(text: string, start: number, end: number): { start: number; end: number; names: string[] } {
  const names: string[] = [];
  const header = HEADER.exec(text.slice(start, Math.min(end, start + 40)));
  if (header && /auth|key|token|secret/i.test(header[1]!)) {
    names.push(header[1]!);
    start += header[0].length;
  }
  const scheme = AUTH_SCHEME.exec(text.slice(start, Math.min(end, start + 12)));
  if (scheme) {
    names.push('authorization');
    start += scheme[0].length;
  }
  const quote = text.charCodeAt(start);
  if (end - start > 2 && (quote === 34 || quote === 39) && text.charCodeAt(end - 1) === quote) {
    start++;
    end--;
  }
  return { start, end, names };
}

/**
 * Narrows `Authorization: Bearer abc` / `Bearer abc` / `token abc` to the credential part,
 * so the reported range is the key itself and the fix replaces only that.
 */
export function pushCandidate(out: Candidate[], text: string, offset: number, length: number, names: string[], owner?: string): void {
  if (length <= 0) return;
  const end = offset + length;
  const credential = credentialStart(text, offset, end);
  if (credential.end <= credential.start) return;
  const candidate: Candidate = { offset: credential.start, length: credential.end - credential.start, names: credential.names.length ? [...names, ...credential.names] : names };
  if (owner) candidate.owner = owner;
  out.push(candidate);
}
