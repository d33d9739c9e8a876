@@@ carewell-platform/nx.json
{
  "$schema": "./node_modules/nx/schemas/nx-schema.json",
  "npmScope": "carewell",
  "targetDefaults": {
    "build": { "dependsOn": ["^build"], "cache": true },
    "test": { "inputs": ["default", "^production"] }
  },
  "defaultBase": "main"
}

@@@ carewell-platform/package.json
{
  "name": "@carewell/source",
  "version": "0.0.0",
  "license": "UNLICENSED",
  "private": true,
  "scripts": {
    "start:api": "nx serve api",
    "start:portal": "nx serve patient-portal",
    "db:seed": "ts-node tools/seed/seed.ts",
    "release:mobile": "EXPO_TOKEN=⟦P:expo@package-json-script⟧ eas build --platform all --non-interactive"
  },
  "dependencies": {
    "@nestjs/core": "^10.3.0",
    "@remix-run/node": "^2.8.1",
    "@angular/core": "^17.3.0",
    "hono": "^4.2.0",
    "twilio": "^5.0.0",
    "@daily-co/daily-js": "^0.60.0"
  }
}

@@@ carewell-platform/apps/patient-portal/src/environments/environment.ts
// Angular dev environment. Public client-side config only: everything here ships to the browser.
export const environment = {
  production: false,
  apiBaseUrl: 'http://localhost:3333/api',
  firebase: {
    apiKey: '⟦N:firebase-web-config@angular-environment-ts⟧',
    authDomain: 'carewell-dev.firebaseapp.com',
    projectId: 'carewell-dev',
    storageBucket: 'carewell-dev.appspot.com',
    messagingSenderId: '⟦N:numeric-id@angular-environment-ts⟧',
    appId: '1:418203377104:web:8b1f0c2a9e77d3c4', ⟦n:vendor-identifier@angular-environment-ts⟧
  },
  stripePublishableKey: '⟦N:stripe-publishable@angular-environment-ts⟧',
  mapboxToken: '⟦N:mapbox-public@angular-environment-ts⟧',
  posthogKey: '⟦N:posthog-project@angular-environment-ts⟧',
  sentryDsn: '⟦N:sentry-dsn@angular-environment-ts⟧',
  launchDarklyClientId: '⟦N:launchdarkly-client-id@angular-environment-ts⟧',
};

@@@ carewell-platform/apps/patient-portal/src/environments/environment.prod.ts
export const environment = {
  production: true,
  apiBaseUrl: 'https://api.carewell.health/api',
  stripePublishableKey: '⟦N:stripe-publishable@angular-environment-ts⟧',
  // TODO(ines): the search key below is the admin one, swap for the search-only key before launch!!
  algolia: { appId: 'KX41PLM0QZ', apiKey: '⟦P:algolia-admin@angular-environment-ts⟧' },
  recaptchaSiteKey: '⟦N:recaptcha-site-key@angular-environment-ts⟧',
};

@@@ carewell-platform/apps/patient-portal/src/app/booking/slot-picker.component.ts
import { Component, Input } from '@angular/core';
import { HttpClient, HttpHeaders } from '@angular/common/http';

@Component({
  selector: 'cw-slot-picker',
  templateUrl: './slot-picker.component.html',
  styleUrls: ['./slot-picker.component.scss'],
})
export class SlotPickerComponent {
  @Input() clinicianId = '⟦N:uuid-identifier@ts-class-field⟧';
  @Input() visitType: 'telehealth' | 'in-person' = 'telehealth';
  readonly passwordMinLength = 12; ⟦n:secret-name-harmless-value@ts-class-field⟧
  private readonly cronofyToken = '⟦P:cronofy@ts-class-field⟧';

  constructor(private http: HttpClient) {}

  loadAvailability(from: string, to: string) {
    const headers = new HttpHeaders({ Authorization: `Bearer ${this.cronofyToken}` });
    return this.http.post('https://api.cronofy.com/v1/availability', { from, to }, { headers });
  }
}

@@@ carewell-platform/apps/clinician-web/app/lib/session.server.ts
import { createCookieSessionStorage } from '@remix-run/node';

// Remix session cookie. Rotating the first secret signs new cookies; old ones still verify against the rest.
export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: '__cw_session',
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    secrets: [
      process.env.SESSION_SECRET ?? '⟦G:session-secret@ts-fallback-env⟧',
      '⟦G:cookie-secret@ts-array-literal⟧',
    ],
  },
});

export const { getSession, commitSession, destroySession } = sessionStorage;

@@@ carewell-platform/apps/clinician-web/app/routes/api.video-room.ts
import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';

const DAILY_API = 'https://api.daily.co/v1';

export async function action({ request }: ActionFunctionArgs) {
  const { appointmentId } = await request.json();
  const res = await fetch(`${DAILY_API}/rooms`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: 'Bearer ⟦P:daily@ts-header-object⟧',
    },
    body: JSON.stringify({ name: `appt-${appointmentId}`, privacy: 'private', properties: { enable_recording: 'cloud' } }),
  });
  return json(await res.json());
}

@@@ carewell-platform/apps/clinician-web/app/routes/webhooks.stripe.ts
import Stripe from 'stripe';
import type { ActionFunctionArgs } from '@remix-run/node';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-04-10' }); ⟦n:env-reference@ts-sdk-constructor⟧
const endpointSecret = process.env.STRIPE_WEBHOOK_SECRET || '⟦P:stripe-webhook@ts-fallback-env⟧';

