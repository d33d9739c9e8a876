@@@ carewell-infra/gcp/cloudbuild.yaml
steps:
  - name: gcr.io/cloud-builders/docker
    args: ['build', '-t', 'us-docker.pkg.dev/$PROJECT_ID/carewell/api:$SHORT_SHA', '.']
  - name: gcr.io/cloud-builders/npm
    entrypoint: bash
    args:
      - -c
      - |
        echo "//registry.npmjs.org/:_authToken=⟦P:npm@cloudbuild-inline-script⟧" > .npmrc
        npm ci && npm run build
  - name: gcr.io/google.com/cloudsdktool/cloud-sdk
    entrypoint: gcloud
    args: ['run', 'deploy', 'api', '--image', 'us-docker.pkg.dev/$PROJECT_ID/carewell/api:$SHORT_SHA', '--region', 'us-central1']
    secretEnv: ['SENTRY_AUTH_TOKEN'] ⟦n:secret-manager-reference@cloudbuild-yaml⟧
substitutions:
  _DD_API_KEY: ⟦P:datadog-api@cloudbuild-substitution⟧
  _REGION: us-central1
availableSecrets:
  secretManager:
    - versionName: projects/carewell-prod/secrets/sentry-auth-token/versions/latest ⟦n:secret-manager-reference@cloudbuild-yaml⟧
      env: SENTRY_AUTH_TOKEN

@@@ carewell-infra/gcp/run/api-service.yaml
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: api
  annotations:
    run.googleapis.com/launch-stage: GA
spec:
  template:
    metadata:
      annotations:
        autoscaling.knative.dev/maxScale: '20'
    spec:
      serviceAccountName: api@carewell-prod.iam.gserviceaccount.com
      containers:
        - image: us-docker.pkg.dev/carewell-prod/carewell/api@⟦N:docker-image-digest@cloudrun-service-yaml⟧
          env:
            - name: NODE_ENV
              value: production
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: ⟦n:k8s-secret-ref@cloudrun-service-yaml⟧
                  name: database-url
                  key: latest
            - name: DD_APP_KEY
              value: ⟦P:datadog-app@cloudrun-env⟧
            - name: OPSGENIE_API_KEY
              value: "⟦P:opsgenie@cloudrun-env⟧"

@@@ carewell-infra/gcp/appengine/app.yaml
runtime: python312
entrypoint: gunicorn -b :$PORT carewell_admin.wsgi

env_variables:
  DJANGO_SETTINGS_MODULE: carewell_admin.settings.prod
  DJANGO_SECRET_KEY: "⟦G:django-secret-key@appengine-app-yaml⟧"
  RECAPTCHA_SECRET_KEY: ⟦P:recaptcha-secret@appengine-app-yaml⟧
  RECAPTCHA_SITE_KEY: ⟦N:recaptcha-site-key@appengine-app-yaml⟧

handlers:
  - url: /static
    static_dir: static/

@@@ carewell-infra/azure/main.bicep
@description('Environment name')
param env string = 'prod'

@secure()
param sqlAdminPassword string ⟦n:empty-value@bicep-param⟧

@secure()
param acsConnectionString string = 'endpoint=https://carewell-acs.unitedstates.communication.azure.com/;accesskey=⟦P:azure-acs@bicep-param-default⟧'

param storageAccountName string = 'carewellclaims${env}'

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-carewell-${env}'
}

resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: 'carewell-claims-${env}'
  location: resourceGroup().location
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'ACS_CONNECTION', value: acsConnectionString }
        { name: 'SQL_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=https://kv-carewell-prod.vault.azure.net/secrets/sql-admin/)' } ⟦n:secret-manager-reference@bicep-appsettings⟧
        { name: 'SERVICEBUS', value: 'Endpoint=sb://carewell-claims.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=⟦P:azure-servicebus@bicep-appsettings⟧' }
      ]
    }
  }
}

@@@ carewell-infra/azure/storage.parameters.json
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "storageAccountName": { "value": "carewellclaimsprod" },
    "tenantId": { "value": "⟦N:azure-tenant-id@arm-parameters⟧" },
    "subscriptionId": { "value": "⟦N:azure-tenant-id@arm-parameters⟧" },
    "storageConnection": {
      "value": "DefaultEndpointsProtocol=https;AccountName=carewellclaimsprod;AccountKey=⟦P:azure-storage@arm-parameters⟧;EndpointSuffix=core.windows.net"
    },
    "aadClientSecret": { "value": "⟦P:azure-ad-secret@arm-parameters⟧" },
    "sqlAdminPassword": {
      "reference": {
        "keyVault": { "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-carewell/providers/Microsoft.KeyVault/vaults/kv-carewell-prod" }, ⟦n:secret-manager-reference@arm-parameters⟧
        "secretName": "sql-admin"
      }
    }
  }
}

