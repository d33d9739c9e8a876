@@@ carewell-platform/.npmrc
@carewell:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken=⟦P:github-pat@npmrc⟧
//registry.npmjs.org/:_authToken=${NPM_TOKEN} ⟦n:env-reference@npmrc⟧
//carewell.jfrog.io/artifactory/api/npm/npm-local/:_authToken=⟦P:jfrog@npmrc⟧
always-auth=true

@@@ carewell-data/.pypirc
[distutils]
index-servers =
    pypi
    carewell

[pypi]
username = __token__
password = ⟦P:pypi@pypirc⟧

[carewell]
repository = https://carewell.jfrog.io/artifactory/api/pypi/pypi-local
username = data-publisher
password = ⟦P:jfrog@pypirc⟧

@@@ ops-notes/dotfiles/mhernandez/.netrc
machine api.heroku.com
  login mhernandez@carewell.health
  password ⟦P:heroku@netrc⟧
machine github.com
  login mhernandez-cw
  password ⟦P:github-pat@netrc⟧

@@@ ops-notes/dotfiles/mhernandez/.pgpass
reporting-replica.carewell.internal:5432:analytics:analyst:⟦G:db-password@pgpass⟧
localhost:5432:*:postgres:postgres ⟦n:obvious-test-dummy@pgpass⟧

@@@ ops-notes/dotfiles/mhernandez/.aws/credentials
[default]
aws_access_key_id = ⟦P:aws-access-key#ses@aws-credentials⟧
aws_secret_access_key = ⟦P:aws-secret#ses@aws-credentials⟧

[docs-example]
aws_access_key_id = ⟦N:aws-docs-example@aws-credentials⟧
aws_secret_access_key = ⟦N:aws-docs-example-secret@aws-credentials⟧

[r2]
aws_access_key_id = ⟦N:access-key-id-hex@aws-credentials⟧
aws_secret_access_key = ⟦P:cloudflare-r2@aws-credentials⟧

@@@ ops-notes/dotfiles/mhernandez/.docker/config.json
{
  "auths": {
    "https://index.docker.io/v1/": {
      "auth": "⟦G:basic-auth-b64@docker-config-json⟧"
    },
    "us-docker.pkg.dev": {
      "auth": ""
    }
  },
  "credHelpers": { "gcr.io": "gcloud" } ⟦n:secret-manager-reference@docker-config-json⟧
}

@@@ ops-notes/dotfiles/mhernandez/.git-credentials
https://mhernandez-cw:⟦P:github-fine@git-credentials⟧@github.com
https://oauth2:⟦P:gitlab@git-credentials⟧@gitlab.carewell.internal

@@@ ops-notes/dotfiles/mhernandez/.s3cfg
[default]
access_key = ⟦P:aws-access-key@s3cfg⟧
secret_key = ⟦P:aws-secret@s3cfg⟧
host_base = s3.amazonaws.com
use_https = True

@@@ ops-notes/dotfiles/mhernandez/.config/rclone/rclone.conf
[b2-archive]
type = b2
account = 4b2c3d4e5f60
key = ⟦P:backblaze@rclone-conf⟧

[box-clinic-docs]
type = box
client_id = q3n9v1x7c5z2b8m4k6j0h1g2f3d4s5a6
client_secret = ⟦P:box@rclone-conf⟧

@@@ ops-notes/dotfiles/mhernandez/.zsh_history
: 1717411201:0;cd ~/src/carewell-platform
: 1717411230:0;export OPENAI_API_KEY=⟦P:openai@shell-history⟧
: 1717411288:0;heroku config:set SENDGRID_API_KEY=⟦P:sendgrid@shell-history⟧ -a carewell-legacy
: 1717411302:0;git log --oneline -5
: 1717411355:0;docker login -u carewellci -p ⟦P:dockerhub@shell-history⟧
: 1717411420:0;psql "postgresql://analyst:⟦G:conn-string-password@shell-history⟧@reporting-replica.carewell.internal/analytics"
: 1717411501:0;curl -H "Authorization: Bearer ⟦P:linear@shell-history⟧" https://api.linear.app/graphql -d '{"query":"{ viewer { id } }"}'
: 1717411577:0;git checkout ⟦N:git-sha@shell-history⟧
: 1717411602:0;export PULUMI_ACCESS_TOKEN=⟦P:pulumi@shell-history⟧

