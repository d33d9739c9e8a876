import { MORE, type Steps } from './abort';
import { credentialStart, joinsLiterals } from './candidate';
import { embeddedSettings, printedMembers } from './extract/embedded';
import type { RuleMask } from './ruleMask';
import { nextPythonLiteralBounds, type PythonLiteralBounds } from '../pythonStrings';

/**
 * Before parsing or tokenizing a script, find the quoted strings that could become a name-bound finding at all: the
 * string starts near a word that could name a secret, and its value passes the value side of some rule (`couldBind`:
 * pattern, entropy, not a placeholder). Most files of real code, and most edits, have none, and then the file is
 * neither parsed nor tokenized.
 *
 * The quote pairing is per line (backticks may span lines, and Python's triple quotes), so a stray quote cannot hide
 * a literal on another line; comments are skipped whole, so an apostrophe in one pairs with nothing. Script strings
 * are enumerated by one regular expression (fast: V8 runs it in generated code), Python's by the reader the token pass
 * uses (core/pythonStrings.ts: prefixes, f-string fields), so both see the same strings; only the long ones near a
 * name are read.
 */
export const SCRIPT_STRINGS = /\/\/[^\n]*|\/\*[^]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[^])*`/g;
/** A module specifier (`from "…"`, `import "…"`, `require("…")`, `import("…")`): the parser never takes one as a value. */
const MODULE_SPECIFIER_BEFORE = /(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*$/;

export type StringDialect = 'script' | 'python';

/** How far from a string's opening quote a name that binds it can sit (declaration, property, call, comparison). */
const NAME_WINDOW_BEFORE = 512;
const NAME_WINDOW_AFTER = 640;

/** The literal parts of a template's content, between its `${…}` substitutions (braces inside them counted). */
function templateParts(content: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let at = content.indexOf('${'); at >= 0; at = content.indexOf('${', from)) {
    parts.push(content.slice(from, at));
    let depth = 0;
    let i = at + 1;
    for (; i < content.length; i++) {
      const c = content[i];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    from = i + 1;
  }
  parts.push(content.slice(Math.min(from, content.length)));
  return parts;
}

/**
 * Offsets (of the opening quote, ascending) of the strings that start within the name window of one of
 * `namePositions` (ascending; `nameMasks` says which rules each could bind) and hold a value (the content, or a template's literal part, after a header name and an
 * auth scheme, trimmed: what the extractors and analyzeText make of it) that `couldBind` accepts; and, with `where`,
 * only those at offsets it accepts (asked first: it is cheaper than the value check).
 */
export function boundStringOffsets(
  text: string,
  namePositions: readonly number[],
  dialect: StringDialect,
  minLength: number,
  couldBind: (value: string, nameMasks: readonly RuleMask[], from: number, to: number) => boolean,
  where: ((offset: number) => boolean) | undefined,
  nameMasks: readonly RuleMask[],
): Steps<number[]> {
  const out: number[] = [];
  if (namePositions.length === 0) return () => out;
  // The string the enumeration is at, one object rewritten per string: a file holds tens of thousands of strings,
  // and an object for each was a measurable share of a workspace scan.
  const quoted: Quoted = { at: 0, contentStart: 0, contentEnd: 0, end: 0, template: false };
  // The literals the current one joins (`"ab" + "cd"`, Python's `"ab" "cd"`): their offsets and contents, and the names
  // near the first (nameMasks[runNames … runNamesEnd - 1], NO_NAME: none), the run's value being checked joined once it
  // has two pieces.
  let run: number[] = [];
  let runValue = '';
  let runNames = NO_NAME;
  let runNamesEnd = NO_NAME;
  let runEnd = -1;
  const next = dialect === 'python' ? pythonStrings(text, minLength, quoted) : scriptStrings(text, minLength, quoted);
  let h = 0;
  // Where the names near the string near() last answered for end (their masks: nameMasks[h … windowEnd - 1]).
  let windowEnd = 0;
  let done = false;
  // A piece per STRINGS_PER_PIECE strings: a generated file holds tens of thousands near names (25k took 80-300 ms).
  return () => {
    if (done) return out;
    for (let left = STRINGS_PER_PIECE; left > 0; left--) {
      if (!next()) {
        done = true;
        return out;
      }
      // Asked only after a string near a name (most strings are not): does this one continue it?
      const joins = runNames !== NO_NAME && !quoted.template && quoted.at - runEnd <= 130 && joinsLiterals(text.slice(runEnd, quoted.at));
      runEnd = quoted.end;
      if (joins) {
        run.push(quoted.at);
        runValue += text.slice(quoted.contentStart, quoted.contentEnd);
        // Every piece of a run that could bind joined is kept: the extractors read the run from its first literal on.
        if (couldBind(runValue, nameMasks, runNames, runNamesEnd)) for (const at of run) insertAscending(out, at);
        continue;
      }
      const names = near(quoted);
      run = [quoted.at];
      runValue = names === NO_NAME || quoted.template ? '' : text.slice(quoted.contentStart, quoted.contentEnd);
      runNames = runValue && !/\s/.test(runValue) ? names : NO_NAME;
      runNamesEnd = windowEnd;
      if (names !== NO_NAME && holdsValue(quoted, names, windowEnd)) out.push(quoted.at);
      else if (done) return out;
    }
    return MORE;
  };

  /**
   * The first of the names near the string (NO_NAME: no name near it, or not a place for a value), windowEnd set past the
   * last; with no name left, the scan ends. Their rules are not joined here: a value's (couldBind) is asked of each name
   * in turn only when the value fits some rule, and nearly none does (joining them per string was a tenth of a keystroke's
   * re-analysis, mask23).
   */
  function near(quoted: Quoted): number {
    const o = quoted.at;
    while (h < namePositions.length && namePositions[h]! < o - NAME_WINDOW_BEFORE) h++;
    if (h === namePositions.length) {
      // No name after this point: no later string is near one.
      done = true;
      return NO_NAME;
    }
    if (namePositions[h]! > o + NAME_WINDOW_AFTER) return NO_NAME;
    if (dialect === 'script' && MODULE_SPECIFIER_BEFORE.test(text.slice(Math.max(0, o - 16), o))) return NO_NAME;
    if (where && !where(o)) return NO_NAME;
    let k = h + 1;
    while (k < namePositions.length && namePositions[k]! <= o + NAME_WINDOW_AFTER) k++;
    windowEnd = k;
    return h;
  }

  /** Whether the string holds a value some rule the names near it could bind could take. */
  function holdsValue(quoted: Quoted, names: number, namesEnd: number): boolean {
    const content = text.slice(quoted.contentStart, quoted.contentEnd);
    // The value a rule sees is exactly this (as pushCandidate and analyzeText derive it), so the check is exact.
    const parts = quoted.template && content.includes('${') ? templateParts(content) : [content];
    if (parts.some((part) => part.length >= minLength && couldBind(credentialOf(part), nameMasks, names, namesEnd))) return true;
    // A settings file or a JSON object held in the string (extract/embedded.ts): the values of its lines or members.
    if (quoted.template && content.includes('${')) return false;
    const held = content.includes('\n') ? embeddedSettings(text, quoted.contentStart, quoted.contentEnd) : printedMembers(text, quoted.contentStart, quoted.contentEnd);
    return held.some((c) => couldBind(text.slice(c.offset, c.offset + c.length).trim(), nameMasks, names, namesEnd));
  }
}

/** The credential part of a string's content, as pushCandidate and analyzeText derive it. */
function credentialOf(content: string): string {
  const { start, end } = credentialStart(content, 0, content.length);
  return content.slice(start, end).trim();
}

/** A string the enumeration is at: the offset of its opening quote, its content, its end, and whether it is a JS template. */
interface Quoted {
  at: number;
  contentStart: number;
  contentEnd: number;
  end: number;
  template: boolean;
}

/** near()'s answer for a string no name binds (otherwise the index of the first name near it). */
const NO_NAME = -1;

/** Adds `at` to the ascending list unless it is there. */
function insertAscending(list: number[], at: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > at) i--;
  if (list[i - 1] !== at) list.splice(i, 0, at);
}

const SLASH = 0x2f;
const BACKTICK = 0x60;

/**
 * Steps to the next string of a script whose content is at least `minLength` long and writes it into `into`; false
 * when there is none left. Comments are skipped whole (an apostrophe in one (`don't`) pairs with nothing), and so are
 * shorter strings, before anything is made of them.
 */
