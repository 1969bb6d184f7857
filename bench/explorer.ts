// The Internal Events view on a large workspace: the first level and the expansion of a product
// group, as the server computes them for one request (JSON encoding included). Target: expanding
// a group ≤ 100 ms on 3,000 events. The facts of definitions are kept between requests until the
// index changes, so each figure is measured both ways: right after a change (the request computes
// the facts it needs) and with the facts an earlier request of the same index state computed.
import { explorerChildren, type ExplorerFilters, type ExplorerNode } from '../server/src/core/explorer/index';
import type { ProjectIndex } from '../server/src/core/projectIndex';

function p(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

/** An index change that alters nothing (a definition re-read as it is): the kept facts are dropped. */
function touch(index: ProjectIndex): void {
  index.update(index.events()[0].file);
}

function request(index: ProjectIndex, view: 'events' | 'metrics', parent: string | undefined, filters: ExplorerFilters, afterChange: boolean): [number, number] {
  if (afterChange) touch(index);
  const t = process.hrtime.bigint();
  const answer = explorerChildren(index, view, parent, filters);
  JSON.stringify(answer);
  return [Number(process.hrtime.bigint() - t) / 1e6, answer.nodes.length];
}

export function explorerBench(index: ProjectIndex, label: string): void {
  const line = (what: string, samples: number[], nodes: number) =>
    console.log(`${what}: p50 ${p(samples, 0.5).toFixed(1)} ms, p95 ${p(samples, 0.95).toFixed(1)} ms (${nodes} nodes)`);
  /** Times the children of each node, after an index change and with the facts kept. */
  const expansions = (what: string, nodes: ExplorerNode[], filters: ExplorerFilters) => {
    for (const afterChange of [true, false]) {
      const samples: number[] = [];
      let most = 0;
      for (const node of nodes) {
        if (!afterChange) explorerChildren(index, 'events', undefined, filters); // the first level computed the facts
        const [t, n] = request(index, 'events', node.id, filters, afterChange);
        samples.push(t);
        most = Math.max(most, n);
      }
      line(`${what}, ${afterChange ? 'right after an index change' : 'facts kept from the first level'}`, samples, most);
    }
  };
  console.log(`\n# Internal Events view, ${label} (target: expanding a group ≤ 100 ms)`);
  for (const filters of [{}, { problemsOnly: true }] as ExplorerFilters[]) {
    const name = filters.problemsOnly ? ', problems only' : '';
    let groups = explorerChildren(index, 'events', undefined, filters).nodes;
    for (const afterChange of [true, false]) {
      const roots: number[] = [];
      for (let i = 0; i < 10; i++) roots.push(request(index, 'events', undefined, filters, afterChange)[0]);
      line(`events, first level (product groups)${name}, ${afterChange ? 'right after an index change' : 'asked again'}`, roots, groups.length);
    }
    // The largest groups first: the slowest expansions.
    groups = [...groups].sort((a, b) => parseInt(b.description ?? '0', 10) - parseInt(a.description ?? '0', 10)).slice(0, 10);
    expansions(`events, expanding a product group (the 10 largest)${name}`, groups, filters);
    // A large group lists feature categories; expanding one lists its events with their badges.
    const categories = groups.flatMap((g) => explorerChildren(index, 'events', g.id, filters).nodes.filter((n) => n.kind === 'category').slice(0, 2));
    if (categories.length) expansions(`events, expanding a category of those groups${name}`, categories, filters);
  }
  const frames: number[] = [];
  for (let i = 0; i < 10; i++) frames.push(request(index, 'metrics', undefined, {}, true)[0]);
  line('metrics, first level (time frames), right after an index change', frames, explorerChildren(index, 'metrics', undefined, {}).nodes.length);
}
