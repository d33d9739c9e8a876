@@@ ops-notes/onboarding/new-engineer-setup.md
# New engineer setup (platform + data)

Welcome! Ask #eng-onboarding for access to 1Password. Until your vault access lands, these **shared sandbox**
keys let you run the AI features locally. They are rate-limited and rotated every quarter (last: 2024-10-01).

```dotenv
GEMINI_API_KEY=⟦P:gemini@md-fenced-dotenv⟧
REPLICATE_API_TOKEN=⟦P:replicate@md-fenced-dotenv⟧
PERPLEXITY_API_KEY=⟦P:perplexity@md-fenced-dotenv⟧
LANGCHAIN_API_KEY=⟦P:langsmith@md-fenced-dotenv⟧
MISTRAL_API_KEY=⟦P:mistral@md-fenced-dotenv⟧
ELEVENLABS_API_KEY=⟦P:elevenlabs@md-fenced-dotenv⟧
PINECONE_API_KEY=⟦P:pinecone@md-fenced-dotenv⟧
AZURE_OPENAI_API_KEY=⟦P:azure-openai@md-fenced-dotenv⟧
OPENAI_API_KEY=sk-...ask-in-1password ⟦n:placeholder-words@md-fenced-dotenv⟧
```

Then run `nx serve api`. If you see `401 invalid_api_key`, the quarter rolled over: grab new ones from 1Password.

Your own Postgres password goes in `~/.pgpass`, e.g. `localhost:5432:*:you:<your password>`. ⟦n:placeholder-angle@md-inline-code⟧

@@@ carewell-platform/apps/api/src/payments/legacy-gateway.js
'use strict';
// Pre-monorepo billing gateway (Express). Still serves the 4 clinics on invoice billing. Do not extend.
const Stripe = require('stripe');
const braintree = require('braintree');
const { Client: SquareClient, Environment } = require('square');

module.exports.stripe = Stripe(
  '⟦P:stripe-secret@js-require-call-positional⟧',
);

module.exports.restricted = { reportingKey: '⟦P:stripe-restricted@js-module-exports-object⟧' };

module.exports.braintree = new braintree.BraintreeGateway({
  accessToken: '⟦P:braintree@js-sdk-options⟧',
});

module.exports.square = new SquareClient({
  environment: Environment.Production,
  accessToken: '⟦P:square@js-sdk-options⟧',
});

exports.paypal = { clientId: 'AXk3m9Zq1v7Tn2Pw8Rb5Yc4Hd6Lf0Gs-Jj1Kk2Uu3Ii4Oo5', secret: '⟦P:paypal-secret@js-exports-object⟧' }; ⟦n:vendor-identifier@js-exports-object⟧

@@@ carewell-data/payments/reconcile.py
"""Monthly payout reconciliation: PayPal (patient self-pay), Adyen (employer plans), Plaid (ACH)."""
import requests

PAYPAL_CLIENT_ID = "AXk3m9Zq1v7Tn2Pw8Rb5Yc4Hd6Lf0Gs-Jj1Kk2Uu3Ii4Oo5"


def paypal_token(secret="⟦P:paypal-secret@py-default-param⟧"):
    return requests.post(
        "https://api-m.paypal.com/v1/oauth2/token",
        auth=(PAYPAL_CLIENT_ID, secret),
        data={"grant_type": "client_credentials"},
        timeout=30,
    ).json()["access_token"]


class Adyen:
    BASE = "https://carewell-checkout-live.adyenpayments.com/checkout/v71"

    def __init__(self):
        self.session = requests.Session()
        self.session.headers["X-API-Key"] = "⟦P:adyen@py-header-assign⟧"

@@@ carewell-platform/services/employer-plans/adyen.config.ts
import { Client, Config } from '@adyen/api-library';

const config = new Config();
config.apiKey = '⟦P:adyen@ts-property-assign⟧';
config.merchantAccount = 'CarewellHealthECOM';

export const adyen = new Client({ config, environment: 'LIVE', liveEndpointUrlPrefix: '1797a841fbb37ca7-CarewellHealth' }); ⟦n:vendor-identifier@ts-sdk-options⟧