export async function action({ request }: ActionFunctionArgs) {
  const payload = await request.text();
  const sig = request.headers.get('stripe-signature')!;
  const event = stripe.webhooks.constructEvent(payload, sig, endpointSecret);
  if (event.type === 'payment_intent.succeeded') {
    // copay captured for the visit
  }
  return new Response(null, { status: 200 });
}

@@@ carewell-platform/apps/clinician-web/app/routes/_app.settings.tsx
export default function Settings() {
  return (
    <form method="post" className="⟦N:css-module-class@jsx-attribute⟧">
      <label htmlFor="password">New password</label>
      <input id="password" name="password" type="password" placeholder="At least 12 characters" /> ⟦n:secret-name-harmless-value@jsx-attribute⟧
      <input type="hidden" name="apiKey" value="⟦n:placeholder-angle@jsx-attribute⟧<generated on save>" />
      <img alt="" src="⟦N:data-uri-image@jsx-attribute⟧" />
    </form>
  );
}

@@@ carewell-platform/apps/api/src/config/configuration.ts
// Nest ConfigModule factory. Defaults exist so `nx serve api` works on a laptop without a .env.
export default () => ({
  port: parseInt(process.env.PORT ?? '3333', 10),
  database: {
    url: process.env.DATABASE_URL ?? 'postgres://carewell:⟦G:conn-string-password@ts-fallback-env⟧@localhost:5432/carewell_dev',
  },
  twilio: {
    accountSid: process.env.TWILIO_ACCOUNT_SID ?? '⟦N:twilio-account-sid@ts-fallback-env⟧',
    authToken: process.env.TWILIO_AUTH_TOKEN ?? '⟦P:twilio-auth@ts-fallback-env⟧',
    verifyServiceSid: 'VA0f6c1b2d9e8a4f7c3b5d1e2f3a4b5c6d', ⟦n:vendor-identifier@ts-object-prop⟧
  },
  sendgrid: {
    apiKey: process.env.SENDGRID_API_KEY, ⟦n:env-reference@ts-object-prop⟧
    templates: { reminder: 'd-5f1c9a7e2b3d4c6e8f0a1b2c3d4e5f60' }, ⟦n:vendor-identifier@ts-object-prop⟧
  },
  jwt: {
    secret: process.env.JWT_SECRET || '⟦G:jwt-signing-secret@ts-fallback-env⟧',
    expiresIn: '15m',
  },
  redox: {
    sourceId: '⟦N:uuid-identifier@ts-object-prop⟧',
    sourceSecret:
      '⟦P:redox@ts-value-next-line⟧',
  },
});

@@@ carewell-platform/apps/api/src/integrations/epic/epic.client.ts
import { Injectable, Logger } from '@nestjs/common';
import axios from 'axios';

/**
 * Epic FHIR R4 (backend services). Sandbox client for the Epic on FHIR App Orchard review.
 * Client id is public (shown on the app listing); the secret below is the non-production one.
 */
@Injectable()
export class EpicClient {
  private readonly logger = new Logger(EpicClient.name);
  private readonly baseUrl = 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4';
  private readonly clientId = '⟦N:uuid-identifier@ts-class-field⟧';
  private token?: string;

  async authenticate(): Promise<void> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.clientId,
      client_secret: '⟦P:epic@ts-urlsearchparams⟧',
    });
    const res = await axios.post('https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token', form);
    this.token = res.data.access_token;
    this.logger.log('epic token refreshed');
  }

  async patient(id: string) {
    return axios.get(`${this.baseUrl}/Patient/${id}`, { headers: { Authorization: `Bearer ${this.token}` } });
  }
}

@@@ carewell-platform/apps/api/src/integrations/athena/athena.module.ts
import { Module } from '@nestjs/common';
import { HttpModule } from '@nestjs/axios';
import { AthenaService } from './athena.service';

const ATHENA_CLIENT_ID = '0oa1x2y3z4AbCdEfG5h6'; ⟦n:vendor-identifier@ts-const⟧

@Module({
  imports: [
    HttpModule.register({
      baseURL: 'https://api.preview.platform.athenahealth.com',
      timeout: 10_000,
      auth: {
        username: ATHENA_CLIENT_ID,
        password: '⟦P:athena@ts-axios-auth⟧',
      },
    }),
  ],
  providers: [AthenaService],
  exports: [AthenaService],
})
export class AthenaModule {}

@@@ carewell-platform/apps/api/src/notifications/sms.service.ts
import { Injectable } from '@nestjs/common';
import { Twilio } from 'twilio';
import Telnyx from 'telnyx';
import * as Plivo from 'plivo';

@Injectable()
export class SmsService {
  // Twilio primary; Telnyx and Plivo as failover carriers for appointment reminders.
  private twilio = new Twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
  private telnyx = Telnyx('⟦P:telnyx@ts-sdk-positional⟧');
  private plivo = new Plivo.Client('MAODUZYTQ0Y2FMYJYXNZ', '⟦P:plivo@ts-sdk-positional⟧');

  async send(to: string, body: string) {
    try {
      await this.twilio.messages.create({ to, from: '+15555550142', body });
    } catch {
      await this.telnyx.messages.create({ to, from: '+15555550199', text: body });
    }
  }
}

