import type { Severity } from '../findings';

/**
 * Deterministic fragment generator for a rule's true-positive samples.
 * Samples are assembled at test time so the repository never holds a real-looking key
 * (other scanners and push protection would trip on it), the way gitleaks' `regen.go` does.
 */
export interface SampleGen {
  /** `n` characters drawn from `alphabet`. */
  chars(alphabet: string, n: number): string;
  alnum(n: number): string;
  upperAlnum(n: number): string;
  lowerAlnum(n: number): string;
  hex(n: number): string;
  digits(n: number): string;
  base64(n: number): string;
  /** base64url alphabet (A-Z a-z 0-9 - _). */
  b64url(n: number): string;
  uuid(): string;
}

/** One sample: the value, and for name-bound rules the name it is assigned to. */
export interface Sample {
  value: string;
  name?: string;
}

export interface RuleSamples {
  /** Each call builds one true positive from fragments; the rule must find exactly the value. */
  positives: Array<(g: SampleGen) => Sample | string>;
  /** Values the rule must stay quiet on (placeholders, wrong shape, documentation examples). */
  negatives: Array<Sample | string>;
}

/**
 * One detector, declarative (cf. typescript-eslint `createRule` meta and gitleaks rule files).
 * The id is stable kebab-case: it is the diagnostic code, the baseline key and `docs/rules/<id>.md`.
 */
export interface Rule {
  id: string;
  /** Human name of the provider, e.g. "Stripe". */
  provider: string;
  /** Short title, e.g. "Stripe secret key". */
  title: string;
  /**
   * The key's shape. Without `nameHint` the pattern alone identifies the key and is run over the whole text;
   * with it, the pattern must match a whole string value whose name (variable, property, env key) matches the hint.
   * A capture group named `secret` narrows the reported range (e.g. the password inside a connection URL).
   * No flags: the engine compiles it with the flags it needs.
   */
  pattern: RegExp;
  /** For keys without a distinctive prefix (e.g. AWS secret access key): the name the value must be bound to. */
  nameHint?: RegExp;
  /** Lower-case substrings, at least one of which must occur in the file for the rule to run (the prefilter). */
  keywords: string[];
  /**
   * For a key that comes with no word beside it and whose shape alone is strict enough (a Discord bot token in a bare
   * `.txt`): the pattern runs over every file, keywords or not. Only for patterns V8 rejects a file with quickly (it
   * skips ahead on the classes of the first characters): measure the scan's CPU before and after (bench/cpuCompare.ts).
   */
  everywhere?: boolean;
  /**
   * A guess from a name and a value, not a key format (the generic heuristic, hardcoded passwords): the name must also
   * pass the secret-name filters (not `passwordPolicy`, `tokenUrl`), the value the quiet filters (not a UUID, a hash,
   * words); in test files it takes only machine-made values (quiet.looksMachineMade), it does not run on doc-comment
   * examples, and it comes after every provider rule.
   */
  heuristic?: boolean;
  /**
   * For a heuristic whose pattern is a shape the other heuristics read as an identifier (a UUID): their quiet-value
   * filters do not apply to it, the name alone decides (the secret-name filters and `notNames`).
   */
  identifierShaped?: boolean;
  /**
   * For a heuristic whose name can only mean a password a person chose: words joined with a symbol and digits
   * (`HarborMeadow$34`) are such a password, not an identifier the word filter should leave (quiet.isQuietPasswordValue).
   */
  chosenPassword?: boolean;
  /**
   * Names the hint matches that still bind nothing, tested on the name in lower-case snake_case (`next_page_token`,
   * `x_request_token`): what an identifier of this shape is usually called.
   */
  notNames?: RegExp;
  /** Minimum Shannon entropy (bits per character) of the value; filters `xxxx…` placeholders. */
  minEntropy?: number;
  severity: Severity;
  /**
   * Publishable keys (Stripe `pk_`, Mapbox `pk.`) are meant to ship in clients: not reported by default, and as info
   * with the `showPublishable` option (setting `rotationReady.showPublishableKeys`, CLI `--show-publishable`).
   */
  publishable?: boolean;
  /**
   * A check of the value's structure that a pattern cannot make (a JWT's header and payload decode to JSON objects):
   * a value that fails it is not of this kind, whatever its shape. Must be cheap and never throw.
   */
  validWhen?: (value: string) => boolean;
  /** For rules whose values are sometimes meant for clients (a Supabase anon JWT): which values to treat as publishable. */
  publishableWhen?: (value: string) => boolean;
  /**
   * For keys that are meant for clients where a client's config holds them, and secret elsewhere (a Google API key in
   * a Firebase web config): the places that make one publishable (analyze/siblings.ts reads them, bounded).
   */
  publishableWhere?: ClientConfig;
  /** The diagnostic's sentence when "<title> is hardcoded: …" does not read well. Never contains the value. */
  message?: string;
  /** Suggested environment variable name for the move-to-env fix. */
  envName: string;
  /** Where the provider lets you roll or revoke this key. */
  rotationUrl: string;
}

/** Where a key sits in a client's config: any one of these makes it publishable. */
export interface ClientConfig {
  /** A key of the mapping around the value (lower case, `-` read as `_`): `authdomain` beside `apiKey`. */
  sibling?: RegExp;
  /** The name the value is assigned to on its own line (`VITE_FIREBASE_API_KEY=`, `firebaseApiKey:`). */
  name?: RegExp;
  /** A file that is a client config by its name (`google-services.json`), tested on the path with `/`. */
  file?: RegExp;
}

/** Identity helper so rule files read as declarations and are type-checked one by one. */
export function defineRules(rules: Rule[]): Rule[] {
  return rules;
}
