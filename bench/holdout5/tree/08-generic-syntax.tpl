@@@ carewell-platform/libs/shared/src/lib/internal-auth.ts
import jwt from 'jsonwebtoken';

// Service-to-service calls inside the VPC. Tokens are long-lived on purpose (see ADR-014); rotate on staff change.
export const SERVICE_TOKENS = {
  reminders: '⟦G:service-jwt@ts-object-prop⟧',
  billing: process.env.BILLING_SERVICE_TOKEN!, ⟦n:env-reference@ts-object-prop⟧
} as const;

export enum Audience {
  Internal = 'carewell-internal',
  Partner = 'carewell-partner',
}

export function verify(token: string): unknown {
  return jwt.verify(token, Buffer.from('⟦G:encryption-key-b64@ts-buffer-from-base64⟧', 'base64'));
}

export class PartnerSigner {
  static readonly ALG = 'HS256';
  private static secret = '⟦G:jwt-signing-secret@ts-static-field⟧';
  static sign(sub: string) {
    return jwt.sign({ sub, aud: Audience.Partner }, PartnerSigner.secret, { algorithm: PartnerSigner.ALG });
  }
}

@@@ carewell-platform/libs/shared/src/lib/http.ts
import axios from 'axios';

export function partnerClient({ baseURL = 'https://partner-gw.carewell.internal', apiToken = '⟦G:internal-api-token@ts-destructuring-default⟧' } = {}) {
  return axios.create({ baseURL, headers: { Authorization: `Token ${apiToken}` } });
}

// Lab results SFTP-over-HTTPS bridge (vendor gives us basic auth in the URL)
export const LAB_RESULTS_URL = new URL('https://carewell:⟦G:url-basic-auth@ts-url-userinfo⟧@results.labpartner.example.org/outbox');

export const EXAMPLE_URL = 'https://user:password@example.com/path'; ⟦n:placeholder-words@ts-const⟧

export const smtpUrl = `smtps://noreply%40carewell.health:${'⟦G:smtp-password@ts-template-literal⟧'}@smtp.postmarkapp.com:465`;

@@@ carewell-platform/libs/shared/src/lib/oauth-clients.json
{
  "clients": [
    {
      "name": "partner-portal",
      "client_id": "partner-portal",
      "client_secret": "⟦G:oauth-client-secret@json-array-of-objects⟧",
      "grant_types": ["client_credentials"]
    },
    {
      "name": "patient-mobile",
      "client_id": "patient-mobile",
      "public": true,
      "pkce": "S256",
      "client_secret": null ⟦n:empty-value@json-array-of-objects⟧
    }
  ]
}

@@@ carewell-platform/libs/shared/src/lib/crypto.spec.ts
import { encryptField, decryptField } from './crypto';

describe('PHI field encryption', () => {
  const key = 'test-key-0123456789abcdef0123456789abcdef'; ⟦n:obvious-test-dummy@ts-spec⟧
  const fakeMrn = '0000000000'; ⟦n:obvious-test-dummy@ts-spec⟧

  it('round-trips', () => {
    expect(decryptField(encryptField(fakeMrn, key), key)).toBe(fakeMrn);
  });

  it('rejects a wrong key', () => {
    const mockApiKey = 'mock-api-key-do-not-use'; ⟦n:obvious-test-dummy@ts-spec⟧
    expect(() => decryptField(encryptField(fakeMrn, key), mockApiKey)).toThrow();
  });

  // Regression for SEC-88: the staging PHI key was committed here. Rotated; left for the test history. DO NOT COPY
  const stagingKey = '⟦G:hmac-key-hex@ts-spec⟧';
  it('decrypts the SEC-88 sample', () => {
    expect(decryptField('v1:AAAA', stagingKey)).toBeDefined();
  });
});

@@@ carewell-platform/libs/shared/src/lib/__mocks__/config.ts
export default {
  stripeKey: 'sk_live_' + 'FAKE'.padEnd(24, '0'), ⟦n:obvious-test-dummy@ts-mock⟧
  dailyKey: 'daily-fake-key', ⟦n:obvious-test-dummy@ts-mock⟧
  twilio: { sid: 'ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', token: 'your_auth_token' }, ⟦n:placeholder-x@ts-mock⟧
  password: '••••••••', ⟦n:redacted-stars@ts-mock⟧
};

@@@ carewell-platform/apps/clinician-web/app/routes/_app.integrations.$vendor.tsx
import { useLoaderData } from '@remix-run/react';

