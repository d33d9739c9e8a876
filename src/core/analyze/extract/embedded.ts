import { runSteps } from '../abort';
import type { Candidate } from '../candidate';
import { extractPropertiesSteps } from './lines';

/** The longest string read as a settings file: a fixture or a template, not a generated blob. */
const MAX_EMBEDDED = 64 * 1024;
/**
 * A line that reads as a setting: `name = value`, `name: value`, `NAME=value`, an INI section, or an object's member as
 * JSON and Jest's snapshots print it (`"apiKey": "…",`).
 */
const SETTING_LINE = /^[ \t]*(?:\[[^\]\n]+\]|(?:export[ \t]+)?(?:[A-Za-z_][\w.-]{0,63}|"[A-Za-z_][\w.-]{0,63}")[ \t]*[=:][ \t]*\S)/m;

/**
 * The settings of a multi-line string (a Python triple-quoted string, a JS template without substitutions, a Jest
 * snapshot) that holds a settings file, `.env`, INI, flat YAML or an object printed as JSON (`"""\n[default]\napi_key =
 * …\n"""`, `{\n  "apiKey": "…",\n}`): read as the text it is, by the properties reader (sections, `=`, `:`, quoted
 * names), with offsets into `text`. `[contentStart, contentEnd)` is the string's content.
 */
export function embeddedSettings(text: string, contentStart: number, contentEnd: number): Candidate[] {
  if (contentEnd - contentStart > MAX_EMBEDDED) return [];
  const content = text.slice(contentStart, contentEnd);
  if (!content.includes('\n') || !SETTING_LINE.test(content)) return [];
  return runSteps(extractPropertiesSteps(content)).candidates.map((c) => ({ ...c, offset: c.offset + contentStart }));
}