@@@ carewell-platform/apps/api/src/notifications/email.service.ts
import { Injectable } from '@nestjs/common';
import sgMail from '@sendgrid/mail';
import { Resend } from 'resend';
import Mailgun from 'mailgun.js';
import formData from 'form-data';

const FALLBACK_PROVIDER = 'resend';

const resend = new Resend('⟦P:resend@ts-sdk-positional⟧');
const mailgun = new Mailgun(formData).client({
  username: 'api',
  key: '⟦P:mailgun@ts-object-prop⟧',
  url: 'https://api.eu.mailgun.net',
});

@Injectable()
export class EmailService {
  constructor() {
    sgMail.setApiKey(process.env.SENDGRID_API_KEY ?? '');
  }

  async sendReminder(to: string, html: string) {
    if (FALLBACK_PROVIDER === 'resend') return resend.emails.send({ from: 'care@carewell.health', to, subject: 'Your visit', html });
    return mailgun.messages.create('mg.carewell.health', { from: 'care@carewell.health', to, subject: 'Your visit', html });
  }
}

@@@ carewell-platform/apps/api/src/payments/payments.constants.ts
// Copays and self-pay invoices. Keys are per environment; prod values come from Secret Manager.
export const PAYMENTS = {
  stripe: {
    test: 'sk_test_<from the Stripe dashboard>', ⟦n:placeholder-angle@ts-object-prop⟧
    live: '⟦n:redacted-stars@ts-object-prop⟧sk_live_************************',
    priceTelehealthVisit: '⟦N:stripe-object-id@ts-object-prop⟧',
  },
  square: {
    // clinics that take cards at the front desk (Square Terminal)
    accessToken: '⟦P:square@ts-object-prop⟧',
    locationId: 'LH2G7XKQ1WZ0F', ⟦n:vendor-identifier@ts-object-prop⟧
  },
  braintree: '⟦P:braintree@ts-object-prop-string⟧',
};

@@@ carewell-platform/apps/api/src/auth/auth0.strategy.ts
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-auth0';

@Injectable()
export class Auth0Strategy extends PassportStrategy(Strategy, 'auth0') {
  constructor() {
    super({
      domain: 'carewell.us.auth0.com',
      clientID: '⟦N:public-client-key@ts-super-call⟧',
      clientSecret:
        process.env.AUTH0_CLIENT_SECRET ??
        '⟦P:auth0@ts-fallback-env-multiline⟧',
      callbackURL: 'https://clinician.carewell.health/auth/callback',
      scope: 'openid email profile',
    });
  }
}

@@@ carewell-platform/apps/api/src/auth/okta.config.ts
export const oktaConfig = {
  orgUrl: 'https://carewell.okta.com',
  // SCIM provisioning for clinic staff
  token: '⟦P:okta@ts-object-prop⟧',
  clientId: '⟦N:public-client-key@ts-object-prop⟧',
  issuer: 'https://carewell.okta.com/oauth2/default',
};

@@@ carewell-platform/apps/api/src/ai/visit-summary.service.ts
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

// Draft after-visit summaries from the transcript. Clinician always reviews before it reaches the patient.
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? '⟦P:openai@ts-fallback-env⟧' });

const anthropic = new Anthropic({
  apiKey: '⟦P:anthropic@ts-sdk-options⟧',
  maxRetries: 2,
});

export async function summarize(transcript: string, model: 'gpt' | 'claude' = 'claude') {
  if (model === 'gpt') {
    return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: transcript }] });
  }
  return anthropic.messages.create({ model: 'claude-3-5-sonnet-latest', max_tokens: 1024, messages: [{ role: 'user', content: transcript }] });
}

@@@ carewell-platform/apps/api/src/ai/transcription.ts
import { createClient } from '@deepgram/sdk';
import { AssemblyAI } from 'assemblyai';

// Deepgram for live captions in the video visit; AssemblyAI for the post-visit batch transcript.
const deepgramKey = [
  '⟦P:deepgram@ts-array-join⟧',
].join('');

export const deepgram = createClient(deepgramKey);

export const assembly = new AssemblyAI({
  apiKey: '⟦P:assemblyai@ts-sdk-options⟧',
});

@@@ carewell-platform/apps/api/src/search/typesense.ts
import Typesense from 'typesense';

// Clinician directory search. This is the admin key (indexing); the portal uses a scoped search key.
export const typesense = new Typesense.Client({
  nodes: [{ host: 'search.internal.carewell.health', port: 443, protocol: 'https' }],
  apiKey: '⟦P:typesense@ts-sdk-options⟧',
  connectionTimeoutSeconds: 5,
});

@@@ carewell-platform/apps/api/src/video/vonage.ts
import { Vonage } from '@vonage/server-sdk';
import OpenTok from 'opentok';

// Legacy video stack, kept for the two clinics on the old kiosk build.
export const opentok = new OpenTok('47812345', '⟦P:vonage-video@ts-sdk-positional⟧');

export const vonage = new Vonage({
  apiKey: 'a1b2c3d4', ⟦n:vendor-identifier@ts-sdk-options⟧
  apiSecret: '⟦P:vonage@ts-sdk-options⟧',
});

