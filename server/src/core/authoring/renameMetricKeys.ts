// What an event rename changes in the metrics built from the event's name, the way GitLab's CLI
// built them (spec §2.6): a key_path derived from the events, the file named after it, the old
// name in the description, and specs naming the key path (`increment_usage_metrics`). A key path
// is a Service Ping identity, so these changes carry an annotation the editor asks to confirm.
import * as path from 'node:path';
import type { MetricDefinition } from '../definitions';
import type { ProjectIndex } from '../projectIndex';
import { LineIndex } from '../text';
import { YamlFile } from '../yamlFile';
import { metricKey } from './metricKey';
import { insideQuotes } from './renameTarget';
import type { FileChange, FileExists, TextReplacement } from './types';

export const DERIVED_ANNOTATION = 'metric-keys';

export interface DerivedChanges {
  edits: { file: string; replacement: TextReplacement }[];
  renames: FileChange[];
}

/** The key the CLI would have derived for this metric, with its events renamed by `rename`. */
function derivedKey(metric: MetricDefinition, rename: (event: string) => string) {
  const uniques = new Set(metric.events.map((e) => e.unique));
  const names = metric.events.map((e) => e.name);
  if (uniques.size !== 1 || names.some((n) => !n) || metric.timeFrames.length === 0) return undefined;
  const timeFrame = metric.timeFrameIsArray ? metric.timeFrames : metric.timeFrames[0];
  return metricKey({ unique: [...uniques][0], events: names.map((n) => rename(n!)), timeFrame, tiers: metric.tiers });
}

const wordPattern = (name: string) => new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`, 'g');

/** Whole-word uses of the old name inside the description's value. */
function descriptionEdits(text: string, oldName: string, newName: string): TextReplacement[] {
  const yaml = new YamlFile(text);
  const range = yaml.valueRange(['description']);
  if (!range) return [];
  const start = yaml.lines.offsetAt(range.start);
  const source = text.slice(start, yaml.lines.offsetAt(range.end));
  return [...source.matchAll(wordPattern(oldName))].map((m) => ({
    range: yaml.lines.range(start + m.index!, start + m.index! + oldName.length),
    newText: newName,
    annotation: DERIVED_ANNOTATION,
  }));
}

export function metricKeyChanges(index: ProjectIndex, oldName: string, newName: string, exists: FileExists, taken: Set<string>): DerivedChanges {
  const out: DerivedChanges = { edits: [], renames: [] };
  const add = (file: string, replacement: TextReplacement) => out.edits.push({ file, replacement: { ...replacement, annotation: DERIVED_ANNOTATION } });
  for (const metric of new Set(index.metricsCounting(oldName))) {
    const before = derivedKey(metric, (e) => e);
    const after = derivedKey(metric, (e) => (e === oldName ? newName : e));
    const text = index.readText(metric.file);
    if (text === undefined) continue;
    if (before && after && metric.keyPath === before.keyPath && metric.keyPathRange) {
      add(metric.file, { range: keyPathValueRange(text, metric), newText: after.keyPath });
      // Specs naming the key path (or a key expanded from an array time frame) follow it.
      for (const expanded of metric.expandedKeyPaths) {
        const renamed = after.keyPath + expanded.keyPath.slice(before.keyPath.length);
        for (const { file, site } of index.callSitesOf(expanded.keyPath)) {
          if (site.refersTo === 'metric' && site.event === expanded.keyPath && site.nameRange) add(file, { range: site.nameRange, newText: renamed });
        }
      }
      const target = path.posix.join(path.posix.dirname(metric.file), `${after.value}.yml`);
      if (path.posix.basename(metric.file) === `${before.value}.yml` && !exists(target) && !taken.has(target)) {
        taken.add(target);
        out.renames.push({ kind: 'rename', from: metric.file, to: target, annotation: DERIVED_ANNOTATION });
      }
    }
    for (const replacement of descriptionEdits(text, oldName, newName)) add(metric.file, replacement);
  }
  return out;
}

/** The key path's characters (inside quotes, if any): key paths are plain dotted words, safe unquoted. */
function keyPathValueRange(text: string, metric: MetricDefinition): TextReplacement['range'] {
  return insideQuotes(new LineIndex(text), metric.keyPathRange!) ?? metric.keyPathRange!;
}
