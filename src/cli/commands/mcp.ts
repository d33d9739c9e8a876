import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { COMMON_OPTIONS, parseCommandArgs } from '../args';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { cliProject } from '../project';
import { createMcpContext, dryRunTool, explainFindingTool, LIMITS, type McpContext, rotationStatusTool, scanPathTool, ToolInputError } from '../mcp/tools';

const usage = `Usage: rotation-ready mcp [--root DIR] [--keychain] [--keys-metadata FILE]

A Model Context Protocol server over stdio, for agents outside VS Code (Claude Desktop, Cursor, Zed, …). It offers
the tools the editor's language-model tools offer, over one project:
  scan_path          scan a file or folder inside the project (findings with redacted keys only)
  explain_finding    what a rule id means and how to rotate that provider's key
  rotation_status    each configured service's rotation stage (from the project's key metadata)
  dry_run            probe configured services' keys, only to hosts you already approved

  --root DIR            the project (default: the folder of the nearest .rotation-ready.json at or above the
                        current folder, else the current folder); tool paths must stay inside it
  --keychain            dry_run reads keys from the OS keychain (this project's entries) before the environment
  --keys-metadata FILE  key metadata for rotation_status (value-free; default: the project's, shared by the CLI and the editor)

No tool returns a key value, and no tool approves a host: approve with \`rotation-ready dry-run --approve-host\`
or in the editor. Standard output carries the protocol; messages go to standard error.`;

export function parseMcpArgs(args: string[], io: CliIo): { root: string; keychain: boolean; keysMetadata?: string } {
  const { values } = parseCommandArgs(args, { root: { type: 'string' }, keychain: COMMON_OPTIONS.keychain, 'keys-metadata': { type: 'string' } });
  const o: { root: string; keychain: boolean; keysMetadata?: string } = { root: values.root !== undefined ? resolve(io.cwd, values.root) : cliProject(io, 'mcp').root, keychain: values.keychain === true };
  if (values['keys-metadata'] !== undefined) o.keysMetadata = resolve(io.cwd, values['keys-metadata']);
  try {
    o.root = realpathSync(o.root);
  } catch {
    throw new UsageError(`--root: no such folder ${o.root}`);
  }
  return o;
}

/** A tool's answer: its text, or a tool error the agent can read (bad input says what and why). */
async function answer(work: () => Promise<string>): Promise<{ content: Array<{ type: 'text'; text: string }>; isError?: boolean }> {
  try {
    return { content: [{ type: 'text', text: await work() }] };
  } catch (error) {
    const message = error instanceof ToolInputError ? error.message : `failed: ${error instanceof Error ? error.message : String(error)}`;
    return { content: [{ type: 'text', text: message }], isError: true };
  }
}

export function createMcpServer(ctx: McpContext): McpServer {
  const server = new McpServer({ name: 'rotation-ready', version: ctx.project.env.ROTATION_READY_VERSION ?? '0.1.0' });
  server.registerTool(
    'scan_path',
    {
      title: 'Scan for hardcoded keys',
      description: 'Scans a file or folder of the project for hardcoded API keys and secrets. Findings show the provider, the last 4 characters and the rule id, never the value.',
      inputSchema: {
        path: z.string().max(4096).optional().describe('A file or folder relative to the project root (default: the whole project).'),
        maxResults: z.number().int().optional().describe(`Findings to list, ${LIMITS.maxResults.min}–${LIMITS.maxResults.max} (default ${LIMITS.maxResults.default}).`),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) => answer(() => scanPathTool(ctx, input)),
  );
  server.registerTool(
    'explain_finding',
    {
      title: 'Explain a finding',
      description: "Explains a rule id (a finding's code, e.g. stripe-secret-key): what was found, why it matters, how to move it out of the code and rotate it.",
      inputSchema: { ruleId: z.string().min(1).max(200).describe('The rule id, as scan_path shows it.') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input) => answer(() => explainFindingTool(input)),
  );
  server.registerTool(
    'rotation_status',
    {
      title: 'Rotation status',
      description: "Where each configured service's key rotation stands (stage, next step, key fingerprints).",
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => answer(() => rotationStatusTool(ctx)),
  );
  server.registerTool(
    'dry_run',
    {
      title: 'Rotation dry-run',
      description: 'Probes the primary and fallback keys of configured services with read-only requests, only to hosts the user already approved, and says whether a rotation is safe. Changes no key; returns verdicts, never keys.',
      inputSchema: {
        services: z.array(z.string().max(200)).max(100).optional().describe('Service names from .rotation-ready.json (default: all).'),
        environments: z.array(z.string().max(200)).max(50).optional().describe('Environment names (default: all).'),
        rounds: z.number().int().optional().describe(`Probes per key, ${LIMITS.rounds.min}–${LIMITS.rounds.max} (default ${LIMITS.rounds.default}).`),
      },
      annotations: { readOnlyHint: true, openWorldHint: true, idempotentHint: true },
    },
    (input) => answer(() => dryRunTool(ctx, input)),
  );
  return server;
}

export const mcpCommand: CliCommand = {
  name: 'mcp',
  summary: 'Serve the scan, explain, rotation-status and dry-run tools to agents over MCP (stdio)',
  usage,
  async run(args, io) {
    const o = parseMcpArgs(args, io);
    const ctx = createMcpContext({ root: o.root, env: io.env, keychain: o.keychain, ...(o.keysMetadata ? { keysMetadata: o.keysMetadata } : {}), signal: io.signal });
    const server = createMcpServer(ctx);
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((done) => {
      transport.onclose = () => done();
      process.stdin.once('end', () => done());
      io.signal.addEventListener('abort', () => done(), { once: true });
    });
    await server.connect(transport);
    io.stderr(`rotation-ready mcp: serving ${o.root} over stdio\n`);
    await closed;
    await server.close();
    return 0;
  },
};
