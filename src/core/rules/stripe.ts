import { defineRules, type RuleSamples } from './types';

/** Stripe API keys: https://docs.stripe.com/keys */
const dashboard = 'https://dashboard.stripe.com/apikeys';
export const stripeRules = defineRules([
  {
    id: 'stripe-publishable-key',
    provider: 'Stripe',
    title: 'Stripe publishable key',
    pattern: /pk_(?:live|test)_[A-Za-z0-9]{24,247}/,
    keywords: ['pk_live_', 'pk_test_'],
    minEntropy: 3,
    severity: 'info',
    publishable: true,
    envName: 'STRIPE_PUBLISHABLE_KEY',
    rotationUrl: dashboard,
  },
  {
    id: 'stripe-restricted-key',
    provider: 'Stripe',
    title: 'Stripe restricted key',
    pattern: /rk_(?:live|test)_[A-Za-z0-9]{24,247}/,
    keywords: ['rk_live_', 'rk_test_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'STRIPE_RESTRICTED_KEY',
    rotationUrl: dashboard,
  },
  {
    id: 'stripe-secret-key',
    provider: 'Stripe',
    title: 'Stripe live secret key',
    pattern: /sk_live_[A-Za-z0-9]{24,247}/,
    keywords: ['sk_live_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'STRIPE_SECRET_KEY',
    rotationUrl: dashboard,
  },
  {
    id: 'stripe-test-secret-key',
    provider: 'Stripe',
    title: 'Stripe test-mode secret key',
    // Test mode moves no money, but the key still reads and writes the account's test data.
    pattern: /sk_test_[A-Za-z0-9]{24,247}/,
    keywords: ['sk_test_'],
    minEntropy: 3,
    severity: 'warning',
    envName: 'STRIPE_SECRET_KEY',
    rotationUrl: 'https://dashboard.stripe.com/test/apikeys',
  },
  {
    id: 'stripe-webhook-secret',
    provider: 'Stripe',
    title: 'Stripe webhook signing secret',
    pattern: /whsec_[A-Za-z0-9+/=]{32,}/,
    keywords: ['whsec_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'STRIPE_WEBHOOK_SECRET',
    rotationUrl: 'https://dashboard.stripe.com/webhooks',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const stripeSamples = (): Record<string, RuleSamples> => ({
  'stripe-publishable-key': { positives: [(g) => 'pk_' + 'live_' + g.alnum(24)], negatives: ['pk_' + 'live_' + 'short'] },
  'stripe-restricted-key': { positives: [(g) => 'rk_' + 'live_' + g.alnum(24)], negatives: ['rk_' + 'live_' + 'x'.repeat(24)] },
  'stripe-secret-key': {
    positives: [(g) => 'sk_' + 'live_' + g.alnum(24), (g) => 'sk_' + 'live_' + g.alnum(99)],
    negatives: ['sk_' + 'live_' + 'your_key_here', 'sk_' + 'live_' + '*'.repeat(24), 'sk_' + 'live_' + 'x'.repeat(24)],
  },
  'stripe-test-secret-key': { positives: [(g) => 'sk_' + 'test_' + g.alnum(24)], negatives: ['sk_' + 'test_' + '123'] },
  'stripe-webhook-secret': { positives: [(g) => 'whsec_' + g.alnum(32)], negatives: ['whsec_' + '...'] },
});
