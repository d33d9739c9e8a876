/** Builds one seed's corpus: picks placements for every planted value, renders the files and records where each value landed. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { generics } from './generics';
import { nameOf, Rng, type Item, type Kind, type Placement } from './lib';
import { negatives } from './negatives';
import { placements } from './placements';
import { providers } from './providers';

/** Files that only take the negatives naming them (a lockfile holds hashes, not secrets under other names). */
const RESERVED = new Set(['lockfile-npm', 'lockfile-yarn', 'css-module', 'k8s-sealed-secret']);
/** A value used as our own password or API key (checked by our server, typed into a password field): a public
 *  client key there would be a credential by its use, so such a pairing is left out of the scoring. */
const OWN_SECRET_SLOTS = new Set(['fastapi-key-check', 'django-databases', 'pgpass', 'netrc', 'pypirc']);
const PUBLIC_CLIENT_KINDS = new Set([
  'stripe-publishable', 'mapbox-public', 'supabase-anon', 'supabase-publishable', 'posthog-project-key', 'statsig-client-key',
  'algolia-search-key', 'revenuecat-public-key', 'jwt-io-sample',
]);
/** One value per file: the file is the value. */
const WHOLE_FILE = new Set(['pem-file', 'service-account-file']);
const PER_FILE = 5;

export interface Planted {
  id: number;
  group: Item['group'];
  kind: string;
  cls?: 'prefixed' | 'context';
  placement: string;
  file: string;
  fileType: string;
  /** 1-based lines holding the value. */
  lines: number[];
  /** Neither positive nor negative: findings on its lines are not counted (see OWN_SECRET_SLOTS). */
  excluded?: boolean;
  secretParts: string[];
}

export interface Corpus {
  files: Map<string, string>;
  planted: Planted[];
  placementIds: string[];
}

export function fileTypeOf(path: string): string {
  const b = basename(path);
  if (b.startsWith('.env')) return '.env*';
  if (b === 'Dockerfile' || b === 'Makefile') return b;
  const dot = b.lastIndexOf('.');
  if (dot > 0) return b.slice(dot);
  return b;
}

function allowed(kind: Kind, p: Placement): boolean {
  if (kind.where) return kind.where.includes(p.id);
  if (RESERVED.has(p.id)) return false;
  if (kind.langs && !kind.langs.includes(p.lang)) return false;
  // A generic value in a test file may well be a stand-in: we plant none there rather than guess (see README).
  if (p.test && kind.group === 'generic') return false;
  // A trace id sent as a Bearer token would be a credential by its use: such slots only take credential stand-ins.
  if (p.credential && kind.group === 'negative' && !(kind.tags ?? []).includes('credential-like')) return false;
  return true;
}

export function buildCorpus(seed: number): Corpus {
  const r = new Rng(seed);
  const load = new Map<string, number>(placements.map((p) => [p.id, 0]));
  const assigned = new Map<string, Item[]>(placements.map((p) => [p.id, []]));
  let nextId = 1;
  const kinds: Kind[] = [...providers, ...generics, ...negatives];
  kinds.forEach((kind, index) => {
    const count = kind.count ?? (kind.group === 'provider' ? 2 + (index % 4 === 0 ? 1 : 0) : kind.group === 'generic' ? 5 : 4);
    const used = new Set<string>();
    for (let k = 0; k < count; k++) {
      const name = nameOf(r.pick(kind.names));
      // Distinct placements per kind, except for negatives that only occur in one or two kinds of file.
      const candidates = r.shuffle(placements.filter((p) => (kind.where || !used.has(p.id)) && allowed(kind, p)));
      candidates.sort((a, b) => load.get(a.id)! - load.get(b.id)!);
      let placed = false;
      for (const p of candidates) {
        const out = kind.gen(r, p.lang, name);
        const item: Item = {
          id: nextId,
          group: kind.group,
          kind: kind.id,
          cls: kind.cls,
          name,
          value: out.value,
          expr: out.expr,
          needles: out.needles ?? [],
          secretParts: kind.group === 'negative' ? [] : out.secretParts ?? [out.value],
          tags: kind.tags ?? [],
        };
        if (p.accepts ? !p.accepts(item) : item.tags.includes('json-blob')) continue;
        nextId++;
        used.add(p.id);
        load.set(p.id, load.get(p.id)! + 1);
        assigned.get(p.id)!.push(item);
        placed = true;
        break;
      }
      if (!placed && k < 2) throw new Error(`holdout3: no placement left for ${kind.id} (planting ${k + 1})`);
    }
  });

  const files = new Map<string, string>();
  const planted: Planted[] = [];
  for (const p of placements) {
    const items = r.shuffle(assigned.get(p.id)!);
    const per = WHOLE_FILE.has(p.id) ? 1 : PER_FILE;
    const chunks: Item[][] = [];
    for (let i = 0; i < items.length; i += per) chunks.push(items.slice(i, i + per));
    if (chunks.length === 0) chunks.push([]);
    chunks.forEach((chunk, i) => {
      const path = pathFor(p, i);
      const lines: string[] = [...(p.head?.(r) ?? [])];
      chunk.forEach((it, j) => {
        if (j > 0) lines.push(...(p.between?.(r) ?? []));
        const v = p.multiline ? it.value : it.value.replace(/\n/g, '\\n');
        // A rendered string may hold a block value's line breaks (`"""…"""`): count the lines as written.
        const block = p.render(it, v, r).flatMap((l) => l.split('\n'));
        const start = lines.length;
        lines.push(...block);
        const valueLines = locate(it, block).map((k) => start + k + 1);
        planted.push({
          id: it.id, group: it.group, kind: it.kind, cls: it.cls, placement: p.id, file: path, fileType: fileTypeOf(path),
          lines: valueLines, secretParts: it.secretParts,
          excluded: OWN_SECRET_SLOTS.has(p.id) && PUBLIC_CLIENT_KINDS.has(it.kind),
        });
      });
      lines.push(...(p.foot?.(r) ?? []));
      if (files.has(path)) throw new Error(`holdout3: two files at ${path}`);
      files.set(path, lines.join('\n') + '\n');
    });
  }
  for (const [path, text] of scaffold()) if (!files.has(path)) files.set(path, text);
  return { files, planted, placementIds: placements.map((p) => p.id) };
}

