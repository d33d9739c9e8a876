/**
 * Builds the held-out corpus: files as teams write them (CI YAML, Ansible, Helm, Spring, .NET, Laravel, notebooks,
 * Dockerfiles, Makefiles, TS/JS and Python application code, shell, docs), each planted value labelled with its file,
 * line, kind and placement. Which key goes into which placement is drawn from the seed.
 */
import { generics, negatives, providers, Rng, type SecretSpec } from './secrets';

export interface Label {
  file: string;
  /** 1-based; endLine for a value over several lines (PEM). */
  line: number;
  endLine: number;
  kind: 'provider' | 'generic' | 'negative';
  /** Spec id (provider key format, generic kind) or negative kind. */
  id: string;
  /** Provider name or generic kind, for the report. */
  what: string;
  placement: string;
  contextOnly: boolean;
  /** Searched for in every output: never printed. */
  value: string;
  core: string;
}

export interface CorpusFile {
  path: string;
  text: string;
}

interface Names {
  env: string;
  camel: string;
  snake: string;
  kebab: string;
  pascal: string;
}

function namesOf(env: string): Names {
  const words = env.toLowerCase().split('_');
  const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
  return { env, snake: words.join('_'), kebab: words.join('-'), camel: words[0] + words.slice(1).map(cap).join(''), pascal: words.map(cap).join('') };
}

type Render = (value: string, n: Names) => string | string[];

class FileBuilder {
  readonly lines: string[] = [];
  constructor(readonly path: string, private readonly corpus: Corpus) {}
  l(...lines: string[]): this {
    this.lines.push(...lines.flatMap((x) => x.split('\n')));
    return this;
  }
  /** A planted secret; `spec` is a SecretSpec or 'P' (the next provider) or 'G' (the next generic kind). */
  s(placement: string, spec: SecretSpec, render: Render): this {
    const value = spec.gen(this.corpus.rng);
    this.plant(placement, spec.kind, spec.id, spec.label, !!spec.contextOnly, value, spec.core ? spec.core(value) : value, render(value, namesOf(spec.env)));
    return this;
  }
  /** A value that is not a secret, where one could be mistaken for it. */
  n(placement: string, id: keyof typeof negatives, render: (value: string) => string | string[]): this {
    const value = negatives[id](this.corpus.rng);
    this.plant(placement, 'negative', id, id, false, value, value, render(value));
    return this;
  }
  private plant(placement: string, kind: Label['kind'], id: string, what: string, contextOnly: boolean, value: string, core: string, rendered: string | string[]): void {
    const lines = (Array.isArray(rendered) ? rendered : [rendered]).flatMap((x) => x.split('\n'));
    const first = value.split('\n')[0]!;
    const escaped = JSON.stringify(first).slice(1, -1);
    // A value split by concatenation is labelled on the line of its first part (and the next: see endLine).
    const whole = lines.findIndex((x) => x.includes(first) || x.includes(escaped) || x.includes(core));
    const split = whole < 0 ? lines.findIndex((x) => x.includes(first.slice(0, 12))) : -1;
    const at = whole >= 0 ? whole : split;
    if (at < 0) throw new Error(`holdout generator: value of ${id} not found in its rendering (${this.path}, ${placement})`);
    const span = split >= 0 ? 1 : lines[at]!.includes(first) && value.includes('\n') ? value.split('\n').length - 1 : 0;
    const line = this.lines.length + at + 1;
    this.corpus.labels.push({ file: this.path, line, endLine: line + span, kind, id, what, placement, contextOnly, value, core });
    this.lines.push(...lines);
  }
}

export class Corpus {
  readonly rng: Rng;
  readonly labels: Label[] = [];
  readonly files: FileBuilder[] = [];
  private providerQueue: SecretSpec[] = [];
  private genericQueue: SecretSpec[] = [];
  constructor(seed: number) {
    this.rng = new Rng(seed);
  }
  file(path: string): FileBuilder {
    const f = new FileBuilder(path, this);
    this.files.push(f);
    return f;
  }
  /** The next provider key format, cycling through all of them in a seeded order. */
  P(): SecretSpec {
    if (this.providerQueue.length === 0) this.providerQueue = this.rng.shuffle(providers);
    return this.providerQueue.pop()!;
  }
  /** The next generic kind (single-line); `machine` skips human-chosen passwords (for test files, where stand-ins are the norm). */
  G(opts: { machine?: boolean } = {}): SecretSpec {
    for (;;) {
      if (this.genericQueue.length === 0) this.genericQueue = this.rng.shuffle(generics.filter((g) => !g.multiline));
      const g = this.genericQueue.pop()!;
      if (opts.machine && g.id === 'password-human') continue;
      return g;
    }
  }
  generic(id: string): SecretSpec {
    return generics.find((g) => g.id === id)!;
  }
  provider(id: string): SecretSpec {
    return providers.find((g) => g.id === id)!;
  }
  build(): CorpusFile[] {
    return this.files.map((f) => ({ path: f.path, text: f.lines.join('\n') + '\n' }));
  }
}

const q = JSON.stringify;

/**
 * Placements (and look-alikes) that issue 17 names as classes to fix. The author read that issue, so these are not
 * held out: the report gives its figures with and without them.
 */
export const FROM_ISSUE_17 = new Set([
  'positional jwt.sign secret', 'positional cookieParser(secret)', 'positional new Sequelize(db, user, password)',
  'positional new Wallet(privateKey)', 'Buffer.from(hex) under key-like name', 'app.config["SECRET_KEY"] subscript',
  'laravel .env APP_KEY=base64:', 'Makefile recipe command', 'postman environment key/value', 'registry array pair',
  'enum member', 'JSDoc example', 'shell comment (commented-out export)', 'template literal URL query',
  'string concatenation split', 'env fallback (os.getenv or literal)', 'env fallback (environ.get default)',
  'anon JWT (publishable)', 'eth address under token name', 'GCP private_key_id', 'Google OAuth client id',
  'class path under password name', 'Stripe publishable key', 'vite define (publishable)', 'Storybook args (publishable)',
]);

