/**
 * What holdout5 plants: provider keys (in the shapes the providers' own docs and dashboards show), generic secrets,
 * and negatives (values that look like secrets, or sit under secret names, and are not). Every value is drawn at
 * random per seed; none is a real key. Shapes were written from the providers' public documentation, without
 * reading this project's rules.
 */
import { ALNUM, ALNUM_LOWER, ALNUM_UPPER, B32L, B32U, B64, B64URL, DIGITS, Draw, HEXU, LOWER, UPPER, b64, b64url } from './rng';

export type ProviderClass = 'prefixed' | 'context';

export interface ProviderKind {
  id: string;
  company: string;
  category: string;
  /** prefixed: a fixed prefix or an unmistakable shape; context: only a name nearby says what it is. */
  cls: ProviderClass;
  gen: (d: Draw) => string;
}

export interface GenericKind {
  id: string;
  gen: (d: Draw) => string;
}

export interface NegativeKind {
  id: string;
  /** Text written in place of the placeholder; negatives marked with a bare line marker have none. */
  gen?: (d: Draw) => string;
}

const jwt = (d: Draw, header: object, payload: object, sigLen = 43): string =>
  `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${d.str(sigLen, B64URL)}`;

const pemBody = (d: Draw, lead: string, chars: number): string => {
  const body = lead + d.str(chars - lead.length, B64);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return lines.join('\n');
};

export const rsaPem = (d: Draw): string =>
  `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(d, 'MIIEowIBAAKCAQEA', 1588)}\n-----END RSA PRIVATE KEY-----`;
export const pkcs8Pem = (d: Draw): string =>
  `-----BEGIN PRIVATE KEY-----\n${pemBody(d, 'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQ', 1620)}\n-----END PRIVATE KEY-----`;
export const ecP8Pem = (d: Draw): string =>
  `-----BEGIN PRIVATE KEY-----\n${pemBody(d, 'MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg', 184)}\n-----END PRIVATE KEY-----`;
export const ecPem = (d: Draw): string =>
  `-----BEGIN EC PRIVATE KEY-----\n${pemBody(d, 'MHcCAQEEI', 160)}\n-----END EC PRIVATE KEY-----`;
export const opensshPem = (d: Draw): string =>
  `-----BEGIN OPENSSH PRIVATE KEY-----\n${pemBody(d, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACB', 396)}\n-----END OPENSSH PRIVATE KEY-----`;

const now = 1733000000;

