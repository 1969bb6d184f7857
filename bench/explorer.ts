// The Internal Events view on a large workspace: the first level and the expansion of a product
// group, as the server computes them for one request (JSON encoding included). Target: expanding
// a group ≤ 100 ms on 3,000 events.
import { explorerChildren, type ExplorerFilters } from '../server/src/core/explorer/index';
import type { ProjectIndex } from '../server/src/core/projectIndex';

function p(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

function request(index: ProjectIndex, view: 'events' | 'metrics', parent: string | undefined, filters: ExplorerFilters): [number, number] {
  const t = process.hrtime.bigint();
  const answer = explorerChildren(index, view, parent, filters);
  JSON.stringify(answer);
  return [Number(process.hrtime.bigint() - t) / 1e6, answer.nodes.length];
}

export function explorerBench(index: ProjectIndex, label: string): void {
  const line = (what: string, samples: number[], nodes: number) =>
    console.log(`${what}: p50 ${p(samples, 0.5).toFixed(1)} ms, p95 ${p(samples, 0.95).toFixed(1)} ms (${nodes} nodes)`);
  console.log(`\n# Internal Events view, ${label} (target: expanding a group ≤ 100 ms)`);
  for (const filters of [{}, { problemsOnly: true }] as ExplorerFilters[]) {
    const name = filters.problemsOnly ? ', problems only' : '';
    const roots: number[] = [];
    let groups = explorerChildren(index, 'events', undefined, filters).nodes;
    for (let i = 0; i < 10; i++) roots.push(request(index, 'events', undefined, filters)[0]);
    line(`events, first level (product groups)${name}`, roots, groups.length);
    // The largest groups first: the slowest expansions.
    groups = [...groups].sort((a, b) => parseInt(b.description ?? '0', 10) - parseInt(a.description ?? '0', 10)).slice(0, 10);
    const expansions: number[] = [];
    let nodes = 0;
    for (const group of groups) {
      const [t, n] = request(index, 'events', group.id, filters);
      expansions.push(t);
      nodes = Math.max(nodes, n);
    }
    line(`events, expanding a product group (the 10 largest)${name}`, expansions, nodes);
    // A large group lists feature categories; expanding one lists its events with their badges.
    const categories = groups.flatMap((g) => explorerChildren(index, 'events', g.id, filters).nodes.filter((n) => n.kind === 'category').slice(0, 2));
    const below: number[] = [];
    let events = 0;
    for (const category of categories) {
      const [t, n] = request(index, 'events', category.id, filters);
      below.push(t);
      events = Math.max(events, n);
    }
    if (below.length) line(`events, expanding a category of those groups${name}`, below, events);
  }
  const frames: number[] = [];
  for (let i = 0; i < 10; i++) frames.push(request(index, 'metrics', undefined, {})[0]);
  line('metrics, first level (time frames)', frames, explorerChildren(index, 'metrics', undefined, {}).nodes.length);
}