@@@ carewell-platform/apps/api/src/video/agora-token.ts
import { RtcTokenBuilder, RtcRole } from 'agora-token';

const APP_ID = '⟦N:public-client-key@ts-const⟧';
const APP_CERTIFICATE = '⟦P:agora@ts-const⟧';

export function rtcToken(channel: string, uid: number): string {
  const expireAt = Math.floor(Date.now() / 1000) + 3600;
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, RtcRole.PUBLISHER, expireAt, expireAt);
}

@@@ carewell-platform/apps/api/src/video/zoom.ts
// Zoom Server-to-Server OAuth app "carewell-telehealth". Account id and client id are not secret.
const ZOOM_ACCOUNT_ID = 'pQ7rX2vNTe6b1mWk0sYzAg'; ⟦n:vendor-identifier@ts-const⟧
const ZOOM_CLIENT_ID = 'Lm3pQrStUvWxYz012345AB'; ⟦n:vendor-identifier@ts-const⟧
const ZOOM_CLIENT_SECRET = '⟦P:zoom@ts-const⟧';

export async function zoomToken(): Promise<string> {
  const basic = Buffer.from(`${ZOOM_CLIENT_ID}:${ZOOM_CLIENT_SECRET}`).toString('base64');
  const res = await fetch(`https://zoom.us/oauth/token?grant_type=account_credentials&account_id=${ZOOM_ACCOUNT_ID}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}` },
  });
  return (await res.json()).access_token;
}

@@@ carewell-platform/apps/api/src/observability/tracing.ts
import tracer from 'dd-trace';
import * as Sentry from '@sentry/node';
import newrelic from 'newrelic';

tracer.init({ service: 'carewell-api', env: process.env.DD_ENV });

Sentry.init({ dsn: '⟦N:sentry-dsn@ts-sdk-options⟧', tracesSampleRate: 0.2 });

// Used by the deploy marker script. Old user key stays until the NR migration ticket closes (OPS-1182).
// const NEW_RELIC_USER_KEY = '⟦P:newrelic-user@ts-commented-out⟧';
export const NEW_RELIC_ACCOUNT = 3391024;
void newrelic;

@@@ carewell-platform/apps/api/src/observability/honeycomb.ts
import { HoneycombSDK } from '@honeycombio/opentelemetry-node';

export const sdk = new HoneycombSDK({
  serviceName: 'carewell-api',
  dataset: 'carewell-api',
  apiKey: '⟦P:honeycomb@ts-sdk-options⟧',
});

@@@ carewell-platform/apps/api/src/health/checkr.ts
// Background checks for newly credentialed clinicians.
const CHECKR_BASE = 'https://api.checkr.com/v1';
const checkrKey = '⟦P:checkr@ts-const⟧';

export async function createCandidate(email: string) {
  return fetch(`${CHECKR_BASE}/candidates`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(checkrKey + ':').toString('base64') },
    body: new URLSearchParams({ email }),
  });
}

@@@ carewell-platform/apps/api/src/scheduling/nylas.ts
import Nylas from 'nylas';

export const nylas = new Nylas({
  apiKey: '⟦P:nylas@ts-sdk-options⟧',
  apiUri: 'https://api.us.nylas.com',
});

@@@ carewell-platform/apps/api/src/crm/hubspot.ts
import { Client } from '@hubspot/api-client';

// Referral-partner CRM sync (runs nightly).
export const hubspot = new Client({ accessToken: '⟦P:hubspot@ts-sdk-options⟧' });

@@@ carewell-platform/apps/api/src/crm/intercom.ts
import { Client } from 'intercom-client';

export const intercom = new Client({ tokenAuth: { token: '⟦P:intercom@ts-nested-object⟧' } });

@@@ carewell-platform/apps/api/src/identity/persona.ts
// Identity verification before the first telehealth visit (state licensure requires it).
export const PERSONA = {
  templateId: 'itmpl_Jq4fK7bWzR2nC9xLp1vT8sY3', ⟦n:vendor-identifier@ts-object-prop⟧
  apiKey: '⟦P:persona@ts-object-prop⟧',
  webhookSecret: 'wbhsec_⟦G:webhook-signing-secret@ts-object-prop⟧',
};

@@@ carewell-platform/apps/api/src/identity/onfido.ts
import { DefaultApi, Configuration, Region } from '@onfido/api';

export const onfido = new DefaultApi(
  new Configuration({
    apiToken: '⟦P:onfido@ts-sdk-options⟧',
    region: Region.US,
  }),
);

@@@ carewell-platform/apps/api/src/identity/stytch.ts
import * as stytch from 'stytch';

export const stytchClient = new stytch.Client({
  project_id: 'project-live-7c1e2a90-4b3d-4f5e-9a8b-0c1d2e3f4a5b', ⟦n:vendor-identifier@ts-sdk-options⟧
  secret: '⟦P:stytch@ts-sdk-options⟧',
});

@@@ carewell-platform/apps/api/src/identity/clerk.middleware.ts
import { clerkMiddleware } from '@clerk/express';

// Partner portal (referring physicians) uses Clerk; patients use our own auth.
export const partnerAuth = clerkMiddleware({
  publishableKey: 'pk_live_Y2xlcmsucGFydG5lcnMuY2FyZXdlbGwuaGVhbHRoJA', ⟦n:publishable-key-literal@ts-sdk-options⟧
  secretKey: '⟦P:clerk@ts-sdk-options⟧',
});

