/** Rust-regex form of a rule pattern: no look-around (ripgrep's default engine has none; dropping one only widens the match), no JS-only escapes. */
export function toRust(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
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
    if (src[i] === '\\' && src[i + 1] === '/') {
      out += src[i + 1];
      i++;
      continue;
    }
    out += src[i];
  }
  return out;
}
