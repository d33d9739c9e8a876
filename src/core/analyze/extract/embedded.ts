import { runSteps } from '../abort';
import type { Candidate } from '../candidate';
import { extractPropertiesSteps } from './lines';
import { extractXmlSteps } from './xml';

/** The longest string read as a settings file: a fixture or a template, not a generated blob. */
const MAX_EMBEDDED = 64 * 1024;
/**
 * A line that reads as a setting: `name = value`, `name: value`, `NAME=value`, an INI section, or an object's member as
 * JSON and Jest's snapshots print it (`"apiKey": "…",`).
 */
const SETTING_LINE = /^[ \t]*(?:\[[^\]\n]+\]|(?:export[ \t]+)?(?:[A-Za-z_][\w.-]{0,63}|"[A-Za-z_][\w.-]{0,63}")[ \t]*[=:][ \t]*\S)/m;

/** A string that opens with an element: markup. */
const MARKUP = /^\s*<[A-Za-z]/;

/**
 * The settings of a multi-line string (a Python triple-quoted string, a JS template without substitutions, a Jest
 * snapshot) that holds a settings file, `.env`, INI, flat YAML or an object printed as JSON (`"""\n[default]\napi_key =
 * …\n"""`, `{\n  "apiKey": "…",\n}`): read as the text it is, by the properties reader (sections, `=`, `:`, quoted
 * names), with offsets into `text`. `[contentStart, contentEnd)` is the string's content.
 */
export function embeddedSettings(text: string, contentStart: number, contentEnd: number): Candidate[] {
  if (contentEnd - contentStart > MAX_EMBEDDED) return [];
  const content = text.slice(contentStart, contentEnd);
  // Markup (a Jest snapshot of a rendered component, an HTML template): its elements' attributes, a `value` named by
  // the `name`, `id` or label attribute beside it (`<Text accessibilityLabel="api-token" value="…" />`).
  if (MARKUP.test(content)) return runSteps(extractXmlSteps(content)).candidates.map((c) => ({ ...c, offset: c.offset + contentStart }));
  const settings = content.includes('\n') && SETTING_LINE.test(content) ? runSteps(extractPropertiesSteps(content)).candidates : [];
  if (settings.length) return settings.map((c) => ({ ...c, offset: c.offset + contentStart }));
  return printedMembers(text, contentStart, contentEnd);
}

/**
 * A JSON member printed in a string, its quotes escaped once or twice as the string's language needs (`'{"apiKey":
 * "…"}'`, `"{\"apiKey\": \"…\"}"`, a Jest snapshot of a JSON string, `"{\\"apiKey\\":\\"…\\"}"`): the name and
 * the value quoted alike, the value without quotes, escapes or spaces inside. Each match reads at most ~600 characters.
 */
const PRINTED_MEMBER = /(\\{0,3})"([A-Za-z_][\w.-]{0,63})\1"[ \t]*:[ \t]*\1"([^"\\\s]{1,512})\1"/g;

/**
 * The members of a JSON object printed in the string `[contentStart, contentEnd)`, in one line or many, escaped or not:
 * a request body in a test, `JSON.parse('{…}')`, a snapshot of `JSON.stringify(…)`. Each a candidate named by its member.
 */
export function printedMembers(text: string, contentStart: number, contentEnd: number): Candidate[] {
  if (contentEnd - contentStart > MAX_EMBEDDED) return [];
  const content = text.slice(contentStart, contentEnd);
  if (!content.includes('":') && !content.includes('" :')) return [];
  const out: Candidate[] = [];
  for (const m of content.matchAll(PRINTED_MEMBER)) {
    const value = m[3]!;
    out.push({ offset: contentStart + m.index + m[0].length - value.length - m[1]!.length - 1, length: value.length, names: [m[2]!] });
  }
  return out;
}
