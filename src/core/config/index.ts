export * from './types';
export { loadConfig, KNOWN_PROPERTIES } from './load';
export type { LoadedConfig } from './load';
export { formatConfigError } from './jsonc-reader';
export type { ConfigError } from './jsonc-reader';
