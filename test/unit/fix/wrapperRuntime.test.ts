import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as ts from 'typescript';
import { singleKeyCallsInText } from '../../../src/core/calls/index';
import { keyFallbackPython } from '../../../src/core/fix/templates/keyFallbackPython';
import { planWrapperFix } from '../../../src/core/fix/wrapperFix';
import { startSimulator, Simulator } from '../../../src/simulator';
import { hasPython, makeSecret, tempDir } from './support';

interface AuthFailureEvent {
  service: string;
  error: string;
  timestamp: string;
  environment: string;
}
interface Helper {
  setAuthFailureHook(hook: ((event: AuthFailureEvent) => void) | undefined): void;
  setAuthFailureLogger(logger: (line: string) => void): void;
  withKeyFallback<T>(options: { service: string; envName: string; body?: unknown }, call: (key: string) => Promise<T>): Promise<T>;
  withFallbackClient<T extends object>(options: { service: string; envName: string }, create: (key: string) => T): T;
}

/** Rewrites `source` with the wrapper fix, writes it and its helper (TS compiled by transpileModule, or JS as is), and loads both. */
function rewriteAndLoad(dir: string, fileName: string, source: string): { module: Record<string, (...args: unknown[]) => Promise<{ status: number }>>; helper: Helper } {
  const call = singleKeyCallsInText(`src/${fileName}`, source)[0];
  assert.ok(call, 'the source has a single-key call');
  const plan = planWrapperFix({ path: `src/${fileName}`, text: source, finding: { offset: call.calleeStart }, project: { helperDir: 'src' } });
  assert.ok(plan.helperFile);
  mkdirSync(join(dir, 'src'), { recursive: true });
  const emit = (name: string, text: string): void => {
    const js = /\.ts$/.test(name) ? ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText : text;
    writeFileSync(join(dir, 'src', name.replace(/\.ts$/, '.js')), js);
  };
  emit(fileName, plan.newText);
  emit(plan.helperFile.path.slice('src/'.length), plan.helperFile.text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(dir, 'src', fileName.replace(/\.ts$/, '.js')));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const helper = require(join(dir, 'src', 'keyFallback.js')) as Helper;
  return { module, helper };
}

