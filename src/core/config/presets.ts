import type { ProbeAuth, ProbeConfig } from './types';

/**
 * A provider's cheap, read-only endpoint that answers 2xx only for a valid key, so `"provider": "<id>"` on a
 * service is enough for a dry-run. Each entry cites the provider's documentation for that endpoint
 * (docs/providers.md lists them); the simulator speaks each preset's auth style (src/simulator).
 */
export interface ProviderPreset extends Pick<ProbeConfig, 'method' | 'auth' | 'body' | 'successStatus' | 'successField'> {
  id: string;
  /** Display name. */
  name: string;
  /** Where the API lives; a service's `baseUrl` replaces it (tests, proxies, regional or self-hosted endpoints). */
  origin: string;
  /** Path (and fixed query) of the probe endpoint, appended to the origin or `baseUrl`. */
  path: string;
  /** Headers the endpoint requires besides the key (API version pins, Accept); the simulator requires them too. */
  headers?: Record<string, string>;
  /** What the user must add: a basic-auth user name (`probe.auth.username`) or an origin (`baseUrl`), and what it is. */
  needs?: { username?: string; baseUrl?: string };
  /** Analyzer rules whose findings this preset can probe (the bridge from a finding to a service). */
  rules: string[];
  /** The provider's documentation of the probe endpoint. */
  docs: string;
  /** Where a user creates a new key (rotation step 1). */
  keyPage: string;
}

