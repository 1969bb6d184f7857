// Event names built at run time from literal pieces ("click_#{kind}_button", `view_${page}`) are
// not checked, but they are not nothing either: the pieces say which defined events the call may
// track. A pattern is the name with `*` for each run-time part, e.g. `click_*_button`. It stops an
// event that such a call may track from being reported as unused, and it lets hover and
// go-to-definition list the candidates.

/** One piece of a name as written: literal text, or null for a part only known at run time. */
export type NamePart = string | null;

/** Fewer literal characters than this match too much to mean anything (`#{a}_#{b}`). */
const MIN_LITERAL_CHARS = 4;
/** Event names are lowercase letters, digits and underscores; other literal text matches none. */
const NAME_CHARS = /^[a-z0-9_]*$/;

/**
 * The pattern of a name built from parts, or undefined when it says too little (no run-time part,
 * too few literal characters) or can match no event name (a literal outside [a-z0-9_]).
 */
export function patternOfParts(parts: readonly NamePart[]): string | undefined {
  let pattern = '';
  let literal = 0;
  let runtime = false;
  for (const part of parts) {
    if (part === null) {
      if (!pattern.endsWith('*')) pattern += '*';
      runtime = true;
    } else {
      if (!NAME_CHARS.test(part)) return undefined;
      pattern += part;
      literal += part.length;
    }
  }
  return runtime && literal >= MIN_LITERAL_CHARS ? pattern : undefined;
}

const compiled = new Map<string, RegExp>();

/** True when a run-time value could make the pattern equal `name` (`*` stands for one or more characters). */
export function patternMatches(pattern: string, name: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    // Only [a-z0-9_*] reach here, so no other character needs escaping.
    re = new RegExp(`^${pattern.split('*').join('[a-z0-9_]+')}$`);
    if (compiled.size > 5000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.test(name);
}
