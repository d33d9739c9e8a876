import * as assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownCode } from '../../src/core/markdownCode';
import { applyFix, DotenvDestination, FixAbortedError, type SecretDestination } from '../../src/core/fix/index';
import { dotenvNames } from '../../src/core/fix/filePlan';
import { sha256 } from '../../src/core/fix/hash';
import { testKey } from '../unit/probe/helpers';
import { tempDir } from './hostile';

/** Files of a cloned repository that point elsewhere: a symlinked `.env`, a symlinked `src/`, a probe URL made to break out of Markdown. */
describe('security: symlinks and Markdown a repository plants', () => {
  it('a .env that is a symlink is neither read nor written through', async () => {
    const ws = tempDir('ws');
    const outside = join(tempDir('outside'), 'private.env');
    writeFileSync(outside, 'HOME_SECRET=kept-outside\n');
    symlinkSync(outside, join(ws, '.env'));
    const value = testKey('literal');
    await assert.rejects(new DotenvDestination({ root: ws, useGit: false }).store('STRIPE_KEY', value), /\.env .* is a symbolic link; Rotation Ready does not read or write through it/);
    assert.equal(readFileSync(outside, 'utf8'), 'HOME_SECRET=kept-outside\n', 'the outside file is untouched');
    assert.ok(lstatSync(join(ws, '.env')).isSymbolicLink(), 'the link was not replaced by a copy of the outside file');
    assert.equal(dotenvNames(ws).size, 0, 'names are not read through the link either');
  });

  it('a helper file is not written into a symlinked src/ that leaves the workspace; nothing is stored', async () => {
    const ws = tempDir('ws');
    const outside = tempDir('outside');
    symlinkSync(outside, join(ws, 'src'), 'dir');
    const value = testKey('literal');
    const original = `const key = "${value}";\n`;
    const stores: string[] = [];
    const destination: SecretDestination = { label: 'memory', store: async (name) => (stores.push(name), { label: 'memory', undo: async () => undefined }) };
    const plan = {
      path: join(ws, 'app.ts'),
      newText: "import { requireEnv } from './src/requireEnv';\nconst key = requireEnv('API_KEY');\n",
      edits: [],
      helperFile: { path: 'src/requireEnv.ts', text: 'export function requireEnv() {}\n' },
      secrets: [{ envName: 'API_KEY', offset: original.indexOf(value), length: value.length, sha256: sha256(value) }],
    };
    await assert.rejects(applyFix(plan, original, destination, { root: ws, envExample: false }), (error: unknown) => {
      assert.ok(error instanceof FixAbortedError);
      assert.match(error.message, /helper file 'src\/requireEnv\.ts' resolves outside the workspace/);
      assert.ok(!error.message.includes(value));
      return true;
    });
    assert.deepEqual(stores, [], 'the secret was not stored: nothing changed');

    // A src/ symlink that stays inside the workspace is fine.
    const inside = tempDir('ws2');
    mkdirSync(join(inside, 'lib'));
    symlinkSync(join(inside, 'lib'), join(inside, 'src'), 'dir');
    await applyFix({ ...plan, path: join(inside, 'app.ts') }, original, destination, { root: inside, envExample: false });
    assert.deepEqual(stores, ['API_KEY']);
  });

  it('a probe URL is one code span in a tooltip, whatever backticks or line breaks it holds', () => {
    // CommonMark as markdown-it renders it (installed with @vscode/vsce, which renders README Markdown the same way).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it') as new () => { renderInline(text: string): string };
    const md = new MarkdownIt();
    const hostile = [
      'https://x.example/`](command:workbench.action.terminal.new)`',
      'https://x.example/``` ```[link](https://evil.example)',
      '`https://x.example/`',
      'https://x.example/\n\n# heading\n[x](https://evil.example)',
      'https://x.example/<img src=x onerror=alert(1)>',
    ];
    for (const url of hostile) {
      const html = md.renderInline(`Probe: ${markdownCode(`GET ${url}`)}`);
      const match = /^Probe: <code>([^]*)<\/code>$/.exec(html);
      assert.ok(match, `${JSON.stringify(url)} rendered as ${html}`);
      assert.doesNotMatch(match[1]!, /<(?!\/?code)[a-z]/i, 'no element inside the code span');
      const shown = match[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      assert.equal(shown, `GET ${url}`.replace(/\n/g, ' '), 'the whole URL is shown, as text');
    }
  });
});
