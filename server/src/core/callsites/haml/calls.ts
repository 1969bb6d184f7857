// Event names a HAML template hands to another file: a partial's local
// (`= render 'shared/groups_projects/settings/restore', tracking_event: 'trigger_restore_on_group'`,
// also `render partial: '…', locals: { … }`) or a view helper's keyword
// (`= restore_button(tracking_event: 'x')`). Whether the partial or helper really puts the value in
// a data hash is only known from that file, so these are candidates: the index keeps one as a call
// site when the target passes it on (passedOnNames.ts), and drops it otherwise. Only locals and
// keywords named for it (EVENT_NAME_WORDS: `tracking_event`, `track_event`, `event_tracking…`) are
// candidates, so an ordinary `title: 'x'` never becomes an event name.
import * as path from 'node:path';
import type { RubyContainer, RubyEntry, RubyItem, ResolveName } from './hash';
import { entryOf, eventNamesOf } from './hash';
import type { RubyToken } from './lexer';
import type { RawSite } from '../js/sites';

/** Rails' view folders, the EE one first (an EE build prepends it). */
const VIEW_ROOTS = ['ee/app/views', 'app/views'];
const PARTIAL_EXTENSIONS = ['.html.haml', '.haml'];
const IN_VIEW_FOLDER = /^(?:ee\/|jh\/)?app\/views\/(.+)$/;

/**
 * The words a local or keyword carrying an event name is named with (`tracking_event`,
 * `track_event`, `event_tracking_name`); also the file-level needles (index.ts), so a template
 * is read exactly when it may hold one.
 */
export const EVENT_NAME_WORDS = ['tracking_event', 'track_event', 'event_tracking'];

/** Text that may hold a data attribute or a local or keyword carrying an event name. */
export const MENTIONS_TRACKING = /event[-_]tracking|tracking_event|track_event/;

/** True for a local or keyword whose name says it carries a tracking event (not a data attribute itself). */
export function carriesEventName(key: string): boolean {
  const k = key.replace(/-/g, '_');
  return EVENT_NAME_WORDS.some((w) => k.includes(w)) && !k.startsWith('data');
}

/** A partial's file name: `_restore.html.haml` and the like. */
export function isPartialFile(rel: string): boolean {
  return path.posix.basename(rel).startsWith('_');
}

/**
 * The files `render name` may render from `template`, in Rails' lookup order: a name with a
 * folder (`shared/x/restore`) from the view roots, a bare one (`restore`) from the template's own
 * folder; the file is `_restore.html.haml` (or `.haml`) in each view root.
 */
export function partialCandidates(template: string, name: string): string[] {
  let logical = name.replace(/^\//, '');
  if (!logical.includes('/')) {
    const inViews = IN_VIEW_FOLDER.exec(template);
    if (!inViews) return [];
    logical = path.posix.join(path.posix.dirname(inViews[1]), logical);
  }
  const folder = path.posix.dirname(logical);
  const file = `${folder === '.' ? '' : `${folder}/`}_${path.posix.basename(logical)}`;
  return VIEW_ROOTS.flatMap((root) => PARTIAL_EXTENSIONS.map((ext) => `${root}/${file}${ext}`));
}

/** A bare method call found in a region: its name and its arguments as entries. */
interface BareCall {
  method: string;
  args: RubyEntry[];
}

/**
 * Bare calls of a region (no receiver): `name(args)` anywhere, and a command call without
 * parentheses (`= render 'x', k: v`) when it starts the region.
 */
function bareCalls(tokens: RubyToken[], containers: RubyContainer[]): BareCall[] {
  const out: BareCall[] = [];
  const byStart = new Map(containers.filter((c) => c.bracket === '(').map((c) => [c.span[0], c]));
  tokens.forEach((token, i) => {
    if (token.kind !== 'identifier') return;
    const before = tokens[i - 1];
    if (before?.kind === 'operator' && ['.', '::', '@', '&'].includes(before.text)) return; // a receiver's method, or @ivar
    const next = tokens[i + 1];
    const parens = next?.kind === 'open' && next.start === token.end ? byStart.get(next.start) : undefined;
    if (parens) out.push({ method: token.text, args: parens.entries });
    else if (i === 0 && next && next.kind !== 'operator' && next.kind !== 'comma' && next.kind !== 'close') {
      const top = containers.find((c) => c.bracket === null);
      const [first, ...rest] = top?.entries ?? [];
      if (first && first.key === null && 'token' in first.value[0] && first.value[0].token === token) {
        out.push({ method: token.text, args: [...entryOf(first.value.slice(1)), ...rest] });
      }
    }
  });
  return out;
}

function stringValue(items: RubyItem[]): string | undefined {
  const only = items.length === 1 && 'token' in items[0] ? items[0].token : null;
  return only?.kind === 'string' && !only.interpolated && !only.unterminated ? only.text : undefined;
}

function hashEntries(items: RubyItem[]): RubyEntry[] {
  const only = items.length === 1 && 'container' in items[0] ? items[0].container : null;
  return only?.bracket === '{' ? only.entries : [];
}

/** `render 'p', locals…` / `render partial: 'p', locals: {…}`: the partial's name and its locals. */
function renderedPartial(args: RubyEntry[]): { name: string; locals: RubyEntry[] } | null {
  const options = new Map(args.filter((a) => a.key !== null).map((a) => [a.key!, a]));
  const partialOption = options.get('partial');
  if (partialOption) {
    const name = stringValue(partialOption.value);
    const locals = options.get('locals');
    return name ? { name, locals: locals ? hashEntries(locals.value) : [] } : null;
  }
  const first = args[0];
  const name = first && first.key === null ? stringValue(first.value) : undefined;
  return name ? { name, locals: args.slice(1) } : null;
}

/** The candidate sites a region's partial renders and helper calls give. */
export function passedOnSites(tokens: RubyToken[], containers: RubyContainer[], template: string, resolve: ResolveName): RawSite[] {
  const sites: RawSite[] = [];
  const add = (entries: RubyEntry[], kind: RawSite['kind'], passedOn: (name: string, value: string) => RawSite['passedOn']) => {
    for (const entry of entries) {
      if (entry.key === null || entry.splat || !carriesEventName(entry.key)) continue;
      for (const name of eventNamesOf(entry, resolve)) {
        if (name.event === null) continue; // only a value the template writes down can be followed
        // Unconfirmed until the index has read the target: a dynamic site until then.
        const { local: _local, event: _event, dynamic: _dynamic, ...written } = name;
        sites.push({ kind, event: null, dynamic: true, ...written, properties: [], argsOpaque: true, passedOn: passedOn(entry.key, name.event) });
      }
    }
  };
  for (const call of bareCalls(tokens, containers)) {
    if (call.method === 'render') {
      const partial = renderedPartial(call.args);
      const files = partial ? partialCandidates(template, partial.name) : [];
      if (partial && files.length) add(partial.locals, 'haml.partial_local', (name, value) => ({ value, via: 'partial', name, partialFiles: files }));
    } else {
      add(call.args, 'haml.helper_argument', (name, value) => ({ value, via: 'helper', name, method: call.method }));
    }
  }
  return sites;
}
