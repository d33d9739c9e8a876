// Placements: where a value ends up in Kestrel Freight's repositories, and the file around it.
// Each placement owns its file(s); a planted value (secret or negative) is rendered as a block of lines and the
// file is assembled from its blocks, so the scorer knows each value's line by searching for it afterwards.

import type { Names, Rng } from './rng';
import type { Shape } from './providers';

export interface Val {
  value: string;
  n: Names;
  host: string;
  shape: Shape;
  /** Display name of the provider, or the secret's purpose ('database', 'session'...). */
  label: string;
}

export interface Placement {
  id: string;
  family: string;
  fileType: string;
  path: string | ((v: Val) => string);
  render: (v: Val, r: Rng) => string[];
  /** How blocks sit in the file. */
  file: FileSpec;
  accepts?: Shape[];
  /** A PEM value: written as a block of lines, escaped as `\n` in one string, or not at all (default). */
  pem?: 'block' | 'escaped';
  /** The name sits this many lines above the value; a finding there counts. */
  nameLineBefore?: number;
  /** The strings that show where the value is, when the file holds it transformed (split, encoded). */
  probes?: (value: string) => string[];
  /** The syntax alone says the value is a credential (a bearer header, a positional token): only stand-ins
   *  (placeholders, redactions) are planted here as negatives, never an id or a hash that would then be a secret. */
  slot?: boolean;
  /** Only values whose spec names this placement go here. */
  reserved?: boolean;
  /** Which classes of value fit (default all). */
  classes?: ('provider' | 'generic' | 'negative')[];
}

export type FileSpec =
  | { head: string[]; foot?: string[]; join?: 'blank' | 'none' | 'comma' }
  /** Builds the file; `at[b][i]` is the output line of block b's line i. */
  | ((blocks: string[][]) => { lines: string[]; at: number[][] });

const DEFAULT_ACCEPTS: Shape[] = ['token', 'url', 'password', 'connstr'];
export const acceptsShape = (p: Placement, shape: Shape): boolean =>
  shape === 'pem' ? p.pem !== undefined : (p.accepts ?? DEFAULT_ACCEPTS).includes(shape);

const indent = (text: string, pad: string): string[] => text.split('\n').map((l) => pad + l);
const isPem = (v: Val): boolean => v.value.includes('\n');
const split2 = (s: string): [string, string] => {
  const k = Math.floor(s.length / 2);
  return [s.slice(0, k), s.slice(k)];
};

