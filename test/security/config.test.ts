import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { loadConfig } from '../../src/core/config/index';
import { timeOf } from './ruleTiming';

/** Issue 13.6: a hostile `.rotation-ready.json` cannot make validation quadratic or blow the stack. */
const service = (name: string, url: string) => `{"name":"${name}","environments":["dev"],"probe":{"url":"${url}","auth":{"type":"bearer"}}}`;
const config = (services: string[]) => `{"services":[\n${services.join(',\n')}\n]}`;

describe('security: configuration validation is linear and never throws (issue 13.6)', function () {
  this.timeout(120_000);
  const N = 20_000;
  /** The yardstick: parsing the same text (linear), which validation must not exceed by more than a small multiple. */
  const parseMs = (text: string) => timeOf(() => parseTree(text), 2);

  it(`${N} services each with a bad URL cost a small multiple of parsing the file`, () => {
    const bad = config(Array.from({ length: N }, (_, i) => service(`svc-${i}`, 'ftp://not allowed')));
    let errors = 0;
    const ms = timeOf(() => (errors = loadConfig(bad, 'big.json').errors.length), 2);
    const parse = parseMs(bad);
    assert.ok(errors >= N, `${errors} errors`);
    assert.ok(ms < 10 * parse + 500, `${ms.toFixed(0)} ms against ${parse.toFixed(0)} ms to parse it`);
  });

  it(`${N} services with the same name cost a small multiple of parsing the file`, () => {
    const same = config(Array.from({ length: N }, () => service('svc', 'https://api.example.com/me')));
    let errors = 0;
    const ms = timeOf(() => (errors = loadConfig(same, 'big.json').errors.length), 2);
    const parse = parseMs(same);
    assert.equal(errors, N - 1);
    assert.ok(ms < 10 * parse + 500, `${ms.toFixed(0)} ms against ${parse.toFixed(0)} ms to parse it`);
  });

  it('one service with thousands of environments of one name is linear too', () => {
    const envs = (name: (i: number) => string) => `{"services":[{"name":"a","environments":[${Array.from({ length: N }, (_, i) => `"${name(i)}"`).join(',')}],"probe":{"url":"https://api.example.com/me","auth":{"type":"bearer"}}}]}`;
    const text = envs(() => 'dev');
    const ms = timeOf(() => loadConfig(text, 'x.json'));
    const parse = parseMs(text);
    assert.ok(ms < 10 * parse + 500, `${ms.toFixed(0)} ms against ${parse.toFixed(0)} ms to parse it`);
  });

  for (const [open, close] of [['[', ']'], ['{"a":', '}']] as const) {
    it(`100,000 levels of ${open} give a located error (file, line, JSON path), not a stack overflow`, () => {
      const depth = 100_000;
      const text = `{\n  "services": [],\n  "monitor":\n    ${open.repeat(depth)}1${close.repeat(depth)}\n}`;
      const { errors, services } = loadConfig(text, '/ws/.rotation-ready.json');
      assert.deepEqual(services, []);
      const error = errors.find((e) => /nested more than \d+ levels/.test(e.message));
      assert.ok(error, JSON.stringify(errors.slice(0, 3)));
      assert.equal(error.file, '/ws/.rotation-ready.json');
      assert.equal(error.line, 4);
      assert.match(error.path, open === '[' ? /^monitor(\[0\])+$/ : /^monitor(\.a)+$/);
    });
  }

  it('nesting within the limit still loads, with strings and comments that look like brackets ignored', () => {
    const text = `{ // [[[[ {{{{\n "services": [{"name": "a]]}}", /* ]]]] */ "probe": {"url": "https://api.example.com/me", "auth": {"type": "bearer"}}}]}`;
    const { errors } = loadConfig(text, 'x.json');
    assert.ok(errors.every((e) => !/nested/.test(e.message)), JSON.stringify(errors));
  });
});
