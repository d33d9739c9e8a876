// Builds one seed's corpus: Kestrel Freight's repositories with provider keys, generic secrets and negatives
// planted in the placements of placements.ts, plus background files that hold none.

import { GENERICS, NEGATIVES } from './generics';
import { PLACEMENTS, acceptsShape, type Placement, type Val } from './placements';
import { PROVIDERS, type Shape } from './providers';
import { BACKGROUND } from './background';
import { Rng, namesOf, type Names } from './rng';

export type ValueClass = 'provider' | 'generic' | 'negative';

export interface PlantedItem {
  id: string;
  cls: ValueClass;
  /** Provider id, generic kind or negative kind. */
  kind: string;
  provider?: string;
  providerType?: 'prefixed' | 'context';
  placement: string;
  family: string;
  fileType: string;
  path: string;
  /** 1-based, inclusive. */
  start: number;
  end: number;
}

export interface Corpus {
  files: Map<string, string>;
  items: PlantedItem[];
  /** Per secret item, the strings that must never appear in a report (kept in memory only). */
  leakProbes: Map<string, string[]>;
}

interface Request {
  cls: ValueClass;
  kind: string;
  provider?: string;
  providerType?: 'prefixed' | 'context';
  names: Names;
  value: string;
  shape: Shape;
  host: string;
  label: string;
  only?: string[];
  families?: string[];
  slotOk?: boolean;
  specKey: string;
}

export const PROVIDER_PLANTINGS = 2;
export const GENERIC_PLANTINGS = 3;
export const NEGATIVE_PLANTINGS = 3;

// Keys that are not sent as a bearer token or positional credential (signing secrets, halves of a key pair,
// secrets used in an HMAC or a Basic header): a "Bearer <value>" line would misrepresent them.
const NOT_SENT_AS_IS = new Set(['aws-key-id', 'aws-secret', 'age', 'cloudflare-r2', 'backblaze', 'stripe-webhook',
  'google-oauth-secret', 'auth0', 'keycloak', 'facebook', 'razorpay', 'vonage', 'pusher', 'mailjet', 'twilio', 'plaid']);

const humanize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function requests(r: Rng): Request[] {
  const out: Request[] = [];
  for (const p of PROVIDERS) {
    for (let i = 0; i < PROVIDER_PLANTINGS; i++) {
      out.push({
        cls: 'provider', kind: p.id, provider: p.provider, providerType: p.type, names: namesOf(p.names), value: p.gen(r),
        shape: p.shape ?? 'token', host: p.host, label: p.provider, specKey: `provider:${p.id}`, slotOk: !NOT_SENT_AS_IS.has(p.id),
      });
    }
  }
  for (const g of GENERICS) {
    for (let i = 0; i < GENERIC_PLANTINGS; i++) {
      const names = namesOf(r.pick(g.names));
      out.push({
        cls: 'generic', kind: g.kind, names, value: g.gen(r), shape: g.shape, host: g.host ?? 'api.kestrel-internal.net',
        label: humanize(names.group), only: g.only, slotOk: g.slotOk, specKey: `generic:${g.kind}`,
      });
    }
  }
  for (const n of NEGATIVES) {
    for (let i = 0; i < NEGATIVE_PLANTINGS; i++) {
      const parts = r.pick(n.names);
      const names = namesOf(parts);
      out.push({
        cls: 'negative', kind: n.kind, names, value: n.gen(r, parts), shape: n.shape, host: 'api.kestrel-internal.net',
        label: humanize(names.group), only: n.only, families: n.families, slotOk: n.slotOk, specKey: `negative:${n.kind}`,
      });
    }
  }
  return out;
}

function fits(p: Placement, q: Request): boolean {
  if (q.only) return q.only.includes(p.id);
  if (p.reserved) return false;
  if (p.classes && !p.classes.includes(q.cls)) return false;
  if (!acceptsShape(p, q.shape)) return false;
  if (q.cls === 'negative' && q.families && !q.families.includes(p.family)) return false;
  // Where only the syntax says "credential" (a bearer header, a positional token), only values sent that way fit.
  if (p.slot && (!q.slotOk || q.shape !== 'token')) return false;
  // A comma would break the CSV row it sits in.
  if (p.family === 'csv' && q.value.includes(',')) return false;
  // People escape & in XML (and the value would then not be written as it is).
  if (p.family === 'xml' && q.value.includes('&')) return false;
  return true;
}

function assign(r: Rng, reqs: Request[]): Map<Placement, Request[]> {
  const use = new Map<Placement, Request[]>(PLACEMENTS.map((p) => [p, []]));
  const usedBySpec = new Map<string, Set<string>>();
  // The most constrained requests choose first, so none is left without a placement.
  const order = r.shuffle(reqs.map((q) => ({ q, c: PLACEMENTS.filter((p) => fits(p, q)) })))
    .sort((a, b) => a.c.length - b.c.length);
  for (const { q, c } of order) {
    if (c.length === 0) throw new Error(`no placement fits ${q.specKey}`);
    const used = usedBySpec.get(q.specKey) ?? new Set<string>();
    // Each planting of one spec goes to a different placement while there is one left.
    const fresh = c.filter((p) => !used.has(p.id));
    const pool = fresh.length > 0 ? fresh : c;
    const least = Math.min(...pool.map((p) => use.get(p)!.length));
    const p = r.pick(pool.filter((x) => use.get(x)!.length === least));
    use.get(p)!.push(q);
    used.add(p.id);
    usedBySpec.set(q.specKey, used);
  }
  return use;
}

