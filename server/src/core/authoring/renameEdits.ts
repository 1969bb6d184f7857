// The changes an event rename makes, found through the index's maps (definitions by action,
// metrics by event, call sites by name) rather than by reading the tree again. Only the name's
// characters are replaced, so the quote style each file uses is kept.
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Range } from '../model';
import type { ProjectIndex } from '../projectIndex';
import { LineIndex } from '../text';
import { insideQuotes } from './renameTarget';
import { DERIVED_ANNOTATION, metricKeyChanges } from './renameMetricKeys';
import type { ChangeAnnotation, FileChange, FileExists, TextReplacement } from './types';

/** Replacements grouped by file, each range once (two finders may report the same literal). */
class ReplacementsByFile {
  private readonly byFile = new Map<string, Map<string, TextReplacement>>();

  add(file: string, replacement: TextReplacement): void {
    const { start, end } = replacement.range;
    let edits = this.byFile.get(file);
    if (!edits) this.byFile.set(file, (edits = new Map()));
    edits.set(`${start.line}:${start.character}-${end.line}:${end.character}`, replacement);
  }

  changes(): FileChange[] {
    const byStart = (a: TextReplacement, b: TextReplacement) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
    return [...this.byFile].map(([file, edits]) => ({ kind: 'edit', path: file, edits: [...edits.values()].sort(byStart) }));
  }
}

/**
 * The name as a YAML scalar that reads back as the same string. GitLab reads definitions with
 * Ruby's YAML 1.1 loader, where `on`, `no` or `1_000` are not strings: those are quoted.
 */
function yamlScalar(name: string): string {
  const readsAsString = (version: '1.1' | '1.2') => {
    try {
      return parseYaml(name, { version }) === name;
    } catch {
      return false;
    }
  };
  return readsAsString('1.1') && readsAsString('1.2') ? name : `'${name}'`;
}

/** Caches each file's text once: only files that get edits are read. */
class TextsOfFiles {
  private readonly lines = new Map<string, LineIndex | undefined>();
  constructor(private readonly index: ProjectIndex) {}

  of(file: string): LineIndex | undefined {
    if (!this.lines.has(file)) {
      const text = this.index.readText(file);
      this.lines.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    return this.lines.get(file);
  }
}

/** A YAML value (the index's range includes any quotes): inside quotes the bare name, else a safe scalar. */
function yamlValueReplacement(texts: TextsOfFiles, file: string, valueRange: Range, newName: string): TextReplacement {
  const lines = texts.of(file);
  const inner = lines && insideQuotes(lines, valueRange);
  return inner ? { range: inner, newText: newName } : { range: valueRange, newText: yamlScalar(newName) };
}

/** A literal at a call. A Ruby symbol (`:name`) cannot start with a digit unless quoted (`:"1x"`). */
function callSiteReplacement(texts: TextsOfFiles, file: string, nameRange: Range, newName: string): TextReplacement {
  if (/^[0-9]/.test(newName)) {
    const lines = texts.of(file);
    const start = lines?.offsetAt(nameRange.start) ?? 0;
    if (lines && start > 0 && lines.text[start - 1] === ':') return { range: nameRange, newText: `"${newName}"` };
  }
  return { range: nameRange, newText: newName };
}

/** `config/events/old.yml` → `config/events/new.yml` when the file is named after the action. */
function renamedDefinitionPath(file: string, oldName: string, newName: string): string | undefined {
  if (path.posix.basename(file) !== `${oldName}.yml`) return undefined;
  return path.posix.join(path.posix.dirname(file), `${newName}.yml`);
}

/**
 * Every change renaming `oldName` to `newName`: text edits first, then file renames, because a
 * client applies documentChanges in order and the edits address the definition by its old name.
 */
export function eventRenameChanges(index: ProjectIndex, oldName: string, newName: string, exists: FileExists): FileChange[] {
  const texts = new TextsOfFiles(index);
  const replacements = new ReplacementsByFile();
  const renames: FileChange[] = [];
  const renameTargets = new Set<string>();

  // Internal definitions only: a Snowplow event sharing the action is a different event.
  for (const def of index.eventsNamed(oldName).filter((d) => d.internal)) {
    if (def.actionRange) replacements.add(def.file, yamlValueReplacement(texts, def.file, def.actionRange, newName));
    const target = renamedDefinitionPath(def.file, oldName, newName);
    // Never overwrite: with the target taken, the action changes and the file keeps its name.
    if (target && !exists(target) && !renameTargets.has(target)) {
      renameTargets.add(target);
      renames.push({ kind: 'rename', from: def.file, to: target });
    }
  }
  // Removed metrics are history (GitLab keeps them as they were) and are not in this map.
  for (const metric of new Set(index.metricsCounting(oldName))) {
    for (const rule of metric.events) {
      if (rule.name === oldName && rule.nameRange) replacements.add(metric.file, yamlValueReplacement(texts, metric.file, rule.nameRange, newName));
    }
  }
  for (const { file, site } of index.callSitesOf(oldName)) {
    if (site.refersTo === 'event' && site.event === oldName && site.nameRange) replacements.add(file, callSiteReplacement(texts, file, site.nameRange, newName));
  }
  const derived = metricKeyChanges(index, oldName, newName, exists, renameTargets);
  for (const { file, replacement } of derived.edits) replacements.add(file, replacement);
  return [...replacements.changes(), ...renames, ...derived.renames];
}

/** How the editor's rename preview groups the changes: what was derived from the name asks first. */
export const RENAME_ANNOTATIONS: Record<string, ChangeAnnotation> = {
  [DERIVED_ANNOTATION]: {
    label: 'Metric key paths, file names and descriptions built from the event name',
    description: "A new key_path starts a new Service Ping series; untick these to keep the metrics' old keys.",
    needsConfirmation: true,
  },
};
