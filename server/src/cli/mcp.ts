// `internal-events mcp [ROOT] [--definitions DIR]`: the MCP server for coding agents, on stdio
// (mcpServer.ts). stdout carries the protocol only; logs go to stderr.
import * as path from 'node:path';
import { parseArgs, type CliCommand, DEFINITIONS_OPTION } from './common';

/** dist/mcp.js, next to this bundle: the SDK stays out of what check and report load. */
function mcpServer(): typeof import('../mcpServer') {
  return require(path.join(__dirname, 'mcp.js')) as typeof import('../mcpServer');
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: [DEFINITIONS_OPTION] });
  await mcpServer().serveMcp(args.root(), { definitions: args.options[DEFINITIONS_OPTION] });
  return 0;
}

export const mcpCommand: CliCommand = {
  name: 'mcp',
  usage: 'internal-events mcp [ROOT] [--definitions ../gitlab]',
  summary:
    'Serves the Model Context Protocol on stdin/stdout for coding agents: find_events, describe_event, check,\ncreate_event and create_metrics on the workspace at ROOT. Writes only new definition files, never over one.',
  run,
};
