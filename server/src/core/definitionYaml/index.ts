// The one way definitions are read into a RangedYaml. A file read from disk for the index goes to
// js-yaml first (fast, declines what it is not sure of); the editor's text, which edits and quick
// fixes work on, and every declined file are read with `yaml`. Checks that must see a text before
// any parser does (size, nesting) belong at the top of readDefinitionYaml, for both readers.
import { yamlOverBudget } from '../budget/yamlBudget';
import { YamlFile } from '../yamlFile';
import { FastYamlFile } from './fastYamlFile';
import type { RangedYaml } from './rangedYaml';

export type { RangedYaml, YamlPath, YamlLocation } from './rangedYaml';

/** Where a definition's text comes from: the disk (a closed file) or the editor. */
export type DefinitionSource = 'disk' | 'editor';

/** `IE_YAML_READER=yaml` reads every definition with `yaml` (to compare the readers, and to rule one out). */
const onlyYaml = () => process.env.IE_YAML_READER === 'yaml';

export function readDefinitionYaml(text: string, source: DefinitionSource): RangedYaml {
  // Over the nesting/key budget: YamlFile says so without composing the text.
  if (source === 'disk' && !onlyYaml() && !yamlOverBudget(text)) {
    const fast = FastYamlFile.tryRead(text);
    if (fast) return fast;
  }
  return new YamlFile(text);
}
