import { defineRules, type RuleSamples } from './types';

/** Social networks' APIs (Facebook / Meta Graph API). */
export const socialRules = defineRules([
  {
    id: 'facebook-access-token',
    provider: 'Facebook',
    title: 'Facebook (Meta Graph API) access token',
    // User, page and system-user tokens of the Graph API all start with `EAA` (the app's part follows), then a long
    // run of letters and digits: 100 or more in every token the Graph API Explorer and the login flows hand out.
    pattern: /EAA[A-Za-z0-9]{100,}/,
    keywords: ['eaa'],
    minEntropy: 4,
    severity: 'error',
    envName: 'FACEBOOK_ACCESS_TOKEN',
    rotationUrl: 'https://developers.facebook.com/tools/debug/accesstoken/',
  },
  {
    id: 'facebook-app-access-token',
    provider: 'Facebook',
    title: 'Facebook app access token (app id | app secret)',
    // `APP-ID|APP-SECRET` (32 hex) as Facebook's access-token guide lets an app write it, or the `APP-ID|…` token the
    // OAuth endpoint returns (27 base64url); the pipe may be URL-encoded. The app id is public: the part after the pipe
    // is what is reported. No literal to search for, so it runs only where the file speaks of Facebook or access tokens.
    pattern: /\d{15,17}(?:\||%7[Cc])(?<secret>[a-f0-9]{32}|[A-Za-z0-9_-]{27})/,
    keywords: ['facebook', 'fb_', 'access_token', 'accesstoken', 'app_token', 'apptoken'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'FACEBOOK_APP_ACCESS_TOKEN',
    rotationUrl: 'https://developers.facebook.com/apps/',
  },
  {
    id: 'twitter-bearer-token',
    provider: 'X (Twitter)',
    title: 'X (Twitter) app bearer token',
    // An app-only bearer token: a run of `A`s, then the token URL-encoded (`%2B`, `%3D`), as the developer portal shows
    // it (docs.x.com, "Bearer Token"). The `%3D` sets it apart from base64 that opens with zero bytes.
    // The run of `A`s must end where the pattern says (`(?!A)`): in a long run of them each start fails at once.
    pattern: /A{18,24}(?!A)[A-Za-z0-9%]{60,130}/,
    validWhen: (value) => value.includes('%3D') || value.includes('%2B') || value.includes('%2F'),
    keywords: ['aaaaaaaaaaaaaaaaaaaa'],
    minEntropy: 3,
    severity: 'error',
    envName: 'TWITTER_BEARER_TOKEN',
    rotationUrl: 'https://developer.x.com/en/portal/dashboard',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const socialSamples = (): Record<string, RuleSamples> => ({
  'facebook-access-token': {
    positives: [
      (g) => 'EAA' + g.alnum(180),
      (g) => ({ name: 'FACEBOOK_PAGE_ACCESS_TOKEN', value: 'EAAG' + g.alnum(140) }),
      (g) => 'EAACEd' + g.alnum(110),
    ],
    negatives: ['EAA' + 'x'.repeat(120), 'EAA' + 'abc', 'EAA' + 'A'.repeat(150), 'xEAA' + 'Bq7Zk2Rt9Vb4Nm6Xc1Hd8Jf'.repeat(6)],
  },
  'facebook-app-access-token': {
    positives: [
      (g) => ({ name: 'FACEBOOK_APP_TOKEN', value: g.chars('123456789', 1) + g.digits(15) + '|' + g.b64url(27) }),
      (g) => ({ name: 'facebook_access_token', value: g.chars('123456789', 1) + g.digits(14) + '|' + g.hex(32) }),
      (g) => ({ name: 'access_token', value: g.chars('123456789', 1) + g.digits(15) + '%7C' + g.b64url(27) }),
    ],
    negatives: [
      { name: 'facebook_access_token', value: '1234567890123456|' + 'x'.repeat(27) },
      { name: 'facebook_access_token', value: '{app-id}|{app-secret}' },
      { name: 'access_token', value: '123|' + 'abc' },
    ],
  },
  'twitter-bearer-token': {
    positives: [(g) => 'A'.repeat(21) + g.alnum(10) + '%2B' + g.alnum(20) + '%3D' + g.alnum(50), (g) => 'A'.repeat(22) + g.alnum(30) + '%3D' + g.alnum(50)],
    // Base64 of bytes that start with zeros (a key blob, an image): no URL escapes.
    negatives: ['A'.repeat(24) + 'Q7vK2mX9pL4wZ8tN3bH6sJ1cF5dG0aYeR2uI7oP4Zq7wLk2Rt9Vb4Nm6Xc1Hd8Jf3Gs5Pa0Ye', 'A'.repeat(21) + '%3D' + 'short'],
  },
});
