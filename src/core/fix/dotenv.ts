/** Minimal `.env` reading and writing: `NAME=value`, `export NAME=value`, quoted values, comments. */

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

export function parseDotenv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    values.set(match[1]!, unquote(match[2]!));
  }
  return values;
}

function unquote(raw: string): string {
  if (raw.startsWith("'")) {
    const end = raw.indexOf("'", 1);
    return end > 0 ? raw.slice(1, end) : raw.slice(1);
  }
  if (raw.startsWith('"')) {
    let out = '';
    for (let i = 1; i < raw.length; i++) {
      const c = raw[i]!;
      if (c === '"') break;
      if (c === '\\' && i + 1 < raw.length) {
        const n = raw[++i]!;
        out += n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : n;
      } else out += c;
    }
    return out;
  }
  return raw.replace(/\s+#.*$/, '');
}

/**
 * `NAME=value`, quoted only when it has to be: single quotes keep everything literal (dotenv,
 * docker compose and python-dotenv agree on that); a value with a single quote or a newline is
 * double-quoted with escapes.
 */
export function formatDotenvLine(name: string, value: string): string {
  if (/^[A-Za-z0-9_\-.:/+=@,~%]*$/.test(value)) return `${name}=${value}`;
  if (!/['\n\r]/.test(value)) return `${name}='${value}'`;
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `${name}="${escaped}"`;
}

/** Text with `line` appended, on its own line. */
export function appendLine(text: string, line: string): string {
  if (text.length === 0) return `${line}\n`;
  return `${text}${text.endsWith('\n') ? '' : '\n'}${line}\n`;
}
