import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { blank, commandSpans, onlySpans } from '../../../src/core/analyze/extract/commandLine';
import { DIRECTIVE, extractLabelledValuesSteps, extractTextLinesSteps, extractTextPairsSteps, HEADER_DIRECTIVE, mayBeDirective, ownerPath, PAIRS_LINE, TEXT_PAIR } from '../../../src/core/analyze/extract/lines';
import { runSteps } from '../../../src/core/analyze/abort';
import { readFileSync } from 'node:fs';
import { matchBound, namesMayBind } from '../../../src/core/analyze/binding';
import { maskWithout } from '../../../src/core/analyze/ruleMask';
import { ALL_RULES, HEURISTIC_BITS } from '../../../src/core/analyze/ruleSet';
import { boundRuleSamples } from './boundRuleSamples';
import { sampleGen, seededRandom } from '../../../src/core/rules/sampleGen';

/**
 * The cheap tests put in front of the text passes' expressions (speed20, bench/NOTES.md) must never say "no" where the
 * expression says "yes", and the lazily made owner paths must be the ones made before. Each gate is checked against its
 * expression on lines built to reach it and on lines built to miss it, and on random lines.
 */
const g = sampleGen(0x5020);

/** Deterministic pseudo-random lines over the characters these expressions turn on. */
function randomLines(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const next = (n: number) => Math.floor(random() * n);
  const pieces = [' ', ' k=v', '\t', '\r', '=', ':', '-', '*', '#', ';', '[', '"', "'", 'a', 'Z', '_', '.', '1', 'é', '\u{1F600}', 'set ', 'export ', 'more_set_headers ', 'proxy_set_header ', 'Header ', 'SetEnv ', 'http-request ', 'add_header ', 'env ', 'API_TOKEN', 'value'];
  return Array.from({ length: count }, () => Array.from({ length: next(12) }, () => pieces[next(pieces.length)]!).join(''));
}

const DIRECTIVE_LINES = [
  'proxy_set_header Authorization "Bearer x";',
  '  grpc_set_header X-Api-Key abc;',
  '\tadd_header X-Token: v;',
  'fastcgi_param API_TOKEN v;',
  'uwsgi_param API_TOKEN v;',
  'scgi_param API_TOKEN v;',
  'set $api_key v;',
  'env API_KEY v',
  'SetEnv API_TOKEN v',
  'RequestHeader set X-Api-Key "v"',
  'Header always set X-Api-Key v',
  'http-request set-header X-Api-Key v',
  'http-response set-var(txn.key) API_TOKEN v',
  '   more_set_headers "X-Api-Key: v";',
  'more_set_input_headers -r "X-Api-Key: v";',
];

