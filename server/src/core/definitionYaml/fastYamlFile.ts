// A closed definition read with js-yaml, about ten times faster than `yaml` on definition-sized
// files. js-yaml's listener reports where each node opens and closes; from that this builds the
// small tree of ranges rules ask for. It only answers where it is sure to give exactly what `yaml`
// gives (values, ranges, no syntax errors): any file with something it does not handle (anchors,
// tags, flow collections with items, tabs, numbers the two core schemas could read differently, a
// syntax error, a duplicate key, ...) is declined and read with `yaml`, which reports the problems.
import { load, CORE_SCHEMA, type State } from 'js-yaml';
import type { Diagnostic } from '../model';
import { LineIndex } from '../text';
import { YamlFile } from '../yamlFile';
import { RangedYaml, type RangedScalar, type YamlLocation, type YamlPath } from './rangedYaml';

interface FastNode {
  kind: 'map' | 'seq' | 'scalar' | 'empty';
  range: [number, number];
  value: unknown;
  /** A flow collection (`[]`, `{}`): `yaml` ends a block that ends with one as it ends one ending with a scalar. */
  flow?: boolean;
  pairs?: { name: string; key: FastNode; value: FastNode }[];
  items?: FastNode[];
}

/** What the listener sees; js-yaml's typings leave out the node's anchor and tag. */
type ListenerState = State & { anchor?: string | null; kind: string | null };

/** Thrown from the listener to give the file to `yaml`. */
class Declined extends Error {}

/** Texts with any of these go to `yaml`: tabs, CR line ends, a BOM, directives or document markers
 * (past the `---` line GitLab's definitions start with). */
