// Which parts of a Ruby file's syntax tree the walk may skip: those holding no token it acts on.
import { SHARED_EXAMPLE_NAMES } from './rspec';
import type { Node, SourceRanges } from './nodes';

/**
 * Where in the text something we act on may start: a method name we look for, or a constant
 * assignment. The walk skips every subtree whose range holds none of them, which is most of a
 * file (Prism's parse dominates the cost; walking all of it would add as much again).
 */
export class TokenFilter {
  private readonly offsets: number[] = [];
  /** False when skipping is unsafe and every node must be visited. */
  private readonly enabled: boolean;

  constructor(
    text: string,
    private readonly ranges: SourceRanges,
    /** Method names to look for instead of the tracking forms (the file's wrapper methods). */
    only?: string[],
  ) {
    // Heredoc bodies (and their interpolations) lie outside the range of the call they are
    // passed to, so a file with heredocs is walked in full. Trees recovered from syntax errors
    // keep children inside their parents (checked by fuzzing: same sites with and without it).
    this.enabled = !/<<[~-]?["'`A-Za-z_]/.test(text);
    if (!this.enabled) return;
    if (only) {
      const pattern = new RegExp(only.map((n) => `\\b${n.replace(/[?!]/g, '\\$&')}`).join('|'), 'g');
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) this.offsets.push(m.index);
      return;
    }
    const names = ['track_internal_event', 'track_event', 'trigger_internal_events', 'increment_usage_metrics'];
    const matchers = text.includes('trigger_internal_events');
    if (matchers) names.push('\\bwith\\b');
    // Lets feed the shared examples, and matchers naming a let (`trigger_internal_events(event_name)`).
    if (matchers || SHARED_EXAMPLE_NAMES.some((n) => text.includes(n))) {
      names.push('\\blet', 'it_behaves_like', 'include_examples', 'it_should_behave_like');
    }
    if (/event[-_]tracking/.test(text)) names.push('event[-_]tracking'); // data hashes in view code
    // Over-matching (`track_event` inside `track_events`, `X == y`) only costs a few extra visits.
    const pattern = new RegExp(`${names.join('|')}|[A-Z]\\w*\\s*=`, 'g');
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) this.offsets.push(m.index);
  }

  /** Whether the node's range contains a token start (always true when filtering is off). */
  mayContain(node: Node): boolean {
    if (!this.enabled) return true;
    const start = this.ranges.offset(node.location.startOffset);
    const end = this.ranges.offset(node.location.startOffset + node.location.length);
    // First token at or after `start`.
    let lo = 0;
    let hi = this.offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.offsets.length && this.offsets[lo] < end;
  }
}
