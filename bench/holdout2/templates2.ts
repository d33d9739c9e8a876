/**
 * More files of the same made-up team: build and deploy glue, notebooks, editor settings, lockfiles, HTML, and the
 * values next to secrets that look like them but are not (public keys by design, hashes, selectors, names of vars).
 */
import { PLACEHOLDERS, Planter, negatives as N, snake } from './plant';
import { ALNUM, B64URL, DIGITS, HEX, LOWER, b64 } from './values';

type Template = (t: Planter) => void;
const L = (...lines: string[]): string => lines.join('\n') + '\n';

export const TEMPLATES2: Template[] = [
  (t) => {
    const r = t.r;
    const arg = t.prov('Dockerfile ARG default', {});
    const env = t.gen('Dockerfile ENV', 'random-password-shell-safe');
    t.file('api/Dockerfile', 'dockerfile', L(
      `FROM python:3.12-slim@${t.neg('Dockerfile FROM digest', 'image-digest', N.imageDigest(r))}`,
      `ARG ${arg.env}=${arg.m}`,
      `ENV PIP_NO_CACHE_DIR=1 APP_ADMIN_PASSWORD=${env.m}`,
      `ARG NODE_VERSION=${t.neg('Dockerfile ARG default', 'version-string', '20.11.1')}`,
      'COPY requirements.txt .',
      'RUN pip install --require-hashes -r requirements.txt',
    ));
  },
  (t) => {
    const r = t.r;
    const gitTok = t.prov('requirements.txt git+https token', { id: 'github-classic' });
    t.file('api/requirements.txt', 'requirements', L(
      `fastapi==0.115.0 --hash=sha256:${t.neg('requirements.txt --hash', 'lockfile-hash', N.sha256(r))}`,
      `celery==5.4.0 --hash=sha256:${t.neg('requirements.txt --hash', 'lockfile-hash', N.sha256(r))}`,
      `acme-internal-sdk @ git+https://${gitTok.m}@github.com/acme/internal-sdk.git@v1.2.0`,
    ));
  },
  (t) => {
    const r = t.r;
    const src = t.gen('pyproject.toml source URL with credentials', 'url-basic-auth', (v) => `${v}/simple/`);
    t.file('api/pyproject.toml', 'toml', L(
      '[tool.poetry]',
      'name = "acme-api"',
      `version = "${t.neg('pyproject.toml version', 'version-string', N.version(r))}"`,
      '',
      '[[tool.poetry.source]]',
      'name = "internal"',
      `url = "${src.m}"`,
      'priority = "supplemental"',
    ));
  },
  (t) => {
    const r = t.r;
    t.file('api/poetry.lock', 'lockfile', L(
      '[[package]]',
      'name = "httpx"',
      'version = "0.27.2"',
      'files = [',
      `    {file = "httpx-0.27.2-py3-none-any.whl", hash = "sha256:${t.neg('poetry.lock hash', 'lockfile-hash', N.sha256(r))}"},`,
      ']',
      '',
      '[metadata]',
      `content-hash = "${t.neg('poetry.lock content-hash', 'lockfile-hash', N.sha256(r))}"`,
    ));
    t.file('yarn.lock', 'lockfile', L(
      '"jose@npm:^5.2.0":',
      '  version: 5.9.6',
      '  resolution: "jose@npm:5.9.6"',
      `  checksum: 10c0/${t.neg('yarn.lock checksum', 'lockfile-hash', r.str(HEX, 128))}`,
    ));
  },
  (t) => {
    const url = t.gen('alembic.ini sqlalchemy.url', 'postgres-uri');
    t.file('api/alembic.ini', 'ini', L(
      '[alembic]',
      'script_location = migrations',
      `sqlalchemy.url = ${url.m}`,
    ));
  },
  (t) => {
    const k = t.prov('Jupyter notebook cell source', {});
    const r = t.r;
    t.file('notebooks/eval.ipynb', 'ipynb', L(
      '{',
      ' "cells": [',
      '  {',
      '   "cell_type": "code",',
      '   "execution_count": 1,',
      '   "metadata": {},',
      '   "outputs": [],',
      '   "source": [',
      '    "import os\\n",',
      `    "os.environ[\\"${k.env}\\"] = \\"${k.m}\\"\\n",`,
      '    "client = make_client()"',
      '   ]',
      '  },',
      '  {',
      '   "cell_type": "code",',
      '   "outputs": [{"output_type": "display_data", "data": {"image/png": "' + t.neg('Jupyter notebook output', 'base64-image', N.base64Image(r).replace('data:image/png;base64,', '')) + '"}}],',
      '   "source": ["plot(results)"]',
      '  }',
      ' ],',
      ' "nbformat": 4',
      '}',
    ));
  },
  (t) => {
    const k = t.prov('VS Code launch.json env', {});
    t.file('.vscode/launch.json', 'json', L(
      '{',
      '  "version": "0.2.0",',
      '  "configurations": [{',
      '    "type": "node", "request": "launch", "name": "API",',
      '    "program": "${workspaceFolder}/server/index.js",',
      `    "env": { "${k.env}": "${k.m}", "NODE_ENV": "development" }`,
      '  }]',
      '}',
    ));
  },
  (t) => {
    const k = t.prov('next.config.js env', {});
    const r = t.r;
    t.file('next.config.js', 'js', L(
      '/** @type {import("next").NextConfig} */',
      'module.exports = {',
      '  env: {',
      `    ${k.env}: '${k.m}',`,
      `    NEXT_PUBLIC_POSTHOG_KEY: '${t.neg('next.config.js env', 'publishable-key', `phc_${r.str(ALNUM, 43)}`)}',`,
      `    NEXT_PUBLIC_RECAPTCHA_SITE_KEY: '${t.neg('next.config.js env', 'publishable-key', `6L${r.str(B64URL, 38)}`)}',`,
      '  },',
      '};',
    ));
  },
  (t) => {
    const k = t.prov('vite.config.ts define', { prefixed: true });
    t.file('vite.config.ts', 'ts', L(
      "import { defineConfig } from 'vite';",
      'export default defineConfig({',
      '  define: {',
      `    __ANALYTICS_KEY__: JSON.stringify('${k.m}'),`,
      `    __BUILD_ID__: JSON.stringify('${t.neg('vite.config.ts define', 'commit-sha', N.commitSha(t.r))}'),`,
      '  },',
      '});',
    ));
  },
  (t) => {
    const r = t.r;
    t.file('web/index.html', 'html', L(
      '<!doctype html>',
      '<html><head>',
      `  <script src="https://cdn.jsdelivr.net/npm/htmx.org@2.0.3" integrity="sha384-${t.neg('HTML integrity attribute', 'integrity-hash', b64(Buffer.from(r.str(HEX, 48), 'hex')))}" crossorigin="anonymous"></script>`,
      `  <meta name="google-site-verification" content="${t.neg('HTML meta content', 'site-verification', r.str(B64URL, 43))}">`,
      '</head><body></body></html>',
    ));
  },
  (t) => {
    const k = t.prov('.gitlab-ci.yml variables', {});
    const pw = t.gen('.gitlab-ci.yml variables', 'random-password');
    t.file('.gitlab-ci.yml', 'yaml', L(
      'variables:',
      `  ${k.env}: "${k.m}"`,
      `  REGISTRY_PASSWORD: "${pw.m}"`,
      `  DOCKER_IMAGE: "${t.neg('.gitlab-ci.yml variables', 'image-reference', 'registry.gitlab.com/acme/api')}"`,
      `  CI_JOB_TOKEN_FALLBACK: "${t.neg('.gitlab-ci.yml variables', 'ci-secret-reference', '$CI_JOB_TOKEN')}"`,
      'test:',
      '  cache:',
      `    key: ${t.neg('.gitlab-ci.yml cache key', 'ci-expression', '${CI_COMMIT_REF_SLUG}-node')}`,
      '  script: [npm ci, npm test]',
    ));
  },
  (t) => {
    const r = t.r;
    const k = t.prov('Helm values.yaml nested', {});
    t.file('charts/api/values.yaml', 'yaml', L(
      'image:',
      '  repository: ghcr.io/acme/api',
      `  tag: "${t.neg('Helm values.yaml', 'version-string', N.version(r))}"`,
      'secrets:',
      `  ${snake(k.env).replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}: ${k.m}`,
      `  existingSecret: ${t.neg('Helm values.yaml', 'identifier', 'api-secrets')}`,
      'webPush:',
      `  vapidPublicKey: ${t.neg('Helm values.yaml', 'public-key', `B${r.str(B64URL, 86)}`)}`,
    ));
  },
  (t) => {
    const k = t.prov('REST Client .http header', { prefixed: true });
    t.file('requests/orders.http', 'http', L(
      '@host = https://api.acme-shop.io',
      '### list orders',
      'GET {{host}}/v2/orders',
      `Authorization: Bearer ${k.m}`,
      '',
      '### create order',
      'POST {{host}}/v2/orders',
      `Authorization: Bearer ${t.neg('REST Client .http header', 'template-variable', '{{token}}')}`,
    ));
  },
  (t) => {
    const k = t.prov('jest setup process.env assignment', {});
    const pw = t.gen('jest setup process.env assignment', 'random-password');
    t.file('jest.setup.js', 'js', L(
      `process.env.${k.env} = '${k.m}';`,
      `process.env.DB_PASSWORD = '${pw.m}';`,
      `process.env.LOG_LEVEL = '${t.neg('jest setup process.env assignment', 'identifier', 'silent')}';`,
    ));
  },
  (t) => {
    const k = t.prov('pytest monkeypatch.setenv', {});
    const settings = t.gen('Django DATABASES dict', 'random-password');
    t.file('api/conftest.py', 'py', L(
      'import pytest',
      '',
      '@pytest.fixture(autouse=True)',
      'def env(monkeypatch):',
      `    monkeypatch.setenv("${k.env}", "${k.m}")`,
      `    monkeypatch.setenv("DB_PASSWORD", "${t.neg('pytest monkeypatch.setenv', 'test-dummy', 'password123')}")`,
    ));
    t.file('backoffice/settings.py', 'py', L(
      'DATABASES = {',
      '    "default": {',
      '        "ENGINE": "django.db.backends.postgresql",',
      '        "NAME": "backoffice",',
      '        "USER": "backoffice",',
      `        "PASSWORD": "${settings.m}",`,
      '        "HOST": "db.internal",',
      '    }',
      '}',
      `PASSWORD_RESET_TIMEOUT = ${t.neg('Django settings', 'number', '259200')}`,
      `AUTH_PASSWORD_VALIDATORS = [{"NAME": "${t.neg('Django settings', 'class-path', 'django.contrib.auth.password_validation.MinimumLengthValidator')}"}]`,
    ));
  },
  (t) => {
    const k = t.prov('Makefile variable', {});
    const run = t.gen('docker run -e flag', 'random-password-shell-safe');
    t.file('Makefile', 'makefile', L(
      `${k.env} ?= ${k.m}`,
      '',
      'run:',
      `\tdocker run --rm -e POSTGRES_PASSWORD=${run.m} -p 5432:5432 postgres:16`,
      `\tdocker run --rm -e API_KEY=$$${t.neg('docker run -e flag', 'env-reference', 'API_KEY')} acme/api`,
    ));
  },
  (t) => {
    const basic = t.gen('nginx proxy_set_header Basic', 'basic-credential', (v) => b64(v));
    t.file('deploy/nginx.conf', 'nginx', L(
      'location /metrics/ {',
      '  proxy_pass http://prometheus:9090/;',
      `  proxy_set_header Authorization "Basic ${basic.m}";`,
      `  add_header Content-Security-Policy "script-src 'self' '${t.neg('nginx CSP header', 'csp-hash', `sha256-${b64(Buffer.from(t.r.str(HEX, 64), 'hex'))}`)}'";`,
      '}',
    ));
  },
  (t) => {
    const k = t.prov('serverless.yml provider environment', {});
    t.file('serverless.yml', 'yaml', L(
      'service: acme-jobs',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      '  environment:',
      `    ${k.env}: ${k.m}`,
      `    TABLE_ARN: ${t.neg('serverless.yml provider environment', 'resource-id', `arn:aws:dynamodb:eu-west-1:${t.r.str(DIGITS, 12)}:table/jobs`)}`,
      `    API_KEY_PARAM: ${t.neg('serverless.yml provider environment', 'env-reference', '${ssm:/acme/api-key}')}`,
    ));
  },
  (t) => {
    const k = t.prov('Cypress test cy.request header', { prefixed: true });
    t.file('cypress/e2e/admin.cy.ts', 'ts', L(
      "describe('admin', () => {",
      "  it('logs in', () => {",
      `    cy.get('${t.neg('Cypress selector', 'selector', 'input[name=password]')}').type(Cypress.env('adminPassword'));`,
      `    cy.request({ url: '/api/admin', headers: { Authorization: 'Bearer ${k.m}' } });`,
      `    cy.get('[data-test=token]').should('contain', '${t.neg('Cypress assertion', 'test-dummy', 'fake-token')}');`,
      '  });',
      '});',
    ));
  },
  (t) => {
    const r = t.r;
    t.file('src/auth/jwks.json', 'json', L(
      '{ "keys": [{',
      '  "kty": "RSA", "use": "sig", "alg": "RS256",',
      `  "kid": "${t.neg('JWKS public key', 'key-id', r.str(HEX, 40))}",`,
      `  "n": "${t.neg('JWKS public key', 'public-key', r.str(B64URL, 342))}",`,
      '  "e": "AQAB"',
      '}] }',
    ));
  },
  (t) => {
    const r = t.r;
    t.file('src/search/client.ts', 'ts', L(
      "import { liteClient } from 'algoliasearch/lite';",
      '// the search-only key is public by design (Algolia docs): it can only query the index',
      `export const search = liteClient('${t.neg('Algolia search-only client', 'app-id', r.str('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10))}', '${t.neg('Algolia search-only client', 'publishable-key', r.str(HEX, 32))}');`,
      `export const API_KEY_ENV = '${t.neg('name of an environment variable', 'env-name', 'ALGOLIA_ADMIN_KEY')}';`,
      `export const tokenizer = '${t.neg('model tokenizer name', 'identifier', 'cl100k_base')}';`,
      `export const passwordPolicy = { minLength: ${t.neg('password policy option', 'number', '12')}, placeholder: '${t.neg('password policy option', 'placeholder', PLACEHOLDERS[2]!)}' };`,
      `export const TOKEN_URL = '${t.neg('OAuth token endpoint', 'url-without-credentials', 'https://oauth2.googleapis.com/token')}';`,
      `export const webhookPath = '/hooks/${t.neg('URL path id', 'resource-id', r.str(LOWER + DIGITS, 24))}';`,
    ));
  },
  (t) => {
    const r = t.r;
    t.file('src/__tests__/auth.test.ts', 'ts', L(
      "import { login, hashPassword } from '../auth';",
      "test('rejects a wrong password', async () => {",
      `  const apiKey = '${t.neg('test file dummy', 'test-dummy', 'test-api-key')}';`,
      `  await expect(login({ user: 'qa', password: '${t.neg('test file dummy', 'test-dummy', 'hunter2')}', apiKey })).rejects.toThrow();`,
      `  const idempotencyKey = '${t.neg('test file id under a key name', 'uuid-id', N.uuid(r))}';`,
      `  expect(await hashPassword('x')).not.toBe('${t.neg('test file hash', 'argon2-hash', `$argon2id$v=19$m=65536,t=3,p=4$${r.str(B64URL.replace(/[-_]/g, ''), 22)}$${r.str(B64URL.replace(/[-_]/g, ''), 43)}`)}');`,
      '  expect(idempotencyKey).toBeDefined();',
      '});',
    ));
  },
  (t) => {
    const r = t.r;
    t.file('infra/secrets.tf', 'terraform', L(
      'resource "random_password" "db" {',
      '  length  = 32',
      '  special = true',
      '}',
      'resource "aws_secretsmanager_secret_version" "db" {',
      `  secret_id     = "${t.neg('Terraform secret reference', 'identifier', 'prod/api/database')}"`,
      `  secret_string = ${t.neg('Terraform secret reference', 'expression', 'jsonencode({ password = random_password.db.result })')}`,
      '}',
      'variable "stripe_secret_key" {',
      '  type      = string',
      '  sensitive = true',
      `  default   = "${t.neg('Terraform variable default', 'placeholder', 'sk_live_REPLACE_ME')}"`,
      '}',
      `private_key_path = "${t.neg('Terraform private key path', 'file-path', '~/.ssh/id_ed25519')}"`,
      `token_ttl_seconds = ${t.neg('Terraform number under a token name', 'number', '3600')}`,
      `gravatar_hash = "${t.neg('Terraform hash', 'hash', r.str(HEX, 32))}"`,
    ));
  },
  (t) => {
    const r = t.r;
    t.file('docs/aws-setup.md', 'markdown', L(
      '# AWS credentials',
      '',
      'The AWS docs use these example values; yours come from `aws sso login`:',
      '',
      '```ini',
      '[default]',
      `aws_access_key_id = ${t.neg('Markdown docs example', 'documented-example-key', N.awsDocsExample())}`,
      `aws_secret_access_key = ${t.neg('Markdown docs example', 'documented-example-key', ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/'))}`,
      '```',
      '',
      `Fixed in ${t.neg('Markdown commit reference', 'commit-sha', N.commitSha(r))} (see CHANGELOG).`,
    ));
  },
  (t) => {
    const r = t.r;
    t.file('recordings/github-webhook-delivery.json', 'json', L(
      '{',
      '  "request": { "headers": {',
      `    "X-Hub-Signature-256": "sha256=${t.neg('webhook delivery signature header', 'signature', r.str(HEX, 64))}",`,
      `    "X-GitHub-Delivery": "${t.neg('webhook delivery header', 'uuid-id', N.uuid(r))}",`,
      `    "traceparent": "00-${t.neg('webhook delivery header', 'trace-id', r.str(HEX, 32))}-${r.str(HEX, 16)}-01",`,
      `    "Stripe-Signature": "t=1733500000,v1=${t.neg('webhook delivery signature header', 'signature', r.str(HEX, 64))}"`,
      '  } },',
      '  "payload": {',
      `    "after": "${t.neg('webhook payload', 'commit-sha', N.commitSha(r))}",`,
      `    "head_commit": { "tree_id": "${t.neg('webhook payload', 'commit-sha', N.commitSha(r))}" },`,
      `    "sender": { "login": "octo", "node_id": "${t.neg('webhook payload', 'node-id', `MDQ6VXNlcj${r.str(ALNUM, 6)}=`)}" },`,
      `    "installation": { "id": ${r.str(DIGITS, 8)}, "node_id": "${t.neg('webhook payload', 'node-id', `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${r.str(ALNUM, 8)}`)}" }`,
      '  }',
      '}',
    ));
  },
];
