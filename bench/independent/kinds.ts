/**
 * What the independent corpus plants: provider keys in their documented shapes, generic secrets as people make them,
 * and the non-secrets that sit next to them in real code. Every value is drawn at run time from the seeded RNG, so no
 * key-shaped literal is ever committed; fixed parts are only the documented prefixes.
 *
 * Written blind: from providers' public documentation and what real repositories look like, without reading the
 * analyzer's rules, its tests or its own corpus.
 */
import { ALNUM, B64, B64URL, DIGITS, LOWER_DIGITS, Rng, UPPER_DIGITS, jwtOf } from './rng';

export type Klass = 'provider' | 'generic' | 'negative';

/**
 * token: fits a header or a query parameter; password: fits a user:password slot; uri: the value is a whole URL;
 * pem: multi-line; expr: the "value" is code (process.env.X), never quoted.
 */
export type Tag = 'token' | 'password' | 'uri' | 'pem' | 'expr';

export interface Kind {
  id: string;
  klass: Klass;
  /** provider name, or what the secret / non-secret is */
  label: string;
  /** names a team gives the variable, UPPER_SNAKE (placements derive camelCase, kebab-case, …) */
  names: string[];
  gen: (r: Rng) => string;
  tags: Tag[];
  /** header that carries it (default `X-API-Key`; `Authorization` uses scheme) */
  header?: string;
  scheme?: string;
  /** query parameter that carries it */
  param?: string;
  /** the SDK call a team writes with it (a provider's own client) */
  sdkJs?: (q: string) => string;
  sdkPy?: (q: string) => string;
  /** recognisable only by its name (no prefix or fixed shape of its own) */
  contextOnly?: boolean;
  /** only these placements (by id prefix) */
  only?: string[];
}

const P = (k: Omit<Kind, 'klass' | 'tags'> & { tags?: Tag[] }): Kind => ({ klass: 'provider', tags: ['token'], ...k });
const G = (k: Omit<Kind, 'klass'>): Kind => ({ klass: 'generic', ...k });
const N = (k: Omit<Kind, 'klass' | 'tags'> & { tags?: Tag[] }): Kind => ({ klass: 'negative', tags: [], ...k });

const ua = (r: Rng, n: number) => r.chars(B64URL, n);
/** Discord's first segment is the base64 of the bot's numeric id. */
const discordId = (r: Rng) => Buffer.from(r.digits(r.int(17, 19))).toString('base64').replace(/=+$/, '');

