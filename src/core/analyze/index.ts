import type { Finding, Severity } from '../findings';
import { fingerprint, keyFingerprint, redact } from '../redact';
import { rules as allRules } from '../rules/index';
import type { Rule } from '../rules/types';
import { parseIgnoreDirectives } from '../baseline/ignoreComments';
import { SINGLE_KEY_CALL_RULE } from '../calls/rule';
import { AnalysisAborted, andThen, checkAbort, inStages, MORE, NEXT, recovering, type Steps } from './abort';
import type { Candidate, Extraction } from './candidate';
import { type CompiledRule, compileRule, isLeftBoundary } from './compile';
import { shannonEntropy } from './entropy';
import { extractJson } from './extract/json';
import { extractDockerfileSteps, extractDotenvSteps, extractPropertiesSteps, extractYamlSteps } from './extract/lines';
import { extractTokensSteps } from './extract/tokens';
import { extractTypeScript } from './extract/typescript';
import { type AnalyzerLanguage, isTestPath, languageOfPath } from './language';
import { inlinePairs } from './inline';
import { KeywordSet } from './keywords';
import { LineIndex } from './positions';
import { boundStringOffsets, type StringDialect } from './prefilter';
import { isPlaceholder, isQuietGenericValue, isSecretName } from './quiet';

export type { AnalyzerLanguage } from './language';
export { isTestPath, languageOfPath } from './language';
export { forgetTypeScript as forgetDocument } from './extract/typescript';

export interface AnalyzeOptions {
  /** Fingerprint salt (per workspace; a baseline carries its own). */
  salt: string;
  /** The workspace's key-fingerprint salt (src/core/fingerprints.ts): findings then carry the key's `rk1:` fingerprint, as the Keys sidebar shows it. */
  keySalt?: string;
  /** Default 2 MiB; bigger texts are skipped with a note. */
  maxFileBytes?: number;
  /** Per rule id. */
  severityOverrides?: Record<string, Severity>;
  /** Default true: findings in tests and fixtures are lowered one step; the generic heuristic is quiet there. */
  lowerSeverityInTestPaths?: boolean;
  /** Cancellation: a superseded analysis stops early and returns `skipped: { reason: 'cancelled' }`. */
  signal?: AbortSignal;
  /**
   * Report publishable keys (Stripe `pk_`, Mapbox `pk.`, Supabase publishable keys, anon JWTs), as info. Default false:
   * they are meant to ship in client code, so by default they get no diagnostic at all.
   */
  showPublishable?: boolean;
  /** Rule ids to run (default: all). */
  ruleIds?: readonly string[];
  /** Also report single-key calls (HTTP calls or SDK clients with one key and no fallback); default false. */
  singleKeyCalls?: boolean;
  /** Honour `rotation-ready-ignore-next-line` comments (default true; the CLI's --no-ignore turns it off). */
  inlineIgnores?: boolean;
  /**
   * Keep the parse tree for the next edit of the same path (default true, for the editor). A workspace scan reads
   * each file once: keeping 16 trees of large files alive took the scan of 157 MB of packages to 700 MB.
   */
  retainParse?: boolean;
  /**
   * Do not parse: return `deferred: true` for a file that needs the TypeScript parser. A worker of the workspace scan
   * hands such files to the one thread that parses, so the compiler loads and warms up once, not once per worker.
   */
  deferParse?: boolean;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Set when the text was not (fully) analyzed: binary, too large, cancelled. */
  skipped?: { reason: string };
  /** Set with `deferParse` when the file needs a parse: nothing was reported, analyze it again without the option. */
  deferred?: boolean;
  /** Human-readable notes about partial analysis (parse errors, minified text, suppressed findings). */
  notes: string[];
}

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** JS/TS files longer than this are read by the token pass, not parsed (memory; see extract()). */
const MAX_PARSE_CHARS = 512 * 1024;