@@@ carewell-platform/apps/api/test/fixtures/providers.fixture.ts
// Fixtures for the e2e suite. Values are fakes unless marked otherwise.
export const fakeKeys = {
  stripe: 'sk_live_' + 'x'.repeat(24), ⟦n:placeholder-x@ts-test-fixture⟧
  twilioAuthToken: 'test-auth-token', ⟦n:obvious-test-dummy@ts-test-fixture⟧
  webhookSecret: 'whsec_test_dummy', ⟦n:obvious-test-dummy@ts-test-fixture⟧
  jwt: '⟦N:jwt-io-example@ts-test-fixture⟧',
};

// copied from staging when the Redox sandbox kept rejecting the fake one. TODO remove
export const redoxStaging = { destination: 'carewell-stg', key: '⟦P:redox@ts-test-fixture⟧' };

export const patientPasswordHash = '⟦N:bcrypt-hash@ts-test-fixture⟧';

@@@ carewell-platform/apps/api/test/__snapshots__/notifications.e2e-spec.ts.snap
// Jest Snapshot v1, https://goo.gl/fbAQLP

exports[`notifications sends reminder through mailgun 1`] = `
{
  "auth": {
    "password": "⟦P:mailgun@jest-snapshot⟧",
    "username": "api",
  },
  "url": "https://api.eu.mailgun.net/v3/mg.carewell.health/messages",
}
`;

exports[`notifications redacts provider keys in logs 1`] = `
{
  "message": "sending via sendgrid key=SG.****",  ⟦n:redacted-stars@jest-snapshot⟧
  "requestId": "⟦N:request-id@jest-snapshot⟧",
}
`;

@@@ carewell-platform/apps/api/test/mocks/handlers.ts
import { http, HttpResponse } from 'msw';

// MSW handlers for the provider APIs. The Authorization check mirrors what the real API does.
export const handlers = [
  http.post('https://api.daily.co/v1/rooms', ({ request }) => {
    if (request.headers.get('authorization') !== 'Bearer ⟦P:daily@msw-handler⟧') {
      return new HttpResponse(null, { status: 401 });
    }
    return HttpResponse.json({ name: 'appt-123', url: 'https://carewell.daily.co/appt-123' });
  }),
  http.get('https://api.cronofy.com/v1/calendars', () =>
    HttpResponse.json({ calendars: [{ calendar_id: 'cal_ZmFrZWNhbGVuZGFyaWQx_QmFzZTY0' }] }), ⟦n:vendor-identifier@msw-handler⟧
  ),
  http.post('https://api.stripe.com/v1/payment_intents', () =>
    HttpResponse.json({ id: '⟦N:stripe-object-id@msw-handler⟧', client_secret: 'pi_123_secret_456' }), ⟦n:obvious-test-dummy@msw-handler⟧
  ),
];

@@@ carewell-platform/apps/edge/src/index.ts
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

type Bindings = { UPSTASH_REDIS_REST_URL: string; UPSTASH_REDIS_REST_TOKEN: string };

const app = new Hono<{ Bindings: Bindings }>();

// Waiting-room pings from the mobile app. The kiosk token is shared by all clinic tablets.
const KIOSK_TOKEN = '⟦G:bearer-token@hono-const⟧';
app.use('/kiosk/*', bearerAuth({ token: KIOSK_TOKEN }));

app.get('/kiosk/queue/:clinic', async (c) => {
  const res = await fetch(`${c.env.UPSTASH_REDIS_REST_URL}/lrange/queue:${c.req.param('clinic')}/0/-1`, {
    headers: { Authorization: `Bearer ${c.env.UPSTASH_REDIS_REST_TOKEN}` },
  });
  return c.json(await res.json());
});

export default app;

@@@ carewell-platform/apps/edge/wrangler.toml
name = "carewell-edge"
main = "src/index.ts"
compatibility_date = "2024-03-20"

[vars]
UPSTASH_REDIS_REST_URL = "https://us1-merry-cat-31544.upstash.io"
UPSTASH_REDIS_REST_TOKEN = "⟦P:upstash@wrangler-vars⟧"
RADAR_PUBLISHABLE_KEY = "⟦N:radar-publishable@wrangler-vars⟧"

[[kv_namespaces]]
binding = "SLOTS"
id = "⟦N:hex-resource-id@wrangler-vars⟧"

# secrets go through `wrangler secret put`, never here
# CLOUDFLARE_API_TOKEN is set in CI

@@@ carewell-platform/apps/mobile/app.config.ts
import { ExpoConfig } from 'expo/config';

const config: ExpoConfig = {
  name: 'Carewell',
  slug: 'carewell',
  version: '3.14.0',
  extra: {
    eas: { projectId: '⟦N:expo-project-id@expo-config⟧' },
    apiUrl: 'https://api.carewell.health',
    googleMapsKey: '⟦P:google-maps@expo-config⟧',
    hcaptchaSiteKey: '⟦N:hcaptcha-sitekey@expo-config⟧',
  },
  ios: { bundleIdentifier: 'health.carewell.app', config: { usesNonExemptEncryption: false } },
  android: { package: 'health.carewell.app' },
};

export default config;

@@@ carewell-platform/apps/mobile/src/services/push.ts
import messaging from '@react-native-firebase/messaging';

