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
 * The server's argument saying that the cache folder comes in its first IPC message from the extension
 * (CompileCacheMessage): the extension forks the server when its code is loaded, before VS Code hands it the
 * extension context that names its global storage (src/extension/boot.ts).
 */
export const COMPILE_CACHE_FROM_PARENT_ARG = '--rotation-ready-compile-cache-from-parent';

/**
 * The extension's first IPC message to a server started with COMPILE_CACHE_FROM_PARENT_ARG: the cache folder (null:
 * no cache), and whether an open document needs the TypeScript compiler, which the server then loads as soon as its
 * own code is loaded, while the extension host is still starting the client (src/server/serverBoot.ts).
 */
export interface CompileCacheMessage {
  rotationReadyCompileCache: string | null;
  preloadTypeScript: boolean;
}

export function isCompileCacheMessage(message: unknown): message is CompileCacheMessage {
  if (typeof message !== 'object' || message === null || !('rotationReadyCompileCache' in message)) return false;
  const { rotationReadyCompileCache: directory, preloadTypeScript } = message as CompileCacheMessage;
  return (directory === null || typeof directory === 'string') && typeof preloadTypeScript === 'boolean';
}

/**
 * Turns the compile cache on in the folder the command line names, when this Node.js has one. Only an absolute path
 * from our own argument counts: the extension chooses it (its global storage), never a workspace, whose files could
 * otherwise feed V8 code. Returns what happened, for the start-up log.
 */
export function enableCompileCacheFromArgs(argv: readonly string[]): string {
  return enableCompileCacheIn(argv.find((arg) => arg.startsWith(COMPILE_CACHE_ARG))?.slice(COMPILE_CACHE_ARG.length));
}

/** Turns the compile cache on in `directory` (an absolute path the extension chose), when this Node.js has one. */
export function enableCompileCacheIn(directory: string | null | undefined): string {
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