export const providers: ProviderKind[] = [
  // --- AI ---
  { id: 'openai', company: 'OpenAI', category: 'ai', cls: 'prefixed', gen: (d) => `sk-proj-${d.str(74, B64URL)}T3BlbkFJ${d.str(74, B64URL)}` },
  { id: 'openai-svcacct', company: 'OpenAI', category: 'ai', cls: 'prefixed', gen: (d) => `sk-svcacct-${d.str(74, B64URL)}T3BlbkFJ${d.str(74, B64URL)}` },
  { id: 'anthropic', company: 'Anthropic', category: 'ai', cls: 'prefixed', gen: (d) => `sk-ant-api03-${d.str(93, B64URL)}AA` },
  { id: 'gemini', company: 'Google AI (Gemini)', category: 'ai', cls: 'prefixed', gen: (d) => `AIza${d.str(35, B64URL)}` },
  { id: 'huggingface', company: 'Hugging Face', category: 'ai', cls: 'prefixed', gen: (d) => `hf_${d.str(34, UPPER + LOWER)}` },
  { id: 'groq', company: 'Groq', category: 'ai', cls: 'prefixed', gen: (d) => `gsk_${d.str(52, ALNUM)}` },
  { id: 'replicate', company: 'Replicate', category: 'ai', cls: 'prefixed', gen: (d) => `r8_${d.str(37, ALNUM)}` },
  { id: 'perplexity', company: 'Perplexity', category: 'ai', cls: 'prefixed', gen: (d) => `pplx-${d.str(48, ALNUM)}` },
  { id: 'langsmith', company: 'LangSmith', category: 'ai', cls: 'prefixed', gen: (d) => `lsv2_pt_${d.hex(32)}_${d.hex(10)}` },
  { id: 'mistral', company: 'Mistral AI', category: 'ai', cls: 'context', gen: (d) => d.alnum(32) },
  { id: 'cohere', company: 'Cohere', category: 'ai', cls: 'context', gen: (d) => d.alnum(40) },
  { id: 'deepgram', company: 'Deepgram', category: 'ai', cls: 'context', gen: (d) => d.hex(40) },
  { id: 'assemblyai', company: 'AssemblyAI', category: 'ai', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'elevenlabs', company: 'ElevenLabs', category: 'ai', cls: 'prefixed', gen: (d) => `sk_${d.hex(48)}` },
  { id: 'pinecone', company: 'Pinecone', category: 'ai', cls: 'prefixed', gen: (d) => `pcsk_${d.str(5, ALNUM)}_${d.str(63, ALNUM)}` },
  { id: 'azure-openai', company: 'Azure OpenAI', category: 'ai', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'wandb', company: 'Weights & Biases', category: 'ai', cls: 'context', gen: (d) => d.hex(40) },
  // --- payments ---
  { id: 'stripe-secret', company: 'Stripe', category: 'payments', cls: 'prefixed', gen: (d) => `sk_live_51${d.str(97, ALNUM)}` },
  { id: 'stripe-restricted', company: 'Stripe', category: 'payments', cls: 'prefixed', gen: (d) => `rk_live_51${d.str(97, ALNUM)}` },
  { id: 'stripe-webhook', company: 'Stripe', category: 'payments', cls: 'prefixed', gen: (d) => `whsec_${d.str(32, ALNUM)}` },
  { id: 'square', company: 'Square', category: 'payments', cls: 'prefixed', gen: (d) => `EAAA${d.str(60, B64URL)}` },
  { id: 'braintree', company: 'Braintree (PayPal)', category: 'payments', cls: 'prefixed', gen: (d) => `access_token$production$${d.str(16, ALNUM_LOWER)}$${d.hex(32)}` },
  { id: 'paypal-secret', company: 'PayPal', category: 'payments', cls: 'context', gen: (d) => `E${d.str(79, B64URL)}` },
  { id: 'adyen', company: 'Adyen', category: 'payments', cls: 'prefixed', gen: (d) => `AQE${d.str(6, ALNUM)}+${d.str(20, ALNUM)}/${d.str(60, ALNUM)}=-${d.str(44, B64)}=-${d.str(20, ALNUM)}` },
  { id: 'plaid', company: 'Plaid', category: 'payments', cls: 'context', gen: (d) => d.hex(30) },
  // --- cloud ---
  { id: 'aws-access-key', company: 'AWS', category: 'cloud', cls: 'prefixed', gen: (d) => `AKIA${d.str(16, B32U)}` },
  { id: 'aws-secret', company: 'AWS', category: 'cloud', cls: 'context', gen: (d) => d.str(40, B64) },
  { id: 'gcp-service-account', company: 'Google Cloud', category: 'cloud', cls: 'prefixed', gen: pkcs8Pem },
  { id: 'gcp-api-key', company: 'Google Cloud', category: 'cloud', cls: 'prefixed', gen: (d) => `AIza${d.str(35, B64URL)}` },
  { id: 'google-oauth-secret', company: 'Google OAuth', category: 'identity', cls: 'prefixed', gen: (d) => `GOCSPX-${d.str(28, B64URL)}` },
  { id: 'azure-storage', company: 'Azure Storage', category: 'cloud', cls: 'context', gen: (d) => `${d.str(86, B64)}==` },
  { id: 'azure-ad-secret', company: 'Microsoft Entra ID', category: 'identity', cls: 'prefixed', gen: (d) => `${d.str(3, ALNUM)}8Q~${d.str(34, ALNUM + '._~-')}` },
  { id: 'azure-sas', company: 'Azure Storage (SAS)', category: 'cloud', cls: 'prefixed', gen: (d) => `sv=2022-11-02&ss=b&srt=sco&sp=rwdlacx&se=2026-12-31T23:59:59Z&st=2025-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(d.str(43, B64) + '=')}` },
  { id: 'azure-devops', company: 'Azure DevOps', category: 'ci', cls: 'context', gen: (d) => d.str(52, B32L) },
  { id: 'azure-acs', company: 'Azure Communication Services', category: 'messaging', cls: 'context', gen: (d) => `${d.str(86, B64)}==` },
  { id: 'azure-servicebus', company: 'Azure Service Bus', category: 'cloud', cls: 'context', gen: (d) => `${d.str(43, B64)}=` },
  { id: 'cloudflare-token', company: 'Cloudflare', category: 'cloud', cls: 'context', gen: (d) => d.str(40, B64URL) },
  { id: 'cloudflare-r2', company: 'Cloudflare R2', category: 'storage', cls: 'context', gen: (d) => d.hex(64) },
  { id: 'digitalocean', company: 'DigitalOcean', category: 'cloud', cls: 'prefixed', gen: (d) => `dop_v1_${d.hex(64)}` },
  { id: 'linode', company: 'Akamai Linode', category: 'cloud', cls: 'context', gen: (d) => d.hex(64) },
  { id: 'backblaze', company: 'Backblaze B2', category: 'storage', cls: 'context', gen: (d) => `K00${d.str(28, B64.replace('+', ''))}` },
  { id: 'fly', company: 'Fly.io', category: 'hosting', cls: 'prefixed', gen: (d) => `FlyV1 fm2_${d.str(200, B64)}` },
  { id: 'render', company: 'Render', category: 'hosting', cls: 'prefixed', gen: (d) => `rnd_${d.str(32, ALNUM)}` },
  { id: 'netlify', company: 'Netlify', category: 'hosting', cls: 'prefixed', gen: (d) => `nfp_${d.str(36, ALNUM)}` },
  { id: 'vercel', company: 'Vercel', category: 'hosting', cls: 'context', gen: (d) => d.str(24, ALNUM) },
  { id: 'heroku', company: 'Heroku', category: 'hosting', cls: 'context', gen: (d) => d.uuid() },
  { id: 'railway', company: 'Railway', category: 'hosting', cls: 'context', gen: (d) => d.uuid() },
  // --- CI/CD, source hosts, registries ---
  { id: 'github-pat', company: 'GitHub', category: 'source', cls: 'prefixed', gen: (d) => `ghp_${d.str(36, ALNUM)}` },
  { id: 'github-fine', company: 'GitHub', category: 'source', cls: 'prefixed', gen: (d) => `github_pat_11${d.str(20, ALNUM_UPPER)}_${d.str(59, ALNUM)}` },
  { id: 'gitlab', company: 'GitLab', category: 'source', cls: 'prefixed', gen: (d) => `glpat-${d.str(20, B64URL)}` },
  { id: 'gitlab-runner', company: 'GitLab', category: 'ci', cls: 'prefixed', gen: (d) => `glrt-${d.str(20, B64URL)}` },
  { id: 'bitbucket', company: 'Bitbucket', category: 'source', cls: 'prefixed', gen: (d) => `ATBB${d.str(32, ALNUM)}${d.hex(8).toUpperCase()}` },
  { id: 'atlassian', company: 'Atlassian', category: 'tickets', cls: 'prefixed', gen: (d) => `ATATT3xFfGF0${d.str(170, B64URL)}=${d.hex(8).toUpperCase()}` },
  { id: 'npm', company: 'npm', category: 'registry', cls: 'prefixed', gen: (d) => `npm_${d.str(36, ALNUM)}` },
  { id: 'pypi', company: 'PyPI', category: 'registry', cls: 'prefixed', gen: (d) => `pypi-AgEIcHlwaS5vcmc${d.str(150, B64URL)}` },
  { id: 'dockerhub', company: 'Docker Hub', category: 'registry', cls: 'prefixed', gen: (d) => `dckr_pat_${d.str(27, B64URL)}` },
  { id: 'jfrog', company: 'JFrog', category: 'registry', cls: 'prefixed', gen: (d) => `cmVmdGtuOjAxOj${d.str(50, ALNUM)}` },
  { id: 'circleci', company: 'CircleCI', category: 'ci', cls: 'context', gen: (d) => d.hex(40) },
  { id: 'buildkite', company: 'Buildkite', category: 'ci', cls: 'prefixed', gen: (d) => `bkua_${d.hex(40)}` },
  { id: 'buildkite-agent', company: 'Buildkite', category: 'ci', cls: 'context', gen: (d) => d.hex(50) },
  { id: 'drone', company: 'Drone', category: 'ci', cls: 'context', gen: (d) => d.alnum(32) },
  { id: 'jenkins', company: 'Jenkins', category: 'ci', cls: 'context', gen: (d) => `11${d.hex(32)}` },
  { id: 'terraform-cloud', company: 'HashiCorp Terraform Cloud', category: 'infra', cls: 'prefixed', gen: (d) => `${d.str(14, ALNUM)}.atlasv1.${d.str(67, ALNUM)}` },
  { id: 'vault', company: 'HashiCorp Vault', category: 'infra', cls: 'prefixed', gen: (d) => `hvs.${d.str(91, B64URL)}` },
  { id: 'pulumi', company: 'Pulumi', category: 'infra', cls: 'prefixed', gen: (d) => `pul-${d.hex(40)}` },
  { id: 'doppler', company: 'Doppler', category: 'infra', cls: 'prefixed', gen: (d) => `dp.st.prd.${d.str(43, ALNUM)}` },
  { id: 'onepassword', company: '1Password', category: 'infra', cls: 'prefixed', gen: (d) => `ops_${b64url(JSON.stringify({ signInAddress: 'carewell.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: d.str(22, B64URL) }, email: `${d.str(12, ALNUM_LOWER)}@1passwordserviceaccounts.com`, srpX: d.hex(64), muk: { alg: 'A256GCM', ext: true, k: d.str(43, B64URL), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: `A3-${d.str(6, ALNUM_UPPER)}-${d.str(6, ALNUM_UPPER)}-${d.str(5, ALNUM_UPPER)}-${d.str(5, ALNUM_UPPER)}-${d.str(5, ALNUM_UPPER)}-${d.str(5, ALNUM_UPPER)}`, throttleSecret: { seed: d.hex(64), uuid: d.str(26, ALNUM_UPPER) }, deviceUuid: d.str(26, ALNUM_LOWER) }))}` },
  { id: 'snyk', company: 'Snyk', category: 'ci', cls: 'context', gen: (d) => d.uuid() },
  { id: 'sonarqube', company: 'SonarQube', category: 'ci', cls: 'prefixed', gen: (d) => `squ_${d.hex(40)}` },
  { id: 'codecov', company: 'Codecov', category: 'ci', cls: 'context', gen: (d) => d.uuid() },
  { id: 'cypress', company: 'Cypress Cloud', category: 'ci', cls: 'context', gen: (d) => d.uuid() },
  { id: 'browserstack', company: 'BrowserStack', category: 'ci', cls: 'context', gen: (d) => d.str(20, ALNUM) },
  { id: 'expo', company: 'Expo', category: 'ci', cls: 'context', gen: (d) => d.str(40, B64URL) },
  // --- observability ---
  { id: 'datadog-api', company: 'Datadog', category: 'observability', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'datadog-app', company: 'Datadog', category: 'observability', cls: 'context', gen: (d) => d.hex(40) },
  { id: 'sentry-user', company: 'Sentry', category: 'observability', cls: 'prefixed', gen: (d) => `sntryu_${d.hex(64)}` },
  { id: 'newrelic-user', company: 'New Relic', category: 'observability', cls: 'prefixed', gen: (d) => `NRAK-${d.str(27, ALNUM_UPPER)}` },
  { id: 'newrelic-license', company: 'New Relic', category: 'observability', cls: 'prefixed', gen: (d) => `${d.hex(36)}NRAL` },
  { id: 'grafana-sa', company: 'Grafana', category: 'observability', cls: 'prefixed', gen: (d) => `glsa_${d.str(32, ALNUM)}_${d.hex(8)}` },
  { id: 'grafana-cloud', company: 'Grafana Cloud', category: 'observability', cls: 'prefixed', gen: (d) => `glc_${b64(JSON.stringify({ o: d.digits(6), n: `stack-${d.digits(6)}-hm-write-carewell`, k: d.str(24, ALNUM), m: { r: 'prod-us-east-0' } }))}` },
  { id: 'honeycomb', company: 'Honeycomb', category: 'observability', cls: 'context', gen: (d) => d.str(22, ALNUM) },
  { id: 'pagerduty', company: 'PagerDuty', category: 'observability', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'opsgenie', company: 'Opsgenie', category: 'observability', cls: 'context', gen: (d) => d.uuid() },
  { id: 'rollbar', company: 'Rollbar', category: 'observability', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'bugsnag', company: 'Bugsnag', category: 'observability', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'splunk-hec', company: 'Splunk', category: 'observability', cls: 'context', gen: (d) => d.uuid().toUpperCase() },
  { id: 'betterstack', company: 'Better Stack', category: 'observability', cls: 'context', gen: (d) => d.str(24, ALNUM) },
  { id: 'elastic', company: 'Elastic', category: 'observability', cls: 'context', gen: (d) => b64(`${d.str(20, B64URL)}:${d.str(22, B64URL)}`) },
  { id: 'sumologic', company: 'Sumo Logic', category: 'observability', cls: 'context', gen: (d) => d.str(64, ALNUM) },
  // --- messaging: SMS/voice/video/chat ---
  { id: 'twilio-auth', company: 'Twilio', category: 'telephony', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'twilio-apikey-secret', company: 'Twilio', category: 'telephony', cls: 'context', gen: (d) => d.alnum(32) },
  { id: 'vonage', company: 'Vonage', category: 'telephony', cls: 'context', gen: (d) => d.str(16, ALNUM) },
  { id: 'vonage-video', company: 'Vonage Video (OpenTok)', category: 'video', cls: 'context', gen: (d) => d.hex(40) },
  { id: 'plivo', company: 'Plivo', category: 'telephony', cls: 'context', gen: (d) => d.str(40, ALNUM) },
  { id: 'telnyx', company: 'Telnyx', category: 'telephony', cls: 'prefixed', gen: (d) => `KEY0${d.str(28, HEXU)}_${d.str(22, ALNUM)}` },
  { id: 'bandwidth', company: 'Bandwidth', category: 'telephony', cls: 'context', gen: (d) => d.str(24, ALNUM_LOWER) },
  { id: 'messagebird', company: 'MessageBird', category: 'telephony', cls: 'context', gen: (d) => d.str(25, ALNUM) },
  { id: 'sinch', company: 'Sinch', category: 'telephony', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'zoom', company: 'Zoom', category: 'video', cls: 'context', gen: (d) => d.str(32, ALNUM) },
  { id: 'daily', company: 'Daily', category: 'video', cls: 'context', gen: (d) => d.hex(64) },
  { id: 'agora', company: 'Agora', category: 'video', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'mux', company: 'Mux', category: 'video', cls: 'context', gen: (d) => d.str(75, B64) },
  { id: 'slack-bot', company: 'Slack', category: 'chat', cls: 'prefixed', gen: (d) => `xoxb-${d.digits(12)}-${d.digits(13)}-${d.str(24, ALNUM)}` },
  { id: 'slack-webhook', company: 'Slack', category: 'chat', cls: 'prefixed', gen: (d) => `https://hooks.slack.com/services/T${d.str(10, ALNUM_UPPER)}/B${d.str(10, ALNUM_UPPER)}/${d.str(24, ALNUM)}` },
  { id: 'discord-webhook', company: 'Discord', category: 'chat', cls: 'prefixed', gen: (d) => `https://discord.com/api/webhooks/${d.digits(19)}/${d.str(68, B64URL)}` },
  { id: 'teams-webhook', company: 'Microsoft Teams', category: 'chat', cls: 'prefixed', gen: (d) => `https://carewell.webhook.office.com/webhookb2/${d.uuid()}@${d.uuid()}/IncomingWebhook/${d.hex(32)}/${d.uuid()}` },
  { id: 'telegram', company: 'Telegram', category: 'chat', cls: 'prefixed', gen: (d) => `${d.digits(10)}:AA${d.str(33, B64URL)}` },
  { id: 'pusher', company: 'Pusher', category: 'chat', cls: 'context', gen: (d) => d.hex(20) },
  { id: 'ably', company: 'Ably', category: 'chat', cls: 'context', gen: (d) => `${d.str(6, ALNUM)}.${d.str(6, ALNUM)}:${d.str(43, B64URL)}` },
  { id: 'stream', company: 'Stream', category: 'chat', cls: 'context', gen: (d) => d.str(64, ALNUM_LOWER) },
  { id: 'onesignal', company: 'OneSignal', category: 'push', cls: 'prefixed', gen: (d) => `os_v2_app_${d.str(113, B32L)}` },
  { id: 'fcm-server', company: 'Firebase Cloud Messaging', category: 'push', cls: 'prefixed', gen: (d) => `AAAA${d.str(7, B64URL)}:APA91b${d.str(134, B64URL)}` },
  // --- e-mail ---
  { id: 'sendgrid', company: 'SendGrid', category: 'email', cls: 'prefixed', gen: (d) => `SG.${d.str(22, B64URL)}.${d.str(43, B64URL)}` },
  { id: 'mailgun', company: 'Mailgun', category: 'email', cls: 'prefixed', gen: (d) => `key-${d.hex(32)}` },
  { id: 'mailchimp', company: 'Mailchimp', category: 'email', cls: 'prefixed', gen: (d) => `${d.hex(32)}-us${d.int(2, 21)}` },
  { id: 'postmark', company: 'Postmark', category: 'email', cls: 'context', gen: (d) => d.uuid() },
  { id: 'resend', company: 'Resend', category: 'email', cls: 'prefixed', gen: (d) => `re_${d.str(8, ALNUM)}_${d.str(24, ALNUM)}` },
  { id: 'brevo', company: 'Brevo', category: 'email', cls: 'prefixed', gen: (d) => `xkeysib-${d.hex(64)}-${d.str(16, ALNUM)}` },
  { id: 'mailjet', company: 'Mailjet', category: 'email', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'sparkpost', company: 'SparkPost', category: 'email', cls: 'context', gen: (d) => d.hex(40) },
  // --- identity / auth ---
  { id: 'okta', company: 'Okta', category: 'identity', cls: 'context', gen: (d) => `00${d.str(40, B64URL)}` },
  { id: 'auth0', company: 'Auth0', category: 'identity', cls: 'context', gen: (d) => d.str(64, B64URL) },
  { id: 'clerk', company: 'Clerk', category: 'identity', cls: 'prefixed', gen: (d) => `sk_live_${d.str(40, ALNUM)}` },
  { id: 'stytch', company: 'Stytch', category: 'identity', cls: 'prefixed', gen: (d) => `secret-live-${d.str(36, B64URL)}=` },
  { id: 'supabase-service', company: 'Supabase', category: 'database', cls: 'prefixed', gen: (d) => jwt(d, { alg: 'HS256', typ: 'JWT' }, { iss: 'supabase', ref: d.str(20, LOWER), role: 'service_role', iat: now - 9e6, exp: now + 3e8 }) },
  { id: 'keycloak', company: 'Keycloak', category: 'identity', cls: 'context', gen: (d) => d.alnum(32) },
  { id: 'persona', company: 'Persona', category: 'identity', cls: 'prefixed', gen: (d) => `persona_production_${d.uuid()}` },
  { id: 'onfido', company: 'Onfido', category: 'identity', cls: 'prefixed', gen: (d) => `api_live.${d.str(11, B64URL)}.${d.str(32, B64URL)}` },
  { id: 'recaptcha-secret', company: 'Google reCAPTCHA', category: 'identity', cls: 'context', gen: (d) => `6L${d.str(5, ALNUM)}AAAAA${d.str(31, B64URL)}` },
  // --- databases / data ---
  { id: 'planetscale', company: 'PlanetScale', category: 'database', cls: 'prefixed', gen: (d) => `pscale_pw_${d.str(43, B64URL)}` },
  { id: 'neon', company: 'Neon', category: 'database', cls: 'context', gen: (d) => d.str(64, ALNUM_LOWER) },
  { id: 'upstash', company: 'Upstash', category: 'database', cls: 'context', gen: (d) => `AX${d.str(4, ALNUM)}AAIjcDE${d.str(50, ALNUM)}` },
  { id: 'mongodb-atlas', company: 'MongoDB Atlas', category: 'database', cls: 'context', gen: (d) => d.uuid() },
  { id: 'databricks', company: 'Databricks', category: 'data', cls: 'prefixed', gen: (d) => `dapi${d.hex(32)}` },
  { id: 'confluent', company: 'Confluent Cloud', category: 'data', cls: 'context', gen: (d) => d.str(64, B64.replace('+', '').replace('/', '')) },
  { id: 'algolia-admin', company: 'Algolia', category: 'search', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'typesense', company: 'Typesense', category: 'search', cls: 'context', gen: (d) => d.alnum(32) },
  // --- maps / analytics / flags / CMS / storage / misc SaaS ---
  { id: 'mapbox-secret', company: 'Mapbox', category: 'maps', cls: 'prefixed', gen: (d) => `sk.${b64url(JSON.stringify({ u: 'carewell-health', a: d.str(25, ALNUM_LOWER) }))}.${d.str(22, B64URL)}` },
  { id: 'google-maps', company: 'Google Maps Platform', category: 'maps', cls: 'prefixed', gen: (d) => `AIza${d.str(35, B64URL)}` },
  { id: 'radar', company: 'Radar', category: 'maps', cls: 'prefixed', gen: (d) => `prj_live_sk_${d.hex(40)}` },
  { id: 'mixpanel', company: 'Mixpanel', category: 'analytics', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'amplitude', company: 'Amplitude', category: 'analytics', cls: 'context', gen: (d) => d.hex(32) },
  { id: 'posthog-personal', company: 'PostHog', category: 'analytics', cls: 'prefixed', gen: (d) => `phx_${d.str(43, ALNUM)}` },
  { id: 'launchdarkly-sdk', company: 'LaunchDarkly', category: 'flags', cls: 'prefixed', gen: (d) => `sdk-${d.uuid()}` },
  { id: 'launchdarkly-api', company: 'LaunchDarkly', category: 'flags', cls: 'prefixed', gen: (d) => `api-${d.uuid()}` },
  { id: 'contentful-cma', company: 'Contentful', category: 'cms', cls: 'prefixed', gen: (d) => `CFPAT-${d.str(43, B64URL)}` },
  { id: 'contentful-cda', company: 'Contentful', category: 'cms', cls: 'context', gen: (d) => d.str(43, B64URL) },
  { id: 'cloudinary', company: 'Cloudinary', category: 'storage', cls: 'prefixed', gen: (d) => `cloudinary://${d.digits(15)}:${d.str(27, B64URL)}@carewell` },
  { id: 'dropbox', company: 'Dropbox', category: 'storage', cls: 'prefixed', gen: (d) => `sl.${d.str(138, B64URL)}` },
  { id: 'box', company: 'Box', category: 'storage', cls: 'context', gen: (d) => d.alnum(32) },
  { id: 'notion', company: 'Notion', category: 'tickets', cls: 'prefixed', gen: (d) => `ntn_${d.digits(11)}${d.str(35, ALNUM)}` },
  { id: 'linear', company: 'Linear', category: 'tickets', cls: 'prefixed', gen: (d) => `lin_api_${d.str(40, ALNUM)}` },
  { id: 'airtable', company: 'Airtable', category: 'tickets', cls: 'prefixed', gen: (d) => `pat${d.str(14, ALNUM)}.${d.hex(64)}` },
  { id: 'asana', company: 'Asana', category: 'tickets', cls: 'prefixed', gen: (d) => `2/${d.digits(16)}/${d.digits(16)}:${d.hex(32)}` },
  { id: 'hubspot', company: 'HubSpot', category: 'crm', cls: 'prefixed', gen: (d) => `pat-na1-${d.uuid()}` },
  { id: 'intercom', company: 'Intercom', category: 'crm', cls: 'prefixed', gen: (d) => `${b64(`tok:${d.uuid()}:1:0`)}` },
  { id: 'zendesk', company: 'Zendesk', category: 'crm', cls: 'context', gen: (d) => d.alnum(40) },
  { id: 'typeform', company: 'Typeform', category: 'forms', cls: 'prefixed', gen: (d) => `tfp_${d.str(44, ALNUM)}_${d.str(14, ALNUM)}` },
  { id: 'docusign', company: 'DocuSign', category: 'esign', cls: 'context', gen: (d) => d.uuid() },
  { id: 'calendly', company: 'Calendly', category: 'scheduling', cls: 'prefixed', gen: (d) => jwt(d, { kid: d.hex(8), typ: 'PAT', alg: 'ES512' }, { iss: 'https://auth.calendly.com', iat: now - 5e5, jti: d.uuid(), user_uuid: d.uuid() }, 118) },
  { id: 'cronofy', company: 'Cronofy', category: 'scheduling', cls: 'context', gen: (d) => d.str(43, B64URL) },
  { id: 'nylas', company: 'Nylas', category: 'scheduling', cls: 'prefixed', gen: (d) => `nyk_v0_${d.str(60, ALNUM)}` },
  { id: 'checkr', company: 'Checkr', category: 'hr', cls: 'context', gen: (d) => d.hex(40) },
  // --- health / EHR / clearinghouse ---
  { id: 'epic', company: 'Epic (FHIR)', category: 'ehr', cls: 'context', gen: (d) => d.str(88, B64) },
  { id: 'oracle-health', company: 'Oracle Health (Cerner)', category: 'ehr', cls: 'context', gen: (d) => d.str(32, ALNUM) },
  { id: 'athena', company: 'athenahealth', category: 'ehr', cls: 'context', gen: (d) => d.str(40, ALNUM) },
  { id: 'drchrono', company: 'DrChrono', category: 'ehr', cls: 'context', gen: (d) => d.str(128, ALNUM) },
  { id: 'redox', company: 'Redox', category: 'ehr', cls: 'context', gen: (d) => d.str(32, ALNUM) },
  { id: 'healthie', company: 'Healthie', category: 'ehr', cls: 'context', gen: (d) => d.str(64, ALNUM) },
  { id: 'elation', company: 'Elation Health', category: 'ehr', cls: 'context', gen: (d) => d.str(64, ALNUM) },
  { id: 'canvas', company: 'Canvas Medical', category: 'ehr', cls: 'context', gen: (d) => d.str(40, ALNUM) },
  { id: 'availity', company: 'Availity', category: 'clearinghouse', cls: 'context', gen: (d) => d.str(24, ALNUM) },
  { id: 'stedi', company: 'Stedi', category: 'clearinghouse', cls: 'context', gen: (d) => d.str(40, ALNUM) },
  { id: 'change-healthcare', company: 'Optum / Change Healthcare', category: 'clearinghouse', cls: 'context', gen: (d) => d.str(32, ALNUM) },
  { id: 'dosespot', company: 'DoseSpot', category: 'eprescribing', cls: 'context', gen: (d) => d.str(32, B64) },
  { id: 'health-gorilla', company: 'Health Gorilla', category: 'ehr', cls: 'context', gen: (d) => d.str(40, ALNUM) },
  { id: 'particle', company: 'Particle Health', category: 'ehr', cls: 'context', gen: (d) => d.str(48, ALNUM) },
];

