// `internal-events check [ROOT] [--format text|json|sarif|codequality]`: the same engine as the
// editor, for CI. Exit 0 without error-severity diagnostics, 1 with some.
import { checkReport, formatReport, type ReportFormat } from '../core/report';
import { loadIndex, parseArgs, type CliCommand, DEFINITIONS_OPTION } from './common';

const FORMATS = ['text', 'json', 'sarif', 'codequality'] as const;

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['format', DEFINITIONS_OPTION], flags: ['verbose'], aliases: { f: 'format', v: 'verbose' } });
  const format = (args.options.format ?? 'text') as ReportFormat;
  if (!(FORMATS as readonly string[]).includes(format)) args.fail(`unknown format '${format}'`);
  const root = args.root();
  const { index } = await loadIndex(root, { verbose: args.flags.has('verbose'), definitions: args.options[DEFINITIONS_OPTION] });
  const report = checkReport(index, root);
  process.stdout.write(formatReport(report, format));
  return exitCodeFor(report.diagnostics);
}

/** check's verdict: 1 when any diagnostic is an error. */
export function exitCodeFor(diagnostics: { severity: string }[]): number {
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'internal-events check [ROOT] [--format text|json|sarif|codequality] [--verbose] [--definitions ../gitlab]',
  summary: 'Checks event and metric definitions and tracking calls under ROOT (default: the current folder).\n--verbose (-v) also prints information lines on stderr (which files were skipped and why).\n--definitions DIR reads event and metric definitions from another checkout too (a satellite service).\nExit status: 0 no errors, 1 errors found, 2 usage or internal failure.',
  run,
};
