import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('architecture', () => {
  it('src/core never imports vscode, so every rule, fix and probe runs on plain Node', () => {
    const offenders = sourceFiles(join(__dirname, '../../src/core')).filter((file) =>
      /(?:from\s+|require\(\s*|import\(\s*)['"]vscode['"]/.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });

  it('src/core and src/cli never import the extension or server layers', () => {
    const files = [...sourceFiles(join(__dirname, '../../src/core')), ...sourceFiles(join(__dirname, '../../src/cli'))];
    const offenders = files.filter((file) => /from\s+['"][./]*(?:\.\.\/)+(?:extension|server)\//.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
