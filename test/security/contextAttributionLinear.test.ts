import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze/index';
import { fill, linearFailure, MIB, plainText, timeOf } from './ruleTiming';

/**
 * Naming a key by its context (attribution.ts: the blocks above it, its paragraph's comments, the file's name, imports
 * and hosts; binding.ts: a bare `key` in a provider's SDK call; wildPlacements.test.ts) stays linear on hostile input:
 * thousands of keys each walking back through deep indentation, staircases of headers, lines of many calls opened,
 * files of many imports and hosts.
 */
describe('security: keys named by their context, in linear time', function () {
  this.timeout(300_000);
  let plainMsPerMiB = 0;
  before(() => {
    plainMsPerMiB = timeOf(() => analyzeText('notes.txt', plainText(MIB), { salt: 'linear' }), 3);
  });
  const value = 'Zx8Qp2LmN4vR7tY1wE5uI9oA';
  const v = (): string => value;
  const inputs: Array<[string, string, (size: number) => string]> = [
    ['many keys under credential names, each deep in a block', 'src/config.ts', (size) => `export const c = {\n${fill('', `${' '.repeat(60)}apiSecret: '${v()}',\n`, size)}};\n`],
    ['a staircase of ever less indented headers above many keys', 'app/settings.py', (size) => `${fill('', `${' '.repeat(40)}# a comment line without a provider word in it\n`, size / 2)}${fill('', `api_secret = "${v()}"\n`, size / 2)}`],
    ['a paragraph of comment lines above many keys', '.env', (size) => `${fill('', '# note: nothing of whose it is\n', size / 2)}${fill('', `API_SECRET=${v()}\n`, size / 2)}`],
    ['a line of many provider calls opened before a key', 'src/mail.ts', (size) => `const m = ${fill('', 'mailgun.client({ a: ', size)}{ key: '${v()}' };\n`],
    ['many bare keys in provider calls', 'src/mail.ts', (size) => fill('', `mailgun.client({ username: 'api', key: '${v()}' });\n`, size)],
    ['a long identifier before a call opened, then key', 'src/mail.ts', (size) => fill('', `${'a.'.repeat(60)}x({ key: '${v()}' });\n`, size)],
    ['many imports and hosts, then a key', 'src/hooks.ts', (size) => `${fill('', "import x from 'twilio'; const u = 'https://api.mailgun.net'; ", size)}\nconst apiSecret = '${v()}';\n`],
    ['a run of dotted host-like words', 'notes/hosts.py', (size) => `${fill('', 'a1-b.', size)}com\napi_secret = "${v()}"\n`],
    ['a staircase of less indented lines ending in comments and spaces, above many keys', 'src/tests.go', (size) => `${fill('', `${' '.repeat(40)}x, //${' '.repeat(120)}a\n`, size / 2)}${fill('', `${' '.repeat(60)}api_secret: "${v()}",\n`, size / 2)}`],
    ['many badge-like paths before query tokens', 'README.md', (size) => fill('', `https://h/${'graph/'.repeat(20)}${'badge'.repeat(10)}.svg?token=${v()} `, size)],
    ['many positional SDK calls', 'src/sms.ts', (size) => fill('', `twilio('AC', '${v()}'); algoliasearch('APP', '${v()}');\n`, size)],
  ];
  for (const [name, path, build] of inputs) {
    it(name, () => {
      const failure = linearFailure(name, build, (text) => analyzeText(path, text, { salt: 'linear', maxFileBytes: 4 * MIB }), plainMsPerMiB, 20, 50);
      assert.equal(failure, undefined, failure);
    });
  }
});
