import { MORE, type Steps } from '../abort';
import { type Candidate, type Extraction, pushCandidate } from '../candidate';

/**
 * XML (.xml, .config, .csproj, .plist, …): a tag reader rather than a parser, because a secret in a malformed or
 * templated file is still a secret. It binds
 * - an element's text to the element: `<apiToken>…</apiToken>` (surrounding whitespace left out);
 * - an attribute to its name and its element: `<db password="…"/>`;
 * - `value="…"` to the `key`/`name` beside it: `<add key="ApiKey" value="…"/>` (.NET app settings, NuGet);
 * - a plist value to the `<key>` before it: `<key>apiKey</key><string>…</string>`;
 * - an element's text to its `key`/`name` attribute: `<string name="maps_api_key">…</string>` (Android resources).
 * One pass, forward only: every loop advances, so a hostile file costs its length.
 */

/** Tags read in one piece of the steps. */
const CHUNK_TAGS = 4096;
const NAME = /[A-Za-z_][\w.:-]{0,127}/y;
const ATTRIBUTE = /\s*([A-Za-z_][\w.:-]{0,127})\s*=\s*(?:"([^"<]{0,4096})"|'([^'<]{0,4096})')/y;
/**
 * Attributes that name the setting whose `value` sits beside them; the label attributes of accessibility and tests
 * too (`<Text accessibilityLabel="api-token" value="…" />` in a snapshot of a settings screen).
 */
const NAMING_ATTRIBUTES = new Set(['key', 'name', 'id', 'accessibilitylabel', 'aria-label', 'testid', 'data-testid']);

export function extractXmlSteps(text: string): Steps<Extraction> {
  const out: Candidate[] = [];
  // The text of the last `<key>` element (plist), for the value element that follows it.
  let plistKey: string | undefined;
  let i = text.indexOf('<');
  return () => {
    for (let tags = 0; i >= 0; i = text.indexOf('<', i)) {
      if (++tags > CHUNK_TAGS) return MORE;
      const next = text.charCodeAt(i + 1);
      // Closing tags, comments, declarations, processing instructions: nothing bound.
      if (next === 47 || next === 33 || next === 63) {
        i += 2;
        continue;
      }
      NAME.lastIndex = i + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) {
        i++;
        continue;
      }
      let at = i + 1 + name.length;
      const attributes: Array<{ name: string; offset: number; length: number; value: string }> = [];
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const m = ATTRIBUTE.exec(text);
        if (!m) break;
        const value = m[2] ?? m[3] ?? '';
        attributes.push({ name: m[1]!, offset: m.index + m[0].length - value.length - 1, length: value.length, value });
        at = m.index + m[0].length;
      }
      const naming = attributes.find((a) => NAMING_ATTRIBUTES.has(a.name.toLowerCase()))?.value;
      for (const a of attributes) {
        if (NAMING_ATTRIBUTES.has(a.name.toLowerCase())) continue;
        const names = [a.name, name];
        if (a.name.toLowerCase() === 'value' && naming) names.unshift(naming);
        pushCandidate(out, text, a.offset, a.length, names);
      }
      const close = text.indexOf('>', at);
      if (close < 0) break;
      i = close + 1;
      if (text.charCodeAt(close - 1) === 47) continue;
      // The element's text, when a closing tag follows it directly (no child elements).
      const end = text.indexOf('<', i);
      if (end < 0) break;
      let from = i;
      let to = end;
      while (from < to && isSpace(text.charCodeAt(from))) from++;
      while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
      const closesHere = text.startsWith(`</${name}`, end);
      const content = closesHere ? text.slice(from, to) : '';
      if (name === 'key') {
        plistKey = closesHere ? content : undefined;
        continue;
      }
      // An element named by its attribute (Android's `<string name="maps_api_key">…</string>`, `<add key="ApiKey">…</add>`,
      // `<entry key="…">…</entry>`): the attribute names its text as it names a `value` beside it.
      if (closesHere && to > from && !content.includes('\n')) pushCandidate(out, text, from, to - from, plistKey ? [name, plistKey] : naming ? [naming, name] : [name]);
      plistKey = undefined;
    }
    return { candidates: out, notes: [] };
  };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
