import { diffLines, diffWordsWithSpace } from 'diff';
import { positionAt } from '../vocabulary/positions';
import type { TextEdit } from './types';

/** Above this many changed characters a block is replaced whole: a word diff would cost more than it saves. */
const MAX_DIFFED = 200_000;
/** Edits a few characters apart on one line read as one change (`'…'` → `requireEnv('NAME')`), not three. */
const MERGE_GAP = 4;

interface Span {
  offset: number;
  length: number;
  newText: string;
}

/**
 * The smallest text edits that turn `original` into `modified` (cf. vscode-eslint `server/src/diff.ts`):
 * fixes compute the whole new text, then leave as edits, so undo, the cursor and formatting outside
 * the fix survive. Lines first (an added import is one inserted line, not a split of its neighbour),
 * then words inside changed lines, whitespace kept; edits a few characters apart on a line merge.
 */
export function minimalEdits(original: string, modified: string): TextEdit[] {
  if (original === modified) return [];
  // Common prefix and suffix, widened to whole lines so the line diff sees whole lines.
  let start = 0;
  const max = Math.min(original.length, modified.length);
  while (start < max && original.charCodeAt(start) === modified.charCodeAt(start)) start++;
  start = original.lastIndexOf('\n', start - 1) + 1;
  let endO = original.length;
  let endM = modified.length;
  while (endO > start && endM > start && original.charCodeAt(endO - 1) === modified.charCodeAt(endM - 1)) {
    endO--;
    endM--;
  }
  while (endO < original.length && original.charCodeAt(endO - 1) !== 10) {
    endO++;
    endM++;
  }
  const before = original.slice(start, endO);
  const after = modified.slice(start, endM);
  const spans: Span[] = [];
  if (before.length + after.length > MAX_DIFFED) {
    spans.push({ offset: start, length: before.length, newText: after });
  } else {
    let offset = start;
    const parts = diffLines(before, after);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const next = parts[i + 1];
      if (part.removed && next?.added) {
        spans.push(...wordSpans(offset, part.value, next.value));
        offset += part.value.length;
        i++;
      } else if (part.removed) {
        spans.push({ offset, length: part.value.length, newText: '' });
        offset += part.value.length;
      } else if (part.added) {
        spans.push({ offset, length: 0, newText: part.value });
      } else {
        offset += part.value.length;
      }
    }
  }
  return coalesce(original, spans).map((span) => toTextEdit(original, span.offset, span.length, span.newText));
}

function wordSpans(base: number, before: string, after: string): Span[] {
  const spans: Span[] = [];
  let offset = base;
  let current: Span | undefined;
  for (const part of diffWordsWithSpace(before, after)) {
    if (!part.added && !part.removed) {
      current = undefined;
      offset += part.value.length;
      continue;
    }
    if (!current) {
      current = { offset, length: 0, newText: '' };
      spans.push(current);
    }
    if (part.removed) {
      current.length += part.value.length;
      offset += part.value.length;
    } else current.newText += part.value;
  }
  return spans;
}

function coalesce(original: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    const gap = last ? original.slice(last.offset + last.length, span.offset) : undefined;
    if (last && gap !== undefined && gap.length <= MERGE_GAP && !gap.includes('\n')) {
      last.newText += gap + span.newText;
      last.length = span.offset + span.length - last.offset;
    } else out.push({ ...span });
  }
  return out;
}

export function toTextEdit(text: string, offset: number, length: number, newText: string): TextEdit {
  return { offset, length, newText, range: { start: positionAt(text, offset), end: positionAt(text, offset + length) } };
}

/** Applies edits computed against `text` (non-overlapping, any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  return result;
}
