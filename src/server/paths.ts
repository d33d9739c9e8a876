import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { languageOfPath } from '../core/analyze/index';

/** Workspace-relative path with forward slashes (what findings and fingerprints use), or the URI's path. */
export function documentPath(uri: string, workspaceRoot: string | undefined): string {
  if (!uri.startsWith('file:')) return decodeURIComponent(uri.replace(/^[a-z-]+:/, ''));
  const absolute = fileURLToPath(uri);
  const rel = workspaceRoot ? relative(workspaceRoot, absolute) : absolute;
  const chosen = rel.startsWith('..') ? absolute : rel;
  return chosen.split(sep).join('/');
}

/** Extensions standing for VS Code language ids, for documents whose name says nothing (untitled ones). */
const extensionOfLanguage: Record<string, string> = {
  typescript: 'ts', typescriptreact: 'tsx', javascript: 'js', javascriptreact: 'jsx',
  python: 'py', json: 'json', jsonc: 'jsonc', yaml: 'yaml', dotenv: 'env',
  properties: 'properties', ini: 'ini', shellscript: 'sh', dockerfile: 'dockerfile', xml: 'xml', makefile: 'mk',
};

/** The path the analyzer sees: the document's own, or with an extension from its language id when the name has none. */
export function analysisPath(uri: string, languageId: string, workspaceRoot: string | undefined): string {
  const path = documentPath(uri, workspaceRoot);
  const extension = extensionOfLanguage[languageId];
  return languageOfPath(path) === 'text' && extension ? `${path}.${extension}` : path;
}