function pathFor(p: Placement, i: number): string {
  if (i < p.paths.length) return p.paths[i];
  const base = p.paths[i % p.paths.length];
  const [repo, ...rest] = base.split('/');
  return [repo, 'packages', `svc-${Math.floor(i / p.paths.length) + 1}`, ...rest].join('/');
}

/** The block's lines that hold the value: those containing a distinctive part of it (as written, or JSON-escaped). */
function locate(it: Item, block: string[]): number[] {
  // A block value's first and last lines (`-----BEGIN …-----`) are the value too: a finding there is on it.
  const blockLines = it.value.includes('\n') ? it.value.split('\n') : [];
  let parts = [...it.needles, ...it.secretParts, ...blockLines].filter((s) => s.length >= 6);
  if (parts.length === 0) parts = it.value.split('\n').filter((s) => s.length >= 2);
  const forms = parts.flatMap((s) => [s, JSON.stringify(s).slice(1, -1), s.replace(/&/g, '&amp;')]);
  const hits = block.map((line, k) => (forms.some((f) => line.includes(f)) ? k : -1)).filter((k) => k >= 0);
  if (hits.length > 0) return hits;
  if (it.group !== 'negative') throw new Error(`holdout3: cannot locate planted ${it.kind} #${it.id}`);
  return block.map((_, k) => k);
}

/** Ordinary files every such repository has (no planted values): manifests and tool configs. */
function scaffold(): [string, string][] {
  const pkg = (name: string, deps: Record<string, string>) => JSON.stringify({ name, version: '0.1.0', private: true, scripts: { dev: 'next dev', build: 'tsc -p .', test: 'jest' }, dependencies: deps }, null, 2) + '\n';
  return [
    ['web/package.json', pkg('tidewell-web', { next: '14.2.3', '@trpc/server': '10.45.2', zod: '3.23.8', stripe: '15.5.0' })],
    ['api/package.json', pkg('tidewell-api', { '@nestjs/core': '10.3.8', '@nestjs/config': '3.2.2', '@prisma/client': '5.13.0' })],
    ['mobile/package.json', pkg('tidewell-mobile', { expo: '~51.0.8', 'react-native': '0.74.1', '@stripe/stripe-react-native': '0.37.2' })],
    ['web/tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'esnext', jsx: 'preserve', paths: { '~/*': ['./src/*'] } } }, null, 2) + '\n'],
    ['data/requirements.txt', 'apache-airflow==2.9.1\npandas==2.2.2\nfastapi==0.111.0\nDjango==5.0.6\nSQLAlchemy==2.0.30\nrequests==2.32.2\n'],
    ['data/pyproject.toml', '[project]\nname = "tidewell-data"\nversion = "0.4.0"\nrequires-python = ">=3.11"\n\n[tool.ruff]\nline-length = 110\n'],
    ['data/dbt/dbt_project.yml', "name: tidewell\nversion: '1.0.0'\nprofile: tidewell\nmodel-paths: ['models']\n"],
    ['data/dbt/models/marts/fct_bookings.sql', "select booking_id, customer_id, amount_cents / 100.0 as amount\nfrom {{ ref('stg_bookings') }}\nwhere status = 'confirmed'\n"],
    ['.gitignore', 'node_modules/\n.venv/\n__pycache__/\n.next/\ndist/\n'],
    ['infra/terraform/main.tf', 'module "app" {\n  source      = "./modules/app"\n  environment = var.environment\n}\n'],
    ['infra/helm/tidewell-api/Chart.yaml', 'apiVersion: v2\nname: tidewell-api\nversion: 1.42.0\n'],
    ['mobile/babel.config.js', "module.exports = function (api) {\n  api.cache(true);\n  return { presets: ['babel-preset-expo'] };\n};\n"],
    ['web/src/server/api/routers/booking.ts', "import { z } from 'zod';\nimport { createTRPCRouter, protectedProcedure } from '../trpc';\n\nexport const bookingRouter = createTRPCRouter({\n  byId: protectedProcedure.input(z.object({ id: z.string().uuid() })).query(({ ctx, input }) => ctx.db.booking.findUnique({ where: { id: input.id } })),\n});\n"],
  ];
}

export function writeCorpus(corpus: Corpus, dir: string): void {
  for (const [path, text] of corpus.files) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}
