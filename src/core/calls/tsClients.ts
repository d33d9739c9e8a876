import { ts } from 'ts-morph';
import type { CallLibrary, SharedClientSetter } from './model';

/** Which names in a TS/JS file stand for HTTP clients and SDKs: the modules known, and the file's imports of them. */

/** Modules whose default (or named) export is an HTTP client. */
const HTTP_MODULES: Record<string, CallLibrary> = { axios: 'axios', got: 'got', ky: 'ky', undici: 'undici', 'node-fetch': 'node-fetch', 'cross-fetch': 'node-fetch', 'isomorphic-fetch': 'node-fetch' };

export const HTTP_MODULE_NAMES: ReadonlySet<string> = new Set(Object.keys(HTTP_MODULES));

const TWILIO_EMAIL_AUTH = "it sets another credential (Twilio Email's user name and password) that rotating this key does not reach";

/**
 * SDK modules, their provider, and where the key goes: a positional argument or an options property. A module
 * whose export is a shared client given its key by a setter (`sgMail.setApiKey`) names its own class for a client
 * per key (`perKey`), and the shared client's methods a per-key client cannot keep correct (`conflicts`).
 */
export const SDKS: Record<string, { provider: string; arg?: number; props?: string[]; perKey?: Pick<SharedClientSetter, 'clientClass' | 'conflicts'> }> = {
  stripe: { provider: 'Stripe', arg: 0 },
  openai: { provider: 'OpenAI', props: ['apiKey'] },
  '@anthropic-ai/sdk': { provider: 'Anthropic', props: ['apiKey', 'authToken'] },
  resend: { provider: 'Resend', arg: 0 },
  twilio: { provider: 'Twilio', arg: 1 },
  '@octokit/rest': { provider: 'GitHub', props: ['auth'] },
  octokit: { provider: 'GitHub', props: ['auth'] },
  '@slack/web-api': { provider: 'Slack', arg: 0 },
  '@supabase/supabase-js': { provider: 'Supabase', arg: 1 },
  '@mistralai/mistralai': { provider: 'Mistral', props: ['apiKey'] },
  'groq-sdk': { provider: 'Groq', props: ['apiKey'] },
  'cohere-ai': { provider: 'Cohere', props: ['token'] },
  replicate: { provider: 'Replicate', props: ['auth'] },
  '@pinecone-database/pinecone': { provider: 'Pinecone', props: ['apiKey'] },
  '@google/generative-ai': { provider: 'Google', arg: 0 },
  '@sendgrid/mail': {
    provider: 'SendGrid',
    perKey: {
      clientClass: 'MailService',
      conflicts: {
        setClient: 'it makes every key send through the one client given, so the per-key clients would share one key',
        setTwilioEmailAuth: TWILIO_EMAIL_AUTH,
      },
    },
  },
  '@sendgrid/client': { provider: 'SendGrid', perKey: { clientClass: 'Client', conflicts: { setTwilioEmailAuth: TWILIO_EMAIL_AUTH } } },
};

/** Methods that give a shared SDK client its key once (`sgMail.setApiKey`, `client.setToken`). */
export const KEY_SETTERS = /^set(?:Api)?(?:Key|Token|AccessToken|AuthToken)$/;

export const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'paginate']);
export const CLIENT_FACTORIES: Partial<Record<CallLibrary, Set<string>>> = { axios: new Set(['create']), got: new Set(['extend']), ky: new Set(['create', 'extend']) };
/** Names a generic SDK constructor takes its key in. */
export const SDK_KEY_PROPS = /^(?:apiKey|api_key|authToken|accessToken|token|auth|secretKey)$/;
/** The generated helper, or a hand-written fallback: calls inside these already have a fallback path. */
export const HELPER_CALLS = /^(?:withKeyFallback|withFallbackClient)$/;

export interface Binding {
  module: string;
  /** `default`, `*` or the imported name. */
  imported: string;
}

/** The file's top-level imports and requires, by local name. */
export function collectBindings(source: ts.SourceFile): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const module = stmt.moduleSpecifier.text;
      const clause = stmt.importClause;
      if (clause?.name) bindings.set(clause.name.text, { module, imported: 'default' });
      const named = clause?.namedBindings;
      if (named && ts.isNamespaceImport(named)) bindings.set(named.name.text, { module, imported: '*' });
      if (named && ts.isNamedImports(named)) for (const el of named.elements) bindings.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
    } else if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const req = requireOf(decl.initializer);
        if (!req) continue;
        if (ts.isIdentifier(decl.name)) bindings.set(decl.name.text, { module: req.module, imported: req.member ?? 'default' });
        else if (ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) if (ts.isIdentifier(el.name)) bindings.set(el.name.text, { module: req.module, imported: el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text });
        }
      }
    }
  }
  return bindings;
}

function requireOf(init: ts.Expression | undefined): { module: string; member?: string } | undefined {
  if (!init) return undefined;
  if (ts.isPropertyAccessExpression(init) && init.name.text === 'default') return requireOf(init.expression);
  if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) return { module: init.arguments[0].text };
  return undefined;
}

/** The HTTP library an identifier stands for: an import of one, or the global `fetch`. */
export function libraryOf(name: string, bindings: Map<string, Binding>): CallLibrary | undefined {
  const binding = bindings.get(name);
  if (binding) {
    const lib = HTTP_MODULES[binding.module];
    if (lib === 'undici') return binding.imported === 'request' || binding.imported === 'fetch' ? 'undici' : undefined;
    return lib;
  }
  if (name === 'fetch') return 'fetch';
  // Scripts that load a client globally (a CDN <script>) still call it by its usual name.
  if (name === 'axios' || name === 'ky') return name;
  return undefined;
}