describe('fix: the rewritten code against the provider simulator (runtime proof)', () => {
  const primary = makeSecret('generic');
  const fallback = makeSecret('generic');
  let sim: Simulator;
  let temp: ReturnType<typeof tempDir>;
  const saved = { ...process.env };
  const events: AuthFailureEvent[] = [];
  const logs: string[] = [];

  before(async () => {
    sim = await startSimulator({ services: [{ name: 'billing-api', auth: { type: 'bearer' }, keys: [{ value: primary, label: 'primary' }, { value: fallback, label: 'fallback' }] }] });
    temp = tempDir();
  });
  after(async () => {
    await sim.close();
    temp.cleanup();
  });
  beforeEach(() => {
    sim.admin.reset();
    sim.admin.clearLog();
    events.length = 0;
    logs.length = 0;
    process.env.BILLING_API_KEY_PRIMARY = primary;
    process.env.BILLING_API_KEY_FALLBACK = fallback;
    delete process.env.BILLING_API_KEY;
  });
  afterEach(() => {
    for (const name of ['BILLING_API_KEY_PRIMARY', 'BILLING_API_KEY_FALLBACK', 'BILLING_API_KEY']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  const tsSource = (url: string): string => `export async function listInvoices(): Promise<Response> {
  return fetch('${url}', { headers: { Authorization: \`Bearer \${process.env.BILLING_API_KEY}\` } });
}
`;
  const jsSource = (url: string): string => `'use strict';

exports.listInvoices = () => fetch('${url}', { headers: { Authorization: 'Bearer ' + process.env.BILLING_API_KEY } });
`;

  for (const [label, fileName, source] of [['TS (compiled with transpileModule)', 'billingTs.ts', tsSource], ['JS (CommonJS helper)', 'billingJs.js', jsSource]] as const) {
    describe(label, () => {
      let listInvoices: () => Promise<{ status: number }>;
      before(() => {
        const loaded = rewriteAndLoad(join(temp.dir, fileName), fileName, source(sim.serviceUrl('billing-api', '/v1/invoices')));
        listInvoices = loaded.module.listInvoices as () => Promise<{ status: number }>;
        loaded.helper.setAuthFailureHook((event) => void events.push(event));
        loaded.helper.setAuthFailureLogger((line) => void logs.push(line));
      });

      it('a revoked primary (401) is retried once with the fallback: the call succeeds, one event, no key in events or logs', async () => {
        sim.admin.revokeKey('billing-api', { label: 'primary' });
        const res = await listInvoices();
        assert.equal(res.status, 200);
        assert.deepEqual(sim.admin.log().map((e) => [e.status, e.keyLabel]), [[401, 'primary'], [200, 'fallback']]);
        assert.equal(events.length, 1);
        assert.deepEqual(Object.keys(events[0]!).sort(), ['environment', 'error', 'service', 'timestamp']);
        assert.equal(events[0]!.service, 'billing-api');
        assert.match(events[0]!.error, /primary key rejected with 401; retried with the fallback key/);
        assert.equal(logs.length, 1);
        const seen = JSON.stringify({ events, logs });
        assert.ok(!seen.includes(primary) && !seen.includes(fallback), 'no key material in events or logs');
        assert.ok(!seen.includes(primary.slice(-8)) && !seen.includes(fallback.slice(-8)));
      });

      it('with both keys valid there is no retry and no event', async () => {
        const res = await listInvoices();
        assert.equal(res.status, 200);
        assert.equal(sim.admin.log().length, 1);
        assert.deepEqual(events, []);
      });

      it('a 500 is not retried and raises no event', async () => {
        sim.admin.setBehaviour('billing-api', { failNext: { count: 1, status: 500 } });
        const res = await listInvoices();
        assert.equal(res.status, 500);
        assert.equal(sim.admin.log().length, 1);
        assert.deepEqual(events, []);
      });

      it('reads the keys at call time: the plain variable is the primary when _PRIMARY is unset', async () => {
        delete process.env.BILLING_API_KEY_PRIMARY;
        process.env.BILLING_API_KEY = primary;
        assert.equal((await listInvoices()).status, 200);
        assert.equal(sim.admin.log()[0]!.keyLabel, 'primary');
        delete process.env.BILLING_API_KEY;
        await assert.rejects(listInvoices(), /Missing API key: set BILLING_API_KEY_PRIMARY \(or BILLING_API_KEY\)/);
      });
    });
  }

  describe('helper behaviour', () => {
    let helper: Helper;
    before(() => {
      helper = rewriteAndLoad(join(temp.dir, 'helper'), 'h.ts', tsSource(sim.serviceUrl('billing-api', '/v1/x'))).helper;
      helper.setAuthFailureHook((event) => void events.push(event));
      helper.setAuthFailureLogger((line) => void logs.push(line));
    });

    it('a stream body is not replayed: a clear error instead of a silent retry', async () => {
      sim.admin.revokeKey('billing-api', { label: 'primary' });
      const body = Readable.from(['a']);
      await assert.rejects(
        helper.withKeyFallback({ service: 'billing-api', envName: 'BILLING_API_KEY', body }, (key) => fetch(sim.serviceUrl('billing-api', '/v1/x'), { headers: { Authorization: `Bearer ${key}` } })),
        /request body is a stream that cannot be sent twice/,
      );
      assert.equal(sim.admin.log().length, 1);
      assert.equal(events.length, 1);
    });

    it('errors carrying response.status (axios, ky style) are retried; network errors are not', async () => {
      let calls = 0;
      const axiosLike = async (key: string): Promise<string> => {
        calls++;
        if (key === primary) throw Object.assign(new Error('Request failed with status code 403'), { response: { status: 403 } });
        return 'ok';
      };
      assert.equal(await helper.withKeyFallback({ service: 's', envName: 'BILLING_API_KEY' }, axiosLike), 'ok');
      assert.equal(calls, 2);
      calls = 0;
      await assert.rejects(helper.withKeyFallback({ service: 's', envName: 'BILLING_API_KEY' }, async () => {
        calls++;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      }), /ECONNREFUSED/);
      assert.equal(calls, 1);
    });

    it('withFallbackClient retries a method of a nested resource with a client built from the fallback key', async () => {
      sim.admin.revokeKey('billing-api', { label: 'primary' });
      const built: string[] = [];
      class BillingClient {
        constructor(private readonly key: string) {
          built.push(key === primary ? 'primary' : 'fallback');
        }
        invoices = { list: async (): Promise<number> => {
          const res = await fetch(sim.serviceUrl('billing-api', '/v1/invoices'), { headers: { Authorization: `Bearer ${this.key}` } });
          if (res.status === 401) throw Object.assign(new Error('unauthorized'), { statusCode: 401 });
          return res.status;
        } };
        version(): string {
          return 'v1';
        }
      }
      const client = helper.withFallbackClient({ service: 'billing-api', envName: 'BILLING_API_KEY' }, (key) => new BillingClient(key));
      assert.equal(client.version(), 'v1', 'synchronous methods pass through');
      assert.equal(await client.invoices.list(), 200);
      assert.deepEqual(built, ['primary', 'fallback']);
      assert.equal(events.length, 1);
      assert.ok(!JSON.stringify({ events, logs }).includes(primary));
    });
  });
});

describe('fix: the Python helper at run time', () => {
  it('retries once on 401 with the fallback, not on 500, with one key-free event', function () {
    if (!hasPython) this.skip();
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'key_fallback.py'), keyFallbackPython);
      const primary = makeSecret('generic');
      const fallback = makeSecret('generic');
      const script = `
import json, logging, sys
import key_fallback
events, logs = [], []
class Capture(logging.Handler):
    def emit(self, record): logs.append(record.getMessage())
key_fallback.log.addHandler(Capture())
key_fallback.set_auth_failure_hook(events.append)
class Response:
    def __init__(self, status): self.status_code = status
seen = []
def call(key):
    seen.append("primary" if key == "${primary}" else "fallback")
    return Response(401 if key == "${primary}" else 200)
ok = key_fallback.with_key_fallback("billing-api", "BILLING_API_KEY", call).status_code
tried_401 = list(seen)
seen.clear()
five = key_fallback.with_key_fallback("billing-api", "BILLING_API_KEY", lambda key: seen.append(1) or Response(500)).status_code
print(json.dumps({"ok": ok, "tried": tried_401, "five": five, "five_calls": len(seen), "events": events, "logs": logs}))
`;
      const run = spawnSync('python3', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, BILLING_API_KEY_PRIMARY: primary, BILLING_API_KEY_FALLBACK: fallback } });
      assert.equal(run.status, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { ok: number; tried: string[]; five: number; five_calls: number; events: Array<Record<string, string>>; logs: string[] };
      assert.equal(out.ok, 200);
      assert.deepEqual(out.tried, ['primary', 'fallback']);
      assert.deepEqual([out.five, out.five_calls], [500, 1]);
      assert.equal(out.events.length, 1);
      assert.deepEqual(Object.keys(out.events[0]!).sort(), ['environment', 'error', 'service', 'timestamp']);
      assert.ok(!run.stdout.includes(primary) && !run.stdout.includes(fallback) && !run.stderr.includes(primary));
    } finally {
      cleanup();
    }
  });
});