@@@ carewell-infra/gcp/api-keys.auto.tfvars
# Restricted API keys (HTTP referrer / IP restricted in the console)
translation_api_key = "⟦P:gcp-api-key@tfvars⟧"
healthcare_nlp_key  = "⟦P:gcp-api-key@tfvars⟧"

@@@ carewell-data/etl/translate_notes.py
"""Translate after-visit instructions to the patient's preferred language (Cloud Translation v2)."""
import requests

URL = "https://translation.googleapis.com/language/translate/v2"


def translate(text, target):
    r = requests.post(URL, params={"key": "⟦P:gcp-api-key@py-params-dict⟧"}, json={"q": text, "target": target}, timeout=20)
    return r.json()["data"]["translations"][0]["translatedText"]

@@@ carewell-platform/apps/api/src/auth/google.strategy.ts
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-google-oauth20';
import { Injectable } from '@nestjs/common';

@Injectable()
export class GoogleStrategy extends PassportStrategy(Strategy, 'google') {
  constructor() {
    super({
      clientID: '⟦N:google-oauth-client-id@ts-super-call⟧',
      clientSecret: '⟦P:google-oauth-secret@ts-super-call⟧',
      callbackURL: 'https://clinician.carewell.health/auth/google/callback',
      scope: ['email', 'profile', 'https://www.googleapis.com/auth/calendar.events'],
    });
  }
}

@@@ carewell-platform/apps/api/client_secret_418203377104.apps.googleusercontent.com.json
{"web":{"client_id":"⟦N:google-oauth-client-id@google-client-secret-json⟧","project_id":"carewell-prod","auth_uri":"https://accounts.google.com/o/oauth2/auth","token_uri":"https://oauth2.googleapis.com/token","client_secret":"⟦P:google-oauth-secret@google-client-secret-json⟧","redirect_uris":["https://clinician.carewell.health/auth/google/callback"]}}

@@@ carewell-platform/services/claims-functions/local.settings.json
{
  "IsEncrypted": false,
  "Values": {
    "FUNCTIONS_WORKER_RUNTIME": "node",
    "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=carewellclaimsfn;AccountKey=⟦P:azure-storage@azure-local-settings⟧;EndpointSuffix=core.windows.net",
    "ServiceBusConnection": "Endpoint=sb://carewell-claims.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=⟦P:azure-servicebus@azure-local-settings⟧",
    "AZURE_CLIENT_ID": "⟦N:azure-tenant-id@azure-local-settings⟧",
    "AZURE_TENANT_ID": "⟦N:azure-tenant-id@azure-local-settings⟧",
    "AZURE_CLIENT_SECRET": "⟦P:azure-ad-secret@azure-local-settings⟧"
  }
}

@@@ carewell-data/etl/azure_upload.py
from azure.storage.blob import BlobClient
from azure.communication.sms import SmsClient

# SAS url generated 2024-01 for the payer drop (expires end of 2026)
DROP = "https://carewellpayerdrop.blob.core.windows.net/era/{name}?⟦P:azure-sas@py-url-query⟧"

sms = SmsClient.from_connection_string(
    "endpoint=https://carewell-acs.unitedstates.communication.azure.com/;accesskey=⟦P:azure-acs@py-connection-string⟧"
)


def upload(name, data):
    BlobClient.from_blob_url(DROP.format(name=name)).upload_blob(data, overwrite=True)

@@@ carewell-data/etl/archive.py
import boto3
from b2sdk.v2 import InMemoryAccountInfo, B2Api

r2 = boto3.client(
    "s3",
    endpoint_url="https://4f1e2d3c4b5a69788796a5b4c3d2e1f0.r2.cloudflarestorage.com",
    aws_access_key_id="⟦N:access-key-id-hex@py-kwarg⟧",
    aws_secret_access_key="⟦P:cloudflare-r2@py-kwarg⟧",
)

b2 = B2Api(InMemoryAccountInfo())
b2.authorize_account("production", "4b2c3d4e5f60", "⟦P:backblaze@py-positional⟧")

