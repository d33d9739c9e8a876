import { MERCHANT_ID, SIMULATOR_URL } from '../config';

const BILLING_URL = `${SIMULATOR_URL}/billing-api/v1`;

// TODO(checkout#212): read from the secrets manager before launch.
const billingApiKey = '{{secret:generic-base64-40}}';

export interface Charge {
  id: string;
  status: 'succeeded' | 'pending' | 'failed';
  amountCents: number;
}

/** Reachability of our billing account; /healthz reports it. */
export async function pingBilling(): Promise<boolean> {
  const res = await fetch(`${BILLING_URL}/account`, {
    headers: { Authorization: `Bearer ${billingApiKey}` },
  });
  return res.ok;
}

export async function createCharge(amountCents: number, currency: string, cardToken: string, orderId: string): Promise<Charge> {
  const res = await fetch(`${BILLING_URL}/charges`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${billingApiKey}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': orderId,
    },
    body: JSON.stringify({ merchant: MERCHANT_ID, amount: amountCents, currency, source: cardToken }),
  });
  if (!res.ok) throw new Error(`billing: charge failed with HTTP ${res.status}`);
  return (await res.json()) as Charge;
}
