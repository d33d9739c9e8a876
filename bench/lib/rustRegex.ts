/**
 * Rust-regex form of a rule pattern: no look-around (ripgrep's default engine has none; dropping one only widens the
 * match), no JS-only escapes, and a line break outside a class read as the line's end: ripgrep matches line by line and
 * refuses `\n` (an optional break, `(?:[ \t]*\r?\n)?`, so matches the one-line form, all a line-based tool can).
 */
export function toRust(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '\\' && src[i + 1] === 'n' && !inClass) {
      out += '$';
      i++;
      continue;
    }
    if (src[i] === '\\') {
      // `\/` is JavaScript's escape for a slash in a literal; Rust wants the slash alone.
      out += src[i + 1] === '/' ? '/' : src[i]! + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (src[i] === '[') inClass = true;
    else if (src[i] === ']') inClass = false;
    if (src.startsWith('(?<=', i) || src.startsWith('(?<!', i) || src.startsWith('(?=', i) || src.startsWith('(?!', i)) {
      let depth = 0;
      for (; i < src.length; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '(') depth++;
        else if (src[i] === ')' && --depth === 0) break;
      }
      continue;
    }
    if (src.startsWith('(?<', i) && src[i + 3] !== '=' && src[i + 3] !== '!') {
      out += '(?P<';
      i += 2;
      continue;
    }
    out += src[i];
  }
  return out;
}
