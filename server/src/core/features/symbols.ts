// Document symbols (outline of a definition) and workspace symbols (every event and metric).
import type { ProjectIndex } from '../projectIndex';
import { YamlFile } from '../yamlFile';
import type { FileLocation, SymbolNode } from './types';

export function documentSymbols(index: ProjectIndex, rel: string, text: string): SymbolNode[] {
  const kind = index.classify(rel);
  if (kind !== 'event' && kind !== 'metric' && kind !== 'removed-event') return [];
  const yaml = new YamlFile(text);
  const entries = yaml.topLevelEntries();
  if (!entries.length) return [];
  const nameKey = kind === 'metric' ? 'key_path' : 'action';
  const named = entries.find((e) => e.key === nameKey);
  const value = (yaml.value ?? {}) as Record<string, unknown>;
  const whole = { start: entries[0].fullRange.start, end: entries[entries.length - 1].fullRange.end };
  return [
    {
      name: typeof value[nameKey] === 'string' ? (value[nameKey] as string) : rel.split('/').pop()!,
      detail: kind === 'metric' ? 'metric' : 'event',
      kind: kind === 'metric' ? 'metric' : 'event',
      range: whole,
      selectionRange: named?.keyRange ?? entries[0].keyRange,
      children: entries.map((e) => ({ name: e.key, kind: 'key' as const, range: e.fullRange, selectionRange: e.keyRange })),
    },
  ];
}

export interface WorkspaceSymbol {
  name: string;
  kind: 'event' | 'metric';
  detail?: string;
  location: FileLocation;
}

/** Case-insensitive subsequence match, the way editors filter symbol lists. */
function matches(query: string, name: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (const ch of n) if (ch === q[i]) i++;
  return i === q.length;
}

export function workspaceSymbols(index: ProjectIndex, query: string, limit = 500): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  for (const e of index.events()) {
    if (out.length >= limit) break;
    if (e.action && e.actionRange && matches(query, e.action)) out.push({ name: e.action, kind: 'event', detail: e.description, location: { file: e.file, range: e.actionRange } });
  }
  for (const m of index.metrics()) {
    if (out.length >= limit) break;
    if (m.keyPath && m.keyPathRange && matches(query, m.keyPath)) out.push({ name: m.keyPath, kind: 'metric', detail: m.description, location: { file: m.file, range: m.keyPathRange } });
  }
  return out;
}
