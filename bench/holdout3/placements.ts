/**
 * Placements: where a value and its name end up in the repositories of "Tidewell", a made-up pet-care booking company
 * (an Expo app, a Next.js + tRPC web app, a NestJS API, a Python data platform and an infra repository).
 * Each placement renders one item as the line(s) a person or a tool would write there.
 */
import type { Item, Name, Placement, Rng } from './lib';

const sq = (v: string) => `'${v}'`;
const dq = (v: string) => `"${v.replace(/"/g, '\\"')}"`;
/** A value in code: quoted, unless it is code itself (an env-var read). */
const L = (it: Item, v: string, q: (v: string) => string = sq) => (it.expr ? v : q(v));
const cap = (w: string) => (w ? w[0].toUpperCase() + w.slice(1) : w);
const SUFFIX = /_(API_KEY|SECRET_KEY|ACCESS_TOKEN|AUTH_TOKEN|API_TOKEN|API_SECRET|SERVER_TOKEN|SDK_KEY|APP_KEY|PRIVATE_KEY|CLIENT_SECRET|REST_API_KEY|WEBHOOK_URL|WEBHOOK_SECRET|SECRET|TOKEN|KEY|PASSWORD|PASS|URL|URI|PAT|AUTHKEY)$/;
/** The service a name is about: STRIPE_SECRET_KEY → stripe. */
function svc(n: Name) {
  const base = n.env.replace(SUFFIX, '').replace(/^(NEXT_PUBLIC|EXPO_PUBLIC)_/, '') || n.env;
  const parts = base.toLowerCase().split('_').filter(Boolean);
  return { kebab: parts.join('-'), snake: parts.join('_'), title: parts.map(cap).join(''), camel: parts[0] + parts.slice(1).map(cap).join('') };
}
const headerOf = (n: Name) => n.env.split('_').map((p) => cap(p.toLowerCase())).join('-');
/** A YAML scalar: plain when safe, double-quoted otherwise. */
function yv(v: string): string {
  if (/^[A-Za-z0-9_./+=$~(^-]/.test(v) && !/: | #|:$|^-\s|[\n{}[\],&*!|>'"%@`]/.test(v.replace(/^\$\{\{.*\}\}$/, 'x'))) return v;
  if (/^\$\{\{.*\}\}$/.test(v)) return v;
  return dq(v);
}
const hasNl = (v: string) => v.includes('\n');
const indent = (pad: string, v: string) => v.split('\n').map((l) => pad + l);
const yamlKV = (pad: string, key: string, v: string) => (hasNl(v) ? [`${pad}${key}: |`, ...indent(pad + '  ', v)] : [`${pad}${key}: ${yv(v)}`]);
const tsStr = (it: Item, v: string) => (it.expr ? v : hasNl(v) ? '`' + v + '`' : sq(v));
const pyStr = (it: Item, v: string) => (it.expr ? v : hasNl(v) ? `"""${v}"""` : dq(v));
const xml = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const jsonStr = (v: string) => JSON.stringify(v);
const ts = (n: number) => `2024-05-${String(2 + (n % 20)).padStart(2, '0')}T${String(8 + (n % 11)).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')}:${String((n * 13) % 60).padStart(2, '0')}Z`;

const notBlob = (it: Item) => !it.tags.includes('json-blob');
const singleLineOnly = (it: Item) => notBlob(it) && !it.tags.includes('pem');
const passwordish = (it: Item) => notBlob(it) && /PASSWORD|_PASS$/.test(it.name.env) && !it.tags.includes('pem');
const urlish = (it: Item) => it.tags.includes('url') || /_(URL|URI)$/.test(it.name.env);
const tokenish = (it: Item) => singleLineOnly(it) && !urlish(it);

const tsBetween = (r: Rng) => r.pick([[''], ['', '// keep in sync with infra/terraform/variables.tf'], [''], ['const REQUEST_TIMEOUT_MS = 10_000;', '']]);
const pyBetween = (r: Rng) => r.pick([[''], ['', '# see docs/runbooks/credentials.md'], [''], ['TIMEOUT_SECONDS = 30', '']]);
const hashBetween = (r: Rng) => r.pick([[], [''], ['# ---'], []]);
const yamlBetween = () => [] as string[];

export const placements: Placement[] = [
  // ---------- TypeScript / JavaScript ----------
  {
    id: 'ts-const-export', lang: 'ts', multiline: true,
    paths: ['mobile/src/config/keys.ts', 'web/src/lib/constants.ts', 'api/src/common/constants.ts'],
    head: () => ['// Shared constants. Values that differ per environment come from app config.', ''],
    between: tsBetween,
    accepts: () => true,
    render: (it, v) => [`export const ${it.name.camel} = ${tsStr(it, v)};`],
  },
  {
    id: 'ts-upper-const', lang: 'ts', multiline: true,
    paths: ['api/src/integrations/integrations.constants.ts', 'web/src/server/integrations/keys.ts'],
    head: () => ["import { Logger } from '@nestjs/common';", ''],
    between: tsBetween,
    render: (it, v) => [`const ${it.name.env}: string = ${tsStr(it, v)};`],
  },
  {
    id: 'expo-app-config', lang: 'js',
    paths: ['mobile/app.config.js', 'mobile/apps/partner/app.config.js'],
    head: () => ["const IS_DEV = process.env.APP_VARIANT === 'development';", '', 'module.exports = {', '  expo: {', "    name: IS_DEV ? 'Tidewell (Dev)' : 'Tidewell',", "    slug: 'tidewell',", '    extra: {'],
    foot: () => ["      eas: { projectId: 'b7d4c1e2-5f3a-4c8b-9e21-7a6d0c9f1e44' },", '    },', '  },', '};'],
    accepts: notBlob,
    render: (it, v) => [`      ${it.name.camel}: ${L(it, v)},`],
  },
  {
    id: 'eas-json', lang: 'json',
    paths: ['mobile/eas.json'],
    head: () => ['{', '  "cli": { "version": ">= 7.0.0" },', '  "build": {', '    "production": {', '      "channel": "production",', '      "env": {'],
    foot: () => ['        "APP_VARIANT": "production"', '      }', '    }', '  }', '}'],
    accepts: notBlob,
    render: (it, v) => [`        "${it.name.env}": ${jsonStr(v)},`],
  },
  {
    id: 'firebase-config', lang: 'ts',
    paths: ['mobile/src/lib/firebase.ts', 'web/src/lib/firebase.ts'],
    head: () => ["import { initializeApp } from 'firebase/app';", '', 'const firebaseConfig = {'],
    foot: () => ["  authDomain: 'tidewell-prod.firebaseapp.com',", "  projectId: 'tidewell-prod',", "  storageBucket: 'tidewell-prod.appspot.com',", "  messagingSenderId: '482913640275',", "  appId: '1:482913640275:web:9c1d7e2f4a6b8c0d',", '};', '', 'export const app = initializeApp(firebaseConfig);'],
    accepts: singleLineOnly,
    render: (it, v) => [`  ${it.kind === 'firebase-web-api-key' ? 'apiKey' : it.name.camel}: ${L(it, v)},`],
  },
  {
    id: 'tsx-component', credential: true, lang: 'ts',
    paths: ['mobile/src/screens/CheckoutScreen.tsx', 'web/src/components/BookingMap.tsx', 'web/src/app/(marketing)/page.tsx'],
    head: () => ["import React from 'react';", '', 'export function Screen() {', '  return (', '    <>'],
    foot: () => ['    </>', '  );', '}'],
    accepts: singleLineOnly,
    render: (it, v, r) => it.kind === 'css-hashed-class'
      ? [`      <div className="${v}" data-testid="${it.name.kebab}" />`]
      : it.kind === 'data-uri-image'
        ? [`      <Image src="/hero.jpg" placeholder="blur" blurDataURL="${v}" alt="" />`]
        : [`      <${svc(it.name).title}Provider ${r.pick(['apiKey', 'token', svc(it.name).camel + 'Key'])}=${it.expr ? `{${v}}` : dq(v)}>`, `        <Outlet />`, `      </${svc(it.name).title}Provider>`],
  },
  {
    id: 'jest-snapshot', lang: 'text', test: true,
    paths: ['mobile/__tests__/__snapshots__/SettingsScreen.test.tsx.snap', 'web/src/components/__tests__/__snapshots__/IntegrationCard.test.tsx.snap'],
    head: () => ['// Jest Snapshot v1, https://goo.gl/fbAQLP', '', 'exports[`<IntegrationCard /> renders the configured integrations 1`] = `', '<View>'],
    foot: () => ['</View>', '`;'],
    accepts: singleLineOnly,
    render: (it, v) => it.kind === 'css-hashed-class'
      ? ['  <div', `    className="${v}"`, '  />']
      : ['  <Text', `    accessibilityLabel="${it.name.kebab}"`, `    value="${v}"`, '  />'],
  },
  {
    id: 'ts-test-fixture', lang: 'ts', test: true, multiline: true,
    paths: ['mobile/__tests__/payments.test.ts', 'api/test/webhooks.e2e-spec.ts', 'web/src/server/__tests__/auth.test.ts'],
    head: () => ["import { describe, expect, it } from '@jest/globals';", "import { buildClient } from '../src/client';", '', "describe('integration client', () => {"],
    foot: () => ['', "  it('builds', () => {", '    expect(buildClient()).toBeDefined();', '  });', '});'],
    between: () => [''],
    render: (it, v) => [`  const ${it.name.camel} = ${tsStr(it, v)};`],
  },
  {
    id: 'next-config', lang: 'js',
    paths: ['web/next.config.mjs'],
    head: () => ['/** @type {import("next").NextConfig} */', 'const nextConfig = {', '  reactStrictMode: true,', '  env: {'],
    foot: () => ['  },', '};', '', 'export default nextConfig;'],
    accepts: singleLineOnly,
    render: (it, v) => [`    ${it.name.env}: ${L(it, v)},`],
  },
  {
    id: 't3-env-schema', lang: 'ts',
    paths: ['web/src/env.mjs', 'web/apps/admin/src/env.mjs'],
    head: () => ['import { createEnv } from "@t3-oss/env-nextjs";', 'import { z } from "zod";', '', 'export const env = createEnv({', '  server: {'],
    foot: () => ['    NODE_ENV: z.enum(["development", "test", "production"]),', '  },', '  runtimeEnv: process.env,', '});'],
    accepts: singleLineOnly,
    render: (it, v) => it.expr ? [`    ${it.name.env}: z.string().default(${v} ?? "")`] : [`    ${it.name.env}: z.string().default(${dq(v)}),`],
  },
  {
    id: 'ts-nullish-fallback', lang: 'ts',
    paths: ['web/src/server/api/trpc.ts', 'api/src/payments/payments.config.ts'],
    head: () => ['import { initTRPC } from "@trpc/server";', ''],
    between: tsBetween,
    accepts: singleLineOnly,
    render: (it, v) => [`const ${it.name.camel} = process.env.${it.name.env} ?? ${L(it, v, dq)};`],
  },
  {
    id: 'js-or-fallback', lang: 'js',
    paths: ['api/scripts/backfill-invoices.js', 'web/scripts/sync-cms.js'],
    head: () => ["'use strict';", "const axios = require('axios');", ''],
    between: tsBetween,
    accepts: singleLineOnly,
    render: (it, v) => [`const ${it.name.camel} = process.env.${it.name.env} || ${L(it, v)};`],
  },
  {
    id: 'ts-fetch-bearer', credential: true, lang: 'ts',
    paths: ['web/src/server/integrations/partners.ts', 'api/src/integrations/http-clients.ts'],
    head: () => ["import { z } from 'zod';", ''],
    between: () => [''],
    accepts: tokenish,
    render: (it, v) => {
      const s = svc(it.name);
      return [
        `export async function call${s.title}(path: string) {`,
        `  const res = await fetch(\`https://api.${s.kebab}.com\${path}\`, {`,
        `    headers: { Authorization: ${it.expr ? '`Bearer ${' + v + '}`' : '`Bearer ' + v + '`'}, Accept: 'application/json' },`,
        '  });',
        '  return res.json();',
        '}',
      ];
    },
  },
  {
    id: 'ts-sdk-positional', credential: true, lang: 'ts',
    paths: ['api/src/integrations/clients.ts', 'web/src/server/clients.ts'],
    head: () => ["import { createClient } from './client-factory';", ''],
    between: () => [],
    accepts: singleLineOnly,
    render: (it, v) => [`export const ${svc(it.name).camel}Client = new ${svc(it.name).title}Client(${L(it, v)}, { timeoutMs: 10_000 });`],
  },
  {
    id: 'ts-call-setter', credential: true, lang: 'ts',
    paths: ['api/src/main.ts', 'web/src/server/bootstrap.ts'],
    head: () => ["import { NestFactory } from '@nestjs/core';", "import { AppModule } from './app.module';", ''],
    between: () => [],
    accepts: singleLineOnly,
    render: (it, v) => [`${svc(it.name).camel}.set${it.name.env.includes('PASSWORD') ? 'Password' : it.name.env.includes('SECRET') ? 'Secret' : 'ApiKey'}(${L(it, v)});`],
  },
  {
    id: 'ts-object-wrapped', lang: 'ts', multiline: true,
    paths: ['web/src/server/config.ts', 'api/src/config/integrations.config.ts'],
    head: () => ["import type { IntegrationConfig } from './types';", '', 'export const integrations: IntegrationConfig = {', '  region: "eu-west-1",'],
    foot: () => ['  retries: 3,', '};'],
    render: (it, v) => [`  ${it.name.camel}:`, `    ${tsStr(it, v)},`],
  },
  {
    id: 'nest-class-field', lang: 'ts',
    paths: ['api/src/notifications/notifications.service.ts', 'api/src/billing/billing.service.ts'],
    head: () => ["import { Injectable } from '@nestjs/common';", '', '@Injectable()', 'export class IntegrationService {'],
    foot: () => ['', '  constructor(private readonly http: HttpService) {}', '}'],
    accepts: singleLineOnly,
    render: (it, v) => [`  private readonly ${it.name.camel} = ${L(it, v)};`],
  },
  {
    id: 'nest-config-load', lang: 'ts',
    paths: ['api/src/app.module.ts'],
    head: () => ["import { Module } from '@nestjs/common';", "import { ConfigModule } from '@nestjs/config';", '', '@Module({', '  imports: [', '    ConfigModule.forRoot({', '      isGlobal: true,', '      load: [', '        () => ({'],
    foot: () => ['        }),', '      ],', '    }),', '  ],', '})', 'export class AppModule {}'],
    accepts: singleLineOnly,
    render: (it, v) => [`          ${it.name.env}: ${L(it, v)},`],
  },
  {
    id: 'pm2-ecosystem', lang: 'js',
    paths: ['api/ecosystem.config.js'],
    head: () => ['module.exports = {', '  apps: [', '    {', "      name: 'tidewell-api',", "      script: 'dist/main.js',", '      env_production: {'],
    foot: () => ["        NODE_ENV: 'production',", '      },', '    },', '  ],', '};'],
    accepts: singleLineOnly,
    render: (it, v) => [`        ${it.name.env}: ${L(it, v)},`],
  },
  {
    id: 'ts-line-comment', lang: 'text',
    paths: ['api/src/webhooks/webhooks.controller.ts', 'mobile/src/api/client.ts'],
    head: () => ["import { Controller, Post } from '@nestjs/common';", ''],
    between: () => ['export const RETRY = 3;', ''],
    accepts: singleLineOnly,
    render: (it, v, r) => r.chance(0.5) ? [`// old ${it.name.env}=${v} (the nightly cron still uses it)`] : [`/* for local testing: ${it.name.camel} = "${v}" */`],
  },
  {
    id: 'ts-seed-tuples', lang: 'ts',
    paths: ['api/prisma/seed.ts', 'web/prisma/seed.ts'],
    head: () => ["import { PrismaClient } from '@prisma/client';", '', 'const prisma = new PrismaClient();', '', 'const credentials = new Map<string, string>(['],
    foot: () => [']);', '', 'for (const [name, value] of credentials) {', '  await prisma.credential.upsert({ where: { name }, create: { name, value }, update: { value } });', '}'],
    accepts: singleLineOnly,
    render: (it, v) => [`  ['${it.name.env}', ${L(it, v)}],`],
  },
  {
    id: 'cdk-lambda-env', lang: 'ts',
    paths: ['infra/cdk/lib/api-stack.ts'],
    head: () => ["import * as lambda from 'aws-cdk-lib/aws-lambda';", '', 'new lambda.Function(this, "BookingsWorker", {', '  runtime: lambda.Runtime.NODEJS_20_X,', '  handler: "index.handler",', '  environment: {'],
    foot: () => ['    STAGE: "prod",', '  },', '});'],
    accepts: singleLineOnly,
    render: (it, v) => [`    ${it.name.env}: ${L(it, v)},`],
  },
  {
    id: 'pulumi-ts', lang: 'ts',
    paths: ['infra/pulumi/index.ts'],
    head: () => ['import * as aws from "@pulumi/aws";', '', 'const appSecrets = new aws.secretsmanager.Secret("app-secrets");', ''],
    between: () => [''],
    accepts: notBlob,
    render: (it, v) => [`new aws.secretsmanager.SecretVersion("${it.name.kebab}", {`, '  secretId: appSecrets.id,', `  secretString: ${tsStr(it, v)},`, '});'],
  },
  // ---------- Python ----------
  {
    id: 'py-settings-assign', lang: 'py', multiline: true,
    paths: ['data/services/admin/tidewell_admin/settings/production.py', 'data/pipelines/settings.py'],
    head: () => ['from .base import *  # noqa: F403', '', 'DEBUG = False', ''],
    between: pyBetween,
    accepts: () => true,
    render: (it, v) => [`${it.name.env} = ${pyStr(it, v)}`],
  },
  {
    id: 'py-dict-literal', lang: 'py', multiline: true,
    paths: ['data/pipelines/config.py', 'data/services/api/app/integrations.py'],
    head: () => ['"""Integration settings for the nightly sync."""', '', 'INTEGRATIONS = {'],
    foot: () => ['    "timeout": 30,', '}'],
    render: (it, v) => [`    "${it.name.snake}": ${pyStr(it, v)},`],
  },
  {
    id: 'py-client-kwarg', credential: true, lang: 'py',
    paths: ['data/pipelines/clients.py', 'data/ml/serving/clients.py'],
    head: () => ['import logging', '', 'log = logging.getLogger(__name__)', ''],
    between: () => [''],
    accepts: singleLineOnly,
    render: (it, v) => {
      const s = svc(it.name);
      const kw = it.name.env.includes('PASSWORD') ? 'password' : urlish(it) ? 'dsn' : it.name.env.includes('SECRET') ? 'secret' : it.name.env.includes('TOKEN') ? 'token' : 'api_key';
      return [`${s.snake}_client = ${s.title}Client(${kw}=${L(it, v, dq)}, timeout=30)`];
    },
  },
  {
    id: 'py-module-attr', credential: true, lang: 'py',
    paths: ['data/notebooks/utils/setup_clients.py', 'data/ml/training/bootstrap.py'],
    head: () => ['import openai', 'import stripe', ''],
    between: () => [],
    accepts: singleLineOnly,
    render: (it, v) => [`${svc(it.name).snake}.${it.name.env.includes('PASSWORD') ? 'password' : it.name.env.includes('TOKEN') ? 'token' : 'api_key'} = ${L(it, v, dq)}`],
  },
  {
    id: 'py-getenv-default', lang: 'py',
    paths: ['data/services/api/app/config.py', 'data/airflow/plugins/tidewell/config.py'],
    head: () => ['import os', ''],
    between: () => [],
    accepts: singleLineOnly,
    render: (it, v) => [`${it.name.env} = os.getenv("${it.name.env}", ${L(it, v, dq)})`],
  },
  {
    id: 'py-pydantic-settings', lang: 'py',
    paths: ['data/services/api/app/settings.py'],
    head: () => ['from pydantic_settings import BaseSettings, SettingsConfigDict', '', '', 'class Settings(BaseSettings):', '    model_config = SettingsConfigDict(env_file=".env")', ''],
    foot: () => ['', '', 'settings = Settings()'],
    accepts: singleLineOnly,
    render: (it, v) => [`    ${it.name.snake}: str = ${L(it, v, dq)}`],
  },
  {
    id: 'py-requests-header', credential: true, lang: 'py',
    paths: ['data/pipelines/ingest/partners.py', 'data/pipelines/ingest/reviews.py'],
    head: () => ['import requests', '', 'BASE = "https://partners.tidewell.io"', ''],
    between: () => [''],
    accepts: tokenish,
    render: (it, v) => [`def fetch_${svc(it.name).snake}(day):`, `    resp = requests.get(f"{BASE}/v1/export/{day}", headers={"${headerOf(it.name)}": ${L(it, v, dq)}}, timeout=30)`, '    resp.raise_for_status()', '    return resp.json()'],
  },
  {
    id: 'airflow-dag', lang: 'py',
    paths: ['data/airflow/dags/sync_bookings.py', 'data/airflow/dags/export_reviews.py'],
    head: () => ['from datetime import datetime', '', 'from airflow import DAG', 'from airflow.operators.python import PythonOperator', ''],
    foot: () => ['', 'with DAG("sync_bookings", start_date=datetime(2024, 1, 1), schedule="@daily", catchup=False) as dag:', '    PythonOperator(task_id="sync", python_callable=lambda: None)'],
    between: () => [],
    accepts: singleLineOnly,
    render: (it, v) => [`${it.name.env} = ${L(it, v, dq)}  # TODO: move to an Airflow Variable`],
  },
  {
    id: 'fastapi-key-check', credential: true, lang: 'py',
    paths: ['data/services/api/app/deps.py'],
    head: () => ['from fastapi import Header, HTTPException', ''],
    between: () => ['', ''],
    accepts: tokenish,
    render: (it, v) => [`def verify_${it.name.snake}(x_api_key: str = Header(...)):`, `    if x_api_key != ${L(it, v, dq)}:`, '        raise HTTPException(status_code=401)'],
  },
  {
    id: 'pandas-script', credential: true, lang: 'py',
    paths: ['data/scripts/export_bookings.py', 'data/scripts/reconcile_payouts.py'],
    head: () => ['import pandas as pd', 'from sqlalchemy import create_engine', ''],
    between: () => [''],
    accepts: singleLineOnly,
    render: (it, v) => urlish(it)
      ? [`engine = create_engine(${L(it, v, sq)})`, 'df = pd.read_sql("select * from bookings where created_at > now() - interval \'1 day\'", engine)']
      : [`${it.name.snake} = ${L(it, v, sq)}`],
  },
  {
    id: 'django-databases', credential: true, lang: 'py',
    paths: ['data/services/admin/tidewell_admin/settings/base.py'],
    head: () => ['DATABASES = {'],
    foot: () => ['}'],
    accepts: passwordish,
    render: (it, v) => [`    "${it.name.snake.replace(/_password$|_pass$/, '') || 'default'}": {`, '        "ENGINE": "django.db.backends.postgresql",', '        "HOST": "pg-main.tidewell.internal",', `        "PASSWORD": ${L(it, v, dq)},`, '    },'],
  },
  {
    id: 'pytest-conftest', lang: 'py', test: true,
    paths: ['data/tests/conftest.py', 'data/services/api/tests/conftest.py'],
    head: () => ['import pytest', '', '', '@pytest.fixture(autouse=True)', 'def integration_env(monkeypatch):'],
    foot: () => ['    yield'],
    accepts: singleLineOnly,
    render: (it, v) => [`    monkeypatch.setenv("${it.name.env}", ${L(it, v, dq)})`],
  },
  {
    id: 'py-docstring', lang: 'text',
    paths: ['data/pipelines/ingest/__init__.py', 'data/ml/features/__init__.py'],
    head: () => ['"""Ingestion jobs.', '', 'Run locally with:', ''],
    foot: () => ['', '    python -m pipelines.ingest --day 2024-05-01', '"""'],
    accepts: singleLineOnly,
    render: (it, v) => [`    export ${it.name.env}=${v}`],
  },
  {
    id: 'py-comment', lang: 'text',
    paths: ['data/ml/training/train.py', 'data/pipelines/transform.py'],
    head: () => ['import numpy as np', ''],
    between: () => ['x = np.zeros(3)', ''],
    accepts: singleLineOnly,
    render: (it, v) => [`# ${it.name.env} = "${v}"  # staging value, do not use in prod`],
  },
  // ---------- notebooks ----------
  {
    id: 'ipynb-code-cell', lang: 'py',
    paths: ['data/notebooks/churn_exploration.ipynb', 'data/notebooks/pricing_experiments.ipynb'],
    head: () => ['{', ' "cells": ['],
    foot: () => ['  {', '   "cell_type": "markdown",', '   "metadata": {},', '   "source": ["## Results"]', '  }', ' ],', ' "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},', ' "nbformat": 4,', ' "nbformat_minor": 5', '}'],
    accepts: notBlob,
    render: (it, v) => ['  {', '   "cell_type": "code",', '   "execution_count": 3,', '   "metadata": {},', '   "outputs": [],', '   "source": [', `    ${jsonStr(`${it.name.snake} = ${it.expr ? v : hasNl(v) ? `"""${v}"""` : dq(v)}\n`)},`, `    ${jsonStr('client = connect()')}`, '   ]', '  },'],
  },
  {
    id: 'ipynb-env-magic', lang: 'env',
    paths: ['data/notebooks/embedding_eval.ipynb'],
    head: () => ['{', ' "cells": ['],
    foot: () => ['  {', '   "cell_type": "markdown",', '   "metadata": {},', '   "source": ["# Embedding eval"]', '  }', ' ],', ' "metadata": {},', ' "nbformat": 4,', ' "nbformat_minor": 5', '}'],
    accepts: singleLineOnly,
    render: (it, v) => ['  {', '   "cell_type": "code",', '   "execution_count": 1,', '   "metadata": {},', '   "outputs": [],', `   "source": [${jsonStr(`%env ${it.name.env}=${v}`)}]`, '  },'],
  },
  {
    id: 'ipynb-output', lang: 'text',
    paths: ['data/notebooks/debug_airflow_env.ipynb'],
    head: () => ['{', ' "cells": [', '  {', '   "cell_type": "code",', '   "execution_count": 7,', '   "metadata": {},', '   "outputs": [', '    {', '     "name": "stdout",', '     "output_type": "stream",', '     "text": ['],
    foot: () => ['      "done\\n"', '     ]', '    }', '   ],', '   "source": ["for k, v in os.environ.items():\\n", "    print(k, v)"]', '  }', ' ],', ' "metadata": {},', ' "nbformat": 4,', ' "nbformat_minor": 5', '}'],
    accepts: singleLineOnly,
    render: (it, v) => [`      ${jsonStr(`${it.name.env} ${v}\n`)},`],
  },
  // ---------- env files ----------
  {
    id: 'dotenv-plain', lang: 'env',
    paths: ['web/.env.production', 'mobile/.env', 'data/.env.staging', 'api/.env.development'],
    head: () => ['# generated by scripts/pull-env.sh', 'NODE_ENV=production'],
    between: hashBetween,
    accepts: notBlob,
    render: (it, v) => [`${it.name.env}=${v}`],
  },
  {
    id: 'dotenv-quoted', lang: 'env', multiline: true,
    paths: ['api/.env.local', 'web/.env.local', 'data/airflow/.env'],
    head: () => ['# local overrides, do not commit (oops)'],
    between: hashBetween,
    accepts: () => true,
    render: (it, v) => [it.tags.includes('json-blob') ? `${it.name.env}='${v}'` : `${it.name.env}="${v}"`],
  },
  {
    id: 'dotenv-example', lang: 'env', test: true,
    paths: ['web/.env.example', 'data/.env.sample', 'api/.env.example'],
    head: () => ['# Copy to .env and fill in', 'PORT=3000'],
    between: () => [],
    accepts: singleLineOnly,
    render: (it, v) => [`${it.name.env}=${v}`],
  },
  {
    id: 'envrc', lang: 'shell',
    paths: ['infra/.envrc', 'data/.envrc'],
    head: () => ['# direnv', 'use asdf'],
    between: () => [],
    accepts: () => true,
    render: (it, v) => [`export ${it.name.env}='${v}'`],
  },
  {
    id: 'ansible-env-template', lang: 'env',
    paths: ['infra/ansible/roles/app/templates/app.env.j2'],
    head: () => ['# {{ ansible_managed }}', 'APP_ENV={{ app_env }}'],
    between: () => [],
    accepts: singleLineOnly,
    render: (it, v) => [`${it.name.env}=${v}`],
  },
  // ---------- JSON / XML / IDE ----------
  {
    id: 'json-nested-config', lang: 'json',
    paths: ['api/config/production.json', 'web/config/default.json'],
    head: () => ['{', '  "port": 8080,', '  "integrations": {'],
    foot: () => ['    "enabled": true', '  }', '}'],
    accepts: notBlob,
    render: (it, v) => [`    "${it.name.camel}": ${jsonStr(v)},`],
  },
  {
    id: 'vscode-launch', lang: 'json',
    paths: ['api/.vscode/launch.json', 'data/.vscode/launch.json'],
    head: () => ['{', '  "version": "0.2.0",', '  "configurations": [', '    {', '      "type": "node",', '      "request": "launch",', '      "name": "Debug API",', '      "env": {'],
    foot: () => ['        "NODE_ENV": "development"', '      }', '    }', '  ]', '}'],
    accepts: notBlob,
    render: (it, v) => [`        "${it.name.env}": ${jsonStr(v)},`],
  },
  {
    id: 'vscode-rest-client', lang: 'json',
    paths: ['web/.vscode/settings.json'],
    head: () => ['{', '  "editor.formatOnSave": true,', '  "rest-client.environmentVariables": {', '    "production": {'],
    foot: () => ['      "baseUrl": "https://api.tidewell.io"', '    }', '  }', '}'],
    accepts: notBlob,
    render: (it, v) => [`      "${it.name.camel}": ${jsonStr(v)},`],
  },
  {
    id: 'idea-workspace', lang: 'xml',
    paths: ['api/.idea/workspace.xml'],
    head: () => ['<?xml version="1.0" encoding="UTF-8"?>', '<project version="4">', '  <component name="RunManager">', '    <configuration name="start:dev" type="js.build_tools.npm">', '      <envs>'],
    foot: () => ['      </envs>', '    </configuration>', '  </component>', '</project>'],
    accepts: singleLineOnly,
    render: (it, v) => [`        <env name="${it.name.env}" value="${xml(v)}" />`],
  },
  {
    id: 'android-strings', lang: 'xml',
    paths: ['mobile/android/app/src/main/res/values/strings.xml'],
    head: () => ['<?xml version="1.0" encoding="utf-8"?>', '<resources>', '    <string name="app_name">Tidewell</string>'],
    foot: () => ['</resources>'],
    accepts: singleLineOnly,
    render: (it, v) => [`    <string name="${it.name.snake}">${xml(v)}</string>`],
  },
  {
    id: 'ios-plist', lang: 'xml',
    paths: ['mobile/ios/Tidewell/Info.plist', 'mobile/ios/Tidewell/GoogleService-Info.plist'],
    head: () => ['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">', '<plist version="1.0">', '<dict>', '\t<key>CFBundleDisplayName</key>', '\t<string>Tidewell</string>'],
    foot: () => ['</dict>', '</plist>'],
    accepts: singleLineOnly,
    render: (it, v) => [`\t<key>${it.name.env}</key>`, `\t<string>${xml(v)}</string>`],
  },
  {
    id: 'gradle-properties', lang: 'ini',
    paths: ['mobile/android/gradle.properties'],
    head: () => ['org.gradle.jvmargs=-Xmx2048m', 'android.useAndroidX=true'],
    between: () => [],
    accepts: singleLineOnly,
    render: (it, v) => [`${it.name.env}=${v}`],
  },
  {
    id: 'postman-collection', lang: 'json',
    paths: ['api/docs/postman/tidewell.postman_collection.json'],
    head: () => ['{', '  "info": { "name": "Tidewell API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },', '  "variable": ['],
    foot: () => ['    { "key": "baseUrl", "value": "https://api.tidewell.io", "type": "string" }', '  ]', '}'],
    accepts: notBlob,
    render: (it, v) => [`    { "key": "${it.name.camel}", "value": ${jsonStr(v)}, "type": "string" },`],
  },
  {
    id: 'har-recording', credential: true, lang: 'json', test: true,
    paths: ['web/e2e/recordings/checkout.har', 'mobile/e2e/recordings/login.har'],
    head: () => ['{', '  "log": {', '    "version": "1.2",', '    "entries": [', '      {', '        "request": {', '          "method": "POST",', '          "url": "https://api.tidewell.io/v1/bookings",', '          "headers": ['],
    foot: () => ['            { "name": "Accept", "value": "application/json" }', '          ]', '        }', '      }', '    ]', '  }', '}'],
    accepts: singleLineOnly,
    render: (it, v) => ['            {', `              "name": "${headerOf(it.name)}",`, `              "value": ${jsonStr(v)}`, '            },'],
  },
  {
    id: 'service-account-file', lang: 'json',
    paths: ['data/credentials/etl-service-account.json', 'infra/terraform/gcp/terraform-sa.json'],
    accepts: (it) => it.tags.includes('json-blob'),
    render: (_it, v) => JSON.stringify(JSON.parse(v), null, 2).split('\n'),
  },
  {
    id: 'pem-file', lang: 'text', multiline: true,
    paths: ['infra/certs/api-signing.key', 'mobile/ios/AuthKey_7QX2K9.p8', 'infra/ansible/roles/app/files/deploy_key', 'api/keys/jwt.pem'],
    accepts: (it) => it.tags.includes('pem'),
    render: (_it, v) => v.split('\n'),
  },
  {
    id: 'lockfile-npm', lang: 'json',
    paths: ['web/package-lock.json'],
    head: () => ['{', '  "name": "tidewell-web",', '  "lockfileVersion": 3,', '  "packages": {'],
    foot: () => ['    "": { "name": "tidewell-web", "version": "0.1.0" }', '  }', '}'],
    accepts: (it) => it.group === 'negative',
    render: (it, v, r) => [`    "node_modules/${r.pick(['zod', 'clsx', 'date-fns', 'superjson'])}-${it.id}": {`, `      "version": "${r.int(1, 4)}.${r.int(0, 20)}.${r.int(0, 9)}",`, `      "${it.kind === 'integrity-hash' ? 'integrity' : 'resolved'}": ${jsonStr(v)}`, '    },'],
  },
  {
    id: 'lockfile-yarn', lang: 'text',
    paths: ['mobile/yarn.lock'],
    head: () => ['# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.', '# yarn lockfile v1', ''],
    between: () => [''],
    accepts: (it) => it.group === 'negative',
    render: (it, v, r) => [`"pkg-${it.id}@^${r.int(1, 4)}.0.0":`, `  version "${r.int(1, 4)}.${r.int(0, 9)}.${r.int(0, 9)}"`, `  ${it.kind === 'integrity-hash' ? 'integrity' : 'resolved'} "${v}"`],
  },
  {
    id: 'css-module', lang: 'css',
    paths: ['web/src/styles/Home.module.css'],
    head: () => ['.container {', '  display: grid;', '}', ''],
    between: () => [''],
    accepts: (it) => it.group === 'negative',
    render: (it, v) => it.kind === 'data-uri-image' ? [`.${it.name.camel} {`, `  background-image: url("${v}");`, '}'] : [`.${it.name.camel} {`, `  composes: ${v} from './base.css';`, '}'],
  },
  {
    id: 'html-page', lang: 'html',
    paths: ['web/public/status.html', 'data/apps/dashboard/static/index.html'],
    head: () => ['<!doctype html>', '<html lang="en">', '<head>', '  <meta charset="utf-8" />'],
    foot: () => ['</head>', '<body><div id="root"></div></body>', '</html>'],
    accepts: singleLineOnly,
    render: (it, v) => it.kind === 'integrity-hash'
      ? [`  <script src="https://cdn.tidewell.io/widget.js" integrity="${v}" crossorigin="anonymous"></script>`]
      : it.kind === 'css-hashed-class' ? [`  <link rel="stylesheet" class="${v}" href="/app.css" />`]
        : [`  <script>window.__CONFIG__ = { ${it.name.camel}: "${xml(v)}" };</script>`],
  },
  // ---------- YAML ----------
  {
    id: 'yaml-app-config', lang: 'yaml', multiline: true,
    paths: ['api/config/production.yaml', 'data/services/api/config/prod.yaml'],
    head: () => ['server:', '  port: 8080', 'integrations:'],
    between: yamlBetween,
    accepts: notBlob,
    render: (it, v) => yamlKV('  ', it.name.snake, v),
  },
  {
    id: 'compose-env-list', lang: 'yaml',
    paths: ['api/docker-compose.yml', 'web/docker-compose.yml'],
    head: () => ['services:', '  app:', '    build: .', '    environment:'],
    foot: () => ['    ports:', '      - "3000:3000"'],
    accepts: singleLineOnly,
    render: (it, v) => [`      - ${/^[A-Za-z0-9_./+=$~-][^#]*$/.test(`${it.name.env}=${v}`) && !/: /.test(v) ? `${it.name.env}=${v}` : dq(`${it.name.env}=${v}`)}`],
  },
  {
    id: 'compose-env-map', lang: 'yaml',
    paths: ['data/airflow/docker-compose.yaml', 'data/docker-compose.yml'],
    head: () => ['x-airflow-common:', '  &airflow-common', '  image: apache/airflow:2.9.1', '  environment:', '    AIRFLOW__CORE__EXECUTOR: CeleryExecutor'],
    foot: () => ['services:', '  scheduler:', '    <<: *airflow-common', '    command: scheduler'],
    accepts: singleLineOnly,
    render: (it, v) => [`    ${it.name.env}: ${yv(v)}`],
  },
  {
    id: 'k8s-secret', lang: 'yaml', multiline: true,
    paths: ['infra/k8s/api/secret.yaml', 'infra/k8s/worker/secret.yaml'],
    head: () => ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: tidewell-api', '  namespace: production', 'type: Opaque', 'stringData:'],
    accepts: () => true,
    render: (it, v) => yamlKV('  ', it.name.env, v),
  },
  {
    id: 'k8s-configmap', lang: 'yaml',
    paths: ['infra/k8s/api/configmap.yaml'],
    head: () => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: tidewell-api-config', 'data:'],
    accepts: singleLineOnly,
    render: (it, v) => [`  ${it.name.env}: ${dq(v)}`],
  },
  {
    id: 'k8s-sealed-secret', lang: 'yaml',
    paths: ['infra/k8s/api/sealed-secret.yaml'],
    head: () => ['apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'metadata:', '  name: tidewell-api', '  namespace: production', 'spec:', '  encryptedData:'],
    accepts: (it) => it.kind === 'sealed-secret',
    render: (it, v) => [`    ${it.name.env}: ${v}`],
  },
  {
    id: 'helm-values', lang: 'yaml', multiline: true,
    paths: ['infra/helm/tidewell-api/values-prod.yaml', 'infra/helm/tidewell-worker/values.yaml'],
    head: () => ['replicaCount: 3', 'image:', '  repository: ghcr.io/tidewell/api', '  tag: "1.42.0"', 'secrets:'],
    accepts: notBlob,
    render: (it, v) => yamlKV('  ', it.name.camel, v),
  },
  {
    id: 'pulumi-stack-config', lang: 'yaml',
    paths: ['infra/pulumi/Pulumi.prod.yaml'],
    head: () => ['config:', '  aws:region: eu-west-1'],
    accepts: singleLineOnly,
    render: (it, v) => [`  tidewell:${it.name.camel}: ${yv(v)}`],
  },
  {
    id: 'ansible-vars', lang: 'yaml', multiline: true,
    paths: ['infra/ansible/group_vars/all.yml', 'infra/ansible/group_vars/production/vars.yml'],
    head: () => ['---', 'app_user: tidewell', 'app_env: production'],
    accepts: notBlob,
    render: (it, v) => v.startsWith('$ANSIBLE_VAULT') ? [`${it.name.snake}: !vault |`, ...indent('  ', v)] : yamlKV('', it.name.snake, v),
  },
  {
    id: 'dbt-profiles', lang: 'yaml',
    paths: ['data/dbt/profiles.yml'],
    head: () => ['tidewell:', '  target: prod', '  outputs:', '    prod:', '      type: snowflake', '      account: tw12345.eu-west-1', '      user: DBT_PROD', '      warehouse: TRANSFORMING'],
    foot: () => ['      threads: 8'],
    accepts: singleLineOnly,
    render: (it, v) => [`      ${it.name.snake}: ${yv(v)}`],
  },
  {
    id: 'gha-env', lang: 'yaml',
    paths: ['web/.github/workflows/deploy.yml', 'api/.github/workflows/ci.yml'],
    head: () => ['name: deploy', 'on:', '  push:', '    branches: [main]', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    env:'],
    foot: () => ['    steps:', '      - uses: actions/checkout@v4', '      - run: npm ci && npm run deploy'],
    accepts: singleLineOnly,
    render: (it, v) => [`      ${it.name.env}: ${yv(v)}`],
  },
  {
    id: 'gha-run-step', credential: true, lang: 'shell',
    paths: ['mobile/.github/workflows/release.yml', 'data/.github/workflows/nightly.yml'],
    head: () => ['name: release', 'on: workflow_dispatch', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4'],
    accepts: tokenish,
    render: (it, v) => [`      - name: Notify ${svc(it.name).title}`, `        run: curl -fsS -H "Authorization: Bearer ${v}" https://api.${svc(it.name).kebab}.com/v1/deployments`],
  },
  {
    id: 'circleci', lang: 'yaml',
    paths: ['api/.circleci/config.yml'],
    head: () => ['version: 2.1', 'jobs:', '  test:', '    docker:', '      - image: cimg/node:20.11', '    environment:'],
    foot: () => ['    steps:', '      - checkout', '      - run: npm test'],
    accepts: singleLineOnly,
    render: (it, v) => [`      ${it.name.env}: ${yv(v)}`],
  },
  {
    id: 'bitbucket-pipelines', lang: 'shell',
    paths: ['data/bitbucket-pipelines.yml'],
    head: () => ['image: python:3.12', 'pipelines:', '  default:', '    - step:', '        name: Test', '        script:'],
    foot: () => ['          - pip install -r requirements.txt', '          - pytest -q'],
    accepts: singleLineOnly,
    render: (it, v) => [`          - export ${it.name.env}='${v}'`],
  },
  {
    id: 'azure-pipelines', lang: 'yaml',
    paths: ['infra/azure-pipelines.yml'],
    head: () => ['trigger:', '  - main', 'pool:', '  vmImage: ubuntu-latest', 'variables:'],
    foot: () => ['steps:', '  - script: terraform plan', '    displayName: plan'],
    accepts: singleLineOnly,
    render: (it, v) => [`  - name: ${it.name.env}`, `    value: ${yv(v)}`],
  },
  {
    id: 'serverless-yml', lang: 'yaml',
    paths: ['api/serverless.yml'],
    head: () => ['service: tidewell-webhooks', 'provider:', '  name: aws', '  runtime: nodejs20.x', '  environment:'],
    foot: () => ['functions:', '  stripe:', '    handler: dist/stripe.handler'],
    accepts: singleLineOnly,
    render: (it, v) => [`    ${it.name.env}: ${yv(v)}`],
  },
  {
    id: 'vcr-cassette', credential: true, lang: 'yaml', test: true,
    paths: ['data/tests/cassettes/test_sync_partners.yaml', 'data/services/api/tests/cassettes/test_webhooks.yaml'],
    head: () => ['interactions:'],
    foot: () => ['version: 1'],
    accepts: singleLineOnly,
    render: (it, v) => ['- request:', '    body: null', '    headers:', `      ${headerOf(it.name)}:`, `      - ${yv(v)}`, '    method: GET', `    uri: https://api.${svc(it.name).kebab}.com/v1/export`, '  response:', '    status: {code: 200, message: OK}'],
  },
  {
    id: 'yarnrc', credential: true, lang: 'yaml',
    paths: ['mobile/.yarnrc.yml'],
    head: () => ['nodeLinker: node-modules', 'npmRegistries:'],
    accepts: (it) => it.tags.includes('registry') || (it.group === 'negative' && /TOKEN|KEY/.test(it.name.env) && singleLineOnly(it)),
    render: (it, v) => [`  "https://npm.pkg.github.com/${it.name.kebab}":`, `    npmAuthToken: ${yv(v)}`],
  },
  // ---------- TOML / INI / misc config ----------
  {
    id: 'streamlit-secrets', lang: 'toml', multiline: true,
    paths: ['data/apps/dashboard/.streamlit/secrets.toml'],
    head: () => ['# Streamlit secrets', '[general]'],
    accepts: notBlob,
    render: (it, v) => [`${it.name.snake} = ${hasNl(v) ? `"""${v}"""` : dq(v)}`],
  },
  {
    id: 'fly-toml', lang: 'toml',
    paths: ['api/fly.toml'],
    head: () => ['app = "tidewell-api"', 'primary_region = "ams"', '', '[env]'],
    accepts: singleLineOnly,
    render: (it, v) => [`  ${it.name.env} = ${dq(v)}`],
  },
  {
    id: 'ini-settings', lang: 'ini',
    paths: ['data/config/settings.ini', 'data/services/admin/setup.cfg'],
    head: () => ['[DEFAULT]', 'region = eu-west-1', '', '[integrations]'],
    accepts: singleLineOnly,
    render: (it, v) => [`${it.name.snake} = ${v}`],
  },
  {
    id: 'pip-conf', lang: 'ini',
    paths: ['data/pip.conf'],
    head: () => ['[global]', 'index-url = https://pypi.org/simple'],
    accepts: (it) => urlish(it) && singleLineOnly(it),
    render: (it, v) => [`# ${it.name.env}`, `extra-index-url = ${v}`],
  },
  {
    id: 'pypirc', credential: true, lang: 'ini',
    paths: ['data/.pypirc'],
    head: () => ['[distutils]', 'index-servers = pypi internal'],
    between: () => [''],
    accepts: tokenish,
    render: (it, v) => [`[${it.name.kebab}]`, 'username = __token__', `password = ${v}`],
  },
  {
    id: 'pgpass', credential: true, lang: 'text',
    paths: ['data/.pgpass'],
    accepts: passwordish,
    render: (it, v) => [`# ${it.name.env}`, `pg-main.tidewell.internal:5432:tidewell:etl_writer:${v}`],
  },
  {
    id: 'netrc', credential: true, lang: 'text',
    paths: ['infra/ops/.netrc'],
    accepts: tokenish,
    render: (it, v) => [`machine api.${svc(it.name).kebab}.com`, '  login tidewell-ci', `  password ${v}`],
  },
  {
    id: 'npmrc', credential: true, lang: 'ini',
    paths: ['web/.npmrc', 'api/.npmrc'],
    head: () => ['engine-strict=true'],
    accepts: (it) => it.tags.includes('registry') || (it.group === 'negative' && /TOKEN/.test(it.name.env) && singleLineOnly(it)),
    render: (it, v) => [`; ${it.name.env}`, `//npm.pkg.github.com/:_authToken=${v}`],
  },
  {
    id: 'supervisor-conf', lang: 'ini',
    paths: ['infra/supervisor/worker.conf'],
    head: () => ['[program:bookings-worker]', 'command=/srv/tidewell/.venv/bin/celery -A worker worker'],
    between: () => [],
    accepts: singleLineOnly,
    render: (it, v) => [`environment=${it.name.env}="${v}"`],
  },
  {
    id: 'systemd-unit', lang: 'ini',
    paths: ['infra/ansible/roles/app/files/tidewell-worker.service'],
    head: () => ['[Unit]', 'Description=Tidewell worker', '', '[Service]', 'User=tidewell'],
    foot: () => ['ExecStart=/srv/tidewell/bin/worker', '', '[Install]', 'WantedBy=multi-user.target'],
    accepts: singleLineOnly,
    render: (it, v) => [`Environment="${it.name.env}=${v}"`],
  },
  {
    id: 'nginx-conf', credential: true, lang: 'text',
    paths: ['infra/nginx/api.conf'],
    head: () => ['server {', '  listen 443 ssl;', '  server_name api.tidewell.io;', '  location /partners/ {', '    proxy_pass http://partners_upstream;'],
    foot: () => ['  }', '}'],
    accepts: tokenish,
    render: (it, v) => [`    proxy_set_header ${headerOf(it.name)} "${v}";`],
  },
  // ---------- Terraform ----------
  {
    id: 'terraform-variable', lang: 'hcl', multiline: true,
    paths: ['infra/terraform/variables.tf', 'infra/terraform/modules/app/variables.tf'],
    between: () => [''],
    accepts: () => true,
    render: (it, v) => hasNl(v)
      ? [`variable "${it.name.snake}" {`, '  type      = string', '  sensitive = true', '  default   = <<EOT', ...v.split('\n'), 'EOT', '}']
      : [`variable "${it.name.snake}" {`, '  type      = string', '  sensitive = true', `  default   = ${L(it, v, dq)}`, '}'],
  },
  {
    id: 'terraform-provider', credential: true, lang: 'hcl',
    paths: ['infra/terraform/providers.tf'],
    head: () => ['terraform {', '  required_version = ">= 1.6"', '}', ''],
    between: () => [''],
    accepts: singleLineOnly,
    render: (it, v) => [`provider "${svc(it.name).snake}" {`, `  ${it.name.env.includes('PASSWORD') ? 'password' : it.name.env.includes('TOKEN') ? 'api_token' : 'api_key'} = ${L(it, v, dq)}`, '}'],
  },
  {
    id: 'tfvars', lang: 'hcl',
    paths: ['infra/terraform/env/prod.tfvars', 'infra/terraform/env/staging.auto.tfvars'],
    head: () => ['environment = "prod"'],
    accepts: singleLineOnly,
    render: (it, v) => [`${it.name.snake} = ${dq(v)}`],
  },
  // ---------- shell, build files ----------
  {
    id: 'dockerfile', lang: 'docker',
    paths: ['api/Dockerfile', 'data/services/api/Dockerfile'],
    head: () => ['FROM node:20-alpine AS build', 'WORKDIR /app', 'COPY package*.json ./'],
    foot: () => ['RUN npm ci && npm run build', 'CMD ["node", "dist/main.js"]'],
    accepts: singleLineOnly,
    render: (it, v, r) => [`${r.pick(['ENV', 'ARG'])} ${it.name.env}=${/[\s"]/.test(v) ? dq(v) : v}`],
  },
  {
    id: 'makefile', lang: 'make',
    paths: ['data/Makefile', 'infra/Makefile'],
    head: () => ['.PHONY: deploy', 'ENV ?= staging'],
    foot: () => ['', 'deploy:', '\t./scripts/deploy.sh $(ENV)'],
    accepts: (it) => singleLineOnly(it) && !it.value.includes('$'),
    render: (it, v) => [`${it.name.env} ?= ${v}`],
  },
  {
    id: 'shell-script', lang: 'shell',
    paths: ['infra/scripts/deploy.sh', 'data/scripts/bootstrap.sh'],
    head: () => ['#!/usr/bin/env bash', 'set -euo pipefail', ''],
    foot: () => ['', 'exec "$@"'],
    between: () => [],
    accepts: () => true,
    render: (it, v) => [`export ${it.name.env}='${v}'`],
  },
  {
    id: 'cli-flag', credential: true, lang: 'shell',
    paths: ['api/scripts/smoke.sh', 'mobile/scripts/upload-sourcemaps.sh'],
    head: () => ['#!/bin/sh', 'set -e'],
    accepts: tokenish,
    render: (it, v) => [`npx @tidewell/${svc(it.name).kebab}-sync --api-key=${v} --env production`],
  },
  {
    id: 'bash-history', lang: 'shell',
    paths: ['infra/ops/.bash_history'],
    accepts: singleLineOnly,
    render: (it, v, r) => r.pick([
      [`export ${it.name.env}=${v}`],
      [`heroku config:set ${it.name.env}=${v} -a tidewell-api`],
      [`gh secret set ${it.name.env} --body '${v}'`],
    ]),
  },
  {
    id: 'zsh-history', lang: 'shell',
    paths: ['api/.zsh_history'],
    accepts: singleLineOnly,
    render: (it, v, r) => [`: ${1712000000 + r.int(0, 9e6)}:0;${r.pick([`vercel env add ${it.name.env} production <<< '${v}'`, `curl -H "X-Api-Key: ${v}" https://api.${svc(it.name).kebab}.com/v1/me  # ${it.name.env}`, `fly secrets set ${it.name.env}=${v}`])}`],
  },
  {
    id: 'powershell', lang: 'ps1',
    paths: ['api/scripts/dev-setup.ps1'],
    head: () => ['$ErrorActionPreference = "Stop"'],
    accepts: singleLineOnly,
    render: (it, v) => [`$env:${it.name.env} = ${it.expr ? v : `'${v}'`}`],
  },
  // ---------- docs ----------
  {
    id: 'readme-codeblock', lang: 'md', multiline: true,
    paths: ['api/README.md', 'data/README.md', 'mobile/README.md'],
    head: () => ['# Tidewell', '', '## Running locally', '', '```bash'],
    foot: () => ['npm run dev', '```'],
    accepts: notBlob,
    render: (it, v) => hasNl(v) ? [`cat > key.pem <<'EOF'`, ...v.split('\n'), 'EOF', `export ${it.name.env}="$(cat key.pem)"`] : [`export ${it.name.env}=${v}`],
  },
  {
    id: 'md-inline', lang: 'md',
    paths: ['docs/onboarding.md', 'web/docs/integrations.md'],
    head: () => ['# Onboarding', '', 'Ask #platform for production access.', ''],
    between: () => [''],
    accepts: singleLineOnly,
    render: (it, v) => [`For staging, set \`${it.name.env}\` to \`${v}\` (the shared team credential).`],
  },
  {
    id: 'md-table', lang: 'md',
    paths: ['docs/runbooks/credentials.md'],
    head: () => ['# Credentials', '', '| name | value | notes |', '| --- | --- | --- |'],
    accepts: singleLineOnly,
    render: (it, v) => [`| ${it.name.env} | ${v} | rotated 2024-03 |`],
  },
  {
    id: 'notes-txt', lang: 'text',
    paths: ['docs/notes/partner-call-2024-04.txt', 'mobile/docs/release-notes.txt'],
    head: () => ['Partner call notes', '------------------'],
    between: () => [''],
    accepts: singleLineOnly,
    render: (it, v) => [`${svc(it.name).title} ${it.name.env.toLowerCase().includes('password') ? 'password' : 'key'} (${it.name.env}): ${v}`],
  },
  {
    id: 'http-file', credential: true, lang: 'http',
    paths: ['api/requests/partners.http'],
    between: () => [''],
    accepts: tokenish,
    render: (it, v) => [`### ${svc(it.name).title}`, `GET https://api.${svc(it.name).kebab}.com/v1/me`, `${headerOf(it.name)}: ${v}`],
  },
  // ---------- data exports, logs, SQL ----------
  {
    id: 'csv-export', lang: 'csv',
    paths: ['data/exports/integrations_2024-05.csv', 'api/exports/tenant_settings.csv'],
    head: () => ['service,key_name,value,updated_at'],
    accepts: singleLineOnly,
    render: (it, v) => [`${svc(it.name).kebab},${it.name.env},${/[,"]/.test(v) ? dq(v) : v},2024-05-01`],
  },
  {
    id: 'sql-seed', lang: 'sql',
    paths: ['api/prisma/seed.sql', 'data/migrations/0042_seed_integrations.sql'],
    head: () => ['-- seed data for the integrations table', 'BEGIN;'],
    foot: () => ['COMMIT;'],
    accepts: singleLineOnly,
    render: (it, v) => [`INSERT INTO integration_credentials (service, key_name, secret) VALUES ('${svc(it.name).kebab}', '${it.name.env}', '${v}');`],
  },
  {
    id: 'log-text', lang: 'text',
    paths: ['data/logs/worker-2024-05-02.log', 'api/logs/error.log'],
    head: () => ['2024-05-02T08:00:00Z INFO worker starting pid=4121'],
    between: (r) => [`${ts(r.int(0, 99))} INFO processed batch size=${r.int(10, 500)}`],
    accepts: singleLineOnly,
    render: (it, v, r) => [`${ts(r.int(0, 99))} DEBUG loaded config ${it.name.env}=${v}`],
  },
  {
    id: 'log-json', lang: 'json',
    paths: ['api/logs/app.jsonl', 'web/logs/server.jsonl'],
    head: () => ['{"level":"info","time":1714636800000,"msg":"server listening","port":3000}'],
    accepts: singleLineOnly,
    render: (it, v, r) => [`{"level":"debug","time":${1714636800000 + r.int(0, 9e7)},"msg":"outbound request","service":"${svc(it.name).kebab}","${it.name.camel}":${jsonStr(v)}}`],
  },
];
