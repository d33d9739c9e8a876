import type { Finding } from '../findings';
import type { Rule } from '../rules/types';
import { parseIgnoreDirectives } from '../baseline/ignoreComments';
import { SINGLE_KEY_CALL_RULE } from '../calls/rule';
import { AnalysisAborted, checkAbort, inStages, MORE, NEXT, recovering, type Steps } from './abort';
import { ContextAttribution } from './attribution';
import { bindingNamePositions, matchBound, namesMayBind, NO_RULES, testValueMask, valueMask } from './binding';
import type { Candidate, Extraction } from './candidate';
import { PASSWORD_CONTEXT, pushCandidate, USER_MAP_PASSWORD, userMapPassword } from './candidate';
import type { CompiledRule } from './compile';
import { extract, MAX_PARSE_CHARS, PARSE_DEFERRED } from './extraction';
import { directiveValueCandidates } from './extract/lines';
import { extractTokensSteps } from './extract/tokens';
import { toFinding } from './finding';
import { isTestPath, languageOfPath } from './language';
import { ENCODED_JSON_KEYWORDS, encodedCandidates } from './decoded';
import { inlinePairs, QUERY_CREDENTIAL_NAME, QUERY_KEYWORDS } from './inline';
import { fencedValueCandidates, nextLineValueCandidates, proseCandidates, tableColumnCandidates } from './prose';
import { sqlCandidates, SQL_STATEMENT_KEYWORDS } from './extract/sql';
import { ORACLE_TOOL_KEYWORDS, oracleStringLogins, type Spans, sqlFenceSpans, sqlPlusConnectLogins } from './extract/commandLine';
import { SERVER_DIRECTIVE_KEYWORDS, serverConfigCandidates, serverConfigKind, serverDirectiveCandidates } from './extract/serverConfigs';
import { type AnalysisResult, type AnalyzeOptions, DEFAULT_MAX_FILE_BYTES } from './options';
import { type Hit, overlapIndex, scanPattern } from './patterns';
import { LineIndex } from '../vocabulary/positions';
import { inClientConfig, siblingVerdict } from './siblings';
import { twilioTokensAfterSids } from './extract/accountPairs';
import { ruleById } from '../rules/index';
import { boundStringOffsets, type StringDialect } from './prefilter';
import { addRule, addRules, emptyMask, hasRule, intersects3, isEmptyMask, maskWithout, type RuleMask } from './ruleMask';
import { everywhereRules, HEURISTIC_BITS, keywordSet, locatedKeywords, MIN_VALUE_LENGTH, nameKeywords, RULE_MASK_WORDS, scanRules, scanRulesByKeyword, valueRuleBitsByKeyword, valueRules } from './ruleSet';