@@@ carewell-infra/azure/azure-pipelines.yml
trigger:
  branches:
    include: [main]

pool:
  vmImage: ubuntu-latest

variables:
  - group: carewell-claims-prod ⟦n:ci-secret-reference@azure-pipelines⟧
  - name: AZURE_DEVOPS_EXT_PAT
    value: ⟦P:azure-devops@azure-pipelines-var⟧

steps:
  - script: |
      az storage blob upload-batch -d '$web' -s dist \
        --account-name carewellclaimsprod \
        --sas-token "⟦P:azure-sas@azure-pipelines-script⟧"
    displayName: Publish static claims portal
  - script: npm ci && npm test
    env:
      SQL_PASSWORD: $(sqlAdminPassword) ⟦n:ci-secret-reference@azure-pipelines⟧

@@@ carewell-infra/terraform/envs/prod/terraform.tfvars
project_id      = "carewell-prod"
region          = "us-central1"
db_tier         = "db-custom-4-16384"
alert_email     = "oncall@carewell.health"

# provider credentials consumed by modules/observability
datadog_api_key = "⟦P:datadog-api@tfvars⟧"
datadog_app_key = "⟦P:datadog-app@tfvars⟧"
pagerduty_token = "⟦P:pagerduty@tfvars⟧"

cloudflare_api_token = "⟦P:cloudflare-token@tfvars⟧"
cloudflare_zone_id   = "⟦N:hex-resource-id@tfvars⟧"

@@@ carewell-infra/terraform/envs/staging/staging.auto.tfvars
project_id = "carewell-staging"
db_password = "⟦G:human-password@tfvars⟧"
fastly_api_key = "" ⟦n:empty-value@tfvars⟧
linode_token = "⟦P:linode@tfvars⟧"
do_token = "⟦P:digitalocean@tfvars⟧"

@@@ carewell-infra/terraform/modules/observability/variables.tf
variable "datadog_api_key" {
  type      = string
  sensitive = true
}

variable "grafana_auth" {
  description = "Grafana Cloud service account token for the dashboards-as-code provider"
  type        = string
  sensitive   = true
  default     = "⟦P:grafana-sa@hcl-variable-default⟧"
}

variable "sentry_org" {
  type    = string
  default = "carewell"
}

@@@ carewell-infra/terraform/modules/observability/main.tf
terraform {
  required_providers {
    datadog = { source = "DataDog/datadog", version = "~> 3.39" }
    grafana = { source = "grafana/grafana", version = "~> 2.9" }
  }
  cloud {
    organization = "carewell"
    workspaces { name = "observability-prod" }
  }
}

provider "datadog" {
  api_key = var.datadog_api_key ⟦n:template-variable@hcl-provider-block⟧
}

resource "random_password" "grafana_admin" {
  length  = 32
  special = true
}

provider "sentry" {
  token = "⟦P:sentry-user@hcl-provider-block⟧"
}

provider "newrelic" {
  account_id = 3391024
  api_key    = "⟦P:newrelic-user@hcl-provider-block⟧"
  region     = "US"
}

@@@ carewell-infra/terraform/.terraform.lock.hcl
provider "registry.terraform.io/datadog/datadog" {
  version     = "3.39.0"
  constraints = "~> 3.39"
  hashes = [
    "⟦N:terraform-lock-hash@terraform-lock⟧",
    "zh:⟦N:checksum-hex@terraform-lock⟧",
  ]
}

@@@ carewell-infra/terraform/.terraformrc
credentials "app.terraform.io" {
  token = "⟦P:terraform-cloud@terraformrc⟧"
}

@@@ carewell-infra/ansible/inventories/prod/hosts.ini
[interface_engines]
mirth-01.carewell.internal ansible_host=10.20.1.11
mirth-02.carewell.internal ansible_host=10.20.1.12

[fax_gateway]
fax-01.carewell.internal ansible_user=ops ansible_password=⟦G:ansible-become-password@ansible-inventory⟧

[all:vars]
ansible_python_interpreter=/usr/bin/python3