const isPemValue = (q: Request): boolean => q.shape === 'pem';
const pemBody = (pemText: string): string[] => pemText.split('\n').filter((l) => l && !l.startsWith('-----'));

function locationProbes(p: Placement, q: Request, rendered: string): string[] {
  if (p.probes) return p.probes(q.value);
  if (isPemValue(q)) return pemBody(q.value);
  return rendered ? [rendered] : [];
}

interface Block {
  q: Request;
  lines: string[];
  rel: [number, number];
}

function renderBlock(p: Placement, q: Request, r: Rng): Block {
  const value = isPemValue(q) && p.pem === 'escaped' ? q.value.replace(/\n/g, '\\n') : q.value;
  const v: Val = { value, n: q.names, host: q.host, shape: q.shape, label: q.label };
  const lines = p.render(v, r).flatMap((l) => l.split('\n'));
  const probes = locationProbes(p, q, value);
  const hits = lines.map((l, i) => (probes.some((s) => l.includes(s)) ? i : -1)).filter((i) => i >= 0);
  let rel: [number, number];
  if (hits.length > 0) {
    rel = [hits[0]!, hits[hits.length - 1]!];
    // A PEM block written out also spans its BEGIN and END lines.
    if (isPemValue(q) && p.pem === 'block' && !p.probes) rel = [Math.max(0, rel[0] - 1), Math.min(lines.length - 1, rel[1] + 1)];
  } else {
    if (probes.length > 0) throw new Error(`value not found in block of ${p.id} for ${q.specKey}`);
    // An empty value: the line with its name.
    const n = q.names;
    const spellings = [n.upper, n.camel, n.snake, n.kebab, n.pascal, n.fieldSnake, n.fieldCamel, n.fieldKebab];
    const i = lines.findIndex((l) => spellings.some((s) => l.includes(s)));
    rel = [Math.max(0, i), Math.max(0, i)];
  }
  if (p.nameLineBefore) rel = [Math.max(0, rel[0] - p.nameLineBefore), rel[1]];
  return { q, lines, rel };
}

function assemble(p: Placement, blocks: Block[]): { lines: string[]; at: number[][] } {
  const spec = p.file;
  if (typeof spec === 'function') return spec(blocks.map((b) => b.lines));
  const lines = [...spec.head];
  const at: number[][] = [];
  blocks.forEach((b, i) => {
    if ((spec.join ?? 'blank') === 'blank' && (i > 0 || lines.length > 0)) lines.push('');
    const last = i === blocks.length - 1;
    at.push(b.lines.map((l, j) => lines.push(spec.join === 'comma' && !last && j === b.lines.length - 1 ? `${l},` : l) - 1));
  });
  if (spec.foot) lines.push(...spec.foot);
  return { lines, at };
}

export function generate(seed: number): Corpus {
  const r = new Rng(seed);
  const byPlacement = assign(r, requests(r));
  const files = new Map<string, string>();
  const items: PlantedItem[] = [];
  const leakProbes = new Map<string, string[]>();
  let counter = 0;

  for (const p of PLACEMENTS) {
    const qs = byPlacement.get(p)!;
    // Group the requests by the file they go to.
    const groups = new Map<string, Request[]>();
    for (const q of qs) {
      let path: string;
      if (typeof p.path === 'string') path = p.path;
      else {
        // One value per file where the path is named after the value: a second one gets its own file.
        const base = p.path({ value: q.value, n: q.names, host: q.host, shape: q.shape, label: q.label });
        path = base;
        for (let k = 2; groups.has(path) || files.has(path); k++) path = base.replace(/(\.[^./]+)$/, `-${k}$1`);
      }
      if (!groups.has(path)) groups.set(path, []);
      groups.get(path)!.push(q);
    }
    if (typeof p.path === 'string' && !groups.has(p.path)) groups.set(p.path, []);
    for (const [path, group] of groups) {
      const blocks = group.map((q) => renderBlock(p, q, r));
      const { lines, at } = assemble(p, blocks);
      files.set(path, lines.join('\n') + '\n');
      blocks.forEach((b, i) => {
        const id = `${b.q.cls.charAt(0)}${String(++counter).padStart(4, '0')}`;
        items.push({
          id, cls: b.q.cls, kind: b.q.kind, provider: b.q.provider, providerType: b.q.providerType, placement: p.id,
          family: p.family, fileType: p.fileType, path, start: at[i]![b.rel[0]]! + 1, end: at[i]![b.rel[1]]! + 1,
        });
        if (b.q.cls !== 'negative') {
          const value = b.q.value;
          const probes = new Set<string>([...locationProbes(p, b.q, value), ...(isPemValue(b.q) ? pemBody(value) : [value])]);
          leakProbes.set(id, [...probes].filter((s) => s.length >= 8));
        }
      });
    }
  }
  for (const [path, text] of Object.entries(BACKGROUND)) {
    if (files.has(path)) throw new Error(`background file ${path} collides with a placement`);
    files.set(path, text);
  }
  return { files, items, leakProbes };
}