const compiled = allRules.map(compileRule);
const scanRules = compiled.filter((c) => c.scan);
/** Keyword (lower-case) → indexes into scanRules of the rules it selects. */
const scanRulesByKeyword = new Map<string, number[]>();
scanRules.forEach((c, i) => {
  for (const k of new Set(c.rule.keywords.map((w) => w.toLowerCase()))) scanRulesByKeyword.set(k, [...(scanRulesByKeyword.get(k) ?? []), i]);
});
const boundRules = compiled.filter((c) => c.whole && c.rule.id !== 'generic-secret');
const genericRule = compiled.find((c) => c.rule.id === 'generic-secret')!;
/** Keywords whose presence makes parsing worthwhile (name-bound rules and the generic heuristic). */
const parseKeywords = [...new Set([...boundRules, genericRule].flatMap((c) => c.rule.keywords.map((k) => k.toLowerCase())))];
const keywordSet = new KeywordSet(compiled.flatMap((c) => c.rule.keywords));
const nameKeywords: ReadonlySet<string> = new Set(parseKeywords);
/** Keywords whose end offsets locate provider matches (CompiledRule.starts). */
const startKeywords: readonly string[] = [...new Set(scanRules.flatMap((c) => c.starts ?? []))];
/** The name-bound rules in matchBound's order, the generic heuristic last: bit i of a value's mask is rule i. */
const valueRules = [...boundRules, genericRule];
/** matchBound's own floor: no rule takes a shorter value. */
const MIN_VALUE_LENGTH = 8;

/**
 * The value side of matchBound for every name-bound rule at once: which rules would accept this value if a name
 * bound it (pattern, entropy floor, not a placeholder, and for the generic heuristic not a quiet value). Remembered
 * per value: re-analysis after a keystroke sees the same strings again (all but the edited one). A pure function of
 * the value, so the memo changes no result; it is dropped when it grows large.
 */
const valueMasks = new Map<string, number>();
function valueMask(value: string): number {
  let mask = valueMasks.get(value);
  if (mask !== undefined) return mask;
  mask = 0;
  if (value.length >= MIN_VALUE_LENGTH && !isPlaceholder(value)) {
    const entropy = shannonEntropy(value);
    for (let i = 0; i < valueRules.length; i++) {
      const c = valueRules[i]!;
      if (entropy < (c.rule.minEntropy ?? 0) || !c.whole!.test(value)) continue;
      if (c === genericRule && isQuietGenericValue(value)) continue;
      mask |= 1 << i;
    }
  }
  if (valueMasks.size >= 50_000) valueMasks.clear();
  valueMasks.set(value, mask);
  return mask;
}

/**
 * Calls whose argument is a key though nothing names it (`createHmac(alg, "…")`, `jwt.sign(payload, "…")`,
 * `hmac.new(b"…")`): the extractors bind such an argument to the name `secret`, so a word like these binds every rule.
 */
// `cookieParser`, `Wallet`, `Sequelize` only as the called name itself (`walletAddress` or `getWallet` binds nothing).
const KEY_CALL_WORD = /hmac|cipher|createsecretkey|jwt|jws|(?:^|\.)(?:cookieparser|wallet|sequelize)$/i;
const ALL_RULES = (1 << valueRules.length) - 1;
const GENERIC_BIT = 1 << (valueRules.length - 1);

/**
 * The name side of matchBound for every name-bound rule at once: which rules a name like this could bind a value for.
 * Tested on the whole word around a keyword (`self.api_key`, `X-Api-Key`) and on its dotted or dashed segments, so it
 * accepts at least every name an extractor can take from there (an identifier, a property's last segment, a header).
 * Remembered per word, like valueMask.
 */
const nameMasks = new Map<string, number>();
function nameMask(word: string): number {
  let mask = nameMasks.get(word);
  if (mask !== undefined) return mask;
  mask = 0;
  if (KEY_CALL_WORD.test(word)) mask = ALL_RULES;
  else {
    const names = word.includes('.') || word.includes('-') || word.includes('@') ? [word, ...word.split(/[.@-]+/)] : [word];
    for (let i = 0; i < valueRules.length; i++) {
      const c = valueRules[i]!;
      if (names.some((n) => nameBinds(c, n))) mask |= 1 << i;
    }
  }
  if (nameMasks.size >= 50_000) nameMasks.clear();
  nameMasks.set(word, mask);
  return mask;
}

