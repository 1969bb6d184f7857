// GitLab's rule for an event's additional properties (spec §1.4): custom keys are accepted only
// next to `label` and `property`, or next to `value`. Read by the builders of new definitions (which
// declare the missing companions) and by unknown-event (which says what the definition will need).

export const BASE_PROPERTIES = ['label', 'property', 'value'];

/** Whether custom keys may stand next to `keys`. */
export function allowsCustomKeys(keys: string[]): boolean {
  return (keys.includes('label') && keys.includes('property')) || keys.includes('value');
}

/** The base properties that make custom keys legal next to `keys`: the missing half of label+property, else value. */
export function companionsFor(keys: string[]): string[] {
  if (allowsCustomKeys(keys) || keys.every((k) => BASE_PROPERTIES.includes(k))) return [];
  if (keys.includes('label')) return ['property'];
  if (keys.includes('property')) return ['label'];
  return ['value'];
}