export type { AnalyzerLanguage } from './language';
export { isTestPath, languageOfPath } from './language';
export { forgetTypeScript as forgetDocument } from './extract/typescript';
export { type AnalysisResult, type AnalyzeOptions, DEFAULT_MAX_FILE_BYTES } from './options';
export { type Hit, scanPattern } from './patterns';

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
  let namePositions: readonly number[] = [];
  let ends: ReadonlyMap<string, readonly number[]> = new Map();
  // Which name-bound rules list a keyword found (valueRuleBitsByKeyword), and whether a keyword that makes parsing
  // worthwhile is among them (parseKeywords): both read off the keywords found, in the first stage.
  const namedRules = emptyMask(RULE_MASK_WORDS);
  let parseKeywordFound = false;
  /** Whether the text speaks of passwords (candidate.ts's PASSWORD_CONTEXT), asked once, at a user map's first entry. */
  let passwordContext: boolean | undefined;
  const raw: Hit[] = [];
  const rulesToRun: CompiledRule[] = [];
  let ruleAt = 0;
  // Which name-bound rules can fire here: enabled, their keywords present (the heuristics: always).
  const bindable = emptyMask(RULE_MASK_WORDS);
  // bindable without the heuristics, for a candidate only a provider's rule may take (Candidate.providerOnly).
  let providerBindable = bindable;
  // In tests and fixtures the heuristics take only machine-made values (testValueMask): the prefilter and the binding agree.
  const maskOf = inTests ? testValueMask : valueMask;
  // A rule the value fits, one of the names near it binds and the file makes bindable.
  const couldBind = (value: string, nameMasks: readonly RuleMask[], from: number, to: number) => {
    const values = maskOf(value);
    if (values === NO_RULES) return false;
    for (let k = from; k < to; k++) if (intersects3(values, bindable, nameMasks[k]!)) return true;
    return false;
  };
  // Where the names that could bind a value end: for the scripts' prefilter and for pairs in comments, read once.
  let bindingEnds: number[] | undefined;
  // And which rules each of those names could bind, so the prefilter pairs a value with a name that could take it.
  const bindingMasks: RuleMask[] = [];
  const bindingNames = () => (bindingEnds ??= bindingNamePositions(text, namePositions, bindable, bindingMasks));
  let extraction: Steps<Extraction | typeof DEFERRED> | undefined;
  // Where the credential query parameters' `=` ends (`&appid=`), and whether the pairs no extractor reads are read.
  let queryEnds: number[] = [];
  let readPairs = false;
  // Where SQL statements' keywords end (`create user`, `identified by`, `insert into`): extract/sql.ts reads them.
  let sqlEnds: number[] = [];
  let oracleEnds: number[] = [];
  let sqlScript = false;
  let twilioFound = false;
  let sqlFences: Spans = [];
  // A credential file known by its name (`.pgpass`, `.htpasswd`: no word in it says password), and whether a server
  // directive's keyword (`requirepass`) occurs: extract/serverConfigs.ts reads them.
  const configKind = serverConfigKind(path);
  let directiveFound = false;
  // Where base64 of a JSON object may start (decoded.ts), and the rules a decoded value may bind (its keywords are not
  // in the text).
  let encodedJsonEnds: number[] = [];
  const decodedBindable = emptyMask(RULE_MASK_WORDS);
  let candidates: Candidate[] = [];
  let candidateAt = 0;
  let overlapsRaw: (offset: number, length: number) => boolean;
  let boundEnd = -1;
  // A generic finding whose name says only "credential" takes the provider its context spells (attribution.ts).
  let context: ContextAttribution | undefined;
  // A heuristic's match as the members beside it read it (siblings.ts): a signed message's nonce or signature is none,
  // an Algolia key beside an indexName is the search-only one (publishable).
  const bySiblings = (rule: Rule, offset: number, names: readonly string[], value: string): Rule | undefined => {
    if (!rule.heuristic) return rule;
    const verdict = siblingVerdict(text, offset, names, value);
    return verdict === 'signed' ? undefined : verdict === 'search-key' ? (ALGOLIA_SEARCH_KEY ?? rule) : rule;
  };
  // A heuristic's match that is a provider's public half (`MAILJET_API_KEY`, a `[mixpanel]` table's `project_token`): none.
  const named = (rule: Rule, names: readonly string[], offset: number, value: string): Rule | undefined => {
    if (!rule.heuristic) return rule;
    context ??= new ContextAttribution(text, path);
    return context.isPublicHalf(names, value, offset) ? undefined : context.attribute(rule, names, offset);
  };
  const hits: Hit[] = [];
  let hitAt = 0;
  let reporting = false;
  let ignores: ReturnType<typeof parseIgnoreDirectives> | undefined;
  // Built when first asked (the findings' positions), once per text.
  const lines = new LineIndex(text);
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
      let present: ReadonlySet<string>;
      ({ found: present, positions: namePositions, ends } = keywordSet.scan(text, nameKeywords, locatedKeywords, utf8));
      // The rules to run, from the keywords found (a few per file) rather than each rule's keywords looked up in turn,
      // and the rules whose pattern is its own gate (Rule.everywhere), in the rules' order.
      const toRun: number[] = [...everywhereRules];
      twilioFound = present.has('twilio');
      for (const k of present) {
        if (SERVER_DIRECTIVE_KEYWORDS.includes(k)) directiveFound = true;
        const bits = valueRuleBitsByKeyword.get(k);
        if (bits) addRules(namedRules, bits);
        if (!parseKeywordFound && nameKeywords.has(k)) parseKeywordFound = true;
        const selected = scanRulesByKeyword.get(k);
        if (selected) for (const i of selected) toRun.push(i);
      }
      if (toRun.length > 1) toRun.sort((a, b) => a - b);
      for (let j = 0; j < toRun.length; j++) {
        const i = toRun[j]!;
        if (i !== toRun[j - 1] && enabled(scanRules[i]!)) rulesToRun.push(scanRules[i]!);
      }
      return NEXT;
    },
    // Provider patterns, a rule per piece.
    () => {
      if (ruleAt === rulesToRun.length) return NEXT;
      scanPattern(rulesToRun[ruleAt++]!, text, raw, ends);
      return MORE;
    },
    () => {
      queryEnds = ends.size === 0 ? [] : QUERY_KEYWORDS.flatMap((k) => ends.get(k) ?? []).sort((a, b) => a - b);
      for (let i = 0; i < valueRules.length; i++) {
        const c = valueRules[i]!;
        if (!enabled(c)) continue;
        addRule(decodedBindable, i);
        // A credential query parameter's value is read as an API key's (inline.ts): the rules of that name can bind it.
        if (c.rule.heuristic || hasRule(namedRules, i) || (queryEnds.length > 0 && c.rule.nameHint!.test(QUERY_CREDENTIAL_NAME))) addRule(bindable, i);
      }
      providerBindable = maskWithout(bindable, HEURISTIC_BITS);
      const nothingBindable = isEmptyMask(bindable);
      encodedJsonEnds = ends.size === 0 ? [] : ENCODED_JSON_KEYWORDS.flatMap((k) => ends.get(k) ?? []).sort((a, b) => a - b);
      sqlEnds = ends.size === 0 ? [] : SQL_STATEMENT_KEYWORDS.flatMap((k) => ends.get(k) ?? []).sort((a, b) => a - b);
      oracleEnds = ends.size === 0 ? [] : ORACLE_TOOL_KEYWORDS.flatMap((k) => ends.get(k) ?? []).sort((a, b) => a - b);
      sqlScript = SQL_SCRIPT.test(path);
      // A Markdown file's SQL fences, only where a line opens with `CONNECT`/`CONN`.
      sqlFences = sqlScript ? [] : sqlFenceSpans(path, text);
      if (nothingBindable && encodedJsonEnds.length === 0) return NEXT;
      if (!parseKeywordFound && queryEnds.length === 0 && encodedJsonEnds.length === 0 && sqlEnds.length === 0 && oracleEnds.length === 0 && !sqlScript && sqlFences.length === 0 && !configKind) return NEXT;
      // A notebook's long lines are its outputs' images: its cells are read by their own extractor, in linear time.
      if (language !== 'notebook' && isMinified(text)) {
        notes.push('The file looks minified: only provider key patterns were checked, not names and values.');
        return NEXT;
      }
      readPairs = true;
      if (nothingBindable || !parseKeywordFound) return NEXT;
      const near = (dialect: StringDialect, where?: (offset: number) => boolean) => boundStringOffsets(text, bindingNames(), dialect, MIN_VALUE_LENGTH, couldBind, where, bindingMasks);
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
      if (extraction) {
        const extracted = extraction();
        if (extracted === MORE) return MORE;
        if (extracted === DEFERRED) return { findings: [], notes: [], deferred: true };
        notes.push(...extracted.notes);
        candidates = extracted.candidates;
      }
      if (!readPairs) return NEXT;
      // Comments and query strings: pairs the extractors do not read (each then checked like any candidate).
      const inline = inlinePairs(text, bindingNames(), queryEnds);
      if (inline.length) candidates = [...candidates, ...inline];
      return NEXT;
    },
    // Each pass a piece of its own, so that a cooperative caller may yield between them (a 2 MB text takes tens of ms
    // in each).
    () => {
      if (!readPairs) return NEXT;
      // Sentences (`the password for svc is \`…\``) in text files and comments, and Markdown tables' secret columns.
      const prose = [...proseCandidates(text, namePositions, language === 'text'), ...(language === 'text' && text.includes('---') && text.includes('|') ? tableColumnCandidates(text) : []), ...(language === 'text' && (text.includes('```') || text.includes('~~~')) ? fencedValueCandidates(text) : []), ...nextLineValueCandidates(text, namePositions), ...(CODE_LANGUAGES.has(language) ? [] : directiveValueCandidates(text, namePositions, language === 'ini' || language === 'text', true))];
      if (prose.length) candidates = [...candidates, ...prose];
      return NEXT;
    },
    () => {
      if (!readPairs) return NEXT;
      const sql = sqlEnds.length ? sqlCandidates(text, sqlEnds) : [];
      if (sql.length) candidates = [...candidates, ...sql];
      // Oracle logins in strings that run a tool (`"sqlplus scott/…@orcl"`), a SQL*Plus script's `CONNECT` lines, and a
      // Twilio auth token passed right after its account's SID (`Client("AC…", "…")`).
      const logins = [...(oracleEnds.length ? oracleStringLogins(text, oracleEnds) : []), ...(sqlScript ? sqlPlusConnectLogins(text) : []), ...(sqlFences.length ? sqlPlusConnectLogins(text, sqlFences) : []), ...(twilioFound ? twilioTokensAfterSids(text) : [])];
      if (logins.length) {
        const read: Candidate[] = [];
        for (const login of logins) pushCandidate(read, text, login.start, login.end - login.start, [login.name]);
        candidates = [...candidates, ...read];
      }
      const configs = [...(configKind ? serverConfigCandidates(configKind, text) : []), ...(directiveFound ? serverDirectiveCandidates(text) : [])];
      if (configs.length) candidates = [...candidates, ...configs];
      return NEXT;
    },
    () => {
      if (!readPairs) return NEXT;
      // Values written base64-encoded, read decoded first (the literal's own candidate after them, at the same offset).
      const encoded = encodedCandidates(text, candidates, encodedJsonEnds);
      if (encoded.length) candidates = [...encoded, ...candidates];
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
        // A decoded value may match a provider's pattern whatever its names say; any other candidate needs a name.
        if (!cand.encoded && !namesMayBind(cand.names, cand.providerOnly ? providerBindable : bindable)) continue;
        if (cand.value !== undefined) {
          // Literals joined (their provider keys were read by the provider pass) or a value decoded: the value is theirs, the
          // range the literals'.
          // A decoded value a provider's pattern matches is that provider's (its rule id), though a heuristic's name binds it too.
          const bound = cand.encoded ? matchBound(cand.value, cand.names, decodedBindable, inTests, cand.owner) : undefined;
          const matched = cand.encoded ? ((bound === undefined || bound.heuristic ? providerPatternOf(cand.value, enabled) : undefined) ?? bound) : matchBound(cand.value, cand.names, cand.providerOnly ? providerBindable : bindable, inTests, cand.owner);
          const hit = matched && bySiblings(matched, cand.offset, cand.names, cand.value);
          const rule = hit && named(hit, cand.names, cand.offset, cand.value);
          if (rule) {
            hits.push({ rule, offset: cand.offset, length: cand.length, value: cand.value });
            boundEnd = Math.max(boundEnd, cand.offset + cand.length);
          }
          continue;
        }
        const value = text.slice(cand.offset, cand.offset + cand.length).trim();
        const offset = cand.offset + text.slice(cand.offset, cand.offset + cand.length).indexOf(value);
        // An entry of a map named only for people is a password when it is shaped like one or the file is about them.
        const names = cand.names.includes(USER_MAP_PASSWORD) && !userMapPassword(value) && !(passwordContext ??= PASSWORD_CONTEXT.test(text)) ? cand.names.filter((n) => n !== USER_MAP_PASSWORD) : cand.names;
        const matched = matchBound(value, names, cand.providerOnly ? providerBindable : bindable, inTests, cand.owner);
        const hit = matched && bySiblings(matched, offset, cand.names, value);
        const rule = hit && named(hit, cand.names, offset, value);
        if (rule) {
          hits.push({ rule, offset, length: value.length });
          boundEnd = Math.max(boundEnd, offset + value.length);
        }
      }
      return candidateAt < candidates.length ? MORE : NEXT;
    },
    () => {
      // Suppressions and line positions only matter when something was found (most files of a workspace scan: nothing).
      reporting = hits.length > 0 || singleKeyCallsWanted;
      ignores = options.inlineIgnores === false || !reporting ? undefined : parseIgnoreDirectives(text);
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
        hit.publishable =
          hit.rule.publishable === true ||
          hit.rule.publishableWhen?.(hit.value ?? text.slice(hit.offset, hit.offset + hit.length)) === true ||
          (hit.rule.publishableWhere !== undefined && inClientConfig(hit.rule.publishableWhere, text, hit.offset, path));
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
      // Not in files too large to parse (generated, as for extraction): the parse is one piece no caller can pause.
      if (singleKeyCallsWanted && text.length > MAX_PARSE_CHARS) notes.push('The file is large: it was not checked for single-key calls.');
      else if (singleKeyCallsWanted && !isMinified(text)) {
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

/**
 * The provider rule whose pattern matches in a value that is not in the text as written (decoded): the provider pass
 * read the text, where it is encoded.
 */
function providerPatternOf(value: string, enabled: (c: CompiledRule) => boolean): Rule | undefined {
  const { found, ends } = keywordSet.scan(value, nameKeywords, locatedKeywords);
  const out: Hit[] = [];
  for (const indexes of [...[...found].map((k) => scanRulesByKeyword.get(k) ?? []), everywhereRules]) {
    for (const i of indexes) {
      const c = scanRules[i]!;
      if (!enabled(c)) continue;
      out.length = 0;
      scanPattern(c, value, out, ends);
      if (out.length > 0) return c.rule;
    }
  }
  return undefined;
}

function cancelledResult(): AnalysisResult {
  return { findings: [], skipped: { reason: 'cancelled' }, notes: ['Cancelled: a newer analysis superseded this one.'] };
}

/** Languages whose extractors read their own strings (and whose docstrings' examples are documentation, not settings). */
const CODE_LANGUAGES: ReadonlySet<string> = new Set(['typescript', 'javascript', 'python', 'shell', 'notebook']);

/** A SQL script, whose SQL*Plus `CONNECT user/…@db` lines hold passwords. */
const SQL_SCRIPT = /\.(?:sql|pls)$/i;
/** What a heuristic's match beside an `indexName` becomes (siblings.ts). */
const ALGOLIA_SEARCH_KEY = ruleById('algolia-search-key');

/** What the extraction stage of analysisSteps makes of PARSE_DEFERRED. */
const DEFERRED: unique symbol = Symbol('deferred');

/**
 * The single-key-call detector parses with TypeScript: loaded on first use (the editor asks for it; a CLI scan never
 * does), so that loading the analyzer does not load the compiler. esbuild bundles the `require` lazily.
 */
let callsModule: typeof import('../calls/index') | undefined;
function singleKeyCalls(): typeof import('../calls/index') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (callsModule ??= require('../calls/index') as typeof import('../calls/index'));
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
