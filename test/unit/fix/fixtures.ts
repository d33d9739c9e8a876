import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSecret } from './support';

export const FIXTURES = join(__dirname, '../../fixtures/fix');

export interface FixtureCase {
  fix: 'env' | 'wrapper' | 'rotation-ready';
  /** Kind of generated secret that fills `{{secret}}` (see makeSecret). */
  secret?: string;
  provider?: string;
  ruleId?: string;
  suggestedEnvName?: string;
  envName?: string;
  existingEnvNames?: string[];
  /** The path the fix sees (decides language and placeholders); default `input.<ext>` → `src/<name>.<ext>`. */
  path?: string;
  packageType?: 'module' | 'commonjs';
  helperExists?: boolean;
  /** false: the input does not type-check on its own (e.g. imports a local module), skip that check. */
  typecheck?: boolean;
}

export interface Fixture {
  name: string;
  ext: string;
  config: FixtureCase;
  path: string;
  input: string;
  output: string;
  secret: string;
}

/**
 * A fixture that carries its project (`tsconfig.json`, `package.json`, and `files/` copied to the root) is planned
 * with the project information the CLI reads from disk and type-checked with `tsc -p` under its own tsconfig.
 */
export function fixtureProjectFiles(name: string): string[] {
  return ['tsconfig.json', 'package.json', 'files'].filter((f) => existsSync(join(FIXTURES, name, f)));
}

/** Every `test/fixtures/fix/<name>/` with case.json, input.<ext> and output.<ext>; `{{secret}}` filled with one generated value. */
export function loadFixtures(kind?: FixtureCase['fix']): Fixture[] {
  return readdirSync(FIXTURES)
    .filter((name) => !name.startsWith('_'))
    .sort()
    .map((name) => {
      const dir = join(FIXTURES, name);
      const files = readdirSync(dir);
      const inputFile = files.find((f) => f.startsWith('input.'));
      if (!inputFile) throw new Error(`fixture ${name} has no input file`);
      const ext = inputFile.slice('input.'.length);
      const config = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as FixtureCase;
      const secret = makeSecret(config.secret ?? 'generic');
      const fill = (text: string): string => text.split('{{secret}}').join(secret);
      return {
        name,
        ext,
        config,
        path: config.path ?? `src/${name}.${ext}`,
        input: fill(readFileSync(join(dir, inputFile), 'utf8')),
        output: existsSync(join(dir, `output.${ext}`)) ? fill(readFileSync(join(dir, `output.${ext}`), 'utf8')) : '',
        secret,
      };
    })
    .filter((f) => !kind || f.config.fix === kind);
}
