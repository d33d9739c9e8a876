/**
 * Providers as their keys' names spell them (`POSTMARK_SERVER_TOKEN`, `codecovToken`, `x-algolia-api-key`): when a
 * context-shaped key (the generic heuristic's random value, a UUID under a credential name, a password) is bound to a
 * name holding one of these words, the finding names the provider, its variable and where to rotate the key
 * (analyze/attribution.ts), instead of "Generic". Many providers issue keys with no prefix (UUIDs, hex, base62), so the
 * name is all that says whose a key is; one entry per provider, not one rule per spelling of a name.
 *
 * `words`: each alias as the name's words in order (`new relic` matches `NEW_RELIC_KEY` and `newRelicKey`, `newrelic`
 * matches `NEWRELIC_KEY`); a name's words are its snake_case parts, so `postmark` never matches inside `postmarked`.
 * With `rule`, the provider, variable and rotation page are that rule's (a provider we have a format rule for).
 * Spellings of an SDK's package or an API's host (`algoliasearch`, `datadoghq`, `postmarkapp`) are aliases too: the
 * context of a key (the block it sits in, the call or API host its variable is passed to) names it by them.
 */
export interface ProviderName {
  words: string[];
  /** A rule of the provider, whose provider name, envName and rotationUrl the finding takes. */
  rule?: string;
  provider?: string;
  envName?: string;
  rotationUrl?: string;
  /**
   * What the provider calls its "key" is public, the secret is another field: Pusher's app key (pusher-js sends it
   * from browsers; `secret` signs), Amplitude's and Mixpanel's project keys, PostHog's project key. `PUSHER_KEY` or a
   * bare `key` in `new Pusher({ … })` is then no credential name (generic.ts, the TypeScript extractor).
   */
  keyIsPublic?: true;
  /**
   * The provider's public half, as the words of a name after the provider's own (`api_key` in `MAILJET_API_KEY`,
   * `project_token` in `MIXPANEL_PROJECT_TOKEN` or under a `[mixpanel]` table): an identifier sent with the secret (a
   * Basic auth's user name) or shipped to browsers, not a credential. The generic rules stay quiet on it
   * (analyze/attribution.ts); with `publicValue`, only on values of that shape.
   */
  publicHalf?: RegExp;
  publicValue?: RegExp;
}

