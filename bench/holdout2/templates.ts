/**
 * The files of a made-up TS/JS/Python product team (web app, API, workers, infra, tooling), each with secrets where
 * such teams leave them and the non-secrets that sit next to them. Placement names say where the value sits.
 */
import { PLACEHOLDERS, Planter, camel, kebab, negatives as N, snake } from './plant';
import { b64 } from './values';

type Template = (t: Planter) => void;
const L = (...lines: string[]): string => lines.join('\n') + '\n';

export const TEMPLATES: Template[] = [
  // --- JS tooling and package managers ---------------------------------------------------------------------------
  (t) => {
    const deploy = t.prov('package.json script env prefix', { prefixed: true });
    const seed = t.gen('package.json script env prefix', 'postgres-uri');
    const r = t.r;
    t.file('package.json', 'json', L(
      '{',
      '  "name": "@acme/storefront",',
      `  "version": "${t.neg('package.json version', 'version-string', N.version(r))}",`,
      '  "private": true,',
      '  "scripts": {',
      '    "dev": "next dev",',
      `    "deploy:prod": "${deploy.env}=${deploy.m} netlify deploy --prod --dir=.next",`,
      `    "db:seed": "DATABASE_URL='${seed.m}' prisma db seed",`,
      `    "release": "NPM_TOKEN=${t.neg('package.json script env prefix', 'env-reference', '$NPM_TOKEN')} changeset publish",`,
      '    "test": "jest --ci"',
      '  },',
      `  "config": { "apiBase": "${t.neg('package.json config', 'url-without-credentials', 'https://api.acme-shop.io/v2')}" },`,
      `  "packageManager": "pnpm@${t.neg('package.json packageManager', 'version-string', '9.12.1')}+sha512.${t.neg('package.json packageManager hash', 'lockfile-hash', N.sha256(r) + N.sha256(r))}"`,
      '}',
    ));
  },
  (t) => {
    const r = t.r;
    t.file('package-lock.json', 'json', L(
      '{',
      '  "name": "@acme/storefront",',
      '  "lockfileVersion": 3,',
      '  "packages": {',
      '    "node_modules/zod": {',
      '      "version": "3.23.8",',
      '      "resolved": "https://registry.npmjs.org/zod/-/zod-3.23.8.tgz",',
      `      "integrity": "${t.neg('lockfile integrity', 'integrity-hash', N.integrity(r))}"`,
      '    },',
      '    "node_modules/jose": {',
      `      "integrity": "${t.neg('lockfile integrity', 'integrity-hash', N.integrity(r))}"`,
      '    }',
      '  }',
      '}',
    ));
  },
  (t) => {
    const npm = t.prov('.npmrc _authToken', { id: 'npm' });
    const pw = t.gen('.npmrc _password (base64)', 'random-password', (v) => b64(v));
    t.file('.npmrc', 'npmrc', L(
      'engine-strict=true',
      `//registry.npmjs.org/:_authToken=${npm.m}`,
      `//npm.pkg.github.com/:_authToken=${t.neg('.npmrc _authToken', 'env-reference', '${GITHUB_TOKEN}')}`,
      '@acme-internal:registry=https://nexus.acme.internal/repository/npm-private/',
      '//nexus.acme.internal/repository/npm-private/:username=ci-publisher',
      `//nexus.acme.internal/repository/npm-private/:_password=${pw.m}`,
      '//nexus.acme.internal/repository/npm-private/:always-auth=true',
    ));
  },
  (t) => {
    const gh = t.prov('.yarnrc.yml npmAuthToken', { prefixed: true });
    t.file('.yarnrc.yml', 'yaml', L(
      'nodeLinker: node-modules',
      'npmScopes:',
      '  acme:',
      '    npmRegistryServer: "https://npm.pkg.github.com"',
      `    npmAuthToken: "${gh.m}"`,
      '  public:',
      `    npmAuthToken: "${t.neg('.yarnrc.yml npmAuthToken', 'env-reference', '${NPM_TOKEN}')}"`,
      'yarnPath: .yarn/releases/yarn-4.5.0.cjs',
    ));
  },
  // --- Python packaging -----------------------------------------------------------------------------------------------
  (t) => {
    const pypi = t.prov('.pypirc password', { id: 'pypi' });
    t.file('.pypirc', 'ini', L(
      '[distutils]',
      'index-servers =',
      '    pypi',
      '    internal',
      '',
      '[pypi]',
      'username = __token__',
      `password = ${pypi.m}`,
      '',
      '[internal]',
      `repository = ${t.neg('.pypirc repository', 'url-without-credentials', 'https://pypi.acme.internal/simple/')}`,
      'username = release-bot',
      `password = ${t.neg('.pypirc password', 'placeholder', '<set in CI>')}`,
    ));
  },
  (t) => {
    const url = t.gen('pip.conf index URL with credentials', 'url-basic-auth', (v) => `${v}/simple`);
    t.file('pip.conf', 'ini', L(
      '[global]',
      'timeout = 60',
      `index-url = ${url.m}`,
      `extra-index-url = ${t.neg('pip.conf index URL', 'url-without-credentials', 'https://pypi.org/simple')}`,
    ));
  },
  (t) => {
    const heroku = t.prov('.netrc password', { id: 'heroku' });
    const gh = t.prov('.netrc password', { id: 'github-classic' });
    t.file('.netrc', 'netrc', L(
      'machine api.heroku.com',
      '  login ops@acme-shop.io',
      `  password ${heroku.m}`,
      `machine github.com login acme-bot password ${gh.m}`,
    ));
  },
  (t) => {
    const hub = t.gen('docker config.json auths.auth', 'basic-credential', (v) => b64(v));
    const r = t.r;
    t.file('.docker/config.json', 'json', L(
      '{',
      '  "auths": {',
      '    "https://index.docker.io/v1/": {',
      `      "auth": "${hub.m}"`,
      '    },',
      `    "ghcr.io": { "auth": "${t.neg('docker config.json auths.auth', 'empty-or-helper', '')}" }`,
      '  },',
      '  "credsStore": "desktop",',
      `  "HttpHeaders": { "User-Agent": "Docker-Client/${t.neg('docker config.json HttpHeaders', 'version-string', N.version(r))}" }`,
      '}',
    ));
  },
  // --- Containers and Kubernetes -------------------------------------------------------------------------------------
  (t) => {
    const r = t.r;
    const pgPass = t.gen('docker-compose environment list', 'human-password');
    const stripe = t.prov('docker-compose environment list', {});
    const rabbit = t.gen('docker-compose environment map', 'random-password');
    const redis = t.gen('docker-compose environment map', 'redis-uri');
    t.file('docker-compose.yml', 'yaml', L(
      'services:',
      '  db:',
      `    image: postgres:16@${t.neg('docker-compose image digest', 'image-digest', N.imageDigest(r))}`,
      '    environment:',
      '      - POSTGRES_USER=app',
      `      - POSTGRES_PASSWORD=${pgPass.m}`,
      '  api:',
      '    build: ./api',
      '    environment:',
      `      - ${stripe.env}=${stripe.m}`,
      `      - API_KEY=${t.neg('docker-compose environment list', 'env-reference', '${API_KEY}')}`,
      '  worker:',
      '    environment:',
      `      RABBITMQ_DEFAULT_PASS: "${rabbit.m}"`,
      `      REDIS_URL: "${redis.m}"`,
      `      SENTRY_DSN: "${t.neg('docker-compose environment map', 'sentry-dsn', N.sentryDsn(r))}"`,
      `      FEATURE_FLAGS: "${t.neg('docker-compose environment map', 'feature-flag', 'new_checkout,fast_refunds')}"`,
    ));
  },
  (t) => {
    const r = t.r;
    const sa = t.gen('kubeconfig user token', 'bearer-jwt');
    const key = t.gen('kubeconfig client-key-data (base64 PEM)', 'pem-private-key', (v) => b64(v));
    t.file('deploy/kubeconfig', 'kubeconfig', L(
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- cluster:',
      `    certificate-authority-data: ${t.neg('kubeconfig certificate-authority-data', 'public-certificate', b64(N.publicKeyPem(r)))}`,
      '    server: https://10.20.0.1:6443',
      '  name: prod',
      'users:',
      '- name: ci-deployer',
      '  user:',
      `    token: ${sa.m}`,
      '- name: admin',
      '  user:',
      `    client-key-data: ${key.m}`,
    ));
  },
  (t) => {
    const mongo = t.gen('k8s Secret stringData', 'mongodb-uri');
    const ai = t.prov('k8s Secret stringData', {});
    const jwtS = t.gen('k8s Secret data (base64)', 'jwt-secret', (v) => b64(v));
    t.file('k8s/secrets.yaml', 'yaml', L(
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: api-secrets',
      'type: Opaque',
      'stringData:',
      `  MONGODB_URI: "${mongo.m}"`,
      `  ${ai.env}: ${ai.m}`,
      `  SESSION_SECRET: ${t.neg('k8s Secret stringData', 'placeholder', 'REPLACE_ME')}`,
      'data:',
      `  JWT_SECRET: ${jwtS.m}`,
    ));
  },
  (t) => {
    const r = t.r;
    const dd = t.prov('k8s env name/value pair', { id: 'datadog-api' });
    const other = t.prov('k8s env name/value pair', {});
    t.file('k8s/deployment.yaml', 'yaml', L(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      `          image: ghcr.io/acme/api:${t.neg('k8s image tag', 'version-string', N.version(r))}`,
      '          env:',
      '            - name: DD_API_KEY',
      `              value: "${dd.m}"`,
      `            - name: ${other.env}`,
      `              value: ${other.m}`,
      '            - name: DD_TRACE_ID',
      `              value: "${t.neg('k8s env name/value pair', 'hex-id', N.hexId(r))}"`,
      '            - name: SLACK_BOT_TOKEN',
      '              valueFrom:',
      '                secretKeyRef: { name: api-secrets, key: slack }',
    ));
  },
  // --- CI/CD and infrastructure --------------------------------------------------------------------------------------
  (t) => {
    const r = t.r;
    const cf = t.prov('GitHub Actions env block', { id: 'cloudflare-api-token' });
    const withIn = t.prov('GitHub Actions with: input', {});
    const run = t.prov('GitHub Actions run line (curl header)', { prefixed: true });
    t.file('.github/workflows/deploy.yml', 'yaml', L(
      'name: deploy',
      'on: { push: { branches: [main] } }',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    env:',
      `      CLOUDFLARE_API_TOKEN: ${cf.m}`,
      `      NPM_TOKEN: ${t.neg('GitHub Actions env block', 'ci-secret-reference', '${{ secrets.NPM_TOKEN }}')}`,
      '    steps:',
      `      - uses: actions/checkout@${t.neg('GitHub Actions uses pin', 'commit-sha', N.commitSha(r))}`,
      '      - uses: acme/notify-action@v2',
      '        with:',
      `          ${kebab(withIn.env)}: ${withIn.m}`,
      `          channel: ${t.neg('GitHub Actions with: input', 'feature-flag', 'deploys')}`,
      '      - run: |',
      `          curl -fsS -H "Authorization: Bearer ${run.m}" https://api.acme-shop.io/hooks/deployed`,
    ));
  },
  (t) => {
    const r = t.r;
    const pw = t.gen('Terraform tfvars', 'random-password');
    const dd = t.prov('Terraform tfvars', { id: 'datadog-api' });
    t.file('infra/prod.tfvars', 'tfvars', L(
      'region          = "eu-west-1"',
      `db_password     = "${pw.m}"`,
      `datadog_api_key = "${dd.m}"`,
      `cloudflare_zone_id = "${t.neg('Terraform tfvars', 'hex-id', N.hexId(r))}"`,
      `ami_id          = "${t.neg('Terraform tfvars', 'resource-id', 'ami-0' + r.str('0123456789abcdef', 16))}"`,
    ));
  },
  (t) => {
    const r = t.r;
    const api = t.prov('wrangler.toml [vars]', {});
    t.file('workers/wrangler.toml', 'toml', L(
      'name = "edge-api"',
      'main = "src/index.ts"',
      'compatibility_date = "2024-09-23"',
      `account_id = "${t.neg('wrangler.toml account_id', 'hex-id', N.hexId(r))}"`,
      '',
      '[vars]',
      `${api.env} = "${api.m}"`,
      `PUBLIC_ORIGIN = "${t.neg('wrangler.toml [vars]', 'url-without-credentials', 'https://shop.acme.io')}"`,
      '',
      '[[kv_namespaces]]',
      'binding = "CACHE"',
      `id = "${t.neg('wrangler.toml kv id', 'hex-id', N.hexId(r))}"`,
    ));
  },
  (t) => {
    const sb = t.prov('vercel.json env', { id: 'supabase-service-role' });
    const r = t.r;
    t.file('vercel.json', 'json', L(
      '{',
      '  "framework": "nextjs",',
      '  "env": {',
      `    "SUPABASE_SERVICE_ROLE_KEY": "${sb.m}",`,
      `    "NEXT_PUBLIC_SUPABASE_ANON_KEY": "${t.neg('vercel.json env', 'publishable-key', N.supabaseAnon(r))}"`,
      '  },',
      '  "crons": [{ "path": "/api/cron/rotate", "schedule": "0 3 * * *" }]',
      '}',
    ));
  },
  (t) => {
    const algolia = t.prov('netlify.toml environment', { id: 'algolia-admin' });
    const sentry = t.prov('netlify.toml context environment', { id: 'sentry-user' });
    t.file('netlify.toml', 'toml', L(
      '[build]',
      '  command = "pnpm build"',
      '[build.environment]',
      `  NODE_VERSION = "${t.neg('netlify.toml environment', 'version-string', '20.11.1')}"`,
      `  ALGOLIA_ADMIN_KEY = "${algolia.m}"`,
      '[context.production.environment]',
      `  SENTRY_AUTH_TOKEN = "${sentry.m}"`,
    ));
  },
  (t) => {
    const gh = t.gen('supabase config.toml OAuth secret', 'oauth-client-secret');
    t.file('supabase/config.toml', 'toml', L(
      'project_id = "storefront"',
      '[auth.external.github]',
      'enabled = true',
      `client_id = "${t.neg('supabase config.toml client_id', 'oauth-client-id', 'Iv1.' + t.r.str('0123456789abcdef', 16))}"`,
      `secret = "${gh.m}"`,
      '[auth.external.google]',
      `secret = "${t.neg('supabase config.toml OAuth secret', 'env-reference', 'env(SUPABASE_AUTH_GOOGLE_SECRET)')}"`,
    ));
  },
  // --- API clients, recordings and specs ----------------------------------------------------------------------------
  (t) => {
    const header = t.prov('Postman collection headers array', {});
    const bearer = t.prov('Postman collection auth.bearer', { prefixed: true });
    t.file('postman/acme-api.postman_collection.json', 'postman', L(
      '{',
      '  "info": { "name": "Acme API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },',
      '  "auth": { "type": "bearer", "bearer": [',
      `    { "key": "token", "value": "${bearer.m}", "type": "string" }`,
      '  ] },',
      '  "item": [{',
      '    "name": "List orders",',
      '    "request": { "method": "GET", "header": [',
      `      { "key": "${header.env.replace(/_/g, '-')}", "value": "${header.m}", "type": "text" },`,
      `      { "key": "Authorization", "value": "${t.neg('Postman collection headers array', 'template-variable', 'Bearer {{accessToken}}')}" }`,
      '    ], "url": "{{baseUrl}}/orders" }',
      '  }]',
      '}',
    ));
  },
  (t) => {
    const heroku = t.prov('Postman environment values', { id: 'heroku' });
    const other = t.prov('Postman environment values', {});
    t.file('postman/production.postman_environment.json', 'postman', L(
      '{',
      '  "name": "production",',
      '  "values": [',
      `    { "key": "baseUrl", "value": "${t.neg('Postman environment values', 'url-without-credentials', 'https://api.acme-shop.io')}", "enabled": true },`,
      `    { "key": "herokuApiKey", "value": "${heroku.m}", "enabled": true },`,
      `    { "key": "${camel(other.env)}", "value": "${other.m}", "type": "secret", "enabled": true }`,
      '  ]',
      '}',
    ));
  },
  (t) => {
    const basic = t.gen('Insomnia header (Basic auth)', 'basic-credential', (v) => b64(v));
    const env = t.prov('Insomnia environment data', {});
    t.file('insomnia/export.json', 'insomnia', L(
      '{ "_type": "export", "__export_format": 4, "resources": [',
      '  { "_type": "request", "name": "Refund", "method": "POST",',
      `    "headers": [{ "name": "Authorization", "value": "Basic ${basic.m}" }, { "name": "Content-Type", "value": "application/json" }] },`,
      `  { "_type": "environment", "name": "Prod", "data": { "${camel(env.env)}": "${env.m}", "region": "eu" } }`,
      '] }',
    ));
  },
  (t) => {
    const r = t.r;
    const auth = t.prov('HAR request header', { prefixed: true });
    const qs = t.prov('HAR queryString', {});
    t.file('recordings/checkout.har', 'har', L(
      '{"log": {"version": "1.2", "entries": [{',
      '  "request": {',
      '    "method": "GET",',
      '    "url": "https://api.acme-shop.io/v2/cart",',
      '    "headers": [',
      `      {"name": "authorization", "value": "Bearer ${auth.m}"},`,
      `      {"name": "if-none-match", "value": "W/\\"${t.neg('HAR request header', 'hash', N.sha256(r))}\\""}`,
      '    ],',
      `    "queryString": [{"name": "${snake(qs.env)}", "value": "${qs.m}"}]`,
      '  },',
      `  "response": {"status": 200, "headers": [{"name": "x-request-id", "value": "${t.neg('HAR response header', 'uuid-id', N.uuid(r))}"}]}`,
      '}]}}',
    ));
  },
  (t) => {
    const r = t.r;
    const ex = t.prov('OpenAPI parameter example', { prefixed: true });
    t.file('openapi.yaml', 'openapi', L(
      'openapi: 3.0.3',
      'info: { title: Acme API, version: 2.4.0 }',
      'components:',
      '  securitySchemes:',
      '    ApiKeyAuth: { type: apiKey, in: header, name: X-API-Key }',
      '  parameters:',
      '    ApiKey:',
      '      name: X-API-Key',
      '      in: header',
      '      schema: { type: string }',
      `      example: ${ex.m}`,
      '    PartnerKey:',
      '      name: X-Partner-Key',
      '      in: header',
      `      example: ${t.neg('OpenAPI parameter example', 'placeholder', 'YOUR_API_KEY')}`,
      '    OrderId:',
      '      name: orderId',
      '      in: path',
      `      example: ${t.neg('OpenAPI parameter example', 'uuid-id', N.uuid(r))}`,
    ));
  },
  (t) => {
    const r = t.r;
    const k = t.prov('Jest snapshot header', { prefixed: true });
    t.file('src/api/__snapshots__/client.test.ts.snap', 'jest-snapshot', L(
      '// Jest Snapshot v1, https://goo.gl/fbAQLP',
      '',
      'exports[`client sends the auth header 1`] = `',
      'Object {',
      '  "headers": Object {',
      `    "Authorization": "Bearer ${k.m}",`,
      '    "Content-Type": "application/json",',
      '  },',
      `  "id": "${t.neg('Jest snapshot value', 'uuid-id', N.uuid(r))}",`,
      '}',
      '`;',
    ));
  },
  // --- Test runners ---------------------------------------------------------------------------------------------------
  (t) => {
    const tok = t.prov('Cypress config env object', {});
    const pw = t.gen('Cypress config env object', 'human-password');
    t.file('cypress.config.ts', 'ts', L(
      "import { defineConfig } from 'cypress';",
      '',
      'export default defineConfig({',
      '  e2e: {',
      `    baseUrl: '${t.neg('Cypress config', 'url-without-credentials', 'http://localhost:3000')}',`,
      '    env: {',
      `      ${camel(tok.env)}: '${tok.m}',`,
      `      adminPassword: '${pw.m}',`,
      '    },',
      '  },',
      '});',
    ));
  },
  (t) => {
    const cs = t.gen('cypress.env.json', 'oauth-client-secret');
    t.file('cypress.env.json', 'json', L(
      '{',
      '  "auth0_username": "qa@acme-shop.io",',
      `  "auth0_client_id": "${t.neg('cypress.env.json', 'oauth-client-id', t.r.str('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 32))}",`,
      `  "auth0_client_secret": "${cs.m}"`,
      '}',
    ));
  },
  (t) => {
    const key = t.gen('Playwright extraHTTPHeaders', 'uuid-api-key');
    t.file('playwright.config.ts', 'ts', L(
      "import { defineConfig } from '@playwright/test';",
      'export default defineConfig({',
      '  use: {',
      `    baseURL: process.env.BASE_URL ?? '${t.neg('Playwright config', 'url-without-credentials', 'http://127.0.0.1:4173')}',`,
      `    extraHTTPHeaders: { 'x-api-key': '${key.m}' },`,
      `    storageState: '${t.neg('Playwright config', 'file-path', 'playwright/.auth/admin.json')}',`,
      '  },',
      '});',
    ));
  },
  // --- Runtimes and frameworks ------------------------------------------------------------------------------------------
  (t) => {
    const k = t.prov('Deno env fallback (??)', {});
    t.file('scripts/backfill.ts', 'ts', L(
      '#!/usr/bin/env -S deno run --allow-net --allow-env',
      `const key = Deno.env.get("${k.env}") ?? "${k.m}";`,
      `const base = Deno.env.get("API_BASE") ?? "${t.neg('Deno env fallback (??)', 'url-without-credentials', 'https://api.acme-shop.io')}";`,
      'const res = await fetch(`${base}/v1/backfill`, { headers: { authorization: `Bearer ${key}` } });',
      'console.log(res.status);',
    ));
  },
  (t) => {
    const pg = t.gen('Bun SQL client URL argument', 'postgres-uri');
    const k = t.prov('Bun.env fallback (||)', {});
    t.file('scripts/sync.bun.ts', 'ts', L(
      "import { SQL } from 'bun';",
      `const db = new SQL('${pg.m}');`,
      `const token = Bun.env.${k.env} || '${k.m}';`,
      'await db`select 1`;',
      'console.log(token.length);',
    ));
  },
  (t) => {
    const r = t.r;
    const fcm = t.prov('Firebase server key constant', { id: 'firebase-fcm-legacy' });
    t.file('src/lib/firebase.ts', 'ts', L(
      "import { initializeApp } from 'firebase/app';",
      'export const app = initializeApp({',
      "  authDomain: 'acme-shop.firebaseapp.com',",
      "  projectId: 'acme-shop',",
      `  messagingSenderId: '${t.neg('Firebase web config', 'numeric-id', r.str('0123456789', 12))}',`,
      `  appId: '${t.neg('Firebase web config', 'app-id', `1:${r.str('0123456789', 12)}:web:${r.str('0123456789abcdef', 22)}`)}',`,
      '});',
      '// legacy HTTP API, still used by the Android app push job',
      `const FCM_SERVER_KEY = '${fcm.m}';`,
      'export const fcmHeaders = { Authorization: `key=${FCM_SERVER_KEY}` };',
    ));
  },
  (t) => {
    const r = t.r;
    const k = t.prov('Expo app.json extra', {});
    t.file('mobile/app.json', 'json', L(
      '{',
      '  "expo": {',
      '    "name": "Acme",',
      '    "slug": "acme",',
      `    "version": "${t.neg('Expo app.json', 'version-string', N.version(r))}",`,
      '    "extra": {',
      `      "${camel(k.env)}": "${k.m}",`,
      `      "eas": { "projectId": "${t.neg('Expo app.json extra', 'uuid-id', N.uuid(r))}" }`,
      '    }',
      '  }',
      '}',
    ));
  },
  (t) => {
    const gh = t.prov('Electron autoUpdater header', { id: 'github-fine-grained' });
    const enc = t.gen('Buffer.from(hex) under key name', 'hex-key');
    t.file('desktop/main.js', 'js', L(
      "const { app, autoUpdater } = require('electron');",
      "const crypto = require('node:crypto');",
      'autoUpdater.setFeedURL({',
      "  url: 'https://updates.acme-shop.io/desktop',",
      `  headers: { Authorization: 'token ${gh.m}' },`,
      '});',
      `const STORE_ENCRYPTION_KEY = Buffer.from('${enc.m}', 'hex');`,
      'const iv = crypto.randomBytes(12);',
      "app.whenReady().then(() => crypto.createCipheriv('aes-256-gcm', STORE_ENCRYPTION_KEY, iv));",
    ));
  },
  (t) => {
    const sk = t.prov('SDK constructor positional argument', { id: 'stripe-secret' });
    const r = t.r;
    t.file('src/routes/api/checkout/+server.ts', 'ts', L(
      "import Stripe from 'stripe';",
      "import { json } from '@sveltejs/kit';",
      `const stripe = new Stripe('${sk.m}', { apiVersion: '2024-06-20' });`,
      `const PRICE = '${t.neg('SvelteKit server constant', 'resource-id', N.stripePriceId(r))}';`,
      'export async function POST() {',
      "  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: PRICE, quantity: 1 }] });",
      '  return json({ url: session.url });',
      '}',
    ));
  },
  (t) => {
    const wh = t.prov('function call positional argument', { id: 'stripe-webhook' });
    const s1 = t.gen('cookie session secrets array', 'session-secret');
    t.file('app/routes/webhooks.stripe.tsx', 'tsx', L(
      "import { createCookieSessionStorage } from '@remix-run/node';",
      "import { stripe } from '~/lib/stripe.server';",
      'export const sessionStorage = createCookieSessionStorage({',
      `  cookie: { name: '__session', secrets: ['${s1.m}'], sameSite: 'lax' },`,
      '});',
      'export async function action({ request }: { request: Request }) {',
      "  const sig = request.headers.get('stripe-signature')!;",
      `  const event = stripe.webhooks.constructEvent(await request.text(), sig, '${wh.m}');`,
      '  return new Response(event.type);',
      '}',
    ));
  },
  (t) => {
    const alg = t.prov('fetch headers object (header name)', { id: 'algolia-admin' });
    t.file('src/pages/api/search.ts', 'ts', L(
      "import type { APIRoute } from 'astro';",
      'export const GET: APIRoute = async ({ url }) => {',
      "  const res = await fetch('https://ACME123.algolia.net/1/indexes/products/query', {",
      "    method: 'POST',",
      `    headers: { 'X-Algolia-Application-Id': '${t.neg('fetch headers object', 'app-id', 'ACME123')}', 'X-Algolia-API-Key': '${alg.m}' },`,
      "    body: JSON.stringify({ query: url.searchParams.get('q') }),",
      '  });',
      '  return new Response(await res.text());',
      '};',
    ));
  },
  (t) => {
    const cookie = t.gen('cookieParser(secret) positional', 'session-secret');
    const sess = t.gen('express-session options', 'session-secret');
    const admin = t.gen('basicAuth users map', 'human-password');
    t.file('server/app.js', 'js', L(
      "const express = require('express');",
      "const cookieParser = require('cookie-parser');",
      "const session = require('express-session');",
      "const basicAuth = require('express-basic-auth');",
      'const app = express();',
      `app.use(cookieParser('${cookie.m}'));`,
      `app.use(session({ secret: '${sess.m}', resave: false, saveUninitialized: false }));`,
      `app.use('/admin', basicAuth({ users: { admin: '${admin.m}' }, challenge: true }));`,
      `app.use(session({ secret: process.env.${t.neg('express-session options', 'env-reference', 'SESSION_SECRET')} }));`,
      'module.exports = app;',
    ));
  },
  (t) => {
    const s = t.gen('fastify plugin options', 'jwt-secret');
    const sign = t.gen('jwt.sign(payload, secret) positional', 'jwt-secret');
    t.file('server/fastify.ts', 'ts', L(
      "import Fastify from 'fastify';",
      "import fastifyJwt from '@fastify/jwt';",
      "import jwt from 'jsonwebtoken';",
      'const app = Fastify({ logger: true });',
      `app.register(fastifyJwt, { secret: '${s.m}' });`,
      "export const serviceToken = (sub: string) => jwt.sign({ sub, aud: 'internal' }, " + `'${sign.m}', { expiresIn: '5m' });`,
      `app.get('/health', async () => ({ ok: true, build: '${t.neg('fastify route', 'commit-sha', N.commitSha(t.r))}' }));`,
    ));
  },
  (t) => {
    const k1 = t.gen('Koa app.keys array', 'session-secret');
    const k2 = t.gen('Koa app.keys array', 'session-secret');
    t.file('server/koa.ts', 'ts', L(
      "import Koa from 'koa';",
      'const app = new Koa();',
      'app.keys = [',
      `  '${k1.m}',`,
      `  '${k2.m}',`,
      '];',
      'export default app;',
    ));
  },
  (t) => {
    const q = t.prov('URL query in a template literal', {});
    const c = t.prov('SDK constructor options object', {});
    t.file('src/graphql/resolvers.ts', 'ts', L(
      "import OpenAI from 'openai';",
      `const llm = new OpenAI({ apiKey: '${c.m}' });`,
      'export const resolvers = {',
      '  Query: {',
      '    geocode: async (_: unknown, { q }: { q: string }) => {',
      `      const res = await fetch(\`https://geo.acme-partners.io/v1/search?q=\${encodeURIComponent(q)}&${snake(q.env)}=${q.m}\`);`,
      '      return res.json();',
      '    },',
      "    summary: async () => llm.models.list(),",
      '  },',
      '};',
    ));
  },
  // --- ORMs and databases --------------------------------------------------------------------------------------------------
  (t) => {
    const url = t.gen('Prisma datasource url', 'postgres-uri');
    t.file('prisma/schema.prisma', 'prisma', L(
      'generator client {',
      '  provider = "prisma-client-js"',
      '}',
      'datasource db {',
      '  provider  = "postgresql"',
      `  url       = "${url.m}"`,
      `  directUrl = ${t.neg('Prisma datasource url', 'env-reference', 'env("DIRECT_URL")')}`,
      '}',
    ));
  },
  (t) => {
    const pw = t.gen('TypeORM DataSource options', 'random-password');
    t.file('src/db/data-source.ts', 'ts', L(
      "import { DataSource } from 'typeorm';",
      'export const AppDataSource = new DataSource({',
      "  type: 'mysql',",
      "  host: 'mysql.prod.internal',",
      "  username: 'orders',",
      `  password: '${pw.m}',`,
      "  database: 'orders',",
      `  migrations: ['${t.neg('TypeORM DataSource options', 'file-path', 'dist/migrations/*.js')}'],`,
      '});',
    ));
  },
  (t) => {
    const my = t.gen('Knex connection string', 'mysql-uri');
    t.file('knexfile.js', 'js', L(
      'module.exports = {',
      "  development: { client: 'sqlite3', connection: { filename: './dev.sqlite3' } },",
      `  production: { client: 'mysql2', connection: '${my.m}', pool: { min: 2, max: 10 } },`,
      '};',
    ));
  },
  (t) => {
    const uri = t.gen('mongoose.connect argument', 'mongodb-uri');
    t.file('src/db/mongo.ts', 'ts', L(
      "import mongoose from 'mongoose';",
      `await mongoose.connect(process.env.MONGO_URL ?? '${uri.m}');`,
    ));
  },
  (t) => {
    const pw = t.gen('new Sequelize(db, user, password) positional', 'human-password');
    t.file('src/db/sequelize.js', 'js', L(
      "const { Sequelize } = require('sequelize');",
      `const sequelize = new Sequelize('shop', 'shop_admin', '${pw.m}', { host: 'db.internal', dialect: 'postgres' });`,
      'module.exports = sequelize;',
    ));
  },
  (t) => {
    const pw = t.gen('LDAP bindCredentials option', 'ldap-bind-password');
    t.file('config/ldap.js', 'js', L(
      'module.exports = {',
      "  url: 'ldaps://ldap.acme.internal:636',",
      `  bindDN: '${t.neg('LDAP bindDN option', 'distinguished-name', 'cn=svc-portal,ou=services,dc=acme,dc=internal')}',`,
      `  bindCredentials: '${pw.m}',`,
      "  searchBase: 'ou=people,dc=acme,dc=internal',",
      '};',
    ));
  },
  (t) => {
    const pk = t.gen('new Wallet(privateKey) positional', 'eth-private-key');
    const r = t.r;
    t.file('src/chain/wallet.ts', 'ts', L(
      "import { Wallet, JsonRpcProvider } from 'ethers';",
      "const provider = new JsonRpcProvider('https://rpc.ankr.com/eth');",
      `export const signer = new Wallet('${pk.m}', provider);`,
      `export const token = '${t.neg('token: contract address', 'eth-address', N.ethAddress(r))}';`,
    ));
  },
  // --- Keys outside string code ----------------------------------------------------------------------------------------
  (t) => {
    const jsdoc = t.prov('JSDoc @example', { prefixed: true });
    const line = t.prov('line comment', { prefixed: true });
    const block = t.prov('block comment env line', {});
    t.file('src/lib/ai.ts', 'ts', L(
      '/**',
      ' * Creates the chat client.',
      ' * @example',
      ` *   const client = createClient({ apiKey: '${jsdoc.m}' });`,
      ' */',
      'export function createClient(opts: { apiKey: string }) {',
      `  // old key, revoked?: ${line.m}`,
      '  return opts;',
      '}',
      '/*',
      '  local setup:',
      `    ${block.env}=${block.m}`,
      '*/',
    ));
  },
  (t) => {
    const half = (v: string) => Math.floor(v.length / 2);
    const fig = t.prov('string concatenation (split value)', { id: 'figma', write: (v) => `'${v.slice(0, 5)}' + '${v.slice(5)}'` });
    const other = t.prov('string concatenation (split value)', { prefixed: true, write: (v) => `"${v.slice(0, half(v))}" +\n  "${v.slice(half(v))}"` });
    t.file('src/lib/design.ts', 'ts', L(
      `const FIGMA_TOKEN = ${fig.m};`,
      `export const partnerKey = ${other.m};`,
      "export const figmaHeaders = { 'X-Figma-Token': FIGMA_TOKEN, Authorization: 'Key ' + partnerKey };",
    ));
  },
  (t) => {
    const hub = t.prov('Markdown runbook code block', { id: 'hubspot' });
    const ldap = t.gen('Markdown runbook inline text', 'ldap-bind-password');
    t.file('docs/runbooks/crm-sync.md', 'markdown', L(
      '# CRM sync runbook',
      '',
      '1. Export the token and run the sync:',
      '',
      '```sh',
      `export HUBSPOT_ACCESS_TOKEN=${hub.m}`,
      'node scripts/crm-sync.js --since yesterday',
      '```',
      '',
      `2. If LDAP lookups fail, the bind password for svc-portal is \`${ldap.m}\` (rotate after the audit).`,
      '',
      `3. Never paste tokens here: use \`${t.neg('Markdown runbook code block', 'placeholder', '<YOUR_TOKEN>')}\` in examples.`,
    ));
  },
  (t) => {
    const dd = t.prov('Map entry [name, value]', { id: 'datadog-api' });
    const aws = t.prov('registry array [kebab-name, value]', { id: 'aws-secret-access-key' });
    const en = t.prov('enum member', {});
    t.file('src/config/registry.ts', 'ts', L(
      'export const SECRETS = new Map<string, string>([',
      `  ['DD_API_KEY', '${dd.m}'],`,
      `  ['DD_SITE', '${t.neg('Map entry [name, value]', 'hostname', 'datadoghq.eu')}'],`,
      ']);',
      'export const registry: Array<[string, string]> = [',
      `  ['aws-secret-access-key', "${aws.m}"],`,
      `  ['aws-region', "${t.neg('registry array [kebab-name, value]', 'region', 'eu-central-1')}"],`,
      '];',
      'export enum Keys {',
      `  ${camel(en.env).replace(/^./, (c) => c.toUpperCase())} = '${en.m}',`,
      `  Placeholder = '${t.neg('enum member', 'placeholder', t.r.pick(PLACEHOLDERS))}',`,
      '}',
    ));
  },
  // --- Python ---------------------------------------------------------------------------------------------------------------
  (t) => {
    const key = t.gen('FastAPI header comparison literal', 'uuid-api-key');
    const k = t.prov('os.getenv(...) or fallback', {});
    t.file('api/deps.py', 'py', L(
      'import os',
      'from fastapi import Header, HTTPException',
      'from fastapi.security import APIKeyHeader',
      '',
      `api_key_header = APIKeyHeader(name="${t.neg('FastAPI dependency', 'header-name', 'X-API-Key')}")`,
      `${k.env} = os.getenv("${k.env}") or "${k.m}"`,
      '',
      'async def verify_key(x_api_key: str = Header(...)):',
      `    if x_api_key != "${key.m}":`,
      '        raise HTTPException(status_code=401)',
    ));
  },
  (t) => {
    const sk = t.gen('Flask config class attribute', 'session-secret');
    const db = t.gen('Flask config class attribute', 'postgres-uri', (v) => v.replace('postgresql://', 'postgresql+psycopg2://'));
    const mail = t.gen('Flask config class attribute', 'smtp-password');
    const sub = t.gen('app.config["SECRET_KEY"] subscript', 'jwt-secret');
    t.file('web/config.py', 'py', L(
      'import os',
      '',
      'class Config:',
      `    SECRET_KEY = os.environ.get("SECRET_KEY", "${t.neg('Flask config class attribute', 'placeholder', 'dev')}")`,
      `    PASSWORD_HASHERS = ["${t.neg('Flask config class attribute', 'class-path', 'django.contrib.auth.hashers.Argon2PasswordHasher')}"]`,
      '',
      'class ProductionConfig(Config):',
      `    SECRET_KEY = "${sk.m}"`,
      `    SQLALCHEMY_DATABASE_URI = "${db.m}"`,
      '    MAIL_USERNAME = "noreply@acme-shop.io"',
      `    MAIL_PASSWORD = "${mail.m}"`,
      '',
      'def create_app(app):',
      `    app.config["JWT_SECRET_KEY"] = "${sub.m}"`,
      '    return app',
    ));
  },
  (t) => {
    const proxy = t.gen('Scrapy settings proxy URL', 'url-basic-auth', (v) => v.replace('https://', 'http://') + ':8011');
    const k = t.prov('Scrapy settings constant', {});
    t.file('crawler/crawler/settings.py', 'py', L(
      'BOT_NAME = "crawler"',
      'DOWNLOADER_MIDDLEWARES = {',
      `    "${t.neg('Scrapy settings', 'class-path', 'scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware')}": 750,`,
      '}',
      `HTTP_PROXY = "${proxy.m}"`,
      `${k.env} = '${k.m}'`,
      'AUTOTHROTTLE_ENABLED = True',
    ));
  },
  (t) => {
    const pw = t.gen('Streamlit secrets.toml section', 'random-password');
    const k = t.prov('Streamlit secrets.toml top level', {});
    t.file('.streamlit/secrets.toml', 'toml', L(
      `${snake(k.env)} = "${k.m}"`,
      '',
      '[connections.snowflake]',
      'account = "acme-eu1"',
      'user = "STREAMLIT_RO"',
      `password = "${pw.m}"`,
      `warehouse = "${t.neg('Streamlit secrets.toml section', 'identifier', 'ANALYTICS_WH')}"`,
    ));
  },
  (t) => {
    const k = t.prov('pydantic Settings field default', {});
    const redis = t.gen('pydantic Settings field default', 'redis-uri');
    const secret = t.gen('SecretStr(...) default', 'jwt-secret');
    t.file('api/settings.py', 'py', L(
      'from pydantic import RedisDsn, SecretStr',
      'from pydantic_settings import BaseSettings, SettingsConfigDict',
      '',
      'class Settings(BaseSettings):',
      '    model_config = SettingsConfigDict(env_file=".env")',
      `    ${snake(k.env)}: str = "${k.m}"`,
      `    redis_url: RedisDsn = "${redis.m}"`,
      `    jwt_secret: SecretStr = SecretStr("${secret.m}")`,
      `    openai_model: str = "${t.neg('pydantic Settings field default', 'model-name', 'gpt-4o-mini')}"`,
    ));
  },
  (t) => {
    const pw = t.gen('dataclass field default', 'smtp-password');
    const hook = t.gen('dataclass field(default=...)', 'webhook-secret');
    t.file('api/notify/config.py', 'py', L(
      'from dataclasses import dataclass, field',
      '',
      '@dataclass',
      'class SmtpConfig:',
      '    host: str = "smtp.mailgun.org"',
      '    port: int = 587',
      '    username: str = "postmaster@mg.acme-shop.io"',
      `    password: str = "${pw.m}"`,
      '',
      '@dataclass',
      'class WebhookConfig:',
      `    signing_secret: str = field(default="${hook.m}", repr=False)`,
      `    endpoint: str = "${t.neg('dataclass field default', 'url-without-credentials', 'https://hooks.acme-shop.io/in')}"`,
    ));
  },
  (t) => {
    const dd = t.prov('logging dictConfig handler option', { id: 'datadog-api' });
    const cred = t.gen('logging HTTPHandler credentials tuple', 'random-password');
    t.file('api/logging_conf.py', 'py', L(
      'LOGGING = {',
      '    "version": 1,',
      '    "handlers": {',
      '        "datadog": {',
      `            "class": "${t.neg('logging dictConfig handler option', 'class-path', 'datadog_logger.DatadogHandler')}",`,
      `            "api_key": "${dd.m}",`,
      '        },',
      '        "http": {',
      '            "class": "logging.handlers.HTTPHandler",',
      '            "host": "logs.acme.internal",',
      `            "credentials": ("shipper", "${cred.m}"),`,
      '        },',
      '    },',
      '}',
    ));
  },
  (t) => {
    const amqp = t.gen('Celery broker_url', 'amqp-uri');
    const redis = t.gen('Celery result_backend', 'redis-uri');
    t.file('api/celery_app.py', 'py', L(
      'from celery import Celery',
      'from celery.schedules import crontab',
      '',
      'app = Celery("acme")',
      `app.conf.broker_url = "${amqp.m}"`,
      `app.conf.result_backend = "${redis.m}"`,
      'app.conf.beat_schedule = {',
      `    "rotate-keys": {"task": "${t.neg('Celery beat schedule', 'class-path', 'api.tasks.rotation.rotate_due_keys')}", "schedule": crontab(hour=3)},`,
      '}',
    ));
  },
  (t) => {
    const h = t.gen('hmac.new(key bytes) positional', 'webhook-secret');
    const kafka = t.gen('Kafka SASL config', 'kafka-sasl-password');
    t.file('api/webhooks.py', 'py', L(
      'import hashlib, hmac',
      'from confluent_kafka import Producer',
      '',
      'def verify(body: bytes, signature: str) -> bool:',
      `    expected = hmac.new(b"${h.m}", body, hashlib.sha256).hexdigest()`,
      '    return hmac.compare_digest(expected, signature)',
      '',
      'producer = Producer({',
      '    "bootstrap.servers": "pkc-4r297.europe-west1.gcp.confluent.cloud:9092",',
      '    "sasl.mechanisms": "PLAIN",',
      '    "sasl.username": "ABCD1234EFGH5678",',
      `    "sasl.password": "${kafka.m}",`,
      '})',
    ));
  },
  // --- Data, logs, shells, keys on disk ----------------------------------------------------------------------------------
  (t) => {
    const r = t.r;
    const k = t.prov('SQL INSERT value', { prefixed: true });
    const pw = t.gen('SQL CREATE USER ... PASSWORD', 'human-password');
    t.file('db/migrations/004_seed_integrations.sql', 'sql', L(
      'CREATE TABLE integrations (name text primary key, api_key text not null);',
      `INSERT INTO integrations (name, api_key) VALUES ('partner', '${k.m}');`,
      `INSERT INTO users (email, password_hash) VALUES ('ops@acme-shop.io', '${t.neg('SQL INSERT value', 'bcrypt-hash', N.bcrypt(r))}');`,
      `CREATE USER reporting WITH PASSWORD '${pw.m}';`,
      `UPDATE settings SET value = '${t.neg('SQL INSERT value', 'uuid-id', N.uuid(r))}' WHERE key = 'tenant_id';`,
    ));
  },
  (t) => {
    const r = t.r;
    const rows: string[] = ['id,email,stripe_customer,api_token,created_at'];
    for (let i = 0; i < 3; i++) {
      const k = t.prov('CSV export cell', { prefixed: true });
      rows.push(`${1000 + i},user${i}@example.com,${t.neg('CSV export cell', 'resource-id', N.stripeCustomerId(r))},${k.m},2024-0${i + 1}-1${i}T10:00:00Z`);
    }
    t.file('exports/customers-2024.csv', 'csv', L(...rows));
  },
  (t) => {
    const r = t.r;
    const b = t.prov('application log line (headers dict)', { prefixed: true });
    const url = t.gen('application log line (connection URL)', 'postgres-uri');
    t.file('logs/api-2024-11-02.log', 'log', L(
      `2024-11-02T10:14:03.118Z INFO  request_id=${t.neg('application log line', 'uuid-id', N.uuid(r))} GET /v2/orders 200 31ms`,
      `2024-11-02T10:14:04.552Z DEBUG outgoing headers={'Authorization': 'Bearer ${b.m}', 'Accept': 'application/json'}`,
      `2024-11-02T10:14:09.001Z ERROR db connect failed url=${url.m} err=ETIMEDOUT`,
      `2024-11-02T10:14:09.002Z INFO  deploy sha=${t.neg('application log line', 'commit-sha', N.commitSha(r))}`,
    ));
  },
  (t) => {
    const pg = t.gen('shell PGPASSWORD=... prefix', 'random-password');
    const my = t.gen("shell mysql -p'...'", 'human-password');
    const curl = t.gen('shell curl -u user:password', 'random-password');
    const k = t.prov('shell heroku config:set', {});
    const aws = t.prov('shell aws configure set', { id: 'aws-secret-access-key' });
    t.file('ops/notes/history.sh', 'sh', L(
      `PGPASSWORD='${pg.m}' psql -h db.prod.internal -U app -c 'select 1'`,
      `mysql -u root -p'${my.m}' shop < dump.sql`,
      `curl -u admin:'${curl.m}' https://grafana.acme.internal/api/dashboards`,
      `heroku config:set ${k.env}=${k.m} -a acme-api`,
      `aws configure set aws_secret_access_key ${aws.m}`,
      `git checkout ${t.neg('shell history', 'commit-sha', N.commitSha(t.r))}`,
      `export AWS_ACCESS_KEY_ID=${t.neg('shell history', 'documented-example-key', N.awsDocsExample())}`,
    ));
  },
  (t) => {
    const laravel = t.gen('env file APP_KEY=base64:', 'base64-key', (v) => `base64:${v}`);
    const r = t.r;
    t.file('docker/app.env', 'env', L(
      'APP_ENV=production',
      `APP_KEY=${laravel.m}`,
      `STRIPE_PUBLISHABLE_KEY=${t.neg('env file', 'publishable-key', N.stripePublishable(r))}`,
      `MAPBOX_TOKEN=${t.neg('env file', 'publishable-key', N.mapboxPublic(r))}`,
      `NEXT_PUBLIC_SUPABASE_KEY=${t.neg('env file', 'publishable-key', N.supabasePublishable(r))}`,
      `GOOGLE_CLIENT_ID=${t.neg('env file', 'oauth-client-id', N.googleClientId(r))}`,
      `LOGO_DATA_URI=${t.neg('env file', 'base64-image', N.base64Image(r))}`,
    ));
  },
  (t) => {
    const r = t.r;
    const key = t.gen('service account JSON private_key', 'pem-private-key', (v) => v.replace(/\n/g, '\\n'));
    t.file('gcp/service-account.json', 'json', L(
      '{',
      '  "type": "service_account",',
      '  "project_id": "acme-prod",',
      `  "private_key_id": "${t.neg('service account JSON private_key_id', 'key-id', N.commitSha(r))}",`,
      `  "private_key": "${key.m}\\n",`,
      '  "client_email": "api@acme-prod.iam.gserviceaccount.com",',
      `  "client_id": "${t.neg('service account JSON client_id', 'numeric-id', r.str('0123456789', 21))}"`,
      '}',
    ));
  },
  (t) => {
    const key = t.gen('private key file on disk', 'pem-private-key');
    t.file('ops/keys/deploy_key', 'pem', L(`${key.m}`));
    t.file('ops/keys/deploy_key.pub', 'pem', L(t.neg('public key file', 'public-key', N.sshPublicKey(t.r))));
    t.file('ops/keys/jwt-public.pem', 'pem', L(t.neg('public key file', 'public-key', N.publicKeyPem(t.r))));
  },
];