@@@ carewell-infra/linode/cloud-init.yaml
#cloud-config
# fax relay box on Linode (legacy, scheduled for GCP move)
write_files:
  - path: /etc/linode/cli.conf
    content: |
      [DEFAULT]
      default-user = carewell-ops
      [carewell-ops]
      token = ⟦P:linode@cloud-init-write-files⟧
      region = us-ord

@@@ carewell-infra/scripts/platform-tokens.sh
#!/usr/bin/env bash
# source me: sets the platform CLIs' tokens for the release train.
# (Yes these should be in 1Password CLI. They will be. -jk)
export FLY_API_TOKEN='⟦P:fly@shell-export⟧'
export RENDER_API_KEY=⟦P:render@shell-export⟧
export RAILWAY_TOKEN="⟦P:railway@shell-export⟧"
export HEROKU_API_KEY=⟦P:heroku@shell-export⟧
export BUILDKITE_API_TOKEN=⟦P:buildkite@shell-export⟧
export TF_TOKEN_app_terraform_io=⟦P:terraform-cloud@shell-export⟧
export DOPPLER_TOKEN=⟦P:doppler@shell-export⟧
export SNYK_TOKEN="${SNYK_TOKEN:-}" ⟦n:env-reference@shell-export⟧

netlify_deploy() {
  npx netlify deploy --prod --dir dist --auth "⟦P:netlify@shell-function-arg⟧"
}

vercel_pull() {
  npx vercel env pull .env.production.local --token=⟦P:vercel@shell-cli-flag-equals⟧
}

@@@ carewell-infra/ci/gitlab-runner/config.toml
concurrent = 4
check_interval = 0

[[runners]]
  name = "carewell-k8s-runner"
  url = "https://gitlab.carewell.internal"
  token = "⟦P:gitlab-runner@gitlab-runner-config-toml⟧"
  executor = "kubernetes"
  [runners.kubernetes]
    namespace = "gitlab-runners"

@@@ ops-notes/dotfiles/jkowalski/.config/jira/.config.yml
installation: cloud
server: https://carewell.atlassian.net
login: jkowalski@carewell.health
project:
  key: CWINT
board:
  id: 14
# jira-cli reads JIRA_API_TOKEN, but I got tired of exporting it
api_token: ⟦P:atlassian@yaml-config⟧

@@@ ops-notes/dotfiles/jkowalski/.gitconfig
[user]
  name = Jan Kowalski
  email = jkowalski@carewell.health
[credential "https://bitbucket.org"]
  username = carewell-jk
[url "https://carewell-jk:⟦P:bitbucket@gitconfig-url⟧@bitbucket.org/"]
  insteadOf = https://bitbucket.org/

@@@ carewell-infra/ci/drone/.drone.jsonnet
// Drone config in jsonnet for the mobile repo. The promote step calls Drone's own API.
local promote(env) = {
  name: 'promote-' + env,
  image: 'curlimages/curl',
  commands: [
    'curl -X POST -H "Authorization: Bearer ⟦P:drone@jsonnet-command⟧" https://drone.carewell.internal/api/repos/carewell/mobile/builds/$DRONE_BUILD_NUMBER/promote?target=' + env,
  ],
};

{ kind: 'pipeline', name: 'mobile', steps: [promote('staging')] }

@@@ carewell-infra/pulumi/index.ts
import * as pulumi from '@pulumi/pulumi';
import * as gcp from '@pulumi/gcp';
import * as doppler from '@pulumiverse/doppler';
import * as onepassword from '@1password/pulumi-onepassword';

const cfg = new pulumi.Config();
const dbPassword = cfg.requireSecret('dbPassword'); ⟦n:secret-manager-reference@pulumi-ts⟧

const dopplerProvider = new doppler.Provider('doppler', { dopplerToken: '⟦P:doppler@pulumi-provider-args⟧' });

const op = new onepassword.Provider('op', {
  serviceAccountToken: '⟦P:onepassword@pulumi-provider-args⟧',
});

export const bucket = new gcp.storage.Bucket('intake-docs', { location: 'US', uniformBucketLevelAccess: true });
void dbPassword; void dopplerProvider; void op;