export const generics: GenericKind[] = [
  { id: 'human-password', gen: (d) => `${d.pick(['Harbor', 'Juniper', 'Maple', 'Osprey', 'Cobalt', 'Willow', 'Granite', 'Saffron'])}${d.pick(['Lantern', 'Meadow', 'Rocket', 'Falcon', 'Canyon', 'Velvet'])}${d.pick(['!', '#', '$', '%', '&', '*'])}${d.int(10, 99)}${d.pick(['', 'x', 'Q', 'k'])}` },
  { id: 'random-password', gen: (d) => d.str(22, ALNUM + '!#%^*()-_=+') },
  { id: 'db-password', gen: (d) => d.str(24, ALNUM) },
  { id: 'session-secret', gen: (d) => d.hex(64) },
  { id: 'jwt-signing-secret', gen: (d) => `${d.str(43, B64)}=` },
  { id: 'cookie-secret', gen: (d) => d.str(48, ALNUM) },
  { id: 'webhook-signing-secret', gen: (d) => d.str(40, B64URL) },
  { id: 'hmac-key-hex', gen: (d) => d.hex(64) },
  { id: 'encryption-key-b64', gen: (d) => `${d.str(43, B64)}=` },
  { id: 'fernet-key', gen: (d) => `${d.str(43, B64URL)}=` },
  { id: 'django-secret-key', gen: (d) => d.str(50, LOWER + DIGITS + '!@#%^&*(-_=+)') },
  { id: 'private-key-rsa', gen: rsaPem },
  { id: 'private-key-ec', gen: ecPem },
  { id: 'private-key-openssh', gen: opensshPem },
  { id: 'private-key-p8', gen: ecP8Pem },
  { id: 'private-key-b64', gen: (d) => b64(rsaPem(d)) },
  { id: 'conn-string-password', gen: (d) => d.str(20, ALNUM) },
  { id: 'url-basic-auth', gen: (d) => d.str(18, ALNUM) },
  { id: 'basic-auth-b64', gen: (d) => b64(`${d.pick(['svc-intake', 'deploy', 'ci-bot', 'reporting'])}:${d.str(20, ALNUM)}`) },
  { id: 'bearer-token', gen: (d) => d.str(48, B64URL) },
  { id: 'internal-api-token', gen: (d) => `${d.pick(['cw', 'int', 'svc'])}_${d.str(40, ALNUM)}` },
  { id: 'service-jwt', gen: (d) => jwt(d, { alg: 'HS256', typ: 'JWT' }, { sub: `svc:${d.pick(['intake', 'billing', 'reminders'])}`, aud: 'carewell-internal', iat: now - 1e6, exp: now + 4e8, scope: 'appointments:write patients:read' }) },
  { id: 'oauth-client-secret', gen: (d) => d.str(40, ALNUM) },
  { id: 'smtp-password', gen: (d) => d.str(20, ALNUM) },
  { id: 'ldap-bind-password', gen: (d) => d.str(18, ALNUM + '!#%') },
  { id: 'redis-password', gen: (d) => d.str(32, ALNUM) },
  { id: 'keystore-password', gen: (d) => d.str(16, ALNUM) },
  { id: 'totp-seed', gen: (d) => d.str(32, B32U) },
  { id: 'kafka-sasl-password', gen: (d) => d.str(28, ALNUM) },
  { id: 'ansible-become-password', gen: (d) => d.str(16, ALNUM + '!%') },
];

