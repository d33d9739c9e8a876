/**
 * The corpus: realistic files (express/nest/next.js config, Django/Flask/FastAPI settings, SDK and boto3 clients,
 * notebooks, tests with mocks, docker-compose, k8s manifests, Helm values, GitHub Actions, tfvars, Postman
 * environments, .env files, deploy scripts, READMEs) whose sections are filled with planted values. Each planted value
 * gets a label: file, line(s), class (provider / generic / negative), kind and placement.
 */
import { allKinds, generics, negatives, providers, type Kind } from './kinds';
import { fits, namesOf, placements, type Ctx, type Lang, type Placement, type Section } from './placements';
import { Rng } from './rng';

export interface Label {
  file: string;
  /** 1-based, inclusive */
  line: number;
  endLine: number;
  klass: Kind['klass'];
  kind: string;
  kindLabel: string;
  contextOnly: boolean;
  placement: string;
  /** the variable / key name it was planted under (never the value) */
  name: string;
  fileType: string;
  template: string;
}

export interface CorpusFile {
  path: string;
  content: string;
}

interface Snip {
  lines: string[];
  labels: Omit<Label, 'file' | 'line' | 'endLine' | 'fileType' | 'template'>[];
  /** offsets of each label within lines */
  at: { at: number; span: number }[];
}

type Filler = (section: Section, n: number, indent?: string) => Snip[];

interface Template {
  id: string;
  lang: Lang;
  path: (app: string) => string;
  body: (f: Filler, r: Rng) => (string | Snip)[];
}

const HOSTS = ['acme.io', 'example.com', 'partner-api.net', 'internal.acme.dev', 'weather.example.org'];
const PARAMS = ['api_key', 'apikey', 'key', 'access_token', 'token', 'appid'];

