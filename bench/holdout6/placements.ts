/**
 * Where values end up in a fintech's repositories. A placement renders one item (name + value) in its syntax; the
 * file assembler puts several items of one placement into one file with that syntax's filler around them.
 * `V` in a render is the value's marker: the assembler swaps it for the value and records the line(s) it lands on.
 */
import type { Rng } from './rng';
import type { Shape } from './catalog';

export interface Names {
  words: string;
  env: string;
  camel: string;
  snake: string;
  kebab: string;
  pascal: string;
  dotted: string;
  title: string;
}

export function namesOf(words: string): Names {
  const w = words.split(' ');
  const cap = (x: string) => x[0]!.toUpperCase() + x.slice(1);
  return {
    words,
    env: w.join('_').toUpperCase(),
    camel: w[0] + w.slice(1).map(cap).join(''),
    snake: w.join('_'),
    kebab: w.join('-'),
    pascal: w.map(cap).join(''),
    dotted: w.join('.'),
    title: cap(words),
  };
}

export interface RenderItem {
  n: Names;
  V: string;
  host?: string;
  provider?: string;
  /** The value spans lines (a PEM): YAML writes it as a block scalar. */
  multiline: boolean;
}

/** How a multi-line value (PEM) is written in this syntax; placements without one never get a multi-line value. */
export type Multiline = 'raw' | 'json' | 'yaml6' | 'escaped';

export interface Placement {
  id: string;
  group: 'code' | 'config' | 'ci' | 'infra' | 'dotfile' | 'devtool' | 'data' | 'docs' | 'log' | 'fixture' | 'mobile';
  /** File type label for the report. */
  file: string;
  paths: string[];
  accepts: Shape[];
  needsHost?: boolean;
  /** Syntax that holds a password for this very program (a Redis requirepass): a SaaS key there would be nonsense. */
  noProviders?: boolean;
  /** The syntax alone says the value is a credential (an npmrc _authToken, PGPASSWORD=): only a stand-in may sit there as a negative. */
  positional?: boolean;
  ml?: Multiline;
  max: number;
  head?: (r: Rng) => string;
  foot?: (r: Rng) => string;
  filler: string[];
  /** Lines of filler between items (min, max). */
  gap?: [number, number];
  render: (it: RenderItem, r: Rng) => string;
}

const TOKENISH: Shape[] = ['token', 'password'];
const ASSIGN: Shape[] = ['token', 'password', 'url'];
const QUOTED: Shape[] = ['token', 'password', 'url', 'phrase'];

const F = {
  ts: [
    "import { z } from 'zod';",
    'const DEFAULT_TIMEOUT_MS = 8_000;',
    '// keep in sync with the ledger service contract (LEDG-412)',
    "export type Currency = 'EUR' | 'GBP' | 'USD';",
    'const retryable = new Set([429, 502, 503]);',
    "const log = pino({ name: 'payments' });",
    'export const PAGE_SIZE = 50;',
    "const region = process.env.AWS_REGION ?? 'eu-west-1';",
  ],
  py: [
    'import logging',
    'from decimal import Decimal',
    'logger = logging.getLogger(__name__)',
    '# FX rates are cached for 60 s; see RISK-881',
    'DEFAULT_CCY = "EUR"',
    'MAX_POSITION_NOTIONAL = Decimal("250000")',
    'TIMEOUT_S = 10',
  ],
  yaml: ['  replicas: 2', '  # rolled out with the Q3 risk limits', '  timeoutSeconds: 30', '  logLevel: info', '  region: eu-west-1', '  enabled: true'],
  json: ['  "timeoutMs": 3000,', '  "region": "eu-west-1",', '  "retries": 3,', '  "currency": "EUR",', '  "featureFlags": ["instant-payouts", "crypto-staking"],'],
  env: ['NODE_ENV=production', 'LOG_LEVEL=info', 'PORT=8080', '# ledger', 'AWS_REGION=eu-west-1', 'FEATURE_CRYPTO=true', 'PAYOUT_CUTOFF_UTC=15:30'],
  ini: ['timeout = 30', '; managed by platform team', 'region = eu-west-1', 'retries = 3'],
  md: ['', 'Steps below were tested on staging first.', '', '- check the dashboards before and after', '- ping #payments-oncall when done', ''],
  sh: ['set -euo pipefail', 'echo "deploying $SERVICE to $ENV"', 'cd services/payments', 'aws sts get-caller-identity'],
  kt: ['    private val timeoutMs = 10_000L', '    // used by the card-freeze flow', '    private val log = LoggerFactory.getLogger(javaClass)'],
  swift: ['    let timeout: TimeInterval = 15', '    // Face ID gate for transfers over 1000', '    let region = "eu-west-1"'],
  dart: ["  static const timeout = Duration(seconds: 15);", '  // used by the onboarding flow', "  static const region = 'eu-west-1';"],
  go: ['\ttimeout = 10 * time.Second', '\t// settlement batch runs at 16:00 UTC', '\tmaxBatch = 500'],
  rs: ['const TIMEOUT_SECS: u64 = 10;', '// signer runs behind the HSM proxy', 'const MAX_BATCH: usize = 64;'],
  hcl: ['  region = "eu-west-1"', '  # owned by platform', '  instance_class = "db.r6g.large"', '  multi_az = true'],
  xml: ['    <!-- onboarding -->', '    <key>UIRequiresFullScreen</key>\n    <true/>', '    <key>NSFaceIDUsageDescription</key>\n    <string>Confirm transfers with Face ID</string>'],
  csv: [],
  log: ['INFO  starting worker pid=4121', 'DEBUG pool size=10', 'WARN  retrying request attempt=2', 'INFO  settled batch=2024-11-05 count=311'],
  chat: ['[09:12] mira: morning, anyone seen the payout alerts?', '[09:13] tom: looking', '[09:15] mira: ok thanks', '[09:16] ravi: dashboards are green now'],
  toml: ['timeout = 30', '# see RUNBOOK.md', 'region = "eu-west-1"'],
  props: ['org.gradle.jvmargs=-Xmx4g', 'android.useAndroidX=true', 'kotlin.code.style=official'],
  sql: ['-- seeded for staging', "INSERT INTO currencies (code) VALUES ('EUR'), ('GBP');"],
  html: ['<p>Owner: Payments Platform</p>', '<p>Last reviewed: 2024-10-02</p>'],
};

const P = (x: Omit<Placement, 'max' | 'filler'> & { max?: number; filler?: string[] }): Placement => ({ max: 4, filler: [], ...x });
const q = (s: string) => s; // marks the value site for readers

