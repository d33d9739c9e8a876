import { defineRules, type RuleSamples } from './types';

/** Google Cloud credentials: https://cloud.google.com/docs/authentication/api-keys */
export const googleRules = defineRules([
  {
    id: 'google-api-key',
    provider: 'Google',
    title: 'Google API key',
    // Warning, not error: a key may be restricted to referrers or APIs, which the text cannot tell.
    pattern: /AIza[0-9A-Za-z_-]{35}/,
    // A Firebase web or app config's key only names the project (Firebase: "API keys for Firebase services are not
    // secret"; security rules guard the data): publishable there, by the config's shape (`authDomain`,
    // `messagingSenderId` beside it), a Firebase-named variable, or the SDK's config files. Not a Firebase server or
    // FCM key, which are secret.
    publishableWhere: {
      sibling: /^(?:auth_?domain|messaging_?sender_?id)$/,
      name: /^(?![\w$.-]*(?:server|fcm|admin|legacy))[\w$.-]*firebase[\w$.-]*$/i,
      file: /(?:^|\/)(?:google-services\.json|GoogleService-Info\.plist)$/,
    },
    keywords: ['aiza'],
    minEntropy: 3,
    severity: 'warning',
    envName: 'GOOGLE_API_KEY',
    rotationUrl: 'https://console.cloud.google.com/apis/credentials',
  },
  {
    id: 'google-oauth-client-secret',
    provider: 'Google',
    title: 'Google OAuth client secret',
    pattern: /GOCSPX-[A-Za-z0-9_-]{28}/,
    keywords: ['gocspx-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GOOGLE_CLIENT_SECRET',
    rotationUrl: 'https://console.cloud.google.com/apis/credentials',
  },
  {
    id: 'firebase-cloud-messaging-server-key',
    provider: 'Google',
    title: 'Firebase Cloud Messaging legacy server key',
    // `AAAA` + 7 characters (the sender's key id) + `:APA91b` + 134 characters; sends pushes to every app user.
    pattern: /AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{130,140}/,
    keywords: ['apa91b'],
    minEntropy: 3,
    severity: 'error',
    envName: 'FCM_SERVER_KEY',
    rotationUrl: 'https://console.firebase.google.com/project/_/settings/cloudmessaging',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const googleSamples = (): Record<string, RuleSamples> => ({
  'google-api-key': { positives: [(g) => 'AIza' + g.b64url(35)], negatives: ['AIza' + 'x'.repeat(35), 'AIza' + 'Sy_short'] },
  'google-oauth-client-secret': { positives: [(g) => 'GOCSPX-' + g.b64url(28)], negatives: ['GOCSPX-' + 'placeholder'] },
  'firebase-cloud-messaging-server-key': { positives: [(g) => 'AAAA' + g.b64url(7) + ':APA91b' + g.b64url(134)], negatives: ['AAAA' + 'abcdefg' + ':APA91b' + 'short', 'AAAA' + 'x'.repeat(7) + ':APA91b' + 'x'.repeat(134)] },
});