const templates: Template[] = [
  { id: 'express-config', lang: 'ts', path: (a) => `${a}/src/config/index.ts`, body: (f) => [
    "import 'dotenv/config';", '', 'export const config = {', '  port: Number(process.env.PORT ?? 3000),', "  env: process.env.NODE_ENV ?? 'development',",
    ...f('js-obj', 7, '  '), "  logLevel: 'info',", '};', '', ...f('js-top', 3), '', 'export default config;'] },
  { id: 'express-server', lang: 'js', path: (a) => `${a}/server.js`, body: (f) => [
    "const express = require('express');", "const cookieParser = require('cookie-parser');", "const session = require('express-session');",
    "const jwt = require('jsonwebtoken');", "const crypto = require('crypto');", '', 'const app = express();', 'app.use(express.json());', '',
    ...f('js-top', 7), '', "app.get('/health', (_req, res) => res.json({ ok: true }));", 'app.listen(process.env.PORT || 3000);'] },
  { id: 'nest-module', lang: 'ts', path: (a) => `${a}/src/auth/auth.module.ts`, body: (f) => [
    "import { Module } from '@nestjs/common';", "import { JwtModule } from '@nestjs/jwt';", "import * as jwt from 'jsonwebtoken';", '', ...f('js-top', 4), ''] },
  { id: 'next-config', lang: 'js', path: (a) => `${a}/web/next.config.js`, body: (f) => [
    "/** @type {import('next').NextConfig} */", 'const nextConfig = {', '  reactStrictMode: true,', "  images: { domains: ['cdn.acme.io'] },", '  env: {',
    ...f('js-obj', 5, '    '), '  },', '};', '', 'module.exports = nextConfig;'] },
  { id: 'sdk-clients', lang: 'ts', path: (a) => `${a}/src/lib/clients.ts`, body: (f) => [
    "import Stripe from 'stripe';", "import OpenAI from 'openai';", "import axios from 'axios';", "import { WebClient } from '@slack/web-api';", '',
    'const BASE_URL = process.env.API_BASE_URL;', '', ...f('js-top', 8), ''] },
  { id: 'ts-constants', lang: 'ts', path: (a) => `${a}/src/constants/credentials.ts`, body: (f) => [
    '// Shared constants for the integrations.', 'export enum IntegrationKeys {', ...f('js-enum', 4, '  '), '}', '',
    'export class Credentials {', ...f('js-class', 4, '  '), '}', ''] },
  { id: 'service-class', lang: 'ts', path: (a) => `${a}/src/services/PaymentService.ts`, body: (f) => [
    "import axios from 'axios';", '', 'export class PaymentService {', '  private readonly timeoutMs = 5000;', ...f('js-class', 5, '  '), '',
    '  async charge(amount: number): Promise<void> {', "    await axios.post('/charges', { amount });", '  }', '}', '', ...f('js-top', 2)] },
  { id: 'js-utils', lang: 'js', path: (a) => `${a}/src/utils/report.js`, body: (f) => [
    "'use strict';", '', "const axios = require('axios');", '', ...f('js-top', 6), '', 'module.exports = { sendReport };'] },
  { id: 'ts-test', lang: 'ts', path: (a) => `${a}/src/__tests__/billing.test.ts`, body: (f) => [
    "import { describe, expect, it, jest } from '@jest/globals';", "import { mockConfig } from '../testing/mocks';", '', "jest.mock('../config');", '',
    ...f('js-top', 5), '', "describe('billing', () => {", "  it('charges the customer', async () => {", '    expect(mockConfig.get).toBeDefined();', '  });', '});'] },
  { id: 'js-test', lang: 'js', path: (a) => `${a}/test/webhooks.test.js`, body: (f) => [
    "const assert = require('node:assert');", "const crypto = require('crypto');", '', ...f('js-top', 4), '', "it('verifies the signature', () => assert.ok(true));"] },
  { id: 'django-settings', lang: 'py', path: (a) => `${a}/backend/config/settings.py`, body: (f) => [
    'import os', 'from pathlib import Path', '', 'BASE_DIR = Path(__file__).resolve().parent.parent', 'DEBUG = False', "ALLOWED_HOSTS = ['api.acme.io']", '',
    ...f('py-top', 4), '', 'DATABASES = {', '    "default": {', '        "ENGINE": "django.db.backends.postgresql",', '        "NAME": "app",',
    ...f('py-dict', 3, '        '), '    }', '}', '', 'CACHES = {', '    "default": {', ...f('py-dict', 2, '        '), '    }', '}', '', ...f('py-top', 2)] },
  { id: 'flask-app', lang: 'py', path: (a) => `${a}/api/app.py`, body: (f) => [
    'import os', 'import hmac', 'import hashlib', 'import jwt', 'from flask import Flask, request', '', 'app = Flask(__name__)', '', ...f('py-top', 6), '', '',
    '@app.route("/health")', 'def health():', '    return {"ok": True}'] },
  { id: 'fastapi-settings', lang: 'py', path: (a) => `${a}/api/core/config.py`, body: (f) => [
    'from pydantic_settings import BaseSettings', '', '', 'class Settings(BaseSettings):', '    app_name: str = "orders"', ...f('py-class', 5, '    '), '',
    '    class Config:', '        env_file = ".env"', '', '', 'settings = Settings()'] },
  { id: 'python-clients', lang: 'py', path: (a) => `${a}/worker/clients.py`, body: (f) => [
    'import os', 'import boto3', 'import requests', 'from openai import OpenAI', '', ...f('py-top', 7), ''] },
  { id: 'notebook-export', lang: 'py', path: (a) => `${a}/notebooks/churn_analysis.py`, body: (f) => [
    '#!/usr/bin/env python', '# coding: utf-8', '', '# In[1]:', '', 'import os', 'import pandas as pd', '', '', '# In[2]:', '', ...f('py-top', 2), '', '',
    '# In[3]:', '', ...f('py-top', 2), "df = pd.read_csv('events.csv')", '', '', '# In[4]:', '', ...f('py-top', 2), ''] },
  { id: 'python-test', lang: 'py', path: (a) => `${a}/tests/test_payments.py`, body: (f) => [
    'import pytest', 'from unittest import mock', '', ...f('py-top', 4), '', '', 'TEST_SETTINGS = {', ...f('py-dict', 2, '    '), '}', '', '',
    'def test_charge():', '    assert True'] },
  { id: 'docker-compose', lang: 'yaml', path: (a) => `${a}/docker-compose.yml`, body: (f) => [
    'services:', '  api:', '    image: acme/api:latest', '    ports:', '      - "8080:8080"', '    environment:', ...f('compose-env', 5, '      '),
    '  worker:', '    image: acme/worker:latest', '    environment:', ...f('compose-env', 3, '      '), '  db:', '    image: postgres:16'] },
  { id: 'k8s-deployment', lang: 'yaml', path: (a) => `${a}/deploy/k8s/deployment.yaml`, body: (f) => [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  replicas: 2', '  template:', '    spec:', '      containers:',
    '        - name: api', '          image: ghcr.io/acme/api:1.4.2', '          args:', ...f('k8s-env', 1, '            '), '          env:', ...f('k8s-env', 5, '            ')] },
  { id: 'k8s-secret', lang: 'yaml', path: (a) => `${a}/deploy/k8s/secrets.yaml`, body: (f) => [
    'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: api-secrets', 'type: Opaque', 'stringData:', ...f('yaml-map', 3, '  '), '---',
    'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: api-secrets-b64', 'type: Opaque', 'data:', ...f('k8s-data', 3, '  ')] },
  { id: 'helm-values', lang: 'yaml', path: (a) => `${a}/charts/api/values.yaml`, body: (f) => [
    'replicaCount: 2', 'image:', '  repository: ghcr.io/acme/api', '  tag: "1.4.2"', '', ...f('yaml-map', 4), '', 'config:', ...f('yaml-map', 3, '  ')] },
  { id: 'github-actions', lang: 'yaml', path: (a) => `${a}/.github/workflows/deploy.yml`, body: (f) => [
    'name: deploy', 'on:', '  push:', '    branches: [main]', 'env:', ...f('yaml-map', 3, '  '), 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    steps:',
    '      - uses: actions/checkout@v4', '      - name: Deploy', '        run: |', ...f('sh', 3, '          ')] },
  { id: 'app-yaml', lang: 'yaml', path: (a) => `${a}/config/production.yaml`, body: (f) => ['server:', '  port: 8080', '', ...f('yaml-map', 6)] },
  { id: 'tfvars', lang: 'tf', path: (a) => `${a}/infra/prod.tfvars`, body: (f) => ['region      = "eu-west-1"', 'environment = "prod"', '', ...f('tf', 5)] },
  { id: 'postman-env', lang: 'json', path: (a) => `${a}/postman/production.postman_environment.json`, body: (f, r) => [
    '{', `  "id": "${r.uuid()}",`, '  "name": "Production",', '  "values": [', ...f('postman', 4, '    '),
    '    {', '      "key": "baseUrl",', '      "value": "https://api.acme.io",', '      "enabled": true', '    }', '  ],', '  "_postman_variable_scope": "environment"', '}'] },
  { id: 'json-config', lang: 'json', path: (a) => `${a}/config/default.json`, body: (f) => ['{', '  "port": 8080,', ...f('json-obj', 6, '  '), '  "logLevel": "info"', '}'] },
  { id: 'dotenv', lang: 'env', path: (a) => `${a}/.env`, body: (f) => ['# local development', 'NODE_ENV=development', 'PORT=3000', ...f('env', 8)] },
  { id: 'dotenv-local', lang: 'env', path: (a) => `${a}/web/.env.local`, body: (f) => ['NEXT_PUBLIC_APP_URL=http://localhost:3000', ...f('env', 5)] },
  { id: 'deploy-script', lang: 'sh', path: (a) => `${a}/scripts/deploy.sh`, body: (f) => [
    '#!/usr/bin/env bash', 'set -euo pipefail', '', 'echo "Deploying $(git rev-parse --short HEAD)"', '', ...f('sh', 7), '', 'echo done'] },
  { id: 'readme', lang: 'md', path: (a) => `${a}/README.md`, body: (f) => [
    '# Orders service', '', 'Runs the checkout API and the nightly exports.', '', '## Configuration', '', ...f('md', 2).flatMap((s) => [s, '']), '## Troubleshooting', '',
    ...f('md', 3).flatMap((s) => [s, ''])] },
];