describe('hot-path gates of the text passes agree with their expressions', () => {
  it('a web-server directive line passes mayBeDirective, as every line either expression matches', () => {
    for (const line of DIRECTIVE_LINES) {
      assert.ok(DIRECTIVE.test(line) || HEADER_DIRECTIVE.test(line), `the expressions read ${line}`);
      assert.ok(mayBeDirective(line), line);
    }
    let matched = 0;
    for (const line of [...randomLines(20000, 7), ...DIRECTIVE_LINES.map((l) => `x${l}`), ...DIRECTIVE_LINES.map((l) => l.replace(/[a-z]/, 'Q'))]) {
      if (!DIRECTIVE.test(line) && !HEADER_DIRECTIVE.test(line)) continue;
      matched++;
      assert.ok(mayBeDirective(line), JSON.stringify(line));
    }
    assert.ok(matched > 50, `${matched} random lines reached the expressions`);
  });

  it('prose, Markdown and code lines are passed over by mayBeDirective', () => {
    for (const line of ['The release notes follow.', '# Heading', '- item: value', '  | a | b |', '```sh', 'const x = 1;', '', '   ', 'More text', 'ENV X=1']) {
      assert.equal(mayBeDirective(line), false, line);
      assert.equal(DIRECTIVE.test(line) || HEADER_DIRECTIVE.test(line), false, line);
    }
  });

  it('PAIRS_LINE and TEXT_PAIR only match lines holding the characters the gates look for', () => {
    const lines = [...randomLines(20000, 11), 'web1 ansible_host=10.0.0.1 ansible_password=x', 'API_TOKEN: abc', 'export KEY=v', '- name: x', 'plain words only'];
    let pairs = 0;
    let textPairs = 0;
    for (const line of lines) {
      if (PAIRS_LINE.test(line)) {
        pairs++;
        assert.ok(line.includes('='), JSON.stringify(line));
      }
      if (TEXT_PAIR.test(line)) {
        textPairs++;
        assert.ok(line.includes(':') || line.includes('='), JSON.stringify(line));
      }
    }
    // The random lines reach both expressions: the check above is not vacuous.
    assert.ok(pairs > 100 && textPairs > 100, `${pairs} pair lines, ${textPairs} text pairs`);
  });

  it('blank keeps line breaks and every other UTF-16 unit becomes a space, as the replace it stands for', () => {
    for (const s of ['', '\n', 'a', 'a\r\nb\n\n', '\u{1F600}x\n', ...randomLines(2000, 3).map((l, i) => (i % 3 ? `${l}\n${l}` : l))]) {
      assert.equal(blank(s), s.replace(/[^\n]/g, ' '), JSON.stringify(s));
    }
    const text = 'intro\r\n```sh\ncurl -u me:pw\n```\nend\n';
    const start = text.indexOf('curl');
    const out = onlySpans(text, [[start, text.indexOf('\n', start)]]);
    assert.equal(out.length, text.length);
    assert.equal(out, text.replace(/[^\n]/g, ' ').slice(0, start) + 'curl -u me:pw' + text.slice(text.indexOf('\n', start)).replace(/[^\n]/g, ' '));
  });

  it('namesMayBind says yes wherever matchBound binds a value, and no for names that bind nothing', () => {
    // Every name-bound rule's own samples (value and name), under their names, spelled otherwise, and under other names.
    const names = ['deps', 'res.set', 'Content-Type', '', 'keys', 'tokenizer', 'X-Api-Key', 'Twilio auth token', 'jwt.sign', 'hmac', 'credentials', 'self.api_key', 'DB_PASSWORD', 'request_id'];
    const values: string[] = [g.alnum(32), g.hex(40), g.uuid(), `${g.alnum(6)}!${g.digits(4)}`];
    const samples = boundRuleSamples(g, (n) => [n, n.toUpperCase(), `config.${n}`, n.replace(/_/g, '-')]);
    values.push(...samples.values);
    names.push(...samples.names);
    let bound = 0;
    for (const bindable of [ALL_RULES, maskWithout(ALL_RULES, HEURISTIC_BITS), HEURISTIC_BITS]) {
      for (const value of values) {
        for (const name of names) {
          for (const inTests of [false, true]) {
            if (!matchBound(value, [name], bindable, inTests)) continue;
            bound++;
            assert.ok(namesMayBind([name], bindable), `${name} binds a value`);
            assert.ok(namesMayBind(['deps', name], bindable));
          }
        }
      }
    }
    assert.ok(bound > 100, `${bound} bindings checked`);
    for (const name of ['deps', 'res.set', 'Content-Type', 'request_id', 'tokenizer']) assert.equal(namesMayBind([name], ALL_RULES), false, name);
  });

  it("commandSpans finds a Markdown document's shell fences as the expression on every line did", () => {
    // The fence reading before the first-character gate, for Markdown.
    const SHELL_FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*(?:sh|bash|zsh|shell|console|shell-session|terminal|ps1|powershell|cmd|bat|dockerfile|makefile|make)?[ \t]*$/i;
    const reference = (text: string) => {
      const spans: Array<[number, number]> = [];
      let fence: string | undefined;
      let fenceShell = false;
      for (let start = 0; start <= text.length; ) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        const open = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(text.slice(start, Math.min(end, start + 64)));
        if (fence === undefined && open) {
          fence = open[1]!;
          // The opening line without a CRLF text's `\r` (before, a Windows README's shell fences were never read).
          fenceShell = SHELL_FENCE.test(text.slice(start, end).replace(/\r$/, ''));
        } else if (fence !== undefined && open && open[1]!.startsWith(fence) && text.slice(start, end).trim() === open[1]) fence = undefined;
        else if (fence !== undefined && fenceShell) spans.push([start, end]);
        start = end + 1;
      }
      return spans;
    };
    const lineKinds = ['```sh', '```', '~~~bash', '   ```', '    ```sh', '\t```', ' \t ~~~~', '````', '```js', 'curl -u me:pw', 'text `code` here', '', '  ', '~~', '`` not a fence', 'export TOKEN=x'];
    const random = seededRandom(9);
    const next = (n: number) => Math.floor(random() * n);
    let spans = 0;
    let unfenced = 0;
    for (let doc = 0; doc < 400; doc++) {
      // Every other document from lines that open no fence (inline code, two backticks or tildes).
      const kinds = doc % 2 === 0 ? lineKinds : lineKinds.filter((k) => !k.includes('```') && !k.includes('~~~'));
      const text = Array.from({ length: 1 + next(30) }, () => kinds[next(kinds.length)]!).join(next(4) === 0 ? '\r\n' : '\n');
      const expected = reference(text);
      spans += expected.length;
      if (!text.includes('```') && !text.includes('~~~')) unfenced++;
      assert.deepEqual(commandSpans('docs/README.md', text), expected, JSON.stringify(text));
    }
    assert.ok(spans > 100, `${spans} command lines`);
    // Documents with no fence at all (commandSpans returns before reading their lines).
    assert.ok(unfenced > 150, `${unfenced} documents without a fence`);
  });

  it("ownerPath is the dotted keys above the value's, with a step's action for its `with:` inputs", () => {
    const reference = (keys: Array<{ indent: number; key: string }>, actions: Map<number, string> | undefined) => {
      const owners = keys.slice(0, -1).map((k) => k.key);
      const input = keys.length > 1 && actions ? actions.get(keys[keys.length - 2]!.indent) : undefined;
      if (input) owners.push(input);
      return owners.join('.');
    };
    const actions = new Map([[2, 'codecov/codecov-action@v4']]);
    const stacks = [[], [{ indent: 0, key: 'a' }], [{ indent: 0, key: '' }, { indent: 2, key: 'with' }, { indent: 4, key: 'token' }], [{ indent: 2, key: 'with' }, { indent: 4, key: 'token' }], [{ indent: 0, key: 'services' }, { indent: 2, key: 'postmark' }, { indent: 4, key: 'server_token' }]];
    for (const keys of stacks) for (const a of [undefined, actions]) assert.equal(ownerPath(keys, a), reference(keys, a), JSON.stringify(keys));
  });

  it('owner paths still name the provider, and a container left behind names nothing after it (JSON and YAML)', () => {
    const a = g.alnum(32);
    const b = g.alnum(32);
    const find = (path: string, text: string, value: string) => analyzeText(path, text, { salt: 'gates' }).findings.find((f) => f.offset === text.indexOf(value));
    const json = `{\n  "postmark": { "server": { "token": "${a}" } },\n  "other": { "token": "${b}" }\n}\n`;
    assert.equal(find('config/app.json', json, a)?.provider, 'Postmark');
    assert.equal(find('config/app.json', json, b)?.provider, 'Generic');
    // Right after a container closes, with no other opened since.
    const after = `{\n  "postmark": { "server": { "token": "${a}" } },\n  "api_token": "${b}"\n}\n`;
    assert.equal(find('config/app.json', after, a)?.provider, 'Postmark');
    assert.equal(find('config/app.json', after, b)?.provider, 'Generic');
    const yaml = `services:\n  postmark:\n    server_token: ${a}\n  other:\n    server_token: ${b}\n`;
    assert.equal(find('deploy/values.yaml', yaml, a)?.provider, 'Postmark');
    assert.equal(find('deploy/values.yaml', yaml, b)?.provider, 'Generic');
    const step = `jobs:\n  test:\n    steps:\n      - uses: codecov/codecov-action@v4\n        with:\n          token: ${a}\n`;
    assert.equal(find('.github/workflows/ci.yml', step, a)?.provider, 'Codecov');
  });

  it('the two line passes of a text file in one loop give each pass its candidates as it gave them alone', () => {
    const random = seededRandom(21);
    const next = (n: number) => Math.floor(random() * n);
    const lineKinds = ['API_TOKEN: abcdef0123456789abcd', 'export SECRET=s3cr3t-v4lu3-xyz', "Twilio auth token: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'", 'token "9f8e7d6c5b4a39281706"', '{"api_key": "k-0123456789abcdef"}', "  'password' : 'hunter2hunter2'", 'proxy_set_header X-Api-Key abcdefgh12345678;', 'X := value-of-make', '- name: deploy', '', 'plain words here', 'a = "b"', '\r'];
    const texts = [
      ...Array.from({ length: 300 }, () => Array.from({ length: 1 + next(25) }, () => lineKinds[next(lineKinds.length)]!).join(next(3) === 0 ? '\r\n' : '\n')),
      ...randomLines(3000, 22).reduce<string[]>((docs, line, i) => (i % 30 === 0 ? [...docs, line] : [...docs.slice(0, -1), `${docs[docs.length - 1]}\n${line}`]), []),
      readFileSync('README.md', 'utf8'),
      readFileSync('docs/ARCHITECTURE.md', 'utf8'),
    ];
    let candidates = 0;
    for (const text of texts) {
      const both = runSteps(extractTextLinesSteps(text));
      assert.deepEqual(both.pairs, runSteps(extractTextPairsSteps(text)), JSON.stringify(text.slice(0, 200)));
      assert.deepEqual(both.labelled, runSteps(extractLabelledValuesSteps(text)), JSON.stringify(text.slice(0, 200)));
      candidates += both.pairs.candidates.length + both.labelled.candidates.length;
    }
    assert.ok(candidates > 1000, `${candidates} candidates`);
  });
});
