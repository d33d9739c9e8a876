import { visit } from 'jsonc-parser';
import { andThen, type Steps } from '../abort';
import type { Candidate, Extraction } from '../candidate';
import { lastAtOrBefore } from '../../vocabulary/positions';
import { bindingNamePositions } from '../binding';
import { inlinePairs } from '../inline';
import { ALL_RULES, keywordSet, locatedKeywords, nameKeywords } from '../ruleSet';
import { commandSpans, onlySpans, type Spans } from './commandLine';
import { extractTextPairsSteps } from './lines';
import { extractTokensSteps } from './tokens';

/**
 * Jupyter notebooks (.ipynb): JSON whose code cells hold Python (or the kernel's language) as an array of JSON-escaped
 * lines (`"API_KEY = \"…\"\n"`). The cells are read as the source they are: their lines joined and unescaped, code
 * by the token pass of the kernel's language, shell escapes (`!curl …`, `%env X=…`, `%%bash` cells) by the shell token
 * pass, Markdown cells and text outputs as text; each candidate is mapped back to its place in the notebook's text. One
 * event pass over the JSON (no tree), then token passes over text no longer than the notebook's: linear in its size.
 */
export function extractNotebookSteps(text: string, signal: AbortSignal | undefined): Steps<Extraction> {
  const code = new Joined();
  const prose = new Joined();
  // Container names from the root (the property each object or array is the value of; '' for an array's items).
  const stack: string[] = [];
  let pending = '';
  let errors = 0;
  let language = 'python';
  // The current cell's pieces, until its type is known (at its end: `cell_type` may follow `source`).
  let cell: Piece[] = [];
  let cellType = '';
  visit(
    text,
    {
      onObjectBegin: () => {
        stack.push(pending);
        pending = '';
        if (isCell(stack)) {
          cell = [];
          cellType = '';
        }
      },
      onObjectEnd: () => {
        if (isCell(stack) && cellType === 'code') {
          code.addCell(cell.filter((p) => p.code));
          prose.addCell(cell.filter((p) => !p.code));
        } else if (isCell(stack)) prose.addCell(cell);
        stack.pop();
        pending = '';
      },
      onArrayBegin: () => {
        stack.push(pending);
        pending = '';
      },
      onArrayEnd: () => {
        stack.pop();
        pending = '';
      },
      onObjectProperty: (property) => {
        pending = property;
      },
      onLiteralValue: (value, offset, length) => {
        const name = pending;
        pending = '';
        if (typeof value !== 'string') return;
        if (isCell(stack) && name === 'cell_type') cellType = value;
        else if (stack[1] === 'metadata' && ((stack.length === 3 && stack[2] === 'kernelspec' && name === 'language') || (stack.length === 3 && stack[2] === 'language_info' && name === 'name'))) language = value.toLowerCase();
        else if (stack[1] === 'cells') {
          const where = placeOf(stack, name);
          if (where !== undefined) cell.push({ value, offset, length, code: where === 'source' });
        }
      },
      onError: () => {
        errors++;
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  const codeText = code.text();
  const proseText = prose.text();
  // What no extractor reads in the cells' text: a commented-out setting (`# OPENAI_API_KEY=…`), a Markdown table's row.
  const inline = (cells: string) => inlinePairs(cells, bindingNamePositions(cells, keywordSet.scan(cells, nameKeywords, locatedKeywords).positions, ALL_RULES));
  const dialect = language === 'python' || language.startsWith('python') ? 'python' : 'text';
  const notes = errors > 0 ? ['The notebook has JSON syntax errors; its cells were read as well as the parser could recover.'] : [];
  return andThen(extractTokensSteps(codeText, dialect, signal), (source) =>
    andThen(shellPass(codeText, shellEscapes(codeText, code.cellStarts), signal), (shell) =>
      andThen(extractTokensSteps(proseText, 'text', signal), (tokens) =>
        andThen(extractTextPairsSteps(proseText), (pairs) =>
          // Markdown cells' shell fences (`curl -u …` in a setup note).
          andThen(shellPass(proseText, commandSpans('cells.md', proseText), signal), (fenced) => () => ({
            candidates: [...code.mapBack(text, [...shell.candidates, ...source.candidates, ...inline(codeText)]), ...prose.mapBack(text, [...fenced.candidates, ...tokens.candidates, ...pairs.candidates, ...inline(proseText)])],
            notes,
          })),
        ),
      ),
    ),
  );
}

/** The shell token pass over the command lines `spans` of `text` (none: nothing to read). */
function shellPass(text: string, spans: Spans, signal: AbortSignal | undefined): Steps<Extraction> {
  return spans.length === 0 ? () => ({ candidates: [], notes: [] }) : extractTokensSteps(onlySpans(text, spans), 'shell', signal);
}

/** A JSON string literal of a cell: its decoded value, where its literal is in the notebook (quotes included). */
interface Piece {
  value: string;
  offset: number;
  length: number;
  code: boolean;
}

/** Whether the object just opened or about to close is a cell: an item of the top-level `cells` array. */
function isCell(stack: readonly string[]): boolean {
  return stack.length === 3 && stack[1] === 'cells';
}

/**
 * Which part of a cell a string at this place is: its `source` (a string or an array of lines), or an output's text
 * (`outputs[].text`, `outputs[].data["text/plain"]`); undefined for everything else (ids, metadata, images).
 */
function placeOf(stack: readonly string[], name: string): 'source' | 'output' | undefined {
  if ((stack.length === 3 && name === 'source') || (stack.length === 4 && stack[3] === 'source' && name === '')) return 'source';
  if (stack[3] !== 'outputs') return undefined;
  if ((stack.length === 5 && name === 'text') || (stack.length === 6 && stack[5] === 'text' && name === '')) return 'output';
  if (stack[5] === 'data' && ((stack.length === 6 && name.startsWith('text/')) || (stack.length === 7 && stack[6]!.startsWith('text/') && name === ''))) return 'output';
  return undefined;
}

/**
 * The cells' strings joined into one text (a line break between cells), and the way back: a candidate's range in the
 * joined text to its range in the notebook's text, through the JSON escapes of its string.
 */
class Joined {
  private readonly pieces: Piece[] = [];
  /** Where each piece starts in the joined text. */
  private readonly starts: number[] = [];
  private length = 0;
  /** Where each cell starts in the joined text. */
  readonly cellStarts: number[] = [];

  addCell(pieces: readonly Piece[]): void {
    if (pieces.length === 0) return;
    this.cellStarts.push(this.length);
    for (const p of pieces) {
      this.pieces.push(p);
      this.starts.push(this.length);
      this.length += p.value.length;
    }
    // A cell's last line may lack its line break: the next cell starts on a line of its own.
    this.pieces.push({ value: '\n', offset: -1, length: 0, code: false });
    this.starts.push(this.length);
    this.length += 1;
  }

  private joined: string | undefined;
  text(): string {
    return (this.joined ??= this.pieces.map((p) => p.value).join(''));
  }

  /** The candidates of the joined text at their places in the notebook; one that spans strings or a separator is dropped. */
  mapBack(notebook: string, candidates: readonly Candidate[]): Candidate[] {
    const out: Candidate[] = [];
    for (const c of candidates) {
      const i = lastAtOrBefore(this.starts, c.offset);
      const piece = this.pieces[i];
      if (!piece || piece.offset < 0) continue;
      const from = c.offset - this.starts[i]!;
      const to = from + c.length;
      if (to > piece.value.length) continue;
      const start = rawOffset(notebook, piece, from);
      const end = rawOffset(notebook, piece, to);
      const value = c.value ?? piece.value.slice(from, to);
      const mapped: Candidate = { ...c, offset: start, length: end - start, value };
      // As written in the notebook (no escape inside): the text at the range is the value.
      if (notebook.slice(start, end) === value) delete mapped.value;
      out.push(mapped);
    }
    return out;
  }
}

/**
 * Where decoded character `index` of a JSON string's value sits in the notebook's text: after its opening quote, each
 * escape (`\"`, `\n`, `\u00e9`) is one character of the value. Read from the literal's start: a candidate is short and
 * near its line's start in a notebook, whose lines are the cell's lines.
 */
function rawOffset(notebook: string, piece: Piece, index: number): number {
  let raw = piece.offset + 1;
  const end = piece.offset + piece.length - 1;
  for (let k = 0; k < index && raw < end; k++) {
    if (notebook.charCodeAt(raw) !== 92) raw++;
    else raw += notebook.charCodeAt(raw + 1) === 117 ? 6 : 2;
  }
  return raw;
}

/**
 * The shell in a notebook's code: `!cmd …` lines (after the `!`), `%env NAME=value` (after `%env`), and every line of a
 * cell opened by `%%bash`, `%%sh` or `%%script bash`.
 */
function shellEscapes(code: string, cellStarts: readonly number[]): Spans {
  const spans: Spans = [];
  let cell = 0;
  let shellCell = false;
  for (let start = 0; start < code.length; ) {
    let end = code.indexOf('\n', start);
    if (end < 0) end = code.length;
    if (cell < cellStarts.length && cellStarts[cell] === start) {
      cell++;
      shellCell = /^%%(?:bash|sh|script[ \t]+(?:bash|sh))\b/.test(code.slice(start, Math.min(end, start + 32)));
      if (shellCell) {
        start = end + 1;
        continue;
      }
    }
    if (shellCell) spans.push([start, end]);
    else {
      const escape = /^[ \t]*(?:!|%env[ \t]+|%set_env[ \t]+)/.exec(code.slice(start, Math.min(end, start + 32)));
      if (escape) spans.push([start + escape[0].length, end]);
    }
    start = end + 1;
  }
  return spans;
}
