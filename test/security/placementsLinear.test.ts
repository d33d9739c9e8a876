import * as assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze/index';
import { fill, MIB, plainText, timeOf } from './ruleTiming';

/**
 * The placements' passes (issue 17) over hostile input stay linear: a notebook of many cells and deep JSON, a YAML of
 * many `script:` lines, lines of many `name=value` pairs, web-server directives, command lines of many options, JDBC
 * `;name=` parameters, `.netrc` tokens. Each within a generous multiple of plain text's time (CPU time, best of three) at 64 and 256 KiB.
 */
describe('security: the placement passes stay linear', function () {
  this.timeout(300_000);
  let plainMs = 0;
  before(() => {
    plainMs = timeOf(() => analyzeText('notes.txt', plainText(MIB), { salt: 'linear' }), 3);
  });
  const cell = JSON.stringify({ cell_type: 'code', metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['token=Zx8Qp2LmN4vR7tY1wE5uI9oA\n'] }], source: ['API_KEY = \\"Zx8Qp2LmN4vR7tY1wE5uI9oA\\"\n', '!redis-cli -a Zx8Qp2LmN4vR7tY1wE5uI9oA ping\n'] });
  const inputs: Array<[string, string, (size: number) => string]> = [
    ['a notebook of many cells', 'nb/big.ipynb', (size) => `{"cells": [${fill('', cell + ',', size - 64)}{}], "nbformat": 4}`],
    ['a notebook of one long line of escapes', 'nb/escapes.ipynb', (size) => `{"cells": [{"cell_type": "code", "source": ["token = \\"${fill('', '\\\\u0041', size - 64)}\\""]}]}`],
    ['a notebook nested deeply', 'nb/deep.ipynb', (size) => `{"cells": [{"cell_type": "code", "source": ["key=1"], "x": ${'['.repeat(size / 2 - 64)}${']'.repeat(size / 2 - 64)}}]}`],
    ['a CI file of many script lines', '.gitlab-ci.yml', (size) => `job:\n  script:\n${fill('', "    - mysql -uroot -p'Zx8Qp2LmN4vR7tY1wE5uI9oA' -e 'select 1'\n", size)}`],
    ['lines of many name=value pairs', 'inventory/hosts', (size) => fill('', 'web1 ' + 'ansible_password=Zx8Qp2LmN4vR7tY1wE5uI9oA '.repeat(40) + '\n', size)],
    ['one line of pairs', 'inventory/hosts', (size) => 'web1 ' + fill('', 'ansible_password=Zx8Qp2LmN4vR7tY1wE5uI9oA ', size)],
    ['web-server directives', 'nginx.conf', (size) => fill('', 'proxy_set_header X-Api-Key "Zx8Qp2LmN4vR7tY1wE5uI9oA";\n', size)],
    ['a command line of many options', 'run.sh', (size) => 'redis-cli ' + fill('', '-a Zx8Qp2LmN4vR7tY1wE5uI9oA ', size)],
    ['JDBC parameters with no URL before them', 'db.properties', (size) => fill('', ';password=Zx8Qp2LmN4vR7tY1wE5uI9oA', size)],
    ['a .netrc of many machines', '.netrc', (size) => fill('', 'machine api.example.com login me password Zx8Qp2LmN4vR7tY1wE5uI9oA\n', size)],
    ['a .netrc of one line of tokens and no values', '.netrc', (size) => fill('', 'password machine ', size)],
    ['a Markdown file of shell fences', 'README.md', (size) => fill('', '```sh\ncurl -u admin:Zx8Qp2LmN4vR7tY1wE5uI9oA https://x\n```\n', size)],
  ];
  for (const [name, path, build] of inputs) {
    it(name, () => {
      for (const size of [64 * 1024, 256 * 1024]) {
        const text = build(size);
        const ms = timeOf(() => analyzeText(path, text, { salt: 'linear', maxFileBytes: 4 * MIB }), 3);
        const budget = 20 * plainMs * (size / MIB) + 50;
        assert.ok(ms <= budget, `${ms.toFixed(0)} ms on ${size / 1024} KiB (budget ${budget.toFixed(0)} ms)`);
      }
    });
  }
});
