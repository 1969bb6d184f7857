// What rules ask of a parsed definition, whichever parser read it: the plain value, syntax
// diagnostics, and the source range of the key or value at a path. The range arithmetic lives here
// once; each reader only says which node sits at a path and where the document's content starts.
import type { Diagnostic, Range } from '../model';
import type { LineIndex } from '../text';

export type YamlPath = (string | number)[];

/** What sits under an offset: the path of the innermost node and whether the offset is on a key. */
export interface YamlLocation {
  path: YamlPath;
  onKey: boolean;
  /** The scalar under the cursor, when there is one. */
  scalarRange?: Range;
  scalarText?: string;
}

/** A node's source span as `yaml` gives it: [start, end of the value, ...]. */
export interface RangedNode {
  range?: readonly [number, number, ...number[]] | null;
}

/** A scalar with its span and the comment after it on its line, as `yaml` reads it. */
export interface RangedScalar {
  value: unknown;
  range: readonly [number, number, ...number[]];
  comment?: string | null;
}

export abstract class RangedYaml {
  /** The plain JS value (null when the document could not be turned into data). */
  abstract readonly value: unknown;
  abstract readonly syntaxDiagnostics: Diagnostic[];
  /**
   * False when the text is not well-formed YAML (duplicate keys aside) or over the nesting/key
   * budget: the tree is then a guess, and nothing but the syntax error should be said from it.
   */
  abstract readonly wellFormed: boolean;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
  ) {}

  /** The key and value nodes at a path of map keys / sequence indexes. */
  abstract nodeAt(path: YamlPath): { key?: RangedNode; value?: RangedNode | null } | undefined;
  /** The scalar value at a path, with its trailing comment, if the value there is a scalar. */
  abstract scalarAt(path: YamlPath): RangedScalar | undefined;
  /** Path and kind of the innermost node at an offset (for completion and hover). */
  abstract locate(offset: number): YamlLocation;
  /** Where the document's content starts, if it has any. */
  protected abstract contentsStart(): number | undefined;

  private nodeRange(node: RangedNode | null | undefined): Range | undefined {
    if (!node || !node.range) return undefined;
    const [start, valueEnd] = node.range;
    return this.lines.range(start, Math.max(valueEnd, start));
  }

  keyRange(path: YamlPath): Range | undefined {
    const found = this.nodeAt(path);
    return found?.key ? this.nodeRange(found.key) : this.valueRange(path);
  }

  /** Range of a value; for a key with an empty value, the key. */
  valueRange(path: YamlPath): Range | undefined {
    const found = this.nodeAt(path);
    if (!found) return undefined;
    if (found.value && found.value.range) {
      const r = this.nodeRange(found.value);
      if (r && (r.start.line !== r.end.line || r.start.character !== r.end.character)) return r;
    }
    return found.key ? this.nodeRange(found.key) : undefined;
  }

  /** Source text of a scalar value exactly as written (e.g. `16.10` even though it reads as 16.1). */
  sourceOf(path: YamlPath): string | undefined {
    const found = this.nodeAt(path);
    const node = found?.value;
    if (!node || !node.range) return undefined;
    return this.text.slice(node.range[0], node.range[1]);
  }

  /** The first line of the document's content (for file-level diagnostics). */
  headRange(): Range {
    const start = this.contentsStart();
    if (start !== undefined) {
      const lineEnd = this.lines.lineText(this.lines.positionAt(start).line).length;
      const pos = this.lines.positionAt(start);
      return { start: pos, end: { line: pos.line, character: Math.max(lineEnd, pos.character + 1) } };
    }
    return this.lines.range(0, 0);
  }

  /** Range for an Ajv instance path such as `/events/0/unique`. */
  rangeForPointer(pointer: string, prefer: 'key' | 'value'): Range {
    const path = pointerToPath(pointer);
    // Walk up until something exists (a missing key reports at its parent).
    for (let n = path.length; n >= 0; n--) {
      const sub = path.slice(0, n);
      if (sub.length === 0) return this.headRange();
      const r = prefer === 'key' && n === path.length ? this.keyRange(sub) : n === path.length ? this.valueRange(sub) : this.keyRange(sub);
      if (r) return r;
    }
    return this.headRange();
  }
}

export function pointerToPath(pointer: string): YamlPath {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
