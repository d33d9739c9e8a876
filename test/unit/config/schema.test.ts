import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { loadConfig } from '../../../src/core/config/index';

const root = join(__dirname, '../../..');

/** The schema VS Code validates with while typing must agree with the loader on what is valid. */
describe('config: JSON Schema validates like the loader', () => {
  const schema = JSON.parse(readFileSync(join(root, 'media/rotation-ready.schema.json'), 'utf8'));
  // VS Code's own keywords (enumDescriptions, defaultSnippets) are not JSON Schema; formats are advisory.
  const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);

  it('accepts the demo config', () => {
    const text = readFileSync(join(root, 'demo/.rotation-ready.json'), 'utf8');
    assert.equal(validate(parse(text)), true, JSON.stringify(validate.errors));
  });

  const svc = (probe: string, extra = '') => `{"services":[{"name":"a",${extra}"probe":${probe}}]}`;
  const docs: Array<[string, string]> = [
    ['plain http to a public host', svc('{"url":"http://api.example.com","auth":{"type":"bearer"}}')],
    ['a header auth without a name', svc('{"url":"https://x.example","auth":{"type":"header"}}')],
    ['an Authorization header literal', svc('{"url":"https://x.example","auth":{"type":"bearer"},"headers":{"authorization":"x"}}')],
    ['zero rounds', svc('{"url":"https://x.example","auth":{"type":"bearer"},"rounds":0}')],
    ['a misspelt property', svc('{"url":"https://x.example","auth":{"type":"bearer"},"timeout":5}')],
    ['a slack sink without url', svc('{"url":"https://x.example","auth":{"type":"bearer"}}', '"alerts":{"sinks":[{"type":"slack"}]},')],
    ['an audit log without path', svc('{"url":"https://x.example","auth":{"type":"bearer"}}', '"alerts":{"sinks":[{"type":"audit-log"}]},')],
  ];
  for (const [what, text] of docs) {
    it(`rejects ${what}, as the loader does`, () => {
      assert.equal(validate(parse(text)), false, 'schema rejects');
      assert.ok(loadConfig(text, 'x.json').errors.length > 0, 'loader reports');
    });
  }

  it('accepts the valid variants the loader accepts', () => {
    const ok = svc(
      '{"url":"http://127.0.0.1:7311/a","method":"POST","body":{"q":1},"auth":{"type":"basic","username":"u"},"successStatus":[200],"timeoutMs":100,"rounds":2,"intervalMs":0}',
      '"environments":["dev",{"name":"prod","url":"https://p.example/a","envVars":{"primary":"P"}}],"envVars":{"fallback":"F"},"alerts":{"sinks":[{"type":"webhook","urlEnv":"HOOK"},{"type":"notification"}]},',
    );
    assert.equal(validate(parse(ok)), true, JSON.stringify(validate.errors));
    assert.deepEqual(loadConfig(ok, 'x.json').errors, []);
  });
});
