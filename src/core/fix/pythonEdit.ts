import { inStringOrComment, PyScan } from '../calls/pythonScan';

/** `import os` (or another module) unless the file already imports it at the top level. */
export function pythonImportOsEdit(text: string, scan: PyScan): { start: number; end: number; text: string } | undefined {
  // `import os`, `import sys, os`, `import os.path` all bind `os`; `import os.path as p` does not.
  return pythonImportEdit(text, scan, 'import os', /^import\s+(?:[\w.]+(?:\s+as\s+\w+)?\s*,\s*)*os(?:\.[\w.]+)?(?:\s*[,;#]|\s*$)/m);
}

/**
 * Adds `statement` once: before the first top-level import (after `from __future__` imports), else
 * after the module docstring and leading comments. `present` recognises an import that is already there.
 */
export function pythonImportEdit(text: string, scan: PyScan, statement: string, present: RegExp, place: 'first' | 'last' = 'first'): { start: number; end: number; text: string } | undefined {
  const lines = [...text.matchAll(/^.*$/gm)];
  const topLevel = (offset: number): boolean => !inStringOrComment(scan, offset);
  for (const line of lines) {
    if (line.index !== undefined && present.test(line[0]) && topLevel(line.index)) return undefined;
  }
  let insertAt: number | undefined;
  let afterFuture: number | undefined;
  if (place === 'last') {
    // A project module goes after the imports (stdlib and third-party first, as PEP 8 groups them).
    let after: number | undefined;
    for (const line of lines) {
      const index = line.index ?? 0;
      if (topLevel(index) && /^(?:import|from)\s+[\w.]/.test(line[0]) && !line[0].includes('(')) after = index + line[0].length + 1;
    }
    if (after !== undefined) return { start: Math.min(after, text.length), end: Math.min(after, text.length), text: `${statement}\n` };
  }
  for (const line of lines) {
    const index = line.index ?? 0;
    if (!topLevel(index)) continue;
    if (/^from\s+__future__\s+import\b/.test(line[0])) afterFuture = index + line[0].length + 1;
    else if (/^(?:import|from)\s+\w/.test(line[0])) {
      insertAt = index;
      break;
    }
  }
  if (insertAt !== undefined && (afterFuture === undefined || insertAt >= afterFuture)) return { start: insertAt, end: insertAt, text: `${statement}\n` };
  if (afterFuture !== undefined) return { start: Math.min(afterFuture, text.length), end: Math.min(afterFuture, text.length), text: `${statement}\n` };
  // No imports: after a shebang / encoding line, leading comments and the module docstring.
  let pos = 0;
  for (;;) {
    const rest = text.slice(pos);
    const comment = /^(?:#.*(?:\r?\n|$))+/.exec(rest);
    const blank = /^[ \t]*\r?\n/.exec(rest);
    const doc = scan.strings.find((s) => s.start === pos && s.quote.length === 3);
    if (comment) pos += comment[0].length;
    else if (doc) {
      pos = doc.end;
      const nl = /^[ \t]*\r?\n/.exec(text.slice(pos));
      if (nl) pos += nl[0].length;
      return { start: pos, end: pos, text: `\n${statement}\n` };
    } else if (blank && pos > 0) pos += blank[0].length;
    else break;
  }
  return { start: pos, end: pos, text: pos === 0 ? `${statement}\n\n` : `${statement}\n` };
}