export const PLACEMENTS: Placement[] = [
  // ---------- TypeScript / JavaScript ----------
  P({ id: 'ts-export-const', group: 'code', file: 'TypeScript', paths: ['services/payments/src/config/keys.ts', 'services/api-gateway/src/constants.ts', 'packages/shared/src/providers.ts'], accepts: QUOTED, filler: F.ts,
    render: ({ n, V }) => `export const ${n.camel} = '${V}';` }),
  P({ id: 'ts-object-prop', group: 'code', file: 'TypeScript', paths: ['services/payments/src/config/index.ts', 'services/graphql/src/config.ts', 'apps/console-nuxt/server/utils/config.ts'], accepts: QUOTED, filler: ['  timeoutMs: 8000,', '  // moved here from .env during the migration', "  region: 'eu-west-1',"],
    head: () => "import type { AppConfig } from './types';\n\nexport const config: AppConfig = {", foot: () => '};',
    render: ({ n, V }) => `  ${n.camel}: "${V}",` }),
  P({ id: 'ts-nested-object', group: 'code', file: 'TypeScript', paths: ['services/ledger-koa/src/settings.ts', 'services/notify-bun/src/settings.ts'], accepts: QUOTED, max: 3, filler: ['    retries: 3,', '    baseUrl: "https://sandbox.example.invalid",'],
    head: () => 'export default {\n  providers: {', foot: () => '  },\n};',
    render: ({ n, V }) => `    ${n.snake.split('_')[0]}: {\n      ${n.camel}: '${V}',\n    },` }),
  P({ id: 'ts-fetch-bearer-url', group: 'code', file: 'TypeScript', paths: ['services/payments/src/clients/http.ts', 'services/api-gateway/src/upstreams.ts', 'apps/web-svelte/src/lib/server/upstream.ts'], accepts: ['token'], needsHost: true, max: 3, filler: F.ts,
    render: ({ host, V }) => `export async function call${host!.split('.')[host!.split('.').length - 2]!.replace(/[^a-z]/gi, '')}(path: string, body: unknown) {\n  const res = await fetch(\`https://${host}\${path}\`, {\n    method: 'POST',\n    headers: { Authorization: \`Bearer ${V}\`, 'Content-Type': 'application/json' },\n    body: JSON.stringify(body),\n  });\n  return res.json();\n}` }),
  P({ id: 'ts-sdk-positional', group: 'code', file: 'TypeScript', paths: ['services/payments/src/clients/sdk.ts', 'services/graphql/src/datasources/providers.ts'], positional: true, accepts: ['token'], filler: F.ts,
    render: ({ n, V }) => `export const ${n.camel.replace(/(Key|Token|Secret)$/i, '')}Client = new ${n.pascal.replace(/(ApiKey|Key|Token|Secret|AccessToken|AuthToken)$/, '') || 'Api'}Client('${V}', { timeout: 10_000 });` }),
  P({ id: 'ts-class-field', group: 'code', file: 'TypeScript', paths: ['services/graphql/src/datasources/RatesAPI.ts', 'services/api-gateway/src/kyc/KycClient.ts'], accepts: QUOTED, max: 2, filler: ['  private readonly baseURL = "https://api.example.invalid";', '  // Apollo RESTDataSource caches GETs for 30 s'],
    head: () => "import { RESTDataSource } from '@apollo/datasource-rest';\n\nexport class ProviderAPI extends RESTDataSource {", foot: () => '}',
    render: ({ n, V }) => `  private readonly ${n.camel} = "${V}";` }),
  P({ id: 'ts-default-param', group: 'code', file: 'TypeScript', paths: ['services/payments/src/webhooks/verify.ts', 'packages/shared/src/crypto.ts'], accepts: QUOTED, max: 2, filler: F.ts,
    render: ({ n, V }) => `export function make${n.pascal}Verifier(\n  ${n.camel} = '${V}',\n) {\n  return (payload: string, sig: string) => verify(payload, sig, ${n.camel});\n}` }),
  P({ id: 'ts-env-fallback', group: 'code', file: 'TypeScript', paths: ['services/notify-bun/src/env.ts', 'services/api-gateway/src/env.ts', 'apps/web-svelte/src/lib/server/env.ts'], accepts: QUOTED, filler: F.ts,
    render: ({ n, V }) => `export const ${n.env} = process.env.${n.env} ?? "${V}";` }),
  P({ id: 'ts-commented-out', group: 'code', file: 'TypeScript', paths: ['services/payments/src/clients/legacy.ts', 'services/ledger-koa/src/legacy/old-config.ts'], accepts: QUOTED, filler: F.ts,
    render: ({ n, V }) => `// const ${n.camel} = '${V}'; // old one, rotated? check with Ana` }),
  P({ id: 'ts-far-from-name', group: 'code', file: 'TypeScript', paths: ['services/payments/src/bootstrap.ts', 'services/graphql/src/bootstrap.ts', 'services/ledger-koa/src/bootstrap.ts'], accepts: ['token'], max: 1,
    render: ({ n, V }) => `const CREDS = [\n  '${V}',\n  'eu-west-1',\n];\n\n${Array.from({ length: 36 }, (_, i) => `// step ${i + 1}: ${['wire middlewares', 'load feature flags', 'warm FX cache', 'register routes'][i % 4]}`).join('\n')}\n\nexport const ${n.camel} = CREDS[0];` }),
  P({ id: 'ts-template-header', group: 'code', file: 'TypeScript', paths: ['services/api-gateway/src/clients/basic.ts', 'services/notify-bun/src/clients.ts'], positional: true, accepts: ['token'], filler: F.ts,
    render: ({ n, V }) => `const ${n.camel}Header = { 'X-Api-Key': \`${V}\` };` }),
  P({ id: 'ts-concat-building', group: 'code', file: 'TypeScript', paths: ['services/payments/src/clients/auth.ts', 'services/ledger-koa/src/clients/auth.ts'], positional: true, accepts: ['token'], filler: F.ts,
    render: ({ n, V }) => `const ${n.camel}Auth = 'Basic ' + Buffer.from('neobank-prod:' + '${V}').toString('base64');` }),
  P({ id: 'ts-pem-template', group: 'code', file: 'TypeScript', paths: ['services/api-gateway/src/jwt/keys.ts', 'services/payments/src/applepay/keys.ts'], accepts: ['pem'], ml: 'raw', max: 2, filler: F.ts,
    render: ({ n, V }) => `export const ${n.camel} = \`${V}\`;` }),
  P({ id: 'js-module-exports', group: 'code', file: 'JavaScript', paths: ['services/payments/config/production.js', 'services/ledger-koa/config/default.js', 'tools/scripts/config.cjs'], accepts: QUOTED, filler: ['  port: 8080,', '  // read by node-config'],
    head: () => "'use strict';\n\nmodule.exports = {", foot: () => '};',
    render: ({ n, V }) => `  ${n.camel}: '${V}',` }),
  P({ id: 'svelte-script', group: 'code', file: 'Svelte', paths: ['apps/web-svelte/src/routes/admin/+page.svelte', 'apps/web-svelte/src/lib/components/Rates.svelte'], accepts: ['token'], max: 2,
    head: () => '<script lang="ts">\n  import { onMount } from \'svelte\';\n  let rows = [];', foot: () => "</script>\n\n<section class=\"rates\">{#each rows as r}<p>{r.pair}</p>{/each}</section>",
    render: ({ n, V }) => `  const ${n.camel} = '${V}';` }),
  P({ id: 'nuxt-runtime-config', group: 'code', file: 'TypeScript', paths: ['apps/console-nuxt/nuxt.config.ts'], accepts: QUOTED, max: 5, filler: ["    apiBase: '/api',", '    // private keys are only available on the server'],
    head: () => 'export default defineNuxtConfig({\n  modules: [\'@pinia/nuxt\'],\n  runtimeConfig: {', foot: () => '  },\n});',
    render: ({ n, V }) => `    ${n.camel}: '${V}',` }),
  P({ id: 'deno-env-get', group: 'code', file: 'TypeScript (Deno)', paths: ['services/rates-deno/main.ts', 'services/rates-deno/lib/providers.ts'], accepts: ['token'], filler: ['import { serve } from "jsr:@std/http";', '// deno deploy reads env at startup'],
    render: ({ n, V }) => `const ${n.camel} = Deno.env.get("${n.env}") || "${V}";` }),
  P({ id: 'jest-snapshot', group: 'fixture', file: 'Jest snapshot', paths: ['services/payments/src/__tests__/__snapshots__/config.test.ts.snap', 'apps/web-svelte/src/lib/__snapshots__/client.test.ts.snap'], accepts: QUOTED, max: 4, filler: ['  "region": "eu-west-1",', '  "retries": 3,'],
    head: () => '// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`loads provider config 1`] = `\n{', foot: () => '}\n`;',
    render: ({ n, V }) => `  "${n.camel}": "${V}",` }),
  P({ id: 'nock-header', group: 'fixture', file: 'TypeScript test', paths: ['services/payments/test/providers.nock.test.ts', 'services/api-gateway/test/kyc.test.ts'], accepts: ['token'], needsHost: true, max: 3, filler: ["  it('retries on 503', async () => {});"],
    head: () => "import nock from 'nock';\n\ndescribe('providers', () => {", foot: () => '});',
    render: ({ host, V }) => `  nock('https://${host}')\n    .matchHeader('authorization', 'Bearer ${V}')\n    .post(/.*/)\n    .reply(200, { ok: true });` }),
  P({ id: 'msw-handler', group: 'fixture', file: 'TypeScript test', paths: ['apps/web-svelte/src/mocks/handlers.ts', 'apps/console-nuxt/test/mocks/handlers.ts'], positional: true, accepts: ['token'], max: 3, filler: ["  http.get('/api/health', () => HttpResponse.json({ ok: true })),"],
    head: () => "import { http, HttpResponse } from 'msw';\n\nexport const handlers = [", foot: () => '];',
    render: ({ n, V }) => `  http.post('/api/${n.kebab}', ({ request }) =>\n    request.headers.get('x-api-key') === '${V}' ? HttpResponse.json({ ok: true }) : new HttpResponse(null, { status: 401 })),` }),
  P({ id: 'cdk-unsafe-plaintext', group: 'infra', file: 'TypeScript (CDK)', paths: ['infra/cdk/lib/payments-stack.ts', 'infra/cdk/lib/ledger-stack.ts'], accepts: ASSIGN, max: 3, filler: ["    const vpc = ec2.Vpc.fromLookup(this, 'Vpc', { vpcName: 'core' });", '    // TODO move to Secrets Manager before go-live'],
    head: () => "import * as cdk from 'aws-cdk-lib';\nimport { SecretValue } from 'aws-cdk-lib';\n\nexport class Stack extends cdk.Stack {\n  constructor(scope: cdk.App, id: string) {\n    super(scope, id);", foot: () => '  }\n}',
    render: ({ n, V }) => `    new secretsmanager.Secret(this, '${n.pascal}', {\n      secretStringValue: SecretValue.unsafePlainText('${V}'),\n    });` }),
  P({ id: 'cdk-lambda-env', group: 'infra', file: 'TypeScript (CDK)', paths: ['infra/cdk/lib/notify-stack.ts', 'infra/cdk/lib/kyc-stack.ts'], accepts: ASSIGN, max: 4, filler: ["        LOG_LEVEL: 'info',"],
    head: () => "new lambda.Function(this, 'Handler', {\n      runtime: lambda.Runtime.NODEJS_20_X,\n      environment: {", foot: () => '      },\n    });',
    render: ({ n, V }) => `        ${n.env}: '${V}',` }),

  // ---------- Python ----------
  P({ id: 'py-module-const', group: 'code', file: 'Python', paths: ['quant/risk/settings.py', 'quant/pricing/config.py', 'services/fastapi-kyc/app/settings.py'], accepts: QUOTED, filler: F.py,
    render: ({ n, V }) => `${n.env} = "${V}"` }),
  P({ id: 'py-dict', group: 'code', file: 'Python', paths: ['quant/ingest/sources.py', 'quant/risk/providers.py'], accepts: QUOTED, filler: ['    "timeout": 10,', '    # rate limited to 5 rps'],
    head: () => 'PROVIDERS = {', foot: () => '}',
    render: ({ n, V }) => `    "${n.snake}": "${V}",` }),
  P({ id: 'py-kwarg', group: 'code', file: 'Python', paths: ['quant/ingest/clients.py', 'services/fastapi-kyc/app/clients.py', 'quant/flows/market_data.py'], accepts: QUOTED, filler: F.py,
    render: ({ n, V }) => `${n.snake.split('_')[0]}_client = ProviderClient(\n    base_url="https://api.example.invalid",\n    ${n.snake}="${V}",\n)` }),
  P({ id: 'py-positional', group: 'code', file: 'Python', paths: ['quant/notebooks_src/pull_prices.py', 'quant/risk/alerts.py'], positional: true, accepts: ['token'], filler: F.py,
    render: ({ n, V }) => `client = ${n.pascal.replace(/(ApiKey|Key|Token|Secret|AccessToken|AuthToken|ApiSecret|ApiToken)$/, '') || 'Api'}Client("${V}")` }),
  P({ id: 'py-fstring-header', group: 'code', file: 'Python', paths: ['quant/ingest/http.py', 'services/fastapi-kyc/app/upstream.py'], accepts: ['token'], needsHost: true, max: 3, filler: F.py,
    render: ({ host, V }) => `def fetch_${host!.split('.')[host!.split('.').length - 2]!.replace(/[^a-z]/gi, '_')}(path: str) -> dict:\n    r = httpx.get(f"https://${host}{path}", headers={"Authorization": f"Bearer ${V}"}, timeout=10)\n    r.raise_for_status()\n    return r.json()` }),
  P({ id: 'py-getenv-default', group: 'code', file: 'Python', paths: ['quant/common/env.py', 'services/fastapi-kyc/app/deps.py'], accepts: QUOTED, filler: F.py,
    render: ({ n, V }) => `${n.env} = os.getenv("${n.env}", "${V}")` }),
  P({ id: 'pytest-fixture', group: 'fixture', file: 'Python test', paths: ['quant/tests/conftest.py', 'services/fastapi-kyc/tests/conftest.py'], accepts: QUOTED, max: 3, filler: ['import pytest', ''],
    render: ({ n, V }) => `@pytest.fixture\ndef ${n.snake}():\n    return "${V}"` }),
  P({ id: 'py-triple-quoted', group: 'code', file: 'Python', paths: ['quant/risk/signing.py', 'services/fastapi-kyc/app/keys.py'], accepts: ['pem', 'phrase', 'token'], ml: 'raw', max: 2, filler: F.py,
    render: ({ n, V }) => `${n.env} = """${V}"""` }),
  P({ id: 'py-dagster-resource', group: 'code', file: 'Python', paths: ['quant/orchestration/definitions.py', 'quant/flows/prefect_flows.py'], positional: true, accepts: ['token', 'url', 'password'], max: 3, filler: ['from dagster import Definitions, EnvVar', ''],
    render: ({ n, V }) => `${n.snake}_resource = ProviderResource(\n    "${V}",\n    region="eu-west-1",\n)` }),
  P({ id: 'py-comment', group: 'code', file: 'Python', paths: ['quant/research/backtest.py', 'quant/risk/var_model.py'], accepts: QUOTED, filler: F.py,
    render: ({ n, V }) => `# ${n.words} for the sandbox: ${V} (do not use in prod)` }),
  P({ id: 'superset-config', group: 'config', file: 'Python (superset_config)', paths: ['infra/superset/superset_config.py'], accepts: QUOTED, max: 4, filler: ['ROW_LIMIT = 5000', 'FEATURE_FLAGS = {"ALERT_REPORTS": True}'],
    render: ({ n, V }) => `${n.env} = '${V}'` }),
  P({ id: 'sqlalchemy-url', group: 'code', file: 'Python', paths: ['quant/db/session.py', 'services/fastapi-kyc/app/db.py'], accepts: ['url'], max: 2, filler: F.py,
    render: ({ V }) => `engine = create_engine("${V}", pool_pre_ping=True)` }),
  P({ id: 'alembic-ini', group: 'config', file: 'INI (alembic)', paths: ['quant/db/alembic.ini', 'services/fastapi-kyc/alembic.ini'], accepts: ['url'], max: 1, filler: [],
    head: () => '[alembic]\nscript_location = migrations\nprepend_sys_path = .', foot: () => '\n[loggers]\nkeys = root,sqlalchemy,alembic',
    render: ({ V }) => `sqlalchemy.url = ${V}` }),
  P({ id: 'jupyter-cell', group: 'code', file: 'Jupyter notebook', paths: ['quant/research/fx_carry.ipynb', 'quant/research/crypto_vol.ipynb', 'quant/research/churn.ipynb'], accepts: QUOTED, max: 3,
    head: () => '{\n "cells": [', foot: () => '  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["df.head()"]}\n ],\n "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},\n "nbformat": 4,\n "nbformat_minor": 5\n}',
    render: ({ n, V }) => `  {\n   "cell_type": "code",\n   "execution_count": 3,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "import polars as pl\\n",\n    "${n.snake} = '${V}'\\n",\n    "df = load_prices(${n.snake})"\n   ]\n  },` }),

  // ---------- mobile ----------
  P({ id: 'dart-const', group: 'mobile', file: 'Dart', paths: ['mobile/app/lib/config/env.dart', 'mobile/app/lib/services/api_keys.dart'], accepts: QUOTED, filler: F.dart,
    head: () => 'class Env {', foot: () => '}',
    render: ({ n, V }) => `  static const String ${n.camel} = '${V}';` }),
  P({ id: 'dart-header-map', group: 'mobile', file: 'Dart', paths: ['mobile/app/lib/services/http_client.dart'], accepts: ['token'], needsHost: true, max: 3, filler: F.dart,
    render: ({ host, V }) => `  Future<Response> get${host!.split('.')[host!.split('.').length - 2]!.replace(/[^a-z]/gi, '')}(String path) => _dio.get(\n        'https://${host}\$path',\n        options: Options(headers: {'Authorization': 'Bearer ${V}'}),\n      );` }),
  P({ id: 'kotlin-const', group: 'mobile', file: 'Kotlin', paths: ['android/app/src/main/java/com/neobank/wallet/Keys.kt', 'android/app/src/main/java/com/neobank/wallet/net/ApiModule.kt'], accepts: QUOTED, filler: F.kt,
    head: () => 'package com.neobank.wallet\n\nobject Keys {', foot: () => '}',
    render: ({ n, V }) => `    const val ${n.env} = "${V}"` }),
  P({ id: 'gradle-properties', group: 'mobile', file: 'Gradle properties', paths: ['android/gradle.properties', 'android/app/gradle.properties'], accepts: ASSIGN, filler: F.props,
    render: ({ n, V }) => `${n.camel}=${V}` }),
  P({ id: 'gradle-buildconfig', group: 'mobile', file: 'Gradle Kotlin DSL', paths: ['android/app/build.gradle.kts'], accepts: ['token'], max: 4, filler: ['        minSdk = 26', '        versionCode = 412'],
    head: () => 'android {\n    defaultConfig {', foot: () => '    }\n}',
    render: ({ n, V }) => `        buildConfigField("String", "${n.env}", "\\"${V}\\"")` }),
  P({ id: 'swift-let', group: 'mobile', file: 'Swift', paths: ['ios/Wallet/Config/Secrets.swift', 'ios/Wallet/Networking/APIClient.swift'], accepts: QUOTED, filler: F.swift,
    head: () => 'import Foundation\n\nenum Secrets {', foot: () => '}',
    render: ({ n, V }) => `    static let ${n.camel} = "${V}"` }),
  P({ id: 'info-plist', group: 'mobile', file: 'Info.plist', paths: ['ios/Wallet/Info.plist', 'ios/WalletWidget/Info.plist'], accepts: ASSIGN, filler: F.xml,
    head: () => '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n    <key>CFBundleName</key>\n    <string>Wallet</string>', foot: () => '</dict>\n</plist>',
    render: ({ n, V }) => `    <key>${n.pascal}</key>\n    <string>${V}</string>` }),
  P({ id: 'xcconfig', group: 'mobile', file: 'xcconfig', paths: ['ios/Config/Release.xcconfig', 'ios/Config/Debug.xcconfig'], accepts: TOKENISH, filler: ['SWIFT_VERSION = 5.9', '// shared build settings', 'PRODUCT_BUNDLE_IDENTIFIER = com.neobank.wallet'],
    render: ({ n, V }) => `${n.env} = ${V}` }),

  // ---------- Go / Rust ----------
  P({ id: 'go-const', group: 'code', file: 'Go', paths: ['services/ledger-go/internal/config/keys.go', 'services/ledger-go/cmd/reconcile/main.go'], accepts: QUOTED, filler: F.go,
    head: () => 'package config\n\nconst (', foot: () => ')',
    render: ({ n, V }) => `\t${n.camel} = "${V}"` }),
  P({ id: 'go-struct-literal', group: 'code', file: 'Go', paths: ['services/ledger-go/internal/providers/clients.go'], accepts: QUOTED, max: 3, filler: [],
    render: ({ n, V }) => `var ${n.camel}Cfg = ProviderConfig{\n\tName:   "${n.snake.split('_')[0]}",\n\tAPIKey: "${V}",\n}` }),
  P({ id: 'rust-const', group: 'code', file: 'Rust', paths: ['services/signer-rs/src/config.rs', 'services/signer-rs/src/chain.rs'], accepts: QUOTED, filler: F.rs,
    render: ({ n, V }) => `pub const ${n.env}: &str = "${V}";` }),
  P({ id: 'rust-bearer-call', group: 'code', file: 'Rust', paths: ['services/signer-rs/src/rpc.rs'], accepts: ['token'], needsHost: true, max: 3, filler: F.rs,
    render: ({ host, V }) => `    let resp = client\n        .post("https://${host}/v1")\n        .bearer_auth("${V}")\n        .send()\n        .await?;` }),

  // ---------- env and dotfiles ----------
  P({ id: 'dotenv', group: 'config', file: '.env', paths: ['.env.production', 'services/payments/.env', 'services/api-gateway/.env.staging', 'quant/.env.local', 'apps/web-svelte/.env'], accepts: ASSIGN, max: 5, filler: F.env,
    render: ({ n, V }) => `${n.env}=${V}` }),
  P({ id: 'dotenv-quoted-export', group: 'config', file: '.env', paths: ['services/ledger-koa/.env.development', 'infra/scripts/prod.env', 'apps/console-nuxt/.env.preview'], accepts: [...QUOTED, 'pem'], ml: 'escaped', max: 4, filler: F.env,
    render: ({ n, V }) => `export ${n.env}="${V}"` }),
  P({ id: 'envrc', group: 'dotfile', file: '.envrc', paths: ['.envrc', 'quant/.envrc', 'services/payments/.envrc'], accepts: ASSIGN, max: 4, filler: ['use nix', 'layout python3', 'dotenv_if_exists .env.local', 'PATH_add bin'],
    render: ({ n, V }) => `export ${n.env}=${V}` }),
  P({ id: 'npmrc', group: 'dotfile', file: '.npmrc', paths: ['.npmrc', 'apps/web-svelte/.npmrc'], positional: true, accepts: ['token'], max: 1, filler: [],
    head: () => 'engine-strict=true\n@neobank:registry=https://npm.pkg.github.com', foot: () => 'auto-install-peers=true',
    render: ({ V }) => `//npm.pkg.github.com/:_authToken=${V}` }),
  P({ id: 'yarnrc', group: 'dotfile', file: '.yarnrc.yml', paths: ['.yarnrc.yml', 'apps/console-nuxt/.yarnrc.yml'], positional: true, accepts: ['token'], max: 1,
    head: () => 'nodeLinker: node-modules\nnpmScopes:\n  neobank:\n    npmRegistryServer: "https://npm.pkg.github.com"', foot: () => 'yarnPath: .yarn/releases/yarn-4.5.1.cjs',
    render: ({ V }) => `    npmAuthToken: "${V}"` }),
  P({ id: 'pip-conf', group: 'dotfile', file: 'pip.conf', paths: ['quant/pip.conf', 'services/fastapi-kyc/pip.conf'], accepts: ['url'], max: 1,
    head: () => '[global]\ntimeout = 60', foot: () => 'trusted-host = nexus.neobank.internal',
    render: ({ V }) => `extra-index-url = ${V}` }),
  P({ id: 'condarc', group: 'dotfile', file: '.condarc', paths: ['quant/.condarc'], positional: true, accepts: ['token'], max: 1,
    head: () => 'channels:\n  - conda-forge\n  - defaults', foot: () => 'ssl_verify: true',
    render: ({ V }) => `channel_alias: https://conda.neobank.internal/t/${V}` }),
  P({ id: 'kubeconfig-token', group: 'dotfile', file: 'kubeconfig', paths: ['infra/k8s/kubeconfig-staging.yaml', 'ops/kube/config'], positional: true, accepts: ['token'], max: 1,
    head: () => 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://eks.neobank.internal\n  name: staging\nusers:\n- name: ci-deployer\n  user:', foot: () => 'current-context: staging',
    render: ({ V }) => `    token: ${V}` }),
  P({ id: 'terraformrc', group: 'dotfile', file: '.terraformrc', paths: ['infra/terraform/.terraformrc'], positional: true, accepts: ['token'], max: 1,
    render: ({ V }) => `credentials "app.terraform.io" {\n  token = "${V}"\n}` }),
  P({ id: 'boto', group: 'dotfile', file: '.boto', paths: ['quant/.boto', 'ops/.boto'], positional: true, accepts: ['token'], max: 2,
    head: () => '[Credentials]', foot: () => '\n[Boto]\nhttps_validate_certificates = True',
    render: ({ n, V }) => `${n.snake} = ${V}` }),
  P({ id: 'aws-credentials', group: 'dotfile', file: 'AWS credentials (INI)', paths: ['ops/aws/credentials', 'quant/.aws/credentials'], positional: true, accepts: ['token'], max: 2,
    head: () => '[default]\nregion = eu-west-1', foot: () => '',
    render: ({ n, V }) => `${n.snake} = ${V}` }),
  P({ id: 'gcp-sa-json', group: 'dotfile', file: 'credentials.json', paths: ['quant/credentials.json', 'ops/gcp/bq-reader.json'], positional: true, accepts: ['pem'], ml: 'json', max: 1,
    head: () => '{\n  "type": "service_account",\n  "project_id": "neobank-analytics",\n  "private_key_id": "3f1c0d2e9a7b4c6d8e0f1a2b3c4d5e6f7a8b9c0d",', foot: () => '  "client_email": "bq-reader@neobank-analytics.iam.gserviceaccount.com",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}',
    render: ({ V }) => `  "private_key": "${V}\\n",` }),
  P({ id: 'vscode-settings', group: 'devtool', file: '.vscode/settings.json', paths: ['.vscode/settings.json', 'services/payments/.vscode/settings.json'], accepts: ['token'], max: 3,
    head: () => '{\n  "editor.formatOnSave": true,\n  "rest-client.environmentVariables": {\n    "staging": {', foot: () => '    }\n  }\n}',
    render: ({ n, V }) => `      "${n.camel}": "${V}",` }),
  P({ id: 'mise-toml', group: 'devtool', file: 'mise.toml', paths: ['mise.toml', 'quant/mise.toml'], accepts: QUOTED, max: 3,
    head: () => '[tools]\nnode = "20.19"\npython = "3.12"\n\n[env]', foot: () => '',
    render: ({ n, V }) => `${n.env} = "${V}"` }),

  // ---------- generic config formats ----------
  P({ id: 'yaml-nested', group: 'config', file: 'YAML', paths: ['services/payments/config/production.yaml', 'services/api-gateway/config/app.yml', 'quant/config/providers.yaml'], accepts: [...QUOTED, 'pem'], ml: 'yaml6', filler: F.yaml,
    head: () => 'providers:', foot: () => '',
    render: ({ n, V, multiline }) => `  ${n.snake.split('_')[0]}:\n    ${n.snake.split('_').slice(1).join('_') || 'key'}: ${multiline ? '|\n      ' + V : V}` }),
  P({ id: 'json-config', group: 'config', file: 'JSON', paths: ['services/ledger-koa/config/production.json', 'services/notify-bun/config.json', 'apps/console-nuxt/config/providers.json'], accepts: [...QUOTED, 'pem'], ml: 'json', filler: F.json,
    head: () => '{', foot: () => '  "version": 3\n}',
    render: ({ n, V }) => `  "${n.camel}": "${V}",` }),
  P({ id: 'toml-config', group: 'config', file: 'TOML', paths: ['services/signer-rs/Config.toml', 'services/ledger-go/config.toml', 'quant/pyproject.toml'], accepts: QUOTED, filler: F.toml,
    render: ({ n, V }) => `${n.snake} = "${V}"` }),
  P({ id: 'ini-section', group: 'config', file: 'INI', paths: ['quant/config/settings.ini', 'services/fastapi-kyc/config.cfg'], accepts: ASSIGN, filler: F.ini,
    render: ({ n, V }) => `[${n.snake.split('_')[0]}]\n${n.snake.split('_').slice(1).join('_') || 'key'} = ${V}` }),
  P({ id: 'java-properties', group: 'config', file: 'Java properties', paths: ['services/card-issuing/src/main/resources/application.properties', 'services/card-issuing/src/main/resources/application-prod.properties'], accepts: ASSIGN, filler: ['server.port=8080', 'spring.jpa.open-in-view=false', '# issuing processor'],
    render: ({ n, V }) => `neobank.${n.dotted}=${V}` }),
  P({ id: 'xml-appsettings', group: 'config', file: 'XML', paths: ['services/legacy-dotnet/Web.config', 'services/legacy-dotnet/App.config'], accepts: ASSIGN, filler: ['    <add key="Region" value="eu-west-1" />'],
    head: () => '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>', foot: () => '  </appSettings>\n</configuration>',
    render: ({ n, V }) => `    <add key="${n.pascal}" value="${V}" />` }),
  P({ id: 'xml-element', group: 'data', file: 'XML (ISO 20022 sample)', paths: ['docs/samples/pain.001-outbound.xml', 'services/payments/test/fixtures/camt.053-sample.xml'], accepts: TOKENISH, max: 2,
    head: () => '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">\n  <CstmrCdtTrfInitn>\n    <GrpHdr>\n      <CreDtTm>2024-11-05T09:30:00</CreDtTm>', foot: () => '    </GrpHdr>\n  </CstmrCdtTrfInitn>\n</Document>',
    render: ({ n, V }) => `      <!-- ${n.words} -->\n      <${n.pascal}>${V}</${n.pascal}>` }),

  // ---------- infra ----------
  P({ id: 'tfvars', group: 'infra', file: 'terraform.tfvars', paths: ['infra/terraform/envs/prod/terraform.tfvars', 'infra/terraform/envs/staging/secrets.auto.tfvars'], accepts: QUOTED, filler: F.hcl.map((l) => l.trim()),
    render: ({ n, V }) => `${n.snake} = "${V}"` }),
  P({ id: 'terraform-resource', group: 'infra', file: 'Terraform', paths: ['infra/terraform/modules/rds/main.tf', 'infra/terraform/modules/providers/datadog.tf'], accepts: ASSIGN, max: 2, filler: F.hcl,
    render: ({ n, V }) => `resource "aws_ssm_parameter" "${n.snake}" {\n  name  = "/prod/${n.kebab}"\n  type  = "SecureString"\n  value = "${V}"\n}` }),
  P({ id: 'terragrunt-inputs', group: 'infra', file: 'terragrunt.hcl', paths: ['infra/live/prod/payments/terragrunt.hcl', 'infra/live/staging/ledger/terragrunt.hcl'], accepts: QUOTED, max: 3, filler: ['  instance_count = 2'],
    head: () => 'include "root" {\n  path = find_in_parent_folders()\n}\n\ninputs = {', foot: () => '}',
    render: ({ n, V }) => `  ${n.snake} = "${V}"` }),
  P({ id: 'helm-values', group: 'infra', file: 'Helm values', paths: ['infra/helm/payments/values-prod.yaml', 'infra/helm/ledger/values.yaml'], accepts: [...QUOTED, 'pem'], ml: 'yaml6', max: 4, filler: ['    replicas: 3'],
    head: () => 'image:\n  repository: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments\n  tag: "2024.11.05"\nsecrets:\n  values:', foot: () => 'resources:\n  limits:\n    memory: 512Mi',
    render: ({ n, V, multiline }) => `    ${n.camel}: ${multiline ? '|\n      ' + V : `"${V}"`}` }),
  P({ id: 'helm-set-line', group: 'infra', file: 'Shell', paths: ['infra/scripts/deploy-payments.sh', 'infra/scripts/helm-upgrade.sh'], accepts: TOKENISH, max: 3, filler: F.sh,
    render: ({ n, V }) => `helm upgrade --install payments ./infra/helm/payments \\\n  --namespace payments \\\n  --set secrets.${n.camel}=${V} \\\n  --wait` }),
  P({ id: 'k8s-env-value', group: 'infra', file: 'Kubernetes YAML', paths: ['infra/k8s/base/payments-deployment.yaml', 'infra/k8s/overlays/prod/ledger-patch.yaml'], accepts: QUOTED, max: 4, filler: ['            - name: LOG_LEVEL\n              value: info'],
    head: () => 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payments\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:', foot: () => '          ports:\n            - containerPort: 8080',
    render: ({ n, V }) => `            - name: ${n.env}\n              value: "${V}"` }),
  P({ id: 'kustomize-literal', group: 'infra', file: 'kustomization.yaml', paths: ['infra/k8s/overlays/prod/kustomization.yaml', 'infra/k8s/overlays/staging/kustomization.yaml'], accepts: ASSIGN, max: 4,
    head: () => 'resources:\n  - ../../base\nsecretGenerator:\n  - name: payments-secrets\n    literals:', foot: () => 'images:\n  - name: payments\n    newTag: "2024.11.05"',
    render: ({ n, V }) => `      - ${n.env}=${V}` }),
  P({ id: 'ecs-taskdef', group: 'infra', file: 'ECS task definition', paths: ['infra/ecs/payments-taskdef.json', 'infra/ecs/ledger-taskdef.json'], accepts: QUOTED, max: 4, filler: ['        { "name": "LOG_LEVEL", "value": "info" },'],
    head: () => '{\n  "family": "payments",\n  "containerDefinitions": [\n    {\n      "name": "app",\n      "environment": [', foot: () => '        { "name": "PORT", "value": "8080" }\n      ]\n    }\n  ]\n}',
    render: ({ n, V }) => `        {\n          "name": "${n.env}",\n          "value": "${V}"\n        },` }),
  P({ id: 'sam-parameter-default', group: 'infra', file: 'SAM template', paths: ['infra/sam/notify/template.yaml', 'infra/sam/fx-rates/template.yaml'], accepts: ASSIGN, max: 3,
    head: () => "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nParameters:", foot: () => 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x',
    render: ({ n, V }) => `  ${n.pascal}:\n    Type: String\n    NoEcho: true\n    Default: ${V}` }),
  P({ id: 'serverless-env', group: 'infra', file: 'serverless.yml', paths: ['services/notify-lambda/serverless.yml', 'services/kyc-webhooks/serverless.yml'], accepts: QUOTED, max: 4, filler: ['    LOG_LEVEL: info'],
    head: () => 'service: notify\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  region: eu-west-1\n  environment:', foot: () => 'functions:\n  send:\n    handler: src/send.handler',
    render: ({ n, V }) => `    ${n.env}: ${V}` }),
  P({ id: 'docker-compose-env', group: 'infra', file: 'docker-compose.yml', paths: ['docker-compose.yml', 'services/ledger-koa/docker-compose.dev.yml', 'quant/docker-compose.yml'], accepts: ASSIGN, max: 4, filler: ['      - LOG_LEVEL=debug'],
    head: () => 'services:\n  app:\n    build: .\n    ports:\n      - "8080:8080"\n    environment:', foot: () => '  db:\n    image: postgres:16',
    render: ({ n, V }) => `      - ${n.env}=${V}` }),
  P({ id: 'dockerfile-env', group: 'infra', file: 'Dockerfile', paths: ['services/payments/Dockerfile', 'services/rates-deno/Dockerfile', 'quant/Dockerfile'], accepts: TOKENISH, max: 2,
    head: () => 'FROM node:20-alpine AS build\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./', foot: () => 'RUN pnpm install --frozen-lockfile\nCMD ["node", "dist/server.js"]',
    render: ({ n, V }) => `ENV ${n.env}=${V}` }),
  P({ id: 'vault-agent-hcl', group: 'infra', file: 'HCL (Vault)', paths: ['infra/vault/agent.hcl', 'infra/vault/bootstrap.hcl'], positional: true, accepts: ['token'], max: 1,
    head: () => 'vault {\n  address = "https://vault.neobank.internal:8200"', foot: () => '}',
    render: ({ V }) => `  # bootstrap only, revoke after first login\n  token = "${V}"` }),

  // ---------- CI ----------
  P({ id: 'gha-env', group: 'ci', file: 'GitHub Actions', paths: ['.github/workflows/deploy.yml', '.github/workflows/nightly-risk.yml', '.github/workflows/mobile-release.yml'], accepts: ASSIGN, max: 3,
    head: () => 'name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:', foot: () => '    steps:\n      - uses: actions/checkout@v4\n      - run: pnpm turbo run build --filter=payments',
    render: ({ n, V }) => `      ${n.env}: ${V}` }),
  P({ id: 'gha-run-curl', group: 'ci', file: 'GitHub Actions', paths: ['.github/workflows/notify.yml', '.github/workflows/smoke.yml'], accepts: ['token'], needsHost: true, max: 2,
    head: () => 'name: smoke\non: [workflow_dispatch]\njobs:\n  smoke:\n    runs-on: ubuntu-latest\n    steps:', foot: () => '',
    render: ({ host, V }) => `      - name: ping ${host}\n        run: |\n          curl -fsS https://${host}/v1/ping \\\n            -H "Authorization: Bearer ${V}"` }),
  P({ id: 'circleci-env', group: 'ci', file: 'CircleCI', paths: ['.circleci/config.yml'], accepts: ASSIGN, max: 4,
    head: () => 'version: 2.1\njobs:\n  test:\n    docker:\n      - image: cimg/node:20.19\n    environment:', foot: () => '    steps:\n      - checkout\n      - run: pnpm test',
    render: ({ n, V }) => `      ${n.env}: ${V}` }),
  P({ id: 'travis-env', group: 'ci', file: 'Travis', paths: ['.travis.yml', 'legacy/.travis.yml'], accepts: TOKENISH, max: 3,
    head: () => 'language: node_js\nnode_js:\n  - "20"\nenv:\n  global:', foot: () => 'script: npm test',
    render: ({ n, V }) => `    - ${n.env}=${V}` }),
  P({ id: 'teamcity-kts', group: 'ci', file: 'TeamCity Kotlin DSL', paths: ['.teamcity/settings.kts'], accepts: ASSIGN, max: 4,
    head: () => 'import jetbrains.buildServer.configs.kotlin.*\n\nobject Build : BuildType({\n    name = "Build"\n    params {', foot: () => '    }\n})',
    render: ({ n, V }) => `        param("env.${n.env}", "${V}")` }),
  P({ id: 'woodpecker', group: 'ci', file: 'Woodpecker', paths: ['.woodpecker.yml', '.woodpecker/deploy.yml'], accepts: ASSIGN, max: 3,
    head: () => 'steps:\n  build:\n    image: node:20\n    environment:', foot: () => '    commands:\n      - pnpm install\n      - pnpm build',
    render: ({ n, V }) => `      ${n.env}: ${V}` }),
  P({ id: 'earthfile-arg', group: 'ci', file: 'Earthfile', paths: ['Earthfile', 'services/ledger-go/Earthfile'], accepts: TOKENISH, max: 2,
    head: () => 'VERSION 0.8\nFROM golang:1.22\nWORKDIR /src', foot: () => 'build:\n    COPY . .\n    RUN go build ./...',
    render: ({ n, V }) => `ARG ${n.env}=${V}` }),
  P({ id: 'makefile', group: 'ci', file: 'Makefile', paths: ['Makefile', 'quant/Makefile'], accepts: TOKENISH, max: 3, filler: ['SHELL := /bin/bash', '.PHONY: test deploy'],
    render: ({ n, V }) => `${n.env} ?= ${V}` }),
  P({ id: 'makefile-curl-user', group: 'ci', file: 'Makefile', paths: ['ops/Makefile', 'services/payments/Makefile'], noProviders: true, positional: true, accepts: ['token', 'password'], max: 2,
    head: () => '.PHONY: publish\n', foot: () => '',
    render: ({ V }) => `publish:\n\tcurl -fsS -u deploy-bot:${V} --upload-file dist/app.tgz https://nexus.neobank.internal/repository/raw/` }),

  // ---------- runtime config ----------
  P({ id: 'kong-key-auth', group: 'config', file: 'Kong declarative YAML', paths: ['infra/kong/kong.yml'], positional: true, accepts: ['token'], max: 4,
    head: () => '_format_version: "3.0"\nconsumers:\n  - username: partner-app\n    keyauth_credentials:', foot: () => 'services:\n  - name: payments\n    url: http://payments:8080',
    render: ({ V }) => `      - key: ${V}` }),
  P({ id: 'htaccess-setenv', group: 'config', file: '.htaccess', paths: ['legacy/marketing-site/.htaccess'], accepts: ['token'], max: 3,
    head: () => 'RewriteEngine On\nRewriteCond %{HTTPS} off', foot: () => 'Header set X-Frame-Options "DENY"',
    render: ({ n, V }) => `SetEnv ${n.env} ${V}` }),
  P({ id: 'envoy-inline', group: 'config', file: 'Envoy YAML', paths: ['infra/envoy/envoy.yaml'], positional: true, accepts: ['token'], max: 2,
    head: () => 'static_resources:\n  listeners:\n    - name: ingress\n      filter_chains:\n        - filters:\n            - name: envoy.filters.http.lua', foot: () => '  clusters: []',
    render: ({ n, V }) => `              # ${n.words} injected upstream\n              request_headers_to_add:\n                - header:\n                    key: x-api-key\n                    value: "${V}"` }),
  P({ id: 'squid-peer-login', group: 'config', file: 'squid.conf', paths: ['infra/squid/squid.conf'], noProviders: true, positional: true, accepts: ['password', 'token'], max: 2,
    head: () => 'http_port 3128\nacl egress dstdomain .plaid.com .stripe.com', foot: () => 'http_access allow egress',
    render: ({ V }) => `cache_peer proxy.corp.neobank.internal parent 8080 0 no-query login=egress-svc:${V}` }),
  P({ id: 'pgbouncer-userlist', group: 'config', file: 'userlist.txt', paths: ['infra/pgbouncer/userlist.txt'], noProviders: true, positional: true, accepts: ['password', 'token'], max: 4,
    render: ({ n, V }) => `"${n.snake.replace(/_?password$/, '') || 'app'}_user" "${V}"` }),
  P({ id: 'redis-conf', group: 'config', file: 'redis.conf', paths: ['infra/redis/redis.conf', 'infra/redis/replica.conf'], noProviders: true, positional: true, accepts: ['password', 'token'], max: 1, filler: ['maxmemory 2gb', 'appendonly yes'],
    head: () => 'bind 0.0.0.0\nport 6379', foot: () => 'save ""',
    render: ({ V }) => `requirepass ${V}` }),
  P({ id: 'rabbitmq-definitions', group: 'config', file: 'RabbitMQ definitions', paths: ['infra/rabbitmq/definitions.json'], noProviders: true, positional: true, accepts: ['password', 'token'], max: 3,
    head: () => '{\n  "vhosts": [{ "name": "payments" }],\n  "users": [', foot: () => '    { "name": "guest", "password_hash": "", "tags": [] }\n  ]\n}',
    render: ({ n, V }) => `    {\n      "name": "${n.snake.split('_')[0]}",\n      "password": "${V}",\n      "tags": ["monitoring"]\n    },` }),
  P({ id: 'debezium-connector', group: 'config', file: 'Debezium connector JSON', paths: ['infra/debezium/ledger-connector.json'], noProviders: true, positional: true, accepts: ['password', 'token'], max: 1,
    head: () => '{\n  "name": "ledger-cdc",\n  "config": {\n    "connector.class": "io.debezium.connector.postgresql.PostgresConnector",\n    "database.hostname": "ledger-db.internal",\n    "database.user": "debezium",', foot: () => '    "topic.prefix": "ledger"\n  }\n}',
    render: ({ V }) => `    "database.password": "${V}",` }),
  P({ id: 'meltano-yml', group: 'config', file: 'meltano.yml', paths: ['data/meltano/meltano.yml', 'data/airbyte/source-config.yaml'], accepts: ASSIGN, max: 3,
    head: () => 'version: 1\nplugins:\n  extractors:\n    - name: tap-postgres\n      config:', foot: () => '  loaders:\n    - name: target-snowflake',
    render: ({ n, V }) => `        ${n.snake}: ${V}` }),
  P({ id: 'otel-collector', group: 'config', file: 'OpenTelemetry collector YAML', paths: ['infra/otel/collector.yaml'], accepts: ['token'], max: 2,
    head: () => 'receivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  otlphttp:\n    endpoint: https://otlp.eu01.nr-data.net\n    headers:', foot: () => 'service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlphttp]',
    render: ({ n, V }) => `      ${n.kebab}: ${V}` }),
  P({ id: 'datadog-yaml', group: 'config', file: 'datadog.yaml', paths: ['infra/datadog/datadog.yaml'], accepts: ['token'], max: 2,
    head: () => 'site: datadoghq.eu\nlogs_enabled: true', foot: () => 'apm_config:\n  enabled: true',
    render: ({ n, V }) => `${n.snake}: ${V}` }),

  // ---------- dev tools ----------
  P({ id: 'rest-client-http', group: 'devtool', file: '.http', paths: ['services/payments/requests.http', 'services/api-gateway/kyc.rest'], accepts: ['token'], needsHost: true, max: 3, filler: ['###'],
    render: ({ host, V }) => `### call ${host}\nPOST https://${host}/v1/check\nAuthorization: Bearer ${V}\nContent-Type: application/json\n\n{"ref": "onboarding-1142"}` }),
  P({ id: 'rest-client-var', group: 'devtool', file: '.http', paths: ['services/ledger-koa/api.http'], accepts: ['token'], max: 3,
    head: () => '@baseUrl = http://localhost:8080', foot: () => '\n###\nGET {{baseUrl}}/health',
    render: ({ n, V }) => `@${n.camel} = ${V}` }),
  P({ id: 'insomnia-export', group: 'devtool', file: 'Insomnia export', paths: ['tools/insomnia/neobank.json'], accepts: ['token'], max: 4,
    head: () => '{\n  "_type": "export",\n  "__export_format": 4,\n  "resources": [\n    {\n      "_type": "environment",\n      "name": "Staging",\n      "data": {', foot: () => '        "base_url": "https://staging.neobank.internal"\n      }\n    }\n  ]\n}',
    render: ({ n, V }) => `        "${n.snake}": "${V}",` }),
  P({ id: 'bruno-bru', group: 'devtool', file: 'Bruno', paths: ['tools/bruno/payments/create-payout.bru', 'tools/bruno/kyc/start-check.bru'], positional: true, accepts: ['token'], max: 1,
    head: () => 'meta {\n  name: create payout\n  type: http\n  seq: 3\n}\n\npost {\n  url: {{baseUrl}}/v1/payouts\n  body: json\n  auth: bearer\n}', foot: () => 'body:json {\n  { "amount": 1250, "currency": "EUR" }\n}',
    render: ({ V }) => `auth:bearer {\n  token: ${V}\n}` }),
  P({ id: 'postman-env', group: 'devtool', file: 'Postman environment', paths: ['tools/postman/staging.postman_environment.json', 'tools/postman/prod.postman_environment.json'], accepts: ['token', 'password'], max: 4,
    head: () => '{\n  "id": "5f1d2c3b-aaaa-4bbb-8ccc-1234567890ab",\n  "name": "staging",\n  "values": [', foot: () => '    { "key": "baseUrl", "value": "https://staging.neobank.internal", "enabled": true }\n  ]\n}',
    render: ({ n, V }) => `    {\n      "key": "${n.camel}",\n      "value": "${V}",\n      "type": "secret",\n      "enabled": true\n    },` }),

  // ---------- data ----------
  P({ id: 'csv-column', group: 'data', file: 'CSV', paths: ['data/exports/integrations-2024-10.csv', 'data/exports/partner_keys.csv'], accepts: ['token', 'password'], max: 4,
    head: () => 'partner,environment,setting,value,created_at', foot: () => '',
    render: ({ n, V }) => `${n.snake.split('_')[0]},production,${n.snake},${V},2024-10-${String(1 + (n.words.length % 27)).padStart(2, '0')}` }),
  P({ id: 'jsonl-event', group: 'data', file: 'JSONL', paths: ['data/exports/audit-events.jsonl', 'data/exports/webhook-deliveries.jsonl'], accepts: ['token'], max: 4, filler: ['{"ts":"2024-11-05T09:14:02Z","event":"login","user":"u_81731","ok":true}'],
    render: ({ n, V }) => `{"ts":"2024-11-05T09:1${n.words.length % 10}:11Z","event":"integration.updated","field":"${n.snake}","value":"${V}"}` }),
  P({ id: 'sql-insert', group: 'data', file: 'SQL', paths: ['services/payments/db/seeds/002_integrations.sql', 'quant/db/seed_staging.sql'], accepts: ['token', 'password', 'url'], max: 4, filler: F.sql,
    render: ({ n, V }) => `INSERT INTO partner_settings (provider, name, value) VALUES ('${n.snake.split('_')[0]}', '${n.snake}', '${V}');` }),
  P({ id: 'sql-dump-copy', group: 'data', file: 'SQL dump', paths: ['data/dumps/staging-2024-10-31.sql'], accepts: ['token', 'password'], max: 4,
    head: () => '--\n-- PostgreSQL database dump\n--\n\nCOPY public.partner_settings (id, partner, setting, value) FROM stdin;', foot: () => '\\.',
    render: ({ n, V }) => `${10 + n.words.length}\t${n.snake.split('_')[0]}\t${n.snake}\t${V}` }),
  P({ id: 'parquet-schema-meta', group: 'data', file: 'Parquet schema JSON', paths: ['data/schemas/trades.parquet.schema.json'], accepts: ['token'], max: 2,
    head: () => '{\n  "type": "struct",\n  "fields": [\n    {"name": "trade_id", "type": "string"},', foot: () => '    {"name": "notional", "type": "decimal(18,2)"}\n  ]\n}',
    render: ({ n, V }) => `    {"name": "source", "type": "string", "metadata": {"${n.snake}": "${V}"}},` }),

  // ---------- docs, tickets, chats ----------
  P({ id: 'md-code-block', group: 'docs', file: 'Markdown', paths: ['docs/runbooks/rotate-provider-keys.md', 'docs/runbooks/local-setup.md', 'services/payments/README.md'], accepts: ASSIGN, max: 3, filler: F.md,
    head: () => '# Runbook\n\nRun these from a shell with the prod profile.', foot: () => '\nThat is all.',
    render: ({ n, V }) => `\`\`\`bash\nexport ${n.env}=${V}\npnpm --filter payments start\n\`\`\`` }),
  P({ id: 'md-inline-prose', group: 'docs', file: 'Markdown', paths: ['docs/incidents/2024-09-12-payout-delay.md', 'docs/adr/0014-provider-failover.md'], accepts: QUOTED, max: 2, filler: F.md,
    head: () => '# Post-mortem: delayed payouts\n\n## Timeline', foot: () => '\n## Action items\n\n- [ ] rotate everything mentioned above',
    render: ({ n, V }) => `- 10:42 switched to the backup ${n.words}: \`${V}\` (rotate after the incident!)` }),
  P({ id: 'md-pem-block', group: 'docs', file: 'Markdown', paths: ['docs/runbooks/hsm-bootstrap.md', 'docs/runbooks/apple-pay-certs.md'], accepts: ['pem'], ml: 'raw', max: 1, filler: F.md,
    head: () => '# Bootstrap\n\nPaste this into the secret store, then delete it from here.', foot: () => '',
    render: ({ n, V }) => `The ${n.words}:\n\n\`\`\`\n${V}\n\`\`\`` }),
  P({ id: 'notion-table', group: 'docs', file: 'Markdown (Notion export)', paths: ['docs/notion/Partner integrations 3f2a.md', 'docs/notion/Sandbox accounts 91bc.md'], accepts: TOKENISH, max: 4,
    head: () => '# Partner integrations\n\n| Partner | What | Value | Owner |\n| --- | --- | --- | --- |', foot: () => '\nLast edited by Ana M.',
    render: ({ n, V }) => `| ${n.title.split(' ')[0]} | ${n.words} | ${V} | payments |` }),
  P({ id: 'confluence-html', group: 'docs', file: 'HTML (Confluence export)', paths: ['docs/confluence/Payments-Onboarding.html', 'docs/confluence/Crypto-Custody.html'], accepts: TOKENISH, max: 3, filler: F.html,
    head: () => '<html><head><title>Payments onboarding</title></head><body>\n<table class="confluenceTable">', foot: () => '</table>\n</body></html>',
    render: ({ n, V }) => `<tr>\n  <td class="confluenceTd">${n.title}</td>\n  <td class="confluenceTd"><code>${V}</code></td>\n</tr>` }),
  P({ id: 'slack-transcript', group: 'docs', file: 'Slack transcript', paths: ['docs/chats/payments-oncall-2024-10-02.txt', 'docs/chats/crypto-desk.txt'], accepts: QUOTED, max: 3, filler: F.chat,
    render: ({ n, V }) => `[10:4${n.words.length % 10}] dan: here's the ${n.words}, don't paste it anywhere else pls\n[10:4${n.words.length % 10}] dan: ${V}` }),
  P({ id: 'teams-transcript', group: 'docs', file: 'Teams transcript (VTT)', paths: ['docs/chats/risk-sync.vtt'], accepts: TOKENISH, max: 2,
    head: () => 'WEBVTT', foot: () => '',
    render: ({ n, V }) => `\n00:12:0${n.words.length % 10}.000 --> 00:12:1${n.words.length % 10}.000\n<v Priya>I dropped the ${n.words} in chat, it's ${V}` }),
  P({ id: 'pagerduty-notes', group: 'docs', file: 'Text (PagerDuty notes)', paths: ['docs/incidents/PD-Q3X8-notes.txt'], accepts: TOKENISH, max: 3, filler: ['Acknowledged by on-call.', 'Escalated to payments-secondary.'],
    render: ({ n, V }) => `Note (02:14 UTC): ${n.words} was revoked by the provider; temporary one is ${V}` }),

  // ---------- logs and shell history ----------
  P({ id: 'ci-log-curl', group: 'log', file: 'CI log', paths: ['ci-logs/deploy-4411.log', 'ci-logs/smoke-991.log'], accepts: ['token'], needsHost: true, max: 3, filler: F.log,
    render: ({ host, V }) => `2024-11-05T09:31:0${host!.length % 10}Z + curl -sS https://${host}/v1/status -H 'Authorization: token ${V}'` }),
  P({ id: 'crash-env-dump', group: 'log', file: 'crash log', paths: ['logs/crash-2024-10-30.log', 'services/fastapi-kyc/logs/worker-crash.log'], accepts: ASSIGN, max: 4, filler: ['  at Module._compile (node:internal/modules/cjs/loader:1358:14)'],
    head: () => 'FATAL uncaught exception in worker\nTypeError: Cannot read properties of undefined (reading \'amount\')\n--- environment ---', foot: () => '--- end ---',
    render: ({ n, V }) => `${n.env}=${V}` }),
  P({ id: 'bash-history', group: 'log', file: 'shell history', paths: ['ops/.bash_history', 'quant/.zsh_history'], accepts: ['token', 'password'], max: 4, filler: ['ls -la', 'git status', 'kubectl get pods -n payments'],
    render: ({ n, V }) => `export ${n.env}=${V}` }),
  P({ id: 'shell-positional', group: 'log', file: 'Shell', paths: ['ops/scripts/backfill.sh', 'ops/scripts/db-restore.sh'], noProviders: true, positional: true, accepts: ['password', 'token'], max: 2, filler: F.sh,
    render: ({ V }) => `PGPASSWORD=${V} psql -h ledger-db.internal -U ledger_svc -d ledger -f restore.sql` }),

  // ---------- recorded HTTP ----------
  P({ id: 'vcr-cassette', group: 'fixture', file: 'VCR cassette YAML', paths: ['quant/tests/cassettes/test_fetch_prices.yaml', 'services/fastapi-kyc/tests/cassettes/test_onfido.yaml'], accepts: ['token'], needsHost: true, max: 2,
    head: () => 'interactions:', foot: () => 'version: 1',
    render: ({ host, V }) => `- request:\n    body: null\n    headers:\n      Authorization:\n      - Bearer ${V}\n    method: GET\n    uri: https://${host}/v2/aggs\n  response:\n    status: {code: 200, message: OK}` }),
  P({ id: 'wiremock-mapping', group: 'fixture', file: 'WireMock mapping', paths: ['services/card-issuing/src/test/resources/mappings/issuer.json', 'services/payments/test/wiremock/mappings/psp.json'], positional: true, accepts: ['token'], max: 1,
    head: () => '{\n  "request": {\n    "method": "POST",\n    "urlPath": "/v1/cards",\n    "headers": {\n      "Authorization": {', foot: () => '      }\n    }\n  },\n  "response": { "status": 201 }\n}',
    render: ({ V }) => `        "equalTo": "Bearer ${V}"` }),
  P({ id: 'polly-har', group: 'fixture', file: 'Polly HAR recording', paths: ['apps/web-svelte/recordings/rates_1234/recording.har', 'services/graphql/recordings/kyc_77/recording.har'], accepts: ['token'], max: 2,
    head: () => '{\n  "log": {\n    "_recordingName": "rates",\n    "entries": [\n      {\n        "request": {\n          "headers": [', foot: () => '            { "name": "accept", "value": "application/json" }\n          ]\n        }\n      }\n    ]\n  }\n}',
    render: ({ n, V }) => `            {\n              "name": "${n.kebab}",\n              "value": "${V}"\n            },` }),
  P({ id: 'pact-contract', group: 'fixture', file: 'Pact contract', paths: ['services/payments/pacts/payments-ledger.json'], positional: true, accepts: ['token'], max: 2,
    head: () => '{\n  "consumer": { "name": "payments" },\n  "provider": { "name": "ledger" },\n  "interactions": [', foot: () => '  ],\n  "metadata": { "pactSpecification": { "version": "3.0.0" } }\n}',
    render: ({ n, V }) => `    {\n      "description": "${n.words}",\n      "request": { "method": "GET", "path": "/balances", "headers": { "X-Api-Key": "${V}" } },\n      "response": { "status": 200 }\n    },` }),
];

void q;
