// `internal-events report [ROOT] [--format markdown|json|html] [--group NAME] [--changed-since REF]`:
// the workspace by product group for people, or what the branch changes for a merge request.
import { normalizedSlug } from '../core/suggest';
import type { ProjectIndex } from '../core/projectIndex';
import { REPORT_FORMATS, formatBranchChanges, formatWorkspaceReport, productGroupsOf, type WorkspaceReportFormat } from '../core/workspaceReport/index';
import { exitCodeFor } from './check';
import { changesSince } from './git';
import { loadIndex, parseArgs, type CliCommand, DEFINITIONS_OPTION } from './common';

/** Files whose text at the base says what changed: definitions and sources with calls. */
function worthReading(index: ProjectIndex, rel: string): boolean {
  return ['event', 'removed-event', 'metric', 'source'].includes(index.classify(rel));
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['format', 'group', 'changed-since', DEFINITIONS_OPTION], aliases: { f: 'format', g: 'group' } });
  const format = (args.options.format ?? 'markdown') as WorkspaceReportFormat;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) args.fail(`unknown format '${format}' (${REPORT_FORMATS.join(', ')})`);
  const group = args.options.group;
  const since = args.options['changed-since'];
  if (group !== undefined && since !== undefined) args.fail('--group and --changed-since do not combine: a merge request is reviewed whole');
  const root = args.root();
  const { index } = await loadIndex(root, { definitions: args.options[DEFINITIONS_OPTION] });
  if (since !== undefined) {
    const input = changesSince(root, since, (rel) => worthReading(index, rel));
    process.stdout.write(formatBranchChanges(index, input, format));
    // CI fails the job exactly when `check` would.
    return exitCodeFor(index.filesWithDiagnostics().flatMap((f) => index.diagnostics(f)));
  }
  if (group !== undefined) {
    const known = productGroupsOf(index);
    if (!known.some((g) => normalizedSlug(g) === normalizedSlug(group))) args.fail(`no definition names the product group '${group}'; the workspace has: ${known.join(', ') || 'none'}`);
  }
  process.stdout.write(formatWorkspaceReport(index, format, { group }));
  return 0;
}

export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'internal-events report [ROOT] [--format markdown|json|html] [--group NAME] [--changed-since REF] [--definitions ../gitlab]',
  summary: [
    'Reports the events and metrics under ROOT per product group: unused events, events without a metric or a spec,',
    'definitions with errors or placeholders, legacy definitions in use. --format html writes one self-contained page.',
    'With --changed-since REF (git): what the branch adds, changes and removes since it left REF, with review points,',
    'as a merge request comment; the exit status is then that of check (1 when any file has an error).',
  ].join('\n'),
  run,
};
