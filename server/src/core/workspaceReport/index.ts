// Workspace reports for people and merge requests: the report of a workspace by product group,
// and what a branch changes. Each is data (the JSON format) and a document rendered as Markdown
// or one self-contained HTML page.
import type { ProjectIndex } from '../projectIndex';
import type { ReportDocument } from './document';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { workspaceReport, type WorkspaceReport } from './workspaceModel';
import { workspaceDocument } from './workspaceDocument';
import { branchChanges, type BranchChanges, type ChangeInput } from './branchChanges';
import { changesDocument } from './changesDocument';

export type { WorkspaceReport, GroupReport } from './workspaceModel';
export type { BranchChanges, ChangeInput, ChangedFile } from './branchChanges';
export { productGroupsOf } from './workspaceModel';

export const REPORT_FORMATS = ['markdown', 'json', 'html'] as const;
export type WorkspaceReportFormat = (typeof REPORT_FORMATS)[number];

function render(data: WorkspaceReport | BranchChanges, doc: ReportDocument, format: WorkspaceReportFormat): string {
  if (format === 'json') return JSON.stringify(data, null, 2) + '\n';
  if (format === 'html') return renderHtml(doc, 'Written by internal-events report, from the definitions and tracking calls in the workspace.');
  return renderMarkdown(doc);
}

export function formatWorkspaceReport(index: ProjectIndex, format: WorkspaceReportFormat, options: { group?: string } = {}): string {
  const report = workspaceReport(index, options);
  return render(report, workspaceDocument(report), format);
}

export function formatBranchChanges(index: ProjectIndex, input: ChangeInput, format: WorkspaceReportFormat): string {
  const changes = branchChanges(index, input);
  return render(changes, changesDocument(changes), format);
}