export function generateCorpus(seed: number): { files: CorpusFile[]; labels: Label[]; rounds: number } {
  const r = new Rng(seed);
  const kindCount = new Map<string, number>();
  const placementCount = new Map<string, number>();
  const files: CorpusFile[] = [];
  const labels: Label[] = [];
  const secretKinds = { provider: providers, generic: generics };

  const leastUsed = <T>(items: T[], key: (t: T) => string, counts: Map<string, number>): T => {
    let best: T[] = [];
    let min = Infinity;
    for (const t of items) {
      const n = counts.get(key(t)) ?? 0;
      if (n < min) [min, best] = [n, [t]];
      else if (n === min) best.push(t);
    }
    return r.pick(best);
  };

  const pk = (p: Placement, k: Kind) => `${p.id}:${k.klass === 'negative' ? 'negative' : 'secret'}`;
  const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  const plant = (section: Section, lang: Lang): Snip | undefined => {
    const here = placements.filter((p) => p.section === section && (!p.tsOnly || lang === 'ts'));
    const roll = r.next();
    const pool = roll < 0.35 ? negatives : roll < 0.67 ? secretKinds.provider : secretKinds.generic;
    let p: Placement;
    let k: Kind;
    if (pool === negatives) {
      // Look-alikes: balance the kinds, then their placements.
      const fitting = pool.filter((k) => here.some((p) => fits(p, k, lang)));
      if (!fitting.length) return undefined;
      k = leastUsed(fitting, (k) => k.id, kindCount);
      p = leastUsed(here.filter((p) => fits(p, k, lang) && !p.split), (p) => pk(p, k), placementCount);
    } else {
      // Secrets: balance the placements first (some take few kinds: a password slot), then the kinds that fit.
      const open = here.filter((p) => pool.some((k) => fits(p, k, lang)));
      if (!open.length) return undefined;
      p = leastUsed(open, (p) => pk(p, pool[0]!), placementCount);
      k = leastUsed(pool.filter((k) => fits(p, k, lang)), (k) => k.id, kindCount);
    }
    let v = k.gen(r);
    for (let i = 0; p.split && v.length < 16 && i < 5; i++) v = k.gen(r);
    if (p.split && v.length < 16) return undefined;
    count(kindCount, k.id);
    count(placementCount, pk(p, k));
    return render(r, p, k, lang, r.pick(k.names), v);
  };

  let rounds = 0;
  const covered = () =>
    providers.every((k) => (kindCount.get(k.id) ?? 0) >= 10) &&
    generics.every((k) => (kindCount.get(k.id) ?? 0) >= 40) &&
    negatives.every((k) => (kindCount.get(k.id) ?? 0) >= 20) &&
    placements.every((p) => (placementCount.get(`${p.id}:secret`) ?? 0) >= 8);
  while (rounds < 4 || (!covered() && rounds < 40)) {
    rounds++;
    const app = `app-${String(rounds).padStart(2, '0')}`;
    for (const t of templates) {
      const filler: Filler = (section, n, indent = '') => {
        const out: Snip[] = [];
        for (let i = 0; i < n; i++) {
          const s = plant(section, t.lang);
          if (!s) continue;
          const lines = s.lines.map((l) => (l ? indent + l : l));
          out.push({ ...s, lines });
        }
        // JSON needs a comma after every entry (the template ends the object with an entry of its own).
        if (section === 'json-obj' || section === 'postman') for (const s of out) s.lines[s.lines.length - 1] += ',';
        return out;
      };
      const parts = t.body(filler, r);
      const path = t.path(app);
      const lines: string[] = [];
      for (const part of parts) {
        if (typeof part === 'string') {
          lines.push(part);
          continue;
        }
        part.labels.forEach((l, i) => {
          const { at, span } = part.at[i]!;
          labels.push({ ...l, file: path, line: lines.length + at + 1, endLine: lines.length + at + span, fileType: fileTypeOf(path), template: t.id });
        });
        lines.push(...part.lines);
      }
      files.push({ path, content: lines.join('\n') + '\n' });
    }
  }
  return { files, labels, rounds };
}

