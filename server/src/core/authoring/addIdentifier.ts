// Quick fix on unique-not-declared (identifier): add the identifier to the event's `identifiers:`
// so the metric's `unique: <identifier>.id` is actually set.
import { isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../model';
import type { ProjectIndex } from '../projectIndex';
import type { YamlFile } from '../yamlFile';
import { eventOfDiagnostic } from './eventOfDiagnostic';
import { positionInInsert, type AuthoringFix, type TextReplacement } from './types';
import { contentEnd, indentAt, insertLinesAfter, insertTopLevelKey } from './yamlEdits';

const IDENTIFIERS = ['project', 'namespace', 'user', 'feature_enabled_by_namespace_ids'];

export function addIdentifierEdit(yaml: YamlFile, identifier: string): TextReplacement | undefined {
  const found = yaml.nodeAt(['identifiers']);
  if (!found?.key?.range) return insertTopLevelKey(yaml, 'identifiers', `identifiers:\n- ${identifier}\n`);
  const value = found.value as Node | null | undefined;
  if (value === null || value === undefined || (isScalar(value) && value.value === null)) {
    return insertLinesAfter(yaml, found.key.range[1], `- ${identifier}\n`);
  }
  if (!isSeq(value) || !value.range) return undefined;
  if (value.flow) {
    const items = value.items.map((i) => (isScalar(i) ? String(i.value) : '')).filter(Boolean);
    const r = yaml.lines.range(value.range[0], value.range[1]);
    return { range: r, newText: `[${[...items, identifier].join(', ')}]` };
  }
  const first = value.items[0] as Node | undefined;
  const indent = first?.range ? indentAt(yaml, first.range[0]) : '';
  return insertLinesAfter(yaml, contentEnd(yaml, value.range[1]), `${indent}- ${identifier}\n`);
}

export function addIdentifierFix(index: ProjectIndex, diagnostic: Diagnostic): AuthoringFix | undefined {
  const identifier = diagnostic.data?.missing;
  if (diagnostic.data?.kind !== 'identifier' || typeof identifier !== 'string' || !IDENTIFIERS.includes(identifier)) return undefined;
  const event = eventOfDiagnostic(index, diagnostic);
  if (!event || event.def.identifiers.includes(identifier)) return undefined;
  const edit = addIdentifierEdit(event.yaml, identifier);
  if (!edit) return undefined;
  return {
    title: `Add identifier '${identifier}' to event '${event.def.action}'`,
    diagnostic,
    preferred: true,
    changes: [{ kind: 'edit', path: event.def.file, edits: [edit] }],
    reveal: { path: event.def.file, position: positionInInsert(edit, identifier) },
  };
}
