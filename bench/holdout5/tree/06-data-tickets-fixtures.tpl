@@@ carewell-data/exports/fhir/bundle-appointments-2024-10-14.json
{
  "resourceType": "Bundle",
  "id": "⟦N:uuid-identifier@fhir-bundle⟧",
  "type": "collection",
  "meta": { "lastUpdated": "2024-10-14T06:00:03Z", "versionId": "⟦N:etag@fhir-bundle⟧" },
  "entry": [
    {
      "fullUrl": "urn:uuid:⟦N:uuid-identifier@fhir-bundle⟧",
      "resource": {
        "resourceType": "Appointment",
        "status": "booked",
        "identifier": [{ "system": "http://hl7.org/fhir/sid/us-npi", "value": "⟦N:medical-identifier@fhir-bundle⟧" }],
        "start": "2024-10-15T14:00:00-05:00",
        "end": "2024-10-15T14:20:00-05:00"
      }
    },
    {
      "fullUrl": "urn:uuid:⟦N:uuid-identifier@fhir-bundle⟧",
      "resource": {
        "resourceType": "Endpoint",
        "status": "active",
        "connectionType": { "code": "hl7-fhir-rest" },
        "address": "https://fhir.partnerlab.example.org/r4",
        "header": ["Authorization: Bearer ⟦G:bearer-token@fhir-endpoint-header⟧"]
      }
    }
  ]
}

@@@ carewell-data/exports/integrations_2024-09.csv
clinic_id,vendor,environment,client_id,client_secret,last_rotated
c_0101,redox,production,⟦N:uuid-identifier@csv-export⟧,⟦P:redox@csv-export⟧,2024-03-01
c_0101,healthie,production,,⟦P:healthie@csv-export⟧,2024-05-17
c_0212,elation,sandbox,el_sbx_44,******,2023-11-30 ⟦n:redacted-stars@csv-export⟧
c_0307,canvas,production,cvs_9d2f1a,⟦P:canvas@csv-export⟧,2024-08-09

@@@ carewell-data/exports/schema/appointments.parquet.schema.json
{
  "type": "struct",
  "fields": [
    { "name": "appointment_id", "type": "string", "nullable": false },
    { "name": "patient_token", "type": "string", "nullable": false, "metadata": { "comment": "HMAC of MRN, not reversible" } },
    { "name": "video_room_secret", "type": "string", "nullable": true, "metadata": { "example": "<redacted>" } }, ⟦n:placeholder-angle@parquet-schema-json⟧
    { "name": "created_at", "type": "timestamp", "nullable": false }
  ]
}

@@@ carewell-platform/libs/db/migrations/20240611093000_add_partner_keys.sql
-- Partner API keys are stored hashed (sha256); the plaintext is shown once at creation.
CREATE TABLE partner_api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partner_id uuid NOT NULL REFERENCES partners(id),
  key_prefix text NOT NULL,
  key_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO partner_api_keys (partner_id, key_prefix, key_hash) VALUES
  ('⟦N:uuid-identifier@sql-migration⟧', 'cw_live_4f2a', '⟦N:checksum-hex@sql-migration⟧');

-- bootstrap the internal reporting partner (replace after first deploy!)
INSERT INTO service_accounts (name, token) VALUES ('reporting', '⟦G:internal-api-token@sql-migration⟧');

@@@ carewell-data/backups/carewell_stg_2024-07-01.sql
--
-- PostgreSQL database dump
--
SET statement_timeout = 0;
SET client_encoding = 'UTF8';

COPY public.integrations (id, clinic_id, vendor, config) FROM stdin;
1	c_0101	zoom	{"account_id": "pQ7rX2vNTe6b1mWk0sYzAg", "client_secret": "⟦P:zoom@sql-dump-copy⟧"}
2	c_0101	mailchimp	{"list_id": "a1b2c3d4e5", "api_key": "⟦P:mailchimp@sql-dump-copy⟧"}
3	c_0212	daily	{"domain": "carewell", "api_key": null}
\.

