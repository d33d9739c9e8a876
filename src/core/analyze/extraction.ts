import { AnalysisAborted, andThen, recovering, type Steps } from './abort';
import type { Extraction } from './candidate';
import { commandSpans, onlySpans, type Spans, usageArguments } from './extract/commandLine';
import { extractJson } from './extract/json';
import { extractDelimitedSteps, extractDockerfileSteps, extractDotenvSteps, extractPropertiesSteps, extractTextLinesSteps, extractYamlSteps, hereStringCandidates, netrcCandidates } from './extract/lines';
import { extractNotebookSteps } from './extract/notebook';
import { extractTokensSteps } from './extract/tokens';
import { extractTypeScript } from './extract/typescript';
import { extractXmlSteps } from './extract/xml';
import type { AnalyzerLanguage } from './language';
import type { StringDialect } from './prefilter';

/**
 * `read` and the candidates of the shell token pass over the command lines `spans` of the text (the rest blanked, so
 * offsets stay the text's): options such as `mysql -p'…'` and `redis-cli -a …`, `export X='…'`, `PGPASSWORD=… psql`.
 */
function withCommandLines(read: Extraction, text: string, spans: Spans, signal: AbortSignal | undefined): Steps<Extraction> {
  if (spans.length === 0) return () => read;
  return andThen(extractTokensSteps(onlySpans(text, spans), 'shell', signal), (shell) => () => ({ candidates: [...shell.candidates, ...read.candidates], notes: read.notes }));
}

/** JS/TS files longer than this are read by the token pass, not parsed (memory; see extract()). */
export const MAX_PARSE_CHARS = 512 * 1024;

const DECLARATION_FILE = /\.d\.[cm]?ts$/i;
const NETRC_FILE = /(?:^|[\\/])[._]netrc$/i;

/** Thrown by extract() under `deferParse` when the file needs a parse. */
export const PARSE_DEFERRED = Symbol('parse deferred');

/**
 * Candidates of one document by its language. Scripts (JS/TS, Python) are first screened by `bindable`: the strings
 * near a secret-like name whose value some enabled rule could accept; with none, the file is neither parsed nor
 * tokenized (most files of real code, where this was most of a workspace scan's time). Other formats are read whole:
 * their values are often unquoted (`.env`, YAML, shell), and their extractors are line passes, cheap already.
 */
export function extract(language: AnalyzerLanguage, path: string, text: string, signal: AbortSignal | undefined, notes: string[], retain: boolean, deferParse: boolean, bindable: (dialect: StringDialect, where?: (offset: number) => boolean) => Steps<number[]>): Steps<Extraction> {
  const none: Extraction = { candidates: [], notes: [] };
  switch (language) {
    case 'typescript':
    case 'javascript':
      return andThen(
        // A declaration file's only values are `declare const X = "…"` and enum members (`A = "…"`): every other string
        // in it is a type, a module name or a property key, which no extractor takes (Stripe's and Node's typings are
        // hundreds of KB of string literal types). Told before a value is checked.
        DECLARATION_FILE.test(path) ? bindable('script', (o) => /=\s*$/.test(text.slice(Math.max(0, o - 64), o))) : bindable('script'),
        (near): Steps<Extraction> => {
          if (near.length === 0) return () => none;
          // A syntax tree costs many times its text in memory (bench/NOTES.md). Files this large are generated
          // (bundles, compilers), and the token pass reads the same strings and names.
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
    case 'yaml': {
      // The command lines of `run:`/`script:` values, read by the shell token pass too (`mysql -p'…'`, `export X='…'`).
      const commands: Spans = [];
      return andThen(extractYamlSteps(text, commands), (yaml) => withCommandLines(yaml, text, commands, signal));
    }
    case 'dotenv':
      return extractDotenvSteps(text);
    case 'properties':
    case 'ini':
      return extractPropertiesSteps(text);
    case 'dockerfile':
      return andThen(extractDockerfileSteps(text), (pairs) => andThen(extractTokensSteps(text, 'shell', signal), (run) => () => ({ candidates: [...pairs.candidates, ...run.candidates], notes: [] })));
    case 'python':
      return andThen(
        bindable('python'),
        (near) => (near.length === 0 ? () => none : extractTokensSteps(text, 'python', signal, near)),
      );
    case 'shell': {
      // A script's usage line names its positional arguments (`# usage: register-webhook <provider> <token> <url>`).
      const usage = text.includes('sage:') || text.includes('SAGE:') ? usageArguments(text) : [];
      const tokens = extractTokensSteps(text, 'shell', signal);
      return usage.length === 0 ? tokens : andThen(tokens, (read) => () => ({ candidates: [...read.candidates, ...usage.map((u) => ({ offset: u.start, length: u.end - u.start, names: [u.name] }))], notes: read.notes }));
    }
    case 'xml':
      return extractXmlSteps(text);
    case 'notebook':
      return extractNotebookSteps(text, signal);
    default: {
      // A table's header names the cells below it (`id,email,api_token`): read before the text passes, its candidate
      // wins where they read the same cell.
      const table = DELIMITED.exec(path);
      if (table) {
        return andThen(extractDelimitedSteps(text, table[1]!.toLowerCase() === 'tsv' ? '\t' : csvDelimiter(text)), (cells) =>
          andThen(readText(path, text, signal), (read) => () => {
            const seen = new Set(cells.candidates.map((c) => c.offset));
            return { candidates: [...cells.candidates, ...read.candidates.filter((c) => !seen.has(c.offset))], notes: read.notes };
          }),
        );
      }
      return readText(path, text, signal);
    }
  }
}

/** Comma- and tab-separated tables, by extension. */
const DELIMITED = /\.(csv|tsv)$/i;

/** A `.csv` file's delimiter: a semicolon where its first line has one and no comma (what Excel writes in many locales). */
function csvDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = text.slice(0, end < 0 ? Math.min(text.length, 4096) : Math.min(end, 4096));
  return !first.includes(',') && first.includes(';') ? ';' : ',';
}

/** Plain text and files of unknown type: the token pass, `NAME: value` lines, labelled values, command lines. */
function readText(path: string, text: string, signal: AbortSignal | undefined): Steps<Extraction> {
  // Quoted strings and code-like bindings from the token pass; bare `NAME: value` lines from the line pass (the
  // token pass's candidate wins where both read the same value); a quoted value's label of a few words first, as it
  // binds provider rules only (`Twilio auth token: "…"` is Twilio's before it is a generic `token`).
  return andThen(extractTokensSteps(text, 'text', signal), (run) =>
    andThen(extractTextLinesSteps(text), ({ pairs, labelled }) => {
      const seen = new Set(run.candidates.map((c) => c.offset));
      // A `.netrc` separates its tokens and values by spaces (`password …`), which no pass above reads as a pair.
      const netrc = NETRC_FILE.test(path) ? netrcCandidates(text) : [];
      // PowerShell's here-strings (`$token = @'` … `'@`) span lines, which neither pass above reads as one value.
      const read: Extraction = { candidates: [...labelled.candidates, ...run.candidates, ...pairs.candidates.filter((c) => !seen.has(c.offset)), ...netrc, ...hereStringCandidates(text)], notes: run.notes };
      // A Makefile's recipes and a README's shell fences: command lines, read by the shell token pass too.
      return withCommandLines(read, text, commandSpans(path, text), signal);
    }),
  );
}