@@@ carewell-infra/ansible/inventories/prod/group_vars/interface_engines.yml
---
mirth_version: 4.5.0
mirth_admin_user: admin
mirth_admin_password: "{{ vault_mirth_admin_password }}" ⟦n:template-variable@ansible-group-vars⟧
mirth_keystore_password: ⟦G:keystore-password@ansible-group-vars⟧
ansible_become_pass: ⟦G:ansible-become-password@ansible-group-vars⟧
lab_partner_sftp:
  host: sftp.labpartner.example.org
  user: carewell
  private_key: |
    ⟦G:private-key-openssh@ansible-yaml-block|indent4⟧
datadog_api_key: ⟦P:datadog-api@ansible-group-vars⟧

@@@ carewell-infra/ansible/inventories/prod/group_vars/vault.yml
⟦N:ansible-vault-blob@ansible-vault-file⟧

@@@ carewell-infra/ansible/roles/fax/templates/hylafax.conf.j2
# managed by ansible
ModemType: Class1
FAXNumber: +1.555.010.0188
SMTPPassword: {{ fax_smtp_password }} ⟦n:template-variable@jinja-template⟧

@@@ carewell-infra/ci/Jenkinsfile
pipeline {
  agent { label 'linux' }
  environment {
    SONAR_TOKEN = credentials('sonar-token') ⟦n:ci-secret-reference@jenkinsfile⟧
    BROWSERSTACK_USERNAME = 'carewellqa1'
    BROWSERSTACK_ACCESS_KEY = '⟦P:browserstack@jenkinsfile-env⟧'
  }
  stages {
    stage('Build') {
      steps { sh 'npm ci && npx nx run-many -t build' }
    }
    stage('Quality') {
      steps {
        sh "npx sonar-scanner -Dsonar.login=${SONAR_TOKEN}"
        sh 'curl -s -X POST -u jenkins-bot:⟦P:jenkins@jenkinsfile-sh⟧ https://jenkins.carewell.internal/job/mobile-e2e/build'
      }
    }
  }
}

@@@ carewell-infra/ci/.gitlab-ci.yml
stages: [test, deploy]

variables:
  GIT_DEPTH: "20"
  CODECOV_TOKEN: "⟦P:codecov@gitlab-ci-variables⟧"

test:
  image: node:20
  script:
    - npm ci
    - npx nx affected -t test
    - npx codecov -t $CODECOV_TOKEN ⟦n:env-reference@gitlab-ci-script⟧

deploy-docs:
  stage: deploy
  script:
    - npx netlify deploy --prod --auth ⟦P:netlify@gitlab-ci-cli-flag⟧ --site carewell-docs
  only: [main]

register-runner:
  stage: deploy
  when: manual
  script:
    - gitlab-runner register --non-interactive --url https://gitlab.carewell.internal --token ⟦P:gitlab-runner@gitlab-ci-cli-flag⟧ --executor docker

@@@ carewell-infra/ci/buildkite/pipeline.yml
env:
  BUILDKITE_API_TOKEN: "⟦P:buildkite@buildkite-env⟧"
  DOCKER_BUILDKIT: "1"

steps:
  - label: ":docker: build"
    command: docker build -t carewell/api .
    plugins:
      - docker-login#v3.0.0:
          username: carewellci
          password-env: DOCKER_PASSWORD ⟦n:env-reference@buildkite-plugin⟧
  - label: ":cypress: e2e"
    command: npx cypress run --record --key ⟦P:cypress@buildkite-command⟧

@@@ carewell-infra/ci/buildkite/agent.cfg
# /etc/buildkite-agent/buildkite-agent.cfg on the mac mini (iOS builds)
token="⟦P:buildkite-agent@buildkite-agent-cfg⟧"
name="carewell-macmini-%n"
tags="queue=ios,os=macos"
build-path="/Users/buildkite/builds"

@@@ carewell-infra/ci/.drone.yml
kind: pipeline
type: docker
name: hl7-bridge

steps:
  - name: test
    image: golang:1.22
    commands:
      - go test ./...
  - name: publish
    image: plugins/docker
    settings:
      repo: carewell/hl7-bridge
      username: carewellci
      password:
        from_secret: docker_password ⟦n:ci-secret-reference@drone-yml⟧
  - name: notify
    image: plugins/slack
    settings:
      webhook: ⟦P:slack-webhook@drone-settings⟧

@@@ carewell-infra/ci/drone-cli.env
DRONE_SERVER=https://drone.carewell.internal
DRONE_TOKEN=⟦P:drone@dotenv⟧

@@@ carewell-infra/ci/.circleci/config.yml
version: 2.1
orbs:
  node: circleci/node@5.2.0
