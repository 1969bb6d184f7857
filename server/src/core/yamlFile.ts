// A parsed definition file that remembers where every key and value came from, so each diagnostic
// can point at the exact key or value instead of the whole file.
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type Scalar } from 'yaml';
import type { Diagnostic, Range } from './model';
import { LineIndex } from './text';
import { yamlOverBudget } from './budget/yamlBudget';
import { RangedYaml, type RangedScalar, type YamlLocation, type YamlPath } from './definitionYaml/rangedYaml';

export { pointerToPath, type YamlLocation, type YamlPath } from './definitionYaml/rangedYaml';

/** YAML aliases may expand to at most this many nodes: a defence against alias bombs. */
const MAX_ALIAS_COUNT = 200;

/** A definition read with `yaml`: the whole document tree, for open documents and edits. */
export class YamlFile extends RangedYaml {
  readonly doc: Document.Parsed;
  /** The plain JS value (null when the document could not be turned into data). */
  readonly value: unknown;
  readonly syntaxDiagnostics: Diagnostic[] = [];
  readonly wellFormed: boolean;

  constructor(text: string) {
    super(text, new LineIndex(text));
    const over = yamlOverBudget(text);
    // logLevel 'error': the library's warnings (a collection key "will be stringified") would
    // otherwise go to process.emitWarning, i.e. the server's stderr, the user's output channel.
    this.doc = parseDocument(over ? '' : text, { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
    if (over) {
      this.syntaxDiagnostics.push({ range: this.lines.range(over.offset, over.offset + 1), severity: 'error', code: 'yaml-syntax', message: over.message });
    }
    // One mistake (a wrong indentation) makes the parser report several errors after it: the
    // first is where the mistake is; the rest would only repeat it elsewhere.
    const syntaxErrors = this.doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    this.wellFormed = !over && syntaxErrors.length === 0;
    const reported = this.doc.errors.filter((e) => e.code === 'DUPLICATE_KEY' || e === syntaxErrors[0]);
    for (const err of reported) {
      const [start, end] = err.pos;
      const duplicate = err.code === 'DUPLICATE_KEY' ? this.duplicateKeyAt(start) : undefined;
      this.syntaxDiagnostics.push({
        range: duplicate?.range ?? this.lines.range(start, Math.max(end, start + 1)),
        severity: 'error',
        code: 'yaml-syntax',
        message: duplicate?.message ?? (err.code === 'DUPLICATE_KEY' ? `Duplicate key: ${firstLine(err.message)}` : `YAML syntax error: ${firstLine(err.message)}`),
      });
    }
    let value: unknown = null;
    try {
      value = this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      this.syntaxDiagnostics.push({
        range: this.lines.range(0, Math.min(text.length, 1)),
        severity: 'error',
        code: 'yaml-syntax',
        message: `YAML could not be read: ${(e as Error).message} (aliases are limited to ${MAX_ALIAS_COUNT} expansions)`,
      });
      value = null;
    }
    this.value = value;
  }

  /** The repeated key starting at `offset`, named, with where it first appears in its mapping. */
  private duplicateKeyAt(offset: number): { range: Range; message: string } | undefined {
    let found: { range: Range; message: string } | undefined;
    visit(this.doc, {
      Map: (_key, map) => {
        const at = map.items.findIndex((p) => isScalar(p.key) && p.key.range?.[0] === offset);
        if (at < 0) return undefined;
        const key = map.items[at].key as Scalar;
        const first = map.items.find((p, i) => i < at && isScalar(p.key) && p.key.value === key.value)?.key as Scalar | undefined;
        const firstLine = first?.range ? ` (first on line ${this.lines.positionAt(first.range[0]).line + 1})` : '';
        found = { range: this.lines.range(key.range![0], key.range![1]), message: `Duplicate key '${String(key.value)}'${firstLine}: YAML keeps only one of them.` };
        return visit.BREAK;
      },
    });
    return found;
  }

  /** The key and value nodes at a path of map keys / sequence indexes. */
  nodeAt(path: YamlPath): { key?: Node; value?: Node | null } | undefined {
    let current: unknown = this.doc.contents;
    let key: Node | undefined;
    for (const segment of path) {
      if (isMap(current)) {
        const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment)) as
          | Pair<Node, Node | null>
          | undefined;
        if (!pair) return undefined;
        key = pair.key as Node;
        current = pair.value;
      } else if (isSeq(current) && typeof segment === 'number') {
        key = undefined;
        current = current.items[segment];
        if (current === undefined) return undefined;
      } else return undefined;
    }
    return { key, value: (current as Node | null) ?? null };
  }

  scalarAt(path: YamlPath): RangedScalar | undefined {
    const value = this.nodeAt(path)?.value;
    if (!isScalar(value) || !value.range) return undefined;
    return { value: value.value, range: [value.range[0], value.range[1]], comment: value.comment };
  }

  protected contentsStart(): number | undefined {
    return (this.doc.contents as Node | null)?.range?.[0];
  }

  /** Path and kind of the innermost node at an offset (for completion and hover). */
  locate(offset: number): YamlLocation {
    const result: YamlLocation = { path: [], onKey: false };
    const visit = (node: unknown, path: YamlPath): void => {
      if (isMap(node)) {
        for (const pair of node.items) {
          const k = pair.key as Node | null;
          const v = pair.value as Node | null;
          const keyName = isScalar(k) ? String(k.value) : '';
          if (k?.range && offset >= k.range[0] && offset <= k.range[1]) {
            result.path = [...path, keyName];
            result.onKey = true;
            result.scalarRange = this.lines.range(k.range[0], k.range[1]);
            result.scalarText = keyName;
            return;
          }
          if (v?.range && offset >= v.range[0] && offset <= v.range[1]) {
            result.path = [...path, keyName];
            result.onKey = false;
            if (isScalar(v)) {
              result.scalarRange = this.lines.range(v.range[0], v.range[1]);
              result.scalarText = v.value == null ? '' : String(v.value);
            }
            visit(v, [...path, keyName]);
            return;
          }
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          const n = item as Node | null;
          if (n?.range && offset >= n.range[0] && offset <= n.range[1]) {
            result.path = [...path, i];
            result.onKey = false;
            if (isScalar(n)) {
              result.scalarRange = this.lines.range(n.range[0], n.range[1]);
              result.scalarText = n.value == null ? '' : String(n.value);
            }
            visit(n, [...path, i]);
          }
        });
      } else if (isPair(node)) {
        visit(node.value, path);
      }
    };
    visit(this.doc.contents, []);
    return result;
  }

  /** Top-level keys in document order, with their ranges (for document symbols). */
  topLevelEntries(): { key: string; keyRange: Range; fullRange: Range }[] {
    const contents = this.doc.contents;
    if (!isMap(contents)) return [];
    const out: { key: string; keyRange: Range; fullRange: Range }[] = [];
    for (const pair of contents.items) {
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      if (!isScalar(k) || !k.range) continue;
      const end = v?.range ? v.range[1] : k.range[1];
      out.push({
        key: String(k.value),
        keyRange: this.lines.range(k.range[0], k.range[1]),
        fullRange: this.lines.range(k.range[0], end),
      });
    }
    return out;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
