// The Internal Events view's tree, one level per call: the children of a node (or the first
// level) as a function of the index and the view's filters. No tree is kept between calls; only
// the definitions' facts are, until the index changes (FactsCache), so an answer always reflects
// the index as it is now.
import type { ProjectIndex } from '../projectIndex';
import { FactsCache } from './filters';
import { eventChildren, eventRoots } from './eventsTree';
import { metricChildren, metricRoots } from './metricsTree';
import { decodeId, type ExplorerAnswer, type ExplorerFilters, type ExplorerView } from './types';

export type { ExplorerAnswer, ExplorerFilters, ExplorerNode, ExplorerView, EventGrouping, NodeKind, NodeFlag } from './types';

export function explorerChildren(index: ProjectIndex, view: ExplorerView, parentId: string | undefined, filters: ExplorerFilters): ExplorerAnswer {
  const facts = FactsCache.for(index);
  const parent = decodeId(parentId);
  if (parentId && !parent) return { nodes: [] }; // an id from another version of the server
  if (view === 'metrics') return parent ? { nodes: metricChildren(index, parent, filters, facts) } : metricRoots(index, filters, facts);
  return parent ? { nodes: eventChildren(index, parent, filters, facts) } : eventRoots(index, filters, facts);
}
