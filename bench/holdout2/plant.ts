/** Planting: templates write markers where a value goes; `file()` swaps them for the values and records each line. */
import { ALNUM, B64, B64URL, DIGITS, GENERICS, HEX, LOWER, PROVIDERS, Rng, b64, b64url, jwt, pem, type Provider } from './values';

export type PlantKind = 'provider' | 'generic' | 'negative';

export interface Plant {
  id: number;
  kind: PlantKind;
  /** Provider id, generic kind or negative kind. */
  cls: string;
  placement: string;
  /** The raw value (what a leak check looks for), and the form written into the file when it differs. */
  value: string;
  written: string;
  file: string;
  fileType: string;
  /** 0-based, like the CLI's ranges; lineEnd > line for a multi-line value. */
  line: number;
  lineEnd: number;
}

export interface CorpusFile {
  path: string;
  type: string;
  text: string;
}

const MARK = /\u0001(\d+)\u0002/g;

export const camel = (env: string): string => env.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
export const kebab = (env: string): string => env.toLowerCase().replace(/_/g, '-');
export const snake = (env: string): string => env.toLowerCase();

export class Planter {
  readonly plants: Plant[] = [];
  readonly files: CorpusFile[] = [];
  private pending = new Map<number, Omit<Plant, 'file' | 'fileType' | 'line' | 'lineEnd'>>();
  private nextId = 0;
  private deck: Provider[] = [];
  readonly drawn = new Set<string>();

  constructor(readonly r: Rng) {}

  private mark(kind: PlantKind, cls: string, placement: string, value: string, written: string): string {
    const id = this.nextId++;
    this.pending.set(id, { id, kind, cls, placement, value, written });
    return `\u0001${id}\u0002`;
  }

  /** The next provider from a shuffled deck (every provider before any repeats); `prefixed` when no name is near. */
  provider(opts: { prefixed?: boolean; id?: string } = {}): Provider {
    if (opts.id) return PROVIDERS.find((p) => p.id === opts.id)!;
    if (this.deck.length === 0) this.deck = this.r.shuffle([...PROVIDERS]);
    const i = opts.prefixed ? this.deck.findIndex((p) => p.shape === 'prefixed') : 0;
    const [p] = this.deck.splice(i < 0 ? 0 : i, 1);
    if (opts.prefixed && p!.shape !== 'prefixed') return this.provider(opts);
    return p!;
  }

  /** Plants a provider key; returns its marker, name and raw value. */
  prov(placement: string, opts: { prefixed?: boolean; id?: string; write?: (v: string) => string } = {}): { m: string; env: string; v: string; p: Provider } {
    const p = this.provider(opts);
    this.drawn.add(p.id);
    const v = p.gen(this.r);
    const w = opts.write ? opts.write(v) : v;
    return { m: this.mark('provider', p.id, placement, v, w), env: p.env, v, p };
  }

  gen(placement: string, kind: string, write?: (v: string) => string): { m: string; v: string; name: string } {
    const g = GENERICS[kind];
    if (!g) throw new Error(`unknown generic kind ${kind}`);
    const v = g.gen(this.r);
    return { m: this.mark('generic', g.kind, placement, v, write ? write(v) : v), v, name: this.r.pick(g.names) };
  }

  neg(placement: string, cls: string, value: string, written = value): string {
    return this.mark('negative', cls, placement, value, written);
  }

  file(path: string, type: string, text: string): void {
    let out = '';
    let last = 0;
    let line = 0;
    for (const match of text.matchAll(MARK)) {
      const before = text.slice(last, match.index);
      out += before;
      line += countLines(before);
      const pending = this.pending.get(Number(match[1]))!;
      this.pending.delete(pending.id);
      const written = pending.written;
      this.plants.push({ ...pending, file: path, fileType: type, line, lineEnd: line + countLines(written) });
      out += written;
      line += countLines(written);
      last = match.index! + match[0].length;
    }
    out += text.slice(last);
    this.files.push({ path, type, text: out });
  }

  /** Every marker was placed in a file (a template that drops one would silently lose a label). */
  assertComplete(): void {
    if (this.pending.size) throw new Error(`${this.pending.size} planted values were never written into a file`);
  }
}

const countLines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** Negatives: values real files hold next to secrets, which are not secrets. */
export const negatives = {
  sha256: (r: Rng) => r.str(HEX, 64),
  commitSha: (r: Rng) => r.str(HEX, 40),
  uuid: (r: Rng) => r.uuid(),
  integrity: (r: Rng) => `sha512-${b64(Buffer.from(Array.from({ length: 64 }, () => r.int(0, 255))))}`,
  base64Image: (r: Rng) => `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQ${b64(Buffer.from(Array.from({ length: 120 }, () => r.int(0, 255))))}`,
  sentryDsn: (r: Rng) => `https://${r.str(HEX, 32)}@o${r.str(DIGITS, 6)}.ingest.sentry.io/${r.str(DIGITS, 7)}`,
  googleClientId: (r: Rng) => `${r.str(DIGITS, 12)}-${r.str(LOWER + DIGITS, 32)}.apps.googleusercontent.com`,
  ethAddress: (r: Rng) => `0x${r.str(HEX, 40)}`,
  stripePublishable: (r: Rng) => `pk_live_51${r.str(ALNUM, 97)}`,
  mapboxPublic: (r: Rng) => `pk.${b64url(JSON.stringify({ u: 'acme', a: r.str(LOWER + DIGITS, 25) }))}.${r.str(B64URL, 22)}`,
  supabaseAnon: (r: Rng) => jwt(r, { iss: 'supabase', ref: r.str(LOWER, 20), role: 'anon', iat: 1700000000 + r.int(0, 9999999), exp: 2000000000 + r.int(0, 99999999) }),
  supabasePublishable: (r: Rng) => `sb_publishable_${r.str(B64URL, 31)}`,
  publicKeyPem: (r: Rng) => pem(r, 'PUBLIC KEY', 294),
  sshPublicKey: (r: Rng) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.str(B64, 43)} deploy@ci`,
  bcrypt: (r: Rng) => `$2b$12$${r.str(ALNUM + './', 53)}`,
  imageDigest: (r: Rng) => `sha256:${r.str(HEX, 64)}`,
  awsDocsExample: () => ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join(''),
  hexId: (r: Rng) => r.str(HEX, 32),
  stripePriceId: (r: Rng) => `price_1${r.str(ALNUM, 23)}`,
  stripeCustomerId: (r: Rng) => `cus_${r.str(ALNUM, 14)}`,
  version: (r: Rng) => `${r.int(1, 20)}.${r.int(0, 30)}.${r.int(0, 40)}`,
};

export const PLACEHOLDERS = ['<your-api-key>', 'YOUR_API_KEY_HERE', 'changeme', 'xxxxxxxxxxxxxxxxxxxxxxxx', 'replace-me', 'TODO', '********', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', '<token>', 'your-secret-here'];
