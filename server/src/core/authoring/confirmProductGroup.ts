// Quick fixes on guessed-product-group: keep the guess (drop its `# guessed:` mark) or change it
// (the editor asks which group, from the workspace schema's list, and replaces value and mark).
import type { Diagnostic } from '../model';
import { productGroupGuess } from '../guessMarker';
import type { ProjectIndex } from '../projectIndex';
import { schemaInfoAt } from '../schemaInfo';
import { YamlFile } from '../yamlFile';
import type { AuthoringFix } from './types';

export function productGroupGuessFixes(index: ProjectIndex, rel: string, text: string, diagnostic: Diagnostic): AuthoringFix[] {
  const guess = productGroupGuess(new YamlFile(text));
  if (!guess) return [];
  const kind = index.classify(rel) === 'metric' ? 'metric' : 'event';
  const groups = schemaInfoAt(index.schemas, kind, ['product_group']).enumValues.slice().sort();
  return [
    {
      title: `Confirm product group '${guess.group}'`,
      diagnostic,
      preferred: true,
      changes: [{ kind: 'edit', path: rel, edits: [{ range: guess.markerRange, newText: '' }] }],
    },
    {
      title: 'Change product group…',
      diagnostic,
      changes: [],
      clientCommand: { command: 'changeProductGroup', path: rel, range: { start: guess.valueRange.start, end: guess.markerRange.end }, choices: groups, current: guess.group },
    },
  ];
}