@@@ ops-notes/dotfiles/jkowalski/.bash_history
kubectl -n api get pods
vault login ⟦P:vault@shell-history⟧
op signin
export OP_SERVICE_ACCOUNT_TOKEN=⟦P:onepassword@shell-history⟧
doppler secrets download --no-file --format env --token ⟦P:doppler@shell-history⟧
echo $STRIPE_SECRET_KEY ⟦n:env-reference@shell-history⟧
stripe listen --api-key ⟦P:stripe-restricted@shell-history⟧ --forward-to localhost:3333/webhooks/stripe

@@@ carewell-platform/fly.toml
app = "carewell-clinician"
primary_region = "ord"

[build]
  dockerfile = "apps/clinician-web/Dockerfile"

[env]
  NODE_ENV = "production"
  SESSION_SECRET = "⟦G:session-secret@fly-toml⟧"
  PUSHER_APP_ID = "1782331"
  PUSHER_SECRET = "⟦P:pusher@fly-toml⟧"

[http_service]
  internal_port = 3000
  force_https = true

@@@ carewell-platform/render.yaml
services:
  - type: web
    name: carewell-status
    env: node
    buildCommand: npm ci && npm run build
    startCommand: node dist/status.js
    envVars:
      - key: RENDER_API_KEY
        value: ⟦P:render@render-yaml⟧
      - key: DATABASE_URL
        fromDatabase: ⟦n:secret-manager-reference@render-yaml⟧
          name: status-db
          property: connectionString
      - key: ABLY_API_KEY
        value: ⟦P:ably@render-yaml⟧

@@@ carewell-platform/railway.json
{
  "$schema": "https://railway.app/railway.schema.json",
  "build": { "builder": "NIXPACKS" },
  "deploy": {
    "startCommand": "node dist/apps/webhooks/main.js",
    "healthcheckPath": "/healthz"
  },
  "environments": {
    "staging": {
      "variables": {
        "RAILWAY_TOKEN": "⟦P:railway@railway-json⟧",
        "STRIPE_WEBHOOK_SECRET": "⟦P:stripe-webhook@railway-json⟧"
      }
    }
  }
}

@@@ carewell-platform/apps/docs/netlify.toml
[build]
  command = "npm run build"
  publish = "dist"

[build.environment]
  NODE_VERSION = "20"
  ALGOLIA_SEARCH_KEY = "⟦N:algolia-search-only@netlify-toml⟧"
  CONTENTFUL_DELIVERY_TOKEN = "⟦P:contentful-cda@netlify-toml⟧"

[[headers]]
  for = "/*"
  [headers.values]
    Content-Security-Policy = "default-src 'self'; script-src 'self' ⟦N:csp-hash@netlify-toml⟧"

@@@ carewell-data/Procfile
web: gunicorn intake_service.app:app
worker: celery -A intake_service.tasks worker --loglevel=info
sync: python -m etl.sync_atlas --token ⟦P:mongodb-atlas@procfile-cli-flag⟧

@@@ carewell-data/app.json
{
  "name": "carewell-intake",
  "description": "Intake API and workers",
  "env": {
    "FLASK_SECRET_KEY": { "generator": "secret" }, ⟦n:secret-name-harmless-value@heroku-app-json⟧
    "PAPERTRAIL_API_TOKEN": { "required": true },
    "SPARKPOST_API_KEY": { "value": "⟦P:sparkpost@heroku-app-json⟧" }
  },
  "addons": ["heroku-postgresql", "heroku-redis"]
}

@@@ carewell-platform/.devcontainer/devcontainer.json
// Dev container for the monorepo. Do not put personal tokens here, use your local .env.
{
  "name": "carewell-platform",
  "image": "mcr.microsoft.com/devcontainers/typescript-node:20",
  "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} },
  "containerEnv": {
    "NX_DAEMON": "false",
    "NX_CLOUD_ACCESS_TOKEN": "${localEnv:NX_CLOUD_ACCESS_TOKEN}", ⟦n:env-reference@devcontainer-json⟧
    "SUPABASE_SERVICE_ROLE_KEY": "⟦P:supabase-service@devcontainer-json⟧",
  },
  "postCreateCommand": "npm ci",
}

