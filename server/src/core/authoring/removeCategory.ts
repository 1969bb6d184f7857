// Quick fix on category-on-internal-event: delete the `category:` key and its value (whole lines,
// so no blank line is left behind).
import type { Diagnostic, Range } from '../model';
import { YamlFile } from '../yamlFile';
import type { AuthoringFix } from './types';
import { contentEnd, lineAfter } from './yamlEdits';

/** The whole lines holding the top-level `category:` key and its value, or undefined. */
export function categoryLines(text: string): Range | undefined {
  const yaml = new YamlFile(text);
  const found = yaml.nodeAt(['category']);
  const key = found?.key;
  if (!key?.range) return undefined;
  const valueEnd = found?.value?.range ? contentEnd(yaml, found.value.range[1]) : key.range[1];
  return { start: { line: yaml.lines.positionAt(key.range[0]).line, character: 0 }, end: lineAfter(yaml, valueEnd) };
}

export function removeCategoryFix(rel: string, text: string, diagnostic: Diagnostic): AuthoringFix | undefined {
  const range = categoryLines(text);
  if (!range) return undefined;
  return {
    title: "Remove 'category' (internal events get it at run time)",
    diagnostic,
    preferred: true,
    changes: [{ kind: 'edit', path: rel, edits: [{ range, newText: '' }] }],
  };
}