function scriptStrings(text: string, minLength: number, into: Quoted): () => boolean {
  // A regular expression of its own: the language server interleaves documents between pieces, and a shared one's
  // lastIndex would be moved by the other document's scan.
  const strings = new RegExp(SCRIPT_STRINGS);
  return () => {
    for (let m = strings.exec(text); m; m = strings.exec(text)) {
      const length = m[0].length;
      const first = m[0].charCodeAt(0);
      if (length < minLength + 2 || first === SLASH) continue;
      into.at = m.index;
      into.contentStart = m.index + 1;
      into.contentEnd = m.index + length - 1;
      into.end = m.index + length;
      into.template = first === BACKTICK;
      return true;
    }
    return false;
  };
}

/** scriptStrings for Python source, which is read as the token pass reads it (core/pythonStrings.ts). */
function pythonStrings(text: string, minLength: number, into: Quoted): () => boolean {
  const literal: PythonLiteralBounds = { comment: false, start: 0, quoteAt: 0, contentStart: 0, contentEnd: 0, end: 0 };
  let from = 0;
  return () => {
    while (nextPythonLiteralBounds(text, from, literal)) {
      from = literal.end;
      if (literal.comment || literal.contentEnd - literal.contentStart < minLength) continue;
      into.at = literal.quoteAt;
      into.contentStart = literal.contentStart;
      into.contentEnd = literal.contentEnd;
      into.end = literal.end;
      into.template = false;
      return true;
    }
    from = text.length;
    return false;
  };
}

const STRINGS_PER_PIECE = 4096;
