/**
 * Random strings matching a regular expression, as gitleaks' `secrets.NewSecret(regex)` makes its true positives
 * (it uses github.com/lucasjones/reggen with a limit of 1: `*`, `+` and `{n,}` repeat at most one more time).
 * Covers the syntax its rule files use: literals, escapes (\d \w \s \. …), classes with ranges and negation, groups
 * (`(?:`, `(?i)`, named), alternation and quantifiers. Seeded, so a run is reproducible.
 */
import { seededRandom } from '../../src/core/rules/sampleGen';
import { Unsupported } from './goEval';

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const CLASSES: Record<string, string> = {
  d: '0123456789',
  w: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_',
  s: ' ',
};
const POSIX: Record<string, string> = {
  alnum: CLASSES.w!.replace('_', ''),
  alpha: CLASSES.w!.replace(/[0-9_]/g, ''),
  digit: CLASSES.d!,
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  xdigit: '0123456789abcdefABCDEF',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

export function regexGenerator(seed: number): (pattern: string) => string {
  const random = seededRandom(seed);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(random() * xs.length)]!;
  return (pattern) => {
    let i = 0;
    const src = pattern;
    // Each node is a generator function.
    type Node = () => string;
    const alternation = (): Node => {
      const options: Node[] = [sequence()];
      while (src[i] === '|') {
        i++;
        options.push(sequence());
      }
      return options.length === 1 ? options[0]! : () => pick(options)();
    };
    const sequence = (): Node => {
      const items: Node[] = [];
      while (i < src.length && src[i] !== '|' && src[i] !== ')') {
        const atom = parseAtom();
        if (atom) items.push(quantified(atom));
      }
      return () => items.map((f) => f()).join('');
    };
    const quantified = (atom: Node): Node => {
      let min = 1;
      let max = 1;
      const c = src[i];
      if (c === '*') [min, max] = [0, 1];
      else if (c === '+') [min, max] = [1, 2];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
        if (!m) return atom;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? min + 1 : Number(m[3]);
        i += m[0].length - 1;
      } else return atom;
      i++;
      if (src[i] === '?' || src[i] === '+') i++;
      return () => {
        const n = min + Math.floor(random() * (max - min + 1));
        let s = '';
        for (let k = 0; k < n; k++) s += atom();
        return s;
      };
    };
    const parseAtom = (): Node | undefined => {
      const c = src[i]!;
      if (c === '(') {
        i++;
        if (src[i] === '?') {
          const flags = /^\?([a-zA-Z-]*)\)/.exec(src.slice(i));
          if (flags) {
            i += flags[0].length;
            return undefined;
          }
          const m = /^\?(?:[a-zA-Z-]*:|P?<[A-Za-z_][A-Za-z0-9_]*>)/.exec(src.slice(i));
          if (!m) throw new Unsupported('lookaround');
          i += m[0].length;
        }
        const inner = alternation();
        if (src[i] !== ')') throw new Unsupported('unbalanced group');
        i++;
        return inner;
      }
      if (c === '[') return charClass();
      if (c === '\\') {
        const e = src[i + 1]!;
        i += 2;
        if (e in CLASSES) return () => pick(CLASSES[e]!);
        if (e === 'b' || e === 'B' || e === 'A' || e === 'z') return undefined;
        if (e === 'x') {
          const hex = /^\{([0-9a-fA-F]+)\}|^([0-9a-fA-F]{2})/.exec(src.slice(i))!;
          i += hex[0].length;
          const ch = String.fromCodePoint(parseInt(hex[1] ?? hex[2]!, 16));
          return () => ch;
        }
        const lit = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        if (/[A-Za-z]/.test(e) && !'ntr'.includes(e)) throw new Unsupported(`escape \\${e}`);
        return () => lit;
      }
      i++;
      if (c === '^' || c === '$') return undefined;
      if (c === '.') return () => pick(CLASSES.w!);
      return () => c;
    };
    const charClass = (): Node => {
      i++;
      let negate = false;
      if (src[i] === '^') {
        negate = true;
        i++;
      }
      let set = '';
      let first = true;
      while (i < src.length && (src[i] !== ']' || first)) {
        first = false;
        let ch: string;
        if (src.startsWith('[:', i)) {
          const m = /^\[:([a-z]+):\]/.exec(src.slice(i));
          if (!m || !POSIX[m[1]!]) throw new Unsupported('posix class');
          set += POSIX[m[1]!];
          i += m[0].length;
          continue;
        }
        if (src[i] === '\\') {
          const e = src[i + 1]!;
          i += 2;
          if (e in CLASSES) {
            set += CLASSES[e];
            continue;
          }
          ch = e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else ch = src[i++]!;
        if (src[i] === '-' && src[i + 1] !== ']') {
          i++;
          let to = src[i++]!;
          if (to === '\\') to = src[i++]!;
          for (let k = ch.charCodeAt(0); k <= to.charCodeAt(0); k++) set += String.fromCharCode(k);
        } else set += ch;
      }
      i++;
      const chars = negate ? [...ASCII].filter((x) => !set.includes(x) && /[A-Za-z0-9]/.test(x)).join('') : set;
      if (!chars) throw new Unsupported('empty class');
      return () => pick(chars);
    };
    const root = alternation();
    if (i !== src.length) throw new Unsupported('trailing pattern');
    return root();
  };
}