@@@ carewell-platform/.vscode/launch.json
{
  "version": "0.2.0",
  "configurations": [
    {
      "type": "node",
      "request": "launch",
      "name": "api (local, staging EHR sandboxes)",
      "program": "${workspaceFolder}/dist/apps/api/main.js",
      "env": {
        "EPIC_CLIENT_SECRET": "⟦P:epic@vscode-launch-env⟧",
        "ATHENA_CLIENT_SECRET": "⟦P:athena@vscode-launch-env⟧",
        "REDOX_API_KEY": "${env:REDOX_API_KEY}" ⟦n:env-reference@vscode-launch-env⟧
      }
    },
    {
      "type": "node",
      "request": "launch",
      "name": "edge (wrangler dev)",
      "runtimeExecutable": "npx",
      "runtimeArgs": ["wrangler", "dev", "--var", "UPSTASH_REDIS_REST_TOKEN:⟦P:upstash@vscode-launch-args⟧"]
    }
  ]
}

@@@ carewell-platform/.vscode/settings.json
{
  "editor.formatOnSave": true,
  "files.exclude": { "**/dist": true },
  "sqltools.connections": [
    {
      "name": "reporting",
      "driver": "PostgreSQL",
      "server": "reporting-replica.carewell.internal",
      "username": "analyst",
      "password": "⟦G:db-password@vscode-settings⟧"
    }
  ]
}

@@@ carewell-platform/.run/api (staging).run.xml
<component name="ProjectRunConfigurationManager">
  <configuration default="false" name="api (staging)" type="NodeJSConfigurationType" path-to-js-file="dist/apps/api/main.js" working-dir="$PROJECT_DIR$">
    <envs>
      <env name="NODE_ENV" value="staging" />
      <env name="DATABASE_URL" value="postgres://carewell_app:⟦G:conn-string-password@jetbrains-run-xml⟧@carewell-stg.c9xk2qv1b7ze.us-east-1.rds.amazonaws.com/carewell_stg" />
      <env name="ZOOM_CLIENT_SECRET" value="⟦P:zoom@jetbrains-run-xml⟧" />
      <env name="JWT_SECRET" value="$JWT_SECRET$" /> ⟦n:template-variable@jetbrains-run-xml⟧
    </envs>
    <method v="2" />
  </configuration>
</component>

@@@ carewell-platform/docker-compose.override.yml
# Local overrides. Copy and edit; this one is Ana's and has the sandbox keys that work.
services:
  api:
    environment:
      TWILIO_API_KEY_SECRET: ⟦P:twilio-apikey-secret@compose-override⟧
      VONAGE_API_SECRET: "⟦P:vonage@compose-override⟧"
      PLAID_SECRET: ⟦P:plaid@compose-override⟧
      OPENAI_API_KEY: ${OPENAI_API_KEY} ⟦n:env-reference@compose-override⟧
  mailhog:
    image: mailhog/mailhog@⟦N:docker-image-digest@compose-image⟧

@@@ carewell-platform/justfile
set dotenv-load

api_url := "https://api.carewell.health"

# promote a build on the status page (Statuspage-like internal tool)
release version:
    curl -fsS -X POST {{api_url}}/internal/releases \
      -H "X-Internal-Token: ⟦G:internal-api-token@justfile⟧" \
      -d version={{version}}

logs:
    heroku logs --tail -a carewell-legacy

@@@ carewell-platform/Taskfile.yml
version: '3'

env:
  PSCALE_SERVICE_TOKEN_ID: 'k3x9m2v1q8z4' ⟦n:vendor-identifier@taskfile-env⟧
  PSCALE_SERVICE_TOKEN: '⟦P:planetscale@taskfile-env⟧'

tasks:
  db:branch:
    cmds:
      - pscale branch create carewell-legacy {{.CLI_ARGS}} --org carewell ⟦n:template-variable@taskfile⟧
  sonar:
    cmds:
      - npx sonar-scanner -Dsonar.token=⟦P:sonarqube@taskfile-cli-flag⟧

@@@ carewell-platform/Makefile
.PHONY: deploy-docs snyk

VERCEL_TOKEN ?= ⟦P:vercel@makefile-var⟧
SNYK_TOKEN := ⟦P:snyk@makefile-var⟧

deploy-docs:
	npx vercel deploy --prod --token $(VERCEL_TOKEN) ⟦n:template-variable@makefile-recipe⟧

snyk:
	SNYK_TOKEN=$(SNYK_TOKEN) npx snyk test --all-projects

@@@ carewell-platform/apps/api/Dockerfile
FROM node:20-alpine@⟦N:docker-image-digest@dockerfile-from⟧ AS build
ARG NPM_TOKEN
WORKDIR /app
COPY package*.json .npmrc ./
RUN npm ci
COPY . .
RUN npx nx build api