/** Extra placements that spread the providers no template drew over more shapes (and more files of each type). */
export const FILLERS: Array<{ placement: string; file: string; type: string; line: (name: string, m: string) => string }> = [
  { placement: 'SDK constructor options object', file: 'src/integrations/clients.ts', type: 'ts', line: (n, m) => `export const ${camel(n)}Client = createClient({ apiKey: '${m}', timeoutMs: 5000 });` },
  { placement: 'default parameter value', file: 'src/integrations/connect.ts', type: 'ts', line: (n, m) => `export function connect${camel(n).replace(/^./, (c) => c.toUpperCase())}(key = "${m}") { return key; }` },
  { placement: 'class field', file: 'src/integrations/services.ts', type: 'ts', line: (n, m) => `export class ${camel(n).replace(/^./, (c) => c.toUpperCase())}Service { private readonly ${camel(n)} = '${m}'; }` },
  { placement: 'Python keyword argument', file: 'api/integrations.py', type: 'py', line: (n, m) => `${snake(n)}_client = Client(${snake(n)}="${m}", timeout=5)` },
  { placement: 'Python dict entry', file: 'api/providers.py', type: 'py', line: (n, m) => `PROVIDERS["${kebab(n)}"] = {"${snake(n)}": '${m}', "retries": 3}` },
  { placement: 'YAML nested map', file: 'config/integrations.yaml', type: 'yaml', line: (n, m) => `${kebab(n)}:\n  ${snake(n)}: ${m}` },
  { placement: 'JSON nested object', file: 'config/integrations.json', type: 'json', line: (n, m) => `  "${camel(n)}": { "value": "${m}", "rotated": "2024-05-01" },` },
  { placement: 'TOML table', file: 'config/integrations.toml', type: 'toml', line: (n, m) => `[${kebab(n)}]\n${snake(n)} = "${m}"` },
  { placement: 'headers.set(name, value)', file: 'src/integrations/headers.ts', type: 'ts', line: (n, m) => `headers.set('X-${kebab(n)}', '${m}');` },
  { placement: 'Python f-string URL query', file: 'api/urls.py', type: 'py', line: (n, m) => `${snake(n)}_url = f"https://api.partner.io/v1/items?${snake(n)}=${m}&page={page}"` },
];

/** Negatives the filler files also carry, as real integration files do. */
export const FILLER_NEGATIVES: Array<(t: Planter, placement: string) => string> = [
  // The filler slots sit under API-key names, so only values that are no secret under any name belong here.
  (t, p) => t.neg(p, 'env-reference', '${PARTNER_API_KEY}'),
  (t, p) => t.neg(p, 'placeholder', t.r.pick(PLACEHOLDERS)),
  (t, p) => t.neg(p, 'publishable-key', N.stripePublishable(t.r)),
  (t, p) => t.neg(p, 'documented-example-key', N.awsDocsExample()),
];
