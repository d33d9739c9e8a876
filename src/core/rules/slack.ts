import { defineRules, type RuleSamples } from './types';

/** Slack token types: https://api.slack.com/authentication/token-types */
const apps = 'https://api.slack.com/apps';
export const slackRules = defineRules([
  {
    id: 'slack-app-token',
    provider: 'Slack',
    title: 'Slack app-level token',
    pattern: /xapp-\d-[A-Z0-9]{9,11}-\d{10,13}-[a-f0-9]{64}/,
    keywords: ['xapp-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SLACK_APP_TOKEN',
    rotationUrl: apps,
  },
  {
    id: 'slack-bot-token',
    provider: 'Slack',
    title: 'Slack bot token',
    pattern: /xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24}/,
    keywords: ['xoxb-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SLACK_BOT_TOKEN',
    rotationUrl: apps,
  },
  {
    id: 'slack-user-token',
    provider: 'Slack',
    title: 'Slack user token',
    pattern: /xox[pe]-\d{10,13}-\d{10,13}-\d{10,13}-[a-f0-9]{32}/,
    keywords: ['xoxp-', 'xoxe-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SLACK_USER_TOKEN',
    rotationUrl: apps,
  },
  {
    id: 'slack-webhook-url',
    provider: 'Slack',
    title: 'Slack incoming webhook URL',
    // The path after /services/ is the credential: anyone holding it can post to the channel. Any scheme or none
    // (`http://` redirects, a URL in prose); a workflow trigger has a numeric id before its secret.
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>T[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/(?:\d{10,20}\/)?[A-Za-z0-9]{23,25})/,
    keywords: ['hooks.slack.com'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SLACK_WEBHOOK_URL',
    rotationUrl: apps,
  },
  {
    id: 'slack-legacy-token',
    provider: 'Slack',
    title: 'Slack legacy token',
    // Legacy workspace, bot and user tokens (xoxs-, xoxo-, xoxa-, xoxr-, xoxb- with one number): deprecated, still accepted where not revoked.
    // After xoxa-/xoxr-, one number alone is a team or user id, not a token: a token has more after it.
    pattern: /(?:xox[os]-\d{1,16}-\d{1,16}-\d{1,16}-[a-fA-F0-9]{8,64}|xoxb-\d{8,14}-[A-Za-z0-9]{18,26}|xox[ar]-(?:\d-)?(?!\d+(?![0-9A-Za-z-]))[0-9A-Za-z]{8,48}(?:-[0-9A-Za-z]{1,48}){0,4})/,
    keywords: ['xoxo-', 'xoxs-', 'xoxb-', 'xoxa-', 'xoxr-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SLACK_TOKEN',
    rotationUrl: 'https://api.slack.com/authentication/rotation',
  },
  {
    id: 'slack-config-token',
    provider: 'Slack',
    title: 'Slack app configuration token',
    pattern: /xoxe(?:\.xox[bp]-\d-[A-Za-z0-9]{163,166}|-\d-[A-Za-z0-9]{146})/,
    keywords: ['xoxe'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SLACK_CONFIG_TOKEN',
    rotationUrl: 'https://api.slack.com/authentication/config-tokens',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const slackSamples = (): Record<string, RuleSamples> => ({
  'slack-app-token': { positives: [(g) => 'xapp-1-' + g.upperAlnum(11) + '-' + g.digits(13) + '-' + g.hex(64)], negatives: ['xapp-1-' + 'A-1-abc'] },
  'slack-bot-token': { positives: [(g) => 'xoxb-' + g.digits(12) + '-' + g.digits(13) + '-' + g.alnum(24)], negatives: ['xoxb-' + 'your-bot-token'] },
  'slack-user-token': { positives: [(g) => 'xoxp-' + g.digits(12) + '-' + g.digits(12) + '-' + g.digits(13) + '-' + g.hex(32)], negatives: ['xoxp-' + '123-456'] },
  'slack-webhook-url': {
    positives: [
      (g) => 'https://hooks.slack.com/services/T' + g.upperAlnum(10) + '/B' + g.upperAlnum(10) + '/' + g.alnum(24),
      (g) => 'http://hooks.slack.com/services/T' + g.upperAlnum(8) + '/B' + g.upperAlnum(8) + '/' + g.alnum(24),
      (g) => 'https://hooks.slack.com/workflows/T' + g.upperAlnum(10) + '/A' + g.upperAlnum(10) + '/' + g.digits(18) + '/' + g.alnum(24),
    ],
    negatives: ['https://hooks.slack.com/services/' + 'T000/B000/XXXX'],
  },
  'slack-legacy-token': { positives: [(g) => 'xoxs-' + g.digits(12) + '-' + g.digits(12) + '-' + g.digits(12) + '-' + g.hex(32), (g) => 'xoxb-' + g.digits(12) + '-' + g.alnum(24), (g) => 'xoxa-2-' + g.alnum(20) + '-' + g.alnum(12)], negatives: ['xoxs-' + '1234-1234-1234-abcd', 'xoxa-' + 'x'.repeat(20)] },
  'slack-config-token': { positives: [(g) => 'xoxe.' + 'xoxp-1-' + g.alnum(164), (g) => 'xoxe-' + '1-' + g.alnum(146)], negatives: ['xoxe-' + '1-' + 'x'.repeat(146)] },
});
