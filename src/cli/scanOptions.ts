/** The options of `scan`, apart from the command (commands/scan.ts) so that the CLI's entry (bin.ts) can read them before it loads anything. */
import { COMMON_OPTIONS, type OptionSpecs } from './args';

export const SCAN_OPTIONS = {
  format: COMMON_OPTIONS.format,
  output: COMMON_OPTIONS.output,
  exclude: COMMON_OPTIONS.exclude,
  staged: { type: 'boolean' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'no-ignore': { type: 'boolean' },
  'show-publishable': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  history: { type: 'boolean' },
  since: { type: 'string' },
  branch: { type: 'string', multiple: true },
} as const satisfies OptionSpecs;