export function buildCorpus(seed: number): { files: CorpusFile[]; labels: Label[] } {
  const c = new Corpus(seed);
  const { P, G } = { P: () => c.P(), G: (o?: { machine?: boolean }) => c.G(o) };

  // ---- CI pipelines ----
  c.file('.gitlab-ci.yml')
    .l('stages: [test, deploy]', '', 'variables:', '  NODE_VERSION: "20"', '  DOCKER_DRIVER: overlay2')
    .s('gitlab-ci variables map', P(), (v, n) => `  ${n.env}: "${v}"`)
    .l('  REGISTRY_IMAGE: $CI_REGISTRY_IMAGE/api')
    .n('gitlab-ci variables map', 'commitSha', (v) => `  PINNED_BASE_SHA: "${v}"`)
    .l('', 'deploy:', '  stage: deploy', '  image: curlimages/curl:8.8.0', '  script:')
    .s('CI script curl header', P(), (v) => `    - curl -sf -X POST -H "Authorization: Bearer ${v}" https://api.example.com/deploys`)
    .l('    - curl -sf -H "PRIVATE-TOKEN: $CI_JOB_TOKEN" "$CI_API_V4_URL/projects"')
    .s('CI script export', G(), (v, n) => `    - export ${n.env}='${v}'`)
    .l('  only: [main]');

  c.file('.circleci/config.yml')
    .l('version: 2.1', 'jobs:', '  build:', '    docker:', '      - image: cimg/node:20.11', '        auth:', '          username: acmebot')
    .s('circleci docker auth password', c.generic('password-random'), (v) => `          password: ${v}`)
    .l('    environment:')
    .s('circleci environment map', P(), (v, n) => `      ${n.env}: ${v}`)
    .l('      NODE_ENV: test', '      API_KEY: ${API_KEY}')
    .n('circleci environment map', 'placeholder', (v) => `      SENTRY_DSN: "${v}"`)
    .l('    steps:', '      - checkout', '      - run:', '          name: Publish')
    .s('circleci run command (npm config)', c.provider('npm'), (v) => `          command: npm config set //registry.npmjs.org/:_authToken ${v} && npm publish`);

  c.file('bitbucket-pipelines.yml')
    .l('image: python:3.12', 'pipelines:', '  branches:', '    main:', '      - step:', '          name: Deploy', '          script:')
    .s('bitbucket script export', P(), (v, n) => `            - export ${n.env}=${v}`)
    .s('bitbucket pipe variable', P(), (v, n) => ['            - pipe: atlassian/aws-s3-deploy:1.1.0', '              variables:', `                ${n.env}: '${v}'`])
    .l("                S3_BUCKET: 'acme-static-site'")
    .n('bitbucket pipe variable', 'dockerDigest', (v) => `                IMAGE_DIGEST: '${v}'`);

  c.file('azure-pipelines.yml')
    .l('trigger:', '  - main', 'pool:', '  vmImage: ubuntu-latest', 'variables:')
    .s('azure pipelines name/value list (value on next line)', P(), (v, n) => [`  - name: ${n.env}`, `    value: '${v}'`])
    .l('  - group: shared-secrets', '  - name: buildConfiguration', '    value: Release')
    .s('azure pipelines inline script env', G(), (v, n) => ['steps:', '  - script: ./deploy.sh', '    env:', `      ${n.env}: ${v}`])
    .l('      API_TOKEN: $(apiToken)');

  // ---- Ansible ----
  c.file('ansible/group_vars/production.yml')
    .l('---', 'app_user: deploy', 'app_port: 8080')
    .s('ansible group_vars plain key', c.generic('password-human'), (v) => `postgres_password: "${v}"`)
    .s('ansible group_vars plain key', P(), (v, n) => `${n.snake}: ${v}`)
    .l('smtp_password: "{{ vault_smtp_password }}"')
    .l('api_secret: !vault |', '  $ANSIBLE_VAULT;1.1;AES256', '  ' + c.rng.hex(64), '  ' + c.rng.hex(64))
    .s('ansible nested dict', c.generic('ldap-bind'), (v) => ['ldap:', '  uri: ldaps://ldap.corp.example:636', '  bind_dn: cn=svc-app,ou=services,dc=corp,dc=example', `  bind_password: '${v}'`]);

  c.file('ansible/inventory.ini')
    .l('[web]')
    .s('ansible inventory host vars', c.generic('password-random'), (v) => `web01.prod ansible_host=10.0.3.11 ansible_user=admin ansible_password=${v}`)
    .l('web02.prod ansible_host=10.0.3.12 ansible_user=admin', '', '[db:vars]')
    .s('ansible inventory group vars', G(), (v, n) => `${n.snake}=${v}`)
    .l('ansible_become_password="{{ lookup(\'env\', \'BECOME_PASS\') }}"');

  // ---- Helm / Kubernetes / serverless ----
  c.file('deploy/helm/values.yaml')
    .l('replicaCount: 2', 'image:', '  repository: ghcr.io/acme/api')
    .n('helm values nested map', 'dockerDigest', (v) => `  digest: ${v}`)
    .l('postgresql:', '  enabled: true', '  auth:', '    username: api')
    .s('helm values nested map', c.generic('password-random'), (v) => `    password: "${v}"`)
    .s('helm values nested map', c.generic('password-human'), (v) => `    postgresPassword: ${v}`)
    .l('redis:', '  auth:', '    existingSecret: redis-auth', '    existingSecretPasswordKey: redis-password', 'env:')
    .s('helm values env list (name/value)', P(), (v, n) => [`  - name: ${n.env}`, `    value: "${v}"`])
    .l('  - name: LOG_LEVEL', '    value: info', '  - name: DB_PASSWORD', '    valueFrom:', '      secretKeyRef:', '        name: api-db', '        key: password')
    .s('helm values nested map', P(), (v, n) => ['integrations:', '  vendor:', `    ${n.camel}: ${v}`]);

  c.file('deploy/k8s/secret.yaml')
    .l('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: api-secrets', 'type: Opaque', 'stringData:')
    .s('k8s Secret stringData', G(), (v, n) => `  ${n.env}: "${v}"`)
    .s('k8s Secret stringData', P(), (v, n) => `  ${n.kebab}: ${v}`);

  c.file('serverless.yml')
    .l('service: orders-api', 'frameworkVersion: "3"', 'provider:', '  name: aws', '  runtime: nodejs20.x', '  environment:')
    .s('serverless provider.environment', P(), (v, n) => `    ${n.env}: ${v}`)
    .l('    TABLE_NAME: ${self:service}-${sls:stage}', '    STRIPE_KEY: ${ssm:/orders/stripe-key}')
    .s('serverless provider.environment', G(), (v, n) => `    ${n.env}: '${v}'`)
    .n('serverless provider.environment', 'stripePublishable', (v) => `    STRIPE_PUBLISHABLE_KEY: ${v}`);

  // ---- JVM / .NET / PHP / Ruby ----
  c.file('src/main/resources/application.properties')
    .l('spring.application.name=billing', 'spring.datasource.url=jdbc:postgresql://db.internal:5432/billing', 'spring.datasource.username=billing')
    .s('spring properties dotted key', c.generic('password-human'), (v) => `spring.datasource.password=${v}`)
    .s('spring properties dotted key', P(), (v) => `app.integrations.payments.api-key=${v}`)
    .l('spring.mail.host=smtp.example.com')
    .s('spring properties dotted key', c.generic('smtp-password'), (v) => `spring.mail.password=${v}`)
    .l('management.endpoints.web.exposure.include=health,info', 'spring.security.oauth2.client.registration.github.client-secret=${GITHUB_CLIENT_SECRET}');

  c.file('src/main/resources/application.yml')
    .l('spring:', '  rabbitmq:', '    host: rabbit.internal')
    .s('spring yml nested', c.generic('password-random'), (v) => `    password: ${v}`)
    .l('  security:', '    oauth2:', '      client:', '        registration:', '          okta:', '            client-id: 0oa1b2c3d4e5f6g7h8i9')
    .s('spring yml nested', c.generic('oauth-client-secret'), (v) => `            client-secret: ${v}`)
    .l('jwt:')
    .s('spring yml nested', c.generic('jwt-secret'), (v) => `  secret: ${v}`)
    .l('  expiration: 3600');

  c.file('Api/appsettings.json')
    .l('{', '  "Logging": { "LogLevel": { "Default": "Information" } },', '  "ConnectionStrings": {')
    .s('.NET connection string (Password=)', c.generic('password-random'), (v) => `    "Default": "Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=orders;User ID=orders_app;Password=${v};Encrypt=True;",`)
    .s('.NET connection string (Azure storage)', c.provider('azure-storage'), (v) => `    "Storage": "${v}"`)
    .l('  },', '  "Stripe": {')
    .n('appsettings nested object', 'stripePublishable', (v) => `    "PublishableKey": "${v}",`)
    .s('appsettings nested object', c.provider('stripe-secret'), (v) => `    "SecretKey": "${v}"`)
    .l('  },', '  "AzureAd": {', '    "Instance": "https://login.microsoftonline.com/",')
    .n('appsettings nested object', 'uuid', (v) => `    "TenantId": "${v}",`)
    .s('appsettings nested object', c.provider('azure-ad-secret'), (v) => `    "ClientSecret": "${v}"`)
    .l('  },', '  "AllowedHosts": "*"', '}');

  c.file('laravel/.env')
    .l('APP_NAME=Shop', 'APP_ENV=production')
    .s('laravel .env APP_KEY=base64:', c.generic('base64-key'), (v) => `APP_KEY=base64:${v}`)
    .l('APP_URL=https://shop.example.com', 'DB_CONNECTION=mysql', 'DB_HOST=127.0.0.1', 'DB_USERNAME=shop')
    .s('laravel .env', c.generic('password-human'), (v) => `DB_PASSWORD=${v}`)
    .s('laravel .env', P(), (v, n) => `${n.env}="${v}"`)
    .l('MAIL_MAILER=smtp', 'MAIL_PASSWORD=null', 'PUSHER_APP_KEY=', 'VITE_PUSHER_APP_KEY="${PUSHER_APP_KEY}"');

  c.file('laravel/config/services.php')
    .l('<?php', '', 'return [', "    'mailgun' => [", "        'domain' => env('MAILGUN_DOMAIN'),")
    .s('php config array env() fallback', c.provider('mailgun'), (v) => `        'secret' => env('MAILGUN_SECRET', '${v}'),`)
    .l("        'endpoint' => env('MAILGUN_ENDPOINT', 'api.mailgun.net'),", '    ],', "    'slack' => [")
    .s('php config array literal', P(), (v) => `        'token' => '${v}',`)
    .l("        'channel' => '#deploys',", '    ],', '];');

  c.file('config/credentials.yml')
    .l('# Decrypted copy for local debugging (should never have been committed)', 'aws:')
    .s('rails credentials nested', c.provider('aws-access-key-id'), (v) => `  access_key_id: ${v}`)
    .s('rails credentials nested', c.provider('aws-secret-access-key'), (v) => `  secret_access_key: ${v}`)
    .s('rails credentials secret_key_base', c.generic('hex-key'), (v) => `secret_key_base: ${v}${v}`)
    .l('stripe:')
    .s('rails credentials nested', P(), (v) => `  api_key: ${v}`);

  // ---- Python packaging / ini ----
  c.file('pyproject.toml')
    .l('[project]', 'name = "acme-etl"', 'version = "2.4.1"', '', '[tool.pytest.ini_options]', 'env = [')
    .s('pyproject pytest-env list', P(), (v, n) => `    "${n.env}=${v}",`)
    .l('    "DJANGO_SETTINGS_MODULE=acme.settings",', ']', '', '[[tool.poetry.source]]', 'name = "internal"')
    .s('pyproject source URL with basic auth', c.generic('basic-auth-url'), (v) => `url = "${v}"`);

  c.file('setup.cfg')
    .l('[metadata]', 'name = acme-client', 'version = 0.9.0', '', '[tool:pytest]', 'addopts = -q')
    .n('setup.cfg option', 'placeholder', (v) => `api_key = ${v}`);

  c.file('tox.ini')
    .l('[tox]', 'envlist = py311, py312', '', '[testenv]', 'setenv =')
    .s('tox setenv', P(), (v, n) => `    ${n.env} = ${v}`)
    .l('    PYTHONPATH = {toxinidir}/src', 'passenv = HOME, CI');

  c.file('config/app.ini')
    .l('[server]', 'host = 0.0.0.0', 'port = 8000', '', '[database]')
    .s('ini section', c.generic('password-random'), (v) => `password = ${v}`)
    .l('', '[mail]', 'user = noreply@example.com')
    .s('ini section', c.generic('smtp-password'), (v) => `smtp_pass = "${v}"`)
    .l('', '[features]', 'enable-new-checkout-flow = true', 'token_expiry_seconds = 3600');

  // ---- notebook ----
  const nb = c.file('notebooks/exploration.ipynb');
  nb.l('{', ' "cells": [', '  {', '   "cell_type": "code",', '   "execution_count": 1,', '   "metadata": {},', '   "outputs": [],', '   "source": [', `    ${q('import openai, os\n')},`);
  nb.s('notebook source line', c.provider('openai-project'), (v) => `    ${q(`openai.api_key = "${v}"\n`)},`);
  nb.s('notebook source line (client constructor)', P(), (v) => `    ${q(`client = Client(api_key="${v}")`)}`);
  nb.l('   ]', '  },', '  {', '   "cell_type": "markdown",', '   "metadata": {},', '   "source": [', `    ${q('Results saved to s3://acme-analytics/exports\n')}`, '   ]', '  }', ' ],');
  nb.l(' "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},', ' "nbformat": 4,', ' "nbformat_minor": 5', '}');

  // ---- Docker / Make / nginx ----
  c.file('Dockerfile')
    .l('FROM node:20-alpine AS build', 'WORKDIR /app')
    .s('Dockerfile ARG default', P(), (v, n) => `ARG ${n.env}=${v}`)
    .s('Dockerfile ENV', P(), (v, n) => `ENV ${n.env}=${v} NODE_ENV=production`)
    .n('Dockerfile LABEL', 'commitSha', (v) => `LABEL org.opencontainers.image.revision="${v}"`)
    .l('COPY . .', 'RUN npm ci && npm run build');

  c.file('Makefile')
    .l('APP := orders', 'VERSION ?= $(shell git describe --tags)')
    .s('Makefile variable', P(), (v, n) => `${n.env} ?= ${v}`)
    .l('', 'deploy:')
    .s('Makefile recipe command', c.generic('password-random'), (v) => `\tPGPASSWORD='${v}' psql -h db.internal -U admin -f migrations.sql`)
    .s('Makefile recipe command', c.generic('password-random'), (v) => `\tmysql -h db.internal -u root -p'${v}' shop < seed.sql`);

  c.file('deploy/nginx/api.conf')
    .l('server {', '    listen 443 ssl;', '    server_name api.example.com;', '    location /upstream/ {', '        proxy_pass https://partner.example.net/;')
    .s('nginx proxy_set_header', P(), (v) => `        proxy_set_header Authorization "Bearer ${v}";`)
    .s('nginx proxy_set_header', c.generic('uuid-api-key'), (v) => `        proxy_set_header X-Api-Key ${v};`)
    .n('nginx header', 'cspHash', (v) => `        add_header Content-Security-Policy "script-src 'self' ${v}";`)
    .l('    }', '}');

  c.file('docker-compose.yml')
    .l('services:', '  api:', '    build: .', '    environment:')
    .s('compose environment list', G(), (v, n) => `      - ${n.env}=${v}`)
    .s('compose environment list', P(), (v, n) => `      - ${n.env}=${v}`)
    .l('      - NODE_ENV=production', '  db:', '    image: postgres:16', '    environment:')
    .s('compose environment map', c.generic('password-human'), (v) => `      POSTGRES_PASSWORD: ${v}`);

  // ---- TS / JS ----
  c.file('src/payments/payments.module.ts')
    .l("import { Module } from '@nestjs/common';", "import Stripe from 'stripe';", '', '@Module({', '  providers: [', '    {', "      provide: 'STRIPE_CLIENT',")
    .s('Nest provider useFactory constructor arg', c.provider('stripe-restricted'), (v) => `      useFactory: () => new Stripe('${v}', { apiVersion: '2024-06-20' }),`)
    .l('    },', "    { provide: 'MAILER_OPTIONS',")
    .s('Nest provider useValue object', c.provider('sendgrid'), (v) => `      useValue: { apiKey: '${v}', from: 'noreply@example.com' } },`)
    .l('  ],', '})', 'export class PaymentsModule {}');

  c.file('app/api/search/route.ts')
    .l("import { NextResponse } from 'next/server';", '', 'export async function GET(req: Request) {', '  const q = new URL(req.url).searchParams.get("q") ?? "";')
    .s('Next.js route fetch headers object', P(), (v) => ["  const res = await fetch('https://api.vendor.example/v1/search?q=' + encodeURIComponent(q), {", `    headers: { Authorization: \`Bearer ${v}\` },`, '  });'])
    .s('template literal URL query', c.provider('google-api'), (v) => `  const geo = await fetch(\`https://maps.googleapis.com/maps/api/geocode/json?address=\${q}&key=${v}\`);`)
    .l('  return NextResponse.json({ results: await res.json(), geo: await geo.json() });', '}');

  c.file('vite.config.ts')
    .l("import { defineConfig } from 'vite';", '', 'export default defineConfig({', '  define: {')
    .n('vite define (publishable)', 'mapboxPublic', (v) => `    'import.meta.env.VITE_MAPBOX_TOKEN': JSON.stringify('${v}'),`)
    .s('vite define JSON.stringify', P(), (v, n) => `    'process.env.${n.env}': JSON.stringify('${v}'),`)
    .l('  },', '  server: {', '    proxy: {', "      '/api': {", "        target: 'https://staging.example.com',")
    .s('vite proxy headers', c.generic('api-token'), (v) => `        headers: { 'x-internal-token': '${v}' },`)
    .l('      },', '    },', '  },', '});');

  c.file('prisma/seed.ts')
    .l("import { PrismaClient } from '@prisma/client';", "import bcrypt from 'bcryptjs';", 'const prisma = new PrismaClient();', '', 'async function main() {')
    .s('prisma seed positional hash(password)', c.generic('password-human'), (v) => `  const adminHash = await bcrypt.hash('${v}', 12);`)
    .l("  await prisma.user.create({ data: { email: 'admin@example.com', passwordHash: adminHash } });")
    .s('prisma seed nested create data', P(), (v) => `  await prisma.integration.create({ data: { kind: 'crm', accessToken: '${v}' } });`)
    .n('prisma seed id', 'uuid', (v) => `  await prisma.tenant.create({ data: { id: '${v}', name: 'Acme' } });`)
    .l('}', 'main().finally(() => prisma.$disconnect());');

  c.file('e2e/checkout.spec.ts')
    .l("import { test, expect } from '@playwright/test';", '', 'test.use({', '  extraHTTPHeaders: {')
    .s('Playwright extraHTTPHeaders (test file)', P(), (v) => `    'Authorization': 'token ${v}',`)
    .l('  },', '});', '', "test('checkout', async ({ page }) => {")
    .n('test dummy in test file', 'testDummy', (v) => `  await page.fill('#password', '${v}');`)
    .s('Playwright request.post data (test file)', G({ machine: true }), (v, n) => `  await page.request.post('/api/login', { data: { user: 'e2e', ${n.camel}: '${v}' } });`)
    .l("  await expect(page.getByText('Thanks')).toBeVisible();", '});');

  c.file('src/__tests__/mailer.test.ts')
    .l("import { sendReceipt } from '../mailer';", '', "jest.mock('../config', () => ({", '  config: {')
    .s('jest.mock factory object (test file)', P(), (v, n) => `    ${n.camel}: '${v}',`)
    .n('jest.mock factory object (test file)', 'testDummy', (v) => `    webhookSecret: '${v}',`)
    .l('  },', '}));', '', "it('sends', async () => {")
    .n('jest expect id (test file)', 'uuid', (v) => `  expect(await sendReceipt('${v}')).toBe(true);`)
    .l('});');

  c.file('src/components/MapCard.stories.tsx')
    .l("import type { Meta, StoryObj } from '@storybook/react';", "import { MapCard } from './MapCard';", '', 'const meta: Meta<typeof MapCard> = { component: MapCard };', 'export default meta;', '', 'export const Default: StoryObj<typeof MapCard> = {', '  args: {')
    .n('Storybook args (publishable)', 'mapboxPublic', (v) => `    accessToken: '${v}',`)
    .n('Storybook args (image)', 'dataImage', (v) => `    markerIcon: '${v}',`)
    .s('Storybook args (secret in story)', c.provider('mapbox-secret'), (v) => `    uploadToken: '${v}',`)
    .l('  },', '};');

  c.file('src/server/auth.ts')
    .l("import jwt from 'jsonwebtoken';", "import session from 'express-session';", "import cookieParser from 'cookie-parser';", "import { Sequelize } from 'sequelize';", "import { Wallet } from 'ethers';", '')
    .s('positional jwt.sign secret', c.generic('jwt-secret'), (v) => `export const sign = (sub: string) => jwt.sign({ sub }, '${v}', { expiresIn: '1h' });`)
    .s('positional cookieParser(secret)', c.generic('session-secret'), (v) => `app.use(cookieParser('${v}'));`)
    .s('express-session options', c.generic('session-secret'), (v) => `app.use(session({ secret: '${v}', resave: false, saveUninitialized: false }));`)
    .s('positional new Sequelize(db, user, password)', c.generic('password-random'), (v) => `export const db = new Sequelize('orders', 'orders_app', '${v}', { host: 'db.internal', dialect: 'postgres' });`)
    .s('positional new Wallet(privateKey)', c.generic('eth-private-key'), (v) => `export const deployer = new Wallet('${v}');`)
    .n('eth address under token name', 'ethAddress', (v) => `export const tokenContract = '${v}';`)
    .s('Buffer.from(hex) under key-like name', c.generic('hex-key'), (v) => `const encryptionKey = Buffer.from('${v}', 'hex');`)
    .s('string concatenation split', P(), (v) => { const m = Math.floor(v.length / 2); return `const vendorToken = '${v.slice(0, m)}' +\n  '${v.slice(m)}';`; })
    .n('Google OAuth client id', 'googleClientId', (v) => `export const GOOGLE_CLIENT_ID = '${v}';`)
    .s('JSDoc example', P(), (v, n) => ['/**', ' * Reads the vendor key from the environment, e.g.', ` *   ${n.env}=${v}`, ' */'])
    .l('export const vendorKey = () => process.env.VENDOR_KEY;');

  c.file('src/config/registry.ts')
    .l('export const keys = new Map<string, string>([')
    .s('registry array pair', c.provider('datadog-api'), (v) => `  ['dd-api-key', '${v}'],`)
    .s('registry array pair', c.provider('twilio-auth-token'), (v) => `  ["twilio-auth-token", "${v}"],`)
    .n('registry array pair', 'sha256', (v) => `  ['bundle-checksum', '${v}'],`)
    .l(']);', '', 'export enum Secrets {')
    .s('enum member', c.provider('cloudflare'), (v) => `  CloudflareApiToken = '${v}',`)
    .l('}', '', 'export const headers = {')
    .s('object header key (quoted)', c.provider('algolia-admin'), (v) => `  'X-Algolia-API-Key': '${v}',`)
    .l("  'X-Algolia-Application-Id': 'LATENCY',", '};')
    .n('package-lock style integrity', 'integrity', (v) => `export const integrity = '${v}';`)
    .n('anon JWT (publishable)', 'anonJwt', (v) => `export const SUPABASE_ANON_KEY = '${v}';`);

  c.file('postman/staging.postman_environment.json')
    .l('{', '  "name": "staging",', '  "values": [')
    .s('postman environment key/value', c.provider('heroku'), (v) => `    { "key": "herokuApiKey", "value": "${v}", "enabled": true },`)
    .s('postman environment key/value', c.provider('okta'), (v) => `    { "key": "oktaApiToken", "value": "${v}", "enabled": true },`)
    .l('    { "key": "baseUrl", "value": "https://staging.example.com", "enabled": true }', '  ]', '}');

  // ---- Python ----
  c.file('acme/settings.py')
    .l('from pathlib import Path', 'import os', '', 'BASE_DIR = Path(__file__).resolve().parent.parent')
    .s('Django SECRET_KEY', c.generic('django-secret'), (v) => `SECRET_KEY = "${v}"`)
    .l('DEBUG = False', 'PASSWORD_HASHERS = [', '    "django.contrib.auth.hashers.Argon2PasswordHasher",', '    "django.contrib.auth.hashers.PBKDF2PasswordHasher",', ']', 'DATABASES = {', '    "default": {', '        "ENGINE": "django.db.backends.postgresql",', '        "NAME": "acme",')
    .s('Django DATABASES dict', c.generic('password-human'), (v) => `        "PASSWORD": "${v}",`)
    .l('        "HOST": os.environ.get("DB_HOST", "localhost"),', '    }', '}')
    .s('env fallback (os.getenv or literal)', P(), (v, n) => `${n.env} = os.getenv("${n.env}") or "${v}"`)
    .s('env fallback (environ.get default)', G(), (v, n) => `${n.env} = os.environ.get("${n.env}", "${v}")`)
    .l('EMAIL_HOST = "smtp.example.com"')
    .s('Django EMAIL_HOST_PASSWORD', c.generic('smtp-password'), (v) => `EMAIL_HOST_PASSWORD = '${v}'`)
    .l('PASSWORD_RESET_TIMEOUT = 3600');

  c.file('acme/celeryconfig.py')
    .s('Celery broker_url', c.generic('amqp-uri'), (v) => `broker_url = "${v}"`)
    .s('Celery result_backend', c.generic('redis-uri'), (v) => `result_backend = '${v}'`)
    .l("task_serializer = 'json'", "timezone = 'UTC'");

  c.file('app/flask_app.py')
    .l('from flask import Flask', 'app = Flask(__name__)')
    .s('app.config["SECRET_KEY"] subscript', c.generic('session-secret'), (v) => `app.config["SECRET_KEY"] = "${v}"`)
    .s('app.config.update kwargs', P(), (v, n) => `app.config.update(${n.env}="${v}", DEBUG=False)`);

  c.file('tests/conftest.py')
    .l('import pytest', '', '', '@pytest.fixture', 'def api_client():')
    .s('pytest fixture return (test file)', P(), (v) => `    return Client(token="${v}")`)
    .l('', '', '@pytest.fixture', 'def user():')
    .n('pytest fixture dummy (test file)', 'testDummy', (v) => `    return {"email": "u@example.com", "password": "${v}"}`)
    .l('', '', '@pytest.fixture(autouse=True)', 'def env(monkeypatch):')
    .s('monkeypatch.setenv (test file)', G({ machine: true }), (v, n) => `    monkeypatch.setenv("${n.env}", "${v}")`);

  c.file('dags/sync_crm.py')
    .l('from airflow import DAG', 'from airflow.models import Connection, Variable', 'import pendulum', '')
    .s('Airflow Connection(password=)', c.generic('password-random'), (v) => `crm_conn = Connection(conn_id="crm_pg", conn_type="postgres", host="crm.internal", login="etl", password="${v}")`)
    .s('Airflow Variable.get default_var', P(), (v, n) => `api_key = Variable.get("${n.snake}", default_var="${v}")`)
    .l('with DAG("sync_crm", start_date=pendulum.datetime(2024, 1, 1), schedule="@hourly") as dag:', '    pass');

  c.file('app/db.py')
    .l('from sqlalchemy import create_engine', 'import boto3, requests', '')
    .s('SQLAlchemy create_engine URL', c.generic('postgres-uri'), (v) => `engine = create_engine("${v.replace('postgresql://', 'postgresql+psycopg2://')}", pool_pre_ping=True)`)
    .s('SQLAlchemy URL.create kwargs', c.generic('password-random'), (v) => `url = URL.create("mysql+pymysql", username="report", password="${v}", host="mysql.internal", database="reports")`)
    .s('boto3.client kwargs', c.provider('aws-access-key-id'), (v) => `s3 = boto3.client("s3", region_name="eu-west-1", aws_access_key_id="${v}",`)
    .s('boto3.client kwargs', c.provider('aws-secret-access-key'), (v) => `                  aws_secret_access_key="${v}")`)
    .l('session = requests.Session()')
    .s('requests session headers update', P(), (v) => `session.headers.update({"Authorization": f"Bearer ${v}"})`)
    .s('requests auth tuple', c.generic('api-token'), (v) => `resp = requests.get("https://api.partner.example/v2/orders", auth=("svc-orders", "${v}"), timeout=10)`)
    .s('pymongo MongoClient URI', c.generic('mongo-uri'), (v) => `mongo = MongoClient("${v}")`)
    .n('URL without credentials', 'placeholder', (v) => `DOCS_URL = "https://docs.example.com/setup?token=${v}"`);

  c.file('app/signing.py')
    .l('SIGNING_KEY = """\\')
    .s('PEM private key in triple-quoted string', c.generic('pem-ec'), (v) => v)
    .l('"""')
    .l('VERIFY_KEY = """-----BEGIN PUBLIC KEY-----', 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' + c.rng.base64(48).slice(0, 52), '-----END PUBLIC KEY-----"""')
    .n('ssh public key', 'sshPublicKey', (v) => `DEPLOY_PUBLIC_KEY = "${v}"`);

  c.file('config/gcp-service-account.json')
    .l('{', '  "type": "service_account",', '  "project_id": "acme-prod",')
    .n('GCP private_key_id', 'commitSha', (v) => `  "private_key_id": "${v}",`)
    .s('PEM private key in JSON (escaped newlines)', c.generic('pem-rsa'), (v) => `  "private_key": ${q(v + '\n')},`)
    .l('  "client_email": "etl@acme-prod.iam.gserviceaccount.com",', '  "client_id": "1093' + c.rng.chars('0123456789', 17) + '"', '}');

  // ---- shell ----
  c.file('scripts/deploy.sh')
    .l('#!/usr/bin/env bash', 'set -euo pipefail')
    .s('shell export', P(), (v, n) => `export ${n.env}="${v}"`)
    .s('curl -u basic auth', c.generic('api-token'), (v) => `curl -fsS -u "ci-bot:${v}" https://jenkins.example.com/job/deploy/build`)
    .s('httpie header', P(), (v) => `http POST https://api.vendor.example/v1/releases "Authorization:Bearer ${v}" version=$VERSION`)
    .s('aws cli configure set', c.provider('aws-secret-access-key'), (v) => `aws configure set aws_secret_access_key ${v} --profile deploy`)
    .s('git remote with basic auth', c.generic('basic-auth-url'), (v) => `git push "${v.replace('/v2/', '/acme/site.git')}" HEAD:main`)
    .s('shell comment (commented-out export)', P(), (v, n) => `# export ${n.env}=${v}`)
    .l('echo "deployed $(git rev-parse --short HEAD)"');

  // ---- docs ----
  c.file('docs/setup.md')
    .l('# Setup', '', 'Create a `.env` with your own keys:', '', '```bash')
    .n('docs placeholder', 'placeholder', (v) => `OPENAI_API_KEY=${v}`)
    .l('```', '', 'The staging key we share in the team (rotate after the demo!):', '', '```python')
    .s('markdown fenced code block', P(), (v) => `client = Client(api_key="${v}")`)
    .l('```', '', 'Or with curl:', '', '```sh')
    .s('markdown fenced curl', P(), (v) => `curl https://api.vendor.example/v1/me -H "x-api-key: ${v}"`)
    .l('```');

  c.file('docs/operations.rst')
    .l('Operations', '==========', '', 'Connect to the queue:', '', '.. code-block:: python', '')
    .s('RST code-block', c.generic('redis-uri'), (v) => `   r = redis.from_url("${v}")`)
    .l('', 'Webhook verification uses:', '', '.. code-block:: ini', '')
    .s('RST code-block', c.generic('webhook-secret'), (v, n) => `   ${n.snake} = ${v}`)
    .l('', 'Release ``2.4.1`` was built from commit:', '')
    .n('RST literal commit', 'commitSha', (v) => `   ${v}`);

  // ---- tool config files and client constructors ----
  c.file('.npmrc')
    .l('registry=https://registry.npmjs.org/', '@acme:registry=https://npm.pkg.github.com/')
    .s('.npmrc _authToken', c.provider('npm'), (v) => `//registry.npmjs.org/:_authToken=${v}`)
    .s('.npmrc _authToken', c.provider('github-pat-classic'), (v) => `//npm.pkg.github.com/:_authToken=${v}`);
  c.file('.pypirc')
    .l('[distutils]', 'index-servers = pypi', '', '[pypi]', 'username = __token__')
    .s('.pypirc password', c.provider('pypi'), (v) => `password = ${v}`);
  c.file('.netrc')
    .s('.netrc machine line', P(), (v) => `machine api.vendor.example login ci@example.com password ${v}`);
  c.file('maven/settings.xml')
    .l('<settings>', '  <servers>', '    <server>', '      <id>acme-releases</id>', '      <username>deployer</username>')
    .s('Maven settings.xml <password>', c.provider('jfrog'), (v) => `      <password>${v}</password>`)
    .l('    </server>', '  </servers>', '</settings>');
  c.file('.docker/config.json')
    .l('{', '  "auths": {', '    "registry.acme.io": {')
    .s('docker config auths.auth', c.generic('docker-auth'), (v) => `      "auth": "${v}"`)
    .l('    }', '  }', '}');
  c.file('infra/terraform.tfvars')
    .l('region = "eu-west-1"')
    .s('terraform.tfvars', P(), (v, n) => `${n.snake} = "${v}"`)
    .s('terraform.tfvars', G(), (v, n) => `${n.snake} = "${v}"`);
  c.file('wrangler.toml')
    .l('name = "edge-api"', 'main = "src/index.ts"', '', '[vars]')
    .s('wrangler.toml [vars]', P(), (v, n) => `${n.env} = "${v}"`);
  c.file('deploy/values-prod.yaml')
    .l('defaults: &defaults', '  timeout: 30')
    .s('YAML anchor block', P(), (v, n) => `  ${n.snake}: ${v}`)
    .l('production:', '  <<: *defaults')
    .s('PEM in YAML block scalar', c.generic('pem-rsa'), (v) => ['  tls_private_key: |', ...v.split('\n').map((x) => '    ' + x)]);
  c.file('src/lib/clients.ts')
    .l("import axios from 'axios';", "import OpenAI from 'openai';", '')
    .s('SDK constructor options object', c.provider('openai-legacy'), (v) => `export const openai = new OpenAI({ apiKey: '${v}' });`)
    .s('axios.create headers', c.generic('uuid-api-key'), (v) => `export const partner = axios.create({ baseURL: 'https://partner.example', headers: { 'X-Api-Key': '${v}' } });`)
    .s('process.env fallback (||)', P(), (v, n) => `const token = process.env.${n.env} || '${v}';`)
    .s('process.env assignment (??=)', G(), (v, n) => `process.env.${n.env} ??= '${v}';`);
  c.file('app/clients.py')
    .l('import os', 'import httpx', '')
    .s('httpx client headers', P(), (v) => `client = httpx.AsyncClient(base_url="https://api.vendor.example", headers={"X-API-Key": "${v}"})`)
    .s('os.environ.setdefault', G(), (v, n) => `os.environ.setdefault("${n.env}", "${v}")`);
  c.file('scripts/bootstrap.sh')
    .l('#!/bin/sh', 'cat > .env <<EOF')
    .s('shell heredoc writing .env', P(), (v, n) => `${n.env}=${v}`)
    .s('shell heredoc writing .env', G(), (v, n) => `${n.env}=${v}`)
    .l('EOF');

  // ---- look-alikes under secret-like names, spread over the file types above ----
  c.file('.github/workflows/deploy.yml')
    .l('name: deploy', 'on: { push: { branches: [main] } }', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    env:')
    .n('GitHub Actions secrets reference', 'envReference', (v) => `      DEPLOY_TOKEN: ${q(v)}`)
    .n('GitHub Actions env (public id)', 'azureClientId', (v) => `      AZURE_CLIENT_ID: ${v}`)
    .l('    steps:', '      - uses: actions/checkout@v4')
    .n('pinned action commit SHA', 'commitSha', (v) => `      - uses: azure/login@${v} # v2.1.1`)
    .s('GitHub Actions step env literal', P(), (v, n) => ['      - run: ./scripts/deploy.sh', '        env:', `          ${n.env}: ${v}`]);
  c.file('config/security.yml')
    .l('auth:')
    .n('password hash under password name', 'bcryptHash', (v) => `  admin_password_hash: '${v}'`)
    .n('class path under password name', 'classPath', (v) => `  password_encoder: ${v}`)
    .n('feature flag under token name', 'featureFlag', (v) => `  token_feature_flag: ${v}`)
    .n('public key under key name', 'vapidPublicKey', (v) => `  vapid_public_key: ${v}`)
    .n('reCAPTCHA site key (public)', 'recaptchaSiteKey', (v) => `  recaptcha_site_key: ${v}`)
    .n('version under secret name', 'version', (v) => `  secret_manager_version: "${v}"`)
    .n('reference under secret name', 'envReference', (v) => `  api_secret: "${v}"`)
    .n("AWS's documented example key", 'awsDocExample', (v) => `  aws_access_key_id: ${v}`);
  c.file('src/config/public.ts')
    .n('Stripe publishable key', 'stripePublishable', (v) => `export const STRIPE_PUBLISHABLE_KEY = '${v}';`)
    .n('public key under key name (TS)', 'vapidPublicKey', (v) => `export const vapidPublicKey = '${v}';`)
    .n('reference under secret name (TS)', 'envReference', (v) => `export const apiSecretTemplate = ${q(v)};`)
    .n('hash under secret name (TS)', 'sha256', (v) => `export const secretsFileSha256 = '${v}';`)
    .n('request id (TS)', 'uuid', (v) => `const requestId = '${v}';`)
    .n('placeholder under key name (TS)', 'placeholder', (v) => `export const DEFAULT_API_KEY = '${v}';`);
  c.file('alembic.ini')
    .l('[alembic]', 'script_location = migrations')
    .n('configparser interpolation in URL', 'iniInterpolatedUrl', (v) => `sqlalchemy.url = ${v}`)
    .l('', '[logger_root]', 'level = WARN');

  // Every provider format at least once: the rest go into plain config files of several kinds.
  const used = new Set(c.labels.filter((l) => l.kind === 'provider').map((l) => l.id));
  const rest = providers.filter((p) => !used.has(p.id));
  const shapes: Array<[string, string, Render]> = [
    ['config/vendors.yaml', 'YAML plain key (snake)', (v, n) => `${n.snake}: "${v}"`],
    ['config/vendors.json', 'JSON camelCase key', (v, n) => `  "${n.camel}": "${v}",`],
    ['src/vendors.ts', 'TS const (plain)', (v, n) => `export const ${n.env} = '${v}';`],
    ['vendors/keys.py', 'Python module constant (plain)', (v, n) => `${n.env} = "${v}"`],
    ['.env.production', '.env (plain)', (v, n) => `${n.env}=${v}`],
  ];
  const extra = shapes.map(([path]) => c.file(path));
  extra[1]!.l('{');
  rest.forEach((p, i) => {
    const k = i % shapes.length;
    extra[k]!.s(shapes[k]![1], p, shapes[k]![2]);
  });
  extra[1]!.l('  "version": 1', '}');
  return { files: c.build(), labels: c.labels };
}