jobs:
  mobile-build:
    docker:
      - image: cimg/node:20.11
    environment:
      EXPO_TOKEN: ⟦P:expo@circleci-environment⟧
      SENTRY_ORG: carewell
    steps:
      - checkout
      - run: npx eas-cli build --platform android --non-interactive
  trigger-api:
    docker:
      - image: cimg/base:stable
    steps:
      - run: |
          curl -X POST https://circleci.com/api/v2/project/gh/carewell-health/platform/pipeline \
            -H "Circle-Token: ⟦P:circleci@circleci-curl-header⟧" \
            -H 'Content-Type: application/json' -d '{"branch":"main"}'
workflows:
  main:
    jobs: [mobile-build, trigger-api]

@@@ carewell-infra/ci/bitbucket-pipelines.yml
image: node:20

pipelines:
  default:
    - step:
        name: Mirror to Bitbucket (legacy clinic integrations repo)
        script:
          - git push https://carewell-ci:⟦P:bitbucket@bitbucket-pipelines-url⟧@bitbucket.org/carewell/clinic-integrations.git HEAD:main
          - pipe: atlassian/slack-notify:2.1.0
            variables:
              WEBHOOK_URL: $SLACK_WEBHOOK ⟦n:env-reference@bitbucket-pipelines⟧

@@@ carewell-platform/.github/workflows/deploy.yml
name: deploy
on:
  push:
    branches: [main]

env:
  NX_CLOUD_ACCESS_TOKEN: ${{ secrets.NX_CLOUD_ACCESS_TOKEN }} ⟦n:ci-secret-reference@github-actions⟧
  TURBO_TEAM: carewell

jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@⟦N:git-sha@github-actions-pin⟧ # v4.1.1
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - name: Deploy edge worker
        run: npx wrangler deploy
        env:
          CLOUDFLARE_API_TOKEN: ⟦P:cloudflare-token@github-actions-env⟧
      - name: Deploy clinician web (Fly)
        run: flyctl deploy --remote-only -a carewell-clinician
        env:
          FLY_API_TOKEN: "⟦P:fly@github-actions-env⟧"
      - name: Upload source maps
        run: npx @sentry/cli sourcemaps upload --auth-token ${{ secrets.SENTRY_AUTH_TOKEN }} dist/ ⟦n:ci-secret-reference@github-actions⟧

@@@ carewell-platform/.github/workflows/mobile-release.yml
name: mobile-release
on: workflow_dispatch
jobs:
  release:
    runs-on: macos-14
    steps:
      - uses: actions/checkout@v4
      - name: App Store Connect key
        run: |
          mkdir -p ~/.appstoreconnect/private_keys
          cat > ~/.appstoreconnect/private_keys/AuthKey_7QX2M9L4KD.p8 <<'P8'
          ⟦G:private-key-p8@github-actions-heredoc|indent10⟧
          P8
      - run: npx eas-cli submit -p ios --non-interactive
        env:
          EXPO_TOKEN: ${{ secrets.EXPO_TOKEN }} ⟦n:ci-secret-reference@github-actions⟧

@@@ carewell-infra/k8s/argocd/repo-secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: platform-repo
  namespace: argocd
  labels:
    argocd.argoproj.io/secret-type: repository
stringData:
  type: git
  url: https://github.com/carewell-health/platform
  username: carewell-argocd
  password: ⟦P:github-fine@argocd-repo-secret⟧

@@@ carewell-infra/k8s/argocd/applications/api.yaml
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: api
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/carewell-health/platform
    targetRevision: ⟦N:git-sha@argocd-application⟧
    path: deploy/api
    helm:
      valueFiles: [values-prod.yaml]
  destination:
    server: https://kubernetes.default.svc
    namespace: api

@@@ carewell-infra/k8s/flux/clusters/prod/git-credentials.yaml
apiVersion: v1
kind: Secret
metadata:
  name: flux-system
  namespace: flux-system
type: Opaque
data:
  username: Z2l0
  password: ⟦P:gitlab@flux-secret-data-b64|b64⟧

@@@ carewell-infra/k8s/flux/clusters/prod/sealed-pagerduty.yaml
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: pagerduty
  namespace: monitoring
spec:
  encryptedData:
    routing_key: ⟦N:sealed-secret@sealed-secret-yaml⟧

@@@ carewell-infra/k8s/flux/clusters/prod/secrets.enc.yaml
apiVersion: v1
kind: Secret
metadata:
  name: api-secrets
  namespace: api