/** Whether a rule takes values bound to this name: its name hint, and for the generic heuristic the quiet-name filters. */
function nameBinds(c: CompiledRule, name: string): boolean {
  return c === genericRule ? isSecretName(name, c.rule.nameHint!) : c.rule.nameHint!.test(name);
}

/** Characters of a name as the extractors read one: identifiers, dotted paths, header names. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 64 || c === 46 || c === 45;
}

/**
 * Of the name keywords' end offsets, those inside a word that could name a secret for one of the `bindable` rules:
 * `keys`, `keyof`, `Keyboard`, `tokenizer` and `passive` are most of the keyword hits in real code and bind nothing.
 */
function bindingNamePositions(text: string, ends: readonly number[], bindable: number): number[] {
  const out: number[] = [];
  let lastStart = -1;
  let lastMask = 0;
  for (const end of ends) {
    let start = end - 1;
    while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
    // Several keywords in one word (`apiKeyToken`): the word is read once.
    if (start !== lastStart) {
      let stop = end;
      while (stop < text.length && isNameChar(text.charCodeAt(stop))) stop++;
      lastStart = start;
      lastMask = nameMask(text.slice(start, stop));
    }
    if ((lastMask & bindable) !== 0) out.push(end);
  }
  return out;
}

/**
 * Analyzes one document. Synchronous and self-contained so the language server can call it per keystroke:
 * prefilter by keywords → provider patterns over the raw text → parse (only if a bound keyword occurs)
 * → name-bound rules and the generic heuristic over the extracted candidates → suppressions.
 * Never throws on bad input; never puts a key value in a finding, a note or an error.
 * `utf8`, when the caller has it (a file read from disk), is the text's UTF-8 encoding: the keyword pass reads bytes.
 */
export function analyzeText(path: string, text: string, options: AnalyzeOptions, utf8?: Uint8Array): AnalysisResult {
  const steps = analysisSteps(path, text, options, utf8);
  for (;;) {
    const result = steps();
    if (result !== MORE) return result;
    if (options.signal?.aborted) return cancelledResult();
  }
}

/** `skipped.reason` of an analysis stopped by its time budget (analyzeTextCooperatively). */
export const TOO_SLOW = 'too slow';

export interface CooperativeOptions extends AnalyzeOptions {
  /** Milliseconds of this document's own work (not counting time yielded to others) before it is given up as too slow. */
  budgetMs: number;
  /** Work at most this long (ms) before yielding to the event loop; default 15. */
  sliceMs?: number;
}

/**
 * analyzeText for a process that serves many documents (the language server): the same steps, but it yields to the
 * event loop between rules and stages every `sliceMs`, so other documents, hovers and a newer edit get in; it stops
 * when `signal` fires (a newer edit, the document closed) and, past `budgetMs` of its own work, returns `skipped:
 * { reason: TOO_SLOW }` with a note instead of holding the process.
 */
