/**
 * Builds one seeded project tree: draws the values, assigns each to a placement (least-used first, so every
 * placement gets its share), packs items of one placement into files with that syntax's filler, and records the
 * line span each value lands on. Background files hold no planted item; anything reported there is a false positive.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Rng, shapes } from './rng';
import { GENERIC, NEGATIVES, PROVIDERS, type Spec } from './catalog';
import { PLACEMENTS, namesOf, type Multiline, type Placement } from './placements';
import { BACKGROUND } from './background';

export type Role = 'provider' | 'generic' | 'negative';

export interface Planted {
  role: Role;
  kind: string;
  cls?: 'prefixed' | 'context';
  placement: string;
  group: string;
  fileType: string;
  path: string;
  /** 0-based, inclusive: the lines the value occupies as written. */
  startLine: number;
  endLine: number;
  /** The value as written in the file (a PEM in JSON has its newlines escaped). */
  written: string;
  value: string;
}

export interface Tree {
  planted: Planted[];
  files: number;
  fileTypes: Set<string>;
}

interface Draft {
  spec: Spec;
  role: Role;
  value: string;
  name: string;
  host?: string;
  placement?: Placement;
}

const INTERNAL_HOSTS = ['ledger.neobank.internal', 'api.staging.neobank.internal', 'risk-engine.neobank.internal'];
/** Negatives that really turn up where a key is sent (a placeholder in a curl line); an IBAN as a bearer would not. */
const SENT_AS_TOKEN = new Set([
  'placeholder in angle brackets',
  'YOUR_..._HERE placeholder',
  'x-run placeholder',
  'shell env reference',
  'templated secret reference',
  'redacted value',
  'obvious test dummy',
  'Stripe publishable key',
  'PostHog project key',
  'Statsig client key',
  'Mapbox public token',
]);
/** Negatives that are no value at all, so any slot may hold them without becoming a secret by position. */
const STAND_INS = new Set([
  'placeholder in angle brackets',
  'YOUR_..._HERE placeholder',
  'x-run placeholder',
  'changeme-style default',
  'shell env reference',
  'templated secret reference',
  'SSM parameter reference',
  'Vault / 1Password reference',
  'redacted value',
  'obvious test dummy',
  'empty or null value',
]);
const PROVIDER_HOSTS = PROVIDERS.flatMap((p) => (p.host ? [p.host] : []));

const fits = (pl: Placement, d: Draft): boolean =>
  !(pl.noProviders && d.role === 'provider') &&
  !(pl.positional && d.role === 'negative' && !STAND_INS.has(d.spec.kind)) &&
  pl.accepts.includes(d.spec.shape) && (!pl.needsHost || !!d.host) && (d.spec.shape !== 'pem' || !!pl.ml);

function encode(value: string, ml: Multiline | undefined): string {
  if (!value.includes('\n')) return value;
  switch (ml) {
    case 'json':
    case 'escaped':
      return value.replace(/\n/g, '\\n');
    case 'yaml6':
      return value.replace(/\n/g, '\n      ');
    default:
      return value;
  }
}

export function generate(seed: number, dir: string): Tree {
  const r = new Rng(seed);
  const s = shapes(r);
  const drafts: Draft[] = [];
  const draw = (spec: Spec, role: Role, copies: number) => {
    for (let i = 0; i < copies; i++) {
      const host =
        spec.host ?? (role === 'generic' && spec.shape === 'token' ? r.pick(INTERNAL_HOSTS) : role === 'negative' && SENT_AS_TOKEN.has(spec.kind) ? r.pick(PROVIDER_HOSTS) : undefined);
      drafts.push({ spec, role, value: spec.gen(s, r), name: r.pick(spec.names), host });
    }
  };
  for (const spec of PROVIDERS) draw(spec, 'provider', r.chance(0.35) ? 3 : 2);
  for (const spec of GENERIC) draw(spec, 'generic', 3);
  for (const spec of NEGATIVES) draw(spec, 'negative', r.chance(0.5) ? 4 : 3);

  // Least-used placement first, a spec never twice in one placement: spreads every kind over many syntaxes.
  const used = new Map<string, number>(PLACEMENTS.map((p) => [p.id, 0]));
  const tie = new Map<string, number>(PLACEMENTS.map((p) => [p.id, r.next()]));
  const specPlacements = new Map<Spec, Set<string>>();
  for (const d of r.shuffle([...drafts])) {
    const seen = specPlacements.get(d.spec) ?? new Set<string>();
    const options = PLACEMENTS.filter((p) => fits(p, d) && !seen.has(p.id));
    if (!options.length) throw new Error(`no placement fits ${d.spec.kind}`);
    options.sort((a, b) => used.get(a.id)! - used.get(b.id)! || tie.get(a.id)! - tie.get(b.id)!);
    const chosen = options[Math.min(options.length - 1, r.int(0, 2))]!;
    d.placement = chosen;
    used.set(chosen.id, used.get(chosen.id)! + 1);
    seen.add(chosen.id);
    specPlacements.set(d.spec, seen);
  }

  const usedPaths = new Set<string>();
  const prefixes = ['', 'legacy/', 'sandbox/', 'archive/2023/', 'tmp/handover/', 'archive/2022/', 'experiments/'];
  const pathFor = (pl: Placement): string => {
    for (const prefix of prefixes)
      for (const path of pl.paths) {
        const candidate = prefix + path;
        if (!usedPaths.has(candidate)) return usedPaths.add(candidate), candidate;
      }
    throw new Error(`out of paths for ${pl.id}`);
  };

  const planted: Planted[] = [];
  const fileTypes = new Set<string>();
  let files = 0;
  let marker = 0;
  for (const pl of PLACEMENTS) {
    const mine = drafts.filter((d) => d.placement === pl);
    while (mine.length) {
      const chunk = mine.splice(0, r.int(1, pl.max));
      const path = pathFor(pl);
      const parts: string[] = [];
      if (pl.head) parts.push(pl.head(r));
      const marks: { mark: string; d: Draft }[] = [];
      const filler = r.shuffle([...pl.filler]);
      for (const d of chunk) {
        const [lo, hi] = pl.gap ?? [0, 2];
        for (let i = r.int(lo, hi); i > 0 && filler.length; i--) parts.push(filler.pop()!);
        const mark = `\u0001${marker++}\u0001`;
        marks.push({ mark, d });
        parts.push(pl.render({ n: namesOf(d.name), V: mark, host: d.host, provider: d.spec.provider, multiline: d.value.includes('\n') }, r));
      }
      if (pl.foot) parts.push(pl.foot(r));
      let text = parts.join('\n') + '\n';
      for (const { mark, d } of marks) {
        const at = text.indexOf(mark);
        const startLine = text.slice(0, at).split('\n').length - 1;
        const written = encode(d.value, pl.ml);
        text = text.slice(0, at) + written + text.slice(at + mark.length);
        planted.push({
          role: d.role,
          kind: d.spec.kind,
          cls: d.spec.cls,
          placement: pl.id,
          group: pl.group,
          fileType: pl.file,
          path,
          startLine,
          endLine: startLine + written.split('\n').length - 1,
          written,
          value: d.value,
        });
      }
      if (text.includes('\u0001')) throw new Error(`unreplaced marker in ${path}`);
      write(dir, path, text);
      fileTypes.add(pl.file);
      files++;
    }
  }
  for (const bg of BACKGROUND) {
    if (usedPaths.has(bg.path)) continue;
    write(dir, bg.path, bg.text);
    fileTypes.add(bg.file);
    files++;
  }
  return { planted, files, fileTypes };
}

function write(dir: string, path: string, text: string): void {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}