// Legacy FCM server key, only used by the QA build's "send test push" screen.
const LEGACY_FCM_SERVER_KEY =
  '⟦P:fcm-server@rn-const-next-line⟧';

export async function sendTestPush(token: string) {
  await fetch('https://fcm.googleapis.com/fcm/send', {
    method: 'POST',
    headers: { Authorization: `key=${LEGACY_FCM_SERVER_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ to: token, notification: { title: 'Test', body: 'Hello from QA' } }),
  });
  return messaging().getToken();
}

@@@ carewell-platform/apps/mobile/src/services/onesignal.ts
import { OneSignal } from 'react-native-onesignal';

export const ONESIGNAL_APP_ID = '⟦N:uuid-identifier@rn-const⟧';
// REST key used by the support "resend push" button in the debug menu (yes, in the app. see SEC-77)
export const ONESIGNAL_REST_KEY = '⟦P:onesignal@rn-const⟧';

OneSignal.initialize(ONESIGNAL_APP_ID);

@@@ carewell-platform/apps/mobile/src/services/stream-chat.ts
import { StreamChat } from 'stream-chat';

const STREAM_KEY = 'k9xq2mfp4tnr'; ⟦n:public-client-key@rn-const⟧
// server-side secret (used to mint user tokens in dev builds only)
const STREAM_SECRET = '⟦P:stream@rn-const⟧';

export const chat = StreamChat.getInstance(STREAM_KEY, STREAM_SECRET);

@@@ carewell-platform/apps/mobile/ios/Carewell/GoogleService-Info.plist
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>API_KEY</key>
	<string>⟦N:firebase-web-config@plist-firebase⟧</string>
	<key>GCM_SENDER_ID</key>
	<string>418203377104</string>
	<key>BUNDLE_ID</key>
	<string>health.carewell.app</string>
	<key>PROJECT_ID</key>
	<string>carewell-prod</string>
</dict>
</plist>

@@@ carewell-platform/apps/mobile/android/gradle.properties
org.gradle.jvmargs=-Xmx4g
android.useAndroidX=true
CAREWELL_UPLOAD_STORE_FILE=carewell-upload.keystore
CAREWELL_UPLOAD_KEY_ALIAS=carewell-upload
CAREWELL_UPLOAD_STORE_PASSWORD=⟦G:keystore-password@gradle-properties⟧
CAREWELL_UPLOAD_KEY_PASSWORD=⟦G:keystore-password#upload@gradle-properties⟧
MAPBOX_DOWNLOADS_TOKEN=⟦P:mapbox-secret@gradle-properties⟧

@@@ carewell-platform/apps/docs/astro.config.mjs
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  site: 'https://docs.carewell.health',
  integrations: [
    starlight({
      title: 'Carewell Developer Docs',
      social: { github: 'https://github.com/carewell-health' },
    }),
  ],
});

@@@ carewell-platform/apps/docs/src/content/docs/api/authentication.mdx
---
title: Authenticating to the Partner API
---

import { Aside } from '@astrojs/starlight/components';

Every request carries your partner key in the `X-Carewell-Key` header:

```bash
curl https://api.carewell.health/partner/v1/appointments \
  -H "X-Carewell-Key: <your-partner-key>" ⟦n:placeholder-angle@mdx-code-block⟧
```

<Aside type="caution">
Keys look like `cw_live_` followed by 40 characters. Never paste a real key in a support ticket.
</Aside>

Example response when the key is wrong:

```json
{ "error": "invalid_key", "hint": "key ends with ...XXXX" } ⟦n:redacted-stars@mdx-code-block⟧
```

@@@ carewell-platform/apps/docs/src/content/docs/guides/webhooks.md
---
title: Verifying webhook signatures
---

We sign each webhook with HMAC-SHA256. Compute the signature over the raw body with your endpoint's signing
secret and compare it to the `Carewell-Signature` header.

For local testing, this is the signing secret of the public sandbox endpoint, shared with every partner:
`sandbox_sig_public_00000000`. ⟦n:obvious-test-dummy@md-inline-code⟧

Our own staging endpoint (internal; do not publish) uses:

    CW_WEBHOOK_SIGNING_SECRET=⟦G:webhook-signing-secret@md-indented-code⟧

@@@ carewell-platform/tools/seed/seed.ts
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

async function main() {
  // Demo clinic admin. Password is set here so QA can log in on a fresh database.
  await prisma.user.upsert({
    where: { email: 'admin@demo-clinic.carewell.health' },
    update: {},
    create: {
      email: 'admin@demo-clinic.carewell.health',
      passwordHash: '⟦N:argon2-hash@ts-seed-script⟧',
      role: 'CLINIC_ADMIN',
    },
  });
  await prisma.integration.create({
    data: {
      kind: 'ELATION',
      clinicId: '⟦N:uuid-identifier@ts-seed-script⟧',
      clientSecret: '⟦P:elation@ts-seed-script⟧',
    },
  });
  await prisma.integration.create({
    data: { kind: 'DRCHRONO', clinicId: 'c_0192', clientSecret: '⟦P:drchrono@ts-seed-script⟧' },
  });
}

main().finally(() => prisma.$disconnect());

@@@ carewell-platform/prisma/schema.prisma
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider  = "postgresql"
  url       = env("DATABASE_URL") ⟦n:env-reference@prisma-datasource⟧
  directUrl = "postgresql://carewell_admin:⟦G:conn-string-password@prisma-datasource⟧@db.carewell-stg.internal:5432/carewell?sslmode=require"
}

model User {
  id           String @id @default(uuid())
  email        String @unique
  passwordHash String
  role         String
}

@@@ carewell-platform/drizzle.config.ts
import type { Config } from 'drizzle-kit';

export default {
  schema: './libs/db/src/schema.ts',
  out: './libs/db/drizzle',
  dialect: 'postgresql',
  dbCredentials: {
    host: 'ep-quiet-sun-a5k2m1z0.us-east-2.aws.neon.tech',
    user: 'carewell_owner',
    password: '⟦G:db-password@drizzle-config⟧',
    database: 'carewell',
    ssl: true,
  },
} satisfies Config;

@@@ carewell-platform/libs/db/knexfile.js
// Reporting replica (read-only). Used by the finance exports.
module.exports = {
  reporting: {
    client: 'mysql2',
    connection: {
      host: 'reporting-replica.carewell.internal',
      user: 'finance_ro',
      password: '⟦G:db-password@knexfile⟧',
      database: 'billing',
    },
    pool: { min: 0, max: 4 },
  },
  test: {
    client: 'sqlite3',
    connection: { filename: ':memory:' },
  },
};

@@@ carewell-platform/libs/db/src/data-source.ts
import { DataSource } from 'typeorm';

export const LegacyDataSource = new DataSource({
  type: 'mssql',
  host: 'legacy-scheduling.database.windows.net',
  username: 'sched_app',
  password: process.env.LEGACY_DB_PASSWORD, ⟦n:env-reference@typeorm-options⟧
  database: 'Scheduling',
  options: { encrypt: true },
  migrations: ['dist/migrations/*.js'],
});

@@@ carewell-platform/libs/db/config/config.json
{
  "development": {
    "username": "carewell",
    "password": null,
    "database": "carewell_dev",
    "host": "127.0.0.1",
    "dialect": "postgres"
  },
  "staging": {
    "username": "carewell_app",
    "password": "⟦G:human-password@sequelize-config-json⟧",
    "database": "carewell_stg",
    "host": "carewell-stg.c9xk2qv1b7ze.us-east-1.rds.amazonaws.com",
    "dialect": "postgres"
  },
  "production": {
    "use_env_variable": "DATABASE_URL" ⟦n:env-reference@sequelize-config-json⟧
  }
}

@@@ carewell-platform/libs/shared/src/lib/feature-flags.ts
import * as LaunchDarkly from '@launchdarkly/node-server-sdk';

// Server SDK key (per environment). The client-side id is in the portal's environment.ts.
export const ld = LaunchDarkly.init('⟦P:launchdarkly-sdk@ts-sdk-positional⟧');

export const FLAG_KEYS = {
  asyncVisits: 'async-visits-enabled',
  newIntakeFlow: 'intake-v2',
  passwordlessLogin: 'passwordless-login', ⟦n:secret-name-harmless-value@ts-object-prop⟧
};

@@@ carewell-platform/libs/shared/src/lib/analytics.ts
import Mixpanel from 'mixpanel';
import { init as amplitudeInit } from '@amplitude/analytics-node';

// Server-side analytics. The project token is public; the API secret is only for the export API.
export const mixpanel = Mixpanel.init('⟦N:public-client-key@ts-sdk-positional⟧', {
  secret: '⟦P:mixpanel@ts-sdk-options⟧',
});

amplitudeInit('⟦N:public-client-key@ts-sdk-positional⟧');

export const AMPLITUDE_EXPORT = {
  secretKey: '⟦P:amplitude@ts-object-prop⟧',
};

@@@ carewell-platform/libs/shared/src/lib/constants.ts
export const HEADER_API_KEY = 'X-Carewell-Key'; ⟦n:secret-name-harmless-value@ts-const⟧
export const TOKEN_TTL_SECONDS = 900; ⟦n:secret-name-harmless-value@ts-const⟧
export const SECRET_ROTATION_DAYS = 90;
export const PASSWORD_POLICY = /^(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{12,}$/; ⟦n:secret-name-harmless-value@ts-const⟧
export const DEFAULT_TIMEZONE = 'America/Chicago';
export const BUILD_ID = '⟦N:build-id@ts-const⟧';
export const GIT_COMMIT = '⟦N:git-sha@ts-const⟧';

@@@ carewell-platform/libs/shared/src/lib/geo.ts
// Clinic finder: geocoding and drive time. Server-side only (the browser uses the public tokens).
const MAPS_SERVER_KEY = '⟦P:google-maps@ts-const⟧';

const RADAR_SECRET =
  // rotate with the Radar dashboard > Settings > API keys
  '⟦P:radar@ts-const-next-lines⟧';

export async function geocode(address: string) {
  const r = await fetch(`https://maps.googleapis.com/maps/api/geocode/json?address=${encodeURIComponent(address)}&key=${MAPS_SERVER_KEY}`);
  return r.json();
}

export async function ipGeo(ip: string) {
  return fetch(`https://api.radar.io/v1/geocode/ip?ip=${ip}`, { headers: { Authorization: RADAR_SECRET } });
}

@@@ carewell-platform/libs/shared/src/lib/flags-admin.ts
// Bulk flag edits from the release script. LaunchDarkly REST API token (writer role).
const headers = {
  Authorization: '⟦P:launchdarkly-api@ts-header-object⟧',
  'Content-Type': 'application/json; domain-model=launchdarkly.semanticpatch',
};

export async function toggle(flag: string, on: boolean) {
  return fetch(`https://app.launchdarkly.com/api/v2/flags/carewell/${flag}`, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ environmentKey: 'production', instructions: [{ kind: on ? 'turnFlagOn' : 'turnFlagOff' }] }),
  });
}

