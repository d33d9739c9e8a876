/**
 * The two sides of a name-bound rule (a value bound to a name: `apiKey = "…"`), decided for every such rule at once and
 * remembered: which rules a value could satisfy, which rules a name could bind.
 */
import type { Rule } from '../rules/types';
import { attributed, spellsProvider } from './attribution';
import { CLIENT_CALLEE, CLIENT_MAKER, CREDENTIAL_MAP, KEY_ARGUMENT_CALLEES, LOGIN_CALL, namesSecretClass, PROVIDER_CONNECT, URL_NAME_ENDS } from './candidate';
import type { CompiledRule } from './compile';
import { shannonEntropy } from './entropy';
import { isPlaceholder, isQuietGenericValue, isQuietPasswordValue, isSecretName, isStandInName, looksMachineMade, snakeCase } from './quiet';
import { addRule, addRules, emptyMask, hasRule, intersects, maskWithout, type RuleMask } from './ruleMask';
import { ALL_RULES, HEURISTIC_BITS, MIN_VALUE_LENGTH, valueRules } from './ruleSet';
import { WordCursor } from '../vocabulary/positions';

const HEX = /^[0-9a-fA-F]+$/;
/**
 * The heuristics' entropy floor for a hex value: one random 32-hex key in 300 falls below it, a patterned one
 * (`aaaabbbbcccc…`, 3 bits) does not reach it.
 */
const HEX_ENTROPY_FLOOR = 3.2;

/**
 * The binding of values to names for a list of name-bound rules (valueRules: the provider rules in order, the heuristics
 * last; `all` the set of them, `heuristics` the heuristics'), each function remembering what it read for those rules.
 * The analysis uses the one over the product's rules (below); a test may make one over a longer list.
 */