export const PLACEMENTS: Placement[] = [
  // ---------------------------------------------------------------- TypeScript / JavaScript services
  {
    id: 'ts-export-const', family: 'ts', fileType: 'ts', path: 'rates-api/src/config/keys.ts',
    file: { head: ['// Keys for the partner integrations. TODO(rates-team): move to SSM before the Q3 audit.', ''] },
    render: (v) => [`export const ${v.n.upper} = "${v.value}";`],
  },
  {
    id: 'ts-object-nested', family: 'ts', fileType: 'ts', path: 'rates-api/src/config/index.ts',
    file: {
      head: ["import { z } from 'zod';", '', 'export const config = {', "  port: Number(process.env.PORT ?? 8080),", "  region: 'eu-west-1',"],
      foot: ['} as const;', '', 'export type AppConfig = typeof config;'], join: 'none',
    },
    render: (v) => [`  ${v.n.group}: {`, `    ${v.n.fieldCamel}: '${v.value}',`, '  },'],
  },
  {
    id: 'ts-class-field', family: 'ts', fileType: 'ts', path: 'rates-api/src/clients/partnerClients.ts',
    file: { head: ["import axios, { AxiosInstance } from 'axios';", ''] },
    render: (v) => [
      `export class ${v.n.pascal.replace(/(Key|Token|Secret|Url|Pat|Password)$/, '')}Client {`,
      `  private readonly ${v.n.camel} = '${v.value}';`,
      '  private readonly http: AxiosInstance;',
      '',
      '  constructor() {',
      `    this.http = axios.create({ baseURL: 'https://${v.host}', timeout: 8000 });`,
      '  }',
      '}',
    ],
  },
  {
    id: 'ts-positional-arg', slot: true, family: 'ts', fileType: 'ts', path: 'rates-api/src/clients/factory.ts',
    file: { head: ["import { createHttpClient } from '../lib/http';", ''] },
    render: (v) => [`export const ${v.n.group}Client = createHttpClient('https://${v.host}', '${v.value}');`],
  },
  {
    id: 'ts-fetch-bearer', slot: true, family: 'ts', fileType: 'ts', path: 'label-bun/src/carriers.ts',
    file: { head: ['// Bun service that buys labels from the carriers and stores the PDFs in the bucket.', ''] },
    render: (v) => [
      `export async function get${v.n.pascal.replace(/(Key|Token|Secret|Url|Pat|Password)$/, '')}Status(id: string) {`,
      `  const res = await fetch(\`https://${v.host}/v1/shipments/\${id}\`, {`,
      `    headers: { Authorization: \`Bearer ${v.value}\`, Accept: 'application/json' },`,
      '  });',
      '  if (!res.ok) throw new Error(`status ${res.status}`);',
      '  return res.json();',
      '}',
    ],
  },
  {
    id: 'ts-query-param', slot: true, family: 'ts', fileType: 'ts', path: 'dispatch-web/src/services/geo.ts',
    file: { head: ["import { http } from './http';", ''] },
    render: (v) => [
      `export const ${v.n.group}Url = (q: string) =>`,
      `  \`https://${v.host}/v1/search?q=\${encodeURIComponent(q)}&key=${v.value}\`;`,
    ],
  },
  {
    id: 'ts-string-concat', family: 'ts', probes: (value) => split2(value), classes: ['provider', 'generic'], fileType: 'ts', path: 'rates-api/src/legacy/creds.ts',
    file: { head: ['// Split so the old scanner in the CI would not flag it. (Yes, really. See INC-2291.)', ''] },
    accepts: ['token', 'url', 'connstr'],
    render: (v) => {
      const [a, b] = split2(v.value);
      return [`export const ${v.n.camel} =`, `  "${a}" +`, `  "${b}";`];
    },
  },
  {
    id: 'ts-env-fallback', family: 'ts', fileType: 'ts', path: 'rates-api/src/env.ts',
    file: { head: ["import 'dotenv/config';", ''] },
    render: (v, r) => [`export const ${v.n.upper} = process.env.${v.n.upper} ${r.pick(['??', '||'])} "${v.value}";`],
  },
  {
    id: 'ts-far-apart', slot: true, family: 'ts', fileType: 'ts', path: (v) => `rates-api/src/integrations/${v.n.group}.ts`,
    file: { head: [] },
    render: (v) => [
      "import { logger } from '../lib/logger';",
      '',
      `const KEY = '${v.value}';`,
      '',
      'type Payload = Record<string, unknown>;',
      '',
      'function backoff(attempt: number): number {',
      '  return Math.min(30_000, 2 ** attempt * 250);',
      '}',
      '',
      'export async function send(path: string, body: Payload, attempt = 0): Promise<unknown> {',
      `  const res = await fetch(\`https://${v.host}\${path}\`, {`,
      "    method: 'POST',",
      "    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },",
      '    body: JSON.stringify(body),',
      '  });',
      '  if (res.status === 429 && attempt < 5) {',
      '    await new Promise((r) => setTimeout(r, backoff(attempt)));',
      '    return send(path, body, attempt + 1);',
      '  }',
      `  logger.debug({ status: res.status }, '${v.label} call');`,
      '  return res.json();',
      '}',
    ],
  },
  {
    id: 'ts-test-fixture', family: 'ts', fileType: 'ts', path: 'rates-api/test/fixtures/carrier_blob_v2.ts',
    file: { head: ['// Captured from staging on 2026-01-19 to reproduce RATES-812.', 'export const blob = {', "  carrier: 'dhl-freight',"], foot: ['};'], join: 'none' },
    render: (v) => [`  ${v.n.camel}: "${v.value}",`],
  },
  {
    id: 'jest-snapshot', family: 'ts', fileType: 'snap', path: 'rates-api/src/clients/__snapshots__/partnerClients.test.ts.snap',
    file: { head: ['// Jest Snapshot v1, https://goo.gl/fbAQLP', ''] },
    render: (v, r) => [
      `exports[\`${v.n.group} client builds the request ${r.int(1, 3)}\`] = \``,
      'Object {',
      '  "headers": Object {',
      `    "${v.n.fieldKebab}": "${v.value}",`,
      '    "user-agent": "kestrel-rates/4.2.0",',
      '  },',
      `  "url": "https://${v.host}/v1/quotes",`,
      '}',
      '`;',
    ],
  },
  {
    id: 'js-commonjs', family: 'ts', fileType: 'js', path: 'scripts/seed-carriers.js',
    file: { head: ["'use strict';", '// node scripts/seed-carriers.js  -- seeds the staging carriers table', 'module.exports = {'], foot: ['};'], join: 'none' },
    render: (v) => [`  ${v.n.camel}: '${v.value}',`],
  },
  {
    id: 'js-commented-out', family: 'ts', fileType: 'mjs', path: 'rates-api/scripts/replay-webhooks.mjs',
    file: { head: ["import { readFile } from 'node:fs/promises';", ''] },
    render: (v) => [`// const ${v.n.camel} = '${v.value}'; // old one, keep until the migration is done`, `const ${v.n.camel} = process.env.${v.n.upper};`],
  },
  {
    id: 'vue-sfc', family: 'ts', fileType: 'vue', path: 'dispatch-web/src/components/RouteMap.vue',
    file: {
      head: ['<script setup lang="ts">', "import { onMounted, ref } from 'vue';", ''],
      foot: ['', 'const map = ref<HTMLDivElement>();', 'onMounted(() => { /* init map */ });', '</script>', '', '<template>', '  <div ref="map" class="route-map" />', '</template>'],
    },
    render: (v) => [`const ${v.n.camel} = '${v.value}';`],
  },
  {
    id: 'svelte', family: 'ts', fileType: 'svelte', path: 'carrier-portal/src/routes/settings/+page.svelte',
    file: { head: ['<script>', "  import { onMount } from 'svelte';", ''], foot: ['</script>', '', '<h1>Integrations</h1>'] },
    render: (v) => [`  let ${v.n.camel} = "${v.value}";`],
  },
  {
    id: 'electron-main', family: 'ts', fileType: 'js', path: 'yard-desktop/main.js',
    file: { head: ["const { app, BrowserWindow } = require('electron');", ''], foot: ['', 'app.whenReady().then(() => new BrowserWindow({ width: 1280, height: 800 }));'] },
    render: (v) => [`process.env.${v.n.upper} = process.env.${v.n.upper} || '${v.value}';`],
  },
  {
    id: 'electron-store', family: 'ts', fileType: 'ts', path: 'yard-desktop/src/preload/defaults.ts',
    file: { head: ["import Store from 'electron-store';", '', 'export const store = new Store({', '  defaults: {'], foot: ['  },', '});'], join: 'none' },
    render: (v) => [`    '${v.n.kebab}': '${v.value}',`],
  },
  {
    id: 'deno-env', family: 'ts', fileType: 'ts', path: 'geo-deno/main.ts',
    file: { head: ['import { serve } from "https://deno.land/std@0.224.0/http/server.ts";', ''], foot: ['', 'serve(() => new Response("ok"), { port: 8787 });'] },
    render: (v) => [`const ${v.n.camel} = Deno.env.get("${v.n.upper}") ?? "${v.value}";`],
  },
  {
    id: 'ts-multiline-template', family: 'ts', fileType: 'ts', path: 'rates-api/src/lib/signing.ts',
    file: { head: ["import { createSign } from 'node:crypto';", ''] },
    pem: 'block', accepts: ['token'],
    render: (v) => isPem(v)
      ? [`const ${v.n.upper} = \``, ...v.value.split('\n'), '`;']
      : [`const ${v.n.upper} = \`${v.value}\`;`],
  },
  {
    id: 'jest-setup', family: 'ts', fileType: 'ts', path: 'rates-api/jest.setup.ts',
    file: { head: ["import '@testing-library/jest-dom';", ''] },
    render: (v) => [`process.env.${v.n.upper} = '${v.value}';`],
  },
  {
    id: 'html-inline-config', family: 'html', fileType: 'html', path: 'dispatch-web/index.html',
    file: {
      head: ['<!doctype html>', '<html lang="en">', '  <head>', '    <meta charset="UTF-8" />', '    <title>Kestrel Dispatch</title>', '    <script>', '      window.__KESTREL__ = {'],
      foot: ['      };', '    </script>', '  </head>', '  <body><div id="app"></div><script type="module" src="/src/main.ts"></script></body>', '</html>'], join: 'none',
    },
    render: (v) => [`        ${v.n.camel}: "${v.value}",`],
  },
  {
    id: 'firebase-admin-ts', reserved: true, family: 'ts', fileType: 'ts', path: 'functions/vercel/api/notify.ts',
    file: { head: ["import { cert, initializeApp } from 'firebase-admin/app';", ''] },
    pem: 'escaped', accepts: [],
    render: (v) => [
      'initializeApp({',
      '  credential: cert({',
      "    projectId: 'kestrel-driver-app',",
      "    clientEmail: 'firebase-adminsdk-q7f2k@kestrel-driver-app.iam.gserviceaccount.com',",
      `    privateKey: "${v.value}",`,
      '  }),',
      '});',
    ],
  },
  {
    id: 'firebase-web-config', reserved: true, family: 'ts', fileType: 'ts', path: 'dispatch-web/src/firebase.ts',
    file: { head: ["import { initializeApp } from 'firebase/app';", ''] },
    render: (v) => [
      'export const app = initializeApp({',
      `  apiKey: "${v.value}",`,
      '  authDomain: "kestrel-dispatch.firebaseapp.com",',
      '  projectId: "kestrel-dispatch",',
      '  appId: "1:804112938177:web:5a2c0f4b1e9d7c3a",',
      '});',
    ],
  },

  // ---------------------------------------------------------------- Serverless
  {
    id: 'wrangler-vars', family: 'toml', fileType: 'toml', path: 'tracking-edge/wrangler.toml',
    file: { head: ['name = "tracking-edge"', 'main = "src/index.ts"', 'compatibility_date = "2025-09-01"', '', '[vars]'], join: 'none' },
    render: (v) => [`${v.n.upper} = "${v.value}"`],
  },
  {
    id: 'vite-env', family: 'env', fileType: 'env', path: 'dispatch-web/.env.production',
    file: { head: ['# Vite exposes VITE_* to the browser bundle', 'VITE_API_BASE=https://dispatch.kestrelfreight.com/api'], join: 'none' },
    render: (v) => [`${v.n.upper.startsWith('VITE_') ? '' : 'VITE_'}${v.n.upper}=${v.value}`],
  },
  {
    id: 'dev-vars', family: 'env', fileType: 'dev.vars', path: 'tracking-edge/.dev.vars',
    file: { head: ['# wrangler dev reads this file'], join: 'none' },
    render: (v) => [`${v.n.upper}="${v.value}"`],
  },
  {
    id: 'serverless-yml', family: 'yaml', fileType: 'yml', path: 'functions/aws/serverless.yml',
    file: {
      head: ['service: kestrel-pod-ingest', 'frameworkVersion: "3"', 'provider:', '  name: aws', '  runtime: nodejs20.x', '  region: eu-west-1', '  environment:'],
      foot: ['functions:', '  ingest:', '    handler: src/handler.ingest', '    events:', '      - sqs: arn:aws:sqs:eu-west-1:000000000000:pod-events'], join: 'none',
    },
    render: (v) => [`    ${v.n.upper}: ${v.value}`],
  },
  {
    id: 'sam-template', family: 'yaml', fileType: 'yaml', path: 'functions/aws/template.yaml',
    file: {
      head: ["AWSTemplateFormatVersion: '2010-09-09'", 'Transform: AWS::Serverless-2016-10-31', 'Globals:', '  Function:', '    Timeout: 30', '    Environment:', '      Variables:'],
      foot: ['Resources:', '  PodResizeFunction:', '    Type: AWS::Serverless::Function', '    Properties:', '      Handler: app.handler', '      Runtime: python3.12'], join: 'none',
    },
    render: (v) => [`        ${v.n.upper}: "${v.value}"`],
  },
  {
    id: 'vercel-json', family: 'json', fileType: 'json', path: 'functions/vercel/vercel.json',
    file: { head: ['{', '  "framework": null,', '  "env": {'], foot: ['  }', '}'], join: 'comma' },
    pem: 'escaped',
    render: (v) => [`    "${v.n.upper}": "${v.value}"`],
  },
  {
    id: 'lambda-python', family: 'py', fileType: 'py', path: 'functions/aws/src/pod_resize/app.py',
    file: { head: ['import json', 'import boto3', '', 's3 = boto3.client("s3")', ''], foot: ['', 'def handler(event, context):', '    return {"statusCode": 200, "body": json.dumps({"ok": True})}'] },
    render: (v) => [`${v.n.upper} = "${v.value}"`],
  },

  // ---------------------------------------------------------------- Python: Django monolith, data platform
  {
    id: 'django-settings', family: 'py', fileType: 'py', path: 'core/kestrel/settings/production.py',
    file: { head: ['from .base import *  # noqa', '', 'DEBUG = False', 'ALLOWED_HOSTS = ["core.kestrelfreight.com"]', ''] },
    pem: 'block',
    render: (v) => isPem(v) ? [`${v.n.upper} = """${v.value}"""`] : [`${v.n.upper} = "${v.value}"`],
  },
  {
    id: 'django-settings-dict', family: 'py', fileType: 'py', path: 'core/kestrel/settings/integrations.py',
    file: { head: ['# Third-party integrations used by the core monolith.', ''] },
    render: (v) => [`${v.n.group.toUpperCase()} = {`, `    "${v.n.fieldSnake.toUpperCase()}": "${v.value}",`, '    "TIMEOUT": 10,', '}'],
  },
  {
    id: 'py-environ-default', family: 'py', fileType: 'py', path: 'core/kestrel/conf.py',
    file: { head: ['import os', ''] },
    render: (v, r) => r.chance(0.5)
      ? [`${v.n.upper} = os.environ.get("${v.n.upper}", "${v.value}")`]
      : [`${v.n.upper} = os.getenv("${v.n.upper}", default="${v.value}")`],
  },
  {
    id: 'py-setdefault', family: 'py', fileType: 'py', path: 'core/manage_local.py',
    file: { head: ['#!/usr/bin/env python', 'import os', 'import sys', ''], foot: ['', 'if __name__ == "__main__":', '    from django.core.management import execute_from_command_line', '    execute_from_command_line(sys.argv)'] },
    render: (v) => [`os.environ.setdefault("${v.n.upper}", "${v.value}")`],
  },
  {
    id: 'py-kwarg', family: 'py', fileType: 'py', path: 'core/kestrel/integrations/clients.py',
    file: { head: ['from kestrel.integrations.http import ApiClient', ''] },
    render: (v) => [`${v.n.group}_client = ApiClient(base_url="https://${v.host}", ${v.n.fieldSnake}="${v.value}", timeout=10)`],
  },
  {
    id: 'py-requests-header', slot: true, family: 'py', fileType: 'py', path: 'data/scripts/pull_carrier_events.py',
    file: { head: ['import requests', 'import pandas as pd', ''] },
    render: (v) => [
      `def fetch_${v.n.group}(since: str) -> pd.DataFrame:`,
      `    resp = requests.get(`,
      `        "https://${v.host}/v1/events",`,
      `        params={"since": since},`,
      `        headers={"Authorization": "Bearer ${v.value}"},`,
      '        timeout=30,',
      '    )',
      '    resp.raise_for_status()',
      '    return pd.DataFrame(resp.json()["data"])',
    ],
  },
  {
    id: 'py-far-apart', slot: true, family: 'py', fileType: 'py', path: (v) => `data/jobs/${v.n.group}_sync.py`,
    file: { head: [] },
    render: (v) => [
      '"""Nightly sync; run by the Prefect deployment in data/orchestration."""',
      'import logging',
      'import time',
      '',
      'import httpx',
      '',
      `TOKEN = "${v.value}"`,
      'log = logging.getLogger(__name__)',
      '',
      '',
      'def _retry(fn, attempts=5):',
      '    for i in range(attempts):',
      '        try:',
      '            return fn()',
      '        except httpx.HTTPError:',
      '            time.sleep(2 ** i)',
      '    raise RuntimeError("gave up")',
      '',
      '',
      'def run():',
      `    with httpx.Client(base_url="https://${v.host}", headers={"Authorization": f"Bearer {TOKEN}"}) as c:`,
      '        data = _retry(lambda: c.get("/v1/export").json())',
      `    log.info("${v.label}: %d rows", len(data))`,
    ],
  },
  {
    id: 'airflow-dag', family: 'py', fileType: 'py', path: 'data/airflow/dags/carrier_sync.py',
    file: { head: ['from datetime import datetime', 'from airflow import DAG', 'from airflow.providers.http.operators.http import HttpOperator', '', 'with DAG("carrier_sync", start_date=datetime(2025, 1, 1), schedule="@hourly", catchup=False) as dag:'] },
    render: (v) => [
      `    pull_${v.n.group} = HttpOperator(`,
      `        task_id="pull_${v.n.group}",`,
      `        http_conn_id="${v.n.group}_default",`,
      '        endpoint="v1/export",',
      `        headers={"${v.n.fieldKebab}": "${v.value}"},`,
      '    )',
    ],
  },
  {
    id: 'databricks-notebook', family: 'py', fileType: 'py', path: 'data/databricks/ingest_telematics.py',
    file: { head: ['# Databricks notebook source', '# MAGIC %md', '# MAGIC ## Telematics ingest (bronze)', '', '# COMMAND ----------', ''] },
    render: (v) => [`${v.n.snake} = "${v.value}"  # TODO: dbutils.secrets.get("kestrel", "${v.n.kebab}")`, '', '# COMMAND ----------'],
  },
  {
    id: 'spark-conf', family: 'py', fileType: 'py', path: 'data/spark/jobs/eta_features.py',
    file: { head: ['from pyspark.sql import SparkSession', '', 'spark = (', '    SparkSession.builder.appName("eta-features")'], foot: ['    .getOrCreate()', ')'], join: 'none' },
    render: (v) => [`    .config("spark.kestrel.${v.n.group}.${v.n.fieldCamel}", "${v.value}")`],
  },
  {
    id: 'ipynb-cell', family: 'py', fileType: 'ipynb', path: 'data/notebooks/eta_model_exploration.ipynb',
    file: (blocks) => notebook(blocks.map((b) => ({ source: b }))),
    render: (v) => [`${v.n.snake} = "${v.value}"`, `client = make_client(${v.n.snake})`],
  },
  {
    id: 'ipynb-output', family: 'py', fileType: 'ipynb', path: 'data/notebooks/debug_env.ipynb',
    file: (blocks) => notebook(blocks.map((b) => ({ source: ['import os', 'os.environ'], output: b }))),
    render: (v) => [`environ({'HOME': '/home/jovyan', '${v.n.upper}': '${v.value}', 'LANG': 'C.UTF-8'})`],
  },
  {
    id: 'pytest-conftest', family: 'py', fileType: 'py', path: 'core/tests/conftest.py',
    file: { head: ['import pytest', ''] },
    render: (v) => ['@pytest.fixture', `def ${v.n.snake}():`, `    return "${v.value}"`, ''],
  },
  {
    id: 'dagster-resource', family: 'py', fileType: 'py', path: 'data/orchestration/definitions.py',
    file: { head: ['from dagster import Definitions', 'from kestrel_data.resources import ApiResource', '', 'defs = Definitions(', '    resources={'], foot: ['    },', ')'], join: 'none' },
    render: (v) => [`        "${v.n.group}": ApiResource(${v.n.fieldSnake}="${v.value}"),`],
  },
  {
    id: 'py-triple-quoted', family: 'py', fileType: 'py', path: 'data/orchestration/flows/config_template.py',
    file: { head: ['# Rendered into /etc/kestrel/etl.ini by the Prefect worker image.', ''] },
    pem: 'block',
    render: (v) => isPem(v)
      ? [`${v.n.upper} = """`, ...v.value.split('\n'), '"""']
      : [`${v.n.upper}_INI = """`, `[${v.n.group}]`, `${v.n.fieldSnake} = ${v.value}`, '"""'],
  },
  {
    id: 'fastapi-depends', slot: true, family: 'py', fileType: 'py', path: 'core/kestrel_api/deps.py',
    file: { head: ['from fastapi import Header, HTTPException', ''] },
    render: (v) => [
      `async def require_${v.n.snake}(x_api_key: str = Header(...)):`,
      `    if x_api_key != "${v.value}":`,
      '        raise HTTPException(status_code=401)',
      '',
    ],
  },
  {
    id: 'py-comment', family: 'py', fileType: 'py', path: 'core/kestrel/integrations/legacy.py',
    file: { head: ['from django.conf import settings', ''] },
    render: (v) => [`# ${v.n.upper} = "${v.value}"  # pre-rotation, remove after 2026-03`, `${v.n.upper} = settings.${v.n.upper}`],
  },
  {
    id: 'gcp-service-account-json', reserved: true, family: 'json', fileType: 'json', path: 'infra/gcp/kestrel-etl-sa.json',
    file: { head: [] },
    pem: 'escaped', accepts: [],
    render: (v) => [
      '{',
      '  "type": "service_account",',
      '  "project_id": "kestrel-etl",',
      '  "private_key_id": "3f8e1c0d2b7a4e6f9c5d1a0b8e7f6c5d4a3b2c1d",',
      `  "private_key": "${v.value}\\n",`,
      '  "client_email": "etl-loader@kestrel-etl.iam.gserviceaccount.com",',
      '  "client_id": "108234761290034512876",',
      '  "token_uri": "https://oauth2.googleapis.com/token"',
      '}',
    ],
  },

  // ---------------------------------------------------------------- dotenv and config formats
  {
    id: 'dotenv-plain', family: 'env', fileType: 'env', path: 'rates-api/.env.production',
    file: { head: ['NODE_ENV=production', 'PORT=8080'], join: 'none' },
    render: (v) => [`${v.n.upper}=${v.value}`],
  },
  {
    id: 'dotenv-quoted', family: 'env', fileType: 'env', path: 'core/.env.staging',
    file: { head: ['# staging -- shared with QA, do not commit real prod values here', 'DJANGO_SETTINGS_MODULE=kestrel.settings.staging'], join: 'none' },
    pem: 'block',
    render: (v) => [`${v.n.upper}="${v.value}"`],
  },
  {
    id: 'dotenv-export', family: 'shell', fileType: 'sh', path: 'ops/env/prod.env.sh',
    file: { head: ['#!/usr/bin/env bash', '# source ops/env/prod.env.sh before running the backfill scripts'], join: 'none' },
    render: (v) => [`export ${v.n.upper}='${v.value}'`],
  },
  {
    id: 'laravel-env', family: 'env', fileType: 'env', path: 'legacy-php/.env',
    file: { head: ['APP_NAME="Kestrel Invoicing"', 'APP_ENV=production', 'APP_DEBUG=false'], join: 'none' },
    render: (v) => [`${v.n.upper}=${v.value}`],
  },
  {
    id: 'spring-yaml', family: 'yaml', fileType: 'yml', path: 'billing-kt/src/main/resources/application-prod.yml',
    file: { head: ['spring:', '  application:', '    name: billing', 'kestrel:', '  integrations:'], join: 'none' },
    render: (v) => [`    ${v.n.group}:`, `      ${v.n.fieldKebab}: ${v.value}`],
  },
  {
    id: 'spring-properties', family: 'props', fileType: 'properties', path: 'billing-kt/src/main/resources/application.properties',
    file: { head: ['server.port=8081', 'management.endpoints.web.exposure.include=health,info'], join: 'none' },
    render: (v) => [`kestrel.${v.n.group}.${v.n.fieldKebab}=${v.value}`],
  },
  {
    id: 'kotlin-const', family: 'kt', fileType: 'kt', path: 'billing-kt/src/main/kotlin/com/kestrel/billing/Keys.kt',
    file: { head: ['package com.kestrel.billing', '', 'object Keys {'], foot: ['}'], join: 'none' },
    render: (v) => [`    const val ${v.n.upper} = "${v.value}"`],
  },
  {
    id: 'gradle-kts', family: 'kt', fileType: 'kts', path: 'billing-kt/build.gradle.kts',
    file: { head: ['plugins {', '    id("org.springframework.boot") version "3.3.4"', '}', '', 'android {', '    defaultConfig {'], foot: ['    }', '}'], join: 'none' },
    render: (v) => [`        buildConfigField("String", "${v.n.upper}", "\\"${v.value}\\"")`],
  },
  {
    id: 'logback-xml', family: 'xml', fileType: 'xml', path: 'billing-kt/src/main/resources/logback-spring.xml',
    file: { head: ['<configuration>', '  <appender name="HTTP" class="com.kestrel.logging.HttpAppender">'], foot: ['  </appender>', '  <root level="INFO"><appender-ref ref="HTTP"/></root>', '</configuration>'], join: 'none' },
    render: (v) => [`    <${v.n.camel}>${v.value}</${v.n.camel}>`],
  },
  {
    id: 'json-config', family: 'json', fileType: 'json', path: 'yard-desktop/config/production.json',
    file: { head: ['{', '  "apiBase": "https://yard.kestrelfreight.com",'], foot: ['}'], join: 'comma' },
    pem: 'escaped',
    render: (v) => [`  "${v.n.camel}": "${v.value}"`],
  },
  {
    id: 'toml-config', family: 'toml', fileType: 'toml', path: 'geo-deno/config.toml',
    file: { head: ['[server]', 'port = 8787', ''] },
    render: (v) => [`[${v.n.group}]`, `${v.n.fieldSnake} = "${v.value}"`],
  },
  {
    id: 'ini-config', family: 'ini', fileType: 'ini', path: 'data/airbyte/connections.ini',
    file: { head: ['; exported from the Airbyte UI by hand, 2025-11', ''] },
    render: (v) => [`[${v.n.group}]`, `${v.n.fieldSnake} = ${v.value}`],
  },
  {
    id: 'php-services', family: 'php', fileType: 'php', path: 'legacy-php/config/services.php',
    file: { head: ['<?php', '', 'return ['], foot: ['];'], join: 'none' },
    render: (v) => [`    '${v.n.group}' => [`, `        '${v.n.fieldSnake}' => env('${v.n.upper}', '${v.value}'),`, '    ],'],
  },
  {
    id: 'rails-initializer', family: 'rb', fileType: 'rb', path: 'ops-rails/config/initializers/integrations.rb',
    file: { head: ['# frozen_string_literal: true', ''] },
    render: (v) => [`Rails.application.config.x.${v.n.group}.${v.n.fieldSnake} = "${v.value}"`],
  },
  {
    id: 'rails-database-yml', family: 'yaml', fileType: 'yml', path: 'ops-rails/config/database.yml',
    file: { head: ['default: &default', '  adapter: postgresql', '  pool: 5', '', 'production:', '  <<: *default'], join: 'none' },
    accepts: ['password', 'connstr'], classes: ['generic', 'negative'],
    render: (v) => [`  ${v.n.snake}: ${v.value}`],
  },
  {
    id: 'dbt-profiles', family: 'yaml', fileType: 'yml', path: 'data/dbt/profiles.yml',
    file: { head: ['kestrel_warehouse:', '  target: prod', '  outputs:'], join: 'none' },
    accepts: ['password', 'token'], classes: ['generic', 'negative'],
    render: (v, r) => {
      const t = r.pick(['prod', 'ci', 'dev_ana', 'backfill']);
      return [`    ${t}:`, '      type: snowflake', '      account: kestrel-eu1', `      user: DBT_${t.toUpperCase()}`, `      ${v.n.fieldSnake === 'password' ? 'password' : v.n.snake}: "${v.value}"`, '      warehouse: TRANSFORMING', '      threads: 8'];
    },
  },
  {
    id: 'xml-app-config', family: 'xml', fileType: 'config', path: 'legacy-php/tools/Exporter/App.config',
    file: { head: ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <appSettings>'], foot: ['  </appSettings>', '</configuration>'], join: 'none' },
    render: (v) => [`    <add key="${v.n.pascal}" value="${v.value}" />`],
  },

  // ---------------------------------------------------------------- Infra
  {
    id: 'k8s-secret-stringdata', family: 'k8s', fileType: 'yaml', path: 'infra/k8s/base/rates-secrets.yaml',
    file: { head: ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: rates-api', 'type: Opaque', 'stringData:'], join: 'none' },
    pem: 'block',
    render: (v) => isPem(v) ? [`  ${v.n.kebab}: |`, ...indent(v.value, '    ')] : [`  ${v.n.upper}: "${v.value}"`],
  },
  {
    id: 'k8s-secret-data-b64', family: 'k8s', probes: (value) => [Buffer.from(value).toString('base64')], fileType: 'yaml', path: 'infra/k8s/base/dispatch-secrets.yaml',
    file: { head: ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: dispatch', 'data:'], join: 'none' },
    pem: 'block',
    render: (v) => [`  ${v.n.upper}: ${Buffer.from(v.value).toString('base64')}`],
  },
  {
    id: 'k8s-deployment-env', family: 'k8s', fileType: 'yaml', path: 'infra/k8s/base/tracking-deployment.yaml',
    file: {
      head: ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: tracking', 'spec:', '  template:', '    spec:', '      containers:', '        - name: tracking', '          image: ghcr.io/kestrel/tracking:1.14.2', '          env:'], join: 'none',
    },
    nameLineBefore: 1,
    render: (v) => [`            - name: ${v.n.upper}`, `              value: "${v.value}"`],
  },
  {
    id: 'kustomize-literals', family: 'k8s', fileType: 'yaml', path: 'infra/k8s/overlays/prod/kustomization.yaml',
    file: { head: ['resources:', '  - ../../base', 'secretGenerator:', '  - name: carrier-keys', '    literals:'], join: 'none' },
    render: (v) => [`      - ${v.n.upper}=${v.value}`],
  },
  {
    id: 'helm-values', family: 'yaml', fileType: 'yaml', path: 'infra/helm/dispatch/values-prod.yaml',
    file: { head: ['replicaCount: 3', 'image:', '  repository: ghcr.io/kestrel/dispatch', '  tag: "2.8.0"', ''] },
    pem: 'block',
    render: (v) => isPem(v) ? [`${v.n.camel}: |`, ...indent(v.value, '  ')] : [`${v.n.group}:`, `  ${v.n.fieldCamel}: "${v.value}"`],
  },
  {
    id: 'helm-template-secret', family: 'k8s', fileType: 'yaml', path: 'infra/helm/dispatch/templates/secret.yaml',
    file: { head: ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: {{ include "dispatch.fullname" . }}', 'stringData:'], join: 'none' },
    render: (v) => [`  ${v.n.upper}: ${v.value.startsWith('{{') ? v.value : `"${v.value}"`}`],
  },
  {
    id: 'yaml-commented', family: 'yaml', fileType: 'yaml', path: 'infra/helm/rates/values.yaml',
    file: { head: ['replicaCount: 2', 'env:'], join: 'none' },
    render: (v) => [`  # ${v.n.upper}: ${v.value}   # moved to ExternalSecret`, `  ${v.n.upper}: ""`],
  },
  {
    id: 'sealed-secret', reserved: true, family: 'k8s', fileType: 'yaml', path: 'infra/k8s/overlays/prod/sealed-secrets.yaml',
    file: { head: ['apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'metadata:', '  name: rates-api', 'spec:', '  encryptedData:'], join: 'none' },
    accepts: ['token'],
    render: (v) => [`    ${v.n.upper}: ${v.value}`],
  },
  {
    id: 'docker-compose', family: 'docker', fileType: 'yml', path: 'docker-compose.yml',
    file: { head: ['services:', '  rates:', '    build: ./rates-api', '    ports: ["8080:8080"]', '    environment:'], foot: ['  postgres:', '    image: postgres:16'], join: 'none' },
    render: (v, r) => r.chance(0.5) ? [`      - ${v.n.upper}=${v.value}`] : [`      ${v.n.upper}: "${v.value}"`],
  },
  {
    id: 'dockerfile-env', family: 'docker', fileType: 'Dockerfile', path: 'label-bun/Dockerfile',
    file: { head: ['FROM oven/bun:1.1-alpine', 'WORKDIR /app', 'COPY . .'], foot: ['RUN bun install --production', 'CMD ["bun", "src/index.ts"]'], join: 'none' },
    render: (v, r) => [`${r.pick(['ENV', 'ARG'])} ${v.n.upper}=${v.value}`],
  },
  {
    id: 'tfvars', family: 'hcl', fileType: 'tfvars', path: 'infra/terraform/envs/prod.tfvars',
    file: { head: ['region      = "eu-west-1"', 'environment = "prod"'], join: 'none' },
    render: (v) => [`${v.n.snake} = "${v.value}"`],
  },
  {
    id: 'terraform-provider', family: 'hcl', fileType: 'tf', path: 'infra/terraform/providers.tf',
    file: { head: ['terraform {', '  required_version = ">= 1.6"', '}', ''] },
    render: (v) => [`provider "${v.n.group}" {`, `  ${v.n.fieldSnake} = "${v.value}"`, '}'],
  },
  {
    id: 'ansible-group-vars', family: 'yaml', fileType: 'yml', path: 'infra/ansible/group_vars/warehouse.yml',
    file: { head: ['---', 'ntp_servers: [0.pool.ntp.org]', 'yard_agent_version: 3.2.1'], join: 'none' },
    render: (v) => [`${v.n.snake}: "${v.value}"`],
  },
  {
    id: 'ansible-j2', family: 'text', fileType: 'j2', path: 'infra/ansible/roles/yard-agent/templates/agent.conf.j2',
    file: { head: ['# {{ ansible_managed }}', 'listen = 0.0.0.0:9100', 'site = {{ site_code }}'], join: 'none' },
    render: (v) => [`${v.n.fieldSnake}_${v.n.group} = ${v.value}`],
  },
  {
    id: 'pulumi-config', family: 'yaml', fileType: 'yaml', path: 'infra/pulumi/Pulumi.prod.yaml',
    file: { head: ['config:', '  aws:region: eu-west-1'], join: 'none' },
    render: (v) => [`  kestrel-infra:${v.n.camel}: ${v.value}`],
  },
  {
    id: 'pulumi-secure', reserved: true, family: 'yaml', fileType: 'yaml', path: 'infra/pulumi/Pulumi.staging.yaml',
    file: { head: ['config:', '  aws:region: eu-west-1'], join: 'none' },
    accepts: ['token'],
    render: (v) => [`  kestrel-infra:${v.n.camel}:`, `    secure: ${v.value}`],
  },
  {
    id: 'pulumi-ts', family: 'ts', fileType: 'ts', path: 'infra/pulumi/index.ts',
    file: { head: ["import * as aws from '@pulumi/aws';", ''] },
    render: (v) => [`new aws.ssm.Parameter('${v.n.kebab}', { type: 'SecureString', value: '${v.value}' });`],
  },
  {
    id: 'cdk-ts', family: 'ts', fileType: 'ts', path: 'infra/cdk/lib/tracking-stack.ts',
    file: { head: ["import * as lambda from 'aws-cdk-lib/aws-lambda';", '', 'export function env() {', '  return {'], foot: ['  };', '}'], join: 'none' },
    render: (v) => [`    ${v.n.upper}: '${v.value}',`],
  },
  {
    id: 'nix', family: 'nix', fileType: 'nix', path: 'infra/nix/yard-host.nix',
    file: { head: ['{ config, pkgs, ... }:', '{', '  services.openssh.enable = true;'], foot: ['}'], join: 'none' },
    render: (v) => [`  environment.variables.${v.n.upper} = "${v.value}";`],
  },
  {
    id: 'bazel', family: 'bzl', fileType: 'bazel', path: 'geo-deno/BUILD.bazel',
    file: { head: ['load("@rules_deno//deno:defs.bzl", "deno_test")', '', 'deno_test(', '    name = "geo_test",', '    srcs = ["geo_test.ts"],', '    env = {'], foot: ['    },', ')'], join: 'none' },
    render: (v) => [`        "${v.n.upper}": "${v.value}",`],
  },
  {
    id: 'makefile', family: 'make', fileType: 'Makefile', path: 'Makefile',
    file: { head: ['SHELL := /bin/bash', '.PHONY: up seed'], foot: ['', 'seed:', '\tnode scripts/seed-carriers.js'], join: 'none' },
    render: (v, r) => [`${r.pick(['export ', ''])}${v.n.upper} ?= ${v.value}`],
  },
  {
    id: 'nginx-conf', slot: true, family: 'text', fileType: 'conf', path: 'infra/nginx/tracking.conf',
    file: { head: ['server {', '  listen 443 ssl;', '  server_name track.kestrelfreight.com;'], foot: ['}'] },
    render: (v) => [`  location /${v.n.group}/ {`, `    proxy_pass https://${v.host}/;`, `    proxy_set_header Authorization "Bearer ${v.value}";`, '  }'],
  },
  {
    id: 'systemd-unit', family: 'ini', fileType: 'service', path: 'infra/ansible/roles/yard-agent/files/yard-agent.service',
    file: { head: ['[Unit]', 'Description=Kestrel yard agent', '', '[Service]', 'ExecStart=/opt/yard-agent/bin/agent'], foot: ['Restart=always'], join: 'none' },
    render: (v) => [`Environment=${v.n.upper}=${v.value}`],
  },

  // ---------------------------------------------------------------- CI
  {
    id: 'gha-env', family: 'ci', fileType: 'yml', path: '.github/workflows/deploy.yml',
    file: { head: ['name: deploy', 'on:', '  push:', '    branches: [main]', 'env:'], foot: ['jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4'], join: 'none' },
    render: (v) => [`  ${v.n.upper}: ${v.value}`],
  },
  {
    id: 'gha-with', family: 'ci', fileType: 'yml', path: '.github/workflows/release.yml',
    file: { head: ['name: release', 'on: workflow_dispatch', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:'] },
    render: (v) => [`      - name: notify ${v.n.group}`, `        uses: kestrel/notify-action@v2`, '        with:', `          ${v.n.fieldKebab}: ${v.value}`],
  },
  {
    id: 'circleci', family: 'ci', fileType: 'yml', path: '.circleci/config.yml',
    file: { head: ['version: 2.1', 'jobs:', '  test:', '    docker:', '      - image: cimg/python:3.12', '    environment:'], foot: ['    steps: [checkout]'], join: 'none' },
    render: (v) => [`      ${v.n.upper}: ${v.value}`],
  },
  {
    id: 'bitbucket-pipelines', slot: true, family: 'ci', fileType: 'yml', path: 'bitbucket-pipelines.yml',
    file: { head: ['image: node:20', 'pipelines:', '  default:', '    - step:', '        name: smoke', '        script:'], join: 'none' },
    render: (v) => [`          - curl -fsS -H "Authorization: Bearer ${v.value}" https://${v.host}/v1/health`],
  },
  {
    id: 'azure-pipelines', family: 'ci', fileType: 'yml', path: 'azure-pipelines.yml',
    file: { head: ['trigger: [main]', 'pool:', '  vmImage: ubuntu-latest', 'variables:'], foot: ['steps:', '  - script: ./gradlew build'], join: 'none' },
    render: (v) => [`  ${v.n.camel}: '${v.value}'`],
  },
  {
    id: 'gitlab-ci', family: 'ci', fileType: 'yml', path: 'legacy-php/.gitlab-ci.yml',
    file: { head: ['stages: [test, deploy]', 'variables:'], foot: ['test:', '  script: [composer install, vendor/bin/phpunit]'], join: 'none' },
    render: (v) => [`  ${v.n.upper}: "${v.value}"`],
  },

  // ---------------------------------------------------------------- Docs, comments, command lines
  {
    id: 'md-troubleshooting', family: 'md', fileType: 'md', path: 'rates-api/README.md',
    file: { head: ['# rates-api', '', 'Quotes freight rates from the carriers.', '', '## Troubleshooting', ''] },
    render: (v) => [`If ${v.label} answers 401 locally, run with the shared staging key:`, '', '```sh', `${v.n.upper}=${v.value} npm run dev`, '```'],
  },
  {
    id: 'md-curl', slot: true, family: 'md', fileType: 'md', path: 'docs/runbooks/carrier-outage.md',
    file: { head: ['# Runbook: carrier API outage', '', 'Check the carrier directly before paging anyone:', ''] },
    render: (v) => ['```bash', `curl -s https://${v.host}/v1/status \\`, `  -H "Authorization: Bearer ${v.value}"`, '```'],
  },
  {
    id: 'md-table', family: 'md', fileType: 'md', path: 'docs/onboarding/accounts.md',
    file: { head: ['# Accounts for new engineers', '', '| Service | What | Value |', '|---|---|---|'], join: 'none' },
    render: (v) => [`| ${v.label} | ${v.n.upper} | \`${v.value}\` |`],
  },
  {
    id: 'md-pem-block', family: 'md', fileType: 'md', path: 'docs/adr/0007-signing-keys.md',
    file: { head: ['# ADR 7: signing keys for carrier webhooks', '', 'Status: accepted', ''] },
    pem: 'block', accepts: ['token'],
    render: (v) => [`The ${v.n.kebab.replace(/-/g, ' ')} we use in staging:`, '', '```', ...v.value.split('\n'), '```'],
  },
  {
    id: 'zsh-history', family: 'shell', fileType: 'zsh_history', path: 'ops/.zsh_history',
    file: { head: [': 1741600000:0;cd ~/src/kestrel'], join: 'none' },
    render: (v, r) => [`: ${1741600000 + r.int(100, 900000)}:0;export ${v.n.upper}=${v.value}`],
  },
  {
    id: 'shell-cli-arg', family: 'shell', fileType: 'sh', path: 'scripts/backfill-events.sh',
    file: { head: ['#!/usr/bin/env bash', 'set -euo pipefail', ''] },
    render: (v) => [`./bin/events-sync --${v.n.fieldKebab} "${v.value}" --provider ${v.n.group} --since 2025-12-01`],
  },
  {
    id: 'shell-positional', slot: true, family: 'shell', fileType: 'sh', path: 'scripts/rotate-webhooks.sh',
    file: { head: ['#!/bin/sh', '# usage: register-webhook <provider> <token> <url>', ''] },
    render: (v) => [`./bin/register-webhook ${v.n.group} ${v.value} https://hooks.kestrelfreight.com/${v.n.group}`],
  },
  {
    id: 'incident-notes', slot: true, family: 'text', fileType: 'txt', path: 'docs/incidents/2026-02-11-notes.txt',
    file: { head: ['INC-3317 timeline (raw notes, clean up before the postmortem)', ''] },
    render: (v, r) => [`${String(r.int(9, 17)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')} pasted the ${v.label} ${v.n.fieldKebab.replace(/-/g, ' ')} into the channel by mistake: ${v.value}`],
  },
  {
    id: 'openapi-example', family: 'yaml', fileType: 'yaml', path: 'api-collections/openapi/tracking.yaml',
    file: { head: ['openapi: 3.0.3', 'info:', '  title: Kestrel tracking', '  version: 1.4.0', 'components:', '  parameters:'], join: 'none' },
    render: (v) => [`    ${v.n.pascal}:`, '      in: header', `      name: X-${v.n.pascal}`, '      schema: { type: string }', `      example: ${v.value}`],
  },

  // ---------------------------------------------------------------- Data, logs, recordings, tests
  {
    id: 'app-log', slot: true, family: 'log', fileType: 'log', path: 'logs/rates-api-2026-03-14.log',
    file: { head: ['2026-03-14T10:21:59.004Z INFO  server listening on :8080'], join: 'none' },
    render: (v, r) => [`2026-03-14T10:${r.int(22, 59)}:${String(r.int(0, 59)).padStart(2, '0')}.${r.int(100, 999)}Z DEBUG outbound request host=${v.host} headers={"authorization":"Bearer ${v.value}"}`],
  },
  {
    id: 'config-dump-log', family: 'log', fileType: 'log', path: 'core/logs/celery-worker.log',
    file: { head: ['[2026-02-02 03:00:01,118: INFO/MainProcess] Connected to amqp://guest:**@rabbit:5672//'], join: 'none' },
    render: (v, r) => [`[2026-02-02 03:0${r.int(0, 9)}:${r.int(10, 59)},${r.int(100, 999)}: DEBUG/MainProcess] settings loaded: ${v.n.upper}=${v.value}`],
  },
  {
    id: 'csv-export', family: 'csv', fileType: 'csv', path: 'exports/integration_credentials_2025-12.csv',
    file: { head: ['tenant,provider,field,value,created_at'], join: 'none' },
    accepts: ['token', 'password', 'url'],
    render: (v, r) => [`kestrel-${r.pick(['uk', 'nl', 'de', 'pl'])},${v.n.group},${v.n.fieldSnake},${v.value},2025-12-${String(r.int(1, 28)).padStart(2, '0')}`],
  },
  {
    id: 'ndjson-export', family: 'json', fileType: 'ndjson', path: 'exports/tenant_settings.ndjson',
    file: { head: [], join: 'none' },
    render: (v, r) => [`{"tenant_id":${r.int(100, 999)},"key":"${v.n.snake}","value":"${v.value}","updated_by":"ops"}`],
  },
  {
    id: 'sql-seed', family: 'sql', fileType: 'sql', path: 'core/db/seed_staging.sql',
    file: { head: ['-- staging seed, generated 2025-10-02', 'BEGIN;'], foot: ['COMMIT;'], join: 'none' },
    render: (v) => [`INSERT INTO integration_settings (provider, name, value) VALUES ('${v.n.group}', '${v.n.fieldSnake}', '${v.value}');`],
  },
  {
    id: 'django-fixture', family: 'json', fileType: 'json', path: 'core/kestrel/fixtures/integrations.json',
    file: { head: ['['], foot: [']'], join: 'comma' },
    render: (v, r) => ['  {', '    "model": "integrations.credential",', `    "pk": ${r.int(1, 400)},`, `    "fields": {"provider": "${v.n.group}", "${v.n.fieldSnake}": "${v.value}"}`, '  }'],
  },
  {
    id: 'vcr-cassette', slot: true, family: 'yaml', fileType: 'yaml', path: (v) => `core/tests/cassettes/test_${v.n.group}_client.yaml`,
    file: { head: ['interactions:'] },
    render: (v) => [
      '- request:',
      '    body: null',
      '    headers:',
      '      Accept: [application/json]',
      `      Authorization: [Bearer ${v.value}]`,
      '    method: GET',
      `    uri: https://${v.host}/v1/account`,
      '  response:',
      '    status: {code: 200, message: OK}',
    ],
  },
  {
    id: 'har', slot: true, family: 'json', fileType: 'har', path: 'api-collections/har/tracking-session.har',
    file: (blocks) => {
      const lines = ['{', '  "log": {', '    "version": "1.2",', '    "creator": {"name": "Firefox", "version": "128.0"},', '    "entries": ['];
      const at = blocks.map((b, i) => b.map((l, j) => lines.push(j === b.length - 1 && i < blocks.length - 1 ? l + ',' : l) - 1));
      lines.push('    ]', '  }', '}');
      return { lines, at };
    },
    render: (v) => [
      '      {',
      `        "request": {"method": "GET", "url": "https://${v.host}/v1/shipments",`,
      '          "headers": [',
      '            {"name": "Accept", "value": "application/json"},',
      `            {"name": "Authorization", "value": "Bearer ${v.value}"}`,
      '          ]},',
      '        "response": {"status": 200}',
      '      }',
    ],
  },
  {
    id: 'postman', family: 'json', fileType: 'json', path: 'api-collections/postman/Kestrel.postman_collection.json',
    file: { head: ['{', '  "info": {"name": "Kestrel partners", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},', '  "variable": ['], foot: ['  ]', '}'], join: 'comma' },
    render: (v) => [`    {"key": "${v.n.camel}", "value": "${v.value}", "type": "string"}`],
  },
  {
    id: 'insomnia', family: 'yaml', fileType: 'yaml', path: 'api-collections/insomnia/kestrel.yaml',
    file: { head: ['_type: export', '__export_format: 4', 'resources:', '  - _id: env_prod', '    _type: environment', '    name: prod', '    data:'], join: 'none' },
    render: (v) => [`      ${v.n.snake}: ${v.value}`],
  },
  {
    id: 'bruno-env', family: 'bru', fileType: 'bru', path: 'api-collections/bruno/environments/prod.bru',
    file: { head: ['vars {', '  baseUrl: https://api.kestrelfreight.com'], foot: ['}'], join: 'none' },
    render: (v) => [`  ${v.n.camel}: ${v.value}`],
  },
  {
    id: 'http-file', slot: true, family: 'http', fileType: 'http', path: 'api-collections/rest/carriers.http',
    file: { head: ['@base = https://api.kestrelfreight.com', ''] },
    render: (v) => [`### ${v.label}`, `GET https://${v.host}/v1/me`, `Authorization: Bearer ${v.value}`],
  },
  {
    id: 'vscode-launch', family: 'json', fileType: 'json', path: '.vscode/launch.json',
    file: { head: ['{', '  "version": "0.2.0",', '  "configurations": [{', '    "type": "node", "request": "launch", "name": "rates-api",', '    "program": "${workspaceFolder}/rates-api/src/main.ts",', '    "env": {'], foot: ['    }', '  }]', '}'], join: 'comma' },
    render: (v) => [`      "${v.n.upper}": "${v.value}"`],
  },
  {
    id: 'idea-workspace', family: 'xml', fileType: 'xml', path: '.idea/workspace.xml',
    file: { head: ['<?xml version="1.0" encoding="UTF-8"?>', '<project version="4">', '  <component name="RunManager">', '    <configuration name="billing" type="SpringBootApplicationConfigurationType">', '      <envs>'], foot: ['      </envs>', '    </configuration>', '  </component>', '</project>'], join: 'none' },
    render: (v) => [`        <env name="${v.n.upper}" value="${v.value}" />`],
  },
  {
    id: 'pytest-ini', family: 'ini', fileType: 'ini', path: 'core/pytest.ini',
    file: { head: ['[pytest]', 'DJANGO_SETTINGS_MODULE = kestrel.settings.test', 'env ='], join: 'none' },
    render: (v) => [`    ${v.n.upper}=${v.value}`],
  },
  {
    id: 'pem-file', family: 'pem', fileType: 'pem', path: (v) => `infra/certs/${v.n.kebab}.pem`,
    file: { head: [] },
    pem: 'block', accepts: [],
    render: (v) => v.value.split('\n'),
  },
  {
    id: 'npmrc', reserved: true, family: 'ini', fileType: 'npmrc', path: 'dispatch-web/.npmrc',
    file: { head: ['@kestrel:registry=https://nexus.kestrel.internal/repository/npm-private/', 'always-auth=true'], join: 'none' },
    render: (v) => [`//nexus.kestrel.internal/repository/npm-private/:_auth=${v.value}`],
  },
  {
    id: 'docker-config-json', reserved: true, family: 'json', fileType: 'json', path: 'infra/ci/docker-config.json',
    file: { head: ['{', '  "auths": {'], foot: ['  }', '}'], join: 'comma' },
    render: (v, r) => [`    "${r.pick(['ghcr.io', 'registry.kestrel.internal', 'index.docker.io/v1/'])}": {"auth": "${v.value}"}`],
  },
  {
    id: 'netrc', reserved: true, family: 'text', fileType: 'netrc', path: 'ops/.netrc',
    file: { head: [], join: 'none' },
    render: (v, r) => [`machine ${r.pick(['api.heroku.com', 'git.kestrel.internal', 'nexus.kestrel.internal'])} login ops@kestrelfreight.com password ${v.value}`],
  },
  {
    id: 'pgpass', reserved: true, family: 'text', fileType: 'pgpass', path: 'ops/.pgpass',
    file: { head: [], join: 'none' },
    render: (v, r) => [`db-prod.kestrel.internal:5432:${r.pick(['dispatch', 'billing', 'warehouse'])}:kestrel_app:${v.value}`],
  },
];

function notebook(cells: { source: string[]; output?: string[] }[]): { lines: string[]; at: number[][] } {
  const out: string[] = ['{', ' "cells": ['];
  const at: number[][] = [];
  const jsonLines = (ls: string[], pad: string): number[] =>
    ls.map((l, j) => out.push(`${pad}${JSON.stringify(l + (j < ls.length - 1 ? '\n' : ''))}${j < ls.length - 1 ? ',' : ''}`) - 1);
  cells.forEach((c, i) => {
    out.push('  {', '   "cell_type": "code",', `   "execution_count": ${i + 1},`, '   "metadata": {},');
    let where: number[] = [];
    if (c.output) {
      out.push('   "outputs": [', '    {', '     "data": {', '      "text/plain": [');
      where = jsonLines(c.output, '       ');
      out.push('      ]', '     },', `     "execution_count": ${i + 1},`, '     "metadata": {},', '     "output_type": "execute_result"', '    }', '   ],');
    } else {
      out.push('   "outputs": [],');
    }
    out.push('   "source": [');
    const src = jsonLines(c.source, '    ');
    at.push(c.output ? where : src);
    out.push('   ]', i < cells.length - 1 ? '  },' : '  }');
  });
  out.push(' ],', ' "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},', ' "nbformat": 4,', ' "nbformat_minor": 5', '}');
  return { lines: out, at };
}
