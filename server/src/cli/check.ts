// `internal-events check [ROOT] [--format text|json|sarif|codequality]`: the same engine as the
// editor, for CI. Exit 0 without error-severity diagnostics, 1 with some.
import { formatReport, type Report, type ReportFormat } from '../core/report';
import { comparePaths } from '../core/pathOrder';
import { loadIndex, parseArgs, type CliCommand, DEFINITIONS_OPTION } from './common';

/**
 * File, line, column: the index's maps keep the order files were listed in, which depends on the
 * file system and the listing library; a report read by machines (and diffed) must not.
 */
function byPlace(a: { file: string; line: number; column?: number }, b: { file: string; line: number; column?: number }): number {
  return comparePaths(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0);
}

const FORMATS = ['text', 'json', 'sarif', 'codequality'] as const;

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['format', DEFINITIONS_OPTION], flags: ['verbose'], aliases: { f: 'format', v: 'verbose' } });
  const format = (args.options.format ?? 'text') as ReportFormat;
  if (!(FORMATS as readonly string[]).includes(format)) args.fail(`unknown format '${format}'`);
  const root = args.root();
  const { index } = await loadIndex(root, { verbose: args.flags.has('verbose'), definitions: args.options[DEFINITIONS_OPTION] });
  const report: Report = {
    root,
    events: index.events().filter((e) => e.action).map((e) => ({ action: e.action!, file: e.file, line: (e.actionRange?.start.line ?? 0) + 1 })).sort(byPlace),
    metrics: index.metrics().map((m) => ({ keyPath: m.keyPath ?? null, file: m.file, line: (m.keyPathRange?.start.line ?? 0) + 1, events: m.events.map((e) => e.name).filter((n): n is string => !!n) })).sort(byPlace),
    callSites: index.callSites().map(({ file, site }) => ({
      event: site.event,
      file,
      line: site.range.start.line + 1,
      column: site.range.start.character + 1,
      kind: site.kind,
      dynamic: site.dynamic,
      ...(site.dynamic && site.namePattern ? { namePattern: site.namePattern } : {}),
    })).sort(byPlace),
    skipped: [...index.skipped].map(([file, reason]) => ({ file, reason })).sort((a, b) => comparePaths(a.file, b.file)),
    diagnostics: index
      .filesWithDiagnostics()
      .sort(comparePaths)
      .flatMap((file) =>
        index.diagnostics(file).map((d) => ({
          file,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
          severity: d.severity,
          code: d.code,
          message: d.message,
        })),
      ),
  };
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
