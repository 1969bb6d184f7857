// The mark a guessed value carries in a definition: `product_group: x # guessed: <reason>`. The
// "Create event definition" fix writes it; the guessed-product-group rule asks the author to confirm
// or change the value; metrics created from such an event copy the mark with the value.
import type { Range } from './model';
import type { RangedYaml } from './definitionYaml/rangedYaml';

export const GUESS_MARKER = 'guessed:';

/** The `product_group` value and its guess comment, with the range from the value's end to the comment's end. */
export function productGroupGuess(yaml: RangedYaml): { group: string; reason: string; valueRange: Range; markerRange: Range } | undefined {
  const value = yaml.scalarAt(['product_group']);
  if (!value || typeof value.value !== 'string') return undefined;
  const comment = value.comment?.trim();
  if (!comment?.startsWith(GUESS_MARKER)) return undefined;
  const [start, valueEnd] = value.range;
  // The comment is on the value's line: from the value's end to the end of that line.
  const lineEnd = yaml.text.indexOf('\n', valueEnd);
  const markerEnd = lineEnd < 0 ? yaml.text.length : lineEnd > 0 && yaml.text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  if (!yaml.text.slice(valueEnd, markerEnd).includes(`# ${GUESS_MARKER}`)) return undefined;
  return {
    group: value.value,
    reason: comment.slice(GUESS_MARKER.length).trim(),
    valueRange: yaml.lines.range(start, valueEnd),
    markerRange: yaml.lines.range(valueEnd, markerEnd),
  };
}

/** The comment that marks a guessed value, after the value on its line. */
export function guessComment(reason: string): string {
  return ` # ${GUESS_MARKER} ${reason}`;
}
