// Copy Tracking Snippet and Show Event Usages: pick an event, then the server's snippets or usages.
import * as vscode from 'vscode';
import { SERVER_COMMANDS, type TrackingSnippet } from '../../server/src/protocol';
import { askServer, pickEvent } from './serverQuestions';

interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** `chosen`: the event, chosen already (the Internal Events view's context menu). */
export async function copyTrackingSnippet(chosen?: unknown): Promise<void> {
  const event = typeof chosen === 'string' && chosen ? chosen : await pickEvent('Copy Tracking Snippet: event');
  if (!event) return;
  const snippets = await askServer<TrackingSnippet[]>(SERVER_COMMANDS.trackingSnippets, { event });
  if (!snippets) return;
  const picked = await vscode.window.showQuickPick(
    snippets.map((snippet) => ({ label: snippet.label, description: snippet.language, snippet })),
    { title: `Copy Tracking Snippet: ${event}` },
  );
  if (!picked) return;
  await vscode.env.clipboard.writeText(picked.snippet.text);
  void vscode.window.showInformationMessage(`Internal Events: copied the ${picked.snippet.label} snippet for ${event}.`);
}

interface UsageLocation {
  uri: string;
  range: JsonRange;
  role: 'definition' | 'call' | 'spec' | 'metric' | 'possible';
  pattern?: string;
}

const USAGE_GROUPS: [UsageLocation['role'], string][] = [
  ['definition', 'Definition'],
  ['call', 'Calls'],
  ['spec', 'Specs'],
  ['metric', 'Metrics'],
  ['possible', 'Possible calls: the name is built at run time'],
];

/**
 * Every usage of an event, grouped by what it is, the possible calls (a name built at run time)
 * marked as such, which the references peek cannot do; its first row opens that peek.
 */
export async function showEventUsages(chosen?: unknown): Promise<void> {
  const event = typeof chosen === 'string' && chosen ? chosen : await pickEvent('Show Event Usages: event');
  if (!event) return;
  const answer = await askServer<{ locations: UsageLocation[] }>(SERVER_COMMANDS.eventUsages, { event });
  if (!answer) return;
  const toRange = (r: JsonRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const locations = answer.locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range)));
  if (locations.length === 0) {
    void vscode.window.showInformationMessage(`Internal Events: no usage of ${event} found.`);
    return;
  }
  type Row = vscode.QuickPickItem & { location?: vscode.Location };
  const rows: Row[] = [{ label: `$(references) Show all ${locations.length} in the references peek`, alwaysShow: true }];
  for (const [role, heading] of USAGE_GROUPS) {
    const inGroup = answer.locations.map((usage, i) => ({ usage, location: locations[i] })).filter(({ usage }) => usage.role === role);
    if (inGroup.length) rows.push({ label: heading, kind: vscode.QuickPickItemKind.Separator });
    for (const { usage, location } of inGroup) {
      const where = `${vscode.workspace.asRelativePath(location.uri)}:${location.range.start.line + 1}`;
      rows.push({ label: where, description: usage.role === 'possible' ? `possible: ${usage.pattern ? `\`${usage.pattern}\` may be ${event}` : 'name built at run time'}` : undefined, location });
    }
  }
  const picked = await vscode.window.showQuickPick(rows, {
    title: `Show Event Usages: ${event}`,
    matchOnDescription: true,
    onDidSelectItem: (row: Row) => row.location && void vscode.window.showTextDocument(row.location.uri, { selection: row.location.range, preview: true, preserveFocus: true }),
  });
  if (!picked) return;
  if (picked.location) {
    await vscode.window.showTextDocument(picked.location.uri, { selection: picked.location.range, preview: false });
    return;
  }
  // The definition comes first in the server's answer: the peek opens there.
  const anchor = locations[0];
  await vscode.window.showTextDocument(anchor.uri, { selection: anchor.range, preview: true });
  await vscode.commands.executeCommand('editor.action.showReferences', anchor.uri, anchor.range.start, locations);
}