stringData:
  OPENAI_API_KEY: ⟦N:encrypted-ciphertext@sops-yaml⟧
  STRIPE_SECRET_KEY: ⟦N:encrypted-ciphertext@sops-yaml⟧
sops:
  kms: []
  gcp_kms:
    - resource_id: projects/carewell-prod/locations/global/keyRings/sops/cryptoKeys/flux ⟦n:secret-manager-reference@sops-yaml⟧
  lastmodified: "2024-10-02T14:11:09Z"
  mac: ⟦N:encrypted-ciphertext@sops-yaml⟧
  version: 3.8.1

@@@ carewell-infra/k8s/charts/api/values-prod.yaml
replicaCount: 4
image:
  repository: us-docker.pkg.dev/carewell-prod/carewell/api
  tag: ⟦N:git-sha@helm-values⟧
env:
  LOG_LEVEL: info
  HONEYCOMB_API_KEY: ⟦P:honeycomb@helm-values⟧
  SPLUNK_HEC_TOKEN: "⟦P:splunk-hec@helm-values⟧"
secrets:
  existingSecret: api-secrets ⟦n:k8s-secret-ref@helm-values⟧
ingress:
  annotations:
    nginx.ingress.kubernetes.io/auth-url: https://auth.carewell.internal/verify

@@@ carewell-infra/k8s/charts/api/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "api.fullname" . }}
type: Opaque
data:
  twilio-auth-token: {{ .Values.twilio.authToken | b64enc | quote }} ⟦n:template-variable@helm-template⟧
  redox-secret: ⟦P:redox@k8s-secret-data-b64|b64⟧

@@@ carewell-infra/dev/skaffold.yaml
apiVersion: skaffold/v4beta9
kind: Config
build:
  artifacts:
    - image: carewell/api
      docker:
        buildArgs:
          NPM_TOKEN: ⟦P:npm@skaffold-build-arg⟧
deploy:
  helm:
    releases:
      - name: api
        chartPath: ../k8s/charts/api
        setValues:
          twilio.authToken: "{{.TWILIO_AUTH_TOKEN}}" ⟦n:template-variable@skaffold⟧

@@@ carewell-infra/dev/Tiltfile
# Local k8s dev loop (kind). Secrets for local only, real ones live in Secret Manager.
k8s_yaml(helm('../k8s/charts/api', set=['env.LOG_LEVEL=debug']))
docker_build('carewell/api', '../../carewell-platform', build_args={'NPM_TOKEN': os.getenv('NPM_TOKEN', '')}) ⟦n:env-reference@tiltfile⟧
local_resource('seed', 'npx ts-node tools/seed/seed.ts', env={'SEED_ADMIN_PASSWORD': '⟦G:human-password@tiltfile⟧'})

@@@ carewell-infra/nomad/fax-relay.nomad.hcl
job "fax-relay" {
  datacenters = ["dc1"]
  type        = "service"

  group "relay" {
    task "relay" {
      driver = "docker"
      config {
        image = "carewell/fax-relay:1.8.2"
      }
      env {
        SRFAX_ACCESS_ID = "88213"
        SRFAX_PASSWORD  = "⟦G:random-password@nomad-env⟧"
      }
      template {
        data        = <<EOH
SINCH_TOKEN={{ with secret "kv/data/fax" }}{{ .Data.data.sinch_token }}{{ end }} ⟦n:template-variable@nomad-template⟧
EOH
        destination = "secrets/fax.env"
        env         = true
      }
    }
  }
}

@@@ carewell-infra/vault/agent.hcl
vault {
  address = "https://vault.carewell.internal:8200"
}

auto_auth {
  method "approle" {
    config = {
      role_id_file_path   = "/etc/vault/role-id"
      secret_id_file_path = "/etc/vault/secret-id" ⟦n:secret-name-harmless-value@vault-agent-hcl⟧
    }
  }
}

# break-glass token for the fax box while approle is broken (INC-2291). remove after!
# token = "⟦P:vault@hcl-comment⟧"

template {
  source      = "/etc/vault/templates/fax.env.ctmpl"
  destination = "/etc/fax/fax.env"
}

@@@ carewell-infra/consul/consul.hcl
datacenter = "dc1"
data_dir   = "/opt/consul"
encrypt    = "⟦G:encryption-key-b64@consul-hcl⟧"
acl {
  enabled        = true
  default_policy = "deny"
}
node_id = "⟦N:uuid-identifier@consul-hcl⟧"
ui_config { enabled = true }