const DECLINED_TEXT = /[\t\r\uFEFF]|^(?:---|\.\.\.|%)/m;
/** Plain scalars that either core schema might read as a number other than plain decimal. */
const NUMBER_LIKE = /^[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?0[xXoObB][0-9a-fA-F_]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;
/** The numbers both read alike: plain decimals. */
const PLAIN_DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const CORE_WORDS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', '~']);

export class FastYamlFile extends RangedYaml {
  readonly syntaxDiagnostics: Diagnostic[] = [];
  /** Always: a text js-yaml rejects, or that the budget stops, is left to `yaml`. */
  readonly wellFormed = true;
  private fullRead: YamlFile | undefined;

  private constructor(
    text: string,
    private readonly root: FastNode,
  ) {
    super(text, new LineIndex(text));
  }

  get value(): unknown {
    return this.root.value;
  }

  /** The file read with js-yaml, or undefined when `yaml` must read it. */
  static tryRead(text: string): FastYamlFile | undefined {
    if (DECLINED_TEXT.test(text.startsWith('---\n') ? text.slice(4) : text)) return undefined;
    const root = buildTree(text);
    return root?.kind === 'map' ? new FastYamlFile(text, root) : undefined;
  }

  nodeAt(path: YamlPath): { key?: FastNode; value?: FastNode | null } | undefined {
    let current: FastNode | undefined = this.root;
    let key: FastNode | undefined;
    for (const segment of path) {
      if (current.kind === 'map') {
        const pair: { key: FastNode; value: FastNode } | undefined = current.pairs!.find((p) => p.name === String(segment));
        if (!pair) return undefined;
        key = pair.key;
        current = pair.value;
      } else if (current.kind === 'seq' && typeof segment === 'number') {
        key = undefined;
        current = current.items![segment];
        if (current === undefined) return undefined;
      } else return undefined;
    }
    return { key, value: current };
  }

  scalarAt(path: YamlPath): RangedScalar | undefined {
    const node = this.nodeAt(path)?.value;
    if (!node || (node.kind !== 'scalar' && node.kind !== 'empty')) return undefined;
    // A comment after the value: `yaml` says what belongs to it.
    const lineEnd = this.text.indexOf('\n', node.range[1]);
    if (this.text.slice(node.range[1], lineEnd < 0 ? undefined : lineEnd).includes('#')) return this.full().scalarAt(path);
    return { value: node.value, range: node.range };
  }

  locate(offset: number): YamlLocation {
    return this.full().locate(offset);
  }

  protected contentsStart(): number | undefined {
    return this.root.range[0];
  }

  /** The same text read with `yaml`, for the rare questions this tree does not answer. */
  private full(): YamlFile {
    return (this.fullRead ??= new YamlFile(this.text));
  }
}

function buildTree(text: string): FastNode | undefined {
  const stack: { open: number; children: FastNode[] }[] = [];
  let root: FastNode | undefined;
  const listener = (event: 'open' | 'close', state: ListenerState) => {
    if (event === 'open') {
      stack.push({ open: state.position, children: [] });
      return;
    }
    const frame = stack.pop()!;
    const node = nodeOf(text, frame.open, frame.children, state);
    if (stack.length) stack[stack.length - 1].children.push(node);
    else root = node;
  };
  try {
    load(text, { schema: CORE_SCHEMA, listener });
  } catch {
    return undefined; // a syntax error, a duplicate key or a declined node: `yaml` reads it
  }
  return root;
}

function nodeOf(text: string, open: number, children: FastNode[], state: ListenerState): FastNode {
  const close = state.position;
  if (state.anchor !== null && state.anchor !== undefined) throw new Declined();
  if (state.kind === null || state.kind === undefined) {
    // `yaml` places an empty value after the spaces that follow its key.
    let at = open;
    while (text[at] === ' ') at++;
    if (text[at] === '#') throw new Declined();
    return { kind: 'empty', range: [at, at], value: null };
  }
  const start = contentStart(text, open);
  const first = text[start];
  if (first === '&' || first === '*' || first === '!' || first === '?') throw new Declined();
  if (state.kind === 'mapping') {
    if ((first === '{' && children.length) || children.length % 2) throw new Declined();
    const pairs: FastNode['pairs'] = [];
    for (let i = 0; i < children.length; i += 2) {
      const key = children[i];
      if (key.kind !== 'scalar' || typeof key.value !== 'string' || key.value === '__proto__') throw new Declined();
      pairs.push({ name: key.value, key, value: children[i + 1] });
    }
    const flow = first === '{';
    return { kind: 'map', range: [start, flow ? close : blockEnd(text, start, close, children)], value: state.result, pairs, flow };
  }
  if (state.kind === 'sequence') {
    if (first === '[' && children.length) throw new Declined();
    const flow = first === '[';
    return { kind: 'seq', range: [start, flow ? close : blockEnd(text, start, close, children)], value: state.result, items: children, flow };
  }
  return { kind: 'scalar', range: [start, scalarEnd(text, start, close, state.result)], value: state.result };
}

/**
 * Where a block collection ends as `yaml` counts it: after the line break of its last line with
 * content (js-yaml stops later, past blank lines and the next line's indentation), or where its last
 * value ends when that is an empty value or a collection.
 */
function blockEnd(text: string, start: number, close: number, children: FastNode[]): number {
  // Ending in an empty value or a collection, `yaml` ends where that does.
  const lastChild = children[children.length - 1];
  if (lastChild && (lastChild.kind === 'empty' || ((lastChild.kind === 'map' || lastChild.kind === 'seq') && !lastChild.flow))) return lastChild.range[1];
  let last = close - 1;
  while (last > start && (text[last] === ' ' || text[last] === '\n')) last--;
  const lineStart = text.lastIndexOf('\n', last) + 1;
  if (text.slice(lineStart, last + 1).includes('#')) throw new Declined(); // which node a comment closes is yaml's call
  const lineEnd = text.indexOf('\n', last);
  return lineEnd < 0 ? text.length : lineEnd + 1;
}

/** Where a scalar's text ends, as `yaml` counts it; declines what it cannot be sure of. */
function scalarEnd(text: string, start: number, close: number, value: unknown): number {
  const first = text[start];
  if (first === '"' || first === "'") {
    const after = text[close];
    if (after !== undefined && after !== ' ' && after !== '\n' && after !== ':') throw new Declined();
    return close;
  }
  if (first === '|' || first === '>') throw new Declined();
  let end = close;
  while (end > start && text[end - 1] === ' ') end--;
  const written = text.slice(start, end);
  if (typeof value === 'string' ? NUMBER_LIKE.test(written) || CORE_WORDS.has(written) : typeof value === 'number' ? !PLAIN_DECIMAL.test(written) : !CORE_WORDS.has(written)) {
    throw new Declined();
  }
  return end;
}

/** The first character of a node's content at or after `from`: past spaces, line breaks and comments. */
function contentStart(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\n') i++;
    else if (c === '#') {
      const eol = text.indexOf('\n', i);
      if (eol < 0) return text.length;
      i = eol + 1;
    } else return i;
  }
}
