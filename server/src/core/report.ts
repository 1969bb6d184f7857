// The CLI's output formats: text for people, JSON for scripts, SARIF 2.1.0 for code-scanning UIs,
// and GitLab Code Quality (Code Climate JSON) so a merge request shows the findings inline.
import { createHash } from 'node:crypto';
import type { Severity } from './model';
import { comparePaths } from './pathOrder';
import type { ProjectIndex } from './projectIndex';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'codequality';

export interface ReportDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface Report {
  root: string;
  events: { action: string; file: string; line: number }[];
  metrics: { keyPath: string | null; file: string; line: number; events: string[] }[];
  callSites: { event: string | null; file: string; line: number; column: number; kind: string; dynamic: boolean; namePattern?: string }[];
  /** Source files not read for calls (too large, binary, minified, unreadable), with the reason. */
  skipped?: { file: string; reason: string }[];
  diagnostics: ReportDiagnostic[];
}

/**
 * File, line, column: the index's maps keep the order files were listed in, which depends on the
 * file system and the listing library; a report read by machines (and diffed) must not.
 */
function byPlace(a: { file: string; line: number; column?: number }, b: { file: string; line: number; column?: number }): number {
  return comparePaths(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0);
}

/** What `check` reports on an index: its definitions, call sites, skipped files and diagnostics, in path order. */
export function checkReport(index: ProjectIndex, root: string): Report {
  return {
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
}

export function formatReport(r: Report, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(r, null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(r), null, 2) + '\n';
    case 'codequality':
      return JSON.stringify(toCodeQuality(r), null, 2) + '\n';
    default:
      return toText(r);
  }
}

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function toText(r: Report): string {
  const lines = r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} [${d.code}] ${d.message}`);
  const count = (s: Severity) => r.diagnostics.filter((d) => d.severity === s).length;
  lines.push(
    `${counted(r.events.length, 'event')}, ${counted(r.metrics.length, 'metric')}, ${counted(r.callSites.length, 'call site')}: ` +
      `${counted(count('error'), 'error')}, ${counted(count('warning'), 'warning')}, ${counted(count('information') + count('hint'), 'note')}` +
      (r.skipped?.length ? `; ${counted(r.skipped.length, 'file')} skipped (--verbose says why)` : ''),
  );
  return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function toSarif(r: Report) {
  const codes = [...new Set(r.diagnostics.map((d) => d.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'internal-events',
            informationUri: 'https://docs.gitlab.com/development/internal_analytics/',
            rules: codes.map((id) => ({ id, shortDescription: { text: id } })),
          },
        },
        originalUriBaseIds: { ROOT: { uri: 'file://' + r.root.replace(/\\/g, '/') + '/' } },
        results: r.diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: codes.indexOf(d.code),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file, uriBaseId: 'ROOT' },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}

const CQ_SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

function toCodeQuality(r: Report) {
  return r.diagnostics.map((d) => ({
    description: `[${d.code}] ${d.message}`,
    check_name: d.code,
    fingerprint: createHash('sha256').update(`${d.code}\0${d.file}\0${d.line}\0${d.message}`).digest('hex'),
    severity: CQ_SEVERITY[d.severity],
    location: { path: d.file, lines: { begin: d.line } },
  }));
}