export async function analyzeTextCooperatively(path: string, text: string, options: CooperativeOptions, utf8?: Uint8Array): Promise<AnalysisResult> {
  const slice = options.sliceMs ?? 15;
  const steps = analysisSteps(path, text, options, utf8);
  let spent = 0;
  let sliceStart = performance.now();
  for (;;) {
    const result = steps();
    if (result !== MORE) return result;
    if (options.signal?.aborted) return cancelledResult();
    const now = performance.now();
    if (spent + (now - sliceStart) > options.budgetMs) {
      return { findings: [], skipped: { reason: TOO_SLOW }, notes: [`Stopped: analyzing this file took longer than ${options.budgetMs} ms, so it was not fully checked for hardcoded secrets.`] };
    }
    if (now - sliceStart >= slice) {
      spent += now - sliceStart;
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/**
 * The analysis as steps: a piece per rule, per stage and per thousand candidates or findings (and the extractors' own
 * pieces), where a cooperative caller may pause or stop it. Never throws: an error is a result.
 */
function analysisSteps(path: string, text: string, options: AnalyzeOptions, utf8?: Uint8Array): Steps<AnalysisResult> {
  const notes: string[] = [];
  const selected = options.ruleIds ? new Set(options.ruleIds) : undefined;
  const enabled = (c: CompiledRule) => !selected || selected.has(c.rule.id);
  const language = languageOfPath(path);
  const inTests = isTestPath(path);
  let present: ReadonlySet<string> = new Set();
  let namePositions: readonly number[] = [];
  let ends: ReadonlyMap<string, readonly number[]> = new Map();
  const has = (keywords: string[]) => keywords.some((k) => present.has(k));
  const raw: Hit[] = [];
  const rulesToRun: CompiledRule[] = [];
  let ruleAt = 0;
  // Which name-bound rules can fire here: enabled, their keywords present, the generic heuristic not in tests.
  let bindable = 0;
  const couldBind = (value: string) => (valueMask(value) & bindable) !== 0;
  // Where the names that could bind a value end: for the scripts' prefilter and for pairs in comments, read once.
  let bindingEnds: number[] | undefined;
  const bindingNames = () => (bindingEnds ??= bindingNamePositions(text, namePositions, bindable));
  let extraction: Steps<Extraction | typeof DEFERRED> | undefined;
  let candidates: Candidate[] = [];
  let candidateAt = 0;
  let overlapsRaw: (offset: number, length: number) => boolean;
  let boundEnd = -1;
  const hits: Hit[] = [];
  let hitAt = 0;
  let reporting = false;
  let ignores: ReturnType<typeof parseIgnoreDirectives> | undefined;
  let lines: LineIndex;
  const findings: Finding[] = [];
  let suppressed = 0;
  const seen = new Set<string>();
  const singleKeyCallsWanted = options.singleKeyCalls === true && (!selected || selected.has(SINGLE_KEY_CALL_RULE));

  const steps = inStages<AnalysisResult>(
    // Size, binary, and one automaton pass: which rule keywords occur, and where the secret-like name keywords end.
    () => {
      checkAbort(options.signal);
      const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
      // UTF-16 length is a lower bound of the UTF-8 size; exact enough for a limit and O(1).
      if (text.length > max) {
        return { findings: [], skipped: { reason: `larger than ${formatBytes(max)}` }, notes: [`Skipped: the file is larger than ${formatBytes(max)} (rotationReady.maxFileSizeKB).`] };
      }
      if (looksBinary(text)) return { findings: [], skipped: { reason: 'binary' }, notes: ['Skipped: the file looks binary.'] };
      ({ found: present, positions: namePositions, ends } = keywordSet.scan(text, nameKeywords, startKeywords, utf8));
      // The rules to run, from the keywords found (a few per file) rather than each rule's keywords looked up in turn.
      const toRun = new Uint8Array(scanRules.length);
      for (const k of present) for (const i of scanRulesByKeyword.get(k) ?? []) toRun[i] = 1;
      for (let i = 0; i < scanRules.length; i++) if (toRun[i] === 1 && enabled(scanRules[i]!)) rulesToRun.push(scanRules[i]!);
      return NEXT;
    },
    // Provider patterns, a rule per piece.
    () => {
      if (ruleAt === rulesToRun.length) return NEXT;
      scanPattern(rulesToRun[ruleAt++]!, text, raw, ends);
      return MORE;
    },
    () => {
      valueRules.forEach((c, i) => {
        if (enabled(c) && (c === genericRule ? !inTests : has(c.rule.keywords))) bindable |= 1 << i;
      });
      if (bindable === 0 || !has(parseKeywords)) return NEXT;
      if (isMinified(text)) {
        notes.push('The file looks minified: only provider key patterns were checked, not names and values.');
        return NEXT;
      }
      const near = (dialect: StringDialect, where?: (offset: number) => boolean) => boundStringOffsets(text, bindingNames(), dialect, MIN_VALUE_LENGTH, couldBind, where);
      extraction = recovering<Extraction | typeof DEFERRED>(extract(language, path, text, options.signal, notes, options.retainParse !== false, options.deferParse === true, near), (error) => {
        if (error instanceof AnalysisAborted) throw error;
        if (error === PARSE_DEFERRED) return () => DEFERRED;
        // Pathological input (e.g. nesting deep enough to exhaust a parser's stack): keep the provider
        // findings already made and fall back to the lexical pass, which has no recursion.
        notes.push(`The ${language} structure could not be read (${error instanceof RangeError ? 'nested too deeply' : 'parser error'}); it was analyzed token by token.`);
        return extractTokensSteps(text, 'text', options.signal);
      });
      return NEXT;
    },
    () => {
      if (!extraction) return NEXT;
      const extracted = extraction();
      if (extracted === MORE) return MORE;
      if (extracted === DEFERRED) return { findings: [], notes: [], deferred: true };
      notes.push(...extracted.notes);
      candidates = extracted.candidates;
      // Comments and query strings: pairs the extractors do not read (each then checked like any candidate).
      const inline = inlinePairs(text, bindingNames());
      if (inline.length) candidates = [...candidates, ...inline];
      return NEXT;
    },
    () => {
      hits.push(...raw);
      // Whether a candidate overlaps a provider hit or an earlier bound one, in log time: a scan of every hit per
      // candidate was quadratic (a generated file with 25k keys spent seconds here, in one step).
      overlapsRaw = overlapIndex(raw);
      candidates = [...candidates].sort((a, b) => a.offset - b.offset);
      return NEXT;
    },
    // The name-bound rules over the candidates, a thousand per piece.
    () => {
      for (const pieceEnd = Math.min(candidates.length, candidateAt + 1024); candidateAt < pieceEnd; candidateAt++) {
        const cand = candidates[candidateAt]!;
        if (cand.offset < boundEnd || overlapsRaw(cand.offset, cand.length)) continue;
        const value = text.slice(cand.offset, cand.offset + cand.length).trim();
        const offset = cand.offset + text.slice(cand.offset, cand.offset + cand.length).indexOf(value);
        const hit = matchBound(value, cand.names, cand.providerOnly ? bindable & ~GENERIC_BIT : bindable);
        if (hit) {
          hits.push({ rule: hit, offset, length: value.length });
          boundEnd = Math.max(boundEnd, offset + value.length);
        }
      }
      return candidateAt < candidates.length ? MORE : NEXT;
    },
    () => {
      // Suppressions and line positions only matter when something was found (most files of a workspace scan: nothing).
      reporting = hits.length > 0 || singleKeyCallsWanted;
      ignores = options.inlineIgnores === false || !reporting ? undefined : parseIgnoreDirectives(text);
      lines = new LineIndex(text);
      hits.sort((a, b) => a.offset - b.offset);
      return NEXT;
    },
    // Findings, a thousand per piece: a generated file can hold thousands (a redaction and a salted hash each).
    () => {
      for (const pieceEnd = Math.min(hits.length, hitAt + 1024); hitAt < pieceEnd; hitAt++) {
        const hit = hits[hitAt]!;
        const key = `${hit.offset}:${hit.length}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hit.publishable = hit.rule.publishable === true || hit.rule.publishableWhen?.(text.slice(hit.offset, hit.offset + hit.length)) === true;
        if (hit.publishable && options.showPublishable !== true) continue;
        const start = lines.position(hit.offset);
        if (ignores?.suppresses(start.line, hit.rule.id)) {
          suppressed++;
          continue;
        }
        findings.push(toFinding(hit, path, text, start, lines, options, inTests));
      }
      return hitAt < hits.length ? MORE : NEXT;
    },
    () => {
      // Single-key calls (one key, no fallback on 401/403): the other half of what the analyzer points at.
      if (singleKeyCallsWanted && !isMinified(text)) {
        for (const call of singleKeyCalls().detectSingleKeyCallsInText(path, text, { salt: options.salt })) {
          if (ignores?.suppresses(call.range.start.line, call.ruleId)) {
            suppressed++;
            continue;
          }
          findings.push({ ...call, severity: options.severityOverrides?.[call.ruleId] ?? call.severity });
        }
        findings.sort((a, b) => a.offset - b.offset);
      }
      if (suppressed > 0) notes.push(`${suppressed} finding${suppressed === 1 ? '' : 's'} suppressed by rotation-ready-ignore-next-line comments.`);
      return { findings, notes };
    },
  );
  return () => {
    try {
      return steps();
    } catch (error) {
      if (error instanceof AnalysisAborted) return cancelledResult();
      // Defensive: analysis must never take the language server down; the message names no value.
      return { findings: [], skipped: { reason: 'internal error' }, notes: [`Analysis failed: ${error instanceof Error ? error.name : 'error'}.`] };
    }
  };
}

function cancelledResult(): AnalysisResult {
  return { findings: [], skipped: { reason: 'cancelled' }, notes: ['Cancelled: a newer analysis superseded this one.'] };
}

/** Whether [offset, offset + length) overlaps one of `hits`: binary search over their starts, with the furthest end so far. */
function overlapIndex(hits: readonly Hit[]): (offset: number, length: number) => boolean {
  const sorted = [...hits].sort((a, b) => a.offset - b.offset);
  const starts = sorted.map((h) => h.offset);
  const maxEnd: number[] = [];
  for (const h of sorted) maxEnd.push(Math.max(maxEnd[maxEnd.length - 1] ?? -1, h.offset + h.length));
  return (offset, length) => {
    // The last hit that starts before the range ends; some hit up to it ends after the range starts?
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < offset + length) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1]! > offset;
  };
}

/**
 * The single-key-call detector parses with TypeScript: loaded on first use (the editor asks for it; a CLI scan never
 * does), so that loading the analyzer does not load the compiler. esbuild bundles the `require` lazily.
 */
let callsModule: typeof import('../calls/index') | undefined;
function singleKeyCalls(): typeof import('../calls/index') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (callsModule ??= require('../calls/index') as typeof import('../calls/index'));
}

export interface Hit {
  rule: Rule;
  offset: number;
  length: number;
  /** Set when findings are made: the rule is publishable, or this value is (Rule.publishableWhen). */
  publishable?: boolean;
}

/** A rule's matches in `text`; `ends` (the keyword automaton's, by keyword) locates the rules that start with one. */
export function scanPattern(c: CompiledRule, text: string, out: Hit[], ends?: ReadonlyMap<string, readonly number[]>): void {
  if (c.starts && ends) return scanStarts(c, text, out, ends);
  if (c.anchor) return scanAnchored(c, text, out);
  const re = c.scan!;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (c.leftBoundary && !isLeftBoundary(text, m.index)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    report(c, text, m, out);
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** The same matches as the global scan, leftmost first and not overlapping, found from the pattern's literal. */
function scanAnchored(c: CompiledRule, text: string, out: Hit[]): void {
  const { literal, minBefore, maxBefore } = c.anchor!;
  let end = 0;
  for (let at = text.indexOf(literal, minBefore); at >= 0; at = text.indexOf(literal, at + 1)) {
    for (let start = Math.max(end, at - maxBefore); start <= at - minBefore; start++) {
      const next = matchAt(c, text, start, out);
      if (next >= 0) {
        end = next;
        break;
      }
    }
  }
}

/**
 * The same matches as the global scan, found where the rule's start keywords end: every match begins with one, so the
 * pattern is tried (sticky) only there, leftmost first and not overlapping. The regular expression over the whole text
 * was a tenth of a workspace scan, for keywords such as `sk`, `pat` and `re_` that occur in most large files.
 */
function scanStarts(c: CompiledRule, text: string, out: Hit[], ends: ReadonlyMap<string, readonly number[]>): void {
  const keywords = c.starts!;
  let starts: number[] = [];
  for (const k of keywords) for (const end of ends.get(k) ?? []) starts.push(end - k.length);
  if (keywords.length > 1) starts = starts.sort((a, b) => a - b);
  let end = 0;
  const run = c.run;
  for (const start of starts) {
    if (start < end) continue;
    const next = matchAt(c, text, start, out);
    if (next >= 0) end = next;
    else if (run && (!c.leftBoundary || isLeftBoundary(text, start)) && text.startsWith(run.literal, start)) {
      // The literal matched and the rest failed: no later start inside this run of the class can match (literalRunOf).
      let stop = start;
      while (stop < text.length && run.member(text.charCodeAt(stop))) stop++;
      end = stop;
    }
  }
}

/** The rule's match starting at `start` (sticky), reported; where the next match may start, or -1 when none starts here. */
function matchAt(c: CompiledRule, text: string, start: number, out: Hit[]): number {
  if (c.leftBoundary && !isLeftBoundary(text, start)) return -1;
  const sticky = c.sticky!;
  sticky.lastIndex = start;
  const m = sticky.exec(text);
  if (!m) return -1;
  report(c, text, m, out);
  return m.index + Math.max(1, m[0].length);
}

function report(c: CompiledRule, text: string, m: RegExpExecArray, out: Hit[]): void {
  let offset = m.index;
  let length = m[0].length;
  if (c.hasSecretGroup && m.indices?.groups?.secret) {
    const [s, e] = m.indices.groups.secret;
    offset = s;
    length = e - s;
  }
  const value = text.slice(offset, offset + length);
  if (!isPlaceholder(value) && (c.rule.minEntropy === undefined || shannonEntropy(value) >= c.rule.minEntropy)) out.push({ rule: c.rule, offset, length });
}

/**
 * The first name-bound rule, in order, that takes this value under one of these names: the value side is valueMask
 * (the one place it is decided, for the prefilter too), the name side nameBinds; `bindable` says which rules can fire.
 */
function matchBound(value: string, names: string[], bindable: number): Rule | undefined {
  const values = valueMask(value) & bindable;
  for (let i = 0; i < valueRules.length; i++) {
    const c = valueRules[i]!;
    if ((values & (1 << i)) !== 0 && names.some((n) => nameBinds(c, n))) return c.rule;
  }
  return undefined;
}

const DECLARATION_FILE = /\.d\.[cm]?ts$/i;

/** Thrown by extract() under `deferParse` when the file needs a parse. */
const PARSE_DEFERRED = Symbol('parse deferred');
/** What the extraction stage of analysisSteps makes of PARSE_DEFERRED. */
const DEFERRED: unique symbol = Symbol('deferred');

/**
 * Candidates of one document by its language. Scripts (JS/TS, Python) are first screened by `bindable`: the strings
 * near a secret-like name whose value some enabled rule could accept; with none, the file is neither parsed nor
 * tokenized (most files of real code, where this was most of a workspace scan's time). Other formats are read whole:
 * their values are often unquoted (`.env`, YAML, shell), and their extractors are line passes, cheap already.
 */
function extract(language: AnalyzerLanguage, path: string, text: string, signal: AbortSignal | undefined, notes: string[], retain: boolean, deferParse: boolean, bindable: (dialect: StringDialect, where?: (offset: number) => boolean) => number[]): Steps<Extraction> {
  const none: Extraction = { candidates: [], notes: [] };
  switch (language) {
    case 'typescript':
    case 'javascript':
      return andThen(
        // A declaration file's only values are `declare const X = "…"` and enum members (`A = "…"`): every other string
        // in it is a type, a module name or a property key, which no extractor takes (Stripe's and Node's typings are
        // hundreds of KB of string literal types). Told before a value is checked.
        () => (DECLARATION_FILE.test(path) ? bindable('script', (o) => /=\s*$/.test(text.slice(Math.max(0, o - 64), o))) : bindable('script')),
        (near): Steps<Extraction> => {
          if (near.length === 0) return () => none;
          // A syntax tree costs ~30× its text in memory: a 9 MB bundle alone took a scan past 500 MB. Files this large are
          // generated (bundles, compilers), and the token pass reads the same strings and names.
          if (text.length > MAX_PARSE_CHARS) {
            notes.push('The file is large: it was analyzed token by token rather than parsed.');
            return extractTokensSteps(text, 'text', signal, near);
          }
          if (deferParse) {
            return () => {
              // eslint-disable-next-line @typescript-eslint/only-throw-error
              throw PARSE_DEFERRED;
            };
          }
          return recovering(
            () => extractTypeScript(path, text, signal, near, retain),
            (error) => {
              if (error instanceof AnalysisAborted) throw error;
              // Pathological nesting can exhaust the parser's stack; the lexical pass still finds bound strings.
              notes.push('The file could not be parsed (too deeply nested); it was analyzed token by token.');
              return extractTokensSteps(text, 'text', signal);
            },
          );
        },
      );
    case 'json':
    case 'jsonc':
      return () => extractJson(text);
    case 'yaml':
      return extractYamlSteps(text);
    case 'dotenv':
      return extractDotenvSteps(text);
    case 'properties':
    case 'ini':
      return extractPropertiesSteps(text);
    case 'dockerfile':
      return andThen(extractDockerfileSteps(text), (pairs) => andThen(extractTokensSteps(text, 'shell', signal), (run) => () => ({ candidates: [...pairs.candidates, ...run.candidates], notes: [] })));
    case 'python':
      return andThen(
        () => bindable('python'),
        (near) => (near.length === 0 ? () => none : extractTokensSteps(text, 'python', signal, near)),
      );
    case 'shell':
      return extractTokensSteps(text, 'shell', signal);
    default:
      return extractTokensSteps(text, 'text', signal);
  }
}

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'hint', hint: 'hint' };

function toFinding(hit: Hit, path: string, text: string, start: Finding['range']['start'], lines: LineIndex, options: AnalyzeOptions, inTests: boolean): Finding {
  const { rule } = hit;
  const value = text.slice(hit.offset, hit.offset + hit.length);
  let severity: Severity = hit.publishable && !rule.publishable ? 'info' : options.severityOverrides?.[rule.id] ?? rule.severity;
  if (inTests && options.lowerSeverityInTestPaths !== false && !options.severityOverrides?.[rule.id]) severity = LOWER[severity];
  const message = hit.publishable
    ? `${rule.title}: meant for client code, so not an error; keep it in configuration so rotating it is one change.`
    : rule.message ?? `${rule.title} is hardcoded: move it to an environment variable or the keychain, and rotate it (${rule.provider}).`;
  return {
    ruleId: rule.id,
    kind: 'hardcoded-secret',
    provider: rule.provider,
    message,
    severity,
    path,
    range: { start, end: lines.position(hit.offset + hit.length) },
    offset: hit.offset,
    length: hit.length,
    redacted: redact(value, rule.provider),
    fingerprint: fingerprint(rule.id, path, value, options.salt),
    ...(options.keySalt !== undefined ? { keyFingerprint: keyFingerprint(value, options.keySalt) } : {}),
    suggestedEnvName: rule.envName,
  };
}

function looksBinary(text: string): boolean {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  return head.includes('\u0000');
}

/** Minified bundles: long average lines. Parsing them is slow and names are mangled anyway. */
function isMinified(text: string): boolean {
  if (text.length < 64 * 1024) return false;
  // Average line over 1,000 characters: fewer newlines than this. Counting stops there (a few percent of most files).
  const enough = text.length / 1000 - 1;
  let newlines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && newlines < enough; i = text.indexOf('\n', i + 1)) newlines++;
  return newlines < enough;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}
