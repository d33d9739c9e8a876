import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Places a key is written in other ecosystems' files (issue 17: gitleaks' generated samples put every key in 26
 * file formats, and 4 of them were not read): Make's assignment operators, PHP's `.=`, `"name" => "…"` settings,
 * XML elements and attributes (.NET app settings, NuGet, plists), a .env held in a string, and `NAME=value` lines in
 * a plain text file. Values are generated; the cases are ours, not a peer's samples.
 */
const g = sampleGen(0x1717);
const key = g.alnum(20) + g.digits(4) + g.alnum(8);

function found(path: string, text: string): string[] {
  return analyzeText(path, text, { salt: 'placements' })
    .findings.filter((f) => f.severity !== 'info' && f.severity !== 'hint')
    .map((f) => text.slice(f.offset, f.offset + f.length));
}

describe('analyzeText: placements in other ecosystems\' files', () => {
  const cases: Array<[string, string, string]> = [
    ['Make ::=', 'build/config.mk', `API_TOKEN ::= "${key}"\n`],
    ['Make :::=', 'Makefile.mk', `API_TOKEN :::= "${key}"\n`],
    ['Make ?=', 'rules.mk', `API_TOKEN ?= "${key}"\n`],
    ['Make :=', 'rules.mk', `API_TOKEN := "${key}"\n`],
    ['PHP .=', 'lib/client.php', `<?php\n$apiToken .= "${key}";\n`],
    ['"name" => "value" in a .conf', 'pipeline/logstash.conf', `output {\n  http {\n    "apiToken" => "${key}"\n  }\n}\n`],
    ['an XML element', 'config/settings.xml', `<settings>\n  <apiToken>\n    ${key}\n  </apiToken>\n</settings>\n`],
    ['an XML attribute', 'app/db.xml', `<connection host="db.internal" password="${key}"/>\n`],
    ['.NET app settings', 'web.config', `<appSettings>\n  <add key="PaymentApiKey" value="${key}" />\n</appSettings>\n`],
    ['a plist', 'Info.plist', `<dict>\n  <key>ApiToken</key>\n  <string>${key}</string>\n</dict>\n`],
    ['a .env held in a JSON string', 'deploy/files.json', `{"config.ini": "API_TOKEN=${key}\\nDEBUG=true"}\n`],
    ['a .env line after a \\n escape', 'deploy/files.json', `{"config.ini": "DEBUG=true\\nAPI_TOKEN=${key}\\n"}\n`],
    ['NAME=value in a text file', 'notes/setup.txt', `Staging:\nAPI_TOKEN=${key}\n`],
    ['export NAME=value in a text file', 'notes/setup.txt', `  export API_TOKEN=${key}\n`],
  ];
  for (const [name, path, text] of cases) {
    it(`finds the key: ${name}`, () => assert.deepEqual(found(path, text), [key]));
  }

  const quiet: Array<[string, string, string]> = [
    ['a Make variable that is not a secret', 'rules.mk', 'CC ?= arm-none-eabi-gcc-12.2.1\nTOKEN_DIR := build/generated/tokens\n'],
    ['an XML element that is not a secret', 'pom.xml', '<project>\n  <version>1.2.3-SNAPSHOT-build</version>\n  <tokenizer>org.example.StandardTokenizer</tokenizer>\n</project>\n'],
    ['app settings that are not secrets', 'web.config', '<appSettings>\n  <add key="Theme" value="dark-mode-enabled" />\n  <add key="TokenLifetime" value="00:30:00.000" />\n</appSettings>\n'],
    ['a placeholder in a text file', 'notes/setup.txt', 'API_TOKEN=your-api-token-here\nexport SECRET_KEY=changeme-changeme\n'],
    ['a path in a text file', 'notes/setup.txt', 'PATH=/usr/local/bin:/usr/bin\n'],
    ['code with spaces around =', 'notes/setup.txt', 'token = getToken(environmentName)\n'],
    ['a form body in a doc example', 'oauth/endpoints.py', `    >>> b\n    'oauth_token=${g.alnum(18)}&oauth_token_secret=${g.alnum(15)}&realms=movies'\n`],
  ];
  for (const [name, path, text] of quiet) {
    it(`stays quiet: ${name}`, () => assert.deepEqual(found(path, text), []));
  }

  it('reads a hostile XML file in one pass: unclosed tags, attributes without quotes, a tag per character', () => {
    for (const text of ['<'.repeat(200_000), '<a b='.repeat(50_000), `<a x="${'y'.repeat(100_000)}`, '<key>'.repeat(40_000), `<a>${' '.repeat(200_000)}`]) {
      assert.deepEqual(found('hostile.xml', text), []);
    }
  });
});

describe('analyzeText: comment pairs in a file whose lines end with a lone CR', () => {
  it('finds NAME=value on a commented line and a NAME=value line, as with LF', () => {
    const key = sampleGen(0x1718).alnum(28) + '7Q';
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['const a = 1;', `// API_TOKEN=${key}`, 'const b = 2;'].join(eol) + eol;
      const findings = analyzeText('src/app.ts', text, { salt: 'eol' }).findings.filter((f) => f.severity !== 'info' && f.severity !== 'hint');
      assert.deepEqual(findings.map((f) => [text.slice(f.offset, f.offset + f.length), f.range.start.line]), [[key, 1]], JSON.stringify(eol));
    }
  });
});

describe('analyzeText: an env read with a fallback value in Python', () => {
  const key = sampleGen(0x1719).alnum(26) + '4K';
  it('`os.getenv("X") or "…"` and `os.environ.get("X") or "…"`: the fallback is the key the variable names', () => {
    assert.deepEqual(found('app/settings.py', `import os\nAPI = os.getenv("PAYMENT_API_KEY") or "${key}"\n`), [key]);
    assert.deepEqual(found('app/settings.py', `import os\nTOKEN = os.environ.get("GITHUB_TOKEN") or '${key}'\n`), [key]);
  });
  it('stays quiet on `or` after a call that names nothing secret', () => {
    assert.deepEqual(found('app/settings.py', `label = describe(value) or "${key}"\n`), []);
  });
});