// Settings page: shows which vendor key is configured, masked.
export default function VendorIntegration() {
  const { vendor, last4 } = useLoaderData<{ vendor: string; last4: string }>();
  return (
    <section>
      <h2>{vendor}</h2>
      <p>Current key: <code>{'•'.repeat(20) + last4}</code></p> ⟦n:redacted-stars@jsx-text⟧
      <p>Example: <code>sk_live_51H…abcd</code></p> ⟦n:redacted-prefix@jsx-text⟧
      <input name="apiKey" placeholder="Paste your API key" /> ⟦n:placeholder-words@jsx-attribute⟧
    </section>
  );
}

@@@ carewell-data/intake_service/config.py
from pydantic_settings import BaseSettings
from dataclasses import dataclass, field


class Settings(BaseSettings):
    database_url: str = "postgresql+psycopg://intake:⟦G:conn-string-password@pydantic-default⟧@pg.carewell.internal/intake"
    partner_webhook_secret: str = "⟦G:webhook-signing-secret@pydantic-default⟧"
    api_key_header: str = "X-Carewell-Key"  ⟦n:secret-name-harmless-value@pydantic-default⟧
    token_ttl_seconds: int = 900  ⟦n:secret-name-harmless-value@pydantic-default⟧
    secret_key_path: str = "/run/secrets/intake_key"  ⟦n:secret-name-harmless-value@pydantic-default⟧


@dataclass
class PartnerCreds:
    name: str
    client_secret: str = field(default="⟦G:oauth-client-secret@py-dataclass-default⟧", repr=False)


SIGNING_KEY = b"⟦G:hmac-key-hex@py-bytes-literal⟧"

@@@ carewell-data/intake_service/cli.py
import argparse
import click


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--api-token", default="⟦G:bearer-token@py-argparse-default⟧")
    p.add_argument("--password", default=None)  ⟦n:empty-value@py-argparse-default⟧
    return p.parse_args()


@click.command()
@click.option("--smtp-password", envvar="SMTP_PASSWORD", default="⟦G:smtp-password@py-click-default⟧")
def send(smtp_password):
    pass

@@@ carewell-data/intake_service/hl7_templates.py
PARTNER_README = """
Lab partner onboarding

1. Ask the partner for their MLLP endpoint.
2. Give them our HMAC key for ACK signing:
       ⟦G:hmac-key-hex@py-triple-quoted⟧
3. Test with the sample ORU^R01 in fixtures/.
"""

SAMPLE_SEGMENT = "MSH|^~\\&|LAB|CW|||20241002||ORU^R01|⟦N:random-seed-or-nonce-nonsecret@py-string⟧|P|2.5.1"

@@@ carewell-data/intake_service/db.py
import psycopg2

# positional args: host, dbname, user, password (the old helper's signature)
def connect():
    return _connect("pg.carewell.internal", "intake", "intake_app", "⟦G:db-password@py-positional⟧")


def _connect(host, dbname, user, password):
    return psycopg2.connect(host=host, dbname=dbname, user=user, password=password)


def for_tests():
    return _connect("localhost", "intake_test", "postgres", "postgres")  ⟦n:obvious-test-dummy@py-positional⟧

@@@ carewell-data/intake_service/keys/partner_signing.json
{
  "kid": "partner-2024-10",
  "alg": "RS256",
  "private_key_pem": "⟦G:private-key-rsa@pem-in-json|jsonnl⟧",
  "public_key_pem": "⟦N:public-key-pem@pem-in-json|jsonnl⟧"
}

@@@ carewell-platform/.env.staging
APPLE_P8_KEY="⟦G:private-key-p8@dotenv-escaped-pem|pemflat⟧"
SERVICE_JWT=⟦G:service-jwt@dotenv⟧
EPIC_PRIVATE_KEY_B64=⟦G:private-key-b64@dotenv⟧
CSRF_SECRET=⟦G:cookie-secret@dotenv⟧
PARTNER_PORTAL_CLIENT_SECRET=⟦G:oauth-client-secret@dotenv⟧
ADMIN_BOOTSTRAP_PASSWORD=⟦G:human-password@dotenv⟧
KAFKA_SASL_PASSWORD=⟦G:kafka-sasl-password@dotenv⟧
MFA_SEED=⟦G:totp-seed@dotenv⟧
BUILD_SHA=⟦N:git-sha@dotenv⟧

@@@ carewell-infra/k8s/base/secrets.yaml
apiVersion: v1
kind: Secret
metadata:
  name: intake
type: Opaque
stringData:
  FLASK_SECRET_KEY: ⟦G:session-secret@k8s-secret-stringdata⟧
  LDAP_BIND_PASSWORD: "⟦G:ldap-bind-password@k8s-secret-stringdata⟧"
