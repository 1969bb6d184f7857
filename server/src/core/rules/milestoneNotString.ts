// YAML reads an unquoted 16.10 as the number 16.1: say so, with the text as it was written.
import type { Diagnostic } from '../model';
import type { RangedYaml } from '../definitionYaml/rangedYaml';

export const MILESTONE_KEYS = ['milestone', 'milestone_removed'];

export function milestoneNotString(yaml: RangedYaml): Diagnostic[] {
  const value = (yaml.value ?? {}) as Record<string, unknown>;
  const out: Diagnostic[] = [];
  for (const key of MILESTONE_KEYS) {
    if (typeof value[key] !== 'number') continue;
    const written = yaml.sourceOf([key]) ?? String(value[key]);
    const readAs = String(value[key]);
    const lost = written !== readAs ? ` YAML reads ${written} as the number ${readAs}.` : '';
    out.push({
      range: yaml.valueRange([key])!,
      severity: 'error',
      code: 'milestone-not-string',
      message: `${key} must be a quoted string such as '${written}'.${lost}`,
      data: { key, written },
    });
  }
  return out;
}