@@@ carewell-infra/pulumi/Pulumi.prod.yaml
config:
  gcp:project: carewell-prod
  carewell-infra:dbPassword:
    secure: v1:⟦N:sealed-secret@pulumi-stack-yaml⟧
  carewell-infra:pulumiAccessToken: ⟦P:pulumi@pulumi-stack-yaml⟧

@@@ carewell-platform/.github/workflows/security.yml
name: security
on: [pull_request]
jobs:
  snyk:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: snyk/actions/node@master
        env:
          SNYK_TOKEN: ⟦P:snyk@github-actions-env⟧
      - name: Sonar
        uses: SonarSource/sonarqube-scan-action@v2
        with:
          args: -Dsonar.token=${{ secrets.SONAR_TOKEN }} ⟦n:ci-secret-reference@github-actions⟧

@@@ carewell-platform/sonar-project.properties
sonar.projectKey=carewell_platform
sonar.organization=carewell
sonar.host.url=https://sonar.carewell.internal
sonar.token=⟦P:sonarqube@java-properties⟧
sonar.sources=apps,libs
sonar.exclusions=**/*.spec.ts

@@@ carewell-platform/apps/api/newrelic.js
'use strict';
exports.config = {
  app_name: ['carewell-api'],
  license_key: '⟦P:newrelic-license@newrelic-js⟧',
  logging: { level: 'info' },
  allow_all_headers: true,
  attributes: { exclude: ['request.headers.authorization', 'request.headers.cookie'] },
};

@@@ carewell-infra/monitoring/alloy/config.alloy
prometheus.remote_write "grafana_cloud" {
  endpoint {
    url = "https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push"
    basic_auth {
      username = "1392281"
      password = "⟦P:grafana-cloud@alloy-config⟧"
    }
  }
}

@@@ carewell-infra/monitoring/grafana/dashboards-sync.sh
#!/bin/sh
# Pushes dashboards/*.json to Grafana. Service account "dashboards-ci" (Editor).
for f in dashboards/*.json; do
  curl -sS -X POST https://grafana.carewell.internal/api/dashboards/db \
    -H "Authorization: Bearer ⟦P:grafana-sa@shell-curl-header⟧" \
    -H 'Content-Type: application/json' --data-binary "@$f"
done

@@@ carewell-platform/apps/patient-portal/src/app/core/error-reporting.ts
import Rollbar from 'rollbar';

// Rollbar for the Angular portal (server-side token for source map upload lives in CI).
export const rollbar = new Rollbar({
  accessToken: '⟦P:rollbar@ts-sdk-options⟧',
  captureUncaught: true,
  payload: { environment: 'production' },
});

@@@ carewell-data/intake_service/logging_setup.py
import logging
from logtail import LogtailHandler
from elasticsearch import Elasticsearch

handler = LogtailHandler(source_token="⟦P:betterstack@py-kwarg⟧")
logging.getLogger("intake").addHandler(handler)

es = Elasticsearch(
    "https://carewell-logs.es.us-central1.gcp.cloud.es.io:443",
    api_key="⟦P:elastic@py-kwarg⟧",
)

@@@ carewell-infra/monitoring/sumologic/collector/user.properties
name=fax-01
accessid=suD3kX9mQ2Lp7R
accesskey=⟦P:sumologic@java-properties⟧
ephemeral=false

@@@ carewell-data/video/opentok_archive.py
from opentok import Client

# Archive download for the two kiosk clinics (Vonage Video API, legacy).
opentok = Client("47812345", "⟦P:vonage-video@py-positional⟧")

@@@ carewell-data/intake_service/carriers.py
import plivo
import telnyx
import messagebird

plivo_client = plivo.RestClient(auth_id="MAODUZYTQ0Y2FMYJYXNZ", auth_token="⟦P:plivo@py-kwarg⟧")

telnyx.api_key = "⟦P:telnyx@py-module-attr-assign⟧"

mb = messagebird.Client(
    # MessageBird live access key (the test key starts with test_)
    "⟦P:messagebird@py-positional-comment-above⟧"
)

@@@ carewell-data/intake_service/.env.bandwidth
BW_USERNAME=nurse-line-api
BW_PASSWORD=⟦P:bandwidth@dotenv⟧
BW_ACCOUNT_ID=5009876

@@@ carewell-data/video/mux_upload.py
import mux_python

configuration = mux_python.Configuration()
configuration.username = "⟦N:uuid-identifier@py-attr-assign⟧"
configuration.password = "⟦P:mux@py-attr-assign⟧"

@@@ carewell-platform/apps/slack-bot/src/app.ts
import { App } from '@slack/bolt';

// #clinic-ops bot: posts no-show summaries every morning.
const app = new App({
  token: '⟦P:slack-bot@ts-sdk-options⟧',
  signingSecret: '⟦G:webhook-signing-secret@ts-sdk-options⟧',
});

(async () => {
  await app.start(3000);
})();

@@@ carewell-data/alerts/notify.py
import requests

DISCORD_WEBHOOK = "⟦P:discord-webhook@py-assign⟧"
TEAMS_WEBHOOK = "⟦P:teams-webhook@py-assign⟧"
TELEGRAM_BOT = "⟦P:telegram@py-assign⟧"


def notify(text):
    requests.post(DISCORD_WEBHOOK, json={"content": text}, timeout=5)
    requests.post(TEAMS_WEBHOOK, json={"text": text}, timeout=5)
    requests.get(f"https://api.telegram.org/bot{TELEGRAM_BOT}/sendMessage", params={"chat_id": "-1001234567890", "text": text}, timeout=5)

@@@ carewell-platform/apps/api/src/realtime/realtime.module.ts
import Pusher from 'pusher';
import * as Ably from 'ably';

// Waiting-room presence. Pusher on web, Ably for the kiosk tablets.
export const pusher = new Pusher({
  appId: '1782331',
  key: '⟦N:public-client-key@ts-sdk-options⟧',
  secret: '⟦P:pusher@ts-sdk-options⟧',
  cluster: 'us2',
  useTLS: true,
});

export const ably = new Ably.Rest('⟦P:ably@ts-sdk-positional⟧');

@@@ carewell-data/chat/stream_tokens.py
from stream_chat import StreamChat

client = StreamChat(api_key="k9xq2mfp4tnr", api_secret="⟦P:stream@py-kwarg⟧")  ⟦n:public-client-key@py-kwarg⟧

@@@ carewell-data/intake_service/push_legacy.py
from pyfcm import FCMNotification

# Old Android app (<3.0) still on legacy FCM. Sunset after 2025-06.
push_service = FCMNotification(api_key="⟦P:fcm-server@py-kwarg⟧")

@@@ carewell-data/marketing/newsletter.py
from mailchimp_marketing import Client
import sib_api_v3_sdk

mc = Client()
mc.set_config({"api_key": "⟦P:mailchimp@py-dict-in-call⟧", "server": "us14"})

brevo_cfg = sib_api_v3_sdk.Configuration()
brevo_cfg.api_key["api-key"] = "⟦P:brevo@py-subscript-assign⟧"

@@@ carewell-platform/apps/api/src/notifications/mailjet.ts
import Mailjet from 'node-mailjet';

export const mailjet = Mailjet.apiConnect('⟦N:public-client-key@ts-sdk-positional⟧', '⟦P:mailjet@ts-sdk-positional-second⟧');

@@@ carewell-data/admin/okta.yaml
okta:
  client:
    orgUrl: "https://carewell.okta.com"
    token: "⟦P:okta@yaml-nested⟧"
    connectionTimeout: 30

@@@ carewell-infra/auth0/tenant.yaml
# auth0-deploy-cli config for the clinician tenant
AUTH0_DOMAIN: carewell.us.auth0.com
AUTH0_CLIENT_ID: ⟦N:public-client-key@yaml-config⟧
AUTH0_CLIENT_SECRET: ⟦P:auth0@yaml-config⟧
AUTH0_ALLOW_DELETE: false

@@@ carewell-platform/apps/partners/.env.local
CLERK_SECRET_KEY=⟦P:clerk@dotenv⟧
NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_live_Y2xlcmsucGFydG5lcnMuY2FyZXdlbGwuaGVhbHRoJA ⟦n:publishable-key-literal@dotenv⟧
STYTCH_SECRET=⟦P:stytch@dotenv⟧

@@@ carewell-data/identity/kyc.py
import persona
import onfido

PERSONA_API_KEY = "⟦P:persona@py-assign⟧"
onfido_api = onfido.DefaultApi(onfido.Configuration(api_token="⟦P:onfido@py-nested-call-kwarg⟧", region=onfido.configuration.Region.US))

@@@ carewell-data/admin/clinics/views.py
import requests
from django.conf import settings


def verify_captcha(token):
    # TODO move to settings. secret is per-site in the reCAPTCHA admin console
    return requests.post(
        "https://www.google.com/recaptcha/api/siteverify",
        data={"secret": "⟦P:recaptcha-secret@py-dict-in-call⟧", "response": token},
        timeout=5,
    ).json()["success"]

@@@ carewell-platform/apps/legacy-billing/.env
DATABASE_URL=mysql://carewell_billing:⟦P:planetscale@dotenv-url⟧@aws.connect.psdb.cloud/billing?ssl={"rejectUnauthorized":true}
NEON_API_KEY=⟦P:neon@dotenv⟧
CLOUDINARY_URL=⟦P:cloudinary@dotenv⟧
NOTION_TOKEN=⟦P:notion@dotenv⟧
ASANA_PAT=⟦P:asana@dotenv⟧
INTERCOM_ACCESS_TOKEN=⟦P:intercom@dotenv⟧
NYLAS_API_KEY=⟦P:nylas@dotenv⟧
SMTP_PASSWORD=⟦G:smtp-password@dotenv⟧

@@@ ops-notes/dotfiles/aruiz/.databrickscfg
[DEFAULT]
host = https://adb-4417283901234567.7.azuredatabricks.net
token = ⟦P:databricks@ini-config⟧

[staging]
host = https://adb-4417283909876543.3.azuredatabricks.net
token = dapi00000000000000000000000000000000 ⟦n:placeholder-x@ini-config⟧

@@@ ops-notes/dotfiles/aruiz/.netrc
machine api.mapbox.com
login mapbox
password ⟦P:mapbox-secret@netrc⟧

@@@ carewell-data/geo/drive_times.py
import requests
import posthog

posthog.personal_api_key = "⟦P:posthog-personal@py-module-attr-assign⟧"
posthog.project_api_key = "⟦N:posthog-project@py-module-attr-assign⟧"


def ip_to_region(ip):
    return requests.get(
        "https://api.radar.io/v1/geocode/ip",
        params={"ip": ip},
        headers={"Authorization": "⟦P:radar@py-header-dict⟧"},
        timeout=5,
    ).json()

@@@ carewell-data/flags/ld.py
import ldclient
from ldclient.config import Config

ldclient.set_config(Config("⟦P:launchdarkly-sdk@py-positional⟧"))

@@@ carewell-infra/terraform/modules/flags/main.tf
provider "launchdarkly" {
  access_token = "⟦P:launchdarkly-api@hcl-provider-block⟧"
}

resource "launchdarkly_feature_flag" "async_visits" {
  project_key = "carewell"
  key         = "async-visits-enabled"
  name        = "Async visits"
  variation_type = "boolean"
}

@@@ carewell-platform/apps/api/src/tickets/linear.ts
import { LinearClient } from '@linear/sdk';

export const linear = new LinearClient({ apiKey: '⟦P:linear@ts-sdk-options⟧' });

@@@ carewell-data/ops/airtable_export.py
from pyairtable import Api

api = Api("⟦P:airtable@py-positional⟧")
table = api.table("appQ1w2E3r4T5y6U7", "Clinic onboarding")

@@@ carewell-data/crm/hubspot_sync.py
from hubspot import HubSpot

client = HubSpot(access_token="⟦P:hubspot@py-kwarg⟧")

@@@ carewell-platform/apps/api/src/crm/zendesk.ts
import { createClient } from 'node-zendesk';

export const zendesk = createClient({
  username: 'support-bot@carewell.health',
  token: '⟦P:zendesk@ts-sdk-options⟧',
  subdomain: 'carewellhelp',
});

@@@ carewell-data/forms/pull_responses.sh
#!/usr/bin/env bash
# Pull yesterday's pre-visit questionnaire responses.
FORM_ID=Yf3kQ9
curl -s "https://api.typeform.com/forms/${FORM_ID}/responses?since=$(date -d yesterday +%F)" \
  -H "Authorization: Bearer ⟦P:typeform@shell-curl-header⟧" > responses.json
curl -s https://api.calendly.com/users/me -H "Authorization: Bearer ⟦P:calendly@shell-curl-header⟧"

@@@ carewell-data/esign/docusign_consent.py
from docusign_esign import ApiClient

api = ApiClient()
api.set_base_path("https://na3.docusign.net/restapi")
INTEGRATION_KEY = "⟦N:uuid-identifier@py-assign⟧"
SECRET_KEY = "⟦P:docusign@py-assign⟧"

@@@ carewell-data/scheduling/cronofy_sync.py
import pycronofy

cronofy = pycronofy.Client(
    client_id="cW9n2Kf7Lq1Xz8Pv3Rt6Yb5Hm4Jd0Ga",
    client_secret="⟦P:cronofy@py-kwarg⟧",
)

@@@ carewell-data/credentialing/checkr_webhook.py
import hmac
import hashlib

CHECKR_API_KEY = "⟦P:checkr@py-assign⟧"


def valid(body: bytes, signature: str) -> bool:
    # Checkr signs webhooks with the API key itself
    mac = hmac.new(CHECKR_API_KEY.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, signature)

@@@ carewell-infra/k8s/charts/records-sync/values.yaml
image:
  repository: us-docker.pkg.dev/carewell-prod/carewell/records-sync
  tag: 2024.10.2
particle:
  baseUrl: https://api.particlehealth.com
  clientId: carewell-prod
  clientSecret: ⟦P:particle@helm-values⟧
resources:
  limits: { memory: 512Mi }

@@@ carewell-platform/apps/api/src/config/vendors.generated.ts
// GENERATED by tools/vendor-sync from the vendor sheet. Do not edit by hand.
// Columns: vendor, environment, credential.
// The credential column holds whatever the vendor calls it (API key, client secret, token).
//
// Regenerate with: npx ts-node tools/vendor-sync --sheet vendors-2024Q4
//
//
//
//
//
//
//
//
//
//
//
//
//
//
//
//
//
//
//
//
export const VENDORS: ReadonlyArray<readonly [string, string, string]> = [
  ['mixpanel', 'production',
    '⟦P:mixpanel@ts-tuple-far-from-name⟧'],
  ['sinch', 'production',
    '⟦P:sinch@ts-tuple-far-from-name⟧'],
  ['availity', 'production',
    '⟦P:availity@ts-tuple-far-from-name⟧'],
  ['docs-site', 'production', 'public'],
];

@@@ carewell-infra/monitoring/alertmanager/rotated-keys.yml
# Keys that alertmanager-secrets-operator still templates from. Structured per vendor.
pagerduty:
  service: clinical-integrations
  escalation_policy: P8Q2ZK1 ⟦n:vendor-identifier@yaml-far-from-name⟧
  notes: >
    This integration feeds the clinical-integrations service. It pages the integrations on-call
    (Mon-Fri business hours) and falls back to the platform on-call out of hours. The routing key
    below was re-issued after INC-2104 when the old one leaked into a support ticket. Rotation:
    open the service in PagerDuty, Integrations tab, "Events API v2", regenerate, then update
    this file and run `make alertmanager-reload`. The previous key stays valid for 24h.
    Owner: integrations-oncall@carewell.health
  teams:
    - integrations
    - platform
  labels:
    severity: page
    product: ehr-sync
  credentials:
    current: ⟦P:pagerduty@yaml-far-from-name⟧
