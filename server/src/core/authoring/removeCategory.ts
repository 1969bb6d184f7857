// Quick fix on category-on-internal-event: delete the `category:` key and its value (whole lines,
// so no blank line is left behind).
import type { Diagnostic } from '../model';
import { YamlFile } from '../yamlFile';
import type { AuthoringFix } from './types';
import { contentEnd, lineAfter } from './yamlEdits';

export function removeCategoryFix(rel: string, text: string, diagnostic: Diagnostic): AuthoringFix | undefined {
  const yaml = new YamlFile(text);
  const found = yaml.nodeAt(['category']);
  const key = found?.key;
  if (!key?.range) return undefined;
  const valueEnd = found?.value?.range ? contentEnd(yaml, found.value.range[1]) : key.range[1];
  const start = { line: yaml.lines.positionAt(key.range[0]).line, character: 0 };
  const end = lineAfter(yaml, valueEnd);
  return {
    title: "Remove 'category' (internal events get it at run time)",
    diagnostic,
    preferred: true,
    changes: [{ kind: 'edit', path: rel, edits: [{ range: { start, end }, newText: '' }] }],
  };
}
