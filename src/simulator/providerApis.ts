import { randomBytes } from 'node:crypto';

/**
 * Routes of a provider's API that the simulator answers as the real API does, beyond the preset's probe endpoint:
 * so a rewritten SDK call is run against the answers its SDK expects (SendGrid's mail send is 202 with an empty
 * body, and its errors are `{ errors: [{ message, field, help }] }`).
 */

/** What a request body lacks, as the API reports it (400). */
export interface BodyProblem {
  field: string;
  message: string;
}

export interface ProviderRoute {
  method: string;
  /** Path under the service's base path, e.g. `/v3/mail/send`. */
  path: string;
  /** Status of a success (SendGrid's mail send: 202 Accepted). */
  status: number;
  /** Headers of a success, made per answer (a message id). */
  headers?: () => Record<string, string>;
  /** Checks the JSON body as the API does, after the key was accepted. */
  validate?: (body: unknown) => BodyProblem | undefined;
}

export interface ProviderApi {
  routes: ProviderRoute[];
  /** The provider's error body for a failed request. */
  errorBody(status: number, problem?: BodyProblem): unknown;
}

const SENDGRID_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'The provided authorization grant is invalid, expired, or revoked',
  403: 'access forbidden',
  404: 'not found',
  405: 'method not allowed',
  413: 'request entity too large',
  429: 'too many requests',
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmptyArray = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0;

/** The checks SendGrid's v3 mail send makes before it accepts a message (the fields @sendgrid/helpers' Mail writes). */
function sendGridMailProblem(body: unknown): BodyProblem | undefined {
  if (!isObject(body)) return { field: '', message: 'The request body must be a JSON object.' };
  const personalizations = body.personalizations;
  if (!nonEmptyArray(personalizations) || !personalizations.every((p) => isObject(p) && nonEmptyArray(p.to))) {
    return { field: 'personalizations', message: 'The personalizations field is required, with at least one personalization that has a recipient in to.' };
  }
  if (!isObject(body.from) || typeof body.from.email !== 'string' || !body.from.email.includes('@')) {
    return { field: 'from.email', message: 'The from object with an email address must be provided for every email send.' };
  }
  const template = typeof body.template_id === 'string' && body.template_id !== '';
  const subjects = typeof body.subject === 'string' && body.subject !== '' || personalizations.every((p) => isObject(p) && typeof p.subject === 'string' && p.subject !== '');
  if (!template && !subjects) return { field: 'subject', message: 'The subject is required, unless a template or every personalization defines one.' };
  const content = nonEmptyArray(body.content) && body.content.every((c) => isObject(c) && typeof c.type === 'string' && typeof c.value === 'string' && c.value !== '');
  if (!template && !content) return { field: 'content', message: 'Unless a template_id is given, at least one content block (type and value) is required.' };
  return undefined;
}

const PROVIDER_APIS: Record<string, ProviderApi> = {
  sendgrid: {
    routes: [
      // An id of 22 URL-safe characters, as SendGrid's X-Message-Id.
      { method: 'POST', path: '/v3/mail/send', status: 202, headers: () => ({ 'x-message-id': randomBytes(16).toString('base64url').slice(0, 22) }), validate: sendGridMailProblem },
    ],
    errorBody: (status, problem) => ({
      errors: [{ message: problem?.message ?? SENDGRID_MESSAGES[status] ?? 'internal error', field: problem?.field ?? null, help: null }],
    }),
  },
};

/** The API routes the simulator knows for a provider preset, if any. */
export function providerApi(providerId: string): ProviderApi | undefined {
  return PROVIDER_APIS[providerId];
}

/** The route of `api` at `path` (under the service's base path), if any. */
export function providerRoute(api: ProviderApi | undefined, path: string): ProviderRoute | undefined {
  return api?.routes.find((route) => route.path === path);
}