data:
  REDIS_PASSWORD: ⟦G:redis-password@k8s-secret-data-b64|b64⟧
  OIDC_CLIENT_SECRET: ⟦G:oauth-client-secret@k8s-secret-data-b64|b64⟧
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: intake-config
data:
  TOKEN_ISSUER: https://auth.carewell.health ⟦n:secret-name-harmless-value@k8s-configmap⟧
  PASSWORD_RESET_URL: https://carewell.health/reset ⟦n:secret-name-harmless-value@k8s-configmap⟧
  IMAGE_DIGEST: ⟦N:sha256-digest@k8s-configmap⟧

@@@ carewell-infra/scripts/bootstrap-mirth.sh
#!/bin/bash
# First boot of an interface engine. Positional args to the vendor CLI: host user password
mccommand -a https://localhost:8443 -u admin -p ⟦G:random-password@shell-cli-flag⟧ -s /opt/mirth/channels/import.txt
mysql -h mirth-db.carewell.internal -u mirth -p'⟦G:db-password@shell-mysql-p⟧' mirthdb < schema.sql
htpasswd -b -c /etc/nginx/.htpasswd oncall "$ONCALL_PASSWORD" ⟦n:env-reference@shell-script⟧
echo 'ops:⟦N:password-hash-htpasswd@shell-echo⟧' >> /etc/nginx/.htpasswd

@@@ carewell-infra/windows/deploy-kiosk.ps1
# Kiosk tablets (Windows 11 IoT). Pulls the kiosk build and registers it with the queue service.
$ErrorActionPreference = 'Stop'
$KioskToken = '⟦G:internal-api-token@powershell⟧'
$SecurePass = ConvertTo-SecureString '⟦G:human-password@powershell-securestring⟧' -AsPlainText -Force
$Cred = New-Object System.Management.Automation.PSCredential ('CAREWELL\svc-kiosk', $SecurePass)
Invoke-RestMethod -Uri 'https://edge.carewell.health/kiosk/register' -Headers @{ Authorization = "Bearer $KioskToken" } -Method Post
$Thumbprint = '⟦N:checksum-hex@powershell⟧'

@@@ carewell-platform/apps/api/src/config/app.config.yaml
# Loaded by libs/shared/config with ${ENV} interpolation.
server:
  port: 3333
auth:
  session:
    secret: ${SESSION_SECRET} ⟦n:env-reference@yaml-config⟧
  legacy_token_secret: ⟦G:jwt-signing-secret@yaml-config⟧
smtp:
  host: smtp.postmarkapp.com
  user: noreply@carewell.health
  password: ⟦G:smtp-password@yaml-config⟧
defaults: &defaults
  retries: 3
  api_key: <set-per-env> ⟦n:placeholder-angle@yaml-config⟧
partners:
  labcorp:
    <<: *defaults
    api_key: ⟦G:internal-api-token@yaml-anchor-override⟧

@@@ carewell-platform/apps/api/src/config/app.config.xml
<?xml version="1.0" encoding="utf-8"?>
<!-- legacy .NET scheduling adapter reads this; keep in sync with app.config.yaml -->
<configuration>
  <connectionStrings>
    <add name="Scheduling" connectionString="Server=tcp:legacy-scheduling.database.windows.net,1433;Initial Catalog=Scheduling;User ID=sched_app;Password=⟦G:db-password@xml-connection-string⟧;Encrypt=True;" />
  </connectionStrings>
  <appSettings>
    <add key="FaxPassword" value="⟦G:random-password@xml-appsettings⟧" />
    <add key="PasswordExpiryDays" value="90" /> ⟦n:secret-name-harmless-value@xml-appsettings⟧
    <add key="BuildId" value="⟦N:build-id@xml-appsettings⟧" />
  </appSettings>
</configuration>

@@@ carewell-platform/apps/patient-portal/src/index.html
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Carewell</title>
  <script src="https://js.stripe.com/v3/" integrity="⟦N:sri-integrity@html-attribute⟧" crossorigin="anonymous"></script>
  <script>
    window.__CW_CONFIG__ = { recaptcha: '⟦N:recaptcha-site-key@html-inline-script⟧', build: '⟦N:content-hash-filename@html-inline-script⟧' };
  </script>
  <link rel="stylesheet" href="styles.⟦N:random-seed-or-nonce-nonsecret@html-attribute⟧.css" />
</head>
<body><cw-root></cw-root></body>
</html>

