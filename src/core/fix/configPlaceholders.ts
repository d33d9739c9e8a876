import { posix } from 'node:path';

/**
 * Config files whose reading tool replaces an environment placeholder, and the placeholder it reads.
 * Only these get the value swapped for a placeholder; elsewhere `${NAME}` would be taken literally.
 */
const PLACEHOLDERS: Array<{ test: (path: string, base: string) => boolean; placeholder: (name: string) => string; tool: string }> = [
  // Compose interpolates ${VAR} from the shell and from a .env file next to the compose file.
  { tool: 'Docker Compose', test: (_p, base) => /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/.test(base), placeholder: (n) => `\${${n}}` },
  // Spring Boot resolves ${VAR} placeholders against environment variables.
  { tool: 'Spring Boot', test: (_p, base) => /^(?:application|bootstrap)(?:-[\w-]+)?\.(?:ya?ml|properties)$/.test(base), placeholder: (n) => `\${${n}}` },
  // VS Code substitutes ${env:VAR} in launch and task configurations.
  { tool: 'VS Code', test: (p, base) => /(?:^|\/)\.vscode\/(?:launch|tasks)\.json$/.test(p) || base === 'launch.json' || base === 'tasks.json', placeholder: (n) => `\${env:${n}}` },
  // Dev Containers read the host's environment through ${localEnv:VAR}.
  { tool: 'Dev Containers', test: (_p, base) => base === 'devcontainer.json' || base === '.devcontainer.json', placeholder: (n) => `\${localEnv:${n}}` },
];

/** The placeholder maker for a config file, or undefined when no reading tool of it interpolates. */
export function configPlaceholder(path: string): ((name: string) => string) | undefined {
  const p = path.replace(/\\/g, '/');
  const base = posix.basename(p).toLowerCase();
  return PLACEHOLDERS.find((entry) => entry.test(p, base))?.placeholder;
}
