// Confirms the event names templates hand to other files (callsites/haml/calls.ts): a partial's
// local (`render 'shared/x/restore', tracking_event: 'e'`) counts when the partial Rails would
// render puts that local in a data hash (`data: { event_tracking: tracking_event }`); a helper's
// keyword (`restore_button(tracking_event: 'e')`) when a method of that name in app/helpers puts
// that keyword parameter in one. The partials and helpers are read from their current text, once
// each until they change; each resolution names the files it consulted, so the index re-resolves
// the templates when one of them changes (as importedConstants.ts does for JS imports).
import type { PassedOnName } from './model';
import { findHamlPassThroughs } from './callsites/haml';
import { findRubyHelperPassThroughs } from './callsites/ruby/index';
import type { ImportResolution } from './importedConstants';

/** The `consulted` entry standing for "every view helper file": a helper may move to any of them. */
export const VIEW_HELPERS_KEY = 'view-helpers:';

/** Larger files are not partials or helpers anyone hands event names to; they are not read. */
const MAX_FILE_CHARS = 512 * 1024;

export interface PassedOnResolution extends ImportResolution {
  /** The partial or helper file that passes the value on. */
  target?: string;
}

export class PassedOnNames {
  /** Locals each partial passes on; null when the file is missing or too large. */
  private readonly partials = new Map<string, Set<string> | null>();
  /** Keyword parameters each helper file's methods pass on, by method. */
  private readonly helpers = new Map<string, Map<string, Set<string>>>();

  /**
   * readText: a workspace file's current text. helperFiles: the workspace's view helper files
   * (app/helpers, ee/app/helpers), kept current by the index.
   */
  constructor(
    private readonly readText: (rel: string) => string | undefined,
    private readonly helperFiles: () => Iterable<string>,
  ) {}

  forget(rel: string): void {
    this.partials.delete(rel);
    this.helpers.delete(rel);
  }

  resolve(p: PassedOnName): PassedOnResolution {
    return p.via === 'partial' ? this.throughPartial(p) : this.throughHelper(p);
  }

  /** The first candidate file that exists is the one Rails renders; it passes the local on or not. */
  private throughPartial(p: PassedOnName): PassedOnResolution {
    const consulted: string[] = [];
    for (const file of p.partialFiles ?? []) {
      consulted.push(file);
      const locals = this.localsOf(file);
      if (locals === null) continue;
      return locals.has(p.name) ? { value: p.value, consulted, target: file } : { value: null, consulted };
    }
    return { value: null, consulted };
  }

  private throughHelper(p: PassedOnName): PassedOnResolution {
    const consulted = [VIEW_HELPERS_KEY];
    for (const file of this.helperFiles()) {
      if (this.keywordsOf(file).get(p.method ?? '')?.has(p.name)) return { value: p.value, consulted, target: file };
    }
    return { value: null, consulted };
  }

  private localsOf(file: string): Set<string> | null {
    if (this.partials.has(file)) return this.partials.get(file)!;
    const text = this.readText(file);
    const locals = text === undefined || text.length > MAX_FILE_CHARS ? null : findHamlPassThroughs(text);
    this.partials.set(file, locals);
    return locals;
  }

  private keywordsOf(file: string): Map<string, Set<string>> {
    let keywords = this.helpers.get(file);
    if (!keywords) {
      const text = this.readText(file);
      // Most helpers have no data attribute at all: they are not parsed.
      const relevant = text !== undefined && text.length <= MAX_FILE_CHARS && /event[-_]tracking/.test(text);
      keywords = relevant ? findRubyHelperPassThroughs(text, file) : new Map();
      this.helpers.set(file, keywords);
    }
    return keywords;
  }
}