COPY public.users (id, email, password_hash) FROM stdin;
⟦N:uuid-identifier@sql-dump-copy⟧	ana.ruiz@carewell.health	⟦N:argon2-hash@sql-dump-copy⟧
\.

@@@ ops-notes/runbooks/rotate-ehr-credentials.md
# Runbook: rotating EHR partner credentials

Owner: clinical-integrations. Last reviewed 2024-09-12.

1. Create the new secret in the partner console (Epic App Orchard, athena Developer Portal, Redox dashboard).
2. Put it in Secret Manager: `gcloud secrets versions add epic-client-secret --data-file=-`
3. Restart the integration worker.

## Current values (staging only!)

| partner | key | value |
| --- | --- | --- |
| athena | client secret | `⟦P:athena@md-table⟧` |
| Oracle Health | client secret | `⟦P:oracle-health@md-table⟧` |
| DrChrono | client secret | see 1Password "DrChrono staging" | ⟦n:placeholder-words@md-table⟧
| Change Healthcare | client secret | `⟦P:change-healthcare@md-table⟧` |

## If the Epic token call returns 401

Check the JWKS: our public key is

```
⟦N:public-key-pem@md-code-block⟧
```

If it matches, the client secret was rotated on Epic's side. The last known good one (sandbox):

```bash
export EPIC_CLIENT_SECRET='⟦P:epic@md-code-block-shell⟧'
```

@@@ ops-notes/runbooks/video-outage.md
# Video visit outage

Symptoms: patients stuck on "Connecting to your clinician…".

* Check https://status.daily.co
* Failover to Agora: set `VIDEO_PROVIDER=agora` in the api service and redeploy.
  Agora app certificate (prod): ⟦P:agora@md-bullet⟧
* If Vonage kiosks are affected too, the OpenTok project secret is in 1Password ("Vonage Video prod").

Paging: `curl -X POST https://events.pagerduty.com/v2/enqueue -d '{"routing_key":"$PD_ROUTING_KEY", ...}'` ⟦n:env-reference@md-inline-code⟧

@@@ ops-notes/oncall/handover-2024-10-07.txt
ON-CALL HANDOVER  Mon 7 Oct 2024  (jkowalski -> aruiz)

