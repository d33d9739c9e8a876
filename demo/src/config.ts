/**
 * Runtime configuration for acme-checkout.
 *
 * Production reads everything from the environment. The literals below started life as
 * "temporary" local defaults and are exactly what a key rotation trips over.
 */

/** Where the provider APIs live. Locally: the Rotation Ready provider simulator. */
export const SIMULATOR_URL = process.env.SIMULATOR_URL ?? 'http://127.0.0.1:7311';

export const PORT = Number(process.env.PORT ?? '8080');

/** Our merchant account at the billing provider: an identifier, not a secret. */
export const MERCHANT_ID = '0a9d50d8-2532-45f7-8ff8-b4bfe281bd60';

/** Used for refunds. Falls back to the live key when the variable is unset (it always is, locally). */
export const STRIPE_SECRET_KEY = process.env.STRIPE_SECRET_KEY ?? '{{secret:stripe-secret-key}}';

/** Publishable keys are meant to ship to the browser checkout page. */
export const STRIPE_PUBLISHABLE_KEY = '{{secret:stripe-publishable-key}}';

export const DATABASE_URL = 'postgres://checkout:{{secret:password}}@localhost:5432/checkout';

/** Paid receipts are archived as PDFs. */
export const receiptArchive = {
  bucket: 'acme-checkout-receipts',
  region: 'eu-west-1',
  accessKeyId: '{{secret:aws-access-key-id}}',
  secretAccessKey: '{{secret:aws-secret-access-key}}',
};

/** SHA-256 of templates/receipt.hbs; the service refuses to start on a tampered template. */
export const RECEIPT_TEMPLATE_SHA256 = '042862cc480d8d866b1664e17138bcff1e1492516d9b18f07d269080a29e0503';

/** Currency conversion for cross-border carts; each developer sets their own key (see .env.example). */
export const FX_API_KEY = process.env.FX_API_KEY ?? 'YOUR_API_KEY';
