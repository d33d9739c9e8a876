/**
 * Turns the template bundles in tree/ into files with drawn values, and records where each planted value landed.
 *
 * A bundle holds many files, each started by a line `@@@ relative/path`. Inside, a placeholder
 *   ⟦P:provider-id@placement⟧   a provider key           ⟦G:generic-kind@placement⟧  a generic secret
 *   ⟦N:negative-kind@placement⟧ a drawn negative value   ⟦n:negative-kind@placement⟧ marks its line as a negative
 *                                                                                   written literally (no text)
 * may carry `#k` after the kind (the same k in one seed means the same value: one key pasted in two places) and
 * `|transform` before the closing bracket (b64, jsonnl, url, indentN, split, pemflat). The bundles hold no values.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { generics, negatives, providers } from './catalog';
import { Draw, streamFor } from './rng';

export type LabelClass = 'provider' | 'generic' | 'negative';

export interface Label {
  cls: LabelClass;
  kind: string;
  placement: string;
  file: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Text whose presence in any output means a planted value leaked (positives only). */
  needles: string[];
}

export interface RenderedTree {
  files: Map<string, string>;
  labels: Label[];
}

const PLACEHOLDER = /⟦([PGNn]):([a-z0-9-]+)(?:#(\w+))?@([a-z0-9-]+)(?:\|([a-z0-9]+))?⟧/g;

const providerById = new Map(providers.map((p) => [p.id, p]));
const genericById = new Map(generics.map((g) => [g.id, g]));
const negativeById = new Map(negatives.map((n) => [n.id, n]));

export function readBundles(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.tpl')).sort()) {
    const raw = readFileSync(join(dir, name), 'utf8');
    const parts = raw.split(/^@@@ /m).slice(1);
    for (const part of parts) {
      const nl = part.indexOf('\n');
      const path = part.slice(0, nl).trim();
      // The blank line that separates files in a bundle is not part of the file.
      const text = part.slice(nl + 1).replace(/\n+$/, '\n');
      out.push({ path, text });
    }
  }
  return out;
}

function transform(value: string, how: string | undefined): string {
  if (!how) return value;
  if (how === 'b64') return Buffer.from(value, 'utf8').toString('base64');
  if (how === 'jsonnl') return JSON.stringify(value).slice(1, -1);
  if (how === 'pemflat') return value.replace(/\n/g, '\\n');
  if (how === 'url') return encodeURIComponent(value);
  if (how === 'split') {
    const cut = Math.min(12, Math.floor(value.length / 3));
    return `${value.slice(0, cut)}" + "${value.slice(cut)}`;
  }
  const indent = /^indent(\d+)$/.exec(how);
  if (indent) return value.replace(/\n/g, '\n' + ' '.repeat(Number(indent[1])));
  throw new Error(`unknown transform ${how}`);
}

function needlesOf(value: string, written: string): string[] {
  const set = new Set<string>();
  for (const text of [value, written]) {
    if (!text.includes('\n')) {
      set.add(text);
      continue;
    }
    for (const line of text.split('\n')) {
      const body = line.trim();
      if (body.length >= 20 && !body.includes('-----')) set.add(body);
    }
  }
  // A split value is written in two pieces; the whole value is what must not leak.
  return [...set].filter((s) => s.length >= 8 && !s.includes('" + "'));
}

export function render(seed: number, bundleDir: string): RenderedTree {
  const files = new Map<string, string>();
  const labels: Label[] = [];
  const shared = new Map<string, string>();
  for (const { path, text } of readBundles(bundleDir)) {
    if (files.has(path)) throw new Error(`duplicate file in bundles: ${path}`);
    let out = '';
    let last = 0;
    let line = 1;
    let index = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      const [whole, tag, kind, instance, placement, how] = m as unknown as [string, string, string, string | undefined, string, string | undefined];
      const before = text.slice(last, m.index);
      out += before;
      line += before.split('\n').length - 1;
      last = m.index! + whole.length;
      const draw = new Draw(streamFor(seed, `${path}#${index++}#${kind}`));
      let value = '';
      if (tag === 'P') {
        const p = providerById.get(kind);
        if (!p) throw new Error(`${path}: unknown provider ${kind}`);
        value = p.gen(instance ? new Draw(streamFor(seed, `shared#${kind}#${instance}`)) : draw);
      } else if (tag === 'G') {
        const g = genericById.get(kind);
        if (!g) throw new Error(`${path}: unknown generic kind ${kind}`);
        value = g.gen(instance ? new Draw(streamFor(seed, `shared#${kind}#${instance}`)) : draw);
      } else {
        const n = negativeById.get(kind);
        if (!n) throw new Error(`${path}: unknown negative kind ${kind}`);
        if (tag === 'N') {
          if (!n.gen) throw new Error(`${path}: negative ${kind} has no generator; mark it with ⟦n:…⟧`);
          value = n.gen(draw);
        }
      }
      if (instance) {
        const key = `${tag}:${kind}#${instance}`;
        if (shared.has(key)) value = shared.get(key)!;
        else shared.set(key, value);
      }
      // A bare line marker leaves no trace, not even the space that set it apart in the template.
      if (tag === 'n' && /^\r?\n|^$/.test(text.slice(last, last + 2))) out = out.replace(/ +$/, '');
      const written = transform(value, how);
      const span = written.split('\n').length - 1;
      const cls: LabelClass = tag === 'P' ? 'provider' : tag === 'G' ? 'generic' : 'negative';
      labels.push({
        cls,
        kind,
        placement,
        file: path,
        startLine: line,
        endLine: line + span,
        needles: cls === 'negative' ? [] : needlesOf(value, written),
      });
      out += written;
      line += span;
    }
    out += text.slice(last);
    if (out.includes('⟦')) throw new Error(`${path}: malformed placeholder left in output`);
    files.set(path, out);
  }
  return { files, labels };
}

/** The file type a miss or a false positive is tallied under: the extension, or the name of a dotfile. */
export function fileType(path: string): string {
  const name = basename(path);
  if (name.startsWith('.env')) return '.env*';
  if (!name.includes('.')) return name;
  if (name.startsWith('.') && name.indexOf('.', 1) < 0) return name;
  if (name.endsWith('.d.ts')) return 'd.ts';
  return name.slice(name.lastIndexOf('.') + 1);
}
