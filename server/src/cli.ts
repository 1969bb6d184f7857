#!/usr/bin/env node
// `internal-events <command> …`: the same engine as the editor, without VS Code. Each command lives
// in cli/<command>.ts; this file only dispatches. Exit 2 on a usage or internal failure.
import { UsageError, type CliCommand } from './cli/common';
import { checkCommand } from './cli/check';
import { monitorCommand } from './cli/monitor';
import { reportCommand } from './cli/report';
import { mcpCommand } from './cli/mcp';
import { GitError } from './cli/git';

const COMMANDS: CliCommand[] = [checkCommand, reportCommand, monitorCommand, mcpCommand];

const USAGE = [
  'usage:',
  ...COMMANDS.map((c) => `  ${c.usage}`),
  '',
  ...COMMANDS.map((c) => `${c.name}: ${c.summary}`),
  '',
  'Settings are read from ROOT/.vscode/settings.json (internalEvents.*) when present.',
].join('\n');

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(name ? `unknown command '${name}'` : 'missing command');
  return command.run(rest);
}

if (require.main === module) {
  // exitCode rather than exit(): exit() would cut off output still queued for a pipe.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      if (e instanceof UsageError) process.stderr.write(`${e.message}\n\n${USAGE}\n`);
      else if (e instanceof GitError) process.stderr.write(`${e.message}\n`);
      else process.stderr.write(`internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
