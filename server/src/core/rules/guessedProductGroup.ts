// A product group the "Create event definition" fix guessed from the code around the call is
// written with a `# guessed: <reason>` comment (guessMarker.ts): it stays a question until the
// author confirms it (drops the comment) or changes it.
import type { EventDefinition, MetricDefinition } from '../definitions';
import { productGroupGuess } from '../guessMarker';
import type { FileRule } from './types';

export const guessedProductGroup: FileRule<EventDefinition | MetricDefinition> = {
  code: 'guessed-product-group',
  check(_def, yaml) {
    const guess = productGroupGuess(yaml);
    if (!guess) return [];
    return [
      {
        range: guess.valueRange,
        severity: 'information',
        code: 'guessed-product-group',
        message: `Product group '${guess.group}' is a guess (${guess.reason}): confirm it or change it.`,
        data: { group: guess.group },
      },
    ];
  },
};