export const negatives: NegativeKind[] = [
  { id: 'placeholder-angle' },
  { id: 'placeholder-x', gen: (d) => `sk_live_${'x'.repeat(d.int(24, 32))}` },
  { id: 'placeholder-words' },
  { id: 'env-reference' },
  { id: 'ci-secret-reference' },
  { id: 'template-variable' },
  { id: 'secret-manager-reference' },
  { id: 'k8s-secret-ref' },
  { id: 'stripe-publishable', gen: (d) => `pk_live_51${d.str(97, ALNUM)}` },
  { id: 'mapbox-public', gen: (d) => `pk.${b64url(JSON.stringify({ u: 'carewell-health', a: d.str(25, ALNUM_LOWER) }))}.${d.str(22, B64URL)}` },
  { id: 'supabase-anon', gen: (d) => jwt(d, { alg: 'HS256', typ: 'JWT' }, { iss: 'supabase', ref: d.str(20, LOWER), role: 'anon', iat: now - 9e6, exp: now + 3e8 }) },
  { id: 'firebase-web-config', gen: (d) => `AIza${d.str(35, B64URL)}` },
  { id: 'algolia-search-only', gen: (d) => d.hex(32) },
  { id: 'posthog-project', gen: (d) => `phc_${d.str(43, ALNUM)}` },
  { id: 'sentry-dsn', gen: (d) => `https://${d.hex(32)}@o${d.digits(6)}.ingest.us.sentry.io/${d.digits(16)}` },
  { id: 'launchdarkly-client-id', gen: (d) => d.hex(24) },
  { id: 'recaptcha-site-key', gen: (d) => `6L${d.str(5, ALNUM)}AAAAA${d.str(31, B64URL)}` },
  { id: 'radar-publishable', gen: (d) => `prj_live_pk_${d.hex(40)}` },
  { id: 'google-oauth-client-id', gen: (d) => `${d.digits(12)}-${d.str(32, ALNUM_LOWER)}.apps.googleusercontent.com` },
  { id: 'uuid-identifier', gen: (d) => d.uuid() },
  { id: 'twilio-account-sid', gen: (d) => `AC${d.hex(32)}` },
  { id: 'azure-tenant-id', gen: (d) => d.uuid() },
  { id: 'git-sha', gen: (d) => d.hex(40) },
  { id: 'sri-integrity', gen: (d) => `sha512-${d.str(86, B64)}==` },
  { id: 'sha256-digest', gen: (d) => `sha256:${d.hex(64)}` },
  { id: 'checksum-hex', gen: (d) => d.hex(64) },
  { id: 'bcrypt-hash', gen: (d) => `$2b$12$${d.str(53, ALNUM + './')}` },
  { id: 'argon2-hash', gen: (d) => `$argon2id$v=19$m=65536,t=3,p=4$${d.str(22, B64.replace('+', '').replace('/', ''))}$${d.str(43, B64.replace('+', '').replace('/', ''))}` },
  { id: 'django-pbkdf2-hash', gen: (d) => `pbkdf2_sha256$720000$${d.str(22, ALNUM)}$${d.str(43, B64)}=` },
  { id: 'public-key-pem', gen: (d) => `-----BEGIN PUBLIC KEY-----\n${pemBody(d, 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA', 392)}\n-----END PUBLIC KEY-----` },
  { id: 'certificate-pem', gen: (d) => `-----BEGIN CERTIFICATE-----\n${pemBody(d, 'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa', 1200)}\n-----END CERTIFICATE-----` },
  { id: 'ssh-public-key', gen: (d) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${d.str(43, B64)} ${d.pick(['oncall', 'deploy', 'mhernandez'])}@carewell` },
  { id: 'css-module-class', gen: (d) => `_${d.pick(['slotGrid', 'banner', 'avatar', 'vitalsCard'])}_${d.str(5, ALNUM_LOWER)}_${d.int(1, 300)}` },
  { id: 'data-uri-image', gen: (d) => `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAA${d.str(120, B64)}AAAAAElFTkSuQmCC` },
  { id: 'build-id', gen: (d) => d.str(21, B64URL) },
  { id: 'content-hash-filename', gen: (d) => `main.${d.hex(20)}.js` },
  { id: 'redacted-stars' },
  { id: 'redacted-prefix', gen: (d) => `sk_live_...${d.hex(4)}` },
  { id: 'obvious-test-dummy' },
  { id: 'secret-name-harmless-value' },
  { id: 'aws-docs-example', gen: () => AWS_DOCS_KEY_ID },
  { id: 'aws-docs-example-secret', gen: () => AWS_DOCS_SECRET },
  { id: 'jwt-io-example', gen: () => JWT_IO_EXAMPLE },
  { id: 'medical-identifier', gen: (d) => d.digits(10) },
  { id: 'mongo-object-id', gen: (d) => d.hex(24) },
  { id: 'docker-image-digest', gen: (d) => `sha256:${d.hex(64)}` },
  { id: 'terraform-lock-hash', gen: (d) => `h1:${d.str(43, B64)}=` },
  { id: 'encrypted-ciphertext', gen: (d) => `ENC[AES256_GCM,data:${d.str(40, B64)},iv:${d.str(43, B64)}=,tag:${d.str(22, B64)}==,type:str]` },
  { id: 'ansible-vault-blob', gen: (d) => `$ANSIBLE_VAULT;1.1;AES256\n${Array.from({ length: 4 }, () => d.str(80, DIGITS + 'abcdef')).join('\n')}` },
  { id: 'sealed-secret', gen: (d) => `AgB${d.str(300, B64)}==` },
  { id: 'stripe-object-id', gen: (d) => `${d.pick(['price_1', 'prod_', 'cus_', 'pi_3'])}${d.str(24, ALNUM)}` },
  { id: 'request-id', gen: (d) => `${d.hex(8)}-${d.hex(16)}` },
  { id: 'etag', gen: (d) => `W/"${d.hex(2)}-${d.str(27, B64URL)}"` },
  { id: 'cert-fingerprint', gen: (d) => Array.from({ length: 32 }, () => d.hex(2).toUpperCase()).join(':') },
  { id: 'csp-hash', gen: (d) => `'sha256-${d.str(43, B64)}='` },
  { id: 'expo-project-id', gen: (d) => d.uuid() },
  { id: 'hcaptcha-sitekey', gen: (d) => d.uuid() },
  { id: 'public-client-key', gen: (d) => d.str(32, ALNUM) },
  { id: 'lockfile-resolved', gen: (d) => d.hex(40) },
  { id: 'random-seed-or-nonce-nonsecret', gen: (d) => d.hex(16) },
  { id: 'empty-value' },
  { id: 'vendor-identifier' },
  { id: 'public-key-id', gen: (d) => d.hex(40) },
  { id: 'numeric-id', gen: (d) => d.digits(21) },
  { id: 'hex-resource-id', gen: (d) => d.hex(32) },
  { id: 'public-key-modulus', gen: (d) => d.str(342, B64URL) },
  { id: 'access-key-id-hex', gen: (d) => d.hex(32) },
  { id: 'public-client-id-hex', gen: (d) => d.hex(24) },
  { id: 'publishable-key-literal' },
  { id: 'password-hash-htpasswd', gen: (d) => `$apr1$${d.str(8, ALNUM)}$${d.str(22, ALNUM + './')}` },
];

/** Negative kinds that are written literally in the templates (their text is fixed by the file, not drawn). */
export const literalNegatives = new Set(negatives.filter((n) => !n.gen).map((n) => n.id));

// Shared constants used by templates for famous documentation examples (public, non-secret by design).
export const AWS_DOCS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const AWS_DOCS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const JWT_IO_EXAMPLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