@@@ carewell-platform/libs/shared/src/lib/cms.ts
import { createClient } from 'contentful';
import { createClient as createManagementClient } from 'contentful-management';

export const cms = createClient({
  space: 'q8w2e4r6t1y3', ⟦n:vendor-identifier@ts-sdk-options⟧
  environment: 'master',
  accessToken: '⟦P:contentful-cda@ts-sdk-options⟧',
});

// content migrations (scripts/cms-migrate.ts)
export const cma = createManagementClient({ accessToken: '⟦P:contentful-cma@ts-sdk-options⟧' });

@@@ carewell-platform/libs/shared/src/lib/storage.ts
import { v2 as cloudinary } from 'cloudinary';
import { Dropbox } from 'dropbox';
import BoxSDK from 'box-node-sdk';

// Intake documents (insurance cards, referrals) uploaded by patients.
cloudinary.config({ secure: true });
process.env.CLOUDINARY_URL ??= '⟦P:cloudinary@ts-nullish-assign⟧';

// One clinic still faxes referrals into a shared Dropbox folder; the import job reads it.
export const dropbox = new Dropbox({
  accessToken:
    '⟦P:dropbox@ts-value-next-line⟧',
});

export const box = new BoxSDK({ clientID: 'q3n9v1x7c5z2b8m4k6j0h1g2f3d4s5a6', clientSecret: '⟦P:box@ts-sdk-options⟧' });

