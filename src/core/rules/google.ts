import { defineRules, type RuleSamples } from './types';

/** Google Cloud credentials: https://cloud.google.com/docs/authentication/api-keys */
export const googleRules = defineRules([
  {
    id: 'google-api-key',
    provider: 'Google',
    title: 'Google API key',
    // Also Firebase Web keys, which are meant for clients when restricted; warning, not error.
    pattern: /AIza[0-9A-Za-z_-]{35}/,
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
    id: 'gcp-service-account-key-id',
    provider: 'Google Cloud',
    title: 'Google Cloud service-account key file',
    // The key file's private_key is caught by private-key; its id marks which key to delete.
    pattern: /[a-f0-9]{40}/,
    nameHint: /^private_key_id$/i,
    keywords: ['private_key_id'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GOOGLE_APPLICATION_CREDENTIALS',
    rotationUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const googleSamples: Record<string, RuleSamples> = {
  'google-api-key': { positives: [(g) => 'AIza' + g.b64url(35)], negatives: ['AIza' + 'x'.repeat(35), 'AIza' + 'Sy_short'] },
  'google-oauth-client-secret': { positives: [(g) => 'GOCSPX-' + g.b64url(28)], negatives: ['GOCSPX-' + 'placeholder'] },
  'gcp-service-account-key-id': { positives: [(g) => ({ name: 'private_key_id', value: g.hex(40) })], negatives: [{ name: 'private_key_id', value: 'REPLACE_ME' }] },
};