export function createBinding(valueRules: readonly CompiledRule[], all: RuleMask, heuristics: RuleMask) {
  const words = all.length;
  // The set most values (~98 % near a name) and names get, shared rather than made for each.
  const none = emptyMask(words);
  /**
   * The value side of matchBound for every name-bound rule at once: which rules would accept this value if a name
   * bound it (pattern, entropy floor, not a placeholder, and for the generic heuristic not a quiet value). Remembered
   * per value: re-analysis after a keystroke sees the same strings again (all but the edited one). A pure function of
   * the value, so the memo changes no result; it is dropped when it grows large.
   */
  const valueMasks = new Map<string, RuleMask>();

  function valueMask(value: string): RuleMask {
    let mask = valueMasks.get(value);
    if (mask !== undefined) return mask;
    mask = none;
    if (value.length >= MIN_VALUE_LENGTH) {
      // The cheap tests first, the costly ones only for what passes them: nearly every value near a name (~98 % in a
      // workspace scan) fits no rule's pattern, and an anchored pattern fails at its first wrong character, where the
      // placeholder check (a long alternation tried at every offset) and the entropy read the whole value.
      let entropy = -1;
      // Hex carries 4 bits a character at most: the heuristics' floor (3.5 bits) rejected one random 32-hex key in five.
      const hexFloor = HEX.test(value) ? HEX_ENTROPY_FLOOR : Infinity;
      // Asked once for all the heuristics (generic, password) that take the value: it reads the value word by word.
      let quiet: boolean | undefined;
      let quietPassword: boolean | undefined;
      for (let i = 0; i < valueRules.length; i++) {
        const c = valueRules[i]!;
        if (!c.whole!.test(value)) continue;
        if (entropy < 0) entropy = shannonEntropy(value);
        if (entropy < (c.rule.heuristic ? Math.min(c.rule.minEntropy ?? 0, hexFloor) : (c.rule.minEntropy ?? 0))) continue;
        if (c.rule.heuristic && !c.rule.identifierShaped && (c.rule.chosenPassword ? (quietPassword ??= isQuietPasswordValue(value)) : (quiet ??= isQuietGenericValue(value)))) continue;
        if (c.rule.validWhen?.(value) === false) continue;
        if (mask === none) mask = emptyMask(words);
        addRule(mask, i);
      }
      if (mask !== none && isPlaceholder(value)) mask = none;
    }
    if (valueMasks.size >= 50_000) valueMasks.clear();
    valueMasks.set(detached(value), mask);
    return mask;
  }

  /**
   * valueMask in a test, fixture or example file (isTestPath): the provider rules alike, the heuristics only for a value
   * that looks machine-made (quiet.looksMachineMade), so `password: "test123"` and `"fake-token"` stay quiet there.
   */
  function testValueMask(value: string): RuleMask {
    const mask = valueMask(value);
    return !intersects(mask, heuristics) || looksMachineMade(value) ? mask : maskWithout(mask, heuristics);
  }

  /**
   * The name side of matchBound for every name-bound rule at once: which rules a name like this could bind a value for.
   * Tested on the whole word around a keyword (`self.api_key`, `X-Api-Key`) and on its dotted or dashed segments, so it
   * accepts at least every name an extractor can take from there (an identifier, a property's last segment, a header).
   * Remembered per word, like valueMask.
   */
  const nameReadings = new Map<string, NameReading>();
  function nameMask(word: string): RuleMask {
    return nameReading(word).mask;
  }

  function nameReading(word: string): NameReading {
    const known = nameReadings.get(word);
    if (known !== undefined) return known;
    const reading: NameReading = { mask: wordMask(word), follows: (KEYS_PROPERTY.test(word) ? FOLLOWS_KEYS_LIST : 0) | (CREDENTIAL_MAP_WORD.test(word) ? FOLLOWS_USER_MAP : 0) | (CLIENT_CALLEE.test(word) ? FOLLOWS_CLIENT_URL : 0) | (makesClient(word) ? FOLLOWS_CLIENT_MAKER : 0) };
    if (nameReadings.size >= 50_000) nameReadings.clear();
    nameReadings.set(detached(word), reading);
    return reading;
  }

  function wordMask(word: string): RuleMask {
    if (KEY_CALL_WORD.test(word)) return all;
    // The word as a whole, then its dotted, dashed or `@` segments (`self.api_key`, `X-Api-Key`): the rules each name binds,
    // OR-ed, are the rules one of them binds.
    let mask = rulesOfName(word);
    if (word.includes('.') || word.includes('-') || word.includes('@')) {
      for (const segment of word.split(/[.@-]+/)) {
        const rules = rulesOfSegment(segment);
        if (rules === none) continue;
        // A set of its own to add to: the word's and the segments' are memos' (never written).
        if (mask === none) mask = rules;
        else {
          const joined = emptyMask(words);
          addRules(joined, mask);
          addRules(joined, rules);
          mask = joined;
        }
      }
    }
    return mask;
  }

  /**
   * The rules one name could bind (nameBinds, rule by rule), after ANY_HINT's test of it (mayBind): a name it rejects binds
   * no rule, since ANY_HINT takes every name a hint takes.
   */
  function rulesOfName(name: string): RuleMask {
    // Its snake_case form made once here, not once per heuristic that reads it.
    const snake = snakeCase(name);
    if (!mayBind(name, snake)) return none;
    let mask = none;
    for (let i = 0; i < valueRules.length; i++) {
      if (!nameBinds(valueRules[i]!, name, snake)) continue;
      if (mask === none) mask = emptyMask(words);
      addRule(mask, i);
    }
    return mask;
  }

  /**
   * rulesOfName for a segment of a word, remembered: a segment recurs in many words (`apiKey` in `this.apiKey`,
   * `options.apiKey`, `config.apiKey`): the real-world corpus's 24,000 words hold 55,000 names, 28,000 of them distinct.
   */
  const segmentRules = new Map<string, RuleMask>();
  function rulesOfSegment(segment: string): RuleMask {
    let mask = segmentRules.get(segment);
    if (mask !== undefined) return mask;
    mask = rulesOfName(segment);
    if (segmentRules.size >= 50_000) segmentRules.clear();
    segmentRules.set(detached(segment), mask);
    return mask;
  }

  /**
   * Every rule's name hint in one expression (case-insensitive: it may take more than the hints, never less): a name none
   * of them matches, as written or in snake_case, binds no rule, and most words around a keyword (`keys`, `keyof`,
   * `passed`) are such names, each tested once instead of against each rule. Undefined if a hint cannot join it.
   */
  const ANY_HINT = valueRules.every((c) => /^[gimsy]*$/.test(c.rule.nameHint!.flags) && !/\\[1-9k]|\(\?</.test(c.rule.nameHint!.source))
    ? new RegExp(valueRules.map((c) => `(?:${c.rule.nameHint!.source})`).join('|'), 'is')
    : undefined;
  function mayBind(name: string, snake: string): boolean {
    return !ANY_HINT || ANY_HINT.test(name) || (snake !== name && ANY_HINT.test(snake));
  }

  /**
   * Of the name keywords' end offsets, those inside a word that could name a secret for one of the `bindable` rules:
   * `keys`, `keyof`, `Keyboard`, `tokenizer` and `passive` are most of the keyword hits in real code and bind nothing.
   * With `masks`, which rules each one could bind (all its word binds, `bindable` or not) is pushed there, in the same order.
   */
  function bindingNamePositions(text: string, ends: readonly number[], bindable: RuleMask, masks?: RuleMask[]): number[] {
    const out: number[] = [];
    const cursor = new WordCursor(text, isNameChar);
    let mask = none;
    for (const end of ends) {
      // Several keywords in one word (`apiKeyToken`, or a long base64 run with dozens of hits): the word is read once.
      if (cursor.next(end)) {
        const word = text.slice(cursor.start, cursor.stop);
        const reading = nameReading(word);
        mask = reading.mask;
        const follows = reading.follows;
        // Koa's `app.keys = ['…', '…']`: an object's `keys` assigned a list is its signing keys (told by what follows, so
        // `Object.keys(…)`, in most files, is no reason to parse).
        if (mask === none && (follows & FOLLOWS_KEYS_LIST) !== 0 && ASSIGNED_LIST.test(text.slice(cursor.stop, cursor.stop + 16))) mask = all;
        // A map of user names to passwords, or a call that takes one, only where a map follows (`credentials = {`,
        // `basicAuth({`): `credentials: 'include'` in a fetch is most of that word's uses.
        else if ((follows & FOLLOWS_USER_MAP) !== 0 && MAP_FOLLOWS.test(text.slice(cursor.stop, cursor.stop + 64))) mask = all;
        // A bare `key` in the options of a provider's SDK call (`mailgun.client({ username: 'api', key: '…' })`) is its API
        // key (the TypeScript extractor names it so); read only where `key:` is a property.
        else if (word === 'key' && mask === none && /^["']?[ \t]*:/.test(text.slice(cursor.stop, cursor.stop + 4)) && inProviderCall(text, cursor.start)) mask = all;
        // A provider's client, or a class named for encrypting or signing, constructed with a string (`new
        // RazorpayKeyClient("…")`, `new Cryptr("…")`): the TypeScript extractor names that first argument a key.
        else if (mask === none && text.charCodeAt(cursor.stop) === 40 && /\bnew[ \t]+$/.test(text.slice(Math.max(0, cursor.start - 8), cursor.start)) && (spellsProvider(word) || namesSecretClass(word))) mask = all;
        // A client made from an API's URL and a string (`createHttpClient('https://api.vendor.io', '…')`): the TypeScript
        // extractor names that string the client's key.
        else if (mask === none && (follows & FOLLOWS_CLIENT_URL) !== 0 && text.charCodeAt(cursor.stop) === 40 && URL_ARGUMENT.test(text.slice(cursor.stop + 1, cursor.stop + 96))) mask = all;
        // A call that makes a client or logs one in with strings (`new Plivo.Client(id, '…')`, `b2.authorize_account(…)`,
        // `Mailjet.apiConnect(…)`): the extractors name its last string its credential (candidate.ts CLIENT_MAKER).
        else if (mask === none && (follows & FOLLOWS_CLIENT_MAKER) !== 0 && text.charCodeAt(cursor.stop) === 40 && stringArgument(text.slice(cursor.stop + 1, cursor.stop + 160))) mask = all;
      }
      // The name's whole set, not its part in `bindable`: the one reader (prefilter.ts) intersects it with bindable anyway.
      if (mask !== none && intersects(mask, bindable)) {
        out.push(end);
        masks?.push(mask);
      }
    }
    return out;
  }

  /**
   * Whether one of these names could bind a rule of `bindable` (nameMask: never less than nameBinds takes, so "no" means
   * matchBound finds nothing whatever the value). Asked before a candidate's value is cut out of the text and checked: a
   * Markdown changelog's `deps: name@1.0.0` lines are a thousand candidates a version, under names that bind nothing.
   */
  function namesMayBind(names: readonly string[], bindable: RuleMask): boolean {
    for (let k = 0; k < names.length; k++) {
      const mask = nameMask(names[k]!);
      if (mask !== none && intersects(mask, bindable)) return true;
    }
    return false;
  }

  /**
   * The first name-bound rule, in order, that takes this value under one of these names: the value side is valueMask
   * (the one place it is decided, for the prefilter too), the name side nameBinds; `bindable` says which rules can fire.
   * In a test path (`inTests`) the value side is testValueMask and the heuristics do not bind a stand-in's name.
   * A generic rule's match comes back as the provider one of the names, or the mappings it sits in (`owner`), spells
   * (attribution.ts), when one does.
   */
  function matchBound(value: string, names: string[], bindable: RuleMask, inTests = false, owner?: string): Rule | undefined {
    if (owner !== undefined && ENCRYPTED_OWNER.test(owner)) return undefined;
    const values = inTests ? testValueMask(value) : valueMask(value);
    if (values === none) return undefined;
    for (let i = 0; i < valueRules.length; i++) {
      const c = valueRules[i]!;
      if (!hasRule(values, i) || !hasRule(bindable, i)) continue;
      if (names.some((n) => nameBinds(c, n) && !(inTests && c.rule.heuristic && isStandInName(n)))) return attributed(c.rule, owner ? [...names, owner] : names);
    }
    return undefined;
  }

  return { none, valueMask, testValueMask, nameMask, bindingNamePositions, namesMayBind, matchBound };
}

/**
 * Calls whose argument is a key though nothing names it (`createHmac(alg, "…")`, `jwt.sign(payload, "…")`,
 * `hmac.new(b"…")`): the extractors bind such an argument to the name `secret`, so a word like these binds every rule.
 */
// The key-argument APIs (`cookieParser`, `Wallet`, `Sequelize`, `Fernet`, `login`, candidate.ts) only as the called
// name itself (`walletAddress`, `getWallet` or `loginUrl` bind nothing).
const KEY_CALL_WORD = new RegExp(`hmac|cipher|createsecretkey|jwt|jws|(?:^|\\.)(?:${KEY_ARGUMENT_CALLEES.map((c) => c.replace('.', '\\.')).join('|')})$`, 'i');

/**
 * A map of user names to passwords (`credentials`, `passwords`, candidate.ts's CREDENTIAL_MAP) or a call that takes one
 * (`basicAuth({ users: … })`, an `htpasswd` dict): its entries are passwords, which any rule may bind.
 */
const CREDENTIAL_MAP_WORD = new RegExp(`(?:^|\\.)(?:${CREDENTIAL_MAP.source.replace(/^\^|\$$/g, '')})$|basic_?auth|htpasswd`, 'i');

/**
 * What bindingNamePositions reads off a word alone, remembered with its mask: a word occurs again and again (300,000
 * keyword hits over 24,000 distinct words in the real-world corpus), and the tests below ran at every occurrence.
 */
interface NameReading {
  /** nameMask's answer. */
  mask: RuleMask;
  /** Which of the binds-by-what-follows tests the word itself allows (FOLLOWS_*). */
  follows: number;
}
/** `app.keys`: an object's keys property (KEYS_PROPERTY). */
const FOLLOWS_KEYS_LIST = 1;
/** `credentials`, `basicAuth` (CREDENTIAL_MAP_WORD). */
const FOLLOWS_USER_MAP = 2;
/** A client's maker (CLIENT_CALLEE). */
const FOLLOWS_CLIENT_URL = 4;
/** A call that makes a client or logs one in (makesClient). */
const FOLLOWS_CLIENT_MAKER = 8;

/** Whether a rule takes values bound to this name: its name hint, and for a heuristic the quiet-name filters. */
function nameBinds(c: CompiledRule, name: string, snake?: string): boolean {
  if (!(c.rule.heuristic ? isSecretName(name, c.rule.nameHint!, snake) : c.rule.nameHint!.test(name))) return false;
  return !c.rule.notNames?.test(lowerSnake(snake ?? snakeCase(name)));
}

/** A name in lower-case snake_case, every other separator an underscore: `X-Request-Token` → `x_request_token`. */
function lowerSnake(snake: string): string {
  return snake.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** A call that makes a client, and its first argument an API's URL (a literal, or a variable named for one). */
const URL_ARGUMENT = new RegExp(`^[ \\t]*(?:["'\`]https:\\/\\/|[A-Za-z_$][\\w$.]{0,63}(?:${URL_NAME_ENDS})[ \\t]*,)`, 'i');

/** Whether a callee (dotted) makes a client or logs one in: CLIENT_MAKER, LOGIN_CALL, or a provider's connect call. */
function makesClient(callee: string): boolean {
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  return CLIENT_MAKER.test(last) || LOGIN_CALL.test(last) || (PROVIDER_CONNECT.test(last) && spellsProvider(callee));
}

/** Whether a call's arguments, from just after its `(`, hold a string literal before the call closes (comments aside). */
function stringArgument(after: string): boolean {
  const code = after.replace(/(?:#|\/\/)[^\n]*/g, '');
  const close = code.indexOf(')');
  return /["'`]/.test(close < 0 ? code : code.slice(0, close));
}

/** An object's `keys` property, and a list assigned after it (`app.keys = [`). */
const KEYS_PROPERTY = /\.keys$/;
const ASSIGNED_LIST = /^[ \t]*=[ \t]*\[/;
/** A mapping opened after a name (`= {`, `: {`, `({`, a YAML mapping's next line, `: Record<string, string> = {`). */
const MAP_FOLLOWS = /^["']?[ \t]*(?:[:=][ \t]*\{|\([ \t]*\{|:[ \t]*\r?\n|:[^=\n{;]{1,48}=[ \t]*\{)/;

/** Characters of a name as the extractors read one: identifiers, dotted paths, header names. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 64 || c === 46 || c === 45;
}

/**
 * Whether the options object around `at` opens, a few lines above at most, as a provider's SDK call:
 * `mailgun.client({ username: 'api', key`.
 */
function inProviderCall(text: string, at: number): boolean {
  const line = text.slice(Math.max(0, at - 240), at);
  const open = line.lastIndexOf('({');
  if (open < 0 || line.includes('}', open)) return false;
  const callee = /[\w$.-]+$/.exec(line.slice(Math.max(0, open - 80), open));
  return callee !== null && spellsProvider(callee[0]);
}

/**
 * A mapping of ciphertexts, each under the name of the secret it hides: a SealedSecret's `spec.encryptedData` (YAML or
 * kubeseal's JSON), encrypted to the cluster's public key to be committed. (SOPS values and ansible-vault blocks are
 * quiet by their own shapes.)
 */
const ENCRYPTED_OWNER = /(?:^|\.)encrypted_?data$/i;

/**
 * A copy of `s` that does not hold on to the text it was cut from. V8 makes a slice of 13 characters or more a view
 * into its parent string, so a memo keyed by slices (the words and values above) kept the whole text of every file
 * they came from alive for the rest of a scan: tens of megabytes of old generation, which a scan worker's capped heap
 * then spent its time collecting (bench/NOTES.md). The concatenation is flattened into a string of its own by slice.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const productBinding = createBinding(valueRules, ALL_RULES, HEURISTIC_BITS);
export const { valueMask, testValueMask, bindingNamePositions, namesMayBind, matchBound } = productBinding;
/** The empty set valueMask and testValueMask answer for most values: the same object each time, so a caller may skip it by identity. */
export const NO_RULES = productBinding.none;
