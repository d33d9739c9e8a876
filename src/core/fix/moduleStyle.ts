import { posix } from 'node:path';

/** How the edited file (and so the helper it imports) is written. */
export type ModuleStyle = 'ts' | 'esm' | 'cjs' | 'python';

/** What a pure planner needs to know about the project around a file (the I/O layer fills it in). */
export interface ProjectInfo {
  /** Folder for generated helper modules, on the same base as the edited path; default: the edited file's folder. */
  helperDir?: string;
  /** `type` of the nearest package.json: decides ESM or CJS for a `.js` file that has neither imports nor requires. */
  packageType?: 'module' | 'commonjs';
  /** Whether a path exists, so a helper is created once and a Python package is recognised. Default: nothing exists. */
  exists?: (path: string) => boolean;
  /**
   * The extension a relative import needs in this TS file under its own tsconfig (`.js` under
   * `module`/`moduleResolution` node16/nodenext, `.ts` when that project also sets `allowImportingTsExtensions`);
   * undefined: decide from the file's own imports.
   */
  tsImportExtension?: (path: string) => '.js' | '.ts' | undefined;
}

export function isTsPath(path: string): boolean {
  return /\.(?:ts|tsx|mts|cts)$/i.test(path) && !/\.d\.[cm]?ts$/i.test(path);
}

export function isJsPath(path: string): boolean {
  return /\.(?:js|jsx|mjs|cjs)$/i.test(path);
}

/** TS by extension; for JS the extension, then the file's own syntax, then package.json `type`. */
export function moduleStyleOf(path: string, text: string, packageType?: 'module' | 'commonjs'): ModuleStyle {
  if (/\.pyw?$/i.test(path)) return 'python';
  if (isTsPath(path)) return 'ts';
  if (/\.mjs$/i.test(path)) return 'esm';
  if (/\.cjs$/i.test(path)) return 'cjs';
  if (/^\s*(?:import\s[^(]|export\s)/m.test(text)) return 'esm';
  if (/\brequire\s*\(\s*['"]/.test(text) || /\bmodule\.exports\b/.test(text)) return 'cjs';
  return packageType === 'module' ? 'esm' : 'cjs';
}

/** File name of a helper in the project's style: `requireEnv.ts`, `keyFallback.mjs`, `key_fallback.py`… */
export function helperFileName(base: 'requireEnv' | 'keyFallback', style: ModuleStyle, packageType?: 'module' | 'commonjs'): string {
  switch (style) {
    case 'ts':
      return `${base}.ts`;
    case 'esm':
      return `${base}${packageType === 'module' ? '.js' : '.mjs'}`;
    case 'cjs':
      return `${base}${packageType === 'module' ? '.cjs' : '.js'}`;
    case 'python':
      return base === 'keyFallback' ? 'key_fallback.py' : 'require_env.py';
  }
}

/**
 * The specifier the edited file uses to import the helper: relative, `./` first, and with the extension
 * Node needs: always for ESM JS, for TS the one the file's relative imports already carry (`.js`, or `.ts`
 * under `allowImportingTsExtensions`), else the one its tsconfig requires (node16/nodenext); never for CJS `.js`.
 */
export function importSpecifier(fromPath: string, helperPath: string, style: ModuleStyle, fileText: string, tsExtension?: '.js' | '.ts'): string {
  let relative = posix.relative(posix.dirname(fromPath), helperPath);
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const ext = posix.extname(relative);
  const bare = relative.slice(0, relative.length - ext.length);
  if (style === 'ts') {
    // The file's own relative imports show what its configuration accepts; then the tsconfig's answer.
    const own = /from\s+['"]\.\.?\/[^'"]+(\.[jt]s)['"]/.exec(fileText)?.[1] as '.js' | '.ts' | undefined;
    const extension = own ?? tsExtension;
    return extension ? `${bare}${extension}` : bare;
  }
  if (style === 'esm') return relative;
  return ext === '.js' ? bare : relative;
}
