// Compares what the two definition readers answer for one text: every question a rule can ask,
// at every path of the value. Used by the reader tests; returns the differences found.
import { isDeepStrictEqual } from 'node:util';
import { FastYamlFile } from '../../server/src/core/definitionYaml/fastYamlFile';
import type { RangedYaml, YamlPath } from '../../server/src/core/definitionYaml/rangedYaml';
import { YamlFile } from '../../server/src/core/yamlFile';

export interface ReaderComparison {
  /** False when the fast reader declined the text (then `yaml` reads it, and nothing can differ). */
  accepted: boolean;
  differences: string[];
}

function pathsOf(value: unknown, prefix: YamlPath = []): YamlPath[] {
  const out: YamlPath[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function answers(yaml: RangedYaml, path: YamlPath): Record<string, unknown> {
  const pointer = '/' + path.map(String).join('/');
  const scalar = yaml.scalarAt(path);
  return {
    keyRange: yaml.keyRange(path),
    valueRange: yaml.valueRange(path),
    sourceOf: yaml.sourceOf(path),
    // What rules read of a scalar: an absent comment is absent, whether null or undefined.
    scalarAt: scalar && { value: scalar.value, range: [scalar.range[0], scalar.range[1]], comment: scalar.comment ?? undefined },
    pointerKey: yaml.rangeForPointer(pointer, 'key'),
    pointerValue: yaml.rangeForPointer(pointer, 'value'),
  };
}

export function compareYamlReaders(text: string): ReaderComparison {
  const fast = FastYamlFile.tryRead(text);
  if (!fast) return { accepted: false, differences: [] };
  const slow = new YamlFile(text);
  const differences: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (!isDeepStrictEqual(a, b)) differences.push(`${what}: fast ${JSON.stringify(a)} yaml ${JSON.stringify(b)}`);
  };
  same('value', fast.value, slow.value);
  same('syntax diagnostics', fast.syntaxDiagnostics, slow.syntaxDiagnostics);
  same('head range', fast.headRange(), slow.headRange());
  for (const path of pathsOf(slow.value)) {
    const [a, b] = [answers(fast, path), answers(slow, path)];
    for (const what of Object.keys(b)) same(`${what} at ${JSON.stringify(path)}`, a[what], b[what]);
  }
  return { accepted: true, differences };
}
