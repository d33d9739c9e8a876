/** A Markdown fenced code block: its opening line, the lines inside it, and whether a closing fence ends it. */
export interface FenceBlock {
  /** The opening fence's line: start and end offsets, a trailing `\r` excluded. */
  open: [number, number];
  /** The lines inside, in order: start and end offsets (a trailing `\r` kept, as the text has it). */
  lines: Array<[number, number]>;
  /** False when the text ends inside the block (CommonMark: it runs to the end of the document). */
  closed: boolean;
}

/**
 * A Markdown text's fenced code blocks, as CommonMark reads them: a fence is three or more backticks or tildes after
 * at most three blanks; a block closes at a line of the same mark, at least as long, and nothing else. Linear: each
 * line is looked at once, and most lines by their first characters only.
 */
export function fenceBlocks(text: string): FenceBlock[] {
  // A document with neither mark (most versions of a changelog in a history scan) has no fence: two native searches
  // instead of a loop over its lines.
  if (!text.includes('```') && !text.includes('~~~')) return [];
  const blocks: FenceBlock[] = [];
  let block: FenceBlock | undefined;
  let fence = '';
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let first = start;
    while (first < start + 3 && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    const c = text.charCodeAt(first);
    const marks = c === 96 || c === 126 ? /^[ \t]{0,3}(`{3,}|~{3,})/.exec(text.slice(start, Math.min(end, start + 64))) : null;
    if (block === undefined) {
      if (marks) {
        fence = marks[1]!;
        block = { open: [start, text.charCodeAt(end - 1) === 13 ? end - 1 : end], lines: [], closed: false };
        blocks.push(block);
      }
    } else if (marks && marks[1]!.startsWith(fence) && text.slice(start, end).trim() === marks[1]) {
      block.closed = true;
      block = undefined;
    } else block.lines.push([start, end]);
    start = end + 1;
  }
  return blocks;
}
