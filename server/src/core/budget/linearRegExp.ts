// Schemas are workspace input, so their `pattern`s are untrusted: with JavaScript's backtracking
// engine `^([a-z_]+)+$` against a 35-character action takes minutes. Ajv compiles every pattern
// (`pattern`, `patternProperties`) with this instead: RE2's automata, linear in the input.
import { RE2JS } from 're2js';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types';

function compileLinear(pattern: string, flags: string): RegExpLike & { toString(): string } {
  // Ajv passes "u" (Unicode) for every pattern; RE2 is always Unicode-aware.
  void flags;
  try {
    const compiled = RE2JS.compile(pattern);
    // Ajv keys its compiled patterns by toString(): each needs its own, like a RegExp's.
    return { test: (s: string) => compiled.test(s), toString: () => `/${pattern}/u` };
  } catch (e) {
    throw new Error(
      `pattern '${pattern}' uses syntax a linear-time regular expression engine does not run (look-around, back-references): ${(e as Error).message}`,
    );
  }
}

/** Ajv's `code.regExp`: how it compiles schema patterns. */
export const linearRegExp: RegExpEngine = Object.assign(compileLinear, { code: 'linearRegExp' });
