/** Ordinary code between the labeled values, so files read like files and scanners see realistic noise. */
import type { Format } from './contexts';
import type { Rng } from './values';

const tsLines = [
  `logger.info("request finished", { status: res.status, ms: Date.now() - started });\n`,
  `export async function handler(req: Request): Promise<Response> {\n  const body = await req.json();\n  return Response.json({ ok: true, id: body.id });\n}\n`,
  `const tokenType = "Bearer";\n`,
  `const authMode = "oauth2";\n`,
  `const passwordMinLength = 12;\n`,
  `// The API key is read from the environment; see docs/configuration.md.\n`,
  `const apiKey = process.env.API_KEY;\n`,
  `const { STRIPE_SECRET_KEY, DATABASE_URL } = process.env;\n`,
  `if (!token) throw new Error("Missing token: set API_TOKEN in your environment");\n`,
  `type Credentials = { kind: "api_key" | "oauth_token" | "client_secret"; value: string };\n`,
  `export type TokenPrefix = \`ghp_\${string}\` | \`gho_\${string}\`;\n`,
  `interface AuthHeaders {\n  Authorization: \`Bearer \${string}\`;\n  "X-Api-Key"?: string;\n}\n`,
  `const retryDelays = [100, 250, 500, 1000];\n`,
  `export const routes = { login: "/auth/login", refresh: "/auth/token/refresh", logout: "/auth/logout" };\n`,
  `const keyPattern = /^[A-Za-z0-9_-]{32,}$/;\n`,
  `for (const item of items) {\n  await queue.push({ id: item.id, attempts: 0 });\n}\n`,
  `const secretName = \`\${env}/payments/stripe\`;\n`,
  `const headers = { Authorization: \`Bearer \${token}\`, "Content-Type": "application/json" };\n`,
  `const className = "token-input__field--active";\n`,
  `await cache.set(\`session:\${userId}\`, JSON.stringify(session), { ttl: 3600 });\n`,
];
const tsHeaders = [
  `import { ApiClient } from "./client";\nimport { logger } from "../logger";\n\n`,
  `import crypto from "node:crypto";\nimport jwt from "jsonwebtoken";\n\n`,
  `"use strict";\nconst BASE_URL = "https://api.internal.example.com";\n\n`,
];
const pyLines = [
  `logger.info("synced %d records", len(records))\n`,
  `api_key = os.environ["API_KEY"]\n`,
  `token = os.getenv("API_TOKEN")\n`,
  `def fetch_page(session, cursor=None):\n    params = {"limit": 100}\n    if cursor:\n        params["cursor"] = cursor\n    return session.get(BASE_URL + "/items", params=params).json()\n`,
  `TOKEN_TYPE = "Bearer"\n`,
  `PASSWORD_MIN_LENGTH = 12\n`,
  `# Credentials come from the environment; never commit them.\n`,
  `headers = {"Authorization": f"Bearer {token}"}\n`,
  `secret_name = f"{env}/payments/stripe"\n`,
  `if not api_key:\n    raise RuntimeError("API_KEY is not set")\n`,
  `RETRY_STATUS = {429, 500, 502, 503, 504}\n`,
];
const yamlLines = [
  `replicas: 2\n`,
  `image: registry.example.com/api:1.4.2\n`,
  `api_key: \${API_KEY}\n`,
  `token: "{{ .Values.token }}"\n`,
  `password: \${{ secrets.DB_PASSWORD }}\n`,
  `secretKeyRef:\n  name: api-credentials\n  key: token\n`,
  `resources:\n  limits:\n    memory: 512Mi\n`,
  `# keys are injected by the secrets operator\n`,
  `valueFrom:\n  secretKeyRef:\n    name: db\n    key: password\n`,
];
const jsonLines = [``];
const envLines = [
  `NODE_ENV=production\n`,
  `PORT=8080\n`,
  `AWS_REGION=us-east-1\n`,
  `LOG_LEVEL=info\n`,
  `# rotate quarterly\n`,
  `API_KEY=\n`,
  `DATABASE_URL=postgres://app:\${DB_PASSWORD}@db:5432/app\n`,
  `REDIS_URL=redis://localhost:6379/0\n`,
];
const dockerLines = [
  `WORKDIR /app\n`,
  `COPY package*.json ./\n`,
  `RUN npm ci --omit=dev\n`,
  `ENV NODE_ENV=production\n`,
  `ARG API_TOKEN\n`,
  `ENV API_TOKEN=\${API_TOKEN}\n`,
  `EXPOSE 8080\n`,
  `RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\n`,
];
const shLines = [
  `set -euo pipefail\n`,
  `echo "deploying $SERVICE to $ENV"\n`,
  `export API_KEY="$(vault kv get -field=api_key secret/app)"\n`,
  `curl -sS -H "Authorization: Bearer $TOKEN" "$API_URL/health"\n`,
  `if [ -z "\${API_TOKEN:-}" ]; then echo "API_TOKEN is not set" >&2; exit 1; fi\n`,
  `kubectl rollout status deploy/api --timeout=120s\n`,
];
const mdLines = [
  `## Configuration\n\nSet the variables below before you start the service.\n\n`,
  `Keys live in the team vault; ask #platform for access.\n\n`,
  `| Variable | Meaning |\n|---|---|\n| API_KEY | the service key |\n\n`,
];

const lines: Record<Format, string[]> = { ts: tsLines, js: tsLines.filter((l) => !/\btype\b|interface|: Promise|: Request/.test(l)), py: pyLines, yaml: yamlLines, json: jsonLines, env: envLines, docker: dockerLines, sh: shLines, md: mdLines };

export function filler(format: Format, r: Rng): string {
  let out = '';
  const n = r.int(0, 3);
  for (let i = 0; i < n; i++) out += r.pick(lines[format]);
  return out;
}

export function fileHeader(format: Format, r: Rng): string {
  switch (format) {
    case 'ts':
      return r.pick(tsHeaders);
    case 'js':
      return r.pick(tsHeaders.filter((h) => !h.startsWith('import')).concat([`const crypto = require("node:crypto");\n\n`]));
    case 'py':
      return `import os\nimport logging\n\nlogger = logging.getLogger(__name__)\nBASE_URL = "https://api.internal.example.com"\n\n`;
    case 'yaml':
      return r.pick([`apiVersion: v1\nkind: ConfigMap\n`, `name: ci\non: [push]\n`, `version: "3.9"\n`]);
    case 'docker':
      return `FROM node:20-slim\n`;
    case 'sh':
      return `#!/usr/bin/env bash\n`;
    case 'md':
      return `# Setup\n\n`;
    default:
      return '';
  }
}

export function fileFooter(format: Format): string {
  return format === 'docker' ? `CMD ["node", "dist/server.js"]\n` : '';
}