- Twilio SMS delivery to T-Mobile degraded Sat, resolved Sun 03:10.
- Rotated the Mailgun key after the contractor left. new one is
    ⟦P:mailgun@txt-indented⟧
  old one revoked. Update the fax relay too, it still uses the old (doesn't matter, revoked).
- Postmark server token for the billing stream (it was missing from 1P):
  ⟦P:postmark@txt-indented⟧
- Grafana Cloud access policy token for the new stack: ⟦P:grafana-cloud@txt-inline⟧
- nothing else. quiet week otherwise. sha of the deploy that fixed it: ⟦N:git-sha@txt-inline⟧

@@@ ops-notes/oncall/INC-2291-timeline.txt
INC-2291  Vault approle broken on fax-01
03:12 alert: fax queue depth > 200
03:20 jk: approle secret_id expired, generating break-glass token
03:24 jk: token is ⟦P:vault@txt-log-line⟧ (ttl 8h)
03:40 queue draining
04:05 resolved; token revoked at 11:30 per policy (checked: `vault token lookup` -> bad token)

@@@ ops-notes/exports/jira/CWINT-482.json
{
  "key": "CWINT-482",
  "fields": {
    "summary": "Healthie sandbox returns 403 for our key",
    "status": { "name": "Done" },
    "description": "Repro:\n\n{code}\ncurl -H 'authorization: Basic ⟦P:healthie@jira-description⟧' -H 'AuthorizationSource: API' https://staging-api.gethealthie.com/graphql\n{code}\n\nWorks with the new key from their support.",
    "comment": {
      "comments": [
        { "author": { "displayName": "Ana Ruiz" }, "body": "Fixed, the key is now in Secret Manager as healthie-api-key." }, ⟦n:secret-manager-reference@jira-comment⟧
        { "author": { "displayName": "Jan Kowalski" }, "body": "For the record the old one was sk_live_...9f2c, revoked." } ⟦n:redacted-prefix@jira-comment⟧
      ]
    }
  }
}

@@@ ops-notes/exports/slack/integrations-channel-2024-08.json
[
  {
    "type": "message",
    "user": "U04KQ2M1Z7X",
    "text": "anyone have the stedi key for the eligibility pilot? the one in the doc is expired",
    "ts": "1723111200.001100"
  },
  {
    "type": "message",
    "user": "U03PL9X2B8C",
    "text": "here: `⟦P:stedi@slack-export⟧` (test mode is off on this one, careful)",
    "ts": "1723111262.001200"
  },
  {
    "type": "message",
    "user": "U03PL9X2B8C",
    "text": "and the dosespot clinic key for 1288 is ⟦P:dosespot@slack-export⟧",
    "ts": "1723111290.001300"
  },
  {
    "type": "message",
    "user": "U04KQ2M1Z7X",
    "text": "thanks! btw our commit for the fix is ⟦N:git-sha@slack-export⟧",
    "ts": "1723111400.001400"
  }
]

@@@ carewell-platform/apps/api/test/recordings/epic-token_1290411/recording.har
{
  "log": {
    "_recordingName": "epic token refresh",
    "creator": { "comment": "persister:fs", "name": "Polly.JS", "version": "6.0.6" },
    "entries": [
      {
        "_id": "⟦N:checksum-hex@polly-har⟧",
        "request": {
          "method": "POST",
          "url": "https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token",
          "headers": [{ "name": "content-type", "value": "application/x-www-form-urlencoded" }],
          "postData": {
            "mimeType": "application/x-www-form-urlencoded",
            "text": "grant_type=client_credentials&client_id=⟦N:uuid-identifier@polly-har⟧&client_secret=⟦P:epic@polly-har-body|url⟧"
          }
        },
        "response": {
          "status": 200,
          "headers": [{ "name": "etag", "value": "⟦N:etag@polly-har⟧" }],
          "content": { "mimeType": "application/json", "text": "{\"access_token\":\"⟦G:bearer-token@polly-har-response⟧\",\"token_type\":\"bearer\",\"expires_in\":3600}" }
        }
      }
    ]
  }
}

@@@ carewell-platform/apps/api/test/nock/twilio-verify.json
[
  {
    "scope": "https://verify.twilio.com:443",
    "method": "POST",
    "path": "/v2/Services/VA0f6c1b2d9e8a4f7c3b5d1e2f3a4b5c6d/Verifications", ⟦n:vendor-identifier@nock-recording⟧
    "body": "To=%2B15555550123&Channel=sms",
    "status": 201,
    "reqheaders": {
      "authorization": "Basic ⟦G:basic-auth-b64@nock-recording⟧"
    },
    "response": { "sid": "VE⟦N:hex-resource-id@nock-recording⟧", "status": "pending" }
  }
]

@@@ carewell-data/admin/clinics/tests/cassettes/test_drchrono_sync.yaml
interactions:
- request:
    body: grant_type=refresh_token&client_id=k2m9x7&client_secret=⟦P:drchrono@vcr-cassette⟧&refresh_token=⟦G:bearer-token@vcr-cassette⟧
    headers:
      Content-Type: [application/x-www-form-urlencoded]
    method: POST
    uri: https://drchrono.com/o/token/
  response:
    body: {string: '{"access_token": "[FILTERED]", "expires_in": 172800}'} ⟦n:redacted-stars@vcr-cassette⟧
    headers:
      X-Request-Id: ['⟦N:request-id@vcr-cassette⟧']
    status: {code: 200, message: OK}
version: 1

@@@ carewell-data/intake_service/tests/test_sinch.py
import responses
from intake_service.tasks import push_to_sinch


@responses.activate
def test_push_to_sinch_sends_bearer():
    responses.post("https://us.sms.api.sinch.com/xms/v1/3f9a0c2b7d/batches", json={"id": "01HF"})
    push_to_sinch("+15555550123", "hi")
    assert responses.calls[0].request.headers["Authorization"].startswith("Bearer ")
    # regression: INC-1977, the prod key got hardcoded in tasks.py. If this shows a real key, fail.
    assert "⟦P:sinch@py-test-assert⟧" not in responses.calls[0].request.headers["Authorization"]

@@@ carewell-platform/apps/clinician-web/e2e/booking.spec.ts
import { test, expect } from '@playwright/test';

const CLINICIAN = { email: 'e2e.clinician@carewell.health', password: process.env.E2E_PASSWORD ?? '' }; ⟦n:env-reference@playwright-spec⟧

test('clinician can open a video visit', async ({ page }) => {
  await page.goto('/login');
  await page.fill('#email', CLINICIAN.email);
  await page.fill('#password', CLINICIAN.password);
  await page.click('text=Sign in');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
});

test('staging partner can book via API', async ({ request }) => {
  const res = await request.post('/partner/v1/appointments', {
    headers: { 'X-Carewell-Key': '⟦G:internal-api-token@playwright-spec⟧' },
    data: { slotId: 'slot_123' },
  });
  expect(res.ok()).toBeTruthy();
});

@@@ carewell-platform/apps/clinician-web/test-results/booking-video-visit/trace/trace.network
{"type":"resource-snapshot","snapshot":{"_monotonicTime":1520.33,"request":{"method":"POST","url":"https://staging.carewell.health/partner/v1/appointments","headers":[{"name":"X-Carewell-Key","value":"⟦G:internal-api-token@playwright-trace⟧"}]},"response":{"status":201}}}
{"type":"resource-snapshot","snapshot":{"_monotonicTime":1733.9,"request":{"method":"GET","url":"https://staging.carewell.health/_build/⟦N:content-hash-filename@playwright-trace⟧","headers":[]},"response":{"status":200}}}

@@@ carewell-platform/logs/api-crash-2024-10-02.log
2024-10-02T03:11:52.120Z INFO  [bootstrap] carewell-api starting, commit=⟦N:git-sha@log-line⟧
2024-10-02T03:11:52.981Z DEBUG [config] loaded config: {"twilio":{"accountSid":"⟦N:twilio-account-sid@log-line⟧"},"stripe":{"key":"sk_live_****"}} ⟦n:redacted-stars@log-line⟧
2024-10-02T03:11:53.004Z DEBUG [http] POST https://api.openai.com/v1/chat/completions headers={"authorization":"Bearer ⟦P:openai@log-line⟧"}
2024-10-02T03:11:54.310Z ERROR [redox] 401 Unauthorized for source 7c1e2a90 using secret ⟦P:redox@log-line⟧
2024-10-02T03:11:54.311Z ERROR Unhandled rejection: Error: connect ECONNREFUSED postgres://carewell_app:⟦G:conn-string-password@log-line-url⟧@10.20.4.7:5432/carewell
    at TCPConnectWrapper.afterConnect [as oncomplete] (node:net:1555:16)
2024-10-02T03:11:54.402Z INFO  [shutdown] exiting with code 1, request_id=⟦N:request-id@log-line⟧

@@@ carewell-infra/ci-logs/buildkite-build-8812.log
~~~ Preparing working directory
$ cd /var/lib/buildkite-agent/builds/carewell-macmini-1/carewell/platform
$ git checkout -f ⟦N:git-sha@ci-log⟧
~~~ Running commands
$ npx eas-cli build --platform ios --non-interactive
Using EXPO_TOKEN=[REDACTED] ⟦n:redacted-stars@ci-log⟧
+ curl -s -u carewell-bot:⟦P:jenkins@ci-log-xtrace⟧ https://jenkins.carewell.internal/job/notify/build
+ export NPM_TOKEN=⟦P:npm@ci-log-xtrace⟧
Build finished: https://expo.dev/accounts/carewell/projects/carewell/builds/⟦N:uuid-identifier@ci-log⟧

@@@ carewell-platform/apps/mobile/crash-reports/ios-2024-09-30.crash
Incident Identifier: ⟦N:uuid-identifier@crash-report⟧
Hardware Model:      iPhone15,3
Process:             Carewell [4412]
Version:             3.14.0 (3140007)
Exception Type:  EXC_CRASH (SIGABRT)
Last Exception Backtrace:
0   CoreFoundation  0x1a2b3c4d5 __exceptionPreprocess + 164
Application Specific Information:
*** Terminating app due to uncaught exception 'NSInvalidArgumentException', reason: 'Invalid OneSignal REST key ⟦P:onesignal@crash-report⟧'

@@@ carewell-platform/apps/patient-portal/src/assets/i18n/en.json
{
  "auth.password.label": "Password", ⟦n:secret-name-harmless-value@i18n-json⟧
  "auth.password.reset": "Reset your password",
  "auth.token.expired": "Your link has expired. Request a new one.",
  "booking.secretCode.hint": "Enter the 6-digit code we texted you" ⟦n:secret-name-harmless-value@i18n-json⟧
}

@@@ carewell-platform/apps/patient-portal/src/styles/_generated-classes.scss
// generated by css-modules, do not edit
.⟦N:css-module-class@scss⟧ { display: grid; }
.⟦N:css-module-class@scss⟧ { border-radius: 8px; }

@@@ carewell-platform/package-lock.json
{
  "name": "@carewell/source",
  "lockfileVersion": 3,
  "packages": {
    "node_modules/twilio": {
      "version": "5.0.4",
      "resolved": "https://registry.npmjs.org/twilio/-/twilio-5.0.4.tgz",
      "integrity": "⟦N:sri-integrity@package-lock⟧"
    },
    "node_modules/hono": {
      "version": "4.2.7",
      "resolved": "https://registry.npmjs.org/hono/-/hono-4.2.7.tgz",
      "integrity": "⟦N:sri-integrity@package-lock⟧"
    },
    "node_modules/@carewell/ui": {
      "resolved": "git+ssh://git@github.com/carewell-health/ui.git#⟦N:lockfile-resolved@package-lock⟧"
    }
  }
}

@@@ carewell-platform/apps/patient-portal/public/.well-known/jwks.json
{
  "keys": [
    {
      "kty": "RSA",
      "kid": "⟦N:random-seed-or-nonce-nonsecret@jwks-json⟧",
      "use": "sig",
      "alg": "RS256",
      "e": "AQAB",
      "n": "⟦N:public-key-modulus@jwks-json⟧"
    }
  ]
}

@@@ carewell-infra/tls/fhir.carewell.health.crt
⟦N:certificate-pem@pem-file⟧

@@@ carewell-infra/tls/fhir.carewell.health.key
⟦G:private-key-rsa@pem-file⟧

@@@ carewell-infra/tls/fingerprints.txt
fhir.carewell.health  SHA256 Fingerprint=⟦N:cert-fingerprint@txt-inline⟧
status.carewell.health SHA256 Fingerprint=⟦N:cert-fingerprint@txt-inline⟧

@@@ carewell-infra/ssh/authorized_keys
⟦N:ssh-public-key@authorized-keys⟧
⟦N:ssh-public-key@authorized-keys⟧

@@@ carewell-infra/ssh/deploy_ed25519
⟦G:private-key-openssh@pem-file⟧

@@@ carewell-infra/ssh/known_hosts
github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ⟦n:ssh-public-key@known-hosts⟧
