// Node's V8 compile cache for the language server (issue 16.6): the extension passes a folder of its own global
// storage on the server's command line; dist/server.js turns the cache on before it loads the server's code.
import Module from 'node:module';
import { isAbsolute } from 'node:path';

/** The server's argument naming the cache folder: `--rotation-ready-compile-cache=<absolute path>`. */
export const COMPILE_CACHE_ARG = '--rotation-ready-compile-cache=';

/** node:module's compile-cache API, which Node.js 20 (and an older Electron's Node) lacks: feature-detected. */
interface CompileCacheApi {
  enableCompileCache?: (directory: string) => { status: number; message?: string; directory?: string };
  flushCompileCache?: () => void;
  constants?: { compileCacheStatus?: Record<string, number> };
}
const api = Module as unknown as CompileCacheApi;

/**
 * Turns the compile cache on in the folder the command line names, when this Node.js has one. Only an absolute path
 * from our own argument counts: the extension chooses it (its global storage), never a workspace, whose files could
 * otherwise feed V8 code. Returns what happened, for the start-up log.
 */
export function enableCompileCacheFromArgs(argv: readonly string[]): string {
  const directory = argv.find((arg) => arg.startsWith(COMPILE_CACHE_ARG))?.slice(COMPILE_CACHE_ARG.length);
  if (!directory) return 'off (no folder given)';
  if (!isAbsolute(directory)) return 'off (the folder given is not an absolute path)';
  if (typeof api.enableCompileCache !== 'function') return `off (Node.js ${process.versions.node} has none)`;
  try {
    const result = api.enableCompileCache(directory);
    const names = Object.entries(api.constants?.compileCacheStatus ?? {}).find(([, value]) => value === result.status)?.[0];
    return result.directory ? `on (${(names ?? String(result.status)).toLowerCase()})` : `off (${result.message ?? names ?? result.status})`;
  } catch (error) {
    return `off (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Writes what was compiled so far to the cache now, rather than at exit (a killed process never writes it). */
export function flushCompileCache(): void {
  if (typeof api.flushCompileCache === 'function') api.flushCompileCache();
}
