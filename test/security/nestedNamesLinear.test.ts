import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze/index';
import { fill, linearFailure, MIB, plainText, timeOf } from './ruleTiming';

/**
 * The passes that name a value one step away (nestedNames.test.ts) stay linear on hostile input: pair objects whose
 * labels and values keep coming (each label names the values before it), tables of many columns and of quotes that
 * never close, snapshots of many printed members, dicts and parameter lists the token pass walks back through.
 */
describe('security: names one step from the value, read in linear time', function () {
  this.timeout(300_000);
  let plainMsPerMiB = 0;
  before(() => {
    plainMsPerMiB = timeOf(() => analyzeText('notes.txt', plainText(MIB), { salt: 'linear' }), 3);
  });
  const v = 'Zx8Qp2LmN4vR7tY1wE5uI9oA';
  const inputs: Array<[string, string, (size: number) => string]> = [
    ['a YAML mapping of values then labels, one indent', 'k8s/env.yaml', (size) => `env:\n  - value: ${v}\n${fill('', `    value: ${v}\n    name: API_TOKEN\n`, size)}`],
    ['YAML items of a value before its label', 'k8s/env.yaml', (size) => `env:\n${fill('', `  - value: ${v}\n    name: API_TOKEN\n`, size)}`],
    ['a JSON object of many labels and values', 'env.json', (size) => `{${fill('', `"name": "API_TOKEN", "value": "${v}", `, size)}"x": 1}`],
    ['JSON pair objects nested deeply', 'env.json', (size) => `${'{"value": "x", "a": '.repeat(size / 40)}1${'}'.repeat(size / 40)}`],
    ['a CSV of many rows', 'data/a.csv', (size) => `id,api_token,created\n${fill('', `1,${v},2024-01-01\n`, size)}`],
    ['a CSV row of many columns', 'data/a.csv', (size) => `${fill('', 'api_token,', size / 2)}x\n${fill('', `${v},`, size / 2)}\n`],
    ['a CSV quote that never closes', 'data/a.csv', (size) => `id,api_token\n1,"${fill('', '""x', size)}\n`],
    ['a snapshot of many printed members', 'src/__snapshots__/a.test.ts.snap', (size) => `exports[\`a 1\`] = \`\n{\n${fill('', `  "apiKey": "${v}",\n`, size)}}\n\`;\n`],
    ['a TS object literal of many pair fields', 'src/env.ts', (size) => `export const e = {${fill('', ` name: "API_TOKEN", value: "${v}",`, size)} x: 1 };\n`],
    ['TS functions of many defaults', 'src/env.ts', (size) => fill('', `function useApiSecret(value = "${v}", key = "${v}") {}\n`, size)],
    ['a Python dict of many pair entries', 'app/env.py', (size) => `ENV = {${fill('', `"name": "API_TOKEN", "value": "${v}", `, size)}}\n`],
    ['Python fields with defaults', 'app/settings.py', (size) => `class S:\n${fill('', `    api_secret: str = Field(default="${v}")\n`, size)}`],
    ['a Python credentials dict', 'app/auth.py', (size) => `credentials = {${fill('', `"alice": "${v}", `, size)}}\n`],
  ];
  for (const [name, path, build] of inputs) {
    it(name, () => {
      const failure = linearFailure(name, build, (text) => analyzeText(path, text, { salt: 'linear', maxFileBytes: 4 * MIB }), plainMsPerMiB, 20, 50);
      assert.equal(failure, undefined, failure);
    });
  }
});