@@@ carewell-data/exports/audit/access_log_2024-10.csv
timestamp,user,action,resource,request_id,session
2024-10-01T08:00:12Z,aruiz,VIEW,Patient/⟦N:uuid-identifier@csv-export⟧,⟦N:request-id@csv-export⟧,redacted ⟦n:redacted-stars@csv-export⟧
2024-10-01T08:02:40Z,svc-intake,EXPORT,Bundle/⟦N:uuid-identifier@csv-export⟧,⟦N:request-id@csv-export⟧,redacted
2024-10-01T08:03:05Z,jkowalski,LOGIN,,,⟦N:mongo-object-id@csv-export⟧

@@@ carewell-data/exports/users_export_2024-09.jsonl
{"id": "⟦N:uuid-identifier@jsonl-export⟧", "email": "nurse.lee@carewell.health", "password_hash": "⟦N:bcrypt-hash@jsonl-export⟧", "mfa": true}
{"id": "⟦N:uuid-identifier@jsonl-export⟧", "email": "svc-fax@carewell.health", "password": "⟦G:random-password@jsonl-export⟧", "mfa": false}
{"id": "⟦N:uuid-identifier@jsonl-export⟧", "email": "dr.okafor@carewell.health", "password_hash": "⟦N:argon2-hash@jsonl-export⟧", "mfa": true}

@@@ carewell-platform/apps/mobile/src/__tests__/__snapshots__/Login.test.tsx.snap
// Jest Snapshot v1, https://goo.gl/fbAQLP

exports[`Login renders 1`] = `
<View
  testID="login"
>
  <TextInput
    placeholder="Password"
    secureTextEntry={true}
    value="" ⟦n:empty-value@jest-snapshot⟧
  />
  <Image
    source={
      {
        "uri": "⟦N:data-uri-image@jest-snapshot⟧",
      }
    }
  />
</View>
`;

@@@ carewell-platform/apps/mobile/src/__tests__/api.test.ts
import { apiClient } from '../services/api';

jest.mock('../services/api');

test('attaches the session token', async () => {
  const token = '⟦G:bearer-token@ts-test-local⟧';
  await apiClient.get('/me', { token });
  expect(apiClient.get).toHaveBeenCalledWith('/me', { token });
});

test('uses the redacted form in logs', () => {
  expect(apiClient.redact('sk_live_abcdef')).toBe('sk_live_…cdef'); ⟦n:redacted-prefix@ts-test-local⟧
});

@@@ ops-notes/security/pentest-2024-findings.md
# External pentest, August 2024 — remediation notes

**F-03 (High): hardcoded credentials in the kiosk APK.** The tester extracted:

- a Stream Chat API *secret*: confirmed, rotated 2024-08-22.
- the OneSignal REST key: confirmed, rotated.
- `AKIA****************` (an AWS key id, truncated in their report): ours, the SES user; rotated. ⟦n:redacted-stars@md-bullet⟧

**F-07 (Medium): weak admin password on the Grafana box** — it was `⟦G:human-password@md-inline-code⟧`. Changed and
moved behind SSO.

**F-09 (Info): JWT example in docs** — the token in our API docs is the jwt.io sample `⟦N:jwt-io-example@md-inline-code⟧`;
no action.

Tester's contact PGP key fingerprint: ⟦N:cert-fingerprint@md-text⟧

@@@ ops-notes/support/ticket-88213.eml
From: Dana Whitfield <dana@sunrise-pediatrics.example.com>
To: support@carewell.health
Subject: Re: API access for our EHR bridge
Date: Tue, 3 Sep 2024 10:14:07 -0500
Message-ID: <⟦N:random-seed-or-nonce-nonsecret@email-header⟧@mail.sunrise-pediatrics.example.com>

Hi team,

Thanks! I set it up in our bridge with the key you sent (copying here so my colleague has it):

  Partner key: ⟦G:internal-api-token@email-body⟧

> On Mon, Sep 2, 2024 Carewell Support wrote:
> Your partner key is attached in the secure portal. Never share it by email. ⟦n:secret-name-harmless-value@email-body⟧

@@@ carewell-platform/docs/adr/ADR-014-service-tokens.md
# ADR-014: Long-lived service tokens inside the VPC

Status: accepted. Tokens are HS256 JWTs signed with `SERVICE_TOKEN_SECRET` (env), e.g.

```
Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.<payload>.<signature> ⟦n:placeholder-angle@md-code-block⟧
```

A token's secret is never logged; logs show `sha256:<first 8 hex>` of the token. ⟦n:placeholder-angle@md-text⟧

@@@ carewell-platform/apps/api/src/video/recordings.sql
-- Recording metadata (the media is in the GCS bucket, encrypted with CMEK).
SELECT id, room_name, '⟦N:sha256-digest@sql-select⟧' AS expected_digest FROM recordings WHERE id = 1;
ALTER USER recordings_reader WITH PASSWORD '⟦G:db-password@sql-alter-user⟧';
