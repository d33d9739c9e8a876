/** The languages the analyzer understands; everything else is read as `text` (token-based). */
export type AnalyzerLanguage =
  | 'typescript'
  | 'javascript'
  | 'json'
  | 'jsonc'
  | 'yaml'
  | 'dotenv'
  | 'dockerfile'
  | 'properties'
  | 'ini'
  | 'python'
  | 'shell'
  | 'xml'
  | 'notebook'
  | 'text';

const byExtension = new Map<string, AnalyzerLanguage>(Object.entries({
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  // Jest's and Vitest's snapshot files are CommonJS modules (`exports[\`name 1\`] = \`…\`;`).
  snap: 'javascript',
  json: 'json', jsonc: 'jsonc', json5: 'jsonc', 'code-workspace': 'jsonc',
  yaml: 'yaml', yml: 'yaml',
  env: 'dotenv',
  properties: 'properties',
  ini: 'ini', cfg: 'ini', conf: 'ini', toml: 'ini', editorconfig: 'ini', npmrc: 'ini',
  py: 'python', pyi: 'python', pyw: 'python',
  sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell',
  ipynb: 'notebook',
  xml: 'xml', config: 'xml', csproj: 'xml', vbproj: 'xml', fsproj: 'xml', props: 'xml', targets: 'xml', nuspec: 'xml', plist: 'xml', xaml: 'xml', resx: 'xml',
} satisfies Record<string, AnalyzerLanguage>));

const byBasename = new Map<string, AnalyzerLanguage>(Object.entries({
  dockerfile: 'dockerfile', containerfile: 'dockerfile',
  '.npmrc': 'ini', '.pypirc': 'ini', '.gitconfig': 'ini', '.netrc': 'text',
  '.bashrc': 'shell', '.zshrc': 'shell', '.profile': 'shell', '.bash_profile': 'shell', '.envrc': 'shell',
  // A shell's history: the commands typed, `export X=…` and `mysql -p'…'` among them.
  '.bash_history': 'shell', '.zsh_history': 'shell', '.sh_history': 'shell', '.history': 'shell', '.ash_history': 'shell',
  'tsconfig.json': 'jsonc', 'jsconfig.json': 'jsonc', '.eslintrc.json': 'jsonc', 'devcontainer.json': 'jsonc',
  'settings.json': 'jsonc', 'launch.json': 'jsonc', 'tasks.json': 'jsonc', 'extensions.json': 'jsonc',
} satisfies Record<string, AnalyzerLanguage>));

/**
 * Decides the language from the path alone, as the CLI has nothing else (the editor's language id may differ). Maps,
 * not object literals: a file named `constructor` or `__proto__` must not find Object's own members.
 */
export function languageOfPath(path: string): AnalyzerLanguage {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  const known = byBasename.get(base);
  if (known) return known;
  // .env, .env.local, .env.production, app.env, .env.example
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  if (base.startsWith('dockerfile.') || base.endsWith('.dockerfile')) return 'dockerfile';
  const dot = base.lastIndexOf('.');
  if (dot < 0) return 'text';
  return byExtension.get(base.slice(dot + 1)) ?? 'text';
}

/**
 * Test files, fixtures and example/sample/template files (`.env.example`): an error is reported as a warning there
 * (finding.ts), and the heuristics take only values that look machine-made (binding.testValueMask).
 */
export function isTestPath(path: string): boolean {
  // `.example` at the very end is enough: whatever precedes it in its segment matched `[^\\/]*` after the segment's
  // start (the form read before tried that from every slash of the path, once per file of a scan).
  return /\.(?:example|sample|template|dist)$/i.test(path) || /(?:^|[\\/])(?:__tests__|__mocks__|__fixtures__|fixtures?|testdata|test-data|tests?|spec|e2e)[\\/]|\.(?:test|spec|stories|fixture)\.[cm]?[jt]sx?$|(?:^|[\\/])test_[^\\/]*\.py$|_test\.(?:py|go)$/i.test(path);
}