export const providerNames: readonly ProviderName[] = [
  // Providers we have no format rule for: their keys have no prefix.
  { words: ['codecov'], provider: 'Codecov', envName: 'CODECOV_TOKEN', rotationUrl: 'https://docs.codecov.com/docs/codecov-tokens' },
  { words: ['postmark', 'postmarkapp'], provider: 'Postmark', envName: 'POSTMARK_SERVER_TOKEN', rotationUrl: 'https://postmarkapp.com/support/article/1008-what-are-the-account-and-server-api-tokens' },
  { words: ['deepseek', 'deep seek'], provider: 'DeepSeek', envName: 'DEEPSEEK_API_KEY', rotationUrl: 'https://platform.deepseek.com/api_keys' },
  { words: ['auth0'], provider: 'Auth0', envName: 'AUTH0_CLIENT_SECRET', rotationUrl: 'https://auth0.com/docs/get-started/applications/rotate-client-secret' },
  { words: ['paypal'], provider: 'PayPal', envName: 'PAYPAL_CLIENT_SECRET', rotationUrl: 'https://developer.paypal.com/dashboard/applications' },
  { words: ['fastly'], provider: 'Fastly', envName: 'FASTLY_API_TOKEN', rotationUrl: 'https://manage.fastly.com/account/personal/tokens' },
  { words: ['pusher'], rule: 'pusher-app-secret', keyIsPublic: true, publicHalf: /^(?:app_)?key$/ },
  { words: ['segment'], provider: 'Segment', envName: 'SEGMENT_WRITE_KEY', rotationUrl: 'https://segment.com/docs/connections/find-writekey/' },
  // Keys with no prefix of their own (hex, base62, UUIDs, `xxx.yyy:zzz`), named by their provider's word alone.
  { words: ['deepgram'], provider: 'Deepgram', envName: 'DEEPGRAM_API_KEY', rotationUrl: 'https://console.deepgram.com/' },
  { words: ['assemblyai', 'assembly ai'], provider: 'AssemblyAI', envName: 'ASSEMBLYAI_API_KEY', rotationUrl: 'https://www.assemblyai.com/app/api-keys' },
  { words: ['together', 'together ai', 'togetherai'], provider: 'Together AI', envName: 'TOGETHER_API_KEY', rotationUrl: 'https://api.together.ai/settings/api-keys' },
  { words: ['wandb', 'weights and biases'], provider: 'Weights & Biases', envName: 'WANDB_API_KEY', rotationUrl: 'https://wandb.ai/authorize' },
  { words: ['linode'], provider: 'Linode', envName: 'LINODE_TOKEN', rotationUrl: 'https://cloud.linode.com/profile/tokens' },
  { words: ['hetzner', 'hcloud'], provider: 'Hetzner Cloud', envName: 'HCLOUD_TOKEN', rotationUrl: 'https://console.hetzner.cloud/projects' },
  { words: ['railway'], provider: 'Railway', envName: 'RAILWAY_TOKEN', rotationUrl: 'https://railway.com/account/tokens' },
  { words: ['upstash'], provider: 'Upstash', envName: 'UPSTASH_REDIS_REST_TOKEN', rotationUrl: 'https://console.upstash.com/' },
  { words: ['typesense'], provider: 'Typesense', envName: 'TYPESENSE_API_KEY', rotationUrl: 'https://cloud.typesense.org/clusters' },
  { words: ['elastic', 'elasticsearch'], provider: 'Elastic', envName: 'ELASTIC_API_KEY', rotationUrl: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-api-invalidate-api-key.html' },
  { words: ['confluent'], provider: 'Confluent', envName: 'CONFLUENT_API_SECRET', rotationUrl: 'https://confluent.cloud/settings/api-keys', publicHalf: /^(?:cloud_)?(?:api_)?key(?:_id)?$/, publicValue: /^[A-Z0-9]{16}$/ },
  { words: ['fivetran'], provider: 'Fivetran', envName: 'FIVETRAN_API_SECRET', rotationUrl: 'https://fivetran.com/dashboard/user/api-config' },
  { words: ['honeycomb'], provider: 'Honeycomb', envName: 'HONEYCOMB_API_KEY', rotationUrl: 'https://docs.honeycomb.io/configure/environments/manage-api-keys/' },
  { words: ['opsgenie'], provider: 'Opsgenie', envName: 'OPSGENIE_API_KEY', rotationUrl: 'https://support.atlassian.com/opsgenie/docs/api-key-management/' },
  { words: ['splunk'], provider: 'Splunk', envName: 'SPLUNK_HEC_TOKEN', rotationUrl: 'https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector' },
  { words: ['betterstack', 'better stack', 'logtail'], provider: 'Better Stack', envName: 'BETTERSTACK_SOURCE_TOKEN', rotationUrl: 'https://betterstack.com/docs/logs/start/' },
  { words: ['vonage', 'nexmo'], provider: 'Vonage', envName: 'VONAGE_API_SECRET', rotationUrl: 'https://dashboard.nexmo.com/settings' },
  { words: ['ably'], provider: 'Ably', envName: 'ABLY_API_KEY', rotationUrl: 'https://ably.com/docs/auth#api-keys' },
  // Not `expo` alone: Expo apps prefix their public variables `EXPO_PUBLIC_` (`EXPO_PUBLIC_OPENAI_API_KEY` is OpenAI's).
  { words: ['expo token', 'expo access', 'expo robot'], provider: 'Expo', envName: 'EXPO_TOKEN', rotationUrl: 'https://expo.dev/settings/access-tokens' },
  { words: ['here api', 'here maps', 'here com'], provider: 'HERE', envName: 'HERE_API_KEY', rotationUrl: 'https://platform.here.com/admin/apps' },
  { words: ['backblaze', 'b2 application'], provider: 'Backblaze B2', envName: 'B2_APPLICATION_KEY', rotationUrl: 'https://secure.backblaze.com/app_keys.htm' },
  { words: ['spotify'], provider: 'Spotify', envName: 'SPOTIFY_CLIENT_SECRET', rotationUrl: 'https://developer.spotify.com/dashboard' },
  { words: ['twitch'], provider: 'Twitch', envName: 'TWITCH_CLIENT_SECRET', rotationUrl: 'https://dev.twitch.tv/console/apps' },
  { words: ['revenuecat', 'revenue cat'], provider: 'RevenueCat', envName: 'REVENUECAT_SECRET_KEY', rotationUrl: 'https://www.revenuecat.com/docs/projects/authentication' },
  { words: ['mixpanel'], provider: 'Mixpanel', envName: 'MIXPANEL_API_SECRET', rotationUrl: 'https://docs.mixpanel.com/docs/orgs-and-projects/service-accounts', keyIsPublic: true, publicHalf: /^(?:project_)?token$/ },
  { words: ['zendesk'], provider: 'Zendesk', envName: 'ZENDESK_API_TOKEN', rotationUrl: 'https://support.zendesk.com/hc/en-us/articles/4408889192858' },
  { words: ['intercom'], provider: 'Intercom', envName: 'INTERCOM_ACCESS_TOKEN', rotationUrl: 'https://developers.intercom.com/docs/build-an-integration/learn-more/authentication' },
  { words: ['mailjet'], provider: 'Mailjet', envName: 'MAILJET_API_SECRET', rotationUrl: 'https://app.mailjet.com/account/apikeys', publicHalf: /^(?:api_)?(?:public_)?key$|^apikey$/ },
  { words: ['bugsnag'], provider: 'Bugsnag', envName: 'BUGSNAG_API_KEY', rotationUrl: 'https://docs.bugsnag.com/product/getting-started/' },
  { words: ['rollbar'], provider: 'Rollbar', envName: 'ROLLBAR_ACCESS_TOKEN', rotationUrl: 'https://docs.rollbar.com/docs/access-tokens' },
  { words: ['travis'], provider: 'Travis CI', envName: 'TRAVIS_TOKEN', rotationUrl: 'https://app.travis-ci.com/account/preferences' },
  { words: ['cloudinary'], provider: 'Cloudinary', envName: 'CLOUDINARY_API_SECRET', rotationUrl: 'https://console.cloudinary.com/settings/api-keys' },
  { words: ['trello'], provider: 'Trello', envName: 'TRELLO_TOKEN', rotationUrl: 'https://trello.com/power-ups/admin' },
  { words: ['freshdesk'], provider: 'Freshdesk', envName: 'FRESHDESK_API_KEY', rotationUrl: 'https://support.freshdesk.com/support/solutions/articles/215517-how-to-find-your-api-key' },
  { words: ['amplitude'], provider: 'Amplitude', envName: 'AMPLITUDE_SECRET_KEY', rotationUrl: 'https://amplitude.com/docs/apis/authentication', keyIsPublic: true, publicHalf: /^(?:api_)?key$/ },
  { words: ['sanity'], provider: 'Sanity', envName: 'SANITY_API_TOKEN', rotationUrl: 'https://www.sanity.io/docs/http-auth' },
  { words: ['pagerduty', 'pager duty'], provider: 'PagerDuty', envName: 'PAGERDUTY_TOKEN', rotationUrl: 'https://support.pagerduty.com/main/docs/api-access-keys' },
  { words: ['jira', 'confluence', 'atlassian'], rule: 'atlassian-api-token' },
  { words: ['mandrill', 'mandrillapp'], provider: 'Mailchimp Transactional (Mandrill)', envName: 'MANDRILL_API_KEY', rotationUrl: 'https://mandrillapp.com/settings' },
  { words: ['meilisearch', 'meili'], provider: 'Meilisearch', envName: 'MEILI_MASTER_KEY', rotationUrl: 'https://www.meilisearch.com/docs/learn/security/basic_security' },
  { words: ['aftership', 'after ship'], provider: 'AfterShip', envName: 'AFTERSHIP_API_KEY', rotationUrl: 'https://admin.aftership.com/settings/api-keys' },
  // Telephony, video and health-care APIs whose keys and secrets are hex, base62 or base64 with no prefix.
  { words: ['sinch'], provider: 'Sinch', envName: 'SINCH_APP_SECRET', rotationUrl: 'https://dashboard.sinch.com/settings/access-keys' },
  { words: ['plivo'], provider: 'Plivo', envName: 'PLIVO_AUTH_TOKEN', rotationUrl: 'https://console.plivo.com/dashboard/' },
  { words: ['messagebird', 'message bird'], provider: 'MessageBird (Bird)', envName: 'MESSAGEBIRD_ACCESS_KEY', rotationUrl: 'https://dashboard.messagebird.com/en/developers/access' },
  // Vonage Video was TokBox's OpenTok: its SDKs and variables still say so (`new OpenTok(apiKey, apiSecret)`).
  { words: ['opentok', 'tokbox', 'vonage video'], provider: 'Vonage Video (OpenTok)', envName: 'OPENTOK_API_SECRET', rotationUrl: 'https://tokbox.com/account/' },
  // An Agora project's App ID is public (clients join channels with it); its App Certificate signs their tokens.
  { words: ['agora'], provider: 'Agora', envName: 'AGORA_APP_CERTIFICATE', rotationUrl: 'https://console.agora.io/projects' },
  { words: ['checkr'], provider: 'Checkr', envName: 'CHECKR_API_KEY', rotationUrl: 'https://dashboard.checkr.com/account/developer_settings' },
  { words: ['redox'], provider: 'Redox', envName: 'REDOX_API_SECRET', rotationUrl: 'https://dashboard.redoxengine.com/' },
  // DoseSpot's SSO is keyed by a clinic's ClinicKey (it signs the SSO code with the user id).
  { words: ['dosespot', 'dose spot'], provider: 'DoseSpot', envName: 'DOSESPOT_CLINIC_KEY', rotationUrl: 'https://www.dosespot.com/' },
  { words: ['athenahealth', 'athena health', 'athena'], provider: 'athenahealth', envName: 'ATHENA_CLIENT_SECRET', rotationUrl: 'https://developer.api.athena.io/' },
  { words: ['cerner', 'oracle health'], provider: 'Oracle Health (Cerner)', envName: 'CERNER_CLIENT_SECRET', rotationUrl: 'https://code-console.cerner.com/' },
  { words: ['change healthcare', 'changehealthcare', 'optum'], provider: 'Optum (Change Healthcare)', envName: 'CHANGE_HEALTHCARE_CLIENT_SECRET', rotationUrl: 'https://marketplace.changehealthcare.com/' },
  { words: ['availity'], provider: 'Availity', envName: 'AVAILITY_CLIENT_SECRET', rotationUrl: 'https://developer.availity.com/' },
  { words: ['stedi'], provider: 'Stedi', envName: 'STEDI_API_KEY', rotationUrl: 'https://portal.stedi.com/app/settings/api-keys' },
  { words: ['health gorilla', 'healthgorilla'], provider: 'Health Gorilla', envName: 'HEALTH_GORILLA_CLIENT_SECRET', rotationUrl: 'https://developer.healthgorilla.com/' },
  { words: ['neon', 'neondatabase', 'neon tech'], provider: 'Neon', envName: 'NEON_API_KEY', rotationUrl: 'https://console.neon.tech/app/settings/api-keys' },
  { words: ['jenkins'], provider: 'Jenkins', envName: 'JENKINS_API_TOKEN', rotationUrl: 'https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/' },
  { words: ['sumologic', 'sumo logic', 'sumo'], provider: 'Sumo Logic', envName: 'SUMOLOGIC_ACCESS_KEY', rotationUrl: 'https://help.sumologic.com/docs/manage/security/access-keys/' },
  { words: ['mongodb atlas', 'atlas', 'mongodbatlas'], provider: 'MongoDB Atlas', envName: 'MONGODB_ATLAS_PRIVATE_KEY', rotationUrl: 'https://www.mongodb.com/docs/atlas/configure-api-access/' },
  // Providers we have format rules for: a key of theirs in a shape their rules do not know (an older format, a
  // webhook or client secret) is still theirs.
  { words: ['circleci', 'circle ci', 'circle'], rule: 'circleci-api-token' },
  { words: ['buildkite'], rule: 'buildkite-api-token' },
  { words: ['sonar', 'sonarqube', 'sonarcloud'], rule: 'sonarqube-token' },
  { words: ['contentful'], rule: 'contentful-personal-access-token' },
  { words: ['bitbucket'], rule: 'bitbucket-app-password' },
  { words: ['render'], rule: 'render-api-key' },
  { words: ['langfuse'], rule: 'langfuse-secret-key' },
  { words: ['elevenlabs', 'eleven labs', 'xi api'], rule: 'elevenlabs-api-key' },
  { words: ['clickhouse'], rule: 'clickhouse-cloud-api-secret' },
  { words: ['nvidia', 'ngc', 'nvapi'], rule: 'nvidia-api-key' },
  { words: ['heroku'], rule: 'heroku-api-key' },
  { words: ['snyk'], rule: 'snyk-api-token' },
  { words: ['twilio'], rule: 'twilio-auth-token' },
  { words: ['azure openai', 'aoai'], rule: 'azure-openai-api-key' },
  { words: ['algolia', 'algoliasearch'], rule: 'algolia-admin-key' },
  { words: ['datadog', 'data dog', 'datadoghq', 'dd api', 'dd app'], rule: 'datadog-api-key' },
  { words: ['plaid'], rule: 'plaid-access-token' },
  { words: ['razorpay'], rule: 'razorpay-key-secret' },
  { words: ['cohere'], rule: 'cohere-api-key' },
  { words: ['openai'], rule: 'openai-api-key' },
  { words: ['anthropic', 'claude'], rule: 'anthropic-api-key' },
  { words: ['mistral'], rule: 'mistral-api-key' },
  { words: ['groq'], rule: 'groq-api-key' },
  { words: ['huggingface', 'hugging face', 'hf'], rule: 'huggingface-token' },
  { words: ['replicate'], rule: 'replicate-api-token' },
  { words: ['pinecone'], rule: 'pinecone-api-key' },
  { words: ['perplexity', 'pplx'], rule: 'perplexity-api-key' },
  { words: ['stripe'], rule: 'stripe-secret-key' },
  { words: ['sendgrid'], rule: 'sendgrid-api-key' },
  { words: ['mailgun'], rule: 'mailgun-api-key' },
  { words: ['mailchimp'], rule: 'mailchimp-api-key' },
  { words: ['resend'], rule: 'resend-api-key' },
  { words: ['brevo', 'sendinblue'], rule: 'brevo-api-key' },
  { words: ['slack'], rule: 'slack-bot-token' },
  { words: ['discord'], rule: 'discord-bot-token' },
  { words: ['telegram'], rule: 'telegram-bot-token' },
  { words: ['github', 'gh'], rule: 'github-classic-token' },
  { words: ['gitlab'], rule: 'gitlab-personal-access-token' },
  { words: ['aws', 'amazon'], rule: 'aws-secret-access-key' },
  { words: ['cloudflare', 'cf api'], rule: 'cloudflare-api-token' },
  { words: ['vercel'], rule: 'vercel-token' },
  { words: ['netlify'], rule: 'netlify-access-token' },
  { words: ['digitalocean', 'digital ocean'], rule: 'digitalocean-token' },
  { words: ['supabase'], rule: 'supabase-secret-key' },
  { words: ['firebase', 'google', 'gcp'], rule: 'google-api-key' },
  { words: ['shopify'], rule: 'shopify-access-token' },
  { words: ['square'], rule: 'square-access-token' },
  { words: ['braintree'], rule: 'braintree-private-key' },
  { words: ['hubspot'], rule: 'hubspot-private-app-token' },
  { words: ['salesforce', 'sfdc'], rule: 'salesforce-access-token' },
  { words: ['okta'], rule: 'okta-api-token' },
  { words: ['sentry'], rule: 'sentry-auth-token' },
  { words: ['new relic', 'newrelic'], rule: 'new-relic-user-api-key' },
  { words: ['grafana'], rule: 'grafana-service-account-token' },
  { words: ['dynatrace'], rule: 'dynatrace-api-token' },
  { words: ['posthog'], rule: 'posthog-personal-api-key', keyIsPublic: true },
  { words: ['launchdarkly', 'launch darkly'], rule: 'launchdarkly-sdk-key' },
  { words: ['mapbox'], rule: 'mapbox-secret-token' },
  { words: ['dropbox'], rule: 'dropbox-access-token' },
  { words: ['airtable'], rule: 'airtable-personal-access-token' },
  { words: ['notion'], rule: 'notion-integration-token' },
  { words: ['linear'], rule: 'linear-api-key' },
  { words: ['figma'], rule: 'figma-personal-access-token' },
  { words: ['asana'], rule: 'asana-personal-access-token' },
  { words: ['doppler'], rule: 'doppler-token' },
  { words: ['vault'], rule: 'hashicorp-vault-token' },
  { words: ['terraform', 'tfe', 'tfc'], rule: 'terraform-cloud-token' },
  { words: ['pulumi'], rule: 'pulumi-access-token' },
  { words: ['databricks'], rule: 'databricks-token' },
  { words: ['docker', 'dockerhub'], rule: 'docker-hub-token' },
  { words: ['npm'], rule: 'npm-access-token' },
  { words: ['pypi'], rule: 'pypi-upload-token' },
  { words: ['nuget'], rule: 'nuget-api-key' },
  { words: ['rubygems', 'gem host'], rule: 'rubygems-api-key' },
  { words: ['planetscale'], rule: 'planetscale-token' },
  { words: ['flyio', 'fly'], rule: 'flyio-token' },
  { words: ['facebook', 'fb', 'meta app'], rule: 'facebook-access-token' },
  { words: ['typeform'], rule: 'typeform-api-token' },
  { words: ['postman'], rule: 'postman-api-key' },
  { words: ['prefect'], rule: 'prefect-api-key' },
  { words: ['shippo'], rule: 'shippo-api-token' },
  { words: ['easypost'], rule: 'easypost-api-key' },
  { words: ['flutterwave'], rule: 'flutterwave-secret-key' },
  { words: ['duffel'], rule: 'duffel-api-token' },
  { words: ['maxmind'], rule: 'maxmind-license-key' },
  { words: ['alibaba', 'aliyun'], rule: 'alibaba-access-key-id' },
  { words: ['artifactory', 'jfrog'], rule: 'artifactory-api-key' },
  { words: ['sourcegraph'], rule: 'sourcegraph-access-token' },
  { words: ['infracost'], rule: 'infracost-api-token' },
  { words: ['harness'], rule: 'harness-access-token' },
  { words: ['paddle'], rule: 'paddle-api-key' },
  { words: ['dbt cloud', 'dbtc', 'dbt api'], rule: 'dbt-cloud-token' },
  { words: ['woocommerce', 'woo commerce'], rule: 'woocommerce-consumer-secret' },
  { words: ['mollie'], rule: 'mollie-api-key' },
  { words: ['adyen'], rule: 'adyen-api-key' },
  { words: ['stytch'], rule: 'stytch-secret' },
  { words: ['samsara'], rule: 'samsara-api-token' },
  { words: ['twitter'], rule: 'twitter-bearer-token' },
  { words: ['cypress'], rule: 'cypress-record-key' },
  { words: ['onesignal', 'one signal'], rule: 'onesignal-rest-api-key' },
  { words: ['telnyx'], rule: 'telnyx-api-key' },
];

/**
 * Aliases that are also everyday words of code (`render`, `vault`, `linear`, `segment`, `docker-compose.yml`): in a key's
 * own name they say whose it is (`RENDER_API_KEY`), but a file, block, import or comment that holds them says nothing
 * of the keys around (analyze/attribution.ts reads context only for the other aliases), nor does one before `key`
 * (generic.ts: `renderKey` is no key).
 */
export const namesOnlyAliases: ReadonlySet<string> = new Set([
  'render', 'vault', 'linear', 'square', 'circle', 'circle ci', 'segment', 'replicate', 'prefect', 'resend', 'notion',
  'docker', 'harness', 'fly', 'flyio', 'gh', 'hf', 'fb', 'npm', 'google', 'amazon', 'claude', 'meta app', 'sonar',
  'travis', 'dd api', 'dd app', 'cf api', 'xi api', 'gem host', 'tfe', 'tfc', 'ngc', 'aoai', 'pplx', 'sfdc', 'jira',
  'confluence', 'postman', 'terraform', 'pulumi', 'github', 'gitlab', 'together', 'railway', 'elastic', 'expo token', 'expo access', 'here api', 'here com',
  // A colour, a texture atlas, AWS Athena's queries, a wrestler: only a key's own name says these are the providers.
  'neon', 'atlas', 'athena', 'sumo',
]);