const bearer: ProbeAuth = { type: 'bearer' };
const header = (name: string): ProbeAuth => ({ type: 'header', name });
const json = { accept: 'application/json' };

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'stripe', name: 'Stripe', origin: 'https://api.stripe.com', path: '/v1/balance', method: 'GET', auth: bearer,
    rules: ['stripe-secret-key', 'stripe-restricted-key', 'stripe-test-secret-key'],
    docs: 'https://docs.stripe.com/api/balance/balance_retrieve', keyPage: 'https://dashboard.stripe.com/apikeys',
  },
  {
    id: 'github', name: 'GitHub', origin: 'https://api.github.com', path: '/user', method: 'GET', auth: bearer,
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    rules: ['github-classic-token', 'github-fine-grained-token', 'github-oauth-token'],
    docs: 'https://docs.github.com/en/rest/users/users#get-the-authenticated-user', keyPage: 'https://github.com/settings/tokens',
  },
  {
    id: 'gitlab', name: 'GitLab', origin: 'https://gitlab.com', path: '/api/v4/personal_access_tokens/self', method: 'GET', auth: header('PRIVATE-TOKEN'),
    rules: ['gitlab-personal-access-token'],
    docs: 'https://docs.gitlab.com/api/personal_access_tokens/#get-details-on-a-personal-access-token', keyPage: 'https://gitlab.com/-/user_settings/personal_access_tokens',
  },
  {
    id: 'openai', name: 'OpenAI', origin: 'https://api.openai.com', path: '/v1/models', method: 'GET', auth: bearer,
    rules: ['openai-api-key'], docs: 'https://platform.openai.com/docs/api-reference/models/list', keyPage: 'https://platform.openai.com/api-keys',
  },
  {
    id: 'anthropic', name: 'Anthropic', origin: 'https://api.anthropic.com', path: '/v1/models', method: 'GET', auth: header('x-api-key'),
    headers: { 'anthropic-version': '2023-06-01' },
    rules: ['anthropic-api-key'], docs: 'https://docs.anthropic.com/en/api/models-list', keyPage: 'https://console.anthropic.com/settings/keys',
  },
  {
    id: 'slack', name: 'Slack', origin: 'https://slack.com', path: '/api/auth.test', method: 'POST', auth: bearer, successField: 'ok',
    rules: ['slack-bot-token', 'slack-user-token', 'slack-app-token'], docs: 'https://api.slack.com/methods/auth.test', keyPage: 'https://api.slack.com/apps',
  },
  {
    id: 'sendgrid', name: 'SendGrid', origin: 'https://api.sendgrid.com', path: '/v3/scopes', method: 'GET', auth: bearer,
    rules: ['sendgrid-api-key'],
    docs: 'https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access',
    keyPage: 'https://app.sendgrid.com/settings/api_keys',
  },
  {
    id: 'twilio', name: 'Twilio', origin: 'https://api.twilio.com', path: '/2010-04-01/Accounts.json', method: 'GET', auth: { type: 'basic' },
    needs: { username: 'your Account SID (AC…), or the SID (SK…) of the API key whose secret is the key' },
    rules: ['twilio-auth-token', 'twilio-api-key'], docs: 'https://www.twilio.com/docs/usage/api/account#read-multiple-account-resources', keyPage: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
  },
  {
    id: 'mailgun', name: 'Mailgun', origin: 'https://api.mailgun.net', path: '/v3/domains', method: 'GET', auth: { type: 'basic', username: 'api' },
    rules: ['mailgun-api-key'], docs: 'https://documentation.mailgun.com/docs/mailgun/api-reference/openapi-final/tag/Domains/', keyPage: 'https://app.mailgun.com/settings/api_security',
  },
  {
    id: 'datadog', name: 'Datadog', origin: 'https://api.datadoghq.com', path: '/api/v1/validate', method: 'GET', auth: header('DD-API-KEY'),
    rules: ['datadog-api-key'], docs: 'https://docs.datadoghq.com/api/latest/authentication/#validate-api-key', keyPage: 'https://app.datadoghq.com/organization-settings/api-keys',
  },
  {
    id: 'sentry', name: 'Sentry', origin: 'https://sentry.io', path: '/api/0/organizations/', method: 'GET', auth: bearer,
    rules: ['sentry-auth-token'], docs: 'https://docs.sentry.io/api/organizations/list-your-organizations/', keyPage: 'https://sentry.io/settings/account/api/auth-tokens/',
  },
  {
    id: 'linear', name: 'Linear', origin: 'https://api.linear.app', path: '/graphql', method: 'POST', auth: header('Authorization'),
    headers: { 'content-type': 'application/json' }, body: '{"query":"{ viewer { id } }"}',
    rules: ['linear-api-key'], docs: 'https://linear.app/developers/graphql#authentication', keyPage: 'https://linear.app/settings/account/security',
  },
  {
    id: 'notion', name: 'Notion', origin: 'https://api.notion.com', path: '/v1/users/me', method: 'GET', auth: bearer,
    headers: { 'notion-version': '2022-06-28' },
    rules: ['notion-integration-token'], docs: 'https://developers.notion.com/reference/get-self', keyPage: 'https://www.notion.so/profile/integrations',
  },
  {
    id: 'airtable', name: 'Airtable', origin: 'https://api.airtable.com', path: '/v0/meta/whoami', method: 'GET', auth: bearer,
    rules: ['airtable-personal-access-token'], docs: 'https://airtable.com/developers/web/api/get-user-id-scopes', keyPage: 'https://airtable.com/create/tokens',
  },
  {
    id: 'hubspot', name: 'HubSpot', origin: 'https://api.hubapi.com', path: '/account-info/v3/details', method: 'GET', auth: bearer,
    rules: [], docs: 'https://developers.hubspot.com/docs/api/settings/account-information-api', keyPage: 'https://app.hubspot.com/private-apps/',
  },
  {
    id: 'shopify', name: 'Shopify', origin: 'https://example.myshopify.com', path: '/admin/api/2024-10/shop.json', method: 'GET', auth: header('X-Shopify-Access-Token'),
    needs: { baseUrl: 'your shop, e.g. https://your-shop.myshopify.com' },
    rules: ['shopify-access-token'], docs: 'https://shopify.dev/docs/api/admin-rest/2024-10/resources/shop#get-shop', keyPage: 'https://admin.shopify.com/settings/apps/development',
  },
  {
    id: 'cloudflare', name: 'Cloudflare', origin: 'https://api.cloudflare.com', path: '/client/v4/user/tokens/verify', method: 'GET', auth: bearer,
    rules: ['cloudflare-api-token'], docs: 'https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/', keyPage: 'https://dash.cloudflare.com/profile/api-tokens',
  },
  {
    id: 'digitalocean', name: 'DigitalOcean', origin: 'https://api.digitalocean.com', path: '/v2/account', method: 'GET', auth: bearer,
    rules: ['digitalocean-token'], docs: 'https://docs.digitalocean.com/reference/api/digitalocean/#tag/Account/operation/account_get', keyPage: 'https://cloud.digitalocean.com/account/api/tokens',
  },
  {
    id: 'vercel', name: 'Vercel', origin: 'https://api.vercel.com', path: '/v2/user', method: 'GET', auth: bearer,
    rules: ['vercel-token', 'vercel-prefixed-token'], docs: 'https://vercel.com/docs/rest-api/reference/endpoints/user/get-the-user', keyPage: 'https://vercel.com/account/settings/tokens',
  },
  {
    id: 'npm', name: 'npm', origin: 'https://registry.npmjs.org', path: '/-/whoami', method: 'GET', auth: bearer,
    rules: ['npm-access-token', 'npm-legacy-token'], docs: 'https://docs.npmjs.com/cli/v10/commands/npm-whoami', keyPage: 'https://www.npmjs.com/settings/~/tokens',
  },
  {
    id: 'resend', name: 'Resend', origin: 'https://api.resend.com', path: '/domains', method: 'GET', auth: bearer,
    rules: ['resend-api-key'], docs: 'https://resend.com/docs/api-reference/domains/list-domains', keyPage: 'https://resend.com/api-keys',
  },
  {
    id: 'postmark', name: 'Postmark', origin: 'https://api.postmarkapp.com', path: '/server', method: 'GET', auth: header('X-Postmark-Server-Token'), headers: json,
    rules: [], docs: 'https://postmarkapp.com/developer/api/server-api#get-server', keyPage: 'https://account.postmarkapp.com/servers',
  },
  {
    id: 'groq', name: 'Groq', origin: 'https://api.groq.com', path: '/openai/v1/models', method: 'GET', auth: bearer,
    rules: ['groq-api-key'], docs: 'https://console.groq.com/docs/api-reference#models-list', keyPage: 'https://console.groq.com/keys',
  },
  {
    id: 'mistral', name: 'Mistral AI', origin: 'https://api.mistral.ai', path: '/v1/models', method: 'GET', auth: bearer,
    rules: ['mistral-api-key'], docs: 'https://docs.mistral.ai/api/#tag/models/operation/list_models_v1_models_get', keyPage: 'https://console.mistral.ai/api-keys',
  },
  {
    id: 'huggingface', name: 'Hugging Face', origin: 'https://huggingface.co', path: '/api/whoami-v2', method: 'GET', auth: bearer,
    rules: ['huggingface-token'], docs: 'https://huggingface.co/docs/hub/en/api#get-apiwhoami-v2', keyPage: 'https://huggingface.co/settings/tokens',
  },
  {
    id: 'openrouter', name: 'OpenRouter', origin: 'https://openrouter.ai', path: '/api/v1/key', method: 'GET', auth: bearer,
    rules: ['openrouter-api-key'], docs: 'https://openrouter.ai/docs/api-reference/limits', keyPage: 'https://openrouter.ai/settings/keys',
  },
  {
    id: 'xai', name: 'xAI', origin: 'https://api.x.ai', path: '/v1/api-key', method: 'GET', auth: bearer,
    rules: ['xai-api-key'], docs: 'https://docs.x.ai/docs/api-reference#get-api-key-info', keyPage: 'https://console.x.ai/',
  },
  {
    id: 'heroku', name: 'Heroku', origin: 'https://api.heroku.com', path: '/account', method: 'GET', auth: bearer,
    headers: { accept: 'application/vnd.heroku+json; version=3' },
    rules: ['heroku-api-key'], docs: 'https://devcenter.heroku.com/articles/platform-api-reference#account-info', keyPage: 'https://dashboard.heroku.com/account/applications',
  },
  {
    id: 'netlify', name: 'Netlify', origin: 'https://api.netlify.com', path: '/api/v1/user', method: 'GET', auth: bearer,
    rules: ['netlify-access-token'], docs: 'https://open-api.netlify.com/#tag/user/operation/getCurrentUser', keyPage: 'https://app.netlify.com/user/applications#personal-access-tokens',
  },
  {
    id: 'replicate', name: 'Replicate', origin: 'https://api.replicate.com', path: '/v1/account', method: 'GET', auth: bearer,
    rules: ['replicate-api-token'], docs: 'https://replicate.com/docs/reference/http#account.get', keyPage: 'https://replicate.com/account/api-tokens',
  },
  {
    id: 'mailchimp', name: 'Mailchimp', origin: 'https://us1.api.mailchimp.com', path: '/3.0/ping', method: 'GET', auth: { type: 'basic', username: 'anystring' },
    needs: { baseUrl: 'your data center from the key suffix, e.g. https://us21.api.mailchimp.com' },
    rules: ['mailchimp-api-key'], docs: 'https://mailchimp.com/developer/marketing/api/ping/ping/', keyPage: 'https://admin.mailchimp.com/account/api/',
  },
  {
    id: 'typeform', name: 'Typeform', origin: 'https://api.typeform.com', path: '/me', method: 'GET', auth: bearer,
    rules: ['typeform-api-token'], docs: 'https://www.typeform.com/developers/create/reference/retrieve-own-account/', keyPage: 'https://admin.typeform.com/user/tokens',
  },
  {
    id: 'terraform-cloud', name: 'HCP Terraform', origin: 'https://app.terraform.io', path: '/api/v2/account/details', method: 'GET', auth: bearer,
    rules: ['terraform-cloud-token'], docs: 'https://developer.hashicorp.com/terraform/cloud-docs/api-docs/account#get-your-account-details', keyPage: 'https://app.terraform.io/app/settings/tokens',
  },
];

const BY_ID = new Map(PROVIDER_PRESETS.map((p) => [p.id, p]));

export function providerPreset(id: string): ProviderPreset | undefined {
  return BY_ID.get(id);
}

/** The preset that probes keys found by this analyzer rule, if any. */
export function presetForRule(ruleId: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((p) => p.rules.includes(ruleId));
}

/** The probe URL: the preset's path under `baseUrl` (keeping any path prefix it has) or under the preset's origin. */
export function presetUrl(preset: ProviderPreset, baseUrl?: string): string {
  const base = (baseUrl ?? preset.origin).replace(/\/+$/, '');
  return `${base}${preset.path}`;
}
