import { defineRules, type RuleSamples } from './types';

/** Email, SMS and chat providers. */
export const messagingRules = defineRules([
  {
    id: 'brevo-api-key',
    provider: 'Brevo',
    title: 'Brevo (Sendinblue) API key',
    pattern: /xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}/,
    keywords: ['xkeysib-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'BREVO_API_KEY',
    rotationUrl: 'https://app.brevo.com/settings/keys/api',
  },
  {
    id: 'discord-bot-token',
    provider: 'Discord',
    title: 'Discord bot token',
    // The first segment is the bot's user id (a decimal snowflake of 17 to 20 digits) in unpadded base64, so every
    // group of four characters encodes three digits (`[MNO][DTjz][AEIMQUYcgk][w-z0-5]`) and the tail one or two: a shape
    // strict enough to find the token with no name beside it (`client.login("…")`, `bot.run("…")`). Then the
    // timestamp (6) and the HMAC (27 in older tokens, 38 in current ones).
    // The five leading groups are written out, not `(?:…){5}`: the same expression, which V8 runs over a whole file
    // in under half the time (this rule runs in most files: 'token' is one of its keywords).
    pattern: /[MNO][DTjz][AEIMQUYcgk][w-z0-5][MNO][DTjz][AEIMQUYcgk][w-z0-5][MNO][DTjz][AEIMQUYcgk][w-z0-5][MNO][DTjz][AEIMQUYcgk][w-z0-5][MNO][DTjz][AEIMQUYcgk][w-z0-5](?:[MNO][DTjz][AEIMQUYcgk]|[MNO][DTjz][AEIMQUYcgk][w-z0-5](?:[MNO][AQgw]|[MNO][DTjz][AEIMQUYcgk])?)\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}/,
    // No keyword: a token is often pasted bare (a `.txt`, a config value under any name), and the shape is its own gate.
    // V8 skips through a file on the classes of the first characters: every file of the real-world corpus (58 MB) in
    // ~12 ms, 0 matches (bench/NOTES.md, "Measurements behind the code").
    keywords: [],
    everywhere: true,
    minEntropy: 4,
    severity: 'error',
    envName: 'DISCORD_BOT_TOKEN',
    rotationUrl: 'https://discord.com/developers/applications',
  },
  {
    id: 'discord-webhook-url',
    provider: 'Discord',
    title: 'Discord webhook URL',
    pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/(?<secret>\d{17,20}\/[A-Za-z0-9_-]{60,68})/,
    keywords: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
    minEntropy: 3,
    severity: 'error',
    envName: 'DISCORD_WEBHOOK_URL',
    rotationUrl: 'https://support.discord.com/hc/en-us/articles/228383668',
  },
  {
    id: 'mailchimp-api-key',
    provider: 'Mailchimp',
    title: 'Mailchimp API key',
    pattern: /[a-f0-9]{32}-us\d{1,2}/,
    keywords: ['-us'],
    minEntropy: 3,
    severity: 'error',
    envName: 'MAILCHIMP_API_KEY',
    rotationUrl: 'https://us1.admin.mailchimp.com/account/api/',
  },
  {
    id: 'mailgun-api-key',
    provider: 'Mailgun',
    title: 'Mailgun API key',
    // `key-` and 32 lower-case letters and digits (not only hex: Mailgun's own documentation shows `key-3ax6…`); a
    // random one has digits and letters both, a slug (`key-…`) rarely does.
    pattern: /key-[a-z0-9]{32}/,
    validWhen: (value) => /\d/.test(value.slice(4)) && /[a-z]/.test(value.slice(4)),
    keywords: ['key-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'MAILGUN_API_KEY',
    rotationUrl: 'https://app.mailgun.com/settings/api_security',
  },
  {
    id: 'microsoft-teams-webhook-url',
    provider: 'Microsoft Teams',
    title: 'Microsoft Teams incoming webhook URL',
    // An Office 365 connector's URL: `<tenant>.webhook.office.com/webhookb2/<group>@<tenant id>/IncomingWebhook/<id>/
    // <owner>` (older ones on outlook.office.com/webhook/), lately with a `/V2…` signature. Anyone holding the path can
    // post to the channel.
    pattern: /(?:webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/(?<secret>[A-Za-z0-9]{8}-(?:[A-Za-z0-9]{4}-){3}[A-Za-z0-9]{12}@[A-Za-z0-9]{8}-(?:[A-Za-z0-9]{4}-){3}[A-Za-z0-9]{12}\/IncomingWebhook\/[A-Za-z0-9]{32}\/[A-Za-z0-9]{8}-(?:[A-Za-z0-9]{4}-){3}[A-Za-z0-9]{12}(?:\/V2[A-Za-z0-9_-]{20,})?)/,
    keywords: ['webhook.office.com', 'outlook.office.com', 'outlook.office365.com'],
    minEntropy: 3,
    severity: 'error',
    envName: 'TEAMS_WEBHOOK_URL',
    rotationUrl: 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
  },
  {
    id: 'power-automate-workflow-url',
    provider: 'Microsoft Power Automate',
    title: 'Power Automate / Logic Apps workflow trigger URL',
    // What replaced Teams' incoming webhooks (the Workflows app) and any HTTP-triggered Logic App:
    // `https://prod-NN.<region>.logic.azure.com:443/workflows/<32 hex>/triggers/manual/paths/invoke?…&sig=…`, or on
    // `<environment>.environment.api.powerplatform.com`. The `sig` (a SAS signature) lets anyone run the flow.
    pattern: /https?:\/\/[A-Za-z0-9.-]{1,120}\.(?:logic\.azure\.com|api\.powerplatform\.com)(?::\d{1,5})?\/[A-Za-z0-9\/._-]{0,120}workflows\/[0-9a-fA-F]{32}\/triggers\/[A-Za-z0-9_%.-]{1,80}\/paths\/invoke[^\s"'`<>]{0,400}?[?&]sig=(?<secret>[A-Za-z0-9_%-]{40,})/,
    keywords: ['logic.azure.com', 'api.powerplatform.com'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'WORKFLOW_TRIGGER_URL',
    rotationUrl: 'https://learn.microsoft.com/en-us/azure/logic-apps/logic-apps-securing-a-logic-app',
  },
  {
    id: 'resend-api-key',
    provider: 'Resend',
    title: 'Resend API key',
    pattern: /re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}/,
    keywords: ['re_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'RESEND_API_KEY',
    rotationUrl: 'https://resend.com/api-keys',
  },
  {
    id: 'sendgrid-api-key',
    provider: 'SendGrid',
    title: 'SendGrid API key',
    pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/,
    keywords: ['sg.'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SENDGRID_API_KEY',
    rotationUrl: 'https://app.sendgrid.com/settings/api_keys',
  },
  {
    id: 'telegram-bot-token',
    provider: 'Telegram',
    title: 'Telegram bot token',
    pattern: /\d{8,10}:AA[A-Za-z0-9_-]{33}/,
    keywords: [':aa'],
    minEntropy: 3,
    severity: 'error',
    envName: 'TELEGRAM_BOT_TOKEN',
    rotationUrl: 'https://t.me/BotFather',
  },
  {
    id: 'telnyx-api-key',
    provider: 'Telnyx',
    title: 'Telnyx API key (v2)',
    // A v2 API key (Mission Control > API Keys, sent as `Authorization: Bearer …`): `KEY`, upper-case hexadecimal digits
    // (an id: 32 in the keys of public `.env` files, `KEY0198…_8lhE…`), `_` and 22 random characters. Telnyx documents
    // no length, so the id's and the tail's are ranges. The shape is its own gate: the key is passed bare to the SDK
    // (`Telnyx('KEY…')`). The id's first digit is spelled out so that the pattern is tried only after `KEY` and a
    // hexadecimal digit (`key0`…`keyf`), not after every `key` of a file (24 times fewer places in the real-world corpus).
    pattern: /KEY[0123456789ABCDEF][0-9A-F]{23,31}_[A-Za-z0-9_-]{20,26}(?![A-Za-z0-9_-])/,
    keywords: ['key0', 'key1', 'key2', 'key3', 'key4', 'key5', 'key6', 'key7', 'key8', 'key9', 'keya', 'keyb', 'keyc', 'keyd', 'keye', 'keyf'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'TELNYX_API_KEY',
    rotationUrl: 'https://portal.telnyx.com/#/app/api-keys',
  },
  {
    id: 'twilio-api-key',
    provider: 'Twilio',
    title: 'Twilio API key SID',
    pattern: /SK[0-9a-f]{32}/,
    keywords: ['sk'],
    minEntropy: 3.2,
    severity: 'error',
    envName: 'TWILIO_API_KEY',
    rotationUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
  },
  {
    id: 'twilio-auth-token',
    provider: 'Twilio',
    title: 'Twilio auth token',
    pattern: /[a-f0-9]{32}/,
    nameHint: /twilio.{0,12}(?:auth|token|secret)/i,
    keywords: ['twilio'],
    minEntropy: 3,
    severity: 'error',
    envName: 'TWILIO_AUTH_TOKEN',
    rotationUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
  },
  {
    id: 'onesignal-rest-api-key',
    provider: 'OneSignal',
    title: 'OneSignal App or Organization API key',
    // Since 2024 OneSignal's App and Organization API keys are `os_v2_app_` / `os_v2_org_` and lower-case base32 (103
    // characters in the keys seen in public code; a range, the length is not documented). Both are private by
    // OneSignal's word (Keys & IDs); the App ID beside them, a UUID, is public.
    pattern: /os_v2_(?:app|org)_[a-z2-7]{90,130}/,
    keywords: ['os_v2_'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'ONESIGNAL_REST_API_KEY',
    rotationUrl: 'https://documentation.onesignal.com/docs/keys-and-ids',
  },
  {
    id: 'pusher-app-secret',
    provider: 'Pusher',
    title: 'Pusher Channels app secret',
    // An app's secret signs its server's API calls and private channels' auth: 20 hexadecimal digits with no prefix, so
    // the name says what it is (`PUSHER_APP_SECRET`, `pusherSecret`). The app key beside it is public.
    pattern: /[a-f0-9]{20}/,
    nameHint: /pusher[\w-]{0,24}?secret$/i,
    keywords: ['pusher'],
    minEntropy: 3,
    severity: 'error',
    envName: 'PUSHER_APP_SECRET',
    rotationUrl: 'https://dashboard.pusher.com/',
  },
]);

/** A Discord user id as a bot token's first segment: base64url without padding. */
const discordId = (digits: string) => Buffer.from(digits).toString('base64url');

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const messagingSamples = (): Record<string, RuleSamples> => ({
  'brevo-api-key': { positives: [(g) => 'xkeysib-' + g.hex(64) + '-' + g.alnum(16)], negatives: ['xkeysib-' + 'abc'] },
  'discord-bot-token': {
    // The bot's id in base64url, unpadded: 17 (older bots) to 19 digits (current ones), and both HMAC lengths.
    positives: [
      (g) => ({ name: 'DISCORD_BOT_TOKEN', value: discordId(g.chars('123456789', 1) + g.digits(18)) + '.' + g.b64url(6) + '.' + g.b64url(38) }),
      (g) => ({ name: 'token', value: discordId(g.chars('123456789', 1) + g.digits(17)) + '.' + g.b64url(6) + '.' + g.b64url(27) }),
      (g) => ({ name: 'discordBot', value: discordId(g.chars('123456789', 1) + g.digits(16)) + '.' + g.b64url(6) + '.' + g.b64url(38) }),
      // Under a name that says neither Discord nor token: the shape alone.
      (g) => ({ name: 'bot', value: discordId(g.chars('123456789', 1) + g.digits(18)) + '.' + g.b64url(6) + '.' + g.b64url(38) }),
    ],
    negatives: [
      { name: 'DISCORD_BOT_TOKEN', value: 'your.bot.token' },
      // Right lengths, but the first segment is not a user id in base64.
      { name: 'DISCORD_BOT_TOKEN', value: discordId('198AliceBobCarolDa') + '.GkX2pQ.' + 'Zr8vN3kL7pR2xT9mW4qB6yH1cJ5dF0sA3eU' },
    ],
  },
  'discord-webhook-url': { positives: [(g) => 'https://discord.com/api/webhooks/' + g.digits(19) + '/' + g.b64url(68)], negatives: ['https://discord.com/api/webhooks/' + '123/abc'] },
  'mailchimp-api-key': { positives: [(g) => g.hex(32) + '-us' + g.digits(2)], negatives: ['0'.repeat(32) + '-us1'] },
  'mailgun-api-key': {
    positives: [(g) => 'key-' + g.hex(32), (g) => 'key-' + g.chars('abcdefghijklmnopqrstuvwxyz0123456789', 30) + 'q7'],
    negatives: ['key-' + '0'.repeat(32), 'key-value', 'key-' + 'performanceindicatorsdashboardsx'],
  },
  'microsoft-teams-webhook-url': {
    positives: [
      (g) => `https://contoso.webhook.office.com/webhookb2/${g.uuid()}@${g.uuid()}/IncomingWebhook/${g.hex(32)}/${g.uuid()}`,
      (g) => `https://acme.webhook.office.com/webhookb2/${g.uuid()}@${g.uuid()}/IncomingWebhook/${g.hex(32)}/${g.uuid()}/V2${g.b64url(45)}`,
      (g) => `https://outlook.office.com/webhook/${g.uuid()}@${g.uuid()}/IncomingWebhook/${g.hex(32)}/${g.uuid()}`,
    ],
    negatives: [
      'https://contoso.webhook.office.com/webhookb2/' + '{group-id}@{tenant-id}/IncomingWebhook/{id}/{owner}',
      'https://contoso.webhook.office.com/webhookb2/' + '00000000-0000-0000-0000-000000000000@00000000-0000-0000-0000-000000000000/IncomingWebhook/' + '0'.repeat(32) + '/00000000-0000-0000-0000-000000000000',
    ],
  },
  'power-automate-workflow-url': {
    positives: [
      (g) => `https://prod-${g.digits(2)}.westeurope.logic.azure.com:443/workflows/${g.hex(32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${g.b64url(43)}`,
      (g) => `https://default${g.hex(30)}.0a.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/${g.hex(32)}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${g.b64url(43)}`,
      (g) => `https://prod-${g.digits(2)}.eastus.logic.azure.com/workflows/${g.hex(32)}/triggers/When_a_HTTP_request_is_received/paths/invoke?api-version=2016-10-01&sig=${g.b64url(43)}&sp=%2Ftriggers%2FWhen_a_HTTP_request_is_received%2Frun&sv=1.0`,
    ],
    negatives: [
      'https://prod-23.westeurope.logic.azure.com:443/workflows/{GUID}/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={hash}',
      'https://prod-23.westeurope.logic.azure.com/workflows/' + '0123456789abcdef0123456789abcdef' + '/triggers/manual/paths/invoke?api-version=2016-10-01&sig=' + 'x'.repeat(43),
    ],
  },
  'resend-api-key': { positives: [(g) => 're_' + g.alnum(8) + '_' + g.alnum(24)], negatives: ['re_' + 'abc_def'] },
  'sendgrid-api-key': { positives: [(g) => 'SG.' + g.b64url(22) + '.' + g.b64url(43)], negatives: ['SG.' + 'xxxxxxxxxxxxxxxxxxxxxx.' + 'x'.repeat(43)] },
  'telegram-bot-token': { positives: [(g) => g.digits(10) + ':AA' + g.b64url(33)], negatives: ['123456789:AA' + 'x'.repeat(33)] },
  'onesignal-rest-api-key': {
    positives: [(g) => 'os_v2_app_' + g.chars('abcdefghijklmnopqrstuvwxyz234567', 103), (g) => 'os_v2_org_' + g.chars('abcdefghijklmnopqrstuvwxyz234567', 103)],
    // A placeholder, a prefix alone (a form's hint), and upper case (not base32 as OneSignal writes it).
    negatives: ['os_v2_app_' + 'x'.repeat(103), 'os_v2_app_...', 'os_v2_app_' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(4)],
  },
  'telnyx-api-key': {
    positives: [(g) => 'KEY' + g.chars('0123456789ABCDEF', 32) + '_' + g.alnum(22), (g) => ({ name: 'TELNYX_API_KEY', value: 'KEY0198' + g.chars('0123456789ABCDEF', 28) + '_' + g.alnum(22) })],
    // Documentation placeholders, and lower-case hex (not the id's spelling).
    negatives: ['KEY_xxx', 'KEY' + '0'.repeat(32) + '_' + 'x'.repeat(22), 'KEY' + 'abcdef0123456789'.repeat(2) + '_' + 'Qm7vTz2Lw9Xc4Rb8Np1Hd6'],
  },
  'twilio-api-key': { positives: [(g) => 'SK' + g.hex(32)], negatives: ['SK' + '0'.repeat(32)] },
  'twilio-auth-token': { positives: [(g) => ({ name: 'TWILIO_AUTH_TOKEN', value: g.hex(32) })], negatives: [{ name: 'TWILIO_AUTH_TOKEN', value: 'your_auth_token' }] },
  'pusher-app-secret': {
    positives: [(g) => ({ name: 'PUSHER_APP_SECRET', value: g.hex(20) }), (g) => ({ name: 'pusherSecret', value: g.hex(20) })],
    negatives: [{ name: 'PUSHER_APP_KEY', value: '9f8e7d6c5b4a39281706' }, { name: 'PUSHER_APP_SECRET', value: '0'.repeat(20) }, { name: 'PUSHER_APP_SECRET', value: 'your-pusher-secret' }],
  },
});
