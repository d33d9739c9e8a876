export { applyBaseline, BASELINE_FILE, BaselineError, createBaseline, findingSalt, newBaselineSalt, parseBaseline, serializeBaseline } from './baseline';
export type { Baseline, BaselineEntry } from './baseline';
export { IGNORE_DIRECTIVE, parseIgnoreDirectives } from './ignoreComments';
export type { IgnoreDirectives } from './ignoreComments';