function render(r: Rng, p: Placement, k: Kind, lang: Lang, upper: string, v: string): Snip {
  const n = namesOf(upper);
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  const expr = k.tags.includes('expr');
  const q = expr
    ? lang === 'py' ? `os.environ["${upper}"]` : `process.env.${upper}${lang === 'ts' && r.chance(0.5) ? '!' : ''}`
    : lang === 'py' ? `"${esc(v)}"` : lang === 'ts' || lang === 'js' ? (r.chance(0.7) ? `'${esc(v)}'` : `"${esc(v)}"`) : JSON.stringify(v);
  const auth = k.scheme === 'key=' ? `key=${v}` : `${k.scheme ?? 'Bearer'} ${v}`;
  const header = k.header ?? r.pick(['X-API-Key', 'X-Api-Key', 'x-api-key', 'Api-Key']);
  const c: Ctx = { r, k, lang, v, q, auth, header, hv: v, param: k.param ?? r.pick(PARAMS), host: r.pick(HOSTS), n };
  const out = p.render(c);
  const firstLine = expr ? q : p.pem === 'raw' ? v.split('\n')[0]! : lang === 'json' || p.section === 'json-obj' || p.section === 'postman' ? JSON.stringify(v).slice(1, 41) : esc(v).slice(0, 40);
  let at = out.at ?? out.lines.findIndex((l) => l.includes(firstLine));
  if (at < 0) at = out.lines.findIndex((l) => l.includes(v.slice(0, 12)));
  if (at < 0) throw new Error(`placement ${p.id} lost the value of ${k.id}`);
  const span = out.span ?? (p.pem === 'raw' ? v.split('\n').length : 1);
  return {
    lines: out.lines,
    labels: [{ klass: k.klass, kind: k.id, kindLabel: k.label, contextOnly: !!k.contextOnly, placement: p.id, name: upper }],
    at: [{ at, span }],
  };
}

export function fileTypeOf(path: string): string {
  const base = path.split('/').pop()!;
  if (base.startsWith('.env')) return '.env';
  if (/\.(test|spec)\.[jt]s$/.test(base) || /(^|\/)tests?\//.test(path) || base === 'conftest.py' || base.startsWith('test_')) return base.endsWith('.py') ? 'Python (tests)' : 'TS/JS (tests)';
  const ext = base.split('.').pop()!;
  return ({ ts: 'TypeScript', js: 'JavaScript', py: 'Python', json: 'JSON', yml: 'YAML', yaml: 'YAML', sh: 'shell', tfvars: 'Terraform', md: 'Markdown' } as Record<string, string>)[ext] ?? ext;
}

export { allKinds };