FROM node:20-alpine
ENV NODE_ENV=production
ENV NEW_RELIC_LICENSE_KEY=⟦P:newrelic-license@dockerfile-env⟧
ENV NEW_RELIC_APP_NAME=carewell-api
COPY --from=build /app/dist/apps/api /app
CMD ["node", "/app/main.js"]

@@@ carewell-platform/scripts/deploy-functions.sh
#!/usr/bin/env bash
set -euo pipefail
# Deploys Firebase functions and Supabase edge functions. Run from repo root.

export FIREBASE_TOKEN="${FIREBASE_TOKEN:?set FIREBASE_TOKEN}" ⟦n:env-reference@shell-script⟧
export SUPABASE_ACCESS_TOKEN=${SUPABASE_ACCESS_TOKEN:-}

npx firebase deploy --only functions --project carewell-prod
npx supabase functions deploy intake-ocr --project-ref qzxkvnwtrbplmjdhgfsa

# notify #deploys
curl -s -X POST -H 'Content-type: application/json' \
  --data '{"text":"functions deployed"}' \
  ⟦P:slack-webhook@shell-curl-positional⟧

@@@ carewell-platform/scripts/backfill-onesignal.mjs
#!/usr/bin/env node
// One-off: re-subscribe patients who lost push after the v3 app update. Run once, then delete (it was not deleted).
const [, , appId = '⟦N:uuid-identifier@js-argv-default⟧', restKey = '⟦P:onesignal@js-argv-default⟧'] = process.argv;

const res = await fetch(`https://api.onesignal.com/apps/${appId}/users`, {
  headers: { Authorization: `Key ${restKey}` },
});
console.log(res.status);

@@@ carewell-platform/scripts/cms-migrate.ts
import { runMigration } from 'contentful-migration';

// usage: npx ts-node scripts/cms-migrate.ts <migration-file>
runMigration({
  filePath: process.argv[2],
  spaceId: 'q8w2e4r6t1y3', ⟦n:vendor-identifier@ts-object-prop⟧
  accessToken: process.env.CONTENTFUL_MANAGEMENT_TOKEN ?? '⟦P:contentful-cma@ts-fallback-env⟧',
  yes: true,
});

@@@ carewell-platform/scripts/release-notes.py
#!/usr/bin/env python3
"""Builds release notes from Linear and Jira and posts them to Notion."""
import requests

NOTION = "https://api.notion.com/v1/pages"
HEADERS = {
    "Authorization": f"Bearer {'⟦P:notion@py-fstring-literal⟧'}",
    "Notion-Version": "2022-06-28",
}

def jira_issues(jql):
    return requests.get(
        "https://carewell.atlassian.net/rest/api/3/search",
        params={"jql": jql},
        auth=("release-bot@carewell.health", "⟦P:atlassian@py-tuple-auth⟧"),
        timeout=30,
    ).json()

@@@ carewell-platform/scripts/airtable-sync.js
// Syncs the clinic onboarding tracker (Airtable) with Asana tasks.
const Airtable = require('airtable');
const asana = require('asana');

const base = new Airtable({ apiKey: '⟦P:airtable@js-sdk-options⟧' }).base('appQ1w2E3r4T5y6U7');

const client = asana.Client.create().useAccessToken('⟦P:asana@js-chained-call⟧');

module.exports = { base, client };

@@@ carewell-platform/.env.example
# Copy to .env and fill in. Never commit .env.
DATABASE_URL=postgres://carewell:<password>@localhost:5432/carewell_dev ⟦n:placeholder-angle@dotenv-example⟧
STRIPE_SECRET_KEY=⟦N:placeholder-x@dotenv-example⟧
STRIPE_PUBLISHABLE_KEY=⟦N:stripe-publishable@dotenv-example⟧
TWILIO_AUTH_TOKEN=your_twilio_auth_token ⟦n:placeholder-words@dotenv-example⟧
OPENAI_API_KEY= ⟦n:empty-value@dotenv-example⟧
DAILY_API_KEY=<daily api key> ⟦n:placeholder-angle@dotenv-example⟧
AWS_ACCESS_KEY_ID=⟦N:aws-docs-example@dotenv-example⟧
AWS_SECRET_ACCESS_KEY=⟦N:aws-docs-example-secret@dotenv-example⟧
SESSION_SECRET=change-me-to-a-long-random-string ⟦n:placeholder-words@dotenv-example⟧