export const providers: Kind[] = [
  P({ id: 'aws-access-key-id', label: 'AWS access key id', names: ['AWS_ACCESS_KEY_ID'], gen: (r) => 'AKIA' + r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16), sdkPy: (q) => `s3 = boto3.client("s3", aws_access_key_id=${q}, region_name="eu-west-1")` }),
  P({ id: 'aws-secret-access-key', label: 'AWS secret access key', names: ['AWS_SECRET_ACCESS_KEY'], contextOnly: true, gen: (r) => r.chars(B64, 40), sdkPy: (q) => `session = boto3.Session(aws_secret_access_key=${q})` }),
  P({ id: 'github-pat', label: 'GitHub personal access token', names: ['GITHUB_TOKEN', 'GH_TOKEN'], scheme: 'token', gen: (r) => 'ghp_' + r.alnum(36), sdkJs: (q) => `const octokit = new Octokit({ auth: ${q} });` }),
  P({ id: 'github-fine-grained', label: 'GitHub fine-grained token', names: ['GITHUB_PAT'], scheme: 'Bearer', gen: (r) => `github_pat_${r.alnum(22)}_${r.alnum(59)}`, sdkPy: (q) => `gh = Github(${q})` }),
  P({ id: 'github-oauth', label: 'GitHub OAuth / app token', names: ['GITHUB_APP_TOKEN'], scheme: 'Bearer', gen: (r) => r.pick(['gho_', 'ghu_', 'ghs_', 'ghr_']) + r.alnum(36) }),
  P({ id: 'gitlab-pat', label: 'GitLab personal access token', names: ['GITLAB_TOKEN'], header: 'PRIVATE-TOKEN', gen: (r) => 'glpat-' + ua(r, 20), sdkPy: (q) => `gl = gitlab.Gitlab("https://gitlab.com", private_token=${q})` }),
  P({ id: 'gitlab-runner', label: 'GitLab runner token', names: ['CI_RUNNER_TOKEN'], gen: (r) => 'glrt-' + ua(r, 20) }),
  P({ id: 'slack-bot', label: 'Slack bot token', names: ['SLACK_BOT_TOKEN'], scheme: 'Bearer', gen: (r) => `xoxb-${r.digits(r.int(10, 13))}-${r.digits(r.int(10, 13))}-${r.alnum(24)}`, sdkJs: (q) => `const slack = new WebClient(${q});`, sdkPy: (q) => `client = WebClient(token=${q})` }),
  P({ id: 'slack-user', label: 'Slack user token', names: ['SLACK_USER_TOKEN'], scheme: 'Bearer', gen: (r) => `xoxp-${r.digits(11)}-${r.digits(11)}-${r.digits(13)}-${r.hex(32)}` }),
  P({ id: 'slack-app', label: 'Slack app-level token', names: ['SLACK_APP_TOKEN'], gen: (r) => `xapp-1-A${r.chars(UPPER_DIGITS, 10)}-${r.digits(13)}-${r.hex(64)}`, sdkJs: (q) => `const app = new App({ token: process.env.SLACK_BOT_TOKEN, appToken: ${q}, socketMode: true });` }),
  P({ id: 'slack-webhook', label: 'Slack incoming webhook', names: ['SLACK_WEBHOOK_URL'], tags: ['uri'], gen: (r) => `https://hooks.slack.com/services/T${r.chars(UPPER_DIGITS, 8)}/B${r.chars(UPPER_DIGITS, 10)}/${r.alnum(24)}` }),
  P({ id: 'stripe-secret', label: 'Stripe secret key', names: ['STRIPE_SECRET_KEY', 'STRIPE_API_KEY'], scheme: 'Bearer', gen: (r) => 'sk_live_' + r.alnum(r.pick([24, 99])), sdkJs: (q) => `const stripe = new Stripe(${q}, { apiVersion: '2024-06-20' });`, sdkPy: (q) => `stripe.api_key = ${q}` }),
  P({ id: 'stripe-restricted', label: 'Stripe restricted key', names: ['STRIPE_RESTRICTED_KEY'], scheme: 'Bearer', gen: (r) => 'rk_live_' + r.alnum(r.pick([24, 99])), sdkJs: (q) => `const stripe = require('stripe')(${q});` }),
  P({ id: 'stripe-webhook', label: 'Stripe webhook signing secret', names: ['STRIPE_WEBHOOK_SECRET'], tags: [], gen: (r) => 'whsec_' + r.alnum(32), sdkJs: (q) => `const event = stripe.webhooks.constructEvent(req.body, sig, ${q});`, sdkPy: (q) => `event = stripe.Webhook.construct_event(payload, sig_header, ${q})` }),
  P({ id: 'openai-project', label: 'OpenAI project key', names: ['OPENAI_API_KEY'], scheme: 'Bearer', gen: (r) => `sk-proj-${ua(r, 74)}T3BlbkFJ${ua(r, 74)}`, sdkJs: (q) => `const openai = new OpenAI({ apiKey: ${q} });`, sdkPy: (q) => `client = OpenAI(api_key=${q})` }),
  P({ id: 'openai-legacy', label: 'OpenAI user key (legacy)', names: ['OPENAI_KEY'], scheme: 'Bearer', gen: (r) => `sk-${r.alnum(20)}T3BlbkFJ${r.alnum(20)}`, sdkPy: (q) => `openai.api_key = ${q}` }),
  P({ id: 'anthropic', label: 'Anthropic API key', names: ['ANTHROPIC_API_KEY'], header: 'x-api-key', gen: (r) => `sk-ant-api03-${ua(r, 93)}AA`, sdkJs: (q) => `const anthropic = new Anthropic({ apiKey: ${q} });`, sdkPy: (q) => `client = anthropic.Anthropic(api_key=${q})` }),
  P({ id: 'google-api-key', label: 'Google API key', names: ['GOOGLE_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_MAPS_API_KEY'], param: 'key', header: 'x-goog-api-key', gen: (r) => 'AIza' + ua(r, 35), sdkJs: (q) => `const genAI = new GoogleGenerativeAI(${q});`, sdkPy: (q) => `genai.configure(api_key=${q})` }),
  P({ id: 'google-oauth-secret', label: 'Google OAuth client secret', names: ['GOOGLE_CLIENT_SECRET'], tags: [], gen: (r) => 'GOCSPX-' + ua(r, 28) }),
  P({ id: 'sendgrid', label: 'SendGrid API key', names: ['SENDGRID_API_KEY'], scheme: 'Bearer', gen: (r) => `SG.${ua(r, 22)}.${ua(r, 43)}`, sdkJs: (q) => `sgMail.setApiKey(${q});`, sdkPy: (q) => `sg = SendGridAPIClient(${q})` }),
  P({ id: 'twilio-api-key', label: 'Twilio API key SID', names: ['TWILIO_API_KEY'], gen: (r) => 'SK' + r.hex(32) }),
  P({ id: 'twilio-auth-token', label: 'Twilio auth token', names: ['TWILIO_AUTH_TOKEN'], contextOnly: true, tags: ['password'], gen: (r) => r.hex(32), sdkJs: (q) => `const twilioClient = twilio(process.env.TWILIO_ACCOUNT_SID, ${q});`, sdkPy: (q) => `client = Client(account_sid, ${q})` }),
  P({ id: 'mailgun', label: 'Mailgun API key', names: ['MAILGUN_API_KEY'], tags: ['password'], gen: (r) => r.chance(0.5) ? 'key-' + r.hex(32) : `${r.hex(32)}-${r.hex(8)}-${r.hex(8)}`, sdkJs: (q) => `const mg = mailgun.client({ username: 'api', key: ${q} });` }),
  P({ id: 'mailchimp', label: 'Mailchimp API key', names: ['MAILCHIMP_API_KEY'], gen: (r) => `${r.hex(32)}-us${r.int(1, 21)}`, sdkPy: (q) => `client.set_config({"api_key": ${q}, "server": "us6"})` }),
  P({ id: 'npm', label: 'npm access token', names: ['NPM_TOKEN'], scheme: 'Bearer', gen: (r) => 'npm_' + r.alnum(36) }),
  P({ id: 'pypi', label: 'PyPI API token', names: ['PYPI_TOKEN', 'TWINE_PASSWORD'], tags: ['token', 'password'], gen: (r) => 'pypi-AgEIcHlwaS5vcmc' + ua(r, r.int(60, 140)) }),
  P({ id: 'shopify', label: 'Shopify access token', names: ['SHOPIFY_ACCESS_TOKEN'], header: 'X-Shopify-Access-Token', gen: (r) => r.pick(['shpat_', 'shpca_', 'shppa_', 'shpss_']) + r.hex(32) }),
  P({ id: 'square', label: 'Square access token', names: ['SQUARE_ACCESS_TOKEN'], scheme: 'Bearer', gen: (r) => (r.chance(0.6) ? 'EAAA' + ua(r, 60) : 'sq0atp-' + ua(r, 22)), sdkJs: (q) => `const square = new Client({ accessToken: ${q}, environment: Environment.Production });` }),
  P({ id: 'square-oauth-secret', label: 'Square OAuth secret', names: ['SQUARE_APPLICATION_SECRET'], tags: [], gen: (r) => 'sq0csp-' + ua(r, 43) }),
  P({ id: 'datadog-api', label: 'Datadog API key', names: ['DD_API_KEY', 'DATADOG_API_KEY'], header: 'DD-API-KEY', contextOnly: true, gen: (r) => r.hex(32) }),
  P({ id: 'datadog-app', label: 'Datadog application key', names: ['DD_APP_KEY', 'DATADOG_APP_KEY'], header: 'DD-APPLICATION-KEY', contextOnly: true, gen: (r) => r.hex(40) }),
  P({ id: 'newrelic-user', label: 'New Relic user key', names: ['NEW_RELIC_API_KEY'], header: 'Api-Key', gen: (r) => 'NRAK-' + r.chars(UPPER_DIGITS, 27) }),
  P({ id: 'newrelic-license', label: 'New Relic license key', names: ['NEW_RELIC_LICENSE_KEY'], gen: (r) => r.hex(36) + 'NRAL' }),
  P({ id: 'heroku', label: 'Heroku API key', names: ['HEROKU_API_KEY'], scheme: 'Bearer', gen: (r) => 'HRKU-AA' + ua(r, 58) }),
  P({ id: 'heroku-legacy', label: 'Heroku API key (legacy UUID)', names: ['HEROKU_API_KEY'], contextOnly: true, scheme: 'Bearer', gen: (r) => r.uuid() }),
  P({ id: 'digitalocean', label: 'DigitalOcean token', names: ['DIGITALOCEAN_TOKEN', 'DO_API_TOKEN'], scheme: 'Bearer', gen: (r) => r.pick(['dop_v1_', 'doo_v1_', 'dor_v1_']) + r.hex(64) }),
  P({ id: 'discord-bot', label: 'Discord bot token', names: ['DISCORD_TOKEN', 'DISCORD_BOT_TOKEN'], scheme: 'Bot', gen: (r) => `${discordId(r)}.${ua(r, 6)}.${ua(r, r.pick([27, 38]))}`, sdkJs: (q) => `client.login(${q});`, sdkPy: (q) => `bot.run(${q})` }),
  P({ id: 'discord-webhook', label: 'Discord webhook', names: ['DISCORD_WEBHOOK_URL'], tags: ['uri'], gen: (r) => `https://discord.com/api/webhooks/${r.digits(19)}/${ua(r, 68)}` }),
  P({ id: 'telegram', label: 'Telegram bot token', names: ['TELEGRAM_BOT_TOKEN'], gen: (r) => `${r.digits(r.int(8, 10))}:AA${ua(r, 33)}`, sdkJs: (q) => `const bot = new Telegraf(${q});`, sdkPy: (q) => `app = ApplicationBuilder().token(${q}).build()` }),
  P({ id: 'figma', label: 'Figma personal access token', names: ['FIGMA_TOKEN', 'FIGMA_ACCESS_TOKEN'], header: 'X-Figma-Token', gen: (r) => 'figd_' + ua(r, 40) }),
  P({ id: 'hubspot', label: 'HubSpot private app token', names: ['HUBSPOT_ACCESS_TOKEN'], scheme: 'Bearer', gen: (r) => `pat-${r.pick(['na1', 'na2', 'eu1'])}-${r.uuid()}`, sdkJs: (q) => `const hubspot = new hubspot.Client({ accessToken: ${q} });` }),
  P({ id: 'linear', label: 'Linear API key', names: ['LINEAR_API_KEY'], header: 'Authorization', gen: (r) => 'lin_api_' + r.alnum(40), sdkJs: (q) => `const linear = new LinearClient({ apiKey: ${q} });` }),
  P({ id: 'notion', label: 'Notion integration token', names: ['NOTION_TOKEN', 'NOTION_API_KEY'], scheme: 'Bearer', gen: (r) => (r.chance(0.5) ? 'secret_' + r.alnum(43) : `ntn_${r.digits(11)}${r.alnum(35)}`), sdkJs: (q) => `const notion = new Client({ auth: ${q} });` }),
  P({ id: 'airtable', label: 'Airtable personal access token', names: ['AIRTABLE_TOKEN'], scheme: 'Bearer', gen: (r) => `pat${r.alnum(14)}.${r.hex(64)}`, sdkJs: (q) => `const base = new Airtable({ apiKey: ${q} }).base('app' + baseId);` }),
  P({ id: 'atlassian', label: 'Atlassian API token', names: ['JIRA_API_TOKEN', 'CONFLUENCE_API_TOKEN'], tags: ['token', 'password'], gen: (r) => `ATATT3${ua(r, 178)}=${r.hex(8).toUpperCase()}` }),
  P({ id: 'postman', label: 'Postman API key', names: ['POSTMAN_API_KEY'], header: 'X-Api-Key', gen: (r) => `PMAK-${r.hex(24)}-${r.hex(34)}` }),
  P({ id: 'doppler', label: 'Doppler token', names: ['DOPPLER_TOKEN'], scheme: 'Bearer', gen: (r) => r.pick(['dp.st.prd.', 'dp.pt.', 'dp.st.']) + r.alnum(43) }),
  P({ id: 'pulumi', label: 'Pulumi access token', names: ['PULUMI_ACCESS_TOKEN'], gen: (r) => 'pul-' + r.hex(40) }),
  P({ id: 'supabase-service', label: 'Supabase service-role key', names: ['SUPABASE_SERVICE_ROLE_KEY'], scheme: 'Bearer', gen: (r) => jwtOf(r, { iss: 'supabase', ref: r.chars('abcdefghijklmnopqrst', 20), role: 'service_role', iat: 1700000000 + r.int(0, 9e6), exp: 2000000000 + r.int(0, 9e6) }), sdkJs: (q) => `const supabaseAdmin = createClient(process.env.SUPABASE_URL!, ${q});` }),
  P({ id: 'supabase-secret', label: 'Supabase secret key', names: ['SUPABASE_SECRET_KEY'], gen: (r) => `sb_secret_${r.alnum(22)}_${r.alnum(8)}` }),
  P({ id: 'fcm-legacy', label: 'Firebase Cloud Messaging server key', names: ['FCM_SERVER_KEY', 'FIREBASE_SERVER_KEY'], scheme: 'key=', gen: (r) => `AAAA${ua(r, 7)}:APA91b${ua(r, 134)}` }),
  P({ id: 'azure-storage-connection', label: 'Azure storage connection string', names: ['AZURE_STORAGE_CONNECTION_STRING', 'AzureWebJobsStorage'], tags: [], gen: (r) => `DefaultEndpointsProtocol=https;AccountName=st${r.chars(LOWER_DIGITS, 10)};AccountKey=${r.base64(64)};EndpointSuffix=core.windows.net`, sdkJs: (q) => `const blobService = BlobServiceClient.fromConnectionString(${q});` }),
  P({ id: 'azure-storage-key', label: 'Azure storage account key', names: ['AZURE_STORAGE_KEY', 'AZURE_STORAGE_ACCOUNT_KEY'], contextOnly: true, tags: [], gen: (r) => r.base64(64), sdkJs: (q) => `const credential = new StorageSharedKeyCredential(accountName, ${q});` }),
  P({ id: 'azure-ad-secret', label: 'Azure AD client secret', names: ['AZURE_CLIENT_SECRET'], tags: ['password'], gen: (r) => `${r.chars(ALNUM, 3)}${r.int(0, 9)}Q~${r.chars(ALNUM + '_~.-', 34)}`, sdkJs: (q) => `const credential = new ClientSecretCredential(tenantId, clientId, ${q});` }),
  P({ id: 'azure-openai', label: 'Azure OpenAI key', names: ['AZURE_OPENAI_API_KEY'], header: 'api-key', contextOnly: true, gen: (r) => r.hex(32) }),
  P({ id: 'sentry-token', label: 'Sentry auth token', names: ['SENTRY_AUTH_TOKEN'], scheme: 'Bearer', gen: (r) => 'sntryu_' + r.hex(64) }),
  P({ id: 'grafana', label: 'Grafana service account token', names: ['GRAFANA_TOKEN'], scheme: 'Bearer', gen: (r) => `glsa_${r.alnum(32)}_${r.hex(8)}` }),
  P({ id: 'huggingface', label: 'Hugging Face token', names: ['HF_TOKEN', 'HUGGINGFACE_TOKEN'], scheme: 'Bearer', gen: (r) => 'hf_' + r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34), sdkPy: (q) => `login(token=${q})` }),
  P({ id: 'replicate', label: 'Replicate API token', names: ['REPLICATE_API_TOKEN'], scheme: 'Bearer', gen: (r) => 'r8_' + r.alnum(37) }),
  P({ id: 'groq', label: 'Groq API key', names: ['GROQ_API_KEY'], scheme: 'Bearer', gen: (r) => 'gsk_' + r.alnum(52), sdkPy: (q) => `client = Groq(api_key=${q})` }),
  P({ id: 'perplexity', label: 'Perplexity API key', names: ['PERPLEXITY_API_KEY'], scheme: 'Bearer', gen: (r) => 'pplx-' + r.alnum(48) }),
  P({ id: 'xai', label: 'xAI API key', names: ['XAI_API_KEY'], scheme: 'Bearer', gen: (r) => 'xai-' + r.alnum(80) }),
  P({ id: 'elevenlabs', label: 'ElevenLabs API key', names: ['ELEVENLABS_API_KEY'], header: 'xi-api-key', gen: (r) => 'sk_' + r.hex(48) }),
  P({ id: 'langsmith', label: 'LangSmith API key', names: ['LANGCHAIN_API_KEY', 'LANGSMITH_API_KEY'], gen: (r) => `lsv2_${r.pick(['pt', 'sk'])}_${r.hex(32)}_${r.hex(10)}` }),
  P({ id: 'cohere', label: 'Cohere API key', names: ['COHERE_API_KEY'], contextOnly: true, scheme: 'Bearer', gen: (r) => r.alnum(40) }),
  P({ id: 'mistral', label: 'Mistral API key', names: ['MISTRAL_API_KEY'], contextOnly: true, scheme: 'Bearer', gen: (r) => r.alnum(32) }),
  P({ id: 'mapbox-secret', label: 'Mapbox secret token', names: ['MAPBOX_SECRET_TOKEN'], param: 'access_token', gen: (r) => `sk.${Buffer.from(JSON.stringify({ u: 'acme' + r.int(1, 99), a: r.alnum(25) })).toString('base64url')}.${ua(r, 22)}` }),
  P({ id: 'okta', label: 'Okta API token', names: ['OKTA_API_TOKEN'], scheme: 'SSWS', gen: (r) => '00' + ua(r, 40) }),
  P({ id: 'salesforce', label: 'Salesforce session token', names: ['SF_ACCESS_TOKEN', 'SALESFORCE_ACCESS_TOKEN'], scheme: 'Bearer', gen: (r) => `00D${r.alnum(12)}!${r.chars(ALNUM + '._', 96)}` }),
  P({ id: 'dropbox', label: 'Dropbox access token', names: ['DROPBOX_ACCESS_TOKEN'], scheme: 'Bearer', gen: (r) => 'sl.' + ua(r, 135), sdkJs: (q) => `const dbx = new Dropbox({ accessToken: ${q} });` }),
  P({ id: 'age', label: 'age secret key', names: ['SOPS_AGE_KEY'], tags: [], gen: (r) => 'AGE-SECRET-KEY-1' + r.chars('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58) }),
  P({ id: 'planetscale', label: 'PlanetScale password / token', names: ['PLANETSCALE_PASSWORD', 'PLANETSCALE_TOKEN'], tags: ['token', 'password'], gen: (r) => r.pick(['pscale_pw_', 'pscale_tkn_']) + ua(r, 43) }),
  P({ id: 'contentful', label: 'Contentful management token', names: ['CONTENTFUL_MANAGEMENT_TOKEN'], scheme: 'Bearer', gen: (r) => 'CFPAT-' + ua(r, 43) }),
  P({ id: 'databricks', label: 'Databricks token', names: ['DATABRICKS_TOKEN'], scheme: 'Bearer', gen: (r) => 'dapi' + r.hex(32) }),
  P({ id: 'resend', label: 'Resend API key', names: ['RESEND_API_KEY'], scheme: 'Bearer', gen: (r) => `re_${r.alnum(8)}_${r.alnum(24)}`, sdkJs: (q) => `const resend = new Resend(${q});` }),
  P({ id: 'algolia-admin', label: 'Algolia admin key', names: ['ALGOLIA_ADMIN_KEY', 'ALGOLIA_API_KEY'], header: 'X-Algolia-API-Key', contextOnly: true, gen: (r) => r.hex(32), sdkJs: (q) => `const algolia = algoliasearch('${'Z'}${'3'}ABCDE7F1', ${q});` }),
  P({ id: 'cloudflare-token', label: 'Cloudflare API token', names: ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'], scheme: 'Bearer', contextOnly: true, gen: (r) => ua(r, 40) }),
  P({ id: 'cloudflare-global', label: 'Cloudflare global API key', names: ['CLOUDFLARE_API_KEY', 'CF_API_KEY'], header: 'X-Auth-Key', contextOnly: true, gen: (r) => r.hex(37) }),
  P({ id: 'flyio', label: 'Fly.io token', names: ['FLY_API_TOKEN'], scheme: 'Bearer', gen: (r) => 'fo1_' + ua(r, 43) }),
  P({ id: 'buildkite', label: 'Buildkite API token', names: ['BUILDKITE_API_TOKEN'], scheme: 'Bearer', gen: (r) => 'bkua_' + r.hex(40) }),
  P({ id: 'shippo', label: 'Shippo API token', names: ['SHIPPO_API_TOKEN'], scheme: 'ShippoToken', gen: (r) => 'shippo_live_' + r.hex(40) }),
  P({ id: 'braintree', label: 'Braintree access token', names: ['BRAINTREE_ACCESS_TOKEN'], gen: (r) => `access_token$production$${r.chars(LOWER_DIGITS, 16)}$${r.hex(32)}`, sdkJs: (q) => `const gateway = new braintree.BraintreeGateway({ accessToken: ${q} });` }),
  P({ id: 'jfrog', label: 'JFrog API key', names: ['ARTIFACTORY_API_KEY'], header: 'X-JFrog-Art-Api', gen: (r) => 'AKCp' + r.alnum(69) }),
  P({ id: 'typeform', label: 'Typeform token', names: ['TYPEFORM_TOKEN'], scheme: 'Bearer', gen: (r) => 'tfp_' + ua(r, 44) + '_' + ua(r, 14) }),
  P({ id: 'asana', label: 'Asana personal access token', names: ['ASANA_TOKEN'], scheme: 'Bearer', gen: (r) => `2/${r.digits(16)}/${r.digits(16)}:${r.hex(32)}` }),
  P({ id: 'bitbucket', label: 'Bitbucket app password', names: ['BITBUCKET_APP_PASSWORD'], tags: ['password'], gen: (r) => 'ATBB' + r.alnum(32) }),
  P({ id: 'vault', label: 'HashiCorp Vault token', names: ['VAULT_TOKEN'], header: 'X-Vault-Token', gen: (r) => 'hvs.' + ua(r, r.int(90, 100)) }),
  P({ id: 'terraform-cloud', label: 'Terraform Cloud token', names: ['TFC_TOKEN', 'TF_API_TOKEN'], scheme: 'Bearer', gen: (r) => `${r.alnum(14)}.atlasv1.${r.alnum(67)}` }),
  P({ id: 'docker-hub', label: 'Docker Hub access token', names: ['DOCKERHUB_TOKEN'], tags: ['token', 'password'], gen: (r) => 'dckr_pat_' + ua(r, 27) }),
  P({ id: 'twitter-bearer', label: 'X/Twitter bearer token', names: ['TWITTER_BEARER_TOKEN'], scheme: 'Bearer', gen: (r) => 'AAAAAAAAAAAAAAAAAAAAA' + r.alnum(r.int(20, 30)) + '%3D' + r.alnum(50) }),
  P({ id: 'facebook', label: 'Facebook access token', names: ['FB_ACCESS_TOKEN', 'FACEBOOK_ACCESS_TOKEN'], param: 'access_token', gen: (r) => 'EAA' + r.pick(['B', 'G', 'J', 'I']) + r.alnum(r.int(150, 190)) }),
  P({ id: 'rubygems', label: 'RubyGems API key', names: ['GEM_HOST_API_KEY'], gen: (r) => 'rubygems_' + r.hex(48) }),
  P({ id: 'plaid', label: 'Plaid access token', names: ['PLAID_ACCESS_TOKEN'], gen: (r) => `access-${r.pick(['production', 'development'])}-${r.uuid()}` }),
  P({ id: 'launchdarkly', label: 'LaunchDarkly SDK key', names: ['LAUNCHDARKLY_SDK_KEY'], gen: (r) => `sdk-${r.uuid()}`, sdkJs: (q) => `const ldClient = LaunchDarkly.init(${q});` }),
  P({ id: 'cloudinary', label: 'Cloudinary URL', names: ['CLOUDINARY_URL'], tags: ['uri'], gen: (r) => `cloudinary://${r.digits(15)}:${ua(r, 27)}@acme-${r.chars(LOWER_DIGITS, 6)}` }),
  P({ id: 'circleci', label: 'CircleCI personal token', names: ['CIRCLE_TOKEN'], header: 'Circle-Token', gen: (r) => `CCIPAT_${r.alnum(22)}_${r.hex(40)}` }),
  P({ id: 'sonarqube', label: 'SonarQube token', names: ['SONAR_TOKEN'], gen: (r) => r.pick(['squ_', 'sqp_', 'sqa_']) + r.hex(40) }),
  P({ id: 'tailscale', label: 'Tailscale key', names: ['TS_AUTHKEY', 'TAILSCALE_API_KEY'], gen: (r) => `tskey-${r.pick(['auth', 'api'])}-${r.alnum(12)}CNTRL-${r.alnum(33)}` }),
  P({ id: 'infracost', label: 'Infracost API key', names: ['INFRACOST_API_KEY'], gen: (r) => 'ico-' + r.alnum(32) }),
  P({ id: 'paystack', label: 'Paystack secret key', names: ['PAYSTACK_SECRET_KEY'], scheme: 'Bearer', gen: (r) => 'sk_live_' + r.hex(40) }),
  P({ id: 'snyk', label: 'Snyk token', names: ['SNYK_TOKEN'], contextOnly: true, scheme: 'token', gen: (r) => r.uuid() }),
  P({ id: 'vercel', label: 'Vercel token', names: ['VERCEL_TOKEN'], contextOnly: true, scheme: 'Bearer', gen: (r) => r.alnum(24) }),
  P({ id: 'ngrok', label: 'ngrok authtoken', names: ['NGROK_AUTHTOKEN'], contextOnly: true, tags: [], gen: (r) => `2${r.alnum(26)}_${r.alnum(21)}` }),
];

const SYMBOLS = '!@#%^&*-_+=?.';
/** Secrets of Python projects: in Python code and in the config and deployment files around it. */
const PYTHON_WORLD = ['py-', 'env-', 'yaml-', 'compose-', 'k8s-', 'sh-', 'md-fence-shell', 'tf-'];
const WORDS = ['Summer', 'Winter', 'Rocket', 'Dragon', 'Monkey', 'Sunshine', 'Welcome', 'Football', 'Princess', 'Falcon', 'Tiger', 'Galaxy', 'Phoenix', 'Shadow', 'Coffee', 'Banana', 'Autumn', 'Spring', 'Panther', 'Marina'];
const human = (r: Rng) => r.pick(WORDS) + r.pick(['', r.pick(WORDS).toLowerCase()]) + r.int(1985, 2025) + r.pick(['!', '#', '$', '@', '*', '!!', '?']);
const randomPassword = (r: Rng, n: number) => {
  // At least one of each class, as password managers and policy checkers make them.
  const s = r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 1) + r.chars('abcdefghijkmnopqrstuvwxyz', 1) + r.chars(DIGITS, 1) + r.chars(SYMBOLS, 1) + r.chars(ALNUM + SYMBOLS, n - 4);
  return r.shuffle(s.split('')).join('');
};
const uriPassword = (r: Rng) => r.pick([() => r.alnum(r.int(16, 28)), () => human(r).replace(/[#$@?]/g, '!'), () => r.chars(ALNUM + '-_.~', 20)])();
const pemBody = (r: Rng, bytes: number) => (r.base64(bytes).match(/.{1,64}/g) ?? []).join('\n');

export const generics: Kind[] = [
  G({ id: 'human-password', label: 'human-chosen password', names: ['DB_PASSWORD', 'ADMIN_PASSWORD', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'REDIS_PASSWORD', 'PASSWORD'], tags: ['password'], gen: human }),
  G({ id: 'random-password', label: 'random password', names: ['DB_PASS', 'DATABASE_PASSWORD', 'RABBITMQ_PASSWORD', 'ELASTIC_PASSWORD', 'ADMIN_PASS', 'KEYSTORE_PASSWORD'], tags: ['password'], gen: (r) => randomPassword(r, r.int(16, 28)) }),
  G({ id: 'db-uri', label: 'database URI with password', names: ['DATABASE_URL', 'MONGODB_URI', 'POSTGRES_URL', 'SQLALCHEMY_DATABASE_URI'], tags: ['uri'], gen: (r) => r.pick([
    () => `postgres://app_user:${uriPassword(r)}@db.internal:5432/app`,
    () => `postgresql://admin:${uriPassword(r)}@prod-db.${r.chars(LOWER_DIGITS, 8)}.eu-west-1.rds.amazonaws.com:5432/orders`,
    () => `mysql://root:${uriPassword(r)}@127.0.0.1:3306/shop`,
    () => `mongodb+srv://admin:${uriPassword(r)}@cluster0.${r.chars(LOWER_DIGITS, 5)}.mongodb.net/app?retryWrites=true&w=majority`,
    () => `amqp://guest:${uriPassword(r)}@rabbitmq:5672/`,
  ])() }),
  G({ id: 'redis-uri', label: 'Redis URI with password', names: ['REDIS_URL', 'CACHE_URL', 'CELERY_BROKER_URL'], tags: ['uri'], gen: (r) => r.pick([`redis://:${uriPassword(r)}@redis:6379/0`, `rediss://default:${uriPassword(r)}@${r.chars(LOWER_DIGITS, 8)}.upstash.io:6379`, `redis://default:${uriPassword(r)}@cache.internal:6380`]) }),
  G({ id: 'jwt-secret', label: 'JWT signing secret', names: ['JWT_SECRET', 'JWT_SIGNING_KEY', 'ACCESS_TOKEN_SECRET', 'AUTH_SECRET', 'NEXTAUTH_SECRET'], tags: [], gen: (r) => r.pick([() => r.alnum(r.int(32, 64)), () => r.hex(64), () => r.base64(32), () => randomPassword(r, 40)])() }),
  G({ id: 'session-secret', label: 'session / cookie secret', names: ['SESSION_SECRET', 'COOKIE_SECRET', 'SESSION_KEY', 'COOKIE_SIGNING_SECRET'], tags: [], gen: (r) => r.pick([() => r.alnum(r.int(24, 48)), () => r.hex(32), () => r.base64url(24)])() }),
  G({ id: 'hex-key', label: 'hex encryption key', names: ['ENCRYPTION_KEY', 'AES_KEY', 'DATA_KEY', 'CIPHER_KEY'], tags: [], gen: (r) => r.hex(64) }),
  G({ id: 'base64-key', label: 'base64 key', names: ['MASTER_KEY', 'SIGNING_KEY', 'HMAC_KEY', 'ENCRYPTION_KEY'], tags: [], gen: (r) => r.base64(32) }),
  G({ id: 'uuid-api-key', label: 'UUID-shaped API key', names: ['API_KEY', 'PARTNER_API_KEY', 'X_API_KEY', 'SERVICE_API_KEY'], tags: ['token'], gen: (r) => r.uuid() }),
  G({ id: 'random-api-key', label: 'API key of an unnamed vendor', names: ['WEATHER_API_KEY', 'GEOCODER_API_KEY', 'SMS_API_KEY', 'PAYMENTS_API_KEY', 'API_KEY'], tags: ['token'], gen: (r) => r.pick([() => r.alnum(32), () => r.hex(40), () => r.chars(UPPER_DIGITS, 32)])() }),
  G({ id: 'bearer-token', label: 'access / bearer token', names: ['ACCESS_TOKEN', 'AUTH_TOKEN', 'SERVICE_TOKEN', 'API_TOKEN'], tags: ['token'], gen: (r) => r.pick([() => r.alnum(40), () => r.base64url(33)])() }),
  G({ id: 'private-key', label: 'private key (PEM)', names: ['PRIVATE_KEY', 'JWT_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY', 'SSH_PRIVATE_KEY'], tags: ['pem'], gen: (r) => {
    const type = r.pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
    const bytes = type === 'EC PRIVATE KEY' ? 121 : type === 'OPENSSH PRIVATE KEY' ? 390 : r.pick([600, 1190]);
    return `-----BEGIN ${type}-----\n${pemBody(r, bytes)}\n-----END ${type}-----`;
  } }),
  G({ id: 'webhook-secret', label: 'webhook signing secret', names: ['WEBHOOK_SECRET', 'GITHUB_WEBHOOK_SECRET', 'SIGNING_SECRET', 'SLACK_SIGNING_SECRET'], tags: [], gen: (r) => r.pick([() => r.alnum(32), () => r.hex(32), () => r.hex(40)])() }),
  G({ id: 'fernet-key', label: 'Fernet / urlsafe-base64 key', names: ['FERNET_KEY', 'FIELD_ENCRYPTION_KEY'], tags: [], only: PYTHON_WORLD, gen: (r) => r.base64url(32) + '=' }),
  G({ id: 'oauth-client-secret', label: 'OAuth client secret (no prefix)', names: ['CLIENT_SECRET', 'OAUTH_CLIENT_SECRET', 'AUTH0_CLIENT_SECRET', 'KEYCLOAK_CLIENT_SECRET'], tags: ['password'], gen: (r) => r.pick([() => ua(r, 64), () => r.alnum(40), () => r.alnum(32)])() }),
  G({ id: 'basic-auth-url', label: 'basic auth in a URL', names: ['REGISTRY_URL', 'ELASTICSEARCH_URL', 'WEBHOOK_URL', 'PROXY_URL', 'API_URL'], tags: ['uri'], gen: (r) => `https://${r.pick(['deploy', 'admin', 'ci', 'elastic'])}:${uriPassword(r)}@${r.pick(['es.internal.acme.io:9200', 'registry.acme.dev', 'proxy.corp.example.net:3128', 'hooks.partner.io/v1/events'])}` }),
  G({ id: 'smtp-password', label: 'SMTP password', names: ['SMTP_PASSWORD', 'EMAIL_HOST_PASSWORD', 'MAIL_PASSWORD', 'SMTP_PASS'], tags: ['password'], gen: (r) => r.pick([() => r.alnum(16), () => randomPassword(r, 18), () => r.chars('abcdefghijklmnopqrstuvwxyz', 16)])() }),
  G({ id: 'laravel-app-key', label: 'Laravel APP_KEY', names: ['APP_KEY'], tags: [], only: ['env-', 'yaml-', 'compose-', 'k8s-', 'sh-export', 'md-fence-shell'], gen: (r) => 'base64:' + r.base64(32) }),
  G({ id: 'eth-private-key', label: 'Ethereum private key', names: ['PRIVATE_KEY', 'DEPLOYER_PRIVATE_KEY', 'WALLET_PRIVATE_KEY'], tags: [], gen: (r) => '0x' + r.hex(64) }),
  G({ id: 'django-secret', label: 'Django SECRET_KEY', names: ['SECRET_KEY', 'DJANGO_SECRET_KEY'], tags: [], only: PYTHON_WORLD, gen: (r) => r.pick(['django-insecure-', '']) + r.chars('abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)', 50) }),
];

const email = (r: Rng) => `${r.pick(['ops', 'billing', 'no-reply', 'dev'])}@${r.pick(['acme.io', 'example.com', 'corp.example.net'])}`;

export const negatives: Kind[] = [
  N({ id: 'placeholder-angle', label: 'placeholder <…>', names: ['API_KEY', 'STRIPE_SECRET_KEY', 'OPENAI_API_KEY', 'DB_PASSWORD', 'JWT_SECRET'], gen: (r) => r.pick(['<your-api-key>', '<YOUR_SECRET_KEY>', '<insert token here>', '<password>', '<redacted>']) }),
  N({ id: 'placeholder-x', label: 'placeholder xxx / prefix+xxx', names: ['API_KEY', 'STRIPE_SECRET_KEY', 'GITHUB_TOKEN', 'SLACK_BOT_TOKEN'], gen: (r) => r.pick(['xxxxxxxxxxxxxxxxxxxxxxxx', 'sk_live_' + 'x'.repeat(24), 'ghp_' + 'X'.repeat(36), 'xoxb-' + 'x'.repeat(10) + '-' + 'x'.repeat(24), '****************', '...']) }),
  N({ id: 'placeholder-word', label: 'placeholder words (changeme, your-…-here)', names: ['SECRET_KEY', 'DB_PASSWORD', 'API_KEY', 'SESSION_SECRET', 'ADMIN_PASSWORD'], gen: (r) => r.pick(['changeme', 'change-me-in-production', 'CHANGE_ME', 'your-secret-key-here', 'YOUR_API_KEY', 'replace_with_your_token', 'TODO', 'insert-key-here', 'REPLACE_ME']) }),
  N({ id: 'docs-example', label: 'documented example values (AWS EXAMPLE keys)', names: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'], gen: (r) => r.pick(['AKIA' + 'IOSFODNN7' + 'EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCY' + 'EXAMPLEKEY']) }),
  N({ id: 'interpolation', label: 'interpolation ${VAR} / {{ }} / ${{ secrets }}', names: ['API_KEY', 'DATABASE_PASSWORD', 'STRIPE_SECRET_KEY', 'SENDGRID_API_KEY'], only: ['yaml-', 'env-', 'sh-', 'tf-', 'json-', 'md-'], gen: (r) => r.pick(['${API_KEY}', '${DB_PASSWORD:-}', '${{ secrets.STRIPE_SECRET_KEY }}', '{{ .Values.secrets.apiKey }}', '$(SENDGRID_API_KEY)', '%(ENV_PASSWORD)s', '{{ vault "secret/data/app" }}']) }),
  N({ id: 'env-reference', label: 'read from the environment', names: ['STRIPE_SECRET_KEY', 'OPENAI_API_KEY', 'JWT_SECRET', 'DB_PASSWORD'], tags: ['expr'], gen: () => '' }),
  N({ id: 'test-dummy', label: 'test dummies (test-key, fake-token)', names: ['API_KEY', 'AUTH_TOKEN', 'JWT_SECRET', 'CLIENT_SECRET'], gen: (r) => r.pick(['test-key', 'dummy-token', 'fake-secret', 'test_secret', 'not-a-real-key', 'sk_test_dummy', 'mock-api-key', 'secret', 'password']) }),
  N({ id: 'stripe-publishable', label: 'Stripe publishable key', names: ['STRIPE_PUBLISHABLE_KEY', 'NEXT_PUBLIC_STRIPE_KEY'], gen: (r) => 'pk_live_' + r.alnum(r.pick([24, 99])) }),
  N({ id: 'mapbox-public', label: 'Mapbox public token', names: ['MAPBOX_ACCESS_TOKEN', 'NEXT_PUBLIC_MAPBOX_TOKEN'], gen: (r) => `pk.${Buffer.from(JSON.stringify({ u: 'acme' + r.int(1, 99), a: r.alnum(25) })).toString('base64url')}.${ua(r, 22)}` }),
  N({ id: 'supabase-anon', label: 'Supabase anon key', names: ['SUPABASE_ANON_KEY', 'NEXT_PUBLIC_SUPABASE_ANON_KEY'], gen: (r) => jwtOf(r, { iss: 'supabase', ref: r.chars('abcdefghijklmnopqrst', 20), role: 'anon', iat: 1700000000 + r.int(0, 9e6), exp: 2000000000 + r.int(0, 9e6) }) }),
  N({ id: 'supabase-publishable', label: 'Supabase publishable key', names: ['SUPABASE_PUBLISHABLE_KEY'], gen: (r) => 'sb_publishable_' + r.alnum(22) + '_' + r.alnum(8) }),
  N({ id: 'sha256', label: 'checksum (sha256)', names: ['SHA256', 'CHECKSUM', 'EXPECTED_DIGEST', 'ARTIFACT_SHA256'], gen: (r) => r.hex(64) }),
  N({ id: 'commit-sha', label: 'commit SHA', names: ['GIT_COMMIT', 'COMMIT_SHA', 'BUILD_REVISION', 'BASE_REF'], gen: (r) => r.hex(40) }),
  N({ id: 'etag-md5', label: 'md5 / etag', names: ['ETAG', 'CONTENT_MD5', 'CACHE_BUSTER'], gen: (r) => r.hex(32) }),
  N({ id: 'uuid-id', label: 'UUID that is an id', names: ['TENANT_ID', 'USER_ID', 'REQUEST_ID', 'PROJECT_ID', 'WORKSPACE_ID', 'AZURE_TENANT_ID'], gen: (r) => r.uuid() }),
  N({ id: 'public-key', label: 'public key (PEM)', names: ['PUBLIC_KEY', 'JWT_PUBLIC_KEY', 'VERIFY_KEY'], tags: ['pem'], gen: (r) => `-----BEGIN PUBLIC KEY-----\n${pemBody(r, 294)}\n-----END PUBLIC KEY-----` }),
  N({ id: 'ssh-public-key', label: 'ssh public key', names: ['SSH_PUBLIC_KEY', 'DEPLOY_PUBLIC_KEY'], gen: (r) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.chars(B64, 43)} deploy@ci` }),
  N({ id: 'i18n', label: 'i18n strings about passwords and keys', names: ['PASSWORD_LABEL', 'TOKEN_EXPIRED', 'API_KEY_HINT', 'PASSWORD'], gen: (r) => r.pick(['Password', 'Enter your password', 'Forgot your password?', 'Your session token has expired', 'API key copied to clipboard', 'Mot de passe oublié ?', 'Passwort zurücksetzen', 'Secret key is required']) }),
  N({ id: 'url-no-credentials', label: 'URL without credentials', names: ['API_URL', 'DATABASE_HOST', 'WEBHOOK_URL', 'AUTH_URL', 'TOKEN_URL'], gen: (r) => r.pick(['https://api.stripe.com/v1', 'https://oauth2.googleapis.com/token', 'postgres://db.internal:5432/app', 'https://hooks.example.com/ingest', 'redis://localhost:6379/0', `https://${r.chars(LOWER_DIGITS, 8)}.execute-api.eu-west-1.amazonaws.com/prod`]) }),
  N({ id: 'class-path', label: 'class / module paths', names: ['PASSWORD_HASHER', 'TOKEN_SERIALIZER', 'AUTH_BACKEND', 'SESSION_ENGINE'], gen: (r) => r.pick(['django.contrib.auth.hashers.Argon2PasswordHasher', 'django.contrib.auth.hashers.PBKDF2PasswordHasher', 'rest_framework_simplejwt.serializers.TokenObtainPairSerializer', 'django.contrib.sessions.backends.signed_cookies', 'com.acme.auth.ApiKeyAuthenticationProvider']) }),
  N({ id: 'base64-image', label: 'base64 image', names: ['PLACEHOLDER_IMAGE', 'LOGO_DATA_URI', 'AVATAR_FALLBACK'], gen: (r) => 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA' + r.base64(r.int(90, 180)) }),
  N({ id: 'integrity', label: 'lockfile / SRI integrity', names: ['INTEGRITY', 'SCRIPT_INTEGRITY'], gen: (r) => r.pick(['sha512-', 'sha384-']) + r.base64(r.pick([64, 48])) }),
  N({ id: 'css-color', label: 'CSS colors', names: ['PRIMARY_COLOR', 'ACCENT', 'TOKEN_BACKGROUND'], gen: (r) => '#' + r.hex(6) }),
  N({ id: 'google-client-id', label: 'Google OAuth client id', names: ['GOOGLE_CLIENT_ID'], gen: (r) => `${r.digits(12)}-${r.chars(LOWER_DIGITS, 32)}.apps.googleusercontent.com` }),
  N({ id: 'eth-address', label: 'Ethereum address', names: ['TOKEN_ADDRESS', 'CONTRACT_ADDRESS', 'TREASURY_WALLET', 'TOKEN'], gen: (r) => '0x' + r.hex(40) }),
  N({ id: 'gcp-private-key-id', label: 'GCP private_key_id', names: ['PRIVATE_KEY_ID'], gen: (r) => r.hex(40) }),
  N({ id: 'docker-digest', label: 'image digest', names: ['IMAGE_DIGEST', 'BASE_IMAGE'], gen: (r) => r.pick(['sha256:', 'node@sha256:']) + r.hex(64) }),
  N({ id: 'bcrypt-hash', label: 'password hash (bcrypt/argon2)', names: ['ADMIN_PASSWORD_HASH', 'HASHED_PASSWORD', 'PASSWORD_HASH'], gen: (r) => r.chance(0.6) ? `$2b$12$${r.chars('./' + ALNUM, 53)}` : `$argon2id$v=19$m=65536,t=3,p=4$${r.base64(16).replace(/=+$/, '')}$${r.base64(32).replace(/=+$/, '')}` }),
  N({ id: 'env-var-name', label: 'names of environment variables', names: ['TOKEN_ENV_VAR', 'API_KEY_NAME', 'SECRET_NAME'], gen: (r) => r.pick(['GITHUB_TOKEN', 'OPENAI_API_KEY', 'prod/stripe/secret-key', 'projects/acme/secrets/db-password/versions/latest', 'arn:aws:secretsmanager:eu-west-1:' + r.digits(12) + ':secret:prod/db-AbCdEf']) }),
  N({ id: 'resource-id', label: 'ids (price_, account, channel, measurement)', names: ['PRICE_ID', 'AWS_ACCOUNT_ID', 'SLACK_CHANNEL_ID', 'GA_MEASUREMENT_ID', 'STRIPE_PRICE_ID', 'TWILIO_ACCOUNT_SID'], gen: (r) => r.pick([() => 'price_1' + r.alnum(23), () => r.digits(12), () => 'C0' + r.chars(UPPER_DIGITS, 9), () => 'G-' + r.chars(UPPER_DIGITS, 10), () => 'AC' + r.hex(32)])() }),
  N({ id: 'recaptcha-site-key', label: 'reCAPTCHA site key (public)', names: ['RECAPTCHA_SITE_KEY', 'NEXT_PUBLIC_RECAPTCHA_SITE_KEY'], gen: (r) => '6L' + ua(r, 38) }),
  N({ id: 'email', label: 'email / username', names: ['SMTP_USER', 'ADMIN_EMAIL', 'DB_USER'], gen: email }),
  N({ id: 'file-hash-name', label: 'hashed asset names', names: ['MAIN_BUNDLE', 'CHUNK'], gen: (r) => `/static/js/main.${r.hex(8)}.js` }),
  N({ id: 'config-words', label: 'settings beside secrets (TTL, algorithm, header and cookie names)', names: ['TOKEN_TTL', 'JWT_ALGORITHM', 'SESSION_COOKIE_NAME', 'API_KEY_HEADER', 'PASSWORD_RESET_TIMEOUT', 'SECRET_ROTATION_DAYS'], gen: (r) => r.pick(['3600', 'HS256', 'RS256', 'sessionid', 'X-API-Key', 'Authorization', '86400', 'bearer', 'new-password', 'access_token']) }),
  N({ id: 'key-id', label: 'key ids (KMS, GPG, kid, SSH fingerprint)', names: ['KMS_KEY_ID', 'GPG_KEY_ID', 'SIGNING_KEY_ID', 'JWT_KID', 'SSH_KEY_FINGERPRINT'], gen: (r) => r.pick([() => r.uuid(), () => r.hex(16).toUpperCase(), () => 'SHA256:' + r.base64(32).replace(/=+$/, ''), () => `arn:aws:kms:eu-west-1:${r.digits(12)}:key/${r.uuid()}`])() }),
  N({ id: 'vapid-public', label: 'VAPID public key', names: ['VAPID_PUBLIC_KEY', 'NEXT_PUBLIC_VAPID_KEY'], gen: (r) => 'B' + r.base64url(64).slice(0, 86) }),
  N({ id: 'solana-address', label: 'Solana address (public)', names: ['TOKEN_MINT', 'WALLET_ADDRESS', 'PROGRAM_ID'], gen: (r) => r.chars('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 44) }),
  N({ id: 'sentry-dsn', label: 'Sentry DSN (public by design)', names: ['SENTRY_DSN', 'NEXT_PUBLIC_SENTRY_DSN'], gen: (r) => `https://${r.hex(32)}@o${r.digits(6)}.ingest.sentry.io/${r.digits(7)}` }),
  N({ id: 'algolia-search-key', label: 'Algolia search-only key (public)', names: ['ALGOLIA_SEARCH_KEY', 'NEXT_PUBLIC_ALGOLIA_SEARCH_API_KEY'], gen: (r) => r.hex(32) }),
  N({ id: 'firebase-web-config', label: 'Firebase web config ids', names: ['FIREBASE_APP_ID', 'FIREBASE_MESSAGING_SENDER_ID', 'FIREBASE_MEASUREMENT_ID'], gen: (r) => r.pick([() => `1:${r.digits(12)}:web:${r.hex(22)}`, () => r.digits(12), () => 'G-' + r.chars(UPPER_DIGITS, 10)])() }),
  N({ id: 'client-publishable', label: 'client-side keys (PostHog phc_, Razorpay key id)', names: ['NEXT_PUBLIC_POSTHOG_KEY', 'RAZORPAY_KEY_ID', 'POSTHOG_PROJECT_API_KEY'], gen: (r) => (r.chance(0.5) ? 'phc_' + r.alnum(43) : 'rzp_live_' + r.alnum(14)) }),
];

export const allKinds = [...providers, ...generics, ...negatives];