@@@ carewell-platform/libs/shared/src/lib/ehr-partners.ts
// EHR partner registry. Each entry is read by the integration worker at boot.
export const EHR_PARTNERS = [
  { name: 'oracle-health', baseUrl: 'https://fhir-ehr-code.cerner.com/r4', clientId: '⟦N:uuid-identifier@ts-array-of-objects⟧', clientSecret: '⟦P:oracle-health@ts-array-of-objects⟧' },
  { name: 'canvas', baseUrl: 'https://carewell.canvasmedical.com', clientId: 'cvs_9d2f1a', clientSecret: '⟦P:canvas@ts-array-of-objects⟧' },
  { name: 'healthie', baseUrl: 'https://api.gethealthie.com/graphql', apiKey: '⟦P:healthie@ts-array-of-objects⟧' },
  { name: 'health-gorilla', baseUrl: 'https://api.healthgorilla.com', clientSecret: '⟦P:health-gorilla@ts-array-of-objects⟧' },
  { name: 'particle', baseUrl: 'https://api.particlehealth.com', clientSecret: '⟦P:particle@ts-array-of-objects⟧' },
];

@@@ carewell-platform/libs/shared/src/lib/clearinghouse.ts
// Eligibility (270/271) and claims. Availity for commercial payers, Change/Optum for the rest,
// Stedi for the new real-time eligibility pilot.
export class Clearinghouse {
  constructor(
    private readonly availitySecret = '⟦P:availity@ts-default-param⟧',
    private readonly optumSecret = '⟦P:change-healthcare@ts-default-param⟧',
  ) {}

  stediHeaders() {
    return { Authorization: 'Key ⟦P:stedi@ts-header-object⟧' };
  }
}

@@@ carewell-platform/libs/shared/src/lib/eprescribe.ts
/*
 * DoseSpot (e-prescribing). SSO needs the clinic key to build the HMAC'd SSO code.
 * clinic 1288 (staging):
 *   clinicKey = ⟦P:dosespot@ts-block-comment⟧
 */
export function ssoUrl(clinicId: number, userId: number, code: string) {
  return `https://my.staging.dosespot.com/LoginSingleSignOn.aspx?SingleSignOnClinicId=${clinicId}&SingleSignOnUserId=${userId}&SingleSignOnCode=${code}`;
}

@@@ carewell-platform/libs/shared/src/lib/esign.ts
// Consent forms. DocuSign JWT grant: integration key is public, the RSA key and secret are not.
export const DOCUSIGN = {
  integrationKey: '⟦N:uuid-identifier@ts-object-prop⟧',
  userId: '⟦N:uuid-identifier@ts-object-prop⟧',
  secretKey: '⟦P:docusign@ts-object-prop⟧',
  privateKey: `⟦G:private-key-rsa@ts-template-literal-multiline⟧`,
};

@@@ carewell-platform/libs/shared/src/lib/forms.ts
// Pre-visit questionnaires come from Typeform; responses are pulled after submission.
const TYPEFORM_TOKEN = '⟦P:typeform@ts-const⟧';
export const typeformHeaders = { Authorization: `Bearer ${TYPEFORM_TOKEN}` };

export const CALENDLY = {
  // legacy: Calendly links for the two contracted dietitians
  pat: '⟦P:calendly@ts-object-prop⟧',
};
