import { LineIndex } from '../vocabulary/positions';

/**
 * `// rotation-ready-ignore-next-line [rule-id[, rule-id…]]` (or `#`, `;`, `/*`, `<!--` comment markers).
 * Without rule ids every rule is suppressed on the next line; with ids only those.
 */
export const IGNORE_DIRECTIVE = 'rotation-ready-ignore-next-line';

export interface IgnoreDirectives {
  /** True when a directive on the line before `line` (zero-based) suppresses `ruleId`. */
  suppresses(line: number, ruleId: string): boolean;
  /** Zero-based lines the directives apply to, with their rule ids ('*' = all). */
  readonly entries: ReadonlyMap<number, ReadonlySet<string>>;
}

const DIRECTIVE = /(?:\/\/|\/\*|#|;|<!--|--)[ \t]*rotation-ready-ignore-next-line\b([^\n\r]*)/g;

export function parseIgnoreDirectives(text: string): IgnoreDirectives {
  const entries = new Map<number, Set<string>>();
  if (text.includes(IGNORE_DIRECTIVE)) {
    // The same lines as the findings' (a lone `\r` ends one too), or a directive would name the wrong line.
    const lines = new LineIndex(text);
    DIRECTIVE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = DIRECTIVE.exec(text))) {
      const line = lines.lineOf(m.index);
      const ids = (m[1] ?? '')
        .replace(/\*\/|-->/g, ' ')
        .split(/[\s,]+/)
        .filter((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id));
      const target = line + 1;
      const set = entries.get(target) ?? new Set<string>();
      if (ids.length === 0) set.add('*');
      for (const id of ids) set.add(id);
      entries.set(target, set);
    }
  }
  return {
    entries,
    suppresses: (line, ruleId) => {
      const set = entries.get(line);
      return !!set && (set.has('*') || set.has(ruleId));
    },
  };
}
