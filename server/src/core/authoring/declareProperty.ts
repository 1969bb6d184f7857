// Quick fix on undeclared-property: declare the property on the event, under
// additional_properties (created where the CLI puts it when the event has none).
import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostic } from '../model';
import type { ProjectIndex } from '../projectIndex';
import type { YamlFile } from '../yamlFile';
import { eventOfDiagnostic } from './eventOfDiagnostic';
import { positionInInsert, type AuthoringFix, type TextReplacement } from './types';
import { contentEnd, indentAt, insertLinesAfter, insertTopLevelKey } from './yamlEdits';

function propertyEntry(indent: string, property: string): string {
  return `${indent}${property}:\n${indent}  description: TODO describe ${property}\n`;
}

export function declarePropertyEdit(yaml: YamlFile, property: string): TextReplacement | undefined {
  if (!/^[A-Za-z0-9_]+$/.test(property)) return undefined; // keeps the YAML key plain
  const found = yaml.nodeAt(['additional_properties']);
  if (!found?.key?.range) return insertTopLevelKey(yaml, 'additional_properties', 'additional_properties:\n' + propertyEntry('  ', property));
  const value = found.value as Node | null | undefined;
  if (value === null || value === undefined || (isScalar(value) && value.value === null) || (isMap(value) && value.items.length === 0 && !value.flow)) {
    return insertLinesAfter(yaml, found.key.range[1], propertyEntry('  ', property));
  }
  if (!isMap(value) || value.flow || !value.range) return undefined; // flow style: leave it to the author
  const firstKey = value.items[0]?.key as Node | undefined;
  const indent = firstKey?.range ? indentAt(yaml, firstKey.range[0]) : '  ';
  return insertLinesAfter(yaml, contentEnd(yaml, value.range[1]), propertyEntry(indent, property));
}

export function declarePropertyFix(index: ProjectIndex, diagnostic: Diagnostic): AuthoringFix | undefined {
  const property = diagnostic.data?.property;
  if (typeof property !== 'string') return undefined;
  const event = eventOfDiagnostic(index, diagnostic);
  if (!event || event.def.properties.has(property)) return undefined;
  const edit = declarePropertyEdit(event.yaml, property);
  if (!edit) return undefined;
  return {
    title: `Declare '${property}' on event '${event.def.action}'`,
    diagnostic,
    preferred: true,
    changes: [{ kind: 'edit', path: event.def.file, edits: [edit] }],
    // The edited definition is opened at the new description, as "Create" opens the file it writes.
    reveal: { path: event.def.file, position: positionInInsert(edit, `${property}:\n${/^\n?( *)/.exec(edit.newText)![1]}  description: `) },
  };
}
