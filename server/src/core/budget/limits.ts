// The per-file budget: how deep, how long and how large one file's input may be before its work is
// cut short with a diagnostic on the file. The parsers we use recurse per nesting level (Prism in a
// 64 KiB WebAssembly stack that it overflows silently, Babel on the JS stack, `yaml` when turning
// keys into strings), so depth is bounded before parsing, by cheap scans over the text.
import type { Diagnostic, Range } from '../model';

export const BUDGET = {
  /** Flow and block nesting of a YAML definition (GitLab's go 4 deep). */
  yamlDepth: 64,
  /** Source characters of one mapping key (YAML itself allows 1,024 for an implicit key). */
  yamlKeyChars: 1024,
  /**
   * Ruby nesting (blocks, brackets, if/def/class…). Prism runs out of stack at 95-140 levels
   * depending on the construct, and never returns from some of those parses.
   */
  rubyDepth: 80,
  /** JS/TS bracket nesting: 300 costs Babel 150 ms, 1,000 overflows its stack and takes seconds. */
  jsDepth: 200,
  /** One diagnostic message, in characters (a stringified key once made a 3 MB message). */
  messageChars: 500,
} as const;

/** A message cut to the budget, saying that it was cut. */
export function capMessage(message: string, max: number = BUDGET.messageChars): string {
  if (message.length <= max) return message;
  const suffix = '… (message shortened)';
  return message.slice(0, max - suffix.length) + suffix;
}

export function withCappedMessage(d: Diagnostic): Diagnostic {
  return d.message.length <= BUDGET.messageChars ? d : { ...d, message: capMessage(d.message) };
}

/** Where a pre-scan found the input over budget, and the words for the file's diagnostic. */
export interface OverBudget {
  /** Offset where the limit was crossed. */
  offset: number;
  message: string;
}

export function overBudgetDiagnostic(over: OverBudget, rangeAt: (offset: number) => Range, code: Diagnostic['code']): Diagnostic {
  return { range: rangeAt(over.offset), severity: 'warning', code, message: over.message };
}