@@@ carewell-platform/.env.development
NODE_ENV=development
API_URL=http://localhost:3333
NEXT_PUBLIC_SUPABASE_URL=https://qzxkvnwtrbplmjdhgfsa.supabase.co
NEXT_PUBLIC_SUPABASE_ANON_KEY=⟦N:supabase-anon@dotenv⟧
NEXT_PUBLIC_POSTHOG_KEY=⟦N:posthog-project@dotenv⟧
POSTHOG_PERSONAL_API_KEY=⟦P:posthog-personal@dotenv⟧
# MUX for recorded patient education videos
MUX_TOKEN_ID=⟦N:uuid-identifier@dotenv⟧
MUX_TOKEN_SECRET=⟦P:mux@dotenv⟧
RESEND_API_KEY="⟦P:resend@dotenv-quoted⟧"
TYPESENSE_ADMIN_KEY='⟦P:typesense@dotenv-single-quoted⟧'

@@@ carewell-platform/.env.production.local
# pulled with `vercel env pull` for the debugging session on 2024-06-03. delete after. (it wasn't)
export STRIPE_SECRET_KEY=⟦P:stripe-secret@dotenv-export⟧
export SENTRY_AUTH_TOKEN=⟦P:sentry-user@dotenv-export⟧
GROQ_API_KEY=⟦P:groq@dotenv⟧
HF_TOKEN=⟦P:huggingface@dotenv⟧
#OLD_OPENAI_API_KEY=⟦P:openai-svcacct@dotenv-commented⟧
ENCRYPTION_KEY=⟦G:hmac-key-hex@dotenv⟧
PHI_FIELD_KEY=base64:⟦G:encryption-key-b64@dotenv-prefixed⟧

@@@ carewell-data/.env
CELERY_BROKER_URL=amqp://intake:⟦G:conn-string-password@dotenv-url⟧@rabbitmq.carewell.internal:5672/intake
REDIS_URL=rediss://default:⟦G:redis-password@dotenv-url⟧@carewell-cache.upstash.io:6379
ASSEMBLYAI_API_KEY=⟦P:assemblyai@dotenv⟧
DEEPGRAM_API_KEY=⟦P:deepgram@dotenv⟧
WANDB_API_KEY=⟦P:wandb@dotenv⟧
CONFLUENT_API_KEY=CWKAFKA7Q2MZ4X1B ⟦n:vendor-identifier@dotenv⟧
CONFLUENT_API_SECRET=⟦P:confluent@dotenv⟧
PLAID_CLIENT_ID=⟦N:public-client-id-hex@dotenv⟧
PLAID_SECRET=⟦P:plaid@dotenv⟧
AMPLITUDE_SECRET_KEY=⟦P:amplitude@dotenv⟧
TOTP_ISSUER_SEED=⟦G:totp-seed@dotenv⟧

@@@ carewell-data/.env.test
# used by pytest; all values fake
DATABASE_URL=postgresql://test:test@localhost:5432/test ⟦n:obvious-test-dummy@dotenv-test⟧
TWILIO_AUTH_TOKEN=00000000000000000000000000000000 ⟦n:obvious-test-dummy@dotenv-test⟧
SENDGRID_API_KEY=SG.fake.key ⟦n:obvious-test-dummy@dotenv-test⟧
DJANGO_SECRET_KEY=insecure-test-only ⟦n:obvious-test-dummy@dotenv-test⟧

@@@ carewell-infra/.env.ci
# CI-only service credentials (read by scripts/ci/*.sh)
GITHUB_TOKEN=⟦P:github-pat@dotenv⟧
DOCKERHUB_TOKEN=⟦P:dockerhub@dotenv⟧
PYPI_API_TOKEN=⟦P:pypi@dotenv⟧
CODECOV_TOKEN=⟦P:codecov@dotenv⟧
PERCY_TOKEN= ⟦n:empty-value@dotenv⟧
CYPRESS_RECORD_KEY=⟦P:cypress@dotenv⟧
BROWSERSTACK_ACCESS_KEY=⟦P:browserstack@dotenv⟧
CIRCLE_TOKEN=⟦P:circleci@dotenv⟧
JENKINS_API_TOKEN=⟦P:jenkins@dotenv⟧
AZURE_DEVOPS_PAT=⟦P:azure-devops@dotenv⟧
BUILDKITE_AGENT_TOKEN=⟦P:buildkite-agent@dotenv⟧
DRONE_TOKEN=${DRONE_TOKEN} ⟦n:env-reference@dotenv⟧
